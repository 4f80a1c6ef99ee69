//! Funnel-plot control limits and significance (METHODS.md, "Funnel plots").
//!
//! A funnel plot shows each area's value against its denominator (population or survey n),
//! with control limits around the benchmark (pooled) value that narrow as the denominator
//! grows. Limits are drawn at 95 % and 99.8 %; [`classify`] says where an area falls.

use crate::error::{Error, Result};
use crate::stats::Level;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::gamma::{gamma_lr, gamma_ur, ln_gamma};

/// Control limits for a share at denominator `n` around the benchmark share `p0` (fractions).
///
/// # Formula
/// p₀ ± z√(p₀(1 − p₀)/n), clamped to [0, 1]: the observed shares whose Wilson score interval
/// just reaches p₀ (PHE's funnel-plot method for proportions; Spiegelhalter 2005).
/// `p0` outside 0..=1, `n` not positive, or either not finite, gives `(NaN, NaN)`.
///
/// # Examples
/// PHE reference: p₀ = 80.642448 %, n = 598 → 95 % (77.475765 %, 83.809131 %).
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::funnel::proportion_limits;
/// let (lower, upper) = proportion_limits(0.80642448, 598.0, Level::P95);
/// assert!((lower - 0.77475765).abs() < 1e-8);
/// assert!((upper - 0.83809131).abs() < 1e-8);
/// ```
pub fn proportion_limits(p0: f64, n: f64, level: Level) -> (f64, f64) {
    if !((0.0..=1.0).contains(&p0) && n.is_finite() && n > 0.0) {
        return (f64::NAN, f64::NAN);
    }
    let half_width = level.z() * (p0 * (1.0 - p0) / n).sqrt();
    ((p0 - half_width).max(0.0), (p0 + half_width).min(1.0))
}

/// Control limits for a rate per `per` at `population`, around the benchmark rate `rate0_per`
/// (also per `per`).
///
/// # Formula
/// With E = r₀·n/per expected events (METHODS.md): the Garwood limits at E,
/// [χ²(α/2; 2E)/2, χ²(1 − α/2; 2E + 2)/2], divided by the population and multiplied by
/// `per`. E need not be a whole number. At E = 0 the lower limit is 0 (no degrees of freedom).
///
/// # Errors
/// [`Error::InvalidArgument`] when the benchmark rate is negative, or the population or `per`
/// is not positive, or any of them is not finite.
///
/// # Examples
/// A benchmark of 1,500 crimes per 100,000 at Fagersta's 13,391 inhabitants (SciPy 1.17.1,
/// `chi2.ppf`): 95 % limits (1299.7236, 1722.4011).
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::funnel::rate_limits;
/// let (lower, upper) = rate_limits(1500.0, 13_391.0, 100_000.0, Level::P95)?;
/// assert!((lower - 1299.723563230312).abs() < 1e-6);
/// assert!((upper - 1722.4011344886721).abs() < 1e-6);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn rate_limits(rate0_per: f64, population: f64, per: f64, level: Level) -> Result<(f64, f64)> {
    if !(rate0_per.is_finite() && rate0_per >= 0.0) {
        return Err(Error::InvalidArgument(format!(
            "funnel limits: the benchmark rate must be a non-negative number, found {rate0_per}"
        )));
    }
    for (what, value) in [("population", population), ("multiplier (per)", per)] {
        if !(value.is_finite() && value > 0.0) {
            return Err(Error::InvalidArgument(format!(
                "funnel limits: the {what} must be a positive number, found {value}"
            )));
        }
    }
    let expected = rate0_per * population / per;
    let half_alpha = level.alpha() / 2.0;
    let lower = chi_squared_quantile(2.0 * expected, half_alpha, Tail::Lower) / 2.0;
    let upper = chi_squared_quantile(2.0 * expected + 2.0, half_alpha, Tail::Upper) / 2.0;
    Ok((lower / population * per, upper / population * per))
}

/// Which tail probability [`chi_squared_quantile`] is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// p = P(X ≤ x).
    Lower,
    /// p = P(X > x).
    Upper,
}

