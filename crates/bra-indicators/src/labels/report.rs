//! The follow-up report's headings and sentences, Swedish and English side by side.

use super::Phrase;

/// The heading of the report's first section.
pub(crate) const SUMMARY: Phrase = Phrase {
    sv: "Sammanfattning",
    en: "Summary",
};

/// What the key-indicator table of the summary shows.
pub(crate) const SUMMARY_INTRO: Phrase = Phrase {
    sv: "Nyckeltalen nedan visar det senaste värdet för området med 95 % konfidensintervall, jämfört med länet och riket, och trenden över perioden.",
    en: "The key indicators below show the area's latest value with its 95 % confidence interval, compared with the county and the country, and the trend over the period.",
};

/// In `html::render`.
pub(crate) const AREA: Phrase = Phrase {
    sv: "Område:",
    en: "Area:",
};

/// In `html::render`.
pub(crate) const CREATED: Phrase = Phrase {
    sv: "Skapad",
    en: "Created",
};

/// In `html::render`.
pub(crate) const DATA_SOURCES: Phrase = Phrase {
    sv: "Datakällor",
    en: "Data sources",
};

/// In `html::render`.
pub(crate) const REPORTED_CRIME_BR_POPULATION_SCB: Phrase = Phrase {
    sv: "Anmälda brott: Brå. Folkmängd: SCB (31 december, se Metod). Värden markerade \"..\" i källan är undertryckta och redovisas som saknade, inte som 0.",
    en: "Reported crime: Brå. Population: SCB (31 December, see Methods). Values marked \"..\" in the source are suppressed and shown as missing, not as 0.",
};

/// In `html::render`.
pub(crate) const METHODS: Phrase = Phrase {
    sv: "Metod",
    en: "Methods",
};

/// In `html::render`.
pub(crate) const WARNINGS: Phrase = Phrase {
    sv: "Varningar",
    en: "Warnings",
};

/// In `html::render`.
pub(crate) const NO_WARNINGS: Phrase = Phrase {
    sv: "Inga varningar.",
    en: "No warnings.",
};

/// In `html::render_index`.
pub(crate) const REPORTS_FOR: Phrase = Phrase {
    sv: "Rapporter för",
    en: "Reports for",
};

/// In `html::render_index`.
pub(crate) const AREAS: Phrase = Phrase {
    sv: "områden.",
    en: "areas.",
};

/// In `html::render_index`.
pub(crate) const CODE: Phrase = Phrase {
    sv: "Kod",
    en: "Code",
};

/// In `html::render_index`.
pub(crate) const AREA_2: Phrase = Phrase {
    sv: "Område",
    en: "Area",
};

/// In `html::render_index`.
pub(crate) const REPORT: Phrase = Phrase {
    sv: "Rapport",
    en: "Report",
};

/// In `html::render_index`.
pub(crate) const OPEN: Phrase = Phrase {
    sv: "öppna",
    en: "open",
};

/// In `html::goal_counts`.
pub(crate) const GOALS: Phrase = Phrase {
    sv: "Målen:",
    en: "Goals:",
};

/// In `html::goals_section`.
pub(crate) const GOALS_2: Phrase = Phrase {
    sv: "Mål",
    en: "Goals",
};

/// In `html::goals_section`.
pub(crate) const PROGRESS_THE_SHARE_OF_THE: Phrase = Phrase {
    sv: "Framsteg: andelen av vägen från utgångsvärdet till målet som är tillryggalagd (1 = målet nått). Förväntat: andelen av tiden till måldatum som har gått. Prognos: senaste värdet framskrivet med Sens lutning till måldatum.",
    en: "Progress: the share of the way from the baseline to the target covered (1 = target met). Expected: the share of the time to the deadline that has passed. Projection: the latest value carried forward to the deadline with Sen's slope.",
};

/// In `html::goals_section`.
pub(crate) const GOAL: Phrase = Phrase {
    sv: "Mål",
    en: "Goal",
};

/// In `html::goals_section`, `html::key_table`, `html::survey_section`.
pub(crate) const INDICATOR: Phrase = Phrase {
    sv: "Indikator",
    en: "Indicator",
};

/// In `html::goals_section`.
pub(crate) const BASELINE: Phrase = Phrase {
    sv: "Utgångsläge",
    en: "Baseline",
};

