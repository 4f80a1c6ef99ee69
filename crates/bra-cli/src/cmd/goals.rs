//! `bra goals`.

use crate::cli::{Global, GoalsArgs, Lang};
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::labels::cli as phrase;
use bra_indicators::{
    AreaRegistry, GoalResult, Period, Warning, WarningKind, evaluate_goals, format_number,
    format_percent, intervals_from_standard_errors, label_or_code, read_goal_data, read_goals,
};

pub fn run(args: &GoalsArgs, global: &Global) -> Result<()> {
    let as_of: Option<Period> = args
        .as_of
        .as_deref()
        .map(str::parse)
        .transpose()
        .context("--as-of")?;
    let goals = read_goals(&args.goals)?;
    // A data file the goals file names must exist (a --data file is reported as given).
    if let Some(missing) = goals.data.iter().find(|f| !f.exists()) {
        anyhow::bail!(
            "{}: data file \"{}\" does not exist: expected a table the goals are measured on \
             (bra rates or bra survey output); paths are relative to the goals file",
            args.goals.display(),
            missing.display()
        );
    }
    let mut files = goals.data.clone();
    files.extend(args.data.iter().cloned());
    if files.is_empty() {
        anyhow::bail!(
            "no data to follow the goals up on: list the files in the goals file \
             (data = [\"rates.csv\"]) or give --data FILE"
        );
    }
    let (data, data_warnings) = read_goal_data(&files)?;
    let data = intervals_from_standard_errors(data)?;
    let evaluated = evaluate_goals(&goals, &data, as_of)?;
    // Missing cells matter only in the goals' own series, and the evaluation reports those;
    // the other warnings of the data files (skipped rows, unknown labels) are kept.
    let mut warnings: Vec<Warning> = data_warnings
        .into_iter()
        .filter(|w| w.kind != WarningKind::MissingValue)
        .collect();
    warnings.extend(evaluated.warnings.iter().cloned());

    match print::file_output(args.output.as_deref()) {
        Some(path) => print::write_file(&evaluated.to_dataframe()?, path, global)?,
        None => print_goals(&evaluated.results, global.lang)?,
    }
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// The goals as a table for people: Swedish labels and number format unless `--lang en`.
fn print_goals(results: &[GoalResult], lang: Lang) -> Result<()> {
    let l = lang;
    let headings: [&str; 15] = [
        phrase::GOAL,
        phrase::AREA,
        phrase::INDICATOR,
        phrase::BASE,
        phrase::BASELINE,
        phrase::TARGET,
        phrase::DEADLINE,
        phrase::LATEST,
        phrase::VALUE,
        phrase::PROGRESS,
        phrase::EXPECTED,
        phrase::PROJECTED,
        phrase::STATUS,
        phrase::SIGNIFICANT,
        phrase::MILESTONE,
    ]
    .map(|h| h.get(lang));
    let numeric = [
        false, false, false, false, true, true, false, false, true, true, true, true, false, false,
        false,
    ];
    let number = |x: Option<f64>| x.map_or(String::new(), |x| format_number(x, 1, l));
    let percent = |x: Option<f64>| x.map_or(String::new(), |x| format_percent(100.0 * x, 0, l));
    let period = |p: Option<Period>| p.map_or(String::new(), |p| p.to_string());
    let areas = AreaRegistry::builtin();
    let mut cells = vec![headings.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for r in results {
        let status = label_or_code(r.status.code(), lang);
        let significant = match r.significant {
            None => "",
            Some(true) => label_or_code("yes", lang),
            Some(false) => label_or_code("no", lang),
        };
        let milestone = match (r.milestone_period, r.milestone) {
            (Some(p), Some(m)) => format!("{p} {}", label_or_code(m.code(), lang)),
            _ => String::new(),
        };
        cells.push(vec![
            r.goal.clone(),
            areas
                .get(&r.area)
                .map_or_else(|| r.area.clone(), |a| a.name.clone()),
            r.indicator.clone(),
            r.baseline_period.to_string(),
            number(Some(r.baseline)),
            number(Some(r.target)),
            r.deadline.to_string(),
            period(r.latest_period),
            number(r.latest),
            percent(r.progress),
            percent(r.expected_progress),
            number(r.projected),
            status.to_string(),
            significant.to_string(),
            milestone,
        ]);
    }
    print::text_table(&cells, &numeric)
}
