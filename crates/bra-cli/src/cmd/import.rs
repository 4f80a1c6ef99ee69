//! `bra import`.

use crate::cli::{FormatArg, Global, ImportArgs, Lang};
use crate::print;
use anyhow::{Context, Result, bail};
use bra_indicators::labels::cli as phrase;
use bra_indicators::{
    CANONICAL_COLUMNS, Format, Layout, Period, ReadOptions, ReadSummary, Table, TextEncoding,
    read_table, with_se_intervals,
};
use std::collections::HashMap;

pub fn run(args: &ImportArgs, global: &Global) -> Result<()> {
    let period = args
        .period
        .as_deref()
        .map(str::parse)
        .transpose()
        .context("--period")?;
    let options = ReadOptions {
        period,
        format: match args.format {
            FormatArg::Auto => Format::Auto,
            FormatArg::Csv => Format::Csv,
            FormatArg::Px => Format::Px,
            FormatArg::Jsonstat => Format::JsonStat,
            FormatArg::Kolada => Format::Kolada,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::PxwebJson => Format::PxWebJson,
            FormatArg::ScbCsv => Format::ScbCsv,
        },
        limits: global.limits(),
        ..ReadOptions::default()
    };
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    // Which file each row came from, to name both files of a duplicate.
    let mut file_of: Vec<usize> = Vec::new();
    for (f, path) in args.files.iter().enumerate() {
        let got = with_se_intervals(read_table(path, &options)?)?;
        if !global.quiet {
            eprintln!(
                "{}",
                describe(
                    &path.display().to_string(),
                    got.layout,
                    got.encoding,
                    &got.summary(),
                    global.lang
                )
            );
        }
        warnings.extend(got.warnings);
        file_of.resize(file_of.len() + got.table.len(), f);
        rows.extend(got.table.into_rows());
    }
    if args.files.len() > 1 {
        // Each file is free of duplicates; look for one across files only when there is one.
        let mut seen: HashMap<(&str, Period, &str, &str), usize> =
            HashMap::with_capacity(rows.len());
        for (r, &f) in rows.iter().zip(&file_of) {
            if let Some(first) = seen.insert((&r.area, r.period, &r.indicator, &r.group), f)
                && first != f
            {
                bail!(
                    "{}: area {}, period {}, indicator {}, group {} is also in {}: expected each \
                     value in one file only",
                    args.files[f].display(),
                    r.area,
                    r.period,
                    r.indicator,
                    r.group,
                    args.files[first].display()
                );
            }
        }
    }
    let table = Table::new(rows)?;
    let frame = table
        .to_dataframe()?
        .select(CANONICAL_COLUMNS)
        .context("selecting the canonical columns")?;
    print::output_frame(
        &frame,
        args.output.as_deref(),
        print::TableKind::Tidy,
        global,
    )?;
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// One line about one file: `bra: read x.px (PC-Axis, windows-1252): 48 rows, ...`.
fn describe(
    file: &str,
    layout: Layout,
    encoding: TextEncoding,
    s: &ReadSummary,
    lang: Lang,
) -> String {
    let kind = match layout {
        Layout::Canonical => "CSV",
        Layout::BraAnnual | Layout::BraAnnualNoHeader => "Brå CSV",
        Layout::BraWide => "Brå CSV (år, period, mått)",
        Layout::SolLong => "Brå SOL CSV",
        Layout::NtuWide => "Brå NTU (bred) CSV",
        Layout::Px => "PC-Axis",
        Layout::PxKeys => "PC-Axis KEYS",
        Layout::JsonStat => "JSON-stat",
        Layout::Kolada => "Kolada JSON",
        Layout::Workbook => "Excel",
        Layout::ScbCsv => "SCB CSV",
        Layout::PxWebJson => "PxWeb JSON",
    };
    let enc = match encoding {
        TextEncoding::Utf8 => ", UTF-8",
        TextEncoding::Utf8Bom => ", UTF-8 BOM",
        TextEncoding::Windows1252 => ", Windows-1252",
        TextEncoding::Utf16 => ", UTF-16",
        _ => "",
    };
    let periods = match (s.periods.first(), s.periods.last()) {
        (Some(a), Some(b)) if a == b => format!(" ({a})"),
        (Some(a), Some(b)) => format!(" ({a}–{b})"),
        _ => String::new(),
    };
    let shown: Vec<&str> = s.indicators.iter().take(4).map(String::as_str).collect();
    let more = if s.indicators.len() > 4 { ", …" } else { "" };
    let total: usize = s.missing.iter().map(|(_, n)| n).sum();
    let reasons: Vec<String> = s.missing.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let [read, rows, areas, per, ind, miss, skip] = [
        phrase::READ,
        phrase::ROWS,
        phrase::AREAS,
        phrase::PERIODS,
        phrase::INDICATORS,
        phrase::MISSING_VALUES,
        phrase::SKIPPED_ROWS,
    ]
    .map(|p| p.get(lang));
    let mut line = format!(
        "bra: {read} {file} ({kind}{enc}): {} {rows}, {} {areas}, {} {per}{periods}, {} {ind} ({}{more}); {miss}: {total}",
        s.rows,
        s.areas,
        s.periods.len(),
        s.indicators.len(),
        shown.join(", "),
    );
    if total > 0 {
        line.push_str(&format!(" ({})", reasons.join(", ")));
    }
    if s.skipped > 0 {
        line.push_str(&format!("; {skip}: {}", s.skipped));
    }
    line
}
