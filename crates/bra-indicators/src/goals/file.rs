//! The goals file (TOML): its goals and their checks, with the line of every part for messages.

use crate::area::AreaRegistry;
use crate::error::{Error, Location, Result};
use crate::indicator::FocusArea;
use crate::period::Period;
use crate::stats::Level;
use serde::Deserialize;
use std::collections::BTreeMap;
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
    pub(super) at: GoalLines,
}

/// The lines in the goals file of a goal's parts (1-based).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct GoalLines {
    pub(super) goal: u64,
    pub(super) id: u64,
    pub(super) indicator: u64,
    pub(super) area: u64,
    pub(super) group: Option<u64>,
    pub(super) baseline: u64,
    pub(super) target: u64,
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

/// Decodes (UTF-8) and checks the bytes of a goals file named `name`; the `data` paths are
/// taken relative to `base` (the goals file's folder). `bra_indicators::read_goals` reads the
/// file from disk and calls this.
///
/// # Errors
/// [`Error::Input`] at the line and column of the first byte that is not UTF-8; otherwise as
/// [`parse_goals`].
///
/// # Examples
/// ```
/// use bra_indicators::parse_goals_bytes;
/// let bytes = b"[[goal]]\nid = \"\xe5\"\n".to_vec(); // \xe5: å in Windows-1252
/// let err = parse_goals_bytes("goals.toml", bytes, "".as_ref()).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "goals.toml:2:7: expected UTF-8 text (save the goals file as UTF-8)"
/// );
/// ```
pub fn parse_goals_bytes(name: &str, bytes: Vec<u8>, base: &Path) -> Result<GoalsFile> {
    let text = String::from_utf8(bytes).map_err(|e| {
        // Where the first byte that is not UTF-8 is.
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let src = Source {
            name,
            text: &before,
        };
        let (line, column) = src.line_col(before.len());
        Error::input(
            Location::file(name).line(line).column(column),
            "expected UTF-8 text (save the goals file as UTF-8)",
        )
    })?;
    parse_goals(name, &text, base)
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
pub(super) fn check_target_moves(baseline: f64, target: f64) -> std::result::Result<(), String> {
    if target == baseline {
        Err(format!(
            "target {target} equals the baseline value {baseline}: a goal must move the \
             indicator up or down"
        ))
    } else {
        Ok(())
    }
}
