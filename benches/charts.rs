//! Time per chart: is drawing every chart for all 290 kommuner a matter of seconds?
//!
//! Builds the trend chart of Fagersta (reported crime 2015-2024, county and country lines, a
//! goal) from data/samples, then measures rendering it to an SVG string (800 × 450) and to an
//! encoded PNG (1600 × 900, the default for Word), plus building the data from the table and
//! a compare chart of the ten kommuner of Västmanlands län.
//!
//! Run: `cargo bench -p bra-indicators --bench charts`.

// criterion_group! defines an undocumented `pub fn benches`.
#![allow(missing_docs)]

use bra_indicators::chart::{PNG_SIZE, SVG_SIZE, render_png, render_svg_string};
use bra_indicators::indicators::chart_data::{
    Chart, GoalMarks, Selection, compare_data_from_table, trend_data_from_table,
};
use bra_indicators::{
    Period, RateOptions, Table, rates, read_population, read_table, read_table_bytes, write_csv,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

/// `bra rates` on data/samples, read back as `bra chart` reads it.
fn sample_rates() -> Table {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let counts = read_table(&root.join("counts.csv"), &Default::default())
        .expect("data/samples/counts.csv")
        .table;
    let (population, _) =
        read_population(&root.join("population.csv")).expect("data/samples/population.csv");
    let computed = rates(&counts, &population, &RateOptions::default()).expect("rates");
    let mut csv = Vec::new();
    write_csv(&computed.frame, &mut csv).expect("csv");
    read_table_bytes("rates.csv", &csv, &Default::default())
        .expect("reads back")
        .table
}

fn charts(c: &mut Criterion) {
    let table = sample_rates();
    let sel = Selection {
        area: Some("1982".into()),
        indicator: Some("brott.totalt".into()),
        ..Selection::default()
    };
    let mut trend = trend_data_from_table(&table, &sel).expect("trend data");
    trend.goal = Some(GoalMarks {
        baseline: (Period::Year(2019), 11_976.0),
        target: 10_500.0,
        deadline: Period::Year(2026),
    });
    let trend = Chart::Trend(trend);
    let compare_sel = Selection {
        benchmarks: Some(vec!["19".into()]),
        ..sel.clone()
    };
    let compare =
        Chart::Compare(compare_data_from_table(&table, &compare_sel).expect("compare data"));

    let mut group = c.benchmark_group("chart");
    group.sample_size(30);
    group.bench_function("trend data from table", |b| {
        b.iter(|| trend_data_from_table(black_box(&table), black_box(&sel)).expect("data"))
    });
    group.bench_function("trend svg string 800x450", |b| {
        b.iter(|| render_svg_string(black_box(&trend), SVG_SIZE).expect("svg"))
    });
    group.bench_function("trend png 1600x900", |b| {
        b.iter(|| render_png(black_box(&trend), PNG_SIZE).expect("png"))
    });
    group.bench_function("compare png 1600x900", |b| {
        b.iter(|| render_png(black_box(&compare), PNG_SIZE).expect("png"))
    });
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
