//! Delimited text: the canonical long CSV and Brå's layouts.
//!
//! Recognised layouts (by the header row, not the file name):
//! - **canonical**: `area,period,indicator,count` and the other canonical columns (DESIGN.md);
//!   `rate` is read as `value` and `n` as `population`, so outputs can be fed back in;
//! - **Brå's annual kommun file**: `Kommun;Antal;Per 100 000 inv.` (no period column: the
//!   year comes from the file name or [`ReadOptions::period`]), and its headerless 2021 variant
//!   with `X kommun` names;
//! - **Brå statistics-database (SOL) long exports**: `År,Månad,Kvartal,Periodtyp,...,Kommun,
//!   ...,Brott,...,Antal,Per100000,Status_Antal,...` with hierarchical category paths,
//!   preliminary periods (`2026 prel., Aug`) and `..` markers; and the simpler
//!   `year,area,crime_type,count` shape.
//!
//! The delimiter (`,`, `;` or tab) and the encoding are detected.

use super::Ingested;
use super::codes::ShortCodes;
use super::records::Source;
use super::resolve::{AreaHit, Resolver};
use super::survey;
use super::text::{Cell, missing_marker, parse_cell};
use crate::area::{AreaRegistry, normalise};
use crate::error::{Error, Location, Result};
use crate::indicator::IndicatorRegistry;
use crate::limits::Limits;
use crate::period::{Period, month_from_name};
use crate::table::{Observation, Population, StandardError, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// How a file's rows were laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// The canonical long table.
    Canonical,
    /// Brå's annual kommun file with header `Kommun;Antal;Per 100 000 inv.`.
    BraAnnual,
    /// Brå's annual kommun file without a header row (2021).
    BraAnnualNoHeader,
    /// A long export of Brå's statistics database (SOL) with period type and category paths.
    SolLong,
    /// An SCB PC-Axis file, STUB/HEADING cells in row-major order.
    Px,
    /// An SCB PC-Axis file in the sparse KEYS layout.
    PxKeys,
    /// A JSON-stat 2.0 dataset (PxWeb API).
    JsonStat,
    /// Kolada API JSON (`values` with `kpi`, `municipality`, `period`).
    Kolada,
    /// An Excel workbook: Brå's per-kommun indicator sheets, NTU sheets or plain tables.
    Workbook,
    /// Brå's wide NTU layout: a block `Andel | KI undre | KI övre` per area, years as rows.
    NtuWide,
    /// Brå's older per-kommun CSV: rows of years, periods and measures, then a row per kommun
    /// and category (`Falun kommun;Totalt antal brott;…`).
    BraWide,
    /// The CSV download of SCB's statistical database: `"region","2017",...`, a column per
    /// period (or per content and period), region cells `"0114 Upplands Väsby"`.
    ScbCsv,
    /// SCB's PxWeb API v1 answer in its plain json format (`columns`, `data`).
    PxWebJson,
}

/// Options for reading a table.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The period of every row, for files that have no period column (Brå's annual file);
    /// when `None`, a year in the file name is used.
    pub period: Option<Period>,
    /// The indicator of every row, for files that have no indicator column
    /// (default `brott.totalt`).
    pub indicator: Option<String>,
    /// The file format; [`Format::Auto`](super::Format::Auto) (the default) detects it from
    /// the content.
    pub format: super::Format,
    /// Caps on cells, columns, line length and unpacked size ([`Limits`]): a file beyond
    /// them is refused with a message before it can exhaust memory.
    pub limits: Limits,
    /// The areas names and codes are looked up in: the built-in ones when `None`, or the
    /// built-in ones plus the user's areas ([`AreaRegistry::with_user_areas`]).
    pub areas: Option<Arc<AreaRegistry>>,
    /// The indicators labels are looked up in (and their kinds): the built-in ones when
    /// `None`, or an extended registry ([`IndicatorRegistry::with_file`]).
    pub indicators: Option<Arc<IndicatorRegistry>>,
    /// Read every row as a survey result: values, bounds in percent (or index points, 0-100),
    /// `count` at most `n`, a marker in `value` as the row's status. Rows of survey indicators
    /// (by the registry's kind) are checked so even without it.
    pub survey: bool,
}

impl ReadOptions {
    /// The area registry to use.
    pub fn area_registry(&self) -> &AreaRegistry {
        self.areas.as_deref().unwrap_or(AreaRegistry::builtin())
    }

    /// The indicator registry to use.
    pub fn indicator_registry(&self) -> &IndicatorRegistry {
        self.indicators
            .as_deref()
            .unwrap_or(IndicatorRegistry::builtin())
    }
}

