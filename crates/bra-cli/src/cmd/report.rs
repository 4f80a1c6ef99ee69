//! `bra report`.

use crate::cli::{Global, Lang, ReportArgs};
use anyhow::Result;
use bra_indicators::{ReportConfig, build_report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub fn run(args: &ReportArgs, global: &Global) -> Result<()> {
    let config = ReportConfig::from_file(&args.config)?;
    let bar = ProgressBar::new(1);
    if global.quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let summary = build_report(&config, &args.out, &mut |step, done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(step.to_string());
    })?;
    bar.finish_and_clear();
    if !global.quiet {
        let index = summary.folder.join("index.html");
        match global.lang {
            Lang::Sv => eprintln!(
                "bra: rapporten är klar: {} ({} diagram, {} tabeller, {} varningar)",
                index.display(),
                summary.charts,
                summary.tables,
                summary.warnings
            ),
            Lang::En => eprintln!(
                "bra: report written: {} ({} charts, {} tables, {} warnings)",
                index.display(),
                summary.charts,
                summary.tables,
                summary.warnings
            ),
        }
    }
    Ok(())
}
