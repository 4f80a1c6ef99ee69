//! `bra chart`.

use crate::cli::{ChartArgs, ChartKindArg, Global};
use anyhow::{Context, Result, anyhow, bail};
use bra_indicators::chart::{PNG_SIZE, SVG_SIZE, write_chart, write_trend_charts};
use bra_indicators::indicators::chart_data::{
    Chart, ChartKind, GoalMarks, Selection, TrendChartData, compare_data, goals_data, trend_charts,
};
use bra_indicators::labels::cli as phrase;
use bra_indicators::outputs::{read_compare_output, read_goal_results};
use bra_indicators::{Period, ReadOptions, read_table, with_se_intervals};

pub fn run(args: &ChartArgs, global: &Global) -> Result<()> {
    let period = |p: &Option<String>, flag: &str| -> Result<Option<Period>> {
        p.as_deref()
            .map(str::parse)
            .transpose()
            .with_context(|| flag.to_string())
    };
    let benchmarks = args.benchmark.as_ref().map(|list| {
        list.iter()
            .map(|b| b.trim().to_string())
            .filter(|b| !b.is_empty() && !b.eq_ignore_ascii_case("none"))
            .collect::<Vec<_>>()
    });
    let sel = Selection {
        area: args.area.clone(),
        indicator: args.indicator.clone(),
        group: args.group.clone(),
        period: period(&args.period, "--period")?,
        benchmarks,
        areas: args.areas.clone(),
        title: args.title.clone(),
        source: args.source.clone(),
        lang: global.lang,
        smooth: args.smooth.is_some(),
    };
    let kind = match args.kind {
        ChartKindArg::Trend => ChartKind::Trend,
        ChartKindArg::Compare => ChartKind::Compare,
        ChartKindArg::Funnel => ChartKind::Funnel,
        ChartKindArg::Survey => ChartKind::Survey,
        ChartKindArg::Goals => ChartKind::Goals,
    };
    if args.smooth.is_some() && !matches!(kind, ChartKind::Trend | ChartKind::Funnel) {
        bail!("--smooth eb draws the smoothed rate on funnel and trend charts only");
    }
    if kind != ChartKind::Trend && (args.goals.is_some() || args.target.is_some()) {
        bail!("--goals and --target mark a goal on a trend chart only");
    }
    if args.each {
        return each(args, &sel, kind, global);
    }
    let mut chart = build(kind, args, &sel, global).map_err(with_flags)?;
    if let Chart::Trend(data) = &mut chart {
        data.goal = goal_marks(args, &sel, data)?;
    }

    let (size, fit) = requested_size(args);
    let size = if fit { chart.size_for(size) } else { size };
    write_chart(&chart, &args.output, Some(size))?;
    if !global.quiet {
        eprintln!(
            "{}",
            phrase::WROTE_CHART.fill(
                global.lang,
                &[
                    ("path", &args.output.display()),
                    ("width", &size.0),
                    ("height", &size.1),
                ],
            )
        );
    }
    Ok(())
}

/// Reads --input (the output of bra rates, survey, compare or goals, or a canonical table) and
/// builds the chart of `kind` from it.
fn build(kind: ChartKind, args: &ChartArgs, sel: &Selection, global: &Global) -> Result<Chart> {
    let path = &args.input;
    Ok(match kind {
        ChartKind::Goals => Chart::Goals(goals_data(&read_goal_results(path)?, sel)?),
        ChartKind::Compare => {
            let out = read_compare_output(path)?;
            Chart::Compare(compare_data(&out.table, out.assessments.as_ref(), sel)?)
        }
        _ => {
            let options = ReadOptions {
                limits: global.limits(),
                ..ReadOptions::default()
            };
            Chart::from_table(
                kind,
                &with_se_intervals(read_table(path, &options)?)?.table,
                sel,
            )?
        }
    })
}

/// The library's words for what the selection lacks, and the flag that gives it.
const FLAGS: [(&str, &str); 5] = [
    ("expected the indicator to chart", "--indicator"),
    ("expected the area to chart", "--area"),
    ("expected the areas to compare", "--areas"),
    ("expected the benchmark area", "--benchmark"),
    ("name the goal", "--goal"),
];

