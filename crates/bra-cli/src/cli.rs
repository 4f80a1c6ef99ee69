//! The command line: clap definitions only. Each subcommand's arguments are turned into
//! library types in its own module under `cmd/`.

use clap::builder::TypedValueParser;
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
    /// Language of labels in terminal output and charts: Swedish (default) or English.
    #[arg(long, value_parser = lang_parser(), default_value = "sv", global = true)]
    pub lang: Lang,
    /// Print no warnings or summaries on stderr (errors are still printed).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Refuse PX and JSON-stat files that declare more cells than this (and Excel sheets that
    /// fill more).
    #[arg(long, value_name = "N", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::DEFAULT_MAX_CELLS)]
    pub max_cells: usize,
    /// Refuse text files with a row of more columns than this.
    #[arg(long, value_name = "N", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::Limits::default().max_columns)]
    pub max_columns: usize,
    /// Refuse text files with a line longer than this many bytes.
    #[arg(long, value_name = "BYTES", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::Limits::default().max_line_bytes)]
    pub max_line_bytes: usize,
    /// Refuse Excel workbooks that unpack to more than this many bytes (zip bombs).
    #[arg(long, value_name = "BYTES", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::Limits::default().max_unpacked_bytes)]
    pub max_unpacked_bytes: u64,
    /// Refuse a field longer than this many bytes: a CSV field, a PX string, a JSON string,
    /// an Excel cell, a string in a goals file or report config.
    #[arg(long, value_name = "BYTES", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::Limits::default().max_field_bytes)]
    pub max_field_bytes: usize,
    /// Refuse JSON files (JSON-stat, PxWeb json, Kolada) that nest arrays and objects deeper
    /// than this (at most 128).
    #[arg(long, value_name = "N", global = true, help_heading = "Limits",
          default_value_t = bra_indicators::Limits::default().max_json_depth)]
    pub max_json_depth: usize,
}

impl Global {
    /// The caps every input file is read with.
    pub fn limits(&self) -> bra_indicators::Limits {
        bra_indicators::Limits {
            max_cells: self.max_cells,
            max_columns: self.max_columns,
            max_line_bytes: self.max_line_bytes,
            max_unpacked_bytes: self.max_unpacked_bytes,
            max_field_bytes: self.max_field_bytes,
            max_json_depth: self.max_json_depth,
        }
    }
}

/// The label language is the library's [`Lang`]; `--lang` takes its codes, `sv` or `en`.
pub use bra_indicators::Lang;

/// `--lang sv|en` (the possible values listed in `--help`), as the library's [`Lang`].
/// `-o` of a table: `-` (the terminal) or a file whose extension names a table format, so that a
/// wrong name is refused before any input is read (not after minutes of reading).
fn table_output(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if value == "-" {
        return Ok(path);
    }
    bra_indicators::OutputFormat::from_path(&path)
        .map(|_| path)
        .map_err(|e| e.to_string())
}

/// `-o` of `bra profile`: a table as [`table_output`], or a .png or .svg chart.
fn table_or_chart_output(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if crate::cmd::profile::is_chart(&path) {
        Ok(path)
    } else {
        table_output(value).map_err(|e| format!("{e}, or a chart ending in .png or .svg"))
    }
}

fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new([Lang::Sv.code(), Lang::En.code()]).map(|code| {
        if code == Lang::En.code() {
            Lang::En
        } else {
            Lang::Sv
        }
    })
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
Brå's statistics database (PX, JSON-stat, Kolada and Excel files too). Population:
area,period,population (one figure per area and year), an SCB PC-Axis file (BE0101N1) or a
JSON-stat answer from SCB's API; other variables (sex, age) are summed or their total taken.
As Brå does, a count for 2020 (or 2020K1, 2020M03) is divided by the population on 31 December
2019 (--population-year previous); --population-year same uses 31 December 2020. Monthly and
quarterly rates are per period, not annualised. The output names the year-end used
(population_period) and keeps Brå's own published rate beside ours (published_rate) where the
input has it.")]
    Rates(RatesArgs),
    /// Trends for every area × indicator series: Mann-Kendall, Sen's slope, OLS, APC, recent trend.
    #[command(after_help = "\
Examples:
  bra rates --counts data/samples/counts.csv --population data/samples/population.csv -o rates.csv
  bra trend --input rates.csv
  bra trend --input rates.csv --method sen --from 2018 -o trends.csv

