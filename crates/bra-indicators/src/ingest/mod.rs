//! Readers that turn real files into the canonical [`Table`].
//!
//! Each reader knows one format; all of them keep missing-value markers as a `status` (never
//! as 0) and report bad input with file, line (or field) and what was expected:
//! - delimited text (`csv`): the canonical long CSV and Brå's layouts;
//! - SCB PC-Axis (`px`): STUB/HEADING cubes, KEYS files, CODEPAGE, DATASYMBOLs;
//! - JSON-stat 2.0 (`jsonstat`): PxWeb API answers;
//! - SCB's PxWeb API v1 plain json (`pxweb`) and its statistical database's CSV download
//!   (`scbcsv`), both read into the same cube as PX;
//! - Kolada API JSON (`kolada`), one page or several concatenated;
//! - Excel (`xlsx`): Brå's statistics-database exports (`bra_export`, also Brå's older
//!   per-kommun CSV), per-kommun indicator workbooks, NTU sheets, plain tables.
//!
//! [`Format::detect`] tells them apart by content, not by the file name.

mod bra_export;
mod codes;
mod counts;
mod csv;
mod cube;
pub(crate) mod fast;
mod goal_data;
mod incidents;
mod jsonstat;
mod kolada;
mod px;
mod pxweb;
mod records;
mod resolve;
mod scbcsv;
mod survey;
pub(crate) mod text;
pub mod text_records;
mod xls_grid;
mod xlsx;

pub use self::csv::{Layout, ReadOptions};
pub(crate) use self::records::Source;
pub use counts::read_counts_table;
pub use goal_data::read_goal_data;
pub use survey::{
    read_indicator_table, read_indicator_table_bytes, read_survey, read_survey_bytes,
};

pub use incidents::{read_incidents, read_incidents_bytes};
pub use text::TextEncoding;

use crate::error::{Error, Location, Result, catch_reader_panic};
use crate::table::{Population, Table};
use crate::warning::Warning;
use std::path::Path;

pub use crate::limits::{DEFAULT_MAX_CELLS, Limits};

/// What a reader produced: the table, what it noticed, and how the file looked.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The canonical table.
    pub table: Table,
    /// Warnings: skipped rows, unknown labels, missing cells.
    pub warnings: Vec<Warning>,
    /// The layout that was recognised.
    pub layout: Layout,
    /// The text encoding that was detected.
    pub encoding: TextEncoding,
    /// How many data rows were skipped (each one is also in `warnings`).
    pub skipped: usize,
}

/// The file formats the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Detect from the content ([`Format::detect`]).
    #[default]
    Auto,
    /// Delimited text: the canonical long CSV and Brå's layouts.
    Csv,
    /// SCB PC-Axis (`.px`).
    Px,
    /// JSON-stat 2.0 (PxWeb API).
    JsonStat,
    /// Kolada API JSON.
    Kolada,
    /// An Excel workbook (`.xlsx`, also `.xls` and `.ods`).
    Xlsx,
    /// SCB's PxWeb API v1 answer in its plain `json` format (`columns`, `data`).
    PxWebJson,
    /// The CSV download of SCB's statistical database (`"region","2017",...`).
    ScbCsv,
}

