//! The command line's own words (`bra`'s messages on stderr and the headings of its terminal
//! tables), Swedish and English side by side like every other label of the library.
//! `{name}` stands for a value filled in with [`Phrase::fill`].
//!
//! ```
//! use bra_indicators::Lang;
//! use bra_indicators::labels::cli::WROTE_ROWS;
//! let path = "rates.csv";
//! assert_eq!(
//!     WROTE_ROWS.fill(Lang::En, &[("rows", &12), ("path", &path)]),
//!     "bra: wrote 12 rows to rates.csv"
//! );
//! ```

use super::Phrase;

/// After writing a table: `{rows}`, `{path}`.
pub const WROTE_ROWS: Phrase = Phrase {
    sv: "bra: skrev {rows} rader till {path}",
    en: "bra: wrote {rows} rows to {path}",
};

/// Before a warning's count.
pub const WARNING: Phrase = Phrase {
    sv: "varning",
    en: "warning",
};

/// After writing the spine chart: `{path}`, `{width}`, `{height}`.
pub const WROTE_PROFILE: Phrase = Phrase {
    sv: "bra: skrev profilen till {path} ({width} × {height} px)",
    en: "bra: wrote the profile to {path} ({width} × {height} px)",
};

/// After writing a chart: `{path}`, `{width}`, `{height}`.
pub const WROTE_CHART: Phrase = Phrase {
    sv: "bra: skrev diagrammet till {path} ({width} × {height} px)",
    en: "bra: wrote the chart to {path} ({width} × {height} px)",
};

/// After writing one chart per area: `{count}`, `{pattern}`.
pub const WROTE_CHARTS: Phrase = Phrase {
    sv: "bra: skrev {count} diagram till {pattern}",
    en: "bra: wrote {count} charts to {pattern}",
};

/// After `bra report`: `{index}`, `{reports}`, `{charts}`, `{tables}`, `{warnings}`.
pub const REPORT_WRITTEN: Phrase = Phrase {
    sv: "bra: rapporten är klar: {index} ({reports} rapporter, {charts} diagram, {tables} tabeller, {warnings} varningar)",
    en: "bra: report written: {index} ({reports} reports, {charts} charts, {tables} tables, {warnings} warnings)",
};

/// After `bra lagesbild --out`: `{index}`, `{charts}`, `{tables}`.
pub const SITUATION_WRITTEN: Phrase = Phrase {
    sv: "bra: lägesbilden är klar: {index} ({charts} diagram; {tables})",
    en: "bra: situation picture written: {index} ({charts} charts; {tables})",
};

/// When `--suppress-below` leaves the page's CSV tables out.
pub const NO_CSV_WHEN_SUPPRESSED: Phrase = Phrase {
    sv: "bra: med --suppress-below skrivs inga CSV-tabeller (de har exakta antal); arbetsboken visar <K",
    en: "bra: with --suppress-below no CSV tables are written (they hold exact counts); the workbook shows <K",
};

/// `bra import`: before the file read.
pub const READ: Phrase = Phrase {
    sv: "läste",
    en: "read",
};

/// `bra import`: after the number of rows.
pub const ROWS: Phrase = Phrase {
    sv: "rader",
    en: "rows",
};

/// `bra import`: after the number of areas.
pub const AREAS: Phrase = Phrase {
    sv: "områden",
    en: "areas",
};

/// `bra import`: after the number of periods.
pub const PERIODS: Phrase = Phrase {
    sv: "perioder",
    en: "periods",
};

/// `bra import`: after the number of indicators.
pub const INDICATORS: Phrase = Phrase {
    sv: "indikatorer",
    en: "indicators",
};

/// `bra import`: before the number of missing values.
pub const MISSING_VALUES: Phrase = Phrase {
    sv: "saknade värden",
    en: "missing values",
};

/// `bra import`: before the number of skipped rows.
pub const SKIPPED_ROWS: Phrase = Phrase {
    sv: "överhoppade rader",
    en: "skipped rows",
};

/// `bra areas`: before the members of a group of areas.
pub const HOLDS: Phrase = Phrase {
    sv: "består av",
    en: "holds",
};

/// `bra areas`: before the note on an area's definition.
pub const DEFINITION: Phrase = Phrase {
    sv: "definition",
    en: "definition",
};

/// `bra profile`: a rank among the areas: `{rank}`, `{count}`.
pub const RANK_OF: Phrase = Phrase {
    sv: "{rank} av {count}",
    en: "{rank} of {count}",
};

/// `bra lagesbild`: more incidents than expected.
pub const FLAG_HIGH: Phrase = Phrase {
    sv: "HÖG",
    en: "HIGH",
};

/// `bra lagesbild`: fewer incidents than expected.
pub const FLAG_LOW: Phrase = Phrase {
    sv: "LÅG",
    en: "LOW",
};

