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
use super::records::Source;
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::indicator::IndicatorRegistry;
use crate::limits::Limits;
use crate::period::Period;
use std::sync::Arc;

mod header;
mod population;
mod reader;

pub(super) use header::{CanonicalColumns, canonical_header};
pub(crate) use population::read_population_csv;
use reader::TableReader;

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