/// The quantile x of the chi-square distribution with `df` degrees of freedom with tail
/// probability `p` (0 < p < 1); 0 when `df` = 0 (all mass at 0).
///
/// statrs' `ChiSquared::inverse_cdf` stops on an absolute tolerance, so small quantiles (few
/// degrees of freedom, small p: the lower limit of a funnel at a small expected count) can be
/// far off (by a factor of 700 at df = 0.5, p = 0.001). Its answer is only the start of a
/// safeguarded Newton iteration on the regularized incomplete gamma function.
fn chi_squared_quantile(df: f64, p: f64, tail: Tail) -> f64 {
    if df == 0.0 {
        return 0.0;
    }
    // X/2 ~ Gamma(a, 1) with a = df/2: solve P(a, g) = p (or Q(a, g) = p) for g.
    let a = df / 2.0;
    let start = ChiSquared::new(df)
        .map(|d| {
            d.inverse_cdf(match tail {
                Tail::Lower => p,
                Tail::Upper => 1.0 - p,
            }) / 2.0
        })
        .unwrap_or(a);
    let mut g = if start.is_finite() && start > 0.0 {
        start
    } else {
        a
    };
    let ln_gamma_a = ln_gamma(a);
    let (mut lo, mut hi) = (0.0_f64, f64::INFINITY);
    for _ in 0..MAX_NEWTON_STEPS {
        // r = P(a, g) − P(a, target), from the smaller tail for precision.
        let r = match tail {
            Tail::Lower => gamma_lr(a, g) - p,
            Tail::Upper => p - gamma_ur(a, g),
        };
        if r == 0.0 {
            break;
        }
        if r > 0.0 {
            hi = g;
        } else {
            lo = g;
        }
        let pdf = ((a - 1.0) * g.ln() - g - ln_gamma_a).exp();
        let mut next = g - r / pdf;
        if !(next > lo && next < hi) {
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * g
            };
        }
        let step = (next - g).abs();
        g = next;
        if step <= NEWTON_REL_STEP * g {
            break;
        }
    }
    2.0 * g
}

/// Newton steps allowed in [`chi_squared_quantile`] (bisection steps included).
const MAX_NEWTON_STEPS: usize = 200;
/// [`chi_squared_quantile`] stops after a step smaller than this, relative to the quantile;
/// Newton converges quadratically, so the remaining error is far below it.
const NEWTON_REL_STEP: f64 = 1e-13;

/// Where an area lies in a funnel plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FunnelSignificance {
    /// Above the 99.8 % upper limit.
    #[serde(rename = "high (0.001)")]
    High001,
    /// Above the 95 % upper limit (but not the 99.8 % one).
    #[serde(rename = "high (0.025)")]
    High025,
    /// Within the 95 % limits (bounds included).
    #[serde(rename = "not significant")]
    NotSignificant,
    /// Below the 95 % lower limit (but not the 99.8 % one).
    #[serde(rename = "low (0.025)")]
    Low025,
    /// Below the 99.8 % lower limit.
    #[serde(rename = "low (0.001)")]
    Low001,
}

impl FunnelSignificance {
    /// The code used in files: `high (0.001)`, `high (0.025)`, `not significant`,
    /// `low (0.025)`, `low (0.001)` (the one-sided tail probability beyond the limit).
    pub fn code(self) -> &'static str {
        match self {
            FunnelSignificance::High001 => "high (0.001)",
            FunnelSignificance::High025 => "high (0.025)",
            FunnelSignificance::NotSignificant => "not significant",
            FunnelSignificance::Low025 => "low (0.025)",
            FunnelSignificance::Low001 => "low (0.001)",
        }
    }
}

