//! The CSV download of SCB's statistical database (statistikdatabasen), as analysts save it:
//!
//! ```text
//! "region","2017","2018"
//! "0114 Upplands Väsby",44605,45543
//! ```
//!
//! The header starts with the region column (`region`, `kommun`, `län`, any case); then other
//! stub columns may follow (`kön`, `ålder`, `civilstånd`), and then one column per period
//! (`2017`, `2024K1`, `2024M03`) or per content and period (`Folkmängd 2017`, or `2017
//! Folkmängd`). A title line (and a blank line) may stand above the header and footnotes below
//! the data. Latin-1/Windows-1252 or UTF-8 (with or without BOM), CRLF or LF, `,` `;` or tab,
//! a decimal comma, `..` and the other missing-value markers. Region cells are `0114 Upplands
//! Väsby`, `00 Riket`, `19 Västmanlands län` or a name.
//!
//! The cells become a cube (`cube.rs`), so population reading and `bra import` behave as for
//! PX: a stub column other than the region is reduced for a population by its total value
//! (`totalt`, `samtliga`), or summed with a warning.

use super::codes::ShortCodes;
use super::csv::{Layout, ReadOptions};
use super::cube::{Cube, Dim, Elimination, Role};
use super::pxweb::total_index;
use super::records::{for_each_ragged_record, sniff_delimiter};
use super::text::{Cell, decode, parse_cell, trim_field};
use crate::area::{AreaMatch, normalise};
use crate::error::{Error, Location, Result};
use crate::period::Period;
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;
use std::path::Path;

/// What the layout is expected to be, for messages.
pub(crate) const EXPECTED: &str = "an SCB statistical-database CSV download: a header \
     \"region\",\"2017\"[,\"2018\"…] (a column per year, or per content and year such as \
     \"Folkmängd 2017\"), other stub columns such as \"kön\" allowed before the years, then one \
     row per region such as \"0114 Upplands Väsby\",44605";

/// First header cells that name the region column.
const REGION_HEADERS: &[&str] = &[
    "region",
    "regioner",
    "kommun",
    "kommuner",
    "län",
    "lan",
    "riket",
    "område",
    "omrade",
    "county",
    "municipality",
];

/// How many non-blank lines (titles) may stand above the header.
const MAX_TITLE_LINES: usize = 3;

/// The header of an SCB CSV download, as found in the text.
#[derive(Debug, Clone)]
struct Header {
    /// 1-based line of the header.
    line: u64,
    /// Byte offset of the header line in the text.
    offset: usize,
    delimiter: u8,
    fields: Vec<String>,
    /// Title lines above it.
    title: Vec<String>,
}

/// The period in a header cell and the rest of the cell (the content): `Folkmängd 2017` →
/// (2017, `Folkmängd`); `2017` → (2017, ``).
fn split_period(cell: &str) -> Option<(Period, String)> {
    let tokens: Vec<&str> = cell.split_whitespace().collect();
    let (i, p) = tokens.iter().enumerate().rev().find_map(|(i, t)| {
        let p: Period = t.parse().ok()?;
        let ok = !matches!(p, Period::Range(..)) && (1800..=2200).contains(&p.start_year());
        ok.then_some((i, p))
    })?;
    let rest: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, t)| *t)
        .collect();
    let rest = rest
        .join(" ")
        .trim_matches(|c: char| c == ',' || c == ':' || c.is_whitespace())
        .to_string();
    Some((p, rest))
}

