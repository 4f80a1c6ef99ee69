//! Drawing primitives in base pixels: text (with anchors, halos, rotated), lines with dash
//! patterns, polygons, rectangles, points, rings, diamonds and whiskers.

use super::{Canvas, Font, Rect, Spot, chart_err, label_box};
use crate::chart::theme::{self, Dash};
use crate::error::Result;
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontTransform, RGBColor, ShapeStyle};

impl<DB: DrawingBackend> Canvas<'_, DB> {
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
