//! Comparison with a benchmark, and change between two periods or two areas.
//!
//! - [`compare_to_benchmark`]: the Fingertips rule. The benchmark (county, country, a target)
//!   inside the area's interval, bounds included, is `similar`; otherwise the area is `higher`
//!   or `lower`, which the indicator's [`Polarity`] turns into `better` or `worse`, and
//!   `much better` / `much worse` when the benchmark lies outside the 99.8 % interval too.
//! - [`rate_ratio_exact`], [`two_proportion_z`], [`interval_overlap`]: has the value changed
//!   between two periods? Each returns a [`Change`] naming its [`ChangeTest`].

use crate::error::{Error, Result};
use crate::stats::{Level, Polarity, normal_two_sided_p};

/// Where an area's interval lies relative to a benchmark value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Comparison {
    /// The whole interval lies above the benchmark.
    #[serde(rename = "higher")]
    Higher,
    /// The benchmark lies within the interval (bounds included).
    #[serde(rename = "similar")]
    Similar,
    /// The whole interval lies below the benchmark.
    #[serde(rename = "lower")]
    Lower,
    /// The value, its interval or the benchmark is missing.
    #[serde(rename = "not compared")]
    NotCompared,
}

impl Comparison {
    /// The English code used in files: `higher`, `similar`, `lower`, `not compared`.
    pub fn code(self) -> &'static str {
        match self {
            Comparison::Higher => "higher",
            Comparison::Similar => "similar",
            Comparison::Lower => "lower",
            Comparison::NotCompared => "not compared",
        }
    }

    /// The Swedish label for people: `högre`, `likvärdig`, `lägre`, `ej jämförd`.
    pub fn label_sv(self) -> &'static str {
        match self {
            Comparison::Higher => "högre",
            Comparison::Similar => "likvärdig",
            Comparison::Lower => "lägre",
            Comparison::NotCompared => "ej jämförd",
        }
    }

    /// The Fingertips colour for indicators without a polarity (fingertipscharts
    /// `scale_fill_phe`): higher `#BED2FF`, similar `#FFC000`, lower `#5555E6`,
    /// not compared `#C9C9C9`.
    pub fn colour(self) -> &'static str {
        match self {
            Comparison::Higher => "#BED2FF",
            Comparison::Similar => "#FFC000",
            Comparison::Lower => "#5555E6",
            Comparison::NotCompared => "#C9C9C9",
        }
    }
}

impl std::fmt::Display for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A comparison judged by the indicator's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Assessment {
    /// Better than the benchmark at 99.8 % (outside the 99.8 % interval).
    #[serde(rename = "much better")]
    MuchBetter,
    /// Better than the benchmark at 95 %.
    #[serde(rename = "better")]
    Better,
    /// Not significantly different from the benchmark.
    #[serde(rename = "similar")]
    Similar,
    /// Worse than the benchmark at 95 %.
    #[serde(rename = "worse")]
    Worse,
    /// Worse than the benchmark at 99.8 % (outside the 99.8 % interval).
    #[serde(rename = "much worse")]
    MuchWorse,
    /// Neutral polarity, or the value, interval or benchmark is missing.
    #[serde(rename = "not compared")]
    NotCompared,
}

impl Assessment {
    /// Every assessment, best first (the order of a legend).
    pub const ALL: [Assessment; 6] = [
        Assessment::MuchBetter,
        Assessment::Better,
        Assessment::Similar,
        Assessment::Worse,
        Assessment::MuchWorse,
        Assessment::NotCompared,
    ];

