//! Trends for every area × indicator × group series of a table at once.

use super::Computed;
use crate::error::{Error, Result};
use crate::indicator::IndicatorRegistry;
use crate::period::Period;
use crate::stats::Level;
use crate::stats::Polarity;
use crate::stats::rate::{RateMethod, count_interval};
use crate::stats::trend::{
    RecentPoint, annual_percent_change, mann_kendall, ols, recent_trend, sen_slope,
};
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Which trend methods to compute; the columns of the others stay empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrendMethod {
    /// Every method (the default).
    #[default]
    All,
    /// Mann-Kendall only (and `direction`).
    MannKendall,
    /// Sen's slope only.
    Sen,
    /// Ordinary least squares only.
    Ols,
    /// Annual percent change (needs counts and populations).
    Apc,
    /// The Fingertips recent trend (needs 5 consecutive years with 95 % intervals).
    Recent,
}

impl TrendMethod {
    fn wants(self, m: TrendMethod) -> bool {
        self == TrendMethod::All || self == m
    }
}

impl FromStr for TrendMethod {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "all" => Ok(TrendMethod::All),
            "mann-kendall" | "mk" => Ok(TrendMethod::MannKendall),
            "sen" => Ok(TrendMethod::Sen),
            "ols" => Ok(TrendMethod::Ols),
            "apc" => Ok(TrendMethod::Apc),
            "recent" => Ok(TrendMethod::Recent),
            _ => Err(Error::InvalidArgument(format!(
                "expected a trend method (all, mann-kendall, sen, ols, apc, recent), found \"{s}\""
            ))),
        }
    }
}

/// Options for [`trends`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendOptions {
    /// Which methods to compute.
    pub method: TrendMethod,
    /// Confidence level of Sen's, OLS and APC intervals, and of the `direction` test.
    pub level: Level,
    /// Leave out periods before this one.
    pub from: Option<Period>,
    /// Leave out periods after this one.
    pub to: Option<Period>,
}

impl Default for TrendOptions {
    fn default() -> Self {
        TrendOptions {
            method: TrendMethod::All,
            level: Level::P95,
            from: None,
            to: None,
        }
    }
}

pub use crate::schema::TREND_COLUMNS;

/// One output row: the trend statistics of one series.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct TrendRow {
    /// Area code.
    pub area: String,
    /// Indicator id.
    pub indicator: String,
    /// Breakdown group.
    pub group: String,
    /// Number of periods with a value.
    pub n_periods: usize,
    /// The first period of the series.
    pub first_period: String,
    /// The last period of the series.
    pub last_period: String,
    /// Mann-Kendall S.
    pub mk_s: Option<f64>,
    /// Var(S), tie-corrected.
    pub mk_var_s: Option<f64>,
    /// z with continuity correction.
    pub mk_z: Option<f64>,
    /// Two-sided p (exact where computed).
    pub mk_p: Option<f64>,
    /// `exact` or `normal`.
    pub mk_p_method: Option<&'static str>,
    /// Kendall's tau-a.
    pub mk_tau: Option<f64>,
    /// Kendall's tau-b (empty for a constant series: 0/0).
    pub mk_tau_b: Option<f64>,
    /// Sen's slope per year.
    pub sen_slope: Option<f64>,
    /// Lower bound of Sen's slope.
    pub sen_lower: Option<f64>,
    /// Upper bound of Sen's slope.
    pub sen_upper: Option<f64>,
    /// Sen's intercept at the first period.
    pub sen_intercept: Option<f64>,
    /// OLS slope per year.
    pub ols_slope: Option<f64>,
    /// OLS intercept at the first period.
    pub ols_intercept: Option<f64>,
    /// Lower bound of the OLS slope (empty without residual variance: 2 points, a constant
    /// series or a perfect fit; the reason is a warning).
    pub ols_slope_lower: Option<f64>,
    /// Upper bound of the OLS slope (empty as `ols_slope_lower`).
    pub ols_slope_upper: Option<f64>,
    /// p of the OLS slope (empty as `ols_slope_lower`: never 0 or 1 for a degenerate fit).
    pub ols_p: Option<f64>,
    /// Annual percent change.
    pub apc: Option<f64>,
    /// Lower bound of the APC.
    pub apc_lower: Option<f64>,
    /// Upper bound of the APC.
    pub apc_upper: Option<f64>,
    /// Quasi-Poisson dispersion φ.
    pub apc_dispersion: Option<f64>,
    /// The Fingertips recent-trend label.
    pub recent_trend: Option<&'static str>,
    /// `increasing`, `decreasing` or `no trend` by Mann-Kendall.
    pub direction: Option<&'static str>,
}