impl Format {
    /// The format of `bytes`, judged by their content; the file name is only a tie-breaker for
    /// JSON that is neither JSON-stat nor Kolada. Never returns [`Format::Auto`].
    ///
    /// ```
    /// use bra_indicators::Format;
    /// assert_eq!(Format::detect("x", b"CHARSET=\"ANSI\";\nSTUB=\"region\";\nDATA=\n1;"), Format::Px);
    /// assert_eq!(Format::detect("x.csv", b"{\"version\":\"2.0\",\"id\":[],\"size\":[],\"dimension\":{}}"), Format::JsonStat);
    /// assert_eq!(Format::detect("x", b"{\"values\":[{\"kpi\":\"N07540\"}]}"), Format::Kolada);
    /// assert_eq!(Format::detect("x.px", b"area,period,indicator,count\n"), Format::Csv);
    /// assert_eq!(Format::detect("x", b"{\"columns\":[],\"data\":[]}"), Format::PxWebJson);
    /// assert_eq!(Format::detect("x", b"\"region\",\"2017\"\r\n\"0114 Upplands V\xe4sby\",44605\r\n"), Format::ScbCsv);
    /// ```
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if body.starts_with(b"PK\x03\x04") || body.starts_with(b"\xD0\xCF\x11\xE0") {
            return Format::Xlsx;
        }
        let start = body
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(body.len());
        let body = &body[start..];
        if matches!(body.first(), Some(b'{') | Some(b'[')) {
            let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
            if has(b"\"dimension\"") {
                return Format::JsonStat;
            }
            if pxweb::looks_like(body) {
                return Format::PxWebJson;
            }
            if has(b"\"kpi\"") {
                return Format::Kolada;
            }
            let lower = name.to_lowercase();
            return if lower.contains("kolada") {
                Format::Kolada
            } else {
                Format::JsonStat
            };
        }
        if px::looks_like_px(body) {
            return Format::Px;
        }
        if scbcsv::looks_like(bytes) {
            return Format::ScbCsv;
        }
        Format::Csv
    }

    /// A short name for people: `CSV`, `PC-Axis`, `JSON-stat`, `Kolada`, `Excel`, `PxWeb
    /// JSON`, `SCB CSV`.
    pub fn label(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Csv => "CSV",
            Format::Px => "PC-Axis",
            Format::JsonStat => "JSON-stat",
            Format::Kolada => "Kolada JSON",
            Format::Xlsx => "Excel",
            Format::PxWebJson => "PxWeb JSON",
            Format::ScbCsv => "SCB CSV",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;

    /// `auto`, `csv`, `px`, `jsonstat` (or `json-stat`), `kolada`, `xlsx` (or `excel`),
    /// `pxweb-json` (or `pxweb`), `scb-csv`.
    ///
    /// ```
    /// use bra_indicators::Format;
    /// assert_eq!("pxweb-json".parse::<Format>()?, Format::PxWebJson);
    /// assert_eq!("SCB-CSV".parse::<Format>()?, Format::ScbCsv);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "csv" | "txt" => Ok(Format::Csv),
            "px" | "pc-axis" | "pcaxis" => Ok(Format::Px),
            "jsonstat" | "json-stat" | "json" => Ok(Format::JsonStat),
            "kolada" => Ok(Format::Kolada),
            "xlsx" | "xls" | "excel" | "ods" => Ok(Format::Xlsx),
            "pxweb-json" | "pxweb" | "pxwebjson" | "pxweb_json" => Ok(Format::PxWebJson),
            "scb-csv" | "scbcsv" | "scb_csv" => Ok(Format::ScbCsv),
            _ => Err(Error::InvalidArgument(format!(
                "unknown format \"{s}\": expected auto, csv, px, jsonstat, kolada, xlsx, \
                 pxweb-json or scb-csv"
            ))),
        }
    }
}

fn read_bytes(path: &Path) -> Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok((path.display().to_string(), bytes))
}

/// Reads a table of observations from a file in any known format ([`ReadOptions::format`],
/// detected from the content by default).
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Input`] naming the file, line (or
/// field) and what was expected for bad content: an empty or truncated file, a required column
/// or keyword missing, text where a number belongs, an unknown area, a duplicate (area,
/// period, indicator, group), declared dimensions that do not match the data, more cells than
/// [`Limits::max_cells`], a line longer or a row wider than the [`ReadOptions::limits`].
pub fn read_table(path: &Path, options: &ReadOptions) -> Result<Ingested> {
    // Plain canonical files (the national table, `bra rates` output) with default options:
    // the fast reader gives the same table; it declines everything else, and bad input,
    // which the readers below then report with file, line and column.
    let plain = options.period.is_none()
        && options.indicator.is_none()
        && options.areas.is_none()
        && options.indicators.is_none()
        && !options.survey
        && matches!(options.format, Format::Auto | Format::Csv);
    if plain && let Some(fast) = fast::read_table(path, &options.limits) {
        return Ok(fast);
    }
    let (name, bytes) = read_bytes(path)?;
    read_table_bytes(&name, &bytes, options)
}

/// Reads a table from bytes; `name` is used in messages (and for a year in the file name).
///
/// # Examples
/// ```
/// use bra_indicators::{read_table_bytes, ReadOptions};
/// let csv = "area,period,indicator,count\nFagersta,2020,brott.totalt,1577\n1982,2021,brott.totalt,..\n";
/// let got = read_table_bytes("counts.csv", csv.as_bytes(), &ReadOptions::default())?;
/// let rows = got.table.rows();
/// assert_eq!(rows[0].area, "1982");
/// assert_eq!(rows[0].count, Some(1577.0));
/// assert_eq!(rows[1].count, None);
/// assert_eq!(rows[1].status.as_deref(), Some("suppressed"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
///
/// # Errors
/// As [`read_table`].
pub fn read_table_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    catch_reader_panic(name, || match resolve(name, bytes, options.format) {
        Format::Px => cube::to_table(&px::read(name, bytes, options)?),
        Format::JsonStat => cube::to_table(&jsonstat::read(name, bytes, options)?),
        Format::Kolada => kolada::read(name, bytes, &options.limits),
        Format::Xlsx => xlsx::read(name, bytes, options),
        Format::PxWebJson => cube::to_table(&pxweb::read(name, bytes, options)?),
        Format::ScbCsv => read_scb_csv(name, bytes, options),
        // SCB's download is delimited text too: `--format csv` reads it as well.
        Format::Csv | Format::Auto if scbcsv::looks_like(bytes) => {
            read_scb_csv(name, bytes, options)
        }
        Format::Csv | Format::Auto => self::csv::read_csv_bytes(name, bytes, options),
    })
}

