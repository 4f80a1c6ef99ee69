//! `bra rates`.

use crate::cli::{CiMethod, Global, RatesArgs};
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::{Level, RateMethod, RateOptions, ReadOptions, rates_from_files};
use std::path::Path;

pub fn run(args: &RatesArgs, global: &Global) -> Result<()> {
    let level: Level = args.level.parse().context("--level")?;
    let period = args
        .period
        .as_deref()
        .map(str::parse)
        .transpose()
        .context("--period")?;
    let options = RateOptions {
        per: args.per,
        method: match args.ci {
            CiMethod::Auto => RateMethod::Auto,
            CiMethod::Exact => RateMethod::Exact,
            CiMethod::Byar => RateMethod::Byar,
            CiMethod::Normal => RateMethod::Normal,
        },
        level,
        suppress_small: args.suppress_small,
    };
    // Large canonical counts files take the fast path (streamed CSV); the output, warnings
    // and errors are the same either way.
    let run = rates_from_files(
        &args.counts,
        &args.population,
        &ReadOptions {
            period,
            ..ReadOptions::default()
        },
        &options,
    )?;
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            run.write(path)?;
            print::wrote(run.height(), path, global);
        }
        _ => print::output_frame(&run.to_dataframe()?, None, print::TableKind::Rates, global)?,
    }
    if !global.quiet {
        print::warning_summaries(run.warnings(), global.lang);
    }
    Ok(())
}
