//! Reading this program's own outputs back, for `bra chart --input`: the output of
//! `bra compare` (the table and its `assessment` column) and of `bra goals` (the goal
//! results). A loading module at the Report level (issue 16): it reads through Ingest and
//! builds Compute's result types, which Ingest (Model only) may not name.

use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::goals::{
    Direction, GOAL_COLUMNS, GoalResult, GoalStatus, MilestoneStatus, PreventionLevel, SlopeMethod,
};
use crate::indicator::FocusArea;
use crate::indicators::compare::{Assessment, Assessments, ChangeTest};
use crate::ingest::text_records::Records;
use crate::ingest::{ReadOptions, read_table_bytes};
use crate::period::Period;
use crate::pipeline::with_se_intervals;
use crate::table::Table;
use std::path::Path;

/// A table for a chart with, when it is the output of `bra compare`, the assessments made
/// there (by area, period, indicator and group).
#[derive(Debug, Clone)]
pub struct CompareOutput {
    /// The canonical table.
    pub table: Table,
    /// The `assessment` column, when the file has one.
    pub assessments: Option<Assessments>,
}

/// Reads the output of `bra compare` (or of `bra rates` / `bra survey`, then without
/// assessments) at `path`.
///
/// # Errors
/// [`Error::Io`] naming the file; as [`read_compare_output_bytes`].
pub fn read_compare_output(path: &Path) -> Result<CompareOutput> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_compare_output_bytes(&path.display().to_string(), &bytes)
}

/// As [`read_compare_output`], from a file's bytes (`name` is used in messages).
///
/// # Errors
/// The reader's errors (file, line, column), and an unknown `assessment` code.
///
/// # Examples
/// ```
/// use bra_indicators::outputs::read_compare_output_bytes;
/// let csv = "area,period,indicator,value,lower,upper,assessment\n1982,2024,brott.totalt,10826,10300,11370,better\n";
/// let out = read_compare_output_bytes("compare.csv", csv.as_bytes())?;
/// assert_eq!(out.table.rows().len(), 1);
/// assert_eq!(out.assessments.expect("a column").len(), 1);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_compare_output_bytes(name: &str, bytes: &[u8]) -> Result<CompareOutput> {
    let table = with_se_intervals(read_table_bytes(name, bytes, &ReadOptions::default())?)?.table;
    let assessments = assessments(&Records::parse(name, bytes)?)?;
    Ok(CompareOutput { table, assessments })
}

/// The `assessment` column of `bra compare` output, if the file has one.
fn assessments(rec: &Records) -> Result<Option<Assessments>> {
    let Some(col) = rec.column("assessment") else {
        return Ok(None);
    };
    let expected = "the output of bra compare (area,period,indicator,...,assessment)";
    let area = rec.require("area", expected)?;
    let period = rec.require("period", expected)?;
    let indicator = rec.require("indicator", expected)?;
    let group = rec.column("group");
    let registry = AreaRegistry::builtin();
    let mut out = Assessments::new();
    for (line, f) in &rec.rows {
        let Some(p) = rec.period(*line, f, period)? else {
            continue;
        };
        let text = rec.text(f, Some(col));
        let a = parse_assessment(text).ok_or_else(|| {
            Error::input(
                rec.location(*line, col),
                format!(
                    "expected much better, better, similar, worse, much worse or not compared, found \"{text}\""
                ),
            )
        })?;
        let g = match rec.text(f, group) {
            "" => "total".to_string(),
            g => g.to_string(),
        };
        let code = rec.text(f, Some(area));
        let code = registry.code_of(code).unwrap_or(code).to_string();
        out.insert((code, p, rec.text(f, Some(indicator)).to_string(), g), a);
    }
    Ok(Some(out))
}

fn parse_assessment(s: &str) -> Option<Assessment> {
    let all = Assessment::ALL;
    if s.is_empty() {
        return Some(Assessment::NotCompared);
    }
    all.into_iter()
        .find(|a| a.code().eq_ignore_ascii_case(s) || a.label_sv().eq_ignore_ascii_case(s))
}

