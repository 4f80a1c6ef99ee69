//! Output for people: tables on the terminal and warnings on stderr.

use crate::cli::{Global, Lang};
use anyhow::Result;
use bra_indicators::labels::Phrase;
use bra_indicators::labels::cli as phrase;
use bra_indicators::polars::prelude::{AnyValue, DataFrame};
use bra_indicators::{
    Warning, WarningSummary, format_number, label_or_code, summarise_warnings, write_frame,
};
use std::io::Write;
use std::path::Path;

/// Which table is being printed, for its headings and number formats.
#[derive(Debug, Clone, Copy)]
pub enum TableKind {
    Rates,
    Survey,
    Compare,
    Change,
    Trend,
    /// The canonical table (`bra import`).
    Tidy,
}

/// How a column is shown on the terminal.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Show {
    /// As it is.
    Text,
    /// A number with this many decimals.
    Decimals(usize),
    /// A p-value: 4 decimals, or `< 0,0001`.
    P,
    /// An English code shown with its Swedish label in Swedish (`better` → `bättre`).
    Label,
    /// true / false as ja / nej (yes / no).
    YesNo,
}

/// (column, heading (`labels::cli`), how to show it).
type Spec = (&'static str, Phrase, Show);

const RATES: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("area_name", phrase::AREA, Show::Text),
    ("period", phrase::PERIOD, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("count", phrase::COUNT, Show::Decimals(0)),
    ("population", phrase::POPULATION, Show::Decimals(0)),
    // The year whose 31 December population was used.
    ("population_period", phrase::POPULATION_31_DEC, Show::Text),
    ("rate", phrase::PER_100K, Show::Decimals(1)),
    ("published_rate", phrase::BRA_PER_100K, Show::Decimals(1)),
    ("lower", phrase::LOWER, Show::Decimals(1)),
    ("upper", phrase::UPPER, Show::Decimals(1)),
    ("method", phrase::METHOD, Show::Text),
    ("status", phrase::STATUS, Show::Text),
];

const SURVEY: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("area_name", phrase::AREA, Show::Text),
    ("period", phrase::REFERS_TO, Show::Text),
    ("survey_year", phrase::SURVEY, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("count", phrase::COUNT, Show::Decimals(0)),
    ("n", phrase::N, Show::Decimals(0)),
    ("value", phrase::SHARE_INDEX, Show::Decimals(1)),
    ("lower", phrase::LOWER, Show::Decimals(1)),
    ("upper", phrase::UPPER, Show::Decimals(1)),
    ("method", phrase::METHOD, Show::Text),
    ("status", phrase::STATUS, Show::Text),
];

const COMPARE: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("area_name", phrase::AREA, Show::Text),
    ("period", phrase::PERIOD, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("value", phrase::VALUE, Show::Decimals(1)),
    ("lower", phrase::LOWER, Show::Decimals(1)),
    ("upper", phrase::UPPER, Show::Decimals(1)),
    (
        "benchmark_value",
        phrase::BENCHMARK_VALUE,
        Show::Decimals(1),
    ),
    ("comparison", phrase::COMPARISON, Show::Label),
    ("assessment", phrase::ASSESSMENT, Show::Label),
];

const CHANGE: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("area_name", phrase::AREA, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("period_1", phrase::PERIOD_1, Show::Text),
    ("value_1", phrase::VALUE_1, Show::Decimals(1)),
    ("period_2", phrase::PERIOD_2, Show::Text),
    ("value_2", phrase::VALUE_2, Show::Decimals(1)),
    ("change", phrase::CHANGE, Show::Decimals(1)),
    ("test", phrase::TEST, Show::Text),
    ("p_value", phrase::P_VALUE, Show::P),
    ("significant", phrase::SIGNIFICANT, Show::YesNo),
    (
        "benchmark_change",
        phrase::BENCHMARK_CHANGE,
        Show::Decimals(1),
    ),
];

const TREND: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("area_name", phrase::AREA, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("n_periods", phrase::PERIODS_HEADING, Show::Text),
    ("first_period", phrase::FROM, Show::Text),
    ("last_period", phrase::TO, Show::Text),
    ("mk_p", phrase::MK_P, Show::P),
    ("sen_slope", phrase::SEN_PER_YEAR, Show::Decimals(1)),
    ("sen_lower", phrase::LOWER, Show::Decimals(1)),
    ("sen_upper", phrase::UPPER, Show::Decimals(1)),
    ("apc", phrase::APC, Show::Decimals(1)),
    ("recent_trend", phrase::RECENT_TREND, Show::Label),
    ("direction", phrase::DIRECTION, Show::Label),
];

const TIDY: &[Spec] = &[
    ("area", phrase::CODE, Show::Text),
    ("period", phrase::PERIOD, Show::Text),
    ("indicator", phrase::INDICATOR, Show::Text),
    ("group", phrase::GROUP, Show::Text),
    ("count", phrase::COUNT, Show::Decimals(0)),
    ("population", phrase::POPULATION, Show::Decimals(0)),
    ("value", phrase::VALUE, Show::Decimals(1)),
    ("lower", phrase::LOWER, Show::Decimals(1)),
    ("upper", phrase::UPPER, Show::Decimals(1)),
    ("status", phrase::STATUS, Show::Text),
];

/// Writes `frame` to `output` (format by extension), or prints it when `output` is `None` or `-`.
pub fn output_frame(
    frame: &DataFrame,
    output: Option<&Path>,
    kind: TableKind,
    global: &Global,
) -> Result<()> {
    match file_output(output) {
        Some(path) => write_file(frame, path, global),
        None => print_table(frame, kind, global.lang),
    }
}

/// The file to write, or `None` when the output is the terminal (no `-o`, or `-o -`).
pub fn file_output(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| *path != Path::new("-"))
}

