//! Read and compute in one call, for library users: each function loads its files through
//! the readers (Ingest) and hands what they read to a computation (Compute), as the command
//! line does; neither of those layers calls the other.

use crate::coded::CountsTable;
use crate::error::{Error, Result};
use crate::indicators::{RateOptions, RatesRun, intervals_from_standard_errors, rates_of};
use crate::ingest::{Ingested, ReadOptions, read_counts_table, read_population_with};
use crate::output::{OutputFormat, write_atomically, write_frame};
use std::io::Write;
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

/// What a reader returned, with the intervals of its published standard errors made
/// ([`intervals_from_standard_errors`]): the readers keep a standard error as data and
/// Compute makes the interval, so every command and the report load tables through this (a
/// `bra import` of a file with `se` writes the intervals, `method = published-se`).
///
/// # Errors
/// As [`intervals_from_standard_errors`].
///
/// # Examples
/// ```
/// use bra_indicators::{read_table_bytes, with_se_intervals, ReadOptions};
/// let csv = "area,period,indicator,value,se\n1982,2023,mu.trygghet,99,1\n";
/// let read = with_se_intervals(read_table_bytes("mu.csv", csv.as_bytes(), &ReadOptions::default())?)?;
/// let row = &read.table.rows()[0];
/// assert_eq!((row.upper, row.method.as_deref()), (Some(100.0), Some("published-se")));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn with_se_intervals(mut read: Ingested) -> Result<Ingested> {
    read.table = intervals_from_standard_errors(std::mem::take(&mut read.table))?;
    Ok(read)
}

/// Writes a rates run to `path` in the format of its extension, atomically (as
/// [`write_frame`]); CSV is streamed row by row without building the table. A named pipe
/// (`mkfifo rates.csv`, read by `gzip` say) is written as it is: it cannot be replaced
/// atomically, and the rows need not fit on the disk.
///
/// # Errors
/// An unknown extension, or an I/O or polars error naming the file.
///
/// # Examples
/// ```
/// use bra_indicators::{rates_from_files, write_rates, RateOptions, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let run = rates_from_files(
///     "../../data/samples/counts.csv".as_ref(),
///     "../../data/samples/population.csv".as_ref(),
///     &ReadOptions::default(),
///     &RateOptions::default(),
/// )?;
/// write_rates(&run, &dir.path().join("rates.csv"))?;
/// assert!(std::fs::read_to_string(dir.path().join("rates.csv"))?.starts_with("area,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_rates(run: &RatesRun, path: &Path) -> Result<()> {
    match OutputFormat::from_path(path)? {
        OutputFormat::Csv if is_pipe(path) => {
            let mut pipe = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            run.write_csv(&mut pipe)?;
            pipe.flush().map_err(|e| Error::io(path, e))
        }
        OutputFormat::Csv => write_atomically(path, |file| run.write_csv(file)),
        _ => write_frame(&run.to_dataframe()?, path),
    }
}

/// Whether `path` is a named pipe.
fn is_pipe(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}
