//! Delimited records: a decoded file ([`Source`]) split into records by the csv crate, with
//! the line of each record counted from byte offsets, the caps of [`Limits`] checked and the
//! fields trimmed. Every delimited reader takes its records from here: the table and
//! population CSVs (constant width: [`Source::for_each_record`]), Brå's older per-kommun CSV
//! and SCB's download with title and footnote lines (any width: [`for_each_ragged_record`]).

use super::text::{TextEncoding, decode, trim_field};
use crate::error::{Error, Location, Result};
use crate::limits::Limits;

/// A file being read: its name, decoded text and delimiter.
pub(crate) struct Source<'a> {
    pub(super) name: &'a str,
    pub(super) text: String,
    pub(super) encoding: TextEncoding,
    pub(super) delimiter: u8,
    limits: Limits,
}

impl<'a> Source<'a> {
    /// Decodes `bytes` after checking their line lengths against `limits` (whose column cap
    /// [`Source::for_each_record`] checks).
    pub(crate) fn new(name: &'a str, bytes: &[u8], limits: Limits) -> Result<Self> {
        let (text, encoding) = decode(name, bytes)?;
        limits.check_lines(name, text.as_bytes())?;
        let delimiter = sniff_delimiter(&text);
        Ok(Source {
            name,
            text,
            encoding,
            delimiter,
            limits,
        })
    }

    pub(super) fn at(&self, line: u64) -> Location {
        Location::file(self.name).line(line)
    }

    /// Checks every field of `record` against [`Limits::max_field_bytes`]; the error names
    /// the line, the character column where the field starts and the header's name for it.
    fn check_fields(&self, record: &::csv::StringRecord, header: Option<&[String]>) -> Result<()> {
        let max = self.limits.max_field_bytes;
        let Some(i) = record.iter().position(|f| f.len() > max) else {
            return Ok(());
        };
        let (line, start) = record
            .position()
            .map_or((0, 0), |p| (p.line(), p.byte() as usize));
        let name = match header.and_then(|h| h.get(i)) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => format!("field {}", i + 1),
        };
        let column = field_column(self.text.get(start..).unwrap_or(""), self.delimiter, i);
        self.limits
            .check_field(self.at(line).column(column), &name, record[i].len())
    }

    /// Every non-empty record (line, trimmed fields) when the file is Brå's older per-kommun
    /// CSV (its first record is `;;2013;2013;…`), else `None` (after one record).
    pub(super) fn older_bra_records(&self) -> Result<Option<super::bra_export::Records>> {
        let first = self
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        // Two empty cells first (`;;`, or `,,` / tabs if saved so): only then is it parsed.
        if !first
            .as_bytes()
            .starts_with(&[self.delimiter, self.delimiter])
        {
            return Ok(None);
        }
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut records = Vec::new();
        let mut cells = 0usize;
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                Error::input(self.at(line), record_error(&e))
            })?;
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            self.limits.check_columns(self.at(line), record.len())?;
            self.check_fields(&record, None)?;
            cells += record.len();
            if cells > self.limits.max_cells {
                return Err(Error::limit(
                    self.at(line),
                    format!(
                        "the file has more than {} cells: expected a table",
                        self.limits.max_cells
                    ),
                    "max_cells",
                ));
            }
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let fields = record.iter().map(|f| f.trim().to_string()).collect();
            records.push((line, fields));
            if records.len() == 1 && !super::bra_export::looks_like_older_csv(&records) {
                return Ok(None);
            }
        }
        Ok(Some(records))
    }

    /// Calls `f(line, fields)` for every non-empty record, the header included. Checks that
    /// every record after the first has as many fields as the first.
    pub(crate) fn for_each_record(
        &self,
        mut f: impl FnMut(u64, &[String]) -> Result<()>,
    ) -> Result<()> {
        let mut width = None;
        let mut header: Option<Vec<String>> = None;
        let ends_with_newline = self.text.ends_with('\n');
        let split_error = |line, e: &::csv::Error| Error::input(self.at(line), record_error(e));
        for_each_ragged_record(
            &self.text,
            0,
            1,
            self.delimiter,
            split_error,
            |line, record, last| {
                self.limits.check_columns(self.at(line), record.len())?;
                self.check_fields(record, header.as_deref())?;
                if record.iter().all(|f| f.trim().is_empty()) {
                    return Ok(());
                }
                let fields: Vec<String> =
                    record.iter().map(|f| trim_field(f).to_string()).collect();
                if let Some(i) = fields.iter().position(|f| f.contains('\n')) {
                    return Err(Error::input(
                        self.at(line),
                        format!(
                            "field {} runs over several lines: a quote (\") left open? expected each row on one line",
                            i + 1
                        ),
                    ));
                }
                if header.as_ref().is_some_and(|h| *h == fields) {
                    return Err(Error::input(
                        self.at(line),
                        "the header row comes again: two files joined into one? expected one header \
                     row, at the top",
                    ));
                }
                match width {
                    None => {
                        width = Some(fields.len());
                        header = Some(fields.clone());
                    }
                    Some(w) if w != fields.len() => {
                        let hint = if last && !ends_with_newline && fields.len() < w {
                            " (the file ends in the middle of this row: truncated?)"
                        } else {
                            ""
                        };
                        return Err(Error::input(
                            self.at(line),
                            format!(
                                "expected {w} fields separated by '{}' as in the header, found {}{hint}",
                                self.delimiter as char,
                                fields.len()
                            ),
                        ));
                    }
                    _ => {}
                }
                f(line, &fields)
            },
        )?;
        if width.is_none() {
            return Err(Error::input(
                Location::file(self.name),
                "the file is empty: expected a header row and data rows",
            ));
        }
        Ok(())
    }
}

