//! The report's kommun profile, its first chart: the report's area against its county over
//! the county's kommuner, for the indicators the report shows, computed from the data the
//! report has already loaded (no file is written and read back); and the methods note's
//! paragraphs on the profile and on EB smoothing.

use super::POPULATION_YEAR;
use super::config::ReportConfig;
use super::load::LoadedData;
use super::{IndicatorSummary, ReportData};
use crate::area::AreaKind;
use crate::error::Result;
use crate::format::Lang;
use crate::indicator::{FocusArea, IndicatorRegistry};
use crate::indicators::profile::{Profile, ProfileOptions, profile};
use crate::indicators::{RateOptions, SurveyOptions, rates, survey};
use crate::labels::profile as words;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::BTreeSet;
use std::fmt::Write;

/// An indicator is in the report's profile when at least this many of the county's kommuner
/// have a value for it (fewer make no spread worth drawing).
const MIN_AREAS: usize = 3;

/// The profile of `config.area` against its county (the first county among the benchmarks,
/// else the area's own) over the county's kommuner, for the indicators of `sections`; `None`
/// when the area is not a kommun of a county, or no indicator has values for enough of the
/// county's kommuner (then with a warning saying what data the profile needs).
///
/// # Errors
/// As [`rates`], [`survey`] and [`profile`].
pub(crate) fn report_profile(
    config: &ReportConfig,
    loaded: &LoadedData,
    sections: &[(FocusArea, Vec<IndicatorSummary>)],
    warnings: &mut Vec<Warning>,
) -> Result<Option<Profile>> {
    let areas = &loaded.areas;
    let Some(area) = areas
        .get(&config.area)
        .filter(|a| a.kind == AreaKind::Kommun)
    else {
        return Ok(None);
    };
    let county = config
        .benchmarks
        .iter()
        .find(|b| areas.get(b).is_some_and(|a| a.kind == AreaKind::Lan))
        .cloned()
        .or_else(|| area.parent.clone());
    let Some(county) = county else {
        return Ok(None);
    };
    let kommuner: Vec<String> = areas
        .children(&county)
        .filter(|a| a.kind == AreaKind::Kommun)
        .map(|a| a.code.clone())
        .collect();
    let wanted: BTreeSet<&str> = sections
        .iter()
        .flat_map(|(_, list)| list.iter().map(|s| s.indicator.id.as_str()))
        .collect();
    let pick = |by: &std::collections::HashMap<String, Vec<Observation>>| -> Vec<Observation> {
        kommuner
            .iter()
            .chain(std::iter::once(&county))
            .filter_map(|code| by.get(code))
            .flatten()
            .filter(|r| wanted.contains(r.indicator.as_str()))
            .cloned()
            .collect()
    };
    let mut rows = Vec::new();
    let counts = pick(&loaded.by_area);
    if !counts.is_empty() {
        let options = RateOptions {
            population_year: POPULATION_YEAR,
            ..RateOptions::default()
        };
        let computed = rates(&Table::new(counts)?, &loaded.population, &options)?;
        rows.extend(Table::from_dataframe(&computed.frame)?.into_rows());
    }
    let shares = pick(&loaded.survey_by_area);
    if !shares.is_empty() {
        let computed = survey(
            &Table::new(shares)?,
            &SurveyOptions::default(),
            areas,
            IndicatorRegistry::builtin(),
        )?;
        rows.extend(Table::from_dataframe(&computed.frame)?.into_rows());
    }
    let county_name = areas
        .get(&county)
        .map_or_else(|| county.clone(), |a| a.name.clone());
    let options = ProfileOptions {
        area: area.code.clone(),
        benchmarks: vec![county],
        comparison: kommuner,
        ..ProfileOptions::default()
    };
    let mut p = profile(
        &Table::new(rows)?,
        areas,
        IndicatorRegistry::builtin(),
        &options,
    )?;
    p.rows.retain(|r| r.n_areas >= MIN_AREAS);
    if p.rows.is_empty() {
        warnings.push(
            Warning::new(
                WarningKind::NotComputed,
                None,
                format!(
                    "{}: the kommun profile is left out of the report: no indicator has values for \
                     {} and at least {MIN_AREAS} of the kommuner of {county_name} (the counts \
                     file needs the whole county)",
                    area.code, area.name
                ),
            )
            .about_area(&area.code),
        );
        return Ok(None);
    }
    Ok(Some(p))
}

/// The top of the summary: the profile's chart (inline SVG), the sentence that explains it
/// and the indicators of the report that are not in it. Empty without a profile.
pub(crate) fn summary_html(data: &ReportData, svg: Option<&String>) -> String {
    let (Some(p), Some(svg)) = (&data.profile, svg) else {
        return String::new();
    };
    let lang = data.config.language;
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<div class=\"chart\">{}</div>\n<p class=\"note\">{}</p>",
        super::html::scalable(svg),
        super::escape_html(words::REPORT_EXPLANATION.get(lang))
    );
    let shown: BTreeSet<&str> = p.rows.iter().map(|r| r.indicator.as_str()).collect();
    let left_out: Vec<String> = data
        .sections
        .iter()
        .flat_map(|(_, list)| list)
        .filter(|s| !shown.contains(s.indicator.id.as_str()))
        .map(|s| {
            lang.pick(&s.indicator.name_sv, &s.indicator.name_en)
                .to_string()
        })
        .collect();
    if !left_out.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"note\">{} {}.</p>",
            words::REPORT_LEFT_OUT.get(lang),
            super::escape_html(&left_out.join(", "))
        );
    }
    h
}

/// The methods note's paragraphs on the profile and on EB smoothing.
pub(crate) fn methods_html(lang: Lang) -> String {
    let mut h = String::new();
    for (heading, text) in [
        (words::METHODS_PROFILE_HEADING, words::METHODS_PROFILE),
        (words::METHODS_SMOOTHING_HEADING, words::METHODS_SMOOTHING),
    ] {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<p>{}</p>",
            super::escape_html(heading.get(lang)),
            super::escape_html(text.get(lang))
        );
    }
    h
}