/// `bra lagesbild`: as expected.
pub const FLAG_NORMAL: Phrase = Phrase {
    sv: "normal",
    en: "normal",
};

/// `bra lagesbild`: too little history to say.
pub const FLAG_TOO_FEW: Phrase = Phrase {
    sv: "för kort historik",
    en: "too little history",
};

/// `bra lagesbild`: after a window the as-of date does not complete.
pub const WINDOW_PARTIAL: Phrase = Phrase {
    sv: "pågår",
    en: "partial",
};

/// Heading: an area code.
pub const CODE: Phrase = Phrase {
    sv: "Kod",
    en: "Code",
};

/// Heading: an area's name.
pub const AREA: Phrase = Phrase {
    sv: "Område",
    en: "Area",
};

/// Heading: a name.
pub const NAME: Phrase = Phrase {
    sv: "Namn",
    en: "Name",
};

/// Heading: the kind of area.
pub const KIND: Phrase = Phrase {
    sv: "Typ",
    en: "Kind",
};

/// Heading: the area an area belongs to.
pub const PART_OF: Phrase = Phrase {
    sv: "Tillhör",
    en: "Part of",
};

/// Heading: the period.
pub const PERIOD: Phrase = Phrase {
    sv: "Period",
    en: "Period",
};

/// Heading: the period a survey result refers to.
pub const REFERS_TO: Phrase = Phrase {
    sv: "Avser",
    en: "Period",
};

/// Heading: the survey year.
pub const SURVEY: Phrase = Phrase {
    sv: "Undersökning",
    en: "Survey",
};

/// Heading: the indicator.
pub const INDICATOR: Phrase = Phrase {
    sv: "Indikator",
    en: "Indicator",
};

/// Heading: the breakdown group.
pub const GROUP: Phrase = Phrase {
    sv: "Grupp",
    en: "Group",
};

/// Heading: a count.
pub const COUNT: Phrase = Phrase {
    sv: "Antal",
    en: "Count",
};

/// Heading: the population.
pub const POPULATION: Phrase = Phrase {
    sv: "Folkmängd",
    en: "Population",
};

/// Heading: the year whose 31 December population was used.
pub const POPULATION_31_DEC: Phrase = Phrase {
    sv: "Folkm. 31 dec",
    en: "Pop. 31 Dec",
};

/// Heading: a rate per 100 000.
pub const PER_100K: Phrase = Phrase {
    sv: "Per 100 000",
    en: "Per 100,000",
};

/// Heading: Brå's published rate per 100 000.
pub const BRA_PER_100K: Phrase = Phrase {
    sv: "Brå per 100 000",
    en: "Brå per 100,000",
};

/// Heading: the number of respondents.
pub const N: Phrase = Phrase { sv: "n", en: "n" };

/// Heading: a share or an index.
pub const SHARE_INDEX: Phrase = Phrase {
    sv: "Andel/index",
    en: "Share/index",
};

/// Heading: a value.
pub const VALUE: Phrase = Phrase {
    sv: "Värde",
    en: "Value",
};

/// Heading: an interval's lower bound.
pub const LOWER: Phrase = Phrase {
    sv: "Undre",
    en: "Lower",
};

/// Heading: an interval's upper bound.
pub const UPPER: Phrase = Phrase {
    sv: "Övre",
    en: "Upper",
};

/// Heading: the interval's method.
pub const METHOD: Phrase = Phrase {
    sv: "Metod",
    en: "Method",
};

/// Heading: the status.
pub const STATUS: Phrase = Phrase {
    sv: "Status",
    en: "Status",
};

/// Heading: the benchmark's value.
pub const BENCHMARK_VALUE: Phrase = Phrase {
    sv: "Jämförelsevärde",
    en: "Benchmark",
};

/// Heading: higher, similar or lower than the benchmark.
pub const COMPARISON: Phrase = Phrase {
    sv: "Jämfört",
    en: "Comparison",
};

/// Heading: better, similar or worse.
pub const ASSESSMENT: Phrase = Phrase {
    sv: "Bedömning",
    en: "Assessment",
};

/// Heading: the first period of a change.
pub const PERIOD_1: Phrase = Phrase {
    sv: "Period 1",
    en: "Period 1",
};

/// Heading: the value in the first period.
pub const VALUE_1: Phrase = Phrase {
    sv: "Värde 1",
    en: "Value 1",
};

/// Heading: the second period of a change.
pub const PERIOD_2: Phrase = Phrase {
    sv: "Period 2",
    en: "Period 2",
};

/// Heading: the value in the second period.
pub const VALUE_2: Phrase = Phrase {
    sv: "Värde 2",
    en: "Value 2",
};

/// Heading: the change.
pub const CHANGE: Phrase = Phrase {
    sv: "Förändring",
    en: "Change",
};