Input: the output of `bra rates` or `bra survey`, or a canonical table (value column `value` or
`rate`). Time is in years since the first period; slopes are per year. APC needs `count` and
`population`; the recent trend needs the latest 5 consecutive years with 95 % intervals.")]
    Trend(TrendArgs),
    /// The whole follow-up report in one command: HTML page, tables (CSV and XLSX).
    #[command(after_help = "\
Examples:
  bra report --config data/samples/report.toml --out report
  bra report --config report.toml --out uppfoljning-2024 --quiet
  bra report --config report.toml --out alla --all-kommuner
  bra report --config report.toml --out lan --areas Fagersta,Sala,Västerås

The config (TOML) names the area, the benchmark areas, the data files and the indicators per
focus area of the citizen promise; see data/samples/report.toml. The report folder is written
atomically: an error leaves no half-written report. Open index.html in any browser (it works
offline and prints to PDF).")]
    Report(ReportArgs),
    /// Survey shares and indices (NTU, SCB's citizen survey) with intervals, in percent.
    #[command(after_help = "\
Examples:
  bra survey --input data/samples/ntu.csv --areas data/samples/areas.toml
  bra survey --input data/samples/mu.csv -o survey.csv
  bra survey --input data/samples/ntu_wide.csv --areas data/samples/areas.toml
  bra survey --input answers.csv --ci clopper-pearson --level 0.998

Input: the canonical long CSV (area,period,indicator,count,n,value,lower,upper,se,level,
survey_year,...) or Brå's wide NTU layout saved as CSV (title rows, the area names above a
block Andel | KI undre | KI övre per area, years as rows). Published estimates with their
interval are kept (method published; a standard error `se` becomes value ± 1.96 se, method
published-se); rows with count and n get the --ci interval at --level. NTU: period is the
reference year, survey_year the survey's (in NTU 2020, victimisation refers to 2019).")]
    Survey(SurveyArgs),
    /// Compare each area with a benchmark (riket, the county) by the Fingertips rule, or test
    /// the change between two periods.
    #[command(after_help = "\
Examples:
  bra compare --input data/samples/ntu.csv --benchmark 00 --areas data/samples/areas.toml
  bra rates --counts data/samples/counts.csv --population data/samples/population.csv -o rates.csv
  bra compare --input rates.csv --benchmark 19
  bra compare --input rates.csv --between 2019,2024 --benchmark 19
  bra compare --input data/samples/mu.csv --between 2019,2023

The benchmark inside the area's 95 % interval is `similar`, otherwise `higher`/`lower`, which
the indicator's polarity turns into `better`/`worse`; `much better`/`much worse` when it lies
outside the 99.8 % interval too, which is recomputed from count and population/n (rows with
only a published interval never get `much`). --between P1,P2 gives the change table instead:
rate-ratio-exact for counts, two-proportion-z for shares with n, interval-overlap otherwise.")]
    Compare(CompareArgs),
    /// Charts for follow-up reports as PNG or SVG: trend, compare, funnel, survey, goals.
    #[command(after_help = "\
Examples (data/samples; rates.csv from `bra rates ... -o rates.csv`):
  bra chart trend   --input rates.csv --area Fagersta --indicator brott.totalt -o trend.png
  bra chart trend   --input rates.csv --area 1982 --indicator brott.totalt --benchmark 19,00 \\
                    --target 10500 --deadline 2026 --baseline 2019 -o trend.svg
  bra chart compare --input rates.csv --area 1982 --indicator brott.totalt --benchmark 19 --period 2024 -o compare.png
  bra chart funnel  --input rates.csv --area 1982 --indicator brott.totalt --benchmark 19 -o funnel.png
  bra chart funnel  --input rates.csv --area 1982 --indicator brott.totalt --smooth eb -o funnel-eb.png
  bra chart trend   --input rates.csv --area 1982 --indicator brott.bostadsinbrott --smooth eb -o trend-eb.png
  bra chart survey  --input survey.csv --area 19 --indicator ntu.otrygghet --benchmark 00 -o survey.png
  bra chart goals   --input goals.csv -o goals.png
  bra chart trend   --input rates.csv --indicator brott.totalt --each --areas 19 -o 'charts/{area}.png'
  bra --lang en chart trend --input rates.csv --area 1982 --indicator brott.totalt -o trend-en.png