const GOALS_EXPECTED: &str = "the output of bra goals (goal,indicator,area,baseline_period,\
                              baseline,target,deadline,...,progress,expected_progress,...,status)";

/// Reads the output of `bra goals` at `path` back into goal results.
///
/// # Errors
/// [`Error::Io`] naming the file; as [`read_goal_results_bytes`].
pub fn read_goal_results(path: &Path) -> Result<Vec<GoalResult>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_goal_results_bytes(&path.display().to_string(), &bytes)
}

/// As [`read_goal_results`], from a file's bytes (`name` is used in messages).
///
/// The columns of DESIGN.md are required (`goal,indicator,area,baseline_period,baseline,
/// target,deadline,latest_period,latest,progress,expected_progress,projected,status,
/// significant,milestone`); the further columns of [`crate::goals::GOAL_COLUMNS`] are read
/// when present and are otherwise empty (`title`, `owner`), `total` (`group`), `other`
/// (`focus_area`), `universal` (`level`), the direction of target against baseline
/// (`direction`), or not known (the rest).
///
/// # Errors
/// [`Error::Input`] naming the file, line and column for a missing column, an empty required
/// cell, a number or period that is not one, or an unknown code (status, ...).
///
/// # Examples
/// ```
/// use bra_indicators::GoalStatus;
/// use bra_indicators::outputs::read_goal_results_bytes;
/// let csv = "goal,indicator,area,baseline_period,baseline,target,deadline,latest_period,latest,\
///            progress,expected_progress,projected,status,significant,milestone\n\
///            g1,brott.totalt,1982,2019,100,80,2025,2022,92,0.4,0.5,84.25,at risk,false,\n";
/// let goals = read_goal_results_bytes("goals.csv", csv.as_bytes())?;
/// assert_eq!(goals[0].status, GoalStatus::AtRisk);
/// assert_eq!(goals[0].progress, Some(0.4));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn read_goal_results_bytes(name: &str, bytes: &[u8]) -> Result<Vec<GoalResult>> {
    let rec = Records::parse(name, bytes)?;
    // The DESIGN.md columns of `bra goals`: the first 15 of its schema.
    for c in &GOAL_COLUMNS[..15] {
        rec.require(c, GOALS_EXPECTED)?;
    }
    rec.rows
        .iter()
        .map(|(line, f)| goal_result(&rec, *line, f))
        .collect()
}

/// One record of `bra goals` output as a goal result.
fn goal_result(rec: &Records, line: u64, f: &[String]) -> Result<GoalResult> {
    let cell = Cell { rec, line, f };
    let goal = cell.text("goal");
    if goal.is_empty() {
        return Err(empty(rec, line, cell.col("goal"), "the goal's id"));
    }
    let baseline = cell.needed("baseline")?;
    let target = cell.needed("target")?;
    let area = cell.text("area");
    let area = AreaRegistry::builtin()
        .code_of(&area)
        .map_or(area.clone(), str::to_string);
    Ok(GoalResult {
        title: cell.text("title"),
        focus_area: cell
            .code("focus_area", "a focus area", &FocusArea::ALL, |a| a.code())?
            .unwrap_or(FocusArea::Other),
        level: cell
            .code("level", "a prevention level", &PREVENTION_LEVELS, |l| {
                l.code()
            })?
            .unwrap_or(PreventionLevel::Universal),
        owner: cell.text("owner"),
        indicator: cell.text("indicator"),
        area,
        group: match cell.text("group") {
            g if g.is_empty() => "total".to_string(),
            g => g,
        },
        direction: cell
            .code("direction", "a direction", &DIRECTIONS, |d| d.code())?
            .unwrap_or(if target < baseline {
                Direction::Decrease
            } else {
                Direction::Increase
            }),
        baseline_period: cell.needed_period("baseline_period")?,
        baseline,
        target,
        deadline: cell.needed_period("deadline")?,
        as_of: cell.period("as_of")?,
        latest_period: cell.period("latest_period")?,
        latest: cell.number("latest")?,
        progress: cell.number("progress")?,
        expected_progress: cell.number("expected_progress")?,
        slope: cell.number("slope")?,
        slope_method: cell.code("slope_method", "a slope method", &SLOPES, |s| s.code())?,
        projected: cell.number("projected")?,
        status: cell.status()?,
        milestone_period: cell.period("milestone_period")?,
        milestone_target: cell.number("milestone_target")?,
        milestone: cell.code("milestone", "a milestone status", &MILESTONES, |m| m.code())?,
        significant: cell.significant()?,
        test: cell.code("test", "a change test", &CHANGE_TESTS, |t| t.code())?,
        p_value: cell.number("p_value")?,
        goal,
    })
}

