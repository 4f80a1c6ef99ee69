//! One list per output schema (Model): the columns of every table this program writes, in
//! order. The computations build their frames from these lists, the readers of our own outputs
//! check against them, and the old paths (`bra_indicators::RATE_COLUMNS`, ...) re-export them.
//!
//! ```
//! use bra_indicators::schema::{GOAL_COLUMNS, RATE_COLUMNS};
//! assert_eq!(RATE_COLUMNS[7], "rate");
//! assert_eq!(GOAL_COLUMNS[0], "goal");
//! ```

/// The method of an estimate whose interval is published with it (`method = published`).
pub use crate::stats::proportion::PUBLISHED;

/// The canonical table (DESIGN.md), as `bra import` writes it and every reader produces it.
pub const CANONICAL_COLUMNS: [&str; 14] = [
    "area",
    "period",
    "indicator",
    "group",
    "count",
    "population",
    "value",
    "lower",
    "upper",
    "level",
    "method",
    "status",
    "survey_year",
    "source",
];

/// The canonical table as a frame (`Table::to_dataframe`): [`CANONICAL_COLUMNS`], then `time`
/// (decimal years) and `year` (the calendar year) for the computations.
pub const TABLE_FRAME_COLUMNS: [&str; 16] = with_time_and_year(CANONICAL_COLUMNS);

/// `columns`, then `time` and `year`.
const fn with_time_and_year(columns: [&'static str; 14]) -> [&'static str; 16] {
    let mut out = [""; 16];
    let mut i = 0;
    while i < columns.len() {
        out[i] = columns[i];
        i += 1;
    }
    out[14] = "time";
    out[15] = "year";
    out
}

/// `bra rates` (`rates`): counts, population and the rate per `per` with its interval.
pub const RATE_COLUMNS: [&str; 16] = [
    "area",
    "period",
    "indicator",
    "group",
    "count",
    "population",
    "population_period",
    "rate",
    "published_rate",
    "lower",
    "upper",
    "method",
    "level",
    "status",
    "source",
    "area_name",
];

/// `bra survey` (`survey`): shares and indices with their intervals (DESIGN.md, then
/// `survey_year` and `area_name`).
pub const SURVEY_COLUMNS: [&str; 15] = [
    "area",
    "period",
    "indicator",
    "group",
    "count",
    "n",
    "value",
    "lower",
    "upper",
    "method",
    "level",
    "status",
    "source",
    "survey_year",
    "area_name",
];

/// `bra compare` (`compare`): the canonical input columns, then
/// `benchmark_value,comparison,assessment` (DESIGN.md) and the extras.
pub const COMPARE_COLUMNS: [&str; 22] = [
    "area",
    "period",
    "indicator",
    "group",
    "count",
    "population",
    "value",
    "lower",
    "upper",
    "method",
    "level",
    "status",
    "survey_year",
    "source",
    "benchmark_area",
    "benchmark_value",
    "comparison",
    "assessment",
    "outer_lower",
    "outer_upper",
    "outer_level",
    "area_name",
];

/// `bra compare --between` (`change_between`): the change between two periods (DESIGN.md,
/// then the extras).
pub const CHANGE_COLUMNS: [&str; 16] = [
    "area",
    "indicator",
    "group",
    "period_1",
    "value_1",
    "period_2",
    "value_2",
    "change",
    "test",
    "statistic",
    "p_value",
    "significant",
    "level",
    "benchmark_area",
    "benchmark_change",
    "area_name",
];

/// `bra trend` (`trends`): one row per area, indicator and group.
pub const TREND_COLUMNS: [&str; 29] = [
    "area",
    "indicator",
    "group",
    "n_periods",
    "first_period",
    "last_period",
    "mk_s",
    "mk_var_s",
    "mk_z",
    "mk_p",
    "mk_p_method",
    "mk_tau",
    "mk_tau_b",
    "sen_slope",
    "sen_lower",
    "sen_upper",
    "sen_intercept",
    "ols_slope",
    "ols_intercept",
    "ols_slope_lower",
    "ols_slope_upper",
    "ols_p",
    "apc",
    "apc_lower",
    "apc_upper",
    "apc_dispersion",
    "recent_trend",
    "direction",
    "area_name",
];

/// `bra goals` (`GoalResults::to_dataframe`): the DESIGN.md columns, then the goal's
/// description and the details of the evaluation.
pub const GOAL_COLUMNS: [&str; 28] = [
    "goal",
    "indicator",
    "area",
    "baseline_period",
    "baseline",
    "target",
    "deadline",
    "latest_period",
    "latest",
    "progress",
    "expected_progress",
    "projected",
    "status",
    "significant",
    "milestone",
    "title",
    "focus_area",
    "level",
    "owner",
    "test",
    "p_value",
    "group",
    "direction",
    "as_of",
    "slope",
    "slope_method",
    "milestone_period",
    "milestone_target",
];

/// `bra rates --smooth eb` (`smooth_rates`): the columns smoothing adds to a rates table.
pub const SMOOTHING_COLUMNS: [&str; 2] = ["smoothed", "shrinkage"];

/// `bra profile` (`profile`): one row per indicator and benchmark area.
pub const PROFILE_COLUMNS: [&str; 16] = [
    "indicator",
    "period",
    "value",
    "lower",
    "upper",
    "benchmark_area",
    "benchmark_value",
    "assessment",
    "min",
    "q25",
    "median",
    "q75",
    "max",
    "rank",
    "n_areas",
    "polarity",
];

/// `bra lagesbild` (`situation_picture`): the situation picture's table.
pub const SITUATION_COLUMNS: [&str; 15] = [
    "level",
    "category",
    "focus_area",
    "window_start",
    "window_end",
    "count",
    "previous",
    "same_period_last_year",
    "expected",
    "dispersion",
    "ratio",
    "p_high",
    "p_low",
    "flag",
    "partial",
];

/// `bra lagesbild`: the places table.
pub const PLACE_COLUMNS: [&str; 13] = [
    "place",
    "window_start",
    "window_end",
    "count",
    "previous",
    "same_period_last_year",
    "expected",
    "dispersion",
    "ratio",
    "p_high",
    "p_low",
    "flag",
    "partial",
];
