//! Read and compute in one call, for library users: each function loads its files through
//! the readers (Ingest) and hands what they read to a computation (Compute), as the command
//! line does; neither of those layers calls the other.

use crate::coded::CountsTable;
use crate::error::Result;
use crate::indicators::{RateOptions, RatesRun, rates_of};
use crate::ingest::{ReadOptions, read_counts_table, read_population_with};
use std::path::Path;

/// Rates per `per` inhabitants with confidence intervals for every row of a counts file:
/// [`read_counts_table`], [`read_population_with`] and [`rates_of`], in that order, as
/// `bra rates` runs them; the same output, warnings and errors as [`crate::rates`] after
/// [`crate::read_table`] and [`crate::read_population`].
///
/// # Errors
/// As [`read_counts_table`], [`read_population_with`] and [`rates_of`], in that order.
///
/// # Examples
/// ```
/// use bra_indicators::{rates_from_files, RateOptions, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let (counts, population) = (dir.path().join("c.csv"), dir.path().join("p.csv"));
/// std::fs::write(&counts, "area,period,indicator,count\n1982,2020,brott.totalt,1577\n")?;
/// std::fs::write(&population, "area,period,population\n1982,2019,13391\n")?;
/// let run = rates_from_files(&counts, &population, &ReadOptions::default(), &RateOptions::default())?;
/// assert!(run.is_fast());
/// assert_eq!(run.height(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rates_from_files(
    counts: &Path,
    population: &Path,
    read: &ReadOptions,
    options: &RateOptions,
) -> Result<RatesRun> {
    let table: CountsTable = read_counts_table(counts, read)?;
    let (population, population_warnings) = read_population_with(population, read)?;
    rates_of(table, &population, &population_warnings, options)
}
