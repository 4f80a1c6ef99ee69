//! Comparison with a benchmark and change between two periods, for whole tables:
//! `bra compare` and `bra compare --between`.

use super::{Computed, FrameBuilder};
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::indicator::{IndicatorKind, IndicatorRegistry};
use crate::period::Period;
/// The results of a comparison, as [`crate::stats::compare`] defines them.
pub use crate::stats::compare::{Assessment, Change, ChangeTest, Comparison};

/// Assessments made by [`compare`], by (area, period, indicator, group).
pub type Assessments = HashMap<(String, Period, String, String), Assessment>;
use crate::stats::compare::{
    compare_to_benchmark, interval_overlap, rate_ratio_exact, two_proportion_z,
};
use crate::stats::proportion::{ProportionMethod, proportion_interval};
use crate::stats::rate::{RateMethod, rate};
use crate::stats::{Level, Polarity};
use crate::table::{Observation, Table, add_status};
use crate::warning::{Warning, WarningKind};
use polars::prelude::DataFrame;
use std::collections::{HashMap, HashSet};

/// Options for [`compare`]: the levels of the Fingertips rule.
///
/// ```
/// use bra_indicators::{CompareOptions, Level};
/// assert_eq!(CompareOptions::default().levels, [Level::P95, Level::P998]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CompareOptions {
    /// The first level decides `higher` / `similar` / `lower` (0.95); a second one, if given,
    /// `much better` / `much worse` (0.998). More than two are not used.
    pub levels: Vec<Level>,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            levels: vec![Level::P95, Level::P998],
        }
    }
}

pub use crate::schema::COMPARE_COLUMNS;

pub use crate::schema::CHANGE_COLUMNS;

/// What a row's numbers are, for recomputing its interval from count and population / n.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    /// A rate per `per` inhabitants.
    Rate { per: f64 },
    /// A share in percent.
    Percent,
    /// An index or anything else: its interval cannot be recomputed.
    Other,
}

/// The scale of a row: by the indicator's kind in the registry, else from the numbers
/// (value ≈ 100 × count / n is a percentage; value = count / population × per a rate).
fn scale_of(row: &Observation, indicators: &IndicatorRegistry) -> Scale {
    let ratio = match (row.count, row.population, row.value) {
        (Some(c), Some(p), Some(v)) if c > 0.0 && p > 0.0 => Some(snap(v * p / c)),
        _ => None,
    };
    match indicators.get(&row.indicator).map(|i| i.kind) {
        Some(IndicatorKind::CountRate) => Scale::Rate {
            per: ratio.unwrap_or(100_000.0),
        },
        Some(IndicatorKind::SurveyProportion) => Scale::Percent,
        // Indices (and any other kind): an interval cannot be recomputed.
        Some(_) => Scale::Other,
        None => match ratio {
            Some(100.0) => Scale::Percent,
            Some(r) => Scale::Rate { per: r },
            None => Scale::Other,
        },
    }
}

/// `x` rounded to the power of ten it is within 1e-9 (relative) of, else `x`: the multiplier
/// of a rate recovered from rate × population / count.
fn snap(x: f64) -> f64 {
    let p = 10f64.powi(x.log10().round() as i32);
    if (x - p).abs() <= 1e-9 * p { p } else { x }
}

/// The row's estimate: its value, else computed from count and population / n.
fn estimate(row: &Observation, scale: Scale) -> Option<f64> {
    row.value.or(match (row.count, row.population, scale) {
        (Some(c), Some(p), Scale::Rate { per }) if p > 0.0 => Some(c / p * per),
        (Some(c), Some(n), Scale::Percent) if n > 0.0 => Some(100.0 * c / n),
        _ => None,
    })
}

/// The row's interval at `level` recomputed from count and population / n (rates: the row's
/// own method, `auto` by default; shares: Wilson unless the row says Clopper-Pearson, and a
/// count of value × n / 100 when only the share is given), with the method that made it.
/// `None` without count (or share) and population / n, or for an index.
fn recompute(
    row: &Observation,
    scale: Scale,
    level: Level,
) -> Result<Option<(f64, f64, &'static str)>> {
    // A published share with n but no count: count = value × n / 100.
    let count = match scale {
        Scale::Percent => row
            .count
            .or_else(|| Some(row.value? / 100.0 * row.population?)),
        _ => row.count,
    };
    let (Some(c), Some(p)) = (count, row.population) else {
        return Ok(None);
    };
    let context = |e: Error| {
        Error::InvalidArgument(format!(
            "{} {} {} {}: {e}",
            row.area, row.period, row.indicator, row.group
        ))
    };
    match scale {
        Scale::Rate { per } => {
            let method = row
                .method
                .as_deref()
                .and_then(|m| m.parse::<RateMethod>().ok())
                .unwrap_or(RateMethod::Auto);
            let r = rate(c, p, per, level, method).map_err(context)?;
            Ok(Some((r.lower, r.upper, r.method.code())))
        }
        Scale::Percent => {
            let method = match row.method.as_deref() {
                Some("clopper-pearson") => ProportionMethod::ClopperPearson,
                _ => ProportionMethod::Wilson,
            };
            let x = proportion_interval(c, p, level, method).map_err(context)?;
            Ok(Some((100.0 * x.lower, 100.0 * x.upper, x.method)))
        }
        Scale::Other => Ok(None),
    }
}