/// The canonical fields a column can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Area,
    Period,
    Indicator,
    Group,
    Count,
    Population,
    Value,
    Lower,
    Upper,
    Level,
    Method,
    Status,
    SurveyYear,
    StdErr,
    Source,
    PeriodType,
    PeriodLabel,
    Month,
    Quarter,
    Preliminary,
}

/// How many [`Field`]s there are (the length of [`Columns`]' index).
const FIELDS: usize = Field::Preliminary as usize + 1;

/// Header spellings (normalised: lowercase, single spaces) and what they stand for.
const HEADER_ALIASES: &[(&str, Field)] = &[
    ("area", Field::Area),
    ("area_code", Field::Area),
    ("kommun", Field::Area),
    ("kommunkod", Field::Area),
    ("region", Field::Area),
    ("område", Field::Area),
    ("omrade", Field::Area),
    ("municipality", Field::Area),
    ("period", Field::Period),
    ("år", Field::Period),
    ("ar", Field::Period),
    ("year", Field::Period),
    ("tid", Field::Period),
    ("indicator", Field::Indicator),
    ("indikator", Field::Indicator),
    ("brott", Field::Indicator),
    ("brottstyp", Field::Indicator),
    ("crime_type", Field::Indicator),
    ("group", Field::Group),
    ("grupp", Field::Group),
    ("count", Field::Count),
    ("antal", Field::Count),
    ("population", Field::Population),
    ("n", Field::Population),
    ("folkmängd", Field::Population),
    ("befolkning", Field::Population),
    ("value", Field::Value),
    ("rate", Field::Value),
    ("värde", Field::Value),
    ("per100000", Field::Value),
    ("per 100 000 inv.", Field::Value),
    ("per 100 000 inv", Field::Value),
    ("per 100 000 invånare", Field::Value),
    ("lower", Field::Lower),
    ("upper", Field::Upper),
    ("level", Field::Level),
    ("method", Field::Method),
    ("status", Field::Status),
    ("status_antal", Field::Status),
    ("survey_year", Field::SurveyYear),
    ("se", Field::StdErr),
    ("standard_error", Field::StdErr),
    ("medelfel", Field::StdErr),
    ("source", Field::Source),
    ("periodtyp", Field::PeriodType),
    ("periodetikett", Field::PeriodLabel),
    ("månad", Field::Month),
    ("kvartal", Field::Quarter),
    ("preliminär", Field::Preliminary),
];

/// Which column holds which field.
#[derive(Debug, Default)]
struct Columns {
    /// The column of each field, by `Field as usize` (looked up for every cell of every row).
    index: [Option<usize>; FIELDS],
    names: Vec<String>,
}

impl Columns {
    fn from_header(header: &[String]) -> Self {
        let mut c = Columns {
            index: [None; FIELDS],
            names: header.to_vec(),
        };
        for (i, name) in header.iter().enumerate() {
            let key = normalise(name);
            if let Some((_, f)) = HEADER_ALIASES.iter().find(|(a, _)| *a == key) {
                // The first column of a field wins (SOL has Status_Antal before Status_Per100000).
                c.index[*f as usize].get_or_insert(i);
            }
        }
        c
    }

    fn get(&self, f: Field) -> Option<usize> {
        self.index[f as usize]
    }

    /// The column of `f` in a record's `fields` and its text there.
    fn field<'f>(&self, fields: &'f [String], f: Field) -> Option<(usize, &'f str)> {
        self.get(f).map(|i| (i, fields[i].as_str()))
    }

    /// The header's name of column `i`.
    fn name(&self, i: usize) -> &str {
        self.names.get(i).map(String::as_str).unwrap_or("?")
    }
}

/// Reads a delimited-text table from bytes; `name` is used in messages (and for a year in the
/// file name). See [`read_table`](super::read_table).
pub(crate) fn read_csv_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    let src = Source::new(name, bytes, options.limits)?;
    if let Some(records) = src.older_bra_records()? {
        return super::bra_export::read_older_csv(name, &records, src.encoding, options);
    }
    let mut reader = TableReader::new(&src, options);
    src.for_each_record(|line, fields| reader.record(line, fields))?;
    reader.finish()
}

/// The layouts of a delimited file and what each expects, for a file that matches none.
pub(super) fn csv_layouts_tried() -> String {
    format!(
        "tried canonical: expected a header with area, period, indicator and count (or value); \
         tried Brå annual kommun file: expected Kommun;Antal;Per 100 000 inv. (or, without a \
         header, name;count;rate); tried SOL long export: expected År, Periodtyp, Kommun, Brott, \
         Antal; tried Brå older per-kommun CSV: expected a row of years after two empty cells \
         (;;2013;2013;…), then periods and measures; tried SCB CSV: expected {}",
        super::scbcsv::EXPECTED
    )
}

