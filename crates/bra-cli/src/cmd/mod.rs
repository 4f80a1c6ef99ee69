//! One module per subcommand: each owns turning its arguments into library calls.

pub mod areas;
pub mod chart;
pub mod compare;
pub mod goals;
pub mod import;
pub mod lagesbild;
pub mod profile;
pub mod rates;
pub mod report;
pub mod survey;
pub mod trend;

use crate::cli::{Global, Registries};
use anyhow::Result;
use bra_indicators::{AreaRegistry, IndicatorRegistry, ReadOptions};
use std::path::Path;
use std::sync::Arc;

/// The registries the user asked for, and read options that look names up in them.
pub struct Lookup {
    pub areas: Arc<AreaRegistry>,
    pub indicators: Arc<IndicatorRegistry>,
    pub read: ReadOptions,
}

impl Lookup {
    pub fn new(registries: &Registries, global: &Global) -> Result<Self> {
        let areas = area_registry(registries.areas.as_deref())?;
        let indicators = indicator_registry(registries.indicators.as_deref())?;
        let read = ReadOptions {
            areas: Some(areas.clone()),
            indicators: Some(indicators.clone()),
            limits: global.limits(),
            ..ReadOptions::default()
        };
        Ok(Lookup {
            areas,
            indicators,
            read,
        })
    }
}

/// The built-in areas, plus the user's areas file if one is given (`--areas`).
pub fn area_registry(file: Option<&Path>) -> Result<Arc<AreaRegistry>> {
    Ok(Arc::new(match file {
        Some(path) => AreaRegistry::with_user_areas(path)?,
        None => AreaRegistry::builtin().clone(),
    }))
}

/// The built-in indicators, plus the user's indicators file if one is given (`--indicators`).
pub fn indicator_registry(file: Option<&Path>) -> Result<Arc<IndicatorRegistry>> {
    Ok(Arc::new(match file {
        Some(path) => IndicatorRegistry::with_file(path)?,
        None => IndicatorRegistry::builtin().clone(),
    }))
}

/// The comparison levels of `--levels` (one or two, e.g. `0.95,0.998`).
pub fn levels(text: &str) -> Result<Vec<bra_indicators::Level>> {
    use anyhow::Context;
    let levels = text
        .split(',')
        .map(|l| l.parse::<bra_indicators::Level>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .context("--levels")?;
    if levels.is_empty() || levels.len() > 2 {
        anyhow::bail!("--levels: expected one or two levels such as 0.95,0.998, found \"{text}\"");
    }
    Ok(levels)
}
