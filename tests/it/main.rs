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
mod ingest;
#[path = "../../benches/national.rs"]
mod national;
mod population_year;
mod properties;
mod real_data;
mod report;
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

/// A file under data/samples.
pub fn sample(name: &str) -> PathBuf {
    root().join("data/samples").join(name)
}
