//! The result of following the goals up: one [`GoalResult`] per goal, and the table of
//! `bra goals` ([`GOAL_COLUMNS`]).

use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicator::FocusArea;
use crate::labels::label_or_code;
use crate::period::Period;
use crate::stats::compare::ChangeTest;
use crate::warning::Warning;
use polars::prelude::{Column, DataFrame, PlSmallStr};

use super::file::PreventionLevel;

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
    /// Every status, best first (the order of a legend and of the summary's counts).
    pub const ALL: [GoalStatus; 6] = [
        GoalStatus::Achieved,
        GoalStatus::OnTrack,
        GoalStatus::AtRisk,
        GoalStatus::OffTrack,
        GoalStatus::Missed,
        GoalStatus::NoData,
    ];

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
        label_or_code(self.code(), Lang::Sv)
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
        label_or_code(self.code(), Lang::Sv)
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

pub use crate::schema::GOAL_COLUMNS;

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
        // In GOAL_COLUMNS order (the array's length is checked against the list's); the names
        // are the list's, defined once.
        let values: [Column; GOAL_COLUMNS.len()] = [
            Column::new(PlSmallStr::EMPTY, text(|x| x.goal.clone())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.indicator.clone())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.area.clone())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.baseline_period.to_string())),
            Column::new(PlSmallStr::EMPTY, num(|x| Some(x.baseline))),
            Column::new(PlSmallStr::EMPTY, num(|x| Some(x.target))),
            Column::new(PlSmallStr::EMPTY, text(|x| x.deadline.to_string())),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter()
                    .map(|x| period(x.latest_period))
                    .collect::<Vec<_>>(),
            ),
            Column::new(PlSmallStr::EMPTY, num(|x| x.latest)),
            Column::new(PlSmallStr::EMPTY, num(|x| x.progress)),
            Column::new(PlSmallStr::EMPTY, num(|x| x.expected_progress)),
            Column::new(PlSmallStr::EMPTY, num(|x| x.projected)),
            Column::new(PlSmallStr::EMPTY, text(|x| x.status.code().to_string())),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter()
                    .map(|x| x.significant)
                    .collect::<Vec<Option<bool>>>(),
            ),
            Column::new(
                PlSmallStr::EMPTY,
                opt_text(|x| x.milestone.map(|m| m.code().to_string())),
            ),
            Column::new(PlSmallStr::EMPTY, text(|x| x.title.clone())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.focus_area.code().to_string())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.level.code().to_string())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.owner.clone())),
            Column::new(
                PlSmallStr::EMPTY,
                opt_text(|x| x.test.map(|t| t.code().to_string())),
            ),
            Column::new(PlSmallStr::EMPTY, num(|x| x.p_value)),
            Column::new(PlSmallStr::EMPTY, text(|x| x.group.clone())),
            Column::new(PlSmallStr::EMPTY, text(|x| x.direction.code().to_string())),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter().map(|x| period(x.as_of)).collect::<Vec<_>>(),
            ),
            Column::new(PlSmallStr::EMPTY, num(|x| x.slope)),
            Column::new(
                PlSmallStr::EMPTY,
                opt_text(|x| x.slope_method.map(|m| m.code().to_string())),
            ),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter()
                    .map(|x| period(x.milestone_period))
                    .collect::<Vec<_>>(),
            ),
            Column::new(PlSmallStr::EMPTY, num(|x| x.milestone_target)),
        ];
        let columns = values
            .into_iter()
            .zip(GOAL_COLUMNS)
            .map(|(c, name)| c.with_name(name.into()))
            .collect::<Vec<_>>();
        DataFrame::new(r.len(), columns).map_err(|e| Error::polars("building the goals table", e))
    }
}