/// The row's own interval if it is at `level` (rows without a level are taken as 95 %).
fn own_interval(row: &Observation, level: Level) -> Option<(f64, f64)> {
    let at = row.level.unwrap_or(0.95);
    match (row.lower, row.upper) {
        (Some(l), Some(u)) if (at - level.value()).abs() < 1e-9 => Some((l, u)),
        _ => None,
    }
}

/// One row judged against a benchmark value: the intervals the judgement used and its result.
/// Made by [`compare_row`], the one place where the Fingertips assessment is made for
/// `bra compare`, the compare chart and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RowComparison {
    /// The interval at the first level: the row's own when it is at that level, else
    /// recomputed from count and population / n.
    pub interval: Option<(f64, f64)>,
    /// The method of that interval (the row's own, or the one that recomputed it).
    pub method: Option<String>,
    /// The level of that interval (the row's own level when there is no interval).
    pub level: Option<f64>,
    /// The interval at the second level (lower, upper, level), always recomputed.
    pub outer: Option<(f64, f64, f64)>,
    /// Higher / similar / lower than the benchmark.
    pub comparison: Comparison,
    /// Better / similar / worse by the polarity.
    pub assessment: Assessment,
}

/// Judges one row against `benchmark` by the Fingertips rule at `options.levels`, with the
/// indicator's `polarity` (METHODS.md, "Comparison with a benchmark"): the interval at the
/// first level is the row's own when it is at that level, else recomputed from count and
/// population / n; the one at the second level is only ever recomputed. Rates are recomputed
/// with the row's method at the multiplier the row was made with, shares in percent with
/// Wilson (Clopper-Pearson when the row says so); `indicators` tells which a row is.
///
/// # Errors
/// [`Error::InvalidArgument`] without levels, or when the row's count and population cannot
/// make an interval (e.g. a count above n).
///
/// # Examples
/// ```
/// use bra_indicators::indicators::compare::{Assessment, compare_row};
/// use bra_indicators::{CompareOptions, IndicatorRegistry, Observation, Period, Polarity};
/// let mut row = Observation::new("1982", Period::Year(2020), "brott.totalt");
/// (row.count, row.population, row.value) = (Some(1577.0), Some(13391.0), Some(11776.6));
/// let judged = compare_row(&row, Some(14_000.0), Polarity::LowerIsBetter,
///                          &CompareOptions::default(), IndicatorRegistry::builtin())?;
/// assert_eq!(judged.assessment, Assessment::MuchBetter);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn compare_row(
    row: &Observation,
    benchmark: Option<f64>,
    polarity: Polarity,
    options: &CompareOptions,
    indicators: &IndicatorRegistry,
) -> Result<RowComparison> {
    let Some(&first) = options.levels.first() else {
        return Err(no_levels());
    };
    let second = options.levels.get(1).copied();
    judge(
        row,
        scale_of(row, indicators),
        benchmark,
        polarity,
        first,
        second,
    )
}

/// The value a benchmark row stands for: its value, else computed from count and
/// population / n (as [`compare`] takes it).
///
/// ```
/// use bra_indicators::indicators::compare::benchmark_value;
/// use bra_indicators::{IndicatorRegistry, Observation, Period};
/// let mut row = Observation::new("00", Period::Year(2024), "brott.totalt");
/// (row.count, row.population) = (Some(1_500_000.0), Some(10_500_000.0));
/// let v = benchmark_value(&row, IndicatorRegistry::builtin()).unwrap();
/// assert!((v - 14_285.714).abs() < 1e-3);
/// ```
pub fn benchmark_value(row: &Observation, indicators: &IndicatorRegistry) -> Option<f64> {
    estimate(row, scale_of(row, indicators))
}

fn no_levels() -> Error {
    Error::InvalidArgument("expected at least one level to compare at, e.g. 0.95,0.998".to_string())
}

