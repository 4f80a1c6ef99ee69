//! SMART goals: the goals file (TOML) and the follow-up of each goal against the data.
//!
//! A goals file names the data it is measured on and lists the goals of a plan or citizen
//! promise (medborgarlöfte):
//!
//! ```toml
//! data = ["rates.csv"]          # relative to the goals file
//! confidence_level = 0.95       # optional: the level of the change tests
//!
//! [[goal]]
//! id = "stold-minska"
//! title = "Färre stölder"
//! focus_area = "disorder-and-unsafety"
//! level = "universal"
//! indicator = "brott.stold"
//! area = "Fagersta"             # a code or a name
//! baseline = { period = "2019" }                 # value taken from the data
//! target = { change_percent = -20 }              # or { value = ... } or { change_absolute = ... }
//! deadline = "2026"
//! milestones = { "2022" = 3300 }                 # optional (delmål): period = value
//! owner = "Kommunpolisen och kommunens säkerhetssamordnare"
//! ```
//!
//! [`read_goals`] (or [`parse_goals`]) reads and checks the file; [`read_goal_data`] reads its
//! data files; [`evaluate_goals`] follows every goal up by the rules of METHODS.md ("SMART
//! goals"), giving one [`GoalResult`] per goal and, with [`GoalResults::to_dataframe`], the
//! table of `bra goals` ([`GOAL_COLUMNS`]).

use crate::area::AreaRegistry;
use crate::error::{Error, Location, Result};
use crate::indicator::{FocusArea, IndicatorKind, IndicatorRegistry};
use crate::ingest::{ReadOptions, read_table};
use crate::period::Period;
use crate::stats::Level;
use crate::stats::compare::{
    Change, ChangeTest, interval_overlap, rate_ratio_exact, two_proportion_z,
};
use crate::stats::trend::sen_slope;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use polars::prelude::{Column, DataFrame};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The prevention level a goal's measures work at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PreventionLevel {
    /// Universal: everyone in the area (lighting, school programmes).
    Universal,
    /// Selective: groups at higher risk.
    Selective,
    /// Indicated: individuals who already show problems.
    Indicated,
}

impl PreventionLevel {
    /// The English code used in files: `universal`, `selective`, `indicated`.
    pub fn code(self) -> &'static str {
        match self {
            PreventionLevel::Universal => "universal",
            PreventionLevel::Selective => "selective",
            PreventionLevel::Indicated => "indicated",
        }
    }

    /// Swedish label for people: `universell`, `selektiv`, `indikerad`.
    pub fn label_sv(self) -> &'static str {
        match self {
            PreventionLevel::Universal => "universell",
            PreventionLevel::Selective => "selektiv",
            PreventionLevel::Indicated => "indikerad",
        }
    }
}

/// How a goal's target is given.
///
/// # Examples
/// ```
/// use bra_indicators::Target;
/// assert_eq!(Target::Value(80.0).resolve(100.0), 80.0);
/// assert_eq!(Target::ChangePercent(-10.0).resolve(250.0), 225.0);
/// assert_eq!(Target::ChangeAbsolute(5.0).resolve(60.0), 65.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A value in the indicator's unit.
    Value(f64),
    /// A change in percent of the baseline: t = b·(1 + change/100); −10 is a 10 % decrease.
    ChangePercent(f64),
    /// A change in the indicator's unit (percentage points for shares): t = b + change.
    ChangeAbsolute(f64),
}

impl Target {
    /// The target value for a baseline value `baseline`.
    pub fn resolve(self, baseline: f64) -> f64 {
        match self {
            Target::Value(t) => t,
            Target::ChangePercent(c) => baseline * (1.0 + c / 100.0),
            Target::ChangeAbsolute(c) => baseline + c,
        }
    }
}

/// A goal's starting point: the period, and its value unless it is taken from the data.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Baseline {
    /// The baseline period p0.
    pub period: Period,
    /// The baseline value b as written in the goals file; `None`: the data's value at p0.
    pub value: Option<f64>,
}

/// A milestone (delmål): the value to reach by a period on the way to the target.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Milestone {
    /// The milestone's period.
    pub period: Period,
    /// The value to reach by then.
    pub value: f64,
}

/// One SMART goal, as read from a goals file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Goal {
    /// A short id, unique in the file (`stold-minska`).
    pub id: String,
    /// The goal in words, for people.
    pub title: String,
    /// The citizen-promise focus area.
    pub focus_area: FocusArea,
    /// The prevention level.
    pub level: PreventionLevel,
    /// The indicator id (`brott.stold`).
    pub indicator: String,
    /// The area code (names in the file are turned into codes).
    pub area: String,
    /// The breakdown (`total` unless the file says otherwise).
    pub group: String,
    /// The starting point.
    pub baseline: Baseline,
    /// The target.
    pub target: Target,
    /// The deadline pT.
    pub deadline: Period,
    /// Milestones, ordered by period.
    pub milestones: Vec<Milestone>,
    /// Who is responsible.
    pub owner: String,
    /// Where in the file each part was written, for messages.
    #[serde(skip)]
    at: GoalLines,
}

/// The lines in the goals file of a goal's parts (1-based).
#[derive(Debug, Clone, Default, PartialEq)]
struct GoalLines {
    goal: u64,
    id: u64,
    indicator: u64,
    area: u64,
    group: Option<u64>,
    baseline: u64,
    target: u64,
}

/// A goals file: where the data are, and the goals.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalsFile {
    /// The goals file's name, as used in messages.
    pub name: String,
    /// The data files, resolved relative to the goals file.
    pub data: Vec<PathBuf>,
    /// The level of the change tests (`confidence_level`, 0.95 unless given).
    pub confidence_level: Level,
    /// The goals, in file order.
    pub goals: Vec<Goal>,
}

// ---------------------------------------------------------------------------------------------
// Reading the goals file
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    data: Vec<String>,
    confidence_level: Option<Spanned<f64>>,
    #[serde(default)]
    goal: Vec<Spanned<RawGoal>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    id: Spanned<String>,
    title: String,
    focus_area: FocusArea,
    level: PreventionLevel,
    indicator: Spanned<String>,
    area: Spanned<String>,
    group: Option<Spanned<String>>,
    baseline: Spanned<RawBaseline>,
    target: Spanned<RawTarget>,
    deadline: Spanned<Period>,
    #[serde(default)]
    milestones: BTreeMap<Spanned<String>, Spanned<f64>>,
    owner: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    period: Spanned<Period>,
    value: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: Option<f64>,
    change_percent: Option<f64>,
    change_absolute: Option<f64>,
}

/// Only the goals' ids and positions, read leniently to say which goal a TOML error is in.
#[derive(Deserialize)]
struct LenientFile {
    #[serde(default)]
    goal: Vec<Spanned<LenientGoal>>,
}

#[derive(Deserialize)]
struct LenientGoal {
    id: Option<toml::Value>,
}

/// Turns byte offsets of the goals file into locations.
struct Source<'a> {
    name: &'a str,
    text: &'a str,
}

impl Source<'_> {
    /// 1-based line and column (in characters) of byte offset `at`.
    fn line_col(&self, at: usize) -> (u64, u64) {
        let at = at.min(self.text.len());
        let before = self.text.get(..at).unwrap_or(self.text);
        let line = before.matches('\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before
            .get(line_start..)
            .map_or(0, |s| s.chars().count() as u64)
            + 1;
        (line, column)
    }

    fn line(&self, span: Range<usize>) -> u64 {
        self.line_col(span.start).0
    }

    /// An input error at `line` of goal `goal`.
    fn error(&self, line: u64, goal: &str, message: impl std::fmt::Display) -> Error {
        Error::input(
            Location::file(self.name).line(line),
            format!("goal \"{goal}\": {message}"),
        )
    }
}

/// Reads a goals file (TOML) and checks it; data paths are taken relative to its folder.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read; otherwise as [`parse_goals`].
pub fn read_goals(path: &Path) -> Result<GoalsFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        // Where the first byte that is not UTF-8 is.
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let src = Source {
            name: &name,
            text: &before,
        };
        let (line, column) = src.line_col(before.len());
        Error::input(
            Location::file(&name).line(line).column(column),
            "expected UTF-8 text (save the goals file as UTF-8)",
        )
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse_goals(&name, &text, base)
}

