//! Indicator ids and metadata: names, unit, polarity, kind, focus area of the citizen promise.
//!
//! Ids are lowercase ASCII, namespace then name: `brott.totalt`, `brott.misshandel`,
//! `ntu.otrygghet`, `mu.trygghet`. Brå's category labels (full paths such as
//! "Brott mot brottsbalken, 3-7 kap. Brott mot person") and NTU's indicator names map to ids;
//! an unknown label gets a deterministic slug. The registry can be extended from a TOML file
//! ([`IndicatorRegistry::add_toml`]).

use crate::error::{Error, Result};
/// Which direction of an indicator is good (the plain Stats enum, which Model hands on to the
/// layers that must not use Stats).
pub use crate::stats::Polarity;
use crate::tomlfile;
use std::collections::HashMap;
use std::path::Path;
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
    /// Every focus area, in the citizen promise's order.
    pub const ALL: [FocusArea; 6] = [
        FocusArea::ThreatsAndViolence,
        FocusArea::DisorderAndUnsafety,
        FocusArea::ExtremismAndNetworks,
        FocusArea::YouthAndSchools,
        FocusArea::Andt,
        FocusArea::Other,
    ];

    /// The code used in files: `threats-and-violence`, `disorder-and-unsafety`,
    /// `extremism-and-networks`, `youth-and-schools`, `andt`, `other`.
    ///
    /// ```
    /// use bra_indicators::FocusArea;
    /// assert_eq!(FocusArea::Andt.code(), "andt");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            FocusArea::ThreatsAndViolence => "threats-and-violence",
            FocusArea::DisorderAndUnsafety => "disorder-and-unsafety",
            FocusArea::ExtremismAndNetworks => "extremism-and-networks",
            FocusArea::YouthAndSchools => "youth-and-schools",
            FocusArea::Andt => "andt",
            FocusArea::Other => "other",
        }
    }

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

/// A built-in survey indicator (NTU, SCB's citizen survey).
struct BuiltinSurvey {
    id: &'static str,
    sv: &'static str,
    en: &'static str,
    unit: &'static str,
    polarity: Polarity,
    kind: IndicatorKind,
    source: &'static str,
    focus: FocusArea,
    /// Years from the reference period back from the survey year (1 for NTU victimisation).
    lag: i32,
    /// Labels in source files that mean this indicator (the Swedish name is one already).
    labels: &'static [&'static str],
}

const PERCENT: &str = "procent";
const NTU: &str = "Brå, NTU";
const MU: &str = "SCB, medborgarundersökningen";

