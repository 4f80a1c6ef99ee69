//! The situation picture's (lägesbild) charts, drawn from the computed picture
//! ([`SituationPicture`]), never from files:
//!
//! - per focus area, its latest windows ([`SituationSeriesChartData`]): the counts as a line
//!   with points, the expected count as a dashed line in the 99 % band of the count model
//!   (negative binomial or Poisson with the window's μ and φ), the current window shaded, a
//!   window in progress as a ring, flagged windows in their flag's colour;
//! - the current window's count against the expected count, one row per category or per
//!   focus area ([`SituationBarsChartData`]), coloured by flag.
//!
//! With a suppression threshold K, counts 1..K−1 are neither labelled nor drawn at their
//! value: a grey box from 0 to K − 1 stands for them and the label reads `<K`.

use super::canvas::{Canvas, Font, Frame, LegendItem, Mark, Rect, Scale, ValueAxis};
use super::canvas::{decimals_for, nice_domain, tick_font};
use super::text::source_line;
use super::theme::{self, Dash, size};
use crate::error::Result;
use crate::format::{Lang, format_number};
use crate::incident::is_suppressed;
use crate::indicators::chart_data::{
    SeriesWindow, SituationBar, SituationBarsChartData, SituationSeriesChartData,
};
use crate::indicators::situation::{Flag, WindowKind};
use crate::labels::lagesbild as labels;
use chrono::Datelike;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

/// The colour of a flag: vermillion for high, blue for low, grey for normal, light grey for
/// too little history (Okabe-Ito, as the other charts).
///
/// ```
/// use bra_indicators::chart::{flag_colour, theme};
/// use bra_indicators::stats::surveillance::Flag;
/// assert_eq!(flag_colour(Flag::High), theme::VERMILLION);
/// ```
pub fn flag_colour(flag: Flag) -> RGBColor {
    match flag {
        Flag::High => theme::VERMILLION,
        Flag::Low => theme::BLUE,
        Flag::Normal => theme::NEUTRAL,
        Flag::TooFew => RGBColor(0xC9, 0xC9, 0xC9),
    }
}

/// The flags in the legend's order.
const FLAGS: [Flag; 4] = [Flag::High, Flag::Low, Flag::Normal, Flag::TooFew];

/// A count as a label: `12`, or `<3` when hidden.
fn count_label(count: u64, suppress_below: Option<u64>, lang: Lang) -> String {
    match suppress_below {
        Some(k) if is_suppressed(count, Some(k)) => format!("<{k}"),
        _ => format_number(count as f64, 0, lang),
    }
}

/// A window's short label on the x axis: `16/11` (week, fortnight: its first day),
/// `2026-11` (month), `2026 K4` (quarter).
fn axis_label(kind: WindowKind, w: &SeriesWindow, lang: Lang) -> String {
    match kind {
        WindowKind::Week | WindowKind::Fortnight => {
            format!("{}/{}", w.start.day(), w.start.month())
        }
        WindowKind::Month => w.start.format("%Y-%m").to_string(),
        WindowKind::Quarter => format!(
            "{} {}{}",
            w.start.year(),
            lang.pick("K", "Q"),
            w.start.month0() / 3 + 1
        ),
    }
}