fn read_scb_csv(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    let read = scbcsv::read(name, bytes, options)?;
    let mut got = cube::to_table(&read.cube)?;
    got.skipped += read.skipped;
    got.warnings.extend(read.content_note);
    Ok(got)
}

fn resolve(name: &str, bytes: &[u8], format: Format) -> Format {
    match format {
        Format::Auto => Format::detect(name, bytes),
        f => f,
    }
}

/// Reads population figures, one per area and calendar year, from a CSV file
/// (`area,period,population`), an SCB PC-Axis file, a JSON-stat answer, a PxWeb API v1 json
/// answer or the CSV download of SCB's statistical database (`"region","2017"`; the format is
/// detected from the content).
///
/// From PX and JSON-stat: the content `BE0101N1` (Folkmängd) or the only content; the region
/// and time variables give area and year; every other variable is reduced to one figure by
/// its ELIMINATION value (`"total"`), or summed where it may be eliminated (`YES`), with a
/// warning where the file does not say. From a PxWeb json answer or an SCB CSV download the
/// same, a variable without ELIMINATION reduced to its total value (`tot`, `1+2`, `totalt`,
/// `samtliga`) or, without one, summed with a warning naming it and its values.
///
/// Kommun codes that lost their leading zero (`114` for `0114`, as after Excel) are padded
/// when the padded code is a known area that the file does not also name otherwise; one
/// warning counts them.
///
/// # Errors
/// [`Error::Input`] naming file, line and column for a missing column, a population that is
/// not a positive number, a period that is not a year, an unknown area or a duplicate; a
/// Kolada or Excel file is refused.
pub fn read_population(path: &Path) -> Result<(Population, Vec<Warning>)> {
    let (name, bytes) = read_bytes(path)?;
    read_population_bytes(&name, &bytes)
}

/// Reads population figures from bytes; `name` is used in messages.
///
/// # Examples
/// ```
/// use bra_indicators::read_population_bytes;
/// let (pop, _) = read_population_bytes("pop.csv", b"area;period;population\nFagersta;2020;13 391\n")?;
/// assert_eq!(pop.get("1982", 2020), Some(13391.0));
///
/// let px = "CHARSET=\"ANSI\";\nCONTENTS=\"Folkmängd\";\nUNITS=\"antal\";\nSTUB=\"region\";\nHEADING=\"år\";\n\
///           VALUES(\"region\")=\"1982 Fagersta\";\nVALUES(\"år\")=\"2020\";\nTIMEVAL(\"år\")=TLIST(A1),\"2020\";\nDATA=\n13391;\n";
/// let (pop, _) = read_population_bytes("BE0101N1.px", px.as_bytes())?;
/// assert_eq!(pop.get("1982", 2020), Some(13391.0));
///
/// // SCB's CSV download (Latin-1, CRLF) and a PxWeb API v1 answer, men and women summed.
/// let csv = b"\"region\",\"2019\"\r\n\"1982 Fagersta\",13391\r\n\"0114 Upplands V\xe4sby\",46000\r\n";
/// let (pop, _) = read_population_bytes("folkmangd.csv", csv)?;
/// assert_eq!(pop.get("0114", 2019), Some(46000.0));
/// let json = r#"{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Kon","text":"kön","type":"d"},
///     {"code":"Tid","text":"år","type":"t"},{"code":"BE0101N1","text":"Folkmängd","type":"c"}],
///     "data":[{"key":["1982","1","2019"],"values":["6850"]},{"key":["1982","2","2019"],"values":["6541"]}]}"#;
/// let (pop, warnings) = read_population_bytes("befolkning.json", json.as_bytes())?;
/// assert_eq!(pop.get("1982", 2019), Some(13391.0));
/// assert!(warnings[0].message.contains("\"kön\" (Kon) has no total value"));
///
/// // A kommun code without its leading zero, as after Excel: padded, with one warning.
/// let (pop, warnings) = read_population_bytes("pop.csv", b"area,period,population\n114,2019,46000\n")?;
/// assert_eq!(pop.get("0114", 2019), Some(46000.0));
/// assert_eq!(warnings.len(), 1);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
///
/// # Errors
/// As [`read_population`].
pub fn read_population_bytes(name: &str, bytes: &[u8]) -> Result<(Population, Vec<Warning>)> {
    read_population_bytes_in(name, bytes, &ReadOptions::default())
}

