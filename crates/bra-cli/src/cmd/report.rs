//! `bra report`.

use crate::cli::{Global, ReportArgs};
use anyhow::{Result, bail};
use bra_indicators::labels::cli as phrase;
use bra_indicators::{AreaRegistry, ReportConfig, build_report, build_reports};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub fn run(args: &ReportArgs, global: &Global) -> Result<()> {
    let mut config = ReportConfig::from_file(&args.config)?;
    config.limits = global.limits();
    let bar = ProgressBar::new(1);
    if global.quiet || !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut progress = |step: &str, done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(step.to_string());
    };
    let registry = AreaRegistry::builtin();
    let areas: Vec<String> = if args.all_kommuner {
        registry.kommuner().map(|a| a.code.clone()).collect()
    } else {
        let mut codes = Vec::new();
        for name in &args.areas {
            match registry.code_of(name) {
                Some(code) => codes.push(code.to_string()),
                None => bail!(
                    "--areas: unknown area \"{name}\": expected a kommun, län or riket name or code"
                ),
            }
        }
        codes
    };
    let summary = if areas.is_empty() {
        build_report(&config, &args.out, &mut progress)?
    } else {
        build_reports(&config, &areas, &args.out, &mut progress)?
    };
    bar.finish_and_clear();
    if !global.quiet {
        let index = summary.folder.join("index.html");
        eprintln!(
            "{}",
            phrase::REPORT_WRITTEN.fill(
                global.lang,
                &[
                    ("index", &index.display()),
                    ("reports", &summary.reports),
                    ("charts", &summary.charts),
                    ("tables", &summary.tables),
                    ("warnings", &summary.warnings),
                ],
            )
        );
    }
    Ok(())
}
