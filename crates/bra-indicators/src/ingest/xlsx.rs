//! Excel workbooks (read with calamine): Brå's per-kommun indicator workbooks and plain tables.
//!
//! Every sheet is recognised by its content (FORMATS.md §1c and its "[seen 2026-12]" sections):
//! - **Brå statistics-database export** ("Öppna som excelfil", `.xls` or `.xlsx`): rows of
//!   years, periods and measures, then area rows and category rows (read in `bra_export.rs`);
//! - **Brå indicator sheet** (reported crime): a title in A1 (`Misshandel (anmälda brott) i
//!   kommunen, länet och landet …`), then a header row whose first cell names the geography and
//!   whose other cells are `"<unit> <year>"` (`Antal 2019`, `Per 100 000 inv. 2019`); one row
//!   per area. `Antal` goes to `count`, other units to `value`.
//! - **NTU sheet**: a title (`…, enligt NTU 2017–2019 …`), a row of geography names, a header
//!   row with an `Andel | KI undre | KI övre` block per geography, one row per survey year.
//!   The values are published shares with their 95 % interval (`method = published`). For
//!   victimisation (*utsatthet*) the reference year is the year before the survey year.
//! - **NTU tabellsamling** (FORMATS.md §1d): a sheet per indicator (`R4.1`, `3A`, ...), the
//!   survey years in a row (row 3), column A a section (`Samtliga 16–84 år`, `Män`, ...: the
//!   group), column B the area; the 95 % interval of the latest year only, in the two columns
//!   after it.
//! - **plain table**: title rows (one cell) may come first, then a header row and data, read
//!   like a CSV file (canonical columns or Brå's layouts).
//!
//! `..` and `.` are missing, `-` and `–` nil; empty sheets are skipped. A workbook none of
//! whose sheets matches a layout is refused with each sheet's name, the layouts tried and
//! what each expected.

use super::Ingested;
use super::bra_export;
use super::csv::{Layout, ReadOptions, csv_layouts_tried, read_csv_bytes};
use super::text::{Cell, TextEncoding, parse_cell};
use crate::area::{AreaMatch, AreaRegistry, normalise};
use crate::error::{Error, Location, Result};
use crate::indicator::{IndicatorRegistry, slug};
use crate::limits::Limits;
use crate::period::Period;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use calamine::{Data, Reader};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// One sheet as text: `rows[i][j]` is the cell in Excel row `first_row + i`, column `j`.
pub(crate) struct Sheet {
    /// `file [sheet]`, for messages.
    pub(crate) label: String,
    /// The 1-based row number of `rows[0]`.
    pub(crate) first_row: u64,
    /// The cells as text (dates as Excel serial numbers).
    pub(crate) rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The sheet as a grid for the statistics-database export reader.
    fn grid(&self) -> bra_export::Grid<'_> {
        bra_export::Grid {
            label: &self.label,
            rows: self
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| (self.first_row + i as u64, r.as_slice()))
                .collect(),
        }
    }

    fn cell(&self, r: usize, c: usize) -> &str {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn at(&self, r: usize) -> Location {
        Location::file(&self.label).line(self.first_row + r as u64)
    }

    fn filled(&self, r: usize) -> usize {
        self.rows
            .get(r)
            .map(|row| row.iter().filter(|c| !c.trim().is_empty()).count())
            .unwrap_or(0)
    }
}

