//! One comparison engine: `bra compare`, the compare and survey charts' data and the report
//! get the same assessments and change tests for the same input (data/samples).

use crate::{bra_csv_rows, fixture, sample};
use bra_indicators::indicators::chart_data::{
    Selection, compare_data, compare_data_from_table, survey_data_from_table,
};
use bra_indicators::outputs::read_compare_output;
use bra_indicators::{
    AreaRegistry, CompareOptions, IndicatorRegistry, Period, ReadOptions, ReportConfig, assemble,
    change_between, compare, read_table,
};
use std::collections::HashMap;

/// `bra rates` on the samples, written to `dir`.
fn sample_rates(dir: &std::path::Path) -> std::path::PathBuf {
    let rates = dir.join("rates.csv");
    assert_cmd::Command::cargo_bin("bra")
        .unwrap()
        .args(["rates", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(sample("population.csv"))
        .arg("-o")
        .arg(&rates)
        .assert()
        .success();
    rates
}

#[test]
fn bra_compare_and_the_compare_chart_assess_alike() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let compared = bra_csv_rows(
        [
            "compare".as_ref(),
            "--input".as_ref(),
            rates.as_os_str(),
            "--benchmark".as_ref(),
            "19".as_ref(),
        ],
        "compare.csv",
    );
    // (area, period, indicator) → assessment, as `bra compare` wrote it.
    let by_cli: HashMap<(String, String, String), String> = compared
        .iter()
        .filter(|r| r["group"] == "total")
        .map(|r| {
            (
                (
                    r["area"].clone(),
                    r["period"].clone(),
                    r["indicator"].clone(),
                ),
                r["assessment"].clone(),
            )
        })
        .collect();
    let table = read_table(&rates, &ReadOptions::default()).unwrap().table;
    let mut indicators: Vec<&str> = table.rows().iter().map(|r| r.indicator.as_str()).collect();
    indicators.sort_unstable();
    indicators.dedup();
    let periods = [Period::Year(2020), Period::Year(2024)];
    let mut bars = 0;
    for indicator in &indicators {
        for period in periods {
            let sel = Selection {
                indicator: Some(indicator.to_string()),
                benchmarks: Some(vec!["19".into()]),
                period: Some(period),
                ..Selection::default()
            };
            let Ok(chart) = compare_data_from_table(&table, &sel) else {
                continue;
            };
            for bar in &chart.bars {
                let key = (bar.area.clone(), period.to_string(), indicator.to_string());
                assert_eq!(
                    Some(bar.assessment.code()),
                    by_cli.get(&key).map(String::as_str),
                    "{key:?}: the chart and bra compare disagree"
                );
                bars += 1;
            }
        }
    }
    assert!(bars >= 40, "compared {bars} bars");
    // The chart drawn from `bra compare`'s output shows the same.
    let out_file = dir.path().join("compare.csv");
    std::fs::write(&out_file, {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = [
            "area",
            "period",
            "indicator",
            "group",
            "value",
            "lower",
            "upper",
            "level",
            "assessment",
        ]
        .to_vec();
        w.write_record(&header).unwrap();
        for r in &compared {
            w.write_record(header.iter().map(|h| r[*h].as_str()))
                .unwrap();
        }
        w.into_inner().unwrap()
    })
    .unwrap();
    let read = read_compare_output(&out_file).unwrap();
    let sel = Selection {
        indicator: Some("brott.totalt".into()),
        benchmarks: Some(vec!["19".into()]),
        ..Selection::default()
    };
    let from_output = compare_data(&read.table, read.assessments.as_ref(), &sel).unwrap();
    let recomputed = compare_data_from_table(&table, &sel).unwrap();
    assert_eq!(from_output.bars.len(), recomputed.bars.len());
    for (a, b) in from_output.bars.iter().zip(&recomputed.bars) {
        assert_eq!((&a.area, a.assessment), (&b.area, b.assessment));
    }
}

#[test]
fn the_report_assesses_and_tests_changes_as_bra_compare_does() {
    let config = ReportConfig::from_file(&sample("report.toml")).unwrap();
    let data = assemble(&config).unwrap();
    let (areas, indicators) = (AreaRegistry::builtin(), IndicatorRegistry::builtin());
    let mut assessed = 0;
    let mut tested = 0;
    for (_, list) in &data.sections {
        for s in list {
            let Some(latest) = &s.latest else { continue };
            for c in &s.comparisons {
                let out = compare(
                    &data.table,
                    &c.area,
                    &CompareOptions::default(),
                    areas,
                    indicators,
                )
                .unwrap();
                let f = &out.frame;
                let col = |name: &str| f.column(name).unwrap().str().unwrap().clone();
                let (area, period, indicator, assessment) = (
                    col("area"),
                    col("period"),
                    col("indicator"),
                    col("assessment"),
                );
                let row = (0..f.height())
                    .find(|&i| {
                        area.get(i) == Some(s.area_shown.as_str())
                            && period.get(i) == Some(latest.period.to_string().as_str())
                            && indicator.get(i) == Some(s.indicator.id.as_str())
                    })
                    .expect("bra compare has the row");
                assert_eq!(
                    Some(c.assessment.code()),
                    assessment.get(row),
                    "{} {} against {}",
                    s.indicator.id,
                    s.area_shown,
                    c.area
                );
                assessed += 1;
            }
            if let Some(w) = &s.waves {
                let out = change_between(
                    &data.table,
                    w.first.period,
                    w.second.period,
                    bra_indicators::Level::P95,
                    None,
                    areas,
                    indicators,
                )
                .unwrap();
                let f = &out.frame;
                let area = f.column("area").unwrap().str().unwrap().clone();
                let indicator = f.column("indicator").unwrap().str().unwrap().clone();
                let test = f.column("test").unwrap().str().unwrap().clone();
                let significant = f.column("significant").unwrap().bool().unwrap().clone();
                let row = (0..f.height())
                    .find(|&i| {
                        area.get(i) == Some(s.area_shown.as_str())
                            && indicator.get(i) == Some(s.indicator.id.as_str())
                    })
                    .expect("bra compare --between has the row");
                assert_eq!(
                    test.get(row),
                    Some(w.change.test.code()),
                    "{}",
                    s.indicator.id
                );
                assert_eq!(significant.get(row), Some(w.change.significant));
                tested += 1;
            }
        }
    }
    assert!(
        assessed >= 10 && tested >= 5,
        "{assessed} assessed, {tested} tested"
    );
}

#[test]
fn the_survey_chart_marks_the_changes_bra_compare_between_finds() {
    let table = read_table(&fixture("charts/survey.csv"), &ReadOptions::default())
        .unwrap()
        .table;
    for area in ["19", "00"] {
        let sel = Selection {
            area: Some(area.into()),
            benchmarks: Some(vec![]),
            ..Selection::default()
        };
        let chart = survey_data_from_table(&table, &sel).unwrap();
        let changes = chart.area.changes(chart.level);
        for (k, pair) in chart.area.waves.windows(2).enumerate() {
            let out = change_between(
                &table,
                pair[0].period,
                pair[1].period,
                bra_indicators::Level::P95,
                None,
                AreaRegistry::builtin(),
                IndicatorRegistry::builtin(),
            )
            .unwrap();
            let f = &out.frame;
            let areas = f.column("area").unwrap().str().unwrap().clone();
            let row = (0..f.height())
                .find(|&i| areas.get(i) == Some(area))
                .unwrap();
            let significant = f.column("significant").unwrap().bool().unwrap().get(row);
            let test = f.column("test").unwrap().str().unwrap().get(row);
            let chart_change = changes[k + 1].expect("tested");
            assert_eq!(
                Some(chart_change.significant),
                significant,
                "{area} {}",
                pair[1].period
            );
            assert_eq!(Some(chart_change.test.code()), test);
        }
    }
}
