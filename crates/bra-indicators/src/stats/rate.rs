//! Rates per 100,000 inhabitants and their confidence intervals.
//!
//! The count is treated as Poisson; limits are computed for the count and then divided by the
//! population and multiplied by `per` (100,000 by default). Methods as PHE's `phe_rate`:
//! `auto` (exact below 10, Byar's from 10), `exact` (Garwood), `byar`, `normal` (Wald).

use crate::error::{Error, Result};
use crate::stats::Level;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// How a count's interval is computed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RateMethod {
    /// Exact below 10 events, Byar's from 10 (the default, as PHE).
    #[default]
    Auto,
    /// Garwood's exact interval from chi-square quantiles.
    Exact,
    /// Byar's approximation to the exact interval.
    Byar,
    /// The normal (Wald) approximation x ± z√x. Only on request.
    Normal,
}

impl RateMethod {
    /// The code used in files and on the command line: `auto`, `exact`, `byar`, `normal`.
    pub fn code(self) -> &'static str {
        match self {
            RateMethod::Auto => "auto",
            RateMethod::Exact => "exact",
            RateMethod::Byar => "byar",
            RateMethod::Normal => "normal",
        }
    }

    /// The method actually used for `count` (resolves `Auto`).
    pub fn resolve(self, count: f64) -> RateMethod {
        match self {
            RateMethod::Auto if count < 10.0 => RateMethod::Exact,
            RateMethod::Auto => RateMethod::Byar,
            m => m,
        }
    }
}

impl fmt::Display for RateMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for RateMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "auto" => Ok(RateMethod::Auto),
            "exact" | "garwood" | "poisson" => Ok(RateMethod::Exact),
            "byar" | "byars" => Ok(RateMethod::Byar),
            "normal" | "wald" => Ok(RateMethod::Normal),
            _ => Err(Error::InvalidArgument(format!(
                "expected an interval method (auto, exact, byar or normal), found \"{s}\""
            ))),
        }
    }
}

/// Confidence limits for a count (events, not yet divided by the population).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CountInterval {
    /// Lower limit for the expected count (never below 0).
    pub lower: f64,
    /// Upper limit for the expected count.
    pub upper: f64,
    /// The method that made the limits (never `Auto`).
    pub method: RateMethod,
    /// The confidence level.
    pub level: f64,
}

/// Confidence limits for a Poisson count.
///
/// # Formula
/// - exact (Garwood 1936): L = χ²(α/2; 2x)/2, U = χ²(1 − α/2; 2x + 2)/2; L = 0 at x = 0;
/// - Byar (Breslow & Day 1987): L = x(1 − 1/(9x) − z/(3√x))³,
///   U = (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³;
/// - normal (Wald): x ± z√x.
///
/// A lower limit below 0 is set to 0. At x = 0 every method gives L = 0 and the exact upper
/// limit (Byar's and Wald's are undefined or degenerate there), so `method` is then `exact`.
///
/// # Errors
/// [`Error::InvalidArgument`] when `count` is negative or not finite.
///
/// # Examples
/// PHE's test data: 65 events, 95 % Garwood limits 50.16563 and 82.84784.
/// ```
/// use bra_indicators::{count_interval, Level, RateMethod};
/// let ci = count_interval(65.0, Level::P95, RateMethod::Exact)?;
/// assert!((ci.lower - 50.16563).abs() < 1e-5 && (ci.upper - 82.84784).abs() < 1e-5);
/// let zero = count_interval(0.0, Level::P95, RateMethod::Byar)?;
/// assert_eq!(zero.lower, 0.0);
/// assert!((zero.upper - 3.688879).abs() < 1e-6);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn count_interval(count: f64, level: Level, method: RateMethod) -> Result<CountInterval> {
    if !count.is_finite() || count < 0.0 {
        return Err(Error::InvalidArgument(format!(
            "expected a non-negative count, found {count}"
        )));
    }
    let method = if count == 0.0 {
        RateMethod::Exact
    } else {
        method.resolve(count)
    };
    let (lower, upper) = match method {
        RateMethod::Exact => exact_limits(count, level)?,
        RateMethod::Byar => byar_limits(count, level.z()),
        RateMethod::Normal | RateMethod::Auto => {
            let half = level.z() * count.sqrt();
            (count - half, count + half)
        }
    };
    Ok(CountInterval {
        lower: lower.max(0.0),
        upper,
        method,
        level: level.value(),
    })
}