/// The judgement of [`compare_row`] at the row's `scale`.
fn judge(
    row: &Observation,
    scale: Scale,
    benchmark: Option<f64>,
    polarity: Polarity,
    first: Level,
    second: Option<Level>,
) -> Result<RowComparison> {
    let (interval, method, level) = match own_interval(row, first) {
        Some(i) => (Some(i), row.method.clone(), Some(first.value())),
        None => match recompute(row, scale, first)? {
            Some((l, u, m)) => (Some((l, u)), Some(m.to_string()), Some(first.value())),
            None => (None, row.method.clone(), row.level),
        },
    };
    let outer = match second {
        Some(l) => recompute(row, scale, l)?.map(|(lo, up, _)| (lo, up, l.value())),
        None => None,
    };
    let (comparison, assessment) =
        compare_to_benchmark(interval, outer.map(|(l, u, _)| (l, u)), benchmark, polarity);
    Ok(RowComparison {
        interval,
        method,
        level,
        outer,
        comparison,
        assessment,
    })
}

/// What the values of a series are, for choosing a change test: see [`change_test`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Decided per row by the indicator's kind in the registry, else by the numbers
    /// (value ≈ 100 × count / n is a share; value = count / population × per a rate).
    ByIndicator,
    /// Shares in percent of n respondents (a survey).
    Share,
}

/// The change test two rows of one series allow (METHODS.md, "Change between two periods"):
/// `rate-ratio-exact` for rates with counts and populations, `two-proportion-z` for shares
/// with n (the count, or value × n / 100), else `interval-overlap` when both have an interval;
/// `None` when neither. The one test behind `bra compare --between`, the report's change
/// since the previous wave and the survey chart's marks.
///
/// # Errors
/// [`Error::InvalidArgument`] for a `level` outside (0, 1), or naming the rows when their
/// numbers make no test.
///
/// # Examples
/// ```
/// use bra_indicators::indicators::compare::{ValueKind, change_test};
/// use bra_indicators::{IndicatorRegistry, Observation, Period};
/// let wave = |y, v| { let mut r = Observation::new("1982", Period::Year(y), "x");
///                     (r.value, r.population) = (Some(v), Some(100.0)); r };
/// let c = change_test(&wave(2021, 65.0), &wave(2023, 50.0), 0.95, ValueKind::Share,
///                     IndicatorRegistry::builtin())?.expect("tested");
/// assert!(c.significant);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn change_test(
    a: &Observation,
    b: &Observation,
    level: f64,
    kind: ValueKind,
    indicators: &IndicatorRegistry,
) -> Result<Option<Change>> {
    let level = Level::new(level)?;
    let scale = match kind {
        ValueKind::ByIndicator => scale_of(a, indicators),
        ValueKind::Share => Scale::Percent,
    };
    test_change(a, b, scale, level)
}

/// Compares every row with the benchmark area's row of the same indicator, period and group,
/// by the Fingertips rule (METHODS.md, "Comparison with a benchmark").
///
/// - The interval at the first level (95 %) decides `higher` / `similar` / `lower`: the row's
///   own interval when it is at that level, else recomputed from `count` and
///   `population` / `n`.
/// - The indicator's polarity (from `indicators`) turns them into `better` / `worse`;
///   `much better` / `much worse` when the benchmark lies outside the interval at the second
///   level (99.8 %) too, which is only ever recomputed from count and population / n: rows
///   with only a published interval never get `much ...`.
/// - `not compared`: neutral or unknown polarity (assessment only), a missing value,
///   interval or benchmark, and the benchmark's own rows (status `benchmark`).
///
/// Rates are recomputed with the row's method (`byar`, `exact`, ...; `auto` by default) at
/// the multiplier the row was made with (rate × population / count, e.g. 100 000); shares in
/// percent with Wilson (or Clopper-Pearson when the row says so). Output columns:
/// [`COMPARE_COLUMNS`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an unknown benchmark area or no levels; a row whose count
/// and population cannot make an interval.
///
/// # Examples
/// Fagersta 2020 (1 577 crimes, 13 391 inhabitants) against a country rate of 14 000 per
/// 100 000: lower, and so better, even at 99.8 %.
/// ```
/// use bra_indicators::{compare, read_indicator_table_bytes, AreaRegistry, CompareOptions, IndicatorRegistry, ReadOptions};
/// let csv = "area,period,indicator,count,population,rate\n\
///            1982,2020,brott.totalt,1577,13391,\n\
///            00,2020,brott.totalt,,,14000\n";
/// let table = read_indicator_table_bytes("r.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let out = compare(&table, "00", &CompareOptions::default(), AreaRegistry::builtin(), IndicatorRegistry::builtin())?;
/// let assessment = out.frame.column("assessment").unwrap().str().unwrap().get(0);
/// assert_eq!(assessment, Some("much better"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn compare(
    table: &Table,
    benchmark: &str,
    options: &CompareOptions,
    areas: &AreaRegistry,
    indicators: &IndicatorRegistry,
) -> Result<Computed> {
    let bench_code = benchmark_code(benchmark, areas)?;
    let Some(&first) = options.levels.first() else {
        return Err(no_levels());
    };
    let levels = (first, options.levels.get(1).copied());
    let rows = table.rows();
    let bench = benchmark_values(rows, &bench_code, indicators);
    let mut out: Vec<CompareRow> = Vec::with_capacity(rows.len());
    let mut warnings = Vec::new();
    let mut unknown: HashSet<&str> = HashSet::new();
    for r in rows {
        let bench_value = bench
            .get(&(r.indicator.as_str(), r.period, r.group.as_str()))
            .copied()
            .flatten();
        let polarity = polarity_of(r, indicators, &mut unknown, &mut warnings);
        out.push(judge_against_benchmark(
            r,
            (&bench_code, bench_value),
            polarity,
            levels,
            indicators,
            &mut warnings,
        )?);
    }
    Ok(Computed {
        frame: compare_frame(rows, &out, &bench_code, areas)?,
        warnings,
    })
}

