//! Local incident logs for the situation picture (lägesbild): what the kommun's security
//! function, the police, housing companies, schools and the fire service logged between two
//! EST meetings, and the categories file that maps their labels to the focus areas of the
//! citizen promise.

use crate::error::{Error, Result};
use crate::indicator::FocusArea;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One logged incident (or several of the same kind, place and day: `count`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// The day it happened (a time of day in the log is dropped).
    pub date: NaiveDate,
    /// The category as the log writes it (trimmed).
    pub category: String,
    /// Where: a district, a street, a school; `None` when the log has no place column or the
    /// cell is empty.
    pub place: Option<String>,
    /// Who logged it (polis, räddningstjänst, fastighetsbolag, skola, ...), if the log says.
    pub source: Option<String>,
    /// How many incidents the row stands for (1 when the log has no count column).
    pub count: u64,
}

/// An incident log as read from a file: its incidents and what the reader left out.
#[derive(Debug, Clone, Default)]
pub struct IncidentLog {
    /// The incidents, in file order.
    pub incidents: Vec<Incident>,
    /// Columns the reader did not use (free text, personal data): never copied to any output.
    pub ignored_columns: Vec<String>,
    /// The file the log came from, as the user named it.
    pub source: String,
}

impl IncidentLog {
    /// The first and the last date in the log, or `None` for a log without incidents.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{Incident, IncidentLog};
    /// use chrono::NaiveDate;
    /// let day = |d| NaiveDate::from_ymd_opt(2026, 5, d).unwrap();
    /// let incident = |d| Incident { date: day(d), category: "klotter".into(), place: None, source: None, count: 1 };
    /// let log = IncidentLog { incidents: vec![incident(3), incident(1)], ..Default::default() };
    /// assert_eq!(log.date_range(), Some((day(1), day(3))));
    /// ```
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.incidents.iter().map(|i| i.date).min()?;
        let last = self.incidents.iter().map(|i| i.date).max()?;
        Some((first, last))
    }
}

/// One category of the categories file.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentCategory {
    /// The label as logs write it (matched trimmed and case-insensitively).
    pub label: String,
    /// Other spellings that mean the same category.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The Swedish name for people (default: the label).
    #[serde(default)]
    pub name_sv: Option<String>,
    /// The English name (default: the Swedish name).
    #[serde(default)]
    pub name_en: Option<String>,
    /// The focus area of the citizen promise it belongs to.
    pub focus_area: FocusArea,
}

impl IncidentCategory {
    /// The name for people in Swedish or English.
    pub fn name(&self, english: bool) -> &str {
        let sv = self.name_sv.as_deref().unwrap_or(&self.label);
        if english {
            self.name_en.as_deref().unwrap_or(sv)
        } else {
            sv
        }
    }
}

/// The categories file: incident labels → focus areas and names.
///
/// ```toml
/// [[category]]
/// label = "klotter"
/// aliases = ["graffiti"]
/// name_sv = "Klotter"
/// name_en = "Graffiti"
/// focus_area = "disorder-and-unsafety"
/// ```
#[derive(Debug, Clone, Default)]
pub struct IncidentCategories {
    categories: Vec<IncidentCategory>,
    by_key: HashMap<String, usize>,
}

const BUILTIN: &str = include_str!("incident_categories.toml");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    #[serde(default)]
    category: Vec<toml::Spanned<IncidentCategory>>,
}

