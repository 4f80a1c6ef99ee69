//! Computing what the report shows from the loaded data: the rates, the survey shares, the
//! trends (once), the series and comparisons of each indicator, and the goals' follow-up.

use super::POPULATION_YEAR;
use super::assessment::{compare_latest, latest_change};
use super::config::ReportConfig;
use super::load::{LoadedData, load};
use crate::error::{Error, Result};
use crate::goals::{GoalResults, evaluate_goals};
use crate::indicator::{FocusArea, Indicator, IndicatorRegistry};
use crate::indicators::{RateOptions, TrendOptions, TrendRow, rates, trend_frame, trend_rows};
use crate::period::Period;
use crate::stats::Polarity;
use crate::stats::compare::{Assessment, Change};
use crate::table::Table;
use crate::warning::{Warning, WarningKind};
use std::collections::BTreeMap;

/// One point of an indicator's series for one area.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesPoint {
    /// The period.
    pub period: Period,
    /// Count (reported crimes), if any.
    pub count: Option<f64>,
    /// Population, if any.
    pub population: Option<f64>,
    /// The value (rate per 100 000).
    pub value: Option<f64>,
    /// 95 % lower limit.
    pub lower: Option<f64>,
    /// 95 % upper limit.
    pub upper: Option<f64>,
    /// Status flags (`suppressed`, `unstable`, ...).
    pub status: Option<String>,
}

/// The comparison of the area's latest value with one benchmark area.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkComparison {
    /// The benchmark's area code.
    pub area: String,
    /// Its value in the same period.
    pub value: Option<f64>,
    /// better / similar / worse (or not compared).
    pub assessment: Assessment,
}

/// Everything the report shows about one indicator.
#[derive(Debug, Clone)]
pub struct IndicatorSummary {
    /// The indicator's metadata.
    pub indicator: Indicator,
    /// The series for the report's area, by period.
    pub series: Vec<SeriesPoint>,
    /// The benchmarks' series (area code → points).
    pub benchmark_series: Vec<(String, Vec<SeriesPoint>)>,
    /// The latest point with a value.
    pub latest: Option<SeriesPoint>,
    /// The latest value compared with each benchmark.
    pub comparisons: Vec<BenchmarkComparison>,
    /// The trend statistics of the area's series.
    pub trend: Option<TrendRow>,
    /// The area the series is for: the report's kommun, or the survey area (NTU is
    /// published by police area).
    pub area_shown: String,
    /// The change between the latest two periods (for surveys, the latest two waves).
    pub waves: Option<WaveChange>,
    /// The benchmark areas, in the order of the summary's columns.
    pub benchmark_columns: Vec<String>,
}

/// The change between the latest two periods with a value, with the test of METHODS.md.
#[derive(Debug, Clone, PartialEq)]
pub struct WaveChange {
    /// The earlier period and its point.
    pub first: SeriesPoint,
    /// The later period and its point.
    pub second: SeriesPoint,
    /// The test and its result.
    pub change: Change,
}

/// All data of a report, computed and ready to render.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// The configuration.
    pub config: ReportConfig,
    /// The area's name.
    pub area_name: String,
    /// Names of the areas shown (the area, the survey area, the benchmarks), by code.
    pub names: BTreeMap<String, String>,
    /// Every row the report shows (rates read back, survey results), for the charts.
    pub table: Table,
    /// Indicators grouped by focus area, in the order they are shown.
    pub sections: Vec<(FocusArea, Vec<IndicatorSummary>)>,
    /// The rates table of the area and its benchmarks (the `bra rates` columns).
    pub rates: polars::prelude::DataFrame,
    /// The trend table of the area and its benchmarks (the `bra trend` columns).
    pub trends: polars::prelude::DataFrame,
    /// The follow-up of the goals file named in the config, if any.
    pub goals: Option<GoalResults>,
    /// The kommun profile against the county over its kommuner (the report's first chart).
    pub profile: Option<crate::indicators::profile::Profile>,
    /// Data files read, for the sources section.
    pub sources: Vec<String>,
    /// Warnings from reading and computing.
    pub warnings: Vec<Warning>,
    /// The latest quarter of the EST incident log by focus area (`[data] incidents`).
    pub situation: Option<crate::indicators::situation::SituationPicture>,
}

