//! Trends over time: Mann-Kendall, Sen's slope, OLS, annual percent change (APC), the
//! Fingertips recent trend and moving averages.
//!
//! Pure functions on plain numbers. Time is in years (a quarter is 0.25, a month 1/12) and is
//! measured from the first point, t = times − times\[0\], so slopes are per year and every
//! intercept is the fitted value at the first period (t = 0). Times must be strictly increasing;
//! gaps are allowed. The conventions and the reference numbers the tests check are those of
//! METHODS.md, section "Trends".
//!
//! Bad arguments (mismatched lengths, NaN or infinite values, times that do not increase, too
//! few points) give [`Error::InvalidArgument`]; no function here panics.

use crate::error::{Error, Result};
use crate::stats::{Level, Polarity};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Largest series length for which [`mann_kendall`] computes the exact permutation p-value.
pub const EXACT_MAX_N: usize = 10;

/// χ² threshold of the recent trend: the 99.8 % point of χ² with 1 degree of freedom
/// (3.0902²), as Fingertips and METHODS.md print it.
pub const RECENT_CHI2_THRESHOLD: f64 = 9.5495;

/// Number of points the recent trend uses: the latest five consecutive years.
pub const RECENT_POINTS: usize = 5;

/// Relative convergence tolerance of the IRLS fit in [`annual_percent_change`].
const IRLS_TOL: f64 = 1e-12;

/// Iteration limit of the IRLS fit in [`annual_percent_change`].
const IRLS_MAX_ITER: usize = 100;

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidArgument(message.into())
}

fn check_finite(name: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(invalid(format!(
            "{name}[{i}] is {}; expected a finite number",
            values[i]
        ))),
        None => Ok(()),
    }
}

fn check_min_len(method: &str, n: usize, min: usize) -> Result<()> {
    if n < min {
        Err(invalid(format!(
            "{method} needs at least {min} points, got {n}"
        )))
    } else {
        Ok(())
    }
}

fn check_same_len(a: (&str, usize), b: (&str, usize)) -> Result<()> {
    if a.1 != b.1 {
        Err(invalid(format!(
            "{} and {} must have the same length, got {} and {}",
            a.0, b.0, a.1, b.1
        )))
    } else {
        Ok(())
    }
}

/// Finite and strictly increasing times.
fn check_times(times: &[f64]) -> Result<()> {
    check_finite("times", times)?;
    for (i, w) in times.windows(2).enumerate() {
        if w[1] <= w[0] {
            return Err(invalid(format!(
                "times must be strictly increasing, but times[{}] = {} follows times[{i}] = {}",
                i + 1,
                w[1],
                w[0]
            )));
        }
    }
    Ok(())
}

/// The common checks of the time-based methods.
fn check_series(method: &str, times: &[f64], values: &[f64], min: usize) -> Result<()> {
    check_same_len(("times", times.len()), ("values", values.len()))?;
    check_min_len(method, values.len(), min)?;
    check_finite("values", values)?;
    check_times(times)
}

/// Median of a sorted, non-empty slice (the mean of the two middle values for an even length).
fn median_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    median_sorted(&v)
}

/// Mann-Kendall S = Σ_{i<j} sgn(x_j − x_i).
fn mk_score(values: &[f64]) -> i64 {
    let mut s = 0;
    for (i, &xi) in values.iter().enumerate() {
        for &xj in &values[i + 1..] {
            if xj > xi {
                s += 1;
            } else if xj < xi {
                s -= 1;
            }
        }
    }
    s
}

/// Sizes of the groups of equal values that have more than one member.
fn tie_sizes(values: &[f64]) -> Vec<usize> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mut sizes = Vec::new();
    let mut run = 1;
    for w in v.windows(2) {
        if w[1] == w[0] {
            run += 1;
        } else {
            if run > 1 {
                sizes.push(run);
            }
            run = 1;
        }
    }
    if run > 1 {
        sizes.push(run);
    }
    sizes
}

/// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over the tie groups t.
fn mk_variance(n: usize, ties: &[usize]) -> f64 {
    let term = |k: usize| {
        let k = k as f64;
        k * (k - 1.0) * (2.0 * k + 5.0)
    };
    (term(n) - ties.iter().map(|&t| term(t)).sum::<f64>()) / 18.0
}

/// Exact two-sided p = P(|S'| ≥ |S|) under H0 (all n! orders equally likely, no ties).
///
/// S = n(n−1)/2 − 2·(number of inversions); the number of permutations of n items with k
/// inversions (Mahonian numbers) follows from I(m, k) = Σ_{j=0}^{m−1} I(m−1, k−j).
fn mk_exact_p(n: usize, s: i64) -> f64 {
    let max_inv = n * n.saturating_sub(1) / 2;
    let mut counts = vec![0u64; max_inv + 1];
    counts[0] = 1;
    let mut reach = 0; // largest inversion count with a non-zero entry so far
    for m in 2..=n {
        let mut next = vec![0u64; max_inv + 1];
        for (k, &c) in counts.iter().enumerate().take(reach + 1) {
            for slot in next.iter_mut().skip(k).take(m) {
                *slot += c;
            }
        }
        reach += m - 1;
        counts = next;
    }
    let total: u64 = counts.iter().sum();
    let extreme: u64 = counts
        .iter()
        .enumerate()
        .filter(|&(k, _)| (max_inv as i64 - 2 * k as i64).abs() >= s.abs())
        .map(|(_, &c)| c)
        .sum();
    extreme as f64 / total as f64
}

/// Which computation gave the Mann-Kendall p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PMethod {
    /// The exact permutation distribution of S (n ≤ [`EXACT_MAX_N`], no ties).
    Exact,
    /// The normal approximation with continuity correction.
    Normal,
}

impl PMethod {
    /// The code used in output files: `exact` or `normal`.
    pub fn code(self) -> &'static str {
        match self {
            PMethod::Exact => "exact",
            PMethod::Normal => "normal",
        }
    }
}

/// The Mann-Kendall trend test of a series in time order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MannKendall {
    /// Number of points.
    pub n: usize,
    /// S = Σ_{i<j} sgn(x_j − x_i).
    pub s: i64,
    /// Var(S) under H0, corrected for ties.
    pub var_s: f64,
    /// z = (S − sgn(S))/√Var(S) (continuity-corrected); 0 when S = 0.
    pub z: f64,
    /// Two-sided normal p-value erfc(|z|/√2) (= 2(1 − Φ(|z|)), computed without cancelling).
    pub p_normal: f64,
    /// Exact two-sided p-value P(|S'| ≥ |S|) for n ≤ [`EXACT_MAX_N`] without ties, else `None`.
    pub p_exact: Option<f64>,
    /// The p-value to use: `p_exact` where computed, else `p_normal`.
    pub p: f64,
    /// Which of the two `p` is.
    pub p_method: PMethod,
    /// Kendall's tau-a = S/(n(n−1)/2).
    pub tau_a: f64,
    /// Kendall's tau-b of the values against time (as `scipy.stats.kendalltau`); `None` for a
    /// constant series, where it is 0/0 (scipy gives NaN).
    pub tau_b: Option<f64>,
}

/// The Mann-Kendall test for a monotonic trend.
///
/// `values` are in time order (the spacing of the times does not matter). A constant series
/// has S = 0 and Var(S) = 0; it gets z = 0 and p = 1, as pymannkendall gives, and that p is
/// exact: given the ties, every order of the values has S = 0, so P(|S'| ≥ |S|) = 1. Its
/// tau-a is 0 and its tau-b (0/0; NaN in scipy) is `None`. No NaN either way.
///
/// # Formula
/// S = Σ_{i<j} sgn(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18 over the tie
/// groups; z = (S − sgn(S))/√Var(S); p = erfc(|z|/√2) (Mann 1945, Kendall 1975; Gilbert
/// 1987), accurate down to 1e-300 (see [`crate::stats::normal_two_sided_p`]). For n ≤ 10 without ties, also the exact p from the permutation distribution of S.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are fewer than 3 values or a value is NaN or infinite.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::{mann_kendall, PMethod};
/// // METHODS.md: S = 10, Var = 16.6667, z = 2.204541, p = 0.02748634, exact p = 0.0166667.
/// let mk = mann_kendall(&[1.0, 2.0, 3.0, 4.0, 5.0])?;
/// assert_eq!(mk.s, 10);
/// assert!((mk.var_s - 16.6667).abs() < 1e-4);
/// assert!((mk.z - 2.204541).abs() < 1e-6);
/// assert!((mk.p_normal - 0.02748634).abs() < 1e-8);
/// assert!((mk.p - 0.0166667).abs() < 1e-7);
/// assert_eq!(mk.p_method, PMethod::Exact);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn mann_kendall(values: &[f64]) -> Result<MannKendall> {
    check_min_len("Mann-Kendall", values.len(), 3)?;
    check_finite("values", values)?;
    let n = values.len();
    let s = mk_score(values);
    let ties = tie_sizes(values);
    let var_s = mk_variance(n, &ties);
    let z = if s == 0 || var_s <= 0.0 {
        0.0
    } else {
        (s - s.signum()) as f64 / var_s.sqrt()
    };
    let p_normal = crate::stats::normal_two_sided_p(z);
    let p_exact = (n <= EXACT_MAX_N && ties.is_empty()).then(|| mk_exact_p(n, s));
    let (p, p_method) = match p_exact {
        Some(p) => (p, PMethod::Exact),
        None => (p_normal, PMethod::Normal),
    };
    let pairs = (n * (n - 1) / 2) as f64;
    let tied_pairs: f64 = ties.iter().map(|&t| (t * (t - 1) / 2) as f64).sum();
    let tau_b = (tied_pairs < pairs).then(|| s as f64 / (pairs * (pairs - tied_pairs)).sqrt());
    Ok(MannKendall {
        n,
        s,
        var_s,
        z,
        p_normal,
        p_exact,
        p,
        p_method,
        tau_a: s as f64 / pairs,
        tau_b,
    })
}

/// Sen's slope (Theil-Sen) with its rank-based confidence interval.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SenSlope {
    /// Median of the pairwise slopes, per year.
    pub slope: f64,
    /// median(x) − slope·median(t), t = times − times\[0\]: the line's value at the first period.
    pub intercept: f64,
    /// Lower confidence bound; `None` when its rank falls below 1 (see `warning`).
    pub lower: Option<f64>,
    /// Upper confidence bound; `None` when its rank falls above N (see `warning`).
    pub upper: Option<f64>,
    /// N, the number of pairwise slopes, n(n−1)/2.
    pub n_slopes: usize,
    /// Why a bound is missing, if one is.
    pub warning: Option<String>,
}

