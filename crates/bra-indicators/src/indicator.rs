//! Indicator ids and metadata: names, unit, polarity, kind, focus area of the citizen promise.
//!
//! Ids are lowercase ASCII, namespace then name: `brott.totalt`, `brott.misshandel`,
//! `ntu.otrygghet`, `mu.trygghet`. Brå's category labels (full paths such as
//! "Brott mot brottsbalken, 3-7 kap. Brott mot person") map to ids; an unknown label gets a
//! deterministic slug.

use crate::stats::Polarity;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of number an indicator is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndicatorKind {
    /// A count of events turned into a rate per 100,000 inhabitants (reported crime).
    CountRate,
    /// A survey share in percent (NTU, SCB's citizen survey).
    SurveyProportion,
    /// An index, e.g. 0-100 (SCB's citizen survey).
    Index,
    /// A plain count or stock that is not itself a key indicator, e.g. the population.
    Count,
}

/// The focus areas of a citizen promise (medborgarlöfte).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum FocusArea {
    /// Threats and violence (hot och våld).
    ThreatsAndViolence,
    /// Public disorder and unsafety (ordningsstörningar och otrygghet).
    DisorderAndUnsafety,
    /// Extremism and criminal networks (extremism och kriminella nätverk).
    ExtremismAndNetworks,
    /// Youth and schools (unga och skola).
    YouthAndSchools,
    /// Alcohol, narcotics, doping and tobacco (ANDT).
    Andt,
    /// Anything else (övrigt).
    Other,
}

impl FocusArea {
    /// Swedish label for people.
    pub fn label_sv(self) -> &'static str {
        match self {
            FocusArea::ThreatsAndViolence => "Hot och våld",
            FocusArea::DisorderAndUnsafety => "Ordningsstörningar och otrygghet",
            FocusArea::ExtremismAndNetworks => "Extremism och kriminella nätverk",
            FocusArea::YouthAndSchools => "Unga och skola",
            FocusArea::Andt => "Alkohol, narkotika, doping och tobak",
            FocusArea::Other => "Övrigt",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            FocusArea::ThreatsAndViolence => "Threats and violence",
            FocusArea::DisorderAndUnsafety => "Public disorder and unsafety",
            FocusArea::ExtremismAndNetworks => "Extremism and criminal networks",
            FocusArea::YouthAndSchools => "Youth and schools",
            FocusArea::Andt => "Alcohol, narcotics, doping and tobacco",
            FocusArea::Other => "Other",
        }
    }
}

/// Metadata of one indicator.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicator {
    /// The id, e.g. `brott.totalt`.
    pub id: String,
    /// Swedish name.
    pub name_sv: String,
    /// English name.
    pub name_en: String,
    /// Unit, e.g. `per 100 000 invånare` or `procent`.
    pub unit: String,
    /// Which direction is good.
    pub polarity: Polarity,
    /// What kind of number it is.
    pub kind: IndicatorKind,
    /// Where the data come from (`Brå`, `Brå, NTU`, `SCB`).
    pub source: String,
    /// The citizen-promise focus area it belongs to.
    pub focus_area: FocusArea,
}

/// (id, Swedish name, English name, focus area, Brå labels that mean it).
type BuiltinCrime = (
    &'static str,
    &'static str,
    &'static str,
    FocusArea,
    &'static [&'static str],
);

const CRIME: &[BuiltinCrime] = &[
    (
        "brott.totalt",
        "Anmälda brott totalt",
        "All reported crimes",
        FocusArea::Other,
        &[
            "Totalt antal brott",
            "Totalt",
            "alla_brott",
            "Anmälda brott totalt",
        ],
    ),
    (
        "brott.brottsbalken",
        "Brott mot brottsbalken",
        "Offences under the Penal Code",
        FocusArea::Other,
        &["Brott mot brottsbalken"],
    ),
    (
        "brott.person",
        "Brott mot person (3-7 kap.)",
        "Crimes against the person",
        FocusArea::ThreatsAndViolence,
        &["3-7 kap. Brott mot person", "brott mot person"],
    ),
    (
        "brott.misshandel",
        "Misshandel inkl. grov",
        "Assault incl. aggravated",
        FocusArea::ThreatsAndViolence,
        &[
            "därav misshandel inkl. grov",
            "misshandel inkl. grov",
            "misshandel",
        ],
    ),
    (
        "brott.vald",
        "Anmälda våldsbrott",
        "Reported violent crimes",
        FocusArea::ThreatsAndViolence,
        &["våldsbrott", "Anmälda våldsbrott"],
    ),
    (
        "brott.stold",
        "Stöld, rån m.m. (8 kap.)",
        "Theft, robbery etc.",
        FocusArea::DisorderAndUnsafety,
        &["8 kap. Stöld, rån m.m.", "stöld, rån m.m.", "stold"],
    ),
    (
        "brott.skadegorelse",
        "Skadegörelsebrott (12 kap.)",
        "Criminal damage",
        FocusArea::DisorderAndUnsafety,
        &[
            "12 kap. Skadegörelsebrott",
            "skadegörelsebrott",
            "skadegörelse",
        ],
    ),
    (
        "brott.bostadsinbrott",
        "Inbrottsstöld i bostad",
        "Residential burglary",
        FocusArea::DisorderAndUnsafety,
        &[
            "därav inbrottsstöld i bostad",
            "inbrottsstöld i bostad",
            "bostadsinbrott",
        ],
    ),
    (
        "brott.narkotika",
        "Narkotikabrott",
        "Drug offences",
        FocusArea::Andt,
        &[
            "Narkotikabrott",
            "narkotikastrafflagen",
            "Brott mot narkotikastrafflagen",
        ],
    ),
    (
        "brott.specialstraffratt",
        "Brott mot specialstraffrättsliga författningar",
        "Offences under other statutes",
        FocusArea::Other,
        &["Brott mot specialstraffrättsliga författningar"],
    ),
];

