//! `bra survey`.

use crate::cli::{Global, ShareCi, SurveyArgs};
use crate::cmd::Lookup;
use crate::print;
use anyhow::{Context, Result};
use bra_indicators::stats::proportion::ProportionMethod;
use bra_indicators::{Level, SurveyOptions, read_survey, survey, with_se_intervals};

pub fn run(args: &SurveyArgs, global: &Global) -> Result<()> {
    let level: Level = args.level.parse().context("--level")?;
    let options = SurveyOptions {
        method: match args.ci {
            ShareCi::Wilson => ProportionMethod::Wilson,
            ShareCi::ClopperPearson => ProportionMethod::ClopperPearson,
        },
        level,
    };
    let lookup = Lookup::new(&args.registries, global)?;
    let input = with_se_intervals(read_survey(&args.input, &lookup.read)?)?;
    let computed = survey(&input.table, &options, &lookup.areas, &lookup.indicators)?;
    let mut warnings = input.warnings;
    warnings.extend(computed.warnings);
    print::output_frame(
        &computed.frame,
        args.output.as_deref(),
        print::TableKind::Survey,
        global,
    )?;
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}
