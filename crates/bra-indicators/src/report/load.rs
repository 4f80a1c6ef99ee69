//! The report's loading side: reading the files a report config or a goals file names.

use crate::error::{Error, Result};
use crate::goals::{GoalsFile, parse_goals_bytes};
use std::path::Path;

/// Reads a goals file (TOML) and checks it; data paths are taken relative to its folder.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`parse_goals_bytes`].
///
/// # Examples
/// ```
/// let file = bra_indicators::read_goals("../../data/samples/goals.toml".as_ref())?;
/// assert!(!file.goals.is_empty());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_goals(path: &Path) -> Result<GoalsFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse_goals_bytes(&path.display().to_string(), bytes, base)
}
