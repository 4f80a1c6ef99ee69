//! The kommun profile's spine chart (Fingertips' area profile): one row per indicator, grouped
//! under the focus areas of the citizen promise; each row the indicator's name, the area's and
//! the benchmark's values as text, and the spine: a light bar from the worst to the best value
//! among the comparison areas, their 25th–75th percentile shaded darker, the benchmark as a
//! line in the middle and the area as a dot in its assessment's colour (the compare chart's
//! colours). The best end is always on the right (a lower-is-better row is mirrored), and each
//! row is scaled so that the benchmark sits in the middle: the distance from the benchmark to
//! the farther end of the range sets the half-width (as Fingertips does).
//!
//! Many indicators make one tall image ([`Chart::size_for`](super::Chart::size_for) grows the
//! height by the rows), never several pages, so the profile stays one picture in the report.
//!
//! The chart draws what Compute hands it ([`ProfileChartData`], built by
//! [`Profile::chart_data`](crate::indicators::profile::Profile::chart_data)).

use super::canvas::{Canvas, Font, Frame, LegendItem, Mark, Rect};
use super::theme::{self, Dash, size};
use crate::error::{Error, Result};
use crate::format::{format_number, format_percent};
use crate::indicator::{FocusArea, Polarity};
use crate::indicators::compare::Assessment;
pub use crate::indicators::profile::{ProfileChartData, ProfileChartRow};
use crate::labels::profile as words;
use crate::period::Period;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// The light bar: worst to best among the comparison areas.
const RANGE: RGBColor = RGBColor(0xDC, 0xDC, 0xDC);
/// The darker shading: the 25th to the 75th percentile.
const QUARTILES: RGBColor = RGBColor(0xA8, 0xA8, 0xA8);

/// Where a value lands on a row's spine, from 0 (the left end, worst) to 1 (the right end,
/// best): the row is centred on `centre` (the benchmark) with `half` (see [`half_width`]) on
/// either side, and mirrored when lower is better, so that the best end is on the right. A
/// neutral row is drawn low to high. Values beyond the ends are held at the ends; a row
/// without a width puts everything in the middle.
pub(crate) fn spine_position(value: f64, centre: f64, half: f64, polarity: Polarity) -> f64 {
    if half.is_nan() || half <= 0.0 || !value.is_finite() {
        return 0.5;
    }
    let offset = (value - centre) / (2.0 * half);
    let t = match polarity {
        Polarity::LowerIsBetter => 0.5 - offset,
        Polarity::HigherIsBetter | Polarity::Neutral => 0.5 + offset,
    };
    t.clamp(0.0, 1.0)
}

/// The half-width of a row: the distance from the centre (the benchmark) to the farther of
/// the worst and the best value.
pub(crate) fn half_width(centre: f64, min: f64, max: f64) -> f64 {
    (centre - min).abs().max((max - centre).abs())
}