Input: trend, funnel and survey read the output of `bra rates` or `bra survey` (or a canonical
table); compare also reads `bra compare` output (its `assessment` colours the bars; without it
the bars are assessed against the benchmark here); goals reads `bra goals` output. The format
follows the extension of -o: .png (1600×900 by default, for Word and PowerPoint) or .svg.
Benchmarks default to the area's county and the country; `--benchmark none` draws none.")]
    Chart(Box<ChartArgs>),
    /// List the built-in areas (riket, police regions, län, kommuner), or find one by name or code.
    #[command(after_help = "\
Examples:
  bra areas                  all 323 areas
  bra areas Fagersta         one kommun
  bra areas \"Västmanlands län\"  a län and its kommuner
  bra areas \"Arjeplogs kommun\"  names as Brå writes them are understood
  bra areas --areas data/samples/areas.toml lpo:   your own areas and their kommuner")]
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
    /// Read SCB, Kolada, Brå and Excel files into one canonical table (area, period, indicator,
    /// group, count, population, value, ...).
    #[command(after_help = "\
Examples:
  bra import BE0101N1.px -o population.csv
  bra import kolada_n07540.json scb_tab638.json -o tidy.parquet
  bra import kommunindikatorer_fagersta.xlsx counts.csv -o tidy.csv
  bra import befolkning_1384.json --format pxweb-json -o population.csv
  bra import folkmangd_kommun_2017.csv --format scb-csv -o population.csv

Formats (detected from the content, not the file name; --format overrides): the canonical CSV
and Brå's CSV layouts, SCB PC-Axis (.px), JSON-stat 2.0 (SCB's PxWeb API), the PxWeb API v1
plain json answer (pxweb-json), the CSV download of SCB's statistical database
(scb-csv: \"region\",\"2017\",... with \"0114 Upplands Väsby\" cells), Kolada API JSON
(one page or several concatenated), Excel workbooks (Brå's per-kommun indicator sheets, NTU
sheets, plain tables with a header row). What was read is summarised on stderr: rows, areas,
periods, indicators and missing cells by reason.")]
    Import(ImportArgs),
    /// The kommun profile: one area on every indicator at once, at each indicator's latest
    /// period, against the county and the country and the spread of the comparison kommuner.
    #[command(after_help = "\
Examples:
  bra profile --input rates.csv --area Fagersta
  bra profile --input rates.csv survey.csv --area Fagersta --benchmark 19,00 -o profil.csv
  bra profile --input rates.csv --area Fagersta --all-kommuner -o profil.xlsx
  bra profile --input rates.csv --area Fagersta --benchmark 19 -o profil.png   the spine chart

Columns: indicator, period, value, lower, upper, benchmark_area, benchmark_value, assessment
(better/similar/worse by the indicator's polarity, as bra compare), min, q25, median, q75, max
(over the comparison areas, linear interpolation), rank (1 = best), n_areas, polarity. The
comparison areas are by default the kommuner of the first county among the benchmarks.

The spine chart (-o .png or .svg): one row per indicator, grouped by focus area; a light bar
from the worst to the best value among the comparison areas (best always to the right), their
25th-75th percentile darker, the first benchmark as a line in the middle and the area as a dot
coloured better/similar/worse. Many indicators make one taller image.")]
    Profile(ProfileArgs),
    /// The EST situation picture (lägesbild): an incident log counted per window (fortnight by
    /// default), every category and focus area against what earlier windows lead one to
    /// expect, unusual counts flagged.
    #[command(after_help = "\
Examples:
  bra lagesbild --incidents data/samples/incidents.csv
  bra lagesbild --incidents logg.xlsx --categories kategorier.toml -o lagesbild.csv
  bra lagesbild --incidents logg.csv --period quarter --as-of 2026-09-30 -o kvartal.csv
  bra lagesbild --incidents logg.csv --places 5 --places-out platser.csv -o lagesbild.json
  bra lagesbild --incidents logg.csv --suppress-below 3 -o lagesbild.xlsx   to share outside the group
  bra lagesbild --incidents data/samples/incidents.csv --area Fagersta --out lagesbild
      the printable A4 page (lagesbild/index.html), its charts and tables; --lang en in English

The log (CSV or Excel) has a header row with datum/date and kategori/category, optionally
plats/place, källa/source and antal/count, in any order. Other columns (free text) are never
copied to any output. The categories file (TOML, [[category]] with label, aliases, name_sv,
name_en, focus_area) maps labels to the focus areas of the citizen promise; without it a
built-in list of common labels is used; unknown labels count under övrigt, with a warning.

Method: the expected count is the mean of the same windows in earlier years (52 weeks back and
one window either side, when at least two years of history exist), else of the previous 6
windows; a count is flagged high when P(Y >= count) < alpha (and count >= 3), low when
P(Y <= count) < alpha (and expected >= 5), with Y negative binomial (Poisson when the baseline
is not over-dispersed). See the README's Methods.")]
    Lagesbild(LagesbildArgs),
}

/// Input formats for `bra import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Detect from the content.
    Auto,
    /// Delimited text: the canonical long CSV and Brå's layouts.
    Csv,
    /// SCB PC-Axis.
    Px,
    /// JSON-stat 2.0 (PxWeb API).
    Jsonstat,
    /// Kolada API JSON.
    Kolada,
    /// Excel workbook.
    Xlsx,
    /// SCB's PxWeb API v1 answer in its plain json format (`columns`, `data`).
    PxwebJson,
    /// The CSV download of SCB's statistical database (`"region","2017",...`).
    ScbCsv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Input files (any mix of formats).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Input format of every file; `auto` detects each file's format from its content.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// The period of a file that has none (Brå's annual kommun file), e.g. 2023.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
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
    /// Population file: CSV (area,period,population), SCB PC-Axis (.px), JSON-stat, PxWeb
    /// json or SCB's CSV download ("region","2017").
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
    /// Which population a count of year Y is divided by: `previous` (31 December of Y-1, as
    /// Brå computes its "per 100 000 inv.") or `same` (31 December of Y).
    #[arg(long, value_enum, default_value_t = PopulationYearArg::Previous)]
    pub population_year: PopulationYearArg,
    /// Your own areas (TOML: sets of kommuner such as a local police area).
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
    /// Add empirical-Bayes smoothed rates of the kommuner (columns `smoothed`, `shrinkage`)
    /// beside the raw ones: small kommuner's rates pulled towards the mean of all kommuner in
    /// the table (Marshall's global estimator).
    #[arg(long, value_enum, value_name = "METHOD")]
    pub smooth: Option<SmoothArg>,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
}

