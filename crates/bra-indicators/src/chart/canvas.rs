//! Drawing in pixels on any plotters backend: text with anchors, lines with dash patterns,
//! bands, markers; the frame (title, subtitle, legend, source line); scales, ticks and axes;
//! and placing labels where they do not cover anything.
//!
//! The charts do their own layout and coordinate mapping (instead of plotters' `ChartBuilder`)
//! so that every kind shares one look and labels can be placed around the data.

use super::theme::{self, Dash, FAMILY, MARGIN, size};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{
    Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, ShapeStyle, TextStyle,
};

/// A plotters error as ours.
pub(crate) fn chart_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Chart(e.to_string())
}

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect { x0, y0, x1, y1 }
    }

    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// Grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Rect {
        Rect::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }

    /// Whether the segment a–b crosses or lies in the rectangle.
    pub fn hits_segment(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        // Liang-Barsky clipping: is any part of the segment inside?
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A font: size in base pixels, weight, colour.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub size: f64,
    pub bold: bool,
    pub colour: RGBColor,
}

impl Font {
    pub fn new(size: f64, colour: RGBColor) -> Self {
        Font {
            size,
            bold: false,
            colour,
        }
    }

    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
}

/// What a legend entry shows beside its text.
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    /// A line in a pattern, with a point on it or not.
    Line {
        colour: RGBColor,
        dash: Dash,
        point: bool,
    },
    /// A shaded band (an interval).
    Band(RGBColor),
    /// A filled box (a bar colour).
    Bar(RGBColor),
    /// A point with a vertical whisker through it.
    Whisker(RGBColor),
    /// A horizontal whisker (the interval of a bar).
    WhiskerH(RGBColor),
    /// A diamond (a target).
    Diamond(RGBColor),
    /// A short vertical tick (an expected position).
    Tick(RGBColor),
    /// A text symbol (▲▼).
    Symbol(&'static str, RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub mark: Mark,
    pub label: String,
}

impl LegendItem {
    pub fn new(mark: Mark, label: impl Into<String>) -> Self {
        LegendItem {
            mark,
            label: label.into(),
        }
    }
}

/// The parts around the plot: title, subtitle and legend above, source and note below.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frame {
    pub title: String,
    pub subtitle: String,
    pub legend: Vec<LegendItem>,
    /// The source line, bottom left (`Källa: Brå`).
    pub source: String,
    /// A note, bottom right (what the whiskers are).
    pub note: String,
}

