//! Every label for people in one table: the English codes of the output files
//! (`increasing`, `better`, `on track`, `yes`) and their Swedish labels, for the terminal,
//! the report, the workbook and the charts. The Stats enums keep their own Swedish labels
//! (Stats uses nothing else in the crate); this table takes them from there.

use crate::format::Lang;

#[cfg(feature = "charts")]
pub(crate) mod chart;
pub mod cli;
pub(crate) mod lagesbild;
pub(crate) mod profile;
pub(crate) mod report;
use crate::stats::compare::{Assessment, Comparison};
use crate::stats::trend::RecentLabel;

/// (code, Swedish label) of the codes that are not a Stats enum's: the trend direction, the
/// goal and milestone statuses, yes/no.
const SV: &[(&str, &str)] = &[
    ("increasing", "ökande"),
    ("decreasing", "minskande"),
    ("no trend", "ingen trend"),
    ("achieved", "uppnått"),
    ("on track", "i fas"),
    ("at risk", "risk"),
    ("off track", "ej i fas"),
    ("missed", "ej uppnått"),
    ("no data", "data saknas"),
    ("met", "uppnått"),
    ("not met", "ej uppnått"),
    ("pending", "data saknas"),
    ("yes", "ja"),
    ("no", "nej"),
];

const COMPARISONS: [Comparison; 4] = [
    Comparison::Higher,
    Comparison::Similar,
    Comparison::Lower,
    Comparison::NotCompared,
];

const RECENT: [RecentLabel; 8] = [
    RecentLabel::IncreasingGettingWorse,
    RecentLabel::IncreasingGettingBetter,
    RecentLabel::DecreasingGettingWorse,
    RecentLabel::DecreasingGettingBetter,
    RecentLabel::Increasing,
    RecentLabel::Decreasing,
    RecentLabel::NoSignificantChange,
    RecentLabel::CannotBeCalculated,
];

/// A sentence or heading for people, in Swedish and English side by side, so that both
/// languages are read and changed together. Feature modules keep theirs as constants in a
/// submodule of `labels` (for example `labels::report`, and [`cli`] for the command line),
/// never as inline pairs.
///
/// ```
/// use bra_indicators::Lang;
/// use bra_indicators::labels::Phrase;
/// const HELLO: Phrase = Phrase { sv: "hej {name}", en: "hello {name}" };
/// assert_eq!(HELLO.get(Lang::Sv), "hej {name}");
/// assert_eq!(HELLO.fill(Lang::En, &[("name", &"Fagersta")]), "hello Fagersta");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Svenska.
    pub sv: &'static str,
    /// English.
    pub en: &'static str,
}

impl Phrase {
    /// The phrase in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.sv, self.en)
    }

    /// The phrase in `lang` with each `{name}` of `values` replaced by its value.
    pub fn fill(self, lang: Lang, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        values
            .iter()
            .fold(self.get(lang).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), &value.to_string())
            })
    }
}

/// The label of an output code in `lang`: the Swedish label, or in English the code itself;
/// `None` for a code that is not in the table.
///
/// # Examples
/// ```
/// use bra_indicators::{label, Lang};
/// assert_eq!(label("increasing and getting worse", Lang::Sv), Some("ökande och försämras"));
/// assert_eq!(label("on track", Lang::Sv), Some("i fas"));
/// assert_eq!(label("much better", Lang::Sv), Some("mycket bättre"));
/// assert_eq!(label("on track", Lang::En), Some("on track"));
/// assert_eq!(label("1982", Lang::Sv), None);
/// ```
pub fn label(code: &str, lang: Lang) -> Option<&str> {
    let sv = SV
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, sv)| *sv)
        .or_else(|| {
            RECENT
                .iter()
                .find(|r| r.code() == code)
                .map(|r| r.label_sv())
        })
        .or_else(|| {
            COMPARISONS
                .iter()
                .find(|c| c.code() == code)
                .map(|c| c.label_sv())
        })
        .or_else(|| {
            Assessment::ALL
                .iter()
                .find(|a| a.code() == code)
                .map(|a| a.label_sv())
        })?;
    Some(lang.pick(sv, code))
}

/// The label of an output code in `lang`, or the code itself when the table has none.
///
/// ```
/// use bra_indicators::{label_or_code, Lang};
/// assert_eq!(label_or_code("no", Lang::Sv), "nej");
/// assert_eq!(label_or_code("wilson", Lang::Sv), "wilson");
/// ```
pub fn label_or_code(code: &str, lang: Lang) -> &str {
    label(code, lang).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_speaks_the_language_asked_for() {
        const HELLO: Phrase = Phrase {
            sv: "hej",
            en: "hello",
        };
        assert_eq!(HELLO.get(Lang::Sv), "hej");
        assert_eq!(HELLO.get(Lang::En), "hello");
    }

    #[test]
    fn every_code_has_one_swedish_label() {
        for (code, sv) in SV {
            assert_eq!(label(code, Lang::Sv), Some(*sv), "{code}");
        }
        // The trend's Swedish labels are stats/trend.rs's, not a copy.
        for r in RECENT {
            assert_eq!(label(r.code(), Lang::Sv), Some(r.label_sv()));
        }
        assert_eq!(label("similar", Lang::Sv), Some("likvärdig"));
    }
}