/// The message for a header that matches no layout: `no known layout; tried …; found …`.
fn no_known_layout(found: &str, missing: &str) -> String {
    format!(
        "no known layout; {}; found the header {found} ({missing})",
        csv_layouts_tried()
    )
}

/// Reads population figures from CSV: `area,period,population` (`folkmängd` also accepted),
/// one figure per area and calendar year; area as code or name, looked up in `areas`.
/// `name` is used in messages.
pub(crate) fn read_population_csv(
    name: &str,
    bytes: &[u8],
    areas: &AreaRegistry,
    limits: Limits,
) -> Result<(Population, Vec<Warning>)> {
    let src = Source::new(name, bytes, limits)?;
    let mut pop = Population::new(name);
    let mut warnings = Vec::new();
    let mut cols: Option<Columns> = None;
    let mut lines: HashMap<(String, i32), u64> = HashMap::new();
    let mut rows = 0usize;
    let mut short = ShortCodes::default();
    let mut resolve = Resolver::new(areas, IndicatorRegistry::builtin());
    src.for_each_record(|line, fields| {
        let Some(c) = &cols else {
            let c = Columns::from_header(fields);
            for (f, what) in [(Field::Area, "area"), (Field::Period, "period"), (Field::Population, "population")] {
                if c.get(f).is_none() {
                    return Err(Error::input(
                        src.at(line),
                        format!(
                            "missing column \"{what}\": expected a header such as area,period,population, found {}",
                            fields.join(&(src.delimiter as char).to_string())
                        ),
                    ));
                }
            }
            cols = Some(c);
            return Ok(());
        };
        rows += 1;
        let get = |f: Field| c.get(f).map(|i| (i, fields[i].as_str()));
        let (ai, area_raw) = get(Field::Area).unwrap_or((0, ""));
        let area = match resolve.area(area_raw) {
            AreaHit::Found(code) => code.clone(),
            AreaHit::NotAnArea => {
                warnings.push(Warning::new(
                    WarningKind::NotAnArea,
                    Some(src.at(line)),
                    format!("\"{area_raw}\" is not a kommun, län or riket: row skipped"),
                ));
                return Ok(());
            }
            AreaHit::Unknown => return Err(unknown_area(&src, line, &c.names[ai], area_raw)),
        };
        short.note(area_raw, &area, || src.at(line).field(&c.names[ai]))?;
        let (pi, period_raw) = get(Field::Period).unwrap_or((0, ""));
        let period = resolve
            .period(period_raw)
            .map_err(|e| field_error(&src, line, &c.names[pi], e))?;
        let Period::Year(year) = period else {
            return Err(Error::input(
                src.at(line).field(&c.names[pi]),
                format!("expected a year for a population figure, found \"{period_raw}\""),
            ));
        };
        let (ni, n_raw) = get(Field::Population).unwrap_or((0, ""));
        let value = match parse_cell(n_raw) {
            Ok(Cell::Number(v)) if v > 0.0 => v,
            Ok(Cell::Number(_)) => {
                return Err(Error::input(
                    src.at(line).field(&c.names[ni]),
                    format!("expected a positive number of inhabitants, found \"{n_raw}\""),
                ));
            }
            Ok(Cell::Missing(status)) => {
                warnings.push(Warning::new(
                    WarningKind::MissingValue,
                    Some(src.at(line)),
                    format!("population of {area} {period} is missing ({status}): row skipped"),
                ).about_area(&area));
                return Ok(());
            }
            Err(what) => return Err(Error::input(src.at(line).field(&c.names[ni]), what)),
        };
        if let Some(first) = lines.insert((area.clone(), year), line) {
            return Err(Error::input(
                src.at(line),
                format!("duplicate population for area {area}, year {year}: already given on line {first}"),
            ));
        }
        pop.insert(&area, year, value)
    })?;
    if cols.is_some() && rows == 0 {
        return Err(Error::input(
            Location::file(name),
            "the file has a header but no data rows: expected one row per area and year",
        ));
    }
    warnings.extend(short.warning(name));
    Ok((pop, warnings))
}

fn field_error(src: &Source, line: u64, column: &str, e: Error) -> Error {
    let message = match e {
        Error::InvalidArgument(m) => m,
        other => other.to_string(),
    };
    Error::input(src.at(line).field(column), message)
}

fn unknown_area(src: &Source, line: u64, column: &str, raw: &str) -> Error {
    Error::input(
        src.at(line).field(column),
        format!(
            "unknown area \"{raw}\": expected a kommun, län or riket name or code \
             (list them with `bra areas`)"
        ),
    )
}