/// How a label is matched: trimmed, case-insensitive, inner white space collapsed.
pub(crate) fn category_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl IncidentCategories {
    /// Parses a categories file (`name` is the file name for messages). A label or alias given
    /// twice is an error naming both categories.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{FocusArea, IncidentCategories};
    /// let text = r#"
    /// [[category]]
    /// label = "Klotter"
    /// aliases = ["graffiti"]
    /// focus_area = "disorder-and-unsafety"
    /// "#;
    /// let categories = IncidentCategories::parse("kategorier.toml", text)?;
    /// let c = categories.find(" GRAFFITI ").unwrap();
    /// assert_eq!((c.label.as_str(), c.focus_area), ("Klotter", FocusArea::DisorderAndUnsafety));
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn parse(name: &str, text: &str) -> Result<IncidentCategories> {
        let file: CategoriesFile = crate::tomlfile::parse(name, text)?;
        let mut out = IncidentCategories::default();
        for spanned in file.category {
            let at = crate::tomlfile::at(name, text, spanned.span());
            let category = spanned.into_inner();
            let index = out.categories.len();
            for label in std::iter::once(&category.label).chain(&category.aliases) {
                let key = category_key(label);
                if key.is_empty() {
                    return Err(Error::input(
                        at,
                        format!(
                            "category \"{}\": a label or alias is empty; expected a text",
                            category.label
                        ),
                    ));
                }
                if let Some(&other) = out.by_key.get(&key) {
                    return Err(Error::input(
                        at,
                        format!(
                            "\"{label}\" is given twice: in category \"{}\" and in category \"{}\"",
                            out.categories[other].label, category.label
                        ),
                    ));
                }
                out.by_key.insert(key, index);
            }
            out.categories.push(category);
        }
        Ok(out)
    }

    /// The built-in categories: common labels of Swedish EST logs (klotter, skadegörelse,
    /// bränder, ordningsstörning, hot mot personal, narkotikainnehav, orosanmälan, ...), used
    /// when no categories file is given. See `incident_categories.toml` in the crate.
    ///
    /// ```
    /// use bra_indicators::{FocusArea, IncidentCategories};
    /// let builtin = IncidentCategories::builtin();
    /// assert_eq!(builtin.find("Narkotikainnehav").unwrap().focus_area, FocusArea::Andt);
    /// ```
    pub fn builtin() -> IncidentCategories {
        // ok: the embedded file is checked by a unit test.
        IncidentCategories::parse("incident_categories.toml", BUILTIN)
            .expect("the built-in categories parse")
    }

    /// Reads and parses a categories file.
    pub fn read(path: &std::path::Path) -> Result<IncidentCategories> {
        let text = crate::tomlfile::read_text(path)?;
        IncidentCategories::parse(&path.display().to_string(), &text)
    }

    /// The category a log label means, if the file has it.
    pub fn find(&self, label: &str) -> Option<&IncidentCategory> {
        self.by_key
            .get(&category_key(label))
            .map(|&i| &self.categories[i])
    }

    /// The categories in file order.
    pub fn categories(&self) -> &[IncidentCategory] {
        &self.categories
    }
}

/// Whether a count is hidden when counts below `suppress_below` (K) are suppressed: 1..K−1
/// (0 is shown: nothing happened). Every output of the situation picture asks this.
///
/// ```
/// use bra_indicators::is_suppressed;
/// assert!(is_suppressed(2, Some(3)));
/// assert!(!is_suppressed(0, Some(3)) && !is_suppressed(3, Some(3)) && !is_suppressed(2, None));
/// ```
pub fn is_suppressed(count: u64, suppress_below: Option<u64>) -> bool {
    suppress_below.is_some_and(|k| count > 0 && count < k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_categories_parse_and_cover_every_focus_area() {
        let b = IncidentCategories::builtin();
        for area in FocusArea::ALL {
            assert!(
                b.categories().iter().any(|c| c.focus_area == area),
                "{area:?}"
            );
        }
    }

    #[test]
    fn a_label_given_twice_is_an_error() {
        let text = "[[category]]\nlabel = \"klotter\"\nfocus_area = \"other\"\n[[category]]\nlabel = \"x\"\naliases = [\" Klotter\"]\nfocus_area = \"andt\"\n";
        let e = IncidentCategories::parse("k.toml", text).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e}");
        let e = IncidentCategories::parse(
            "k.toml",
            "[[category]]\nlabel = \"x\"\nfocus_area = \"hot\"\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("k.toml:3"), "{e}");
    }
}