/// Smoothing methods of `bra rates --smooth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SmoothArg {
    /// Empirical Bayes, Marshall's global estimator.
    Eb,
}

/// The population year of `bra rates --population-year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PopulationYearArg {
    /// 31 December of the year before the count's year (Brå's convention; the default).
    Previous,
    /// 31 December of the count's own year.
    Same,
}

/// Interval methods for survey shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShareCi {
    /// Wilson's score interval (PHE's default).
    Wilson,
    /// The Clopper-Pearson ("exact") interval.
    ClopperPearson,
}

/// The user's own areas and indicators, beside the built-in ones.
#[derive(Debug, Args)]
pub struct Registries {
    /// Your own areas (TOML: sets of kommuner such as a local police area).
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
    /// More indicators, or other polarities (TOML), beside the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub indicators: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// Survey results: canonical long CSV or Brå's wide NTU layout.
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// Interval method for rows with count and n.
    #[arg(long, value_enum, default_value_t = ShareCi::Wilson)]
    pub ci: ShareCi,
    /// Confidence level for rows with count and n, e.g. 0.95 or 0.998.
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub level: String,
    #[command(flatten)]
    pub registries: Registries,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Indicator values: the output of `bra rates` or `bra survey`, the canonical long CSV, or
    /// Brå's wide NTU layout.
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// The area to compare with: a code (00 riket, 19 a county, Rn02 a police region) or a name.
    #[arg(long, value_name = "AREA", required_unless_present = "between")]
    pub benchmark: Option<String>,
    /// Levels: the first decides similar/higher/lower, the second much better/worse.
    #[arg(long, default_value = "0.95,0.998", value_name = "L1,L2")]
    pub levels: String,
    /// Test the change from period P1 to P2 instead (e.g. 2019,2023).
    #[arg(long, value_name = "P1,P2")]
    pub between: Option<String>,
    #[command(flatten)]
    pub registries: Registries,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
}