impl std::fmt::Display for FunnelSignificance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Where `value` falls relative to the 95 % and 99.8 % funnel limits, each `(lower, upper)`.
///
/// A value on a limit counts as inside. `None` when the value or a limit is NaN (a missing
/// value cannot be placed).
///
/// # Examples
/// ```
/// use bra_indicators::stats::funnel::{classify, FunnelSignificance};
/// let (l95, l998) = ((0.775, 0.838), (0.756, 0.856));
/// assert_eq!(classify(0.80, l95, l998), Some(FunnelSignificance::NotSignificant));
/// assert_eq!(classify(0.85, l95, l998), Some(FunnelSignificance::High025));
/// assert_eq!(classify(0.70, l95, l998), Some(FunnelSignificance::Low001));
/// assert_eq!(classify(f64::NAN, l95, l998), None);
/// ```
pub fn classify(
    value: f64,
    limits95: (f64, f64),
    limits998: (f64, f64),
) -> Option<FunnelSignificance> {
    let all = [value, limits95.0, limits95.1, limits998.0, limits998.1];
    if all.iter().any(|v| v.is_nan()) {
        return None;
    }
    Some(if value > limits998.1 {
        FunnelSignificance::High001
    } else if value > limits95.1 {
        FunnelSignificance::High025
    } else if value < limits998.0 {
        FunnelSignificance::Low001
    } else if value < limits95.0 {
        FunnelSignificance::Low025
    } else {
        FunnelSignificance::NotSignificant
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for the PHE reference, given in percent to 6 decimals (p₀ itself is rounded
    /// to 6 decimals of a percent).
    const PHE_TOL_PERCENT: f64 = 2e-6;
    /// Relative tolerance against SciPy's `chi2.ppf`. Our Newton polish on statrs' incomplete
    /// gamma agrees to ~1e-13; statrs' `ln_gamma` costs up to ~1e-10 at 10⁵ expected events.
    const REL_TOL: f64 = 1e-9;

    #[test]
    fn phe_proportion_reference() {
        // METHODS.md, "Funnel plots": PHE reference (percent).
        let p0 = 0.80642448;
        let cases = [
            (Level::P95, 77.475765, 83.809131),
            (Level::P998, 75.649608, 85.635287),
        ];
        for (level, lower, upper) in cases {
            let (l, u) = proportion_limits(p0, 598.0, level);
            assert!((l * 100.0 - lower).abs() < PHE_TOL_PERCENT, "{level}: {l}");
            assert!((u * 100.0 - upper).abs() < PHE_TOL_PERCENT, "{level}: {u}");
        }
    }

    #[test]
    fn proportion_limits_clamp_and_reject() {
        assert_eq!(proportion_limits(0.0, 50.0, Level::P95), (0.0, 0.0));
        let (l, u) = proportion_limits(0.02, 10.0, Level::P998);
        assert_eq!(l, 0.0);
        assert!(u > 0.02 && u < 1.0);
        let (l, u) = proportion_limits(0.99, 10.0, Level::P95);
        assert!(l < 0.99 && u == 1.0);
        for (p0, n) in [(1.5, 10.0), (-0.1, 10.0), (0.5, 0.0), (f64::NAN, 10.0)] {
            let (l, u) = proportion_limits(p0, n, Level::P95);
            assert!(l.is_nan() && u.is_nan(), "{p0}, {n}");
        }
    }

    #[test]
    fn rate_limits_match_scipy() {
        // SciPy 1.17.1: chi2.ppf(α/2, 2E)/2 and chi2.ppf(1 − α/2, 2E + 2)/2 with E = r₀·n/10⁵,
        // divided by n and multiplied by 10⁵. (r₀, n, level, lower, upper)
        let cases = [
            (1500.0, 13391.0, 0.95, 1299.723563230312, 1722.4011344886721),
            (1500.0, 13391.0, 0.998, 1194.0888584207817, 1856.72552591986),
            // E = 0.075: the quantile of a chi-square with 0.15 degrees of freedom.
            (
                3.0,
                2500.0,
                0.95,
                1.0385706569143416e-20,
                153.79217174695572,
            ),
            (
                3.0,
                2500.0,
                0.998,
                2.3836140273161925e-39,
                284.12121678095804,
            ),
            (12000.0, 1e6, 0.95, 11932.199620833733, 12068.090092536864),
            (12000.0, 1e6, 0.998, 11893.236133782737, 12107.434280632211),
            (0.0, 5000.0, 0.95, 0.0, 73.77758908227871),
            (0.0, 5000.0, 0.998, 0.0, 138.15510557964274),
            (40.0, 1000.0, 0.95, 0.007328324355345861, 448.58818845257883),
            (
                40.0,
                1000.0,
                0.998,
                2.3449410847664803e-06,
                790.043003888765,
            ),
        ];
        for (r0, n, level, lower, upper) in cases {
            let level = Level::new(level).expect("level");
            let (l, u) = rate_limits(r0, n, 100_000.0, level).expect("valid");
            assert!(
                (l - lower).abs() <= REL_TOL * lower,
                "{r0}, {n}, {level}: {l}"
            );
            assert!(
                (u - upper).abs() <= REL_TOL * upper,
                "{r0}, {n}, {level}: {u}"
            );
        }
    }

    #[test]
    fn rate_limits_reject_bad_input() {
        assert!(rate_limits(-1.0, 1000.0, 1e5, Level::P95).is_err());
        assert!(rate_limits(f64::NAN, 1000.0, 1e5, Level::P95).is_err());
        assert!(rate_limits(10.0, 0.0, 1e5, Level::P95).is_err());
        assert!(rate_limits(10.0, 1000.0, 0.0, Level::P95).is_err());
        assert!(rate_limits(10.0, f64::INFINITY, 1e5, Level::P95).is_err());
    }

    #[test]
    fn classification() {
        use FunnelSignificance as F;
        let (l95, l998) = ((10.0, 20.0), (8.0, 22.0));
        let cases = [
            (15.0, F::NotSignificant),
            (10.0, F::NotSignificant),
            (20.0, F::NotSignificant),
            (21.0, F::High025),
            (22.0, F::High025),
            (22.5, F::High001),
            (9.0, F::Low025),
            (8.0, F::Low025),
            (7.5, F::Low001),
        ];
        for (value, expected) in cases {
            assert_eq!(classify(value, l95, l998), Some(expected), "{value}");
        }
        assert_eq!(classify(15.0, (f64::NAN, 20.0), l998), None);
    }

    #[test]
    fn codes() {
        let all = [
            (FunnelSignificance::High001, "high (0.001)"),
            (FunnelSignificance::High025, "high (0.025)"),
            (FunnelSignificance::NotSignificant, "not significant"),
            (FunnelSignificance::Low025, "low (0.025)"),
            (FunnelSignificance::Low001, "low (0.001)"),
        ];
        for (s, code) in all {
            assert_eq!((s.code(), s.to_string()), (code, code.to_string()));
            let json = serde_json::to_string(&s).expect("serialises");
            assert_eq!(json, format!("\"{code}\""));
        }
    }
}
