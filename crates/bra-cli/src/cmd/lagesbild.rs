//! `bra lagesbild`.

use crate::cli::{Global, LagesbildArgs, Lang};
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::labels::cli as phrase;
use bra_indicators::{
    IncidentCategories, OutputFormat, SituationLevel, SituationOptions, SituationPageOptions,
    SituationPicture, WindowAssessment, format_number, read_incidents_bytes, situation_picture,
    write_situation_page, write_situation_workbook,
};

pub fn run(args: &LagesbildArgs, global: &Global) -> Result<()> {
    let as_of = args
        .as_of
        .as_deref()
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .with_context(|| format!("--as-of: expected a date as YYYY-MM-DD, found \"{d}\""))
        })
        .transpose()?;
    let bytes = std::fs::read(&args.incidents)
        .with_context(|| format!("cannot read {}", args.incidents.display()))?;
    let (log, mut warnings) = read_incidents_bytes(
        &args.incidents.display().to_string(),
        &bytes,
        &global.limits(),
    )?;
    let categories = match &args.categories {
        Some(path) => IncidentCategories::read(path)?,
        None => IncidentCategories::builtin(),
    };
    let options = SituationOptions {
        window: args.period.lib(),
        as_of,
        alpha: args.alpha,
        places: args.places,
        ..SituationOptions::default()
    };
    let picture = situation_picture(&log, &categories, &options)?;
    warnings.extend(picture.warnings.iter().cloned());

    let is_xlsx = |p: &std::path::Path| OutputFormat::from_path(p).ok() == Some(OutputFormat::Xlsx);
    if args.suppress_below.is_some() {
        for path in [args.output.as_deref(), args.places_out.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| *p != std::path::Path::new("-"))
        {
            if !is_xlsx(path) {
                anyhow::bail!(
                    "--suppress-below: {} is not a workbook; small counts are hidden only in .xlsx \
                     and on the terminal (CSV, JSON and Parquet keep exact counts for the group's \
                     own analysis)",
                    path.display()
                );
            }
        }
    }
    if let Some(path) = &args.places_out {
        print::write_file(&picture.places_frame()?, path, global)?;
    }
    if let Some(dir) = &args.out {
        let page = SituationPageOptions {
            lang: global.lang,
            suppress_below: args.suppress_below,
            area: args.area.clone(),
            alpha: args.alpha,
        };
        let summary = write_situation_page(&picture, &page, dir)?;
        if !global.quiet {
            let index = summary.folder.join("index.html");
            let tables: Vec<String> = summary
                .tables
                .iter()
                .map(|t| t.display().to_string())
                .collect();
            eprintln!(
                "{}",
                phrase::SITUATION_WRITTEN.fill(
                    global.lang,
                    &[
                        ("index", &index.display()),
                        ("charts", &summary.charts),
                        ("tables", &tables.join(", ")),
                    ],
                )
            );
            if summary.csv_left_out {
                eprintln!("{}", phrase::NO_CSV_WHEN_SUPPRESSED.get(global.lang));
            }
        }
        if args.output.is_none() {
            if !global.quiet {
                print::warnings(&warnings, global.lang);
            }
            return Ok(());
        }
    }
    match print::file_output(args.output.as_deref()) {
        Some(path) if is_xlsx(path) => {
            write_situation_workbook(&picture, path, args.suppress_below)?;
            print::wrote(picture.rows.len(), path, global);
        }
        Some(path) => print::write_file(&picture.to_frame()?, path, global)?,
        None => print_picture(&picture, global.lang, args.suppress_below)?,
    }
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// The situation picture as a table for people: focus areas with their categories below.
fn print_picture(
    picture: &SituationPicture,
    lang: Lang,
    suppress_below: Option<u64>,
) -> Result<()> {
    let l = lang;
    let headings: Vec<String> = [
        phrase::FOCUS_AREA_CATEGORY,
        phrase::WINDOW,
        phrase::COUNT,
        phrase::PREVIOUS,
        phrase::LAST_YEAR,
        phrase::EXPECTED,
        phrase::RATIO,
        phrase::FLAG,
    ]
    .iter()
    .map(|h| h.get(lang).to_string())
    .collect();
    let mut cells = vec![headings];
    for row in &picture.rows {
        let name = match (row.level, &row.category_names) {
            (SituationLevel::FocusArea, _) => lang
                .pick(row.focus_area.label_sv(), row.focus_area.label_en())
                .to_string(),
            (_, Some((name_sv, name_en))) => format!("  {}", lang.pick(name_sv, name_en)),
            (_, None) => format!("  {}", row.category.clone().unwrap_or_default()),
        };
        cells.push(window_cells(name, &row.window, l, suppress_below));
    }
    print::text_table(&cells, &[false, false, true, true, true, true, true, false])
}

fn window_cells(
    name: String,
    w: &WindowAssessment,
    l: Lang,
    suppress_below: Option<u64>,
) -> Vec<String> {
    let hide = |v: u64| bra_indicators::is_suppressed(v, suppress_below);
    let whole = |v: Option<u64>| match v {
        Some(v) if hide(v) => format!("<{}", suppress_below.unwrap_or(0)),
        Some(v) => format_number(v as f64, 0, l),
        None => String::new(),
    };
    let secret = hide(w.count);
    let flag = match w.flag.code() {
        "high" => phrase::FLAG_HIGH,
        "low" => phrase::FLAG_LOW,
        "too few" => phrase::FLAG_TOO_FEW,
        _ => phrase::FLAG_NORMAL,
    }
    .get(l);
    let partial = if w.partial {
        format!(" ({})", phrase::WINDOW_PARTIAL.get(l))
    } else {
        String::new()
    };
    vec![
        name,
        format!("{} – {}{partial}", w.window_start, w.window_end),
        whole(Some(w.count)),
        whole(w.previous),
        whole(w.same_period_last_year),
        w.expected
            .map(|e| format_number(e, 1, l))
            .unwrap_or_default(),
        w.ratio
            .filter(|_| !secret)
            .map(|r| format_number(r, 2, l))
            .unwrap_or_default(),
        flag.to_string(),
    ]
}