/// A drawing area with its scale: sizes are given in base pixels (of an 800 × 450 canvas)
/// and drawn at `s` pixels per base pixel.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    /// Pixels per base pixel.
    pub s: f64,
    /// Width in pixels.
    pub w: f64,
    /// Height in pixels.
    pub h: f64,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    /// A canvas on `area`, cleared to white. Registers the embedded font first.
    pub fn new(area: &'a DrawingArea<DB, Shift>) -> Result<Self> {
        theme::register_fonts()?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as f64, h as f64);
        // A tall canvas (many bars) keeps the width's scale; a very flat one shrinks.
        let s = (w / theme::BASE_WIDTH)
            .min(h / (0.6 * theme::BASE_HEIGHT))
            .max(0.25);
        area.fill(&theme::WHITE).map_err(chart_err)?;
        Ok(Canvas { area, s, w, h })
    }

    /// Base pixels to pixels.
    pub fn px(&self, base: f64) -> f64 {
        base * self.s
    }

    fn stroke(&self, base: f64) -> u32 {
        (base * self.s).round().max(1.0) as u32
    }

    fn style(&self, font: &Font) -> TextStyle<'static> {
        let weight = if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        FontDesc::new(FontFamily::Name(FAMILY), font.size * self.s, weight).color(&font.colour)
    }

    /// Width and height of `text` in pixels.
    pub fn measure(&self, text: &str, font: &Font) -> Result<(f64, f64)> {
        if text.is_empty() {
            return Ok((0.0, font.size * self.s / 1.24));
        }
        let (w, h) = self
            .area
            .estimate_text_size(text, &self.style(font))
            .map_err(chart_err)?;
        Ok((w as f64, h as f64))
    }

    /// Draws `text` anchored at (x, y); returns the box it covers.
    pub fn text(
        &self,
        text: &str,
        (x, y): (f64, f64),
        font: &Font,
        h: HPos,
        v: VPos,
    ) -> Result<Rect> {
        let (w, ht) = self.measure(text, font)?;
        let x0 = match h {
            HPos::Left => x,
            HPos::Center => x - w / 2.0,
            HPos::Right => x - w,
        };
        let y0 = match v {
            VPos::Top => y,
            VPos::Center => y - ht / 2.0,
            VPos::Bottom => y - ht,
        };
        if !text.is_empty() {
            let style = self.style(font).pos(Pos::new(h, v));
            self.area
                .draw_text(text, &style, (x.round() as i32, y.round() as i32))
                .map_err(chart_err)?;
        }
        Ok(Rect::new(x0, y0, x0 + w, y0 + ht))
    }

    /// Draws `text` on a white halo, so lines behind it do not cut through the letters.
    pub fn text_halo(
        &self,
        text: &str,
        at: (f64, f64),
        font: &Font,
        h: HPos,
        v: VPos,
    ) -> Result<Rect> {
        let (w, ht) = self.measure(text, font)?;
        let b = label_box(w, ht, &Spot::new(at, h, v));
        let (dx, dy) = (self.px(4.0), self.px(1.5));
        let halo = Rect::new(b.x0 - dx, b.y0 - dy, b.x1 + dx, b.y1 + dy);
        self.fill_rect(halo, theme::WHITE, 0.85)?;
        self.text(text, at, font, h, v)
    }

    /// Draws `text` turned a quarter to the left (reading upwards), centred at (x, y).
    pub fn text_up(&self, text: &str, (x, y): (f64, f64), font: &Font) -> Result<()> {
        let style = self
            .style(font)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Center));
        self.area
            .draw_text(text, &style, (x.round() as i32, y.round() as i32))
            .map_err(chart_err)
    }

    /// A polyline of width `width` (base pixels) in a dash pattern.
    pub fn line(
        &self,
        points: &[(f64, f64)],
        colour: RGBColor,
        width: f64,
        dash: Dash,
    ) -> Result<()> {
        if points.len() < 2 {
            return Ok(());
        }
        let style = ShapeStyle {
            color: colour.to_rgba(),
            filled: false,
            stroke_width: self.stroke(width),
        };
        let pattern = dash.pattern();
        if pattern.is_empty() {
            let pts: Vec<(i32, i32)> = points.iter().map(|p| round(*p)).collect();
            return self
                .area
                .draw(&PathElement::new(pts, style))
                .map_err(chart_err);
        }
        for dash in dashes(
            points,
            &pattern.iter().map(|d| d * self.s).collect::<Vec<_>>(),
        ) {
            let pts: Vec<(i32, i32)> = dash.iter().map(|p| round(*p)).collect();
            self.area
                .draw(&PathElement::new(pts, style))
                .map_err(chart_err)?;
        }
        Ok(())
    }

    /// A filled polygon, `alpha` opaque.
    pub fn polygon(&self, points: &[(f64, f64)], colour: RGBColor, alpha: f64) -> Result<()> {
        if points.len() < 3 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|p| round(*p)).collect();
        self.area
            .draw(&Polygon::new(pts, colour.mix(alpha).filled()))
            .map_err(chart_err)
    }

    /// A filled rectangle.
    pub fn fill_rect(&self, r: Rect, colour: RGBColor, alpha: f64) -> Result<()> {
        self.area
            .draw(&Rectangle::new(
                [round((r.x0, r.y0)), round((r.x1, r.y1))],
                colour.mix(alpha).filled(),
            ))
            .map_err(chart_err)
    }

    /// The outline of a rectangle.
    pub fn stroke_rect(&self, r: Rect, colour: RGBColor, width: f64) -> Result<()> {
        self.area
            .draw(&Rectangle::new(
                [round((r.x0, r.y0)), round((r.x1, r.y1))],
                colour.stroke_width(self.stroke(width)),
            ))
            .map_err(chart_err)
    }

    /// A circle of radius `r` (base pixels): filled, and outlined in white so that
    /// overlapping points stay apart.
    pub fn point(&self, c: (f64, f64), r: f64, colour: RGBColor) -> Result<()> {
        let radius = (r * self.s).round().max(1.0) as u32;
        self.area
            .draw(&Circle::new(round(c), radius, colour.filled()))
            .map_err(chart_err)?;
        self.circle_outline(c, r, theme::WHITE, 1.0)
    }

    /// A ring of radius `r` (base pixels) with a white centre.
    pub fn ring(&self, c: (f64, f64), r: f64, colour: RGBColor, width: f64) -> Result<()> {
        let radius = (r * self.s).round().max(1.0) as u32;
        self.area
            .draw(&Circle::new(round(c), radius, theme::WHITE.filled()))
            .map_err(chart_err)?;
        self.circle_outline(c, r, colour, width)
    }

    /// The outline of a circle of radius `r` (base pixels).
    pub fn circle_outline(
        &self,
        c: (f64, f64),
        r: f64,
        colour: RGBColor,
        width: f64,
    ) -> Result<()> {
        let radius = (r * self.s).round().max(1.0) as u32;
        self.area
            .draw(&Circle::new(
                round(c),
                radius,
                colour.stroke_width(self.stroke(width)),
            ))
            .map_err(chart_err)
    }

    /// A filled diamond of half-width `r` (base pixels).
    pub fn diamond(&self, (x, y): (f64, f64), r: f64, colour: RGBColor) -> Result<()> {
        let d = r * self.s;
        let pts = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)];
        self.polygon(&pts, colour, 1.0)?;
        self.line(
            &[pts[0], pts[1], pts[2], pts[3], pts[0]],
            theme::WHITE,
            1.0,
            Dash::Solid,
        )
    }

    /// A vertical whisker from y0 to y1 at x with caps of half-width `cap` (base pixels).
    pub fn whisker_v(
        &self,
        x: f64,
        y0: f64,
        y1: f64,
        colour: RGBColor,
        width: f64,
        cap: f64,
    ) -> Result<()> {
        let c = cap * self.s;
        self.line(&[(x, y0), (x, y1)], colour, width, Dash::Solid)?;
        self.line(&[(x - c, y0), (x + c, y0)], colour, width, Dash::Solid)?;
        self.line(&[(x - c, y1), (x + c, y1)], colour, width, Dash::Solid)
    }

    /// A horizontal whisker from x0 to x1 at y with caps of half-height `cap` (base pixels).
    pub fn whisker_h(
        &self,
        y: f64,
        x0: f64,
        x1: f64,
        colour: RGBColor,
        width: f64,
        cap: f64,
    ) -> Result<()> {
        let c = cap * self.s;
        self.line(&[(x0, y), (x1, y)], colour, width, Dash::Solid)?;
        self.line(&[(x0, y - c), (x0, y + c)], colour, width, Dash::Solid)?;
        self.line(&[(x1, y - c), (x1, y + c)], colour, width, Dash::Solid)
    }

    /// Draws the frame (title, subtitle, legend, source and note) and returns the rectangle
    /// left for the plot.
    pub fn frame(&self, frame: &Frame) -> Result<Rect> {
        let m = self.px(MARGIN);
        let width = self.w - 2.0 * m;
        let mut y = m;
        let title_font = Font::new(size::TITLE, theme::TEXT).bold();
        for line in self.wrap(&frame.title, &title_font, width, 2)? {
            let r = self.text(&line, (m, y), &title_font, HPos::Left, VPos::Top)?;
            y = r.y1 + self.px(5.0);
        }
        let sub_font = Font::new(size::SUBTITLE, theme::MUTED);
        for line in self.wrap(&frame.subtitle, &sub_font, width, 2)? {
            let r = self.text(&line, (m, y), &sub_font, HPos::Left, VPos::Top)?;
            y = r.y1 + self.px(4.0);
        }
        if !frame.legend.is_empty() {
            y += self.px(8.0);
            y = self.legend(&frame.legend, m, y, width)?;
        }
        // Footer: a thin rule, the source on the left, the note on the right.
        let foot = Font::new(size::SOURCE, theme::MUTED);
        let (_, fh) = self.measure("Åg", &foot)?;
        let base = self.h - m * 0.7;
        let note_w = self.measure(&frame.note, &foot)?.0;
        let source_w = self.measure(&frame.source, &foot)?.0;
        if note_w + source_w + self.px(20.0) <= width {
            self.text(&frame.source, (m, base), &foot, HPos::Left, VPos::Bottom)?;
            self.text(
                &frame.note,
                (self.w - m, base),
                &foot,
                HPos::Right,
                VPos::Bottom,
            )?;
        } else {
            // Too long for one line: the note goes above the source.
            self.text(&frame.source, (m, base), &foot, HPos::Left, VPos::Bottom)?;
            self.text(
                &frame.note,
                (m, base - fh - self.px(3.0)),
                &foot,
                HPos::Left,
                VPos::Bottom,
            )?;
        }
        let lines = if note_w + source_w + self.px(20.0) <= width || frame.note.is_empty() {
            1.0
        } else {
            2.0
        };
        let bottom = base - lines * (fh + self.px(3.0)) - self.px(6.0);
        Ok(Rect::new(m, y + self.px(8.0), self.w - m, bottom))
    }

    /// Splits `text` into at most `max_lines` lines that fit `width`; the last line is cut
    /// with an ellipsis if the text is longer still.
    pub fn wrap(
        &self,
        text: &str,
        font: &Font,
        width: f64,
        max_lines: usize,
    ) -> Result<Vec<String>> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.measure(&candidate, font)?.0 <= width {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        if lines.len() > max_lines {
            let rest = lines.split_off(max_lines - 1).join(" ");
            lines.push(rest);
        }
        if let Some(last) = lines.last_mut() {
            *last = self.ellipsize(last, font, width)?;
        }
        Ok(lines)
    }

    /// `text` cut with "…" to fit `width`.
    pub fn ellipsize(&self, text: &str, font: &Font, width: f64) -> Result<String> {
        if self.measure(text, font)?.0 <= width {
            return Ok(text.to_string());
        }
        let chars: Vec<char> = text.chars().collect();
        for keep in (1..chars.len()).rev() {
            let cut: String = chars[..keep]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
                + "…";
            if self.measure(&cut, font)?.0 <= width {
                return Ok(cut);
            }
        }
        Ok("…".to_string())
    }

    /// Draws legend entries from (x, y), wrapping rows within `width`; returns the y below.
    fn legend(&self, items: &[LegendItem], x0: f64, y0: f64, width: f64) -> Result<f64> {
        let font = Font::new(size::LEGEND, theme::TEXT);
        let (_, th) = self.measure("Åg", &font)?;
        let swatch = self.px(26.0);
        let gap = self.px(6.0);
        let spacing = self.px(20.0);
        let row_h = th.max(self.px(12.0)) + self.px(6.0);
        let (mut x, mut y) = (x0, y0);
        for item in items {
            let label = self.ellipsize(&item.label, &font, width - swatch - gap)?;
            let w = swatch + gap + self.measure(&label, &font)?.0;
            if x > x0 && x + w > x0 + width {
                x = x0;
                y += row_h;
            }
            let cy = y + th / 2.0;
            self.legend_mark(&item.mark, x, cy, swatch)?;
            self.text(
                &label,
                (x + swatch + gap, cy),
                &font,
                HPos::Left,
                VPos::Center,
            )?;
            x += w + spacing;
        }
        Ok(y + row_h)
    }

    fn legend_mark(&self, mark: &Mark, x: f64, cy: f64, w: f64) -> Result<()> {
        let half = self.px(6.0);
        match mark {
            Mark::Line {
                colour,
                dash,
                point,
            } => {
                self.line(&[(x, cy), (x + w, cy)], *colour, 2.5, *dash)?;
                if *point {
                    self.point((x + w / 2.0, cy), 4.0, *colour)?;
                }
            }
            Mark::Band(colour) => {
                self.fill_rect(Rect::new(x, cy - half, x + w, cy + half), *colour, 0.22)?;
            }
            Mark::Bar(colour) => {
                self.fill_rect(
                    Rect::new(x + w * 0.15, cy - half, x + w * 0.85, cy + half),
                    *colour,
                    1.0,
                )?;
            }
            Mark::Whisker(colour) => {
                self.whisker_v(
                    x + w / 2.0,
                    cy - half * 1.2,
                    cy + half * 1.2,
                    *colour,
                    1.5,
                    3.0,
                )?;
                self.point((x + w / 2.0, cy), 4.0, *colour)?;
            }
            Mark::WhiskerH(colour) => {
                self.whisker_h(cy, x + w * 0.1, x + w * 0.9, *colour, 1.5, 4.0)?;
            }
            Mark::Diamond(colour) => self.diamond((x + w / 2.0, cy), 6.0, *colour)?,
            Mark::Tick(colour) => {
                self.line(
                    &[
                        (x + w / 2.0, cy - half * 1.2),
                        (x + w / 2.0, cy + half * 1.2),
                    ],
                    *colour,
                    3.0,
                    Dash::Solid,
                )?;
            }
            Mark::Symbol(sym, colour) => {
                self.text(
                    sym,
                    (x + w / 2.0, cy),
                    &Font::new(size::LEGEND, *colour).bold(),
                    HPos::Center,
                    VPos::Center,
                )?;
            }
        }
        Ok(())
    }
}

