//! The header of a delimited table: which column holds which canonical field, by the
//! header's names in Swedish and English (the aliases), and the plain canonical header the fast
//! reader takes.

use crate::area::normalise;
use crate::ingest::text::{Cell, parse_cell};

/// The canonical fields a column can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
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
pub(super) const FIELDS: usize = Field::Preliminary as usize + 1;

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
pub(super) struct Columns {
    /// The column of each field, by `Field as usize` (looked up for every cell of every row).
    pub(super) index: [Option<usize>; FIELDS],
    pub(super) names: Vec<String>,
}

impl Columns {
    pub(super) fn from_header(header: &[String]) -> Self {
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

    pub(super) fn get(&self, f: Field) -> Option<usize> {
        self.index[f as usize]
    }

    /// The column of `f` in a record's `fields` and its text there.
    pub(super) fn field<'f>(&self, fields: &'f [String], f: Field) -> Option<(usize, &'f str)> {
        self.get(f).map(|i| (i, fields[i].as_str()))
    }

    /// The header's name of column `i`.
    pub(super) fn name(&self, i: usize) -> &str {
        self.names.get(i).map(String::as_str).unwrap_or("?")
    }
}

/// Where the columns of a plain canonical table are (for the fast reader in `fast.rs`): a
/// header that [`TableReader`](super::reader::TableReader) reads as
/// [`Layout::Canonical`](super::Layout::Canonical), with an area, period and
/// indicator column and a count or value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::ingest) struct CanonicalColumns {
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
/// rules as [`TableReader`](super::reader::TableReader); `None` for Brå's and SOL's layouts.
pub(in crate::ingest) fn canonical_header(header: &[String]) -> Option<CanonicalColumns> {
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