/// Byar's limits: the Wilson–Hilferty cube-root form of Garwood's chi-square quantiles.
fn byar_limits(count: f64, z: f64) -> (f64, f64) {
    let x = count;
    let x1 = count + 1.0;
    (
        x * (1.0 - 1.0 / (9.0 * x) - z / (3.0 * x.sqrt())).powi(3),
        x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3),
    )
}

/// From this count on, Garwood's limits are computed by Byar's (Wilson–Hilferty) form: it
/// agrees with scipy's `chi2.ppf` to 2e-13 relative at 10^8 and 99.8 % (closer above;
/// `tests/reference/rate_cases.csv`), while statrs' iterative quantile slows with the degrees
/// of freedom (18 s at 10^15, minutes at 10^20) and loses accuracy (at 10^15 its upper limit
/// fell below the count). Below it the iterative quantile is kept: Byar's form is off by
/// 1e-10 at 1.5 million (riket's yearly total) and by 6e-9 at 10^5.
const LARGE_COUNT: f64 = 1e8;

/// Garwood's limits for `count`. The chi-square quantiles are iterative (microseconds each)
/// and small counts repeat a lot in a national table, so those of whole counts below
/// [`CACHED_COUNTS`] at 95 % and 99.8 % are computed once per process and then looked up;
/// counts from [`LARGE_COUNT`] on take Byar's form, which is exact to 2e-13 there.
fn exact_limits(count: f64, level: Level) -> Result<(f64, f64)> {
    if count >= LARGE_COUNT {
        return Ok(byar_limits(count, level.z()));
    }
    static P95: [OnceLock<(f64, f64)>; CACHED_COUNTS] = [const { OnceLock::new() }; CACHED_COUNTS];
    static P998: [OnceLock<(f64, f64)>; CACHED_COUNTS] = [const { OnceLock::new() }; CACHED_COUNTS];
    let compute = || -> Result<(f64, f64)> {
        let alpha = level.alpha();
        Ok((
            if count == 0.0 {
                0.0
            } else {
                chi2_quantile(alpha / 2.0, 2.0 * count)? / 2.0
            },
            chi2_quantile(1.0 - alpha / 2.0, 2.0 * count + 2.0)? / 2.0,
        ))
    };
    let table = if level == Level::P95 {
        &P95
    } else if level == Level::P998 {
        &P998
    } else {
        return compute();
    };
    if count.fract() != 0.0 || count >= CACHED_COUNTS as f64 {
        return compute();
    }
    let cell = &table[count as usize];
    if let Some(limits) = cell.get() {
        return Ok(*limits);
    }
    let limits = compute()?;
    Ok(*cell.get_or_init(|| limits))
}

/// Whole counts below this have their exact limits cached (see [`exact_limits`]).
const CACHED_COUNTS: usize = 1024;

/// The p-quantile of the chi-square distribution with `df` > 0 degrees of freedom.
fn chi2_quantile(p: f64, df: f64) -> Result<f64> {
    let dist = ChiSquared::new(df).map_err(|e| {
        Error::InvalidArgument(format!("chi-square with {df} degrees of freedom: {e}"))
    })?;
    Ok(dist.inverse_cdf(p))
}

/// A rate with its confidence interval, all per `per` inhabitants.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RateEstimate {
    /// count / population × per.
    pub rate: f64,
    /// Lower confidence limit of the rate.
    pub lower: f64,
    /// Upper confidence limit of the rate.
    pub upper: f64,
    /// The method that made the interval (never `Auto`).
    pub method: RateMethod,
    /// The confidence level.
    pub level: f64,
}

