//! Warnings returned as data: the library never prints; the command line does.

use crate::error::Location;
use std::collections::BTreeMap;
use std::fmt;

/// What a warning is about; warnings of one kind are counted together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// A row that names something the area registry says is not an area: skipped.
    NotAnArea,
    /// A label not in the indicator registry: given a slug id.
    UnknownIndicator,
    /// A count or value marked missing (`..`, `.`, `-`, empty): kept with its status.
    MissingValue,
    /// A row with no population to divide by: kept with empty rate.
    MissingPopulation,
    /// A count under 10: the rate is unstable.
    SmallCount,
    /// A period marked preliminary by the source.
    Preliminary,
    /// A statistic that could not be computed for a group of rows.
    NotComputed,
    /// Something a file does not say and the reader assumed (no region variable: riket; a
    /// variable without ELIMINATION summed for a population).
    Assumption,
    /// A part of a file that holds no table the readers know (an Excel sheet of notes): skipped.
    SkippedPart,
    /// Columns of an incident log that no computation uses (free text): never copied.
    IgnoredColumns,
    /// Rows of an incident log with fields beyond the header's columns: those fields ignored.
    ExtraFields,
    /// An incident category not in the categories file: counted under övrigt.
    UnmappedCategory,
    /// Incidents dated after the as-of date of a situation picture: not counted.
    AfterAsOf,
}

impl WarningKind {
    /// A short English description of the kind, for summaries.
    pub fn describe(self) -> &'static str {
        match self {
            WarningKind::NotAnArea => "rows skipped: not one of our areas",
            WarningKind::UnknownIndicator => "unknown indicator labels given a slug id",
            WarningKind::MissingValue => "cells missing in the source (kept, with their status)",
            WarningKind::MissingPopulation => "rows without a population (rate left empty)",
            WarningKind::SmallCount => "counts under 10 (rate flagged unstable)",
            WarningKind::Preliminary => "rows from preliminary periods",
            WarningKind::NotComputed => "statistics that could not be computed",
            WarningKind::Assumption => "assumptions where the file does not say",
            WarningKind::SkippedPart => "parts of a file skipped: no table in them",
            WarningKind::IgnoredColumns => "columns not used (never copied to any output)",
            WarningKind::ExtraFields => "rows with fields beyond the header (those fields ignored)",
            WarningKind::UnmappedCategory => {
                "categories not in the categories file (counted under övrigt)"
            }
            WarningKind::AfterAsOf => "rows dated after the as-of date (not counted)",
        }
    }
}

/// One warning: its kind, where it arose (if in a file), the area and indicator it is about
/// (when the code that raised it knows them) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What the warning is about.
    pub kind: WarningKind,
    /// Where it arose, if in an input file.
    pub location: Option<Location>,
    /// What happened, for people.
    pub message: String,
    /// The area code the warning is about, if it is about one area (for filtering: a report
    /// keeps the warnings of its own areas).
    pub area: Option<String>,
    /// The indicator id the warning is about, if it is about one indicator.
    pub indicator: Option<String>,
}

impl Warning {
    /// A warning of `kind` with a message (about no particular area or indicator).
    pub fn new(kind: WarningKind, location: Option<Location>, message: impl Into<String>) -> Self {
        Warning {
            kind,
            location,
            message: message.into(),
            area: None,
            indicator: None,
        }
    }

    /// The same warning, saying which area (code) it is about.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{Warning, WarningKind};
    /// let w = Warning::new(WarningKind::SmallCount, None, "1982 2020 brott.rån: 3 events")
    ///     .about_area("1982")
    ///     .about_indicator("brott.rån");
    /// assert_eq!(w.area.as_deref(), Some("1982"));
    /// assert!(w.is_about_area("1982") && !w.is_about_area("0180"));
    /// assert_eq!(w.indicator.as_deref(), Some("brott.rån"));
    /// ```
    pub fn about_area(mut self, area: impl Into<String>) -> Self {
        self.area = Some(area.into());
        self
    }

    /// The same warning, saying which indicator (id) it is about.
    pub fn about_indicator(mut self, indicator: impl Into<String>) -> Self {
        self.indicator = Some(indicator.into());
        self
    }

    /// Whether the warning is about the area `code`.
    pub fn is_about_area(&self, code: &str) -> bool {
        self.area.as_deref() == Some(code)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Warnings grouped by kind: how many, and the first few as examples.
///
/// # Examples
/// ```
/// use bra_indicators::{summarise_warnings, Warning, WarningKind};
/// let w = vec![Warning::new(WarningKind::SmallCount, None, "1982 2020: 3 events"); 5];
/// let s = summarise_warnings(&w, 2);
/// assert_eq!(s[0].count, 5);
/// assert_eq!(s[0].examples.len(), 2);
/// ```
pub fn summarise_warnings(warnings: &[Warning], examples: usize) -> Vec<WarningSummary> {
    let mut by: BTreeMap<WarningKind, WarningSummary> = BTreeMap::new();
    for w in warnings {
        let s = by.entry(w.kind).or_insert_with(|| WarningSummary {
            kind: w.kind,
            count: 0,
            examples: Vec::new(),
        });
        s.count += 1;
        if s.examples.len() < examples {
            s.examples.push(w.to_string());
        }
    }
    by.into_values().collect()
}

/// A count of warnings of one kind with examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSummary {
    /// The kind.
    pub kind: WarningKind,
    /// How many warnings of this kind.
    pub count: usize,
    /// The first few, as text.
    pub examples: Vec<String>,
}
