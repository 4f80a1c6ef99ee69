//! Caps on what an input file may ask of memory: cells, columns, line length, unpacked size.
//!
//! A broken export or a hostile file must get a clear refusal, not exhaust memory. Every
//! reader checks the caps of [`ReadOptions::limits`](crate::ReadOptions::limits) before it
//! allocates for what a file declares: a PC-Axis or JSON-stat file's declared cells, a text
//! file's longest line and widest row, an Excel workbook's unpacked size and cells.

use crate::error::{Error, Location, Result};
use crate::format::format_number;

/// The default limit on the number of cells a PX, JSON-stat or Excel file may declare (see
/// [`Limits::max_cells`]): 50 million, about 5 times Brå's national table of all categories
/// for 1996-2025.
pub const DEFAULT_MAX_CELLS: usize = 50_000_000;

/// Caps that keep a broken or malicious file from exhausting memory.
///
/// The defaults are far above any real Brå, SCB or Kolada file; raise them for an unusual
/// file (`bra --max-line-bytes`, ...).
///
/// # Examples
/// ```
/// use bra_indicators::{read_table_bytes, Limits, ReadOptions};
/// let options = ReadOptions {
///     limits: Limits { max_columns: 3, ..Limits::default() },
///     ..ReadOptions::default()
/// };
/// let csv = "area,period,indicator,count\n1982,2020,brott.totalt,1577\n";
/// let err = read_table_bytes("wide.csv", csv.as_bytes(), &options).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "wide.csv:1: the row has 4 columns, more than the limit of 3 \
///      (raise it with --max-columns)"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most cells a PX or JSON-stat file may declare, or an Excel sheet may fill (its
    /// rows times columns up to the last filled cell of each row); a larger file is refused
    /// before its cells are allocated. Default [`DEFAULT_MAX_CELLS`].
    pub max_cells: usize,
    /// The most columns (fields) a row of a delimited-text file or an Excel sheet may have.
    /// Default 10 000 (real files have 5 to a few hundred).
    pub max_columns: usize,
    /// The longest line, in bytes, of a text file (CSV, PC-Axis). Default 10 MiB; a PC-Axis
    /// file that writes all its data on one line may need more.
    pub max_line_bytes: usize,
    /// The most bytes an Excel workbook (a zip archive) may unpack to: a guard against zip
    /// bombs. Default 512 MiB (Brå's workbooks unpack to a few MB).
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_cells: DEFAULT_MAX_CELLS,
            max_columns: 10_000,
            max_line_bytes: 10 << 20,
            max_unpacked_bytes: 512 << 20,
        }
    }
}

impl Limits {
    /// Checks that no line of `bytes` is longer than [`Limits::max_line_bytes`].
    ///
    /// ```
    /// use bra_indicators::Limits;
    /// let limits = Limits { max_line_bytes: 8, ..Limits::default() };
    /// assert!(limits.check_lines("ok.csv", b"a,b\n1,2\n").is_ok());
    /// let err = limits.check_lines("long.csv", b"a,b\n123456789,2\n").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "long.csv:2: the line is 11 bytes long, more than the limit of 8 bytes: expected \
    ///      a table with one row per line (raise the limit with --max-line-bytes)"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::Input`] naming the file and the first line that is too long.
    pub fn check_lines(&self, name: &str, bytes: &[u8]) -> Result<()> {
        if bytes.len() <= self.max_line_bytes {
            return Ok(());
        }
        let mut start = 0usize;
        let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
        for (line, end) in (1u64..).zip(ends) {
            let len = end - start;
            // A CRLF line end is not part of the line.
            let len = len - usize::from(len > 0 && bytes[end - 1] == b'\r');
            if len > self.max_line_bytes {
                return Err(Error::input(
                    Location::file(name).line(line),
                    format!(
                        "the line is {} bytes long, more than the limit of {} bytes: expected a \
                         table with one row per line (raise the limit with --max-line-bytes)",
                        format_number(len as f64, 0, "en"),
                        format_number(self.max_line_bytes as f64, 0, "en"),
                    ),
                ));
            }
            start = end + 1;
        }
        Ok(())
    }

    /// Checks that a row of `columns` fields at `at` is within [`Limits::max_columns`].
    ///
    /// ```
    /// use bra_indicators::{Limits, Location};
    /// let limits = Limits { max_columns: 2, ..Limits::default() };
    /// assert!(limits.check_columns(Location::file("t.csv").line(1), 2).is_ok());
    /// assert!(limits.check_columns(Location::file("t.csv").line(1), 3).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::Input`] at `at`.
    pub fn check_columns(&self, at: Location, columns: usize) -> Result<()> {
        if columns <= self.max_columns {
            return Ok(());
        }
        Err(Error::input(
            at,
            format!(
                "the row has {} columns, more than the limit of {} (raise it with --max-columns)",
                format_number(columns as f64, 0, "en"),
                format_number(self.max_columns as f64, 0, "en"),
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_lengths_at_the_edge() {
        let limits = Limits {
            max_line_bytes: 4,
            ..Limits::default()
        };
        // A CRLF line end is not counted; exactly the limit passes; the last line without LF
        // is checked too.
        assert!(limits.check_lines("x", b"abcd\r\nabcd\nabcd").is_ok());
        let err = limits.check_lines("x", b"abcd\nabcd\nabcde").unwrap_err();
        assert!(
            err.to_string().starts_with("x:3: the line is 5 bytes long"),
            "{err}"
        );
        let err = limits.check_lines("x", b"abcde\r\n").unwrap_err();
        assert!(err.to_string().starts_with("x:1: "), "{err}");
    }

    #[test]
    fn columns_at_the_edge() {
        let limits = Limits {
            max_columns: 10_000,
            ..Limits::default()
        };
        assert!(limits.check_columns(Location::file("x"), 10_000).is_ok());
        let err = limits.check_columns(Location::file("x").line(1), 1_000_000);
        assert_eq!(
            err.unwrap_err().to_string(),
            "x:1: the row has 1,000,000 columns, more than the limit of 10,000 (raise it with \
             --max-columns)"
        );
    }
}