/// Trend statistics for every (area, indicator, group) series of `table`.
///
/// The value of a row is its `value` (`rate` in `bra rates` output, percent in `bra survey`
/// output). Time is in years since the series' first period (decimal for quarters and
/// months); slopes are per year; intercepts are fitted values at the first period. APC uses
/// `count` and `population`; the recent trend uses 95 % intervals (recomputed from count and
/// population where present, else taken from `lower`/`upper` when the row's level is 0.95).
/// Columns a method cannot fill stay empty and the reason goes to the warnings.
///
/// # Errors
/// Only polars errors (every statistical failure becomes a warning).
///
/// # Examples
/// ```
/// use bra_indicators::{trends, read_table_bytes, ReadOptions, TrendOptions};
/// let csv = "area,period,indicator,value\n\
///            1982,2016,brott.totalt,1520.3\n1982,2017,brott.totalt,1498.1\n\
///            1982,2018,brott.totalt,1533.7\n1982,2019,brott.totalt,1470.2\n\
///            1982,2020,brott.totalt,1452.9\n";
/// let t = read_table_bytes("x.csv", csv.as_bytes(), &ReadOptions::default())?;
/// let out = trends(&t.table, &TrendOptions::default())?;
/// let s = out.frame.column("mk_s").unwrap().f64().unwrap().get(0).unwrap();
/// assert_eq!(s, -6.0);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn trends(table: &Table, options: &TrendOptions) -> Result<Computed> {
    let (rows, warnings) = trend_rows(table, options)?;
    Ok(Computed {
        frame: trend_frame(&rows)?,
        warnings,
    })
}

/// The rows of [`trends`], as structs.
///
/// # Errors
/// As [`trends`].
pub fn trend_rows(table: &Table, options: &TrendOptions) -> Result<(Vec<TrendRow>, Vec<Warning>)> {
    // Series keyed by (area, indicator, group), each in time order (a stable sort: rows of
    // the same time keep their order in the table).
    let mut series: BTreeMap<(&str, &str, &str), Vec<&Observation>> = BTreeMap::new();
    for r in table.rows() {
        if options.from.is_some_and(|f| r.period < f) || options.to.is_some_and(|t| r.period > t) {
            continue;
        }
        series
            .entry((&r.area, &r.indicator, &r.group))
            .or_default()
            .push(r);
    }
    let series: Vec<_> = series
        .into_iter()
        .map(|(key, mut rows)| {
            rows.sort_by(|a, b| a.period.time().total_cmp(&b.period.time()));
            (key, rows)
        })
        .collect();
    let registry = IndicatorRegistry::builtin();
    // The series are independent: computed on every core, then put back in order.
    let done = crate::parallel::parallel_map(&series, |((area, indicator, group), rows)| {
        let polarity = registry
            .get(indicator)
            .map_or(Polarity::Neutral, |i| i.polarity);
        let mut warnings = Vec::new();
        let row = one_series(
            area,
            indicator,
            group,
            rows,
            polarity,
            options,
            &mut warnings,
        );
        (row, warnings)
    });
    let mut out = Vec::with_capacity(done.len());
    let mut warnings = Vec::new();
    for (row, w) in done {
        out.push(row);
        warnings.extend(w);
    }
    Ok((out, warnings))
}

fn one_series(
    area: &str,
    indicator: &str,
    group: &str,
    rows: &[&Observation],
    polarity: Polarity,
    options: &TrendOptions,
    warnings: &mut Vec<Warning>,
) -> TrendRow {
    let name = format!("{area} {indicator} {group}");
    let mut warn = |message: String| {
        warnings.push(
            Warning::new(WarningKind::NotComputed, None, format!("{name}: {message}"))
                .about_area(area)
                .about_indicator(indicator),
        );
    };
    let points = series_points(rows, &mut warn);
    let mut row = TrendRow {
        area: area.to_string(),
        indicator: indicator.to_string(),
        group: group.to_string(),
        n_periods: points.len(),
        first_period: points
            .first()
            .map(|r| r.period.to_string())
            .unwrap_or_default(),
        last_period: points
            .last()
            .map(|r| r.period.to_string())
            .unwrap_or_default(),
        ..TrendRow::default()
    };
    let t0 = points.first().map_or(0.0, |r| r.period.time());
    let times: Vec<f64> = points.iter().map(|r| r.period.time() - t0).collect();
    let values: Vec<f64> = points.iter().filter_map(|r| r.value).collect();
    let level = options.level;
    if options.method.wants(TrendMethod::MannKendall) {
        with_mann_kendall(&mut row, &values, level, &mut warn);
    }
    if options.method.wants(TrendMethod::Sen) {
        with_sen(&mut row, (&times, &values), level, &mut warn);
    }
    if options.method.wants(TrendMethod::Ols) {
        with_ols(&mut row, (&times, &values), level, &mut warn);
    }
    if options.method.wants(TrendMethod::Apc) {
        with_apc(&mut row, &points, &times, level, &mut warn);
    }
    if options.method.wants(TrendMethod::Recent) {
        with_recent(&mut row, &points, polarity, &mut warn);
    }
    row
}