const SURVEY: &[BuiltinSurvey] = &[
    BuiltinSurvey {
        id: "ntu.utsatt_enskild_person",
        sv: "Utsatthet för brott mot enskild person",
        en: "Victim of a crime against the person",
        unit: PERCENT,
        polarity: Polarity::LowerIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::ThreatsAndViolence,
        lag: 1,
        labels: &[
            "Självrapporterad utsatthet för något brott mot enskild person",
            "Självrapporterad utsatthet för brott mot enskild person",
            "Utsatthet för något brott mot enskild person",
            "Utsatt för brott mot enskild person",
        ],
    },
    BuiltinSurvey {
        id: "ntu.otrygghet",
        sv: "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet",
        en: "Feeling unsafe outdoors late in the evening in one's own neighbourhood",
        unit: PERCENT,
        polarity: Polarity::LowerIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::DisorderAndUnsafety,
        lag: 0,
        labels: &[
            "Otrygghet vid utevistelse sent på kvällen",
            "Otrygghet vid utevistelse",
            "Otrygghet",
        ],
    },
    BuiltinSurvey {
        id: "ntu.oro_brottslighet",
        sv: "Oro över brottsligheten i samhället",
        en: "Worry about crime in society",
        unit: PERCENT,
        polarity: Polarity::LowerIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::DisorderAndUnsafety,
        lag: 0,
        labels: &[
            "Oro för brottsligheten i samhället",
            "Oro över brottsligheten",
        ],
    },
    BuiltinSurvey {
        id: "ntu.fortroende_rattsvasendet",
        sv: "Förtroende för rättsväsendet som helhet",
        en: "Confidence in the justice system as a whole",
        unit: PERCENT,
        polarity: Polarity::HigherIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::Other,
        lag: 0,
        labels: &[
            "Förtroende för rättsväsendet",
            "Förtroende för rättsväsendet i stort",
        ],
    },
    BuiltinSurvey {
        id: "ntu.oro_misshandel",
        sv: "Oro för att utsättas för misshandel",
        en: "Worry about being assaulted",
        unit: PERCENT,
        polarity: Polarity::LowerIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::ThreatsAndViolence,
        lag: 0,
        labels: &["Oro för misshandel", "Oro misshandel"],
    },
    BuiltinSurvey {
        id: "ntu.oro_inbrott",
        sv: "Oro för inbrott i bostaden",
        en: "Worry about burglary in one's home",
        unit: PERCENT,
        polarity: Polarity::LowerIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: NTU,
        focus: FocusArea::DisorderAndUnsafety,
        lag: 0,
        labels: &["Oro för bostadsinbrott", "Oro inbrott"],
    },
    BuiltinSurvey {
        id: "mu.trygghet",
        sv: "Trygghet, index (Nöjd-Region-Index)",
        en: "Safety index (Satisfied Region Index)",
        unit: "index 0-100",
        polarity: Polarity::HigherIsBetter,
        kind: IndicatorKind::Index,
        source: MU,
        focus: FocusArea::DisorderAndUnsafety,
        lag: 0,
        labels: &[
            "Nöjd-Region-Index - Trygghet",
            "Nöjd-Region-Index Trygghet",
            "NRI Trygghet",
            "Trygghet",
        ],
    },
    BuiltinSurvey {
        id: "mu.trygg_kvall",
        sv: "Andel som känner sig trygga utomhus sent på kvällen i sitt område",
        en: "Share who feel safe outdoors late in the evening in their area",
        unit: PERCENT,
        polarity: Polarity::HigherIsBetter,
        kind: IndicatorKind::SurveyProportion,
        source: MU,
        focus: FocusArea::DisorderAndUnsafety,
        lag: 0,
        labels: &["Trygg utomhus sent på kvällen", "Trygg ute på kvällen"],
    },
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
    /// Survey indicators whose reference period lies before the survey year, by id.
    lags: HashMap<String, i32>,
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
                lags: HashMap::new(),
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
            for b in SURVEY {
                reg.insert(Indicator {
                    id: b.id.to_string(),
                    name_sv: b.sv.to_string(),
                    name_en: b.en.to_string(),
                    unit: b.unit.to_string(),
                    polarity: b.polarity,
                    kind: b.kind,
                    source: b.source.to_string(),
                    focus_area: b.focus,
                });
                for label in b.labels.iter().chain([&b.sv]) {
                    reg.add_label(label, b.id);
                }
                reg.set_reference_lag(b.id, b.lag);
            }
            reg
        })
    }

    /// The built-in indicators plus those of a TOML file (see [`IndicatorRegistry::add_toml`]).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; [`Error::Input`] with the file and line for
    /// anything wrong in it.
    pub fn with_file(path: &Path) -> Result<IndicatorRegistry> {
        let text = tomlfile::read_text(path)?;
        let mut registry = IndicatorRegistry::builtin().clone();
        let name = path.display().to_string();
        crate::error::catch_reader_panic(&name, || registry.add_toml(&name, &text))?;
        Ok(registry)
    }

    /// Adds (or replaces) the indicators of a TOML text from the file `name`; returns how many.
    ///
    /// ```toml
    /// [[indicator]]
    /// id = "lokal.trygg_centrum"          # namespace.name, lowercase ASCII
    /// name_sv = "Trygg i centrum"
    /// name_en = "Safe in the town centre"  # optional (default: name_sv)
    /// unit = "procent"                     # optional (default by kind)
    /// polarity = "higher-is-better"        # lower-is-better, higher-is-better, neutral
    /// kind = "survey-proportion"           # count-rate, survey-proportion, index
    /// source = "Kommunens trygghetsenkät"  # optional
    /// focus_area = "disorder-and-unsafety" # optional (default: other)
    /// labels = ["Trygg i centrum (%)"]     # optional: other names in input files
    /// reference_lag = 0                    # optional: survey year minus reference year
    /// ```
    /// Focus areas: `threats-and-violence`, `disorder-and-unsafety`,
    /// `extremism-and-networks`, `youth-and-schools`, `andt`, `other`.
    ///
    /// # Errors
    /// [`Error::Input`] naming the file and line: TOML errors, unknown keys, an id that is not
    /// `namespace.name`, an unknown polarity, kind or focus area.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{IndicatorKind, IndicatorRegistry, Polarity};
    /// let mut reg = IndicatorRegistry::builtin().clone();
    /// let toml = r#"
    /// [[indicator]]
    /// id = "lokal.trygg_centrum"
    /// name_sv = "Trygg i centrum"
    /// polarity = "higher-is-better"
    /// kind = "survey-proportion"
    /// "#;
    /// assert_eq!(reg.add_toml("indicators.toml", toml)?, 1);
    /// let ind = reg.get("lokal.trygg_centrum").unwrap();
    /// assert_eq!((ind.polarity, ind.kind), (Polarity::HigherIsBetter, IndicatorKind::SurveyProportion));
    /// assert_eq!(ind.unit, "procent");
    /// assert_eq!(reg.id_for_label("Trygg i centrum"), Some("lokal.trygg_centrum"));
    /// assert!(reg.add_toml("bad.toml", "[[indicator]]\nid = \"Trygg\"\nname_sv = \"x\"\npolarity = \"neutral\"\nkind = \"index\"\n").is_err());
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn add_toml(&mut self, name: &str, text: &str) -> Result<usize> {
        let file: IndicatorsFile = tomlfile::parse(name, text)?;
        let count = file.indicator.len();
        for spec in file.indicator {
            let id = spec.id.get_ref().trim().to_string();
            if !is_indicator_id(&id) {
                return Err(Error::input(
                    tomlfile::at(name, text, spec.id.span()).field("id"),
                    format!(
                        "expected an indicator id such as \"lokal.trygg_centrum\" (lowercase \
                         ASCII letters, digits and '_', namespace and name separated by '.'), found \"{id}\""
                    ),
                ));
            }
            let unit = spec.unit.unwrap_or_else(|| {
                match spec.kind {
                    IndicatorKind::SurveyProportion => PERCENT,
                    IndicatorKind::Index => "index",
                    IndicatorKind::Count => "antal",
                    IndicatorKind::CountRate => "per 100 000 invånare",
                }
                .to_string()
            });
            self.insert(Indicator {
                id: id.clone(),
                name_en: spec.name_en.unwrap_or_else(|| spec.name_sv.clone()),
                name_sv: spec.name_sv.clone(),
                unit,
                polarity: spec.polarity,
                kind: spec.kind,
                source: spec.source.unwrap_or_else(|| name.to_string()),
                focus_area: spec.focus_area.unwrap_or(FocusArea::Other),
            });
            for label in spec.labels.iter().chain([&spec.name_sv]) {
                self.add_label(label, &id);
            }
            self.set_reference_lag(&id, spec.reference_lag);
        }
        Ok(count)
    }

    /// Maps a label in input files (a Brå category, an NTU name) to the indicator `id`.
    pub fn add_label(&mut self, label: &str, id: &str) {
        self.by_label.insert(label_key(label), id.to_string());
    }

    /// Sets how many years the reference period lies before the survey year (NTU: in NTU 2020,
    /// victimisation refers to 2019, so 1; unsafety and worry refer to 2020, so 0).
    pub fn set_reference_lag(&mut self, id: &str, lag: i32) {
        if lag == 0 {
            self.lags.remove(id);
        } else {
            self.lags.insert(id.to_string(), lag);
        }
    }

    /// Years from the survey year back to the reference period of `id` (0 for most).
    ///
    /// ```
    /// use bra_indicators::IndicatorRegistry;
    /// let reg = IndicatorRegistry::builtin();
    /// assert_eq!(reg.reference_lag("ntu.utsatt_enskild_person"), 1);
    /// assert_eq!(reg.reference_lag("ntu.otrygghet"), 0);
    /// ```
    pub fn reference_lag(&self, id: &str) -> i32 {
        self.lags.get(id).copied().unwrap_or(0)
    }

    /// The survey indicator whose name (or a label) appears in `text`, such as the title of a
    /// Brå table ("Självrapporterad utsatthet för något brott mot enskild person, enligt NTU
    /// 2017–2019. Andel (%)"); the longest matching label wins.
    ///
    /// ```
    /// use bra_indicators::IndicatorRegistry;
    /// let reg = IndicatorRegistry::builtin();
    /// let title = "Självrapporterad utsatthet för något brott mot enskild person, enligt NTU 2017–2019. Andel (%)";
    /// assert_eq!(reg.find_in_text(title), Some("ntu.utsatt_enskild_person"));
    /// assert_eq!(reg.find_in_text("Anmälda brott totalt"), None); // not a survey indicator
    /// ```
    pub fn find_in_text(&self, text: &str) -> Option<&str> {
        // Whole words only: "trygghet" is not in "otrygghet".
        let words = |s: &str| {
            let w: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            format!(" {} ", w.join(" "))
        };
        let text = words(text);
        self.by_label
            .iter()
            .filter(|(label, id)| {
                text.contains(&words(label))
                    && self.get(id).is_some_and(|i| {
                        matches!(
                            i.kind,
                            IndicatorKind::SurveyProportion | IndicatorKind::Index
                        )
                    })
            })
            .max_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| b.0.cmp(a.0)))
            .map(|(_, id)| id.as_str())
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