/// The 1-based character column where field `index` of the record at the start of `text`
/// begins (delimiters inside quotes do not count).
fn field_column(text: &str, delimiter: u8, index: usize) -> u64 {
    let mut quoted = false;
    let mut field = 0usize;
    for (column, c) in (1u64..).zip(text.chars()) {
        if field == index {
            return column;
        }
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            c if !quoted && c == delimiter as char => field += 1,
            _ => {}
        }
    }
    1
}

/// The 1-based line of byte offsets in a text, for offsets that only grow (one pass in all).
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            byte: 0,
            line: 1,
        }
    }

    /// The line that byte `at` is on.
    fn line_at(&mut self, at: usize) -> u64 {
        let at = at.min(self.text.len());
        if at < self.byte {
            // Never happens (records come in order); counted from the start then.
            self.byte = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.byte..at]).count() as u64;
        self.byte = at;
        self.line
    }
}

/// The most frequent of `;`, tab and `,` outside quotes on the first non-empty line.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0usize), (b'\t', 0), (b',', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
            c.1 += 1;
        }
    }
    // Highest count wins; on a tie the earlier (';' before tab before ',') wins.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// The message of a record the csv parser cannot read, without its internal wording.
pub(super) fn record_error(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid text: expected UTF-8 or Windows-1252",
            err.field() + 1
        ),
        _ => {
            "the record cannot be read: expected fields separated by ';', ',' or a tab".to_string()
        }
    }
}

/// Calls `f(line, record, last)` for every record of `text` from byte `from` on, whatever its
/// width: `line` is the 1-based line the record starts on (`first_line` is the line of byte
/// `from`; lines are counted from byte offsets, so the empty lines before a record count),
/// `last` whether no record follows. A record the csv crate cannot split becomes
/// `split_error(line, error)`.
pub(super) fn for_each_ragged_record(
    text: &str,
    from: usize,
    first_line: u64,
    delimiter: u8,
    split_error: impl Fn(u64, &::csv::Error) -> Error,
    mut f: impl FnMut(u64, &::csv::StringRecord, bool) -> Result<()>,
) -> Result<()> {
    let body = text.get(from..).unwrap_or("").as_bytes();
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = ::csv::StringRecord::new();
    // The csv crate's own line numbers are those of the empty lines it skipped before a
    // record, not of the record.
    let mut lines = LineCounter::new(body);
    let to_file = |line: u64| line + first_line - 1;
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| lines.line_at(p.byte() as usize))
                    .unwrap_or(1);
                return Err(split_error(to_file(line), &e));
            }
        };
        if !more {
            return Ok(());
        }
        // A record's position is where reading it began: before the empty lines it skipped.
        let line = record
            .position()
            .map(|p| {
                let mut at = p.byte() as usize;
                while matches!(body.get(at), Some(b'\n' | b'\r')) {
                    at += 1;
                }
                lines.line_at(at)
            })
            .unwrap_or(1);
        let last = reader.is_done() || reader.position().byte() as usize >= body.len();
        f(to_file(line), &record, last)?;
    }
}
