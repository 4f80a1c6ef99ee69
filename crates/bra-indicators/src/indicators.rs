//! Group-wise computation over whole tables with polars: rates for every row at once, survey
//! shares, comparisons with a benchmark, change between periods, and trends for every series.

pub mod compare;
mod fast;
mod frame;
pub mod funnel;
mod population_year;
pub mod profile;
pub(crate) mod situation;
pub mod smoothing;
mod survey;
mod trend;

pub use compare::{CHANGE_COLUMNS, COMPARE_COLUMNS, CompareOptions, change_between, compare};
pub use fast::{RatesRun, WARNING_EXAMPLES, rates_from_files};
pub(crate) use frame::FrameBuilder;
pub use population_year::PopulationYear;
pub use survey::{SURVEY_COLUMNS, SurveyOptions, survey};
pub use trend::{TREND_COLUMNS, TrendMethod, TrendOptions, TrendRow, trend_rows, trends};

use crate::error::{Error, Result};
use crate::stats::Level;
use crate::stats::rate::{RateMethod, count_interval};
use crate::table::{Population, Table, add_status};
use crate::warning::{Warning, WarningKind};
use polars::prelude::*;

/// Options for [`rates`].
///
/// # Examples
/// ```
/// use bra_indicators::{RateOptions, RateMethod, Level};
/// use bra_indicators::PopulationYear;
/// let opts = RateOptions { per: 1000.0, method: RateMethod::Exact, ..RateOptions::default() };
/// assert_eq!(opts.level, Level::P95);
/// assert_eq!(opts.population_year, PopulationYear::Previous);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateOptions {
    /// The multiplier: rates are per this many inhabitants (100,000 by default).
    pub per: f64,
    /// The interval method (`auto` by default).
    pub method: RateMethod,
    /// The confidence level (0.95 by default).
    pub level: Level,
    /// Leave out the rate of counts under 10 (they are always flagged `unstable`).
    pub suppress_small: bool,
    /// Which year-end population a count is divided by (Brå's: the year before, by default).
    pub population_year: PopulationYear,
}

impl Default for RateOptions {
    fn default() -> Self {
        RateOptions {
            per: 100_000.0,
            method: RateMethod::Auto,
            level: Level::P95,
            suppress_small: false,
            population_year: PopulationYear::Previous,
        }
    }
}

/// A computed table with the warnings that arose.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The result, one row per input row.
    pub frame: DataFrame,
    /// What the computation noticed (rows without population, small counts).
    pub warnings: Vec<Warning>,
}

/// The columns of [`rates`]' output, in order.
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