/// The benchmark area's estimate of each indicator, period and group.
fn benchmark_values<'a>(
    rows: &'a [Observation],
    bench_code: &str,
    indicators: &IndicatorRegistry,
) -> HashMap<(&'a str, Period, &'a str), Option<f64>> {
    rows.iter()
        .filter(|r| r.area == bench_code)
        .map(|r| {
            let key = (r.indicator.as_str(), r.period, r.group.as_str());
            (key, estimate(r, scale_of(r, indicators)))
        })
        .collect()
}

/// The polarity of the row's indicator; an indicator the registry does not know is neutral,
/// with one warning for each.
fn polarity_of<'a>(
    r: &'a Observation,
    indicators: &IndicatorRegistry,
    unknown: &mut HashSet<&'a str>,
    warnings: &mut Vec<Warning>,
) -> Polarity {
    if let Some(i) = indicators.get(&r.indicator) {
        return i.polarity;
    }
    if unknown.insert(r.indicator.as_str()) {
        warnings.push(
            Warning::new(
                WarningKind::UnknownIndicator,
                None,
                format!(
                    "{}: not in the indicator registry, so its polarity is unknown: \
                     assessed as neutral (add it to an indicators file)",
                    r.indicator
                ),
            )
            .about_indicator(&r.indicator),
        );
    }
    Polarity::Neutral
}

/// One row judged against the benchmark's value (`bench`: its area and value) at the
/// `levels`; the benchmark's own rows are not compared, and a row without a benchmark value
/// or an interval says why.
fn judge_against_benchmark(
    r: &Observation,
    (bench_code, bench_value): (&str, Option<f64>),
    polarity: Polarity,
    (first, second): (Level, Option<Level>),
    indicators: &IndicatorRegistry,
    warnings: &mut Vec<Warning>,
) -> Result<CompareRow> {
    let scale = scale_of(r, indicators);
    let mut status = r.status.clone();
    let judged = judge(r, scale, bench_value, polarity, first, second)?;
    let (comparison, assessment) = if r.area == bench_code {
        add_status(&mut status, "benchmark");
        (Comparison::NotCompared, Assessment::NotCompared)
    } else {
        if bench_value.is_none() {
            warnings.push(Warning::new(
                WarningKind::NotComputed,
                None,
                format!(
                    "{} {} {} {}: no benchmark value for area {bench_code}: not compared",
                    r.area, r.period, r.indicator, r.group
                ),
            ));
        } else if judged.interval.is_none() {
            warnings.push(Warning::new(
                WarningKind::NotComputed,
                None,
                format!(
                    "{} {} {} {}: no interval at {} (neither given nor computable from count and population/n): not compared",
                    r.area, r.period, r.indicator, r.group, first
                ),
            ));
        }
        (judged.comparison, judged.assessment)
    };
    let inner = judged.interval;
    Ok(CompareRow {
        value: estimate(r, scale),
        lower: inner.map(|i| i.0),
        upper: inner.map(|i| i.1),
        method: judged.method,
        level: judged.level,
        status,
        benchmark_value: bench_value,
        comparison,
        assessment,
        outer: judged.outer,
    })
}

