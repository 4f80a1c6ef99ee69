//! Caps on what an input file may ask of memory: cells, columns, line and field length,
//! unpacked size, JSON nesting.
//!
//! A broken export or a hostile file must get a clear refusal, not exhaust memory. Every
//! reader checks the caps of [`ReadOptions::limits`](crate::ReadOptions::limits) before it
//! allocates for what a file declares: a PC-Axis or JSON-stat file's declared cells, a text
//! file's longest line, widest row and longest field, an Excel workbook's unpacked size and
//! cells. A refusal is an [`Error::Limit`] naming the [`Limits`] field to raise.

use crate::error::{Error, Location, Result};
use crate::format::{Lang, format_number};

/// The default limit on the number of cells a PX, JSON-stat or Excel file may declare (see
/// [`Limits::max_cells`]): 50 million, about 5 times Brå's national table of all categories
/// for 1996-2025.
pub const DEFAULT_MAX_CELLS: usize = 50_000_000;

/// Caps that keep a broken or malicious file from exhausting memory.
///
/// The defaults are far above any real Brå, SCB or Kolada file; raise them for an unusual
/// file (the `bra` binary has an option for each: `--max-field-bytes`, ...).
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
///     "wide.csv:1: the row has 4 columns, more than the limit of 3"
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
    /// The longest field, in bytes: a CSV field, a PC-Axis string, a JSON string (label, id,
    /// category name), an Excel cell's text, a TOML string in a goals file or report
    /// config. Default 64 KiB (real labels are below 200 bytes).
    pub max_field_bytes: usize,
    /// The deepest nesting of arrays and objects in a JSON file (JSON-stat, PxWeb json,
    /// Kolada), checked before it is parsed. Default 64 (real answers nest 4 to 6 levels);
    /// at most [`MAX_JSON_DEPTH`], the JSON parser's own limit.
    pub max_json_depth: usize,
}

/// The deepest JSON nesting the parser (serde_json) takes whatever [`Limits::max_json_depth`]
/// says: 128 levels.
pub const MAX_JSON_DEPTH: usize = 128;

