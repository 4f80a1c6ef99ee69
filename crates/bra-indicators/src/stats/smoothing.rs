//! Empirical-Bayes smoothing of rates in small areas: Marshall's global estimator, which pulls
//! each area's rate towards the mean of all areas, the more the smaller the area.
//!
//! # Formula
//! For areas i = 1..k with counts xᵢ and populations nᵢ, rᵢ = xᵢ/nᵢ: m = Σx/Σn,
//! s² = Σnᵢ(rᵢ − m)²/Σnᵢ, A = max(0, s² − m/(Σn/k)), Cᵢ = A/(A + m/nᵢ), smoothed
//! rᵢ* = m + Cᵢ(rᵢ − m), shrinkage 1 − Cᵢ. When m = 0 every smoothed rate is 0 with
//! shrinkage 1. Marshall, R. J. (1991), "Mapping disease and mortality rates using empirical
//! Bayes estimators", Applied Statistics 40(2), 283–294.

/// One area's smoothed rate (per inhabitant) and how far it was pulled towards the mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Smoothed {
    /// rᵢ*: the smoothed rate per inhabitant (multiply by 100 000 for the usual scale).
    pub rate: f64,
    /// 1 − Cᵢ: 0 keeps the area's own rate, 1 replaces it by the mean of all areas.
    pub shrinkage: f64,
}

/// Marshall's global empirical-Bayes estimates for areas with `counts` and `populations`
/// (the same length, in the same order). `None` when the lengths differ, there are no
/// areas, a count is negative or not finite, or a population is not a positive finite number.
///
/// # Examples
/// ```
/// use bra_indicators::stats::smoothing::empirical_bayes;
/// // A small kommun with a high rate and two large ones.
/// let s = empirical_bayes(&[30.0, 1_000.0, 1_200.0], &[2_000.0, 100_000.0, 110_000.0]).unwrap();
/// // m = 2 230 / 212 000 = 1 051.9 per 100 000; the small kommun's 1 500 is pulled towards it.
/// assert!(s[0].rate * 1e5 < 1_500.0 && s[0].rate * 1e5 > 1_051.9);
/// assert!(s[0].shrinkage > s[1].shrinkage);
/// ```
pub fn empirical_bayes(counts: &[f64], populations: &[f64]) -> Option<Vec<Smoothed>> {
    if counts.is_empty()
        || counts.len() != populations.len()
        || counts.iter().any(|x| !x.is_finite() || *x < 0.0)
        || populations.iter().any(|n| !n.is_finite() || *n <= 0.0)
    {
        return None;
    }
    let k = counts.len() as f64;
    let total_count: f64 = counts.iter().sum();
    let total_population: f64 = populations.iter().sum();
    let m = total_count / total_population;
    if m == 0.0 {
        return Some(vec![
            Smoothed {
                rate: 0.0,
                shrinkage: 1.0,
            };
            counts.len()
        ]);
    }
    let s2 = counts
        .iter()
        .zip(populations)
        .map(|(x, n)| n * (x / n - m).powi(2))
        .sum::<f64>()
        / total_population;
    let a = (s2 - m / (total_population / k)).max(0.0);
    Some(
        counts
            .iter()
            .zip(populations)
            .map(|(x, n)| {
                let c = a / (a + m / n);
                Smoothed {
                    rate: m + c * (x / n - m),
                    shrinkage: 1.0 - c,
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        counts: Vec<f64>,
        populations: Vec<f64>,
        smoothed: Vec<f64>,
        shrinkage: Vec<f64>,
    }

    #[derive(serde::Deserialize)]
    struct Fixture {
        smoothing: Vec<Case>,
    }

    /// Issue 19: against an independent numpy implementation (tests/reference/
    /// profile_reference.py) to 1e-9 relative (1e-12 absolute near 0).
    #[test]
    fn matches_the_reference() {
        let fx: Fixture = serde_json::from_str(include_str!(
            "../../../../tests/reference/profile_cases.json"
        ))
        .expect("tests/reference/profile_cases.json parses");
        assert!(fx.smoothing.len() >= 50);
        for c in &fx.smoothing {
            let got = empirical_bayes(&c.counts, &c.populations).unwrap();
            for (i, g) in got.iter().enumerate() {
                let (want_rate, want_shrink) = (c.smoothed[i] / 1e5, c.shrinkage[i]);
                let tol = |w: f64| (1e-9 * w.abs()).max(1e-12);
                assert!(
                    (g.rate - want_rate).abs() <= tol(want_rate),
                    "case {:?}: area {i}: {} vs {}",
                    c.counts,
                    g.rate,
                    want_rate
                );
                assert!(
                    (g.shrinkage - want_shrink).abs() <= tol(want_shrink),
                    "case {:?}: area {i}: shrinkage {} vs {}",
                    c.counts,
                    g.shrinkage,
                    want_shrink
                );
            }
        }
    }

    #[test]
    fn degenerate_inputs() {
        assert!(empirical_bayes(&[], &[]).is_none());
        assert!(empirical_bayes(&[1.0], &[0.0]).is_none());
        assert!(empirical_bayes(&[1.0, 2.0], &[10.0]).is_none());
        let zero = empirical_bayes(&[0.0, 0.0], &[10.0, 20.0]).unwrap();
        assert_eq!(
            zero[0],
            Smoothed {
                rate: 0.0,
                shrinkage: 1.0
            }
        );
        // Identical rates: no between-area variance, everything shrinks to the mean.
        let same = empirical_bayes(&[10.0, 20.0], &[1000.0, 2000.0]).unwrap();
        assert_eq!((same[0].rate, same[0].shrinkage), (0.01, 1.0));
    }
}