/// Sen's slope of `values` observed at `times` (years), using the real time spacing.
///
/// # Formula
/// slope = median of (x_j − x_i)/(t_j − t_i) over all i < j (Sen 1968); intercept =
/// median(x) − slope·median(t). Interval from the 1-based ranks of the N sorted slopes (Gilbert
/// 1987): C = z·√Var(S) with the tie-corrected Var(S) of [`mann_kendall`], lower = slope
/// of rank round((N − C)/2), upper = rank round((N + C)/2 + 1), rounding half to even. A rank
/// below 1 or above N (a short series) leaves that bound `None` and says so in `warning`.
///
/// # Errors
/// [`Error::InvalidArgument`] when the lengths differ, there are fewer than 2 points, a number
/// is NaN or infinite, or the times do not strictly increase.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::sen_slope;
/// use bra_indicators::Level;
/// // METHODS.md: Sen slope −19.566667, 95 % CI (−23.05, −14.671429).
/// let x = [1520.3, 1498.1, 1533.7, 1470.2, 1452.9, 1460.0, 1401.5, 1388.2, 1395.4, 1342.8];
/// let t: Vec<f64> = (1..=10).map(f64::from).collect();
/// let sen = sen_slope(&t, &x, Level::P95)?;
/// assert!((sen.slope - -19.566667).abs() < 1e-6);
/// assert!((sen.lower.unwrap_or(f64::NAN) - -23.05).abs() < 1e-9);
/// assert!((sen.upper.unwrap_or(f64::NAN) - -14.671429).abs() < 1e-6);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn sen_slope(times: &[f64], values: &[f64], level: Level) -> Result<SenSlope> {
    check_series("Sen's slope", times, values, 2)?;
    let n = values.len();
    let mut slopes = Vec::with_capacity(n * (n - 1) / 2);
    for (i, (&ti, &xi)) in times.iter().zip(values).enumerate() {
        for (&tj, &xj) in times[i + 1..].iter().zip(&values[i + 1..]) {
            slopes.push((xj - xi) / (tj - ti));
        }
    }
    if slopes.iter().any(|s| !s.is_finite()) {
        return Err(invalid(
            "Sen's slope: a pairwise slope is not a finite number (values too large)",
        ));
    }
    slopes.sort_by(f64::total_cmp);
    let slope = median_sorted(&slopes);
    let t: Vec<f64> = times.iter().map(|&x| x - times[0]).collect();
    let intercept = median(values) - slope * median(&t);
    if !intercept.is_finite() {
        return Err(invalid(
            "Sen's slope: the intercept is not a finite number (values too large)",
        ));
    }

    let big_n = slopes.len();
    let c = level.z() * mk_variance(n, &tie_sizes(values)).sqrt();
    let lower_rank = ((big_n as f64 - c) / 2.0).round_ties_even();
    let upper_rank = ((big_n as f64 + c) / 2.0 + 1.0).round_ties_even();
    let at_rank = |rank: f64| {
        if rank >= 1.0 && rank <= big_n as f64 {
            slopes.get(rank as usize - 1).copied()
        } else {
            None
        }
    };
    let (lower, upper) = (at_rank(lower_rank), at_rank(upper_rank));
    let mut problems = Vec::new();
    if lower.is_none() {
        problems.push(format!("lower bound rank {lower_rank} is below 1"));
    }
    if upper.is_none() {
        problems.push(format!(
            "upper bound rank {upper_rank} is above N = {big_n}"
        ));
    }
    let warning = (!problems.is_empty()).then(|| {
        format!(
            "Sen's slope: too few points ({n}) for a {} interval: {}",
            level.value(),
            problems.join("; ")
        )
    });
    Ok(SenSlope {
        slope,
        intercept,
        lower,
        upper,
        n_slopes: big_n,
        warning,
    })
}

/// Ordinary least-squares line with a Student-t interval and p-value for the slope.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Ols {
    /// Slope, per year.
    pub slope: f64,
    /// The line's value at the first period (t = 0).
    pub intercept: f64,
    /// Standard error of the slope; `None` when there is no residual variance to estimate it
    /// from (see `reason`).
    pub se: Option<f64>,
    /// Lower bound of the slope's interval; `None` with `se`.
    pub slope_lower: Option<f64>,
    /// Upper bound of the slope's interval; `None` with `se`.
    pub slope_upper: Option<f64>,
    /// Two-sided p-value of H0: slope = 0 (Student t with n − 2 degrees of freedom); `None`
    /// with `se`.
    pub p: Option<f64>,
    /// Why the standard error, the interval and the p-value are empty, if they are.
    pub reason: Option<String>,
}

/// The quantile of Student's t with `df` degrees of freedom at upper-tail probability `tail`
/// (statrs; within 2e-14 relative of scipy's `t.ppf` in the tests).
fn student_t_upper_quantile(df: f64, tail: f64) -> Result<f64> {
    let dist = StudentsT::new(0.0, 1.0, df)
        .map_err(|e| invalid(format!("Student t with {df} degrees of freedom: {e}")))?;
    // `tail` = α/2 lies in (0, 0.5) for a valid Level, so the argument is inside (0, 1).
    Ok(dist.inverse_cdf(1.0 - tail))
}

/// Residuals of a straight line stored in doubles are rounding noise of a few units in the
/// last place of the values (and of the slope times the times); a root-mean-square residual
/// within this many ε of that scale is "no residual variance". Real data (even values rounded
/// to 15 significant digits) lie many orders of magnitude above it.
const PERFECT_FIT_ULPS: f64 = 64.0;

/// OLS fit of `values` on time t = times − times\[0\] (years).
///
/// Without residual variance there is no standard error (METHODS.md, "Degenerate trends"):
/// with 2 points (no degrees of freedom left), a constant series, or points on a straight line
/// (a perfect fit, up to rounding: a root-mean-square residual within 64 ε of
/// max|x| + |slope|·max|times|), the slope and intercept are given but `se`, the interval and
/// `p` are `None` and `reason` says why: never p = 1 or p = 0. (scipy's `linregress` and
/// statsmodels give NaN, 0 or a p-value of rounding noise there.)
///
/// # Formula
/// slope = Σ(t − t̄)(x − x̄)/Σ(t − t̄)², intercept = x̄ − slope·t̄,
/// se = √(Σ residual²/((n − 2)Σ(t − t̄)²)); interval slope ± t(1 − α/2; n − 2)·se;
/// p = 2·P(T > |slope/se|) = I_{ν/(ν + t²)}(ν/2, 1/2), T ~ t(ν), ν = n − 2 (the regularized
/// incomplete beta function, so small p keep their relative accuracy).
///
/// # Errors
/// [`Error::InvalidArgument`] when the lengths differ, there are fewer than 2 points, a number
/// is NaN or infinite, or the times do not strictly increase.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::ols;
/// use bra_indicators::Level;
/// // The METHODS.md rates series; reference: scipy.stats.linregress (slope −19.6539394,
/// // p = 2.5074878e-5) and scipy.stats.t for the interval (−24.9019234, −14.4059554).
/// let x = [1520.3, 1498.1, 1533.7, 1470.2, 1452.9, 1460.0, 1401.5, 1388.2, 1395.4, 1342.8];
/// let t: Vec<f64> = (2015..=2024).map(f64::from).collect();
/// let fit = ols(&t, &x, Level::P95)?;
/// assert!((fit.slope - -19.6539394).abs() < 1e-7);
/// assert!((fit.intercept - 1534.7527273).abs() < 1e-7);
/// assert!((fit.slope_lower.unwrap_or(f64::NAN) - -24.9019234).abs() < 1e-7);
/// assert!((fit.p.unwrap_or(f64::NAN) - 2.5074878e-5).abs() < 1e-12);
/// assert_eq!(fit.reason, None);
/// // A constant series: slope 0, but no standard error, interval or p-value.
/// let flat = ols(&t[..4], &[12.5; 4], Level::P95)?;
/// assert_eq!((flat.slope, flat.intercept, flat.p), (0.0, 12.5, None));
/// assert!(flat.reason.unwrap_or_default().contains("constant"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn ols(times: &[f64], values: &[f64], level: Level) -> Result<Ols> {
    check_series("OLS", times, values, 2)?;
    let n = values.len() as f64;
    // Shift both axes to the first point: t = 0 at the first period, and a constant series
    // becomes exact zeros.
    let t: Vec<f64> = times.iter().map(|&x| x - times[0]).collect();
    let y: Vec<f64> = values.iter().map(|&x| x - values[0]).collect();
    let t_mean = t.iter().sum::<f64>() / n;
    let y_mean = y.iter().sum::<f64>() / n;
    let sxx: f64 = t.iter().map(|&ti| (ti - t_mean).powi(2)).sum();
    let sxy: f64 = t
        .iter()
        .zip(&y)
        .map(|(&ti, &yi)| (ti - t_mean) * (yi - y_mean))
        .sum();
    let slope = sxy / sxx;
    let intercept = values[0] + (y_mean - slope * t_mean);
    let ssr: f64 = t
        .iter()
        .zip(&y)
        .map(|(&ti, &yi)| (yi - y_mean - slope * (ti - t_mean)).powi(2))
        .sum();
    if !slope.is_finite() || !intercept.is_finite() || !ssr.is_finite() {
        return Err(invalid("OLS: values or times too large for a finite fit"));
    }
    let no_se = |reason: String| Ols {
        slope,
        intercept,
        se: None,
        slope_lower: None,
        slope_upper: None,
        p: None,
        reason: Some(reason),
    };
    if values.len() == 2 {
        return Ok(no_se(
            "2 points leave no degrees of freedom for a standard error, so there is no \
             p-value or interval for the slope"
                .to_string(),
        ));
    }
    if values.iter().all(|&v| v == values[0]) {
        return Ok(no_se(
            "the series is constant: no residual variance, so no standard error, p-value or \
             interval for the slope"
                .to_string(),
        ));
    }
    let scale = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()))
        + slope.abs() * times.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if (ssr / n).sqrt() <= PERFECT_FIT_ULPS * f64::EPSILON * scale {
        return Ok(no_se(
            "the points lie exactly on a straight line: no residual variance, so no standard \
             error, p-value or interval for the slope"
                .to_string(),
        ));
    }
    let df = n - 2.0;
    let se = (ssr / df / sxx).sqrt();
    let t_stat = slope / se;
    if !se.is_finite() || se <= 0.0 || !t_stat.is_finite() {
        return Err(invalid("OLS: values or times too large for a finite fit"));
    }
    // p = 2·P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2), without the cancellation of 1 − cdf.
    // (t² can overflow only for |t| > 1e154, far inside the perfect-fit test above.)
    let x = df / (df + t_stat * t_stat);
    let (p, _) = crate::stats::proportion::regularized_beta(df / 2.0, 0.5, x);
    let p = p.clamp(0.0, 1.0);
    if !p.is_finite() {
        return Err(invalid(
            "OLS p-value: the Student t tail is not a finite number",
        ));
    }
    let q = student_t_upper_quantile(df, level.alpha() / 2.0)?;
    Ok(Ols {
        slope,
        intercept,
        se: Some(se),
        slope_lower: Some(slope - q * se),
        slope_upper: Some(slope + q * se),
        p: Some(p),
        reason: None,
    })
}

/// Annual percent change from a quasi-Poisson log-linear fit of counts on time.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Apc {
    /// APC = 100(e^b − 1), percent per year.
    pub apc: f64,
    /// Lower bound 100(e^(b − z·se) − 1).
    pub lower: f64,
    /// Upper bound 100(e^(b + z·se) − 1).
    pub upper: f64,
    /// a: the log rate per person at the first period (t = 0).
    pub a: f64,
    /// b: the change of the log rate per year.
    pub b: f64,
    /// Standard error of b, scaled by √φ.
    pub se_b: f64,
    /// φ = max(1, X²/(n − 2)), X² the Pearson statistic.
    pub dispersion: f64,
}