    /// The English code used in files: `much better`, `better`, `similar`, `worse`,
    /// `much worse`, `not compared`.
    pub fn code(self) -> &'static str {
        match self {
            Assessment::MuchBetter => "much better",
            Assessment::Better => "better",
            Assessment::Similar => "similar",
            Assessment::Worse => "worse",
            Assessment::MuchWorse => "much worse",
            Assessment::NotCompared => "not compared",
        }
    }

    /// The Swedish label for people: `mycket bättre`, `bättre`, `likvärdig`, `sämre`,
    /// `mycket sämre`, `ej jämförd`.
    pub fn label_sv(self) -> &'static str {
        match self {
            Assessment::MuchBetter => "mycket bättre",
            Assessment::Better => "bättre",
            Assessment::Similar => "likvärdig",
            Assessment::Worse => "sämre",
            Assessment::MuchWorse => "mycket sämre",
            Assessment::NotCompared => "ej jämförd",
        }
    }

    /// The Fingertips colour (METHODS.md): better `#92D050`, similar `#FFC000`, worse
    /// `#C00000`, not compared `#C9C9C9`. METHODS.md gives none for the 99.8 % grades; they
    /// take darker shades of the same hues: much better `#00B050`, much worse `#7F0000`.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::compare::Assessment;
    /// assert_eq!(Assessment::Better.colour(), "#92D050");
    /// assert_eq!(Assessment::Worse.label_sv(), "sämre");
    /// ```
    pub fn colour(self) -> &'static str {
        match self {
            Assessment::MuchBetter => "#00B050",
            Assessment::Better => "#92D050",
            Assessment::Similar => "#FFC000",
            Assessment::Worse => "#C00000",
            Assessment::MuchWorse => "#7F0000",
            Assessment::NotCompared => "#C9C9C9",
        }
    }
}

impl std::fmt::Display for Assessment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Where the interval (`lower`, `upper`) lies relative to `benchmark`.
///
/// The benchmark on a bound counts as inside (`similar`). A NaN anywhere, or `lower > upper`
/// (not an interval), gives [`Comparison::NotCompared`].
///
/// # Examples
/// ```
/// use bra_indicators::stats::compare::{compare_interval, Comparison};
/// assert_eq!(compare_interval(10.0, 12.0, 9.5), Comparison::Higher);
/// assert_eq!(compare_interval(10.0, 12.0, 12.0), Comparison::Similar);
/// assert_eq!(compare_interval(10.0, 12.0, 12.5), Comparison::Lower);
/// assert_eq!(compare_interval(10.0, 12.0, f64::NAN), Comparison::NotCompared);
/// ```
pub fn compare_interval(lower: f64, upper: f64, benchmark: f64) -> Comparison {
    if lower.is_nan() || upper.is_nan() || benchmark.is_nan() || lower > upper {
        Comparison::NotCompared
    } else if benchmark < lower {
        Comparison::Higher
    } else if benchmark > upper {
        Comparison::Lower
    } else {
        Comparison::Similar
    }
}

/// Compares an area with a benchmark by the Fingertips rule (METHODS.md, "Comparison with a
/// benchmark").
///
/// - `interval95` decides `higher` / `similar` / `lower` ([`compare_interval`]; bounds
///   included mean similar).
/// - The polarity turns higher / lower into better / worse; if the benchmark is outside
///   `interval998` as well (on the same side), `much better` / `much worse`. Without a 99.8 %
///   interval (a published 95 % interval only) the grade is never `much ...`.
/// - Neutral polarity: the comparison is still made, the assessment is `not compared`.
/// - A missing 95 % interval or benchmark (or NaN in them) gives `not compared` for both.
///
/// # Examples
/// Reported crime (lower is better) with a 95 % interval above the country's rate, but a
/// 99.8 % interval that still contains it:
/// ```
/// use bra_indicators::Polarity;
/// use bra_indicators::stats::compare::{compare_to_benchmark, Assessment, Comparison};
/// let (comparison, assessment) = compare_to_benchmark(
///     Some((11_200.0, 12_400.0)),
///     Some((10_800.0, 12_800.0)),
///     Some(11_000.0),
///     Polarity::LowerIsBetter,
/// );
/// assert_eq!(comparison, Comparison::Higher);
/// assert_eq!(assessment, Assessment::Worse);
/// assert_eq!((comparison.code(), assessment.code()), ("higher", "worse"));
/// ```
pub fn compare_to_benchmark(
    interval95: Option<(f64, f64)>,
    interval998: Option<(f64, f64)>,
    benchmark: Option<f64>,
    polarity: Polarity,
) -> (Comparison, Assessment) {
    let (Some((lower, upper)), Some(benchmark)) = (interval95, benchmark) else {
        return (Comparison::NotCompared, Assessment::NotCompared);
    };
    let comparison = compare_interval(lower, upper, benchmark);
    let much = interval998.is_some_and(|(l, u)| compare_interval(l, u, benchmark) == comparison);
    let assessment = match (comparison, polarity) {
        (Comparison::NotCompared, _) | (_, Polarity::Neutral) => Assessment::NotCompared,
        (Comparison::Similar, _) => Assessment::Similar,
        (Comparison::Higher, Polarity::HigherIsBetter)
        | (Comparison::Lower, Polarity::LowerIsBetter) => {
            if much {
                Assessment::MuchBetter
            } else {
                Assessment::Better
            }
        }
        (Comparison::Higher, Polarity::LowerIsBetter)
        | (Comparison::Lower, Polarity::HigherIsBetter) => {
            if much {
                Assessment::MuchWorse
            } else {
                Assessment::Worse
            }
        }
    };
    (comparison, assessment)
}

