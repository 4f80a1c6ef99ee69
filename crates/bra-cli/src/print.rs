//! Output for people: tables on the terminal and warnings on stderr.

use crate::cli::{Global, Lang};
use anyhow::Result;
use bra_indicators::polars::prelude::{AnyValue, DataFrame};
use bra_indicators::{Warning, WarningSummary, format_number, summarise_warnings, write_frame};
use std::io::Write;
use std::path::Path;

/// Which table is being printed, for its headings and number formats.
#[derive(Debug, Clone, Copy)]
pub enum TableKind {
    Rates,
    Trend,
}

/// Writes `frame` to `output` (format by extension), or prints it when `output` is `None` or `-`.
pub fn output_frame(
    frame: &DataFrame,
    output: Option<&Path>,
    kind: TableKind,
    global: &Global,
) -> Result<()> {
    match output {
        Some(path) if path != Path::new("-") => {
            write_frame(frame, path)?;
            wrote(frame.height(), path, global);
            Ok(())
        }
        _ => print_table(frame, kind, global.lang),
    }
}

/// Says on stderr how many rows went to `path` (unless `--quiet`).
pub fn wrote(rows: usize, path: &Path, global: &Global) {
    if !global.quiet {
        let msg = match global.lang {
            Lang::Sv => format!("bra: skrev {rows} rader till {}", path.display()),
            Lang::En => format!("bra: wrote {rows} rows to {}", path.display()),
        };
        eprintln!("{msg}");
    }
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
        (TableKind::Trend, Lang::Sv) => (
            &[
                "area",
                "area_name",
                "indicator",
                "n_periods",
                "first_period",
                "last_period",
                "mk_p",
                "sen_slope",
                "sen_lower",
                "sen_upper",
                "apc",
                "recent_trend",
                "direction",
            ],
            &[
                "Kod",
                "Område",
                "Indikator",
                "Perioder",
                "Från",
                "Till",
                "MK p",
                "Sen/år",
                "Undre",
                "Övre",
                "APC %",
                "Senaste 5 år",
                "Riktning",
            ],
        ),
        (TableKind::Trend, Lang::En) => (
            &[
                "area",
                "area_name",
                "indicator",
                "n_periods",
                "first_period",
                "last_period",
                "mk_p",
                "sen_slope",
                "sen_lower",
                "sen_upper",
                "apc",
                "recent_trend",
                "direction",
            ],
            &[
                "Code",
                "Area",
                "Indicator",
                "Periods",
                "From",
                "To",
                "MK p",
                "Sen/yr",
                "Lower",
                "Upper",
                "APC %",
                "Recent trend",
                "Direction",
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
                    let decimals = match *name {
                        "count" | "population" => 0,
                        "mk_p" | "ols_p" => 3,
                        _ => 1,
                    };
                    format_number(x, decimals, l)
                }
                AnyValue::UInt32(x) => {
                    numeric[j] = true;
                    x.to_string()
                }
                AnyValue::String(s) => translate(s, lang).to_string(),
                AnyValue::StringOwned(s) => translate(s.as_str(), lang).to_string(),
                other => other.to_string(),
            });
        }
        cells.push(row);
    }
    let widths: Vec<usize> = (0..columns.len())
        .map(|j| {
            cells
                .iter()
                .map(|r| r[j].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    for row in &cells {
        let mut line = String::new();
        for (j, cell) in row.iter().enumerate() {
            let pad = widths[j] - cell.chars().count();
            if j > 0 {
                line.push_str("  ");
            }
            if numeric[j] {
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

/// Swedish labels for the English codes of enumerations (English is the code itself).
fn translate(code: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return code;
    }
    match code {
        "increasing" => "ökande",
        "decreasing" => "minskande",
        "no trend" => "ingen trend",
        "increasing and getting worse" => "ökande, försämras",
        "increasing and getting better" => "ökande, förbättras",
        "decreasing and getting worse" => "minskande, försämras",
        "decreasing and getting better" => "minskande, förbättras",
        "no significant change" => "ingen signifikant förändring",
        "cannot be calculated" => "kan inte beräknas",
        "exact" => "exakt",
        "suppressed" => "undertryckt",
        "unstable" => "osäker",
        "preliminary" => "preliminär",
        "no-population" => "folkmängd saknas",
        other => other,
    }
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
        let label = match lang {
            Lang::Sv => "varning",
            Lang::En => "warning",
        };
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
