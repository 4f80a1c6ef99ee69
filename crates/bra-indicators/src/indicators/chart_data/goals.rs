//! The data of a goals chart (a row per goal result) and a goal's marks on a trend chart.

use super::{
    GoalMarks, IndicatorText, Selection, ValueFormat, area_code, area_name, indicator_text,
};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::goals::{GoalResult, GoalStatus};
use crate::labels::chart as phrase;

/// One goal's row.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalBar {
    /// The goal's id.
    pub id: String,
    /// What the row says (the goal's title, or indicator and area).
    pub label: String,
    /// Progress towards the target: 0 at the baseline, 1 at the target.
    pub progress: Option<f64>,
    /// The progress expected by now on a straight path.
    pub expected: Option<f64>,
    /// The status.
    pub status: GoalStatus,
    /// Latest value and target, for people (`10 826 (2024) → 10 000 (2026)`).
    pub detail: String,
}

/// Everything a goals chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalsChartData {
    /// The title.
    pub title: String,
    /// The subtitle (the area, the date of the follow-up).
    pub subtitle: String,
    /// The goals, top to bottom.
    pub goals: Vec<GoalBar>,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

impl Default for GoalsChartData {
    fn default() -> Self {
        GoalsChartData {
            title: "Måluppfyllelse".to_string(),
            subtitle: String::new(),
            goals: Vec::new(),
            source: "Brå".to_string(),
            lang: Lang::Sv,
        }
    }
}

/// Builds a goals chart from goal results (of the goals evaluation, as `bra goals` evaluates
/// them or as its output is read back). `sel.area` and `sel.indicator` keep only the goals of
/// that area or indicator; `sel.title` replaces the title.
///
/// # Errors
/// [`Error::InvalidArgument`] when no goal is left.
pub fn goals_data(results: &[GoalResult], sel: &Selection) -> Result<GoalsChartData> {
    let lang = sel.lang;
    let want_area = sel.area.as_deref().map(area_code);
    let mut goals = Vec::new();
    let mut areas = std::collections::BTreeSet::new();
    let mut sources = std::collections::BTreeSet::new();
    for r in results {
        let a = area_code(&r.area);
        if want_area.as_ref().is_some_and(|w| *w != a)
            || sel.indicator.as_deref().is_some_and(|i| i != r.indicator)
        {
            continue;
        }
        let text = indicator_text(&r.indicator, lang, false);
        sources.insert(text.source.clone());
        if !a.is_empty() {
            areas.insert(a.clone());
        }
        goals.push(goal_bar(r, &a, &text, lang));
    }
    if goals.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "no goals to draw{}{}",
            want_area
                .map(|a| format!(" in area {a}"))
                .unwrap_or_default(),
            sel.indicator
                .as_deref()
                .map(|i| format!(" on indicator {i}"))
                .unwrap_or_default()
        )));
    }
    let subtitle = if areas.len() == 1 {
        areas
            .iter()
            .next()
            .map(|a| area_name(a, lang))
            .unwrap_or_default()
    } else {
        String::new()
    };
    Ok(GoalsChartData {
        title: sel
            .title
            .clone()
            .unwrap_or_else(|| phrase::PROGRESS_TOWARDS_THE_GOALS.get(lang).to_string()),
        subtitle,
        goals,
        source: sel
            .source
            .clone()
            .unwrap_or_else(|| sources.into_iter().collect::<Vec<_>>().join(", ")),
        lang,
    })
}

/// One goal's row: its label (title, else indicator and area) and detail (latest value and
/// target).
fn goal_bar(r: &GoalResult, area: &str, text: &IndicatorText, lang: Lang) -> GoalBar {
    let label = if r.title.is_empty() {
        [
            text.name.clone(),
            if area.is_empty() {
                String::new()
            } else {
                area_name(area, lang)
            },
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    } else {
        r.title.clone()
    };
    let format = ValueFormat::for_values(r.latest.into_iter().chain([r.target]), text.percent);
    let mut detail = String::new();
    if let Some(v) = r.latest {
        let period = r.latest_period.map(|p| p.to_string()).unwrap_or_default();
        detail = format!("{} ({period})", format.format(v, lang));
    }
    if !detail.is_empty() {
        detail.push_str(" → ");
    }
    detail.push_str(&format!(
        "{} {} ({})",
        phrase::TARGET_2.get(lang),
        format.format(r.target, lang),
        r.deadline
    ));
    GoalBar {
        id: r.goal.clone(),
        label: if label.is_empty() {
            r.goal.clone()
        } else {
            label
        },
        progress: r.progress,
        expected: r.expected_progress,
        status: r.status,
        detail: detail.replace(" ()", ""),
    }
}

/// The marks of one goal for a trend chart: the goal `goal_id`, or the only goal on
/// `indicator` in `area`. `None` when no goal matches.
///
/// # Errors
/// [`Error::InvalidArgument`] when several goals match and none is named.
pub fn goal_marks(
    results: &[GoalResult],
    goal_id: Option<&str>,
    area: &str,
    indicator: &str,
) -> Result<Option<GoalMarks>> {
    let area = area_code(area);
    let matching: Vec<&GoalResult> = results
        .iter()
        .filter(|r| match goal_id {
            Some(id) => r.goal == id,
            None => r.indicator == indicator && area_code(&r.area) == area,
        })
        .collect();
    match matching.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(GoalMarks {
            baseline: (one.baseline_period, one.baseline),
            target: one.target,
            deadline: one.deadline,
        })),
        more => Err(Error::InvalidArgument(format!(
            "several goals on {indicator} in {area} ({}): name the goal",
            more.iter()
                .map(|r| r.goal.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}