/// Tick labels and category names.
pub(crate) fn tick_font() -> Font {
    Font::new(size::TICK, theme::MUTED)
}

/// Axis titles.
pub(crate) fn axis_font() -> Font {
    Font::new(size::AXIS_TITLE, theme::MUTED)
}

/// A value axis on the left of a plot: its ticks, their labels and its title (the unit).
pub(crate) struct ValueAxis {
    pub ticks: Vec<f64>,
    pub labels: Vec<String>,
    pub title: String,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// The plot rectangle inside `inner`, leaving room for `axis` (its rotated title and tick
    /// labels) on the left, one row of tick labels and an axis title below, and `right`
    /// pixels on the right.
    pub fn plot_area(&self, inner: Rect, axis: &ValueAxis, right: f64) -> Result<Rect> {
        let mut label_w: f64 = 0.0;
        for l in &axis.labels {
            label_w = label_w.max(self.measure(l, &tick_font())?.0);
        }
        let (_, tick_h) = self.measure("0", &tick_font())?;
        let (_, axis_h) = self.measure("Åg", &axis_font())?;
        Ok(Rect::new(
            inner.x0 + axis_h + self.px(16.0) + label_w,
            inner.y0 + self.px(4.0),
            inner.x1 - right,
            inner.y1 - tick_h - axis_h - self.px(14.0),
        ))
    }

