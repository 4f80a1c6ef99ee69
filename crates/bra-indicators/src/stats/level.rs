//! Confidence levels.

use crate::error::{Error, Result};
use statrs::distribution::{ContinuousCDF, Normal};

/// A confidence level strictly between 0 and 1, such as 0.95 or 0.998.
///
/// # Examples
/// ```
/// use bra_indicators::Level;
/// let level = Level::new(0.95)?;
/// assert!((level.z() - 1.959964).abs() < 1e-6);
/// assert!(Level::new(1.5).is_err());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Level(f64);

impl Level {
    /// The 95 % level.
    pub const P95: Level = Level(0.95);
    /// The 99.8 % level (about three standard errors), used with 95 % as the common pair.
    pub const P998: Level = Level(0.998);

    /// A level in (0, 1).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `level` is not a finite number strictly between 0 and 1.
    pub fn new(level: f64) -> Result<Self> {
        if level.is_finite() && level > 0.0 && level < 1.0 {
            Ok(Level(level))
        } else {
            Err(Error::InvalidArgument(format!(
                "confidence level must be strictly between 0 and 1 (e.g. 0.95), got {level}"
            )))
        }
    }

    /// The level as a fraction, e.g. `0.95`.
    pub fn value(self) -> f64 {
        self.0
    }

    /// α = 1 − level.
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }

    /// The two-sided standard normal quantile z = Φ⁻¹(1 − α/2): 1.959964 at 95 %, 3.090232 at 99.8 %.
    pub fn z(self) -> f64 {
        standard_normal().inverse_cdf(1.0 - self.alpha() / 2.0)
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for Level {
    type Err = Error;

    /// Parses `0.95`, `95%` or `95` (a bare number from 50 up to 100 is read as percent).
    fn from_str(s: &str) -> Result<Self> {
        let trimmed = s.trim();
        let percent = trimmed.ends_with('%');
        let t = trimmed.trim_end_matches('%').trim().replace(',', ".");
        let v: f64 = t.parse().map_err(|_| {
            Error::InvalidArgument(format!(
                "expected a confidence level such as 0.95 or 95%, found \"{s}\""
            ))
        })?;
        Level::new(if percent || (50.0..100.0).contains(&v) {
            v / 100.0
        } else {
            v
        })
    }
}

/// The standard normal distribution N(0, 1).
pub(crate) fn standard_normal() -> Normal {
    Normal::standard()
}
