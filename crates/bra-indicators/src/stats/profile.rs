//! The numbers of a kommun profile (spine chart): the spread of an indicator over the
//! comparison areas (quartiles by linear interpolation, as pandas' and numpy's default) and an
//! area's rank by the indicator's polarity.

use super::Polarity;

/// The spread of values over the comparison areas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The smallest value.
    pub min: f64,
    /// The 25th percentile.
    pub q25: f64,
    /// The median.
    pub median: f64,
    /// The 75th percentile.
    pub q75: f64,
    /// The largest value.
    pub max: f64,
}

/// The q-quantile (0 ≤ q ≤ 1) of `values` by linear interpolation between the order
/// statistics at (n − 1)·q (numpy's `linear`, pandas' default). `None` for no values, a
/// value that is NaN, or q outside [0, 1].
///
/// # Examples
/// ```
/// use bra_indicators::stats::profile::quantile;
/// // pandas.Series([1, 2, 3, 4]).quantile(0.25) = 1.75
/// assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.25), Some(1.75));
/// ```
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let sorted = sorted(values)?;
    quantile_sorted(&sorted, q)
}

fn sorted(values: &[f64]) -> Option<Vec<f64>> {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(v)
}

fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if !(0.0..=1.0).contains(&q) || sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

impl Spread {
    /// The spread of `values`, or `None` for no values (or a NaN).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::stats::profile::Spread;
    /// let s = Spread::of(&[10.0, 40.0, 20.0, 30.0, 50.0]).unwrap();
    /// assert_eq!((s.min, s.q25, s.median, s.q75, s.max), (10.0, 20.0, 30.0, 40.0, 50.0));
    /// ```
    pub fn of(values: &[f64]) -> Option<Spread> {
        let v = sorted(values)?;
        Some(Spread {
            min: v[0],
            q25: quantile_sorted(&v, 0.25)?,
            median: quantile_sorted(&v, 0.5)?,
            q75: quantile_sorted(&v, 0.75)?,
            max: v[v.len() - 1],
        })
    }
}

/// The rank of `value` among `values` (which should include it), 1 = best by `polarity`; ties
/// share the smallest rank (pandas' `rank(method="min")`); `None` for a neutral indicator or
/// a NaN.
///
/// # Examples
/// ```
/// use bra_indicators::{stats::profile::rank, Polarity};
/// let rates = [900.0, 1_100.0, 1_100.0, 1_400.0];
/// assert_eq!(rank(&rates, 1_100.0, Polarity::LowerIsBetter), Some(2));
/// assert_eq!(rank(&rates, 1_100.0, Polarity::HigherIsBetter), Some(2));
/// assert_eq!(rank(&rates, 900.0, Polarity::HigherIsBetter), Some(4));
/// assert_eq!(rank(&rates, 900.0, Polarity::Neutral), None);
/// ```
pub fn rank(values: &[f64], value: f64, polarity: Polarity) -> Option<usize> {
    if value.is_nan() || values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let better = match polarity {
        Polarity::LowerIsBetter => values.iter().filter(|v| **v < value).count(),
        Polarity::HigherIsBetter => values.iter().filter(|v| **v > value).count(),
        Polarity::Neutral => return None,
    };
    Some(better + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        values: Vec<f64>,
        min: f64,
        q25: f64,
        median: f64,
        q75: f64,
        max: f64,
        rank_lower: Vec<usize>,
        rank_higher: Vec<usize>,
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        profile: Vec<Case>,
    }

    /// Issue 19: percentiles and ranks against pandas (tests/reference/profile_reference.py).
    #[test]
    fn spread_and_ranks_match_pandas() {
        let fx: Fixture = serde_json::from_str(include_str!(
            "../../../../tests/reference/profile_cases.json"
        ))
        .expect("tests/reference/profile_cases.json parses");
        assert!(fx.profile.len() >= 50);
        for c in &fx.profile {
            let s = Spread::of(&c.values).unwrap();
            for (got, want) in [
                (s.min, c.min),
                (s.q25, c.q25),
                (s.median, c.median),
                (s.q75, c.q75),
                (s.max, c.max),
            ] {
                assert!(
                    (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                    "{:?}: {got} vs {want}",
                    c.values
                );
            }
            for (i, v) in c.values.iter().enumerate() {
                assert_eq!(
                    rank(&c.values, *v, Polarity::LowerIsBetter),
                    Some(c.rank_lower[i])
                );
                assert_eq!(
                    rank(&c.values, *v, Polarity::HigherIsBetter),
                    Some(c.rank_higher[i])
                );
            }
        }
    }
}