    /// Draws the grid lines and tick labels of `axis` (those inside `y`'s domain), the base
    /// line and the rotated title at the left edge of `inner`.
    pub fn value_axis(&self, inner: Rect, plot: Rect, y: &Scale, axis: &ValueAxis) -> Result<()> {
        let (lo, hi) = (y.lo.min(y.hi), y.lo.max(y.hi));
        let slack = 1e-9 * (hi - lo).abs().max(1.0);
        for (v, l) in axis.ticks.iter().zip(&axis.labels) {
            if *v < lo - slack || *v > hi + slack {
                continue;
            }
            let py = y.map(*v);
            self.line(
                &[(plot.x0, py), (plot.x1, py)],
                theme::GRID,
                1.0,
                Dash::Solid,
            )?;
            self.text(
                l,
                (plot.x0 - self.px(8.0), py),
                &tick_font(),
                HPos::Right,
                VPos::Center,
            )?;
        }
        self.line(
            &[(plot.x0, plot.y1), (plot.x1, plot.y1)],
            theme::AXIS,
            1.0,
            Dash::Solid,
        )?;
        let (_, axis_h) = self.measure("Åg", &axis_font())?;
        self.text_up(
            &axis.title,
            (inner.x0 + axis_h / 2.0, (plot.y0 + plot.y1) / 2.0),
            &axis_font(),
        )
    }

