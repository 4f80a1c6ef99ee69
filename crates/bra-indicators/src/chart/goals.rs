//! Goals: one row per goal, its progress towards the target against the progress expected
//! by now (a straight path from baseline to deadline), coloured by status. Reads the output of
//! `bra goals` (DESIGN.md: `goal,indicator,area,baseline_period,baseline,target,deadline,
//! latest_period,latest,progress,expected_progress,projected,status,significant,milestone`,
//! and `title` where present).

use super::canvas::{Canvas, Font, Frame, LegendItem, Mark, Rect, Scale};
use super::data::{
    Records, Selection, ValueFormat, area_code, area_name, indicator_text, source_line,
};
use super::theme::{self, Dash, size};
use super::trend::GoalMarks;
use crate::error::{Error, Location, Result};
use crate::format::{Lang, format_percent};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// The status of a goal as `bra goals` reports it (METHODS.md, "SMART goals").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalChartStatus {
    /// The target is met (`achieved`, uppnått).
    Achieved,
    /// Progress at least as expected (`on track`, i fas).
    OnTrack,
    /// Some progress, less than expected (`at risk`, risk).
    AtRisk,
    /// No progress or moving away (`off track`, ej i fas).
    OffTrack,
    /// The deadline has passed without the target (`missed`, ej uppnått).
    Missed,
    /// No data after the baseline (`no data`, data saknas).
    NoData,
}

impl GoalChartStatus {
    const ALL: [GoalChartStatus; 6] = [
        GoalChartStatus::Achieved,
        GoalChartStatus::OnTrack,
        GoalChartStatus::AtRisk,
        GoalChartStatus::OffTrack,
        GoalChartStatus::Missed,
        GoalChartStatus::NoData,
    ];

    /// The code in `bra goals` output: `achieved`, `on track`, `at risk`, `off track`,
    /// `missed`, `no data`.
    pub fn code(self) -> &'static str {
        match self {
            GoalChartStatus::Achieved => "achieved",
            GoalChartStatus::OnTrack => "on track",
            GoalChartStatus::AtRisk => "at risk",
            GoalChartStatus::OffTrack => "off track",
            GoalChartStatus::Missed => "missed",
            GoalChartStatus::NoData => "no data",
        }
    }

    /// The label for people: uppnått, i fas, risk, ej i fas, ej uppnått, data saknas.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GoalChartStatus::Achieved => lang.pick("Uppnått", "Achieved"),
            GoalChartStatus::OnTrack => lang.pick("I fas", "On track"),
            GoalChartStatus::AtRisk => lang.pick("Risk", "At risk"),
            GoalChartStatus::OffTrack => lang.pick("Ej i fas", "Off track"),
            GoalChartStatus::Missed => lang.pick("Ej uppnått", "Missed"),
            GoalChartStatus::NoData => lang.pick("Data saknas", "No data"),
        }
    }

    /// The status from its code or Swedish label.
    ///
    /// ```
    /// use bra_indicators::chart::GoalChartStatus;
    /// assert_eq!(GoalChartStatus::parse("on track"), Some(GoalChartStatus::OnTrack));
    /// assert_eq!(GoalChartStatus::parse("ej i fas"), Some(GoalChartStatus::OffTrack));
    /// assert_eq!(GoalChartStatus::parse("maybe"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|st| {
            st.code().eq_ignore_ascii_case(s)
                || st.label(Lang::Sv).to_lowercase() == s.to_lowercase()
        })
    }

    /// The colour: greens for achieved and on track, amber for at risk, reds for off track
    /// and missed, grey without data (by analogy with the Fingertips colours).
    pub fn colour(self) -> RGBColor {
        match self {
            GoalChartStatus::Achieved => theme::hex("#00B050"),
            GoalChartStatus::OnTrack => theme::hex("#92D050"),
            GoalChartStatus::AtRisk => theme::hex("#FFC000"),
            GoalChartStatus::OffTrack => theme::hex("#C00000"),
            GoalChartStatus::Missed => theme::hex("#7F0000"),
            GoalChartStatus::NoData => theme::hex("#C9C9C9"),
        }
    }
}