/// A rate per `per` inhabitants with its confidence interval.
///
/// # Errors
/// [`Error::InvalidArgument`] when the count is negative, the population is not positive or
/// `per` is not positive.
///
/// # Examples
/// Fagersta 2020: 1,577 reported crimes, 13,391 inhabitants → 11,777 per 100,000.
/// ```
/// use bra_indicators::{rate, Level, RateMethod};
/// let r = rate(1577.0, 13391.0, 100_000.0, Level::P95, RateMethod::Auto)?;
/// assert_eq!(r.rate.round(), 11777.0);
/// assert_eq!(r.method, RateMethod::Byar);
/// assert!(r.lower < r.rate && r.rate < r.upper);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn rate(
    count: f64,
    population: f64,
    per: f64,
    level: Level,
    method: RateMethod,
) -> Result<RateEstimate> {
    if !population.is_finite() || population <= 0.0 {
        return Err(Error::InvalidArgument(format!(
            "expected a positive population, found {population}"
        )));
    }
    if !per.is_finite() || per <= 0.0 {
        return Err(Error::InvalidArgument(format!(
            "expected a positive multiplier (per), found {per}"
        )));
    }
    let ci = count_interval(count, level, method)?;
    let scale = per / population;
    Ok(RateEstimate {
        rate: count * scale,
        lower: ci.lower * scale,
        upper: ci.upper * scale,
        method: ci.method,
        level: ci.level,
    })
}