/// Which test judged a change between two periods (or two areas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeTest {
    /// Counts with populations: exact conditional test of equal rates ([`rate_ratio_exact`]).
    RateRatioExact,
    /// Shares with n: pooled two-proportion z-test ([`two_proportion_z`]).
    TwoProportionZ,
    /// Published intervals only: do they overlap? ([`interval_overlap`]).
    IntervalOverlap,
}

impl ChangeTest {
    /// The code used in the `test` column: `rate-ratio-exact`, `two-proportion-z`,
    /// `interval-overlap`.
    pub fn code(self) -> &'static str {
        match self {
            ChangeTest::RateRatioExact => "rate-ratio-exact",
            ChangeTest::TwoProportionZ => "two-proportion-z",
            ChangeTest::IntervalOverlap => "interval-overlap",
        }
    }
}

impl std::fmt::Display for ChangeTest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The result of a change test between period 1 and period 2.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Change {
    /// The test used.
    pub test: ChangeTest,
    /// The rate ratio r₂/r₁ (`rate-ratio-exact`) or z (`two-proportion-z`); none for
    /// `interval-overlap` or when r₁ = 0.
    pub statistic: Option<f64>,
    /// The two-sided p-value; none for `interval-overlap`.
    pub p_value: Option<f64>,
    /// p < 1 − level; for `interval-overlap`, the intervals do not overlap.
    pub significant: bool,
}

/// Relative slack when comparing binomial probabilities with that of the observed count, as
/// SciPy's `binomtest` (so exact ties are not lost to rounding).
const TIE_SLACK: f64 = 1e-7;

/// Exact test that two rates are equal: counts `c1`, `c2` in populations `n1`, `n2`.
///
/// # Formula
/// Under equal rates, c₂ given c₁ + c₂ is Binomial(c₁ + c₂, n₂/(n₁ + n₂)) (the conditional
/// test of two Poisson rates; Przyborowski and Wileński 1940). The two-sided p-value is that of
/// SciPy's `binomtest`: the sum of the probabilities of all outcomes whose probability is at
/// most that of the observed c₂ (times 1 + 10⁻⁷), and 1 when c₂ equals its expectation. The
/// probabilities are built outward from the mode by the ratio of successive terms, so counts
/// of 10⁵ and more work; p-values below about 10⁻³⁰⁰ come out as 0.
/// The statistic is the rate ratio r₂/r₁ = (c₂/n₂)/(c₁/n₁) (none when c₁ = 0). With no
/// events at all (c₁ = c₂ = 0) nothing can have changed: p = 1.
///
/// # Errors
/// [`Error::InvalidArgument`] when a count is not a whole non-negative number, or a population
/// is not a positive finite number.
///
/// # Examples
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::compare::rate_ratio_exact;
/// // 10 and then 20 crimes in a population of 10,000: SciPy's binomtest(20, 30, 0.5).
/// let change = rate_ratio_exact(10.0, 10_000.0, 20.0, 10_000.0, Level::P95)?;
/// assert_eq!(change.statistic, Some(2.0));
/// assert!((change.p_value.unwrap() - 0.09873714670538905).abs() < 1e-12);
/// assert!(!change.significant);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn rate_ratio_exact(c1: f64, n1: f64, c2: f64, n2: f64, level: Level) -> Result<Change> {
    let k1 = whole_count(c1, "count 1")?;
    let k2 = whole_count(c2, "count 2")?;
    positive(n1, "population 1")?;
    positive(n2, "population 2")?;
    let statistic = (c1 > 0.0).then(|| (c2 / n2) / (c1 / n1));
    let p_value = binomial_two_sided(k2, k1 + k2, n2 / (n1 + n2), n2 / n1);
    Ok(Change {
        test: ChangeTest::RateRatioExact,
        statistic,
        p_value: Some(p_value),
        significant: p_value < level.alpha(),
    })
}

