//! Brå's statistics-database exports with a column per period and measure (FORMATS.md, the
//! "[seen 2026-12]" sections):
//! - the **Excel export** ("Öppna som excelfil", `.xls` or `.xlsx`, one sheet `Resultat`): an
//!   optional title row (`Anmälda brott` … `Brottsförebyggande rådet`), then three header rows
//!   found by their content: the year of each column (`2024`, `2026 prel.` = preliminary), the
//!   period (`Helår`, `Kvartal 1`…`Kvartal 4`, `Jan`…`Dec`; the row may be left out for whole
//!   years) and the measure (`Antal`, `/100 000 inv`: one or both). Then, for each area, an area
//!   row (a kommun, a län, `Hela landet`, a city district) with blank values and its category
//!   rows: the hierarchy is written by repeating the parent rows (blank values) before each
//!   leaf, and a `därav …` row is a sub-item of the row above. Footnotes close the sheet (a
//!   name row, then a row of long text): they are reported and skipped;
//! - **Brå's older per-kommun CSV** (Windows-1252, `;`, CRLF): the same three header rows with
//!   two empty leading cells, then rows `Falun kommun;Totalt antal brott;…`. A kommun block
//!   given twice with identical values (Heby, after the 2007 county change) is kept once with a
//!   warning; differing values are an error naming both lines.
//!
//! A category's full path (`3-7 kap. Brott mot person, 3 kap. Brott mot liv och hälsa, därav
//! misshandel inkl. grov`) is mapped through the indicator registry as the SOL long CSV reader
//! maps its labels. `Antal` goes to `count`; `/100 000 inv` is Brå's published rate, kept in
//! `value` with `method = published` on the same row. `..` and blank cells are missing (with
//! their status, never 0), `-` is nil.

use super::Ingested;
use super::csv::{Layout, ReadOptions};
use super::resolve::{AreaHit, Resolver};
use super::text::{Cell, TextEncoding, parse_cell};
use crate::area::normalise;
use crate::error::{Error, Location, Result};
use crate::period::{Period, month_from_name};
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::{HashMap, HashSet};

/// What the export layout expects, for "no known layout" messages.
pub(super) const EXPECTED: &str = "a row of years (2024, 2026 prel.), optionally a row of \
     periods (Helår, Kvartal 1, Jan), and a row of measures (Antal, /100 000 inv), then area \
     rows and category rows";

/// The records of a delimited file: each with its line.
pub(super) type Records = Vec<(u64, Vec<String>)>;

/// A grid of text cells: each row with the line (Excel row) it came from.
pub(super) struct Grid<'a> {
    /// The file, or `file [sheet]`, for messages.
    pub label: &'a str,
    pub rows: Vec<(u64, &'a [String])>,
}

impl Grid<'_> {
    fn cell(&self, r: usize, c: usize) -> &str {
        self.rows
            .get(r)
            .and_then(|(_, row)| row.get(c))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn at(&self, r: usize) -> Location {
        Location::file(self.label).line(self.rows.get(r).map_or(0, |(l, _)| *l))
    }

    fn width(&self) -> usize {
        self.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0)
    }
}

/// A column of values: its period and measure.
#[derive(Debug, Clone)]
struct ValueColumn {
    col: usize,
    period: Period,
    preliminary: bool,
    rate: bool,
    /// `B (2024 Kvartal 1 Antal)`, for messages.
    name: String,
}

/// Where the header rows are and what each value column holds.
#[derive(Debug)]
pub(super) struct Header {
    /// The first row after the header rows.
    data: usize,
    columns: Vec<ValueColumn>,
}

/// A year heading: `2024`, `2026 prel.`, `2026 (prel)`; (year, preliminary).
fn year_label(cell: &str) -> Option<(i32, bool)> {
    let t = cell.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    let rest = normalise(&t[4..]);
    let rest = rest.trim_matches(|c: char| c == '(' || c == ')' || c == ',' || c == ' ');
    let preliminary = match rest {
        "" => false,
        r if r.starts_with("prel") => true,
        _ => return None,
    };
    (1900..=2200).contains(&year).then_some((year, preliminary))
}