/// In `html::goals_section`.
pub(crate) const TARGET: Phrase = Phrase {
    sv: "Målvärde",
    en: "Target",
};

/// In `html::goals_section`.
pub(crate) const LATEST: Phrase = Phrase {
    sv: "Senaste",
    en: "Latest",
};

/// In `html::goals_section`.
pub(crate) const PROGRESS: Phrase = Phrase {
    sv: "Framsteg",
    en: "Progress",
};

/// In `html::goals_section`.
pub(crate) const EXPECTED: Phrase = Phrase {
    sv: "Förväntat",
    en: "Expected",
};

/// In `html::goals_section`.
pub(crate) const PROJECTED: Phrase = Phrase {
    sv: "Prognos",
    en: "Projected",
};

/// In `html::goals_section`, `html::indicator_section`.
pub(crate) const STATUS: Phrase = Phrase {
    sv: "Status",
    en: "Status",
};

/// In `html::goals_section`.
pub(crate) const MILESTONE: Phrase = Phrase {
    sv: "Delmål",
    en: "Milestone",
};

/// In `html::key_table`, `html::indicator_section`.
pub(crate) const PERIOD: Phrase = Phrase {
    sv: "Period",
    en: "Period",
};

/// In `html::key_table`, `html::indicator_section`.
pub(crate) const VALUE: Phrase = Phrase {
    sv: "Värde",
    en: "Value",
};

/// In `html::key_table`, `html::indicator_section`.
pub(crate) const N_95_CI: Phrase = Phrase {
    sv: "95 % KI",
    en: "95 % CI",
};

/// In `html::key_table`, `html::indicator_section`.
pub(crate) const COMPARED_WITH: Phrase = Phrase {
    sv: "Jämfört med",
    en: "Compared with",
};

/// In `html::key_table`, `html::indicator_section`.
pub(crate) const TREND: Phrase = Phrase {
    sv: "Trend",
    en: "Trend",
};

/// In `html::trend_text`.
pub(crate) const PER_YEAR: Phrase = Phrase {
    sv: "per år",
    en: "per year",
};

/// In `html::trend_text`.
pub(crate) const BY_SEN: Phrase = Phrase {
    sv: "enligt Sen",
    en: "by Sen",
};

/// In `html::indicator_section`.
pub(crate) const LATEST_VALUE: Phrase = Phrase {
    sv: "Senaste värde",
    en: "Latest value",
};

/// In `html::indicator_section`.
pub(crate) const CI: Phrase = Phrase { sv: "KI", en: "CI" };

/// In `html::indicator_section`.
pub(crate) const COUNT: Phrase = Phrase {
    sv: "Antal",
    en: "Count",
};

/// In `html::change_text`.
pub(crate) const A_STATISTICALLY_SIGNIFICANT_CHANGE: Phrase = Phrase {
    sv: "en statistiskt säkerställd förändring",
    en: "a statistically significant change",
};

/// In `html::change_text`.
pub(crate) const NO_STATISTICALLY_SIGNIFICANT_CHANGE: Phrase = Phrase {
    sv: "ingen statistiskt säkerställd förändring",
    en: "no statistically significant change",
};

/// In `html::change_text`.
pub(crate) const FROM: Phrase = Phrase {
    sv: "Från",
    en: "From",
};

/// In `html::change_text`.
pub(crate) const TO: Phrase = Phrase {
    sv: "till",
    en: "to",
};

/// In `html::survey_section`.
pub(crate) const BIENNIAL_EVALUATION_THE_LATEST_TWO: Phrase = Phrase {
    sv: "Tvåårsuppföljning: de senaste två mätningarna",
    en: "Biennial evaluation: the latest two waves",
};

/// In `html::survey_section`.
pub(crate) const THE_SAFETY_SURVEYS_SCB_S: Phrase = Phrase {
    sv: "Trygghetsmätningarna (SCB:s medborgarundersökning vartannat år, Brås NTU) jämförs mellan de två senaste mätningarna. En förändring är statistiskt säkerställd när testet ger p < 0,05, eller, när bara publicerade intervall finns, när intervallen inte överlappar.",
    en: "The safety surveys (SCB's citizen survey every other year, Brå's NTU) are compared between the latest two waves. A change is significant when the test gives p < 0.05 or, where only published intervals exist, when the intervals do not overlap.",
};

