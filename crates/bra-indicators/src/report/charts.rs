//! The report's charts: a trend chart per indicator and a goals chart, as PNG and SVG files
//! and as inline SVG for the page.

use super::ReportData;
use crate::area::AreaRegistry;
use crate::chart::{render_png, render_svg_string};
use crate::error::{Error, Result};
use crate::indicator::IndicatorRegistry;
use crate::indicators::chart_data::{
    Chart, GoalMarks, Selection, goals_data, trend_data_from_table,
};
use std::collections::BTreeMap;
use std::path::Path;

/// PNG size for a Word page (drawn at 2× for sharpness), and the SVG's nominal size.
const PNG: (u32, u32) = (1600, 900);
const SVG: (u32, u32) = (800, 450);

/// The inline SVG of each chart, by key: an indicator id, `goals` or `profile`.
pub(crate) type InlineCharts = BTreeMap<String, String>;

/// Draws every chart of the report, writes `charts/<name>.png` and `.svg` into `dir`, and
/// returns the inline SVGs and the number of charts.
pub(crate) fn write_charts(data: &ReportData, dir: &Path) -> Result<(InlineCharts, usize)> {
    let lang = data.config.language;
    let mut charts: Vec<(String, Chart)> = Vec::new();
    if let Some(profile) = &data.profile {
        let (areas, indicators) = (AreaRegistry::builtin(), IndicatorRegistry::builtin());
        let chart = profile.chart_data(None, areas, indicators, lang)?;
        charts.push(("profile".to_string(), Chart::Profile(chart)));
    }
    for (_, list) in &data.sections {
        for s in list {
            let sel = Selection {
                area: Some(s.area_shown.clone()),
                indicator: Some(s.indicator.id.clone()),
                benchmarks: Some(s.benchmark_series.iter().map(|(b, _)| b.clone()).collect()),
                lang,
                ..Selection::default()
            };
            let mut trend = trend_data_from_table(&data.table, &sel)?;
            trend.area_name = data
                .names
                .get(&s.area_shown)
                .cloned()
                .unwrap_or_else(|| s.area_shown.clone());
            trend.goal = data.goals.as_ref().and_then(|g| {
                g.results
                    .iter()
                    .find(|r| r.indicator == s.indicator.id && r.area == s.area_shown)
                    .map(|r| GoalMarks {
                        baseline: (r.baseline_period, r.baseline),
                        target: r.target,
                        deadline: r.deadline,
                    })
            });
            charts.push((s.indicator.id.clone(), Chart::Trend(trend)));
        }
    }
    if let Some(goals) = &data.goals {
        let sel = Selection {
            lang,
            ..Selection::default()
        };
        charts.push((
            "goals".to_string(),
            Chart::Goals(goals_data(&goals.results, &sel)?),
        ));
    }
    if let Some(picture) = &data.situation {
        charts.push((
            "lagesbild".to_string(),
            super::situation_section::focus_area_chart(picture, lang),
        ));
    }
    let mut inline = InlineCharts::new();
    for (key, chart) in &charts {
        let stem = crate::indicator::slug(key);
        let svg = render_svg_string(chart, chart.size_for(SVG))?;
        let png = render_png(chart, chart.size_for(PNG))?;
        write_file(&dir.join(format!("{stem}.svg")), svg.as_bytes())?;
        write_file(&dir.join(format!("{stem}.png")), &png)?;
        inline.insert(key.clone(), svg);
    }
    Ok((inline, charts.len()))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}