/// What a period heading says, for a year `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PeriodLabel {
    Year,
    Half(u8),
    Quarter(u8),
    Month(u8),
}

/// `Helår`, `Kvartal 3`, `Halvår 1`, `Jan`…`Dec` (Swedish or English, full or short).
fn period_label(cell: &str) -> Option<PeriodLabel> {
    let t = normalise(cell);
    let t = t.trim_end_matches('.');
    if matches!(t, "helår" | "hela året" | "år" | "year" | "helar") {
        return Some(PeriodLabel::Year);
    }
    let number = |rest: &str| -> Option<u8> { rest.trim().parse().ok() };
    for (prefix, max, make) in [
        ("kvartal", 4, PeriodLabel::Quarter as fn(u8) -> PeriodLabel),
        ("kv", 4, PeriodLabel::Quarter),
        ("k", 4, PeriodLabel::Quarter),
        ("quarter", 4, PeriodLabel::Quarter),
        ("halvår", 2, PeriodLabel::Half),
    ] {
        if let Some(n) = t.strip_prefix(prefix).and_then(number) {
            return (1..=max).contains(&n).then(|| make(n));
        }
    }
    if t.chars().all(char::is_alphabetic) {
        return month_from_name(t)
            .filter(|_| is_month_name(t))
            .map(PeriodLabel::Month);
    }
    None
}

/// Whether `t` (lowercase) is a month's name or its abbreviation, not any word that starts
/// like one (`marknad`).
fn is_month_name(t: &str) -> bool {
    const FULL: [&str; 24] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    t.len() == 3 || FULL.contains(&t) || (t.len() == 4 && FULL.iter().any(|f| f.starts_with(t)))
}

