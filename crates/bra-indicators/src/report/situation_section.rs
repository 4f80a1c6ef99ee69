//! The follow-up report's section "Lägesbild per kvartal": when the config names
//! `[data] incidents`, the EST incident log's latest quarter (as-of the log's last date) by
//! focus area, for the local council's direction decision (inriktningsbeslut): the
//! focus-area table and the focus areas' count against expected.

use super::config::ReportConfig;
use super::html::{escape_html, scalable};
use super::situation_page::{focus_table, notes};
use crate::error::Result;
use crate::format::Lang;
use crate::incident::IncidentCategories;
use crate::indicators::situation::{
    SituationOptions, SituationPicture, WindowKind, situation_picture,
};
use crate::ingest::read_incidents_bytes;
use crate::labels::lagesbild as labels;
use crate::warning::Warning;
use std::fmt::Write;

/// The significance level of the section's flags (the situation picture's default).
const ALPHA: f64 = 0.01;

/// Reads `[data] incidents` (and `incident_categories`) of `config`, if named, and computes
/// the quarterly picture; its reading and computing warnings and the files read are added to
/// `warnings` and `sources`.
///
/// # Errors
/// The incident reader's errors (file, line, column), an unreadable categories file.
pub(super) fn load_situation(
    config: &ReportConfig,
    warnings: &mut Vec<Warning>,
    sources: &mut Vec<String>,
) -> Result<Option<SituationPicture>> {
    let Some(raw) = &config.data.incidents else {
        return Ok(None);
    };
    let path = config.resolve(raw);
    let bytes = std::fs::read(&path).map_err(|e| crate::error::Error::io(&path, e))?;
    let (log, read_warnings) =
        read_incidents_bytes(&path.display().to_string(), &bytes, &config.limits)?;
    warnings.extend(read_warnings);
    sources.push(path.display().to_string());
    let categories = match &config.data.incident_categories {
        Some(raw) => {
            let path = config.resolve(raw);
            sources.push(path.display().to_string());
            IncidentCategories::read(&path)?
        }
        None => IncidentCategories::builtin(),
    };
    let options = SituationOptions {
        window: WindowKind::Quarter,
        alpha: ALPHA,
        ..SituationOptions::default()
    };
    let picture = situation_picture(&log, &categories, &options)?;
    warnings.extend(picture.warnings.iter().cloned());
    Ok(Some(picture))
}

/// The focus areas' count against expected in the latest quarter.
#[cfg(feature = "charts")]
pub(super) fn focus_area_chart(
    picture: &SituationPicture,
    lang: Lang,
) -> crate::indicators::chart_data::Chart {
    use crate::indicators::chart_data::{Chart, situation_bars_chart};
    use crate::indicators::situation::SituationLevel;
    Chart::SituationBars(situation_bars_chart(
        picture,
        SituationLevel::FocusArea,
        lang,
        None,
    ))
}

/// The section: heading, introduction, the window, the focus-area table, the chart (inline
/// SVG) if any, and the method note.
pub(super) fn render(picture: &SituationPicture, lang: Lang, chart: Option<&String>) -> String {
    let current = picture.current_window_text(lang);
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<section id=\"lagesbild\">\n<h2>{}</h2>\n<p>{}</p>\n<p class=\"note\">{}: {} · {} {}</p>",
        labels::REPORT_SECTION.get(lang),
        labels::REPORT_INTRO.get(lang),
        labels::WINDOW.get(lang),
        escape_html(&current),
        labels::AS_OF.get(lang),
        picture.as_of
    );
    h.push_str(&focus_table(picture, None, lang));
    if let Some(svg) = chart {
        let _ = writeln!(h, "<div class=\"chart\">{}</div>", scalable(svg));
    }
    h.push_str(&notes(None, ALPHA, lang));
    h.push_str("</section>\n");
    h
}
