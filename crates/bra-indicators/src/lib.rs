//! # bra-indicators
//!
//! Key indicators (nyckeltal) for following up local crime prevention in Swedish
//! municipalities: reported crime per 100,000 inhabitants with confidence intervals, survey
//! shares, comparisons with the county and the country, trends and SMART goals.
//!
//! The central types:
//! - [`Table`] — the canonical long table (one [`Observation`] per area, period, indicator
//!   and group), produced by every reader ([`read_table`], [`read_population`]): CSV (the
//!   canonical table and Brå's layouts), SCB PC-Axis, JSON-stat 2.0, Kolada JSON and Excel,
//!   told apart by content ([`Format::detect`]);
//! - [`AreaRegistry`] — the 290 kommuner, 21 län, 7 police regions and riket, with tolerant
//!   name lookup; [`Period`] — years, half-years, quarters (`2020K1`) and months (`2020M03`);
//! - [`stats`] — pure numerics on plain numbers ([`rate`], [`count_interval`], [`Level`],
//!   shares in [`stats::proportion`], the Fingertips rule and change tests in
//!   [`stats::compare`]);
//! - [`rates`], [`survey`], [`compare`](fn@compare), [`change_between`], [`trends`] — the computations
//!   over whole tables; [`read_survey`] reads NTU's and SCB's survey results (also Brå's wide layout);
//! - [`IndicatorRegistry`] — indicator ids, names, polarity and kind, extendable from TOML;
//!   user-defined areas (a local police area as a set of kommuner) come from TOML too
//!   ([`AreaRegistry::with_user_areas`]).
//! - [`GoalsFile`] and [`evaluate_goals`] — SMART goals: progress, projection and status.
//! - [`chart`] — trend, compare, funnel, survey and goals charts as PNG and SVG (plotters,
//!   behind the default feature `charts`).
//!
//! ## The layers
//! Each part uses only the parts before it (checked on every `use` line by
//! `tests/it/layers.rs`); inside the crate, items are imported by module path, the re-exports
//! here are for users.
//! - **Stats** ([`stats`]): plain numerics; uses only the error type.
//! - **Model**: areas, periods, the indicator registry, the table, warnings, limits, number
//!   format, labels and the output column lists ([`schema`]); may use Stats' plain enums.
//! - **Ingest** ([`ingest`]): the readers, into Model's table; uses only Model.
//! - **Compute** ([`indicators`], goals): rates, surveys, the one comparison and change engine,
//!   trends, smoothing, the situation picture, the profile, goal evaluation, and the data the
//!   charts draw ([`indicators::chart_data`]); uses Stats and Model, is handed tables, never
//!   reads or writes files.
//! - **Charts** ([`chart`]): draw what they are handed (Model and Compute's result types)
//!   and write the image file.
//! - **Report**: the follow-up report, the one-call entry points that read and compute
//!   (`rates_from_files`, `write_rates`), and the loading of what a goals file or a config names
//!   and of this program's own outputs ([`outputs`]: `bra compare`'s assessments and
//!   `bra goals`' results, read through Ingest into Compute's result types); may use all of
//!   the above. The CLI (`bra`) uses the library.
//!
//! ## Example
//! ```
//! use bra_indicators::{rates, read_population_bytes, read_table_bytes, RateOptions, ReadOptions};
//!
//! let counts = "area;period;indicator;count\nFagersta kommun;2020;Totalt antal brott;1 577\n";
//! // Brå divides by the population at the end of the year before: 13 391 on 31 Dec 2019.
//! let population = "area,period,population\n1982,2019,13391\n";
//! let counts = read_table_bytes("counts.csv", counts.as_bytes(), &ReadOptions::default())?;
//! let (population, _) = read_population_bytes("population.csv", population.as_bytes())?;
//! let out = rates(&counts.table, &population, &RateOptions::default())?;
//! let rate = out.frame.column("rate").unwrap().f64().unwrap().get(0).unwrap();
//! assert_eq!(rate.round(), 11777.0); // Fagersta 2020: 11 777 per 100 000
//! # Ok::<(), bra_indicators::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod area;
#[cfg(feature = "charts")]
mod axis;
#[cfg(feature = "charts")]
pub mod chart;
mod coded;
mod error;
mod format;
mod goals;
mod incident;
mod indicator;
pub mod indicators;
pub mod ingest;
pub mod labels;
mod limits;
mod output;
mod parallel;
mod period;
mod pipeline;
mod report;
pub mod schema;
pub mod stats;
mod table;
mod tally;
mod tomlfile;
mod warning;

