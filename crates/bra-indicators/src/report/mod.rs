//! The follow-up report (uppföljning) for the local crime-prevention council and the
//! municipal board: one folder with `index.html` (self-contained), the tables as CSV and one
//! XLSX workbook, written atomically.

#[cfg(feature = "charts")]
mod charts;
mod config;
mod html;
mod xlsx;

pub use config::{DataFiles, FocusAreaConfig, ReportConfig};
pub use html::escape_html;

use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::goals::{GoalResults, GoalsFile, evaluate_goals, read_goal_data, read_goals};
use crate::indicator::{FocusArea, Indicator, IndicatorRegistry};
use crate::indicators::CompareOptions;
use crate::indicators::compare::{
    Assessment, Change, ValueKind, benchmark_value, change_test, compare_row,
};
use crate::indicators::{PopulationYear, RateOptions, TrendOptions, TrendRow, rates, trend_rows};
use crate::ingest::{ReadOptions, read_population_with, read_survey, read_table};
use crate::period::Period;
use crate::stats::Polarity;
use crate::table::{Observation, Population, Table};
use crate::warning::Warning;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The population year of the report's rates (Brå's convention), which its methods note names.
pub(crate) const POPULATION_YEAR: PopulationYear = PopulationYear::Previous;

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
    /// Data files read, for the sources section.
    pub sources: Vec<String>,
    /// Warnings from reading and computing.
    pub warnings: Vec<Warning>,
}

/// What a finished report wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    /// The report folder.
    pub folder: PathBuf,
    /// Number of area reports written (1 for a single report).
    pub reports: usize,
    /// Number of charts written.
    pub charts: usize,
    /// Number of tables written (CSV files; the workbook has one sheet per table).
    pub tables: usize,
    /// Number of warnings.
    pub warnings: usize,
}

/// The data files of a report config, read once (so that many areas can be reported on).
#[derive(Debug, Clone)]
pub struct LoadedData {
    by_area: HashMap<String, Vec<Observation>>,
    survey_by_area: HashMap<String, Vec<Observation>>,
    survey_area: Option<String>,
    areas: std::sync::Arc<AreaRegistry>,
    population: Population,
    goals: Option<(GoalsFile, Table)>,
    warnings: Vec<Warning>,
    sources: Vec<String>,
}

/// Reads the data files named in `config`, keeping the periods in its range.
///
/// # Errors
/// Any reading error (file, line, column), or a config that names no counts and population.
pub fn load(config: &ReportConfig) -> Result<LoadedData> {
    let (Some(counts_path), Some(population_path)) = (&config.data.counts, &config.data.population)
    else {
        return Err(Error::InvalidArgument(
            "the report config needs [data] counts and population files".to_string(),
        ));
    };
    config.check_files()?;
    let counts_path = config.resolve(counts_path);
    let population_path = config.resolve(population_path);
    let limited = ReadOptions {
        limits: config.limits,
        ..ReadOptions::default()
    };
    let counts = read_table(&counts_path, &limited)?;
    let (population, pop_warnings) = read_population_with(&population_path, &limited)?;
    let mut warnings = counts.warnings;
    warnings.extend(pop_warnings);
    let mut sources = vec![
        counts_path.display().to_string(),
        population_path.display().to_string(),
    ];
    let goals = match &config.data.goals {
        Some(path) => {
            let path = config.resolve(path);
            let file = read_goals(&path)?;
            let (table, goal_warnings) = read_goal_data(&file.data)?;
            warnings.extend(goal_warnings);
            sources.push(path.display().to_string());
            sources.extend(file.data.iter().map(|d| d.display().to_string()));
            Some((file, table))
        }
        None => None,
    };
    let areas = std::sync::Arc::new(match &config.data.areas {
        Some(path) => AreaRegistry::with_user_areas(&config.resolve(path))?,
        None => AreaRegistry::builtin().clone(),
    });
    let survey_area = match &config.survey_area {
        Some(raw) => Some(areas.code_of(raw).map(str::to_string).ok_or_else(|| {
            Error::InvalidArgument(format!(
                "survey_area \"{raw}\": unknown area (define your own areas in [data] areas)"
            ))
        })?),
        None => None,
    };
    let read_options = ReadOptions {
        areas: Some(areas.clone()),
        ..limited
    };
    let mut survey_by_area: HashMap<String, Vec<Observation>> = HashMap::new();
    for path in &config.data.survey {
        let path = config.resolve(path);
        let got = read_survey(&path, &read_options)?;
        warnings.extend(got.warnings);
        sources.push(path.display().to_string());
        for r in got.table.into_rows() {
            if config.from.is_none_or(|f| r.period >= f) && config.to.is_none_or(|t| r.period <= t)
            {
                survey_by_area.entry(r.area.clone()).or_default().push(r);
            }
        }
    }
    let mut by_area: HashMap<String, Vec<Observation>> = HashMap::new();
    for r in counts.table.into_rows() {
        if config.from.is_none_or(|f| r.period >= f) && config.to.is_none_or(|t| r.period <= t) {
            by_area.entry(r.area.clone()).or_default().push(r);
        }
    }
    Ok(LoadedData {
        by_area,
        survey_by_area,
        survey_area,
        areas,
        population,
        goals,
        warnings,
        sources,
    })
}

