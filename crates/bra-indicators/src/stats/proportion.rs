//! Proportions (survey shares) and their confidence intervals.
//!
//! A proportion p = x / n is kept as a fraction in 0..1; [`Proportion::percent`] gives it in
//! percent for people. The default interval is Wilson's score interval, as PHE's
//! `phe_proportion`; Clopper-Pearson ("exact") is the option. Published survey results (NTU)
//! are weighted, so their estimate and interval are kept as given with [`published`].

use crate::error::{Error, Result};
use crate::stats::Level;
use statrs::distribution::{Beta, ContinuousCDF};

/// How the interval of a proportion is computed.
///
/// # Examples
/// ```
/// use bra_indicators::stats::proportion::ProportionMethod;
/// let method: ProportionMethod = "clopper-pearson".parse()?;
/// assert_eq!(method, ProportionMethod::ClopperPearson);
/// assert_eq!(ProportionMethod::default().code(), "wilson");
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProportionMethod {
    /// Wilson's score interval (the default).
    #[default]
    Wilson,
    /// The Clopper-Pearson "exact" interval from the Beta distribution.
    ClopperPearson,
}

impl ProportionMethod {
    /// The code used in files and the `method` column: `wilson`, `clopper-pearson`.
    pub fn code(self) -> &'static str {
        match self {
            ProportionMethod::Wilson => "wilson",
            ProportionMethod::ClopperPearson => "clopper-pearson",
        }
    }
}

impl std::fmt::Display for ProportionMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for ProportionMethod {
    type Err = Error;

    /// Parses `wilson` or `clopper-pearson` (also `exact`, `beta`), ignoring case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "wilson" => Ok(ProportionMethod::Wilson),
            "clopper-pearson" | "clopper_pearson" | "exact" | "beta" => {
                Ok(ProportionMethod::ClopperPearson)
            }
            _ => Err(Error::InvalidArgument(format!(
                "expected a proportion interval method (wilson or clopper-pearson), found \"{s}\""
            ))),
        }
    }
}

/// The `method` code of an estimate and interval kept as the source published them.
pub const PUBLISHED: &str = "published";

/// A proportion with its confidence interval, all as fractions in 0..1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Proportion {
    /// The estimate x / n (or the published estimate).
    pub estimate: f64,
    /// Lower confidence limit.
    pub lower: f64,
    /// Upper confidence limit.
    pub upper: f64,
    /// What made the interval: `wilson`, `clopper-pearson` or `published`.
    pub method: &'static str,
    /// The interval's confidence level as a fraction, e.g. `0.95`.
    pub level: f64,
}

impl Proportion {
    /// Estimate, lower and upper limit in percent (0..100), for people.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::Level;
    /// use bra_indicators::stats::proportion::{proportion_interval, ProportionMethod};
    /// let p = proportion_interval(65.0, 100.0, Level::P95, ProportionMethod::Wilson)?;
    /// let (estimate, lower, upper) = p.percent();
    /// assert!((estimate - 65.0).abs() < 1e-12);
    /// assert!((lower - 55.2544433).abs() < 1e-6 && (upper - 73.6357518).abs() < 1e-6);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn percent(&self) -> (f64, f64, f64) {
        (
            self.estimate * 100.0,
            self.lower * 100.0,
            self.upper * 100.0,
        )
    }
}