const PREVENTION_LEVELS: [PreventionLevel; 3] = [
    PreventionLevel::Universal,
    PreventionLevel::Selective,
    PreventionLevel::Indicated,
];
const DIRECTIONS: [Direction; 2] = [Direction::Decrease, Direction::Increase];
const SLOPES: [SlopeMethod; 2] = [SlopeMethod::Sen, SlopeMethod::TwoPoint];
const MILESTONES: [MilestoneStatus; 3] = [
    MilestoneStatus::Met,
    MilestoneStatus::NotMet,
    MilestoneStatus::Pending,
];
const CHANGE_TESTS: [ChangeTest; 3] = [
    ChangeTest::RateRatioExact,
    ChangeTest::TwoProportionZ,
    ChangeTest::IntervalOverlap,
];

/// The cells of one record of `bra goals` output, read by column name; errors name the cell.
struct Cell<'a> {
    rec: &'a Records,
    line: u64,
    f: &'a [String],
}

impl Cell<'_> {
    fn col(&self, name: &str) -> Option<usize> {
        self.rec.column(name)
    }

    fn text(&self, name: &str) -> String {
        self.rec.text(self.f, self.col(name)).to_string()
    }

    fn number(&self, name: &str) -> Result<Option<f64>> {
        match self.col(name) {
            Some(c) => self.rec.number(self.line, self.f, c),
            None => Ok(None),
        }
    }

    fn period(&self, name: &str) -> Result<Option<Period>> {
        match self.col(name) {
            Some(c) => self.rec.period(self.line, self.f, c),
            None => Ok(None),
        }
    }

    fn needed(&self, name: &str) -> Result<f64> {
        self.number(name)?
            .ok_or_else(|| empty(self.rec, self.line, self.col(name), "a number"))
    }

    fn needed_period(&self, name: &str) -> Result<Period> {
        self.period(name)?
            .ok_or_else(|| empty(self.rec, self.line, self.col(name), "a period"))
    }

    /// The one of `values` whose code the cell holds (any case); `None` for an empty cell.
    fn code<T: Copy>(
        &self,
        name: &str,
        what: &str,
        values: &[T],
        code: impl Fn(T) -> &'static str,
    ) -> Result<Option<T>> {
        let t = self.text(name);
        if t.is_empty() {
            return Ok(None);
        }
        let codes: Vec<&str> = values.iter().map(|v| code(*v)).collect();
        codes
            .iter()
            .position(|c| c.eq_ignore_ascii_case(&t))
            .map(|i| Some(values[i]))
            .ok_or_else(|| bad_code(self.rec, self.line, self.col(name), what, &codes, &t))
    }

    /// The goal's status, by its code or its Swedish label.
    fn status(&self) -> Result<GoalStatus> {
        let status_text = self.text("status");
        let status_codes: Vec<&str> = GoalStatus::ALL.iter().map(|s| s.code()).collect();
        GoalStatus::ALL
            .into_iter()
            .find(|s| {
                s.code().eq_ignore_ascii_case(&status_text)
                    || s.label_sv().eq_ignore_ascii_case(&status_text)
            })
            .ok_or_else(|| {
                bad_code(
                    self.rec,
                    self.line,
                    self.col("status"),
                    "a goal status",
                    &status_codes,
                    &status_text,
                )
            })
    }

    /// Whether the change was significant: true/yes/ja/1, false/no/nej/0, or empty.
    fn significant(&self) -> Result<Option<bool>> {
        match self.text("significant").to_lowercase().as_str() {
            "" => Ok(None),
            "true" | "yes" | "ja" | "1" => Ok(Some(true)),
            "false" | "no" | "nej" | "0" => Ok(Some(false)),
            other => Err(bad_code(
                self.rec,
                self.line,
                self.col("significant"),
                "true or false",
                &["true", "false"],
                other,
            )),
        }
    }
}