/// (id, Swedish name, English name, unit, polarity, kind, source, focus area, labels and codes
/// that mean it) for indicators from SCB and Kolada.
type BuiltinOther = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Polarity,
    IndicatorKind,
    &'static str,
    FocusArea,
    &'static [&'static str],
);

const OTHER: &[BuiltinOther] = &[
    (
        "scb.folkmangd",
        "Folkmängd",
        "Population",
        "antal invånare",
        Polarity::Neutral,
        IndicatorKind::Count,
        "SCB",
        FocusArea::Other,
        // SCB's ContentsCode in TAB638 (BefolkningNy), and the content names in its files.
        &[
            "BE0101N1",
            "Folkmängden",
            "Population",
            "Folkmängd 31 december",
        ],
    ),
    (
        "scb.folkokning",
        "Folkökning",
        "Population increase",
        "antal invånare",
        Polarity::Neutral,
        IndicatorKind::Count,
        "SCB",
        FocusArea::Other,
        &["BE0101N2", "Population increase"],
    ),
    (
        "kolada.n07540",
        "Anmälda brott totalt, antal/100 000 inv",
        "Reported crimes in total per 100,000 inhabitants",
        "per 100 000 invånare",
        Polarity::LowerIsBetter,
        IndicatorKind::CountRate,
        "Kolada (Brå)",
        FocusArea::Other,
        &["N07540", "Anmälda brott totalt, antal/100 000 inv"],
    ),
    (
        "kolada.n07403",
        "Anmälda våldsbrott, antal/100 000 inv",
        "Reported violent crimes per 100,000 inhabitants",
        "per 100 000 invånare",
        Polarity::LowerIsBetter,
        IndicatorKind::CountRate,
        "Kolada (Brå)",
        FocusArea::ThreatsAndViolence,
        &["N07403", "Anmälda våldsbrott, antal/100 000 inv"],
    ),
];

/// The registry of known indicators.
///
/// # Examples
/// ```
/// use bra_indicators::{IndicatorRegistry, Polarity};
/// let reg = IndicatorRegistry::builtin();
/// assert_eq!(reg.get("brott.totalt").unwrap().polarity, Polarity::LowerIsBetter);
/// assert_eq!(reg.id_for_label("Brott mot brottsbalken, 3-7 kap. Brott mot person"), Some("brott.person"));
/// ```
#[derive(Debug, Clone)]
pub struct IndicatorRegistry {
    indicators: Vec<Indicator>,
    by_id: HashMap<String, usize>,
    by_label: HashMap<String, String>,
}

