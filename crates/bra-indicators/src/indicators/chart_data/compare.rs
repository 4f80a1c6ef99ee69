//! The data of a compare chart: a bar per area, assessed against the benchmark by the one
//! comparison engine ([`compare_row`]).

use super::{Selection, ValueFormat, area_name, cross_section, indicator_text};
use crate::area::{AreaKind, AreaRegistry};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicator::{IndicatorRegistry, Polarity};
use crate::indicators::compare::{
    Assessment, Assessments, CompareOptions, benchmark_value, compare_row,
};
use crate::labels::chart as phrase;
use crate::period::Period;
use crate::table::{Observation, Table};

/// One bar: an area's value with its interval and assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareBar {
    /// The area code.
    pub area: String,
    /// The area's name.
    pub name: String,
    /// The value.
    pub value: f64,
    /// Lower interval bound.
    pub lower: Option<f64>,
    /// Upper interval bound.
    pub upper: Option<f64>,
    /// Better / similar / worse than the benchmark (the bar's colour).
    pub assessment: Assessment,
}

/// Everything a compare chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareChartData {
    /// The title (the indicator's name).
    pub title: String,
    /// The unit.
    pub unit: String,
    /// The period compared.
    pub period: Period,
    /// What the areas are, for the subtitle (`Kommunerna i Västmanlands län`).
    pub areas_label: String,
    /// The bars, drawn top to bottom in this order (the builders sort by value, highest first).
    pub bars: Vec<CompareBar>,
    /// The benchmark: (name, value), drawn as a vertical line.
    pub benchmark: Option<(String, f64)>,
    /// The code of an area to emphasise.
    pub highlight: Option<String>,
    /// The interval's confidence level (0.95).
    pub level: Option<f64>,
    /// How values are written.
    pub format: ValueFormat,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

/// Builds a compare chart from a table, judging each area against the benchmark by the
/// Fingertips rule ([`compare_to_benchmark`](crate::stats::compare::compare_to_benchmark)) with the indicator's polarity: the 95 % interval
/// of the row; the 99.8 % interval (for `much better` / `much worse`) recomputed from `count`
/// and `population` where the row has them.
///
/// The areas are `sel.areas`, or the kommuner of the benchmark county; the benchmark is the
/// first of `sel.benchmarks`, or the county of `sel.area`, or the country; the period is
/// `sel.period` or the latest with data. Areas without a value in the period are left out.
///
/// # Errors
/// [`Error::InvalidArgument`] when the selection does not match the data.
pub fn compare_data_from_table(table: &Table, sel: &Selection) -> Result<CompareChartData> {
    build(table, None, sel)
}

/// Builds a compare chart from a table with, when given, the assessments `bra compare` made
/// (read back from its output, [`crate::outputs::read_compare_output`]): a bar takes
/// its assessment from there (`not compared` when it has none), else as in
/// [`compare_data_from_table`].
///
/// # Errors
/// As [`compare_data_from_table`].
pub fn compare_data(
    table: &Table,
    assessments: Option<&Assessments>,
    sel: &Selection,
) -> Result<CompareChartData> {
    build(table, assessments, sel)
}

fn build(
    table: &Table,
    assessments: Option<&Assessments>,
    sel: &Selection,
) -> Result<CompareChartData> {
    let lang = sel.lang;
    let cs = cross_section(table, sel)?;
    let (indicator, period, share) = (&cs.indicator, cs.period, cs.share);
    let text = indicator_text(indicator, lang, share);
    let bench_value = cs
        .benchmark_row
        .and_then(|r| benchmark_value(r, IndicatorRegistry::builtin()));
    let mut bars: Vec<CompareBar> = Vec::with_capacity(cs.rows.len());
    for r in &cs.rows {
        let Some(value) = r.value else { continue };
        let assessment = match assessments {
            Some(map) => map
                .get(&(
                    r.area.clone(),
                    r.period,
                    r.indicator.clone(),
                    r.group.clone(),
                ))
                .copied()
                .unwrap_or(Assessment::NotCompared),
            None => assess(r, bench_value, text.polarity)?,
        };
        bars.push(CompareBar {
            area: r.area.clone(),
            name: area_name(&r.area, lang),
            value,
            lower: r.lower,
            upper: r.upper,
            assessment,
        });
    }
    if bars.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "no values for {indicator} in {period}"
        )));
    }
    bars.sort_by(|a, b| {
        b.value
            .total_cmp(&a.value)
            .then_with(|| a.name.cmp(&b.name))
    });
    let county = cs
        .benchmark
        .as_deref()
        .and_then(|b| AreaRegistry::builtin().get(b))
        .filter(|a| a.kind == AreaKind::Lan && sel.areas.is_empty());
    let areas_label = match county {
        Some(c) => format!("{} {}", phrase::THE_MUNICIPALITIES_OF.get(lang), c.name),
        None => String::new(),
    };
    let format = ValueFormat::for_values(bars.iter().map(|b| b.value), text.percent);
    Ok(CompareChartData {
        title: sel.title.clone().unwrap_or(text.name),
        unit: text.unit,
        period,
        areas_label,
        benchmark: cs
            .benchmark
            .as_deref()
            .zip(bench_value)
            .map(|(b, v)| (area_name(b, lang), v)),
        highlight: cs.highlight.clone(),
        level: cs.rows.iter().find_map(|r| r.level),
        bars,
        format,
        source: sel.source.clone().unwrap_or(text.source),
        lang,
    })
}

/// The Fingertips assessment of one row against `benchmark`, by the comparison engine
/// ([`compare_row`], as `bra compare` makes it).
fn assess(r: &Observation, benchmark: Option<f64>, polarity: Polarity) -> Result<Assessment> {
    compare_row(
        r,
        benchmark,
        polarity,
        &CompareOptions::default(),
        IndicatorRegistry::builtin(),
    )
    .map(|j| j.assessment)
}