/// Annual percent change (APC) of `counts` with `populations` at `times` (years).
///
/// Zero counts are allowed. The fit (IRLS with step halving) stops when a step changes each
/// parameter by at most 1e-12 relative (to the parameter, or 1 if it is smaller); after 100
/// iterations without that it is an error.
///
/// # Formula
/// Poisson regression log E\[count\] = log(population) + a + b·t, t = times − times\[0\], by
/// iteratively reweighted least squares; φ = max(1, X²/(n − 2)) with the Pearson
/// X² = Σ(y − μ)²/μ (quasi-Poisson, McCullagh and Nelder 1989); se(b) = √(φ·(I⁻¹)_bb);
/// APC = 100(e^b − 1), interval 100(e^(b ± z·se) − 1) (as the NCI Joinpoint APC).
///
/// # Errors
/// [`Error::InvalidArgument`] when the lengths differ, there are fewer than 3 points, a number
/// is NaN or infinite, the times do not strictly increase, a count is negative, a population
/// is not positive, all counts are zero, the only non-zero counts are at the first or the last
/// time (the slope is infinite), or the fit does not converge.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::annual_percent_change;
/// use bra_indicators::Level;
/// // Reference: statsmodels GLM(Poisson, offset log(pop)) with φ = max(1, X²/(n − 2)):
/// // APC −4.4081897 %, 95 % CI (−7.4852657, −1.2287690), φ = 1.6057374.
/// let t: Vec<f64> = (2015..=2022).map(f64::from).collect();
/// let counts = [160.0, 140.0, 175.0, 128.0, 141.0, 118.0, 131.0, 112.0];
/// let pop = [13391.0, 13420.0, 13380.0, 13350.0, 13300.0, 13290.0, 13310.0, 13280.0];
/// let fit = annual_percent_change(&t, &counts, &pop, Level::P95)?;
/// assert!((fit.apc - -4.4081897).abs() < 1e-7);
/// assert!((fit.lower - -7.4852657).abs() < 1e-7);
/// assert!((fit.upper - -1.2287690).abs() < 1e-7);
/// assert!((fit.dispersion - 1.6057374).abs() < 1e-7);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn annual_percent_change(
    times: &[f64],
    counts: &[f64],
    populations: &[f64],
    level: Level,
) -> Result<Apc> {
    check_same_len(("times", times.len()), ("counts", counts.len()))?;
    check_same_len(("counts", counts.len()), ("populations", populations.len()))?;
    check_min_len("Annual percent change", counts.len(), 3)?;
    check_finite("counts", counts)?;
    check_finite("populations", populations)?;
    check_times(times)?;
    if let Some(i) = counts.iter().position(|&c| c < 0.0) {
        return Err(invalid(format!(
            "counts[{i}] is {}; expected a non-negative count",
            counts[i]
        )));
    }
    if let Some(i) = populations.iter().position(|&p| p <= 0.0) {
        return Err(invalid(format!(
            "populations[{i}] is {}; expected a positive population",
            populations[i]
        )));
    }
    let total: f64 = counts.iter().sum();
    if total <= 0.0 {
        return Err(invalid(
            "Annual percent change: all counts are zero, so the log-linear fit has no \
             finite solution (the rate is 0 throughout)",
        ));
    }
    let n = counts.len();
    let nonzero: Vec<usize> = (0..n).filter(|&i| counts[i] > 0.0).collect();
    if let [only] = nonzero.as_slice()
        && (*only == 0 || *only == n - 1)
    {
        return Err(invalid(
            "Annual percent change: the only non-zero count is at the first or the last \
             time, so the fitted slope is infinite",
        ));
    }

    // Fit in centred time (better conditioned); a = c − b·t̄ afterwards.
    let t: Vec<f64> = times.iter().map(|&x| x - times[0]).collect();
    let t_mean = t.iter().sum::<f64>() / n as f64;
    let tc: Vec<f64> = t.iter().map(|&x| x - t_mean).collect();
    let offset: Vec<f64> = populations.iter().map(|p| p.ln()).collect();
    let mu_at = |c: f64, b: f64| -> Vec<f64> {
        offset
            .iter()
            .zip(&tc)
            .map(|(&o, &ti)| (o + c + b * ti).exp())
            .collect()
    };
    // Poisson log-likelihood up to a constant: Σ y·η − μ.
    let loglik = |c: f64, b: f64| -> f64 {
        offset
            .iter()
            .zip(&tc)
            .zip(counts)
            .map(|((&o, &ti), &y)| {
                let eta = o + c + b * ti;
                y * eta - eta.exp()
            })
            .sum()
    };
    // Information matrix [[Σμ, Σμt], [Σμt, Σμt²]] and its determinant.
    let information = |mu: &[f64]| -> (f64, f64, f64, f64) {
        let i00: f64 = mu.iter().sum();
        let i01: f64 = mu.iter().zip(&tc).map(|(&m, &ti)| m * ti).sum();
        let i11: f64 = mu.iter().zip(&tc).map(|(&m, &ti)| m * ti * ti).sum();
        (i00, i01, i11, i00 * i11 - i01 * i01)
    };

    let mut c = (total / populations.iter().sum::<f64>()).ln();
    let mut b = 0.0;
    let mut converged = false;
    for _ in 0..IRLS_MAX_ITER {
        let mu = mu_at(c, b);
        let (i00, i01, i11, det) = information(&mu);
        if det.is_nan() || det <= 0.0 || det.is_infinite() {
            return Err(invalid(
                "Annual percent change: the fit broke down (singular information matrix)",
            ));
        }
        let u0: f64 = counts.iter().zip(&mu).map(|(&y, &m)| y - m).sum();
        let u1: f64 = counts
            .iter()
            .zip(&mu)
            .zip(&tc)
            .map(|((&y, &m), &ti)| ti * (y - m))
            .sum();
        let mut dc = (i11 * u0 - i01 * u1) / det;
        let mut db = (i00 * u1 - i01 * u0) / det;
        let old = loglik(c, b);
        let mut halvings = 0;
        while loglik(c + dc, b + db) < old - 1e-10 * (1.0 + old.abs()) && halvings < 50 {
            dc /= 2.0;
            db /= 2.0;
            halvings += 1;
        }
        c += dc;
        b += db;
        if !c.is_finite() || !b.is_finite() {
            break;
        }
        if dc.abs() <= IRLS_TOL * c.abs().max(1.0) && db.abs() <= IRLS_TOL * b.abs().max(1.0) {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(invalid(format!(
            "Annual percent change: the Poisson fit did not converge in {IRLS_MAX_ITER} \
             iterations"
        )));
    }
    let mu = mu_at(c, b);
    let (i00, _, _, det) = information(&mu);
    let pearson: f64 = counts
        .iter()
        .zip(&mu)
        .map(|(&y, &m)| (y - m).powi(2) / m)
        .sum();
    let dispersion = (pearson / (n as f64 - 2.0)).max(1.0);
    let se_b = (dispersion * i00 / det).sqrt();
    let z = level.z();
    let apc = Apc {
        apc: 100.0 * b.exp_m1(),
        lower: 100.0 * (b - z * se_b).exp_m1(),
        upper: 100.0 * (b + z * se_b).exp_m1(),
        a: c - b * t_mean,
        b,
        se_b,
        dispersion,
    };
    if [
        apc.apc,
        apc.lower,
        apc.upper,
        apc.a,
        apc.se_b,
        apc.dispersion,
    ]
    .iter()
    .all(|v| v.is_finite())
    {
        Ok(apc)
    } else {
        Err(invalid(
            "Annual percent change: the fit gave a non-finite result",
        ))
    }
}

/// One annual point of a series, with its 95 % interval, for [`recent_trend`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RecentPoint {
    /// The calendar year.
    pub period_year: i32,
    /// The value (a rate, a percentage, ...).
    pub value: f64,
    /// Lower bound of the 95 % interval.
    pub lower95: Option<f64>,
    /// Upper bound of the 95 % interval.
    pub upper95: Option<f64>,
}

/// The label of the recent trend (Fingertips wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum RecentLabel {
    /// A significant increase where lower is better.
    #[serde(rename = "increasing and getting worse")]
    IncreasingGettingWorse,
    /// A significant increase where higher is better.
    #[serde(rename = "increasing and getting better")]
    IncreasingGettingBetter,
    /// A significant decrease where higher is better.
    #[serde(rename = "decreasing and getting worse")]
    DecreasingGettingWorse,
    /// A significant decrease where lower is better.
    #[serde(rename = "decreasing and getting better")]
    DecreasingGettingBetter,
    /// A significant increase of a neutral indicator.
    #[serde(rename = "increasing")]
    Increasing,
    /// A significant decrease of a neutral indicator.
    #[serde(rename = "decreasing")]
    Decreasing,
    /// No significant change.
    #[serde(rename = "no significant change")]
    NoSignificantChange,
    /// Not enough data (see [`RecentTrend::reason`]).
    #[serde(rename = "cannot be calculated")]
    CannotBeCalculated,
}

impl RecentLabel {
    /// The English code used in output files, e.g. `increasing and getting worse`.
    pub fn code(self) -> &'static str {
        match self {
            RecentLabel::IncreasingGettingWorse => "increasing and getting worse",
            RecentLabel::IncreasingGettingBetter => "increasing and getting better",
            RecentLabel::DecreasingGettingWorse => "decreasing and getting worse",
            RecentLabel::DecreasingGettingBetter => "decreasing and getting better",
            RecentLabel::Increasing => "increasing",
            RecentLabel::Decreasing => "decreasing",
            RecentLabel::NoSignificantChange => "no significant change",
            RecentLabel::CannotBeCalculated => "cannot be calculated",
        }
    }

    /// The Swedish label for people, e.g. `ökande och försämras`.
    pub fn label_sv(self) -> &'static str {
        match self {
            RecentLabel::IncreasingGettingWorse => "ökande och försämras",
            RecentLabel::IncreasingGettingBetter => "ökande och förbättras",
            RecentLabel::DecreasingGettingWorse => "minskande och försämras",
            RecentLabel::DecreasingGettingBetter => "minskande och förbättras",
            RecentLabel::Increasing => "ökande",
            RecentLabel::Decreasing => "minskande",
            RecentLabel::NoSignificantChange => "ingen signifikant förändring",
            RecentLabel::CannotBeCalculated => "kan inte beräknas",
        }
    }
}

/// The Fingertips recent trend of the latest five annual points.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecentTrend {
    /// The label.
    pub label: RecentLabel,
    /// Weighted least-squares slope per year; `None` when it cannot be calculated.
    pub slope: Option<f64>,
    /// χ² = slope²·(S1·Σwt² − (Σwt)²)/S1; `None` when it cannot be calculated.
    pub chi2: Option<f64>,
    /// Why the trend cannot be calculated, if it cannot.
    pub reason: Option<String>,
}

impl RecentTrend {
    fn cannot(reason: String) -> Self {
        RecentTrend {
            label: RecentLabel::CannotBeCalculated,
            slope: None,
            chi2: None,
            reason: Some(reason),
        }
    }
}

/// Weighted least-squares slope and χ² of (t, x) with weights w.
fn wls_slope_chi2(t: &[f64], x: &[f64], w: &[f64]) -> (f64, f64) {
    let (mut s1, mut swt, mut swt2, mut swx, mut swtx) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for ((&ti, &xi), &wi) in t.iter().zip(x).zip(w) {
        s1 += wi;
        swt += wi * ti;
        swt2 += wi * ti * ti;
        swx += wi * xi;
        swtx += wi * ti * xi;
    }
    let denom = s1 * swt2 - swt * swt;
    let slope = (s1 * swtx - swt * swx) / denom;
    (slope, slope * slope * denom / s1)
}