    /// The title of the x axis, centred under the plot at the bottom of `inner`.
    pub fn x_title(&self, inner: Rect, plot: Rect, title: &str) -> Result<()> {
        self.text(
            title,
            ((plot.x0 + plot.x1) / 2.0, inner.y1),
            &axis_font(),
            HPos::Center,
            VPos::Bottom,
        )?;
        Ok(())
    }
}

fn round((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// The pieces of a polyline that are "on" in a dash pattern of on/off lengths (pixels).
pub(crate) fn dashes(points: &[(f64, f64)], pattern: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    if pattern.is_empty() || pattern.iter().any(|d| *d <= 0.0) {
        out.push(points.to_vec());
        return out;
    }
    let mut k = 0; // index in pattern
    let mut left = pattern[0]; // length left in the current on/off piece
    let mut current: Vec<(f64, f64)> = vec![points[0]];
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut at = 0.0;
        while len - at > left {
            at += left;
            let t = at / len;
            let p = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
            if k % 2 == 0 {
                current.push(p);
                out.push(std::mem::take(&mut current));
            } else {
                current = vec![p];
            }
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= len - at;
        if k % 2 == 0 {
            current.push(b);
        } else {
            current = vec![b];
        }
    }
    if k % 2 == 0 && current.len() > 1 {
        out.push(current);
    }
    out
}

/// How values map to pixels along one axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ScaleKind {
    Linear,
    Log,
}

/// A scale from values lo..hi to pixels p0..p1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub kind: ScaleKind,
    pub lo: f64,
    pub hi: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Scale {
    pub fn linear(lo: f64, hi: f64, p0: f64, p1: f64) -> Self {
        Scale {
            kind: ScaleKind::Linear,
            lo,
            hi,
            p0,
            p1,
        }
    }

    pub fn log(lo: f64, hi: f64, p0: f64, p1: f64) -> Self {
        Scale {
            kind: ScaleKind::Log,
            lo,
            hi,
            p0,
            p1,
        }
    }

    /// The pixel position of `v`.
    pub fn map(&self, v: f64) -> f64 {
        let t = match self.kind {
            ScaleKind::Linear => (v - self.lo) / (self.hi - self.lo),
            ScaleKind::Log => {
                (v.max(f64::MIN_POSITIVE).ln() - self.lo.ln()) / (self.hi.ln() - self.lo.ln())
            }
        };
        let t = if t.is_finite() { t } else { 0.5 };
        self.p0 + t * (self.p1 - self.p0)
    }
}

/// A "nice" step (1, 2, 2.5 or 5 × 10ᵏ) for about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = (span / target.max(1) as f64).abs();
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Decimals needed to write multiples of `step` exactly (at most 3).
pub(crate) fn decimals_for(step: f64) -> usize {
    (0..=3)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(3)
}

/// A linear axis domain around [min, max]: padded by `pad` (a fraction of the span), widened
/// to whole steps, starting at 0 when `zero` (or when min is close enough to 0 that a zero
/// baseline costs little). Returns (lo, hi, ticks, step).
pub(crate) fn nice_domain(
    min: f64,
    max: f64,
    target: usize,
    zero: bool,
    pad: f64,
) -> (f64, f64, Vec<f64>, f64) {
    let (mut min, mut max) = if min.is_finite() && max.is_finite() {
        (min.min(max), min.max(max))
    } else {
        (0.0, 1.0)
    };
    if max - min < 1e-9 * max.abs().max(1.0) {
        let d = if max == 0.0 { 1.0 } else { max.abs() * 0.1 };
        min -= d;
        max += d;
    }
    let span = max - min;
    let mut lo = min - pad * span;
    let hi = max + pad * span;
    if zero || (min >= 0.0 && min < 0.25 * max) {
        lo = lo.min(0.0).max(if min >= 0.0 { 0.0 } else { lo });
    } else if min >= 0.0 && lo < 0.0 {
        lo = 0.0;
    }
    let step = nice_step(hi - lo, target);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n).map(|i| lo + i as f64 * step).collect();
    (lo, hi, ticks, step)
}