/// Parses and checks the text of a goals file; `name` is used in messages and `base` is the
/// folder that the `data` paths are relative to.
///
/// Every goal needs `id`, `title`, `focus_area` (`threats-and-violence`,
/// `disorder-and-unsafety`, `extremism-and-networks`, `youth-and-schools`, `andt`, `other`),
/// `level` (`universal`, `selective`, `indicated`), `indicator`, `area` (a code or a name),
/// `baseline = { period, value? }`, `target` (exactly one of `value`, `change_percent`,
/// `change_absolute`), `deadline` and `owner`; `group` (default `total`) and `milestones`
/// (`{ "2022" = 90.0 }`) are optional. Periods may be written `"2019"`, `2019`, `"2020K1"`.
///
/// # Errors
/// [`Error::Input`] with the file, the line (and column for TOML errors) and the goal id:
/// a TOML syntax error; an unknown key; a missing key; a value of the wrong type; a period
/// that is not one; an area that is neither a code nor a known name; a deadline not after the
/// baseline; a target that is not exactly one of the three kinds, or equal to the baseline
/// value; a milestone outside (baseline, deadline]; a duplicate goal id; a file without goals.
///
/// # Examples
/// ```
/// use bra_indicators::{parse_goals, Target};
/// let text = r#"
/// data = ["rates.csv"]
/// [[goal]]
/// id = "stold"
/// title = "Färre stölder"
/// focus_area = "disorder-and-unsafety"
/// level = "universal"
/// indicator = "brott.stold"
/// area = "Fagersta"
/// baseline = { period = 2019 }
/// target = { change_percent = -20 }
/// deadline = "2026"
/// owner = "Kommunen"
/// "#;
/// let file = parse_goals("goals.toml", text, "data/samples".as_ref())?;
/// assert_eq!(file.data[0], std::path::Path::new("data/samples/rates.csv"));
/// assert_eq!(file.goals[0].area, "1982");
/// assert_eq!(file.goals[0].target, Target::ChangePercent(-20.0));
///
/// let bad = text.replace("deadline = \"2026\"", "deadline = \"2018\"");
/// let err = parse_goals("goals.toml", &bad, "".as_ref()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "goals.toml:12: goal \"stold\": deadline 2018 is not after the baseline period 2019"
/// );
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn parse_goals(name: &str, text: &str, base: &Path) -> Result<GoalsFile> {
    crate::error::catch_reader_panic(name, || parse_goals_in(name, text, base))
}

fn parse_goals_in(name: &str, text: &str, base: &Path) -> Result<GoalsFile> {
    let src = Source { name, text };
    crate::tomlfile::check_strings(name, text)?;
    let raw: RawFile = toml::from_str(text).map_err(|e| toml_error(&src, &e))?;
    let confidence_level = match raw.confidence_level {
        None => Level::P95,
        Some(l) => Level::new(*l.get_ref()).map_err(|e| {
            Error::input(
                Location::file(name).line(src.line(l.span())),
                format!("confidence_level: {e}"),
            )
        })?,
    };
    if raw.goal.is_empty() {
        return Err(Error::input(
            Location::file(name),
            "no goals: add a [[goal]] table for each goal (see data/samples/goals.toml)",
        ));
    }
    let mut goals: Vec<Goal> = Vec::with_capacity(raw.goal.len());
    for g in raw.goal {
        let goal_line = src.line(g.span());
        let goal = check_goal(&src, goal_line, g.into_inner())?;
        if goals.iter().any(|other| other.id == goal.id) {
            return Err(src.error(
                goal.at.id,
                &goal.id,
                "the id is used by an earlier goal; give every goal its own id",
            ));
        }
        goals.push(goal);
    }
    Ok(GoalsFile {
        name: name.to_string(),
        data: raw.data.iter().map(|d| base.join(d)).collect(),
        confidence_level,
        goals,
    })
}

/// A TOML error with its line and column, and the goal it is in when that can be told.
fn toml_error(src: &Source, e: &toml::de::Error) -> Error {
    let message = crate::tomlfile::message(e, src.text);
    let message = message.as_str();
    let Some(span) = e.span() else {
        return Error::input(Location::file(src.name), message);
    };
    let (line, column) = src.line_col(span.start);
    let at = Location::file(src.name).line(line).column(column);
    let goal = match toml::from_str::<LenientFile>(src.text) {
        Ok(f) => f
            .goal
            .iter()
            .enumerate()
            .rfind(|(_, g)| g.span().start <= span.start)
            .map(|(i, g)| match &g.get_ref().id {
                Some(toml::Value::String(id)) => format!("goal \"{id}\""),
                _ => format!("goal {} (no id)", i + 1),
            }),
        // A syntax error: the file cannot be read as TOML, so look for the goal by its text.
        Err(_) => goal_by_text(src.text, span.start),
    };
    match goal {
        Some(goal) => Error::input(at, format!("{goal}: {message}")),
        None => Error::input(at, message),
    }
}

/// The goal a byte offset lies in, judged from the text alone (for files that are not valid
/// TOML): the last `[[goal]]` header before it, and the `id = "..."` line after that header.
fn goal_by_text(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let headers = before
        .lines()
        .filter(|l| l.trim_start().starts_with("[[goal]]"))
        .count();
    let start = before.rfind("[[goal]]")?;
    let id = text.get(start..)?.lines().skip(1).find_map(|l| {
        let (key, value) = l.split_once('=')?;
        let value = value.trim();
        (key.trim() == "id" && value.len() >= 2 && value.starts_with('"'))
            .then(|| value.trim_matches('"').to_string())
    });
    Some(match id {
        Some(id) => format!("goal \"{id}\""),
        None => format!("goal {headers} (no id)"),
    })
}