/// A cell as text: whole numbers without `.0`, other numbers in full precision.
fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => format!("{}", dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// Reads every sheet of a workbook.
pub(crate) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    let sheets = read_sheets(name, bytes, &options.limits)?;

    let mut rows: Vec<Observation> = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = 0usize;
    // Sheets that match no layout, with why the plain-table reader refused them.
    let mut unknown: Vec<(&Sheet, Error)> = Vec::new();
    let mut recognised = 0usize;
    for sheet in &sheets {
        if (0..sheet.rows.len()).all(|r| sheet.filled(r) == 0) {
            continue;
        }
        let grid = sheet.grid();
        let mut got = if let Some(h) = bra_export::header(&grid, 1)? {
            recognised += 1;
            bra_export::read_sheet(&grid, h, options)?
        } else if let Some(h) = ntu_header(sheet) {
            recognised += 1;
            ntu(sheet, h)?
        } else if let Some(h) = bra_header(sheet) {
            recognised += 1;
            bra(sheet, h)?
        } else if let Some(h) = tabellsamling_header(sheet) {
            recognised += 1;
            tabellsamling(sheet, h)?
        } else {
            match plain(sheet, options) {
                Ok(got) => got,
                // A table whose header was read but whose rows are bad: its own message.
                Err(e) if !is_no_layout(&e) => return Err(e),
                Err(e) => {
                    unknown.push((sheet, e));
                    continue;
                }
            }
        };
        skipped += got.skipped;
        warnings.append(&mut got.warnings);
        rows.extend(got.table.into_rows());
    }
    if recognised == 0 && rows.is_empty() && !unknown.is_empty() {
        return Err(no_known_layout(name, &unknown));
    }
    for (sheet, e) in unknown {
        let why = match e {
            Error::Input { message, .. } => message,
            other => other.to_string(),
        };
        warnings.push(Warning::new(
            WarningKind::SkippedPart,
            Some(Location::file(&sheet.label)),
            format!(
                "the sheet {} matches no layout and was skipped: {why}",
                sheet
                    .label
                    .strip_prefix(name)
                    .unwrap_or(&sheet.label)
                    .trim()
            ),
        ));
    }
    if rows.is_empty() && skipped == 0 {
        return Err(Error::input(
            Location::file(name),
            format!("no sheet holds a table: expected {LAYOUTS_EXPECTED}"),
        ));
    }
    let mut seen: HashMap<(String, Period, String, String), String> = HashMap::new();
    for r in &rows {
        if let Some(first) = seen.insert(
            (
                r.area.clone(),
                r.period,
                r.indicator.clone(),
                r.group.clone(),
            ),
            r.source.clone(),
        ) {
            return Err(Error::input(
                Location::file(name),
                format!(
                    "duplicate value: area {}, period {}, indicator {}, group {} is in {first} and in {}",
                    r.area, r.period, r.indicator, r.group, r.source
                ),
            ));
        }
    }
    Ok(Ingested {
        table: Table::new(rows)?,
        warnings,
        layout: Layout::Workbook,
        encoding: TextEncoding::Binary,
        skipped,
    })
}

/// What each sheet layout expects, for "no known layout" messages.
const LAYOUTS_EXPECTED: &str = "a Brå statistics-database export, a Brå indicator sheet, an NTU \
     sheet or a table with a header row";

/// Whether a plain-table error says the sheet has no header the CSV layouts know (rather than
/// a bad row in a table that was recognised).
fn is_no_layout(e: &Error) -> bool {
    matches!(e, Error::Input { message, .. }
        if message.starts_with("no known layout") || message.starts_with("no header row"))
}

/// The error for a workbook none of whose sheets matches a layout: the file (and the sheet,
/// if there is one), the layouts tried with what each expected, and the plain-table reader's
/// reason for each sheet.
fn no_known_layout(name: &str, sheets: &[(&Sheet, Error)]) -> Error {
    let tried = format!(
        "tried Brå statistics-database export: expected {}; tried NTU sheet: expected a header \
         row of Andel | KI undre | KI övre blocks under a row of area names; tried Brå indicator \
         sheet: expected a header row of \"<unit> <year>\" cells (Antal 2019, Per 100 000 inv. \
         2019) under a title; tried NTU tabellsamling: expected survey years in a row from \
         column C and area names in column B",
        bra_export::EXPECTED
    );
    let csv_prefix = format!("no known layout; {}; ", csv_layouts_tried());
    let why = |e: &Error| match e {
        Error::Input { message, .. } => message
            .strip_prefix(&csv_prefix)
            .unwrap_or(message)
            .replace('\t', " | "),
        other => other.to_string(),
    };
    let tried = format!(
        "{tried}; tried plain table, as delimited text ({})",
        csv_layouts_tried()
    );
    match sheets {
        [(sheet, e)] => Error::input(
            Location::file(&sheet.label),
            format!("no known layout; {tried}; {}", why(e)),
        ),
        _ => {
            let each: Vec<String> = sheets
                .iter()
                .map(|(sheet, e)| {
                    let sheet_name = sheet.label.strip_prefix(name).unwrap_or(&sheet.label);
                    format!("{}: {}", sheet_name.trim(), why(e))
                })
                .collect();
            Error::input(
                Location::file(name),
                format!("no known layout in any sheet; {tried}; {}", each.join("; ")),
            )
        }
    }
}

