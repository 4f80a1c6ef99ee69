//! Indices and other published estimates with a standard error (SCB's citizen survey).
//!
//! SCB's citizen survey (medborgarundersökningen) publishes indices on a 0-100 scale, such as
//! the Nöjd-Region-Index for safety, with either an interval or a standard error. The
//! published value is kept; a standard error is turned into a normal interval.

use crate::error::{Error, Result};
use crate::stats::Level;

/// The `method` code of an interval made from a published standard error:
/// value ± z·se (see [`interval_from_se`]).
pub const FROM_STANDARD_ERROR: &str = "published-se";

/// The normal interval `value ± z·se` at `level`, cut to `bounds` (e.g. `(0, 100)` for an
/// index or a percentage) when given.
///
/// # Formula
/// L = value − z·se, U = value + z·se, z = Φ⁻¹(1 − α/2) (1.959964 at 95 %); the
/// sampling distribution of a mean or share from a large sample is close to normal.
///
/// # Errors
/// [`Error::InvalidArgument`] when `value` is not finite or `se` is not a finite number ≥ 0.
///
/// # Examples
/// A safety index of 62 with standard error 2.1 (95 %: 62 ± 1.959964 × 2.1):
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::index::interval_from_se;
/// let (lower, upper) = interval_from_se(62.0, 2.1, Level::P95, Some((0.0, 100.0)))?;
/// assert!((lower - 57.88407563246589).abs() < 1e-9);
/// assert!((upper - 66.11592436753411).abs() < 1e-9);
/// // cut at the top of the scale
/// assert_eq!(interval_from_se(99.0, 1.0, Level::P95, Some((0.0, 100.0)))?.1, 100.0);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn interval_from_se(
    value: f64,
    se: f64,
    level: Level,
    bounds: Option<(f64, f64)>,
) -> Result<(f64, f64)> {
    if !value.is_finite() {
        return Err(Error::InvalidArgument(format!(
            "expected a number as the estimate, found {value}"
        )));
    }
    if !(se.is_finite() && se >= 0.0) {
        return Err(Error::InvalidArgument(format!(
            "expected a non-negative standard error, found {se}"
        )));
    }
    let half = level.z() * se;
    let (mut lower, mut upper) = (value - half, value + half);
    if let Some((lo, hi)) = bounds {
        lower = lower.clamp(lo, hi);
        upper = upper.clamp(lo, hi);
    }
    Ok((lower, upper))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn se_to_interval() {
        // z at 99.8 % = 3.090232306167813 (scipy.stats.norm.ppf(0.999)).
        let (l, u) = interval_from_se(50.0, 1.0, Level::P998, None).expect("valid");
        assert!((l - (50.0 - 3.090232306167813)).abs() < 1e-12);
        assert!((u - (50.0 + 3.090232306167813)).abs() < 1e-12);
        assert_eq!(
            interval_from_se(1.0, 2.0, Level::P95, Some((0.0, 100.0)))
                .expect("valid")
                .0,
            0.0
        );
        assert_eq!(
            interval_from_se(7.0, 0.0, Level::P95, None).expect("valid"),
            (7.0, 7.0)
        );
        assert!(interval_from_se(50.0, -1.0, Level::P95, None).is_err());
        assert!(interval_from_se(f64::NAN, 1.0, Level::P95, None).is_err());
    }
}