/// Reads the data named in `config` and computes everything the report shows.
///
/// # Errors
/// Any reading error (file, line, column), or a config that names no counts and population.
pub fn assemble(config: &ReportConfig) -> Result<ReportData> {
    assemble_from(config, &load(config)?)
}

/// The series of every (indicator, area), by period.
type SeriesByIndicatorArea<'a> = BTreeMap<(&'a str, &'a str), Vec<SeriesPoint>>;

/// Computes everything the report on `config.area` shows, from data already loaded: the rates
/// of the area and its benchmarks, the survey shares, the trends (computed once, for the
/// summaries and the trend table), the sections of indicators and the goals' follow-up.
///
/// # Errors
/// An indicator named in the config without data for the area; polars errors.
pub fn assemble_from(config: &ReportConfig, loaded: &LoadedData) -> Result<ReportData> {
    let areas = &loaded.areas;
    let area_name = areas
        .get(&config.area)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| config.area.clone());
    let shown: Vec<&str> = std::iter::once(config.area.as_str())
        .chain(config.benchmarks.iter().map(String::as_str))
        .collect();
    let mut warnings = reading_warnings(loaded, &shown);
    let survey_area = survey_area(config, loaded);

    let rates_frame = report_rates(config, loaded, &shown, &mut warnings)?;
    let mut all_rows = Table::from_dataframe(&rates_frame)?.rows().to_vec();
    all_rows.extend(
        report_survey(loaded, &shown, survey_area)?
            .rows()
            .iter()
            .cloned(),
    );
    let all = Table::new(all_rows)?;

    let (trend_list, trend_warnings) = trend_rows(&all, &TrendOptions::default())?;
    warnings.extend(trend_warnings.into_iter().filter(|w| {
        w.is_about_area(&config.area) || survey_area.is_some_and(|a| w.is_about_area(a))
    }));
    let trends_frame = trend_frame(&trend_list)?;

    let by = series_by_indicator_and_area(&all);
    let sections = sections(config, &by, survey_area, &trend_list, &mut warnings);
    if sections.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "no data for area {} in {}: nothing to report",
            config.area,
            loaded.sources.join(", ")
        )));
    }
    let names = shown
        .iter()
        .copied()
        .chain(survey_area)
        .map(|c| {
            (
                c.to_string(),
                areas
                    .get(c)
                    .map_or_else(|| c.to_string(), |a| a.name.clone()),
            )
        })
        .collect();
    let goals = follow_goals_up(config, loaded, &mut warnings)?;
    let profile = super::profile::report_profile(config, loaded, &sections, &mut warnings)?;
    Ok(ReportData {
        config: config.clone(),
        area_name,
        names,
        table: all,
        sections,
        rates: rates_frame,
        trends: trends_frame,
        goals,
        profile,
        sources: loaded.sources.clone(),
        warnings,
        situation: loaded.situation.clone(),
    })
}

/// The reading warnings that belong in the report on the areas `shown`: a missing cell of
/// another area does not.
fn reading_warnings(loaded: &LoadedData, shown: &[&str]) -> Vec<Warning> {
    loaded
        .warnings
        .iter()
        .filter(|w| w.kind != WarningKind::MissingValue || shown.iter().any(|a| w.is_about_area(a)))
        .cloned()
        .collect()
}

/// The survey area stands for the report's area only if the area belongs to it (or it has
/// no member list).
fn survey_area<'a>(config: &ReportConfig, loaded: &'a LoadedData) -> Option<&'a str> {
    loaded.survey_area.as_deref().filter(|sa| {
        let members = loaded.areas.members(sa);
        members.is_empty() || members.contains(&config.area)
    })
}

