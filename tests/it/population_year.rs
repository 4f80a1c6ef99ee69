//! Brå's population-year convention end to end: `bra rates` divides a count for year Y (or a
//! quarter or month of Y) by the population on 31 December of Y − 1 unless told
//! `--population-year same`, says which in `population_period`, keeps Brå's published rate
//! beside ours in `published_rate`, and the report's methods note names the convention.

use crate::sample;
use assert_cmd::Command;
use bra_indicators::{ReadOptions, read_table};
use predicates::prelude::*;
use std::collections::HashMap;
use std::path::Path;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// Rows of a rates CSV keyed by (area, period, indicator).
type Rows = HashMap<(String, String, String), csv::StringRecord>;

/// `bra rates` on the two files with `extra` arguments: the header and the rows.
fn rates(counts: &Path, population: &Path, extra: &[&str]) -> (Vec<String>, Rows) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rates.csv");
    bra()
        .arg("rates")
        .args(extra)
        .arg("--counts")
        .arg(counts)
        .arg("--population")
        .arg(population)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|row| {
            let row = row.unwrap();
            ((row[0].into(), row[1].into(), row[2].into()), row)
        })
        .collect();
    (header, rows)
}

/// A counts file and a population file (31 December 2019 and 2020) in a temporary folder.
fn files(counts: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (c, p) = (dir.path().join("c.csv"), dir.path().join("p.csv"));
    std::fs::write(&c, counts).unwrap();
    std::fs::write(
        &p,
        "area,period,population\n1982,2019,13391\n1982,2020,13000\n",
    )
    .unwrap();
    (dir, c, p)
}

const COUNTS: &str = "area,period,indicator,count\n\
    1982,2020,brott.totalt,1577\n\
    1982,2020K1,brott.totalt,400\n\
    1982,2020M03,brott.totalt,130\n\
    1982,2021,brott.totalt,1534\n";

fn key(period: &str) -> (String, String, String) {
    ("1982".into(), period.into(), "brott.totalt".into())
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

#[test]
fn previous_year_by_default_same_on_request() {
    let (_dir, c, p) = files(COUNTS);
    let (header, prev) = rates(&c, &p, &[]);
    let (pp, rate, status) = (
        col(&header, "population_period"),
        col(&header, "rate"),
        col(&header, "status"),
    );
    assert_eq!(pp, col(&header, "population") + 1);
    for (period, count) in [("2020", 1577.0), ("2020K1", 400.0), ("2020M03", 130.0)] {
        let row = &prev[&key(period)];
        assert_eq!(&row[pp], "2019", "{period}");
        let got: f64 = row[rate].parse().unwrap();
        assert!(
            (got - count / 13391.0 * 1e5).abs() < 1e-9,
            "{period}: {got}"
        );
    }
    // 2021 takes the end of 2020.
    let got: f64 = prev[&key("2021")][rate].parse().unwrap();
    assert!((got - 1534.0 / 13000.0 * 1e5).abs() < 1e-9);

    let (_, same) = rates(&c, &p, &["--population-year", "same"]);
    for (period, count) in [("2020", 1577.0), ("2020K1", 400.0), ("2020M03", 130.0)] {
        let row = &same[&key(period)];
        assert_eq!(&row[pp], "2020", "{period}");
        let got: f64 = row[rate].parse().unwrap();
        assert!(
            (got - count / 13000.0 * 1e5).abs() < 1e-9,
            "{period}: {got}"
        );
    }
    // No population at the end of 2021: no rate, never the end of 2020 instead.
    let row = &same[&key("2021")];
    assert_eq!((&row[pp], &row[rate]), ("", ""));
    assert_eq!(&row[status], "no-population");
    // `--population-year previous` is the default spelled out.
    let (_, spelled) = rates(&c, &p, &["--population-year", "previous"]);
    assert_eq!(spelled, prev);
}

#[test]
fn a_missing_previous_year_is_named_and_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (c, p) = (dir.path().join("c.csv"), dir.path().join("p.csv"));
    std::fs::write(&c, COUNTS).unwrap();
    std::fs::write(&p, "area,period,population\n1982,2020,13000\n").unwrap();
    let out = dir.path().join("r.csv");
    bra()
        .args(["--lang", "en", "rates", "--counts"])
        .arg(&c)
        .arg("--population")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1982 2020 brott.totalt: no population for area 1982 at the end of 2019",
        ))
        .stderr(predicate::str::contains(
            "1982 2020K1 brott.totalt: no population for area 1982 at the end of 2019",
        ));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("no-population").count(), 3, "{text}");
    assert!(text.contains("1982,2021,brott.totalt,total,1534.0,13000.0,2020,"));
}