/// The table of [`compare`]: the input rows with what was computed for them.
fn compare_frame(
    rows: &[Observation],
    out: &[CompareRow],
    bench_code: &str,
    areas: &AreaRegistry,
) -> Result<DataFrame> {
    let mut f = FrameBuilder::new(&COMPARE_COLUMNS, rows.len());
    f.str(rows.iter().map(|r| Some(r.area.clone())));
    f.str(rows.iter().map(|r| Some(r.period.to_string())));
    f.str(rows.iter().map(|r| Some(r.indicator.clone())));
    f.str(rows.iter().map(|r| Some(r.group.clone())));
    f.f64(rows.iter().map(|r| r.count));
    f.f64(rows.iter().map(|r| r.population));
    f.f64(out.iter().map(|o| o.value));
    f.f64(out.iter().map(|o| o.lower));
    f.f64(out.iter().map(|o| o.upper));
    f.str(out.iter().map(|o| o.method.clone()));
    f.f64(out.iter().map(|o| o.level));
    f.str(out.iter().map(|o| o.status.clone()));
    f.str(rows.iter().map(|r| r.survey_year.clone()));
    f.str(rows.iter().map(|r| Some(r.source.clone())));
    f.str(rows.iter().map(|_| Some(bench_code.to_string())));
    f.f64(out.iter().map(|o| o.benchmark_value));
    f.str(out.iter().map(|o| Some(o.comparison.code().to_string())));
    f.str(out.iter().map(|o| Some(o.assessment.code().to_string())));
    f.f64(out.iter().map(|o| o.outer.map(|x| x.0)));
    f.f64(out.iter().map(|o| o.outer.map(|x| x.1)));
    f.f64(out.iter().map(|o| o.outer.map(|x| x.2)));
    f.str(area_names(rows.iter().map(|r| &r.area), areas));
    f.finish("comparing with the benchmark")
}

/// The computed part of one output row of [`compare`].
struct CompareRow {
    value: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    method: Option<String>,
    level: Option<f64>,
    status: Option<String>,
    benchmark_value: Option<f64>,
    comparison: Comparison,
    assessment: Assessment,
    outer: Option<(f64, f64, f64)>,
}

/// The code of the benchmark area (a code or a name).
fn benchmark_code(benchmark: &str, areas: &AreaRegistry) -> Result<String> {
    areas.code_of(benchmark).map(str::to_string).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "unknown benchmark area \"{benchmark}\": expected an area code such as 00 (riket) or \
             19 (Västmanlands län), or a name (list them with `bra areas`)"
        ))
    })
}

fn area_names<'a>(
    codes: impl Iterator<Item = &'a String> + 'a,
    areas: &'a AreaRegistry,
) -> impl Iterator<Item = Option<String>> + 'a {
    codes.map(move |c| areas.get(c).map(|a| a.name.clone()))
}

/// Change between two periods for every area, indicator and group that has both (METHODS.md,
/// "Comparison with a benchmark", change between two periods).
///
/// The test follows the data: `rate-ratio-exact` for counts with populations (rates),
/// `two-proportion-z` for shares with `n` (the count, or value × n / 100 for a published
/// share), `interval-overlap` when there are only the two intervals (significant when they do
/// not overlap; no p-value). `change` = value₂ − value₁ in the indicator's unit (percentage
/// points for shares); `significant` is p < 1 − `level`. With a `benchmark` area, its change
/// over the same periods stands beside each row (`benchmark_change`). Output columns:
/// [`CHANGE_COLUMNS`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an unknown benchmark area or a row whose numbers make no
/// test.
///
/// # Examples
/// Unsafety from 2021 to 2023 with n: the two-proportion z-test.
/// ```
/// use bra_indicators::{change_between, read_survey_bytes, AreaRegistry, IndicatorRegistry, Level, Period, ReadOptions};
/// let csv = "area,period,indicator,n,value\n\
///            1982,2021,mu.trygg_kvall,100,65\n\
///            1982,2023,mu.trygg_kvall,100,50\n";
/// let table = read_survey_bytes("mu.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let out = change_between(&table, Period::Year(2021), Period::Year(2023), Level::P95, None,
///                          AreaRegistry::builtin(), IndicatorRegistry::builtin())?;
/// let f = &out.frame;
/// assert_eq!(f.column("test").unwrap().str().unwrap().get(0), Some("two-proportion-z"));
/// let p = f.column("p_value").unwrap().f64().unwrap().get(0).unwrap();
/// assert!((p - 0.03190525523659653).abs() < 1e-10); // statsmodels proportions_ztest
/// assert_eq!(f.column("change").unwrap().f64().unwrap().get(0), Some(-15.0));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn change_between(
    table: &Table,
    first: Period,
    second: Period,
    level: Level,
    benchmark: Option<&str>,
    areas: &AreaRegistry,
    indicators: &IndicatorRegistry,
) -> Result<Computed> {
    let bench_code = benchmark.map(|b| benchmark_code(b, areas)).transpose()?;
    let pairs = Pairs::of(table, (first, second));
    let mut warnings = Vec::new();
    let mut out: Vec<ChangeRow> = Vec::new();
    for key in &pairs.order {
        let (Some(a), Some(b)) = pairs.rows[key] else {
            let missing = if pairs.rows[key].0.is_none() {
                first
            } else {
                second
            };
            warnings.push(Warning::new(
                WarningKind::NotComputed,
                None,
                format!(
                    "{} {} {}: no row for {missing}, so no change",
                    key.0, key.1, key.2
                ),
            ));
            continue;
        };
        let row = change_row(*key, (a, b), level, indicators)?;
        if row.test.is_none() {
            warnings.push(Warning::new(
                WarningKind::NotComputed,
                None,
                format!(
                    "{} {} {}: {first} and {second} have neither counts with populations/n nor \
                     two intervals: change not tested",
                    key.0, key.1, key.2
                ),
            ));
        }
        out.push(row);
    }
    if let Some(code) = &bench_code {
        set_benchmark_changes(&mut out, code);
    }
    Ok(Computed {
        frame: change_frame(&out, (first, second), level, bench_code, areas)?,
        warnings,
    })
}