/// The proportion `count / n` with its confidence interval at `level`.
///
/// `count` may be fractional (a weighted count); it must lie in `0..=n`.
///
/// # Formula
/// With z = Φ⁻¹(1 − α/2), α = 1 − level (METHODS.md, "Proportions"):
/// - Wilson (Wilson 1927; Newcombe 1998, method 3), as PHE `phe_proportion`:
///   (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)). The lower limit is computed in the
///   algebraically equal form 2x² / (n(2x + z² + z√(z² + 4x(n − x)/n))), which avoids
///   cancellation for small x; L = 0 at x = 0 and U = 1 at x = n.
/// - Clopper-Pearson (Clopper and Pearson 1934): L = Beta⁻¹(α/2; x, n − x + 1),
///   U = Beta⁻¹(1 − α/2; x + 1, n − x), with L = 0 at x = 0 and U = 1 at x = n.
///
/// # Errors
/// [`Error::InvalidArgument`] when `n` is not a positive finite number, or `count` is not a
/// finite number in `0..=n`.
///
/// # Examples
/// PHE test data (PHEindicatormethods): 65 of 100 → 95 % (0.552544433, 0.736357518).
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::proportion::{proportion_interval, ProportionMethod};
/// let p = proportion_interval(65.0, 100.0, Level::P95, ProportionMethod::Wilson)?;
/// assert_eq!(p.estimate, 0.65);
/// assert!((p.lower - 0.552544433).abs() < 1e-9);
/// assert!((p.upper - 0.736357518).abs() < 1e-9);
/// assert_eq!(p.method, "wilson");
///
/// let p = proportion_interval(65.0, 100.0, Level::P998, ProportionMethod::Wilson)?;
/// assert!((p.lower - 0.495494657).abs() < 1e-9);
/// assert!((p.upper - 0.778354061).abs() < 1e-9);
///
/// assert!(proportion_interval(101.0, 100.0, Level::P95, ProportionMethod::Wilson).is_err());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn proportion_interval(
    count: f64,
    n: f64,
    level: Level,
    method: ProportionMethod,
) -> Result<Proportion> {
    if !(n.is_finite() && n > 0.0) {
        return Err(Error::InvalidArgument(format!(
            "the denominator n of a proportion must be a positive number, found {n}"
        )));
    }
    if !(count.is_finite() && count >= 0.0) {
        return Err(Error::InvalidArgument(format!(
            "the count of a proportion must be a non-negative number, found {count}"
        )));
    }
    if count > n {
        return Err(Error::InvalidArgument(format!(
            "the count of a proportion cannot exceed its denominator, found {count} of {n}"
        )));
    }
    if method == ProportionMethod::ClopperPearson && n > MAX_EXACT_N {
        return Err(Error::InvalidArgument(format!(
            "n = {n} is more than the 10^12 the exact (Clopper-Pearson) interval is computed \
             for (no survey has as many respondents); expected a sample size"
        )));
    }
    let (lower, upper) = match method {
        ProportionMethod::Wilson => wilson(count, n, level.z()),
        ProportionMethod::ClopperPearson => clopper_pearson(count, n, level.alpha()),
    };
    Ok(Proportion {
        estimate: count / n,
        lower,
        upper,
        method: method.code(),
        level: level.value(),
    })
}

/// The largest n the Clopper–Pearson interval is computed for: up to here the beta quantiles
/// take about 10 µs; at 10^15 they take over a minute (found by feeding a survey n = 10^15).
const MAX_EXACT_N: f64 = 1e12;

/// Wilson's score interval for x of n at the normal quantile z.
fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let z2 = z * z;
    // z √(z² + 4x(1 − x/n)), written with (n − x)/n so that x close to n loses nothing.
    let spread = z * (z2 + 4.0 * x * (n - x) / n).sqrt();
    let lower = if x == 0.0 {
        0.0
    } else {
        2.0 * x * x / (n * (2.0 * x + z2 + spread))
    };
    let upper = if x == n {
        1.0
    } else {
        (2.0 * x + z2 + spread) / (2.0 * (n + z2))
    };
    (lower.max(0.0), upper.min(1.0))
}

/// The Clopper-Pearson interval for x of n at α = 1 − level.
fn clopper_pearson(x: f64, n: f64, alpha: f64) -> (f64, f64) {
    let lower = if x == 0.0 {
        0.0
    } else {
        beta_inverse(x, n - x + 1.0, alpha / 2.0, Tail::Lower)
    };
    let upper = if x == n {
        1.0
    } else {
        beta_inverse(x + 1.0, n - x, alpha / 2.0, Tail::Upper)
    };
    (lower, upper)
}

