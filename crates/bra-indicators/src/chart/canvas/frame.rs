//! The parts around a plot: title, subtitle, legend (its entries and marks), source line
//! and note, and wrapping or shortening text to a width.

use super::{Canvas, Font, Rect};
use crate::chart::theme::{self, Dash, MARGIN, size};
use crate::error::Result;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

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

impl<DB: DrawingBackend> Canvas<'_, DB> {
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
