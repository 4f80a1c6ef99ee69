//! The one error type of the library.
//!
//! Input errors say *where* (file, line or record, column or field) and then *what* was
//! wrong and what was expected, as in
//! `population.csv:41: column "population": expected a non-negative number, found "n/a"`.

use std::fmt;
use std::path::PathBuf;

/// Where in an input something was found: file, line (1-based) and column or field.
///
/// # Examples
/// ```
/// use bra_indicators::Location;
/// let at = Location::file("population.csv").line(41).field("population");
/// assert_eq!(at.to_string(), r#"population.csv:41: column "population""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (as the user named it), or a label such as `<stdin>`.
    pub file: String,
    /// 1-based line number, if known.
    pub line: Option<u64>,
    /// The column or field name, if known.
    pub field: Option<String>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            field: None,
        }
    }

    /// The same location at a 1-based line.
    pub fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
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
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An argument outside its domain (a level of 1.5, a negative population, ...).
    #[error("{0}")]
    InvalidArgument(String),
    /// An error inside polars, with what we were doing when it happened.
    #[error("{context}: {source}")]
    Polars {
        /// What we were doing (often the file name).
        context: String,
        /// The polars error.
        source: polars::error::PolarsError,
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

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A polars error with context.
    pub fn polars(context: impl Into<String>, source: polars::error::PolarsError) -> Self {
        Error::Polars {
            context: context.into(),
            source,
        }
    }
}

/// The result type of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