/// Trend methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendMethodArg {
    /// Every method.
    All,
    /// Mann-Kendall test (exact p for n ≤ 10 without ties).
    MannKendall,
    /// Sen's slope with its interval.
    Sen,
    /// Ordinary least squares.
    Ols,
    /// Annual percent change (quasi-Poisson, needs counts and populations).
    Apc,
    /// Fingertips' recent trend over the latest 5 years.
    Recent,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// Input table: `bra rates` or `bra survey` output, or a canonical table.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
    /// Which methods to compute; the others' columns stay empty.
    #[arg(long, value_enum, default_value_t = TrendMethodArg::All)]
    pub method: TrendMethodArg,
    /// Confidence level of the slope intervals and of the trend test.
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub level: String,
    /// First period to include, e.g. 2015.
    #[arg(long, value_name = "PERIOD")]
    pub from: Option<String>,
    /// Last period to include, e.g. 2024.
    #[arg(long, value_name = "PERIOD")]
    pub to: Option<String>,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKindArg {
    /// An indicator over periods for one area, with county and country lines and a goal.
    Trend,
    /// Horizontal bars for the kommuner of a county (or --areas) against a benchmark.
    Compare,
    /// Rate or share against population with 95 % and 99.8 % control limits.
    Funnel,
    /// Survey waves for an area and a benchmark, with significant changes marked.
    Survey,
    /// Progress of each goal against the expected progress (`bra goals` output).
    Goals,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Which chart.
    #[arg(value_enum)]
    pub kind: ChartKindArg,
    /// Input table: `bra rates`, `bra survey`, `bra compare` or `bra goals` output.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input: PathBuf,
    /// Output file: .png or .svg.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// The area the chart is about (code or name); highlighted in compare and funnel charts.
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// Indicator id, e.g. brott.totalt (needed when the input holds several).
    #[arg(long, value_name = "ID")]
    pub indicator: Option<String>,
    /// Breakdown group (default: total).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Period of a compare or funnel chart (default: the latest), e.g. 2024.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Benchmark areas, comma-separated (trend: every one is a line; others: the first), or `none`.
    #[arg(long, value_name = "AREAS", value_delimiter = ',')]
    pub benchmark: Option<Vec<String>>,
    /// Areas of a compare or funnel chart, or of --each, comma-separated; a county code stands
    /// for its kommuner.
    #[arg(long, value_name = "AREAS", value_delimiter = ',')]
    pub areas: Vec<String>,
    /// Trend: one chart per area of --areas (every kommun in the data without it), drawn on
    /// every core; -o names the files with {area} for each area's code, e.g. charts/{area}.png.
    #[arg(long, conflicts_with_all = ["area", "goals", "target"])]
    pub each: bool,
    /// Funnel and trend: draw the empirical-Bayes smoothed rate beside the raw one (funnel:
    /// over the areas shown, hollow markers joined to the raw points; trend: over the kommuner
    /// of the area's county in each period, a dashed line). Needs counts and populations, as
    /// `bra rates` writes them.
    #[arg(long, value_enum, value_name = "METHOD")]
    pub smooth: Option<SmoothArg>,
    /// Title instead of the indicator's name.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Source line instead of the indicator's source, e.g. "Brå, NTU 2024".
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Trend: mark the goal on this indicator and area from `bra goals` output.
    #[arg(long, value_name = "FILE", conflicts_with = "target")]
    pub goals: Option<PathBuf>,
    /// Trend: with --goals, the goal id (when several goals match).
    #[arg(long, value_name = "ID", requires = "goals")]
    pub goal: Option<String>,
    /// Trend: mark a target value (with --deadline).
    #[arg(long, value_name = "VALUE", requires = "deadline")]
    pub target: Option<f64>,
    /// Trend: the period by which the target is to be reached, e.g. 2026.
    #[arg(long, value_name = "PERIOD", requires = "target")]
    pub deadline: Option<String>,
    /// Trend: the goal's baseline period (default: the first period); its value comes from the data.
    #[arg(long, value_name = "PERIOD", requires = "target")]
    pub baseline: Option<String>,
    /// Width in pixels (default 1600 for PNG, 800 for SVG).
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,
    /// Height in pixels (default 9/16 of the width, more for many bars).
    #[arg(long, value_name = "PX")]
    pub height: Option<u32>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report config (TOML).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: PathBuf,
    /// The folder to write the report to (replaced if it holds an earlier report).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// One report per kommun (all 290 in the registry that have data) under DIR/<code>-<name>/,
    /// plus an index page; a län benchmark becomes each kommun's own län.
    #[arg(long, conflicts_with = "areas")]
    pub all_kommuner: bool,
    /// One report per listed area (codes or names, comma-separated) under DIR/<code>-<name>/.
    #[arg(long, value_delimiter = ',', value_name = "AREAS")]
    pub areas: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AreasArgs {
    /// A name or code to look for (any spelling Brå or SCB uses); none lists all.
    pub query: Option<String>,
    /// Your own areas (TOML: sets of kommuner such as a local police area), listed too.
    #[arg(long, value_name = "FILE")]
    pub areas: Option<PathBuf>,
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
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
}

/// Window lengths for `bra lagesbild`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WindowArg {
    /// 7 days ending on the as-of date.
    Week,
    /// 14 days ending on the as-of date (EST meets every other week).
    Fortnight,
    /// Calendar months (the current one may be partial).
    Month,
    /// Calendar quarters, for the local council's direction decisions.
    Quarter,
}