/// In `html::survey_section`.
pub(crate) const WAVE_1: Phrase = Phrase {
    sv: "Mätning 1",
    en: "Wave 1",
};

/// In `html::survey_section`.
pub(crate) const VALUE_95_CI: Phrase = Phrase {
    sv: "Värde (95 % KI)",
    en: "Value (95 % CI)",
};

/// In `html::survey_section`.
pub(crate) const WAVE_2: Phrase = Phrase {
    sv: "Mätning 2",
    en: "Wave 2",
};

/// In `html::survey_section`.
pub(crate) const TEST: Phrase = Phrase {
    sv: "Test",
    en: "Test",
};

/// In `html::survey_section`.
pub(crate) const SIGNIFICANT_CHANGE: Phrase = Phrase {
    sv: "Säkerställd förändring",
    en: "Significant change",
};

/// In `html::survey_section`.
pub(crate) const YES: Phrase = Phrase {
    sv: "ja",
    en: "yes",
};

/// In `html::survey_section`.
pub(crate) const NO: Phrase = Phrase {
    sv: "nej",
    en: "no",
};

/// In `html::trend_text`.
pub(crate) const CANNOT_BE_CALCULATED: Phrase = Phrase {
    sv: "kan inte beräknas",
    en: "cannot be calculated",
};

/// The methods note on the population year: Brå's convention, the year before.
pub(crate) const POPULATION_YEAR_BEFORE: Phrase = Phrase {
    sv: "Anmälda brott per 100 000 invånare beräknas, som hos Brå, på folkmängden den 31 december året före: antal / folkmängd × 100 000 (antalet för 2020 delas med folkmängden den 31 december 2019).",
    en: "Reported crimes per 100,000 inhabitants are computed, as Brå computes them, on the population on 31 December of the year before: count / population × 100,000 (the count for 2020 is divided by the population on 31 December 2019).",
};

/// The methods note on the population year: the same year.
pub(crate) const POPULATION_SAME_YEAR: Phrase = Phrase {
    sv: "Anmälda brott per 100 000 invånare = antal / folkmängd × 100 000, med folkmängden den 31 december samma år (Brå använder året före).",
    en: "Reported crimes per 100,000 inhabitants = count / population × 100,000, with the population on 31 December of the same year (Brå uses the year before).",
};

/// The methods note on the rates' intervals.
pub(crate) const METHODS_INTERVALS: Phrase = Phrase {
    sv: "Konfidensintervall (95 %): exakt Poisson-intervall (Garwood) när antalet är under 10, annars Byars approximation. Intervallet visar den slumpmässiga variationen i antalet brott år från år.",
    en: "Confidence intervals (95 %): the exact Poisson interval (Garwood) below 10 events, Byar's approximation from 10. The interval shows the random year-to-year variation in the number of crimes.",
};

/// The methods note on the comparison with the county and the country.
pub(crate) const METHODS_COMPARISON: Phrase = Phrase {
    sv: "Jämförelse med länet och riket: \"likvärdig\" när jämförelsevärdet ligger inom områdets 95 %-intervall; annars \"bättre\" eller \"sämre\" beroende på om lägre värden är bättre; \"mycket bättre/sämre\" när det ligger utanför 99,8 %-intervallet.",
    en: "Comparison with the county and the country: \"similar\" when the benchmark lies within the area's 95 % interval; otherwise \"better\" or \"worse\" by whether lower values are better; \"much better/worse\" outside the 99.8 % interval.",
};

/// The methods note on the trend.
pub(crate) const METHODS_TREND: Phrase = Phrase {
    sv: "Trend: Mann-Kendalls test (exakt p-värde för högst 10 år) avgör om serien är ökande eller minskande på 5 %-nivån; Sens lutning anger förändringen per år.",
    en: "Trend: the Mann-Kendall test (exact p for up to 10 years) tells whether the series is increasing or decreasing at the 5 % level; Sen's slope gives the change per year.",
};

/// The methods note on small and suppressed counts.
pub(crate) const METHODS_SMALL_COUNTS: Phrase = Phrase {
    sv: "Små tal (under 10) är osäkra och markeras. Undertryckta värden (\"..\") redovisas som saknade.",
    en: "Small counts (under 10) are uncertain and flagged. Suppressed values (\"..\") are shown as missing.",
};
