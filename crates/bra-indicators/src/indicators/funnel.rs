//! Funnel plots: the control limits around a benchmark at a denominator, and where a value
//! lies against them (METHODS.md, "Funnel plots"). The funnel chart draws what these give.

use crate::error::{Error, Result};
use crate::stats::Level;
use crate::stats::funnel::{classify, proportion_limits, rate_limits};

/// Where a value lies against the 95 % and 99.8 % limits, as [`crate::stats::funnel`]
/// defines it.
pub use crate::stats::funnel::FunnelSignificance;

/// What the values of a funnel are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FunnelKind {
    /// Rates per `per` inhabitants (exact Poisson limits).
    Rate {
        /// The multiplier, e.g. 100 000.
        per: f64,
    },
    /// Shares in percent of n respondents (Wilson limits).
    Share,
}

/// The control limits at `denominator` and `level` (e.g. 0.95) around `benchmark`, in the
/// unit of the values.
///
/// # Formula
/// Rates: Garwood's exact Poisson limits at E = r₀·n/per expected events; shares: the
/// Wilson inversion on p₀ = benchmark/100, times 100.
///
/// # Errors
/// [`Error::InvalidArgument`] for a level outside (0, 1), a denominator that is not
/// positive, or a benchmark outside its domain.
///
/// # Examples
/// PHE's reference (proportion funnel): average 80.642448 %, population 598 →
/// 95 % limits 77.475765 % and 83.809131 %.
/// ```
/// use bra_indicators::indicators::funnel::{FunnelKind, funnel_limits};
/// let (l, u) = funnel_limits(FunnelKind::Share, 80.642448, 598.0, 0.95)?;
/// assert!((l - 77.475765).abs() < 2e-6 && (u - 83.809131).abs() < 2e-6);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn funnel_limits(
    kind: FunnelKind,
    benchmark: f64,
    denominator: f64,
    level: f64,
) -> Result<(f64, f64)> {
    let level = Level::new(level)?;
    match kind {
        FunnelKind::Rate { per } => rate_limits(benchmark, denominator, per, level),
        FunnelKind::Share => {
            let (l, u) = proportion_limits(benchmark / 100.0, denominator, level);
            if l.is_nan() {
                Err(Error::InvalidArgument(format!(
                    "funnel limits: expected a share between 0 and 100 % and n > 0, found {benchmark} % and n = {denominator}"
                )))
            } else {
                Ok((l * 100.0, u * 100.0))
            }
        }
    }
}

/// Where `value` at `denominator` lies against the 95 % and 99.8 % limits around
/// `benchmark`.
///
/// # Errors
/// As [`funnel_limits`].
///
/// ```
/// use bra_indicators::indicators::funnel::{FunnelKind, FunnelSignificance, funnel_significance};
/// let s = funnel_significance(FunnelKind::Share, 80.642448, 70.0, 598.0)?;
/// assert_eq!(s, Some(FunnelSignificance::Low001));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn funnel_significance(
    kind: FunnelKind,
    benchmark: f64,
    value: f64,
    denominator: f64,
) -> Result<Option<FunnelSignificance>> {
    let l95 = funnel_limits(kind, benchmark, denominator, Level::P95.value())?;
    let l998 = funnel_limits(kind, benchmark, denominator, Level::P998.value())?;
    Ok(classify(value, l95, l998))
}