/// The points of a series: one kind of period (the kind of the latest), with a value; says
/// what was left out.
fn series_points<'a>(
    rows: &[&'a Observation],
    warn: &mut impl FnMut(String),
) -> Vec<&'a Observation> {
    let kind = rows.last().map(|r| r.period.kind()).unwrap_or("year");
    let mixed = rows.iter().filter(|r| r.period.kind() != kind).count();
    if mixed > 0 {
        warn(format!(
            "{mixed} rows of other period kinds than {kind} left out of the trend"
        ));
    }
    let points: Vec<&Observation> = rows
        .iter()
        .copied()
        .filter(|r| r.period.kind() == kind && r.value.is_some_and(f64::is_finite))
        .collect();
    let skipped = rows.len() - mixed - points.len();
    if skipped > 0 {
        warn(format!("{skipped} periods without a value left out"));
    }
    points
}

/// The Mann-Kendall columns and the direction.
fn with_mann_kendall(
    row: &mut TrendRow,
    values: &[f64],
    level: Level,
    warn: &mut impl FnMut(String),
) {
    match mann_kendall(values) {
        Ok(mk) => {
            row.mk_s = Some(mk.s as f64);
            row.mk_var_s = Some(mk.var_s);
            row.mk_z = Some(mk.z);
            row.mk_p = Some(mk.p);
            row.mk_p_method = Some(mk.p_method.code());
            row.mk_tau = Some(mk.tau_a);
            row.mk_tau_b = mk.tau_b;
            if mk.tau_b.is_none() {
                warn(
                    "Mann-Kendall: the series is constant, so tau-b (0/0) is left empty"
                        .to_string(),
                );
            }
            row.direction = Some(if mk.p < level.alpha() && mk.s > 0 {
                "increasing"
            } else if mk.p < level.alpha() && mk.s < 0 {
                "decreasing"
            } else {
                "no trend"
            });
        }
        Err(e) => warn(format!("Mann-Kendall: {e}")),
    }
}

/// Sen's slope with its interval.
fn with_sen(
    row: &mut TrendRow,
    (times, values): (&[f64], &[f64]),
    level: Level,
    warn: &mut impl FnMut(String),
) {
    match sen_slope(times, values, level) {
        Ok(s) => {
            row.sen_slope = Some(s.slope);
            row.sen_lower = s.lower;
            row.sen_upper = s.upper;
            row.sen_intercept = Some(s.intercept);
            if let Some(w) = s.warning {
                warn(w);
            }
        }
        Err(e) => warn(format!("Sen's slope: {e}")),
    }
}

/// The least-squares line.
fn with_ols(
    row: &mut TrendRow,
    (times, values): (&[f64], &[f64]),
    level: Level,
    warn: &mut impl FnMut(String),
) {
    match ols(times, values, level) {
        Ok(o) => {
            row.ols_slope = Some(o.slope);
            row.ols_intercept = Some(o.intercept);
            row.ols_slope_lower = o.slope_lower;
            row.ols_slope_upper = o.slope_upper;
            row.ols_p = o.p;
            if let Some(reason) = o.reason {
                warn(format!("OLS: {reason}"));
            }
        }
        Err(e) => warn(format!("OLS: {e}")),
    }
}

/// The annual percent change, from the counts and populations of every period.
fn with_apc(
    row: &mut TrendRow,
    points: &[&Observation],
    times: &[f64],
    level: Level,
    warn: &mut impl FnMut(String),
) {
    let counts: Option<Vec<f64>> = points.iter().map(|r| r.count).collect();
    let pops: Option<Vec<f64>> = points.iter().map(|r| r.population).collect();
    match (counts, pops) {
        (Some(c), Some(p)) => match annual_percent_change(times, &c, &p, level) {
            Ok(a) => {
                row.apc = Some(a.apc);
                row.apc_lower = Some(a.lower);
                row.apc_upper = Some(a.upper);
                row.apc_dispersion = Some(a.dispersion);
            }
            Err(e) => warn(format!("APC: {e}")),
        },
        _ => warn("APC needs a count and a population in every period".to_string()),
    }
}