/// A count that must be a whole non-negative number (below 2⁵³).
fn whole_count(c: f64, what: &str) -> Result<u64> {
    if c.is_finite() && c >= 0.0 && c.fract() == 0.0 && c < 9_007_199_254_740_992.0 {
        Ok(c as u64)
    } else {
        Err(Error::InvalidArgument(format!(
            "{what}: expected a whole non-negative number of events, found {c}"
        )))
    }
}

/// A denominator that must be a positive finite number.
fn positive(n: f64, what: &str) -> Result<()> {
    if n.is_finite() && n > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "{what}: expected a positive number, found {n}"
        )))
    }
}

/// SciPy's two-sided `binomtest` p-value for k of n at success probability p (0 < p < 1),
/// with `odds` = p/(1 − p) given exactly by the caller.
fn binomial_two_sided(k: u64, n: u64, p: f64, odds: f64) -> f64 {
    if n == 0 || k as f64 == p * n as f64 {
        return 1.0;
    }
    // Terms relative to the mode m = ⌊(n + 1)p⌋: w(m) = 1,
    // w(j + 1)/w(j) = (n − j)/(j + 1) · p/(1 − p). Both tails stop where the terms underflow.
    let mode = (((n + 1) as f64 * p).floor() as u64).min(n);
    let walk = |visit: &mut dyn FnMut(u64, f64)| {
        visit(mode, 1.0);
        let mut w = 1.0;
        for j in mode..n {
            w *= (n - j) as f64 / (j + 1) as f64 * odds;
            if w == 0.0 {
                break;
            }
            visit(j + 1, w);
        }
        let mut w = 1.0;
        for j in (0..mode).rev() {
            w *= (j + 1) as f64 / (n - j) as f64 / odds;
            if w == 0.0 {
                break;
            }
            visit(j, w);
        }
    };
    let mut total = 0.0;
    let mut observed = 0.0;
    walk(&mut |j, w| {
        total += w;
        if j == k {
            observed = w;
        }
    });
    let threshold = observed * (1.0 + TIE_SLACK);
    let mut tails = 0.0;
    walk(&mut |_, w| {
        if w <= threshold {
            tails += w;
        }
    });
    (tails / total).min(1.0)
}