/// Which tail probability [`beta_inverse`] is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// p = P(T ≤ t) = I_t(a, b).
    Lower,
    /// p = P(T > t) = 1 − I_t(a, b).
    Upper,
}

/// The quantile t of Beta(a, b) with tail probability `p` (a, b > 0, 0 < p < 1).
///
/// statrs' `Beta::inverse_cdf` (AS 109) stops early: against SciPy it is off by up to 1e-4
/// (relative) for a small first shape and a large second one, which is exactly a
/// Clopper-Pearson limit for a few events in a large survey (11 of 487,603). So its answer is
/// only the starting point of a safeguarded Newton iteration on an incomplete beta function
/// computed here with a precise ln B(a, b); the result agrees with SciPy to about 1e-13.
fn beta_inverse(a: f64, b: f64, p: f64, tail: Tail) -> f64 {
    // Closed forms: I_t(1, b) = 1 − (1 − t)^b and I_t(a, 1) = t^a.
    if a == 1.0 {
        let ln_survival = match tail {
            Tail::Lower => (-p).ln_1p(),
            Tail::Upper => p.ln(),
        };
        return -(ln_survival / b).exp_m1();
    }
    if b == 1.0 {
        let ln_cdf = match tail {
            Tail::Lower => p.ln(),
            Tail::Upper => (-p).ln_1p(),
        };
        return (ln_cdf / a).exp();
    }
    let ln_b = ln_beta(a, b);
    let start = Beta::new(a, b)
        .map(|d| {
            d.inverse_cdf(match tail {
                Tail::Lower => p,
                Tail::Upper => 1.0 - p,
            })
        })
        .unwrap_or(0.5);
    let mut t = if start > 0.0 && start < 1.0 {
        start
    } else {
        0.5
    };
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..MAX_NEWTON_STEPS {
        let (cdf, survival) = incomplete_beta(a, b, t, ln_b);
        // r = I_t(a, b) − target, computed from the smaller tail for precision.
        let r = match tail {
            Tail::Lower => cdf - p,
            Tail::Upper => p - survival,
        };
        if r == 0.0 {
            return t;
        }
        if r > 0.0 {
            hi = t;
        } else {
            lo = t;
        }
        let ln_pdf = (a - 1.0) * t.ln() + (b - 1.0) * (-t).ln_1p() - ln_b;
        let mut next = t - r / ln_pdf.exp();
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - t).abs() <= NEWTON_REL_STEP * next {
            return next;
        }
        t = next;
    }
    t
}

/// Newton steps allowed in [`beta_inverse`] (bisection steps included).
const MAX_NEWTON_STEPS: usize = 200;
/// [`beta_inverse`] stops after a step smaller than this, relative to t; Newton converges
/// quadratically, so the remaining error is far below it.
const NEWTON_REL_STEP: f64 = 1e-13;

/// ln B(a, b), without the cancellation in ln Γ(a + b) − ln Γ(b) that costs statrs'
/// `ln_beta` about 1e-9 when b is large (ln Γ(10⁶) ≈ 1.3·10⁷).
fn ln_beta(a: f64, b: f64) -> f64 {
    let (small, big) = if a < b { (a, b) } else { (b, a) };
    if big < 10.0 {
        return statrs::function::beta::ln_beta(a, b);
    }
    // Stirling: ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + S(z), so
    // ln Γ(s + b) − ln Γ(b) = s ln b + (s + b − ½) ln(1 + s/b) − s + S(s + b) − S(b).
    let ln_ratio = small * big.ln() + (small + big - 0.5) * (small / big).ln_1p() - small
        + stirling_tail(small + big)
        - stirling_tail(big);
    statrs::function::gamma::ln_gamma(small) - ln_ratio
}