/// Checks one goal and turns it into a [`Goal`].
fn check_goal(src: &Source, goal_line: u64, g: RawGoal) -> Result<Goal> {
    let id = g.id.get_ref().trim().to_string();
    if id.is_empty() {
        return Err(Error::input(
            Location::file(src.name).line(src.line(g.id.span())),
            "goal: the id is empty; give every goal a short id such as \"stold-minska\"",
        ));
    }
    let err = |span: Range<usize>, message: String| src.error(src.line(span), &id, message);

    let registry = AreaRegistry::builtin();
    let area_written = g.area.get_ref().trim();
    // A name or code of a built-in area becomes its code; anything else (a user-defined area
    // code such as `lpo:norra-vastmanland`) is kept as written and must be in the data.
    let area = registry
        .code_of(area_written)
        .unwrap_or(area_written)
        .to_string();
    if area.is_empty() {
        return Err(err(
            g.area.span(),
            "area is empty: give a kommun code or name such as \"1982\" or \"Fagersta\"".into(),
        ));
    }

    let p0 = *g.baseline.get_ref().period.get_ref();
    let deadline = *g.deadline.get_ref();
    if deadline <= p0 || deadline.time() <= p0.time() {
        return Err(err(
            g.deadline.span(),
            format!("deadline {deadline} is not after the baseline period {p0}"),
        ));
    }
    let baseline_value = match &g.baseline.get_ref().value {
        Some(v) if !v.get_ref().is_finite() => {
            return Err(err(
                v.span(),
                format!("baseline value must be a number, found {}", v.get_ref()),
            ));
        }
        Some(v) => Some(*v.get_ref()),
        None => None,
    };

    let t = g.target.get_ref();
    let target = match (t.value, t.change_percent, t.change_absolute) {
        (Some(v), None, None) => Target::Value(v),
        (None, Some(c), None) => Target::ChangePercent(c),
        (None, None, Some(c)) => Target::ChangeAbsolute(c),
        _ => {
            return Err(err(
                g.target.span(),
                "target: give exactly one of value, change_percent or change_absolute, e.g. \
                 target = { change_percent = -10 }"
                    .into(),
            ));
        }
    };
    let number = match target {
        Target::Value(x) | Target::ChangePercent(x) | Target::ChangeAbsolute(x) => x,
    };
    if !number.is_finite() {
        return Err(err(
            g.target.span(),
            format!("target must be a number, found {number}"),
        ));
    }
    let zero_change = matches!(
        target,
        Target::ChangePercent(c) | Target::ChangeAbsolute(c) if c == 0.0
    );
    if zero_change {
        return Err(err(
            g.target.span(),
            "target equals the baseline (a change of 0): a goal must move the indicator".into(),
        ));
    }
    if let Some(b) = baseline_value {
        check_target_moves(b, target.resolve(b))
            .map_err(|m| src.error(src.line(g.target.span()), &id, m))?;
    }

    let mut milestones = Vec::with_capacity(g.milestones.len());
    for (key, value) in &g.milestones {
        let period: Period = key
            .get_ref()
            .parse()
            .map_err(|e| err(key.span(), format!("milestone: {e}")))?;
        if period <= p0 || period > deadline {
            return Err(err(
                key.span(),
                format!(
                    "milestone {period} is not between the baseline {p0} and the deadline \
                     {deadline}"
                ),
            ));
        }
        if !value.get_ref().is_finite() {
            return Err(err(
                value.span(),
                format!("milestone {period}: value must be a number"),
            ));
        }
        milestones.push(Milestone {
            period,
            value: *value.get_ref(),
        });
    }
    milestones.sort_by_key(|m| m.period);
    if let Some(w) = milestones.windows(2).find(|w| w[0].period == w[1].period) {
        return Err(src.error(
            goal_line,
            &id,
            format!("milestone {} is given twice", w[0].period),
        ));
    }

    let group = g
        .group
        .as_ref()
        .map_or("total", |s| s.get_ref().trim())
        .to_string();
    Ok(Goal {
        id: id.clone(),
        title: g.title,
        focus_area: g.focus_area,
        level: g.level,
        indicator: g.indicator.get_ref().trim().to_string(),
        area,
        group,
        baseline: Baseline {
            period: p0,
            value: baseline_value,
        },
        target,
        deadline,
        milestones,
        owner: g.owner,
        at: GoalLines {
            goal: goal_line,
            id: src.line(g.id.span()),
            indicator: src.line(g.indicator.span()),
            area: src.line(g.area.span()),
            group: g.group.as_ref().map(|s| src.line(s.span())),
            baseline: src.line(g.baseline.span()),
            target: src.line(g.target.span()),
        },
    })
}

/// A target equal to the baseline gives the goal no direction.
fn check_target_moves(baseline: f64, target: f64) -> std::result::Result<(), String> {
    if target == baseline {
        Err(format!(
            "target {target} equals the baseline value {baseline}: a goal must move the \
             indicator up or down"
        ))
    } else {
        Ok(())
    }
}

/// Reads the data files of a goals file (plus `extra`) into one table.
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no data files; the readers' errors; an
/// [`Error::Input`] when two files hold the same (area, period, indicator, group).
pub fn read_goal_data(files: &[PathBuf]) -> Result<(Table, Vec<Warning>)> {
    if files.is_empty() {
        return Err(Error::InvalidArgument(
            "no data to follow the goals up on: list the files in the goals file \
             (data = [\"rates.csv\"]) or give --data FILE"
                .into(),
        ));
    }
    let mut rows: Vec<Observation> = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashMap<(String, Period, String, String), usize> = HashMap::new();
    for (i, path) in files.iter().enumerate() {
        let read = read_table(path, &ReadOptions::default())?;
        warnings.extend(read.warnings);
        for row in read.table.into_rows() {
            let key = (
                row.area.clone(),
                row.period,
                row.indicator.clone(),
                row.group.clone(),
            );
            if let Some(&j) = seen.get(&key) {
                return Err(Error::input(
                    Location::file(path.display().to_string()),
                    format!(
                        "area {}, period {}, indicator {}, group {} is also in {}: give each \
                         series in one data file only",
                        row.area,
                        row.period,
                        row.indicator,
                        row.group,
                        files[j].display()
                    ),
                ));
            }
            seen.insert(key, i);
            rows.push(row);
        }
    }
    Ok((Table::new(rows)?, warnings))
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/// Whether a goal wants the indicator to go down or up (from the target vs the baseline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The target is below the baseline: met when v ≤ t.
    Decrease,
    /// The target is above the baseline: met when v ≥ t.
    Increase,
}

impl Direction {
    /// The English code: `decrease`, `increase`.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Decrease => "decrease",
            Direction::Increase => "increase",
        }
    }

    /// Whether `value` meets `target` in this direction (reaching it exactly counts).
    ///
    /// ```
    /// use bra_indicators::Direction;
    /// assert!(Direction::Decrease.meets(80.0, 80.0));
    /// assert!(!Direction::Increase.meets(79.9, 80.0));
    /// ```
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Direction::Decrease => value <= target,
            Direction::Increase => value >= target,
        }
    }
}

/// A goal's status (METHODS.md, "SMART goals").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum GoalStatus {
    /// The evaluated value meets the target.
    #[serde(rename = "achieved")]
    Achieved,
    /// Before the deadline, progress ≥ expected progress.
    #[serde(rename = "on track")]
    OnTrack,
    /// Before the deadline, 0 < progress < expected progress.
    #[serde(rename = "at risk")]
    AtRisk,
    /// Before the deadline, progress ≤ 0 (no movement, or away from the target).
    #[serde(rename = "off track")]
    OffTrack,
    /// The clock has reached the deadline and the target is not met.
    #[serde(rename = "missed")]
    Missed,
    /// No data point after the baseline (up to the clock and the deadline).
    #[serde(rename = "no data")]
    NoData,
}

impl GoalStatus {
    /// The English code used in files: `achieved`, `on track`, `at risk`, `off track`,
    /// `missed`, `no data`.
    pub fn code(self) -> &'static str {
        match self {
            GoalStatus::Achieved => "achieved",
            GoalStatus::OnTrack => "on track",
            GoalStatus::AtRisk => "at risk",
            GoalStatus::OffTrack => "off track",
            GoalStatus::Missed => "missed",
            GoalStatus::NoData => "no data",
        }
    }

    /// Swedish label for people: `uppnått`, `i fas`, `risk`, `ej i fas`, `ej uppnått`,
    /// `data saknas`.
    pub fn label_sv(self) -> &'static str {
        match self {
            GoalStatus::Achieved => "uppnått",
            GoalStatus::OnTrack => "i fas",
            GoalStatus::AtRisk => "risk",
            GoalStatus::OffTrack => "ej i fas",
            GoalStatus::Missed => "ej uppnått",
            GoalStatus::NoData => "data saknas",
        }
    }
}

impl std::fmt::Display for GoalStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The status of a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum MilestoneStatus {
    /// The data point at the milestone's period meets its value.
    #[serde(rename = "met")]
    Met,
    /// The data point at the milestone's period does not meet its value.
    #[serde(rename = "not met")]
    NotMet,
    /// There is no data point at the milestone's period.
    #[serde(rename = "pending")]
    Pending,
}

impl MilestoneStatus {
    /// The English code: `met`, `not met`, `pending`.
    pub fn code(self) -> &'static str {
        match self {
            MilestoneStatus::Met => "met",
            MilestoneStatus::NotMet => "not met",
            MilestoneStatus::Pending => "pending",
        }
    }

    /// Swedish label: `uppnått`, `ej uppnått`, `data saknas`.
    pub fn label_sv(self) -> &'static str {
        match self {
            MilestoneStatus::Met => "uppnått",
            MilestoneStatus::NotMet => "ej uppnått",
            MilestoneStatus::Pending => "data saknas",
        }
    }
}

/// How the projection's slope was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlopeMethod {
    /// Sen's slope of the points from the baseline to the evaluated point (3 or more).
    Sen,
    /// (v − b)/(p − p0): only the baseline and the evaluated point.
    TwoPoint,
}

impl SlopeMethod {
    /// The English code: `sen`, `two-point`.
    pub fn code(self) -> &'static str {
        match self {
            SlopeMethod::Sen => "sen",
            SlopeMethod::TwoPoint => "two-point",
        }
    }
}