/// The Fingertips recent trend: is the latest five-year run significantly rising or falling?
///
/// Uses the latest [`RECENT_POINTS`] points (by year, whatever their order in `points`); they
/// must be consecutive years with finite values and 95 % intervals of positive width, else the
/// label is [`RecentLabel::CannotBeCalculated`] with the `reason`. Earlier points are ignored.
///
/// # Formula
/// Weighted least squares with w = 1/se², se = (U95 − L95)/3.92; χ² = slope²·(S1·Σwt² −
/// (Σwt)²)/S1 with S1 = Σw. Significant when χ² > [`RECENT_CHI2_THRESHOLD`] (99.8 %) and the
/// slope keeps its sign with each of the five points left out (OHID Fingertips, "Recent trends"
/// method). The label follows the sign and the polarity.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::{recent_trend, RecentLabel, RecentPoint};
/// use bra_indicators::Polarity;
/// // METHODS.md: slope 1.75156622, χ² = 46.7653, significant increase.
/// let data = [(24.67, 23.16, 26.25), (24.6, 23.15, 26.19), (28.0, 26.44, 29.64),
///             (30.2, 28.63, 31.9), (30.6, 28.98, 32.25)];
/// let points: Vec<RecentPoint> = data
///     .iter()
///     .zip(2019..)
///     .map(|(&(value, l, u), year)| RecentPoint {
///         period_year: year,
///         value,
///         lower95: Some(l),
///         upper95: Some(u),
///     })
///     .collect();
/// let trend = recent_trend(&points, Polarity::LowerIsBetter);
/// assert_eq!(trend.label, RecentLabel::IncreasingGettingWorse);
/// assert_eq!(trend.label.code(), "increasing and getting worse");
/// assert!((trend.slope.unwrap_or(f64::NAN) - 1.75156622).abs() < 1e-8);
/// assert!((trend.chi2.unwrap_or(f64::NAN) - 46.7653).abs() < 1e-4);
/// ```
pub fn recent_trend(points: &[RecentPoint], polarity: Polarity) -> RecentTrend {
    if points.len() < RECENT_POINTS {
        return RecentTrend::cannot(format!(
            "fewer than {RECENT_POINTS} consecutive annual points (found {})",
            points.len()
        ));
    }
    let mut sorted = points.to_vec();
    sorted.sort_by_key(|p| p.period_year);
    if let Some(w) = sorted
        .windows(2)
        .find(|w| w[0].period_year == w[1].period_year)
    {
        return RecentTrend::cannot(format!("year {} occurs twice", w[0].period_year));
    }
    let latest = &sorted[sorted.len() - RECENT_POINTS..];
    if let Some(w) = latest
        .windows(2)
        .find(|w| i64::from(w[1].period_year) - i64::from(w[0].period_year) != 1)
    {
        return RecentTrend::cannot(format!(
            "fewer than {RECENT_POINTS} consecutive annual points at the end of the series \
             (gap between {} and {})",
            w[0].period_year, w[1].period_year
        ));
    }
    let mut t = Vec::with_capacity(RECENT_POINTS);
    let mut x = Vec::with_capacity(RECENT_POINTS);
    let mut w = Vec::with_capacity(RECENT_POINTS);
    for p in latest {
        let year = p.period_year;
        if !p.value.is_finite() {
            return RecentTrend::cannot(format!("value missing for {year}"));
        }
        let (Some(lo), Some(hi)) = (p.lower95, p.upper95) else {
            return RecentTrend::cannot(format!("95 % interval missing for {year}"));
        };
        if !lo.is_finite() || !hi.is_finite() {
            return RecentTrend::cannot(format!("95 % interval missing for {year}"));
        }
        if hi <= lo {
            return RecentTrend::cannot(format!(
                "95 % interval of {year} has no positive width ({lo}, {hi})"
            ));
        }
        let se = (hi - lo) / 3.92;
        let weight = 1.0 / (se * se);
        if !weight.is_finite() {
            return RecentTrend::cannot(format!("95 % interval of {year} is too narrow"));
        }
        t.push(f64::from(year - latest[0].period_year));
        x.push(p.value);
        w.push(weight);
    }
    let (slope, chi2) = wls_slope_chi2(&t, &x, &w);
    if !slope.is_finite() || !chi2.is_finite() {
        return RecentTrend::cannot("the weighted fit is not finite".to_string());
    }
    let keeps_sign = (0..RECENT_POINTS).all(|out| {
        let keep = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .enumerate()
                .filter(|&(i, _)| i != out)
                .map(|(_, &a)| a)
                .collect()
        };
        let (s, _) = wls_slope_chi2(&keep(&t), &keep(&x), &keep(&w));
        s * slope > 0.0
    });
    let label = if chi2 > RECENT_CHI2_THRESHOLD && keeps_sign {
        match (slope > 0.0, polarity) {
            (true, Polarity::LowerIsBetter) => RecentLabel::IncreasingGettingWorse,
            (true, Polarity::HigherIsBetter) => RecentLabel::IncreasingGettingBetter,
            (true, Polarity::Neutral) => RecentLabel::Increasing,
            (false, Polarity::LowerIsBetter) => RecentLabel::DecreasingGettingBetter,
            (false, Polarity::HigherIsBetter) => RecentLabel::DecreasingGettingWorse,
            (false, Polarity::Neutral) => RecentLabel::Decreasing,
        }
    } else {
        RecentLabel::NoSignificantChange
    };
    RecentTrend {
        label,
        slope: Some(slope),
        chi2: Some(chi2),
        reason: None,
    }
}

/// Where a moving window sits relative to the point it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Alignment {
    /// The point is the middle of the window (the window must be odd): 2019 for 2018-2020.
    Centred,
    /// The point is the last of the window: 2020 for 2018-2020.
    Trailing,
}

/// The index ranges of the windows, one per position (`None` where it runs off the series).
fn windows(len: usize, window: usize, align: Alignment) -> Result<Vec<Option<(usize, usize)>>> {
    if window == 0 {
        return Err(invalid("moving window must hold at least 1 point, got 0"));
    }
    let back = match align {
        Alignment::Centred if window.is_multiple_of(2) => {
            return Err(invalid(format!(
                "a centred moving window must be odd, got {window}"
            )));
        }
        Alignment::Centred => (window - 1) / 2,
        Alignment::Trailing => window - 1,
    };
    Ok((0..len)
        .map(|i| {
            let start = i.checked_sub(back)?;
            let end = start.checked_add(window)?; // exclusive
            (end <= len).then_some((start, end))
        })
        .collect())
}

fn check_optional(name: &str, values: &[Option<f64>]) -> Result<()> {
    match values
        .iter()
        .position(|v| v.is_some_and(|x| !x.is_finite()))
    {
        Some(i) => Err(invalid(format!(
            "{name}[{i}] is {}; expected a finite number or a missing value",
            values[i].unwrap_or(f64::NAN)
        ))),
        None => Ok(()),
    }
}

/// Moving average of consecutive `values` over `window` points.
///
/// A position gets `None` where its window runs off the series or holds a missing value.
///
/// # Errors
/// [`Error::InvalidArgument`] when `window` is 0, a centred window is even, or a present value
/// is NaN or infinite.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::{moving_average, Alignment};
/// let v = [Some(3.0), Some(6.0), Some(9.0), None, Some(12.0)];
/// let avg = moving_average(&v, 3, Alignment::Centred)?;
/// assert_eq!(avg, vec![None, Some(6.0), None, None, None]);
/// let avg = moving_average(&v, 2, Alignment::Trailing)?;
/// assert_eq!(avg, vec![None, Some(4.5), Some(7.5), None, None]);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn moving_average(
    values: &[Option<f64>],
    window: usize,
    align: Alignment,
) -> Result<Vec<Option<f64>>> {
    check_optional("values", values)?;
    Ok(windows(values.len(), window, align)?
        .into_iter()
        .map(|range| {
            let (start, end) = range?;
            let sum = values[start..end]
                .iter()
                .try_fold(0.0, |acc, v| v.map(|x| acc + x))?;
            Some(sum / window as f64)
        })
        .collect())
}

