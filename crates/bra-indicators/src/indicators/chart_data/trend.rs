//! The data of a trend chart: an area's series with its intervals, its benchmarks' lines and
//! a goal's marks.

use super::{
    Selection, ValueFormat, area_name, indicator_text, pick_area, pick_benchmarks, pick_group,
    pick_indicator, series,
};
use crate::area::{AreaKind, AreaRegistry};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicators::smoothing::smooth_comparison_set;
use crate::period::Period;
use crate::table::{Observation, Table};
use std::collections::BTreeMap;

/// One value of a series with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPoint {
    /// The period.
    pub period: Period,
    /// The value (a rate, a percentage, an index).
    pub value: f64,
    /// The lower interval bound, if known.
    pub lower: Option<f64>,
    /// The upper interval bound, if known.
    pub upper: Option<f64>,
}

/// A goal drawn on a trend chart: the straight path from the baseline to the target at the
/// deadline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalMarks {
    /// The baseline period and value.
    pub baseline: (Period, f64),
    /// The target value.
    pub target: f64,
    /// The period by which the target is to be reached.
    pub deadline: Period,
}

/// Everything a trend chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendChartData {
    /// The title (the indicator's name).
    pub title: String,
    /// The unit (`per 100 000 invånare`), in the subtitle and on the y axis.
    pub unit: String,
    /// The area's name (`Fagersta`).
    pub area_name: String,
    /// The area's values, in period order.
    pub points: Vec<ChartPoint>,
    /// Benchmark lines: (name, values by period), e.g. the county and the country.
    pub benchmarks: Vec<(String, Vec<(Period, f64)>)>,
    /// A goal to mark, if any.
    pub goal: Option<GoalMarks>,
    /// The area's empirical-Bayes smoothed rate by period (with `Selection::smooth`; empty
    /// otherwise), drawn as a dashed line beside the raw one.
    pub smoothed: Vec<(Period, f64)>,
    /// Periods without a value (suppressed or missing), noted under the chart.
    pub missing: Vec<Period>,
    /// The interval's confidence level (0.95), for the legend.
    pub level: Option<f64>,
    /// How values are written.
    pub format: ValueFormat,
    /// Where the data come from (`Brå`).
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