/// Every sheet of a workbook as text, within `limits`: the unpacked size is checked before
/// calamine opens the archive, the cells of an .xlsx sheet are streamed and counted before a
/// grid is allocated, and a panic inside calamine becomes an error naming the file.
pub(crate) fn read_sheets(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>> {
    check_unpacked_size(name, bytes, limits)?;
    super::xls_grid::check_xls_grids(name, bytes, limits)?;
    crate::error::catch_reader_panic(name, || open_sheets(name, bytes, limits))
}

/// Refuses a zip archive (.xlsx, .ods) that unpacks to more than
/// [`Limits::max_unpacked_bytes`], by unpacking it into nothing and counting; an archive
/// that cannot be unpacked is left to calamine to report.
fn check_unpacked_size(name: &str, bytes: &[u8], limits: &Limits) -> Result<()> {
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let max = limits.max_unpacked_bytes;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let left = max - total;
        let unpacked = std::io::copy(&mut (&mut entry).take(left + 1), &mut std::io::sink());
        total += unpacked.unwrap_or(0);
        if total > max {
            let part = entry.name().map(|n| n.to_string()).unwrap_or_default();
            return Err(Error::limit(
                Location::file(name),
                format!(
                    "the workbook unpacks to more than {} bytes (at its part \"{part}\"): \
                     refused as a possible zip bomb (a real Brå or SCB workbook unpacks to a few \
                     MB)",
                    crate::format::format_number(max as f64, 0, "en")
                ),
                "max_unpacked_bytes",
            ));
        }
    }
    Ok(())
}

fn open_sheets(name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        // Why the reader of the file's kind (by its signature) cannot open it.
        let detail = if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(Cursor::new(bytes))
                .err()
                .map(|e| format!(" ({e})"))
        } else {
            calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(Cursor::new(bytes))
                .err()
                .map(|e| format!(" ({e})"))
        }
        .unwrap_or_default();
        Error::input(
            Location::file(name),
            format!(
                "not a readable Excel workbook{detail}: expected an .xlsx (or .xls/.ods) file; \
                 a truncated download cannot be opened"
            ),
        )
    })?;
    let mut sheets = Vec::new();
    if let calamine::Sheets::Xlsx(xlsx) = &mut wb {
        for sheet in xlsx.sheet_names() {
            sheets.push(stream_sheet(name, xlsx, &sheet, limits)?);
        }
        return Ok(sheets);
    }
    for sheet in wb.sheet_names() {
        let range = wb.worksheet_range(&sheet).map_err(|e| {
            Error::input(
                Location::file(name),
                format!("sheet \"{sheet}\" cannot be read: {e}"),
            )
        })?;
        let label = format!("{name} [{sheet}]");
        if let (Some((r0, _)), Some((r1, c1))) = (range.start(), range.end()) {
            check_grid(&label, r0, r1, c1, limits)?;
        }
        let first_row = range.start().map(|(r, _)| r as u64 + 1).unwrap_or(1);
        let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
        let rows = range
            .rows()
            .map(|row| {
                let mut cells = vec![String::new(); first_col];
                cells.extend(row.iter().map(text_of));
                cells
            })
            .collect::<Vec<_>>();
        for (r, row) in (first_row as u32 - 1..).zip(&rows) {
            for (c, text) in (0u32..).zip(row) {
                check_cell(&label, r, c, text, limits)?;
            }
        }
        sheets.push(Sheet {
            label,
            first_row,
            rows,
        });
    }

    Ok(sheets)
}

/// Refuses a cell (0-based row `r`, column `c`) of a sheet (`label`: `file [sheet]`) whose text
/// is longer than [`Limits::max_field_bytes`]; the error names the row and the cell (`C2`).
fn check_cell(label: &str, r: u32, c: u32, text: &str, limits: &Limits) -> Result<()> {
    if text.len() <= limits.max_field_bytes {
        return Ok(());
    }
    let mut letters = Vec::new();
    let mut n = c + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let cell = format!("{}{}", String::from_utf8_lossy(&letters), u64::from(r) + 1);
    let at = Location::file(label).line(u64::from(r) + 1);
    limits.check_field(at, &format!("cell {cell}"), text.len())
}

