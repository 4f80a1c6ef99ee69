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

    use crate::indicators::{RateOptions, rates};
    use crate::ingest::{ReadOptions, read_population_bytes, read_table_bytes};
    use crate::warning::WarningKind;

    const COUNTS: &str = "area,period,indicator,count\n\
        1982,2020,brott.totalt,1577\n\
        1982,2020K1,brott.totalt,400\n\
        1982,2020M03,brott.totalt,130\n";

    /// The rates of [`COUNTS`] on `population` under `year`, as (population_period, rate,
    /// status) per row, with the warnings.
    #[allow(clippy::type_complexity)]
    fn run(
        population: &str,
        year: PopulationYear,
    ) -> (
        Vec<(Option<String>, Option<f64>, Option<String>)>,
        Vec<crate::warning::Warning>,
    ) {
        let counts = read_table_bytes("c.csv", COUNTS.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table;
        let (pop, _) = read_population_bytes("p.csv", population.as_bytes()).unwrap();
        let options = RateOptions {
            population_year: year,
            ..RateOptions::default()
        };
        let out = rates(&counts, &pop, &options).unwrap();
        let f = &out.frame;
        let used = f.column("population_period").unwrap().str().unwrap();
        let rate = f.column("rate").unwrap().f64().unwrap();
        let status = f.column("status").unwrap().str().unwrap();
        let rows = (0..f.height())
            .map(|i| {
                (
                    used.get(i).map(str::to_string),
                    rate.get(i),
                    status.get(i).map(str::to_string),
                )
            })
            .collect();
        (rows, out.warnings)
    }

    const BOTH_YEARS: &str = "area,period,population\n1982,2019,13391\n1982,2020,13000\n";

    #[test]
    fn previous_year_end_for_years_quarters_and_months() {
        let (rows, warnings) = run(BOTH_YEARS, PopulationYear::Previous);
        for ((used, rate, status), count) in rows.iter().zip([1577.0, 400.0, 130.0]) {
            assert_eq!(used.as_deref(), Some("2019"));
            assert_eq!(*rate, Some(count / 13391.0 * 100_000.0));
            assert_eq!(*status, None);
        }
        assert!((rows[0].1.unwrap() - 11_776.566_350_533_94).abs() < 1e-9);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn same_year_end_on_request() {
        let (rows, _) = run(BOTH_YEARS, PopulationYear::Same);
        for ((used, rate, _), count) in rows.iter().zip([1577.0, 400.0, 130.0]) {
            assert_eq!(used.as_deref(), Some("2020"));
            assert_eq!(*rate, Some(count / 13000.0 * 100_000.0));
        }
    }

    #[test]
    fn no_previous_year_end_is_no_population_never_the_same_year() {
        let (rows, warnings) = run(
            "area,period,population\n1982,2020,13000\n",
            PopulationYear::Previous,
        );
        for (used, rate, status) in &rows {
            assert_eq!((used, rate), (&None, &None));
            assert_eq!(status.as_deref(), Some("no-population"));
        }
        assert_eq!(warnings.len(), 3);
        for w in &warnings {
            assert_eq!(w.kind, WarningKind::MissingPopulation);
            assert!(
                w.message
                    .ends_with("no population for area 1982 at the end of 2019"),
                "{}",
                w.message
            );
        }
    }

    #[test]
    fn source_names_the_year_end_used() {
        let counts = read_table_bytes("c.csv", COUNTS.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table;
        let (pop, _) = read_population_bytes("p.csv", BOTH_YEARS.as_bytes()).unwrap();
        for (year, end) in [
            (PopulationYear::Previous, 2019),
            (PopulationYear::Same, 2020),
        ] {
            let options = RateOptions {
                population_year: year,
                ..RateOptions::default()
            };
            let out = rates(&counts, &pop, &options).unwrap();
            let source = out.frame.column("source").unwrap().str().unwrap();
            assert_eq!(
                source.get(0),
                Some(format!("c.csv; population: p.csv at the end of {end}").as_str())
            );
        }
    }

    #[test]
    fn published_rate_only_from_rows_marked_published() {
        let counts = "area,period,indicator,count,value,method\n\
            1982,2020,brott.totalt,1577,\"11 777\",published\n\
            1982,2020,brott.person,300,2240.3,exact\n\
            1982,2020,brott.stold,500,,published\n";
        let counts = read_table_bytes("c.csv", counts.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table;
        let (pop, _) = read_population_bytes("p.csv", BOTH_YEARS.as_bytes()).unwrap();
        let out = rates(&counts, &pop, &RateOptions::default()).unwrap();
        let published = out.frame.column("published_rate").unwrap().f64().unwrap();
        let ours = out.frame.column("rate").unwrap().f64().unwrap();
        assert_eq!(published.get(0), Some(11777.0));
        assert_eq!(ours.get(0), Some(1577.0 / 13391.0 * 100_000.0));
        assert_eq!(published.get(1), None, "method exact is not Brå's figure");
        assert_eq!(published.get(2), None, "no value");
    }

    #[test]
    fn parses_its_own_spelling_only() {
        for y in [PopulationYear::Previous, PopulationYear::Same] {
            assert_eq!(y.code().parse::<PopulationYear>().unwrap(), y);
        }
        let err = "last".parse::<PopulationYear>().unwrap_err().to_string();
        assert!(
            err.contains("previous or same") && err.contains("last"),
            "{err}"
        );
    }
}
