//! Unusual counts in a series of time windows (the situation picture, lägesbild): the expected
//! count and its over-dispersion from baseline windows, the tail probabilities of the current
//! count under a negative binomial (or Poisson) model, and the flag.
//!
//! # Formula
//! For baseline counts y₁..yₘ: μ = ȳ, φ = max(1, Σ(yᵢ − ȳ)²/ȳ / (m − 1)) (φ = 1 when ȳ = 0 or
//! m < 2). The current count y is compared with Y ~ negative binomial with mean μ and variance
//! φμ (scipy's `nbinom(n = μ/(φ − 1), p = 1/φ)`), or Poisson(μ) when φ = 1:
//! p_high = P(Y ≥ y), p_low = P(Y ≤ y). Farrington et al. (1996), Noufaily et al. (2013).

use statrs::distribution::{Discrete, DiscreteCDF, Poisson};

/// The expected count of a window and its dispersion, from the baseline windows' counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    /// μ: the mean of the baseline counts.
    pub mean: f64,
    /// φ ≥ 1: the variance-to-mean ratio of the baseline counts (1 = Poisson).
    pub dispersion: f64,
    /// m: how many windows the baseline has.
    pub windows: usize,
}

impl Baseline {
    /// The baseline of `counts`, or `None` when there are none (or one is not a finite number
    /// ≥ 0).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::Baseline;
    /// let b = Baseline::of(&[4.0, 6.0, 5.0, 9.0, 1.0, 5.0]).unwrap();
    /// assert_eq!(b.mean, 5.0);
    /// // Σ(y − ȳ)² = 34, / ȳ = 6.8, / (m − 1) = 1.36
    /// assert!((b.dispersion - 1.36).abs() < 1e-12);
    /// // Less spread than Poisson counts: φ is never below 1.
    /// assert_eq!(Baseline::of(&[5.0, 5.0, 5.0]).unwrap().dispersion, 1.0);
    /// ```
    pub fn of(counts: &[f64]) -> Option<Baseline> {
        if counts.is_empty() || counts.iter().any(|c| !c.is_finite() || *c < 0.0) {
            return None;
        }
        let m = counts.len();
        let mean = counts.iter().sum::<f64>() / m as f64;
        let dispersion = if mean == 0.0 || m < 2 {
            1.0
        } else {
            let ss: f64 = counts.iter().map(|c| (c - mean).powi(2)).sum();
            (ss / mean / (m - 1) as f64).max(1.0)
        };
        Some(Baseline {
            mean,
            dispersion,
            windows: m,
        })
    }

    /// The same baseline with its mean scaled by `factor` (a partial month or quarter: covered
    /// days / days in the period); the dispersion is kept.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::Baseline;
    /// let b = Baseline::of(&[30.0, 30.0, 30.0]).unwrap().scaled(0.5);
    /// assert_eq!(b.mean, 15.0);
    /// ```
    pub fn scaled(self, factor: f64) -> Baseline {
        Baseline {
            mean: self.mean * factor,
            ..self
        }
    }
}

/// The model of a window's count: negative binomial with mean μ and variance φμ, Poisson when
/// φ = 1, a point mass at 0 when μ = 0.
#[derive(Debug, Clone, Copy)]
pub struct CountModel {
    mean: f64,
    dispersion: f64,
}

impl CountModel {
    /// The model with mean `mean` (μ ≥ 0) and dispersion `dispersion` (φ ≥ 1; below 1 is taken
    /// as 1). `None` for a mean that is negative or not finite.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::CountModel;
    /// let poisson = CountModel::new(4.0, 1.0).unwrap();
    /// // scipy.stats.poisson(4).sf(9) = P(Y ≥ 10) = 0.008132242796933871
    /// assert!((poisson.p_at_least(10) - 0.008132242796933871).abs() < 1e-15);
    /// ```
    pub fn new(mean: f64, dispersion: f64) -> Option<CountModel> {
        if !mean.is_finite() || mean < 0.0 || dispersion.is_nan() {
            return None;
        }
        Some(CountModel {
            mean,
            dispersion: dispersion.max(1.0),
        })
    }

    /// The model of a [`Baseline`].
    pub fn of(baseline: &Baseline) -> Option<CountModel> {
        CountModel::new(baseline.mean, baseline.dispersion)
    }

