//! End-to-end tests: one integration-test binary (fast to link), one module per topic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_inputs;
mod bra_export;
mod chart;
mod cli;
mod fast;
mod formats;
mod fuzz_regressions;
mod goals;
mod golden;
mod ingest;
mod lagesbild;
mod layers;
#[path = "../../benches/national.rs"]
mod national;
mod one_engine;
mod one_way;
mod population_year;
mod profile;
mod properties;
mod rates_pipe;
mod real_data;
mod report;
mod scb;
mod survey;
mod trend;

use std::path::PathBuf;

/// The workspace root (tests run with the crate's folder as working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// One CSV row as a map from column name to cell.
pub type CsvRow = std::collections::HashMap<String, String>;

/// Runs `bra ARGS -o <temporary folder>/NAME`, which must succeed, and reads the CSV it
/// wrote: one map from column name to cell a row.
pub fn bra_csv_rows<I, S>(args: I, name: &str) -> Vec<CsvRow>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    assert_cmd::Command::cargo_bin("bra")
        .unwrap()
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// A file under data/samples.
pub fn sample(name: &str) -> PathBuf {
    root().join("data/samples").join(name)
}
