//! The look shared by every chart: colours, the embedded font, sizes.
//!
//! Colours are the Okabe-Ito palette (distinguishable with every common colour-vision
//! deficiency; Okabe and Ito 2008), except the conventional Fingertips colours for better /
//! similar / worse ([`Assessment::colour`]) and for the status of goals. Every series also
//! differs by line pattern or marker, so no chart depends on colour alone.
//!
//! Sizes are given in *base pixels* of an 800 × 450 canvas and scaled with the canvas
//! (`Canvas::s`): a 1600 × 900 PNG is the same chart at twice the
//! resolution, sharp on a Word page.

use crate::error::{Error, Result};
use crate::indicators::compare::Assessment;
use plotters::style::RGBColor;
use std::sync::OnceLock;

/// Okabe-Ito: black.
pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Okabe-Ito: orange.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe-Ito: sky blue.
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe-Ito: bluish green.
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe-Ito: yellow.
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Okabe-Ito: blue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito: vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe-Ito: reddish purple.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// The area a chart is about.
pub const AREA: RGBColor = BLUE;
/// Benchmarks in order (county, country, ...), each also with its own [`Dash`].
pub const BENCHMARKS: [RGBColor; 4] = [ORANGE, REDDISH_PURPLE, BLACK, SKY_BLUE];
/// Goals: the target and the path to it.
pub const GOAL: RGBColor = BLUISH_GREEN;

/// Body text.
pub const TEXT: RGBColor = RGBColor(0x1F, 0x1F, 0x1F);
/// Subtitles, axis labels, the source line.
pub const MUTED: RGBColor = RGBColor(0x59, 0x59, 0x59);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
/// Axis lines and tick marks.
pub const AXIS: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// Background.
pub const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Neutral points and bars (areas that are not assessed or not highlighted).
pub const NEUTRAL: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);

/// Line patterns, so series differ by more than colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// A solid line.
    Solid,
    /// Long dashes.
    Dashed,
    /// Short dots.
    Dotted,
    /// Dash and dot.
    DashDot,
}

impl Dash {
    /// On/off lengths in base pixels; empty for a solid line.
    pub(crate) fn pattern(self) -> &'static [f64] {
        match self {
            Dash::Solid => &[],
            Dash::Dashed => &[7.0, 4.0],
            Dash::Dotted => &[2.0, 3.0],
            Dash::DashDot => &[7.0, 3.0, 2.0, 3.0],
        }
    }
}

/// The pattern of the n-th benchmark line.
pub(crate) const BENCHMARK_DASHES: [Dash; 4] =
    [Dash::Dashed, Dash::Dotted, Dash::DashDot, Dash::Dashed];

/// Font sizes in base pixels (the ab_glyph scale: the height of the font's line box).
pub(crate) mod size {
    /// The title.
    pub const TITLE: f64 = 21.0;
    /// The subtitle under it.
    pub const SUBTITLE: f64 = 15.0;
    /// Legend entries.
    pub const LEGEND: f64 = 14.0;
    /// Tick labels and category names.
    pub const TICK: f64 = 14.0;
    /// Axis titles.
    pub const AXIS_TITLE: f64 = 14.0;
    /// Value labels on the data.
    pub const LABEL: f64 = 14.0;
    /// The source line and notes at the bottom.
    pub const SOURCE: f64 = 12.5;
}

/// The width of the base canvas in base pixels; a canvas of width w draws at w / 800.
pub(crate) const BASE_WIDTH: f64 = 800.0;
/// The height of the base canvas.
pub(crate) const BASE_HEIGHT: f64 = 450.0;
/// The outer margin in base pixels.
pub(crate) const MARGIN: f64 = 18.0;

/// The family name the charts draw with. The embedded font is registered under it, so PNGs
/// use DejaVu Sans; an SVG names it as a CSS font list, so a viewer with DejaVu Sans shows the
/// same font and any other falls back to its own sans-serif.
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";

/// Registers DejaVu Sans (regular and bold) with plotters under [`FAMILY`] and under
/// `sans-serif` (plotters' own default family, DEPENDENCIES.md §3), once per process.
///
/// With plotters' `ab_glyph` text, nothing can be drawn before this (`FontUnavailable`).
///
/// # Errors
/// [`Error::Chart`] if the embedded font cannot be parsed (it can: the tests draw with it).
pub(crate) fn register_fonts() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        use plotters::style::{FontStyle, register_font};
        [FAMILY, "sans-serif"].iter().all(|family| {
            register_font(family, FontStyle::Normal, dejavu::sans::regular()).is_ok()
                && register_font(family, FontStyle::Bold, dejavu::sans::bold()).is_ok()
        })
    });
    if ok {
        Ok(())
    } else {
        Err(Error::Chart(
            "the embedded DejaVu Sans font could not be loaded".to_string(),
        ))
    }
}

/// A colour from `#RRGGBB` (the form [`Assessment::colour`] gives); grey for anything else.
pub(crate) fn hex(colour: &str) -> RGBColor {
    let h = colour.trim_start_matches('#');
    let byte = |i: usize| h.get(i..i + 2).and_then(|s| u8::from_str_radix(s, 16).ok());
    match (h.len(), byte(0), byte(2), byte(4)) {
        (6, Some(r), Some(g), Some(b)) => RGBColor(r, g, b),
        _ => NEUTRAL,
    }
}

/// The fill of a bar judged against a benchmark (Fingertips colours, METHODS.md).
pub(crate) fn assessment_colour(a: Assessment) -> RGBColor {
    hex(a.colour())
}

/// Black or white, whichever reads better on `background`.
pub(crate) fn text_on(background: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = background;
    let luminance = 0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64;
    if luminance > 150.0 { TEXT } else { WHITE }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(hex("#92D050"), RGBColor(0x92, 0xD0, 0x50));
        assert_eq!(hex("C00000"), RGBColor(0xC0, 0x00, 0x00));
        assert_eq!(hex("#12"), NEUTRAL);
        assert_eq!(hex("#GG0000"), NEUTRAL);
        assert_eq!(
            assessment_colour(Assessment::Similar),
            RGBColor(0xFF, 0xC0, 0x00)
        );
    }

    #[test]
    fn readable_text_colour() {
        assert_eq!(text_on(hex("#FFC000")), TEXT);
        assert_eq!(text_on(hex("#C00000")), WHITE);
        assert_eq!(text_on(BLUE), WHITE);
    }

    #[test]
    fn fonts_register_once() {
        register_fonts().expect("first");
        register_fonts().expect("again");
    }
}
