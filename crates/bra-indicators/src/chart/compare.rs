//! Compare: horizontal bars for a set of areas (the kommuner of a county, or any set),
//! sorted, with interval whiskers, the benchmark as a vertical line, and each bar coloured by
//! its assessment against the benchmark (Fingertips: better / similar / worse).

use super::canvas::{
    Canvas, Font, Frame, LegendItem, Mark, Obstacles, Rect, Scale, Spot, decimals_for, nice_domain,
};
use super::text::{level_text, source_line};
use super::theme::{self, Dash, size};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicators::chart_data::{CompareBar, CompareChartData};
use crate::indicators::compare::Assessment;
use crate::labels::chart as phrase;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::text_anchor::{HPos, VPos};

impl CompareChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without bars; [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        if self.bars.is_empty() {
            return Err(Error::InvalidArgument(
                "a compare chart needs at least one bar".to_string(),
            ));
        }
        let c = Canvas::new(area)?;
        let inner = self.draw_frame(&c)?;
        // x domain from 0 to the largest upper bound.
        let max = self
            .bars
            .iter()
            .map(|b| b.upper.unwrap_or(b.value).max(b.value))
            .chain(self.benchmark.as_ref().map(|(_, v)| *v))
            .fold(0.0_f64, f64::max);
        let (lo, hi, xticks, xstep) = nice_domain(0.0, max, 5, true, 0.02);
        let fonts = BarFonts::new();
        let texts = self.row_texts(&c, inner, &fonts)?;
        let (_, tick_h) = c.measure("0", &fonts.tick)?;
        let (_, axis_h) = c.measure("Åg", &fonts.axis)?;
        let bench_label_h = if self.benchmark.is_some() {
            tick_h + c.px(8.0)
        } else {
            0.0
        };
        let plot = Rect::new(
            inner.x0 + texts.names_w + c.px(10.0),
            inner.y0 + bench_label_h,
            inner.x1 - texts.values_w - c.px(16.0),
            inner.y1 - tick_h - c.px(8.0) - axis_h - c.px(6.0),
        );
        let x = Scale::linear(lo, hi, plot.x0, plot.x1);
        self.x_axis(&c, inner, plot, &x, (&xticks, xstep), &fonts)?;
        self.draw_bars(&c, inner, plot, &x, &texts, &fonts)?;
        c.line(
            &[(plot.x0, plot.y0), (plot.x0, plot.y1)],
            theme::AXIS,
            1.0,
            Dash::Solid,
        )?;
        self.draw_benchmark(&c, inner, plot, &x)
    }

    /// Title, subtitle, the legend (the assessments present, in order; the interval); returns
    /// the rectangle left for the plot.
    fn draw_frame<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>) -> Result<Rect> {
        let lang = self.lang;

        let order = Assessment::ALL;
        let bench_name = self
            .benchmark
            .as_ref()
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let mut legend: Vec<LegendItem> = order
            .iter()
            .filter(|a| self.bars.iter().any(|b| b.assessment == **a))
            .map(|a| {
                LegendItem::new(
                    Mark::Bar(theme::assessment_colour(*a)),
                    assessment_label(*a, lang),
                )
            })
            .collect();
        if self
            .bars
            .iter()
            .any(|b| b.lower.is_some() && b.upper.is_some())
        {
            let level = self.level.map(|l| level_text(l, lang)).unwrap_or_default();
            legend.push(LegendItem::new(
                Mark::WhiskerH(theme::TEXT),
                format!("{level} {}", phrase::CONFIDENCE_INTERVAL.get(lang))
                    .trim()
                    .to_string(),
            ));
        }
        // "Kommunerna i Västmanlands län jämfört med länet, 2024 · per 100 000 invånare"
        let compared = if bench_name.is_empty() {
            String::new()
        } else if !self.areas_label.is_empty() && self.areas_label.ends_with(&bench_name) {
            phrase::COMPARED_WITH_THE_COUNTY.get(lang).to_string()
        } else {
            format!("{} {bench_name}", phrase::COMPARED_WITH.get(lang))
        };
        let head = [self.areas_label.clone(), compared]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let subtitle = vec![
            if head.is_empty() {
                self.period.to_string()
            } else {
                format!("{head}, {}", self.period)
            },
            self.unit.clone(),
        ];
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle: subtitle
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            legend,
            source: source_line(&self.source, lang),
            note: String::new(),
        })
    }

    /// The bars' names (shortened to fit) and values as text, and the widest of each.
    fn row_texts<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        fonts: &BarFonts,
    ) -> Result<RowTexts> {
        let max_name = inner.width() * 0.32;
        let mut names_w: f64 = 0.0;
        let mut names = Vec::new();
        for b in &self.bars {
            let font = if self.is_highlight(b) {
                &fonts.bold_name
            } else {
                &fonts.name
            };
            let n = c.ellipsize(&b.name, font, max_name)?;
            names_w = names_w.max(c.measure(&n, font)?.0);
            names.push(n);
        }
        let values: Vec<String> = self
            .bars
            .iter()
            .map(|b| self.format.format(b.value, self.lang))
            .collect();
        let mut values_w: f64 = 0.0;
        for v in &values {
            values_w = values_w.max(c.measure(v, &fonts.value)?.0);
        }
        Ok(RowTexts {
            names,
            names_w,
            values,
            values_w,
        })
    }

    /// The grid, the x labels and the unit below.
    fn x_axis<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        plot: Rect,
        x: &Scale,
        (xticks, xstep): (&[f64], f64),
        fonts: &BarFonts,
    ) -> Result<()> {
        let decimals = decimals_for(xstep);
        for v in xticks {
            let px = x.map(*v);
            c.line(
                &[(px, plot.y0), (px, plot.y1)],
                theme::GRID,
                1.0,
                Dash::Solid,
            )?;
            c.text(
                &self.format.format_with(*v, decimals, self.lang),
                (px, plot.y1 + c.px(6.0)),
                &fonts.tick,
                HPos::Center,
                VPos::Top,
            )?;
        }
        c.text(
            &self.unit,
            ((plot.x0 + plot.x1) / 2.0, inner.y1),
            &fonts.axis,
            HPos::Center,
            VPos::Bottom,
        )?;
        Ok(())
    }

    /// Bars in their assessment's colour, whiskers, names on the left and values in a column
    /// on the right (clear of whiskers and the benchmark line).
    fn draw_bars<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        plot: Rect,
        x: &Scale,
        texts: &RowTexts,
        fonts: &BarFonts,
    ) -> Result<()> {
        let row_h = plot.height() / self.bars.len() as f64;
        let bar_h = (row_h * 0.64).min(c.px(30.0));
        for (i, b) in self.bars.iter().enumerate() {
            let cy = plot.y0 + row_h * (i as f64 + 0.5);
            let fill = theme::assessment_colour(b.assessment);
            let bar = Rect::new(
                x.map(0.0_f64.max(x.lo)),
                cy - bar_h / 2.0,
                x.map(b.value),
                cy + bar_h / 2.0,
            );
            c.fill_rect(bar, fill, 1.0)?;
            let highlight = self.is_highlight(b);
            if highlight {
                c.stroke_rect(bar.grow(c.px(1.0)), theme::TEXT, 2.0)?;
            }
            if let (Some(l), Some(u)) = (b.lower, b.upper) {
                c.whisker_h(cy, x.map(l), x.map(u), theme::TEXT, 1.5, bar_h * 0.22 / c.s)?;
            }
            let (font, vfont) = if highlight {
                (&fonts.bold_name, fonts.value.bold())
            } else {
                (&fonts.name, fonts.value)
            };
            let name_at = (plot.x0 - c.px(8.0), cy);
            c.text(&texts.names[i], name_at, font, HPos::Right, VPos::Center)?;
            let value_at = (inner.x1, cy);
            c.text(
                &texts.values[i],
                value_at,
                &vfont,
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    }

    /// The benchmark line and its label above the plot.
    fn draw_benchmark<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        plot: Rect,
        x: &Scale,
    ) -> Result<()> {
        let Some((name, v)) = &self.benchmark else {
            return Ok(());
        };
        let px = x.map(*v);
        c.line(
            &[(px, plot.y0 - c.px(2.0)), (px, plot.y1)],
            theme::TEXT,
            2.0,
            Dash::Dashed,
        )?;
        let label = format!("{name}: {}", self.format.format(*v, self.lang));
        let top = Rect::new(inner.x0, inner.y0 - c.px(2.0), inner.x1, plot.y0);
        let at = (px, plot.y0 - c.px(4.0));
        c.place_label(
            &label,
            &Font::new(size::TICK, theme::TEXT),
            &[
                Spot::new(at, HPos::Center, VPos::Bottom),
                Spot::new(at, HPos::Right, VPos::Bottom),
                Spot::new(at, HPos::Left, VPos::Bottom),
            ],
            &top,
            &mut Obstacles::default(),
        )?;
        Ok(())
    }

    fn is_highlight(&self, b: &CompareBar) -> bool {
        self.highlight.as_deref() == Some(b.area.as_str())
    }
}

