//! Interval functions per call: rates (auto, exact, Byar) and proportions (Wilson).
//!
//! `cargo bench -p bra-indicators --bench intervals`

use bra_indicators::stats::proportion::{ProportionMethod, proportion_interval};
use bra_indicators::{Level, RateMethod, count_interval};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn rates(c: &mut Criterion) {
    let mut group = c.benchmark_group("count_interval");
    // 5: exact under auto; 65 and 1577: Byar's under auto (exact only when asked).
    for count in [0.0, 5.0, 65.0, 1577.0] {
        for method in [RateMethod::Auto, RateMethod::Exact, RateMethod::Byar] {
            group.bench_with_input(
                BenchmarkId::new(method.code(), count),
                &count,
                |b, &count| b.iter(|| count_interval(black_box(count), Level::P95, method)),
            );
        }
    }
    // The exact limits of small whole counts at 95 % and 99.8 % are cached; at other levels
    // (and above 1,023) every call computes the chi-square quantiles.
    for count in [5.0, 65.0] {
        group.bench_with_input(
            BenchmarkId::new("exact-90%-uncached", count),
            &count,
            |b, &count| {
                let level = Level::new(0.9).expect("a level");
                b.iter(|| count_interval(black_box(count), level, RateMethod::Exact))
            },
        );
    }
    group.finish();
}

fn proportions(c: &mut Criterion) {
    let mut group = c.benchmark_group("proportion_interval");
    for (x, n) in [(65.0, 100.0), (1045.0, 5000.0)] {
        group.bench_with_input(BenchmarkId::new("wilson", x), &(x, n), |b, &(x, n)| {
            b.iter(|| {
                proportion_interval(
                    black_box(x),
                    black_box(n),
                    Level::P95,
                    ProportionMethod::Wilson,
                )
            })
        });
    }
    group.finish();
}

criterion_group!(benches, rates, proportions);
criterion_main!(benches);