/// The follow-up of one goal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GoalResult {
    /// The goal's id.
    pub goal: String,
    /// The goal in words.
    pub title: String,
    /// The citizen-promise focus area.
    pub focus_area: FocusArea,
    /// The prevention level.
    pub level: PreventionLevel,
    /// Who is responsible.
    pub owner: String,
    /// The indicator id.
    pub indicator: String,
    /// The area code.
    pub area: String,
    /// The breakdown.
    pub group: String,
    /// Decrease or increase, from the target vs the baseline.
    pub direction: Direction,
    /// The baseline period p0.
    pub baseline_period: Period,
    /// The baseline value b (from the file, else from the data).
    pub baseline: f64,
    /// The target value t.
    pub target: f64,
    /// The deadline pT.
    pub deadline: Period,
    /// The clock: `--as-of`, else the latest period of the goal's own data.
    pub as_of: Option<Period>,
    /// The evaluated period p; `None` with status `no data`.
    pub latest_period: Option<Period>,
    /// The evaluated value v.
    pub latest: Option<f64>,
    /// (v − b)/(t − b): 0 at the baseline, 1 at the target, negative = moved away.
    pub progress: Option<f64>,
    /// (p − p0)/(pT − p0), clamped to [0, 1].
    pub expected_progress: Option<f64>,
    /// The slope per year used for the projection.
    pub slope: Option<f64>,
    /// How the slope was found.
    pub slope_method: Option<SlopeMethod>,
    /// The projected value at the deadline: v + slope·(pT − p).
    pub projected: Option<f64>,
    /// The goal's status.
    pub status: GoalStatus,
    /// The latest milestone at or before the clock.
    pub milestone_period: Option<Period>,
    /// Its value.
    pub milestone_target: Option<f64>,
    /// Its status.
    pub milestone: Option<MilestoneStatus>,
    /// Whether the change from the baseline to p is significant (`None`: not tested).
    pub significant: Option<bool>,
    /// The change test used.
    pub test: Option<ChangeTest>,
    /// Its two-sided p-value (none for `interval-overlap`).
    pub p_value: Option<f64>,
}

/// The follow-up of every goal in a file, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalResults {
    /// One result per goal, in file order.
    pub results: Vec<GoalResult>,
    /// E.g. changes that could not be tested.
    pub warnings: Vec<Warning>,
}

/// The columns of [`GoalResults::to_dataframe`], in order: the DESIGN.md columns of
/// `bra goals`, then the goal's description and the details of the evaluation.
pub const GOAL_COLUMNS: [&str; 28] = [
    "goal",
    "indicator",
    "area",
    "baseline_period",
    "baseline",
    "target",
    "deadline",
    "latest_period",
    "latest",
    "progress",
    "expected_progress",
    "projected",
    "status",
    "significant",
    "milestone",
    "title",
    "focus_area",
    "level",
    "owner",
    "test",
    "p_value",
    "group",
    "direction",
    "as_of",
    "slope",
    "slope_method",
    "milestone_period",
    "milestone_target",
];

impl GoalResults {
    /// The results as a DataFrame with [`GOAL_COLUMNS`]: periods as text, enumerations as
    /// their English codes, numbers at full precision, fractions for progress.
    ///
    /// # Errors
    /// Only if polars fails to build the frame.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let r = &self.results;
        let text = |f: fn(&GoalResult) -> String| r.iter().map(f).collect::<Vec<String>>();
        let opt_text =
            |f: fn(&GoalResult) -> Option<String>| r.iter().map(f).collect::<Vec<Option<String>>>();
        let num = |f: fn(&GoalResult) -> Option<f64>| r.iter().map(f).collect::<Vec<_>>();
        let period = |p: Option<Period>| p.map(|p| p.to_string());
        let columns = vec![
            Column::new("goal".into(), text(|x| x.goal.clone())),
            Column::new("indicator".into(), text(|x| x.indicator.clone())),
            Column::new("area".into(), text(|x| x.area.clone())),
            Column::new(
                "baseline_period".into(),
                text(|x| x.baseline_period.to_string()),
            ),
            Column::new("baseline".into(), num(|x| Some(x.baseline))),
            Column::new("target".into(), num(|x| Some(x.target))),
            Column::new("deadline".into(), text(|x| x.deadline.to_string())),
            Column::new(
                "latest_period".into(),
                r.iter()
                    .map(|x| period(x.latest_period))
                    .collect::<Vec<_>>(),
            ),
            Column::new("latest".into(), num(|x| x.latest)),
            Column::new("progress".into(), num(|x| x.progress)),
            Column::new("expected_progress".into(), num(|x| x.expected_progress)),
            Column::new("projected".into(), num(|x| x.projected)),
            Column::new("status".into(), text(|x| x.status.code().to_string())),
            Column::new(
                "significant".into(),
                r.iter()
                    .map(|x| x.significant)
                    .collect::<Vec<Option<bool>>>(),
            ),
            Column::new(
                "milestone".into(),
                opt_text(|x| x.milestone.map(|m| m.code().to_string())),
            ),
            Column::new("title".into(), text(|x| x.title.clone())),
            Column::new(
                "focus_area".into(),
                text(|x| focus_area_code(x.focus_area).to_string()),
            ),
            Column::new("level".into(), text(|x| x.level.code().to_string())),
            Column::new("owner".into(), text(|x| x.owner.clone())),
            Column::new(
                "test".into(),
                opt_text(|x| x.test.map(|t| t.code().to_string())),
            ),
            Column::new("p_value".into(), num(|x| x.p_value)),
            Column::new("group".into(), text(|x| x.group.clone())),
            Column::new("direction".into(), text(|x| x.direction.code().to_string())),
            Column::new(
                "as_of".into(),
                r.iter().map(|x| period(x.as_of)).collect::<Vec<_>>(),
            ),
            Column::new("slope".into(), num(|x| x.slope)),
            Column::new(
                "slope_method".into(),
                opt_text(|x| x.slope_method.map(|m| m.code().to_string())),
            ),
            Column::new(
                "milestone_period".into(),
                r.iter()
                    .map(|x| period(x.milestone_period))
                    .collect::<Vec<_>>(),
            ),
            Column::new("milestone_target".into(), num(|x| x.milestone_target)),
        ];
        DataFrame::new(r.len(), columns).map_err(|e| Error::polars("building the goals table", e))
    }
}

/// The kebab-case code of a focus area, as written in goals files.
fn focus_area_code(focus: FocusArea) -> &'static str {
    match focus {
        FocusArea::ThreatsAndViolence => "threats-and-violence",
        FocusArea::DisorderAndUnsafety => "disorder-and-unsafety",
        FocusArea::ExtremismAndNetworks => "extremism-and-networks",
        FocusArea::YouthAndSchools => "youth-and-schools",
        FocusArea::Andt => "andt",
        FocusArea::Other => "other",
    }
}

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