/// [`read_population`] with the areas of a CSV file looked up in the areas of `options`
/// (e.g. with the user's own areas,
/// [`AreaRegistry::with_user_areas`](crate::AreaRegistry::with_user_areas)) and the file held
/// to its [`ReadOptions::limits`]; the other options do not apply to population files.
///
/// ```
/// use bra_indicators::{read_population_with, Limits, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("pop.csv");
/// std::fs::write(&path, "area,period,population\n1982,2020,13391\n")?;
/// let (pop, _) = read_population_with(&path, &ReadOptions::default())?;
/// assert_eq!(pop.get("1982", 2020), Some(13391.0));
///
/// let tight = ReadOptions { limits: Limits { max_line_bytes: 10, ..Limits::default() }, ..ReadOptions::default() };
/// assert!(read_population_with(&path, &tight).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`read_population`].
pub fn read_population_with(
    path: &Path,
    options: &ReadOptions,
) -> Result<(Population, Vec<Warning>)> {
    let (name, bytes) = read_bytes(path)?;
    read_population_bytes_in(&name, &bytes, options)
}

fn read_population_bytes_in(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(Population, Vec<Warning>)> {
    let areas = options.area_registry();
    catch_reader_panic(name, || match Format::detect(name, bytes) {
        Format::Px => cube::to_population(&px::read(name, bytes, options)?),
        Format::JsonStat => cube::to_population(&jsonstat::read(name, bytes, options)?),
        Format::PxWebJson => pxweb::population(pxweb::read(name, bytes, options)?),
        Format::ScbCsv => pxweb::population(scbcsv::read(name, bytes, options)?.cube),
        f @ (Format::Kolada | Format::Xlsx) => Err(Error::input(
            Location::file(name),
            format!(
                "this is {} file: expected population figures as CSV (area,period,population), \
                 an SCB PC-Axis file (BE0101N1), a JSON-stat or PxWeb json answer from SCB's API, \
                 or SCB's CSV download (\"region\",\"2017\")",
                match f {
                    Format::Kolada => "a Kolada",
                    _ => "an Excel",
                }
            ),
        )),
        Format::Csv | Format::Auto => {
            self::csv::read_population_csv(name, bytes, areas, options.limits)
        }
    })
}

pub use crate::schema::CANONICAL_COLUMNS;

/// What a reader read, for people: rows, areas, periods, indicators, missing cells by reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReadSummary {
    /// Rows of the table.
    pub rows: usize,
    /// Rows skipped (city districts, groups): each also a warning.
    pub skipped: usize,
    /// Distinct area codes.
    pub areas: usize,
    /// Distinct periods, in order.
    pub periods: Vec<crate::period::Period>,
    /// Distinct indicator ids, in order.
    pub indicators: Vec<String>,
    /// Rows without any number (count, population, value), by status (`suppressed`, `nil`,
    /// `missing;n.a.` ...), in order of the status.
    pub missing: Vec<(String, usize)>,
}

impl Ingested {
    /// What was read.
    ///
    /// ```
    /// use bra_indicators::{read_table_bytes, ReadOptions};
    /// let csv = "area,period,indicator,count\n1982,2020,brott.totalt,1577\n1982,2021,brott.totalt,..\n1980,2021,brott.totalt,-\n";
    /// let s = read_table_bytes("c.csv", csv.as_bytes(), &ReadOptions::default())?.summary();
    /// assert_eq!((s.rows, s.areas, s.periods.len(), s.indicators.len()), (3, 2, 2, 1));
    /// assert_eq!(s.missing, vec![("nil".to_string(), 1), ("suppressed".to_string(), 1)]);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn summary(&self) -> ReadSummary {
        use std::collections::{BTreeMap, BTreeSet};
        let rows = self.table.rows();
        let areas: BTreeSet<&str> = rows.iter().map(|r| r.area.as_str()).collect();
        let periods: BTreeSet<crate::period::Period> = rows.iter().map(|r| r.period).collect();
        let indicators: BTreeSet<&str> = rows.iter().map(|r| r.indicator.as_str()).collect();
        let mut missing: BTreeMap<String, usize> = BTreeMap::new();
        for r in rows {
            if r.count.is_none() && r.population.is_none() && r.value.is_none() {
                *missing
                    .entry(r.status.clone().unwrap_or_else(|| "missing".to_string()))
                    .or_default() += 1;
            }
        }
        ReadSummary {
            rows: rows.len(),
            skipped: self.skipped,
            areas: areas.len(),
            periods: periods.into_iter().collect(),
            indicators: indicators.into_iter().map(str::to_string).collect(),
            missing: missing.into_iter().collect(),
        }
    }
}
