//! Pure numerics on plain numbers: no polars, no files.
//!
//! Every function here takes numbers and returns numbers (or a typed result), so the same
//! code serves the command line, the report and other Rust programs.

pub mod compare;
pub mod funnel;
pub mod index;
mod level;
pub mod proportion;
pub mod rate;
pub mod trend;

pub use level::Level;
#[allow(unused_imports)]
pub(crate) use level::standard_normal;

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
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "lower-is-better" | "lower" | "low" => Ok(Polarity::LowerIsBetter),
            "higher-is-better" | "higher" | "high" => Ok(Polarity::HigherIsBetter),
            "neutral" | "none" => Ok(Polarity::Neutral),
            _ => Err(crate::Error::InvalidArgument(format!(
                "expected a polarity (lower-is-better, higher-is-better or neutral), found \"{s}\""
            ))),
        }
    }
}
