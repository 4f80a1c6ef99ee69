//! The follow-up of each goal against the data it is handed (METHODS.md, "SMART goals").

use super::file::{Goal, GoalsFile, check_target_moves};
use super::result::{Direction, GoalResult, GoalResults, GoalStatus, MilestoneStatus, SlopeMethod};
use crate::area::AreaRegistry;
use crate::error::{Error, Location, Result};
use crate::indicator::{IndicatorKind, IndicatorRegistry};
use crate::period::Period;
use crate::stats::Level;
use crate::stats::compare::{Change, interval_overlap, rate_ratio_exact, two_proportion_z};
use crate::stats::trend::sen_slope;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::{BTreeSet, HashMap};

/// Follows every goal of `goals` up on `data`, as if the latest data were `as_of` when given.
///
/// # Method (METHODS.md, "SMART goals")
/// Only the data points of the goal's indicator, area and group, of the same kind of period
/// as the baseline (years with years, quarters with quarters) and with a value, are used.
/// The clock is `as_of`, else the latest of those periods. The evaluated point (p, v) is the
/// latest point after the baseline p0 and at or before the clock and the deadline pT. With
/// b the baseline value (from the file, else the data at p0) and t the target:
/// - progress = (v − b)/(t − b); expected progress = (p − p0)/(pT − p0) clamped to [0, 1],
///   in years ([`Period::time`]);
/// - projected = v + slope·(pT − p), with Sen's slope of (p0, b) and the points up to p when
///   there are 3 or more, else (v − b)/(p − p0);
/// - status: `achieved` when v meets t (v ≤ t for a decrease, v ≥ t for an increase); else
///   `missed` once the clock has reached pT; else `on track` (progress ≥ expected), `at risk`
///   (0 < progress < expected) or `off track` (progress ≤ 0); `no data` without a point;
/// - milestone: the latest one at or before the clock, `met` / `not met` by the data point at
///   its period, `pending` without one;
/// - significant: the change between the data rows at p0 and p: `rate-ratio-exact` when both
///   have a count and a population (`two-proportion-z` when they are survey shares: the
///   indicator is a survey proportion, or the interval method `wilson` / `clopper-pearson`),
///   else `interval-overlap` when both have an interval; else not tested (a warning says why).
///
/// # Errors
/// [`Error::Input`] at the goal's line in the goals file when its indicator, area or group is
/// not in the data, when the baseline value is neither in the file nor in the data, or when
/// the target equals the baseline value taken from the data.
///
/// # Examples
/// The worked example of METHODS.md: baseline 2019 b = 100, target 80 by 2025.
/// ```
/// use bra_indicators::{evaluate_goals, parse_goals, read_table_bytes, GoalStatus, ReadOptions};
/// let goals = parse_goals("goals.toml", r#"
/// [[goal]]
/// id = "example"
/// title = "Worked example"
/// focus_area = "other"
/// level = "universal"
/// indicator = "brott.totalt"
/// area = "1982"
/// baseline = { period = "2019" }
/// target = { value = 80 }
/// deadline = "2025"
/// owner = "Kommunen"
/// "#, "".as_ref())?;
/// let csv = "area,period,indicator,value\n1982,2019,brott.totalt,100\n1982,2020,brott.totalt,97\n\
///            1982,2021,brott.totalt,95\n1982,2022,brott.totalt,92\n";
/// let data = read_table_bytes("data.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let r = &evaluate_goals(&goals, &data, None)?.results[0];
/// assert!((r.progress.unwrap() - 0.40).abs() < 1e-12);
/// assert!((r.expected_progress.unwrap() - 0.50).abs() < 1e-12);
/// assert!((r.slope.unwrap() - -2.583333).abs() < 1e-6);
/// assert!((r.projected.unwrap() - 84.25).abs() < 1e-9);
/// assert_eq!(r.status, GoalStatus::AtRisk);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn evaluate_goals(
    goals: &GoalsFile,
    data: &Table,
    as_of: Option<Period>,
) -> Result<GoalResults> {
    let index = DataIndex::new(data);
    let mut results = Vec::with_capacity(goals.goals.len());
    let mut warnings = Vec::new();
    for goal in &goals.goals {
        let series = index.series(goals, goal)?;
        results.push(evaluate_goal(goals, goal, &series, as_of, &mut warnings)?);
    }
    Ok(GoalResults { results, warnings })
}

/// The data rows by (area, indicator, group), and what is there, for messages.
struct DataIndex<'a> {
    series: HashMap<(&'a str, &'a str, &'a str), Vec<&'a Observation>>,
    indicators: BTreeSet<&'a str>,
}