    /// P(Y ≥ y), straight from the survival function (no cancellation in the tail).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::CountModel;
    /// let nb = CountModel::new(5.0, 2.0).unwrap();
    /// // scipy.stats.nbinom(5, 0.5).sf(14) = P(Y ≥ 15) = 0.00960540771484375
    /// assert!((nb.p_at_least(15) - 0.00960540771484375).abs() < 1e-15);
    /// assert_eq!(nb.p_at_least(0), 1.0);
    /// ```
    pub fn p_at_least(&self, y: u64) -> f64 {
        if y == 0 {
            return 1.0;
        }
        if self.mean == 0.0 {
            return 0.0;
        }
        match self.distribution(y) {
            Distribution::Poisson(d) => d.sf(y - 1),
            Distribution::NegativeBinomial(d) => d.sf_from(y),
        }
    }

    /// P(Y ≤ y).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::CountModel;
    /// let poisson = CountModel::new(10.0, 1.0).unwrap();
    /// // scipy.stats.poisson(10).cdf(2) = 0.0027693957155115775
    /// assert!((poisson.p_at_most(2) - 0.0027693957155115775).abs() < 1e-15);
    /// ```
    pub fn p_at_most(&self, y: u64) -> f64 {
        if self.mean == 0.0 {
            return 1.0;
        }
        match self.distribution(y) {
            Distribution::Poisson(d) => d.cdf(y),
            Distribution::NegativeBinomial(d) => d.cdf(y),
        }
    }

