//! The report's loading side: reading the files a report config or a goals file names.

use super::config::ReportConfig;
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::goals::{GoalsFile, parse_goals_bytes};
use crate::indicators::intervals_from_standard_errors;
use crate::ingest::{ReadOptions, read_goal_data, read_population_with, read_survey, read_table};
use crate::pipeline::with_se_intervals;
use crate::table::{Observation, Population, Table};
use crate::warning::Warning;
use std::collections::HashMap;
use std::path::Path;

/// Reads a goals file (TOML) and checks it; data paths are taken relative to its folder.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`parse_goals_bytes`].
///
/// # Examples
/// ```
/// let file = bra_indicators::read_goals("../../data/samples/goals.toml".as_ref())?;
/// assert!(!file.goals.is_empty());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_goals(path: &Path) -> Result<GoalsFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse_goals_bytes(&path.display().to_string(), bytes, base)
}

/// The data files of a report config, read once (so that many areas can be reported on).
#[derive(Debug, Clone)]
pub struct LoadedData {
    pub(super) by_area: HashMap<String, Vec<Observation>>,
    pub(super) survey_by_area: HashMap<String, Vec<Observation>>,
    pub(super) survey_area: Option<String>,
    pub(super) areas: std::sync::Arc<AreaRegistry>,
    pub(super) population: Population,
    pub(super) goals: Option<(GoalsFile, Table)>,
    pub(super) warnings: Vec<Warning>,
    pub(super) sources: Vec<String>,
    /// The quarterly situation picture of `[data] incidents`, if named.
    pub(super) situation: Option<crate::indicators::situation::SituationPicture>,
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
    let counts = with_se_intervals(read_table(&counts_path, &limited)?)?;
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
            let table = intervals_from_standard_errors(table)?;
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
        let got = with_se_intervals(read_survey(&path, &read_options)?)?;
        warnings.extend(got.warnings);
        sources.push(path.display().to_string());
        for r in got.table.into_rows() {
            if config.from.is_none_or(|f| r.period >= f) && config.to.is_none_or(|t| r.period <= t)
            {
                survey_by_area.entry(r.area.clone()).or_default().push(r);
            }
        }
    }
    let situation = super::situation_section::load_situation(config, &mut warnings, &mut sources)?;
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
        situation,
    })
}