/// Reads the data named in `config` and computes everything the report shows.
///
/// # Errors
/// Any reading error (file, line, column), or a config that names no counts and population.
pub fn assemble(config: &ReportConfig) -> Result<ReportData> {
    assemble_from(config, &load(config)?)
}

/// Computes everything the report on `config.area` shows, from data already loaded.
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
    // Reading warnings about cells of other areas do not belong in this area's report.
    let mut warnings: Vec<Warning> = loaded
        .warnings
        .iter()
        .filter(|w| {
            w.kind != crate::warning::WarningKind::MissingValue
                || shown
                    .iter()
                    .any(|a| w.message.contains(&format!("of {a} ")))
        })
        .cloned()
        .collect();
    let mut rows = Vec::new();
    for code in &shown {
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
            .filter(|w| w.message.starts_with(config.area.as_str())),
    );
    let rate_table = Table::from_dataframe(&computed.frame)?;

    // The survey area stands for the report's area only if the area belongs to it (or it has
    // no member list).
    let survey_area = loaded.survey_area.as_deref().filter(|sa| {
        let members = areas.members(sa);
        members.is_empty() || members.contains(&config.area)
    });
    // Survey rows of the area, the survey area (e.g. the police area) and the benchmarks.
    let mut survey_rows = Vec::new();
    for code in shown.iter().copied().chain(survey_area) {
        if let Some(r) = loaded.survey_by_area.get(code) {
            survey_rows.extend(r.iter().cloned());
        }
    }
    // Intervals for shares given with n (Wilson, 95 %), as `bra survey` computes them.
    let survey_table = if survey_rows.is_empty() {
        Table::default()
    } else {
        let computed = crate::indicators::survey(
            &Table::new(survey_rows)?,
            &crate::indicators::SurveyOptions::default(),
            &loaded.areas,
            IndicatorRegistry::builtin(),
        )?;
        Table::from_dataframe(&computed.frame)?
    };
    let mut all_rows = rate_table.rows().to_vec();
    all_rows.extend(survey_table.rows().iter().cloned());
    let all = Table::new(all_rows)?;
    let (trend_list, trend_warnings) = trend_rows(&all, &TrendOptions::default())?;
    let own = |m: &str| {
        m.starts_with(config.area.as_str()) || survey_area.is_some_and(|a| m.starts_with(a))
    };
    warnings.extend(trend_warnings.into_iter().filter(|w| own(&w.message)));
    let trends_frame = crate::indicators::trends(&all, &TrendOptions::default())?.frame;

    // Series per (indicator, area).
    let mut by: BTreeMap<(&str, &str), Vec<SeriesPoint>> = BTreeMap::new();
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
    // The area an indicator is shown for: the kommun, else the survey area.
    let shown_area = |id: &str| -> Option<String> {
        if by.contains_key(&(id, config.area.as_str())) {
            Some(config.area.clone())
        } else {
            survey_area
                .filter(|a| by.contains_key(&(id, *a)))
                .map(str::to_string)
        }
    };
    let registry = IndicatorRegistry::builtin();
    let mut present: Vec<&str> = by.keys().map(|(i, _)| *i).collect();
    present.dedup();
    let chosen: Vec<(FocusArea, Vec<String>)> = if config.focus_areas.is_empty() {
        let mut grouped: BTreeMap<FocusArea, Vec<String>> = BTreeMap::new();
        for id in present.iter().filter(|id| shown_area(id).is_some()) {
            let focus = registry.get(id).map_or(FocusArea::Other, |i| i.focus_area);
            grouped.entry(focus).or_default().push(id.to_string());
        }
        grouped.into_iter().collect()
    } else {
        config
            .focus_areas
            .iter()
            .map(|f| (f.focus_area, f.indicators.clone()))
            .collect()
    };

    let mut sections = Vec::new();
    for (focus, ids) in chosen {
        let mut list = Vec::new();
        for id in ids {
            let Some(area) = shown_area(&id) else {
                warnings.push(Warning::new(
                    crate::warning::WarningKind::NotComputed,
                    None,
                    format!(
                        "{}: indicator {id} has no data for the area{}: left out of the report",
                        config.area,
                        survey_area.map(|a| format!(" or {a}")).unwrap_or_default()
                    ),
                ));
                continue;
            };
            let series = by
                .get(&(id.as_str(), area.as_str()))
                .cloned()
                .unwrap_or_default();
            let indicator = registry
                .get(&id)
                .cloned()
                .unwrap_or_else(|| fallback_indicator(&id, focus));
            let latest = series.iter().rev().find(|p| p.value.is_some()).cloned();
            let comparisons = config
                .benchmarks
                .iter()
                .filter(|b| **b != area)
                .map(|b| {
                    compare_latest(
                        latest.as_ref(),
                        by.get(&(id.as_str(), b.as_str())),
                        (&area, b),
                        &indicator,
                        &mut warnings,
                    )
                })
                .collect();
            let benchmark_series = config
                .benchmarks
                .iter()
                .filter_map(|b| {
                    by.get(&(id.as_str(), b.as_str()))
                        .map(|s| (b.clone(), s.clone()))
                })
                .collect();
            let trend = trend_list
                .iter()
                .find(|t| t.area == area && t.indicator == id && t.group == "total")
                .cloned();
            let waves = latest_change(&series, &area, &indicator);
            list.push(IndicatorSummary {
                benchmark_columns: config.benchmarks.clone(),
                area_shown: area,
                indicator,
                series,
                benchmark_series,
                latest,
                comparisons,
                trend,
                waves,
            });
        }
        if !list.is_empty() {
            sections.push((focus, list));
        }
    }
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
    Ok(ReportData {
        config: config.clone(),
        area_name,
        names,
        table: all,
        sections,
        rates: computed.frame,
        trends: trends_frame,
        goals: match &loaded.goals {
            Some((file, table)) => {
                // Only the goals of this report's area.
                let mut file = file.clone();
                file.goals.retain(|g| g.area == config.area);
                let results = evaluate_goals(&file, table, None)?;
                warnings.extend(results.warnings.iter().cloned());
                (!results.results.is_empty()).then_some(results)
            }
            None => None,
        },
        sources: loaded.sources.clone(),
        warnings,
    })
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