/// The rates (the `bra rates` columns) of the areas shown, with the population year of Brå's
/// convention; the warnings about the report's own area are kept.
fn report_rates(
    config: &ReportConfig,
    loaded: &LoadedData,
    shown: &[&str],
    warnings: &mut Vec<Warning>,
) -> Result<polars::prelude::DataFrame> {
    let mut rows = Vec::new();
    for code in shown {
        if let Some(r) = loaded.by_area.get(*code) {
            rows.extend(r.iter().cloned());
        }
    }
    let counts = Table::new(rows)?;
    let options = RateOptions {
        population_year: POPULATION_YEAR,
        ..RateOptions::default()
    };
    let computed = rates(&counts, &loaded.population, &options)?;
    warnings.extend(
        computed
            .warnings
            .into_iter()
            .filter(|w| w.is_about_area(&config.area)),
    );
    Ok(computed.frame)
}

/// The survey rows of the areas shown and the survey area (e.g. the police area), with
/// intervals for shares given with n (Wilson, 95 %), as `bra survey` computes them.
fn report_survey(loaded: &LoadedData, shown: &[&str], survey_area: Option<&str>) -> Result<Table> {
    let mut survey_rows = Vec::new();
    for code in shown.iter().copied().chain(survey_area) {
        if let Some(r) = loaded.survey_by_area.get(code) {
            survey_rows.extend(r.iter().cloned());
        }
    }
    if survey_rows.is_empty() {
        return Ok(Table::default());
    }
    let computed = crate::indicators::survey(
        &Table::new(survey_rows)?,
        &crate::indicators::SurveyOptions::default(),
        &loaded.areas,
        IndicatorRegistry::builtin(),
    )?;
    Table::from_dataframe(&computed.frame)
}

/// Every row as a series point, by (indicator, area), each series in time order.
fn series_by_indicator_and_area(all: &Table) -> SeriesByIndicatorArea<'_> {
    let mut by: SeriesByIndicatorArea = BTreeMap::new();
    for r in all.rows() {
        by.entry((r.indicator.as_str(), r.area.as_str()))
            .or_default()
            .push(SeriesPoint {
                period: r.period,
                count: r.count,
                population: r.population,
                value: r.value,
                lower: r.lower,
                upper: r.upper,
                status: r.status.clone(),
            });
    }
    for points in by.values_mut() {
        points.sort_by_key(|p| p.period);
    }
    by
}

/// The area an indicator is shown for: the kommun, else the survey area.
fn shown_area(
    config: &ReportConfig,
    by: &SeriesByIndicatorArea,
    survey_area: Option<&str>,
    id: &str,
) -> Option<String> {
    if by.contains_key(&(id, config.area.as_str())) {
        Some(config.area.clone())
    } else {
        survey_area
            .filter(|a| by.contains_key(&(id, *a)))
            .map(str::to_string)
    }
}

/// The indicators of each focus area: as the config lists them, else every indicator with
/// data for the area, grouped by the registry's focus area.
fn chosen_indicators(
    config: &ReportConfig,
    by: &SeriesByIndicatorArea,
    survey_area: Option<&str>,
) -> Vec<(FocusArea, Vec<String>)> {
    if !config.focus_areas.is_empty() {
        return config
            .focus_areas
            .iter()
            .map(|f| (f.focus_area, f.indicators.clone()))
            .collect();
    }
    let registry = IndicatorRegistry::builtin();
    let mut present: Vec<&str> = by.keys().map(|(i, _)| *i).collect();
    present.dedup();
    let mut grouped: BTreeMap<FocusArea, Vec<String>> = BTreeMap::new();
    for id in present
        .iter()
        .filter(|id| shown_area(config, by, survey_area, id).is_some())
    {
        let focus = registry.get(id).map_or(FocusArea::Other, |i| i.focus_area);
        grouped.entry(focus).or_default().push(id.to_string());
    }
    grouped.into_iter().collect()
}