/// Heading: the test.
pub const TEST: Phrase = Phrase {
    sv: "Test",
    en: "Test",
};

/// Heading: the p-value.
pub const P_VALUE: Phrase = Phrase {
    sv: "p-värde",
    en: "p-value",
};

/// Heading: whether a result is significant.
pub const SIGNIFICANT: Phrase = Phrase {
    sv: "Signifikant",
    en: "Significant",
};

/// Heading: the benchmark's change.
pub const BENCHMARK_CHANGE: Phrase = Phrase {
    sv: "Jämförelse",
    en: "Benchmark",
};

/// Heading: the number of periods.
pub const PERIODS_HEADING: Phrase = Phrase {
    sv: "Perioder",
    en: "Periods",
};

/// Heading: the first period.
pub const FROM: Phrase = Phrase {
    sv: "Från",
    en: "From",
};

/// Heading: the last period.
pub const TO: Phrase = Phrase {
    sv: "Till",
    en: "To",
};

/// Heading: the Mann-Kendall p-value.
pub const MK_P: Phrase = Phrase {
    sv: "MK p",
    en: "MK p",
};

/// Heading: Sen's slope per year.
pub const SEN_PER_YEAR: Phrase = Phrase {
    sv: "Sen/år",
    en: "Sen/yr",
};

/// Heading: the annual percent change.
pub const APC: Phrase = Phrase {
    sv: "APC %",
    en: "APC %",
};

/// Heading: the trend of the last five years.
pub const RECENT_TREND: Phrase = Phrase {
    sv: "Senaste 5 år",
    en: "Recent trend",
};

/// Heading: the direction of a trend or goal.
pub const DIRECTION: Phrase = Phrase {
    sv: "Riktning",
    en: "Direction",
};

/// Heading: the benchmark area.
pub const BENCHMARK: Phrase = Phrase {
    sv: "Jämfört med",
    en: "Benchmark",
};

/// Heading: the benchmark area's value.
pub const ITS_VALUE: Phrase = Phrase {
    sv: "Dess värde",
    en: "Its value",
};

/// Heading: the smallest value.
pub const MIN: Phrase = Phrase {
    sv: "Min",
    en: "Min",
};

/// Heading: the median.
pub const MEDIAN: Phrase = Phrase {
    sv: "Median",
    en: "Median",
};

/// Heading: the largest value.
pub const MAX: Phrase = Phrase {
    sv: "Max",
    en: "Max",
};

/// Heading: the rank.
pub const RANK: Phrase = Phrase {
    sv: "Rang",
    en: "Rank",
};

/// Heading: a focus area, or a category under it.
pub const FOCUS_AREA_CATEGORY: Phrase = Phrase {
    sv: "Fokusområde / kategori",
    en: "Focus area / category",
};

/// Heading: a window of dates.
pub const WINDOW: Phrase = Phrase {
    sv: "Fönster",
    en: "Window",
};

/// Heading: the previous window's count.
pub const PREVIOUS: Phrase = Phrase {
    sv: "Föregående",
    en: "Previous",
};

/// Heading: the same window last year.
pub const LAST_YEAR: Phrase = Phrase {
    sv: "I fjol",
    en: "Last year",
};

/// Heading: the expected count, or expected progress.
pub const EXPECTED: Phrase = Phrase {
    sv: "Förväntat",
    en: "Expected",
};

/// Heading: count over expected.
pub const RATIO: Phrase = Phrase {
    sv: "Kvot",
    en: "Ratio",
};

/// Heading: the flag.
pub const FLAG: Phrase = Phrase {
    sv: "Flagga",
    en: "Flag",
};

/// Heading: the goal.
pub const GOAL: Phrase = Phrase {
    sv: "Mål",
    en: "Goal",
};

/// Heading: the baseline period.
pub const BASE: Phrase = Phrase {
    sv: "Bas",
    en: "Base",
};

/// Heading: the baseline value.
pub const BASELINE: Phrase = Phrase {
    sv: "Basvärde",
    en: "Baseline",
};

/// Heading: the target value.
pub const TARGET: Phrase = Phrase {
    sv: "Målvärde",
    en: "Target",
};

/// Heading: the deadline.
pub const DEADLINE: Phrase = Phrase {
    sv: "Slut",
    en: "Deadline",
};

/// Heading: the latest period.
pub const LATEST: Phrase = Phrase {
    sv: "Senast",
    en: "Latest",
};

/// Heading: the progress.
pub const PROGRESS: Phrase = Phrase {
    sv: "Framsteg",
    en: "Progress",
};

/// Heading: the projected value.
pub const PROJECTED: Phrase = Phrase {
    sv: "Prognos",
    en: "Projected",
};

/// Heading: the milestone.
pub const MILESTONE: Phrase = Phrase {
    sv: "Delmål",
    en: "Milestone",
};