/// Where the columns of a plain canonical table are (for the fast reader in `fast.rs`): a
/// header that [`TableReader`] reads as [`Layout::Canonical`], with an area, period and
/// indicator column and a count or value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CanonicalColumns {
    pub area: usize,
    pub period: usize,
    pub indicator: usize,
    pub count: Option<usize>,
    pub value: Option<usize>,
    pub population: Option<usize>,
    pub lower: Option<usize>,
    pub upper: Option<usize>,
    pub level: Option<usize>,
    pub group: Option<usize>,
    pub method: Option<usize>,
    pub status: Option<usize>,
    pub survey_year: Option<usize>,
    pub source: Option<usize>,
    /// The header as written (trimmed).
    pub names: Vec<String>,
}

impl CanonicalColumns {
    /// The count (or, without one, the value) column: a missing-value marker there becomes
    /// the row's status.
    pub fn primary(&self) -> usize {
        self.count.or(self.value).unwrap_or(self.area)
    }

    /// A counts file: a count column and no other number, method or survey-year column.
    pub fn is_counts_only(&self) -> bool {
        self.count.is_some()
            && [
                self.value,
                self.population,
                self.lower,
                self.upper,
                self.level,
                self.method,
                self.survey_year,
            ]
            .iter()
            .all(Option::is_none)
    }
}

/// The columns of `header` (trimmed fields) if it is a plain canonical header, by the same
/// rules as [`TableReader`]; `None` for Brå's and SOL's layouts.
pub(super) fn canonical_header(header: &[String]) -> Option<CanonicalColumns> {
    if header.len() >= 2 && matches!(parse_cell(&header[1]), Ok(Cell::Number(_))) {
        return None; // Brå's headerless annual file.
    }
    let cols = Columns::from_header(header);
    let sol = [
        Field::PeriodType,
        Field::PeriodLabel,
        Field::Month,
        Field::Quarter,
        Field::Preliminary,
    ];
    if sol.iter().any(|f| cols.get(*f).is_some()) {
        return None;
    }
    let (count, value) = (cols.get(Field::Count), cols.get(Field::Value));
    if count.is_none() && value.is_none() {
        return None;
    }
    Some(CanonicalColumns {
        area: cols.get(Field::Area)?,
        period: cols.get(Field::Period)?,
        indicator: cols.get(Field::Indicator)?,
        count,
        value,
        population: cols.get(Field::Population),
        lower: cols.get(Field::Lower),
        upper: cols.get(Field::Upper),
        level: cols.get(Field::Level),
        group: cols.get(Field::Group),
        method: cols.get(Field::Method),
        status: cols.get(Field::Status),
        survey_year: cols.get(Field::SurveyYear),
        source: cols.get(Field::Source),
        names: cols.names,
    })
}

/// The state of reading one table.
struct TableReader<'s, 'o> {
    src: &'s Source<'s>,
    options: &'o ReadOptions,
    cols: Option<std::rc::Rc<Columns>>,
    layout: Layout,
    rows: Vec<Observation>,
    keys: HashMap<(String, Period, String, String), u64>,
    warnings: Vec<Warning>,
    skipped: usize,
    unknown_labels: HashSet<String>,
    file_period: Option<Period>,
    /// Area codes without their leading zero (`114`).
    short: ShortCodes,
    /// Areas, periods and indicators, each distinct text resolved once.
    resolve: Resolver<'o>,
}

impl<'s, 'o> TableReader<'s, 'o> {
    fn new(src: &'s Source<'s>, options: &'o ReadOptions) -> Self {
        TableReader {
            src,
            options,
            cols: None,
            layout: Layout::Canonical,
            rows: Vec::new(),
            keys: HashMap::new(),
            warnings: Vec::new(),
            skipped: 0,
            unknown_labels: HashSet::new(),
            file_period: None,
            short: ShortCodes::default(),
            resolve: Resolver::new(options.area_registry(), options.indicator_registry()),
        }
    }

    fn record(&mut self, line: u64, fields: &[String]) -> Result<()> {
        if self.cols.is_none() {
            return self.header(line, fields);
        }
        self.row(line, fields)
    }

