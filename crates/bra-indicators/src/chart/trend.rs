//! Trend: an indicator over periods for one area, with its interval as a band, the county
//! and the country as benchmark lines, the goal's baseline, target and deadline, and the
//! latest value labelled.

use super::canvas::{
    Canvas, Font, Frame, LegendItem, Mark, Obstacles, Rect, Scale, Spot, ValueAxis, decimals_for,
    nice_domain, tick_font,
};
use super::text::{level_text, period_range, source_line};
use super::theme::{self, BENCHMARK_DASHES, BENCHMARKS, Dash, size};
use crate::error::{Error, Result};
use crate::indicators::chart_data::{ChartPoint, TrendChartData};
use crate::labels::chart as phrase;
use crate::labels::profile as words;
use crate::period::Period;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, VPos};

impl TrendChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without points; [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let Some(last) = self.points.last() else {
            return Err(Error::InvalidArgument(
                "a trend chart needs at least one point".to_string(),
            ));
        };
        let c = Canvas::new(area)?;
        let periods = self.x_periods(last.period);
        let ydomain = self.y_domain(&periods);
        let inner = self.draw_frame(&c, last.period)?;
        let label_font = Font::new(size::LABEL, theme::AREA).bold();
        let latest_text = self.format.format(last.value, self.lang);
        let latest_w = c.measure(&latest_text, &label_font)?.0;
        let l = self.draw_axes(&c, inner, periods, ydomain, latest_w)?;
        let mut obstacles = Obstacles::default();
        // Runs of consecutive periods (a missing period breaks the line and the band).
        let runs = runs_of(&self.points, &l.ticks);
        self.draw_band(&c, &l, &runs)?;
        self.draw_benchmarks(&c, &l, &mut obstacles)?;
        // Goal: the straight path from baseline to target, the baseline ring, the target.
        if let Some(g) = &self.goal {
            let b = l.at(g.baseline.0, g.baseline.1);
            let t = l.at(g.deadline, g.target);
            c.line(&[b, t], theme::GOAL, 2.0, Dash::Dotted)?;
            c.line(
                &[(t.0, l.plot.y0), (t.0, l.plot.y1)],
                theme::GOAL,
                1.0,
                Dash::Dotted,
            )?;
            c.diamond(t, 7.0, theme::GOAL)?;
        }
        // The smoothed rate: a dashed line in the area's colour, under the raw line, broken
        // where a period has none.
        let shown: Vec<&(Period, f64)> = self
            .smoothed
            .iter()
            .filter(|(p, _)| *p >= l.start && *p <= l.end)
            .collect();
        for run in shown.chunk_by(|a, b| period_range(a.0, b.0).len() == 2) {
            let pts: Vec<(f64, f64)> = run.iter().map(|(p, v)| l.at(*p, *v)).collect();
            c.line(&pts, theme::AREA, 2.0, Dash::Dashed)?;
            obstacles.polyline(&pts);
        }
        // The area's line and points.
        for run in &runs {
            let pts: Vec<(f64, f64)> = run.iter().map(|p| l.at(p.period, p.value)).collect();
            c.line(&pts, theme::AREA, 3.0, Dash::Solid)?;
            obstacles.polyline(&pts);
        }
        for p in &self.points {
            let pt = l.at(p.period, p.value);
            c.point(pt, 4.5, theme::AREA)?;
            let r = c.px(5.0);
            obstacles.rect(Rect::new(pt.0 - r, pt.1 - r, pt.0 + r, pt.1 + r));
        }
        // The goal's baseline: a ring around its point.
        if let Some(g) = &self.goal {
            c.circle_outline(l.at(g.baseline.0, g.baseline.1), 8.5, theme::GOAL, 2.5)?;
        }
        self.draw_labels(&c, &l, last, (&latest_text, &label_font), &mut obstacles)
    }

    /// The periods on the x axis: the area's, through the goal's deadline; and the step
    /// between two of them in years.
    fn x_periods(&self, last: Period) -> Periods {
        let mut start = self.points[0].period; // ok: draw checked there are points
        let mut end = last;
        if let Some(g) = &self.goal {
            end = end.max(g.deadline);
            start = start.min(g.baseline.0);
        }
        let ticks = period_range(start, end);
        let step = ticks
            .windows(2)
            .map(|w| w[1].time() - w[0].time())
            .fold(f64::INFINITY, f64::min);
        let step = if step.is_finite() && step > 0.0 {
            step
        } else {
            1.0
        };
        Periods {
            start,
            end,
            ticks,
            step,
        }
    }

    /// The y domain: everything drawn; (lo, hi, ticks, step).
    fn y_domain(&self, periods: &Periods) -> (f64, f64, Vec<f64>, f64) {
        let mut ys: Vec<f64> = Vec::new();
        for p in &self.points {
            ys.push(p.value);
            ys.extend(p.lower);
            ys.extend(p.upper);
        }
        for (_, values) in &self.benchmarks {
            ys.extend(
                values
                    .iter()
                    .filter(|(p, _)| periods.contains(*p))
                    .map(|(_, v)| *v),
            );
        }
        if let Some(g) = &self.goal {
            ys.push(g.baseline.1);
            ys.push(g.target);
        }
        ys.extend(self.smoothed.iter().map(|(_, v)| *v));
        let (ymin, ymax) = ys
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        nice_domain(ymin, ymax, 6, false, 0.06)
    }

    /// Title, subtitle, legend (area, band, benchmarks, goal) and the note on missing
    /// periods; returns the rectangle left for the plot.
    fn draw_frame<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>, last: Period) -> Result<Rect> {
        let lang = self.lang;
        let first = self.points[0].period; // ok: draw checked there are points
        let legend = self.legend();
        let subtitle = [
            self.area_name.clone(),
            self.unit.clone(),
            if first == last {
                first.to_string()
            } else {
                format!("{first}–{last}")
            },
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let note = if self.missing.is_empty() {
            String::new()
        } else {
            format!(
                "{}: {}",
                phrase::NO_DATA_2.get(lang),
                self.missing
                    .iter()
                    .map(Period::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle,
            legend,
            source: source_line(&self.source, lang),
            note,
        })
    }

    /// The legend: the area, its interval band, the benchmarks and the goal.
    fn legend(&self) -> Vec<LegendItem> {
        let lang = self.lang;
        let has_band = self
            .points
            .iter()
            .any(|p| p.lower.is_some() && p.upper.is_some());
        let mut legend = vec![LegendItem::new(
            Mark::Line {
                colour: theme::AREA,
                dash: Dash::Solid,
                point: true,
            },
            self.area_name.clone(),
        )];
        if has_band {
            let level = self.level.map(|l| level_text(l, lang)).unwrap_or_default();
            legend.push(LegendItem::new(
                Mark::Band(theme::AREA),
                format!("{level} {}", phrase::CONFIDENCE_INTERVAL.get(lang))
                    .trim()
                    .to_string(),
            ));
        }
        if !self.smoothed.is_empty() {
            legend.push(LegendItem::new(
                Mark::Line {
                    colour: theme::AREA,
                    dash: Dash::Dashed,
                    point: false,
                },
                words::SMOOTHED.get(lang),
            ));
        }
        for (i, (name, _)) in self.benchmarks.iter().enumerate() {
            legend.push(LegendItem::new(
                Mark::Line {
                    colour: BENCHMARKS[i % BENCHMARKS.len()],
                    dash: BENCHMARK_DASHES[i % BENCHMARK_DASHES.len()],
                    point: false,
                },
                name.clone(),
            ));
        }
        if let Some(g) = &self.goal {
            legend.push(LegendItem::new(
                Mark::Diamond(theme::GOAL),
                format!(
                    "{} {} {} {} ({} {})",
                    phrase::TARGET.get(lang),
                    self.format.format(g.target, lang),
                    phrase::BY.get(lang),
                    g.deadline,
                    phrase::BASELINE.get(lang),
                    g.baseline.0
                ),
            ));
        }
        legend
    }

    /// The plot area (room for the y labels and title on the left, the x labels below, the
    /// latest value on the right), the value axis, and the x axis with every k-th period
    /// labelled so that they do not touch.
    fn draw_axes<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        periods: Periods,
        (lo, hi, yticks, ystep): (f64, f64, Vec<f64>, f64),
        latest_w: f64,
    ) -> Result<TrendLayout> {
        let lang = self.lang;
        let tick_font = tick_font();
        let tick_decimals = decimals_for(ystep);
        let axis = ValueAxis {
            labels: yticks
                .iter()
                .map(|v| self.format.format_with(*v, tick_decimals, lang))
                .collect(),
            ticks: yticks,
            title: self.unit.clone(),
        };
        let plot = c.plot_area(inner, &axis, latest_w + c.px(12.0))?;
        let Periods {
            start,
            end,
            ticks,
            step,
        } = periods;
        let x = Scale::linear(
            start.time() - step * 0.5,
            end.time() + step * 0.5,
            plot.x0,
            plot.x1,
        );
        let y = Scale::linear(lo, hi, plot.y1, plot.y0);
        c.value_axis(inner, plot, &y, &axis)?;
        let mut widest: f64 = 0.0;
        for p in &ticks {
            widest = widest.max(c.measure(&p.to_string(), &tick_font)?.0);
        }
        let spacing = (x.map(start.time() + step) - x.map(start.time()))
            .abs()
            .max(1.0);
        let every = ((widest + c.px(10.0)) / spacing).ceil().max(1.0) as usize;
        for (i, p) in ticks.iter().enumerate() {
            let px = x.map(p.time());
            c.line(
                &[(px, plot.y1), (px, plot.y1 + c.px(4.0))],
                theme::AXIS,
                1.0,
                Dash::Solid,
            )?;
            if (ticks.len() - 1 - i).is_multiple_of(every) {
                let at = (px, plot.y1 + c.px(6.0));
                c.text(&p.to_string(), at, &tick_font, HPos::Center, VPos::Top)?;
            }
        }
        let x_title = if ticks.iter().all(|p| matches!(p, Period::Year(_))) {
            phrase::YEAR.get(lang)
        } else {
            phrase::PERIOD.get(lang)
        };
        c.x_title(inner, plot, x_title)?;
        Ok(TrendLayout {
            inner,
            plot,
            x,
            y,
            start,
            end,
            ticks,
        })
    }

    /// The interval band of each run (whiskers where a run has fewer than two intervals).
    fn draw_band<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        l: &TrendLayout,
        runs: &[Vec<&ChartPoint>],
    ) -> Result<()> {
        for run in runs {
            let with_ci: Vec<&ChartPoint> = run
                .iter()
                .copied()
                .filter(|p| p.lower.is_some() && p.upper.is_some())
                .collect();
            if with_ci.len() >= 2 {
                let mut poly: Vec<(f64, f64)> = with_ci
                    .iter()
                    .map(|p| l.at(p.period, p.upper.unwrap_or(p.value)))
                    .collect();
                poly.extend(
                    with_ci
                        .iter()
                        .rev()
                        .map(|p| l.at(p.period, p.lower.unwrap_or(p.value))),
                );
                c.polygon(&poly, theme::AREA, 0.18)?;
            } else {
                for p in with_ci {
                    let (px, _) = l.at(p.period, p.value);
                    c.whisker_v(
                        px,
                        l.y.map(p.lower.unwrap_or(p.value)),
                        l.y.map(p.upper.unwrap_or(p.value)),
                        theme::AREA,
                        1.5,
                        4.0,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The benchmarks' lines (a point where there is only one value in range).
    fn draw_benchmarks<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        l: &TrendLayout,
        obstacles: &mut Obstacles,
    ) -> Result<()> {
        for (i, (_, values)) in self.benchmarks.iter().enumerate() {
            let colour = BENCHMARKS[i % BENCHMARKS.len()];
            let dash = BENCHMARK_DASHES[i % BENCHMARK_DASHES.len()];
            let pts: Vec<(f64, f64)> = values
                .iter()
                .filter(|(p, _)| *p >= l.start && *p <= l.end)
                .map(|(p, v)| l.at(*p, *v))
                .collect();
            c.line(&pts, colour, 2.5, dash)?;
            if pts.len() == 1 {
                c.point(pts[0], 3.5, colour)?;
            }
            obstacles.polyline(&pts);
        }
        Ok(())
    }

    /// Labels: the latest value, then the target (whose path may run under the latest
    /// value's label, not under its own).
    fn draw_labels<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        l: &TrendLayout,
        last: &ChartPoint,
        (latest_text, label_font): (&str, &Font),
        obstacles: &mut Obstacles,
    ) -> Result<()> {
        let legend_free = Rect::new(l.plot.x0, l.plot.y0, l.inner.x1, l.plot.y1);
        let (lx, ly) = l.at(last.period, last.value);
        let off = c.px(9.0);
        let band_top = l.y.map(last.upper.unwrap_or(last.value));
        let band_bottom = l.y.map(last.lower.unwrap_or(last.value));
        c.place_label(
            latest_text,
            label_font,
            &[
                Spot::new((lx + off, ly), HPos::Left, VPos::Center),
                Spot::new((lx, band_top - c.px(4.0)), HPos::Center, VPos::Bottom),
                Spot::new((lx, band_bottom + c.px(4.0)), HPos::Center, VPos::Top),
                Spot::new((lx - off, ly), HPos::Right, VPos::Center),
            ],
            &legend_free,
            obstacles,
        )?;
        let Some(g) = &self.goal else {
            return Ok(());
        };
        let (b, (tx, ty)) = (l.at(g.baseline.0, g.baseline.1), l.at(g.deadline, g.target));
        obstacles.polyline(&[b, (tx, ty)]);
        let r = c.px(8.0);
        obstacles.rect(Rect::new(tx - r, ty - r, tx + r, ty + r));
        let goal_font = Font::new(size::LABEL, theme::GOAL).bold();
        c.place_label(
            &self.format.format(g.target, self.lang),
            &goal_font,
            &[
                Spot::new((tx, ty + off), HPos::Center, VPos::Top),
                Spot::new((tx, ty - off), HPos::Center, VPos::Bottom),
                Spot::new((tx - off, ty), HPos::Right, VPos::Center),
                Spot::new((tx + off, ty), HPos::Left, VPos::Center),
            ],
            &legend_free,
            obstacles,
        )?;
        Ok(())
    }
}

/// The periods of the x axis: from `start` to `end`, each one a tick, `step` years apart.
struct Periods {
    start: Period,
    end: Period,
    ticks: Vec<Period>,
    step: f64,
}

impl Periods {
    /// Whether `p` is on the axis.
    fn contains(&self, p: Period) -> bool {
        p >= self.start && p <= self.end
    }
}

/// Where a trend goes: the frame's inner rectangle, the plot, the scales and the periods.
struct TrendLayout {
    inner: Rect,
    plot: Rect,
    x: Scale,
    y: Scale,
    start: Period,
    end: Period,
    ticks: Vec<Period>,
}

impl TrendLayout {
    /// The pixel of value `v` in period `p`.
    fn at(&self, p: Period, v: f64) -> (f64, f64) {
        (self.x.map(p.time()), self.y.map(v))
    }
}

/// The points split where a period of the axis has no value.
fn runs_of<'p>(points: &'p [ChartPoint], ticks: &[Period]) -> Vec<Vec<&'p ChartPoint>> {
    let mut runs: Vec<Vec<&ChartPoint>> = Vec::new();
    let mut prev: Option<usize> = None;
    for p in points {
        let i = ticks.iter().position(|t| *t == p.period);
        match (prev, i) {
            (Some(a), Some(b)) if b == a + 1 => {
                if let Some(run) = runs.last_mut() {
                    run.push(p);
                }
            }
            _ => runs.push(vec![p]),
        }
        prev = i;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::render_svg_string;
    use crate::chart::test_support::{count, sample_rates};
    use crate::format::Lang;
    use crate::indicators::chart_data::{GoalMarks, Selection, trend_data_from_table};

    fn fagersta() -> TrendChartData {
        let sel = Selection {
            area: Some("1982".into()),
            indicator: Some("brott.totalt".into()),
            ..Selection::default()
        };
        trend_data_from_table(&sample_rates(), &sel).expect("builds")
    }

    #[test]
    fn builds_from_rates_with_county_and_country() {
        let d = fagersta();
        assert_eq!(d.title, "Anmälda brott totalt");
        assert_eq!(d.area_name, "Fagersta");
        assert_eq!(d.unit, "per 100 000 invånare");
        assert_eq!(d.points.len(), 10);
        let names: Vec<&str> = d.benchmarks.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Västmanlands län", "Riket"]);
        assert_eq!(d.points[5].period, Period::Year(2020));
        assert_eq!(d.points[5].value.round(), 11777.0);
        assert_eq!(d.level, Some(0.95));
    }

    #[test]
    fn svg_shows_title_points_benchmarks_and_latest_value() {
        let mut d = fagersta();
        d.goal = Some(GoalMarks {
            baseline: (Period::Year(2019), 12_000.0),
            target: 10_000.0,
            deadline: Period::Year(2026),
        });
        let svg =
            render_svg_string(&crate::chart::Chart::Trend(d.clone()), (800, 450)).expect("renders");
        assert!(svg.contains(">\nAnmälda brott totalt\n<") || svg.contains("Anmälda brott totalt"));
        assert!(
            svg.contains("Fagersta · per 100 000 invånare · 2015–2024"),
            "subtitle"
        );
        assert!(
            svg.contains("Västmanlands län") && svg.contains("Riket"),
            "legend names the benchmarks"
        );
        assert!(svg.contains("Källa: Brå"));
        // One filled circle per point in the area's colour (+1 in the legend).
        assert_eq!(
            count(&svg, "<circle", "fill=\"#0072B2\""),
            d.points.len() + 1
        );
        // The latest value, Swedish format with a no-break space.
        let latest = d.format.format(d.points[9].value, Lang::Sv);
        assert!(latest.contains('\u{a0}'));
        assert!(svg.contains(&latest), "latest value {latest}");
        // The county line is dashed: many orange segments.
        assert!(count(&svg, "<polyline", "stroke=\"#E69F00\"") > 10);
        // The goal: its target in the legend and on the chart.
        assert!(svg.contains("Mål: 10\u{a0}000 till 2026 (utgångsvärde 2019)"));
        assert!(count(&svg, "<text", "fill=\"#009E73\"") >= 1);
        // 2025 and 2026 are on the axis because of the deadline.
        assert!(svg.contains(">\n2026\n<") || svg.contains("2026"));
    }

    #[test]
    fn english_labels() {
        let sel = Selection {
            area: Some("1982".into()),
            indicator: Some("brott.totalt".into()),
            lang: Lang::En,
            ..Selection::default()
        };
        let d = trend_data_from_table(&sample_rates(), &sel).expect("builds");
        let svg = render_svg_string(&crate::chart::Chart::Trend(d), (800, 450)).expect("renders");
        assert!(svg.contains("All reported crimes"));
        assert!(svg.contains("per 100,000 inhabitants"));
        assert!(svg.contains("Source: Brå"));
        assert!(svg.contains("Sweden"));
        assert!(svg.contains("Year"));
    }

    #[test]
    fn missing_values_break_the_line_and_are_noted() {
        let sel = Selection {
            area: Some("1904".into()),
            indicator: Some("brott.bostadsinbrott".into()),
            benchmarks: Some(vec![]),
            ..Selection::default()
        };
        let d = trend_data_from_table(&sample_rates(), &sel).expect("builds");
        assert_eq!(d.missing, vec![Period::Year(2019)]);
        assert_eq!(d.points.len(), 9);
        let ticks = super::period_range(Period::Year(2015), Period::Year(2024));
        let runs = runs_of(&d.points, &ticks);
        assert_eq!(runs.iter().map(Vec::len).collect::<Vec<_>>(), vec![4, 5]);
        let svg = render_svg_string(&crate::chart::Chart::Trend(d), (800, 450)).expect("renders");
        assert!(svg.contains("Uppgift saknas: 2019"));
        // Two runs: two solid blue lines (plus the legend's).
        assert_eq!(count(&svg, "<polyline", "stroke=\"#0072B2\""), 3);
    }

    #[test]
    fn bad_selection_says_what_is_there() {
        let sel = Selection {
            area: Some("1982".into()),
            indicator: Some("brott.okant".into()),
            ..Selection::default()
        };
        let err = trend_data_from_table(&sample_rates(), &sel)
            .expect_err("unknown")
            .to_string();
        assert!(
            err.contains("brott.okant") && err.contains("brott.totalt"),
            "{err}"
        );
        let sel = Selection {
            indicator: Some("brott.totalt".into()),
            ..Selection::default()
        };
        let err = trend_data_from_table(&sample_rates(), &sel)
            .expect_err("no area")
            .to_string();
        assert!(err.contains("expected the area to chart"), "{err}");
        assert!(!err.contains("--"), "no CLI flags in the library: {err}");
    }
}