#[test]
fn published_rate_beside_ours_and_not_read_back_as_the_value() {
    let (dir, c, p) = files(
        "area,period,indicator,count,value,method\n\
         1982,2020,brott.totalt,1577,11777,published\n\
         1982,2020,brott.misshandel,90,,\n\
         1982,2021,brott.totalt,1534,11508,published\n",
    );
    let (header, rows) = rates(&c, &p, &[]);
    let (rate, published) = (col(&header, "rate"), col(&header, "published_rate"));
    assert_eq!(published, rate + 1);
    let row = &rows[&key("2020")];
    assert_eq!(&row[published], "11777.0");
    let ours: f64 = row[rate].parse().unwrap();
    assert!((ours - 1577.0 / 13391.0 * 1e5).abs() < 1e-9);
    let misshandel = &rows[&("1982".into(), "2020".into(), "brott.misshandel".into())];
    assert_eq!(&misshandel[published], "");

    // Fed back in, `rate` is the value (ours), not Brå's published figure.
    let out = dir.path().join("rates.csv");
    bra()
        .args(["rates", "--counts"])
        .arg(&c)
        .arg("--population")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let back = read_table(&out, &ReadOptions::default()).unwrap();
    for r in back.table.rows() {
        let expected = r.count.unwrap() / r.population.unwrap() * 1e5;
        assert!(
            (r.value.unwrap() - expected).abs() < 1e-9,
            "{} {}: {:?}",
            r.period,
            r.indicator,
            r.value
        );
    }
    // ... and the commands that read rates output take it.
    bra()
        .args(["trend", "-o", "-", "--input"])
        .arg(&out)
        .assert()
        .success();
    bra()
        .args(["compare", "--between", "2020,2021", "-o", "-", "--input"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn json_parquet_and_terminal_carry_the_new_columns() {
    let (dir, c, p) = files(
        "area,period,indicator,count,value,method\n1982,2020,brott.totalt,1577,11777,published\n",
    );
    let json = dir.path().join("r.json");
    bra()
        .args(["rates", "--counts"])
        .arg(&c)
        .arg("--population")
        .arg(&p)
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v[0]["population_period"], "2019");
    assert_eq!(v[0]["published_rate"], 11777.0);
    let parquet = dir.path().join("r.parquet");
    bra()
        .args(["rates", "--counts"])
        .arg(&c)
        .arg("--population")
        .arg(&p)
        .arg("-o")
        .arg(&parquet)
        .assert()
        .success();
    let back =
        bra_indicators::polars::prelude::ParquetReader::new(std::fs::File::open(&parquet).unwrap());
    use bra_indicators::polars::prelude::SerReader;
    let frame = back.finish().unwrap();
    let names: Vec<&str> = frame
        .get_column_names()
        .into_iter()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(names, bra_indicators::RATE_COLUMNS);
    bra()
        .args(["rates", "--counts"])
        .arg(&c)
        .arg("--population")
        .arg(&p)
        .assert()
        .success()
        .stdout(predicate::str::contains("Folkm. 31 dec"))
        .stdout(predicate::str::contains("Brå per 100 000"))
        .stdout(predicate::str::contains("11\u{a0}777,0"));
    bra()
        .args(["rates", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--population-year"))
        .stdout(predicate::str::contains("31 December"));
}

/// Every sample rate, recomputed here from the two sample files with a plain join on the
/// year before.
#[test]
fn sample_rates_are_counts_over_the_previous_year_end() {
    let mut pop = HashMap::new();
    let mut r = csv::Reader::from_path(sample("population.csv")).unwrap();
    for row in r.records().map(Result::unwrap) {
        let year: i32 = row[1].parse().unwrap();
        pop.insert((row[0].to_string(), year), row[2].parse::<f64>().unwrap());
    }
    let (header, rows) = rates(&sample("counts.csv"), &sample("population.csv"), &[]);
    let (count, population, pp, rate) = (
        col(&header, "count"),
        col(&header, "population"),
        col(&header, "population_period"),
        col(&header, "rate"),
    );
    assert_eq!(rows.len(), 840);
    let mut checked = 0;
    for ((area, period, _), row) in &rows {
        let year: i32 = period.parse().unwrap();
        let p = pop[&(area.clone(), year - 1)];
        assert_eq!(row[population].parse::<f64>().unwrap(), p);
        assert_eq!(row[pp], (year - 1).to_string());
        if row[count].is_empty() {
            assert_eq!(&row[rate], "");
            continue;
        }
        let expected = row[count].parse::<f64>().unwrap() / p * 1e5;
        let got: f64 = row[rate].parse().unwrap();
        assert!(
            (got - expected).abs() <= 1e-12 * expected,
            "{area} {period}"
        );
        checked += 1;
    }
    assert_eq!(
        checked, 837,
        "every row but the three suppressed cells has a rate"
    );
    // The committed data/samples/rates.csv is this output.
    let committed = csv::Reader::from_path(sample("rates.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(committed, header);
}

#[test]
fn report_names_the_convention_and_keeps_fagersta_2020() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    bra()
        .args(["-q", "report", "--config"])
        .arg(sample("report.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains(
            "Anmälda brott per 100 000 invånare beräknas, som hos Brå, på folkmängden den 31 december året före"
        ),
        "the Swedish methods note names the convention"
    );
    let table = std::fs::read_to_string(out.join("tables/anmalda_brott.csv")).unwrap();
    let re = regex_lite(&table);
    assert!(re, "Fagersta 2020 is 11 776.6 on the end of 2019:\n{table}");

    // The same report in English.
    let mut config = std::fs::read_to_string(sample("report.toml")).unwrap();
    assert!(config.contains("language = \"sv\""));
    config = config.replace("language = \"sv\"", "language = \"en\"");
    for file in [
        "counts.csv",
        "population.csv",
        "ntu.csv",
        "mu.csv",
        "areas.toml",
        "goals.toml",
        "incidents.csv",
    ] {
        let path = sample(file).display().to_string();
        config = config.replace(&format!("\"{file}\""), &format!("\"{path}\""));
    }
    let en = dir.path().join("report_en.toml");
    std::fs::write(&en, config).unwrap();
    let out = dir.path().join("report_en");
    bra()
        .args(["-q", "report", "--config"])
        .arg(&en)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains(
            "Reported crimes per 100,000 inhabitants are computed, as Brå computes them, on the population on 31 December of the year before"
        ),
        "the English methods note names the convention"
    );
}

/// The check of `.ci/run`: `^1982,2020,brott.totalt,total,1577(\.0)?,13391(\.0)?,2019,11776\.`.
fn regex_lite(table: &str) -> bool {
    table.lines().any(|l| {
        let f: Vec<&str> = l.split(',').collect();
        f.len() > 7
            && f[..4] == ["1982", "2020", "brott.totalt", "total"]
            && ["1577", "1577.0"].contains(&f[4])
            && ["13391", "13391.0"].contains(&f[5])
            && f[6] == "2019"
            && f[7].starts_with("11776.")
    })
}
