//! Group-wise computation over whole tables with polars: rates for every row at once, survey
//! shares, comparisons with a benchmark, change between periods, and trends for every series.

#[cfg(feature = "charts")]
pub mod chart_data;
pub mod compare;
mod frame;
pub mod funnel;
mod population_year;
pub mod profile;
mod rates;
pub(crate) mod situation;
pub mod smoothing;
mod survey;
mod trend;

pub use compare::{CHANGE_COLUMNS, COMPARE_COLUMNS, CompareOptions, change_between, compare};
pub(crate) use frame::FrameBuilder;
pub use population_year::PopulationYear;
pub use rates::{Computed, RATE_COLUMNS, RateOptions, RatesRun, WARNING_EXAMPLES, rates, rates_of};
pub use survey::{SURVEY_COLUMNS, SurveyOptions, intervals_from_standard_errors, survey};
pub use trend::{
    TREND_COLUMNS, TrendMethod, TrendOptions, TrendRow, trend_frame, trend_rows, trends,
};

/// What a rate's `source` adds about its population: the file and the year-end used.
pub(crate) fn population_note(source: &str, year: i32) -> String {
    format!("; population: {source} at the end of {year}")
}

/// The warning's text for a count without population: the area and the year-end looked for.
pub(crate) fn missing_population(area: &str, year: Option<i32>) -> String {
    match year {
        Some(y) => format!("no population for area {area} at the end of {y}"),
        None => format!("no population for area {area} (a period of several years)"),
    }
}