/// Pooled two-proportion z-test: `x1` of `n1` against `x2` of `n2`.
///
/// # Formula
/// p̄ = (x₁ + x₂)/(n₁ + n₂), z = (p₂ − p₁)/√(p̄(1 − p̄)(1/n₁ + 1/n₂)), two-sided
/// p = erfc(|z|/√2) = 2(1 − Φ(|z|)), as statsmodels' `proportions_ztest` (METHODS.md), but
/// with the tail from erfc, so it keeps its relative accuracy far out (z = 30: p = 9.8e-198).
/// When p̄ is 0 or 1 (no one, or everyone, in both periods) there is no variation to test:
/// z = 0/0 has no value, so the statistic and the p-value are left empty (statsmodels gives
/// NaN for both) and the change is not significant.
///
/// # Errors
/// [`Error::InvalidArgument`] when an n is not a positive finite number, or a count is not a
/// finite number in 0..=n.
///
/// # Examples
/// ```
/// use bra_indicators::Level;
/// use bra_indicators::stats::compare::two_proportion_z;
/// // 65 % of 100 and then 50 % of 100 (statsmodels: z = -2.1455956, p = 0.0319053).
/// let change = two_proportion_z(65.0, 100.0, 50.0, 100.0, Level::P95)?;
/// assert!((change.statistic.unwrap() + 2.1455956195564547).abs() < 1e-12);
/// assert!((change.p_value.unwrap() - 0.03190525523659653).abs() < 1e-10);
/// assert!(change.significant);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn two_proportion_z(x1: f64, n1: f64, x2: f64, n2: f64, level: Level) -> Result<Change> {
    share(x1, n1, "period 1")?;
    share(x2, n2, "period 2")?;
    let pooled = (x1 + x2) / (n1 + n2);
    if pooled <= 0.0 || pooled >= 1.0 {
        return Ok(Change {
            test: ChangeTest::TwoProportionZ,
            statistic: None,
            p_value: None,
            significant: false,
        });
    }
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let z = (x2 / n2 - x1 / n1) / se;
    let p_value = normal_two_sided_p(z);
    Ok(Change {
        test: ChangeTest::TwoProportionZ,
        statistic: Some(z),
        p_value: Some(p_value),
        significant: p_value < level.alpha(),
    })
}

/// A count x of n: n positive, x in 0..=n, both finite.
fn share(x: f64, n: f64, what: &str) -> Result<()> {
    positive(n, &format!("{what}: n"))?;
    if x.is_finite() && (0.0..=n).contains(&x) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "{what}: expected a count between 0 and n = {n}, found {x}"
        )))
    }
}