/// The rate with its interval at two levels at once (95 % and 99.8 % as a rule), as needed
/// to tell `better` from `much better`.
///
/// ```
/// use bra_indicators::{rate_two_levels, Level, RateMethod};
/// let (r95, r998) = rate_two_levels(20.0, 100.0, 100_000.0, Level::P95, Level::P998, RateMethod::Auto)?;
/// assert!((r95.lower - 12211.4288).abs() < 1e-3);
/// assert!((r998.upper - 38085.0356).abs() < 1e-3);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
///
/// # Errors
/// As [`rate`].
pub fn rate_two_levels(
    count: f64,
    population: f64,
    per: f64,
    first: Level,
    second: Level,
    method: RateMethod,
) -> Result<(RateEstimate, RateEstimate)> {
    Ok((
        rate(count, population, per, first, method)?,
        rate(count, population, per, second, method)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// statrs' chi-square inverse is iterative with a tolerance near 1e-10 (measured against
    /// scipy in ../shared/DEPENDENCIES.md §4), so golden values compare with this relative error.
    const REL: f64 = 1e-9;
    /// The PHE table in METHODS.md is printed with 9 significant digits.
    const PHE_REL: f64 = 5e-9;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300) || (a - b).abs() < 1e-12
    }

    /// PHE test data (METHODS.md, "Rates per 100,000"): count, population, rate, 95 % and
    /// 99.8 % limits per 100,000, method chosen by `auto`.
    /// count, population, rate, L95, U95, L99.8, U99.8, method chosen by `auto`.
    type PheRow = (f64, f64, f64, f64, f64, f64, f64, RateMethod);

    #[test]
    fn phe_reference_values() {
        let table: [PheRow; 7] = [
            (
                1.0,
                100.0,
                1000.0,
                25.3178080,
                5571.64339,
                1.00050033,
                9233.41348,
                RateMethod::Exact,
            ),
            (
                5.0,
                100.0,
                5000.0,
                1623.48639,
                11668.3321,
                739.371732,
                16454.7452,
                RateMethod::Exact,
            ),
            (
                20.0,
                100.0,
                20000.0,
                12211.4288,
                30889.8804,
                8922.80237,
                38085.0356,
                RateMethod::Byar,
            ),
            (
                65.0,
                100.0,
                65000.0,
                50163.1877,
                82849.1385,
                42880.2615,
                94000.2908,
                RateMethod::Byar,
            ),
            (
                9856.0,
                12345.0,
                79837.9911,
                78269.4906,
                81430.0165,
                77375.9054,
                82354.4728,
                RateMethod::Byar,
            ),
            (
                222.0,
                3215.0,
                6905.13219,
                6026.57488,
                7875.72937,
                5560.73770,
                8461.04668,
                RateMethod::Byar,
            ),
            (
                250.0,
                220.0,
                113636.364,
                99984.9474,
                128631.145,
                92710.0055,
                137651.238,
                RateMethod::Byar,
            ),
        ];
        for (x, n, r, l95, u95, l998, u998, m) in table {
            let (a, b) =
                rate_two_levels(x, n, 1e5, Level::P95, Level::P998, RateMethod::Auto).unwrap();
            assert_eq!(a.method, m, "x = {x}");
            assert!(close(a.rate, r, PHE_REL), "rate x={x}: {} vs {r}", a.rate);
            assert!(
                close(a.lower, l95, PHE_REL),
                "L95 x={x}: {} vs {l95}",
                a.lower
            );
            assert!(
                close(a.upper, u95, PHE_REL),
                "U95 x={x}: {} vs {u95}",
                a.upper
            );
            assert!(
                close(b.lower, l998, PHE_REL),
                "L99.8 x={x}: {} vs {l998}",
                b.lower
            );
            assert!(
                close(b.upper, u998, PHE_REL),
                "U99.8 x={x}: {} vs {u998}",
                b.upper
            );
        }
    }

    #[test]
    fn garwood_limits_for_65() {
        let ci = count_interval(65.0, Level::P95, RateMethod::Exact).unwrap();
        assert!(close(ci.lower, 50.16562772923427, REL));
        assert!(close(ci.upper, 82.84783581587158, REL));
    }

    #[test]
    fn zero_count_gives_exact_upper_for_every_method() {
        for m in [
            RateMethod::Auto,
            RateMethod::Exact,
            RateMethod::Byar,
            RateMethod::Normal,
        ] {
            let ci = count_interval(0.0, Level::P95, m).unwrap();
            assert_eq!(ci.lower, 0.0);
            assert!(close(ci.upper, 3.688879454113935, REL), "{m}: {}", ci.upper);
            assert_eq!(ci.method, RateMethod::Exact);
        }
    }

    #[test]
    fn lower_limit_never_negative() {
        let b = count_interval(1.0, Level::P998, RateMethod::Byar).unwrap();
        assert_eq!(b.lower, 0.0);
        let w = count_interval(2.0, Level::P95, RateMethod::Normal).unwrap();
        assert_eq!(w.lower, 0.0);
    }

    #[test]
    fn rejects_bad_arguments() {
        assert!(count_interval(-1.0, Level::P95, RateMethod::Auto).is_err());
        assert!(count_interval(f64::NAN, Level::P95, RateMethod::Auto).is_err());
        assert!(rate(5.0, 0.0, 1e5, Level::P95, RateMethod::Auto).is_err());
        assert!(rate(5.0, -3.0, 1e5, Level::P95, RateMethod::Auto).is_err());
        assert!(rate(5.0, 100.0, 0.0, Level::P95, RateMethod::Auto).is_err());
    }

    /// ≥ 200 cases generated with scipy by tests/reference/rates_reference.py.
    #[test]
    fn scipy_reference_cases() {
        let text = include_str!("../../../../tests/reference/rate_cases.csv");
        let mut n = 0;
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            let num = |k: usize| f[k].parse::<f64>().unwrap();
            let (count, pop, per, level) = (num(0), num(1), num(2), num(3));
            let method: RateMethod = f[4].parse().unwrap();
            let r = rate(count, pop, per, Level::new(level).unwrap(), method).unwrap();
            let line_no = i + 1;
            assert!(
                close(r.rate, num(5), REL),
                "line {line_no}: rate {} vs {}",
                r.rate,
                num(5)
            );
            assert!(
                close(r.lower, num(6), REL),
                "line {line_no}: lower {} vs {}",
                r.lower,
                num(6)
            );
            assert!(
                close(r.upper, num(7), REL),
                "line {line_no}: upper {} vs {}",
                r.upper,
                num(7)
            );
            n += 1;
        }
        assert!(n >= 200, "only {n} reference cases");
    }
}