impl<'a> DataIndex<'a> {
    fn new(data: &'a Table) -> Self {
        let mut series: HashMap<(&str, &str, &str), Vec<&Observation>> = HashMap::new();
        let mut indicators = BTreeSet::new();
        for row in data.rows() {
            indicators.insert(row.indicator.as_str());
            series
                .entry((&row.area, &row.indicator, &row.group))
                .or_default()
                .push(row);
        }
        for rows in series.values_mut() {
            rows.sort_by_key(|r| r.period);
        }
        DataIndex { series, indicators }
    }

    /// The goal's rows of the baseline's kind of period, sorted; an error at the right line
    /// when the indicator, the area or the group is not in the data.
    fn series(&self, file: &GoalsFile, goal: &Goal) -> Result<Vec<&'a Observation>> {
        let src_error = |line: u64, message: String| {
            Error::input(
                Location::file(&file.name).line(line),
                format!("goal \"{}\": {message}", goal.id),
            )
        };
        if !self.indicators.contains(goal.indicator.as_str()) {
            return Err(src_error(
                goal.at.indicator,
                format!(
                    "indicator \"{}\" is not in the data ({}); indicators there: {}",
                    goal.indicator,
                    data_names(file),
                    shortlist(self.indicators.iter().copied())
                ),
            ));
        }
        let of_indicator = || {
            self.series
                .keys()
                .filter(|(_, i, _)| *i == goal.indicator)
                .copied()
        };
        if !of_indicator().any(|(a, _, _)| a == goal.area) {
            let registry = AreaRegistry::builtin();
            let known = registry.get(&goal.area).is_some();
            let areas: BTreeSet<&str> = of_indicator().map(|(a, _, _)| a).collect();
            let what = if known {
                format!(
                    "no data for area {} ({}) with indicator \"{}\"",
                    goal.area,
                    registry.get(&goal.area).map_or("", |a| a.name.as_str()),
                    goal.indicator
                )
            } else {
                format!(
                    "unknown area \"{}\": expected a kommun, län or riket name or code, or an \
                     area code in the data",
                    goal.area
                )
            };
            return Err(src_error(
                goal.at.area,
                format!(
                    "{what}; areas with this indicator: {}",
                    shortlist(areas.into_iter())
                ),
            ));
        }
        let Some(rows) = self.series.get(&(
            goal.area.as_str(),
            goal.indicator.as_str(),
            goal.group.as_str(),
        )) else {
            let groups: BTreeSet<&str> = of_indicator()
                .filter(|(a, _, _)| *a == goal.area)
                .map(|(_, _, g)| g)
                .collect();
            return Err(src_error(
                goal.at.group.unwrap_or(goal.at.area),
                format!(
                    "no data for group \"{}\" of indicator \"{}\" in area {}; groups there: {}",
                    goal.group,
                    goal.indicator,
                    goal.area,
                    shortlist(groups.into_iter())
                ),
            ));
        };
        let kind = goal.baseline.period.kind();
        Ok(rows
            .iter()
            .copied()
            .filter(|r| r.period.kind() == kind)
            .collect())
    }
}