impl ProfileChartData {
    /// The period of most rows (the latest of equally common ones): the title's.
    pub fn period(&self) -> Option<Period> {
        let mut counts: Vec<(Period, usize)> = Vec::new();
        for r in &self.rows {
            match counts.iter_mut().find(|(p, _)| *p == r.period) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.period, 1)),
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(p, _)| p)
    }

    /// How many lines the chart's table has: the rows, a heading per focus area and the
    /// column headings (for the image's height).
    pub fn lines(&self) -> usize {
        self.rows.len() + self.groups().len() + 1
    }

    /// The rows in runs of one focus area, in order.
    fn groups(&self) -> Vec<(FocusArea, &[ProfileChartRow])> {
        let mut out: Vec<(FocusArea, &[ProfileChartRow])> = Vec::new();
        let mut start = 0;
        for i in 1..=self.rows.len() {
            if i == self.rows.len() || self.rows[i].focus_area != self.rows[start].focus_area {
                out.push((self.rows[start].focus_area, &self.rows[start..i]));
                start = i;
            }
        }
        out
    }

    fn format(&self, row: &ProfileChartRow, v: f64) -> String {
        if row.percent {
            format_percent(v, row.decimals, self.lang)
        } else {
            format_number(v, row.decimals, self.lang)
        }
    }

    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without rows; [`Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        if self.rows.is_empty() {
            return Err(Error::InvalidArgument(
                "a profile chart needs at least one indicator".to_string(),
            ));
        }
        let c = Canvas::new(area)?;
        let inner = self.draw_frame(&c)?;
        let texts = self.texts();
        let cols = self.columns(&c, inner, &texts)?;
        // Lines: the column headings, then a heading per focus area and its rows.
        let line_h = inner.height() / self.lines() as f64;
        let mut y = inner.y0;
        self.draw_headings(&c, inner, &cols, y + line_h / 2.0)?;
        y += line_h;
        c.line(
            &[(inner.x0, y), (inner.x1, y)],
            theme::AXIS,
            1.0,
            Dash::Solid,
        )?;
        let group_font = Font::new(size::TICK, theme::TEXT).bold();
        let mut i = 0;
        for (focus, rows) in self.groups() {
            let label = self.lang.pick(focus.label_sv(), focus.label_en());
            c.text(
                label,
                (inner.x0, y + line_h * 0.6),
                &group_font,
                HPos::Left,
                VPos::Center,
            )?;
            y += line_h;
            for row in rows {
                self.draw_row(&c, inner, &cols, (&texts, i), row, (y, line_h))?;
                y += line_h;
                c.line(
                    &[(inner.x0 + c.px(10.0), y), (inner.x1, y)],
                    theme::GRID,
                    1.0,
                    Dash::Solid,
                )?;
                i += 1;
            }
        }
        Ok(())
    }

    /// The texts of each row: the indicator's name (with its period when it is not the
    /// chart's), the value and the benchmark's value.
    fn texts(&self) -> RowTexts {
        let main_period = self.period();
        RowTexts {
            names: self
                .rows
                .iter()
                .map(|r| match main_period {
                    Some(p) if p != r.period => format!("{} ({})", r.name, r.period),
                    _ => r.name.clone(),
                })
                .collect(),
            values: self.rows.iter().map(|r| self.format(r, r.value)).collect(),
            benches: self
                .rows
                .iter()
                .map(|r| {
                    r.benchmark_value
                        .map(|v| self.format(r, v))
                        .unwrap_or_else(|| "–".to_string())
                })
                .collect(),
        }
    }

    /// The columns' widths and places: names, the value, the benchmark's value, the spine.
    fn columns<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        texts: &RowTexts,
    ) -> Result<Columns> {
        let (name_font, value_font, head_font) = fonts();
        let widest = |texts: &[String], font: &Font| -> Result<f64> {
            texts
                .iter()
                .try_fold(0.0_f64, |w, t| Ok(w.max(c.measure(t, font)?.0)))
        };
        let gap = c.px(14.0);
        let value_w = widest(&texts.values, &value_font)?
            .max(c.measure(&self.area_name, &head_font)?.0.min(c.px(110.0)));
        let bench_w = widest(&texts.benches, &value_font)?.max(
            c.measure(&self.benchmark_name, &head_font)?
                .0
                .min(c.px(130.0)),
        );
        let name_w = widest(&texts.names, &name_font)?.min(inner.width() * 0.36);
        let x_value = inner.x0 + name_w + gap + value_w;
        let x_bench = x_value + gap + bench_w;
        Ok(Columns {
            name_w,
            value_w,
            bench_w,
            x_value,
            x_bench,
            spine: (x_bench + gap * 1.5, inner.x1 - c.px(8.0)),
        })
    }

    /// The column headings at height `cy`.
    fn draw_headings<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        cols: &Columns,
        cy: f64,
    ) -> Result<()> {
        let lang = self.lang;
        let (_, _, head_font) = fonts();
        c.text(
            words::INDICATOR.get(lang),
            (inner.x0, cy),
            &head_font,
            HPos::Left,
            VPos::Center,
        )?;
        for (text, x, w) in [
            (&self.area_name, cols.x_value, cols.value_w),
            (&self.benchmark_name, cols.x_bench, cols.bench_w),
        ] {
            let t = c.ellipsize(text, &head_font, w)?;
            c.text(&t, (x, cy), &head_font, HPos::Right, VPos::Center)?;
        }
        c.text(
            &format!("← {}", words::WORST.get(lang)),
            (cols.spine.0, cy),
            &head_font,
            HPos::Left,
            VPos::Center,
        )?;
        c.text(
            &format!("{} →", words::BEST.get(lang)),
            (cols.spine.1, cy),
            &head_font,
            HPos::Right,
            VPos::Center,
        )?;
        Ok(())
    }

    /// Row `i` on the line from `y`: its name, value, benchmark value and spine.
    fn draw_row<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        cols: &Columns,
        (texts, i): (&RowTexts, usize),
        row: &ProfileChartRow,
        (y, line_h): (f64, f64),
    ) -> Result<()> {
        let (name_font, value_font, _) = fonts();
        let cy = y + line_h / 2.0;
        let name = c.ellipsize(&texts.names[i], &name_font, cols.name_w)?;
        c.text(
            &name,
            (inner.x0 + c.px(10.0), cy),
            &name_font,
            HPos::Left,
            VPos::Center,
        )?;
        c.text(
            &texts.values[i],
            (cols.x_value, cy),
            &value_font,
            HPos::Right,
            VPos::Center,
        )?;
        c.text(
            &texts.benches[i],
            (cols.x_bench, cy),
            &value_font,
            HPos::Right,
            VPos::Center,
        )?;
        self.draw_spine(c, row, cols.spine, cy, line_h)
    }

    /// One row's spine between `x0` and `x1` at height `cy`.
    fn draw_spine<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        row: &ProfileChartRow,
        (x0, x1): (f64, f64),
        cy: f64,
        line_h: f64,
    ) -> Result<()> {
        let bar_h = (line_h * 0.5).min(c.px(14.0));
        let centre = row.benchmark_value.or(row.median).unwrap_or(row.value);
        let (lo, hi) = row
            .spread
            .map_or((row.value, row.value), |(min, _, _, max)| (min, max));
        let half = half_width(centre, lo.min(row.value), hi.max(row.value));
        let x = |v: f64| x0 + (x1 - x0) * spine_position(v, centre, half, row.polarity);
        let span = |a: f64, b: f64| {
            let (xa, xb) = (x(a), x(b));
            Rect::new(xa.min(xb), cy - bar_h / 2.0, xa.max(xb), cy + bar_h / 2.0)
        };
        if let Some((min, q25, q75, max)) = row.spread {
            c.fill_rect(span(min, max), RANGE, 1.0)?;
            c.fill_rect(span(q25, q75), QUARTILES, 1.0)?;
        }
        if row.benchmark_value.is_some() {
            let bx = x(centre);
            c.line(
                &[(bx, cy - bar_h * 0.95), (bx, cy + bar_h * 0.95)],
                theme::TEXT,
                2.5,
                Dash::Solid,
            )?;
        }
        let at = (x(row.value), cy);
        c.point(at, 6.0, theme::assessment_colour(row.assessment))?;
        c.circle_outline(at, 6.0, theme::TEXT, 1.0)
    }

    /// Title, subtitle, legend, source and note; returns the rectangle left for the table.
    fn draw_frame<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>) -> Result<Rect> {
        let lang = self.lang;
        let mut legend: Vec<LegendItem> = Assessment::ALL
            .iter()
            .filter(|a| self.rows.iter().any(|r| r.assessment == **a))
            .map(|a| {
                LegendItem::new(
                    Mark::Symbol("●", theme::assessment_colour(*a)),
                    capitalised(crate::labels::label_or_code(a.code(), lang)),
                )
            })
            .collect();
        legend.push(LegendItem::new(Mark::Bar(RANGE), words::RANGE.get(lang)));
        legend.push(LegendItem::new(
            Mark::Bar(QUARTILES),
            words::QUARTILES.get(lang),
        ));
        legend.push(LegendItem::new(
            Mark::Tick(theme::TEXT),
            self.benchmark_name.clone(),
        ));
        let period = self.period().map(|p| format!(", {p}")).unwrap_or_default();
        c.frame(&Frame {
            title: format!("{}: {}", words::TITLE.get(lang), self.area_name),
            subtitle: format!(
                "{} {}{period} · {} {}",
                words::COMPARED_WITH.get(lang),
                self.benchmark_name,
                words::SPREAD_AMONG.get(lang),
                self.comparison_label
            ),
            legend,
            source: format!("{}: {}", lang.pick("Källa", "Source"), self.source),
            note: words::NOTE.get(lang).to_string(),
        })
    }
}

/// `likvärdig` → `Likvärdig`.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// The fonts of the profile's rows: names, values, column headings.
fn fonts() -> (Font, Font, Font) {
    (
        Font::new(size::TICK, theme::TEXT),
        Font::new(size::LABEL, theme::TEXT),
        Font::new(size::TICK, theme::MUTED).bold(),
    )
}

/// The texts of the profile's rows.
struct RowTexts {
    names: Vec<String>,
    values: Vec<String>,
    benches: Vec<String>,
}

/// The widths and places of the profile's columns.
struct Columns {
    name_w: f64,
    value_w: f64,
    bench_w: f64,
    x_value: f64,
    x_bench: f64,
    /// The spine runs from .0 to .1.
    spine: (f64, f64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::test_support::{count, sample_rates};
    use crate::chart::{Chart, render_png, render_svg_string};
    use crate::format::Lang;
    use crate::{AreaRegistry, IndicatorRegistry, ProfileOptions, profile};

    #[test]
    fn values_land_with_the_benchmark_in_the_middle_and_the_best_to_the_right() {
        // Benchmark 100, range 80..140: the farther end (140) sets the half-width 40.
        let half = half_width(100.0, 80.0, 140.0);
        assert_eq!(half, 40.0);
        let up = |v| spine_position(v, 100.0, half, Polarity::HigherIsBetter);
        let down = |v| spine_position(v, 100.0, half, Polarity::LowerIsBetter);
        assert_eq!(up(100.0), 0.5);
        assert_eq!(up(140.0), 1.0);
        assert_eq!(up(80.0), 0.25);
        // Lower is better: mirrored, the lowest (best) value on the right.
        assert_eq!(down(100.0), 0.5);
        assert_eq!(down(140.0), 0.0);
        assert_eq!(down(80.0), 0.75);
        assert_eq!(up(120.0) + down(120.0), 1.0);
        // Neutral: low to high, as higher-is-better.
        assert_eq!(spine_position(80.0, 100.0, half, Polarity::Neutral), 0.25);
        // Out of range held at the ends; no width: the middle.
        assert_eq!(up(1000.0), 1.0);
        assert_eq!(down(1000.0), 0.0);
        assert_eq!(spine_position(7.0, 7.0, 0.0, Polarity::LowerIsBetter), 0.5);
        assert_eq!(
            spine_position(f64::NAN, 7.0, 1.0, Polarity::LowerIsBetter),
            0.5
        );
    }

    fn fagersta(lang: Lang) -> ProfileChartData {
        let options = ProfileOptions {
            area: "1982".into(),
            benchmarks: vec!["19".into(), "00".into()],
            ..Default::default()
        };
        let (areas, indicators) = (AreaRegistry::builtin(), IndicatorRegistry::builtin());
        profile(&sample_rates(), areas, indicators, &options)
            .expect("profile")
            .chart_data(None, areas, indicators, lang)
            .expect("chart data")
    }

    #[test]
    fn one_row_per_indicator_against_the_first_benchmark_grouped_by_focus_area() {
        let d = fagersta(Lang::Sv);
        assert_eq!(d.benchmark_name, "Västmanlands län");
        assert_eq!(d.comparison_label, "kommunerna i Västmanlands län");
        assert_eq!(d.rows.len(), 7, "the seven indicators of the samples");
        assert_eq!(d.period(), Some(Period::Year(2024)));
        // Each focus area's rows are together.
        let groups = d.groups();
        let mut seen = std::collections::HashSet::new();
        assert!(groups.iter().all(|(f, _)| seen.insert(*f)));
        assert_eq!(d.lines(), 7 + groups.len() + 1);
        let total = d
            .rows
            .iter()
            .find(|r| r.indicator == "brott.totalt")
            .expect("total");
        assert_eq!(total.assessment, Assessment::MuchBetter);
        assert_eq!(total.decimals, 0);
    }

    #[test]
    fn svg_has_a_dot_a_bar_and_a_band_per_row() {
        let d = fagersta(Lang::Sv);
        let chart = Chart::Profile(d.clone());
        let (w, h) = chart.size_for((800, 450));
        assert_eq!(w, 800);
        let svg = render_svg_string(&chart, (w, h)).expect("renders");
        assert!(svg.contains("Kommunprofil: Fagersta"));
        assert!(svg.contains("Jämfört med Västmanlands län, 2024"));
        assert!(svg.contains("Hot och våld"));
        assert!(svg.contains("Anmälda brott totalt"));
        assert!(svg.contains("10\u{a0}826"));
        let rects = |colour: &str| count(&svg, "<rect", &format!("fill=\"{colour}\""));
        // One bar and one band per row, plus their legend swatches.
        assert_eq!(rects("#DCDCDC"), d.rows.len() + 1);
        assert_eq!(rects("#A8A8A8"), d.rows.len() + 1);
        let dots: usize = d
            .rows
            .iter()
            .map(|r| theme::hex(r.assessment.colour()))
            .collect::<std::collections::HashSet<_>>()
            .iter()
            .map(|c| {
                let RGBColor(r, g, b) = c;
                count(&svg, "<circle", &format!("fill=\"#{r:02X}{g:02X}{b:02X}\""))
            })
            .sum();
        assert_eq!(dots, d.rows.len(), "one dot per row");
    }

    #[test]
    fn english_labels() {
        let svg =
            render_svg_string(&Chart::Profile(fagersta(Lang::En)), (800, 700)).expect("renders");
        assert!(svg.contains("Municipality profile: Fagersta"));
        assert!(svg.contains("Threats and violence"));
        assert!(svg.contains("Best →"));
        assert!(svg.contains("10,826"));
    }

    /// `n` made-up indicators over the focus areas in turn, grouped as Compute hands them.
    fn many(n: usize) -> ProfileChartData {
        let mut d = fagersta(Lang::Sv);
        let template = d.rows[0].clone();
        d.rows = (0..n)
            .map(|i| ProfileChartRow {
                indicator: format!("x.{i}"),
                name: format!("Indikator nummer {i}"),
                focus_area: FocusArea::ALL[i * FocusArea::ALL.len() / n],
                value: 100.0 + i as f64,
                ..template.clone()
            })
            .collect();
        d
    }

    #[test]
    fn twenty_indicators_stay_readable_and_more_make_a_taller_image() {
        let d = many(20);
        let chart = Chart::Profile(d.clone());
        let (w, h) = chart.size_for(crate::chart::SVG_SIZE);
        assert_eq!(w, 800);
        let svg = render_svg_string(&chart, (w, h)).expect("renders");
        // The names' rows, top to bottom: at least 20 px apart (the text is 14 px).
        let lines: Vec<&str> = svg.lines().collect();
        let ys: Vec<f64> = lines
            .windows(2)
            .filter(|w| w[1].starts_with("Indikator nummer"))
            .map(|w| {
                let start = w[0].find(" y=\"").expect("y") + 4;
                w[0][start..]
                    .split('"')
                    .next()
                    .expect("y")
                    .parse()
                    .expect("a number")
            })
            .collect();
        assert_eq!(ys.len(), 20);
        assert!(ys.windows(2).all(|p| p[1] - p[0] >= 20.0), "{ys:?}");
        assert!(
            *ys.last().expect("rows") < h as f64 - 30.0,
            "above the source line"
        );
        // Forty make one taller image.
        let (_, h40) = Chart::Profile(many(40)).size_for(crate::chart::SVG_SIZE);
        assert!(h40 > h + 400, "{h40} vs {h}");
    }

    #[test]
    fn png_is_drawn_and_a_profile_without_rows_is_refused() {
        let chart = Chart::Profile(fagersta(Lang::Sv));
        let bytes = render_png(&chart, chart.size_for((1600, 900))).expect("png");
        assert!(bytes.starts_with(b"\x89PNG"));
        let mut empty = fagersta(Lang::Sv);
        empty.rows.clear();
        let err = render_svg_string(&Chart::Profile(empty), (800, 450)).expect_err("no rows");
        assert!(err.to_string().contains("at least one indicator"));
    }
}