/// (area, indicator, group).
type SeriesKey<'a> = (&'a str, &'a str, &'a str);

/// The rows of two periods, paired by (area, indicator, group) in the order first seen.
struct Pairs<'a> {
    order: Vec<SeriesKey<'a>>,
    rows: HashMap<SeriesKey<'a>, (Option<&'a Observation>, Option<&'a Observation>)>,
}

impl<'a> Pairs<'a> {
    fn of(table: &'a Table, (first, second): (Period, Period)) -> Self {
        let mut pairs = Pairs {
            order: Vec::new(),
            rows: HashMap::new(),
        };
        for r in table.rows() {
            let slot = if r.period == first {
                0
            } else if r.period == second {
                1
            } else {
                continue;
            };
            let key = (r.area.as_str(), r.indicator.as_str(), r.group.as_str());
            let entry = pairs.rows.entry(key).or_insert_with(|| {
                pairs.order.push(key);
                (None, None)
            });
            if slot == 0 {
                entry.0 = Some(r);
            } else {
                entry.1 = Some(r);
            }
        }
        pairs
    }
}

/// The change from `a` to `b` with the test their numbers allow.
fn change_row(
    (area, indicator, group): (&str, &str, &str),
    (a, b): (&Observation, &Observation),
    level: Level,
    indicators: &IndicatorRegistry,
) -> Result<ChangeRow> {
    let scale = scale_of(a, indicators);
    let (v1, v2) = (estimate(a, scale), estimate(b, scale));
    Ok(ChangeRow {
        area: area.to_string(),
        indicator: indicator.to_string(),
        group: group.to_string(),
        v1,
        v2,
        change: v1.zip(v2).map(|(x, y)| y - x),
        test: test_change(a, b, scale, level)?,
        benchmark_change: None,
    })
}

/// Sets each row's `benchmark_change`: the change of the benchmark area (`code`) in the same
/// indicator and group.
fn set_benchmark_changes(out: &mut [ChangeRow], code: &str) {
    let changes: HashMap<(String, String), Option<f64>> = out
        .iter()
        .filter(|r| r.area == code)
        .map(|r| ((r.indicator.clone(), r.group.clone()), r.change))
        .collect();
    for r in out.iter_mut() {
        r.benchmark_change = changes
            .get(&(r.indicator.clone(), r.group.clone()))
            .copied()
            .flatten();
    }
}

/// The table of [`change_between`].
fn change_frame(
    out: &[ChangeRow],
    (first, second): (Period, Period),
    level: Level,
    bench_code: Option<String>,
    areas: &AreaRegistry,
) -> Result<DataFrame> {
    let mut f = FrameBuilder::new(&CHANGE_COLUMNS, out.len());
    f.str(out.iter().map(|r| Some(r.area.clone())));
    f.str(out.iter().map(|r| Some(r.indicator.clone())));
    f.str(out.iter().map(|r| Some(r.group.clone())));
    f.str(out.iter().map(|_| Some(first.to_string())));
    f.f64(out.iter().map(|r| r.v1));
    f.str(out.iter().map(|_| Some(second.to_string())));
    f.f64(out.iter().map(|r| r.v2));
    f.f64(out.iter().map(|r| r.change));
    f.str(
        out.iter()
            .map(|r| r.test.map(|t| t.test.code().to_string())),
    );
    f.f64(out.iter().map(|r| r.test.and_then(|t| t.statistic)));
    f.f64(out.iter().map(|r| r.test.and_then(|t| t.p_value)));
    f.bool(out.iter().map(|r| r.test.map(|t| t.significant)));
    f.f64(out.iter().map(|_| Some(level.value())));
    f.str(out.iter().map(|_| bench_code.clone()));
    f.f64(out.iter().map(|r| r.benchmark_change));
    f.str(area_names(out.iter().map(|r| &r.area), areas));
    f.finish("computing change between periods")
}