/// The cells of one line, split by `delimiter` as CSV (quotes honoured), trimmed: the first
/// record of `line` exactly as the csv crate reads it (a quoted field may hold the delimiter
/// and `""`; what follows a closing quote is kept; a quote left open runs to the end; a CR
/// outside quotes ends the record). Split here rather than with a csv reader, whose
/// construction (a 2,560-entry state table) cost more than the rest of the format check on
/// every file (and most of the time of the fuzz targets that read text).
fn cells(line: &str, delimiter: u8) -> Vec<String> {
    // Leading line ends are skipped, as empty records.
    let line = line.trim_start_matches('\r');
    let delimiter = char::from(delimiter);
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut at_start, mut closed) = (false, true, false);
    for c in line.chars() {
        if quoted {
            if c == '"' {
                quoted = false;
                closed = true;
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            // `""` inside quotes: one quote, still quoted.
            '"' if closed => {
                field.push('"');
                quoted = true;
                closed = false;
            }
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            '\r' => break,
            c if c == delimiter => {
                fields.push(trim_field(&field).to_string());
                field.clear();
                (at_start, closed) = (true, false);
            }
            c => {
                field.push(c);
                (at_start, closed) = (false, false);
            }
        }
    }
    fields.push(trim_field(&field).to_string());
    fields
}

/// Finds the header: the first non-blank line whose first cell names the region and whose
/// last cell holds a period, after at most [`MAX_TITLE_LINES`] title lines (lines without a
/// number in them).
fn find_header(text: &str) -> Option<Header> {
    let mut title = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let delimiter = sniff_delimiter(line);
        let fields = cells(line, delimiter);
        let first = normalise(fields.first().map(String::as_str).unwrap_or(""));
        if fields.len() >= 2
            && REGION_HEADERS.contains(&first.as_str())
            && fields.last().is_some_and(|l| split_period(l).is_some())
        {
            return Some(Header {
                line: i as u64 + 1,
                offset: start,
                delimiter,
                fields,
                title,
            });
        }
        let numbers = fields
            .iter()
            .any(|f| matches!(parse_cell(f), Ok(Cell::Number(_))));
        if numbers || title.len() >= MAX_TITLE_LINES {
            return None;
        }
        title.push(fields.join(" ").trim().to_string());
    }
    None
}

/// Whether `bytes` look like an SCB CSV download (judged on the first lines).
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    // The first few lines are enough: the header is at most a few lines down.
    let mut end = bytes.len().min(64 * 1024);
    let mut newlines = 0;
    for (i, &b) in bytes[..end].iter().enumerate() {
        if b == b'\n' {
            newlines += 1;
            if newlines > MAX_TITLE_LINES * 2 + 2 {
                end = i;
                break;
            }
        }
    }
    match decode("", &bytes[..end]) {
        Ok((text, _)) => find_header(&text).is_some(),
        Err(_) => false,
    }
}

/// The column layout read from the header.
struct Columns {
    /// Stub columns (the region first).
    stubs: Vec<String>,
    /// For each period column: its content index and period index.
    cells: Vec<(usize, usize)>,
    contents: Vec<String>,
    periods: Vec<Period>,
}

fn columns(name: &str, h: &Header) -> Result<Columns> {
    let at = |field: &str| Location::file(name).line(h.line).field(field);
    let first = h
        .fields
        .iter()
        .position(|f| split_period(f).is_some())
        .unwrap_or(h.fields.len());
    let stubs: Vec<String> = h.fields[..first].to_vec();
    let mut contents: Vec<String> = Vec::new();
    let mut periods: Vec<Period> = Vec::new();
    let mut cells = Vec::new();
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    for (j, f) in h.fields.iter().enumerate().skip(first) {
        let Some((p, content)) = split_period(f) else {
            return Err(Error::input(
                at(f),
                format!(
                    "column {}: expected a period (a year such as 2017, or a content and a year such \
                     as \"Folkmängd 2017\") as in the columns before it",
                    j + 1
                ),
            ));
        };
        let c = match contents.iter().position(|x| *x == content) {
            Some(c) => c,
            None => {
                contents.push(content);
                contents.len() - 1
            }
        };
        let t = match periods.iter().position(|x| *x == p) {
            Some(t) => t,
            None => {
                periods.push(p);
                periods.len() - 1
            }
        };
        if let Some(k) = seen.insert((c, t), j) {
            return Err(Error::input(
                at(f),
                format!(
                    "column {} repeats column {} (\"{}\"): expected each period once",
                    j + 1,
                    k + 1,
                    h.fields[k]
                ),
            ));
        }
        cells.push((c, t));
    }
    if contents.len() > 1 && contents.iter().any(String::is_empty) {
        let j = first
            + cells
                .iter()
                .position(|&(c, _)| contents[c].is_empty())
                .unwrap_or(0);
        return Err(Error::input(
            at(&h.fields[j]),
            "expected the content and the year (\"Folkmängd 2017\") as in the other period columns",
        ));
    }
    Ok(Columns {
        stubs,
        cells,
        contents,
        periods,
    })
}