/// The tail S(z) of Stirling's series for ln Γ(z), accurate to 1e-16 for z ≥ 10.
fn stirling_tail(z: f64) -> f64 {
    // B₂ₖ / (2k(2k − 1)) for k = 1..7.
    const C: [f64; 7] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
    ];
    let w = 1.0 / (z * z);
    C.iter().rev().fold(0.0, |acc, c| acc * w + c) / z
}

/// The regularized incomplete beta function and its complement, (I_t(a, b), 1 − I_t(a, b)),
/// for 0 ≤ t ≤ 1 and positive a, b: each tail computed directly (no 1 − I cancellation) with a
/// precise ln B(a, b). Used for the Student-t tail of the OLS p-value, where statrs'
/// `beta_reg` is off by up to 2e-9 relative (measured against mpmath at p ≈ 1e-8).
pub(crate) fn regularized_beta(a: f64, b: f64, t: f64) -> (f64, f64) {
    if t <= 0.0 {
        return (0.0, 1.0);
    }
    if t >= 1.0 {
        return (1.0, 0.0);
    }
    incomplete_beta(a, b, t, ln_beta(a, b))
}

/// The regularized incomplete beta function and its complement, (I_t(a, b), 1 − I_t(a, b)),
/// each computed directly where it is the smaller one (Numerical Recipes' continued fraction,
/// modified Lentz). `ln_b` is ln B(a, b).
fn incomplete_beta(a: f64, b: f64, t: f64, ln_b: f64) -> (f64, f64) {
    let (ln_t, ln_1mt) = (t.ln(), (-t).ln_1p());
    let front = a * ln_t + b * ln_1mt - ln_b;
    if t < (a + 1.0) / (a + b + 2.0) {
        let cdf = (front - a.ln()).exp() * beta_fraction(a, b, t);
        (cdf, 1.0 - cdf)
    } else {
        let survival = (front - b.ln()).exp() * beta_fraction(b, a, 1.0 - t);
        (1.0 - survival, survival)
    }
}