/// Change judged from two published intervals only: significant when they do not overlap
/// (touching intervals overlap). No statistic, no p-value. A conservative test: intervals
/// can overlap although the difference is significant.
///
/// # Errors
/// [`Error::InvalidArgument`] when a bound is not a finite number or a lower bound exceeds its
/// upper bound.
///
/// # Examples
/// ```
/// use bra_indicators::stats::compare::interval_overlap;
/// assert!(interval_overlap(16.2, 20.1, 20.5, 24.0)?.significant);
/// assert!(!interval_overlap(16.2, 20.1, 19.0, 23.0)?.significant);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn interval_overlap(l1: f64, u1: f64, l2: f64, u2: f64) -> Result<Change> {
    for (period, l, u) in [(1, l1, u1), (2, l2, u2)] {
        if !(l.is_finite() && u.is_finite()) {
            return Err(Error::InvalidArgument(format!(
                "interval {period}: bounds must be numbers, found ({l}, {u})"
            )));
        }
        if l > u {
            return Err(Error::InvalidArgument(format!(
                "interval {period}: lower bound {l} is above upper bound {u}"
            )));
        }
    }
    Ok(Change {
        test: ChangeTest::IntervalOverlap,
        statistic: None,
        p_value: None,
        significant: u1 < l2 || u2 < l1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative tolerance against the SciPy/statsmodels fixture. The exact p-values are sums of
    /// binomial terms built by exact ratios (error ~1e-12 relative); the z-test's normal tail
    /// is libm's `erfc` (about 4e-16 relative; statrs' `erfc`, used before, was only within
    /// about 1e-10), so 1e-9 leaves room for the fixture's own rounding.
    const REL_TOL: f64 = 1e-9;
    /// Absolute floor for p-values that underflow.
    const ABS_TOL: f64 = 1e-300;

    /// SciPy 1.17.1 `binomtest` and statsmodels 0.15.0 `proportions_ztest` values, made by
    /// `tests/reference/proportions_reference.py`.
    const CASES: &str = include_str!("../../../../tests/reference/change_cases.csv");

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= REL_TOL * expected.abs() + ABS_TOL
    }

    #[test]
    fn matches_scipy_and_statsmodels_fixture() {
        let mut lines = CASES.lines();
        assert_eq!(lines.next(), Some("test,x1,n1,x2,n2,statistic,p_value"));
        let (mut exact, mut z) = (0, 0);
        for (i, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 7, "line {}: {line}", i + 2);
            let num = |s: &str| s.parse::<f64>().expect("a number in the fixture");
            let (x1, n1, x2, n2) = (num(f[1]), num(f[2]), num(f[3]), num(f[4]));
            let statistic = (!f[5].is_empty()).then(|| num(f[5]));
            let p = num(f[6]);
            let change = match f[0] {
                "rate-ratio-exact" => {
                    exact += 1;
                    rate_ratio_exact(x1, n1, x2, n2, Level::P95)
                }
                "two-proportion-z" => {
                    z += 1;
                    two_proportion_z(x1, n1, x2, n2, Level::P95)
                }
                other => panic!("line {}: unknown test {other}", i + 2),
            }
            .expect("a valid case");
            assert_eq!(change.test.code(), f[0]);
            let got = change.p_value.expect("a p-value");
            assert!(close(got, p), "line {}: {line}: p = {got}", i + 2);
            match (change.statistic, statistic) {
                (Some(a), Some(b)) => assert!(close(a, b), "line {}: statistic {a}", i + 2),
                (None, None) => {}
                (a, b) => panic!("line {}: statistic {a:?}, expected {b:?}", i + 2),
            }
            assert_eq!(change.significant, got < 0.05, "line {}", i + 2);
        }
        assert!(exact >= 30 && z >= 20, "{exact} exact and {z} z cases");
    }

    #[test]
    fn significance_follows_the_level() {
        // p = 0.0082618 (SciPy binomtest(30, 42, 3100/6100)).
        let at = |level: f64| {
            rate_ratio_exact(
                12.0,
                3000.0,
                30.0,
                3100.0,
                Level::new(level).expect("level"),
            )
            .expect("valid")
            .significant
        };
        assert!(at(0.95) && at(0.99));
        assert!(!at(0.998));
    }

    #[test]
    fn rate_ratio_edges() {
        // No events at all: nothing to test.
        let none = rate_ratio_exact(0.0, 100.0, 0.0, 100.0, Level::P95).expect("valid");
        assert_eq!((none.statistic, none.p_value), (None, Some(1.0)));
        assert!(!none.significant);
        // Large counts (10^5) work and equal rates give p = 1.
        let big = rate_ratio_exact(100_000.0, 1e7, 100_000.0, 1e7, Level::P95).expect("valid");
        assert_eq!((big.statistic, big.p_value), (Some(1.0), Some(1.0)));
        assert!(rate_ratio_exact(1.5, 100.0, 2.0, 100.0, Level::P95).is_err());
        assert!(rate_ratio_exact(-1.0, 100.0, 2.0, 100.0, Level::P95).is_err());
        assert!(rate_ratio_exact(1.0, 0.0, 2.0, 100.0, Level::P95).is_err());
        assert!(rate_ratio_exact(1.0, 100.0, 2.0, f64::NAN, Level::P95).is_err());
    }

    #[test]
    fn two_proportion_edges() {
        // Pooled share 0 or 1: z = 0/0, so no statistic and no p (statsmodels: NaN, NaN).
        for (x1, x2) in [(0.0, 0.0), (40.0, 50.0)] {
            let c =
                two_proportion_z(x1, x1.max(40.0), x2, x2.max(50.0), Level::P95).expect("valid");
            assert_eq!((c.statistic, c.p_value, c.significant), (None, None, false));
        }
        // Just inside: one yes in 90 gives numbers again.
        let c = two_proportion_z(1.0, 40.0, 0.0, 50.0, Level::P95).expect("valid");
        assert!(c.statistic.is_some() && c.p_value.is_some());
        assert!(two_proportion_z(5.0, 0.0, 1.0, 10.0, Level::P95).is_err());
        assert!(two_proportion_z(11.0, 10.0, 1.0, 10.0, Level::P95).is_err());
        assert!(two_proportion_z(1.0, 10.0, -1.0, 10.0, Level::P95).is_err());
    }

    #[test]
    fn interval_overlap_cases() {
        let c = interval_overlap(1.0, 2.0, 2.0, 3.0).expect("valid");
        assert_eq!((c.statistic, c.p_value, c.significant), (None, None, false));
        assert!(
            interval_overlap(3.0, 4.0, 1.0, 2.0)
                .expect("valid")
                .significant
        );
        assert!(interval_overlap(2.0, 1.0, 2.0, 3.0).is_err());
        assert!(interval_overlap(1.0, 2.0, f64::NAN, 3.0).is_err());
    }

    /// The Fingertips rule, every polarity against every position of the benchmark.
    #[test]
    fn comparison_truth_table() {
        use Assessment as A;
        use Comparison as C;
        let i95 = Some((10.0, 20.0));
        let i998 = Some((8.0, 22.0));
        // (benchmark, 99.8 % interval given, comparison, lower-is-better, higher-is-better)
        let rows = [
            (15.0, true, C::Similar, A::Similar, A::Similar),
            (10.0, true, C::Similar, A::Similar, A::Similar), // on the 95 % lower bound
            (20.0, true, C::Similar, A::Similar, A::Similar), // on the 95 % upper bound
            (9.0, true, C::Higher, A::Worse, A::Better),      // outside 95 %, inside 99.8 %
            (8.0, true, C::Higher, A::Worse, A::Better),      // on the 99.8 % bound
            (7.0, true, C::Higher, A::MuchWorse, A::MuchBetter), // outside 99.8 %
            (21.0, true, C::Lower, A::Better, A::Worse),
            (22.0, true, C::Lower, A::Better, A::Worse),
            (23.0, true, C::Lower, A::MuchBetter, A::MuchWorse),
            // Only a (published) 95 % interval: never "much".
            (7.0, false, C::Higher, A::Worse, A::Better),
            (23.0, false, C::Lower, A::Better, A::Worse),
            (15.0, false, C::Similar, A::Similar, A::Similar),
        ];
        for (benchmark, with998, comparison, lower_better, higher_better) in rows {
            let i998 = if with998 { i998 } else { None };
            let b = Some(benchmark);
            let at = |polarity| compare_to_benchmark(i95, i998, b, polarity);
            assert_eq!(
                at(Polarity::LowerIsBetter),
                (comparison, lower_better),
                "{benchmark}"
            );
            assert_eq!(
                at(Polarity::HigherIsBetter),
                (comparison, higher_better),
                "{benchmark}"
            );
            assert_eq!(
                at(Polarity::Neutral),
                (comparison, A::NotCompared),
                "{benchmark}"
            );
        }
        // Missing pieces: not compared, whatever the polarity.
        let nothing = (C::NotCompared, A::NotCompared);
        for polarity in [
            Polarity::LowerIsBetter,
            Polarity::HigherIsBetter,
            Polarity::Neutral,
        ] {
            assert_eq!(compare_to_benchmark(i95, i998, None, polarity), nothing);
            assert_eq!(
                compare_to_benchmark(None, i998, Some(7.0), polarity),
                nothing
            );
            assert_eq!(compare_to_benchmark(None, None, None, polarity), nothing);
            assert_eq!(
                compare_to_benchmark(i95, i998, Some(f64::NAN), polarity),
                nothing
            );
            let nan95 = Some((f64::NAN, 20.0));
            assert_eq!(
                compare_to_benchmark(nan95, i998, Some(7.0), polarity),
                nothing
            );
        }
    }

    #[test]
    fn codes_labels_and_colours() {
        let comparisons = [
            (Comparison::Higher, "higher", "högre"),
            (Comparison::Similar, "similar", "likvärdig"),
            (Comparison::Lower, "lower", "lägre"),
            (Comparison::NotCompared, "not compared", "ej jämförd"),
        ];
        for (c, code, sv) in comparisons {
            assert_eq!(
                (c.code(), c.label_sv(), c.to_string()),
                (code, sv, code.into())
            );
            let json = serde_json::to_string(&c).expect("serialises");
            assert_eq!(json, format!("\"{code}\""));
        }
        let assessments = [
            (Assessment::MuchBetter, "much better", "mycket bättre"),
            (Assessment::Better, "better", "bättre"),
            (Assessment::Similar, "similar", "likvärdig"),
            (Assessment::Worse, "worse", "sämre"),
            (Assessment::MuchWorse, "much worse", "mycket sämre"),
            (Assessment::NotCompared, "not compared", "ej jämförd"),
        ];
        for (a, code, sv) in assessments {
            assert_eq!(
                (a.code(), a.label_sv(), a.to_string()),
                (code, sv, code.into())
            );
            let json = serde_json::to_string(&a).expect("serialises");
            assert_eq!(json, format!("\"{code}\""));
        }
        // METHODS.md colours.
        assert_eq!(Assessment::Better.colour(), "#92D050");
        assert_eq!(Assessment::Similar.colour(), "#FFC000");
        assert_eq!(Assessment::Worse.colour(), "#C00000");
        assert_eq!(Assessment::NotCompared.colour(), "#C9C9C9");
        for test in [
            ChangeTest::RateRatioExact,
            ChangeTest::TwoProportionZ,
            ChangeTest::IntervalOverlap,
        ] {
            let json = serde_json::to_string(&test).expect("serialises");
            assert_eq!(json, format!("\"{}\"", test.code()));
        }
    }

    #[derive(serde::Deserialize)]
    struct EdgeZ {
        id: String,
        x1: f64,
        n1: f64,
        x2: f64,
        n2: f64,
        z: f64,
        /// statsmodels' proportions_ztest (2·norm.sf).
        p: f64,
        /// mpmath's erfc of the exact z.
        p_mp: f64,
    }

    /// Issue 18: the two-proportion z-test far out in the tail (z up to 141, p down past
    /// 1e-300), against statsmodels and mpmath (tests/reference/trend_edge_reference.py), to
    /// 1e-9 relative, or 1e-12 absolute where the reference is below 1e-300.
    #[test]
    fn two_proportion_z_tail_matches_statsmodels_and_mpmath() {
        #[derive(serde::Deserialize)]
        struct Edge {
            z_test: Vec<EdgeZ>,
        }
        let fx: Edge = serde_json::from_str(include_str!(
            "../../../../tests/reference/trend_edge_cases.json"
        ))
        .expect("tests/reference/trend_edge_cases.json parses");
        let check = |id: &str, got: f64, want: f64| -> f64 {
            if want < 1e-300 {
                assert!(
                    (got - want).abs() <= 1e-12,
                    "{id}: p = {got:e}, want {want:e}"
                );
                return 0.0;
            }
            let rel = (got - want).abs() / want;
            assert!(rel <= 1e-9, "{id}: p = {got:e}, want {want:e} ({rel:e})");
            rel
        };
        let (mut worst, mut tiny) = (0.0_f64, 0);
        for c in &fx.z_test {
            let change = two_proportion_z(c.x1, c.n1, c.x2, c.n2, Level::P95).expect(&c.id);
            let z = change.statistic.expect("a statistic");
            assert!(
                (z - c.z).abs() <= 1e-9 * c.z.abs() + 1e-12,
                "{}: z = {z}",
                c.id
            );
            let p = change.p_value.expect("a p-value");
            worst = worst.max(check(&c.id, p, c.p));
            worst = worst.max(check(&c.id, p, c.p_mp));
            tiny += usize::from(c.p_mp < 1e-100);
        }
        assert!(fx.z_test.len() >= 40 && tiny >= 15, "{tiny} p below 1e-100");
        eprintln!("two-proportion z p: largest relative error {worst:e}");
    }
}