/// Ticks of a log axis between lo and hi: 1, 2, 5 × 10ᵏ (or only 10ᵏ when there are many).
pub(crate) fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo) {
        return Vec::new();
    }
    let decades = (hi / lo).log10();
    let mults: &[f64] = if decades > 4.0 {
        &[1.0]
    } else if decades > 2.0 {
        &[1.0, 3.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut out = Vec::new();
    let mut k = lo.log10().floor() as i32;
    while 10f64.powi(k) <= hi {
        for m in mults {
            let v = m * 10f64.powi(k);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                out.push(v);
            }
        }
        k += 1;
    }
    out
}

/// Things labels must not cover: boxes and line segments, in pixels.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obstacles {
    rects: Vec<Rect>,
    segments: Vec<((f64, f64), (f64, f64))>,
}

impl Obstacles {
    pub fn rect(&mut self, r: Rect) {
        self.rects.push(r);
    }

    pub fn polyline(&mut self, points: &[(f64, f64)]) {
        for w in points.windows(2) {
            self.segments.push((w[0], w[1]));
        }
    }

    pub fn hits(&self, r: &Rect) -> bool {
        self.rects.iter().any(|o| o.intersects(r))
            || self.segments.iter().any(|(a, b)| r.hits_segment(*a, *b))
    }
}

