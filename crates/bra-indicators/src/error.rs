//! The one error type of the library.
//!
//! Input errors say *where* (file, line or record, column or field) and then *what* was
//! wrong and what was expected, as in
//! `population.csv:41: column "population": expected a non-negative number, found "n/a"`.

use std::fmt;
use std::path::PathBuf;

/// Where in an input something was found: file, line (1-based), and a column number (in a
/// text file such as a goals file) or a named column or field (in a table).
///
/// # Examples
/// ```
/// use bra_indicators::Location;
/// let at = Location::file("population.csv").line(41).field("population");
/// assert_eq!(at.to_string(), r#"population.csv:41: column "population""#);
/// assert_eq!(Location::file("goals.toml").line(8).column(3).to_string(), "goals.toml:8:3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (as the user named it), or a label such as `<stdin>`.
    pub file: String,
    /// 1-based line number, if known.
    pub line: Option<u64>,
    /// 1-based column (character) number in the line, if known.
    pub column: Option<u64>,
    /// The column or field name, if known.
    pub field: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
            field: None,
        }
    }

    /// The same location at a 1-based line.
    pub fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same location at a 1-based column (character) number of its line.
    pub fn column(mut self, column: u64) -> Self {
        self.column = Some(column);
        self
    }

    /// The same location at a named column or field.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": column \"{field}\"")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in this library.
///
/// # Examples
/// ```
/// use bra_indicators::{Error, Location};
/// let err = Error::input(
///     Location::file("population.csv").line(41).field("population"),
///     "expected a non-negative number, found \"n/a\"",
/// );
/// assert_eq!(
///     err.to_string(),
///     r#"population.csv:41: column "population": expected a non-negative number, found "n/a""#
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input data: the location says where, the message what was expected.
    #[error("{location}: {message}")]
    Input {
        /// Where the problem is.
        location: Location,
        /// What was wrong and what was expected.
        message: String,
    },
    /// An input beyond one of the caps of [`Limits`](crate::Limits): a field, line or row
    /// too long, more cells than allowed, a workbook that unpacks too far. `limit` names the
    /// [`Limits`](crate::Limits) field to raise (`"max_field_bytes"`), so that a program can
    /// say how (the `bra` binary names its `--max-field-bytes` option).
    ///
    /// ```
    /// use bra_indicators::{Error, Limits, Location};
    /// let err = Limits::default().check_field(Location::file("c.csv").line(2), "indicator", 70_000).unwrap_err();
    /// assert!(matches!(err, Error::Limit { limit: "max_field_bytes", .. }));
    /// ```
    #[error("{location}: {message}")]
    Limit {
        /// Where the input went beyond the cap.
        location: Location,
        /// What was too large, and the cap.
        message: String,
        /// The [`Limits`](crate::Limits) field that holds the cap (`"max_cells"`, ...).
        limit: &'static str,
    },
    /// A value of one of the library's settings (a field of [`RateOptions`](crate::RateOptions)
    /// or [`ReadOptions`](crate::ReadOptions)) that cannot be used, or an input that needs
    /// one. `setting` names the field (`"per"`, `"period"`), so that a program can say how to
    /// set it (the `bra` binary names its `--per` and `--period` options).
    ///
    /// ```
    /// use bra_indicators::{rates, Error, Population, RateOptions, Table};
    /// let options = RateOptions { per: 0.0, ..RateOptions::default() };
    /// let err = rates(&Table::default(), &Population::default(), &options).unwrap_err();
    /// assert!(matches!(err, Error::Setting { setting: "per", .. }));
    /// assert_eq!(err.to_string(), "the rate multiplier `per`: expected a positive number, found 0");
    /// ```
    #[error("{message}")]
    Setting {
        /// What was wrong, with the file and line when it is about an input.
        message: String,
        /// The setting (options field) it is about.
        setting: &'static str,
    },
    /// A file could not be read or written.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error (part of the message, so not repeated as a source).
        cause: std::io::Error,
    },
    /// An argument outside its domain (a level of 1.5, a negative population, ...).
    #[error("{0}")]
    InvalidArgument(String),
    /// An error inside polars, with what we were doing when it happened.
    #[error("{context}: {cause}")]
    Polars {
        /// What we were doing (often the file name).
        context: String,
        /// The polars error (part of the message, so not repeated as a source).
        cause: polars::error::PolarsError,
    },
    /// Drawing a chart failed inside plotters (a backend or font error), with what we were
    /// drawing.
    #[error("drawing the chart: {0}")]
    Chart(String),
}

impl Error {
    /// An input error at `location`.
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
        }
    }

    /// An input beyond the cap in the [`Limits`](crate::Limits) field named `limit`.
    pub fn limit(location: Location, message: impl Into<String>, limit: &'static str) -> Self {
        Error::Limit {
            location,
            message: message.into(),
            limit,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            cause: source,
        }
    }

    /// A polars error with context.
    pub fn polars(context: impl Into<String>, source: polars::error::PolarsError) -> Self {
        Error::Polars {
            context: context.into(),
            cause: source,
        }
    }
}

/// The result type of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Runs a reader (`read`) on the file `name`, turning a panic inside it (in our code or a
/// dependency's: calamine, polars, serde) into an [`Error::Input`] naming the file:
/// `<file>: the reader failed on this file (internal error: <why>): please report it`. Every
/// reader and config loader of the library goes through this one function; nothing has been
/// written when it fires, since outputs are written only after reading.
pub(crate) fn catch_reader_panic<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        Err(Error::input(
            Location::file(name),
            format!(
                "the reader failed on this file (internal error: {why}): please report it with \
                 the file; saving it again from the program that made it (or as CSV) may help"
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_reader_becomes_an_error_naming_the_file() {
        let reader = |bytes: &[u8]| -> Result<usize> {
            let n: usize = bytes.iter().map(|&b| usize::from(b)).sum();
            if n > 10 {
                panic!("index out of bounds: the len is 3 but the index is {n}");
            }
            Ok(n)
        };
        assert_eq!(
            catch_reader_panic("ok.csv", || reader(b"\x01\x02")).unwrap(),
            3
        );
        let err = catch_reader_panic("broken.px", || reader(b"abc")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "broken.px: the reader failed on this file (internal error: index out of bounds: the \
             len is 3 but the index is 294): please report it with the file; saving it again \
             from the program that made it (or as CSV) may help"
        );
        let err = catch_reader_panic("x.json", || -> Result<()> { panic!("plain") }).unwrap_err();
        assert!(err.to_string().contains("(internal error: plain)"), "{err}");
        // An error is passed through untouched.
        let err = catch_reader_panic("y.csv", || -> Result<()> {
            Err(Error::input(Location::file("y.csv").line(2), "bad"))
        });
        assert_eq!(err.unwrap_err().to_string(), "y.csv:2: bad");
    }
}