/// The legend text of an assessment: `Mycket bättre` / `Much better`.
fn assessment_label(a: Assessment, lang: Lang) -> String {
    let label = lang.pick(a.label_sv(), a.code());
    let mut chars = label.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The fonts of a compare chart's rows and axis.
struct BarFonts {
    name: Font,
    bold_name: Font,
    tick: Font,
    value: Font,
    axis: Font,
}

impl BarFonts {
    fn new() -> Self {
        BarFonts {
            name: Font::new(size::TICK, theme::TEXT),
            bold_name: Font::new(size::TICK, theme::TEXT).bold(),
            tick: Font::new(size::TICK, theme::MUTED),
            value: Font::new(size::LABEL, theme::TEXT),
            axis: Font::new(size::AXIS_TITLE, theme::MUTED),
        }
    }
}

/// The bars' names and values as drawn, and the widest of each.
struct RowTexts {
    names: Vec<String>,
    names_w: f64,
    values: Vec<String>,
    values_w: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, fixture, sample_rates};
    use crate::chart::{Chart, render_svg_string};
    use crate::indicators::chart_data::{Selection, compare_data, compare_data_from_table};
    use crate::period::Period;

    fn vastmanland() -> CompareChartData {
        let sel = Selection {
            area: Some("Fagersta".into()),
            indicator: Some("brott.totalt".into()),
            benchmarks: Some(vec!["19".into()]),
            period: Some(Period::Year(2024)),
            ..Selection::default()
        };
        compare_data_from_table(&sample_rates(), &sel).expect("builds")
    }

    #[test]
    fn kommuner_of_the_county_sorted_and_assessed() {
        let d = vastmanland();
        assert_eq!(d.bars.len(), 10);
        assert!(
            d.bars.windows(2).all(|w| w[0].value >= w[1].value),
            "sorted, highest first"
        );
        assert_eq!(d.areas_label, "Kommunerna i Västmanlands län");
        let (name, v) = d.benchmark.clone().expect("benchmark");
        assert_eq!(name, "Västmanlands län");
        // Each assessment follows the Fingertips rule on the bar's own interval.
        for b in &d.bars {
            let (l, u) = (b.lower.expect("lower"), b.upper.expect("upper"));
            let expected = if v < l {
                [Assessment::Worse, Assessment::MuchWorse]
            } else if v > u {
                [Assessment::Better, Assessment::MuchBetter]
            } else {
                [Assessment::Similar, Assessment::Similar]
            };
            assert!(
                expected.contains(&b.assessment),
                "{}: {:?}",
                b.name,
                b.assessment
            );
        }
    }

    #[test]
    fn svg_has_one_bar_per_area_and_the_benchmark_line() {
        let d = vastmanland();
        let svg = render_svg_string(&Chart::Compare(d.clone()), (800, 450)).expect("renders");
        assert!(svg.contains("Anmälda brott totalt"));
        assert!(svg.contains("Kommunerna i Västmanlands län"));
        for name in [
            "Västerås",
            "Köping",
            "Skinnskatteberg",
            "Kungsör",
            "Hallstahammar",
        ] {
            assert!(svg.contains(name), "{name}");
        }
        let fills: usize = [
            "#00B050", "#92D050", "#FFC000", "#C00000", "#7F0000", "#C9C9C9",
        ]
        .iter()
        .map(|f| count(&svg, "<rect", &format!("fill=\"{f}\"")))
        .sum();
        let legend = d
            .bars
            .iter()
            .map(|b| b.assessment)
            .collect::<std::collections::HashSet<_>>()
            .len();
        assert_eq!(
            fills,
            d.bars.len() + legend,
            "one bar per area plus the legend swatches"
        );
        // The benchmark: a dashed dark vertical line, and its label with the value.
        let (_, v) = d.benchmark.clone().expect("benchmark");
        assert!(svg.contains(&format!(
            "Västmanlands län: {}",
            d.format.format(v, Lang::Sv)
        )));
        assert!(count(&svg, "<polyline", "stroke=\"#1F1F1F\"") > 10);
        // The highlighted kommun is bold.
        assert!(
            svg.lines()
                .any(|l| l.contains("font-weight=\"bold\"") && l.contains("text-anchor=\"end\""))
                && svg.contains("Fagersta")
        );
    }

    #[test]
    fn uses_the_assessment_of_bra_compare_output() {
        let (name, bytes) = fixture("compare.csv");
        let sel = Selection {
            indicator: Some("brott.totalt".into()),
            benchmarks: Some(vec!["19".into()]),
            ..Selection::default()
        };
        let out = crate::report::outputs::read_compare_output_bytes(&name, &bytes).expect("reads");
        let d = compare_data(&out.table, out.assessments.as_ref(), &sel).expect("builds");
        assert_eq!(d.period, Period::Year(2024));
        let fagersta = d.bars.iter().find(|b| b.area == "1982").expect("Fagersta");
        // The fixture says "much better" although its interval alone would say "better".
        assert_eq!(fagersta.assessment, Assessment::MuchBetter);
        assert_eq!(d.bars.len(), 4);
    }
}