/// The continued fraction of the incomplete beta function (Numerical Recipes, `betacf`). It
/// needs about √max(a, b) terms, so the cap is generous.
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const MAX_TERMS: usize = 100_000;
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_TERMS {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// A published estimate and interval (fractions in 0..1), kept as given (`method = published`).
///
/// Weighted survey results (NTU) cannot be recomputed from a count and n, so the source's own
/// numbers are kept after checking that they make sense.
///
/// # Errors
/// [`Error::InvalidArgument`] when a value is not a finite number in 0..=1 (a value such as
/// 65 is probably a percentage: divide by 100), or when `lower ≤ estimate ≤ upper` does not hold.
///
/// # Examples
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::proportion::published;
/// let p = published(0.181, 0.162, 0.201, Level::P95)?;
/// assert_eq!((p.estimate, p.lower, p.upper), (0.181, 0.162, 0.201));
/// assert_eq!(p.method, "published");
/// assert!(published(18.1, 16.2, 20.1, Level::P95).is_err()); // percent, not fractions
/// assert!(published(0.181, 0.201, 0.162, Level::P95).is_err()); // lower > upper
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn published(estimate: f64, lower: f64, upper: f64, level: Level) -> Result<Proportion> {
    for (name, value) in [("estimate", estimate), ("lower", lower), ("upper", upper)] {
        if !value.is_finite() {
            return Err(Error::InvalidArgument(format!(
                "published proportion: {name} must be a number between 0 and 1, found {value}"
            )));
        }
        if !(0.0..=1.0).contains(&value) {
            let hint = if value > 1.0 && value <= 100.0 {
                " (a percentage? give proportions as fractions: divide by 100)"
            } else {
                ""
            };
            return Err(Error::InvalidArgument(format!(
                "published proportion: {name} must be between 0 and 1, found {value}{hint}"
            )));
        }
    }
    if lower > upper {
        return Err(Error::InvalidArgument(format!(
            "published proportion: lower limit {lower} is above upper limit {upper}"
        )));
    }
    if !(lower <= estimate && estimate <= upper) {
        return Err(Error::InvalidArgument(format!(
            "published proportion: estimate {estimate} lies outside its interval ({lower}, {upper})"
        )));
    }
    Ok(Proportion {
        estimate,
        lower,
        upper,
        method: PUBLISHED,
        level: level.value(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative tolerance against the statsmodels fixtures. Wilson is closed-form (agreement to
    /// ~1e-15); Clopper-Pearson goes through statrs' iterative Beta inverse (AS 109 Newton
    /// steps), accurate to about 1e-10 relative, so 1e-9 leaves a margin.
    const REL_TOL: f64 = 1e-9;
    /// Absolute floor for limits at or next to 0 (statsmodels' Wilson lower limit at x = 0 can
    /// come out as ±1e-17 instead of 0).
    const ABS_TOL: f64 = 1e-15;
    /// Tolerance for the PHE numbers, published with 9 significant digits.
    const PHE_TOL: f64 = 5e-9;

    /// statsmodels 0.15.0 `proportion_confint` values, made by
    /// `tests/reference/proportions_reference.py`.
    const CASES: &str = include_str!("../../../../tests/reference/proportion_cases.csv");

    fn close(actual: f64, expected: f64, rel: f64) -> bool {
        (actual - expected).abs() <= rel * expected.abs().max(actual.abs()) + ABS_TOL
    }

    #[test]
    fn matches_statsmodels_fixture() {
        let mut lines = CASES.lines();
        assert_eq!(
            lines.next(),
            Some("count,n,level,method,lower,upper"),
            "fixture header"
        );
        let mut checked = 0;
        for (i, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 6, "line {}: {line}", i + 2);
            let num = |s: &str| s.parse::<f64>().expect("a number in the fixture");
            let (count, n) = (num(f[0]), num(f[1]));
            let level = Level::new(num(f[2])).expect("a level in the fixture");
            let method: ProportionMethod = f[3].parse().expect("a method in the fixture");
            let (lower, upper) = (num(f[4]), num(f[5]));
            let p = proportion_interval(count, n, level, method).expect("a valid case");
            assert!(
                close(p.lower, lower, REL_TOL) && close(p.upper, upper, REL_TOL),
                "line {}: {line}: got ({}, {})",
                i + 2,
                p.lower,
                p.upper
            );
            assert_eq!(p.method, method.code());
            assert_eq!(p.level, level.value());
            checked += 1;
        }
        assert!(checked >= 200, "only {checked} fixture cases");
    }

    #[test]
    fn phe_wilson_reference() {
        // METHODS.md, "Proportions": PHE test data (PHEindicatormethods, phe_proportion).
        let cases = [
            (65.0, 100.0, Level::P95, 0.552544433, 0.736357518),
            (65.0, 100.0, Level::P998, 0.495494657, 0.778354061),
            (1.0, 100.0, Level::P95, 0.00176743206, 0.0544861962),
            (999.0, 3456.0, Level::P95, 0.274189511, 0.304403897),
            (1045.0, 5000.0, Level::P95, 0.197955499, 0.220491304),
        ];
        for (x, n, level, lower, upper) in cases {
            let p = proportion_interval(x, n, level, ProportionMethod::Wilson).expect("valid");
            assert!(close(p.lower, lower, PHE_TOL), "{x}/{n}: {}", p.lower);
            assert!(close(p.upper, upper, PHE_TOL), "{x}/{n}: {}", p.upper);
            assert_eq!(p.estimate, x / n);
        }
    }

    #[test]
    fn edges_are_exact() {
        for method in [ProportionMethod::Wilson, ProportionMethod::ClopperPearson] {
            let none = proportion_interval(0.0, 50.0, Level::P95, method).expect("valid");
            assert_eq!((none.estimate, none.lower), (0.0, 0.0));
            assert!(none.upper > 0.0 && none.upper < 1.0);
            let all = proportion_interval(50.0, 50.0, Level::P95, method).expect("valid");
            assert_eq!((all.estimate, all.upper), (1.0, 1.0));
            assert!(all.lower > 0.0 && all.lower < 1.0);
        }
        // Clopper-Pearson at x = 0: U = 1 − (α/2)^(1/n); with n = 1, U = 1 − α/2.
        let p = proportion_interval(0.0, 1.0, Level::P95, ProportionMethod::ClopperPearson)
            .expect("valid");
        assert!(close(p.upper, 0.975, REL_TOL));
    }

    #[test]
    fn bad_inputs_are_errors() {
        let wilson = ProportionMethod::Wilson;
        assert!(proportion_interval(0.0, 0.0, Level::P95, wilson).is_err());
        assert!(proportion_interval(1.0, -5.0, Level::P95, wilson).is_err());
        assert!(proportion_interval(11.0, 10.0, Level::P95, wilson).is_err());
        assert!(proportion_interval(-1.0, 10.0, Level::P95, wilson).is_err());
        assert!(proportion_interval(f64::NAN, 10.0, Level::P95, wilson).is_err());
        assert!(proportion_interval(1.0, f64::INFINITY, Level::P95, wilson).is_err());
        let err = proportion_interval(11.0, 10.0, Level::P95, ProportionMethod::ClopperPearson)
            .expect_err("count > n");
        assert!(err.to_string().contains("cannot exceed"), "{err}");
        assert!("agresti-coull".parse::<ProportionMethod>().is_err());
        // Clopper-Pearson up to n = 10^12 (microseconds); beyond, a clear error, not minutes.
        let cp = ProportionMethod::ClopperPearson;
        assert!(proportion_interval(3e11, 1e12, Level::P95, cp).is_ok());
        let err = proportion_interval(3e14, 1e15, Level::P95, cp).expect_err("n too large");
        assert!(err.to_string().contains("10^12"), "{err}");
        assert!(proportion_interval(3e14, 1e15, Level::P95, ProportionMethod::Wilson).is_ok());
    }

    #[test]
    fn published_values_are_kept_and_checked() {
        let p = published(0.5, 0.4, 0.6, Level::P95).expect("valid");
        assert_eq!(
            p,
            Proportion {
                estimate: 0.5,
                lower: 0.4,
                upper: 0.6,
                method: "published",
                level: 0.95
            }
        );
        // Bounds may touch the estimate and the ends of 0..1.
        assert!(published(0.0, 0.0, 0.02, Level::P998).is_ok());
        assert!(published(1.0, 0.97, 1.0, Level::P95).is_ok());

        let percent = published(50.0, 40.0, 60.0, Level::P95).expect_err("percent");
        assert!(percent.to_string().contains("divide by 100"), "{percent}");
        let swapped = published(0.5, 0.6, 0.4, Level::P95).expect_err("lower > upper");
        assert!(swapped.to_string().contains("above upper"), "{swapped}");
        assert!(published(0.7, 0.4, 0.6, Level::P95).is_err()); // estimate outside
        assert!(published(0.5, -0.1, 0.6, Level::P95).is_err());
        assert!(published(0.5, 0.4, 1.2, Level::P95).is_err());
        assert!(published(f64::NAN, 0.4, 0.6, Level::P95).is_err());
    }

    #[test]
    fn method_codes_round_trip() {
        for method in [ProportionMethod::Wilson, ProportionMethod::ClopperPearson] {
            assert_eq!(method.code().parse::<ProportionMethod>().ok(), Some(method));
            assert_eq!(method.to_string(), method.code());
            let json = serde_json::to_string(&method).expect("serialises");
            assert_eq!(json, format!("\"{}\"", method.code()));
        }
    }

    #[test]
    fn serialises_with_method_code() {
        let p = proportion_interval(1.0, 4.0, Level::P95, ProportionMethod::Wilson).expect("ok");
        let json = serde_json::to_value(p).expect("serialises");
        assert_eq!(json["method"], "wilson");
        assert_eq!(json["level"], 0.95);
        assert_eq!(json["estimate"], 0.25);
    }
}
