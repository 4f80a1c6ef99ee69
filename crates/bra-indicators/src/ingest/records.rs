//! A small delimited file read as text records with their line numbers: for the columns the
//! canonical reader leaves out (`assessment` of `bra compare`, every column of `bra goals`).

use crate::error::{Error, Location, Result};
use crate::ingest::Source;
use crate::ingest::text::{Cell, parse_cell};
use crate::limits::Limits;
use crate::period::Period;
use std::path::Path;

/// A delimited file as text records: the header and, for each further record, its line and
/// fields (the delimiter and encoding detected as for tables).
///
/// # Examples
/// ```
/// use bra_indicators::ingest::records::Records;
/// let r = Records::parse("g.csv", b"goal;progress\na;0,4\n")?;
/// let col = r.require("progress", "bra goals output")?;
/// let (line, fields) = &r.rows[0];
/// assert_eq!(r.number(*line, fields, col)?, Some(0.4));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Records {
    /// The file's name, for messages.
    pub name: String,
    /// The header's fields.
    pub header: Vec<String>,
    /// (line, fields) of every record after the header.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Records {
    /// Reads `path`.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file; otherwise as [`Records::parse`].
    pub fn read(path: &Path) -> Result<Records> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Records::parse(&path.display().to_string(), &bytes)
    }

    /// Reads delimited text, the header first; every record must have as many fields as the
    /// header. A panic while reading is an error naming the file, as in every reader.
    ///
    /// # Errors
    /// [`Error::Input`] naming the file and line for text that is not delimited records.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Records> {
        crate::error::catch_reader_panic(name, || Self::parse_in(name, bytes))
    }

    fn parse_in(name: &str, bytes: &[u8]) -> Result<Records> {
        let src = Source::new(name, bytes, Limits::default())?;
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        src.for_each_record(|line, fields| {
            match header {
                None => header = Some(fields.to_vec()),
                Some(_) => rows.push((line, fields.to_vec())),
            }
            Ok(())
        })?;
        Ok(Records {
            name: name.to_string(),
            header: header.unwrap_or_default(),
            rows,
        })
    }

    /// The index of a column, if present (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    /// The index of a column that must be present.
    ///
    /// # Errors
    /// [`Error::Input`] at line 1 naming the column and `expected` (what the file should be).
    pub fn require(&self, name: &str, expected: &str) -> Result<usize> {
        self.column(name).ok_or_else(|| {
            Error::input(
                Location::file(&self.name).line(1),
                format!("missing column \"{name}\": expected {expected}"),
            )
        })
    }

    /// Where a cell is, for messages.
    pub fn location(&self, line: u64, column: usize) -> Location {
        Location::file(&self.name)
            .line(line)
            .field(self.header.get(column).map_or("", String::as_str))
    }

    /// The text in a cell, trimmed (empty when the column is absent).
    pub fn text<'f>(&self, fields: &'f [String], column: Option<usize>) -> &'f str {
        column.and_then(|c| fields.get(c)).map_or("", |f| f.trim())
    }

    /// The number in a cell: `None` when empty or a missing marker.
    ///
    /// # Errors
    /// [`Error::Input`] naming the file, line and column for text that is not a number.
    pub fn number(&self, line: u64, fields: &[String], column: usize) -> Result<Option<f64>> {
        match parse_cell(fields.get(column).map_or("", String::as_str)) {
            Ok(Cell::Number(v)) => Ok(Some(v)),
            Ok(Cell::Missing(_)) => Ok(None),
            Err(what) => Err(Error::input(self.location(line, column), what)),
        }
    }

    /// The period in a cell: `None` when empty.
    ///
    /// # Errors
    /// [`Error::Input`] naming the file, line and column for text that is not a period.
    pub fn period(&self, line: u64, fields: &[String], column: usize) -> Result<Option<Period>> {
        let raw = fields.get(column).map_or("", |f| f.trim());
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse().map(Some).map_err(|e: Error| {
            let message = match e {
                Error::InvalidArgument(m) => m,
                other => other.to_string(),
            };
            Error::input(self.location(line, column), message)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_say_where_a_cell_is_wrong() {
        let r = Records::parse("g.csv", b"goal,progress\na,0.4\nb,x\n").expect("parses");
        let col = r.require("progress", "goals output").expect("present");
        let (line, fields) = &r.rows[0];
        assert_eq!(r.number(*line, fields, col).expect("number"), Some(0.4));
        let (line, fields) = &r.rows[1];
        let err = r
            .number(*line, fields, col)
            .expect_err("not a number")
            .to_string();
        assert!(err.starts_with("g.csv:3: column \"progress\""), "{err}");
        assert!(r.require("status", "goals output").is_err());
        assert!(Records::parse("e.csv", b"a,b\n1\n").is_err());
    }
}