/// The sections of the report: per focus area, the summary of each indicator with data (an
/// indicator without data for the area is left out with a warning).
fn sections(
    config: &ReportConfig,
    by: &SeriesByIndicatorArea,
    survey_area: Option<&str>,
    trend_list: &[TrendRow],
    warnings: &mut Vec<Warning>,
) -> Vec<(FocusArea, Vec<IndicatorSummary>)> {
    let mut sections = Vec::new();
    for (focus, ids) in chosen_indicators(config, by, survey_area) {
        let mut list = Vec::new();
        for id in ids {
            let Some(area) = shown_area(config, by, survey_area, &id) else {
                warnings.push(
                    Warning::new(
                        WarningKind::NotComputed,
                        None,
                        format!(
                            "{}: indicator {id} has no data for the area{}: left out of the report",
                            config.area,
                            survey_area.map(|a| format!(" or {a}")).unwrap_or_default()
                        ),
                    )
                    .about_area(&config.area)
                    .about_indicator(&id),
                );
                continue;
            };
            list.push(summary(config, by, trend_list, focus, &id, area, warnings));
        }
        if !list.is_empty() {
            sections.push((focus, list));
        }
    }
    sections
}

/// Everything the report shows about indicator `id` shown for `area`.
fn summary(
    config: &ReportConfig,
    by: &SeriesByIndicatorArea,
    trend_list: &[TrendRow],
    focus: FocusArea,
    id: &str,
    area: String,
    warnings: &mut Vec<Warning>,
) -> IndicatorSummary {
    let series = by.get(&(id, area.as_str())).cloned().unwrap_or_default();
    let indicator = IndicatorRegistry::builtin()
        .get(id)
        .cloned()
        .unwrap_or_else(|| fallback_indicator(id, focus));
    let latest = series.iter().rev().find(|p| p.value.is_some()).cloned();
    let comparisons = config
        .benchmarks
        .iter()
        .filter(|b| **b != area)
        .map(|b| {
            compare_latest(
                latest.as_ref(),
                by.get(&(id, b.as_str())),
                (&area, b),
                &indicator,
                warnings,
            )
        })
        .collect();
    let benchmark_series = config
        .benchmarks
        .iter()
        .filter_map(|b| by.get(&(id, b.as_str())).map(|s| (b.clone(), s.clone())))
        .collect();
    let trend = trend_list
        .iter()
        .find(|t| t.area == area && t.indicator == id && t.group == "total")
        .cloned();
    let waves = latest_change(&series, &area, &indicator);
    IndicatorSummary {
        benchmark_columns: config.benchmarks.clone(),
        area_shown: area,
        indicator,
        series,
        benchmark_series,
        latest,
        comparisons,
        trend,
        waves,
    }
}

/// The follow-up of the goals of this report's area, if the config names a goals file and
/// it has goals for the area.
fn follow_goals_up(
    config: &ReportConfig,
    loaded: &LoadedData,
    warnings: &mut Vec<Warning>,
) -> Result<Option<GoalResults>> {
    let Some((file, table)) = &loaded.goals else {
        return Ok(None);
    };
    let mut file = file.clone();
    file.goals.retain(|g| g.area == config.area);
    let results = evaluate_goals(&file, table, None)?;
    warnings.extend(results.warnings.iter().cloned());
    Ok((!results.results.is_empty()).then_some(results))
}

fn fallback_indicator(id: &str, focus: FocusArea) -> Indicator {
    Indicator {
        id: id.to_string(),
        name_sv: id.to_string(),
        name_en: id.to_string(),
        unit: "per 100 000 invånare".to_string(),
        polarity: Polarity::Neutral,
        kind: crate::indicator::IndicatorKind::CountRate,
        source: "Brå".to_string(),
        focus_area: focus,
    }
}
