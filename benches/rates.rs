//! End to end: `rates` on 1 M rows of the national data set (`national.rs` at scale 0.1:
//! 290 kommuner × 110 categories × 30 years), read from CSV and written as CSV (to a sink),
//! by [`rates_from_files`] (the fast path that `bra rates` takes) and by the row-by-row readers
//! with [`rates`] (the slow path, for comparison).
//!
//! `cargo bench -p bra-indicators --bench rates`

// The shapes of the data set are for the generator and the tests.
#[allow(dead_code)]
#[path = "national.rs"]
mod national;

use bra_indicators::{
    RateMethod, RateOptions, ReadOptions, rates, rates_from_files, read_population, read_table,
    write_csv,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

fn end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = national::Config {
        scale: 0.1,
        ..national::Config::default()
    };
    national::generate(&config, dir.path()).expect("the data set is written");
    let counts = dir.path().join("counts.csv");
    let population = dir.path().join("population.csv");
    let options = RateOptions {
        method: RateMethod::Exact,
        ..RateOptions::default()
    };

    let mut group = c.benchmark_group("rates_1m_rows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("fast", |b| {
        b.iter(|| {
            let run = rates_from_files(&counts, &population, &ReadOptions::default(), &options)
                .expect("rates");
            assert!(run.is_fast());
            run.write_csv(&mut std::io::sink()).expect("written");
        })
    });
    group.bench_function("row_by_row", |b| {
        b.iter(|| {
            let table = read_table(&counts, &ReadOptions::default()).expect("counts");
            let (pop, _) = read_population(&population).expect("population");
            let out = rates(&table.table, &pop, &options).expect("rates");
            write_csv(&out.frame, &mut std::io::sink()).expect("written");
        })
    });
    group.finish();
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
