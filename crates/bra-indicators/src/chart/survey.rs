//! Survey waves: the results of a recurring survey (NTU every year, SCB's citizen survey every
//! other year) as points with whiskers, the area and its benchmark side by side in each wave,
//! and significant changes since the previous wave marked ▲ / ▼.

use super::canvas::{
    Canvas, Font, Frame, LegendItem, Mark, Obstacles, Rect, Scale, Spot, ValueAxis, decimals_for,
    nice_domain, tick_font,
};
use super::text::{level_text, source_line};
use super::theme::{self, Dash, size};
use crate::error::{Error, Result};
use crate::indicators::chart_data::{SurveyChartData, SurveySeries, SurveyWave};
use crate::labels::chart as phrase;
use crate::period::Period;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

impl SurveyChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without waves; [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        if self.area.waves.is_empty() {
            return Err(Error::InvalidArgument(
                "a survey chart needs at least one wave".to_string(),
            ));
        }
        let c = Canvas::new(area)?;
        let series: Vec<(&SurveySeries, RGBColor)> = std::iter::once((&self.area, theme::AREA))
            .chain(self.benchmark.iter().map(|b| (b, theme::ORANGE)))
            .collect();
        // Waves: every period of either series, in order.
        let mut periods: Vec<Period> = series
            .iter()
            .flat_map(|(s, _)| s.waves.iter().map(|w| w.period))
            .collect();
        periods.sort();
        periods.dedup();
        let inner = self.draw_frame(&c, &series)?;
        let layout = self.draw_axes(&c, inner, &series, periods)?;
        // Points, whiskers, thin connecting lines, change marks and value labels.
        let mut obstacles = Obstacles::default();
        let bounds = Rect::new(layout.plot.x0, inner.y0, layout.plot.x1, layout.plot.y1);
        let mut labels: Vec<ValueLabel> = Vec::new();
        for (k, (s, colour)) in series.iter().enumerate() {
            let dx = if k == 0 {
                -layout.offset
            } else {
                layout.offset
            };
            self.draw_series(
                &c,
                &layout,
                (k, s, *colour, dx),
                &mut obstacles,
                &mut labels,
            )?;
        }
        for (text, colour, spots) in labels {
            let font = Font::new(size::LABEL - 1.5, colour).bold();
            c.place_label_if_free(&text, &font, &spots, &bounds, &mut obstacles)?;
        }
        Ok(())
    }

    /// Title, subtitle (area, benchmark, unit), legend (series, change marks) and the note on
    /// the whiskers; returns the rectangle left for the plot.
    fn draw_frame<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        series: &[(&SurveySeries, RGBColor)],
    ) -> Result<Rect> {
        let lang = self.lang;
        let has_intervals = series.iter().any(|(s, _)| {
            s.waves
                .iter()
                .any(|w| w.lower.is_some() && w.upper.is_some())
        });
        let mut legend: Vec<LegendItem> = series
            .iter()
            .map(|(s, colour)| LegendItem::new(Mark::Whisker(*colour), s.name.clone()))
            .collect();
        legend.push(LegendItem::new(
            Mark::Symbol("▲▼", theme::TEXT),
            format!(
                "{} ({})",
                phrase::SIGNIFICANT_CHANGE_SINCE_THE_PREVIOUS.get(lang),
                level_text(self.level, lang)
            ),
        ));
        let subtitle = [
            self.area.name.clone(),
            self.benchmark
                .as_ref()
                .map(|b| format!("{} {}", phrase::COMPARED_WITH.get(lang), b.name))
                .unwrap_or_default(),
            self.unit.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let note = format!(
            "{}: {} {}",
            phrase::WHISKERS.get(lang),
            level_text(self.level, lang),
            phrase::CONFIDENCE_INTERVAL.get(lang)
        );
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle,
            legend,
            source: source_line(&self.source, lang),
            note: if has_intervals { note } else { String::new() },
        })
    }

    /// The value axis (over every value and interval, 8 % headroom, at most 100 %), the waves
    /// along the bottom and the axis title.
    fn draw_axes<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        series: &[(&SurveySeries, RGBColor)],
        periods: Vec<Period>,
    ) -> Result<WaveLayout> {
        let lang = self.lang;
        let mut ys = Vec::new();
        for (s, _) in series {
            for w in &s.waves {
                ys.push(w.value);
                ys.extend(w.lower);
                ys.extend(w.upper);
            }
        }
        let (ymin, ymax) = ys
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let (lo, hi, yticks, ystep) = nice_domain(ymin, ymax * 1.08, 6, self.format.percent, 0.05);
        let hi = if self.format.percent {
            hi.min(100.0)
        } else {
            hi
        };
        let decimals = decimals_for(ystep);
        let axis = ValueAxis {
            labels: yticks
                .iter()
                .map(|v| self.format.format_with(*v, decimals, lang))
                .collect(),
            ticks: yticks,
            title: self.unit.clone(),
        };
        let plot = c.plot_area(inner, &axis, c.px(6.0))?;
        let y = Scale::linear(lo, hi, plot.y1, plot.y0);
        c.value_axis(inner, plot, &y, &axis)?;
        let slot = plot.width() / periods.len() as f64;
        let offset = if series.len() > 1 {
            (slot * 0.16).min(c.px(26.0))
        } else {
            0.0
        };
        let layout = WaveLayout {
            plot,
            y,
            slot,
            offset,
            periods,
        };
        for (i, p) in layout.periods.iter().enumerate() {
            c.text(
                &p.to_string(),
                (layout.slot_x(i), plot.y1 + c.px(6.0)),
                &tick_font(),
                HPos::Center,
                VPos::Top,
            )?;
        }
        c.x_title(inner, plot, phrase::WAVE.get(lang))?;
        Ok(layout)
    }

    /// Series `k` shifted by `dx`: its line, whiskers, points and significant-change marks;
    /// what it covers goes to `obstacles`, its value labels (with their spots) to `labels`.
    fn draw_series<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        layout: &WaveLayout,
        (k, s, colour, dx): (usize, &SurveySeries, RGBColor, f64),
        obstacles: &mut Obstacles,
        labels: &mut Vec<ValueLabel>,
    ) -> Result<()> {
        let at = |w: &SurveyWave| {
            let i = layout
                .periods
                .iter()
                .position(|p| *p == w.period)
                .unwrap_or(0);
            (layout.slot_x(i) + dx, layout.y.map(w.value))
        };
        let path: Vec<(f64, f64)> = s.waves.iter().map(at).collect();
        let dash = if k == 0 { Dash::Solid } else { Dash::Dashed };
        c.line(&path, colour, 1.5, dash)?;
        obstacles.polyline(&path);
        for (j, w) in s.waves.iter().enumerate() {
            let (px, py) = at(w);
            let top = layout.y.map(w.upper.unwrap_or(w.value));
            let bottom = layout.y.map(w.lower.unwrap_or(w.value));
            if w.lower.is_some() && w.upper.is_some() {
                c.whisker_v(px, bottom, top, colour, 2.0, 5.0)?;
            }
            c.point((px, py), 5.5, colour)?;
            obstacles.rect(Rect::new(
                px - c.px(6.0),
                top - c.px(2.0),
                px + c.px(6.0),
                bottom + c.px(2.0),
            ));
            let changed = j > 0 && s.significant.get(j).copied().unwrap_or(false);
            let mark = changed.then(|| {
                let prev = s.waves[j - 1].value;
                if w.value > prev { "▲" } else { "▼" }
            });
            if let Some(m) = mark {
                let r = c.text(
                    m,
                    (px, top - c.px(4.0)),
                    &Font::new(size::LABEL, colour).bold(),
                    HPos::Center,
                    VPos::Bottom,
                )?;
                obstacles.rect(r);
            }
            // Value labels beside the points: the area's to the left, the benchmark's to
            // the right; else below or above the whisker.
            let off = c.px(8.0);
            let left = Spot::new((px - off, py), HPos::Right, VPos::Center);
            let right = Spot::new((px + off, py), HPos::Left, VPos::Center);
            let (near, far) = if k == 0 { (left, right) } else { (right, left) };
            let spots = [
                near,
                Spot::new((px, bottom + c.px(4.0)), HPos::Center, VPos::Top),
                Spot::new((px, top - c.px(20.0)), HPos::Center, VPos::Bottom),
                far,
            ];
            labels.push((self.format.format(w.value, self.lang), colour, spots));
        }
        Ok(())
    }
}

