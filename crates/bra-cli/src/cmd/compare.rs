//! `bra compare`: against a benchmark, or the change between two periods (`--between`).

use crate::cli::{CompareArgs, Global};
use crate::cmd::Lookup;
use crate::print;
use anyhow::{Context, Result, bail};
use bra_indicators::{
    CompareOptions, Level, Period, change_between, compare, read_indicator_table,
};

pub fn run(args: &CompareArgs, global: &Global) -> Result<()> {
    let levels = args
        .levels
        .split(',')
        .map(|l| l.parse::<Level>())
        .collect::<Result<Vec<_>, _>>()
        .context("--levels")?;
    if levels.is_empty() || levels.len() > 2 {
        bail!(
            "--levels: expected one or two levels such as 0.95,0.998, found \"{}\"",
            args.levels
        );
    }
    let lookup = Lookup::new(&args.registries, global)?;
    let (areas, indicators) = (&lookup.areas, &lookup.indicators);
    let input = read_indicator_table(&args.input, &lookup.read)?;
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