/// `Antal` (`Antal anmälda brott`) → false, `/100 000 inv` (`Per 100 000 inv.`, `/100 000`,
/// `Anmälda brott per 100 000 invånare`) → true.
fn measure_label(cell: &str) -> Option<bool> {
    let t: String = normalise(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.contains("/100000") || t.contains("per100000") {
        return Some(true);
    }
    t.starts_with("antal").then_some(false)
}

/// Whether every filled cell of row `r` from column `from` on passes `is`, and at least one is
/// filled.
fn row_is(grid: &Grid, r: usize, from: usize, is: impl Fn(&str) -> bool) -> bool {
    let mut any = false;
    for c in from..grid.width() {
        let cell = grid.cell(r, c);
        if cell.is_empty() {
            continue;
        }
        if !is(cell) {
            return false;
        }
        any = true;
    }
    any
}

/// The column letters of a 0-based column: 0 → `A`, 27 → `AB`.
fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// Finds the header rows among the first 20 rows: a row of measures with a row of years right
/// above it, or a row of years, a row of periods and the row of measures. Values start in
/// column `from` (1 in the Excel export, 2 in the older CSV). `None` when there is none; an
/// error when the header rows are there but do not agree.
pub(super) fn header(grid: &Grid, from: usize) -> Result<Option<Header>> {
    let rows = grid.rows.len().min(20);
    // The values start right after the labels: the first value column holds a measure.
    let Some(m) = (1..rows).find(|&r| {
        measure_label(grid.cell(r, from)).is_some()
            && row_is(grid, r, from, |c| measure_label(c).is_some())
    }) else {
        return Ok(None);
    };
    let is_year = |c: &str| year_label(c).is_some();
    let is_period = |c: &str| period_label(c).is_some();
    let (y, p) = if row_is(grid, m - 1, from, is_year) {
        (m - 1, None)
    } else if m >= 2 && row_is(grid, m - 1, from, is_period) && row_is(grid, m - 2, from, is_year) {
        (m - 2, Some(m - 1))
    } else {
        return Ok(None);
    };
    // Merged header cells keep their text in the first cell only: carry it to the right.
    let (mut year, mut period) = (None, None);
    let mut columns: Vec<ValueColumn> = Vec::new();
    for c in from..grid.width() {
        if let Some(yl) = year_label(grid.cell(y, c)) {
            year = Some(yl);
            period = None;
        }
        if let Some(p) = p
            && let Some(pl) = period_label(grid.cell(p, c))
        {
            period = Some(pl);
        }
        let Some(rate) = measure_label(grid.cell(m, c)) else {
            continue;
        };
        let name = |what: &str| {
            format!(
                "{} ({})",
                column_letters(c),
                [
                    grid.cell(y, c),
                    p.map_or("", |p| grid.cell(p, c)),
                    grid.cell(m, c)
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
            ) + what
        };
        let Some((yr, preliminary)) = year else {
            return Err(Error::input(
                grid.at(y).field(name("")),
                "expected a year (such as 2024 or 2026 prel.) above this measure",
            ));
        };
        let period = match (p, period) {
            (None, _) | (Some(_), Some(PeriodLabel::Year)) => Period::Year(yr),
            (Some(_), Some(PeriodLabel::Half(h))) => Period::Half(yr, h),
            (Some(_), Some(PeriodLabel::Quarter(q))) => Period::Quarter(yr, q),
            (Some(_), Some(PeriodLabel::Month(mo))) => Period::Month(yr, mo),
            (Some(p), None) => {
                return Err(Error::input(
                    grid.at(p).field(name("")),
                    "expected a period (Helår, Kvartal 1 … Kvartal 4, Jan … Dec) above this measure",
                ));
            }
        };
        let column = ValueColumn {
            col: c,
            period,
            preliminary,
            rate,
            name: name(""),
        };
        if let Some(other) = columns
            .iter()
            .find(|o| o.period == period && o.rate == rate)
        {
            return Err(Error::input(
                grid.at(m).field(&column.name),
                format!(
                    "the same period and measure as column {}: expected each period's Antal and \
                     /100 000 inv once",
                    other.name
                ),
            ));
        }
        columns.push(column);
    }
    Ok(Some(Header {
        data: m + 1,
        columns,
    }))
}

/// The values of one period: the columns of its count and its published rate.
struct PeriodColumns {
    period: Period,
    preliminary: bool,
    count: Option<usize>,
    rate: Option<usize>,
}

/// Groups the value columns by period, in the order they come.
fn by_period(columns: &[ValueColumn]) -> Vec<PeriodColumns> {
    let mut out: Vec<PeriodColumns> = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        let k = match out.iter().position(|p| p.period == c.period) {
            Some(k) => k,
            None => {
                out.push(PeriodColumns {
                    period: c.period,
                    preliminary: c.preliminary,
                    count: None,
                    rate: None,
                });
                out.len() - 1
            }
        };
        let p = &mut out[k];
        p.preliminary |= c.preliminary;
        if c.rate {
            p.rate = Some(i);
        } else {
            p.count = Some(i);
        }
    }
    out
}

/// Builds the table's rows and warnings as the data rows are read.
struct Builder<'a, 'g> {
    grid: &'a Grid<'g>,
    columns: Vec<ValueColumn>,
    periods: Vec<PeriodColumns>,
    rows: Vec<Observation>,
    warnings: Vec<Warning>,
    /// (area, indicator) → the row it was read from.
    seen: HashMap<(String, String), usize>,
    unknown_labels: HashSet<String>,
    /// Areas and category paths, each distinct text resolved once.
    resolve: Resolver<'a>,
}

impl<'a, 'g> Builder<'a, 'g> {
    fn new(grid: &'a Grid<'g>, header: Header, options: &'a ReadOptions) -> Self {
        let periods = by_period(&header.columns);
        let mut warnings = Vec::new();
        let mut prelim: Vec<String> = Vec::new();
        for p in periods.iter().filter(|p| p.preliminary) {
            let y = p.period.to_string()[..4].to_string();
            if !prelim.contains(&y) {
                prelim.push(y);
            }
        }
        for y in prelim {
            warnings.push(Warning::new(
                WarningKind::Preliminary,
                Some(Location::file(grid.label)),
                format!("the figures of {y} are preliminary (\"{y} prel.\"): status preliminary"),
            ));
        }
        Builder {
            grid,
            columns: header.columns,
            periods,
            rows: Vec::new(),
            warnings,
            seen: HashMap::new(),
            unknown_labels: HashSet::new(),
            resolve: Resolver::new(options.area_registry(), options.indicator_registry()),
        }
    }

    fn has_values(&self, r: usize) -> bool {
        self.columns
            .iter()
            .any(|c| !self.grid.cell(r, c.col).is_empty())
    }

    /// The indicator id of a category path, with a warning (once per path) for a new one.
    fn indicator(&mut self, r: usize, path: &str) -> Result<String> {
        match self.resolve.indicator(path) {
            Some((id, known)) => {
                if !known && self.unknown_labels.insert(path.to_string()) {
                    self.warnings.push(Warning::new(
                        WarningKind::UnknownIndicator,
                        Some(self.grid.at(r)),
                        format!("unknown indicator \"{path}\": given the id {id}"),
                    ));
                }
                Ok(id)
            }
            None => Err(Error::input(
                self.grid.at(r),
                format!("expected a crime category, found \"{path}\""),
            )),
        }
    }

    /// The number in a value cell, or its missing marker; an error names the column.
    fn cell(&self, r: usize, i: usize, count: bool) -> Result<Cell> {
        let column = &self.columns[i];
        let raw = self.grid.cell(r, column.col);
        let at = || self.grid.at(r).field(&column.name);
        match parse_cell(raw) {
            Ok(Cell::Number(v)) if count && (v < 0.0 || v.fract() != 0.0) => Err(Error::input(
                at(),
                format!("expected a whole non-negative count (Antal), found \"{raw}\""),
            )),
            Ok(cell) => Ok(cell),
            Err(what) => Err(Error::input(at(), what)),
        }
    }

    /// The observations of one category row of `area`.
    fn leaf(&mut self, r: usize, area: &str, indicator: String) -> Result<()> {
        if let Some(&first) = self.seen.get(&(area.to_string(), indicator.clone())) {
            return Err(Error::input(
                self.grid.at(r),
                format!(
                    "area {area}, category {indicator} is already on line {}: expected each \
                     category once per area",
                    self.grid.rows[first].0
                ),
            ));
        }
        self.seen.insert((area.to_string(), indicator.clone()), r);
        for k in 0..self.periods.len() {
            let (period, preliminary, count, rate) = {
                let p = &self.periods[k];
                (p.period, p.preliminary, p.count, p.rate)
            };
            let mut o = Observation::new(area, period, indicator.clone());
            o.source = self.grid.label.to_string();
            if preliminary {
                o.add_status("preliminary");
            }
            let mut missing = None;
            if let Some(i) = count {
                match self.cell(r, i, true)? {
                    Cell::Number(v) => o.count = Some(v),
                    Cell::Missing(flag) => missing = Some((i, flag)),
                }
            }
            if let Some(i) = rate {
                match self.cell(r, i, false)? {
                    Cell::Number(v) => {
                        o.value = Some(v);
                        o.method = Some("published".to_string());
                    }
                    Cell::Missing(flag) if count.is_none() => missing = Some((i, flag)),
                    Cell::Missing(_) => {}
                }
            }
            if let Some((i, flag)) = missing {
                o.add_status(flag);
                self.warnings.push(
                    Warning::new(
                        WarningKind::MissingValue,
                        Some(self.grid.at(r).field(&self.columns[i].name)),
                        format!(
                            "{} {} {} is missing ({flag}): kept as missing, not 0",
                            o.area, o.period, o.indicator
                        ),
                    )
                    .about_area(&o.area)
                    .about_indicator(&o.indicator),
                );
            }
            self.rows.push(o);
        }
        Ok(())
    }

    fn finish(self, layout: Layout, encoding: TextEncoding) -> Result<Ingested> {
        Ok(Ingested {
            table: Table::new(self.rows)?,
            warnings: self.warnings,
            layout,
            encoding,
            skipped: 0,
        })
    }
}

/// Whether a label names an area by its form (`… kommun`, `… län`, a district) even if it is
/// not one we know: such a row is an unknown area, not a category.
fn looks_like_area(label: &str) -> bool {
    let n = normalise(label);
    n.ends_with(" kommun")
        || n.ends_with(" län")
        || n.ends_with(" stad")
        || n.starts_with("stadsdelsområde")
        || n.starts_with("stadsområde")
        || n.contains("stadsdel")
}

fn unknown_area(at: Location, name: &str) -> Error {
    Error::input(
        at,
        format!(
            "unknown area \"{name}\": expected a kommun, län, Hela landet or a city district \
             such as Stadsdelsområde Bromma (Sthlm) (list them with `bra areas`)"
        ),
    )
}

/// Reads an Excel export sheet whose header rows are `header`.
pub(super) fn read_sheet(grid: &Grid, header: Header, options: &ReadOptions) -> Result<Ingested> {
    let first = header.data;
    let mut b = Builder::new(grid, header, options);
    let last_value_row = (first..grid.rows.len()).rev().find(|&r| b.has_values(r));
    let Some(last) = last_value_row else {
        return Err(Error::input(
            Location::file(grid.label),
            "the export has header rows but no values: expected area rows and category rows \
             with numbers below them",
        ));
    };
    let mut area: Option<String> = None;
    // The parent rows (blank values) since the last leaf, and the path of the last leaf that
    // is not a `därav` item.
    let mut parents: Vec<String> = Vec::new();
    let mut after_leaf = false;
    let mut last_item: Option<Vec<String>> = None;
    for r in first..=last {
        let label = grid
            .cell(r, 0)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let values = b.has_values(r);
        if label.is_empty() {
            if values {
                return Err(Error::input(
                    grid.at(r).field("A"),
                    "values without a label: expected an area or a crime category in column A",
                ));
            }
            continue;
        }
        // Area names never start with a digit; categories often do (`8 kap. …` is not län 08).
        let found = match b.resolve.area(&label) {
            AreaHit::Found(code) if !label.starts_with(|c: char| c.is_ascii_digit()) => {
                Some(code.clone())
            }
            _ => None,
        };
        if !values {
            if let Some(code) = found {
                area = Some(code);
                parents.clear();
                after_leaf = false;
                last_item = None;
                continue;
            }
            if looks_like_area(&label) {
                return Err(unknown_area(grid.at(r).field("A"), &label));
            }
            if area.is_none() {
                return Err(Error::input(
                    grid.at(r).field("A"),
                    format!(
                        "\"{label}\" comes before any area row: expected an area (a kommun, a \
                         län, Hela landet or a city district) above its categories"
                    ),
                ));
            }
            if after_leaf {
                parents.clear();
                after_leaf = false;
            }
            parents.push(label);
            continue;
        }
        let Some(code) = area.clone() else {
            return Err(Error::input(
                grid.at(r).field("A"),
                format!(
                    "\"{label}\" has values but no area row above it: expected an area (a \
                     kommun, a län, Hela landet or a city district) with blank values, then \
                     its categories"
                ),
            ));
        };
        if found.is_some() {
            return Err(Error::input(
                grid.at(r).field("A"),
                format!(
                    "the area \"{label}\" has values on its own row: expected an area row with \
                     blank values followed by its category rows"
                ),
            ));
        }
        let darav = normalise(&label).starts_with("därav");
        let path: Vec<String> = match (&last_item, darav && after_leaf) {
            // A `därav` item right after a leaf: a sub-item of the item above.
            (Some(item), true) => item.iter().cloned().chain([label.clone()]).collect(),
            _ => {
                if after_leaf {
                    parents.clear();
                }
                parents.iter().cloned().chain([label.clone()]).collect()
            }
        };
        if !darav {
            last_item = Some(path.clone());
        }
        after_leaf = true;
        let indicator = b.indicator(r, &path.join(", "))?;
        b.leaf(r, &code, indicator)?;
    }
    footnotes(grid, last + 1, &mut b.warnings);
    b.finish(Layout::Workbook, TextEncoding::Binary)
}

/// Reports the footnotes after the last row with values (a name row, then its text) as not
/// data.
fn footnotes(grid: &Grid, from: usize, warnings: &mut Vec<Warning>) {
    let labelled: Vec<usize> = (from..grid.rows.len())
        // The row's own cells (beyond them a row is blank): the grid's width would be a pass
        // over every row for each row.
        .filter(|&r| grid.rows[r].1.iter().any(|s| !s.trim().is_empty()))
        .collect();
    let short = |s: &str| -> String {
        let t: String = s.chars().take(60).collect();
        if t.len() < s.len() {
            format!("{t}…")
        } else {
            t
        }
    };
    let mut i = 0;
    while i < labelled.len() {
        let r = labelled[i];
        let name = grid.cell(r, 0);
        // A name row followed by its text; a lone row is a note by itself.
        let text_row = labelled
            .get(i + 1)
            .copied()
            .filter(|&t| grid.cell(t, 0).chars().count() > grid.cell(r, 0).chars().count());
        let message = match text_row {
            Some(t) => format!(
                "footnote on \"{}\" (lines {}-{}) is not data: skipped (\"{}\")",
                short(name),
                grid.rows[r].0,
                grid.rows[t].0,
                short(grid.cell(t, 0))
            ),
            None => format!("note \"{}\" is not data: skipped", short(name)),
        };
        warnings.push(Warning::new(
            WarningKind::SkippedPart,
            Some(grid.at(r)),
            message,
        ));
        i += if text_row.is_some() { 2 } else { 1 };
    }
}

/// Whether the first rows of a delimited text are the header of Brå's older per-kommun CSV:
/// a row of years after two empty cells (`;;2013;2013;…`).
pub(super) fn looks_like_older_csv(rows: &Records) -> bool {
    rows.first().is_some_and(|(_, r)| {
        r.len() >= 3
            && r[0].trim().is_empty()
            && r[1].trim().is_empty()
            && r[2..]
                .iter()
                .filter(|c| !c.trim().is_empty())
                .all(|c| year_label(c).is_some())
            && r[2..].iter().any(|c| !c.trim().is_empty())
    })
}

/// Reads Brå's older per-kommun CSV from its records (line, fields).
pub(super) fn read_older_csv(
    name: &str,
    records: &Records,
    encoding: TextEncoding,
    options: &ReadOptions,
) -> Result<Ingested> {
    let grid = Grid {
        label: name,
        rows: records.iter().map(|(l, r)| (*l, r.as_slice())).collect(),
    };
    let header = header(&grid, 2)?.ok_or_else(|| {
        Error::input(
            Location::file(name),
            "this looks like Brå's older per-kommun CSV (a row of years after two empty cells): \
             expected a row of periods (Helår, Jan …) and a row of measures (Antal, /100 000) \
             below it",
        )
    })?;
    let first = header.data;
    let mut b = Builder::new(&grid, header, options);
    // A repeated block: the area and its first and repeated lines.
    let mut repeats: Vec<(String, u64, u64, usize)> = Vec::new();
    let mut values_of: HashMap<(String, String), usize> = HashMap::new();
    for r in first..grid.rows.len() {
        let (area_raw, label) = (grid.cell(r, 0), grid.cell(r, 1));
        if area_raw.is_empty() && label.is_empty() && !b.has_values(r) {
            continue;
        }
        let area = match b.resolve.area(area_raw) {
            AreaHit::Found(code) => code.clone(),
            _ => return Err(unknown_area(grid.at(r).field("A"), area_raw)),
        };
        if label.is_empty() {
            return Err(Error::input(
                grid.at(r).field("B"),
                "expected a crime category (such as Totalt antal brott), found an empty cell",
            ));
        }
        let indicator = b.indicator(r, label)?;
        let key = (area.clone(), indicator.clone());
        if let Some(&earlier) = values_of.get(&key) {
            let same = b
                .columns
                .iter()
                .all(|c| grid.cell(r, c.col) == grid.cell(earlier, c.col));
            let (l0, l1) = (grid.rows[earlier].0, grid.rows[r].0);
            if !same {
                return Err(Error::input(
                    grid.at(r),
                    format!(
                        "\"{area_raw};{label}\" is given twice with different values, on line \
                         {l0} and line {l1}: expected one row per kommun and category (or a \
                         repeated block with identical values)"
                    ),
                ));
            }
            match repeats.iter_mut().find(|x| x.0 == area) {
                Some(x) => x.3 += 1,
                None => repeats.push((area, l0, l1, 1)),
            }
            continue;
        }
        values_of.insert(key, r);
        b.leaf(r, &area, indicator)?;
    }
    for (area, l0, l1, n) in repeats {
        b.warnings.push(Warning::new(
            WarningKind::SkippedPart,
            Some(Location::file(name).line(l1)),
            format!(
                "area {area} is given twice with identical values (from line {l0} and from line \
                 {l1}, {n} rows; Heby after the 2007 county change): kept once"
            ),
        ));
    }
    if b.rows.is_empty() {
        return Err(Error::input(
            Location::file(name),
            "the file has header rows but no data rows: expected rows such as \
             Falun kommun;Totalt antal brott;…",
        ));
    }
    b.finish(Layout::BraWide, encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_of(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.split('|').map(str::to_string).collect())
            .collect()
    }

    fn read(rows: &[&str]) -> Result<Ingested> {
        let cells = grid_of(rows);
        let grid = Grid {
            label: "x.xls [Resultat]",
            rows: cells
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u64 + 1, r.as_slice()))
                .collect(),
        };
        let h = header(&grid, 1)?.expect("a header");
        read_sheet(&grid, h, &ReadOptions::default())
    }

    #[test]
    fn labels() {
        assert_eq!(year_label("2026 prel."), Some((2026, true)));
        assert_eq!(year_label("2024"), Some((2024, false)));
        assert_eq!(year_label("2024 Antal"), None);
        assert_eq!(period_label("Kvartal 3"), Some(PeriodLabel::Quarter(3)));
        assert_eq!(period_label("Helår"), Some(PeriodLabel::Year));
        assert_eq!(period_label("Maj"), Some(PeriodLabel::Month(5)));
        assert_eq!(period_label("Marknad"), None);
        assert_eq!(period_label("Kvartal 5"), None);
        assert_eq!(measure_label("/100 000 inv"), Some(true));
        assert_eq!(measure_label("Per 100 000 inv."), Some(true));
        assert_eq!(measure_label("Antal"), Some(false));
        assert_eq!(measure_label("Andel"), None);
        assert_eq!(measure_label("Antal anmälda brott"), Some(false));
        assert_eq!(
            measure_label("Anmälda brott per 100 000 invånare"),
            Some(true)
        );
        assert_eq!(period_label("K2"), Some(PeriodLabel::Quarter(2)));
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn hierarchy_districts_and_footnotes() {
        let got = read(&[
            "Anmälda brott||Brottsförebyggande rådet",
            "",
            "|2025|2025|2026 prel.|2026 prel.",
            "|Kvartal 1|Kvartal 1|Kvartal 1|Kvartal 1",
            "|Antal|/100 000 inv|Antal|/100 000 inv",
            "Stadsdelsområde Bromma (Sthlm)||||",
            "3-7 kap. Brott mot person",
            "3 kap. Brott mot liv och hälsa",
            "därav misshandel inkl. grov|121|147|..|",
            "Fagersta kommun",
            "8 kap. Stöld, rån m.m.|10|75|-|-",
            "därav inbrottsstöld i bostad|3|22|1|7",
            "Vapenlagen|0|0|1|7",
            "",
            "Vapenlagen",
            "En lång fotnot om vapenlagen som inte är data.",
        ])
        .expect("reads");
        let rows = got.table.rows();
        assert_eq!(rows.len(), 8);
        let m = &rows[0];
        assert_eq!(
            (m.area.as_str(), m.period.to_string(), m.indicator.as_str()),
            ("0180:bromma", "2025K1".to_string(), "brott.misshandel")
        );
        assert_eq!((m.count, m.value), (Some(121.0), Some(147.0)));
        assert_eq!(m.method.as_deref(), Some("published"));
        let prel = &rows[1];
        assert_eq!((prel.count, prel.value), (None, None));
        assert_eq!(prel.status.as_deref(), Some("preliminary;suppressed"));
        assert_eq!(rows[2].indicator, "brott.stold");
        assert_eq!(rows[3].status.as_deref(), Some("preliminary;nil"));
        assert_eq!(rows[4].indicator, "brott.bostadsinbrott");
        assert_eq!(rows[4].area, "1982");
        assert!(
            got.warnings
                .iter()
                .any(|w| w.kind == WarningKind::SkippedPart && w.message.contains("Vapenlagen"))
        );
        assert!(
            got.warnings
                .iter()
                .any(|w| w.kind == WarningKind::Preliminary)
        );
    }

    #[test]
    fn bad_exports_say_where() {
        let head = ["|2025|2025", "|Helår|Helår", "|Antal|/100 000 inv"];
        let case = |extra: &[&str]| {
            let mut rows: Vec<&str> = head.to_vec();
            rows.extend_from_slice(extra);
            read(&rows).expect_err("bad").to_string()
        };
        let e = case(&["Totalt antal brott|5|7"]);
        assert!(e.starts_with("x.xls [Resultat]:4: column \"A\""), "{e}");
        let e = case(&["Atlantis kommun", "Vapenlagen|1|2"]);
        assert!(e.contains("unknown area \"Atlantis kommun\""), "{e}");
        let e = case(&["Fagersta", "Vapenlagen|x|2"]);
        assert!(
            e.starts_with("x.xls [Resultat]:5: column \"B (2025 Helår Antal)\""),
            "{e}"
        );
        let e = case(&["Fagersta", "Vapenlagen|1|2", "Vapenlagen|1|2"]);
        assert!(e.contains("already on line 5"), "{e}");
        let e = case(&["Hela landet", "Fagersta|1|2"]);
        assert!(e.contains("has values on its own row"), "{e}");
    }

    #[test]
    fn older_csv_in_tabs_and_its_errors() {
        let read = |text: &str| {
            super::super::csv::read_csv_bytes("old.csv", text.as_bytes(), &ReadOptions::default())
        };
        let head = "\t\t2013\t2013\n\t\tHelår\tHelår\n\t\tAntal\t/100 000\n";
        let got = read(&format!(
            "{head}Falu kommun\tTotalt antal brott\t6104\t10330\n"
        ))
        .expect("reads");
        assert_eq!(got.layout, Layout::BraWide);
        let r = &got.table.rows()[0];
        assert_eq!(
            (r.area.as_str(), r.count, r.value),
            ("2080", Some(6104.0), Some(10330.0))
        );
        let e = read(&format!(
            "{head}Atlantis kommun\tTotalt antal brott\t1\t2\n"
        ))
        .expect_err("unknown area")
        .to_string();
        assert!(
            e.starts_with("old.csv:4: column \"A\": unknown area"),
            "{e}"
        );
        let e = read(&format!("{head}Falu kommun\tTotalt antal brott\tx\t2\n"))
            .expect_err("bad count")
            .to_string();
        assert!(
            e.starts_with("old.csv:4: column \"C (2013 Helår Antal)\""),
            "{e}"
        );
        let e = read("\t\t2013\n").expect_err("no measures").to_string();
        assert!(e.contains("expected a row of periods"), "{e}");
    }
}
