//! `bra rates` and its library calls on large inputs (issue 15): the two-step library path
//! (read, then compute) is `bra rates`, and a named pipe as the output gets the file's bytes
//! (how a table too large for the disk is written, into `gzip` say).

use crate::{national, sample};
use bra_indicators::{
    RateMethod, RateOptions, ReadOptions, rates_from_files, rates_of, read_counts_table,
    read_population_with,
};

#[test]
fn reading_then_computing_is_rates_from_files() {
    let dir = tempfile::tempdir().unwrap();
    let config = national::Config {
        scale: 0.005,
        years: 4,
        suppressed: 0.02,
        ..national::Config::default()
    };
    national::generate_shape(&config, national::Shape::Cp1252, dir.path()).unwrap();
    let (counts, population) = (
        dir.path().join("counts.csv"),
        dir.path().join("population.csv"),
    );
    let read = ReadOptions::default();
    let options = RateOptions {
        method: RateMethod::Exact,
        ..RateOptions::default()
    };
    let table = read_counts_table(&counts, &read).unwrap();
    assert!(table.is_fast());
    let rows = table.height();
    let (pop, pop_warnings) = read_population_with(&population, &read).unwrap();
    let run = rates_of(table, &pop, &pop_warnings, &options).unwrap();
    assert_eq!(run.height(), rows);
    let at_once = rates_from_files(&counts, &population, &read, &options).unwrap();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    run.write_csv(&mut a).unwrap();
    at_once.write_csv(&mut b).unwrap();
    assert!(a == b && a.len() > 10_000);
    assert_eq!(run.warnings(), at_once.warnings());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_gets_the_bytes_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rates.csv");
    let pipe = dir.path().join("pipe.csv");
    let status = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let run = |out: &std::path::Path| {
        assert_cmd::Command::cargo_bin("bra")
            .unwrap()
            .args(["--quiet", "rates", "--ci", "exact", "--counts"])
            .arg(sample("counts.csv"))
            .arg("--population")
            .arg(sample("population.csv"))
            .arg("-o")
            .arg(out)
            .assert()
            .success();
    };
    run(&file);
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    run(&pipe);
    let piped = reader.join().unwrap();
    assert_eq!(piped, std::fs::read(&file).unwrap());
    assert!(piped.len() > 1000);
    // The pipe is still a pipe (not replaced by a file).
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&pipe).unwrap().file_type().is_fifo());
}