/// The default of [`Limits::max_field_bytes`]: 64 KiB.
pub const DEFAULT_MAX_FIELD_BYTES: usize = 64 << 10;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_cells: DEFAULT_MAX_CELLS,
            max_columns: 10_000,
            max_line_bytes: 10 << 20,
            max_unpacked_bytes: 512 << 20,
            max_field_bytes: DEFAULT_MAX_FIELD_BYTES,
            max_json_depth: 64,
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
    ///      a table with one row per line"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::Limit`] naming the file and the first line that is too long.
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
                return Err(Error::limit(
                    Location::file(name).line(line),
                    format!(
                        "the line is {} bytes long, more than the limit of {} bytes: expected a \
                         table with one row per line",
                        format_number(len as f64, 0, Lang::En),
                        format_number(self.max_line_bytes as f64, 0, Lang::En),
                    ),
                    "max_line_bytes",
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
    /// [`Error::Limit`] at `at`.
    pub fn check_columns(&self, at: Location, columns: usize) -> Result<()> {
        if columns <= self.max_columns {
            return Ok(());
        }
        Err(Error::limit(
            at,
            format!(
                "the row has {} columns, more than the limit of {}",
                format_number(columns as f64, 0, Lang::En),
                format_number(self.max_columns as f64, 0, Lang::En),
            ),
            "max_columns",
        ))
    }

    /// Checks that a field (a CSV field, a label, a name) of `len` bytes at `at` is within
    /// [`Limits::max_field_bytes`]; `field` names it (a column, a key, a JSON path).
    ///
    /// ```
    /// use bra_indicators::{Limits, Location};
    /// let limits = Limits { max_field_bytes: 10, ..Limits::default() };
    /// let at = Location::file("counts.csv").line(2).column(13);
    /// assert!(limits.check_field(at.clone(), "indicator", 10).is_ok());
    /// let err = limits.check_field(at, "indicator", 70_000).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "counts.csv:2:13: field \"indicator\" is 70,000 bytes long, longer than the limit of 10 \
    ///      bytes: expected a label, a code or a number (a broken file?)"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::Limit`] at `at`.
    pub fn check_field(&self, at: Location, field: &str, len: usize) -> Result<()> {
        if len <= self.max_field_bytes {
            return Ok(());
        }
        Err(self.field_too_long(at, field, len))
    }

    /// The error of [`Limits::check_field`] for a field of `len` bytes.
    /// Refuses JSON text (`bytes`, UTF-8) whose arrays and objects nest deeper than
    /// [`Limits::max_json_depth`] (or [`MAX_JSON_DEPTH`]), naming the line and column of the
    /// bracket that goes one level too deep. Only brackets outside strings count; the text is
    /// not otherwise checked (the parser does that next).
    ///
    /// ```
    /// use bra_indicators::Limits;
    /// let limits = Limits { max_json_depth: 3, ..Limits::default() };
    /// assert!(limits.check_json_depth("ok.json", br#"{"a":[{"b":"[[[[["}]}"#).is_ok());
    /// let err = limits.check_json_depth("deep.json", b"{\n  \"a\": [[[1]]]\n}").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "deep.json:2:10: the JSON nests arrays and objects more than 3 levels deep: expected \
    ///      a JSON-stat, PxWeb or Kolada answer (which nest a few levels)"
    /// );
    /// ```
    ///
    /// # Errors
    /// [`Error::Limit`] (`max_json_depth`) at the bracket.
    pub fn check_json_depth(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let max = self.max_json_depth.min(MAX_JSON_DEPTH);
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let (mut line, mut line_start) = (1u64, 0usize);
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    b'\n' => (line, line_start) = (line + 1, i + 1),
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'\n' => (line, line_start) = (line + 1, i + 1),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max {
                        // Columns in characters, as people count them.
                        let column = String::from_utf8_lossy(&bytes[line_start..i])
                            .chars()
                            .count() as u64
                            + 1;
                        return Err(Error::limit(
                            Location::file(name).line(line).column(column),
                            format!(
                                "the JSON nests arrays and objects more than {max} levels deep: \
                                 expected a JSON-stat, PxWeb or Kolada answer (which nest a few \
                                 levels)"
                            ),
                            "max_json_depth",
                        ));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }

    fn field_too_long(&self, at: Location, field: &str, len: usize) -> Error {
        // A field name from the file may itself be the long field.
        let shown: String = if field.len() > 80 {
            let cut = (0..=77)
                .rev()
                .find(|&i| field.is_char_boundary(i))
                .unwrap_or(0);
            format!("{}...", &field[..cut])
        } else {
            field.to_string()
        };
        Error::limit(
            at,
            format!(
                "field \"{shown}\" is {} bytes long, longer than the limit of {} bytes: expected \
                 a label, a code or a number (a broken file?)",
                format_number(len as f64, 0, Lang::En),
                format_number(self.max_field_bytes as f64, 0, Lang::En),
            ),
            "max_field_bytes",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_depth_at_the_edge() {
        let limits = Limits {
            max_json_depth: 2,
            ..Limits::default()
        };
        assert!(limits.check_json_depth("x", b"[{}, {}, [1]]").is_ok());
        // Brackets in strings and escaped quotes do not count; lines and columns do.
        assert!(
            limits
                .check_json_depth("x", br#"["\"[[[", {"]": "{{"}]"#)
                .is_ok()
        );
        let err = limits
            .check_json_depth("x", "{\"å\":\n [[".as_bytes())
            .unwrap_err();
        assert!(
            err.to_string().starts_with("x:2:3: the JSON nests"),
            "{err}"
        );
        assert!(matches!(
            err,
            Error::Limit {
                limit: "max_json_depth",
                ..
            }
        ));
        // Above the parser's own limit, the parser's limit applies.
        let lax = Limits {
            max_json_depth: 1000,
            ..Limits::default()
        };
        let deep = "[".repeat(MAX_JSON_DEPTH + 1);
        let err = lax.check_json_depth("x", deep.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("more than 128 levels"), "{err}");
        assert!(lax.check_json_depth("x", &deep.as_bytes()[1..]).is_ok());
    }

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
            "x:1: the row has 1,000,000 columns, more than the limit of 10,000"
        );
    }
}
