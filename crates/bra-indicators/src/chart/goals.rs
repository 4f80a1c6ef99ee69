//! Goals: one row per goal, its progress towards the target against the progress expected
//! by now (a straight path from baseline to deadline), coloured by status. Reads the output of
//! `bra goals` (DESIGN.md: `goal,indicator,area,baseline_period,baseline,target,deadline,
//! latest_period,latest,progress,expected_progress,projected,status,significant,milestone`,
//! and `title` where present).

use super::canvas::{Canvas, Font, Frame, LegendItem, Mark, Rect, Scale};
use super::text::source_line;
use super::theme::{self, Dash, size};
use crate::error::Result;
use crate::format::{Lang, format_percent};
use crate::goals::GoalStatus;
use crate::indicators::chart_data::{GoalBar, GoalsChartData};
use crate::labels::chart as phrase;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// A status's label on the chart: Uppnått, I fas, Risk, Ej i fas, Ej uppnått, Data saknas.
///
/// ```
/// use bra_indicators::{GoalStatus, Lang};
/// use bra_indicators::chart::goal_status_label;
/// assert_eq!(goal_status_label(GoalStatus::OffTrack, Lang::Sv), "Ej i fas");
/// assert_eq!(goal_status_label(GoalStatus::OffTrack, Lang::En), "Off track");
/// ```
pub fn goal_status_label(status: GoalStatus, lang: Lang) -> &'static str {
    match status {
        GoalStatus::Achieved => phrase::ACHIEVED.get(lang),
        GoalStatus::OnTrack => phrase::ON_TRACK.get(lang),
        GoalStatus::AtRisk => phrase::AT_RISK.get(lang),
        GoalStatus::OffTrack => phrase::OFF_TRACK.get(lang),
        GoalStatus::Missed => phrase::MISSED.get(lang),
        GoalStatus::NoData => phrase::NO_DATA.get(lang),
    }
}

/// A status's colour: greens for achieved and on track, amber for at risk, reds for off
/// track and missed, grey without data (by analogy with the Fingertips colours).
pub fn goal_status_colour(status: GoalStatus) -> RGBColor {
    match status {
        GoalStatus::Achieved => theme::hex("#00B050"),
        GoalStatus::OnTrack => theme::hex("#92D050"),
        GoalStatus::AtRisk => theme::hex("#FFC000"),
        GoalStatus::OffTrack => theme::hex("#C00000"),
        GoalStatus::Missed => theme::hex("#7F0000"),
        GoalStatus::NoData => theme::hex("#C9C9C9"),
    }
}

