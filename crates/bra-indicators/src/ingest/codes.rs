//! Area codes that lost their leading zero (`114` for Upplands Väsby's `0114`, `1` for
//! Stockholms län's `01`), as a spreadsheet leaves them after reading the codes as numbers.
//!
//! Such a code is taken as the padded code only when that code is one of our areas (a kommun
//! for three digits, a län or riket for one) and the file does not also name that area in
//! another way (`0114`, `Upplands Väsby`): then `114` could be something else, and the row
//! gets the usual unknown-area error with its line and column. One warning per file counts the
//! padded rows. A one-digit code can only ever be a län 01–09 (or riket 00) without its zero,
//! so it is treated the same way.

use crate::error::{Error, Location, Result};
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;

/// The leading token of an area cell if it is a code without its leading zero: one or three
/// ASCII digits (`114`, `114 Upplands Väsby`, `1`; not `0114` or `13`).
pub(crate) fn short_code(raw: &str) -> Option<&str> {
    let first = raw.split_whitespace().next()?;
    (matches!(first.len(), 1 | 3) && first.bytes().all(|b| b.is_ascii_digit())).then_some(first)
}

/// Where a padded code was first seen.
#[derive(Debug, Clone)]
struct First {
    raw: String,
    at: Location,
}

/// The area cells of one file, to pad short codes only where that is unambiguous.
#[derive(Debug, Default)]
pub(crate) struct ShortCodes {
    /// Padded code → its first short spelling and where it was.
    padded: HashMap<String, First>,
    /// Area code → where it was first written in another way (full code or name).
    other: HashMap<String, Location>,
    /// Rows with a padded code.
    rows: usize,
}

impl ShortCodes {
    /// Notes the area cell `raw` of a row, which the area lookup resolved to `code`, at `at`
    /// (line and column). Returns the error at once when the cell is the second spelling of an
    /// area that the file also names the other way.
    pub(crate) fn note(
        &mut self,
        raw: &str,
        code: &str,
        at: impl FnOnce() -> Location,
    ) -> Result<()> {
        let padded = short_code(raw).filter(|s| code.len() == s.len() + 1 && code.ends_with(s));
        match padded {
            Some(short) => {
                self.rows += 1;
                if let Some(other) = self.other.get(code) {
                    let at = at();
                    return Err(ambiguous(at, raw, short, code, other));
                }
                if !self.padded.contains_key(code) {
                    self.padded.insert(
                        code.to_string(),
                        First {
                            raw: raw.to_string(),
                            at: at(),
                        },
                    );
                }
            }
            None => {
                if let Some(first) = self.padded.get(code) {
                    let here = at();
                    let short = short_code(&first.raw).unwrap_or(&first.raw).to_string();
                    return Err(ambiguous(first.at.clone(), &first.raw, &short, code, &here));
                }
                if !self.other.contains_key(code) {
                    self.other.insert(code.to_string(), at());
                }
            }
        }
        Ok(())
    }

    /// The one warning for the file, if any code was padded.
    pub(crate) fn warning(&self, name: &str) -> Option<Warning> {
        if self.rows == 0 {
            return None;
        }
        let mut examples: Vec<(&String, &First)> = self.padded.iter().collect();
        examples.sort_by(|a, b| a.0.cmp(b.0));
        let shown: Vec<String> = examples
            .iter()
            .take(3)
            .map(|(code, f)| format!("{} → {code}", short_code(&f.raw).unwrap_or(f.raw.as_str())))
            .collect();
        let more = if examples.len() > 3 { ", …" } else { "" };
        Some(Warning::new(
            WarningKind::Assumption,
            Some(Location::file(name)),
            format!(
                "{} rows: kommun codes without the leading zero ({}{more}) were padded",
                self.rows,
                shown.join(", ")
            ),
        ))
    }
}

fn ambiguous(at: Location, raw: &str, short: &str, code: &str, other: &Location) -> Error {
    let where_ = match other.line {
        Some(l) => format!("line {l}"),
        None => "another cell".to_string(),
    };
    Error::input(
        at,
        format!(
            "unknown area \"{raw}\": expected a kommun, län or riket name or code (list them with \
             `bra areas`); \"{short}\" would be {code} without its leading zero, but {code} is \
             also in the file ({where_}), so it is not taken as {code}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_codes_are_one_or_three_digits() {
        assert_eq!(short_code("114"), Some("114"));
        assert_eq!(short_code(" 114 Upplands Väsby"), Some("114"));
        assert_eq!(short_code("1"), Some("1"));
        for not in ["0114", "13", "Fagersta", "11a", "", "1982 Fagersta"] {
            assert_eq!(short_code(not), None, "{not}");
        }
    }

    #[test]
    fn pads_once_and_counts_rows() {
        let mut s = ShortCodes::default();
        let at = |l| move || Location::file("f.csv").line(l).field("area");
        s.note("114", "0114", at(2)).unwrap();
        s.note("114", "0114", at(3)).unwrap();
        s.note("1982", "1982", at(4)).unwrap();
        s.note("1", "01", at(5)).unwrap();
        let w = s.warning("f.csv").unwrap();
        assert_eq!(
            w.message,
            "3 rows: kommun codes without the leading zero (1 → 01, 114 → 0114) were padded"
        );
        assert_eq!(w.to_string(), format!("f.csv: {}", w.message));
        assert!(ShortCodes::default().warning("x").is_none());
    }

    #[test]
    fn refuses_a_short_code_beside_the_full_one_in_either_order() {
        let at = |l| move || Location::file("f.csv").line(l).field("area");
        let mut s = ShortCodes::default();
        s.note("0114", "0114", at(2)).unwrap();
        let e = s.note("114", "0114", at(3)).unwrap_err().to_string();
        assert!(e.contains("f.csv:3"), "{e}");
        assert!(e.contains("unknown area \"114\""), "{e}");
        assert!(e.contains("line 2"), "{e}");

        let mut s = ShortCodes::default();
        s.note("114", "0114", at(2)).unwrap();
        let e = s
            .note("Upplands Väsby", "0114", at(7))
            .unwrap_err()
            .to_string();
        assert!(e.contains("f.csv:2"), "{e}");
        assert!(e.contains("line 7"), "{e}");
    }
}