/// One goal against its series (rows of the goal's indicator, area, group and period kind).
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

    let b = match goal.baseline.value {
        Some(b) => b,
        None => match row_at(p0) {
            Some(Observation { value: Some(v), .. }) => *v,
            Some(row) => {
                return Err(Error::input(
                    at(goal.at.baseline),
                    format!(
                        "goal \"{}\": the data have no value for the baseline period {p0} ({}); \
                         give it as baseline = {{ period = \"{p0}\", value = ... }}",
                        goal.id,
                        row.status.as_deref().unwrap_or("missing")
                    ),
                ));
            }
            None => {
                return Err(Error::input(
                    at(goal.at.baseline),
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
                ));
            }
        },
    };
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

    // Gaps the reader of the result should know about: missing values after the baseline.
    if let Some(c) = cutoff {
        for row in series
            .iter()
            .filter(|r| r.value.is_none() && r.period > p0 && r.period <= c)
        {
            warnings.push(Warning::new(
                WarningKind::MissingValue,
                Some(at(goal.at.goal)),
                format!(
                    "goal \"{}\": {} has no value in the data ({}): left out",
                    goal.id,
                    row.period,
                    row.status.as_deref().unwrap_or("missing")
                ),
            ));
        }
    }

    let milestone = clock.and_then(|c| goal.milestones.iter().rfind(|m| m.period <= c));
    let milestone_status = milestone.map(|m| match points.iter().find(|&&(p, _)| p == m.period) {
        Some(&(_, v)) if direction.meets(v, m.value) => MilestoneStatus::Met,
        Some(_) => MilestoneStatus::NotMet,
        None => MilestoneStatus::Pending,
    });

    let mut result = GoalResult {
        goal: goal.id.clone(),
        title: goal.title.clone(),
        focus_area: goal.focus_area,
        level: goal.level,
        owner: goal.owner.clone(),
        indicator: goal.indicator.clone(),
        area: goal.area.clone(),
        group: goal.group.clone(),
        direction,
        baseline_period: p0,
        baseline: b,
        target: t,
        deadline: pt,
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
    };
    let Some((p, v)) = evaluated else {
        return Ok(result);
    };

    let progress = (v - b) / (t - b);
    let expected = ((p.time() - p0.time()) / (pt.time() - p0.time())).clamp(0.0, 1.0);
    // The baseline as set, then the data points after it up to p.
    let mut path: Vec<(Period, f64)> = vec![(p0, b)];
    path.extend(points.iter().copied().filter(|&(q, _)| q > p0 && q <= p));
    let (slope, slope_method) = if path.len() >= 3 {
        let times: Vec<f64> = path.iter().map(|(q, _)| q.time()).collect();
        let values: Vec<f64> = path.iter().map(|&(_, x)| x).collect();
        let sen = sen_slope(&times, &values, file.confidence_level).map_err(|e| {
            Error::input(
                at(goal.at.goal),
                format!("goal \"{}\": projecting the data: {e}", goal.id),
            )
        })?;
        (sen.slope, SlopeMethod::Sen)
    } else {
        ((v - b) / (p.time() - p0.time()), SlopeMethod::TwoPoint)
    };
    let status = if direction.meets(v, t) {
        GoalStatus::Achieved
    } else if clock.is_some_and(|c| c >= pt) {
        GoalStatus::Missed
    } else if progress >= expected {
        GoalStatus::OnTrack
    } else if progress > 0.0 {
        GoalStatus::AtRisk
    } else {
        GoalStatus::OffTrack
    };

    let change = change_test(
        row_at(p0),
        row_at(p),
        &goal.indicator,
        file.confidence_level,
    );
    match change {
        Ok(c) => {
            result.significant = Some(c.significant);
            result.test = Some(c.test);
            result.p_value = c.p_value;
        }
        Err(why) => warnings.push(Warning::new(
            WarningKind::NotComputed,
            Some(at(goal.at.goal)),
            format!(
                "goal \"{}\": the change {p0} → {p} was not tested: {why}",
                goal.id
            ),
        )),
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_table_bytes;

    /// Tolerance for hand-computed values (they are sums and ratios of a few exact numbers).
    const TOL: f64 = 1e-9;

    /// A goal block with the usual parts; `extra` adds lines (milestones, group, ...).
    fn block(id: &str, baseline: &str, target: &str, deadline: &str, extra: &str) -> String {
        format!(
            "[[goal]]\nid = \"{id}\"\ntitle = \"Goal {id}\"\nfocus_area = \"other\"\n\
             level = \"universal\"\nindicator = \"brott.totalt\"\narea = \"1982\"\n\
             baseline = {baseline}\ntarget = {target}\ndeadline = \"{deadline}\"\n\
             owner = \"Kommunen\"\n{extra}\n"
        )
    }

    /// `area,period,indicator,value` rows of Fagersta's `brott.totalt`; `None` is `..`.
    fn values(points: &[(&str, Option<f64>)]) -> Table {
        let mut csv = String::from("area,period,indicator,value\n");
        for (p, v) in points {
            let v = v.map_or("..".to_string(), |v| v.to_string());
            csv.push_str(&format!("1982,{p},brott.totalt,{v}\n"));
        }
        read_table_bytes("data.csv", csv.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table
    }

    fn eval(toml_text: &str, data: &Table, as_of: Option<&str>) -> GoalResults {
        let goals = parse_goals("goals.toml", toml_text, Path::new("")).unwrap();
        let as_of = as_of.map(|p| p.parse().unwrap());
        evaluate_goals(&goals, data, as_of).unwrap()
    }

    fn one(toml_text: &str, data: &Table, as_of: Option<&str>) -> GoalResult {
        eval(toml_text, data, as_of).results.remove(0)
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= TOL * b.abs().max(1.0))
    }

    /// METHODS.md's worked example: 2019 b = 100, 80 by 2025, data 97, 95, 92.
    fn worked() -> Table {
        values(&[
            ("2019", Some(100.0)),
            ("2020", Some(97.0)),
            ("2021", Some(95.0)),
            ("2022", Some(92.0)),
        ])
    }

    const BASE_2019: &str = "{ period = \"2019\" }";
    const TO_80: &str = "{ value = 80 }";

    #[test]
    fn methods_worked_example() {
        let r = one(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
        assert_eq!(r.direction, Direction::Decrease);
        assert_eq!((r.baseline, r.target), (100.0, 80.0));
        assert_eq!(r.latest_period, Some(Period::Year(2022)));
        assert_eq!(r.as_of, Some(Period::Year(2022)));
        assert!(close(r.progress, 0.40), "{:?}", r.progress);
        assert!(close(r.expected_progress, 0.50));
        assert!((r.slope.unwrap() - -2.583333).abs() < 1e-6);
        assert_eq!(r.slope_method, Some(SlopeMethod::Sen));
        assert!(close(r.projected, 84.25), "{:?}", r.projected);
        assert_eq!(r.status, GoalStatus::AtRisk);
        // Values only: no count, no interval, so no change test.
        assert_eq!((r.significant, r.test), (None, None));
    }

    #[test]
    fn projection_matches_a_direct_computation() {
        // Uneven spacing and a suppressed year: the slope is the median of the pairwise
        // slopes over the real time spacing, computed here directly.
        let pts = [
            (2018.0, 40.0),
            (2019.0, 37.5),
            (2021.0, 36.0),
            (2022.0, 31.0),
            (2024.0, 30.5),
        ];
        let data = values(&[
            ("2018", Some(40.0)),
            ("2019", Some(37.5)),
            ("2020", None),
            ("2021", Some(36.0)),
            ("2022", Some(31.0)),
            ("2024", Some(30.5)),
        ]);
        let mut slopes = Vec::new();
        for i in 0..pts.len() {
            for j in i + 1..pts.len() {
                slopes.push((pts[j].1 - pts[i].1) / (pts[j].0 - pts[i].0));
            }
        }
        slopes.sort_by(f64::total_cmp);
        assert_eq!(slopes.len(), 10);
        let median = (slopes[4] + slopes[5]) / 2.0;
        let projected = 30.5 + median * (2027.0 - 2024.0);
        let r = one(
            &block("p", "{ period = \"2018\" }", "{ value = 25 }", "2027", ""),
            &data,
            None,
        );
        assert!(close(r.slope, median), "{:?} vs {median}", r.slope);
        assert!(close(r.projected, projected));
        // By hand: the slopes sorted are -5, -2.5, -2.25, -13/6, -11/6, -19/12, -1.4, -4/3,
        // -0.75, -0.25; the median is (-11/6 - 19/12)/2 = -41/24, and 30.5 - 3·41/24 = 25.375.
        assert!(close(r.slope, -41.0 / 24.0));
        assert!(close(r.projected, 25.375));
    }

    #[test]
    fn each_status_of_a_decrease_goal() {
        let with = |v2022: f64| {
            values(&[
                ("2019", Some(100.0)),
                ("2020", Some(99.0)),
                ("2022", Some(v2022)),
            ])
        };
        let goal = block("d", BASE_2019, TO_80, "2025", "");
        let achieved = one(&goal, &with(78.0), None);
        assert_eq!(achieved.status, GoalStatus::Achieved);
        assert!(close(achieved.progress, 1.1));
        let exactly = one(&goal, &with(80.0), None);
        assert_eq!(exactly.status, GoalStatus::Achieved, "reaching t counts");
        let on_track = one(&goal, &with(88.0), None);
        assert!(close(on_track.progress, 0.6));
        assert_eq!(on_track.status, GoalStatus::OnTrack);
        let at_risk = one(&goal, &with(95.0), None);
        assert!(close(at_risk.progress, 0.25));
        assert_eq!(at_risk.status, GoalStatus::AtRisk);
        let flat = one(&goal, &with(100.0), None);
        assert_eq!(flat.progress, Some(0.0));
        assert_eq!(flat.status, GoalStatus::OffTrack, "progress 0 is off track");
        let away = one(&goal, &with(104.0), None);
        assert!(close(away.progress, -0.2));
        assert_eq!(away.status, GoalStatus::OffTrack);
    }

    #[test]
    fn each_status_of_an_increase_goal() {
        // b = 60 (2019), target + 10 points = 70 by 2025; at 2022 expected progress is 0.5.
        let goal = block("i", BASE_2019, "{ change_absolute = 10 }", "2025", "");
        let with = |v: f64| values(&[("2019", Some(60.0)), ("2022", Some(v))]);
        let cases = [
            (71.0, GoalStatus::Achieved, 1.1),
            (66.0, GoalStatus::OnTrack, 0.6),
            (65.0, GoalStatus::OnTrack, 0.5),
            (64.0, GoalStatus::AtRisk, 0.4),
            (60.0, GoalStatus::OffTrack, 0.0),
            (58.0, GoalStatus::OffTrack, -0.2),
        ];
        for (v, status, progress) in cases {
            let r = one(&goal, &with(v), None);
            assert_eq!(r.direction, Direction::Increase);
            assert_eq!(r.target, 70.0);
            assert_eq!(r.status, status, "v = {v}");
            assert!(close(r.progress, progress), "v = {v}: {:?}", r.progress);
            assert!(close(r.expected_progress, 0.5));
            // Two points: the two-point slope (v - 60)/3, projected 3 years on.
            assert_eq!(r.slope_method, Some(SlopeMethod::TwoPoint));
            assert!(close(r.projected, v + (v - 60.0)));
        }
    }

    #[test]
    fn missed_once_the_clock_reaches_the_deadline() {
        let data = values(&[
            ("2019", Some(100.0)),
            ("2021", Some(90.0)),
            ("2022", Some(85.0)),
            ("2023", Some(70.0)),
        ]);
        // Deadline 2022: the clock (2023) has passed it, so the point is 2022's, not 2023's.
        let r = one(&block("m", BASE_2019, TO_80, "2022", ""), &data, None);
        assert_eq!(r.as_of, Some(Period::Year(2023)));
        assert_eq!(r.latest_period, Some(Period::Year(2022)));
        assert_eq!(r.latest, Some(85.0));
        assert_eq!(r.status, GoalStatus::Missed);
        assert!(close(r.progress, 0.75));
        assert!(close(r.expected_progress, 1.0));
        assert!(
            close(r.projected, 85.0),
            "at the deadline the projection is v"
        );
        // The same goal met at its deadline is achieved.
        let r = one(
            &block("m", BASE_2019, "{ value = 86 }", "2022", ""),
            &data,
            None,
        );
        assert_eq!(r.status, GoalStatus::Achieved);
        // A missing deadline year: the latest point before it is judged, and missed.
        let gap = values(&[
            ("2019", Some(100.0)),
            ("2021", Some(90.0)),
            ("2022", None),
            ("2023", Some(70.0)),
        ]);
        let r = one(&block("m", BASE_2019, TO_80, "2022", ""), &gap, None);
        assert_eq!(
            (r.latest_period, r.status),
            (Some(Period::Year(2021)), GoalStatus::Missed)
        );
    }

    #[test]
    fn no_data_after_the_baseline() {
        let data = values(&[("2022", Some(100.0)), ("2023", None)]);
        let r = one(
            &block("n", "{ period = \"2022\" }", TO_80, "2025", ""),
            &data,
            None,
        );
        assert_eq!(r.status, GoalStatus::NoData);
        assert_eq!(r.baseline, 100.0);
        assert_eq!(
            (r.latest_period, r.progress, r.projected),
            (None, None, None)
        );
        assert_eq!(GoalStatus::NoData.label_sv(), "data saknas");
    }

    #[test]
    fn percent_target() {
        // b = 250, -10 % → t = 225 by 2024; 2021 at 240: progress 0.4 = expected 0.4.
        let data = values(&[("2019", Some(250.0)), ("2021", Some(240.0))]);
        let r = one(
            &block("pct", BASE_2019, "{ change_percent = -10 }", "2024", ""),
            &data,
            None,
        );
        assert_eq!(r.target, 225.0);
        assert!(close(r.progress, 0.4));
        assert!(close(r.expected_progress, 0.4));
        assert_eq!(
            r.status,
            GoalStatus::OnTrack,
            "progress = expected is on track"
        );
        assert!(close(r.projected, 240.0 - 5.0 * 3.0));
    }

    #[test]
    fn baseline_value_from_the_file() {
        // The file's b = 110 replaces the data's 100 at 2019, in progress and in the slope.
        let r = one(
            &block(
                "b",
                "{ period = \"2019\", value = 110 }",
                "{ change_percent = -20 }",
                "2025",
                "",
            ),
            &worked(),
            None,
        );
        assert_eq!((r.baseline, r.target), (110.0, 88.0));
        assert!(close(r.progress, 18.0 / 22.0));
        assert_eq!(r.status, GoalStatus::OnTrack);
        // Slopes with (2019, 110): -13, -7.5, -6, -2, -2.5, -3 → median (-6 - 3)/2 = -4.5.
        assert!(close(r.slope, -4.5));
    }

    #[test]
    fn gaps_in_the_data() {
        let data = values(&[
            ("2019", Some(100.0)),
            ("2020", None),
            ("2021", Some(96.0)),
            ("2022", None),
            ("2023", Some(90.0)),
        ]);
        let out = eval(&block("g", BASE_2019, TO_80, "2025", ""), &data, None);
        let gaps: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            gaps[..2],
            [
                "goals.toml:1: goal \"g\": 2020 has no value in the data (suppressed): left out",
                "goals.toml:1: goal \"g\": 2022 has no value in the data (suppressed): left out"
            ]
        );
        let r = &out.results[0];
        // Slopes over the real spacing: -4/2, -10/4, -6/2 → median -2.5; 90 - 2.5·2 = 85.
        assert!(close(r.slope, -2.5));
        assert!(close(r.projected, 85.0));
        assert!(close(r.progress, 0.5));
        assert!(close(r.expected_progress, 4.0 / 6.0));
        assert_eq!(r.status, GoalStatus::AtRisk);
        // Only one point after the baseline, three years on: the two-point slope.
        let data = values(&[("2019", Some(100.0)), ("2022", Some(94.0))]);
        let r = one(&block("g", BASE_2019, TO_80, "2025", ""), &data, None);
        assert_eq!(r.slope_method, Some(SlopeMethod::TwoPoint));
        assert!(close(r.slope, -2.0));
        assert!(close(r.projected, 88.0));
    }

    #[test]
    fn quarters_are_measured_in_years() {
        let mut csv = String::from("area,period,indicator,value\n");
        for (p, v) in [("2023K1", 50.0), ("2023K2", 48.0), ("2023K3", 47.0)] {
            csv.push_str(&format!("1982,{p},brott.totalt,{v}\n"));
        }
        // A yearly row of the same indicator is not part of the quarterly series.
        csv.push_str("1982,2023,brott.totalt,190\n");
        let data = read_table_bytes("q.csv", csv.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table;
        let r = one(
            &block(
                "q",
                "{ period = \"2023K1\" }",
                "{ value = 40 }",
                "2024K1",
                "",
            ),
            &data,
            None,
        );
        assert_eq!(r.latest_period, Some(Period::Quarter(2023, 3)));
        assert!(close(r.expected_progress, 0.5));
        assert!(close(r.progress, 0.3));
        // Slopes per year: -2/0.25 = -8, -3/0.5 = -6, -1/0.25 = -4 → -6; 47 - 6·0.5 = 44.
        assert!(close(r.slope, -6.0));
        assert!(close(r.projected, 44.0));
        assert_eq!(r.status, GoalStatus::AtRisk);
    }

    #[test]
    fn milestones_met_not_met_pending() {
        let ms = "milestones = { \"2021\" = 95, \"2023\" = 85 }";
        let goal = block("ms", BASE_2019, TO_80, "2025", ms);
        // Clock 2022: the latest milestone at or before it is 2021 (95); 2021 had 95: met.
        let r = one(&goal, &worked(), None);
        assert_eq!(r.milestone_period, Some(Period::Year(2021)));
        assert_eq!(r.milestone_target, Some(95.0));
        assert_eq!(r.milestone, Some(MilestoneStatus::Met));
        // 2021 at 96: not met.
        let data = values(&[
            ("2019", Some(100.0)),
            ("2021", Some(96.0)),
            ("2022", Some(92.0)),
        ]);
        assert_eq!(
            one(&goal, &data, None).milestone,
            Some(MilestoneStatus::NotMet)
        );
        // No 2021 point (suppressed): pending.
        let data = values(&[("2019", Some(100.0)), ("2021", None), ("2022", Some(92.0))]);
        assert_eq!(
            one(&goal, &data, None).milestone,
            Some(MilestoneStatus::Pending)
        );
        // Before the first milestone there is none to report.
        let r = one(&goal, &worked(), Some("2020"));
        assert_eq!((r.milestone_period, r.milestone), (None, None));
        // An increase goal's milestone is met at or above its value.
        let up = block(
            "up",
            BASE_2019,
            "{ value = 130 }",
            "2025",
            "milestones = { 2021 = 110 }",
        );
        let data = values(&[("2019", Some(100.0)), ("2021", Some(112.0))]);
        assert_eq!(one(&up, &data, None).milestone, Some(MilestoneStatus::Met));
    }

    #[test]
    fn as_of_evaluates_an_earlier_report() {
        let goal = block("a", BASE_2019, TO_80, "2025", "");
        // As of 2020: the point is 2020 (97), two points only.
        let r = one(&goal, &worked(), Some("2020"));
        assert_eq!(r.as_of, Some(Period::Year(2020)));
        assert_eq!(r.latest_period, Some(Period::Year(2020)));
        assert!(close(r.progress, 0.15));
        assert!(close(r.expected_progress, 1.0 / 6.0));
        assert_eq!(r.status, GoalStatus::AtRisk);
        assert!(close(r.projected, 97.0 - 3.0 * 5.0));
        // As of 2021: Sen's slope of (2019, 100), (2020, 97), (2021, 95) = median(-3, -2.5, -2).
        // (With three points Sen's slope always equals the two-point slope: the slope from
        // the first to the last point lies between the other two. Only the method differs.)
        let r = one(&goal, &worked(), Some("2021"));
        assert!(close(r.progress, 0.25));
        assert!(close(r.slope, -2.5));
        assert_eq!(r.slope_method, Some(SlopeMethod::Sen));
        assert!(close(r.projected, 95.0 - 2.5 * 4.0));
        // As of the baseline or before: nothing to follow up yet.
        assert_eq!(
            one(&goal, &worked(), Some("2019")).status,
            GoalStatus::NoData
        );
        assert_eq!(
            one(&goal, &worked(), Some("2015")).status,
            GoalStatus::NoData
        );
        // As of the deadline with the data ending in 2022: missed, judged on 2022.
        let r = one(&goal, &worked(), Some("2025"));
        assert_eq!(r.status, GoalStatus::Missed);
        assert_eq!(r.latest_period, Some(Period::Year(2022)));
        // A clock past the data but before the deadline: still the 2022 point, at risk.
        assert_eq!(
            one(&goal, &worked(), Some("2024")).status,
            GoalStatus::AtRisk
        );
    }

    fn counts_table(rows: &str) -> Table {
        let csv =
            format!("area,period,indicator,count,population,value,lower,upper,method\n{rows}");
        read_table_bytes("counts.csv", csv.as_bytes(), &ReadOptions::default())
            .unwrap()
            .table
    }

    #[test]
    fn significance_by_rate_ratio_exact() {
        // 10 and 20 crimes in 10 000 inhabitants: SciPy's binomtest(20, 30, 0.5) p = 0.0987.
        let data = counts_table(
            "1982,2019,brott.totalt,10,10000,100,,,exact\n1982,2022,brott.totalt,20,10000,200,,,byar\n",
        );
        let r = one(
            &block("s", BASE_2019, "{ value = 250 }", "2025", ""),
            &data,
            None,
        );
        assert_eq!(r.test, Some(ChangeTest::RateRatioExact));
        assert!((r.p_value.unwrap() - 0.09873714670538905).abs() < 1e-12);
        assert_eq!(r.significant, Some(false));
    }

    #[test]
    fn significance_by_two_proportion_z_and_interval_overlap() {
        // Shares (Wilson intervals): 65 of 100, then 50 of 100: statsmodels z = -2.1455956,
        // p = 0.0319053 → significant at 95 %.
        let data = counts_table(
            "1982,2019,brott.totalt,65,100,65,55.3,73.6,wilson\n1982,2021,brott.totalt,50,100,50,40.4,59.6,wilson\n",
        );
        let r = one(
            &block("z", BASE_2019, "{ value = 40 }", "2025", ""),
            &data,
            None,
        );
        assert_eq!(r.test, Some(ChangeTest::TwoProportionZ));
        assert!((r.p_value.unwrap() - 0.03190525523659653).abs() < 1e-10);
        assert_eq!(r.significant, Some(true));
        // At 99 % the same change is not significant.
        let text = format!(
            "confidence_level = 0.99\n{}",
            block("z", BASE_2019, "{ value = 40 }", "2025", "")
        );
        assert_eq!(one(&text, &data, None).significant, Some(false));
        // Published intervals only: (16.2, 20.1) vs (20.5, 24.0) do not overlap.
        let data = counts_table(
            "1982,2019,brott.totalt,,,18,16.2,20.1,published\n1982,2021,brott.totalt,,,22,20.5,24.0,published\n",
        );
        let r = one(
            &block("o", BASE_2019, "{ value = 15 }", "2025", ""),
            &data,
            None,
        );
        assert_eq!(r.test, Some(ChangeTest::IntervalOverlap));
        assert_eq!((r.significant, r.p_value), (Some(true), None));
        assert_eq!(r.status, GoalStatus::OffTrack);
        // Without counts or intervals: not tested, and a warning says why.
        let out = eval(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
        assert_eq!(out.results[0].significant, None);
        assert_eq!(out.warnings.len(), 1);
        let w = out.warnings[0].to_string();
        assert!(
            w.starts_with("goals.toml:1: goal \"w\": the change 2019 → 2022"),
            "{w}"
        );
    }

    #[test]
    fn the_frame_has_the_design_columns() {
        let out = eval(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
        let df = out.to_dataframe().unwrap();
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        // The DESIGN.md columns themselves are checked end to end in tests/it/goals.rs.
        assert_eq!(names, GOAL_COLUMNS);
        let status = df.column("status").unwrap().str().unwrap().get(0);
        assert_eq!(status, Some("at risk"));
        let json = serde_json::to_value(&out.results[0]).unwrap();
        assert_eq!(json["status"], "at risk");
        assert_eq!(json["focus_area"], "other");
        assert_eq!(json["baseline_period"], "2019");
    }

    // --- bad goal files -----------------------------------------------------------------------

    fn parse_err(text: &str) -> String {
        parse_goals("goals.toml", text, Path::new(""))
            .unwrap_err()
            .to_string()
    }

    fn eval_err(text: &str, data: &Table) -> String {
        let goals = parse_goals("goals.toml", text, Path::new("")).unwrap();
        evaluate_goals(&goals, data, None).unwrap_err().to_string()
    }

    /// Two goals, so the line numbers of the second one are not those of the first.
    fn two(second: &str) -> String {
        format!(
            "data = [\"x.csv\"]\n\n{}{second}",
            block("first", BASE_2019, TO_80, "2025", "")
        )
    }

    #[test]
    fn unknown_keys() {
        // Lines 1-2 are data and a blank line; the first goal takes lines 3-14; the second
        // starts at 15 with its header, its id at 16 and its extra line at 26.
        let text = two(&block(
            "second",
            BASE_2019,
            TO_80,
            "2025",
            "colour = \"red\"",
        ));
        let e = parse_err(&text);
        assert!(
            e.starts_with("goals.toml:26:1: goal \"second\": unknown field `colour`"),
            "{e}"
        );
        let text = two(&block("second", BASE_2019, "{ valeu = 80 }", "2025", ""));
        let e = parse_err(&text);
        assert!(
            e.starts_with("goals.toml:23:12: goal \"second\": unknown field `valeu`"),
            "{e}"
        );
        let e = parse_err(&format!(
            "colour = 1\n{}",
            block("a", BASE_2019, TO_80, "2025", "")
        ));
        assert!(
            e.starts_with("goals.toml:1:1: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn missing_fields() {
        let text =
            two(&block("second", BASE_2019, TO_80, "2025", "")
                .replace("owner = \"Kommunen\"\n", ""));
        let e = parse_err(&text);
        assert_eq!(e, "goals.toml:15:1: goal \"second\": missing field `owner`");
        let text = two(&block("x", BASE_2019, TO_80, "2025", "").replace("id = \"x\"\n", ""));
        let e = parse_err(&text);
        assert_eq!(e, "goals.toml:15:1: goal 2 (no id): missing field `id`");
        let e = parse_err(&block("b", "{ value = 3 }", TO_80, "2025", ""));
        assert!(
            e.starts_with("goals.toml:8:12: goal \"b\": missing field `period`"),
            "{e}"
        );
        assert!(parse_err("data = [\"x.csv\"]\n").contains("no goals"));
    }

    #[test]
    fn bad_values() {
        let e = parse_err(&two(
            &block("second", BASE_2019, TO_80, "2025", "").replace("\"other\"", "\"sport\"")
        ));
        assert!(
            e.starts_with("goals.toml:18:14: goal \"second\": unknown variant `sport`"),
            "{e}"
        );
        let e = parse_err(&block("p", "{ period = \"2019X\" }", TO_80, "2025", ""));
        assert!(
            e.starts_with("goals.toml:8:23: goal \"p\": expected a period"),
            "{e}"
        );
        let e = parse_err(&block("v", BASE_2019, "{ value = \"80\" }", "2025", ""));
        assert!(
            e.starts_with(
                "goals.toml:9:20: goal \"v\": key \"value\": expected a number, found string \"80\""
            ),
            "{e}"
        );
        let e = parse_err(&format!(
            "confidence_level = 1.5\n{}",
            block("c", BASE_2019, TO_80, "2025", "")
        ));
        assert!(e.starts_with("goals.toml:1: confidence_level:"), "{e}");
    }

    #[test]
    fn toml_syntax_error_has_line_and_column() {
        let text = two(&block("second", BASE_2019, TO_80, "2025", "")
            .replace("deadline = \"2025\"", "deadline = \"2025"));
        let e = parse_err(&text);
        // The goal is found from the text, as the file cannot be read as TOML.
        assert!(e.starts_with("goals.toml:24:17: goal \"second\": "), "{e}");
        assert!(e.contains("string"), "{e}");
        // Before any goal: no goal is named.
        let e = parse_err("data = [\"x.csv\"\n");
        assert!(e.starts_with("goals.toml:1:16: unclosed array"), "{e}");
    }

    #[test]
    fn deadline_not_after_the_baseline() {
        let e = parse_err(&two(&block("second", BASE_2019, TO_80, "2018", "")));
        assert_eq!(
            e,
            "goals.toml:24: goal \"second\": deadline 2018 is not after the baseline period 2019"
        );
        let e = parse_err(&two(&block("second", BASE_2019, TO_80, "2019", "")));
        assert!(
            e.starts_with("goals.toml:24: goal \"second\": deadline 2019"),
            "{e}"
        );
    }

    #[test]
    fn target_equal_to_the_baseline() {
        let e = parse_err(&two(&block(
            "second",
            "{ period = \"2019\", value = 80 }",
            TO_80,
            "2025",
            "",
        )));
        assert_eq!(
            e,
            "goals.toml:23: goal \"second\": target 80 equals the baseline value 80: a goal \
             must move the indicator up or down"
        );
        let e = parse_err(&two(&block(
            "second",
            BASE_2019,
            "{ change_percent = 0 }",
            "2025",
            "",
        )));
        assert!(
            e.starts_with("goals.toml:23: goal \"second\": target equals the baseline"),
            "{e}"
        );
        let e = parse_err(&two(&block(
            "second",
            BASE_2019,
            "{ value = 80, change_percent = -5 }",
            "2025",
            "",
        )));
        assert!(
            e.starts_with("goals.toml:23: goal \"second\": target: give exactly one"),
            "{e}"
        );
        // From the data: b = 100 at 2019.
        let e = eval_err(
            &two(&block("second", BASE_2019, "{ value = 100 }", "2025", "")),
            &worked(),
        );
        assert!(
            e.starts_with(
                "goals.toml:23: goal \"second\": target 100 equals the baseline value 100"
            ),
            "{e}"
        );
        assert!(e.ends_with("(taken from the data)"), "{e}");
    }

    #[test]
    fn indicator_area_or_baseline_not_in_the_data() {
        let e = eval_err(
            &two(&block("second", BASE_2019, TO_80, "2025", "")
                .replace("brott.totalt", "brott.stold")),
            &worked(),
        );
        assert!(
            e.starts_with("goals.toml:20: goal \"second\": indicator \"brott.stold\" is not in the data (x.csv); indicators there: brott.totalt"),
            "{e}"
        );
        let e = eval_err(
            &two(&block("second", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Sala\"")),
            &worked(),
        );
        assert_eq!(
            e,
            "goals.toml:21: goal \"second\": no data for area 1981 (Sala) with indicator \
             \"brott.totalt\"; areas with this indicator: 1982"
        );
        let e = eval_err(
            &two(&block("second", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Atlantis\"")),
            &worked(),
        );
        assert!(
            e.starts_with("goals.toml:21: goal \"second\": unknown area \"Atlantis\""),
            "{e}"
        );
        let e = eval_err(
            &two(&block(
                "second",
                BASE_2019,
                TO_80,
                "2025",
                "group = \"kvinnor\"",
            )),
            &worked(),
        );
        assert!(
            e.starts_with("goals.toml:26: goal \"second\": no data for group \"kvinnor\""),
            "{e}"
        );
        let e = eval_err(
            &two(&block("second", "{ period = \"2017\" }", TO_80, "2025", "")),
            &worked(),
        );
        assert!(
            e.starts_with(
                "goals.toml:22: goal \"second\": the data have no row for the baseline period 2017"
            ),
            "{e}"
        );
        let data = values(&[("2019", None), ("2022", Some(92.0))]);
        let e = eval_err(&two(&block("second", BASE_2019, TO_80, "2025", "")), &data);
        assert!(
            e.contains("no value for the baseline period 2019 (suppressed)"),
            "{e}"
        );
    }

    #[test]
    fn areas_by_name_and_other_checks() {
        let goals = parse_goals(
            "goals.toml",
            &block("n", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Fagersta kommun\""),
            Path::new("dir"),
        )
        .unwrap();
        assert_eq!(goals.goals[0].area, "1982");
        assert_eq!(goals.confidence_level, Level::P95);
        let e = parse_err(&two(&block("first", BASE_2019, TO_80, "2025", "")));
        assert_eq!(
            e,
            "goals.toml:16: goal \"first\": the id is used by an earlier goal; give every goal its own id"
        );
        let e = parse_err(&two(&block(
            "second",
            BASE_2019,
            TO_80,
            "2025",
            "milestones = { \"2026\" = 70 }",
        )));
        assert!(
            e.starts_with("goals.toml:26: goal \"second\": milestone 2026 is not between the baseline 2019 and the deadline 2025"),
            "{e}"
        );
    }
}
