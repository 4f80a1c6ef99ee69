//! Which year-end population a count is divided by (METHODS.md, "Population year").

use crate::error::{Error, Result};
use crate::period::Period;
use std::fmt;
use std::str::FromStr;

/// Which population a count of year Y (or of a half, quarter or month of Y) is divided by.
///
/// Brå divides by the population on 31 December of the year before (verified on Brå's
/// published per-kommun figures), so [`PopulationYear::Previous`] is the default.
///
/// # Examples
/// ```
/// use bra_indicators::{Period, PopulationYear};
/// let q: Period = "2020K1".parse()?;
/// assert_eq!(PopulationYear::default(), PopulationYear::Previous);
/// assert_eq!(PopulationYear::Previous.year_for(&q), Some(2019));
/// assert_eq!(PopulationYear::Same.year_for(&q), Some(2020));
/// assert_eq!("same".parse::<PopulationYear>()?, PopulationYear::Same);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PopulationYear {
    /// The population on 31 December of the year before the count's year (Brå's convention).
    #[default]
    Previous,
    /// The population on 31 December of the count's own year.
    Same,
}

impl PopulationYear {
    /// How many years before the count's calendar year the population is taken.
    pub fn offset(self) -> i32 {
        match self {
            PopulationYear::Previous => 1,
            PopulationYear::Same => 0,
        }
    }

    /// The year whose 31 December population a count for `period` is divided by; `None` for a
    /// range of several years.
    pub fn year_for(self, period: &Period) -> Option<i32> {
        period.calendar_year().map(|y| y - self.offset())
    }

    /// The option's spelling: `previous` or `same`.
    pub fn code(self) -> &'static str {
        match self {
            PopulationYear::Previous => "previous",
            PopulationYear::Same => "same",
        }
    }
}

impl fmt::Display for PopulationYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for PopulationYear {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "previous" => Ok(PopulationYear::Previous),
            "same" => Ok(PopulationYear::Same),
            other => Err(Error::InvalidArgument(format!(
                "expected a population year of previous or same, found \"{other}\""
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_annual_periods_take_the_year_before_their_calendar_year() {
        for p in ["2020", "2020H2", "2020K1", "2020M03", "2020M12"] {
            let p: Period = p.parse().unwrap();
            assert_eq!(PopulationYear::Previous.year_for(&p), Some(2019), "{p}");
            assert_eq!(PopulationYear::Same.year_for(&p), Some(2020), "{p}");
        }
        let range: Period = "2017-2019".parse().unwrap();
        assert_eq!(PopulationYear::Previous.year_for(&range), None);
    }

    #[test]
    fn parses_its_own_spelling_only() {
        for y in [PopulationYear::Previous, PopulationYear::Same] {
            assert_eq!(y.code().parse::<PopulationYear>().unwrap(), y);
        }
        let err = "last".parse::<PopulationYear>().unwrap_err().to_string();
        assert!(err.contains("previous or same") && err.contains("last"), "{err}");
    }
}
