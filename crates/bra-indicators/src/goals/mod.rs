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
//! [`parse_goals`] checks the file's text (the loading side, `bra_indicators::read_goals`, reads
//! it from disk and `bra_indicators::read_goal_data` reads the data files it names); [`evaluate_goals`] follows every goal up by the rules of METHODS.md ("SMART
//! goals"), giving one [`GoalResult`] per goal and, with [`GoalResults::to_dataframe`], the
//! table of `bra goals` ([`GOAL_COLUMNS`]).

//!
//! The parts: [`file`] (the goals file and its checks), [`evaluate`] (the follow-up of each
//! goal against a table it is handed; it reads no files) and [`result`] (the result types and
//! the table of `bra goals`).

mod evaluate;
mod file;
mod result;
#[cfg(test)]
mod tests;

pub use evaluate::evaluate_goals;
pub use file::{
    Baseline, Goal, GoalsFile, Milestone, PreventionLevel, Target, parse_goals, parse_goals_bytes,
};
pub use result::{
    Direction, GOAL_COLUMNS, GoalResult, GoalResults, GoalStatus, MilestoneStatus, SlopeMethod,
};