/// Writes `frame` to `path` (format by extension) and says so on stderr unless quiet.
pub fn write_file(frame: &DataFrame, path: &Path, global: &Global) -> Result<()> {
    write_frame(frame, path)?;
    wrote(frame.height(), path, global);
    Ok(())
}

/// Says on stderr how many rows went to `path` (unless `--quiet`).
pub fn wrote(rows: usize, path: &Path, global: &Global) {
    if !global.quiet {
        let path = path.display();
        eprintln!(
            "{}",
            phrase::WROTE_ROWS.fill(global.lang, &[("rows", &rows), ("path", &path)])
        );
    }
}

fn print_table(frame: &DataFrame, kind: TableKind, lang: Lang) -> Result<()> {
    let l = lang;
    let spec = match kind {
        TableKind::Rates => RATES,
        TableKind::Survey => SURVEY,
        TableKind::Compare => COMPARE,
        TableKind::Change => CHANGE,
        TableKind::Trend => TREND,
        TableKind::Tidy => TIDY,
    };
    let headings = spec
        .iter()
        .map(|(_, heading, _)| heading.get(lang).to_string());
    let mut cells: Vec<Vec<String>> = vec![headings.collect()];
    let mut numeric = vec![false; spec.len()];
    for i in 0..frame.height() {
        let mut row = Vec::with_capacity(spec.len());
        for (j, (name, _, show)) in spec.iter().enumerate() {
            let v = frame
                .column(name)
                .ok()
                .and_then(|c| c.get(i).ok())
                .unwrap_or(AnyValue::Null);
            row.push(match (v, show) {
                (AnyValue::Null, _) => String::new(),
                (AnyValue::Float64(x), Show::P) => {
                    numeric[j] = true;
                    if x < 0.0001 {
                        format!("< {}", format_number(0.0001, 4, l))
                    } else {
                        format_number(x, 4, l)
                    }
                }
                (AnyValue::Float64(x), show) => {
                    numeric[j] = true;
                    let decimals = match show {
                        Show::Decimals(d) => *d,
                        _ => 1,
                    };
                    format_number(x, decimals, l)
                }
                (AnyValue::Boolean(b), _) => {
                    label_or_code(if b { "yes" } else { "no" }, lang).to_string()
                }
                (AnyValue::String(s), Show::Label) => label_or_code(s, lang).to_string(),
                (AnyValue::StringOwned(s), Show::Label) => label_or_code(&s, lang).to_string(),
                (AnyValue::UInt32(x), _) => x.to_string(),
                (AnyValue::String(s), _) => s.to_string(),
                (AnyValue::StringOwned(s), _) => s.to_string(),
                (other, _) => other.to_string(),
            });
        }
        cells.push(row);
    }
    text_table(&cells, &numeric)
}

/// Prints rows of cells (the first row holds the headings) in aligned columns, numbers
/// (`numeric[j]`) right-aligned.
pub fn text_table(cells: &[Vec<String>], numeric: &[bool]) -> Result<()> {
    let columns = numeric.len();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            cells
                .iter()
                .map(|r| r.get(j).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    for row in cells {
        let mut line = String::new();
        for (j, cell) in row.iter().enumerate() {
            let pad = widths.get(j).map_or(0, |w| w - cell.chars().count());
            if j > 0 {
                line.push_str("  ");
            }
            if numeric.get(j).copied().unwrap_or(false) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Prints warnings grouped by kind, with a count and a few examples each.
pub fn warnings(warnings: &[Warning], lang: Lang) {
    warning_summaries(&summarise_warnings(warnings, EXAMPLES), lang);
}

/// How many examples of each kind of warning are printed.
const EXAMPLES: usize = 3;

/// Prints warnings already grouped by kind (at most three examples each).
pub fn warning_summaries(summaries: &[WarningSummary], lang: Lang) {
    for s in summaries {
        let label = phrase::WARNING.get(lang);
        eprintln!("bra: {label}: {} {}", s.count, s.kind.describe());
        let shown = s.examples.len().min(EXAMPLES);
        for e in &s.examples[..shown] {
            eprintln!("    {e}");
        }
        if s.count > shown {
            eprintln!("    ... ({} more)", s.count - shown);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bra_indicators::{
        CANONICAL_COLUMNS, CHANGE_COLUMNS, COMPARE_COLUMNS, RATE_COLUMNS, SURVEY_COLUMNS,
        TREND_COLUMNS,
    };

    /// The terminal tables show columns of the library's one list per schema, never names of
    /// their own.
    #[test]
    fn every_printed_column_is_in_its_schema() {
        let schemas: [(&[Spec], &[&str]); 6] = [
            (RATES, &RATE_COLUMNS),
            (SURVEY, &SURVEY_COLUMNS),
            (COMPARE, &COMPARE_COLUMNS),
            (CHANGE, &CHANGE_COLUMNS),
            (TREND, &TREND_COLUMNS),
            (TIDY, &CANONICAL_COLUMNS),
        ];
        for (spec, columns) in schemas {
            for (name, ..) in spec {
                assert!(columns.contains(name), "{name} is not in {columns:?}");
            }
        }
    }
}