impl WindowArg {
    /// The library's window kind.
    pub fn lib(self) -> bra_indicators::WindowKind {
        match self {
            WindowArg::Week => bra_indicators::WindowKind::Week,
            WindowArg::Fortnight => bra_indicators::WindowKind::Fortnight,
            WindowArg::Month => bra_indicators::WindowKind::Month,
            WindowArg::Quarter => bra_indicators::WindowKind::Quarter,
        }
    }
}

/// Arguments of `bra lagesbild`.
#[derive(Debug, Args)]
pub struct LagesbildArgs {
    /// The incident log: CSV or Excel with datum/date and kategori/category columns.
    #[arg(long, value_name = "FILE")]
    pub incidents: PathBuf,
    /// Categories file (TOML) mapping incident labels to focus areas; default a built-in list.
    #[arg(long, value_name = "FILE")]
    pub categories: Option<PathBuf>,
    /// Window length.
    #[arg(long, value_enum, default_value = "fortnight")]
    pub period: WindowArg,
    /// The last day of the current window (YYYY-MM-DD); default the log's last date.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Significance level of the high/low flags.
    #[arg(long, default_value_t = 0.01)]
    pub alpha: f64,
    /// How many places (with most incidents in the window) to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub places: usize,
    /// Show counts 1..K-1 as `<K` (3 is usual when the picture is shared outside the EST
    /// group) in the workbook and on the terminal; on those rows the ratio and p-values, which
    /// would give the count away, are left out. Not for CSV/JSON/Parquet (the group's own
    /// analysis files).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(2..))]
    pub suppress_below: Option<u64>,
    /// Write the places table to this file (.csv, .json, .parquet or .xlsx).
    #[arg(long, value_name = "FILE")]
    pub places_out: Option<PathBuf>,
    /// Output file: .csv, .json, .parquet or .xlsx; `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_output)]
    pub output: Option<PathBuf>,
    /// Write the situation picture as a folder: index.html (one printable A4 page, self-contained),
    /// charts/*.png|svg and tables/lagesbild.xlsx, lagesbild.csv, platser.csv; atomically. An
    /// existing DIR is replaced only if it is empty or an earlier output. With --suppress-below
    /// the page, charts and workbook show `<K` and the CSV tables (exact counts) are not written.
    /// Example: bra lagesbild --incidents logg.csv --area Fagersta --out lagesbild
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The kommun (or group) the picture is about, for the page's heading (with --out).
    #[arg(long, value_name = "NAME")]
    pub area: Option<String>,
}

/// Arguments of `bra profile`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Indicator tables: outputs of `bra rates`, `bra survey` or `bra compare`, or canonical tables.
    #[arg(long, short = 'i', value_name = "FILE", num_args = 1.., required = true)]
    pub input: Vec<PathBuf>,
    /// The area to profile (code or name).
    #[arg(long, value_name = "AREA")]
    pub area: String,
    /// Benchmark areas, comma-separated (default: the area's county and riket).
    #[arg(long, value_name = "AREAS", value_delimiter = ',')]
    pub benchmark: Vec<String>,
    /// The comparison areas, comma-separated; a county code stands for its kommuner (default:
    /// the kommuner of the first county among the benchmarks).
    #[arg(
        long,
        value_name = "AREAS",
        value_delimiter = ',',
        conflicts_with = "all_kommuner"
    )]
    pub areas: Vec<String>,
    /// Compare with all 290 kommuner.
    #[arg(long)]
    pub all_kommuner: bool,
    /// Levels: the first decides similar/higher/lower, the second much better/worse.
    #[arg(long, default_value = "0.95,0.998", value_name = "L1,L2")]
    pub levels: String,
    /// Output file: .csv, .json, .parquet or .xlsx (the table), or .png or .svg (the spine
    /// chart against the first benchmark, one row per indicator); `-` or none prints a table.
    #[arg(long, short = 'o', value_name = "FILE", value_parser = table_or_chart_output)]
    pub output: Option<PathBuf>,
}
