//! Scales (linear and log), nice steps and domains, ticks, and the value axis of a plot.

use super::{Canvas, Font, Rect};
use crate::chart::theme::{self, Dash, size};
use crate::error::Result;
use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};

pub(crate) use crate::axis::nice_domain;

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

/// Decimals needed to write multiples of `step` exactly (at most 3).
pub(crate) fn decimals_for(step: f64) -> usize {
    (0..=3)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(3)
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