/// Fingertips' recent trend over the yearly points with their 95 % intervals.
fn with_recent(
    row: &mut TrendRow,
    points: &[&Observation],
    polarity: Polarity,
    warn: &mut impl FnMut(String),
) {
    let recent: Vec<RecentPoint> = points
        .iter()
        .filter_map(|r| match r.period {
            Period::Year(y) => Some(RecentPoint {
                period_year: y,
                value: r.value.unwrap_or(f64::NAN),
                lower95: None,
                upper95: None,
            })
            .map(|mut p| {
                (p.lower95, p.upper95) = interval95(r);
                p
            }),
            _ => None,
        })
        .collect();
    let rt = recent_trend(&recent, polarity);
    if let Some(reason) = &rt.reason {
        warn(format!("recent trend: {reason}"));
    }
    row.recent_trend = Some(rt.label.code());
}

/// The row's 95 % interval: recomputed from count and population (rates per the row's own
/// scale), else its `lower`/`upper` when its level is 0.95.
fn interval95(r: &Observation) -> (Option<f64>, Option<f64>) {
    if let (Some(c), Some(p), Some(v)) = (r.count, r.population, r.value)
        && c > 0.0
        && p > 0.0
        && let Ok(ci) = count_interval(c, Level::P95, RateMethod::Auto)
    {
        // The value is c / p × per; recover `per` from it so any multiplier works.
        let per = v * p / c;
        return (Some(ci.lower / p * per), Some(ci.upper / p * per));
    }
    match r.level {
        Some(l) if (l - 0.95).abs() < 1e-9 => (r.lower, r.upper),
        _ => (None, None),
    }
}

/// The rows of [`trend_rows`] as the table of [`trends`], with [`TREND_COLUMNS`] (so that a
/// caller that needs both computes the trends once).
///
/// # Errors
/// Only if polars fails to build the frame.
pub fn trend_frame(rows: &[TrendRow]) -> Result<DataFrame> {
    let areas = crate::area::AreaRegistry::builtin();
    let s = |f: fn(&TrendRow) -> &str| rows.iter().map(f).collect::<Vec<&str>>();
    let n = |f: fn(&TrendRow) -> Option<f64>| rows.iter().map(f).collect::<Vec<Option<f64>>>();
    let o = |f: fn(&TrendRow) -> Option<&'static str>| {
        rows.iter().map(f).collect::<Vec<Option<&str>>>()
    };
    // In TREND_COLUMNS order (the array's length is checked against the list's); the names
    // are the list's, defined once.
    let values: [Column; TREND_COLUMNS.len()] = [
        Column::new(PlSmallStr::EMPTY, s(|r| &r.area)),
        Column::new(PlSmallStr::EMPTY, s(|r| &r.indicator)),
        Column::new(PlSmallStr::EMPTY, s(|r| &r.group)),
        Column::new(
            PlSmallStr::EMPTY,
            rows.iter()
                .map(|r| r.n_periods as u32)
                .collect::<Vec<u32>>(),
        ),
        Column::new(PlSmallStr::EMPTY, s(|r| &r.first_period)),
        Column::new(PlSmallStr::EMPTY, s(|r| &r.last_period)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_s)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_var_s)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_z)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_p)),
        Column::new(PlSmallStr::EMPTY, o(|r| r.mk_p_method)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_tau)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.mk_tau_b)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.sen_slope)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.sen_lower)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.sen_upper)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.sen_intercept)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.ols_slope)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.ols_intercept)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.ols_slope_lower)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.ols_slope_upper)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.ols_p)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.apc)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.apc_lower)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.apc_upper)),
        Column::new(PlSmallStr::EMPTY, n(|r| r.apc_dispersion)),
        Column::new(PlSmallStr::EMPTY, o(|r| r.recent_trend)),
        Column::new(PlSmallStr::EMPTY, o(|r| r.direction)),
        Column::new(
            PlSmallStr::EMPTY,
            rows.iter()
                .map(|r| areas.get(&r.area).map(|a| a.name.as_str()))
                .collect::<Vec<_>>(),
        ),
    ];
    let columns = values
        .into_iter()
        .zip(TREND_COLUMNS)
        .map(|(c, name)| c.with_name(name.into()))
        .collect::<Vec<_>>();
    DataFrame::new(rows.len(), columns).map_err(|e| Error::polars("building the trend table", e))
}
