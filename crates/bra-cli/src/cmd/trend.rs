//! `bra trend`.

use crate::cli::{Global, TrendArgs, TrendMethodArg};
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::{
    Level, ReadOptions, TrendMethod, TrendOptions, read_table, trends, with_se_intervals,
};

pub fn run(args: &TrendArgs, global: &Global) -> Result<()> {
    let parse_period = |p: &Option<String>, flag: &str| {
        p.as_deref()
            .map(str::parse)
            .transpose()
            .context(flag.to_string())
    };
    let options = TrendOptions {
        method: match args.method {
            TrendMethodArg::All => TrendMethod::All,
            TrendMethodArg::MannKendall => TrendMethod::MannKendall,
            TrendMethodArg::Sen => TrendMethod::Sen,
            TrendMethodArg::Ols => TrendMethod::Ols,
            TrendMethodArg::Apc => TrendMethod::Apc,
            TrendMethodArg::Recent => TrendMethod::Recent,
        },
        level: args.level.parse::<Level>().context("--level")?,
        from: parse_period(&args.from, "--from")?,
        to: parse_period(&args.to, "--to")?,
    };
    let input = with_se_intervals(read_table(
        &args.input,
        &ReadOptions {
            limits: global.limits(),
            ..ReadOptions::default()
        },
    )?)?;
    let computed = trends(&input.table, &options)?;
    print::output_frame(
        &computed.frame,
        args.output.as_deref(),
        print::TableKind::Trend,
        global,
    )?;
    if !global.quiet {
        let mut warnings = input.warnings;
        warnings.extend(computed.warnings);
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}
