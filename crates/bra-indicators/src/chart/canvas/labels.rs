//! Placing labels where they do not cover anything: obstacles, candidate spots, free boxes.

use super::{Canvas, Font, Rect};
use crate::error::Result;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

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