fn empty(rec: &Records, line: u64, column: Option<usize>, what: &str) -> Error {
    Error::input(
        rec.location(line, column.unwrap_or(usize::MAX)),
        format!("the cell is empty: expected {what}"),
    )
}

fn bad_code(
    rec: &Records,
    line: u64,
    column: Option<usize>,
    what: &str,
    codes: &[&str],
    found: &str,
) -> Error {
    Error::input(
        rec.location(line, column.unwrap_or(usize::MAX)),
        format!("expected {what} ({}), found \"{found}\"", codes.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "goal,indicator,area,baseline_period,baseline,target,deadline,\
                        latest_period,latest,progress,expected_progress,projected,status,\
                        significant,milestone";

    #[test]
    fn reads_goals_output_and_says_where_it_is_wrong() {
        let ok = format!(
            "{HEAD}\ng,brott.totalt,Fagersta,2019,100,80,2025,2022,92,0.4,0.5,84.25,i fas,true,met\n"
        );
        let g = &read_goal_results_bytes("g.csv", ok.as_bytes()).expect("reads")[0];
        assert_eq!((g.area.as_str(), g.status), ("1982", GoalStatus::OnTrack));
        assert_eq!(
            (g.direction, g.significant),
            (Direction::Decrease, Some(true))
        );
        assert_eq!(g.milestone, Some(MilestoneStatus::Met));
        let bad =
            format!("{HEAD}\ng,brott.totalt,1982,2019,100,80,2025,2022,92,0.4,0.5,84.25,maybe,,\n");
        let err = read_goal_results_bytes("g.csv", bad.as_bytes())
            .expect_err("unknown status")
            .to_string();
        assert!(err.starts_with("g.csv:2: column \"status\""), "{err}");
        let empty = format!("{HEAD}\ng,brott.totalt,1982,2019,,80,2025,,,,,,no data,,\n");
        let err = read_goal_results_bytes("g.csv", empty.as_bytes())
            .expect_err("no baseline")
            .to_string();
        assert!(err.contains("column \"baseline\""), "{err}");
        let err = read_goal_results_bytes("g.csv", b"goal,status\ng,achieved\n")
            .expect_err("columns")
            .to_string();
        assert!(err.contains("missing column \"indicator\""), "{err}");
    }

    #[test]
    fn reads_assessments_of_compare_output() {
        let csv = "area,period,indicator,value,lower,upper,assessment\n\
                   1982,2024,brott.totalt,10826,10300,11370,bättre\n\
                   1980,2024,brott.totalt,12000,11800,12200,\n";
        let out = read_compare_output_bytes("c.csv", csv.as_bytes()).expect("reads");
        let a = out.assessments.expect("column");
        let key = |area: &str| {
            (
                area.to_string(),
                Period::Year(2024),
                "brott.totalt".to_string(),
                "total".to_string(),
            )
        };
        assert_eq!(a.get(&key("1982")), Some(&Assessment::Better));
        assert_eq!(a.get(&key("1980")), Some(&Assessment::NotCompared));
        let bad = csv.replace("bättre", "great");
        let err = read_compare_output_bytes("c.csv", bad.as_bytes())
            .expect_err("unknown")
            .to_string();
        assert!(err.starts_with("c.csv:2: column \"assessment\""), "{err}");
    }
}