fn data_names(file: &GoalsFile) -> String {
    if file.data.is_empty() {
        "the data given".to_string()
    } else {
        file.data
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Up to 10 names, then how many more.
fn shortlist<'s>(names: impl Iterator<Item = &'s str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut out = names
        .iter()
        .take(10)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 10 {
        out.push_str(&format!(" and {} more", names.len() - 10));
    }
    if out.is_empty() {
        out.push_str("none");
    }
    out
}

/// One goal against its series (rows of the goal's indicator, area, group and period kind),
/// in the steps of METHODS.md: the baseline value and the target, the clock and the evaluated
/// point, the gaps, the milestone, then progress, projection, status and the change test.
fn evaluate_goal(
    file: &GoalsFile,
    goal: &Goal,
    series: &[&Observation],
    as_of: Option<Period>,
    warnings: &mut Vec<Warning>,
) -> Result<GoalResult> {
    let at = |line: u64| Location::file(&file.name).line(line);
    let p0 = goal.baseline.period;
    let pt = goal.deadline;
    let row_at = |p: Period| series.iter().copied().find(|r| r.period == p);
    let points: Vec<(Period, f64)> = series
        .iter()
        .filter_map(|r| r.value.map(|v| (r.period, v)))
        .collect();

    let b = baseline_value(file, goal, series)?;
    let t = goal.target.resolve(b);
    check_target_moves(b, t).map_err(|m| {
        Error::input(
            at(goal.at.target),
            format!("goal \"{}\": {m} (taken from the data)", goal.id),
        )
    })?;
    let direction = if t < b {
        Direction::Decrease
    } else {
        Direction::Increase
    };

    let clock = as_of.or_else(|| points.last().map(|&(p, _)| p));
    let cutoff = clock.map(|c| c.min(pt));
    let evaluated = cutoff.and_then(|c| {
        points
            .iter()
            .copied()
            .rfind(|&(p, _)| p > p0 && p <= c && p.time() > p0.time())
    });
    if let Some(c) = cutoff {
        warn_of_gaps(file, goal, series, c, warnings);
    }
    let mut result = unevaluated(goal, direction, (b, t), clock, &points);
    let Some((p, v)) = evaluated else {
        return Ok(result);
    };

    let progress = (v - b) / (t - b);
    let expected = ((p.time() - p0.time()) / (pt.time() - p0.time())).clamp(0.0, 1.0);
    let (slope, slope_method) = projection_slope(file, goal, &points, b, (p, v))?;
    let status = status_of(
        direction,
        (v, t),
        clock.is_some_and(|c| c >= pt),
        (progress, expected),
    );
    test_the_change(
        file,
        goal,
        (p0, p),
        (row_at(p0), row_at(p)),
        &mut result,
        warnings,
    );

    result.latest_period = Some(p);
    result.latest = Some(v);
    result.progress = Some(progress);
    result.expected_progress = Some(expected);
    result.slope = Some(slope);
    result.slope_method = Some(slope_method);
    result.projected = Some(v + slope * (pt.time() - p.time()));
    result.status = status;
    Ok(result)
}

/// A goal's result before its latest value is evaluated: the goal, its baseline and target,
/// the date of the follow-up and the milestone due by then (met, not met or pending); no data.
fn unevaluated(
    goal: &Goal,
    direction: Direction,
    (b, t): (f64, f64),
    clock: Option<Period>,
    points: &[(Period, f64)],
) -> GoalResult {
    let milestone = clock.and_then(|c| goal.milestones.iter().rfind(|m| m.period <= c));
    let milestone_status = milestone.map(|m| match points.iter().find(|&&(p, _)| p == m.period) {
        Some(&(_, v)) if direction.meets(v, m.value) => MilestoneStatus::Met,
        Some(_) => MilestoneStatus::NotMet,
        None => MilestoneStatus::Pending,
    });
    GoalResult {
        goal: goal.id.clone(),
        title: goal.title.clone(),
        focus_area: goal.focus_area,
        level: goal.level,
        owner: goal.owner.clone(),
        indicator: goal.indicator.clone(),
        area: goal.area.clone(),
        group: goal.group.clone(),
        direction,
        baseline_period: goal.baseline.period,
        baseline: b,
        target: t,
        deadline: goal.deadline,
        as_of: clock,
        latest_period: None,
        latest: None,
        progress: None,
        expected_progress: None,
        slope: None,
        slope_method: None,
        projected: None,
        status: GoalStatus::NoData,
        milestone_period: milestone.map(|m| m.period),
        milestone_target: milestone.map(|m| m.value),
        milestone: milestone_status,
        significant: None,
        test: None,
        p_value: None,
    }
}

/// The status of a goal with latest value `v` and target `t`: achieved when the target is met,
/// missed when the deadline has passed, else on track, at risk or off track by the progress
/// against the progress expected by now.
fn status_of(
    direction: Direction,
    (v, t): (f64, f64),
    past_deadline: bool,
    (progress, expected): (f64, f64),
) -> GoalStatus {
    if direction.meets(v, t) {
        GoalStatus::Achieved
    } else if past_deadline {
        GoalStatus::Missed
    } else if progress >= expected {
        GoalStatus::OnTrack
    } else if progress > 0.0 {
        GoalStatus::AtRisk
    } else {
        GoalStatus::OffTrack
    }
}

/// Tests the change from the baseline to the latest value into `result`, or says in a warning
/// why it was not tested.
fn test_the_change(
    file: &GoalsFile,
    goal: &Goal,
    (p0, p): (Period, Period),
    (baseline, latest): (Option<&Observation>, Option<&Observation>),
    result: &mut GoalResult,
    warnings: &mut Vec<Warning>,
) {
    match change_test(baseline, latest, &goal.indicator, file.confidence_level) {
        Ok(c) => {
            result.significant = Some(c.significant);
            result.test = Some(c.test);
            result.p_value = c.p_value;
        }
        Err(why) => warnings.push(goal_warning(
            WarningKind::NotComputed,
            file,
            goal,
            format!(
                "goal \"{}\": the change {p0} → {p} was not tested: {why}",
                goal.id
            ),
        )),
    }
}

/// The baseline value b: from the goals file, else the data at the baseline period; an error
/// at the baseline's line when the data have no value there.
fn baseline_value(file: &GoalsFile, goal: &Goal, series: &[&Observation]) -> Result<f64> {
    if let Some(b) = goal.baseline.value {
        return Ok(b);
    }
    let p0 = goal.baseline.period;
    let at = Location::file(&file.name).line(goal.at.baseline);
    match series.iter().find(|r| r.period == p0) {
        Some(Observation { value: Some(v), .. }) => Ok(*v),
        Some(row) => Err(Error::input(
            at,
            format!(
                "goal \"{}\": the data have no value for the baseline period {p0} ({}); \
                 give it as baseline = {{ period = \"{p0}\", value = ... }}",
                goal.id,
                row.status.as_deref().unwrap_or("missing")
            ),
        )),
        None => Err(Error::input(
            at,
            format!(
                "goal \"{}\": the data have no row for the baseline period {p0} \
                 (periods there: {}); give the value as baseline = {{ period = \
                 \"{p0}\", value = ... }}",
                goal.id,
                shortlist(
                    series
                        .iter()
                        .map(|r| r.period.to_string())
                        .collect::<Vec<_>>()
                        .iter()
                        .map(String::as_str)
                )
            ),
        )),
    }
}

/// A warning about a goal, at its line in the goals file and carrying its area and indicator.
fn goal_warning(kind: WarningKind, file: &GoalsFile, goal: &Goal, message: String) -> Warning {
    Warning::new(
        kind,
        Some(Location::file(&file.name).line(goal.at.goal)),
        message,
    )
    .about_area(&goal.area)
    .about_indicator(&goal.indicator)
}

/// Gaps the reader of the result should know about: missing values after the baseline, up to
/// the cut-off (the clock or the deadline, whichever is first).
fn warn_of_gaps(
    file: &GoalsFile,
    goal: &Goal,
    series: &[&Observation],
    cutoff: Period,
    warnings: &mut Vec<Warning>,
) {
    let p0 = goal.baseline.period;
    for row in series
        .iter()
        .filter(|r| r.value.is_none() && r.period > p0 && r.period <= cutoff)
    {
        warnings.push(goal_warning(
            WarningKind::MissingValue,
            file,
            goal,
            format!(
                "goal \"{}\": {} has no value in the data ({}): left out",
                goal.id,
                row.period,
                row.status.as_deref().unwrap_or("missing")
            ),
        ));
    }
}

/// The slope per year for the projection: Sen's slope of the baseline (p0, b) and the data
/// points after it up to the evaluated point (p, v) when there are 3 or more, else the
/// two-point slope (v − b)/(p − p0).
fn projection_slope(
    file: &GoalsFile,
    goal: &Goal,
    points: &[(Period, f64)],
    b: f64,
    (p, v): (Period, f64),
) -> Result<(f64, SlopeMethod)> {
    let p0 = goal.baseline.period;
    let mut path: Vec<(Period, f64)> = vec![(p0, b)];
    path.extend(points.iter().copied().filter(|&(q, _)| q > p0 && q <= p));
    if path.len() < 3 {
        return Ok(((v - b) / (p.time() - p0.time()), SlopeMethod::TwoPoint));
    }
    let times: Vec<f64> = path.iter().map(|(q, _)| q.time()).collect();
    let values: Vec<f64> = path.iter().map(|&(_, x)| x).collect();
    let sen = sen_slope(&times, &values, file.confidence_level).map_err(|e| {
        Error::input(
            Location::file(&file.name).line(goal.at.goal),
            format!("goal \"{}\": projecting the data: {e}", goal.id),
        )
    })?;
    Ok((sen.slope, SlopeMethod::Sen))
}

/// The change test between the data rows at p0 and p (METHODS.md, "Comparison with a
/// benchmark"), or why none could be made.
fn change_test(
    base: Option<&Observation>,
    latest: Option<&Observation>,
    indicator: &str,
    level: Level,
) -> std::result::Result<Change, String> {
    let (Some(r1), Some(r2)) = (base, latest) else {
        return Err(
            "the data have no row at the baseline period (its value is from the \
                    goals file)"
                .into(),
        );
    };
    let mut why = Vec::new();
    if let (Some(c1), Some(n1), Some(c2), Some(n2)) =
        (r1.count, r1.population, r2.count, r2.population)
    {
        let share =
            |r: &Observation| matches!(r.method.as_deref(), Some("wilson" | "clopper-pearson"));
        let survey = IndicatorRegistry::builtin()
            .get(indicator)
            .is_some_and(|i| i.kind == IndicatorKind::SurveyProportion);
        let tested = if survey || share(r1) || share(r2) {
            two_proportion_z(c1, n1, c2, n2, level)
        } else {
            rate_ratio_exact(c1, n1, c2, n2, level)
        };
        match tested {
            Ok(c) => return Ok(c),
            Err(e) => why.push(e.to_string()),
        }
    } else {
        why.push("no count and population in both periods".to_string());
    }
    if let (Some(l1), Some(u1), Some(l2), Some(u2)) = (r1.lower, r1.upper, r2.lower, r2.upper) {
        match interval_overlap(l1, u1, l2, u2) {
            Ok(c) => return Ok(c),
            Err(e) => why.push(e.to_string()),
        }
    } else {
        why.push("no interval in both periods".to_string());
    }
    Err(why.join("; "))
}
