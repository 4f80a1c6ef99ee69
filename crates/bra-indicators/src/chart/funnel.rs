//! Funnel: each area's rate (or share) against its population (or survey n), with 95 % and
//! 99.8 % control limits around the benchmark (METHODS.md, "Funnel plots": exact Poisson
//! limits for rates, the Wilson inversion for shares), the chosen area highlighted.

use super::canvas::{
    Canvas, Font, Frame, LegendItem, Mark, Obstacles, Rect, Scale, Spot, ValueAxis, decimals_for,
    nice_domain, tick_font,
};
use super::text::source_line;
use super::theme::{self, Dash, size};
use crate::error::{Error, Result};
use crate::format::{Lang, format_number};
use crate::indicators::chart_data::{FunnelChartData, FunnelCurves, FunnelPoint};
use crate::indicators::funnel::{FunnelKind, FunnelSignificance};
use crate::labels::chart as phrase;
use crate::labels::profile as words;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// The colour of a point by where it lies.
fn significance_colour(s: Option<FunnelSignificance>) -> RGBColor {
    match s {
        Some(FunnelSignificance::High001) => theme::VERMILLION,
        Some(FunnelSignificance::High025) => theme::ORANGE,
        Some(FunnelSignificance::Low025) => theme::SKY_BLUE,
        Some(FunnelSignificance::Low001) => theme::BLUE,
        _ => theme::NEUTRAL,
    }
}

fn significance_label(s: FunnelSignificance, lang: Lang) -> &'static str {
    match s {
        FunnelSignificance::High001 => phrase::ABOVE_THE_99_8_LIMIT.get(lang),
        FunnelSignificance::High025 => phrase::ABOVE_THE_95_LIMIT.get(lang),
        FunnelSignificance::NotSignificant => phrase::WITHIN_THE_LIMITS.get(lang),
        FunnelSignificance::Low025 => phrase::BELOW_THE_95_LIMIT.get(lang),
        FunnelSignificance::Low001 => phrase::BELOW_THE_99_8_LIMIT.get(lang),
    }
}

