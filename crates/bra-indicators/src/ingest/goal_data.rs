//! The data a goals file names: several tables read into one, each series from one file only.

use crate::error::{Error, Location, Result};
use crate::ingest::{ReadOptions, read_table};
use crate::period::Period;
use crate::table::{Observation, Table};
use crate::warning::Warning;
use std::collections::HashMap;
use std::path::PathBuf;

/// Reads the data files a goals file names (and any more the caller adds) into one table.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no data files; the readers' errors; an
/// [`Error::Input`] when two files hold the same (area, period, indicator, group).
///
/// # Examples
/// ```
/// use bra_indicators::read_goal_data;
/// let err = read_goal_data(&[]).unwrap_err();
/// assert!(err.to_string().starts_with("no data to follow the goals up on"));
/// ```
pub fn read_goal_data(files: &[PathBuf]) -> Result<(Table, Vec<Warning>)> {
    if files.is_empty() {
        return Err(Error::InvalidArgument(
            "no data to follow the goals up on: list the files in the goals file \
             (data = [\"rates.csv\"])"
                .into(),
        ));
    }
    let mut rows: Vec<Observation> = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashMap<(String, Period, String, String), usize> = HashMap::new();
    for (i, path) in files.iter().enumerate() {
        let read = read_table(path, &ReadOptions::default())?;
        warnings.extend(read.warnings);
        for row in read.table.into_rows() {
            let key = (
                row.area.clone(),
                row.period,
                row.indicator.clone(),
                row.group.clone(),
            );
            if let Some(&j) = seen.get(&key) {
                return Err(Error::input(
                    Location::file(path.display().to_string()),
                    format!(
                        "area {}, period {}, indicator {}, group {} is also in {}: give each \
                         series in one data file only",
                        row.area,
                        row.period,
                        row.indicator,
                        row.group,
                        files[j].display()
                    ),
                ));
            }
            seen.insert(key, i);
            rows.push(row);
        }
    }
    Ok((Table::new(rows)?, warnings))
}