    /// The smallest count q with P(Y ≤ q) ≥ `p` (scipy's `ppf`), for the expected band of a
    /// chart (`p` = 0.005 and 0.995 for a 99 % band).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::CountModel;
    /// let poisson = CountModel::new(10.0, 1.0).unwrap();
    /// // scipy.stats.poisson(10).ppf([0.005, 0.995]) = [3, 19]
    /// assert_eq!((poisson.quantile(0.005), poisson.quantile(0.995)), (3, 19));
    /// ```
    pub fn quantile(&self, p: f64) -> u64 {
        if self.mean == 0.0 || p <= 0.0 {
            return 0;
        }
        // A doubling search for an upper end, then bisection on the CDF.
        let mut hi: u64 = (self.mean.ceil() as u64).max(1);
        while self.p_at_most(hi) < p {
            if hi > u64::MAX / 4 {
                return hi;
            }
            hi *= 2;
        }
        let mut lo: u64 = 0;
        if self.p_at_most(0) >= p {
            return 0;
        }
        // Invariant: cdf(lo) < p ≤ cdf(hi).
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if self.p_at_most(mid) >= p {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// P(Y = y).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::surveillance::CountModel;
    /// // scipy.stats.poisson(2).pmf(0) = exp(-2)
    /// assert!((CountModel::new(2.0, 1.0).unwrap().p_equal(0) - (-2.0f64).exp()).abs() < 1e-15);
    /// ```
    pub fn p_equal(&self, y: u64) -> f64 {
        if self.mean == 0.0 {
            return if y == 0 { 1.0 } else { 0.0 };
        }
        match self.distribution(y) {
            Distribution::Poisson(d) => d.pmf(y),
            Distribution::NegativeBinomial(d) => d.pmf(y),
        }
    }

    /// The distribution to evaluate at count `y`. A dispersion a hair above 1 (floating-point
    /// noise in a baseline's variance) makes the negative binomial's size r = μ/(φ − 1)
    /// astronomically large; there it equals the Poisson to within ((y − μ)² + y)/(2r)
    /// relative, and the Poisson is used once that is below 1e-15.
    fn distribution(&self, y: u64) -> Distribution {
        let r = self.mean / (self.dispersion - 1.0);
        let poisson_error = ((y as f64 - self.mean).powi(2) + y as f64 + 1.0) / (2.0 * r);
        if self.dispersion <= 1.0 || poisson_error < 1e-15 {
            // ok: mean > 0 and finite here.
            Distribution::Poisson(Poisson::new(self.mean).expect("mean > 0"))
        } else {
            Distribution::NegativeBinomial(NegativeBinomial::new(self.mean, self.dispersion))
        }
    }
}

enum Distribution {
    Poisson(Poisson),
    NegativeBinomial(NegativeBinomial),
}

/// The negative binomial with mean μ and variance φμ (size r = μ/(φ − 1), success probability
/// p = 1/φ), evaluated by summing its probabilities, each from the one before
/// (P(k + 1) = P(k)·(r + k)/(k + 1)·(1 − p)), in log space. statrs' `NegativeBinomial` goes
/// through the regularised incomplete beta function, which loses all precision when r is large
/// (φ near 1: already 1e-8 relative at φ = 1 + 1e-6); this stays within about 1e-13 of scipy.
#[derive(Debug, Clone, Copy)]
struct NegativeBinomial {
    r: f64,
    /// ln p = −ln φ.
    ln_p: f64,
    /// ln(1 − p) = ln((φ − 1)/φ).
    ln_q: f64,
    /// The most likely count.
    mode: u64,
}

/// A running sum of exp(lᵢ) kept as exp(max)·sum, so that tiny terms neither underflow nor
/// lose the larger ones.
#[derive(Debug, Clone, Copy)]
struct LogSum {
    max: f64,
    sum: f64,
}

impl LogSum {
    fn of(l: f64) -> LogSum {
        LogSum { max: l, sum: 1.0 }
    }

    fn add(&mut self, l: f64) {
        if l > self.max {
            self.sum = self.sum * (self.max - l).exp() + 1.0;
            self.max = l;
        } else {
            self.sum += (l - self.max).exp();
        }
    }

    fn value(self) -> f64 {
        (self.max + self.sum.ln()).exp()
    }
}

impl NegativeBinomial {
    /// Beyond this many terms a tail sum stops (φ in the thousands; never met by baselines of
    /// incident counts).
    const MAX_TERMS: u64 = 50_000_000;

    fn new(mean: f64, dispersion: f64) -> NegativeBinomial {
        let excess = dispersion - 1.0;
        NegativeBinomial {
            r: mean / excess,
            ln_p: -excess.ln_1p(),
            ln_q: (excess / dispersion).ln(),
            mode: (mean - excess).max(0.0).floor() as u64,
        }
    }

    /// ln P(k + 1) from ln P(k).
    fn next(&self, ln_pmf: f64, k: u64) -> f64 {
        ln_pmf + (self.r + k as f64).ln() - ((k + 1) as f64).ln() + self.ln_q
    }

    /// ln P(0) = r ln p.
    fn ln_pmf_zero(&self) -> f64 {
        self.r * self.ln_p
    }

    fn pmf(&self, y: u64) -> f64 {
        let mut l = self.ln_pmf_zero();
        for k in 0..y {
            l = self.next(l, k);
        }
        l.exp()
    }

    /// P(Y ≤ y): the sum of P(0)..P(y), every term positive.
    fn cdf(&self, y: u64) -> f64 {
        let mut l = self.ln_pmf_zero();
        let mut sum = LogSum::of(l);
        for k in 0..y {
            l = self.next(l, k);
            sum.add(l);
        }
        sum.value().min(1.0)
    }

    /// P(Y ≥ y): 1 − P(Y ≤ y − 1) up to the mode (no cancellation: the result is not small
    /// there), else the sum of the upper tail until its terms no longer count.
    fn sf_from(&self, y: u64) -> f64 {
        if y == 0 {
            return 1.0;
        }
        if y <= self.mode + 1 {
            return (1.0 - self.cdf(y - 1)).max(0.0);
        }
        let mut l = self.ln_pmf_zero();
        for k in 0..y {
            l = self.next(l, k);
        }
        let mut sum = LogSum::of(l);
        let mut k = y;
        while k - y < Self::MAX_TERMS {
            l = self.next(l, k);
            k += 1;
            sum.add(l);
            if l - sum.max < -40.0 - sum.sum.ln() {
                break;
            }
        }
        sum.value().min(1.0)
    }
}

/// How a window's count stands against what was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Unusually high: p_high < α and at least 3 incidents.
    High,
    /// Unusually low: p_low < α and at least 5 expected.
    Low,
    /// Within what the baseline leads one to expect.
    Normal,
    /// Not enough history for a baseline.
    TooFew,
}

impl Flag {
    /// The code written in tables: `high`, `low`, `normal`, `too few`.
    pub fn code(self) -> &'static str {
        match self {
            Flag::High => "high",
            Flag::Low => "low",
            Flag::Normal => "normal",
            Flag::TooFew => "too few",
        }
    }
}

/// The smallest count that can be flagged high, and the smallest expected count below which
/// nothing is flagged low.
pub const MIN_HIGH_COUNT: u64 = 3;
/// See [`MIN_HIGH_COUNT`].
pub const MIN_LOW_EXPECTED: f64 = 5.0;

/// The tail probabilities and flag of a count `y` against a model, at significance `alpha`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assessment {
    /// P(Y ≥ y).
    pub p_high: f64,
    /// P(Y ≤ y).
    pub p_low: f64,
    /// high, low or normal.
    pub flag: Flag,
}