/// Rates per `per` inhabitants with confidence intervals for every row of a counts table.
///
/// Counts are joined with the population of their area on 31 December of the year before
/// their calendar year, as Brå computes its rates ([`PopulationYear::Previous`], the default;
/// [`PopulationYear::Same`] takes the count's own year). A monthly or quarterly count takes
/// the population its year takes; its rate is per period, not annualised. `population_period`
/// is the year whose year-end population was used. Rows without that population (never
/// another year's instead), and rows whose count is missing (`..`), are kept with an empty
/// rate and a status saying why; counts under 10 are flagged `unstable`. `published_rate` is
/// Brå's own figure: the input row's `value` where its `method` is `published`.
///
/// Output columns: [`RATE_COLUMNS`].
///
/// # Errors
/// [`Error::InvalidArgument`] when `per` is not positive; polars errors are wrapped.
///
/// # Examples
/// ```
/// use bra_indicators::{rates, read_table_bytes, read_population_bytes, RateOptions, ReadOptions};
/// let counts = read_table_bytes("c.csv", b"area,period,indicator,count\n1982,2020,brott.totalt,1577\n", &ReadOptions::default())?;
/// // Fagersta had 13,391 inhabitants at the end of 2019.
/// let (pop, _) = read_population_bytes("p.csv", b"area,period,population\n1982,2019,13391\n")?;
/// let out = rates(&counts.table, &pop, &RateOptions::default())?;
/// let rate = out.frame.column("rate").unwrap().f64().unwrap().get(0).unwrap();
/// assert_eq!(rate.round(), 11777.0);
/// let used = out.frame.column("population_period").unwrap().str().unwrap().get(0);
/// assert_eq!(used, Some("2019"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn rates(counts: &Table, population: &Population, options: &RateOptions) -> Result<Computed> {
    if !(options.per.is_finite() && options.per > 0.0) {
        return Err(Error::InvalidArgument(format!(
            "expected a positive multiplier (--per), found {}",
            options.per
        )));
    }
    let pl = |e| Error::polars("computing rates", e);
    let left = counts
        .to_dataframe()?
        .lazy()
        .select([
            col("area"),
            col("period"),
            col("indicator"),
            col("group"),
            col("count"),
            col("status"),
            col("source"),
            col("year"),
            col("value"),
            col("method"),
        ])
        .with_row_index("row", None);
    // The population of year P is keyed to the counts of year P + offset.
    let offset = options.population_year.offset();
    let right = population
        .to_dataframe()?
        .lazy()
        .with_column((col("year") + lit(offset)).alias("year"));
    let joined = left
        .join(
            right,
            [col("area"), col("year")],
            [col("area"), col("year")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(["row"], SortMultipleOptions::default())
        .collect()
        .map_err(pl)?;

    let n = joined.height();
    let str_col = |name: &str| -> Result<Vec<Option<String>>> {
        let c = joined.column(name).map_err(pl)?.str().map_err(pl)?;
        Ok(c.iter().map(|v| v.map(str::to_string)).collect())
    };
    let f64_col = |name: &str| -> Result<Vec<Option<f64>>> {
        Ok(joined
            .column(name)
            .map_err(pl)?
            .f64()
            .map_err(pl)?
            .iter()
            .collect())
    };
    let area = str_col("area")?;
    let period = str_col("period")?;
    let indicator = str_col("indicator")?;
    let count = f64_col("count")?;
    let pop = f64_col("population")?;
    let mut status = str_col("status")?;
    let mut source = str_col("source")?;
    let years: Vec<Option<i32>> = joined
        .column("year")
        .map_err(pl)?
        .i32()
        .map_err(pl)?
        .iter()
        .collect();
    let input_method = str_col("method")?;
    let input_value = f64_col("value")?;
    let published_rate: Vec<Option<f64>> = (0..n)
        .map(|i| {
            input_value[i].filter(|_| {
                input_method[i]
                    .as_deref()
                    .is_some_and(|m| m.trim().eq_ignore_ascii_case("published"))
            })
        })
        .collect();
    let population_period: Vec<Option<String>> = (0..n)
        .map(|i| pop[i].and(years[i]).map(|y| (y - offset).to_string()))
        .collect();

    let mut rate = Vec::with_capacity(n);
    let mut lower = Vec::with_capacity(n);
    let mut upper = Vec::with_capacity(n);
    let mut method: Vec<Option<&'static str>> = Vec::with_capacity(n);
    let mut warnings = Vec::new();
    let areas = crate::area::AreaRegistry::builtin();
    for i in 0..n {
        let what = || {
            format!(
                "{} {} {}",
                area[i].as_deref().unwrap_or(""),
                period[i].as_deref().unwrap_or(""),
                indicator[i].as_deref().unwrap_or("")
            )
        };
        let mut out = (None, None, None, None);
        match (count[i], pop[i]) {
            (Some(c), Some(p)) => {
                let ci = count_interval(c, options.level, options.method)?;
                let scale = options.per / p;
                if c < 10.0 {
                    add_status(&mut status[i], "unstable");
                    warnings.push(Warning::new(
                        WarningKind::SmallCount,
                        None,
                        format!("{}: {c} events, rate unstable", what()),
                    ));
                }
                if !(c < 10.0 && options.suppress_small) {
                    out = (
                        Some(c * scale),
                        Some(ci.lower * scale),
                        Some(ci.upper * scale),
                        Some(ci.method.code()),
                    );
                } else {
                    add_status(&mut status[i], "small-count-suppressed");
                }
                if let (Some(s), Some(y)) = (&mut source[i], years[i]) {
                    s.push_str(&population_note(&population.source, y - offset));
                }
            }
            (Some(_), None) => {
                add_status(&mut status[i], "no-population");
                warnings.push(Warning::new(
                    WarningKind::MissingPopulation,
                    None,
                    format!(
                        "{}: {}",
                        what(),
                        missing_population(
                            area[i].as_deref().unwrap_or(""),
                            years[i].map(|y| y - offset)
                        )
                    ),
                ));
            }
            (None, _) => {}
        }
        rate.push(out.0);
        lower.push(out.1);
        upper.push(out.2);
        method.push(out.3);
    }
    let level: Vec<Option<f64>> = method
        .iter()
        .map(|m| m.map(|_| options.level.value()))
        .collect();
    let area_name: Vec<Option<&str>> = area
        .iter()
        .map(|a| {
            a.as_deref()
                .and_then(|a| areas.get(a))
                .map(|a| a.name.as_str())
        })
        .collect();
    let frame = DataFrame::new(
        n,
        vec![
            Column::new("area".into(), area),
            Column::new("period".into(), period),
            Column::new("indicator".into(), indicator),
            joined.column("group").map_err(pl)?.clone(),
            Column::new("count".into(), count),
            Column::new("population".into(), pop),
            Column::new("population_period".into(), population_period),
            Column::new("rate".into(), rate),
            Column::new("published_rate".into(), published_rate),
            Column::new("lower".into(), lower),
            Column::new("upper".into(), upper),
            Column::new("method".into(), method),
            Column::new("level".into(), level),
            Column::new("status".into(), status),
            Column::new("source".into(), source),
            Column::new("area_name".into(), area_name),
        ],
    )
    .map_err(pl)?;
    Ok(Computed { frame, warnings })
}

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
