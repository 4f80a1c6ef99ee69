//! Output for people: tables on the terminal and warnings on stderr.

use crate::cli::{Global, Lang};
use anyhow::Result;
use bra_indicators::polars::prelude::{AnyValue, DataFrame};
use bra_indicators::{Warning, format_number, summarise_warnings, write_frame};
use std::io::Write;
use std::path::Path;

/// Which table is being printed, for its headings and number formats.
#[derive(Debug, Clone, Copy)]
pub enum TableKind {
    Rates,
}

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
    if !global.quiet {
        let msg = match global.lang {
            Lang::Sv => format!(
                "bra: skrev {} rader till {}",
                frame.height(),
                path.display()
            ),
            Lang::En => format!("bra: wrote {} rows to {}", frame.height(), path.display()),
        };
        eprintln!("{msg}");
    }
    Ok(())
}

fn print_table(frame: &DataFrame, kind: TableKind, lang: Lang) -> Result<()> {
    let l = lang.code();
    let (columns, headings): (&[&str], &[&str]) = match (kind, lang) {
        (TableKind::Rates, Lang::Sv) => (
            &[
                "area",
                "area_name",
                "period",
                "indicator",
                "count",
                "population",
                "rate",
                "lower",
                "upper",
                "method",
                "status",
            ],
            &[
                "Kod",
                "Område",
                "Period",
                "Indikator",
                "Antal",
                "Folkmängd",
                "Per 100 000",
                "Undre",
                "Övre",
                "Metod",
                "Status",
            ],
        ),
        (TableKind::Rates, Lang::En) => (
            &[
                "area",
                "area_name",
                "period",
                "indicator",
                "count",
                "population",
                "rate",
                "lower",
                "upper",
                "method",
                "status",
            ],
            &[
                "Code",
                "Area",
                "Period",
                "Indicator",
                "Count",
                "Population",
                "Per 100,000",
                "Lower",
                "Upper",
                "Method",
                "Status",
            ],
        ),
    };
    let mut cells: Vec<Vec<String>> = vec![headings.iter().map(|h| h.to_string()).collect()];
    let mut numeric = vec![false; columns.len()];
    for i in 0..frame.height() {
        let mut row = Vec::with_capacity(columns.len());
        for (j, name) in columns.iter().enumerate() {
            let v = frame
                .column(name)
                .ok()
                .and_then(|c| c.get(i).ok())
                .unwrap_or(AnyValue::Null);
            row.push(match v {
                AnyValue::Null => String::new(),
                AnyValue::Float64(x) => {
                    numeric[j] = true;
                    let decimals = if matches!(*name, "count" | "population") {
                        0
                    } else {
                        1
                    };
                    format_number(x, decimals, l)
                }
                AnyValue::String(s) => s.to_string(),
                AnyValue::StringOwned(s) => s.to_string(),
                other => other.to_string(),
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
    for s in summarise_warnings(warnings, 3) {
        let label = match lang {
            Lang::Sv => "varning",
            Lang::En => "warning",
        };
        eprintln!("bra: {label}: {} {}", s.count, s.kind.describe());
        for e in &s.examples {
            eprintln!("    {e}");
        }
        if s.count > s.examples.len() {
            eprintln!("    ... ({} more)", s.count - s.examples.len());
        }
    }
}