impl IndicatorRegistry {
    /// The built-in indicators (parsed once, then shared).
    pub fn builtin() -> &'static IndicatorRegistry {
        static REG: OnceLock<IndicatorRegistry> = OnceLock::new();
        REG.get_or_init(|| {
            let mut reg = IndicatorRegistry {
                indicators: Vec::new(),
                by_id: HashMap::new(),
                by_label: HashMap::new(),
            };
            for (id, sv, en, focus, labels) in CRIME {
                reg.insert(Indicator {
                    id: id.to_string(),
                    name_sv: sv.to_string(),
                    name_en: en.to_string(),
                    unit: "per 100 000 invånare".to_string(),
                    polarity: Polarity::LowerIsBetter,
                    kind: IndicatorKind::CountRate,
                    source: "Brå".to_string(),
                    focus_area: *focus,
                });
                for label in *labels {
                    reg.by_label.insert(label_key(label), id.to_string());
                }
                reg.by_label.insert(label_key(sv), id.to_string());
            }
            for (id, sv, en, unit, polarity, kind, source, focus, labels) in OTHER {
                reg.insert(Indicator {
                    id: id.to_string(),
                    name_sv: sv.to_string(),
                    name_en: en.to_string(),
                    unit: unit.to_string(),
                    polarity: *polarity,
                    kind: *kind,
                    source: source.to_string(),
                    focus_area: *focus,
                });
                for label in labels.iter().chain([sv, en]) {
                    reg.by_label.insert(label_key(label), id.to_string());
                }
            }
            reg
        })
    }

    /// Adds or replaces an indicator.
    pub fn insert(&mut self, indicator: Indicator) {
        if let Some(&i) = self.by_id.get(&indicator.id) {
            self.indicators[i] = indicator;
        } else {
            self.by_id
                .insert(indicator.id.clone(), self.indicators.len());
            self.indicators.push(indicator);
        }
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|&i| &self.indicators[i])
    }

    /// All indicators.
    pub fn iter(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter()
    }

    /// The id for a known label: a Brå category path ("Brott mot brottsbalken, 3-7 kap. Brott
    /// mot person") is matched on its whole text, then on its tails, longest first.
    pub fn id_for_label(&self, label: &str) -> Option<&str> {
        let key = label_key(label);
        if let Some(id) = self.by_label.get(&key) {
            return Some(id);
        }
        // A path: try its tails, longest first ("8 kap. Stöld, rån m.m." holds a comma itself).
        let parts: Vec<&str> = key.split(", ").collect();
        (1..parts.len()).find_map(|k| {
            self.by_label
                .get(&parts[k..].join(", "))
                .map(String::as_str)
        })
    }
}

fn label_key(label: &str) -> String {
    crate::area::normalise(label).replace('_', " ")
}

/// Whether `s` is already an indicator id: lowercase ASCII letters, digits, `_`, and at least
/// one `.` separating non-empty parts (`brott.totalt`, `kolada.n07540`).
///
/// ```
/// use bra_indicators::is_indicator_id;
/// assert!(is_indicator_id("brott.totalt"));
/// assert!(!is_indicator_id("Totalt antal brott"));
/// ```
pub fn is_indicator_id(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// A deterministic slug: lowercase, å/ä → a, ö → o, é → e, other runs of non-alphanumerics
/// → `_`, trimmed of `_`.
///
/// ```
/// use bra_indicators::slug;
/// assert_eq!(slug("Olaga hot, grovt brott"), "olaga_hot_grovt_brott");
/// assert_eq!(slug("Skadegörelse på allmän plats"), "skadegorelse_pa_allman_plats");
/// ```
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    let mut sep = false;
    for c in label.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c);
        } else {
            sep = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brå_paths_map_to_ids() {
        let r = IndicatorRegistry::builtin();
        let cases = [
            ("Totalt antal brott", "brott.totalt"),
            ("Brott mot brottsbalken", "brott.brottsbalken"),
            (
                "Brott mot brottsbalken, 8 kap. Stöld, rån m.m.",
                "brott.stold",
            ),
            (
                "Brott mot brottsbalken, 3-7 kap. Brott mot person, därav misshandel inkl. grov",
                "brott.misshandel",
            ),
            ("alla_brott", "brott.totalt"),
            ("misshandel", "brott.misshandel"),
        ];
        for (label, id) in cases {
            assert_eq!(r.id_for_label(label), Some(id), "{label}");
        }
        assert_eq!(r.id_for_label("Olaga hot"), None);
    }

    #[test]
    fn scb_and_kolada_codes_map_to_ids() {
        let r = IndicatorRegistry::builtin();
        for (label, id) in [
            ("BE0101N1", "scb.folkmangd"),
            ("Folkmängd", "scb.folkmangd"),
            ("Population", "scb.folkmangd"),
            ("BE0101N2", "scb.folkokning"),
            ("N07540", "kolada.n07540"),
            ("n07403", "kolada.n07403"),
        ] {
            assert_eq!(r.id_for_label(label), Some(id), "{label}");
        }
        let violent = r.get("kolada.n07403").unwrap();
        assert_eq!(violent.polarity, Polarity::LowerIsBetter);
        assert_eq!(violent.focus_area, FocusArea::ThreatsAndViolence);
        assert_eq!(r.get("scb.folkmangd").unwrap().kind, IndicatorKind::Count);
    }

    #[test]
    fn ids_and_slugs() {
        assert!(is_indicator_id("kolada.n07540"));
        assert!(!is_indicator_id("brott"));
        assert!(!is_indicator_id("Brott.Totalt"));
        assert!(!is_indicator_id("brott..x"));
        assert_eq!(slug("  Ärekränkning -- ÅÄÖ "), "arekrankning_aao");
    }
}