impl GoalsChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::Chart`](crate::error::Error::Chart) if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let lang = self.lang;
        let c = Canvas::new(area)?;
        let mut legend: Vec<LegendItem> = GoalStatus::ALL
            .iter()
            .filter(|s| self.goals.iter().any(|g| g.status == **s))
            .map(|s| {
                LegendItem::new(
                    Mark::Bar(goal_status_colour(*s)),
                    goal_status_label(*s, lang),
                )
            })
            .collect();
        legend.push(LegendItem::new(
            Mark::Tick(theme::TEXT),
            phrase::EXPECTED_BY_NOW.get(lang),
        ));
        let inner = c.frame(&Frame {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            legend,
            source: source_line(&self.source, lang),
            note: phrase::N_0_BASELINE_100_TARGET
                .get(lang)
                .replace(" %", "\u{a0}%"),
        })?;
        if self.goals.is_empty() {
            c.text(
                phrase::NO_GOALS_TO_SHOW.get(lang),
                ((inner.x0 + inner.x1) / 2.0, (inner.y0 + inner.y1) / 2.0),
                &Font::new(size::SUBTITLE, theme::MUTED),
                HPos::Center,
                VPos::Center,
            )?;
            return Ok(());
        }

        let (lo, hi) = self.progress_domain();
        let fonts = RowFonts::new();
        let (labels, label_w, status_w) = self.row_texts(&c, inner, &fonts)?;
        let (_, tick_h) = c.measure("0", &fonts.tick)?;
        let (_, axis_h) = c.measure("Åg", &fonts.axis)?;
        let plot = Rect::new(
            inner.x0 + label_w + c.px(12.0),
            inner.y0,
            inner.x1 - status_w - c.px(12.0),
            inner.y1 - tick_h - c.px(8.0) - axis_h - c.px(6.0),
        );
        let x = Scale::linear(lo, hi, plot.x0, plot.x1);
        self.progress_axis(&c, inner, plot, &x, &fonts)?;
        let row_h = plot.height() / self.goals.len() as f64;
        let rows = Rows {
            inner,
            x,
            lo,
            hi,
            bar_h: (row_h * 0.5).min(c.px(22.0)),
        };
        for (i, g) in self.goals.iter().enumerate() {
            let cy = plot.y0 + row_h * (i as f64 + 0.5);
            if i > 0 {
                let y = plot.y0 + row_h * i as f64;
                c.line(
                    &[(inner.x0, y), (inner.x1, y)],
                    theme::GRID,
                    1.0,
                    Dash::Solid,
                )?;
            }
            self.draw_row(&c, &rows, g, &labels[i], cy, &fonts)?;
        }
        Ok(())
    }

    /// The x domain: progress in percent of the way, at least 0..100 %, at most −50..150 %.
    fn progress_domain(&self) -> (f64, f64) {
        let values = self
            .goals
            .iter()
            .flat_map(|g| g.progress.into_iter().chain(g.expected));
        let (pmin, pmax) = values.fold((0.0_f64, 1.0_f64), |(a, b), v| (a.min(v), b.max(v)));
        let lo = ((pmin.max(-0.5) * 4.0).floor() / 4.0).min(0.0);
        let hi = ((pmax.min(1.5) * 4.0).ceil() / 4.0).max(1.0);
        (lo, hi)
    }

    /// Each row's label and detail, shortened to fit; the widest of them and the widest
    /// status.
    fn row_texts<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        fonts: &RowFonts,
    ) -> Result<(Vec<RowText>, f64, f64)> {
        let label_w_max = inner.width() * 0.36;
        let mut label_w: f64 = 0.0;
        let mut labels = Vec::new();
        for g in &self.goals {
            let l = c.ellipsize(&g.label, &fonts.label, label_w_max)?;
            let d = c.ellipsize(&g.detail, &fonts.detail, label_w_max)?;
            label_w = label_w
                .max(c.measure(&l, &fonts.label)?.0)
                .max(c.measure(&d, &fonts.detail)?.0);
            labels.push((l, d));
        }
        let mut status_w: f64 = 0.0;
        for g in &self.goals {
            status_w = status_w.max(
                c.measure(goal_status_label(g.status, self.lang), &fonts.status)?
                    .0,
            );
        }
        Ok((labels, label_w, status_w))
    }

    /// The vertical grid every 25 %, its labels and the axis title.
    fn progress_axis<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        plot: Rect,
        x: &Scale,
        fonts: &RowFonts,
    ) -> Result<()> {
        let lang = self.lang;
        let (lo, hi) = (x.lo, x.hi);
        let mut t = lo;
        while t <= hi + 1e-9 {
            let px = x.map(t);
            let colour = if t.abs() < 1e-9 || (t - 1.0).abs() < 1e-9 {
                theme::AXIS
            } else {
                theme::GRID
            };
            c.line(&[(px, plot.y0), (px, plot.y1)], colour, 1.0, Dash::Solid)?;
            c.text(
                &format_percent(t * 100.0, 0, lang),
                (px, plot.y1 + c.px(6.0)),
                &fonts.tick,
                HPos::Center,
                VPos::Top,
            )?;
            t += 0.25;
        }
        c.text(
            phrase::SHARE_OF_THE_WAY_FROM.get(lang),
            ((plot.x0 + plot.x1) / 2.0, inner.y1),
            &fonts.axis,
            HPos::Center,
            VPos::Bottom,
        )?;
        Ok(())
    }

    /// One goal's row at height `cy`: label and detail, progress bar, expected tick, status.
    fn draw_row<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        rows: &Rows,
        g: &GoalBar,
        (label, detail): &(String, String),
        cy: f64,
        fonts: &RowFonts,
    ) -> Result<()> {
        let (inner, x, bar_h) = (rows.inner, &rows.x, rows.bar_h);
        if detail.is_empty() {
            c.text(
                label,
                (inner.x0, cy),
                &fonts.label,
                HPos::Left,
                VPos::Center,
            )?;
        } else {
            c.text(
                label,
                (inner.x0, cy - c.px(1.0)),
                &fonts.label,
                HPos::Left,
                VPos::Bottom,
            )?;
            c.text(
                detail,
                (inner.x0, cy + c.px(2.0)),
                &fonts.detail,
                HPos::Left,
                VPos::Top,
            )?;
        }
        if let Some(p) = g.progress {
            self.progress_bar(c, rows, g, p, cy)?;
        }
        if let Some(e) = g.expected {
            let px = x.map(e.clamp(rows.lo, rows.hi));
            c.line(
                &[(px, cy - bar_h * 0.85), (px, cy + bar_h * 0.85)],
                theme::TEXT,
                3.0,
                Dash::Solid,
            )?;
        }
        let status_colour = match g.status {
            GoalStatus::AtRisk => theme::hex("#B38600"),
            GoalStatus::NoData => theme::MUTED,
            GoalStatus::OnTrack => theme::hex("#4E8A1E"),
            s => goal_status_colour(s),
        };
        c.text(
            goal_status_label(g.status, self.lang),
            (inner.x1, cy),
            &Font::new(size::TICK, status_colour).bold(),
            HPos::Right,
            VPos::Center,
        )?;
        Ok(())
    }

    /// The bar of progress `p` (an arrow head where it runs off the axis) and its percentage:
    /// inside the bar at its end or start, wherever the expected-progress tick is not; else
    /// outside, beyond bar and tick.
    fn progress_bar<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        rows: &Rows,
        g: &GoalBar,
        p: f64,
        cy: f64,
    ) -> Result<()> {
        let (x, lo, hi, bar_h) = (&rows.x, rows.lo, rows.hi, rows.bar_h);
        let clipped = p.clamp(lo, hi);
        let (a, b) = (x.map(0.0), x.map(clipped));
        let bar = Rect::new(
            a.min(b),
            cy - bar_h / 2.0,
            a.max(b).max(a.min(b) + 1.0),
            cy + bar_h / 2.0,
        );
        c.fill_rect(bar, goal_status_colour(g.status), 1.0)?;
        if clipped != p {
            let dir = if p > hi { 1.0 } else { -1.0 };
            let tip = b + dir * c.px(9.0);
            c.polygon(
                &[(b, cy - bar_h / 2.0), (tip, cy), (b, cy + bar_h / 2.0)],
                goal_status_colour(g.status),
                1.0,
            )?;
        }
        let text = format_percent(p * 100.0, 0, self.lang);
        let inside = Font::new(size::SOURCE, theme::text_on(goal_status_colour(g.status))).bold();
        let outside = Font::new(size::SOURCE, theme::TEXT).bold();
        let (tw, _) = c.measure(&text, &inside)?;
        let tick = g.expected.map(|e| x.map(e.clamp(lo, hi)));
        let pad = c.px(5.0);
        let (end, start, beyond) = if p >= 0.0 {
            let far = tick.map_or(bar.x1, |t| t.max(bar.x1));
            (
                (bar.x1 - pad, HPos::Right),
                (bar.x0 + pad, HPos::Left),
                (far + pad, HPos::Left),
            )
        } else {
            let far = tick.map_or(bar.x0, |t| t.min(bar.x0));
            (
                (bar.x0 + pad, HPos::Left),
                (bar.x1 - pad, HPos::Right),
                (far - pad, HPos::Right),
            )
        };
        let clear = |(at, h): (f64, HPos)| {
            let x0 = if matches!(h, HPos::Left) { at } else { at - tw };
            let fits = x0 >= bar.x0 + pad * 0.5 && x0 + tw <= bar.x1 - pad * 0.5;
            let hits = tick.is_some_and(|t| t > x0 - pad && t < x0 + tw + pad);
            fits && !hits
        };
        let (spot, font) = if clear(end) {
            (end, inside)
        } else if clear(start) {
            (start, inside)
        } else {
            (beyond, outside)
        };
        c.text(&text, (spot.0, cy), &font, spot.1, VPos::Center)?;
        Ok(())
    }
}

/// A row's label and detail, as drawn.
type RowText = (String, String);

/// The fonts of a goals chart's rows and axis.
struct RowFonts {
    label: Font,
    detail: Font,
    tick: Font,
    axis: Font,
    status: Font,
}

impl RowFonts {
    fn new() -> Self {
        RowFonts {
            label: Font::new(size::TICK, theme::TEXT),
            detail: Font::new(size::SOURCE, theme::MUTED),
            tick: Font::new(size::TICK, theme::MUTED),
            axis: Font::new(size::AXIS_TITLE, theme::MUTED),
            status: Font::new(size::TICK, theme::TEXT).bold(),
        }
    }
}

/// Where the rows go: the frame's inner rectangle, the x scale and its domain, the bar height.
struct Rows {
    inner: Rect,
    x: Scale,
    lo: f64,
    hi: f64,
    bar_h: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, fixture};
    use crate::chart::{Chart, render_svg_string};
    use crate::goals::GoalResult;
    use crate::indicators::chart_data::{Selection, goal_marks, goals_data};
    use crate::period::Period;

    /// The goal results of the fixture (`bra goals` output).
    fn results() -> Vec<GoalResult> {
        let (name, bytes) = fixture("goals.csv");
        crate::report::outputs::read_goal_results_bytes(&name, &bytes).expect("reads")
    }

    #[test]
    fn builds_from_goal_results() {
        let d = goals_data(&results(), &Selection::default()).expect("builds");
        assert_eq!(d.goals.len(), 6);
        assert_eq!(d.subtitle, "Fagersta");
        let statuses: Vec<GoalStatus> = d.goals.iter().map(|g| g.status).collect();
        for s in GoalStatus::ALL {
            assert!(statuses.contains(&s), "{s:?} in the fixture");
        }
        let first = &d.goals[0];
        assert_eq!(first.progress, Some(0.4));
        assert_eq!(first.expected, Some(0.5));
        assert!(first.detail.contains("→ mål"), "{}", first.detail);
    }

    #[test]
    fn filters_and_errors() {
        let sel = Selection {
            indicator: Some("brott.misshandel".into()),
            ..Selection::default()
        };
        let d = goals_data(&results(), &sel).expect("builds");
        assert_eq!(d.goals.len(), 1);
        let sel = Selection {
            area: Some("Västerås".into()),
            ..Selection::default()
        };
        let err = goals_data(&results(), &sel).expect_err("none").to_string();
        assert_eq!(err, "no goals to draw in area 1980");
    }

    #[test]
    fn goal_marks_for_a_trend() {
        let results = results();
        let marks = goal_marks(&results, None, "Fagersta", "brott.totalt")
            .expect("reads")
            .expect("a goal");
        assert_eq!(marks.baseline, (Period::Year(2019), 11_976.0));
        assert_eq!(marks.target, 10_500.0);
        assert_eq!(marks.deadline, Period::Year(2026));
        assert_eq!(
            goal_marks(&results, None, "1980", "brott.totalt").expect("no goal"),
            None
        );
        let by_id = goal_marks(&results, Some("trygghet-kvall"), "", "").expect("by id");
        assert!(by_id.is_some());
    }

    #[test]
    fn svg_has_a_row_per_goal_with_status_colours() {
        let d = goals_data(&results(), &Selection::default()).expect("builds");
        let svg = render_svg_string(&Chart::Goals(d.clone()), (800, 600)).expect("renders");
        assert!(svg.contains("Måluppfyllelse"));
        for label in [
            "Uppnått",
            "I fas",
            "Risk",
            "Ej i fas",
            "Ej uppnått",
            "Data saknas",
        ] {
            assert!(
                svg.contains(&format!(">\n{label}\n<")) || svg.contains(label),
                "{label}"
            );
        }
        // One bar per goal with progress, in its status colour (+ the legend swatches).
        let with_progress = d.goals.iter().filter(|g| g.progress.is_some()).count();
        let bars: usize = GoalStatus::ALL
            .iter()
            .map(|s| {
                let RGBColor(r, g, b) = goal_status_colour(*s);
                count(&svg, "<rect", &format!("fill=\"#{r:02X}{g:02X}{b:02X}\""))
            })
            .sum();
        assert_eq!(bars, with_progress + GoalStatus::ALL.len());
        assert!(
            svg.contains("Minska våldet i centrum"),
            "a title from the file, with å"
        );
    }
}
