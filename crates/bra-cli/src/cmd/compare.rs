//! `bra compare`: against a benchmark, or the change between two periods (`--between`).

use crate::cli::{CompareArgs, Global};
use crate::cmd::Lookup;
use crate::print;
use anyhow::{Context, Result, bail};
use bra_indicators::{
    CompareOptions, Period, change_between, compare, read_indicator_table, with_se_intervals,
};

pub fn run(args: &CompareArgs, global: &Global) -> Result<()> {
    let levels = super::levels(&args.levels)?;
    let lookup = Lookup::new(&args.registries, global)?;
    let (areas, indicators) = (&lookup.areas, &lookup.indicators);
    let input = with_se_intervals(read_indicator_table(&args.input, &lookup.read)?)?;
    let mut warnings = input.warnings;
    let (computed, kind) = match &args.between {
        Some(between) => {
            let (first, second) = periods(between)?;
            let computed = change_between(
                &input.table,
                first,
                second,
                levels[0],
                args.benchmark.as_deref(),
                areas,
                indicators,
            )?;
            (computed, print::TableKind::Change)
        }
        None => {
            // clap requires --benchmark without --between.
            let benchmark = args.benchmark.as_deref().unwrap_or("00");
            benchmark_in_data(benchmark, &input.table, areas, &args.input)?;
            let computed = compare(
                &input.table,
                benchmark,
                &CompareOptions { levels },
                areas,
                indicators,
            )?;
            (computed, print::TableKind::Compare)
        }
    };
    warnings.extend(computed.warnings);
    print::output_frame(&computed.frame, args.output.as_deref(), kind, global)?;
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// Refuses a benchmark area of which the input has no rows at all: every row would be
/// "not compared". (A benchmark missing for some indicators or periods is a warning.)
fn benchmark_in_data(
    benchmark: &str,
    table: &bra_indicators::Table,
    areas: &bra_indicators::AreaRegistry,
    input: &std::path::Path,
) -> Result<()> {
    let Some(code) = areas.code_of(benchmark) else {
        return Ok(()); // an unknown name: compare() says so
    };
    if table.rows().iter().any(|r| r.area == code) {
        return Ok(());
    }
    let name = areas.get(code).map_or(code, |a| a.name.as_str());
    let there: std::collections::BTreeSet<&str> =
        table.rows().iter().map(|r| r.area.as_str()).collect();
    let mut list: Vec<&str> = there.iter().copied().take(10).collect();
    if there.len() > 10 {
        list.push("...");
    }
    bail!(
        "--benchmark {benchmark}: no rows of {name} ({code}) in {}: expected the benchmark's \
         rates or shares in the input; areas there: {}",
        input.display(),
        list.join(", ")
    )
}

/// `P1,P2` as two periods.
fn periods(between: &str) -> Result<(Period, Period)> {
    let parts: Vec<&str> = between.split(',').map(str::trim).collect();
    let [a, b] = parts.as_slice() else {
        bail!("--between: expected two periods such as 2019,2023, found \"{between}\"");
    };
    let first: Period = a.parse().context("--between")?;
    let second: Period = b.parse().context("--between")?;
    if first == second {
        bail!("--between: expected two different periods, found {first} twice");
    }
    Ok((first, second))
}