/// A place a label may go: its anchor point and how the text hangs from it.
#[derive(Clone, Copy)]
pub(crate) struct Spot {
    pub at: (f64, f64),
    pub h: HPos,
    pub v: VPos,
}

impl Spot {
    pub fn new(at: (f64, f64), h: HPos, v: VPos) -> Self {
        Spot { at, h, v }
    }
}

/// The box `text` would cover at `spot`.
pub(crate) fn label_box(w: f64, h: f64, spot: &Spot) -> Rect {
    let (x, y) = spot.at;
    let x0 = match spot.h {
        HPos::Left => x,
        HPos::Center => x - w / 2.0,
        HPos::Right => x - w,
    };
    let y0 = match spot.v {
        VPos::Top => y,
        VPos::Center => y - h / 2.0,
        VPos::Bottom => y - h,
    };
    Rect::new(x0, y0, x0 + w, y0 + h)
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// Draws `text` at the first spot where it stays inside `bounds` and covers no obstacle
    /// (or, failing that, at the first spot inside `bounds`, or the first spot); the box it
    /// takes becomes an obstacle for later labels.
    pub fn place_label(
        &self,
        text: &str,
        font: &Font,
        spots: &[Spot],
        bounds: &Rect,
        obstacles: &mut Obstacles,
    ) -> Result<Option<Rect>> {
        let Some(first) = spots.first() else {
            return Ok(None);
        };
        let (w, h) = self.measure(text, font)?;
        let spot = self
            .free_spot(w, h, spots, bounds, obstacles)
            .or_else(|| spots.iter().find(|s| label_box(w, h, s).inside(bounds)))
            .unwrap_or(first);
        let r = self.text_halo(text, spot.at, font, spot.h, spot.v)?;
        obstacles.rect(r);
        Ok(Some(r))
    }

    /// The first spot where a w × h label stays inside `bounds` and clear of the obstacles.
    fn free_spot<'s>(
        &self,
        w: f64,
        h: f64,
        spots: &'s [Spot],
        bounds: &Rect,
        obstacles: &Obstacles,
    ) -> Option<&'s Spot> {
        let pad = self.px(1.0);
        spots.iter().find(|s| {
            let b = label_box(w, h, s);
            b.inside(bounds) && !obstacles.hits(&b.grow(pad))
        })
    }

    /// As [`Canvas::place_label`], but draws nothing when no spot is free.
    pub fn place_label_if_free(
        &self,
        text: &str,
        font: &Font,
        spots: &[Spot],
        bounds: &Rect,
        obstacles: &mut Obstacles,
    ) -> Result<Option<Rect>> {
        let (w, h) = self.measure(text, font)?;
        match self.free_spot(w, h, spots, bounds, obstacles) {
            Some(spot) => {
                let r = self.text_halo(text, spot.at, font, spot.h, spot.v)?;
                obstacles.rect(r);
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(4000.0, 5), 1000.0);
        assert_eq!(nice_step(12.0, 5), 2.5);
        assert_eq!(nice_step(0.7, 5), 0.2);
        assert_eq!(decimals_for(1000.0), 0);
        assert_eq!(decimals_for(2.5), 1);
        assert_eq!(decimals_for(0.25), 2);
    }

    #[test]
    fn domains_cover_the_data_in_whole_steps() {
        let (lo, hi, ticks, step) = nice_domain(10_826.0, 12_400.0, 5, false, 0.05);
        assert!(lo <= 10_826.0 && hi >= 12_400.0, "{lo}..{hi}");
        assert!(lo > 0.0, "a rate far from 0 does not start at 0: {lo}");
        assert_eq!(ticks.first(), Some(&lo));
        assert_eq!(ticks.last(), Some(&hi));
        assert!(ticks.windows(2).all(|w| (w[1] - w[0] - step).abs() < 1e-9));
        // Shares near 0 start at 0; a bar axis always does.
        assert_eq!(nice_domain(3.0, 30.0, 5, false, 0.05).0, 0.0);
        assert_eq!(nice_domain(800.0, 1000.0, 5, true, 0.05).0, 0.0);
        // A constant series still gets a span.
        let (lo, hi, _, _) = nice_domain(5.0, 5.0, 5, false, 0.0);
        assert!(lo < 5.0 && hi > 5.0);
    }

    #[test]
    fn log_ticks_are_round_numbers() {
        assert_eq!(
            log_ticks(3000.0, 200_000.0),
            vec![5000.0, 10_000.0, 20_000.0, 50_000.0, 100_000.0, 200_000.0]
        );
        assert_eq!(
            log_ticks(50.0, 2e6),
            vec![100.0, 1000.0, 10_000.0, 100_000.0, 1e6]
        );
        assert_eq!(
            log_ticks(500.0, 400_000.0),
            vec![1000.0, 3000.0, 10_000.0, 30_000.0, 100_000.0, 300_000.0]
        );
        assert_eq!(log_ticks(150.0, 2000.0), vec![200.0, 500.0, 1000.0, 2000.0]);
        assert!(log_ticks(0.0, 10.0).is_empty());
    }

    #[test]
    fn scales_map_ends() {
        let s = Scale::linear(0.0, 10.0, 100.0, 300.0);
        assert_eq!(s.map(5.0), 200.0);
        let l = Scale::log(100.0, 10_000.0, 0.0, 200.0);
        assert!((l.map(1000.0) - 100.0).abs() < 1e-9);
    }

    #[test]
    fn dash_patterns_split_lines() {
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0)], &[2.0, 2.0]);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0], vec![(0.0, 0.0), (2.0, 0.0)]);
        assert_eq!(d[2], vec![(8.0, 0.0), (10.0, 0.0)]);
        // Across a corner the dash keeps going.
        let d = dashes(&[(0.0, 0.0), (1.0, 0.0), (1.0, 3.0)], &[2.0, 1.0]);
        assert_eq!(d[0], vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]);
        assert_eq!(dashes(&[(0.0, 0.0), (5.0, 0.0)], &[]).len(), 1);
    }

    #[test]
    fn segments_and_boxes() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(r.hits_segment((-5.0, 5.0), (15.0, 5.0)));
        assert!(r.hits_segment((2.0, 2.0), (3.0, 3.0)));
        assert!(!r.hits_segment((-5.0, -1.0), (15.0, -1.0)));
        assert!(!r.hits_segment((11.0, 0.0), (20.0, 10.0)));
        let mut o = Obstacles::default();
        o.polyline(&[(-5.0, 5.0), (15.0, 5.0)]);
        assert!(o.hits(&r));
        assert!(!o.hits(&Rect::new(0.0, 6.0, 10.0, 9.0)));
    }
}