/// Assesses count `y` against `model` at significance `alpha` (0.01 in the situation picture).
///
/// # Examples
/// ```
/// use bra_indicators::stats::surveillance::{assess, CountModel, Flag};
/// let model = CountModel::new(4.0, 1.0).unwrap();
/// assert_eq!(assess(12, &model, 0.01).flag, Flag::High); // P(Y ≥ 12) ≈ 0.0009
/// assert_eq!(assess(0, &model, 0.01).flag, Flag::Normal); // μ = 4 < 5: never low
/// let big = CountModel::new(40.0, 1.0).unwrap();
/// assert_eq!(assess(20, &big, 0.01).flag, Flag::Low);
/// ```
pub fn assess(y: u64, model: &CountModel, alpha: f64) -> Assessment {
    let p_high = model.p_at_least(y);
    let p_low = model.p_at_most(y);
    let flag = if p_high < alpha && y >= MIN_HIGH_COUNT {
        Flag::High
    } else if p_low < alpha && model.mean >= MIN_LOW_EXPECTED {
        Flag::Low
    } else {
        Flag::Normal
    };
    Assessment {
        p_high,
        p_low,
        flag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct TailCase {
        y: u64,
        mean: f64,
        dispersion: f64,
        p_high: f64,
        p_low: f64,
        q005: u64,
        q995: u64,
    }

    #[derive(serde::Deserialize)]
    struct BaselineCase {
        counts: Vec<f64>,
        mean: f64,
        dispersion: f64,
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        tails: Vec<TailCase>,
        baselines: Vec<BaselineCase>,
    }

    fn fixture() -> Fixture {
        serde_json::from_str(include_str!(
            "../../../../tests/reference/surveillance_cases.json"
        ))
        .expect("tests/reference/surveillance_cases.json parses")
    }

    fn close(got: f64, want: f64) -> bool {
        if want < 1e-300 {
            (got - want).abs() <= 1e-300
        } else {
            (got - want).abs() <= 1e-9 * want
        }
    }

    /// Issue 17: p_high and p_low against scipy's `nbinom`/`poisson` (sf and cdf) to 1e-9
    /// relative, the 99 % band against `ppf`, on generated cases
    /// (tests/reference/surveillance_reference.py).
    #[test]
    fn tails_and_quantiles_match_scipy() {
        let fx = fixture();
        assert!(fx.tails.len() >= 500);
        let mut failures = Vec::new();
        for c in &fx.tails {
            let m = CountModel::new(c.mean, c.dispersion).unwrap();
            let (h, l) = (m.p_at_least(c.y), m.p_at_most(c.y));
            let band = (m.quantile(0.005), m.quantile(0.995));
            if !close(h, c.p_high) || !close(l, c.p_low) || band != (c.q005, c.q995) {
                failures.push(format!(
                    "y={} μ={} φ={}: p_high {h:e} vs {:e}, p_low {l:e} vs {:e}, band {band:?} vs ({}, {})",
                    c.y, c.mean, c.dispersion, c.p_high, c.p_low, c.q005, c.q995
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases differ from scipy:\n{}",
            failures.len(),
            fx.tails.len(),
            failures.join("\n")
        );
    }

    /// μ and φ against numpy on generated baselines.
    #[test]
    fn baselines_match_numpy() {
        let fx = fixture();
        assert!(fx.baselines.len() >= 100);
        for c in &fx.baselines {
            let b = Baseline::of(&c.counts).unwrap();
            assert!(
                (b.mean - c.mean).abs() <= 1e-12 * c.mean.max(1.0),
                "{:?}",
                c.counts
            );
            assert!(
                (b.dispersion - c.dispersion).abs() <= 1e-12 * c.dispersion,
                "{:?}: {} vs {}",
                c.counts,
                b.dispersion,
                c.dispersion
            );
        }
    }

    #[test]
    fn zero_mean_is_a_point_mass() {
        let m = CountModel::new(0.0, 1.0).unwrap();
        assert_eq!((m.p_at_least(0), m.p_at_least(1)), (1.0, 0.0));
        assert_eq!(m.p_at_most(0), 1.0);
        assert_eq!(m.quantile(0.995), 0);
        assert_eq!(assess(3, &m, 0.01).flag, Flag::High);
        assert!(CountModel::new(-1.0, 1.0).is_none());
        assert!(Baseline::of(&[]).is_none());
        assert!(Baseline::of(&[1.0, f64::NAN]).is_none());
    }
}