    /// Recognises the layout from the first record.
    fn header(&mut self, line: u64, fields: &[String]) -> Result<()> {
        let numeric_second =
            fields.len() >= 2 && matches!(parse_cell(&fields[1]), Ok(Cell::Number(_)));
        if numeric_second {
            // Brå's 2021 file: no header, `Ale kommun;2731;8547`.
            self.layout = Layout::BraAnnualNoHeader;
            let mut names = vec!["Kommun".to_string(), "Antal".to_string()];
            if fields.len() >= 3 {
                names.push("Per 100 000 inv.".to_string());
            }
            names.truncate(fields.len());
            self.cols = Some(std::rc::Rc::new(Columns::from_header(&names)));
            self.file_period = Some(self.period_from_file(line)?);
            return self.row(line, fields);
        }
        let cols = Columns::from_header(fields);
        let has = |f| cols.get(f).is_some();
        self.layout = if has(Field::PeriodType) || has(Field::PeriodLabel) {
            Layout::SolLong
        } else if !has(Field::Period) && has(Field::Area) && has(Field::Count) {
            Layout::BraAnnual
        } else {
            Layout::Canonical
        };
        let shown = fields.join(&(self.src.delimiter as char).to_string());
        if !has(Field::Area) {
            return Err(Error::input(
                Location::file(self.src.name),
                no_known_layout(&shown, "missing column \"area\""),
            ));
        }
        if !has(Field::Count) && !has(Field::Value) {
            return Err(Error::input(
                Location::file(self.src.name),
                no_known_layout(&shown, "missing column \"count\" (or \"value\")"),
            ));
        }
        match self.layout {
            Layout::BraAnnual => self.file_period = Some(self.period_from_file(line)?),
            Layout::Canonical => {
                if !has(Field::Period) {
                    return Err(Error::input(
                        self.src.at(line),
                        format!(
                            "missing column \"period\": expected a header such as area,period,indicator,count, found {shown}"
                        ),
                    ));
                }
                if !has(Field::Indicator) && self.options.indicator.is_none() {
                    return Err(Error::input(
                        self.src.at(line),
                        format!(
                            "missing column \"indicator\": expected a header such as area,period,indicator,count, found {shown}"
                        ),
                    ));
                }
            }
            _ => {}
        }
        self.cols = Some(std::rc::Rc::new(cols));
        Ok(())
    }

