//! Mann-Kendall and Sen's slope for one series of 10 and of 30 points (a kommun's yearly
//! rates for 10 or 30 years).
//!
//! `cargo bench -p bra-indicators --bench trend`

use bra_indicators::Level;
use bra_indicators::stats::trend::{mann_kendall, sen_slope};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// A falling series with noise, as METHODS.md's reference series (deterministic).
fn series(n: usize) -> (Vec<f64>, Vec<f64>) {
    let t: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let x = t
        .iter()
        .map(|&t| 1520.0 - 19.5 * t + 40.0 * ((t * 7.3).sin()))
        .collect();
    (t, x)
}

fn trend(c: &mut Criterion) {
    let mut group = c.benchmark_group("trend");
    for n in [10, 30] {
        let (t, x) = series(n);
        group.bench_with_input(BenchmarkId::new("mann_kendall", n), &x, |b, x| {
            b.iter(|| mann_kendall(black_box(x)))
        });
        group.bench_with_input(BenchmarkId::new("sen_slope", n), &(t, x), |b, (t, x)| {
            b.iter(|| sen_slope(black_box(t), black_box(x), Level::P95))
        });
    }
    group.finish();
}

criterion_group!(benches, trend);
criterion_main!(benches);