/// A series point as a row of `indicator` in `area`, for the comparison engine (its interval
/// is at 95 %, its method the default).
fn observation(area: &str, indicator: &str, p: &SeriesPoint) -> Observation {
    let mut row = Observation::new(area, p.period, indicator);
    row.count = p.count;
    row.population = p.population;
    row.value = p.value;
    row.lower = p.lower;
    row.upper = p.upper;
    row.status = p.status.clone();
    row
}

/// Compares the latest point with the benchmark's value in the same period, by the comparison
/// engine ([`compare_row`], as `bra compare` does); a point whose numbers make no interval is
/// not compared, with a warning.
fn compare_latest(
    latest: Option<&SeriesPoint>,
    benchmark: Option<&Vec<SeriesPoint>>,
    (area, code): (&str, &str),
    indicator: &Indicator,
    warnings: &mut Vec<Warning>,
) -> BenchmarkComparison {
    let registry = IndicatorRegistry::builtin();
    let value = latest.and_then(|l| {
        let p = benchmark?.iter().find(|p| p.period == l.period)?;
        benchmark_value(&observation(code, &indicator.id, p), registry)
    });
    let judged = latest.map(|l| {
        compare_row(
            &observation(area, &indicator.id, l),
            value,
            indicator.polarity,
            &CompareOptions::default(),
            registry,
        )
    });
    let assessment = match judged {
        Some(Ok(j)) => j.assessment,
        Some(Err(e)) => {
            warnings.push(Warning::new(
                crate::warning::WarningKind::NotComputed,
                None,
                format!("{area} {}: not compared with {code}: {e}", indicator.id),
            ));
            Assessment::NotCompared
        }
        None => Assessment::NotCompared,
    };
    BenchmarkComparison {
        area: code.to_string(),
        value,
        assessment,
    }
}

