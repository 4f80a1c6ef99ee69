//! The incident log of the situation picture: CSV (UTF-8 or Windows-1252, `,` `;` or tab) or
//! an Excel workbook (its first sheet with data), a header row, columns in any order with
//! Swedish or English names. Columns it does not know (free-text descriptions that may hold
//! personal data) are left out and named once in a warning, never copied.

use super::text::trim_field;
use crate::error::{Error, Location, Result};
use crate::incident::{Incident, IncidentLog};
use crate::limits::Limits;
use crate::warning::{Warning, WarningKind};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// The columns of an incident log and the header names each may have (compared trimmed and
/// case-insensitively).
const COLUMNS: [(Column, &[&str]); 5] = [
    (Column::Date, &["datum", "date", "dag", "day"]),
    (
        Column::Category,
        &["kategori", "category", "händelsetyp", "typ", "type"],
    ),
    (Column::Place, &["plats", "place", "område", "location"]),
    (
        Column::Source,
        &["källa", "kalla", "source", "rapportör", "reporter"],
    ),
    (Column::Count, &["antal", "count", "n"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Date,
    Category,
    Place,
    Source,
    Count,
}

impl Column {
    fn english(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Category => "category",
            Column::Place => "place",
            Column::Source => "source",
            Column::Count => "count",
        }
    }
}

/// Where each known column is in the header, and the names of the others.
struct Header {
    index: [Option<usize>; 5],
    names: Vec<String>,
    ignored: Vec<String>,
}

impl Header {
    fn of(cells: &[String], at: &Location) -> Result<Header> {
        let mut index: [Option<usize>; 5] = [None; 5];
        let mut ignored = Vec::new();
        for (i, raw) in cells.iter().enumerate() {
            let name = trim_field(raw).to_lowercase();
            let known = COLUMNS
                .iter()
                .position(|(_, names)| names.contains(&name.as_str()));
            match known {
                Some(k) => {
                    if let Some(first) = index[k] {
                        return Err(Error::input(
                            at.clone().column(i as u64 + 1),
                            format!(
                                "the {} column appears twice (\"{}\" in column {} and \"{}\" in column {}); expected it once",
                                COLUMNS[k].0.english(),
                                trim_field(cells[first].as_str()),
                                first + 1,
                                trim_field(raw),
                                i + 1
                            ),
                        ));
                    }
                    index[k] = Some(i);
                }
                None if name.is_empty() => {}
                None => ignored.push(trim_field(raw).to_string()),
            }
        }
        for column in [Column::Date, Column::Category] {
            if index[column as usize].is_none() {
                return Err(Error::input(
                    at.clone(),
                    format!(
                        "no {} column in the header ({}): expected columns datum/date and kategori/category, optional plats/place, källa/source, antal/count",
                        column.english(),
                        cells
                            .iter()
                            .map(|c| format!("\"{}\"", trim_field(c)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        Ok(Header {
            index,
            names: cells.iter().map(|c| trim_field(c).to_string()).collect(),
            ignored,
        })
    }

    fn cell<'a>(&self, row: &'a [String], column: Column) -> Option<&'a str> {
        let i = self.index[column as usize]?;
        row.get(i).map(|c| trim_field(c)).filter(|c| !c.is_empty())
    }

    /// The location of `column` on line `line`.
    fn at(&self, file: &Location, line: u64, column: Column) -> Location {
        let i = self.index[column as usize].unwrap_or(0);
        file.clone()
            .line(line)
            .column(i as u64 + 1)
            .field(self.names.get(i).cloned().unwrap_or_default())
    }
}

/// Reads an incident log from a file: CSV, or an Excel workbook by its content.
///
/// # Examples
/// ```no_run
/// let (log, warnings) = bra_indicators::read_incidents(std::path::Path::new("händelser.csv"))?;
/// println!("{} incidents, {} warnings", log.incidents.len(), warnings.len());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_incidents(path: &Path) -> Result<(IncidentLog, Vec<Warning>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_incidents_bytes(&path.display().to_string(), &bytes, &Limits::default())
}

/// Reads an incident log from bytes (`name` is used in messages).
///
/// # Examples
/// ```
/// use bra_indicators::{read_incidents_bytes, Limits};
/// let csv = "Datum;Kategori;Plats;Beskrivning\n2026-05-01 22:15;Klotter;Centrum;text\n2026-05-02;Brand;;\n";
/// let (log, warnings) = read_incidents_bytes("logg.csv", csv.as_bytes(), &Limits::default())?;
/// assert_eq!(log.incidents.len(), 2);
/// assert_eq!(log.incidents[0].place.as_deref(), Some("Centrum"));
/// assert_eq!(log.ignored_columns, ["Beskrivning"]); // never copied to any output
/// assert_eq!(warnings.len(), 1);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_incidents_bytes(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(IncidentLog, Vec<Warning>)> {
    let is_excel = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0");
    let (file, first_line, rows) =
        if is_excel {
            let sheets = super::xlsx::read_sheets(name, bytes, limits)?;
            let sheet = sheets
            .into_iter()
            .find(|s| s.rows.iter().any(|r| r.iter().any(|c| !c.trim().is_empty())))
            .ok_or_else(|| {
                Error::input(
                    Location::file(name),
                    "the workbook has no sheet with data: expected a header row and incident rows",
                )
            })?;
            (Location::file(sheet.label), sheet.first_row, sheet.rows)
        } else {
            (Location::file(name), 1, csv_rows(name, bytes, limits)?)
        };
    read_rows(file, first_line, rows, limits, is_excel)
}

/// The records of a delimited file, each at its line (blank lines kept as empty rows so that
/// row offsets are line numbers), through the readers' one record loop
/// ([`for_each_ragged_record`](super::records::for_each_ragged_record)): decoding, the line
/// cap, the delimiter and the lines of records after blank or quoted lines as for tables.
fn csv_rows(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Vec<String>>> {
    let src = super::records::Source::new(name, bytes, *limits)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    super::records::for_each_ragged_record(
        &src.text,
        0,
        1,
        src.delimiter,
        |line, e| {
            Error::input(
                Location::file(name).line(line),
                super::records::record_error(e),
            )
        },
        |line, record, _| {
            for (i, field) in record.iter().enumerate() {
                limits.check_field(
                    Location::file(name).line(line).column(i as u64 + 1),
                    field,
                    field.len(),
                )?;
            }
            while (rows.len() as u64) + 1 < line {
                rows.push(Vec::new());
            }
            rows.push(record.iter().map(str::to_string).collect());
            Ok(())
        },
    )?;
    Ok(rows)
}

fn read_rows(
    file: Location,
    first_line: u64,
    rows: Vec<Vec<String>>,
    limits: &Limits,
    excel: bool,
) -> Result<(IncidentLog, Vec<Warning>)> {
    let blank = |r: &Vec<String>| r.iter().all(|c| trim_field(c).is_empty());
    let Some(header_at) = rows.iter().position(|r| !blank(r)) else {
        return Err(Error::input(
            file,
            "the file is empty: expected a header row (datum, kategori, ...) and incident rows",
        ));
    };
    let header_line = first_line + header_at as u64;
    let header = Header::of(&rows[header_at], &file.clone().line(header_line))?;
    limits.check_columns(file.clone().line(header_line), rows[header_at].len())?;
    let mut log = IncidentLog {
        source: file.file.clone(),
        ignored_columns: header.ignored.clone(),
        ..IncidentLog::default()
    };
    let mut warnings = Vec::new();
    if !header.ignored.is_empty() {
        warnings.push(Warning::new(
            WarningKind::IgnoredColumns,
            Some(file.clone().line(header_line)),
            format!(
                "columns not used and never copied to any output: {}",
                header
                    .ignored
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let width = rows[header_at].len();
    let mut wider: Option<(u64, usize)> = None;
    let mut wider_rows = 0usize;
    for (offset, row) in rows.iter().enumerate().skip(header_at + 1) {
        if blank(row) {
            continue;
        }
        let line = first_line + offset as u64;
        if row[width.min(row.len())..]
            .iter()
            .any(|c| !trim_field(c).is_empty())
        {
            wider_rows += 1;
            wider.get_or_insert((line, row.len()));
        }
        log.incidents
            .push(incident(&header, row, &file, line, excel)?);
    }
    if let Some((line, fields)) = wider {
        let rows = if wider_rows == 1 {
            "1 row has".to_string()
        } else {
            format!("{wider_rows} rows have")
        };
        warnings.push(Warning::new(
            WarningKind::ExtraFields,
            Some(file.clone().line(line)),
            format!(
                "{rows} more fields than the header's {width} (the first has \
                 {fields}): the fields beyond the header were ignored (a free-text column with \
                 an unquoted delimiter?)"
            ),
        ));
    }
    if log.incidents.is_empty() {
        return Err(Error::input(
            file.line(header_line),
            "the log has a header but no incidents: expected at least one row below it",
        ));
    }
    Ok((log, warnings))
}

fn incident(
    header: &Header,
    row: &[String],
    file: &Location,
    line: u64,
    excel: bool,
) -> Result<Incident> {
    let required = |column: Column| {
        header.cell(row, column).ok_or_else(|| {
            Error::input(
                header.at(file, line, column),
                format!(
                    "the {} is empty: expected one on every row",
                    column.english()
                ),
            )
        })
    };
    let raw_date = required(Column::Date)?;
    let date = parse_date(raw_date, excel).ok_or_else(|| {
        Error::input(
            header.at(file, line, Column::Date),
            format!(
                "expected a date as YYYY-MM-DD (optionally with a time, 2026-05-01 22:15), found \"{raw_date}\""
            ),
        )
    })?;
    let category = required(Column::Category)?.to_string();
    let count = match header.cell(row, Column::Count) {
        None => 1,
        Some(raw) => parse_count(raw).ok_or_else(|| {
            Error::input(
                header.at(file, line, Column::Count),
                format!("expected a whole number of incidents (0 or more), found \"{raw}\""),
            )
        })?,
    };
    Ok(Incident {
        date,
        category,
        place: header.cell(row, Column::Place).map(str::to_string),
        source: header.cell(row, Column::Source).map(str::to_string),
        count,
    })
}

/// `2026-05-01`, `2026-05-01 22:15`, `2026-05-01T22:15:00`, `2026-05-01 22:15:07`; in a
/// workbook also an Excel date serial number (days since 1899-12-30).
fn parse_date(raw: &str, excel: bool) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return Some(d);
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(t.date());
        }
    }
    if excel {
        let serial: f64 = raw.parse().ok()?;
        if (1.0..2_958_466.0).contains(&serial) {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
            return epoch.checked_add_days(chrono::Days::new(serial.floor() as u64));
        }
    }
    None
}

fn parse_count(raw: &str) -> Option<u64> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(n) = digits.parse::<u64>() {
        return Some(n);
    }
    // A workbook's whole number as `3.0`.
    let f: f64 = digits.parse().ok()?;
    (f >= 0.0 && f.fract() == 0.0 && f < 1e15).then_some(f as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<(IncidentLog, Vec<Warning>)> {
        read_incidents_bytes("logg.csv", text.as_bytes(), &Limits::default())
    }

    #[test]
    fn columns_in_any_order_and_either_language() {
        let (log, w) =
            read("count,place,category,date\n3,Centrum,Klotter,2026-01-05T10:00:00\n").unwrap();
        assert!(w.is_empty());
        assert_eq!(log.incidents[0].count, 3);
        assert_eq!(
            log.incidents[0].date,
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
        );
        let (log, _) =
            read("\u{feff}DATUM\tKATEGORI\tKälla\n2026-01-05\tBrand\tRäddningstjänsten\n").unwrap();
        assert_eq!(
            log.incidents[0].source.as_deref(),
            Some("Räddningstjänsten")
        );
        // Windows-1252, as Excel saves a CSV in Sweden.
        let bytes = b"Datum;Kategori;Plats\r\n2026-01-05;Skadeg\xf6relse;V\xe4stanfors\r\n";
        let (log, _) = read_incidents_bytes("logg.csv", bytes, &Limits::default()).unwrap();
        assert_eq!(log.incidents[0].category, "Skadegörelse");
        assert_eq!(log.incidents[0].place.as_deref(), Some("Västanfors"));
    }

    #[test]
    fn bad_input_names_file_line_and_column() {
        let e = read("datum,kategori\n2026-01-05,Klotter\n2026-13-01,Klotter\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "logg.csv:3:1: column \"datum\": expected a date as YYYY-MM-DD (optionally with a time, 2026-05-01 22:15), found \"2026-13-01\""
        );
        let e = read("datum,kategori,antal\n2026-01-05,Klotter,två\n").unwrap_err();
        assert!(
            e.to_string().starts_with("logg.csv:2:3: column \"antal\""),
            "{e}"
        );
        let e = read("datum,beskrivning\n2026-01-05,x\n").unwrap_err();
        assert!(e.to_string().contains("no category column"), "{e}");
        let e = read("datum,kategori,Date\n").unwrap_err();
        assert!(e.to_string().contains("appears twice"), "{e}");
        let e = read("datum,kategori\n\n").unwrap_err();
        assert!(e.to_string().contains("no incidents"), "{e}");
        assert!(read("").is_err());
        let e = read("datum,kategori\n2026-01-05,\n").unwrap_err();
        assert!(e.to_string().contains("the category is empty"), "{e}");
    }

    #[test]
    fn blank_lines_keep_line_numbers() {
        let e = read("datum,kategori\n2026-01-05,Klotter\n\n\nfel,Klotter\n").unwrap_err();
        assert!(e.to_string().starts_with("logg.csv:5:1:"), "{e}");
    }

    #[test]
    fn fields_beyond_the_header_are_counted_not_dropped_silently() {
        let (log, w) = read(
            "datum,kategori,plats\n2026-01-05,Klotter,Centrum\n2026-01-06,Brand,Torget,kv\u{e4}ll, sent\n2026-01-07,Brand,Torget,,\n2026-01-08,Brand,Torget,x\n",
        )
        .unwrap();
        assert_eq!(log.incidents.len(), 4);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].kind, WarningKind::ExtraFields);
        assert_eq!(w[0].location.as_ref().map(|l| l.line), Some(Some(3)));
        assert!(
            w[0].message
                .starts_with("2 rows have more fields than the header's 3 (the first has 5)"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn quoted_line_breaks_keep_line_numbers() {
        let e = read("datum,kategori,text\n2026-01-05,Klotter,\"två\nrader\"\nfel,Klotter,x\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("logg.csv:4:1:"), "{e}");
    }
}