pub use area::{Area, AreaKind, AreaMatch, AreaRegistry};
pub use coded::CountsTable;
pub use error::{Error, Location, Result};
pub use format::{Lang, format_number, format_percent};
pub use goals::{
    Baseline, Direction, GOAL_COLUMNS, Goal, GoalResult, GoalResults, GoalStatus, GoalsFile,
    Milestone, MilestoneStatus, PreventionLevel, SlopeMethod, Target, evaluate_goals, parse_goals,
    parse_goals_bytes,
};
pub use incident::{Incident, IncidentCategories, IncidentCategory, IncidentLog, is_suppressed};
pub use indicator::{
    FocusArea, Indicator, IndicatorKind, IndicatorRegistry, is_indicator_id, slug,
};
pub use indicators::profile::{
    PROFILE_COLUMNS, Profile, ProfileChartData, ProfileChartRow, ProfileOptions, ProfileRow,
    profile,
};
pub use indicators::situation::{
    FocusAreaSeries, PLACE_COLUMNS, PlaceRow, SITUATION_COLUMNS, SituationLevel, SituationOptions,
    SituationPicture, SituationRow, WindowAssessment, WindowKind, situation_picture,
};
pub use indicators::smoothing::{SMOOTHING_COLUMNS, smooth_comparison_set, smooth_rates};
pub use indicators::{
    CHANGE_COLUMNS, COMPARE_COLUMNS, CompareOptions, Computed, PopulationYear, RATE_COLUMNS,
    RateOptions, RatesRun, SURVEY_COLUMNS, SurveyOptions, TREND_COLUMNS, TrendMethod, TrendOptions,
    TrendRow, WARNING_EXAMPLES, change_between, compare, intervals_from_standard_errors, rates,
    rates_of, survey, trend_rows, trends,
};
pub use ingest::{
    CANONICAL_COLUMNS, Format, Ingested, Layout, ReadOptions, ReadSummary, TextEncoding,
    read_counts_table, read_goal_data, read_incidents, read_incidents_bytes, read_indicator_table,
    read_indicator_table_bytes, read_population, read_population_bytes, read_population_with,
    read_survey, read_survey_bytes, read_table, read_table_bytes,
};
pub use labels::{label, label_or_code};
pub use limits::{DEFAULT_MAX_CELLS, Limits, MAX_JSON_DEPTH};
pub use output::{
    OutputFormat, frame_to_json, write_atomically, write_csv, write_frame, write_json,
};
pub use period::Period;
pub use pipeline::{rates_from_files, with_se_intervals, write_rates};
pub use report::outputs;
pub use report::{
    BenchmarkComparison, DataFiles, FocusAreaConfig, IndicatorSummary, LoadedData, ReportConfig,
    ReportData, ReportSummary, SeriesPoint, SituationPageOptions, SituationPageSummary, assemble,
    assemble_from, build_report, build_reports, escape_html, folder_name, load, read_goals,
    write_situation_page, write_situation_workbook,
};
pub use stats::rate::{
    CountInterval, RateEstimate, RateMethod, count_interval, rate, rate_two_levels,
};
pub use stats::{Level, Polarity};
pub use table::{Observation, Population, StandardError, Table};
pub use warning::{Warning, WarningKind, WarningSummary, summarise_warnings};

/// Re-export of polars, so users can work with the frames this crate returns.
pub use polars;