/// The change between the latest two points with a value, by the change test of
/// `bra compare --between` ([`change_test`]); `None` when the points allow no test.
fn latest_change(series: &[SeriesPoint], area: &str, indicator: &Indicator) -> Option<WaveChange> {
    let mut with_value = series.iter().filter(|p| p.value.is_some()).rev();
    let second = with_value.next()?.clone();
    let first = with_value.next()?.clone();
    let change = change_test(
        &observation(area, &indicator.id, &first),
        &observation(area, &indicator.id, &second),
        0.95,
        ValueKind::ByIndicator,
        IndicatorRegistry::builtin(),
    )
    .ok()
    .flatten()?;
    Some(WaveChange {
        first,
        second,
        change,
    })
}

/// Builds the whole report for `config` into `out`, atomically: everything is written to a
/// temporary folder beside `out` and renamed at the end, so an error leaves no half-written
/// report. An existing `out` is replaced only if it holds an earlier report (an
/// `index.html`); any other existing, non-empty folder is an error.
///
/// `progress(step, done, total)` is called as the work advances.
///
/// # Errors
/// Reading or computing errors, or I/O errors naming the file.
pub fn build_report(
    config: &ReportConfig,
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<ReportSummary> {
    check_out_folder(out)?;
    progress("läser och beräknar", 0, 2);
    let data = assemble(config)?;
    let (tables, charts) = in_temporary_folder(out, |tmp| {
        progress("skriver rapporten", 1, 2);
        write_report_files(&data, tmp)
    })?;
    progress("klar", 2, 2);
    Ok(ReportSummary {
        folder: out.to_path_buf(),
        reports: 1,
        charts,
        tables,
        warnings: data.warnings.len(),
    })
}

/// Builds one report per area (e.g. every kommun) under `out/<code>-<name>/`, plus an
/// `index.html` listing them, atomically as [`build_report`]. The data are read once. A
/// benchmark that is a län is replaced by each kommun's own län. An area whose report cannot
/// be made (an indicator without data there) is listed with the reason instead.
///
/// # Errors
/// Reading errors, or I/O errors naming the file.
pub fn build_reports(
    config: &ReportConfig,
    areas: &[String],
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<ReportSummary> {
    check_out_folder(out)?;
    let registry = AreaRegistry::builtin();
    let total = areas.len() + 1;
    progress("läser data", 0, total);
    let loaded = load(config)?;
    in_temporary_folder(out, |tmp| {
        let mut listed = Vec::new();
        let (mut reports, mut tables, mut charts, mut warnings) = (0, 0, 0, 0);
        for (i, code) in areas.iter().enumerate() {
            let area = registry.get(code).ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "unknown area \"{code}\": expected an area code (see `bra areas`)"
                ))
            })?;
            progress(&area.name, i + 1, total);
            let mut cfg = config.clone();
            cfg.area = area.code.clone();
            let own_county = area
                .parent
                .clone()
                .filter(|_| area.kind == crate::area::AreaKind::Kommun);
            cfg.benchmarks = config
                .benchmarks
                .iter()
                .map(|b| match (registry.get(b).map(|a| a.kind), &own_county) {
                    (Some(crate::area::AreaKind::Lan), Some(c)) => c.clone(),
                    _ => b.clone(),
                })
                .collect();
            let folder = folder_name(&area.code, &area.name);
            match assemble_from(&cfg, &loaded) {
                Ok(data) => {
                    let dir = tmp.join(&folder);
                    let (t, c) = write_report_files(&data, &dir)?;
                    tables += t;
                    charts += c;
                    warnings += data.warnings.len();
                    reports += 1;
                    listed.push((area.code.clone(), area.name.clone(), Ok(folder)));
                }
                Err(e) => listed.push((area.code.clone(), area.name.clone(), Err(e.to_string()))),
            }
        }
        let page = html::render_index(&config.title, &listed, config.language != "en");
        std::fs::write(tmp.join("index.html"), page)
            .map_err(|e| Error::io(tmp.join("index.html"), e))?;
        progress("klar", total, total);
        Ok(ReportSummary {
            folder: out.to_path_buf(),
            reports,
            charts,
            tables,
            warnings,
        })
    })
}

