//! The charts' titles, legends, axis titles and notes, Swedish and English side by side.

use super::Phrase;

/// In `compare::draw_frame`, `survey::draw_frame`, `trend::legend`.
pub(crate) const CONFIDENCE_INTERVAL: Phrase = Phrase {
    sv: "konfidensintervall",
    en: "confidence interval",
};

/// In `compare::draw_frame`.
pub(crate) const COMPARED_WITH_THE_COUNTY: Phrase = Phrase {
    sv: "jämfört med länet",
    en: "compared with the county",
};

/// In `compare::draw_frame`, `survey::draw_frame`.
pub(crate) const COMPARED_WITH: Phrase = Phrase {
    sv: "jämfört med",
    en: "compared with",
};

/// In `funnel::significance_label`.
pub(crate) const ABOVE_THE_99_8_LIMIT: Phrase = Phrase {
    sv: "Över 99,8\u{a0}%-gränsen",
    en: "Above the 99.8% limit",
};

/// In `funnel::significance_label`.
pub(crate) const ABOVE_THE_95_LIMIT: Phrase = Phrase {
    sv: "Över 95\u{a0}%-gränsen",
    en: "Above the 95% limit",
};

/// In `funnel::significance_label`.
pub(crate) const WITHIN_THE_LIMITS: Phrase = Phrase {
    sv: "Inom gränserna",
    en: "Within the limits",
};

/// In `funnel::significance_label`.
pub(crate) const BELOW_THE_95_LIMIT: Phrase = Phrase {
    sv: "Under 95\u{a0}%-gränsen",
    en: "Below the 95% limit",
};

/// In `funnel::significance_label`.
pub(crate) const BELOW_THE_99_8_LIMIT: Phrase = Phrase {
    sv: "Under 99,8\u{a0}%-gränsen",
    en: "Below the 99.8% limit",
};

/// In `funnel::draw_frame`.
pub(crate) const N_95_LIMITS: Phrase = Phrase {
    sv: "95\u{a0}%-gränser",
    en: "95% limits",
};

/// In `funnel::draw_frame`.
pub(crate) const N_99_8_LIMITS: Phrase = Phrase {
    sv: "99,8\u{a0}%-gränser",
    en: "99.8% limits",
};

/// In `funnel::draw_frame`.
pub(crate) const LIMITS_AROUND: Phrase = Phrase {
    sv: "gränser kring",
    en: "limits around",
};

/// In `funnel::draw_frame`.
pub(crate) const LOGARITHMIC_POPULATION_SCALE: Phrase = Phrase {
    sv: "Logaritmisk skala för folkmängd",
    en: "Logarithmic population scale",
};

/// In `funnel::draw_axes`.
pub(crate) const POPULATION: Phrase = Phrase {
    sv: "Folkmängd",
    en: "Population",
};

/// In `funnel::draw_axes`.
pub(crate) const RESPONDENTS: Phrase = Phrase {
    sv: "Antal svarande",
    en: "Respondents",
};

/// In `goals::goal_status_label`.
pub(crate) const ACHIEVED: Phrase = Phrase {
    sv: "Uppnått",
    en: "Achieved",
};

/// In `goals::goal_status_label`.
pub(crate) const ON_TRACK: Phrase = Phrase {
    sv: "I fas",
    en: "On track",
};

/// In `goals::goal_status_label`.
pub(crate) const AT_RISK: Phrase = Phrase {
    sv: "Risk",
    en: "At risk",
};

/// In `goals::goal_status_label`.
pub(crate) const OFF_TRACK: Phrase = Phrase {
    sv: "Ej i fas",
    en: "Off track",
};

/// In `goals::goal_status_label`.
pub(crate) const MISSED: Phrase = Phrase {
    sv: "Ej uppnått",
    en: "Missed",
};

/// In `goals::goal_status_label`.
pub(crate) const NO_DATA: Phrase = Phrase {
    sv: "Data saknas",
    en: "No data",
};

/// In `goals::draw`.
pub(crate) const EXPECTED_BY_NOW: Phrase = Phrase {
    sv: "Förväntat läge i dag",
    en: "Expected by now",
};

/// In `goals::draw`.
pub(crate) const NO_GOALS_TO_SHOW: Phrase = Phrase {
    sv: "Inga mål att visa",
    en: "No goals to show",
};

/// In `goals::progress_axis`.
pub(crate) const SHARE_OF_THE_WAY_FROM: Phrase = Phrase {
    sv: "Andel av vägen från utgångsvärde till mål",
    en: "Share of the way from baseline to target",
};

/// In `survey::draw_frame`.
pub(crate) const SIGNIFICANT_CHANGE_SINCE_THE_PREVIOUS: Phrase = Phrase {
    sv: "Signifikant förändring sedan förra mätningen",
    en: "Significant change since the previous wave",
};

/// In `survey::draw_frame`.
pub(crate) const WHISKERS: Phrase = Phrase {
    sv: "Strecken",
    en: "Whiskers",
};

/// In `survey::draw_axes`.
pub(crate) const WAVE: Phrase = Phrase {
    sv: "Mätning",
    en: "Wave",
};

/// In `text::source_line`.
pub(crate) const SOURCE: Phrase = Phrase {
    sv: "Källa",
    en: "Source",
};

/// In `trend::draw_frame`.
pub(crate) const NO_DATA_2: Phrase = Phrase {
    sv: "Uppgift saknas",
    en: "No data",
};

/// In `trend::legend`.
pub(crate) const TARGET: Phrase = Phrase {
    sv: "Mål:",
    en: "Target:",
};

/// In `trend::legend`.
pub(crate) const BY: Phrase = Phrase {
    sv: "till",
    en: "by",
};

/// In `trend::legend`.
pub(crate) const BASELINE: Phrase = Phrase {
    sv: "utgångsvärde",
    en: "baseline",
};

/// In `trend::draw_axes`.
pub(crate) const YEAR: Phrase = Phrase {
    sv: "År",
    en: "Year",
};

/// In `trend::draw_axes`.
pub(crate) const PERIOD: Phrase = Phrase {
    sv: "Period",
    en: "Period",
};

/// In `compare::build`.
pub(crate) const THE_MUNICIPALITIES_OF: Phrase = Phrase {
    sv: "Kommunerna i",
    en: "The municipalities of",
};

/// In `funnel::funnel_data_from_table`.
pub(crate) const AVERAGE_OF_THE_AREAS: Phrase = Phrase {
    sv: "Genomsnitt för områdena",
    en: "Average of the areas",
};

/// In `goals::goals_data`.
pub(crate) const PROGRESS_TOWARDS_THE_GOALS: Phrase = Phrase {
    sv: "Måluppfyllelse",
    en: "Progress towards the goals",
};

/// In `goals::goal_bar`.
pub(crate) const TARGET_2: Phrase = Phrase {
    sv: "mål",
    en: "target",
};

/// In `mod::area_name`.
pub(crate) const SWEDEN: Phrase = Phrase {
    sv: "Riket",
    en: "Sweden",
};

/// In `mod::indicator_text`.
pub(crate) const PERCENT: Phrase = Phrase {
    sv: "procent",
    en: "percent",
};

/// In `goals::draw`.
pub(crate) const N_0_BASELINE_100_TARGET: Phrase = Phrase {
    sv: "0 % = utgångsvärdet, 100 % = målet",
    en: "0% = baseline, 100% = target",
};