/// One output row of [`change_between`].
struct ChangeRow {
    area: String,
    indicator: String,
    group: String,
    v1: Option<f64>,
    v2: Option<f64>,
    change: Option<f64>,
    test: Option<Change>,
    benchmark_change: Option<f64>,
}

/// The change test the two rows allow, if any.
fn test_change(
    a: &Observation,
    b: &Observation,
    scale: Scale,
    level: Level,
) -> Result<Option<Change>> {
    let context = |e: Error| {
        Error::InvalidArgument(format!(
            "{} {} {}, {} and {}: {e}",
            a.area, a.indicator, a.group, a.period, b.period
        ))
    };
    let share = |r: &Observation| -> Option<(f64, f64)> {
        let n = r.population?;
        Some((r.count.or(r.value.map(|v| v / 100.0 * n))?, n))
    };
    match scale {
        Scale::Rate { .. } => {
            if let (Some(c1), Some(n1), Some(c2), Some(n2)) =
                (a.count, a.population, b.count, b.population)
            {
                return rate_ratio_exact(c1, n1, c2, n2, level)
                    .map(Some)
                    .map_err(context);
            }
        }
        Scale::Percent => {
            if let (Some((x1, n1)), Some((x2, n2))) = (share(a), share(b)) {
                return two_proportion_z(x1, n1, x2, n2, level)
                    .map(Some)
                    .map_err(context);
            }
        }
        Scale::Other => {}
    }
    match (a.lower, a.upper, b.lower, b.upper) {
        (Some(l1), Some(u1), Some(l2), Some(u2)) => {
            interval_overlap(l1, u1, l2, u2).map(Some).map_err(context)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{ReadOptions, read_indicator_table_bytes};

    fn table(csv: &str) -> Table {
        read_indicator_table_bytes("t.csv", csv.as_bytes(), &ReadOptions::default())
            .expect("valid")
            .table
    }

    fn column(out: &Computed, name: &str) -> Vec<Option<String>> {
        let c = out.frame.column(name).expect("column");
        (0..c.len())
            .map(|i| match c.get(i).expect("cell") {
                polars::prelude::AnyValue::Null => None,
                v => Some(v.to_string().trim_matches('"').to_string()),
            })
            .collect()
    }

    fn numbers(out: &Computed, name: &str) -> Vec<Option<f64>> {
        let c = out.frame.column(name).expect("column");
        c.f64().expect("numbers").iter().collect()
    }

    fn run(csv: &str, levels: Vec<Level>) -> Computed {
        compare(
            &table(csv),
            "00",
            &CompareOptions { levels },
            AreaRegistry::builtin(),
            IndicatorRegistry::builtin(),
        )
        .expect("compares")
    }

    /// Every path of the rule over whole rows: what the row holds decides which intervals
    /// exist, and so which grades are possible.
    #[test]
    fn assessments_follow_what_the_row_holds() {
        let csv = "area,period,indicator,count,n,value,lower,upper\n\
            00,2020,mu.trygg_kvall,,,65.0,64.8,65.2\n\
            1982,2020,mu.trygg_kvall,150,300,,,\n\
            1980,2020,mu.trygg_kvall,,,50.0,44.4,55.6\n\
            1981,2020,mu.trygg_kvall,190,300,,,\n\
            1983,2020,mu.trygg_kvall,..,,,,\n\
            00,2020,ntu.otrygghet,,,29.0,28.6,29.4\n\
            1982,2020,ntu.otrygghet,,,33.0,30.0,36.0\n\
            1982,2021,ntu.otrygghet,,,33.0,30.0,36.0\n";
        let out = run(csv, vec![Level::P95, Level::P998]);
        let got: Vec<(Option<String>, Option<String>)> = column(&out, "comparison")
            .into_iter()
            .zip(column(&out, "assessment"))
            .collect();
        let s = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
        assert_eq!(
            got,
            [
                s("not compared", "not compared"), // the benchmark itself
                s("lower", "much worse"),          // count and n: 99.8 % recomputed
                s("lower", "worse"),               // published only: never "much"
                s("similar", "similar"),           // 63.3 %: 65 % inside its interval
                s("not compared", "not compared"), // suppressed
                s("not compared", "not compared"), // benchmark
                s("higher", "worse"),              // unsafety: lower is better
                s("not compared", "not compared"), // no benchmark for 2021
            ]
        );
        let status = column(&out, "status");
        assert_eq!(status[0].as_deref(), Some("benchmark"));
        assert_eq!(status[4].as_deref(), Some("suppressed"));
        let outer = column(&out, "outer_lower");
        assert!(outer[1].is_some() && outer[2].is_none());
        // One level only: nothing is "much".
        let one = run(csv, vec![Level::P95]);
        assert_eq!(column(&one, "assessment")[1].as_deref(), Some("worse"));
        assert!(column(&one, "outer_lower").iter().all(Option::is_none));
    }

    #[test]
    fn rates_are_recomputed_at_their_own_multiplier() {
        // Rates per 1 000 (not 100 000): 20 events in 1 000 → 20 per 1 000, Byar's 95 %
        // interval (12.2114288, 30.8898804) per 1 000 (PHE test data, METHODS.md).
        let csv = "area,period,indicator,count,population,rate,lower,upper,level,method\n\
            00,2020,brott.totalt,,,8.0,,,,\n\
            1982,2020,brott.totalt,20,1000,20.0,1.0,2.0,0.9,byar\n";
        let out = run(csv, vec![Level::P95, Level::P998]);
        let num = |name: &str| numbers(&out, name)[1];
        // The row's own interval is at 0.9, not 0.95, so both are recomputed.
        assert!((num("lower").expect("lower") - 12.2114288).abs() < 1e-6);
        assert!((num("upper").expect("upper") - 30.8898804).abs() < 1e-6);
        assert!((num("outer_lower").expect("outer") - 8.92280237).abs() < 1e-6);
        assert_eq!(column(&out, "assessment")[1].as_deref(), Some("much worse"));
        assert_eq!(snap(99_999.99999999), 100_000.0);
        assert_eq!(snap(1234.5), 1234.5);
    }

    #[test]
    fn neutral_and_unknown_indicators_are_not_judged() {
        let csv = "area,period,indicator,count,population,value\n\
            00,2020,lokal.okand,,,5.0\n\
            1982,2020,lokal.okand,100,1000,10.0\n";
        let out = run(csv, vec![Level::P95, Level::P998]);
        assert_eq!(column(&out, "comparison")[1].as_deref(), Some("higher"));
        assert_eq!(
            column(&out, "assessment")[1].as_deref(),
            Some("not compared")
        );
        assert!(
            out.warnings
                .iter()
                .any(|w| w.kind == WarningKind::UnknownIndicator)
        );
        // Inferred as a share in percent (10 = 100 × 100 / 1000): a Wilson interval.
        assert_eq!(column(&out, "method")[1].as_deref(), Some("wilson"));
    }

    #[test]
    fn change_picks_the_test_the_data_allow() {
        let csv = "area,period,indicator,count,population,value,lower,upper\n\
            1982,2019,brott.totalt,10,10000,,,\n\
            1982,2024,brott.totalt,20,10000,,,\n\
            1982,2019,mu.trygg_kvall,65,100,,,\n\
            1982,2024,mu.trygg_kvall,50,100,,,\n\
            1982,2019,ntu.otrygghet,,,20.0,18.0,22.0\n\
            1982,2024,ntu.otrygghet,,,25.0,23.0,27.0\n\
            1982,2019,mu.trygghet,,,55.0,,\n\
            1982,2024,mu.trygghet,,,58.0,,\n\
            1980,2019,brott.totalt,5,1000,,,\n";
        let out = change_between(
            &table(csv),
            Period::Year(2019),
            Period::Year(2024),
            Level::P95,
            None,
            AreaRegistry::builtin(),
            IndicatorRegistry::builtin(),
        )
        .expect("computes");
        let tests = column(&out, "test");
        assert_eq!(
            tests,
            [
                Some("rate-ratio-exact".to_string()),
                Some("two-proportion-z".to_string()),
                Some("interval-overlap".to_string()),
                None,
            ]
        );
        // SciPy binomtest(20, 30, 0.5) = 0.09873714670538905; statsmodels z-test p for 65 %
        // and 50 % of 100 = 0.03190525523659653 (as in stats::compare's examples).
        let p = numbers(&out, "p_value");
        assert!((p[0].expect("p") - 0.09873714670538905).abs() < 1e-12);
        assert!((p[1].expect("p") - 0.03190525523659653).abs() < 1e-10);
        assert_eq!(p[2], None);
        let significant = column(&out, "significant");
        assert_eq!(
            significant,
            [
                Some("false".to_string()),
                Some("true".to_string()),
                Some("true".to_string()),
                None
            ]
        );
        assert_eq!(numbers(&out, "change")[2], Some(5.0));
        // 1980 has no 2024 row; mu.trygghet has no interval: both are said.
        assert_eq!(out.warnings.len(), 2);
    }
}
