//! The command line: clap definitions only. Each subcommand's arguments are turned into
//! library types in its own module under `cmd/`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Key indicators for local crime prevention in Swedish municipalities: reported crime per
/// 100 000 inhabitants with confidence intervals, comparisons, trends and follow-up reports.
#[derive(Debug, Parser)]
#[command(name = "bra", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Language of labels in terminal output: Swedish (default) or English.
    #[arg(long, value_enum, default_value_t = Lang::Sv, global = true)]
    pub lang: Lang,
    /// Print no warnings or summaries on stderr (errors are still printed).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

/// Label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Svenska.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The code the library's formatting functions take.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rates per 100 000 inhabitants with confidence intervals, for every row of a counts file.
    #[command(after_help = "\
Examples:
  bra rates --counts data/samples/counts.csv --population data/samples/population.csv
  bra rates --counts data/samples/counts.csv --population data/samples/population.csv -o rates.csv
  bra rates --counts \"Anmälda brott i kommunerna 2023.csv\" --population pop.csv --ci exact --level 0.998

Counts: the canonical long CSV (area,period,indicator,count), Brå's annual kommun file
(Kommun;Antal;Per 100 000 inv.; the year from the file name or --period) or a long export of
Brå's statistics database. Population: area,period,population (one figure per area and year).
Monthly and quarterly counts use the population of their calendar year (rate per period).")]
    Rates(RatesArgs),
    /// List the built-in areas (riket, police regions, län, kommuner), or find one by name or code.
    #[command(after_help = "\
Examples:
  bra areas                  all 323 areas
  bra areas Fagersta         one kommun
  bra areas \"Västmanlands län\"  a län and its kommuner
  bra areas \"Arjeplogs kommun\"  names as Brå writes them are understood")]
    Areas(AreasArgs),
    /// Follow up SMART goals: progress, expected progress, projection and status of each goal.
    #[command(after_help = "\
Examples:
  bra goals --goals data/samples/goals.toml
  bra goals --goals data/samples/goals.toml -o goals.csv
  bra goals --goals data/samples/goals.toml --as-of 2022      the report as it looked in 2022
  bra goals --goals goals.toml --data rates.csv --data survey.csv

The goals file (TOML) lists its data files (data = [\"rates.csv\"], relative to the goals
file) and one [[goal]] table per goal: id, title, focus_area, level, indicator, area,
baseline = { period, value? }, target = { value | change_percent | change_absolute },
deadline, milestones (optional), owner. See data/samples/goals.toml for every key.
Status: achieved (uppnått), on track (i fas), at risk (risk), off track (ej i fas),
missed (ej uppnått), no data (data saknas); the rules are in the README's Methods.")]
    Goals(GoalsArgs),
}

/// Interval methods for rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiMethod {
    /// Exact below 10 events, Byar's from 10 (PHE's default).
    Auto,
    /// Garwood's exact Poisson interval.
    Exact,
    /// Byar's approximation.
    Byar,
    /// Normal (Wald) approximation; only on request.
    Normal,
}

#[derive(Debug, Args)]
pub struct RatesArgs {
    /// Counts file (reported crimes).
    #[arg(long, value_name = "FILE")]
    pub counts: PathBuf,
    /// Population file (area,period,population).
    #[arg(long, value_name = "FILE")]
    pub population: PathBuf,
    /// Rates per this many inhabitants.
    #[arg(long, default_value_t = 100_000.0, value_name = "N")]
    pub per: f64,
    /// Interval method.
    #[arg(long, value_enum, default_value_t = CiMethod::Auto)]
    pub ci: CiMethod,
    /// Confidence level, e.g. 0.95 or 0.998 (95% also accepted).
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub level: String,
    /// The period of a counts file that has none (Brå's annual file), e.g. 2023.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Leave the rate empty for counts under 10 (they are always flagged `unstable`).
    #[arg(long)]
    pub suppress_small: bool,
    /// Output file: .csv, .json or .parquet; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AreasArgs {
    /// A name or code to look for (any spelling Brå or SCB uses); none lists all.
    pub query: Option<String>,
}

#[derive(Debug, Args)]
pub struct GoalsArgs {
    /// The goals file (TOML).
    #[arg(long, value_name = "FILE")]
    pub goals: PathBuf,
    /// More data files (outputs of `bra rates` or `bra survey`, or canonical tables), added to
    /// the goals file's `data`.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub data: Vec<PathBuf>,
    /// Evaluate as if the latest data were this period (e.g. 2022), to look back at a report.
    #[arg(long, value_name = "PERIOD")]
    pub as_of: Option<String>,
    /// Output file: .csv, .json or .parquet; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