impl FunnelChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without points or with a benchmark the limits cannot be
    /// computed for; [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        if self.points.is_empty() {
            return Err(Error::InvalidArgument(
                "a funnel chart needs at least one area".to_string(),
            ));
        }
        if self.curves.limits.iter().any(Vec::is_empty) {
            return Err(Error::InvalidArgument(
                "a funnel chart needs its limits worked out (FunnelChartData::with_limits)"
                    .to_string(),
            ));
        }
        let c = Canvas::new(area)?;
        let sig: Vec<Option<FunnelSignificance>> =
            self.points.iter().map(|p| p.significance).collect();
        let xd = &self.curves;
        let limits = &self.curves.limits;
        let yd = self.y_domain();
        let inner = self.draw_frame(&c, &sig, xd.log)?;
        let (plot, x, y) = self.draw_axes(&c, inner, xd, yd)?;
        self.draw_limits(&c, plot, &x, &y, limits)?;
        // Points, the highlighted one last and on top.
        let mut order: Vec<usize> = (0..self.points.len()).collect();
        order.sort_by_key(|&i| self.is_highlight(&self.points[i]));
        let mut obstacles = Obstacles::default();
        // Smoothed rates: a hollow marker joined to the raw point by a thin line.
        for p in &self.points {
            if let Some(s) = p.smoothed {
                let raw = (x.map(p.denominator), y.map(p.value.clamp(y.lo, y.hi)));
                let at = (raw.0, y.map(s.clamp(y.lo, y.hi)));
                c.line(&[raw, at], theme::MUTED, 1.0, Dash::Solid)?;
                c.ring(at, 4.5, theme::TEXT, 1.5)?;
                let r = c.px(5.5);
                obstacles.rect(Rect::new(at.0 - r, at.1 - r, at.0 + r, at.1 + r));
            }
        }
        for &i in &order {
            let p = &self.points[i];
            let at = (x.map(p.denominator), y.map(p.value.clamp(y.lo, y.hi)));
            if self.is_highlight(p) {
                c.point(at, 7.5, significance_colour(sig[i]))?;
                c.ring(at, 9.0, theme::TEXT, 2.0)?;
                c.point(at, 6.0, significance_colour(sig[i]))?;
            } else {
                c.point(at, 5.5, significance_colour(sig[i]))?;
            }
            let r = c.px(if self.is_highlight(p) { 9.5 } else { 6.0 });
            obstacles.rect(Rect::new(at.0 - r, at.1 - r, at.0 + r, at.1 + r));
        }
        let bounds = Rect::new(plot.x0, plot.y0, plot.x1, plot.y1);
        for &i in order.iter().rev() {
            self.label_point(&c, &self.points[i], (&x, &y), &bounds, &mut obstacles)?;
        }
        Ok(())
    }

    /// y: the points and the limits at the smallest denominator shown (not the far tail);
    /// (lo, hi, ticks, step).
    fn y_domain(&self) -> (f64, f64, Vec<f64>, f64) {
        let near = self.curves.near;
        let mut ys: Vec<f64> = self.points.iter().map(|p| p.value).collect();
        ys.extend([self.benchmark, near.0, near.1]);
        let (ymin, ymax) = ys
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        let (ylo, yhi, yticks, ystep) = nice_domain(ymin, ymax, 6, false, 0.05);
        let (ylo, yhi) = match self.kind {
            FunnelKind::Share => (ylo.max(0.0), yhi.min(100.0)),
            FunnelKind::Rate { .. } => (ylo.max(0.0), yhi),
        };
        (ylo, yhi, yticks, ystep)
    }

    /// Title, subtitle, legend (benchmark, limits, the significances present) and the note on
    /// a log scale; returns the rectangle left for the plot.
    fn draw_frame<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        sig: &[Option<FunnelSignificance>],
        log: bool,
    ) -> Result<Rect> {
        let lang = self.lang;
        let order = [
            FunnelSignificance::High001,
            FunnelSignificance::High025,
            FunnelSignificance::NotSignificant,
            FunnelSignificance::Low025,
            FunnelSignificance::Low001,
        ];
        let mut legend = vec![
            LegendItem::new(
                Mark::Line {
                    colour: theme::TEXT,
                    dash: Dash::Solid,
                    point: false,
                },
                format!(
                    "{}: {}",
                    self.benchmark_name,
                    self.format.format(self.benchmark, lang)
                ),
            ),
            LegendItem::new(
                Mark::Line {
                    colour: theme::MUTED,
                    dash: Dash::Dashed,
                    point: false,
                },
                phrase::N_95_LIMITS.get(lang),
            ),
            LegendItem::new(
                Mark::Line {
                    colour: theme::MUTED,
                    dash: Dash::Solid,
                    point: false,
                },
                phrase::N_99_8_LIMITS.get(lang),
            ),
        ];
        if self.points.iter().any(|p| p.smoothed.is_some()) {
            legend.push(LegendItem::new(
                Mark::Symbol("○", theme::TEXT),
                words::SMOOTHED.get(lang),
            ));
        }
        for s in order {
            if sig.contains(&Some(s)) {
                legend.push(LegendItem::new(
                    Mark::Bar(significance_colour(Some(s))),
                    significance_label(s, lang),
                ));
            }
        }
        let subtitle = [
            self.unit.clone(),
            self.period.to_string(),
            format!(
                "{} {}",
                phrase::LIMITS_AROUND.get(lang),
                self.benchmark_name
            ),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle,
            legend,
            source: source_line(&self.source, lang),
            note: if log {
                phrase::LOGARITHMIC_POPULATION_SCALE.get(lang).to_string()
            } else {
                String::new()
            },
        })
    }

    /// The x grid and labels, the value axis and the x title; the plot and its scales.
    fn draw_axes<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        xd: &FunnelCurves,
        (ylo, yhi, yticks, ystep): (f64, f64, Vec<f64>, f64),
    ) -> Result<(Rect, Scale, Scale)> {
        let lang = self.lang;
        let tick_decimals = decimals_for(ystep);
        let axis = ValueAxis {
            labels: yticks
                .iter()
                .map(|v| self.format.format_with(*v, tick_decimals, lang))
                .collect(),
            ticks: yticks,
            title: self.unit.clone(),
        };
        let plot = c.plot_area(inner, &axis, c.px(6.0))?;
        let x = if xd.log {
            Scale::log(xd.lo, xd.hi, plot.x0, plot.x1)
        } else {
            Scale::linear(xd.lo, xd.hi, plot.x0, plot.x1)
        };
        let y = Scale::linear(ylo, yhi, plot.y1, plot.y0);
        for v in &xd.ticks {
            let px = x.map(*v);
            if px < plot.x0 - 0.5 || px > plot.x1 + 0.5 {
                continue;
            }
            c.line(
                &[(px, plot.y0), (px, plot.y1)],
                theme::GRID,
                1.0,
                Dash::Solid,
            )?;
            c.text(
                &format_number(*v, 0, lang),
                (px, plot.y1 + c.px(6.0)),
                &tick_font(),
                HPos::Center,
                VPos::Top,
            )?;
        }
        c.value_axis(inner, plot, &y, &axis)?;
        let denominator = match self.kind {
            FunnelKind::Rate { .. } => phrase::POPULATION.get(lang),
            FunnelKind::Share => phrase::RESPONDENTS.get(lang),
        };
        c.x_title(inner, plot, denominator)?;
        Ok((plot, x, y))
    }

    /// The limit curves (95 % dashed, 99.8 % solid) and the benchmark line.
    fn draw_limits<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        plot: Rect,
        x: &Scale,
        y: &Scale,
        limits: &[Vec<(f64, f64, f64)>],
    ) -> Result<()> {
        let clamp = |v: f64| v.clamp(y.lo, y.hi);
        for (i, l) in limits.iter().enumerate() {
            let dash = if i == 0 { Dash::Dashed } else { Dash::Solid };
            let lower: Vec<(f64, f64)> = l
                .iter()
                .map(|(n, lo, _)| (x.map(*n), y.map(clamp(*lo))))
                .collect();
            let upper: Vec<(f64, f64)> = l
                .iter()
                .map(|(n, _, hi)| (x.map(*n), y.map(clamp(*hi))))
                .collect();
            c.line(&lower, theme::MUTED, 1.5, dash)?;
            c.line(&upper, theme::MUTED, 1.5, dash)?;
        }
        let by = y.map(self.benchmark);
        c.line(
            &[(plot.x0, by), (plot.x1, by)],
            theme::TEXT,
            2.0,
            Dash::Solid,
        )?;
        Ok(())
    }

    /// A point's label: the highlighted area always (name and value), the others where there
    /// is room (they may cross the thin limit lines, on a white halo, but no point or label).
    fn label_point<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        p: &FunnelPoint,
        (x, y): (&Scale, &Scale),
        bounds: &Rect,
        obstacles: &mut Obstacles,
    ) -> Result<()> {
        let name_font = Font::new(size::LABEL - 1.5, theme::TEXT);
        let bold = Font::new(size::LABEL, theme::TEXT).bold();
        let at = (x.map(p.denominator), y.map(p.value.clamp(y.lo, y.hi)));
        let highlight = self.is_highlight(p);
        let (text, font) = if highlight {
            (
                format!("{} {}", p.name, self.format.format(p.value, self.lang)),
                bold,
            )
        } else {
            (p.name.clone(), name_font)
        };
        let off = c.px(if highlight { 14.0 } else { 10.0 });
        let d = off * 0.7;
        let spots = [
            Spot::new((at.0 + off, at.1), HPos::Left, VPos::Center),
            Spot::new((at.0 - off, at.1), HPos::Right, VPos::Center),
            Spot::new((at.0, at.1 - off), HPos::Center, VPos::Bottom),
            Spot::new((at.0, at.1 + off), HPos::Center, VPos::Top),
            Spot::new((at.0 + d, at.1 - d), HPos::Left, VPos::Bottom),
            Spot::new((at.0 + d, at.1 + d), HPos::Left, VPos::Top),
            Spot::new((at.0 - d, at.1 - d), HPos::Right, VPos::Bottom),
            Spot::new((at.0 - d, at.1 + d), HPos::Right, VPos::Top),
        ];
        if highlight {
            c.place_label(&text, &font, &spots, bounds, obstacles)?;
        } else {
            c.place_label_if_free(&text, &font, &spots, bounds, obstacles)?;
        }
        Ok(())
    }

    fn is_highlight(&self, p: &FunnelPoint) -> bool {
        self.highlight.as_deref() == Some(p.area.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, sample_rates};
    use crate::chart::{Chart, render_svg_string};
    use crate::indicators::chart_data::{Selection, ValueFormat, funnel_data_from_table};
    use crate::period::Period;

    /// Tolerance for the PHE reference, given in percent to 6 decimals.
    const PHE_TOL_PERCENT: f64 = 2e-6;

    fn share_funnel(benchmark: f64) -> FunnelChartData {
        FunnelChartData {
            title: "Otrygghet".into(),
            unit: "procent".into(),
            period: Period::Year(2024),
            kind: FunnelKind::Share,
            benchmark,
            benchmark_name: "Riket".into(),
            points: vec![],
            highlight: None,
            format: ValueFormat {
                decimals: 1,
                percent: true,
            },
            source: "Brå, NTU".into(),
            lang: Lang::Sv,
            curves: FunnelCurves::default(),
        }
    }

    #[test]
    fn phe_proportion_reference() {
        // METHODS.md, "Funnel plots": PHE reference (percent), p0 = 80.642448 %, n = 598.
        let d = share_funnel(80.642448);
        let (l, u) = d.limits(598.0, 0.95).expect("limits");
        assert!((l - 77.475765).abs() < PHE_TOL_PERCENT, "{l}");
        assert!((u - 83.809131).abs() < PHE_TOL_PERCENT, "{u}");
        let (l, u) = d.limits(598.0, 0.998).expect("limits");
        assert!((l - 75.649608).abs() < PHE_TOL_PERCENT, "{l}");
        assert!((u - 85.635287).abs() < PHE_TOL_PERCENT, "{u}");
    }

    #[test]
    fn limits_computed_directly() {
        // Shares: p0 ± z·sqrt(p0(1 − p0)/n), z from the normal quantile.
        let d = share_funnel(25.0);
        let (l, u) = d.limits(400.0, 0.95).expect("limits");
        let half = 1.959963984540054 * (0.25_f64 * 0.75 / 400.0).sqrt() * 100.0;
        assert!((l - (25.0 - half)).abs() < 1e-9 && (u - (25.0 + half)).abs() < 1e-9);
        // Rates: Garwood at E = r0·n/per (SciPy 1.17.1 chi2.ppf, as stats::funnel's tests).
        let mut r = share_funnel(1500.0);
        r.kind = FunnelKind::Rate { per: 100_000.0 };
        let (l, u) = r.limits(13_391.0, 0.95).expect("limits");
        assert!((l - 1299.723563230312).abs() < 1e-6 && (u - 1722.4011344886721).abs() < 1e-6);
        assert!(share_funnel(120.0).limits(100.0, 0.95).is_err());
    }

    fn vastmanland() -> FunnelChartData {
        let sel = Selection {
            area: Some("1982".into()),
            indicator: Some("brott.totalt".into()),
            benchmarks: Some(vec!["19".into()]),
            ..Selection::default()
        };
        funnel_data_from_table(&sample_rates(), &sel).expect("builds")
    }

    #[test]
    fn builds_from_rates_with_the_county_as_benchmark() {
        let d = vastmanland();
        assert_eq!(d.points.len(), 10);
        assert_eq!(d.kind, FunnelKind::Rate { per: 100_000.0 });
        assert_eq!(d.period, Period::Year(2024));
        assert_eq!(d.benchmark_name, "Västmanlands län");
        // The county is the sum of its kommuner: its rate is the pooled rate of the points.
        let (c, n) = d.points.iter().fold((0.0, 0.0), |(c, n), p| {
            (c + p.value * p.denominator / 1e5, n + p.denominator)
        });
        assert!((d.benchmark - c / n * 1e5).abs() < 1e-6 * d.benchmark);
        // Västerås (large) has the narrowest limits.
        let vasteras = d
            .points
            .iter()
            .find(|p| p.area == "1980")
            .expect("Västerås");
        let norberg = d.points.iter().find(|p| p.area == "1962").expect("Norberg");
        let w = |p: &FunnelPoint| {
            let (l, u) = d.limits(p.denominator, 0.95).expect("limits");
            u - l
        };
        assert!(w(vasteras) < w(norberg) / 3.0);
        // Classification agrees with the limits.
        for p in &d.points {
            let (l, u) = d.limits(p.denominator, 0.95).expect("limits");
            let s = d.significance(p).expect("limits").expect("classified");
            // Compute put the same significance into the data the chart draws.
            assert_eq!(p.significance, Some(s), "{}", p.name);
            assert_eq!(
                s == FunnelSignificance::NotSignificant,
                p.value >= l && p.value <= u,
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn the_limit_curves_are_in_the_data_and_the_drawing_needs_them() {
        let d = vastmanland();
        let c = &d.curves;
        for (k, level) in [0.95, 0.998].into_iter().enumerate() {
            assert_eq!(c.limits[k].len(), 121);
            assert!((c.limits[k][0].0 - c.lo).abs() < 1e-9 * c.lo);
            assert!((c.limits[k][120].0 - c.hi).abs() < 1e-9 * c.hi);
            for &(n, lo, hi) in &c.limits[k] {
                assert_eq!(d.limits(n, level).expect("limits"), (lo, hi));
            }
        }
        assert_eq!(c.near, d.limits(c.nmin / 1.25, 0.998).expect("limits"));
        let mut bare = d.clone();
        bare.curves = FunnelCurves::default();
        let err = render_svg_string(&Chart::Funnel(bare), (800, 450)).unwrap_err();
        assert!(err.to_string().contains("with_limits"), "{err}");
    }

    #[test]
    fn pooled_benchmark_without_one() {
        let sel = Selection {
            indicator: Some("brott.totalt".into()),
            areas: vec!["19".into()],
            benchmarks: Some(vec![]),
            ..Selection::default()
        };
        let d = funnel_data_from_table(&sample_rates(), &sel).expect("builds");
        assert_eq!(d.benchmark_name, "Genomsnitt för områdena");
        let v = vastmanland();
        assert!((d.benchmark - v.benchmark).abs() < 1e-6 * v.benchmark);
    }

    #[test]
    fn svg_has_every_area_the_limits_and_the_highlight() {
        let d = vastmanland();
        let svg = render_svg_string(&Chart::Funnel(d.clone()), (800, 450)).expect("renders");
        assert!(svg.contains("Anmälda brott totalt"));
        assert!(svg.contains("Folkmängd"));
        assert!(svg.contains("95\u{a0}%-gränser") && svg.contains("99,8\u{a0}%-gränser"));
        let fagersta = d
            .points
            .iter()
            .find(|p| p.area == "1982")
            .expect("Fagersta");
        assert!(svg.contains(&format!(
            "Fagersta {}",
            d.format.format(fagersta.value, Lang::Sv)
        )));
        // One ring for the highlighted area.
        assert_eq!(count(&svg, "<circle", "stroke=\"#1F1F1F\""), 1);
        // The four limit lines are many grey segments; the benchmark one black line.
        assert!(count(&svg, "<polyline", "stroke=\"#595959\"") > 20);
        assert!(svg.contains("Logaritmisk skala för folkmängd"));
    }
}
