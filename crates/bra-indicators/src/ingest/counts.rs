//! A counts file read for the rates: straight into the dictionary-encoded table by the fast
//! reader where it can ([`fast`](super::fast)), else by [`read_table`] and encoded.

use super::{Format, ReadOptions, fast, read_table};
use crate::coded::CountsTable;
use crate::error::Result;
use std::path::Path;

/// Reads a counts file for [`rates_of`](crate::rates_of): the same table, warnings and errors
/// as [`read_table`] gives, dictionary-encoded. Canonical counts files
/// (`area,period,indicator,count`, optionally `group`, `status`, `source`) in every shape the
/// fast reader reads (`,`, `;` or tab, UTF-8 or Windows-1252, quoted fields, area names,
/// indicator labels, Swedish numbers in the count) are read straight into the encoded table,
/// each distinct value resolved once; every other file by [`read_table`], then encoded.
///
/// # Errors
/// As [`read_table`].
///
/// # Examples
/// ```
/// use bra_indicators::{read_counts_table, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("c.csv");
/// std::fs::write(&path, "area,period,indicator,count\n1982,2020,brott.totalt,1577\n")?;
/// let counts = read_counts_table(&path, &ReadOptions::default())?;
/// assert_eq!(counts.height(), 1);
/// assert!(counts.is_fast());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_counts_table(path: &Path, read: &ReadOptions) -> Result<CountsTable> {
    // Only for what the fast reader reads exactly: CSV (or detected), built-in areas and
    // indicators, no forced period.
    let plain = matches!(read.format, Format::Auto | Format::Csv)
        && read.areas.is_none()
        && read.indicators.is_none()
        && read.period.is_none()
        && read.indicator.is_none()
        && !read.survey;
    if plain && let Some(coded) = fast::read_counts(path, &read.limits) {
        return Ok(CountsTable::fast(coded));
    }
    let table = read_table(path, read)?;
    Ok(CountsTable::read(&table.table, table.warnings))
}
