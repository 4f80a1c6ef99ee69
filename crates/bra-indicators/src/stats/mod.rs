//! Pure numerics on plain numbers: no polars, no files.
//!
//! Every function here takes numbers and returns numbers (or a typed result), so the same
//! code serves the command line, the report and other Rust programs.

pub mod compare;
pub mod funnel;
pub mod index;
mod level;
pub mod profile;
pub mod proportion;
pub mod rate;
pub mod smoothing;
pub mod surveillance;
pub mod trend;

pub use level::Level;
#[allow(unused_imports)]
pub(crate) use level::standard_normal;

/// Two-sided p-value of a standard normal statistic z: P(|Z| ≥ |z|) = erfc(|z|/√2).
///
/// The tail comes straight from the complementary error function (`libm`'s erfc, within about
/// 4e-16 relative of mpmath down to p = 1e-300), never as 1 − Φ(|z|), which cancels: at
/// p = 1e-9 that loses seven of the sixteen digits, and below 1e-16 it gives 0. The result
/// underflows to 0 only for |z| > 38.5. A NaN z gives NaN.
///
/// # Examples
/// ```
/// use bra_indicators::stats::normal_two_sided_p;
/// assert_eq!(normal_two_sided_p(0.0), 1.0);
/// // mpmath.erfc(2.204541 / sqrt(2)) = 0.02748631985054827
/// assert!((normal_two_sided_p(-2.204541) - 0.02748631985054827).abs() < 1e-16);
/// // Deep in the tail: mpmath.erfc(30 / sqrt(2)) = 9.813427854296374e-198.
/// let p = normal_two_sided_p(30.0);
/// assert!((p / 9.813427854296374e-198 - 1.0).abs() < 1e-12);
/// ```
pub fn normal_two_sided_p(z: f64) -> f64 {
    libm::erfc(z.abs() * std::f64::consts::FRAC_1_SQRT_2)
}

/// Which direction of an indicator is good: fewer crimes are better, more trust is better.
///
/// # Examples
/// ```
/// use bra_indicators::Polarity;
/// assert_eq!("lower-is-better".parse::<Polarity>()?, Polarity::LowerIsBetter);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// Lower values are better (reported crime, unsafety, worry).
    LowerIsBetter,
    /// Higher values are better (safety index, confidence in the justice system).
    HigherIsBetter,
    /// Neither direction is better; comparisons say only higher/lower.
    Neutral,
}

impl Polarity {
    /// The English code used in files: `lower-is-better`, `higher-is-better`, `neutral`.
    pub fn code(self) -> &'static str {
        match self {
            Polarity::LowerIsBetter => "lower-is-better",
            Polarity::HigherIsBetter => "higher-is-better",
            Polarity::Neutral => "neutral",
        }
    }
}

impl std::str::FromStr for Polarity {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> crate::error::Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "lower-is-better" | "lower" | "low" => Ok(Polarity::LowerIsBetter),
            "higher-is-better" | "higher" | "high" => Ok(Polarity::HigherIsBetter),
            "neutral" | "none" => Ok(Polarity::Neutral),
            _ => Err(crate::error::Error::InvalidArgument(format!(
                "expected a polarity (lower-is-better, higher-is-better or neutral), found \"{s}\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18: the normal tail to 1e-12 relative against mpmath at 50 digits
    /// (tests/reference/trend_edge_reference.py, section `normal_tail`), from p = 1 down to
    /// 1e-300, and 1e-300 absolute below. libm's erfc keeps this with room to spare (the
    /// rounding of |z|/√2 alone costs up to 2x²·1.1e-16 ≈ 1.5e-13 at p = 1e-300); statrs'
    /// erfc, used before, is off by up to 1e-10 and fails.
    #[test]
    fn normal_two_sided_p_matches_mpmath() {
        #[derive(serde::Deserialize)]
        struct Tail {
            z: f64,
            p: f64,
        }
        #[derive(serde::Deserialize)]
        struct Edge {
            normal_tail: Vec<Tail>,
        }
        let fx: Edge = serde_json::from_str(include_str!(
            "../../../../tests/reference/trend_edge_cases.json"
        ))
        .expect("tests/reference/trend_edge_cases.json parses");
        let mut worst = 0.0_f64;
        for c in &fx.normal_tail {
            let got = normal_two_sided_p(c.z);
            if c.p < 1e-300 {
                assert!(
                    (got - c.p).abs() <= 1e-300,
                    "z = {}: {got:e} vs {:e}",
                    c.z,
                    c.p
                );
                continue;
            }
            let rel = (got - c.p).abs() / c.p;
            assert!(rel <= 1e-12, "z = {}: {got:e} vs {:e} ({rel:e})", c.z, c.p);
            worst = worst.max(rel);
        }
        assert!(fx.normal_tail.len() >= 150);
        eprintln!("normal tail: largest relative error {worst:e}");
        assert_eq!(normal_two_sided_p(f64::INFINITY), 0.0);
        assert!(normal_two_sided_p(f64::NAN).is_nan());
    }
}