/// Pooled rate over a moving window: Σ counts / Σ populations × `per`.
///
/// A position gets `None` where its window runs off the series or holds a missing count or
/// population. This is the rate of the pooled period (e.g. 2018-2020), not the mean of the
/// yearly rates.
///
/// # Errors
/// [`Error::InvalidArgument`] when the lengths differ, `window` is 0, a centred window is even,
/// `per` is not a positive finite number, a count is negative or not finite, or a population is
/// not a positive finite number.
///
/// # Examples
/// ```
/// use bra_indicators::stats::trend::{pooled_rate_moving, Alignment};
/// let counts = [Some(10.0), Some(20.0), Some(30.0)];
/// let pop = [Some(1000.0), Some(1000.0), Some(2000.0)];
/// let rate = pooled_rate_moving(&counts, &pop, 3, Alignment::Trailing, 100_000.0)?;
/// assert_eq!(rate, vec![None, None, Some(1500.0)]);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn pooled_rate_moving(
    counts: &[Option<f64>],
    populations: &[Option<f64>],
    window: usize,
    align: Alignment,
    per: f64,
) -> Result<Vec<Option<f64>>> {
    check_same_len(("counts", counts.len()), ("populations", populations.len()))?;
    if !(per.is_finite() && per > 0.0) {
        return Err(invalid(format!(
            "the rate multiplier must be a positive number (e.g. 100000), got {per}"
        )));
    }
    check_optional("counts", counts)?;
    check_optional("populations", populations)?;
    if let Some(i) = counts.iter().position(|c| c.is_some_and(|c| c < 0.0)) {
        return Err(invalid(format!(
            "counts[{i}] is {}; expected a non-negative count",
            counts[i].unwrap_or(f64::NAN)
        )));
    }
    if let Some(i) = populations.iter().position(|p| p.is_some_and(|p| p <= 0.0)) {
        return Err(invalid(format!(
            "populations[{i}] is {}; expected a positive population",
            populations[i].unwrap_or(f64::NAN)
        )));
    }
    let sum = |v: &[Option<f64>]| v.iter().try_fold(0.0, |acc, x| x.map(|x| acc + x));
    Ok(windows(counts.len(), window, align)?
        .into_iter()
        .map(|range| {
            let (start, end) = range?;
            Some(sum(&counts[start..end])? / sum(&populations[start..end])? * per)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative tolerance against the generated fixtures (tests/reference/trend_cases.json).
    /// The references compute the same quantities in double precision by other code
    /// (pymannkendall, scipy, statsmodels) with other summation orders, scipy's r-based
    /// standard error and statsmodels' own IRLS; they agree with ours to about 1e-12. A wrong
    /// formula or convention shows up at 1e-3 or more, so 1e-9 hides nothing.
    const REL: f64 = 1e-9;
    /// Absolute floor for quantities that are zero or nearly so (a slope of 0, a p-value deep
    /// in the tail, where 1 − Φ in pymannkendall loses the relative digits but not 1e-12).
    const ABS: f64 = 1e-12;

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() <= REL * actual.abs().max(expected.abs()) + ABS
    }

    #[track_caller]
    fn assert_close(what: &str, actual: f64, expected: f64) {
        assert!(
            close(actual, expected),
            "{what}: got {actual:e}, expected {expected:e}"
        );
    }

    /// Asserts `actual` equals a number printed in METHODS.md to within half a unit of its last
    /// printed digit (the tolerance follows from how the reference was printed).
    #[track_caller]
    fn assert_printed(actual: f64, printed: &str) {
        let expected: f64 = printed.parse().expect("a printed number");
        let decimals = printed.split('.').nth(1).map_or(0, str::len) as i32;
        let tol = 0.5 * 10f64.powi(-decimals) + 1e-12;
        assert!(
            (actual - expected).abs() <= tol,
            "got {actual}, METHODS.md prints {printed}"
        );
    }

    fn years(from: i32, n: usize) -> Vec<f64> {
        (0..n).map(|i| f64::from(from) + i as f64).collect()
    }

    /// The rates series of METHODS.md ("Trends"), t = 1..10.
    const RATES: [f64; 10] = [
        1520.3, 1498.1, 1533.7, 1470.2, 1452.9, 1460.0, 1401.5, 1388.2, 1395.4, 1342.8,
    ];

    // ----- METHODS.md reference numbers -----

    #[test]
    fn mann_kendall_methods_increasing() {
        let mk = mann_kendall(&[1.0, 2.0, 3.0, 4.0, 5.0]).expect("valid");
        assert_eq!(mk.n, 5);
        assert_eq!(mk.s, 10);
        assert_printed(mk.var_s, "16.6667");
        assert_printed(mk.z, "2.204541");
        assert_printed(mk.p_normal, "0.02748634");
        assert_printed(mk.p_exact.expect("n = 5, no ties"), "0.0166667");
        assert_eq!(mk.p_exact, Some(2.0 / 120.0));
        assert_eq!(mk.p, 2.0 / 120.0);
        assert_eq!(mk.p_method, PMethod::Exact);
        assert_eq!(mk.p_method.code(), "exact");
        assert_eq!(mk.tau_a, 1.0);
        assert_eq!(mk.tau_b, Some(1.0));
    }

    #[test]
    fn methods_rates_series() {
        let mk = mann_kendall(&RATES).expect("valid");
        assert_eq!(mk.s, -37);
        assert_eq!(mk.var_s, 125.0);
        assert_printed(mk.z, "-3.219938");
        assert_printed(mk.p_normal, "0.001282184");
        assert_printed(mk.tau_a, "-0.822222");
        assert_eq!(mk.p_method, PMethod::Exact); // n = 10, no ties

        let sen = sen_slope(&years(1, 10), &RATES, Level::P95).expect("valid");
        assert_printed(sen.slope, "-19.566667");
        assert_printed(sen.lower.expect("rank 12 of 45"), "-23.05");
        assert_printed(sen.upper.expect("rank 34 of 45"), "-14.671429");
        assert_eq!(sen.n_slopes, 45);
        assert_eq!(sen.warning, None);
        // The same with real years: only t = times − times[0] matters.
        let sen_years = sen_slope(&years(2015, 10), &RATES, Level::P95).expect("valid");
        assert_eq!(sen, sen_years);
    }

    #[test]
    fn mann_kendall_methods_ties() {
        let mk = mann_kendall(&[3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 5.0, 6.0]).expect("valid");
        assert_eq!(mk.s, 23);
        assert_printed(mk.var_s, "59.6667");
        assert_printed(mk.z, "2.848110");
        assert_eq!(mk.p_exact, None);
        assert_eq!(mk.p_method, PMethod::Normal);
        assert_eq!(mk.p, mk.p_normal);
        // tau-b = 23 / sqrt(28 · (28 − 5)); scipy.stats.kendalltau gives 0.9063269671749657.
        assert_close(
            "tau_b",
            mk.tau_b.expect("ties, not constant"),
            0.906_326_967_174_965_7,
        );
    }

    #[test]
    fn methods_fingertips_example() {
        let trend = recent_trend(&fingertips_points(), Polarity::LowerIsBetter);
        assert_eq!(trend.label, RecentLabel::IncreasingGettingWorse);
        assert_printed(trend.slope.expect("calculated"), "1.75156622");
        assert_printed(trend.chi2.expect("calculated"), "46.7653");
        assert_eq!(trend.reason, None);
        let better = recent_trend(&fingertips_points(), Polarity::HigherIsBetter);
        assert_eq!(better.label, RecentLabel::IncreasingGettingBetter);
        let neutral = recent_trend(&fingertips_points(), Polarity::Neutral);
        assert_eq!(neutral.label, RecentLabel::Increasing);
    }

    #[test]
    fn methods_smart_goal_sen_slope() {
        let sen = sen_slope(
            &[2019.0, 2020.0, 2021.0, 2022.0],
            &[100.0, 97.0, 95.0, 92.0],
            Level::P95,
        )
        .expect("valid");
        assert_printed(sen.slope, "-2.583333");
        assert_printed(92.0 + sen.slope * 3.0, "84.25");
        assert_eq!(sen.n_slopes, 6);
    }

    // ----- exact p against brute force -----

    /// All permutations of 0..n (Heap's algorithm).
    fn permutations(n: usize) -> Vec<Vec<f64>> {
        fn heap(k: usize, a: &mut Vec<f64>, out: &mut Vec<Vec<f64>>) {
            if k <= 1 {
                out.push(a.clone());
                return;
            }
            heap(k - 1, a, out);
            for i in 0..k - 1 {
                if k.is_multiple_of(2) {
                    a.swap(i, k - 1);
                } else {
                    a.swap(0, k - 1);
                }
                heap(k - 1, a, out);
            }
        }
        let mut a: Vec<f64> = (0..n).map(|i| i as f64).collect();
        let mut out = Vec::new();
        heap(n, &mut a, &mut out);
        out
    }

    #[test]
    fn exact_p_matches_enumeration_of_all_permutations() {
        for n in 3..=8 {
            let scores: Vec<i64> = permutations(n).iter().map(|p| mk_score(p)).collect();
            let total = scores.len();
            assert_eq!(total, (1..=n).product::<usize>());
            let max = (n * (n - 1) / 2) as i64;
            for s in -max..=max {
                let extreme = scores.iter().filter(|&&x| x.abs() >= s.abs()).count();
                let brute = extreme as f64 / total as f64;
                assert_eq!(mk_exact_p(n, s), brute, "n = {n}, S = {s}");
            }
            // And through the public function, on a few of the permutations themselves.
            for p in permutations(n).iter().step_by(97) {
                let mk = mann_kendall(p).expect("valid");
                let extreme = scores.iter().filter(|&&x| x.abs() >= mk.s.abs()).count();
                assert_eq!(mk.p_exact, Some(extreme as f64 / total as f64));
            }
        }
    }

    #[test]
    fn exact_p_is_a_probability_up_to_n_10() {
        for n in 3..=EXACT_MAX_N {
            let max = (n * (n - 1) / 2) as i64;
            assert_eq!(mk_exact_p(n, 0), 1.0);
            let p_max = mk_exact_p(n, max);
            let n_fact = (1..=n).product::<usize>() as f64;
            assert_eq!(
                p_max,
                2.0 / n_fact,
                "only the sorted and the reversed order"
            );
        }
    }

    // ----- edge cases -----

    #[test]
    fn too_few_points_are_errors() {
        assert!(matches!(
            mann_kendall(&[1.0, 2.0]),
            Err(Error::InvalidArgument(_))
        ));
        assert!(mann_kendall(&[]).is_err());
        assert!(sen_slope(&[1.0], &[1.0], Level::P95).is_err());
        assert!(ols(&[1.0], &[1.0], Level::P95).is_err());
        assert!(annual_percent_change(&[1.0, 2.0], &[1.0, 2.0], &[9.0, 9.0], Level::P95).is_err());
    }

    #[test]
    fn constant_series_has_no_trend_and_no_nan() {
        let x = [7.5; 6];
        let mk = mann_kendall(&x).expect("valid");
        assert_eq!(
            (mk.s, mk.var_s, mk.z, mk.p, mk.p_normal),
            (0, 0.0, 0.0, 1.0, 1.0)
        );
        assert_eq!((mk.tau_a, mk.tau_b), (0.0, None));
        assert_eq!(mk.p_method, PMethod::Normal); // all tied: no exact p
        let sen = sen_slope(&years(2010, 6), &x, Level::P95).expect("valid");
        assert_eq!((sen.slope, sen.intercept), (0.0, 7.5));
        assert_eq!((sen.lower, sen.upper), (Some(0.0), Some(0.0)));
        let fit = ols(&years(2010, 6), &x, Level::P95).expect("valid");
        assert_no_se(&fit, 0.0, 7.5, "constant");
    }

    /// A fit without residual variance: the slope and intercept, but no standard error,
    /// interval or p-value, and a reason containing `why`.
    #[track_caller]
    fn assert_no_se(fit: &Ols, slope: f64, intercept: f64, why: &str) {
        assert_close("slope", fit.slope, slope);
        assert_close("intercept", fit.intercept, intercept);
        assert_eq!(
            (fit.se, fit.slope_lower, fit.slope_upper, fit.p),
            (None, None, None, None),
            "{fit:?}"
        );
        let reason = fit.reason.as_deref().unwrap_or_default();
        assert!(reason.contains(why), "{reason}");
    }

    #[test]
    fn all_ties_in_pairs() {
        let mk = mann_kendall(&[2.0, 2.0, 1.0, 1.0]).expect("valid");
        assert_eq!(mk.s, -4);
        // Var = [4·3·13 − 2·(2·1·9)]/18 = 120/18.
        assert_close("var_s", mk.var_s, 120.0 / 18.0);
        assert_eq!(mk.p_exact, None);
        // tau-b = −4 / sqrt(6 · 4); scipy.stats.kendalltau gives −0.8164965809277261.
        assert_close(
            "tau_b",
            mk.tau_b.expect("not constant"),
            -0.816_496_580_927_726_1,
        );
        assert!(mk.z < 0.0 && mk.p > 0.0 && mk.p < 1.0);
    }

    #[test]
    fn non_finite_values_are_errors() {
        let t = years(2000, 4);
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let x = [1.0, bad, 3.0, 4.0];
            let err = mann_kendall(&x).expect_err("non-finite");
            assert!(err.to_string().contains("values[1]"), "{err}");
            assert!(sen_slope(&t, &x, Level::P95).is_err());
            assert!(ols(&t, &x, Level::P95).is_err());
            assert!(annual_percent_change(&t, &x, &[10.0; 4], Level::P95).is_err());
            assert!(annual_percent_change(&t, &[1.0; 4], &x, Level::P95).is_err());
            let mut bad_t = t.clone();
            bad_t[2] = bad;
            assert!(sen_slope(&bad_t, &[1.0, 2.0, 3.0, 4.0], Level::P95).is_err());
            assert!(moving_average(&[Some(1.0), Some(bad)], 1, Alignment::Trailing).is_err());
        }
    }

    #[test]
    fn mismatched_lengths_are_errors() {
        let t = years(2000, 4);
        let x = [1.0, 2.0, 3.0];
        let err = sen_slope(&t, &x, Level::P95).expect_err("lengths differ");
        assert!(err.to_string().contains("same length"), "{err}");
        assert!(ols(&t, &x, Level::P95).is_err());
        assert!(annual_percent_change(&t, &[1.0; 4], &[5.0; 3], Level::P95).is_err());
        assert!(annual_percent_change(&t, &[1.0; 3], &[5.0; 4], Level::P95).is_err());
        assert!(pooled_rate_moving(&[Some(1.0)], &[], 1, Alignment::Trailing, 1e5).is_err());
    }

    #[test]
    fn times_must_increase() {
        let x = [1.0, 2.0, 3.0];
        for t in [[2000.0, 2000.0, 2001.0], [2000.0, 2002.0, 2001.0]] {
            let err = sen_slope(&t, &x, Level::P95).expect_err("not increasing");
            assert!(err.to_string().contains("strictly increasing"), "{err}");
            assert!(ols(&t, &x, Level::P95).is_err());
            assert!(annual_percent_change(&t, &x, &[9.0; 3], Level::P95).is_err());
        }
    }

    #[test]
    fn sen_gaps_use_the_real_spacing() {
        // x = 2t exactly, with 2001 and 2002 missing: every pairwise slope is 2.
        let t = [2000.0, 2003.0, 2004.0, 2007.0];
        let x = [10.0, 16.0, 18.0, 24.0];
        let sen = sen_slope(&t, &x, Level::P95).expect("valid");
        assert_eq!((sen.slope, sen.intercept), (2.0, 10.0));
        // Quarters: t = k·0.25, x = 4k → 16 per year.
        let tq: Vec<f64> = (0..8).map(|k| 2020.0 + 0.25 * f64::from(k)).collect();
        let xq: Vec<f64> = (0..8).map(|k| 4.0 * f64::from(k)).collect();
        let sen = sen_slope(&tq, &xq, Level::P95).expect("valid");
        assert_eq!((sen.slope, sen.intercept), (16.0, 0.0));
    }

    #[test]
    fn sen_short_series_leaves_bounds_empty_with_a_warning() {
        let sen = sen_slope(&years(2020, 3), &[5.0, 3.0, 4.0], Level::P95).expect("valid");
        // N = 3, C = 1.96·√(11/3) = 3.75: ranks round(−0.375) = 0 and round(4.375) = 4.
        assert_eq!((sen.lower, sen.upper), (None, None));
        let warning = sen.warning.expect("a warning");
        assert!(
            warning.contains("below 1") && warning.contains("above N = 3"),
            "{warning}"
        );
        // Two points: one slope, still no interval.
        let sen = sen_slope(&[0.0, 2.0], &[1.0, 5.0], Level::P95).expect("valid");
        assert_eq!((sen.slope, sen.n_slopes, sen.lower), (2.0, 1, None));
    }

    #[test]
    fn ols_without_residual_variance_has_no_p_and_no_interval() {
        // Exact straight lines (METHODS.md, "Degenerate trends"): never p = 0.
        let fit = ols(&years(2000, 5), &[3.0, 5.0, 7.0, 9.0, 11.0], Level::P95).expect("valid");
        assert_no_se(&fit, 2.0, 3.0, "straight line");
        // Three points, the issue's case, and lines whose residuals are only rounding noise:
        // 0.1, 0.2, 0.3 are not exact in binary, nor are months (k/12).
        let fit = ols(&years(2020, 3), &[1.0, 2.0, 3.0], Level::P95).expect("valid");
        assert_no_se(&fit, 1.0, 1.0, "straight line");
        let fit = ols(&[0.0, 1.0, 2.0], &[0.1, 0.2, 0.3], Level::P95).expect("valid");
        assert_no_se(&fit, 0.1, 0.1, "straight line");
        let months: Vec<f64> = (0..24).map(|k| 2019.0 + f64::from(k) / 12.0).collect();
        let line: Vec<f64> = months
            .iter()
            .map(|m| 1523.7 - 13.1 * (m - 2019.0))
            .collect();
        let fit = ols(&months, &line, Level::P998).expect("valid");
        assert_no_se(&fit, -13.1, 1523.7, "straight line");
        let big: Vec<f64> = (0..30).map(|k| 1e6 + 0.3 * f64::from(k)).collect();
        let fit = ols(&years(1995, 30), &big, Level::P95).expect("valid");
        assert_no_se(&fit, 0.3, 1e6, "straight line");
        // Constant series of any length, also negative and zero.
        for x in [[-4.25; 3], [0.0; 3], [1e300; 3]] {
            let fit = ols(&years(2000, 3), &x, Level::P95).expect("valid");
            assert_no_se(&fit, 0.0, x[0], "constant");
        }
        // Two points: a line, but no degrees of freedom.
        let fit = ols(&[2019.0, 2021.0], &[10.0, 14.0], Level::P95).expect("valid");
        assert_no_se(&fit, 2.0, 10.0, "2 points");
        // One wobble in the last digit printed is real residual variance: a p-value again.
        let fit = ols(&years(2000, 5), &[3.0, 5.0, 7.0, 9.0, 11.1], Level::P95).expect("valid");
        assert!(fit.reason.is_none() && fit.p.is_some_and(|p| p > 0.0 && p < 1e-3));
        // Equal times (no spread in t) are an error, never a NaN slope.
        assert!(ols(&[2000.0, 2000.0, 2000.0], &[1.0, 2.0, 3.0], Level::P95).is_err());
    }

    #[test]
    fn student_t_quantiles_match_scipy() {
        // scipy.stats.t.ppf(1 − α/2, df), scipy 1.17.1.
        let cases = [
            (1.0, 0.95, 12.706204736174694),
            (1.0, 0.998, 318.30883898555015),
            (2.0, 0.9, 2.9199855803537242),
            (3.0, 0.998, 10.214531852407383),
            (5.0, 0.95, 2.5705818356363146),
            (8.0, 0.95, 2.306004135204166),
            (28.0, 0.998, 3.408155178353358),
        ];
        for (df, level, q) in cases {
            let level = Level::new(level).expect("valid");
            let got = student_t_upper_quantile(df, level.alpha() / 2.0).expect("valid");
            assert_close("t quantile", got, q);
        }
    }

    #[test]
    fn apc_zero_counts_and_bad_counts() {
        let t = years(2015, 6);
        let pop = [5000.0; 6];
        let fit = annual_percent_change(&t, &[3.0, 0.0, 2.0, 1.0, 0.0, 1.0], &pop, Level::P95)
            .expect("zero counts are fine");
        assert!(fit.apc < 0.0 && fit.lower < fit.apc && fit.apc < fit.upper);
        assert!(fit.dispersion >= 1.0);

        let err = annual_percent_change(&t, &[0.0; 6], &pop, Level::P95).expect_err("zeros");
        assert!(err.to_string().contains("all counts are zero"), "{err}");
        let err = annual_percent_change(&t, &[0.0, 0.0, 0.0, 0.0, 0.0, 4.0], &pop, Level::P95)
            .expect_err("infinite slope");
        assert!(err.to_string().contains("infinite"), "{err}");
        // One non-zero count in the middle has a finite fit.
        assert!(
            annual_percent_change(&t, &[0.0, 0.0, 4.0, 0.0, 0.0, 0.0], &pop, Level::P95).is_ok()
        );
        let err = annual_percent_change(&t, &[1.0, -1.0, 2.0, 1.0, 0.0, 1.0], &pop, Level::P95)
            .expect_err("negative count");
        assert!(err.to_string().contains("counts[1]"), "{err}");
        let mut bad_pop = pop;
        bad_pop[3] = 0.0;
        let err = annual_percent_change(&t, &[1.0; 6], &bad_pop, Level::P95)
            .expect_err("zero population");
        assert!(err.to_string().contains("populations[3]"), "{err}");
    }

    #[test]
    fn apc_of_an_exact_exponential_is_exact() {
        // count = pop · 0.01 · 1.05^t exactly in expectation; with the fitted mean equal to the
        // data, X² = 0 and φ = 1.
        let t = years(2010, 8);
        let pop = [10_000.0; 8];
        let counts: Vec<f64> = (0..8).map(|k| 100.0 * 1.05f64.powi(k)).collect();
        let fit = annual_percent_change(&t, &counts, &pop, Level::P95).expect("valid");
        assert_close("apc", fit.apc, 5.0);
        assert_close("a", fit.a, 0.01f64.ln());
        assert_eq!(fit.dispersion, 1.0);
    }

    // ----- recent trend -----

    fn fingertips_points() -> Vec<RecentPoint> {
        let data = [
            (24.67, 23.16, 26.25),
            (24.6, 23.15, 26.19),
            (28.0, 26.44, 29.64),
            (30.2, 28.63, 31.9),
            (30.6, 28.98, 32.25),
        ];
        data.iter()
            .zip(2016..)
            .map(|(&(value, l, u), year)| RecentPoint {
                period_year: year,
                value,
                lower95: Some(l),
                upper95: Some(u),
            })
            .collect()
    }

    #[test]
    fn recent_trend_uses_the_latest_five_years_in_any_order() {
        let mut points = fingertips_points();
        points.reverse();
        // An older point far off the line does not matter.
        points.push(RecentPoint {
            period_year: 2010,
            value: 1000.0,
            lower95: Some(1.0),
            upper95: Some(2000.0),
        });
        let trend = recent_trend(&points, Polarity::HigherIsBetter);
        assert_eq!(trend.label, RecentLabel::IncreasingGettingBetter);
        assert_printed(trend.slope.expect("calculated"), "1.75156622");
        // Mirrored values: a significant decrease.
        let mirrored: Vec<RecentPoint> = fingertips_points()
            .into_iter()
            .map(|p| RecentPoint {
                value: -p.value,
                lower95: p.upper95.map(|u| -u),
                upper95: p.lower95.map(|l| -l),
                ..p
            })
            .collect();
        for (polarity, label) in [
            (
                Polarity::LowerIsBetter,
                RecentLabel::DecreasingGettingBetter,
            ),
            (
                Polarity::HigherIsBetter,
                RecentLabel::DecreasingGettingWorse,
            ),
            (Polarity::Neutral, RecentLabel::Decreasing),
        ] {
            assert_eq!(recent_trend(&mirrored, polarity).label, label);
        }
    }

    #[test]
    fn recent_trend_needs_the_sign_to_survive_leaving_one_out() {
        // Flat, then one huge, precise jump in the last year: χ² is large, but without the last
        // point the slope is negative.
        let values = [10.0, 9.9, 9.8, 9.7, 20.0];
        let points: Vec<RecentPoint> = values
            .iter()
            .zip(2016..)
            .map(|(&value, year)| RecentPoint {
                period_year: year,
                value,
                lower95: Some(value - 0.2),
                upper95: Some(value + 0.2),
            })
            .collect();
        let trend = recent_trend(&points, Polarity::LowerIsBetter);
        assert!(trend.chi2.expect("calculated") > RECENT_CHI2_THRESHOLD);
        assert!(trend.slope.expect("calculated") > 0.0);
        assert_eq!(trend.label, RecentLabel::NoSignificantChange);
    }

    #[test]
    fn recent_trend_cannot_be_calculated() {
        let four = &fingertips_points()[1..];
        let trend = recent_trend(four, Polarity::LowerIsBetter);
        assert_eq!(trend.label, RecentLabel::CannotBeCalculated);
        assert_eq!((trend.slope, trend.chi2), (None, None));
        assert!(trend.reason.expect("a reason").contains("fewer than 5"));

        let mut gap = fingertips_points();
        gap[4].period_year = 2021;
        let reason = recent_trend(&gap, Polarity::LowerIsBetter).reason;
        assert!(
            reason
                .expect("a reason")
                .contains("gap between 2019 and 2021")
        );

        let mut missing = fingertips_points();
        missing[2].lower95 = None;
        let reason = recent_trend(&missing, Polarity::LowerIsBetter).reason;
        assert!(
            reason
                .expect("a reason")
                .contains("interval missing for 2018")
        );

        let mut zero = fingertips_points();
        zero[3].lower95 = zero[3].upper95;
        let reason = recent_trend(&zero, Polarity::LowerIsBetter).reason;
        assert!(reason.expect("a reason").contains("no positive width"));

        let mut twice = fingertips_points();
        twice[0].period_year = 2017;
        let reason = recent_trend(&twice, Polarity::LowerIsBetter).reason;
        assert!(reason.expect("a reason").contains("occurs twice"));

        let mut nan = fingertips_points();
        nan[0].value = f64::NAN;
        let trend = recent_trend(&nan, Polarity::LowerIsBetter);
        assert_eq!(trend.label, RecentLabel::CannotBeCalculated);
    }

    /// Issue 18: the recent trend on a perfect line, a constant series and intervals too
    /// narrow for finite weights: a label and finite numbers, or "cannot be calculated" with a
    /// reason, never NaN or inf.
    #[test]
    fn recent_trend_on_degenerate_series() {
        let points = |values: [f64; 5], half: f64| -> Vec<RecentPoint> {
            values
                .iter()
                .zip(2018..)
                .map(|(&value, year)| RecentPoint {
                    period_year: year,
                    value,
                    lower95: Some(value - half),
                    upper95: Some(value + half),
                })
                .collect()
        };
        // A perfect line with equal intervals: WLS = OLS, slope exactly 2; its χ² comes from
        // the intervals, not from residuals: 2²·(S1·Σwt² − (Σwt)²)/S1 with w = 1/se²,
        // se = 1.96/3.92 = 0.5, so w = 4, S1 = 20, Σwt = 40, Σwt² = 120: χ² = 4·(2400 − 1600)/20 = 160.
        let line = recent_trend(
            &points([10.0, 12.0, 14.0, 16.0, 18.0], 0.98),
            Polarity::Neutral,
        );
        assert_eq!(line.label, RecentLabel::Increasing);
        assert_close("slope", line.slope.expect("a slope"), 2.0);
        assert_close("chi2", line.chi2.expect("a chi2"), 160.0);
        // A constant series: no change, slope and χ² 0 (or rounding noise), finite.
        let flat = recent_trend(&points([30.6; 5], 1.5), Polarity::LowerIsBetter);
        assert_eq!(flat.label, RecentLabel::NoSignificantChange);
        assert!(flat.slope.is_some_and(|s| s.abs() < 1e-12), "{flat:?}");
        assert!(flat.chi2.is_some_and(|c| c.abs() < 1e-12), "{flat:?}");
        // Widths so small that the weights overflow, or their sums do.
        for half in [1e-200, 1e-150] {
            let t = recent_trend(
                &points([10.0, 12.0, 14.0, 16.0, 18.0], half),
                Polarity::Neutral,
            );
            assert_eq!(t.label, RecentLabel::CannotBeCalculated, "{half}: {t:?}");
            assert_eq!((t.slope, t.chi2), (None, None));
            assert!(t.reason.is_some());
        }
    }

    #[test]
    fn recent_labels_in_english_and_swedish() {
        let all = [
            (
                RecentLabel::IncreasingGettingWorse,
                "increasing and getting worse",
                "ökande och försämras",
            ),
            (
                RecentLabel::IncreasingGettingBetter,
                "increasing and getting better",
                "ökande och förbättras",
            ),
            (
                RecentLabel::DecreasingGettingWorse,
                "decreasing and getting worse",
                "minskande och försämras",
            ),
            (
                RecentLabel::DecreasingGettingBetter,
                "decreasing and getting better",
                "minskande och förbättras",
            ),
            (RecentLabel::Increasing, "increasing", "ökande"),
            (RecentLabel::Decreasing, "decreasing", "minskande"),
            (
                RecentLabel::NoSignificantChange,
                "no significant change",
                "ingen signifikant förändring",
            ),
            (
                RecentLabel::CannotBeCalculated,
                "cannot be calculated",
                "kan inte beräknas",
            ),
        ];
        for (label, en, sv) in all {
            assert_eq!(label.code(), en);
            assert_eq!(label.label_sv(), sv);
            let json = serde_json::to_string(&label).expect("serialisable");
            assert_eq!(json, format!("\"{en}\""));
        }
        assert_eq!(PMethod::Normal.code(), "normal");
        assert_eq!(
            serde_json::to_string(&PMethod::Exact).expect("serialisable"),
            "\"exact\""
        );
    }

    // ----- moving averages -----

    #[test]
    fn moving_average_windows() {
        let v: Vec<Option<f64>> = [1.0, 2.0, 3.0, 4.0, 5.0].into_iter().map(Some).collect();
        assert_eq!(
            moving_average(&v, 3, Alignment::Centred).expect("valid"),
            vec![None, Some(2.0), Some(3.0), Some(4.0), None]
        );
        assert_eq!(
            moving_average(&v, 3, Alignment::Trailing).expect("valid"),
            vec![None, None, Some(2.0), Some(3.0), Some(4.0)]
        );
        assert_eq!(moving_average(&v, 1, Alignment::Centred).expect("valid"), v);
        assert_eq!(
            moving_average(&v, 7, Alignment::Centred).expect("valid"),
            vec![None; 5]
        );
        assert!(moving_average(&v, 4, Alignment::Centred).is_err());
        assert!(moving_average(&v, 0, Alignment::Trailing).is_err());
        assert_eq!(
            moving_average(&[], 3, Alignment::Centred).expect("valid"),
            vec![]
        );
    }

    #[test]
    fn pooled_rate_moving_windows() {
        let counts = [Some(10.0), Some(20.0), None, Some(40.0), Some(50.0)];
        let pop = [
            Some(1000.0),
            Some(1000.0),
            Some(1000.0),
            Some(1000.0),
            Some(2000.0),
        ];
        let rate = pooled_rate_moving(&counts, &pop, 3, Alignment::Centred, 1000.0).expect("ok");
        assert_eq!(rate, vec![None, None, None, None, None]);
        let rate = pooled_rate_moving(&counts, &pop, 2, Alignment::Trailing, 1000.0).expect("ok");
        assert_eq!(rate, vec![None, Some(15.0), None, None, Some(30.0)]);
        assert!(pooled_rate_moving(&counts, &pop, 2, Alignment::Trailing, 0.0).is_err());
        assert!(pooled_rate_moving(&counts, &pop, 2, Alignment::Centred, 1e5).is_err());
        let mut bad = pop;
        bad[1] = Some(0.0);
        assert!(pooled_rate_moving(&counts, &bad, 2, Alignment::Trailing, 1e5).is_err());
        let negative = [Some(-1.0); 5];
        assert!(pooled_rate_moving(&negative, &pop, 2, Alignment::Trailing, 1e5).is_err());
    }

    #[test]
    fn awkward_inputs_do_not_panic() {
        let big = f64::MAX;
        let tiny = f64::MIN_POSITIVE;
        let series: [&[f64]; 5] = [
            &[big, -big, big, -big],
            &[tiny, 0.0, -tiny, 5e-324],
            &[0.0, -0.0, 0.0, -0.0],
            &[1e300, 1e-300, -1e300, 1.0],
            &[1.0, 2.0, 3.0, 4.0],
        ];
        let times: [&[f64]; 3] = [
            &[0.0, 1.0, 2.0, 3.0],
            &[0.0, 1e-300, 2e-300, 1e300],
            &[-big, 0.0, 1.0, big],
        ];
        for x in series {
            let _ = mann_kendall(x);
            for t in times {
                let _ = sen_slope(t, x, Level::P998);
                let _ = ols(t, x, Level::P998);
                let abs: Vec<f64> = x.iter().map(|v| v.abs()).collect();
                let _ = annual_percent_change(t, &abs, &abs, Level::P95);
                let _ = annual_percent_change(t, &abs, &[1.0, 1e300, 1e-300, 2.0], Level::P95);
            }
        }
        let p = RecentPoint {
            period_year: i32::MAX,
            value: big,
            lower95: Some(-big),
            upper95: Some(big),
        };
        let _ = recent_trend(&[p; 6], Polarity::Neutral);
        let _ = moving_average(&[Some(big); 3], usize::MAX, Alignment::Trailing);
        let _ = moving_average(&[Some(big); 3], usize::MAX, Alignment::Centred);
        let _ = pooled_rate_moving(
            &[Some(big); 3],
            &[Some(tiny); 3],
            2,
            Alignment::Trailing,
            big,
        );
    }

    // ----- generated fixtures -----

    #[derive(serde::Deserialize)]
    struct Fixtures {
        series: Vec<SeriesCase>,
        apc: Vec<ApcCase>,
    }

    #[derive(serde::Deserialize)]
    struct SeriesCase {
        id: String,
        unit_spaced: bool,
        level: f64,
        times: Vec<f64>,
        values: Vec<f64>,
        mk: MkRef,
        sen: SenRef,
        sen_pymk: Option<SenPymkRef>,
        ols: OlsRef,
    }

    #[derive(serde::Deserialize)]
    struct MkRef {
        s: i64,
        var_s: f64,
        z: f64,
        p: f64,
        tau_a: f64,
        tau_b: Option<f64>,
        p_exact: Option<f64>,
    }

    #[derive(serde::Deserialize)]
    struct SenRef {
        slope: f64,
        intercept: f64,
        lower: Option<f64>,
        upper: Option<f64>,
        n_slopes: usize,
    }

    #[derive(serde::Deserialize)]
    struct SenPymkRef {
        slope: f64,
        intercept: f64,
    }

    #[derive(serde::Deserialize)]
    struct OlsRef {
        slope: f64,
        intercept: f64,
        stderr: Option<f64>,
        lower: Option<f64>,
        upper: Option<f64>,
        p: Option<f64>,
    }

    #[derive(serde::Deserialize)]
    struct ApcCase {
        id: String,
        level: f64,
        times: Vec<f64>,
        counts: Vec<f64>,
        populations: Vec<f64>,
        a: f64,
        b: f64,
        se_b: f64,
        dispersion: f64,
        apc: f64,
        lower: f64,
        upper: f64,
    }

    fn fixtures() -> Fixtures {
        serde_json::from_str(include_str!("../../../../tests/reference/trend_cases.json"))
            .expect("tests/reference/trend_cases.json parses")
    }

    #[track_caller]
    fn assert_close_opt(what: &str, actual: Option<f64>, expected: Option<f64>) {
        match (actual, expected) {
            (Some(a), Some(e)) => assert_close(what, a, e),
            (None, None) => {}
            _ => panic!("{what}: got {actual:?}, expected {expected:?}"),
        }
    }

    #[test]
    fn fixtures_mann_kendall() {
        let fx = fixtures();
        assert!(fx.series.len() >= 300);
        let mut exact = 0;
        for c in &fx.series {
            let id = &c.id;
            let mk = mann_kendall(&c.values).expect(id);
            assert_eq!(mk.s, c.mk.s, "{id}: S");
            assert_close(&format!("{id}: var_s"), mk.var_s, c.mk.var_s);
            assert_close(&format!("{id}: z"), mk.z, c.mk.z);
            assert_close(&format!("{id}: p"), mk.p_normal, c.mk.p);
            assert_close(&format!("{id}: tau"), mk.tau_a, c.mk.tau_a);
            // scipy's tau-b of a constant series is NaN (null); ours is None.
            assert_close_opt(&format!("{id}: tau_b"), mk.tau_b, c.mk.tau_b);
            assert_close_opt(&format!("{id}: exact p"), mk.p_exact, c.mk.p_exact);
            exact += usize::from(mk.p_exact.is_some());
        }
        assert!(exact >= 30, "only {exact} series with an exact p");
    }

    #[test]
    fn fixtures_sen_slope() {
        let fx = fixtures();
        let mut pymk = 0;
        for c in &fx.series {
            let id = &c.id;
            let level = Level::new(c.level).expect(id);
            let sen = sen_slope(&c.times, &c.values, level).expect(id);
            assert_close(&format!("{id}: slope"), sen.slope, c.sen.slope);
            assert_close(&format!("{id}: intercept"), sen.intercept, c.sen.intercept);
            assert_close_opt(&format!("{id}: lower"), sen.lower, c.sen.lower);
            assert_close_opt(&format!("{id}: upper"), sen.upper, c.sen.upper);
            assert_eq!(sen.n_slopes, c.sen.n_slopes, "{id}");
            assert_eq!(
                sen.warning.is_some(),
                c.sen.lower.is_none() || c.sen.upper.is_none(),
                "{id}"
            );
            if let Some(r) = &c.sen_pymk {
                assert!(c.unit_spaced, "{id}");
                assert_close(&format!("{id}: pymk slope"), sen.slope, r.slope);
                assert_close(&format!("{id}: pymk intercept"), sen.intercept, r.intercept);
                pymk += 1;
            }
        }
        assert!(pymk >= 100, "only {pymk} unit-spaced series");
    }

    #[test]
    fn fixtures_ols() {
        for c in &fixtures().series {
            let id = &c.id;
            let level = Level::new(c.level).expect(id);
            let fit = ols(&c.times, &c.values, level).expect(id);
            assert_close(&format!("{id}: slope"), fit.slope, c.ols.slope);
            assert_close(&format!("{id}: intercept"), fit.intercept, c.ols.intercept);
            // scipy gives NaN (null) for a constant series; ours is None with a reason.
            let r = &c.ols;
            assert_close_opt(&format!("{id}: se"), fit.se, r.stderr);
            assert_close_opt(&format!("{id}: lower"), fit.slope_lower, r.lower);
            assert_close_opt(&format!("{id}: upper"), fit.slope_upper, r.upper);
            assert_close_opt(&format!("{id}: p"), fit.p, r.p);
            assert_eq!(fit.reason.is_some(), r.p.is_none(), "{id}");
        }
    }

    #[test]
    fn fixtures_apc() {
        let fx = fixtures();
        assert!(fx.apc.len() >= 100);
        let mut with_zero = 0;
        for c in &fx.apc {
            let id = &c.id;
            let level = Level::new(c.level).expect(id);
            let fit = annual_percent_change(&c.times, &c.counts, &c.populations, level).expect(id);
            assert_close(&format!("{id}: a"), fit.a, c.a);
            assert_close(&format!("{id}: b"), fit.b, c.b);
            assert_close(&format!("{id}: se_b"), fit.se_b, c.se_b);
            assert_close(&format!("{id}: dispersion"), fit.dispersion, c.dispersion);
            assert_close(&format!("{id}: apc"), fit.apc, c.apc);
            assert_close(&format!("{id}: lower"), fit.lower, c.lower);
            assert_close(&format!("{id}: upper"), fit.upper, c.upper);
            with_zero += usize::from(c.counts.contains(&0.0));
        }
        assert!(with_zero >= 5, "only {with_zero} series with a zero count");
    }

    // ----- Numerical edge cases of issue 18: tests/reference/trend_edge_cases.json -----

    /// A p-value against its reference: within 1e-9 relative, or 1e-12 absolute where the
    /// reference is below 1e-300 (where doubles lose their relative digits). Returns the
    /// relative error, for the report of the largest one.
    #[track_caller]
    fn assert_p(what: &str, actual: f64, expected: f64) -> f64 {
        assert!(
            actual.is_finite() && (0.0..=1.0).contains(&actual),
            "{what}: {actual}"
        );
        if expected < 1e-300 {
            assert!(
                (actual - expected).abs() <= 1e-12,
                "{what}: got {actual:e}, expected {expected:e}"
            );
            return 0.0;
        }
        let rel = (actual - expected).abs() / expected;
        assert!(
            rel <= 1e-9,
            "{what}: got {actual:e}, expected {expected:e} (relative error {rel:e})"
        );
        rel
    }

    #[derive(serde::Deserialize)]
    struct Edge {
        mk_tail: Vec<EdgeMk>,
        random_mk: Vec<EdgeMk>,
        ols_tail: Vec<EdgeOls>,
        ols_degenerate: Vec<EdgeOlsDegenerate>,
        constant: Vec<EdgeConstant>,
        apc_constant: Vec<EdgeApc>,
    }

    #[derive(serde::Deserialize)]
    struct EdgeMk {
        id: String,
        ties: bool,
        values: Vec<f64>,
        s: i64,
        var_s: f64,
        z: f64,
        /// mpmath's erfc of the exact z.
        p: f64,
        /// scipy.special.erfc of the double z.
        p_scipy: f64,
    }

    #[derive(serde::Deserialize)]
    struct EdgeOls {
        id: String,
        level: f64,
        times: Vec<f64>,
        values: Vec<f64>,
        slope: f64,
        intercept: f64,
        se: f64,
        lower: f64,
        upper: f64,
        p: f64,
    }

    #[derive(serde::Deserialize)]
    struct EdgeOlsDegenerate {
        id: String,
        why: String,
        times: Vec<f64>,
        values: Vec<f64>,
        slope: f64,
        intercept: f64,
        se: Option<f64>,
        lower: Option<f64>,
        upper: Option<f64>,
        p: Option<f64>,
    }

    #[derive(serde::Deserialize)]
    struct EdgeConstant {
        id: String,
        times: Vec<f64>,
        values: Vec<f64>,
        mk: EdgeConstantMk,
        sen: EdgeConstantSen,
    }

    #[derive(serde::Deserialize)]
    struct EdgeConstantMk {
        s: i64,
        var_s: f64,
        z: f64,
        p: f64,
        tau_b: Option<f64>,
    }

    #[derive(serde::Deserialize)]
    struct EdgeConstantSen {
        slope: f64,
        intercept: f64,
        lower: f64,
        upper: f64,
    }

    #[derive(serde::Deserialize)]
    struct EdgeApc {
        id: String,
        times: Vec<f64>,
        counts: Vec<f64>,
        populations: Vec<f64>,
        b: f64,
        se_b: f64,
        dispersion: f64,
        apc: f64,
        lower: f64,
        upper: f64,
    }

    fn edge() -> Edge {
        serde_json::from_str(include_str!(
            "../../../../tests/reference/trend_edge_cases.json"
        ))
        .expect("tests/reference/trend_edge_cases.json parses")
    }

    #[test]
    fn edge_mann_kendall_tails_to_1e_300() {
        let fx = edge();
        let (mut worst, mut tiny, mut ties) = (0.0_f64, 0, 0);
        for c in fx.mk_tail.iter().chain(&fx.random_mk) {
            let id = &c.id;
            let mk = mann_kendall(&c.values).expect(id);
            assert_eq!(mk.s, c.s, "{id}: S");
            assert_close(&format!("{id}: var_s"), mk.var_s, c.var_s);
            assert_close(&format!("{id}: z"), mk.z, c.z);
            worst = worst.max(assert_p(&format!("{id}: p"), mk.p_normal, c.p));
            assert_p(&format!("{id}: p (scipy)"), mk.p_normal, c.p_scipy);
            if mk.p_method == PMethod::Normal {
                assert_eq!(mk.p, mk.p_normal, "{id}");
            }
            tiny += usize::from(c.p < 1e-100 && c.p >= 1e-300);
            ties += usize::from(c.ties);
        }
        assert!(
            tiny >= 20 && ties >= 50,
            "{tiny} p in [1e-300, 1e-100), {ties} with ties"
        );
        eprintln!("Mann-Kendall p: largest relative error {worst:e}");
    }

    #[test]
    fn edge_ols_p_values_at_extreme_t() {
        let mut worst = 0.0_f64;
        let mut tiny = 0;
        for c in &edge().ols_tail {
            let id = &c.id;
            let level = Level::new(c.level).expect(id);
            let fit = ols(&c.times, &c.values, level).expect(id);
            assert_eq!(fit.reason, None, "{id}");
            assert_close(&format!("{id}: slope"), fit.slope, c.slope);
            assert_close(&format!("{id}: intercept"), fit.intercept, c.intercept);
            assert_close_opt(&format!("{id}: se"), fit.se, Some(c.se));
            assert_close_opt(&format!("{id}: lower"), fit.slope_lower, Some(c.lower));
            assert_close_opt(&format!("{id}: upper"), fit.slope_upper, Some(c.upper));
            let p = fit.p.expect("a p-value");
            worst = worst.max(assert_p(&format!("{id}: p"), p, c.p));
            tiny += usize::from(c.p < 1e-100);
        }
        assert!(tiny >= 5, "only {tiny} p below 1e-100");
        eprintln!("OLS p: largest relative error {worst:e}");
    }

    #[test]
    fn edge_ols_degenerate_fits_have_no_p() {
        let fx = edge();
        let mut seen = std::collections::BTreeMap::new();
        for c in &fx.ols_degenerate {
            let id = &c.id;
            // statsmodels gives NaN, 0 or rounding noise here; the design is empty cells.
            assert_eq!(
                (c.se, c.lower, c.upper, c.p),
                (None, None, None, None),
                "{id}"
            );
            let fit = ols(&c.times, &c.values, Level::P95).expect(id);
            let why = match c.why.as_str() {
                "constant" => "constant",
                "perfect fit" => "straight line",
                "2 points" => "2 points",
                other => panic!("{id}: unknown case {other}"),
            };
            // The slope and intercept of the exact line, to the rounding of the inputs.
            let scale = c.values.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
            assert!(
                (fit.slope - c.slope).abs() <= 1e-9 * scale,
                "{id}: slope {} vs {}",
                fit.slope,
                c.slope
            );
            assert!(
                (fit.intercept - c.intercept).abs() <= 1e-9 * scale,
                "{id}: intercept {} vs {}",
                fit.intercept,
                c.intercept
            );
            assert_eq!(
                (fit.se, fit.slope_lower, fit.slope_upper, fit.p),
                (None, None, None, None),
                "{id}: {fit:?}"
            );
            let reason = fit.reason.as_deref().unwrap_or_default();
            assert!(reason.contains(why), "{id}: {reason}");
            *seen.entry(c.why.as_str()).or_insert(0) += 1;
        }
        assert!(
            seen.len() == 3 && seen.values().all(|&k| k >= 3),
            "{seen:?}"
        );
    }

    #[test]
    fn edge_constant_series() {
        let fx = edge();
        for c in &fx.constant {
            let id = &c.id;
            // pymannkendall: S = 0, Var(S) = 0, z = 0, p = 1; scipy's tau-b: NaN.
            let mk = mann_kendall(&c.values).expect(id);
            assert_eq!(
                (mk.s, mk.var_s, mk.z, mk.p),
                (c.mk.s, c.mk.var_s, c.mk.z, c.mk.p)
            );
            assert_eq!((mk.tau_b, c.mk.tau_b), (None, None), "{id}");
            assert_eq!(mk.tau_a, 0.0, "{id}");
            // Every pairwise slope is 0: slope 0, interval (0, 0).
            let sen = sen_slope(&c.times, &c.values, Level::P95).expect(id);
            assert_eq!(sen.slope, c.sen.slope, "{id}");
            assert_eq!(sen.intercept, c.sen.intercept, "{id}");
            assert_eq!(
                (sen.lower, sen.upper),
                (Some(c.sen.lower), Some(c.sen.upper))
            );
            // OLS: no standard error.
            let fit = ols(&c.times, &c.values, Level::P95).expect(id);
            assert_eq!(
                (fit.slope, fit.p, fit.slope_lower),
                (0.0, None, None),
                "{id}"
            );
        }
        // APC of constant counts: b = 0 (statsmodels: ±3e-16), X² = 0 so φ = 1, and a
        // Poisson interval (the variance comes from the mean, not from residuals).
        for c in &fx.apc_constant {
            let id = &c.id;
            let fit =
                annual_percent_change(&c.times, &c.counts, &c.populations, Level::P95).expect(id);
            assert_close(&format!("{id}: b"), fit.b, c.b);
            assert_close(&format!("{id}: se_b"), fit.se_b, c.se_b);
            assert_eq!(fit.dispersion, c.dispersion, "{id}");
            assert_close(&format!("{id}: apc"), fit.apc, c.apc);
            assert_close(&format!("{id}: lower"), fit.lower, c.lower);
            assert_close(&format!("{id}: upper"), fit.upper, c.upper);
        }
    }
}