impl SituationSeriesChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`crate::Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let c = Canvas::new(area)?;
        let inner = self.draw_frame(&c)?;
        if self.windows.is_empty() {
            return draw_nothing(&c, inner, self.lang);
        }
        let (plot, axis, y) = self.value_axis(&c, inner)?;
        let slot = plot.width() / self.windows.len() as f64;
        let x = |i: usize| plot.x0 + slot * (i as f64 + 0.5);
        // The current window, shaded behind everything.
        c.fill_rect(
            Rect::new(plot.x1 - slot, plot.y0, plot.x1, plot.y1),
            theme::YELLOW,
            0.25,
        )?;
        c.value_axis(inner, plot, &y, &axis)?;
        self.draw_band_and_expected(&c, &x, slot, &y)?;
        self.draw_counts(&c, &x, slot, &y)?;
        self.label_current(&c, &x, &y)?;
        self.draw_x_labels(&c, &x, slot, plot)
    }

    /// Title, subtitle, legend (the flags and hidden counts present) and the note on a
    /// window in progress; returns the rectangle left for the plot.
    fn draw_frame<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>) -> Result<Rect> {
        let lang = self.lang;
        let mut legend = vec![
            LegendItem::new(
                Mark::Line {
                    colour: theme::AREA,
                    dash: Dash::Solid,
                    point: true,
                },
                labels::COUNT.get(lang),
            ),
            LegendItem::new(
                Mark::Line {
                    colour: theme::TEXT,
                    dash: Dash::Dashed,
                    point: false,
                },
                labels::EXPECTED.get(lang),
            ),
            LegendItem::new(Mark::Band(theme::SKY_BLUE), labels::BAND.get(lang)),
            LegendItem::new(Mark::Band(theme::YELLOW), labels::CURRENT.get(lang)),
        ];
        for f in [Flag::High, Flag::Low] {
            if self.windows.iter().any(|w| w.flag == f) {
                legend.push(LegendItem::new(
                    Mark::Bar(flag_colour(f)),
                    labels::flag(f).get(lang),
                ));
            }
        }
        if let Some(k) = self.suppress_below.filter(|k| {
            self.windows
                .iter()
                .any(|w| is_suppressed(w.count, Some(*k)))
        }) {
            legend.push(LegendItem::new(
                Mark::Bar(theme::NEUTRAL),
                labels::HIDDEN.get(lang).replace("{k}", &k.to_string()),
            ));
        }
        let partial = self.windows.iter().any(|w| w.partial);
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            legend,
            source: source_line(&self.source, lang),
            note: if partial {
                labels::SERIES_NOTE.get(lang).to_string()
            } else {
                String::new()
            },
        })
    }

    /// The count axis, from 0 to above every count shown, band and expected count; the plot
    /// rectangle and the y scale.
    fn value_axis<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
    ) -> Result<(Rect, ValueAxis, Scale)> {
        let k = self.suppress_below;
        let top = self
            .windows
            .iter()
            .map(|w| {
                let shown = if is_suppressed(w.count, k) {
                    k.unwrap_or(0) as f64
                } else {
                    w.count as f64
                };
                let band = w.band.map_or(0.0, |b| b.1 as f64);
                shown.max(band).max(w.expected.unwrap_or(0.0))
            })
            .fold(1.0_f64, f64::max);
        let (lo, hi, ticks, step) = nice_domain(0.0, top, 5, true, 0.05);
        let decimals = decimals_for(step);
        let axis = ValueAxis {
            labels: ticks
                .iter()
                .map(|t| format_number(*t, decimals, self.lang))
                .collect(),
            ticks,
            title: labels::COUNT.get(self.lang).to_string(),
        };
        let plot = c.plot_area(inner, &axis, c.px(8.0))?;
        let y = Scale::linear(lo, hi, plot.y1, plot.y0);
        Ok((plot, axis, y))
    }

    /// The 99 % band as steps, one per window, and the expected count through the centres.
    fn draw_band_and_expected<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        x: &impl Fn(usize) -> f64,
        slot: f64,
        y: &Scale,
    ) -> Result<()> {
        for (i, w) in self.windows.iter().enumerate() {
            if let Some((b0, b1)) = w.band {
                c.fill_rect(
                    Rect::new(
                        x(i) - slot / 2.0,
                        y.map(b1 as f64),
                        x(i) + slot / 2.0,
                        y.map(b0 as f64),
                    ),
                    theme::SKY_BLUE,
                    0.22,
                )?;
            }
        }
        for run in runs(&self.windows, |w| w.expected) {
            let pts: Vec<(f64, f64)> = run.iter().map(|(i, v)| (x(*i), y.map(*v))).collect();
            c.line(&pts, theme::TEXT, 1.5, Dash::Dashed)?;
        }
        Ok(())
    }

    /// The counts: a line through the shown ones, hidden ones as grey boxes, flagged ones in
    /// their colour, a window in progress as a ring.
    fn draw_counts<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        x: &impl Fn(usize) -> f64,
        slot: f64,
        y: &Scale,
    ) -> Result<()> {
        let k = self.suppress_below;
        for run in runs(&self.windows, |w| {
            (!is_suppressed(w.count, k)).then_some(w.count as f64)
        }) {
            let pts: Vec<(f64, f64)> = run.iter().map(|(i, v)| (x(*i), y.map(*v))).collect();
            c.line(&pts, theme::AREA, 2.0, Dash::Solid)?;
        }
        let radius = (slot / c.s * 0.3).clamp(2.0, 4.5);
        for (i, w) in self.windows.iter().enumerate() {
            if is_suppressed(w.count, k) {
                let top = (k.unwrap_or(1) - 1) as f64;
                c.fill_rect(
                    Rect::new(x(i) - slot * 0.3, y.map(top), x(i) + slot * 0.3, y.map(0.0)),
                    theme::NEUTRAL,
                    0.45,
                )?;
                continue;
            }
            let colour = match w.flag {
                Flag::High | Flag::Low => flag_colour(w.flag),
                _ => theme::AREA,
            };
            let at = (x(i), y.map(w.count as f64));
            if w.partial {
                c.ring(at, radius + 0.5, colour, 2.0)?;
            } else {
                c.point(at, radius, colour)?;
            }
        }
        Ok(())
    }

    /// The current window's count, labelled.
    fn label_current<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        x: &impl Fn(usize) -> f64,
        y: &Scale,
    ) -> Result<()> {
        let k = self.suppress_below;
        let Some(last) = self.windows.last() else {
            return Ok(());
        };
        let shown = if is_suppressed(last.count, k) {
            (k.unwrap_or(1) - 1) as f64
        } else {
            last.count as f64
        };
        let label = count_label(last.count, k, self.lang);
        c.text_halo(
            &label,
            (x(self.windows.len() - 1), y.map(shown) - c.px(8.0)),
            &Font::new(size::LABEL, theme::TEXT).bold(),
            HPos::Right,
            VPos::Bottom,
        )?;
        Ok(())
    }

    /// x labels: as many as fit, always the current window's.
    fn draw_x_labels<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        x: &impl Fn(usize) -> f64,
        slot: f64,
        plot: Rect,
    ) -> Result<()> {
        let n = self.windows.len();
        let font = tick_font();
        let mut widest: f64 = 0.0;
        let texts: Vec<String> = self
            .windows
            .iter()
            .map(|w| axis_label(self.window, w, self.lang))
            .collect();
        for t in &texts {
            widest = widest.max(c.measure(t, &font)?.0);
        }
        let every = ((widest + c.px(10.0)) / slot).ceil().max(1.0) as usize;
        for (i, t) in texts.iter().enumerate() {
            if !(n - 1 - i).is_multiple_of(every) {
                continue;
            }
            c.line(
                &[(x(i), plot.y1), (x(i), plot.y1 + c.px(4.0))],
                theme::AXIS,
                1.0,
                Dash::Solid,
            )?;
            c.text(
                t,
                (x(i), plot.y1 + c.px(6.0)),
                &font,
                HPos::Center,
                VPos::Top,
            )?;
        }
        Ok(())
    }
}

/// The runs of consecutive windows where `value` gives a number: (index, value) each.
fn runs(
    windows: &[SeriesWindow],
    value: impl Fn(&SeriesWindow) -> Option<f64>,
) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, w) in windows.iter().enumerate() {
        match value(w) {
            Some(v) => current.push((i, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

impl SituationBarsChartData {
    /// Draws the chart on `area` (any plotters backend).
    ///
    /// # Errors
    /// [`crate::Error::Chart`] if the backend fails.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        let c = Canvas::new(area)?;
        let inner = self.draw_frame(&c)?;
        if self.bars.is_empty() {
            return draw_nothing(&c, inner, self.lang);
        }
        let texts = self.texts(&c, inner)?;
        let (plot, x) = self.count_axis(&c, inner, &texts)?;
        let row_h = plot.height() / self.bars.len() as f64;
        let bar_h = (row_h * 0.55).min(c.px(20.0));
        for (i, b) in self.bars.iter().enumerate() {
            let cy = plot.y0 + row_h * (i as f64 + 0.5);
            self.draw_bar(
                &c,
                b,
                (&texts.names[i], &texts.values[i]),
                plot,
                &x,
                (cy, bar_h),
            )?;
        }
        Ok(())
    }

    /// Title, subtitle and legend (the flags and hidden counts present); returns the
    /// rectangle left for the bars.
    fn draw_frame<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>) -> Result<Rect> {
        let lang = self.lang;
        let mut legend: Vec<LegendItem> = FLAGS
            .iter()
            .filter(|f| self.bars.iter().any(|b| b.flag == **f))
            .map(|f| LegendItem::new(Mark::Bar(flag_colour(*f)), labels::flag(*f).get(lang)))
            .collect();
        legend.push(LegendItem::new(
            Mark::Tick(theme::TEXT),
            labels::EXPECTED.get(lang),
        ));
        if let Some(k) = self
            .suppress_below
            .filter(|k| self.bars.iter().any(|b| is_suppressed(b.count, Some(*k))))
        {
            legend.push(LegendItem::new(
                Mark::Band(theme::NEUTRAL),
                labels::HIDDEN.get(lang).replace("{k}", &k.to_string()),
            ));
        }
        c.frame(&Frame {
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            legend,
            source: source_line(&self.source, lang),
            note: String::new(),
        })
    }

    /// The bars' names (cut to a third of the width) and value labels, and their widths.
    fn texts<DB: DrawingBackend>(&self, c: &Canvas<'_, DB>, inner: Rect) -> Result<BarTexts> {
        let label_font = Font::new(size::TICK, theme::TEXT);
        let value_font = Font::new(size::LABEL, theme::TEXT);
        let mut out = BarTexts {
            names: Vec::new(),
            values: Vec::new(),
            label_w: 0.0,
            value_w: 0.0,
        };
        for b in &self.bars {
            let l = c.ellipsize(&b.label, &label_font, inner.width() * 0.34)?;
            out.label_w = out.label_w.max(c.measure(&l, &label_font)?.0);
            out.names.push(l);
        }
        for b in &self.bars {
            let v = count_label(b.count, self.suppress_below, self.lang);
            out.value_w = out.value_w.max(c.measure(&v, &value_font)?.0);
            out.values.push(v);
        }
        Ok(out)
    }

    /// The count axis along x with its grid and ticks; the plot rectangle and the x scale.
    fn count_axis<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        inner: Rect,
        texts: &BarTexts,
    ) -> Result<(Rect, Scale)> {
        let top = self
            .bars
            .iter()
            .map(|b| (b.count as f64).max(b.expected.unwrap_or(0.0)))
            .fold(1.0_f64, f64::max);
        let (lo, hi, ticks, step) = nice_domain(0.0, top, 5, true, 0.02);
        let decimals = decimals_for(step);
        let (_, tick_h) = c.measure("0", &tick_font())?;
        let plot = Rect::new(
            inner.x0 + texts.label_w + c.px(10.0),
            inner.y0,
            inner.x1 - texts.value_w - c.px(10.0),
            inner.y1 - tick_h - c.px(8.0),
        );
        let x = Scale::linear(lo, hi, plot.x0, plot.x1);
        for t in &ticks {
            let px = x.map(*t);
            let colour = if *t == 0.0 { theme::AXIS } else { theme::GRID };
            c.line(&[(px, plot.y0), (px, plot.y1)], colour, 1.0, Dash::Solid)?;
            c.text(
                &format_number(*t, decimals, self.lang),
                (px, plot.y1 + c.px(6.0)),
                &tick_font(),
                HPos::Center,
                VPos::Top,
            )?;
        }
        Ok((plot, x))
    }

    /// One bar at height `cy`: its name, the bar (grey when hidden), the expected count as
    /// a tick and the value label after whichever ends further right.
    fn draw_bar<DB: DrawingBackend>(
        &self,
        c: &Canvas<'_, DB>,
        b: &SituationBar,
        (name, value): (&str, &str),
        plot: Rect,
        x: &Scale,
        (cy, bar_h): (f64, f64),
    ) -> Result<()> {
        let k = self.suppress_below;
        c.text(
            name,
            (plot.x0 - c.px(8.0), cy),
            &Font::new(size::TICK, theme::TEXT),
            HPos::Right,
            VPos::Center,
        )?;
        let end = if is_suppressed(b.count, k) {
            let right = x.map((k.unwrap_or(1) - 1) as f64);
            c.fill_rect(
                Rect::new(plot.x0, cy - bar_h / 2.0, right, cy + bar_h / 2.0),
                theme::NEUTRAL,
                0.45,
            )?;
            right
        } else {
            let right = x.map(b.count as f64);
            if b.count > 0 {
                c.fill_rect(
                    Rect::new(plot.x0, cy - bar_h / 2.0, right, cy + bar_h / 2.0),
                    flag_colour(b.flag),
                    1.0,
                )?;
            }
            right
        };
        if let Some(e) = b.expected {
            let px = x.map(e);
            c.line(
                &[(px, cy - bar_h * 0.75), (px, cy + bar_h * 0.75)],
                theme::TEXT,
                2.5,
                Dash::Solid,
            )?;
        }
        let end = b.expected.map_or(end, |e| end.max(x.map(e) + c.px(2.0)));
        c.text(
            value,
            (end + c.px(6.0), cy),
            &Font::new(size::LABEL, theme::TEXT),
            HPos::Left,
            VPos::Center,
        )?;
        Ok(())
    }
}

/// The texts of the bars chart and the room they take.
struct BarTexts {
    names: Vec<String>,
    values: Vec<String>,
    label_w: f64,
    value_w: f64,
}

/// "Nothing to show" in the middle of an empty chart's plot area.
fn draw_nothing<DB: DrawingBackend>(c: &Canvas<'_, DB>, inner: Rect, lang: Lang) -> Result<()> {
    c.text(
        labels::NOTHING.get(lang),
        ((inner.x0 + inner.x1) / 2.0, (inner.y0 + inner.y1) / 2.0),
        &Font::new(size::SUBTITLE, theme::MUTED),
        HPos::Center,
        VPos::Center,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Chart, render_png, render_svg_string};
    use crate::indicators::chart_data::SituationBar;
    use chrono::NaiveDate;

    /// Whether a text element of `svg` reads exactly `text` (plotters writes it on a line
    /// of its own).
    fn has_text(svg: &str, text: &str) -> bool {
        svg.lines().any(|l| l.trim() == text)
    }

    fn window(day: u32, count: u64, flag: Flag, partial: bool) -> SeriesWindow {
        let d = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
        SeriesWindow {
            start: d,
            end: d,
            count,
            expected: Some(4.0),
            band: Some((0, 10)),
            flag,
            partial,
        }
    }

    fn series(suppress_below: Option<u64>) -> SituationSeriesChartData {
        SituationSeriesChartData {
            title: "Hot och våld".into(),
            subtitle: "Antal händelser per vecka".into(),
            window: WindowKind::Week,
            windows: vec![
                window(1, 4, Flag::Normal, false),
                window(2, 2, Flag::Normal, false),
                window(3, 5, Flag::Normal, false),
                window(4, 17, Flag::High, false),
                window(5, 1, Flag::Normal, true),
            ],
            suppress_below,
            source: "EST:s händelselogg".into(),
            lang: Lang::Sv,
        }
    }

    #[test]
    fn the_series_shows_band_flags_and_the_current_count() {
        let svg =
            render_svg_string(&Chart::SituationSeries(series(None)), (800, 450)).expect("svg");
        assert!(svg.contains("Förväntat intervall (99 %)"));
        assert!(has_text(&svg, "Högt"), "the high flag is in the legend");
        assert!(svg.contains("Ringen: pågående fönster"));
        // The current count is labelled.
        assert!(has_text(&svg, "1"));
        let png = render_png(&Chart::SituationSeries(series(None)), (800, 450)).expect("png");
        assert!(png.len() > 1000);
    }

    #[test]
    fn suppression_hides_the_labels_and_the_points() {
        let svg =
            render_svg_string(&Chart::SituationSeries(series(Some(3))), (800, 450)).expect("svg");
        assert!(svg.contains("&lt;3"), "the current count reads <3");
        assert!(svg.contains("Färre än 3 (döljs)"));
        let open =
            render_svg_string(&Chart::SituationSeries(series(None)), (800, 450)).expect("svg");
        // Two hidden windows (2 and 1): two fewer points or rings than without suppression.
        let circles = |s: &str| s.matches("<circle").count();
        assert!(
            circles(&svg) < circles(&open),
            "hidden counts are not drawn as points"
        );
    }

    #[test]
    fn bars_are_coloured_by_flag_and_hidden_below_k() {
        let bars = SituationBarsChartData {
            title: "Kategorier".into(),
            subtitle: String::new(),
            bars: vec![
                SituationBar {
                    label: "Klotter".into(),
                    count: 14,
                    expected: Some(4.2),
                    flag: Flag::High,
                },
                SituationBar {
                    label: "Hot mot personal".into(),
                    count: 2,
                    expected: Some(1.5),
                    flag: Flag::Normal,
                },
            ],
            suppress_below: Some(3),
            source: "x".into(),
            lang: Lang::En,
        };
        let svg = render_svg_string(&Chart::SituationBars(bars.clone()), (800, 450)).expect("svg");
        assert!(svg.contains("fill=\"#D55E00\""), "a high bar is vermillion");
        assert!(has_text(&svg, "&lt;3") && !has_text(&svg, "2"));
        assert!(has_text(&svg, "High") && has_text(&svg, "Expected"));
        assert!(svg.contains("Fewer than 3 (hidden)"));
        assert_eq!(Chart::SituationBars(bars).size_for((800, 450)), (800, 450));
    }

    #[test]
    fn axis_labels_by_window() {
        let w = window(5, 1, Flag::Normal, false);
        assert_eq!(axis_label(WindowKind::Fortnight, &w, Lang::Sv), "5/1");
        assert_eq!(axis_label(WindowKind::Month, &w, Lang::Sv), "2026-01");
        assert_eq!(axis_label(WindowKind::Quarter, &w, Lang::Sv), "2026 K1");
        assert_eq!(axis_label(WindowKind::Quarter, &w, Lang::En), "2026 Q1");
    }
}