    /// The period of a file without a period column: the option, else a year in its name.
    fn period_from_file(&self, line: u64) -> Result<Period> {
        if let Some(p) = self.options.period {
            return Ok(p);
        }
        let stem = Path::new(self.src.name)
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let years: Vec<i32> = stem
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| s.len() == 4)
            .filter_map(|s| s.parse().ok())
            .filter(|y| (1950..=2100).contains(y))
            .collect();
        match years.as_slice() {
            [y] => Ok(Period::Year(*y)),
            _ => Err(Error::Setting {
                message: format!(
                    "{}: this looks like Brå's annual kommun file (Kommun;Antal;Per 100 000 \
                     inv.), which has no period column: expected one year in the file name \
                     (e.g. \"Anmälda brott i kommunerna 2023.csv\") or the period of the \
                     read options (`period`)",
                    self.src.at(line)
                ),
                setting: "period",
            }),
        }
    }

    /// Reads one data row: its key (area, period, indicator), its labels, its numbers and
    /// their checks, then keeps it (a second row with the same key is an error).
    fn row(&mut self, line: u64, fields: &[String]) -> Result<()> {
        let Some(cols) = self.cols.clone() else {
            return Ok(());
        };
        let Some(area) = self.row_area(line, fields, &cols)? else {
            return Ok(()); // not an area: skipped and counted
        };
        let mut status: Option<String> = None;
        let period = self.row_period(line, fields, &cols, &mut status)?;
        let indicator = match cols.field(fields, Field::Indicator) {
            Some((ii, raw)) => self.indicator_id(line, cols.name(ii), raw)?,
            None => self
                .options
                .indicator
                .clone()
                .unwrap_or_else(|| "brott.totalt".to_string()),
        };
        let mut obs = Observation::new(area, period, indicator);
        self.row_labels(&mut obs, fields, &cols, status);
        let survey = survey::is_survey_row(self.options, &obs.indicator);
        let (se, nothing) = self.row_numbers(line, fields, &cols, &mut obs, survey)?;
        self.row_method(&mut obs, fields, &cols);
        self.row_checks(line, &cols, &mut obs, se, survey)?;
        if obs.count.is_none()
            && cols.get(Field::Count).is_some()
            && !survey
            && (nothing || obs.status.is_some())
        {
            let why = obs.status.clone().unwrap_or_default();
            self.warnings.push(
                Warning::new(
                    WarningKind::MissingValue,
                    Some(self.src.at(line)),
                    format!(
                        "count of {} {} {} is missing ({why}): kept as missing, not 0",
                        obs.area, obs.period, obs.indicator
                    ),
                )
                .about_area(&obs.area)
                .about_indicator(&obs.indicator),
            );
        }
        self.keep(line, obs)
    }

    /// The row's area code; `None` for a name known not to be an area (the row is skipped,
    /// with a warning). An unknown area is an error naming the cell.
    fn row_area(&mut self, line: u64, fields: &[String], cols: &Columns) -> Result<Option<String>> {
        let src = self.src;
        let (ai, area_raw) = cols.field(fields, Field::Area).unwrap_or((0, ""));
        let area = match self.resolve.area(area_raw) {
            AreaHit::Found(code) => code.clone(),
            AreaHit::NotAnArea => {
                self.skipped += 1;
                self.warnings.push(Warning::new(
                    WarningKind::NotAnArea,
                    Some(src.at(line)),
                    format!("\"{area_raw}\" is not a kommun, län or riket: row skipped"),
                ));
                return Ok(None);
            }
            AreaHit::Unknown => return Err(unknown_area(src, line, cols.name(ai), area_raw)),
        };
        self.short
            .note(area_raw, &area, || src.at(line).field(cols.name(ai)))?;
        Ok(Some(area))
    }

    /// The row's period: the file's (Brå's annual files), from SOL's period columns, or the
    /// period column's; `status` gets `preliminary` for SOL's preliminary periods.
    fn row_period(
        &mut self,
        line: u64,
        fields: &[String],
        cols: &Columns,
        status: &mut Option<String>,
    ) -> Result<Period> {
        match self.layout {
            Layout::BraAnnual | Layout::BraAnnualNoHeader => {
                Ok(self.file_period.unwrap_or(Period::Year(0)))
            }
            Layout::SolLong => self.sol_period(line, fields, status),
            // Canonical and NtuWide (the other layouts are not read here).
            _ => {
                let (pi, raw) = cols.field(fields, Field::Period).unwrap_or((0, ""));
                self.resolve
                    .period(raw)
                    .map_err(|e| field_error(self.src, line, cols.name(pi), e))
            }
        }
    }

    /// Group, source and status of the row (markers in a status column become their status
    /// names; `status` is the period's).
    fn row_labels(
        &self,
        obs: &mut Observation,
        fields: &[String],
        cols: &Columns,
        status: Option<String>,
    ) {
        if let Some((_, g)) = cols.field(fields, Field::Group)
            && !g.is_empty()
        {
            obs.group = g.to_string();
        }
        obs.source = self.src.name.to_string();
        if let Some((_, s)) = cols.field(fields, Field::Source)
            && !s.is_empty()
        {
            obs.source = s.to_string();
        }
        if let Some((_, s)) = cols.field(fields, Field::Status) {
            for flag in s.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                obs.add_status(missing_marker(flag).unwrap_or(flag));
            }
        }
        if let Some(s) = status {
            obs.add_status(&s);
        }
    }

    /// The row's numbers. A marker in the count (or, without a count column, the value)
    /// becomes the row's status; in the other number columns an empty cell is simply absent. A
    /// survey row is missing only when it has neither an estimate nor a count. Returns the
    /// standard error, and whether the row has no number at all.
    fn row_numbers(
        &self,
        line: u64,
        fields: &[String],
        cols: &Columns,
        obs: &mut Observation,
        survey: bool,
    ) -> Result<(Option<f64>, bool)> {
        let src = self.src;
        let primary = if cols.get(Field::Count).is_some() {
            Field::Count
        } else {
            Field::Value
        };
        let mut markers: Vec<(Field, &'static str)> = Vec::new();
        let mut read = |f: Field, what: &str, min: Option<f64>| -> Result<Option<f64>> {
            let Some((i, raw)) = cols.field(fields, f) else {
                return Ok(None);
            };
            match parse_cell(raw) {
                Ok(Cell::Number(v)) if min.is_some_and(|m| v < m) => Err(Error::input(
                    src.at(line).field(cols.name(i)),
                    format!("expected {what}, found \"{raw}\""),
                )),
                Ok(Cell::Number(v)) => Ok(Some(v)),
                // An empty count beside a value or population (as `bra import` writes
                // population rows) is not a missing value: decided below.
                Ok(Cell::Missing(flag)) => {
                    markers.push((f, flag));
                    Ok(None)
                }
                Err(message) => Err(Error::input(src.at(line).field(cols.name(i)), message)),
            }
        };
        obs.count = read(Field::Count, "a non-negative count", Some(0.0))?;
        obs.population = read(Field::Population, "a non-negative population", Some(0.0))?;
        obs.value = read(Field::Value, "a number", None)?;
        obs.lower = read(Field::Lower, "a number", None)?;
        obs.upper = read(Field::Upper, "a number", None)?;
        obs.level = read(Field::Level, "a level such as 0.95", Some(0.0))?
            .map(|l| if l > 1.0 { l / 100.0 } else { l });
        let se = read(Field::StdErr, "a non-negative standard error", Some(0.0))?;
        let marker = |f: Field| markers.iter().find(|(g, _)| *g == f).map(|(_, m)| *m);
        // An empty count beside a value or population (as `bra import` writes population
        // rows) is not a missing value; a row with no number at all is.
        let nothing = obs.count.is_none() && obs.value.is_none() && obs.population.is_none();
        let flag = if !survey {
            marker(primary).filter(|m| *m != "missing" || nothing)
        } else if obs.value.is_none() && obs.count.is_none() {
            [marker(Field::Value), marker(Field::Count)]
                .into_iter()
                .flatten()
                .find(|m| *m != "missing")
                .or(marker(Field::Value))
                .or(marker(Field::Count))
        } else {
            None
        };
        // An empty cell says nothing new when the status column gave the reason already.
        if let Some(flag) = flag.filter(|f| *f != "missing" || obs.status.is_none()) {
            obs.add_status(flag);
        }
        Ok((se, nothing))
    }

    /// The row's method and survey year; Brå's own per-100 000 figure is its published rate
    /// (DESIGN.md, Decisions of 2026-12).
    fn row_method(&self, obs: &mut Observation, fields: &[String], cols: &Columns) {
        if let Some((_, m)) = cols.field(fields, Field::Method)
            && !m.is_empty()
        {
            obs.method = Some(m.to_string());
        }
        if obs.method.is_none()
            && obs.value.is_some()
            && matches!(
                self.layout,
                Layout::BraAnnual | Layout::BraAnnualNoHeader | Layout::SolLong
            )
        {
            obs.method = Some("published".to_string());
        }
        if let Some((_, y)) = cols.field(fields, Field::SurveyYear)
            && !y.is_empty()
        {
            obs.survey_year = Some(y.to_string());
        }
    }

    /// Checks the row's numbers together: a population of 0, a standard error (kept for
    /// Compute, with the level its interval is to have), a survey row, bounds in order. Errors
    /// name the cell.
    fn row_checks(
        &mut self,
        line: u64,
        cols: &Columns,
        obs: &mut Observation,
        se: Option<f64>,
        survey: bool,
    ) -> Result<()> {
        let src = self.src;
        if let (Some(pi), Some(0.0)) = (cols.get(Field::Population), obs.population) {
            return Err(Error::input(
                src.at(line).field(cols.name(pi)),
                if survey {
                    "expected a positive number of respondents n, found 0 (a share of nobody cannot be computed)"
                } else {
                    "expected a positive population, found 0 (a rate cannot be computed per 0 inhabitants)"
                },
            ));
        }
        let column = |part: survey::Part| {
            let f = match part {
                survey::Part::Count => Field::Count,
                survey::Part::Value => Field::Value,
                survey::Part::Lower => Field::Lower,
                survey::Part::Upper => Field::Upper,
                survey::Part::Level => Field::Level,
            };
            cols.get(f)
                .map_or(part.name(), |i| cols.name(i))
                .to_string()
        };
        let fail = |(part, message)| Error::input(src.at(line).field(column(part)), message);
        if let Some(se) = se {
            // Kept as data: Compute makes the interval. Shares and indices stay within 0-100.
            obs.se = Some(StandardError {
                se,
                scale: survey.then_some((0.0, 100.0)),
            });
            survey::check_standard_error_level(obs).map_err(fail)?;
        }
        if survey {
            survey::check_row(obs).map_err(fail)?;
            survey::fill_survey_year(obs, self.options.indicator_registry());
            if obs.value.is_none() && obs.count.is_none() {
                let why = obs.status.clone().unwrap_or_default();
                self.warnings.push(
                    Warning::new(
                        WarningKind::MissingValue,
                        Some(src.at(line)),
                        format!(
                            "value of {} {} {} is missing ({why}): kept as missing, not 0",
                            obs.area, obs.period, obs.indicator
                        ),
                    )
                    .about_area(&obs.area)
                    .about_indicator(&obs.indicator),
                );
            }
        } else if let (Some(l), Some(u)) = (obs.lower, obs.upper)
            && l > u
        {
            let i = cols.get(Field::Lower).unwrap_or(0);
            return Err(Error::input(
                src.at(line).field(cols.name(i)),
                format!("the lower bound {l} is above the upper bound {u}"),
            ));
        }
        Ok(())
    }

    /// Keeps the row, unless its key is on an earlier line.
    fn keep(&mut self, line: u64, obs: Observation) -> Result<()> {
        if let Some(first) = self.keys.insert(obs.key(), line) {
            return Err(Error::input(
                self.src.at(line),
                format!(
                    "duplicate row: area {}, period {}, indicator {}, group {} is already on line {first}",
                    obs.area, obs.period, obs.indicator, obs.group
                ),
            ));
        }
        self.rows.push(obs);
        Ok(())
    }

    /// The period of a SOL row, from its period type and year/month/quarter columns, or else
    /// from its label (`2026 prel., Aug`). Marks preliminary periods.
    fn sol_period(
        &mut self,
        line: u64,
        fields: &[String],
        status: &mut Option<String>,
    ) -> Result<Period> {
        let Some(cols) = self.cols.clone() else {
            return Err(Error::input(self.src.at(line), "no header"));
        };
        let get = |f: Field| cols.get(f).map(|i| fields[i].as_str()).unwrap_or("");
        let label = get(Field::PeriodLabel);
        let prelim = matches!(
            get(Field::Preliminary).to_lowercase().as_str(),
            "true" | "ja" | "1" | "yes"
        ) || label.to_lowercase().contains("prel");
        if prelim {
            crate::table::add_status(status, "preliminary");
            self.warnings.push(Warning::new(
                WarningKind::Preliminary,
                Some(self.src.at(line)),
                format!("preliminary period \"{label}\""),
            ));
        }
        let bad = |what: &str| {
            Error::input(
                self.src.at(line),
                format!(
                    "expected a period (År with Periodtyp År/Kvartal/Månad, or a label such as \"2026 prel., Aug\"), found {what}"
                ),
            )
        };
        let whole = |s: &str| -> Option<i32> {
            let v: f64 = s.trim().parse().ok()?;
            (v.fract() == 0.0).then_some(v as i32)
        };
        let year = whole(get(Field::Period));
        let kind = normalise(get(Field::PeriodType));
        let period = match (kind.as_str(), year) {
            ("år" | "ar" | "year", Some(y)) => Some(Period::Year(y)),
            ("kvartal" | "quarter", Some(y)) => {
                whole(get(Field::Quarter)).map(|q| Period::Quarter(y, q as u8))
            }
            ("månad" | "manad" | "month", Some(y)) => {
                whole(get(Field::Month)).map(|m| Period::Month(y, m as u8))
            }
            _ => None,
        };
        let period = match period {
            Some(p) => p,
            None => {
                // From the label: "2026 prel., Aug", "2025", "2025 K3".
                let l = label.replace("prel.", " ").replace(',', " ");
                let mut parts = l.split_whitespace();
                let y = parts
                    .next()
                    .and_then(whole)
                    .ok_or_else(|| bad(&format!("\"{label}\"")))?;
                match parts.next() {
                    None => Period::Year(y),
                    Some(rest) => match month_from_name(rest) {
                        Some(m) => Period::Month(y, m),
                        None => format!("{y}{rest}")
                            .parse()
                            .map_err(|_| bad(&format!("\"{label}\"")))?,
                    },
                }
            }
        };
        // Validate ranges (a month 13 would otherwise pass through the constructor).
        period
            .to_string()
            .parse()
            .map_err(|_| bad(&format!("\"{period}\"")))
    }

    fn indicator_id(&mut self, line: u64, column: &str, raw: &str) -> Result<String> {
        if raw.is_empty() {
            return Err(Error::input(
                self.src.at(line).field(column),
                "expected an indicator id such as brott.totalt or a Brå category, found an empty cell",
            ));
        }
        let Some((id, known)) = self.resolve.indicator(raw) else {
            return Err(Error::input(
                self.src.at(line).field(column),
                format!("expected an indicator id or label, found \"{raw}\""),
            ));
        };
        if known {
            return Ok(id);
        }
        if self.unknown_labels.insert(raw.to_string()) {
            self.warnings.push(Warning::new(
                WarningKind::UnknownIndicator,
                Some(self.src.at(line)),
                format!("unknown indicator \"{raw}\": given the id {id}"),
            ));
        }
        Ok(id)
    }

    fn finish(mut self) -> Result<Ingested> {
        self.warnings.extend(self.short.warning(self.src.name));
        if self.rows.is_empty() && self.skipped == 0 {
            let what = if self.layout == Layout::BraAnnualNoHeader {
                "no data rows"
            } else {
                "a header but no data rows"
            };
            return Err(Error::input(
                Location::file(self.src.name),
                format!("the file has {what}: expected at least one row after the header"),
            ));
        }
        Ok(Ingested {
            table: Table::new(self.rows)?,
            warnings: self.warnings,
            layout: self.layout,
            encoding: self.src.encoding,
            skipped: self.skipped,
        })
    }
}
