//! Drawing in pixels on any plotters backend: text with anchors, lines with dash patterns,
//! bands, markers; the frame (title, subtitle, legend, source line); scales, ticks and axes;
//! and placing labels where they do not cover anything: the canvas and its units here,
//! the drawing primitives in `draw`, the frame and legend in `frame`, scales, ticks and axes in
//! `scale`, label placement in `labels`.
//!
//! The charts do their own layout and coordinate mapping (instead of plotters' `ChartBuilder`)
//! so that every kind shares one look and labels can be placed around the data.

mod draw;
mod frame;
mod labels;
mod scale;

pub(crate) use frame::{Frame, LegendItem, Mark};
pub(crate) use labels::{Obstacles, Spot, label_box};
pub(crate) use scale::{Scale, ValueAxis, decimals_for, nice_domain, tick_font};

use super::theme::{self, FAMILY};
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, DrawingBackend};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

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
}

#[cfg(test)]
mod tests {
    use super::draw::dashes;
    use super::*;
    use crate::axis::{log_ticks, nice_step};

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
