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
        cli::Command::Profile(args) => cmd::profile::run(&args, &cli.global),
        cli::Command::Lagesbild(args) => cmd::lagesbild::run(&args, &cli.global),
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

/// The message of the last panic, kept by the panic hook: printed by `main` if the panic
/// reaches it. A panic that a reader catches (the library turns it into an error naming the
/// file) is not printed.
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
    let result = match std::panic::catch_unwind(run) {
        Ok(result) => result,
        Err(_) => {
            let what = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut last| last.take())
                .unwrap_or_else(|| "a panic".to_string());
            eprintln!(
                "bra: internal error: {what}\nThis is a bug in bra: please report it with the \
                 command and, if you can, the input file."
            );
            return ExitCode::from(101);
        }
    };
    match result {
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