/// An SCB CSV download read into a cube.
#[derive(Debug)]
pub(crate) struct Read {
    /// The cells.
    pub cube: Cube,
    /// How many rows were skipped (city districts), each with a warning in the cube.
    pub skipped: usize,
    /// For a table: the content was taken from the file name (the header names none); a
    /// population file needs no content.
    pub content_note: Option<Warning>,
}

/// Reads an SCB CSV download into a cube.
pub(crate) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Read> {
    let (text, encoding) = decode(name, bytes)?;
    options.limits.check_lines(name, text.as_bytes())?;
    let h = find_header(&text).ok_or_else(|| {
        Error::input(
            Location::file(name),
            format!("no known layout; tried SCB CSV: expected {EXPECTED}"),
        )
    })?;
    options
        .limits
        .check_columns(Location::file(name).line(h.line), h.fields.len())?;
    for (i, f) in h.fields.iter().enumerate() {
        let at = Location::file(name).line(h.line).column(i as u64 + 1);
        options.limits.check_field(at, "header", f.len())?;
    }
    let cols = columns(name, &h)?;
    let width = h.fields.len();
    let nstubs = cols.stubs.len();
    let reg = options.area_registry();
    let sep = h.delimiter as char;

    let mut warnings: Vec<Warning> = Vec::new();
    let mut short = ShortCodes::default();
    // Stub values (the region's as area codes) in order of appearance.
    let mut stub_codes: Vec<Vec<String>> = vec![Vec::new(); nstubs];
    let mut stub_labels: Vec<Vec<String>> = vec![Vec::new(); nstubs];
    let mut stub_index: Vec<HashMap<String, u32>> = vec![HashMap::new(); nstubs];
    struct Row {
        line: u64,
        stubs: Vec<u32>,
        cells: Vec<std::result::Result<f64, &'static str>>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut keys: HashMap<Vec<u32>, u64> = HashMap::new();
    let mut skipped = 0usize;
    let mut footnotes: Vec<(u64, String)> = Vec::new();
    let split_error = |line, _: &::csv::Error| {
        Error::input(
            Location::file(name).line(line),
            "could not split this line into cells: a quote (\") left open? expected cells \
             separated by the header's delimiter",
        )
    };
    // The records start at the header line.
    for_each_ragged_record(
        &text,
        h.offset,
        h.line,
        h.delimiter,
        split_error,
        |line, record, _| {
            if line <= h.line {
                return Ok(());
            }
            options
                .limits
                .check_columns(Location::file(name).line(line), record.len())?;
            for (i, f) in record.iter().enumerate() {
                let at = Location::file(name).line(line).column(i as u64 + 1);
                let field = h.fields.get(i).map_or("cell", String::as_str);
                options.limits.check_field(at, field, f.len())?;
            }
            let fields: Vec<String> = record.iter().map(|f| trim_field(f).to_string()).collect();
            if fields.iter().all(String::is_empty) {
                return Ok(());
            }
            if let Some(i) = fields.iter().position(|f| f.contains('\n')) {
                return Err(Error::input(
                    Location::file(name).line(line),
                    format!(
                        "cell {} runs over several lines: a quote (\") left open? expected each row on \
                     one line",
                        i + 1
                    ),
                ));
            }
            let at = |field: &str| Location::file(name).line(line).field(field);
            let only_first = fields.iter().skip(1).all(String::is_empty);
            let hit = reg.lookup(&fields[0]);
            let is_area = !matches!(hit, AreaMatch::Unknown);
            if !footnotes.is_empty() || (only_first && !is_area && !rows.is_empty()) {
                // Footnotes below the data: text, not numbers.
                let numbers = fields
                    .iter()
                    .skip(nstubs)
                    .any(|f| matches!(parse_cell(f), Ok(Cell::Number(_))));
                if fields.len() == width && numbers && is_area {
                    return Err(Error::input(
                        Location::file(name).line(line),
                        format!(
                            "a data row below the footnotes (line {}): expected the rows of regions \
                         together, above the footnotes",
                            footnotes.first().map(|f| f.0).unwrap_or(line)
                        ),
                    ));
                }
                footnotes.push((line, fields.join(" ").trim().to_string()));
                return Ok(());
            }
            if fields.len() != width {
                return Err(Error::input(
                    Location::file(name).line(line),
                    format!(
                        "expected {width} cells separated by '{sep}' as in the header (line {}), found {}",
                        h.line,
                        fields.len()
                    ),
                ));
            }
            // The region.
            let raw = fields[0].as_str();
            let code = match hit {
                AreaMatch::Found(a) => a.code.clone(),
                AreaMatch::NotAnArea => {
                    skipped += 1;
                    warnings.push(Warning::new(
                        WarningKind::NotAnArea,
                        Some(Location::file(name).line(line)),
                        format!("\"{raw}\" is not a kommun, län or riket: row skipped"),
                    ));
                    return Ok(());
                }
                AreaMatch::Unknown => {
                    return Err(Error::input(
                        at(&h.fields[0]),
                        format!(
                            "unknown area \"{raw}\": expected a kommun, län or riket such as \"0114 \
                         Upplands Väsby\", \"19 Västmanlands län\" or \"00 Riket\" (list them with \
                         `bra areas`)"
                        ),
                    ));
                }
            };
            short.note(raw, &code, || at(&h.fields[0]))?;
            let mut key = Vec::with_capacity(nstubs);
            for s in 0..nstubs {
                let (value, label) = if s == 0 {
                    (code.clone(), raw.to_string())
                } else {
                    (fields[s].clone(), fields[s].clone())
                };
                let next = stub_codes[s].len() as u32;
                let i = *stub_index[s].entry(value.clone()).or_insert_with(|| {
                    stub_codes[s].push(value);
                    stub_labels[s].push(label);
                    next
                });
                key.push(i);
            }
            if let Some(first) = keys.insert(key.clone(), line) {
                return Err(Error::input(
                    Location::file(name).line(line),
                    format!(
                        "duplicate row: {} is already on line {first}",
                        fields[..nstubs].join(", ")
                    ),
                ));
            }
            let mut cells = Vec::with_capacity(cols.cells.len());
            for (j, f) in fields.iter().enumerate().skip(nstubs) {
                cells.push(match parse_cell(f) {
                    Ok(Cell::Number(v)) => Ok(v),
                    Ok(Cell::Missing(m)) => Err(m),
                    Err(what) => return Err(Error::input(at(&h.fields[j]), what)),
                });
            }
            rows.push(Row {
                line,
                stubs: key,
                cells,
            });
            Ok(())
        },
    )?;
    if rows.is_empty() && skipped == 0 {
        return Err(Error::input(
            Location::file(name),
            format!(
                "the file has a header (line {}) but no data rows: expected one row per region",
                h.line
            ),
        ));
    }
    warnings.extend(short.warning(name));
    if !footnotes.is_empty() {
        warnings.push(Warning::new(
            WarningKind::SkippedPart,
            Some(Location::file(name).line(footnotes[0].0)),
            format!(
                "{} footnote line(s) below the data not read as data (\"{}\")",
                footnotes.len(),
                footnotes[0].1.chars().take(60).collect::<String>()
            ),
        ));
    }

    // The cube: the stubs, then the content (if the header names several or one), then time.
    let header_at = |field: &str| Location::file(name).line(h.line).field(field);
    let mut dims: Vec<Dim> = Vec::new();
    for (s, stub) in cols.stubs.iter().enumerate() {
        let codes = std::mem::take(&mut stub_codes[s]);
        let labels = std::mem::take(&mut stub_labels[s]);
        let elimination = if s == 0 {
            Elimination::No
        } else {
            total_index(&codes, &labels)
                .map(Elimination::Value)
                .unwrap_or(Elimination::Unknown)
        };
        dims.push(Dim {
            name: stub.clone(),
            code: stub.clone(),
            codes,
            labels,
            role: if s == 0 { Role::Region } else { Role::Other },
            elimination,
            time_format: None,
            units: Vec::new(),
            at: header_at(stub),
            what: format!("column \"{stub}\""),
        });
    }
    let named = !cols.contents.iter().all(String::is_empty);
    if named {
        dims.push(Dim {
            name: "tabellinnehåll".to_string(),
            code: "ContentsCode".to_string(),
            codes: cols.contents.clone(),
            labels: cols.contents.clone(),
            role: Role::Content,
            elimination: Elimination::No,
            time_format: None,
            units: Vec::new(),
            at: Location::file(name).line(h.line),
            what: "the header".to_string(),
        });
    }
    let times: Vec<String> = cols.periods.iter().map(Period::to_string).collect();
    dims.push(Dim {
        name: "tid".to_string(),
        code: "Tid".to_string(),
        codes: times.clone(),
        labels: times,
        role: Role::Time,
        elimination: Elimination::No,
        time_format: None,
        units: Vec::new(),
        at: Location::file(name).line(h.line),
        what: "the header".to_string(),
    });
    let sizes: Vec<usize> = dims.iter().map(Dim::len).collect();
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(s))
        .unwrap_or(usize::MAX);
    if total > options.limits.max_cells {
        return Err(Error::limit(
            Location::file(name),
            format!(
                "the rows and columns span more than {} cells ({}): refused",
                options.limits.max_cells,
                dims.iter()
                    .map(|d| format!("{} {}", d.name, d.len()))
                    .collect::<Vec<_>>()
                    .join(" × ")
            ),
            "max_cells",
        ));
    }
    let mut strides = vec![1usize; sizes.len()];
    for i in (0..sizes.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * sizes[i + 1];
    }
    let time_dim = dims.len() - 1;
    let content_dim = named.then(|| dims.len() - 2);
    let mut values = vec![None; total];
    let mut present = vec![false; total];
    let mut statuses: Vec<String> = Vec::new();
    let mut status: HashMap<usize, u32> = HashMap::new();
    let mut lines: HashMap<usize, u64> = HashMap::new();
    for row in &rows {
        let base: usize = row
            .stubs
            .iter()
            .zip(&strides)
            .map(|(&i, &s)| i as usize * s)
            .sum();
        for (&(c, t), cell) in cols.cells.iter().zip(&row.cells) {
            let flat =
                base + t * strides[time_dim] + content_dim.map(|d| c * strides[d]).unwrap_or(0);
            present[flat] = true;
            match cell {
                Ok(v) => values[flat] = Some(*v),
                Err(m) => {
                    let i = match statuses.iter().position(|x| x == m) {
                        Some(i) => i,
                        None => {
                            statuses.push(m.to_string());
                            statuses.len() - 1
                        }
                    };
                    status.insert(flat, i as u32);
                    lines.insert(flat, row.line);
                }
            }
        }
    }

    // The content when the header names none: the title's part before "efter", else from
    // the file name (folkmängd/befolkning), else a plain value.
    let title = h.title.join(" ");
    let from_title = title
        .split(" efter ")
        .next()
        .and_then(|s| s.split(" by ").next())
        .unwrap_or("")
        .trim()
        .to_string();
    let stem = Path::new(name)
        .file_name()
        .map(|s| normalise(&s.to_string_lossy()))
        .unwrap_or_default();
    let mut content_note = None;
    let contents = if !from_title.is_empty() {
        from_title
    } else if ["folkm", "befolk", "population"]
        .iter()
        .any(|k| stem.contains(k))
    {
        if !named {
            content_note = Some(Warning::new(
                WarningKind::Assumption,
                Some(Location::file(name).line(h.line)),
                "the header names no content, only periods: taken as Folkmängd (population) from \
                 the file name",
            ));
        }
        "Folkmängd".to_string()
    } else {
        "värde".to_string()
    };
    Ok(Read {
        cube: Cube {
            name: name.to_string(),
            layout: Layout::ScbCsv,
            encoding,
            source: name.to_string(),
            namespace: "scb",
            contents,
            contents_code: None,
            unit: None,
            dims,
            values,
            present: Some(present),
            status,
            statuses,
            lines,
            data_at: Location::file(name),
            warnings,
        },
        skipped,
        content_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_ok(name: &str, text: &[u8]) -> (Cube, usize) {
        let got = read(name, text, &ReadOptions::default()).unwrap();
        (got.cube, got.skipped)
    }

    #[test]
    fn cells_split_as_the_csv_crate_reads_a_record() {
        // Every line of up to 4 characters over an alphabet of the characters that matter.
        let alphabet = ['a', ',', ';', '"', '\r', ' ', 'é'];
        let mut lines = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")))
                .collect();
            lines.extend(last.iter().cloned());
        }
        for line in &lines {
            for delimiter in [b',', b';'] {
                let mut reader = ::csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(line.as_bytes());
                let mut record = ::csv::StringRecord::new();
                let want: Vec<String> = match reader.read_record(&mut record) {
                    Ok(true) => record.iter().map(|f| trim_field(f).to_string()).collect(),
                    _ => vec![String::new()],
                };
                assert_eq!(
                    cells(line, delimiter),
                    want,
                    "{line:?} split by {delimiter}"
                );
            }
        }
    }

    #[test]
    fn periods_in_header_cells() {
        assert_eq!(
            split_period("2017"),
            Some((Period::Year(2017), String::new()))
        );
        assert_eq!(
            split_period("Folkmängd 2017"),
            Some((Period::Year(2017), "Folkmängd".to_string()))
        );
        assert_eq!(
            split_period("2024K1 Folkökning"),
            Some((Period::Quarter(2024, 1), "Folkökning".to_string()))
        );
        assert_eq!(
            split_period("2024M03").map(|p| p.0),
            Some(Period::Month(2024, 3))
        );
        assert_eq!(split_period("kön"), None);
        assert_eq!(split_period("2017-2019"), None);
        assert_eq!(split_period("0114"), None);
    }

    #[test]
    fn detects_the_layout_and_not_the_others() {
        assert!(looks_like(
            b"\"region\",\"2017\"\r\n\"0114 Upplands V\xe4sby\",44605\r\n"
        ));
        assert!(looks_like(
            "\u{feff}\"Folkmängd efter region och år\"\n\n\"Region\";\"kön\";\"2020\"\n".as_bytes()
        ));
        assert!(looks_like(b"kommun\tFolkm\xe4ngd 2020\n"));
        assert!(!looks_like(
            b"area,period,indicator,count\n1982,2020,brott.totalt,1\n"
        ));
        assert!(!looks_like(b"region,period,population\n1982,2020,13391\n"));
        assert!(!looks_like("Ale kommun;2731;8547\n".as_bytes()));
        assert!(!looks_like(
            b"Kommun;Antal;Per 100 000 inv.\nAle;2537;7810\n"
        ));
        assert!(!looks_like(b""));
    }

    #[test]
    fn a_year_per_column() {
        let (cube, skipped) = read_ok(
            "b.csv",
            b"\"region\",\"2017\",\"2018\"\r\n\"0114 Upplands V\xe4sby\",44605,45543\r\n\"00 Riket\",\"..\",10230185\r\n",
        );
        assert_eq!(skipped, 0);
        assert_eq!(cube.dims.len(), 2);
        assert_eq!(cube.dims[0].codes, ["0114", "00"]);
        assert_eq!(cube.dims[0].labels[0], "0114 Upplands Väsby");
        assert_eq!(
            cube.values,
            [Some(44605.0), Some(45543.0), None, Some(10230185.0)]
        );
        assert_eq!(cube.statuses, ["suppressed"]);
        assert_eq!(cube.lines.get(&2), Some(&3));
    }

    #[test]
    fn content_and_year_columns_and_a_sex_stub() {
        let text = "\"Folkmängd och folkökning efter region, kön och år\"\n\n\
                    region;kön;Folkmängd 2020;Folkökning 2020\n\
                    1982 Fagersta;män;6800;-20\n1982 Fagersta;kvinnor;6591;3,5\n\
                    \"Källa: SCB\";;;\n";
        let (cube, _) = read_ok("f.csv", text.as_bytes());
        let roles: Vec<Role> = cube.dims.iter().map(|d| d.role).collect();
        assert_eq!(
            roles,
            [Role::Region, Role::Other, Role::Content, Role::Time]
        );
        assert_eq!(cube.dims[2].codes, ["Folkmängd", "Folkökning"]);
        assert_eq!(
            cube.values,
            [Some(6800.0), Some(-20.0), Some(6591.0), Some(3.5)]
        );
        assert!(
            cube.warnings
                .iter()
                .any(|w| w.message.contains("1 footnote line"))
        );
    }

    #[test]
    fn long_fields_are_refused() {
        let tight = ReadOptions {
            limits: crate::limits::Limits {
                max_field_bytes: 30,
                ..Default::default()
            },
            ..ReadOptions::default()
        };
        let text = format!("region,2019\n0114 Upplands Väsby,{}\n", "1".repeat(40));
        let m = read("l.csv", text.as_bytes(), &tight)
            .unwrap_err()
            .to_string();
        assert!(
            m.starts_with("l.csv:2:2: field \"2019\" is 40 bytes long"),
            "{m}"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = |t: &str| {
            read("e.csv", t.as_bytes(), &ReadOptions::default())
                .unwrap_err()
                .to_string()
        };
        let m = e("region,2017\nNowhere,1\n");
        assert!(
            m.starts_with("e.csv:2: column \"region\": unknown area \"Nowhere\""),
            "{m}"
        );
        let m = e("region,2017\n0114 Upplands Väsby,abc\n");
        assert!(
            m.starts_with("e.csv:2: column \"2017\": expected a number"),
            "{m}"
        );
        let m = e("region,2017,2018\n0114 Upplands Väsby,1\n");
        assert!(
            m.contains("e.csv:2:") && m.contains("expected 3 cells"),
            "{m}"
        );
        let m = e("region,2017,2017\n0114,1,2\n");
        assert!(m.contains("column 3 repeats column 2"), "{m}");
        let m = e("region,2017,kön,2018\n0114,1,2,3\n");
        assert!(
            m.contains("e.csv:1: column \"kön\"") && m.contains("expected a period"),
            "{m}"
        );
        let m = e("region,2017\n0114,1\n0114 Upplands Väsby,2\n");
        assert!(
            m.contains("e.csv:3:") && m.contains("already on line 2"),
            "{m}"
        );
        let m = e("region,2017\n114,1\n0114,2\n");
        assert!(
            m.contains("e.csv:2: column \"region\": unknown area \"114\""),
            "{m}"
        );
        let m = e("x,y\n1,2\n");
        assert!(m.contains("no known layout; tried SCB CSV"), "{m}");
        let m = e("region,2017\n");
        assert!(m.contains("no data rows"), "{m}");
    }
}