/// A value label: its text, colour and the spots to try in order.
type ValueLabel = (String, RGBColor, [Spot; 4]);

/// Where the waves go: the plot, the y scale, one slot per period (the series side by side
/// in it, `offset` apart from its middle).
struct WaveLayout {
    plot: Rect,
    y: Scale,
    slot: f64,
    offset: f64,
    periods: Vec<Period>,
}

impl WaveLayout {
    /// The middle of slot `i`.
    fn slot_x(&self, i: usize) -> f64 {
        self.plot.x0 + self.slot * (i as f64 + 0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, fixture};
    use crate::chart::{Chart, render_svg_string};
    use crate::format::Lang;
    use crate::indicators::chart_data::{Selection, survey_data_from_table};
    use crate::{ReadOptions, read_table_bytes};

    fn ntu() -> SurveyChartData {
        let (name, bytes) = fixture("survey.csv");
        let table = read_table_bytes(&name, &bytes, &ReadOptions::default())
            .expect("reads")
            .table;
        let sel = Selection {
            area: Some("19".into()),
            indicator: Some("ntu.otrygghet".into()),
            title: Some("Otrygghet ute sent på kvällen".into()),
            ..Selection::default()
        };
        survey_data_from_table(&table, &sel).expect("builds")
    }

    #[test]
    fn builds_the_area_and_the_country() {
        let d = ntu();
        assert_eq!(d.area.name, "Västmanlands län");
        assert_eq!(d.benchmark.as_ref().map(|b| b.name.as_str()), Some("Riket"));
        assert_eq!(d.area.waves.len(), 4);
        assert!(d.format.percent);
        assert_eq!(d.unit, "procent");
    }

    #[test]
    fn change_tests_by_what_is_known() {
        let d = ntu();
        let changes = d.area.changes(0.95);
        assert!(changes[0].is_none());
        // Published shares with n: the two-proportion z-test on value × n / 100, as
        // `bra compare --between` tests them. 2019 → 2021 differ in the fixture.
        let c = changes[2].expect("tested");
        assert_eq!(
            c.test,
            crate::indicators::compare::ChangeTest::TwoProportionZ
        );
        assert!(c.significant);
        // Published intervals only (no n): interval overlap.
        let mut only = d.area.clone();
        for w in &mut only.waves {
            w.n = None;
        }
        let c = only.changes(0.95)[2].expect("tested");
        assert_eq!(
            c.test,
            crate::indicators::compare::ChangeTest::IntervalOverlap
        );
        assert!(c.significant);
        // With counts: the two-proportion z-test, checked directly.
        let wave = |y, x: f64, n: f64| SurveyWave {
            period: Period::Year(y),
            value: x / n * 100.0,
            lower: None,
            upper: None,
            count: Some(x),
            n: Some(n),
        };
        let s = SurveySeries::new(
            "Fagersta",
            vec![wave(2021, 120.0, 400.0), wave(2023, 90.0, 410.0)],
            0.95,
        );
        let c = s.changes(0.95)[1].expect("tested");
        let (p1, p2) = (120.0 / 400.0, 90.0 / 410.0);
        let pooled: f64 = 210.0 / 810.0;
        let z = (p2 - p1) / (pooled * (1.0 - pooled) * (1.0 / 400.0 + 1.0 / 410.0)).sqrt();
        assert!((c.statistic.expect("z") - z).abs() < 1e-12);
        assert!(c.significant, "z = {z}");
    }

    #[test]
    fn svg_shows_waves_side_by_side_and_marks_changes() {
        let d = ntu();
        let svg = render_svg_string(&Chart::Survey(d.clone()), (800, 450)).expect("renders");
        assert!(svg.contains("Otrygghet ute sent på kvällen"));
        assert!(svg.contains("Västmanlands län · jämfört med Riket · procent"));
        // Points: one per wave per series (+1 each in the legend).
        let waves = d.area.waves.len() + d.benchmark.as_ref().map_or(0, |b| b.waves.len());
        let points =
            count(&svg, "<circle", "fill=\"#0072B2\"") + count(&svg, "<circle", "fill=\"#E69F00\"");
        assert_eq!(points, waves + 2);
        // A significant change is marked.
        assert!(svg.contains("▼") || svg.contains("▲"));
        assert!(svg.contains("Signifikant förändring sedan förra mätningen"));
        // Percent labels in Swedish.
        assert!(svg.contains(&d.format.format(d.area.waves[3].value, Lang::Sv)));
        assert!(svg.contains("\u{a0}%"));
    }
}