/// One goal's row.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalBar {
    /// The goal's id.
    pub id: String,
    /// What the row says (the goal's title, or indicator and area).
    pub label: String,
    /// Progress towards the target: 0 at the baseline, 1 at the target.
    pub progress: Option<f64>,
    /// The progress expected by now on a straight path.
    pub expected: Option<f64>,
    /// The status.
    pub status: GoalChartStatus,
    /// Latest value and target, for people (`10 826 (2024) → 10 000 (2026)`).
    pub detail: String,
}

/// Everything a goals chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalsChartData {
    /// The title.
    pub title: String,
    /// The subtitle (the area, the date of the follow-up).
    pub subtitle: String,
    /// The goals, top to bottom.
    pub goals: Vec<GoalBar>,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

impl Default for GoalsChartData {
    fn default() -> Self {
        GoalsChartData {
            title: "Måluppfyllelse".to_string(),
            subtitle: String::new(),
            goals: Vec::new(),
            source: "Brå".to_string(),
            lang: Lang::Sv,
        }
    }
}

const EXPECTED: &str =
    "the output of bra goals (goal,indicator,area,...,progress,expected_progress,...,status)";

/// Builds a goals chart from the bytes of `bra goals` output. `sel.area` and `sel.indicator`
/// keep only the goals of that area or indicator; `sel.title` replaces the title.
///
/// # Errors
/// [`Error::Input`] naming the file, line and column for a missing column, a number that is
/// not one, or an unknown status; [`Error::InvalidArgument`] when no goal is left.
pub fn goals_data_from_csv(name: &str, bytes: &[u8], sel: &Selection) -> Result<GoalsChartData> {
    let lang = sel.lang;
    let rec = Records::parse(name, bytes)?;
    let goal = rec.require("goal", EXPECTED)?;
    let status = rec.require("status", EXPECTED)?;
    let progress = rec.require("progress", EXPECTED)?;
    let expected = rec.require("expected_progress", EXPECTED)?;
    let indicator = rec.column("indicator");
    let area = rec.column("area");
    let title = rec.column("title");
    let (latest, latest_period) = (rec.column("latest"), rec.column("latest_period"));
    let (target, deadline) = (rec.column("target"), rec.column("deadline"));
    let want_area = sel.area.as_deref().map(area_code);
    let mut goals = Vec::new();
    let mut areas = std::collections::BTreeSet::new();
    let mut sources = std::collections::BTreeSet::new();
    for (line, f) in &rec.rows {
        let get = |c: Option<usize>| c.map(|i| f[i].trim()).unwrap_or("");
        let a = area_code(get(area));
        if want_area.as_ref().is_some_and(|w| *w != a)
            || sel
                .indicator
                .as_deref()
                .is_some_and(|i| i != get(indicator))
        {
            continue;
        }
        let st = GoalChartStatus::parse(&f[status]).ok_or_else(|| {
            Error::input(
                Location::file(name).line(*line).field(&rec.header[status]),
                format!(
                    "expected a goal status (achieved, on track, at risk, off track, missed, no data), found \"{}\"",
                    f[status]
                ),
            )
        })?;
        let text = indicator_text(get(indicator), lang, false);
        sources.insert(text.source.clone());
        if !a.is_empty() {
            areas.insert(a.clone());
        }
        let label = match get(title) {
            "" => [
                text.name.clone(),
                if a.is_empty() {
                    String::new()
                } else {
                    area_name(&a, lang)
                },
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
            t => t.to_string(),
        };
        let num = |c: Option<usize>| match c {
            Some(i) => rec.number(*line, f, i),
            None => Ok(None),
        };
        let (latest_v, target_v) = (num(latest)?, num(target)?);
        let format = ValueFormat::for_values(latest_v.into_iter().chain(target_v), text.percent);
        let mut detail = String::new();
        if let Some(v) = latest_v {
            detail = format!("{} ({})", format.format(v, lang), get(latest_period));
        }
        if let Some(t) = target_v {
            if !detail.is_empty() {
                detail.push_str(" → ");
            }
            detail.push_str(&format!(
                "{} {} ({})",
                lang.pick("mål", "target"),
                format.format(t, lang),
                get(deadline)
            ));
        }
        goals.push(GoalBar {
            id: f[goal].clone(),
            label: if label.is_empty() {
                f[goal].clone()
            } else {
                label
            },
            progress: rec.number(*line, f, progress)?,
            expected: rec.number(*line, f, expected)?,
            status: st,
            detail: detail.replace(" ()", ""),
        });
    }
    if goals.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{name}: no goals to draw for this selection"
        )));
    }
    let subtitle = if areas.len() == 1 {
        areas
            .iter()
            .next()
            .map(|a| area_name(a, lang))
            .unwrap_or_default()
    } else {
        String::new()
    };
    Ok(GoalsChartData {
        title: sel.title.clone().unwrap_or_else(|| {
            lang.pick("Måluppfyllelse", "Progress towards the goals")
                .to_string()
        }),
        subtitle,
        goals,
        source: sel
            .source
            .clone()
            .unwrap_or_else(|| sources.into_iter().collect::<Vec<_>>().join(", ")),
        lang,
    })
}