/// The error with the flag that answers it, where the library says what the selection lacks.
fn with_flags(e: anyhow::Error) -> anyhow::Error {
    let message = e.to_string();
    match FLAGS.iter().find(|(words, _)| message.contains(words)) {
        Some((words, flag)) => anyhow!(
            "{}",
            message.replacen(words, &format!("{words} ({flag})"), 1)
        ),
        None => e,
    }
}

/// The size from --width and --height, the other side in the proportions of the default size
/// of the output's format (PNG or SVG, by the extension of -o); and whether the chart may still
/// grow it to fit its rows (when no height was given).
fn requested_size(args: &ChartArgs) -> ((u32, u32), bool) {
    let svg = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    let base = if svg { SVG_SIZE } else { PNG_SIZE };
    match (args.width, args.height) {
        (Some(w), Some(h)) => ((w, h), false),
        (Some(w), None) => ((w, w * base.1 / base.0), true),
        (None, Some(h)) => ((h * base.0 / base.1, h), false),
        (None, None) => (base, true),
    }
}

/// `--each`: one trend chart per area, from one reading of the input.
fn each(args: &ChartArgs, sel: &Selection, kind: ChartKind, global: &Global) -> Result<()> {
    if kind != ChartKind::Trend {
        bail!("--each draws trend charts only");
    }
    let table = with_se_intervals(read_table(
        &args.input,
        &ReadOptions {
            limits: global.limits(),
            ..ReadOptions::default()
        },
    )?)?
    .table;
    let pattern = args.output.to_string_lossy();
    // A trend chart keeps the size asked for (`size_for` only grows charts with many rows).
    let charts = trend_charts(&table, sel).map_err(|e| with_flags(e.into()))?;
    let files = write_trend_charts(charts, &pattern, Some(requested_size(args).0))
        .map_err(|e| with_flags(e.into()))?;
    if !global.quiet {
        eprintln!(
            "{}",
            phrase::WROTE_CHARTS.fill(
                global.lang,
                &[("count", &files.len()), ("pattern", &pattern)]
            )
        );
    }
    Ok(())
}

/// The goal to mark on a trend: from `bra goals` output (--goals), or --target/--deadline with
/// the baseline value taken from the chart's own data.
fn goal_marks(
    args: &ChartArgs,
    sel: &Selection,
    data: &TrendChartData,
) -> Result<Option<GoalMarks>> {
    if let Some(path) = &args.goals {
        let results = read_goal_results(path)?;
        let area = sel.area.as_deref().unwrap_or_default();
        let indicator = sel.indicator.as_deref().unwrap_or_default();
        let marks = bra_indicators::indicators::chart_data::goal_marks(
            &results,
            args.goal.as_deref(),
            area,
            indicator,
        )
        .map_err(|e| with_flags(anyhow!("{}: {e}", path.display())))?;
        if marks.is_none() {
            bail!(
                "{}: no goal {}: expected a goal on {indicator} in {area}",
                path.display(),
                args.goal.as_deref().unwrap_or_default()
            );
        }
        return Ok(marks);
    }
    let (Some(target), Some(deadline)) = (args.target, &args.deadline) else {
        return Ok(None);
    };
    let deadline: Period = deadline.parse().context("--deadline")?;
    let first = data
        .points
        .first()
        .map(|p| p.period)
        .ok_or_else(|| anyhow!("the trend has no values"))?;
    let baseline: Period = match &args.baseline {
        Some(b) => b.parse().context("--baseline")?,
        None => first,
    };
    let value = data
        .points
        .iter()
        .find(|p| p.period == baseline)
        .map(|p| p.value)
        .ok_or_else(|| anyhow!("--baseline {baseline}: the data have no value for that period"))?;
    if deadline <= baseline {
        bail!("--deadline {deadline} must come after the baseline {baseline}");
    }
    Ok(Some(GoalMarks {
        baseline: (baseline, value),
        target,
        deadline,
    }))
}