/// A safe folder name for an area: `1982-fagersta` (no `/`, `..` or control characters).
///
/// ```
/// # use bra_indicators::folder_name;
/// assert_eq!(folder_name("2023", "Malung-Sälen"), "2023-malung_salen");
/// assert_eq!(folder_name("../x", "a/b"), "x-a_b");
/// ```
pub fn folder_name(code: &str, name: &str) -> String {
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{code}-{}", crate::indicator::slug(name))
}

/// Writes index.html, the charts, the tables and the workbook of one report into `dir`;
/// returns the number of tables and of charts.
fn write_report_files(data: &ReportData, dir: &Path) -> Result<(usize, usize)> {
    std::fs::create_dir_all(dir.join("tables")).map_err(|e| Error::io(dir, e))?;
    std::fs::create_dir_all(dir.join("charts")).map_err(|e| Error::io(dir, e))?;
    let tables = write_tables(data, &dir.join("tables"))?;
    xlsx::write_workbook(data, &dir.join("tables").join("indikatorer.xlsx"))?;
    #[cfg(feature = "charts")]
    let (inline, charts) = charts::write_charts(data, &dir.join("charts"))?;
    #[cfg(not(feature = "charts"))]
    let (inline, charts) = (BTreeMap::new(), 0);
    let page = html::render(data, &inline);
    std::fs::write(dir.join("index.html"), page)
        .map_err(|e| Error::io(dir.join("index.html"), e))?;
    Ok((tables, charts))
}

/// Runs `write` on a fresh temporary folder beside `out`, then puts it in place of `out`;
/// on error the temporary folder is removed and `out` is left as it was.
fn in_temporary_folder<T>(out: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "report".into());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    match write(&tmp) {
        Ok(v) => {
            replace_folder(&tmp, out)?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// The tables of the report: what they are called and their frames.
pub(crate) fn report_tables(
    data: &ReportData,
) -> Result<Vec<(&'static str, polars::prelude::DataFrame)>> {
    let mut tables = vec![
        ("anmalda_brott", data.rates.clone()),
        ("trender", data.trends.clone()),
    ];
    if let Some(goals) = &data.goals {
        tables.push(("mal", goals.to_dataframe()?));
    }
    Ok(tables)
}

fn write_tables(data: &ReportData, dir: &Path) -> Result<usize> {
    let tables = report_tables(data)?;
    for (name, frame) in &tables {
        crate::output::write_frame(frame, &dir.join(format!("{name}.csv")))?;
    }
    Ok(tables.len())
}

fn check_out_folder(out: &Path) -> Result<()> {
    if out.exists() {
        let is_report = out.join("index.html").is_file();
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !out.is_dir() || !(is_report || empty) {
            return Err(Error::InvalidArgument(format!(
                "{} exists and is not an earlier report: choose another --out folder",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Moves `tmp` to `out`, replacing an earlier report there.
fn replace_folder(tmp: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(tmp);
            return Err(Error::io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(tmp, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(tmp);
            Error::io(out, e)
        })
    }
}
