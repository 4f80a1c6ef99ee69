//! `bra`: key indicators for local crime prevention in Swedish municipalities.
//!
//! This file only parses arguments and dispatches; the library does the work.

mod cli;
mod cmd;
mod print;

use clap::Parser;
use std::process::ExitCode;

fn run() -> anyhow::Result<ExitCode> {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Rates(args) => cmd::rates::run(&args, &cli.global),
        cli::Command::Trend(args) => cmd::trend::run(&args, &cli.global),
        cli::Command::Report(args) => cmd::report::run(&args, &cli.global),
        cli::Command::Survey(args) => cmd::survey::run(&args, &cli.global),
        cli::Command::Compare(args) => cmd::compare::run(&args, &cli.global),
        cli::Command::Chart(args) => cmd::chart::run(&args, &cli.global),
        cli::Command::Areas(args) => cmd::areas::run(&args, &cli.global),
        cli::Command::Import(args) => cmd::import::run(&args, &cli.global),
        cli::Command::Goals(args) => cmd::goals::run(&args, &cli.global),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// For an input beyond one of the caps, how to raise it: the library names the `Limits`
/// field (`max_field_bytes`), the option has the same name (`--max-field-bytes`).
fn raise_hint(err: &anyhow::Error) -> String {
    err.chain()
        .find_map(|e| match e.downcast_ref::<bra_indicators::Error>() {
            Some(bra_indicators::Error::Limit { limit, .. }) => Some(format!(
                " (raise the limit with --{})",
                limit.replace('_', "-")
            )),
            _ => None,
        })
        .unwrap_or_default()
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // A panic inside calamine (the Excel reader) is caught by the library and reported as
        // an error naming the file; anything else is a bug in bra.
        if info
            .location()
            .is_some_and(|l| l.file().contains("calamine"))
        {
            return;
        }
        eprintln!(
            "bra: internal error: {info}\nThis is a bug in bra: please report it with the command \
             and, if you can, the input file."
        );
    }));
    match run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`bra rates ... | head`) is not an error.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("bra: {err:#}{}", raise_hint(&err));
            ExitCode::from(1)
        }
    }
}