/// The marks of one goal for a trend chart, from the bytes of `bra goals` output: the goal
/// `goal_id`, or the only goal on `indicator` in `area`. `None` when no goal matches.
///
/// # Errors
/// [`Error::Input`] for missing columns or bad cells; [`Error::InvalidArgument`] when several
/// goals match and none is named.
pub fn goal_marks_from_csv(
    name: &str,
    bytes: &[u8],
    goal_id: Option<&str>,
    area: &str,
    indicator: &str,
) -> Result<Option<GoalMarks>> {
    let rec = Records::parse(name, bytes)?;
    let cols = [
        "goal",
        "indicator",
        "area",
        "baseline_period",
        "baseline",
        "target",
        "deadline",
    ]
    .map(|c| rec.require(c, EXPECTED));
    let [goal, ind, ar, bp, b, t, d] = cols;
    let (goal, ind, ar, bp, b, t, d) = (goal?, ind?, ar?, bp?, b?, t?, d?);
    let area = area_code(area);
    let matching: Vec<&(u64, Vec<String>)> = rec
        .rows
        .iter()
        .filter(|(_, f)| match goal_id {
            Some(id) => f[goal] == id,
            None => f[ind] == indicator && area_code(&f[ar]) == area,
        })
        .collect();
    let row = match matching.as_slice() {
        [] => return Ok(None),
        [one] => one,
        more => {
            return Err(Error::InvalidArgument(format!(
                "{name}: several goals on {indicator} in {area} ({}): choose one with --goal",
                more.iter()
                    .map(|(_, f)| f[goal].as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    };
    let (line, f) = (row.0, &row.1);
    let missing = |what: &str| {
        Error::input(
            Location::file(name).line(line),
            format!("goal {}: {what} is empty: expected a value", f[goal]),
        )
    };
    Ok(Some(GoalMarks {
        baseline: (
            rec.period(line, f, bp)?
                .ok_or_else(|| missing("baseline_period"))?,
            rec.number(line, f, b)?.ok_or_else(|| missing("baseline"))?,
        ),
        target: rec.number(line, f, t)?.ok_or_else(|| missing("target"))?,
        deadline: rec.period(line, f, d)?.ok_or_else(|| missing("deadline"))?,
    }))
}

impl GoalsChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let lang = self.lang;
        let c = Canvas::new(area)?;
        let mut legend: Vec<LegendItem> = GoalChartStatus::ALL
            .iter()
            .filter(|s| self.goals.iter().any(|g| g.status == **s))
            .map(|s| LegendItem::new(Mark::Bar(s.colour()), s.label(lang)))
            .collect();
        legend.push(LegendItem::new(
            Mark::Tick(theme::TEXT),
            lang.pick("Förväntat läge i dag", "Expected by now"),
        ));
        let inner = c.frame(&Frame {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            legend,
            source: source_line(&self.source, lang),
            note: lang
                .pick(
                    "0 % = utgångsvärdet, 100 % = målet",
                    "0% = baseline, 100% = target",
                )
                .replace(" %", "\u{a0}%"),
        })?;
        if self.goals.is_empty() {
            c.text(
                lang.pick("Inga mål att visa", "No goals to show"),
                ((inner.x0 + inner.x1) / 2.0, (inner.y0 + inner.y1) / 2.0),
                &Font::new(size::SUBTITLE, theme::MUTED),
                HPos::Center,
                VPos::Center,
            )?;
            return Ok(());
        }

        // x: progress in percent of the way, at least 0..100 %, at most −50..150 %.
        let values = self
            .goals
            .iter()
            .flat_map(|g| g.progress.into_iter().chain(g.expected));
        let (pmin, pmax) = values.fold((0.0_f64, 1.0_f64), |(a, b), v| (a.min(v), b.max(v)));
        let lo = ((pmin.max(-0.5) * 4.0).floor() / 4.0).min(0.0);
        let hi = ((pmax.min(1.5) * 4.0).ceil() / 4.0).max(1.0);

        let label_font = Font::new(size::TICK, theme::TEXT);
        let detail_font = Font::new(size::SOURCE, theme::MUTED);
        let tick_font = Font::new(size::TICK, theme::MUTED);
        let axis_font = Font::new(size::AXIS_TITLE, theme::MUTED);
        let status_font = Font::new(size::TICK, theme::TEXT).bold();
        let label_w_max = inner.width() * 0.36;
        let mut label_w: f64 = 0.0;
        let mut labels = Vec::new();
        for g in &self.goals {
            let l = c.ellipsize(&g.label, &label_font, label_w_max)?;
            let d = c.ellipsize(&g.detail, &detail_font, label_w_max)?;
            label_w = label_w
                .max(c.measure(&l, &label_font)?.0)
                .max(c.measure(&d, &detail_font)?.0);
            labels.push((l, d));
        }
        let mut status_w: f64 = 0.0;
        for g in &self.goals {
            status_w = status_w.max(c.measure(g.status.label(lang), &status_font)?.0);
        }
        let (_, tick_h) = c.measure("0", &tick_font)?;
        let (_, axis_h) = c.measure("Åg", &axis_font)?;
        let plot = Rect::new(
            inner.x0 + label_w + c.px(12.0),
            inner.y0,
            inner.x1 - status_w - c.px(12.0),
            inner.y1 - tick_h - c.px(8.0) - axis_h - c.px(6.0),
        );
        let x = Scale::linear(lo, hi, plot.x0, plot.x1);
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
                &tick_font,
                HPos::Center,
                VPos::Top,
            )?;
            t += 0.25;
        }
        c.text(
            lang.pick(
                "Andel av vägen från utgångsvärde till mål",
                "Share of the way from baseline to target",
            ),
            ((plot.x0 + plot.x1) / 2.0, inner.y1),
            &axis_font,
            HPos::Center,
            VPos::Bottom,
        )?;

        let row_h = plot.height() / self.goals.len() as f64;
        let bar_h = (row_h * 0.5).min(c.px(22.0));
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
            let (label, detail) = &labels[i];
            let (_, lh) = c.measure(label, &label_font)?;
            if detail.is_empty() {
                c.text(label, (inner.x0, cy), &label_font, HPos::Left, VPos::Center)?;
            } else {
                c.text(
                    label,
                    (inner.x0, cy - c.px(1.0)),
                    &label_font,
                    HPos::Left,
                    VPos::Bottom,
                )?;
                c.text(
                    detail,
                    (inner.x0, cy + c.px(2.0)),
                    &detail_font,
                    HPos::Left,
                    VPos::Top,
                )?;
            }
            let _ = lh;
            if let Some(p) = g.progress {
                let clipped = p.clamp(lo, hi);
                let (a, b) = (x.map(0.0), x.map(clipped));
                let bar = Rect::new(
                    a.min(b),
                    cy - bar_h / 2.0,
                    a.max(b).max(a.min(b) + 1.0),
                    cy + bar_h / 2.0,
                );
                c.fill_rect(bar, g.status.colour(), 1.0)?;
                if clipped != p {
                    // Beyond the axis: an arrow head at the end.
                    let dir = if p > hi { 1.0 } else { -1.0 };
                    let tip = b + dir * c.px(9.0);
                    c.polygon(
                        &[(b, cy - bar_h / 2.0), (tip, cy), (b, cy + bar_h / 2.0)],
                        g.status.colour(),
                        1.0,
                    )?;
                }
                // The percentage inside the bar, at its end or its start, wherever the
                // expected-progress tick is not; else outside, beyond bar and tick.
                let text = format_percent(p * 100.0, 0, lang);
                let inside = Font::new(size::SOURCE, theme::text_on(g.status.colour())).bold();
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
            }
            if let Some(e) = g.expected {
                let px = x.map(e.clamp(lo, hi));
                c.line(
                    &[(px, cy - bar_h * 0.85), (px, cy + bar_h * 0.85)],
                    theme::TEXT,
                    3.0,
                    Dash::Solid,
                )?;
            }
            let status_colour = match g.status {
                GoalChartStatus::AtRisk => theme::hex("#B38600"),
                GoalChartStatus::NoData => theme::MUTED,
                GoalChartStatus::OnTrack => theme::hex("#4E8A1E"),
                s => s.colour(),
            };
            c.text(
                g.status.label(lang),
                (inner.x1, cy),
                &Font::new(size::TICK, status_colour).bold(),
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, fixture};
    use crate::chart::{Chart, render_svg_string};
    use crate::period::Period;

    #[test]
    fn reads_bra_goals_output() {
        let (name, bytes) = fixture("goals.csv");
        let d = goals_data_from_csv(&name, &bytes, &Selection::default()).expect("builds");
        assert_eq!(d.goals.len(), 6);
        assert_eq!(d.subtitle, "Fagersta");
        let statuses: Vec<GoalChartStatus> = d.goals.iter().map(|g| g.status).collect();
        for s in GoalChartStatus::ALL {
            assert!(statuses.contains(&s), "{s:?} in the fixture");
        }
        let first = &d.goals[0];
        assert_eq!(first.progress, Some(0.4));
        assert_eq!(first.expected, Some(0.5));
        assert!(first.detail.contains("→ mål"), "{}", first.detail);
    }

    #[test]
    fn filters_and_errors() {
        let (name, bytes) = fixture("goals.csv");
        let sel = Selection {
            indicator: Some("brott.misshandel".into()),
            ..Selection::default()
        };
        let d = goals_data_from_csv(&name, &bytes, &sel).expect("builds");
        assert_eq!(d.goals.len(), 1);
        let bad = "goal,progress,expected_progress,status\ng1,0.2,0.5,unclear\n";
        let err = goals_data_from_csv("g.csv", bad.as_bytes(), &Selection::default())
            .expect_err("status")
            .to_string();
        assert!(err.starts_with("g.csv:2: column \"status\""), "{err}");
        let err = goals_data_from_csv(
            "g.csv",
            b"goal,status\ng1,achieved\n",
            &Selection::default(),
        )
        .expect_err("columns")
        .to_string();
        assert!(err.contains("missing column \"progress\""), "{err}");
    }

    #[test]
    fn goal_marks_for_a_trend() {
        let (name, bytes) = fixture("goals.csv");
        let marks = goal_marks_from_csv(&name, &bytes, None, "Fagersta", "brott.totalt")
            .expect("reads")
            .expect("a goal");
        assert_eq!(marks.baseline, (Period::Year(2019), 11_976.0));
        assert_eq!(marks.target, 10_500.0);
        assert_eq!(marks.deadline, Period::Year(2026));
        assert_eq!(
            goal_marks_from_csv(&name, &bytes, None, "1980", "brott.totalt").expect("reads"),
            None
        );
        let by_id =
            goal_marks_from_csv(&name, &bytes, Some("trygghet-kvall"), "", "").expect("reads");
        assert!(by_id.is_some());
    }

    #[test]
    fn svg_has_a_row_per_goal_with_status_colours() {
        let (name, bytes) = fixture("goals.csv");
        let d = goals_data_from_csv(&name, &bytes, &Selection::default()).expect("builds");
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
        let bars: usize = GoalChartStatus::ALL
            .iter()
            .map(|s| {
                let RGBColor(r, g, b) = s.colour();
                count(&svg, "<rect", &format!("fill=\"#{r:02X}{g:02X}{b:02X}\""))
            })
            .sum();
        assert_eq!(bars, with_progress + GoalChartStatus::ALL.len());
        assert!(
            svg.contains("Minska våldet i centrum"),
            "a title from the file, with å"
        );
    }
}