/// Builds a trend chart from a table (the output of `bra rates` or `bra survey`, or a
/// canonical table): the series of `sel.area` for `sel.indicator`, with `sel.benchmarks` as
/// lines (by default the area's county and the country, where the table has them).
///
/// # Errors
/// [`Error::InvalidArgument`] when the indicator, area or group is not in the table (the
/// message lists what is), or the area has no values at all.
///
/// # Examples
/// ```
/// use bra_indicators::indicators::chart_data::{Selection, trend_data_from_table};
/// use bra_indicators::{read_table_bytes, ReadOptions};
/// let csv = "area,period,indicator,rate,lower,upper\n\
///            1982,2023,brott.totalt,11000,10500,11500\n1982,2024,brott.totalt,10826,10300,11360\n\
///            00,2023,brott.totalt,13900,13880,13920\n00,2024,brott.totalt,13500,13480,13520\n";
/// let table = read_table_bytes("rates.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let sel = Selection { area: Some("Fagersta".into()), ..Selection::default() };
/// let data = trend_data_from_table(&table, &sel)?;
/// assert_eq!(data.points.len(), 2);
/// assert_eq!(data.benchmarks[0].0, "Riket");
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn trend_data_from_table(table: &Table, sel: &Selection) -> Result<TrendChartData> {
    let indicator = pick_indicator(table, sel)?;
    let area = pick_area(table, sel, &indicator)?;
    let group = pick_group(table, sel, &indicator)?;
    let rows = series(table, &area, &indicator, &group);
    let percent = rows.iter().any(|r| {
        // Brå's published crime rates (`brott.*`, per 100 000) are not shares.
        match r.method.as_deref() {
            Some("wilson" | "clopper-pearson") => true,
            Some("published") => !r.indicator.starts_with("brott."),
            _ => false,
        }
    });
    let text = indicator_text(&indicator, sel.lang, percent);
    let points: Vec<ChartPoint> = rows
        .iter()
        .filter_map(|r| {
            r.value.filter(|v| v.is_finite()).map(|value| ChartPoint {
                period: r.period,
                value,
                lower: r.lower.filter(|v| v.is_finite()),
                upper: r.upper.filter(|v| v.is_finite()),
            })
        })
        .collect();
    if points.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{} has no values for {indicator}: nothing to draw",
            area_name(&area, sel.lang)
        )));
    }
    let missing = rows
        .iter()
        .filter(|r| r.value.is_none())
        .map(|r| r.period)
        .collect();
    let level = rows.iter().find_map(|r| r.level);
    let benchmarks = pick_benchmarks(table, sel, Some(&area), &indicator)
        .into_iter()
        .map(|b| {
            let values = series(table, &b, &indicator, &group)
                .into_iter()
                .filter_map(|r| r.value.map(|v| (r.period, v)))
                .collect::<Vec<_>>();
            (area_name(&b, sel.lang), values)
        })
        .filter(|(_, v)| !v.is_empty())
        .collect::<Vec<_>>();
    let smoothed = if sel.smooth {
        smoothed_series(table, &area, &indicator, &group, &rows, sel.lang)?
    } else {
        Vec::new()
    };
    let format = ValueFormat::for_values(points.iter().map(|p| p.value), text.percent);
    Ok(TrendChartData {
        title: sel.title.clone().unwrap_or(text.name),
        unit: text.unit,
        area_name: area_name(&area, sel.lang),
        points,
        benchmarks,
        goal: None,
        smoothed,
        missing,
        level,
        format,
        source: sel.source.clone().unwrap_or(text.source),
        lang: sel.lang,
    })
}

/// The area's EB-smoothed rate in each period of `rows` (its series), over the kommuner of
/// its county with a count and a population in that period ([`smooth_comparison_set`]).
///
/// # Errors
/// [`Error::InvalidArgument`] when the area is not a kommun of a county, or the table does not
/// have the counts and populations of at least two of the county's kommuner in any period.
fn smoothed_series(
    table: &Table,
    area: &str,
    indicator: &str,
    group: &str,
    rows: &[&Observation],
    lang: Lang,
) -> Result<Vec<(Period, f64)>> {
    let areas = AreaRegistry::builtin();
    let county = areas
        .get(area)
        .filter(|a| a.kind == AreaKind::Kommun)
        .and_then(|a| a.parent.clone())
        .ok_or_else(|| {
            Error::InvalidArgument(format!(
                "EB smoothing smooths a kommun's rate over the kommuner of its county; {} is not a kommun",
                area_name(area, lang)
            ))
        })?;
    let mut by_period: BTreeMap<Period, Vec<&Observation>> = BTreeMap::new();
    for kommun in areas
        .children(&county)
        .filter(|a| a.kind == AreaKind::Kommun)
    {
        for r in series(table, &kommun.code, indicator, group) {
            by_period.entry(r.period).or_default().push(r);
        }
    }
    let mut out = Vec::new();
    for own in rows {
        let Some(set) = by_period.get(&own.period) else {
            continue;
        };
        let Some(i) = set.iter().position(|r| std::ptr::eq(*r, *own)) else {
            continue;
        };
        if let Some(Some((v, _))) = smooth_comparison_set(set).map(|s| s[i]) {
            out.push((own.period, v));
        }
    }
    if out.is_empty() {
        let present = by_period.values().map(Vec::len).max().unwrap_or(0);
        return Err(Error::InvalidArgument(format!(
            "EB smoothing of the trend of {} needs the counts and populations of the kommuner of \
             {} for {indicator} in the input (the output of bra rates for all of them); it has \
             at most {present} of them in any period",
            area_name(area, lang),
            area_name(&county, lang)
        )));
    }
    Ok(out)
}