/// An indicators file: `[[indicator]]` tables.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default)]
    indicator: Vec<IndicatorSpec>,
}

/// One `[[indicator]]` table.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorSpec {
    id: toml::Spanned<String>,
    name_sv: String,
    name_en: Option<String>,
    unit: Option<String>,
    polarity: Polarity,
    kind: IndicatorKind,
    source: Option<String>,
    focus_area: Option<FocusArea>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    reference_lag: i32,
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
    fn ntu_and_citizen_survey_indicators() {
        let r = IndicatorRegistry::builtin();
        // The canonical NTU names (FORMATS.md §1d) and their ids, polarity and lag.
        let cases = [
            (
                "Självrapporterad utsatthet för något brott mot enskild person",
                "ntu.utsatt_enskild_person",
                Polarity::LowerIsBetter,
                1,
            ),
            (
                "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet",
                "ntu.otrygghet",
                Polarity::LowerIsBetter,
                0,
            ),
            (
                "Oro över brottsligheten i samhället",
                "ntu.oro_brottslighet",
                Polarity::LowerIsBetter,
                0,
            ),
            (
                "Förtroende för rättsväsendet som helhet",
                "ntu.fortroende_rattsvasendet",
                Polarity::HigherIsBetter,
                0,
            ),
        ];
        for (label, id, polarity, lag) in cases {
            assert_eq!(r.id_for_label(label), Some(id), "{label}");
            assert_eq!(
                r.find_in_text(&format!("{label}, enligt NTU 2020. Andel (%)")),
                Some(id)
            );
            let i = r.get(id).expect("built in");
            assert_eq!(
                (i.polarity, i.kind),
                (polarity, IndicatorKind::SurveyProportion)
            );
            assert_eq!(r.reference_lag(id), lag);
            assert!(!i.name_en.is_empty() && i.unit == "procent");
        }
        let mu = r.get("mu.trygghet").expect("built in");
        assert_eq!(
            (mu.kind, mu.polarity),
            (IndicatorKind::Index, Polarity::HigherIsBetter)
        );
        // Whole words: "trygghet" is not found inside "otrygghet".
        assert_eq!(r.find_in_text("Otrygghet, NTU 2021"), Some("ntu.otrygghet"));
        assert_eq!(r.find_in_text("Trygghetsindex"), None);
    }

    #[test]
    fn bad_indicator_files_say_where() {
        let ok = "[[indicator]]\nid = \"lokal.x\"\nname_sv = \"X\"\npolarity = \"neutral\"\nkind = \"index\"\n";
        let cases = [
            (
                ok.replace("lokal.x", "Lokal X"),
                "i.toml:2: column \"id\": expected an indicator id",
            ),
            (
                ok.replace("\"neutral\"", "\"good\""),
                "i.toml:4: unknown variant `good`",
            ),
            (ok.replace("kind", "sort"), "i.toml:5: unknown field `sort`"),
            (
                ok.replace("name_sv = \"X\"\n", ""),
                "i.toml:1: missing field `name_sv`",
            ),
        ];
        for (toml, want) in cases {
            let mut r = IndicatorRegistry::builtin().clone();
            let err = r.add_toml("i.toml", &toml).expect_err(want);
            assert!(err.to_string().starts_with(want), "{err}\nexpected: {want}");
        }
        // A user file may change a built-in indicator's polarity.
        let mut r = IndicatorRegistry::builtin().clone();
        let flip = "[[indicator]]\nid = \"ntu.otrygghet\"\nname_sv = \"Otrygghet\"\npolarity = \"neutral\"\nkind = \"survey-proportion\"\nreference_lag = 0\n";
        r.add_toml("i.toml", flip).expect("valid");
        assert_eq!(
            r.get("ntu.otrygghet").map(|i| i.polarity),
            Some(Polarity::Neutral)
        );
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
