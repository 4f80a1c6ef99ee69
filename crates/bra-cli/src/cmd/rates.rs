//! `bra rates`.

use crate::cli::{CiMethod, Global, PopulationYearArg, RatesArgs};
use crate::cmd::area_registry;
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::{
    Level, Period, PopulationYear, RateMethod, RateOptions, ReadOptions, rates, rates_of,
    read_counts_table, read_population_with, read_table, smooth_rates, with_se_intervals,
};

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
        population_year: match args.population_year {
            PopulationYearArg::Previous => PopulationYear::Previous,
            PopulationYearArg::Same => PopulationYear::Same,
        },
    };
    if args.smooth.is_some() {
        return run_smoothed(args, global, period, &options);
    }
    if args.areas.is_none() {
        // Large canonical counts files are read straight into the dictionary-encoded table
        // (and the CSV streamed); the output, warnings and errors are the same either way.
        let read = ReadOptions {
            period,
            limits: global.limits(),
            ..ReadOptions::default()
        };
        let counts = read_counts_table(&args.counts, &read)?;
        let (population, pop_warnings) = read_population_with(&args.population, &read)?;
        let run = rates_of(counts, &population, &pop_warnings, &options)?;
        match print::file_output(args.output.as_deref()) {
            Some(path) => {
                bra_indicators::write_rates(&run, path)?;
                print::wrote(run.height(), path, global);
            }
            None => {
                print::output_frame(&run.to_dataframe()?, None, print::TableKind::Rates, global)?
            }
        }
        if !global.quiet {
            print::warning_summaries(run.warnings(), global.lang);
        }
        return Ok(());
    }
    // With the user's own areas: the general readers, which look names up in them.
    let areas = area_registry(args.areas.as_deref())?;
    let read = ReadOptions {
        period,
        areas: Some(areas),
        limits: global.limits(),
        ..ReadOptions::default()
    };
    let counts = with_se_intervals(read_table(&args.counts, &read)?)?;
    let (population, pop_warnings) = read_population_with(&args.population, &read)?;
    let computed = rates(&counts.table, &population, &options)?;
    let mut warnings = counts.warnings;
    warnings.extend(pop_warnings);
    warnings.extend(computed.warnings);
    print::output_frame(
        &computed.frame,
        args.output.as_deref(),
        print::TableKind::Rates,
        global,
    )?;
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// `--smooth eb`: the rates of every reader, then the smoothed columns beside them.
fn run_smoothed(
    args: &RatesArgs,
    global: &Global,
    period: Option<Period>,
    options: &RateOptions,
) -> Result<()> {
    let areas = area_registry(args.areas.as_deref())?;
    let read = ReadOptions {
        period,
        areas: Some(areas.clone()),
        limits: global.limits(),
        ..ReadOptions::default()
    };
    let counts = with_se_intervals(read_table(&args.counts, &read)?)?;
    let (population, pop_warnings) = read_population_with(&args.population, &read)?;
    let computed = rates(&counts.table, &population, options)?;
    let (frame, smooth_warnings) = smooth_rates(&computed.frame, &areas, options.per)?;
    let mut warnings = counts.warnings;
    warnings.extend(pop_warnings);
    warnings.extend(computed.warnings);
    warnings.extend(smooth_warnings);
    print::output_frame(
        &frame,
        args.output.as_deref(),
        print::TableKind::Rates,
        global,
    )?;
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}