/// Refuses the grid of a sheet (`label`: `file [sheet]`), rows `r0` to `r1` and columns A to
/// `c1` (0-based), when it is wider than [`Limits::max_columns`] or holds more than
/// [`Limits::max_cells`] cells.
fn check_grid(label: &str, r0: u32, r1: u32, c1: u32, limits: &Limits) -> Result<()> {
    let at = Location::file(label).line(u64::from(r1) + 1);
    let width = c1 as usize + 1;
    limits.check_columns(at.clone(), width)?;
    let cells = (r1.saturating_sub(r0) as usize + 1).saturating_mul(width);
    if cells > limits.max_cells {
        return Err(Error::limit(
            at,
            format!(
                "the sheet spans {cells} cells (rows {} to {}, {width} columns), more than the \
                 limit of {}: expected a table",
                r0 + 1,
                r1 + 1,
                limits.max_cells
            ),
            "max_cells",
        ));
    }
    Ok(())
}

/// Reads one sheet of an .xlsx workbook cell by cell, so that a sheet with a stray cell at
/// XFD1048576 is refused by [`check_grid`] rather than allocated.
fn stream_sheet(
    name: &str,
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    limits: &Limits,
) -> Result<Sheet> {
    let label = format!("{name} [{sheet}]");
    let empty = |label| Sheet {
        label,
        first_row: 1,
        rows: Vec::new(),
    };
    let cannot = |e: calamine::XlsxError| {
        Error::input(
            Location::file(name),
            format!("sheet \"{sheet}\" cannot be read: {e}"),
        )
    };
    let mut reader = match xlsx.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        // A chart sheet or a dialog sheet: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(empty(label)),
        Err(e) => return Err(cannot(e)),
    };
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let (mut r0, mut r1, mut c1) = (u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell().map_err(cannot)? {
        let (r, c) = cell.get_position();
        let text = text_of(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        if cells.len() >= limits.max_cells {
            return Err(Error::limit(
                Location::file(&label).line(u64::from(r) + 1),
                format!(
                    "the sheet has more than {} filled cells: expected a table",
                    limits.max_cells
                ),
                "max_cells",
            ));
        }
        check_cell(&label, r, c, &text, limits)?;
        (r0, r1, c1) = (r0.min(r), r1.max(r), c1.max(c));
        cells.push((r, c, text));
    }
    if cells.is_empty() {
        return Ok(empty(label));
    }
    check_grid(&label, r0, r1, c1, limits)?;
    let width = c1 as usize + 1;
    let mut rows = vec![vec![String::new(); width]; (r1 - r0) as usize + 1];
    for (r, c, text) in cells {
        rows[(r - r0) as usize][c as usize] = text;
    }
    Ok(Sheet {
        label,
        first_row: u64::from(r0) + 1,
        rows,
    })
}

/// `"Antal 2019"` → (`Antal`, 2019); a bare `2019` → (``, 2019).
fn unit_year(cell: &str) -> Option<(String, i32)> {
    let cell = cell.trim();
    let (unit, year) = match cell.rsplit_once(char::is_whitespace) {
        Some((u, y)) => (u.trim(), y),
        None => ("", cell),
    };
    let year: i32 = (year.len() == 4).then(|| year.parse().ok())??;
    (1900..=2200)
        .contains(&year)
        .then(|| (unit.to_string(), year))
}

/// The header row of a Brå indicator sheet: within the first rows, a row whose cells after
/// the first are all `"<unit> <year>"` (at least one).
fn bra_header(sheet: &Sheet) -> Option<usize> {
    (0..sheet.rows.len().min(15)).find(|&r| {
        let cells: Vec<&str> = sheet.rows[r]
            .iter()
            .skip(1)
            .map(|c| c.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        !cells.is_empty()
            && cells
                .iter()
                .all(|c| unit_year(c).is_some_and(|(u, _)| !u.is_empty()))
    })
}

/// The title of a sheet: the first non-empty cell above row `r`.
fn title(sheet: &Sheet, r: usize) -> String {
    (0..r)
        .flat_map(|i| sheet.rows[i].iter())
        .find(|c| !c.trim().is_empty())
        .cloned()
        .unwrap_or_default()
}

/// The indicator id for a label: a known one, else `<namespace>.<slug>` with a warning.
fn indicator_id(label: &str, namespace: &str, at: Location, warnings: &mut Vec<Warning>) -> String {
    if let Some(id) = IndicatorRegistry::builtin().id_for_label(label) {
        return id.to_string();
    }
    let s = slug(label);
    let id = format!("{namespace}.{}", if s.is_empty() { "value" } else { &s });
    warnings.push(Warning::new(
        WarningKind::UnknownIndicator,
        Some(at),
        format!("unknown indicator \"{label}\": given the id {id}"),
    ));
    id
}

/// The area of a row or block (a city district too); `None`, with a warning, for a name the
/// registry says is not an area.
fn area_of(name: &str, at: Location, warnings: &mut Vec<Warning>) -> Result<Option<String>> {
    match AreaRegistry::builtin().lookup(name) {
        AreaMatch::Found(a) => Ok(Some(a.code.clone())),
        AreaMatch::NotAnArea => {
            warnings.push(Warning::new(
                WarningKind::NotAnArea,
                Some(at),
                format!("\"{name}\" is not a kommun, län or riket: skipped"),
            ));
            Ok(None)
        }
        AreaMatch::Unknown => Err(Error::input(
            at,
            format!(
                "unknown area \"{name}\": expected a kommun, län or riket name or code (list them with `bra areas`)"
            ),
        )),
    }
}

/// A number or a missing marker from a cell; the error names the column.
fn number(sheet: &Sheet, r: usize, c: usize, column: &str) -> Result<Cell> {
    parse_cell(sheet.cell(r, c)).map_err(|m| Error::input(sheet.at(r).field(column), m))
}

fn missing_warning(at: Location, obs: &Observation) -> Warning {
    Warning::new(
        WarningKind::MissingValue,
        Some(at),
        format!(
            "{} {} {} is missing ({}): kept as missing, not 0",
            obs.area,
            obs.period,
            obs.indicator,
            obs.status.as_deref().unwrap_or("")
        ),
    )
}

/// A Brå indicator sheet with its header on row `h`.
fn bra(sheet: &Sheet, h: usize) -> Result<Ingested> {
    let mut warnings = Vec::new();
    let raw_title = title(sheet, h);
    let label = raw_title
        .split(" (anmälda")
        .next()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| {
            let sheet_name = sheet
                .label
                .rsplit('[')
                .next()
                .unwrap_or("")
                .trim_end_matches(']');
            sheet_name.replace("(anmälda)", "").trim().to_string()
        });
    let indicator = indicator_id(&label, "brott", sheet.at(0), &mut warnings);
    // (column, field is count, year, header text)
    let header: Vec<String> = sheet.rows[h].clone();
    let mut columns: Vec<(usize, bool, i32, String)> = Vec::new();
    for (c, cell) in header.iter().enumerate().skip(1) {
        if let Some((unit, year)) = unit_year(cell) {
            columns.push((c, normalise(&unit) == "antal", year, cell.clone()));
        }
    }
    let years_with_count: Vec<i32> = columns.iter().filter(|c| c.1).map(|c| c.2).collect();
    let mut obs: Vec<Observation> = Vec::new();
    // (area, year) → (observation, row it came from)
    let mut index: HashMap<(String, i32), (usize, usize)> = HashMap::new();
    let mut skipped = 0;
    for r in h + 1..sheet.rows.len() {
        let name = sheet.cell(r, 0).trim().to_string();
        if columns
            .iter()
            .all(|(c, ..)| sheet.cell(r, *c).trim().is_empty())
        {
            continue; // blank rows and footnotes ("Källa: Brå")
        }
        let Some(area) = area_of(&name, sheet.at(r).field(&header[0]), &mut warnings)? else {
            skipped += 1;
            continue;
        };
        for (c, is_count, year, head) in &columns {
            let key = (area.clone(), *year);
            let i = match index.get(&key) {
                Some(&(_, row)) if row != r => {
                    return Err(Error::input(
                        sheet.at(r),
                        format!(
                            "duplicate row: area {area} is already on row {}",
                            sheet.first_row + row as u64
                        ),
                    ));
                }
                Some(&(i, _)) => i,
                None => {
                    let mut o =
                        Observation::new(area.clone(), Period::Year(*year), indicator.clone());
                    o.source = sheet.label.clone();
                    obs.push(o);
                    index.insert(key, (obs.len() - 1, r));
                    obs.len() - 1
                }
            };
            let o = &mut obs[i];
            match number(sheet, r, *c, head)? {
                Cell::Number(v) if *is_count && v < 0.0 => {
                    return Err(Error::input(
                        sheet.at(r).field(head),
                        format!(
                            "expected a non-negative count, found \"{}\"",
                            sheet.cell(r, *c)
                        ),
                    ));
                }
                Cell::Number(v) if *is_count => o.count = Some(v),
                Cell::Number(v) => {
                    o.value = Some(v);
                    // Brå's published rate (DESIGN.md, Decisions of 2026-12).
                    if head.replace(' ', "").contains("100000") {
                        o.method = Some("published".to_string());
                    }
                }
                Cell::Missing(flag) => {
                    if *is_count || !years_with_count.contains(year) {
                        o.add_status(flag);
                        warnings.push(missing_warning(sheet.at(r).field(head), o));
                    }
                }
            }
        }
    }
    sheet_result(obs, warnings, skipped)
}

/// The years row of an NTU tabellsamling sheet: within the first rows, a row whose cells from
/// column C on start with at least two survey years (`2017`, `2018` ...) in a row, with nothing
/// that is not a year between them, and an area name in column B on the row below.
fn tabellsamling_header(sheet: &Sheet) -> Option<TabellsamlingHeader> {
    (0..sheet.rows.len().min(10)).find_map(|r| {
        let mut years = Vec::new();
        let mut c = 2;
        while let Some(year) = survey_year_cell(sheet.cell(r, c)) {
            years.push((c, year));
            c += 1;
        }
        let below = (r + 1..sheet.rows.len().min(r + 4)).any(|k| {
            !sheet.cell(k, 1).trim().is_empty()
                && matches!(
                    AreaRegistry::builtin().lookup(sheet.cell(k, 1).trim()),
                    AreaMatch::Found(_)
                )
        });
        (years.len() >= 2 && sheet.cell(r, 1).trim().parse::<i32>().is_err() && below).then(|| {
            TabellsamlingHeader {
                row: r,
                interval: (c, c + 1),
                years,
            }
        })
    })
}

/// Where the years and the latest year's interval are on a tabellsamling sheet.
struct TabellsamlingHeader {
    row: usize,
    /// (column, survey year)
    years: Vec<(usize, i32)>,
    /// The columns of the latest year's lower and upper limit.
    interval: (usize, usize),
}

/// A survey year heading: `2019`, `NTU 2019`, `2019*`.
fn survey_year_cell(cell: &str) -> Option<i32> {
    let t = cell.trim().trim_end_matches('*').trim();
    let t = t
        .strip_prefix("NTU")
        .or_else(|| t.strip_prefix("ntu"))
        .unwrap_or(t);
    let t = t.trim();
    let year: i32 = (t.len() == 4).then(|| t.parse().ok())??;
    (1990..=2100).contains(&year).then_some(year)
}

/// The group of a tabellsamling section label: `Samtliga 16–84 år` → `total`, `Kvinnor` →
/// `kvinnor`, `16–24 år` → `16-24`.
fn section_group(label: &str) -> String {
    let t = normalise(label).replace(['–', '—'], "-");
    if t.is_empty() || t.starts_with("samtliga") || t.starts_with("alla") || t == "totalt" {
        return "total".to_string();
    }
    let t = t.trim_end_matches(" år").trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The indicator of a tabellsamling sheet: its title, else its sheet name (FORMATS.md §1d).
fn tabellsamling_indicator(sheet: &Sheet, h: usize, warnings: &mut Vec<Warning>) -> String {
    let registry = IndicatorRegistry::builtin();
    let title = title(sheet, h);
    if let Some(id) = registry
        .id_for_label(&title)
        .or_else(|| registry.find_in_text(&title))
    {
        return id.to_string();
    }
    let name = sheet
        .label
        .rsplit('[')
        .next()
        .unwrap_or("")
        .trim_end_matches(']');
    let by_sheet = match name.trim() {
        "R4.1" | "4A:1" => Some("ntu.otrygghet"),
        "R4.2" => Some("ntu.oro_misshandel"),
        "R4.6" => Some("ntu.oro_inbrott"),
        "R4.11" => Some("ntu.oro_brottslighet"),
        "3A" => Some("ntu.utsatt_enskild_person"),
        _ => None,
    };
    match by_sheet {
        Some(id) => id.to_string(),
        None => indicator_id(
            if title.is_empty() { name } else { &title },
            "ntu",
            sheet.at(0),
            warnings,
        ),
    }
}

/// An NTU tabellsamling sheet with its years on row `h.row`.
fn tabellsamling(sheet: &Sheet, h: TabellsamlingHeader) -> Result<Ingested> {
    let mut warnings = Vec::new();
    let indicator = tabellsamling_indicator(sheet, h.row, &mut warnings);
    // Victimisation in NTU YYYY refers to YYYY-1; unsafety and worry to the survey year.
    let lag = IndicatorRegistry::builtin().reference_lag(&indicator);
    let latest = h.years.iter().map(|&(_, y)| y).max().unwrap_or_default();
    let mut obs = Vec::new();
    let mut skipped = 0;
    let mut group = "total".to_string();
    for r in h.row + 1..sheet.rows.len() {
        let section = sheet.cell(r, 0).trim();
        if !section.is_empty() {
            group = section_group(section);
        }
        let name = sheet.cell(r, 1).trim();
        let has_values = h
            .years
            .iter()
            .any(|&(c, _)| !sheet.cell(r, c).trim().is_empty());
        if name.is_empty() || !has_values {
            continue; // a section heading, a blank row or a footnote
        }
        let Some(area) = area_of(name, sheet.at(r).field("B"), &mut warnings)? else {
            skipped += 1;
            continue;
        };
        for &(c, year) in &h.years {
            let column = sheet.cell(h.row, c).to_string();
            let mut o = Observation::new(area.clone(), Period::Year(year - lag), indicator.clone());
            o.group = group.clone();
            o.survey_year = Some(year.to_string());
            o.source = sheet.label.clone();
            match number(sheet, r, c, &column)? {
                Cell::Number(v) => o.value = Some(v),
                Cell::Missing(flag) => {
                    o.add_status(flag);
                    warnings.push(missing_warning(sheet.at(r).field(&column), &o));
                }
            }
            if year == latest {
                let (lc, uc) = h.interval;
                let lower = number(sheet, r, lc, "KI undre")?;
                let upper = number(sheet, r, uc, "KI övre")?;
                if let (Cell::Number(l), Cell::Number(u)) = (lower, upper) {
                    if l > u {
                        return Err(Error::input(
                            sheet.at(r).field("KI undre"),
                            format!(
                                "the lower limit {l} is above the upper limit {u}: expected the \
                                 latest year's KI undre ≤ KI övre in the two columns after it"
                            ),
                        ));
                    }
                    o.lower = Some(l);
                    o.upper = Some(u);
                    o.level = Some(0.95);
                    o.method = Some("published".to_string());
                }
            }
            obs.push(o);
        }
    }
    sheet_result(obs, warnings, skipped)
}

fn sheet_result(obs: Vec<Observation>, warnings: Vec<Warning>, skipped: usize) -> Result<Ingested> {
    Ok(Ingested {
        table: Table::new(obs)?,
        warnings,
        layout: Layout::Workbook,
        encoding: TextEncoding::Binary,
        skipped,
    })
}

/// The header row of an NTU sheet: a row with `Andel` followed by `KI undre` and `KI övre`.
fn ntu_header(sheet: &Sheet) -> Option<usize> {
    (0..sheet.rows.len().min(20)).find(|&r| !ntu_blocks(sheet, r).is_empty())
}

/// The first columns of the `Andel | KI undre | KI övre` blocks of row `r`.
fn ntu_blocks(sheet: &Sheet, r: usize) -> Vec<usize> {
    let row = &sheet.rows[r];
    (0..row.len())
        .filter(|&c| {
            normalise(sheet.cell(r, c)).starts_with("andel")
                && normalise(sheet.cell(r, c + 1)).starts_with("ki undre")
                && normalise(sheet.cell(r, c + 2)).starts_with("ki övre")
        })
        .collect()
}

/// An NTU sheet with its `Andel | KI undre | KI övre` header on row `h`.
fn ntu(sheet: &Sheet, h: usize) -> Result<Ingested> {
    let mut warnings = Vec::new();
    let blocks = ntu_blocks(sheet, h);
    if h == 0 {
        return Err(Error::input(
            sheet.at(h),
            "expected the geography names on the row above the Andel | KI undre | KI övre header",
        ));
    }
    let geo_row = h - 1;
    let raw_title = title(sheet, geo_row);
    let label = raw_title
        .split(", enligt NTU")
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let label = if label.is_empty() {
        sheet.label.clone()
    } else {
        label
    };
    let indicator = indicator_id(&label, "ntu", sheet.at(0), &mut warnings);
    // Victimisation in NTU YYYY refers to YYYY-1; unsafety and worry to the survey year.
    let shift = if normalise(&label).contains("utsatt") {
        1
    } else {
        0
    };
    let mut areas = Vec::new();
    let mut skipped = 0;
    for &c in &blocks {
        let name = (c..c + 3)
            .map(|k| sheet.cell(geo_row, k).trim())
            .find(|s| !s.is_empty())
            .unwrap_or("");
        if name.is_empty() {
            return Err(Error::input(
                sheet.at(geo_row),
                format!("expected a geography name above the Andel column {}", c + 1),
            ));
        }
        areas.push(area_of(name, sheet.at(geo_row), &mut warnings)?);
    }
    let mut obs = Vec::new();
    for r in h + 1..sheet.rows.len() {
        let year_text = sheet.cell(r, 0).trim().replace(['–', '—'], "-");
        if year_text.is_empty() {
            continue;
        }
        let Ok(survey) = year_text.parse::<Period>() else {
            if sheet.filled(r) <= 1 {
                continue; // a footnote
            }
            return Err(Error::input(
                sheet.at(r),
                format!(
                    "expected a survey year such as 2019 or 2017-2019 in the first column, found \"{year_text}\""
                ),
            ));
        };
        let period = match survey {
            Period::Year(y) => Period::Year(y - shift),
            Period::Range(a, b) => Period::Range(a - shift, b - shift),
            other => {
                return Err(Error::input(
                    sheet.at(r),
                    format!("expected a survey year, found the period {other}"),
                ));
            }
        };
        for (k, &c) in blocks.iter().enumerate() {
            let Some(area) = areas[k].clone() else {
                skipped += 1;
                continue;
            };
            let mut o = Observation::new(area, period, indicator.clone());
            o.survey_year = Some(survey.to_string());
            o.source = sheet.label.clone();
            let head = |j: usize| sheet.cell(h, c + j).to_string();
            let value = number(sheet, r, c, &head(0))?;
            let lower = number(sheet, r, c + 1, &head(1))?;
            let upper = number(sheet, r, c + 2, &head(2))?;
            match value {
                Cell::Number(v) => o.value = Some(v),
                Cell::Missing(flag) => {
                    o.add_status(flag);
                    warnings.push(missing_warning(sheet.at(r).field(head(0)), &o));
                }
            }
            if let (Cell::Number(l), Cell::Number(u)) = (&lower, &upper) {
                if l > u {
                    return Err(Error::input(
                        sheet.at(r).field(head(1)),
                        format!(
                            "the lower limit {l} is above the upper limit {u}: expected KI undre ≤ KI övre"
                        ),
                    ));
                }
                o.lower = Some(*l);
                o.upper = Some(*u);
                o.level = Some(0.95);
                o.method = Some("published".to_string());
            }
            obs.push(o);
        }
    }
    sheet_result(obs, warnings, skipped)
}

/// A plain table: leading title rows (at most one filled cell) are skipped, the rest is read
/// as CSV, keeping the Excel row numbers in messages.
fn plain(sheet: &Sheet, options: &ReadOptions) -> Result<Ingested> {
    let header = (0..sheet.rows.len()).find(|&r| sheet.filled(r) >= 2).ok_or_else(|| {
        Error::input(
            Location::file(&sheet.label),
            "no header row: expected a row of column names such as area, period, indicator, count",
        )
    })?;
    // Empty lines keep the line numbers equal to the Excel row numbers.
    let blank = (sheet.first_row + header as u64).saturating_sub(1) as usize;
    let mut out = vec![b'\n'; blank];
    {
        let mut w = ::csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(::csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(&mut out);
        for (i, row) in sheet.rows[header..].iter().enumerate() {
            // A row with no cells at all still takes its line.
            let cells: Vec<&str> = if row.iter().all(|c| c.is_empty()) {
                vec![""]
            } else {
                row.iter().map(|c| c.as_str()).collect()
            };
            w.write_record(&cells).map_err(|_| {
                Error::input(
                    sheet.at(header + i),
                    "the row cannot be read as a table row: expected text cells",
                )
            })?;
        }
        w.flush().map_err(|e| Error::io(&sheet.label, e))?;
    }
    let csv_options = ReadOptions {
        format: super::Format::Csv,
        ..options.clone()
    };
    read_csv_bytes(&sheet.label, &out, &csv_options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_and_year_in_one_cell() {
        assert_eq!(unit_year("Antal 2019"), Some(("Antal".into(), 2019)));
        assert_eq!(
            unit_year("Per 100 000 inv. 2020"),
            Some(("Per 100 000 inv.".into(), 2020))
        );
        assert_eq!(unit_year("2019"), Some((String::new(), 2019)));
        assert_eq!(unit_year("Antal"), None);
        assert_eq!(unit_year("Antal 12345"), None);
    }
}
