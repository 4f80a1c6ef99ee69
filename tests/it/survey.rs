//! `bra survey` and `bra compare` end to end on data/samples and tests/fixtures/survey,
//! checked against tests/reference/survey_cases.csv (made by survey_reference.py with SciPy
//! and statsmodels).

use crate::{fixture, root, sample};
use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Relative tolerance against the Python reference: the statistics go through iterative
/// inverse distributions (about 1e-10 relative, DEPENDENCIES.md §4), the rest is closed form.
const REL_TOL: f64 = 1e-9;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

fn survey_fixture(name: &str) -> PathBuf {
    fixture(&format!("survey/{name}"))
}

/// An output CSV as a header and rows of (column → cell).
struct Output {
    header: Vec<String>,
    rows: Vec<HashMap<String, String>>,
}

impl Output {
    /// The rows whose `key` columns, joined by `|`, equal `key`.
    fn row(&self, keys: &[&str], key: &str) -> &HashMap<String, String> {
        self.rows
            .iter()
            .find(|r| {
                keys.iter()
                    .map(|k| r[*k].as_str())
                    .collect::<Vec<_>>()
                    .join("|")
                    == key
            })
            .unwrap_or_else(|| panic!("no output row {key}"))
    }
}

/// Runs `bra ARGS -o out.csv` in the repository root and reads the output.
fn run_csv(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    bra()
        .current_dir(root())
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    read_csv(&out)
}

fn read_csv(path: &Path) -> Output {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    Output { header, rows }
}

/// The sample rates (`bra rates` on data/samples) in a temporary folder.
fn sample_rates(dir: &Path) -> PathBuf {
    let out = dir.join("rates.csv");
    bra()
        .current_dir(root())
        .args([
            "rates",
            "--counts",
            "data/samples/counts.csv",
            "--population",
            "data/samples/population.csv",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn every_reference_value_matches_python() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let rates = rates.to_str().unwrap();
    let areas = "data/samples/areas.toml";
    let row_key = ["area", "period", "indicator"].as_slice();
    let change_key = ["area", "indicator"].as_slice();
    let cases: Vec<(&str, Vec<&str>, &[&str])> = vec![
        (
            "survey-shares-wilson",
            vec![
                "survey",
                "--input",
                "tests/fixtures/survey/shares_counts.csv",
            ],
            row_key,
        ),
        (
            "survey-shares-cp998",
            vec![
                "survey",
                "--input",
                "tests/fixtures/survey/shares_counts.csv",
                "--ci",
                "clopper-pearson",
                "--level",
                "0.998",
            ],
            row_key,
        ),
        (
            "survey-mu",
            vec!["survey", "--input", "data/samples/mu.csv"],
            row_key,
        ),
        (
            "compare-rates-19",
            vec!["compare", "--input", rates, "--benchmark", "19"],
            row_key,
        ),
        (
            "compare-ntu-00",
            vec![
                "compare",
                "--input",
                "data/samples/ntu.csv",
                "--benchmark",
                "00",
                "--areas",
                areas,
            ],
            row_key,
        ),
        (
            "compare-mu-00",
            vec![
                "compare",
                "--input",
                "data/samples/mu.csv",
                "--benchmark",
                "00",
            ],
            row_key,
        ),
        (
            "change-rates",
            vec!["compare", "--input", rates, "--between", "2019,2024"],
            change_key,
        ),
        (
            "change-mu",
            vec![
                "compare",
                "--input",
                "data/samples/mu.csv",
                "--between",
                "2019,2023",
            ],
            change_key,
        ),
        (
            "change-ntu",
            vec![
                "compare",
                "--input",
                "data/samples/ntu.csv",
                "--between",
                "2019,2022",
                "--areas",
                areas,
            ],
            change_key,
        ),
    ];
    let mut reference =
        csv::Reader::from_path(root().join("tests/reference/survey_cases.csv")).unwrap();
    let mut expected: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
    for rec in reference.records() {
        let rec = rec.unwrap();
        expected.entry(rec[0].to_string()).or_default().push((
            rec[1].to_string(),
            rec[2].to_string(),
            rec[3].to_string(),
        ));
    }
    let mut checked = 0;
    for (case, args, keys) in &cases {
        let out = run_csv(args);
        let values = expected
            .get(*case)
            .unwrap_or_else(|| panic!("no reference values for {case}"));
        for (key, field, want) in values {
            let got = &out.row(keys, key)[field];
            match want.parse::<f64>() {
                Ok(w) => {
                    let g: f64 = got
                        .parse()
                        .unwrap_or_else(|_| panic!("{case} {key} {field}: got \"{got}\""));
                    assert!(
                        (g - w).abs() <= REL_TOL * w.abs().max(1e-300),
                        "{case} {key} {field}: got {g}, expected {w}"
                    );
                }
                Err(_) => assert_eq!(got, want, "{case} {key} {field}"),
            }
            checked += 1;
        }
    }
    assert!(checked >= 2000, "only {checked} reference values checked");
}

#[test]
fn survey_and_compare_columns_are_the_design_ones() {
    let survey = run_csv(&["survey", "--input", "data/samples/mu.csv"]);
    assert_eq!(
        survey.header,
        [
            "area",
            "period",
            "indicator",
            "group",
            "count",
            "n",
            "value",
            "lower",
            "upper",
            "method",
            "level",
            "status",
            "source",
            "survey_year",
            "area_name"
        ]
    );
    let compare = run_csv(&[
        "compare",
        "--input",
        "data/samples/mu.csv",
        "--benchmark",
        "00",
    ]);
    assert_eq!(
        &compare.header[15..18],
        ["benchmark_value", "comparison", "assessment"]
    );
    let change = run_csv(&[
        "compare",
        "--input",
        "data/samples/mu.csv",
        "--between",
        "2019,2023",
    ]);
    assert_eq!(
        &change.header[..12],
        [
            "area",
            "indicator",
            "group",
            "period_1",
            "value_1",
            "period_2",
            "value_2",
            "change",
            "test",
            "statistic",
            "p_value",
            "significant"
        ]
    );
    // The survey's own output can be compared: n is read as the population, and the shares'
    // 99.8 % intervals are recomputed from count and n.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("survey.csv");
    bra()
        .args(["survey", "--input"])
        .arg(sample("mu.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let again = run_csv(&[
        "compare",
        "--input",
        out.to_str().unwrap(),
        "--benchmark",
        "00",
    ]);
    let row = again.row(&["area", "period", "indicator"], "1982|2023|mu.trygg_kvall");
    assert_eq!(row["assessment"], "much worse");
    assert!(!row["outer_lower"].is_empty());
}

#[test]
fn ntu_seed_values_keep_survey_and_reference_year() {
    // NTU 2020: victimisation in 2019, 18.1 % in Norra Västmanland and 22.6 % in Sweden.
    let out = run_csv(&[
        "survey",
        "--input",
        "data/samples/ntu.csv",
        "--areas",
        "data/samples/areas.toml",
    ]);
    let key = ["area", "period", "indicator"];
    let lpo = out.row(&key, "lpo:norra-vastmanland|2019|ntu.utsatt_enskild_person");
    assert_eq!(
        (lpo["value"].as_str(), lpo["survey_year"].as_str()),
        ("18.1", "2020")
    );
    assert_eq!(
        (lpo["method"].as_str(), lpo["level"].as_str()),
        ("published", "0.95")
    );
    let riket = out.row(&key, "00|2019|ntu.utsatt_enskild_person");
    assert_eq!(riket["value"], "22.6");
    // Unsafety refers to the survey year itself.
    let unsafe_ = out.row(&key, "00|2020|ntu.otrygghet");
    assert_eq!(unsafe_["survey_year"], "2020");
    // `..` stays missing, with its reason.
    let suppressed = out.row(
        &key,
        "lpo:norra-vastmanland|2017|ntu.fortroende_rattsvasendet",
    );
    assert_eq!(
        (suppressed["value"].as_str(), suppressed["status"].as_str()),
        ("", "suppressed")
    );
    // Against riket: lower victimisation is better, but a published interval never gives
    // "much better".
    let compared = run_csv(&[
        "compare",
        "--input",
        "data/samples/ntu.csv",
        "--benchmark",
        "Riket",
        "--areas",
        "data/samples/areas.toml",
    ]);
    let row = compared.row(&key, "lpo:norra-vastmanland|2019|ntu.utsatt_enskild_person");
    assert_eq!(
        (
            row["benchmark_value"].as_str(),
            row["comparison"].as_str(),
            row["assessment"].as_str()
        ),
        ("22.6", "lower", "better")
    );
    assert_eq!(row["outer_lower"], "");
    for r in compared.rows.iter().filter(|r| r["area"] == "00") {
        assert_eq!(r["assessment"], "not compared");
        assert!(r["status"].contains("benchmark"), "{:?}", r);
    }
}

#[test]
fn wide_layout_gives_the_same_rows_as_the_long_one() {
    let areas = "data/samples/areas.toml";
    let long = run_csv(&[
        "survey",
        "--input",
        "data/samples/ntu.csv",
        "--areas",
        areas,
    ]);
    let wide = run_csv(&[
        "survey",
        "--input",
        "data/samples/ntu_wide.csv",
        "--areas",
        areas,
    ]);
    assert_eq!(wide.rows.len(), 2 * 2 * 7, "2 tables × 2 areas × 7 years");
    let key = ["area", "period", "indicator"];
    for w in &wide.rows {
        let k = format!("{}|{}|{}", w["area"], w["period"], w["indicator"]);
        let l = long.row(&key, &k);
        for field in ["value", "lower", "upper", "survey_year", "method", "level"] {
            assert_eq!(w[field], l[field], "{k} {field}");
        }
    }
}

#[test]
fn wide_fixtures_police_region_county_and_markers() {
    let out = run_csv(&["survey", "--input", "tests/fixtures/survey/ntu_wide.csv"]);
    let key = ["area", "period", "indicator"];
    let region = out.row(&key, "Rn02|2019|ntu.utsatt_enskild_person");
    assert_eq!(
        (
            region["value"].as_str(),
            region["lower"].as_str(),
            region["upper"].as_str()
        ),
        ("21.9", "20.7", "23.1")
    );
    assert_eq!(region["survey_year"], "2020");
    assert_eq!(
        out.row(&key, "19|2020|ntu.otrygghet")["status"],
        "suppressed"
    );
    assert_eq!(
        out.row(&key, "19|2019|ntu.utsatt_enskild_person")["status"],
        "missing"
    );
    // Reference years and a pooled range; an estimate whose interval is suppressed.
    let reference = run_csv(&[
        "survey",
        "--input",
        "tests/fixtures/survey/ntu_wide_reference.csv",
    ]);
    let pooled = reference.row(&key, "00|2017-2019|ntu.oro_brottslighet");
    assert_eq!(
        (pooled["value"].as_str(), pooled["survey_year"].as_str()),
        ("67.9", "2017-2019")
    );
    let no_ci = reference.row(&key, "00|2021|ntu.oro_brottslighet");
    assert_eq!(
        (no_ci["value"].as_str(), no_ci["lower"].as_str()),
        ("65.2", "")
    );
    assert!(no_ci["status"].contains("interval-suppressed"));
}

#[test]
fn bad_survey_inputs_name_file_line_and_column() {
    let cases = [
        (
            "bad_percent.csv",
            "bad_percent.csv:3: column \"value\"",
            "between 0 and 100, found 181",
        ),
        (
            "bad_lower_upper.csv",
            "bad_lower_upper.csv:3: column \"lower\"",
            "lower bound 33.1 is above the upper bound 28.9",
        ),
        (
            "bad_n_zero.csv",
            "bad_n_zero.csv:3: column \"n\"",
            "expected a positive number of respondents n, found 0",
        ),
        (
            "bad_count_above_n.csv",
            "bad_count_above_n.csv:3: column \"count\"",
            "count 120 is larger than the number of respondents n = 100",
        ),
        (
            "bad_wide_percent.csv",
            "bad_wide_percent.csv:5: column \"E\"",
            "between 0 and 100, found 131",
        ),
        (
            "bad_wide_area.csv",
            "bad_wide_area.csv:2: column \"E\"",
            "unknown area \"Norra Västmanland\"",
        ),
    ];
    for (name, place, what) in cases {
        bra()
            .args(["survey", "--input"])
            .arg(survey_fixture(name))
            .assert()
            .code(1)
            .stderr(predicate::str::contains(place).and(predicate::str::contains(what)))
            .stderr(predicate::str::contains("panicked").not());
    }
    // lower > upper is an error in `bra compare` too (any indicator).
    bra()
        .args(["compare", "--benchmark", "00", "--input"])
        .arg(survey_fixture("bad_lower_upper.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad_lower_upper.csv:3: column \"lower\"",
        ));
    // A user area's kommun that does not exist: the line in the TOML file.
    bra()
        .args(["survey", "--input"])
        .arg(sample("ntu.csv"))
        .arg("--areas")
        .arg(survey_fixture("bad_areas.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad_areas.toml:5: column \"kommuner\": unknown kommun \"Atlantis\"",
        ));
    // A user area used without its file.
    bra()
        .args(["survey", "--input"])
        .arg(sample("ntu.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "ntu.csv:2: column \"area\": unknown area \"lpo:norra-vastmanland\"",
        ));
}

#[test]
fn user_indicators_bring_their_polarity() {
    let input = "tests/fixtures/survey/local_survey.csv";
    let indicators = "tests/fixtures/survey/indicators.toml";
    let with = run_csv(&[
        "compare",
        "--input",
        input,
        "--benchmark",
        "19",
        "--indicators",
        indicators,
    ]);
    let row = with.row(&["area", "indicator"], "1982|lokal.trygg_centrum");
    // 150 of 300 (Wilson 99.8 %: 41.2 % to 58.8 %) against 60 %: lower, and higher is better.
    assert_eq!(
        (row["comparison"].as_str(), row["assessment"].as_str()),
        ("lower", "much worse")
    );
    // Without the file the label is unknown: compared, but not judged.
    let without = run_csv(&["compare", "--input", input, "--benchmark", "19"]);
    assert_eq!(without.rows[0]["assessment"], "not compared");
    bra()
        .current_dir(root())
        .args(["compare", "--input", input, "--benchmark", "19"])
        .assert()
        .success()
        .stderr(predicate::str::contains("polarity is unknown"));
}

#[test]
fn terminal_tables_in_swedish_and_english() {
    bra()
        .current_dir(root())
        .args([
            "compare",
            "--input",
            "data/samples/mu.csv",
            "--benchmark",
            "00",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Bedömning").and(predicate::str::contains("mycket sämre")),
        );
    bra()
        .current_dir(root())
        .args([
            "--lang",
            "en",
            "compare",
            "--input",
            "data/samples/mu.csv",
            "--between",
            "2021,2023",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("two-proportion-z").and(predicate::str::contains("yes")));
    bra()
        .current_dir(root())
        .args(["survey", "--input", "data/samples/mu.csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("published-se").and(predicate::str::contains("62,0")));
}

#[test]
fn compare_usage_errors() {
    bra()
        .args(["compare", "--input"])
        .arg(sample("mu.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--benchmark"));
    for (flag, value, what) in [
        ("--levels", "0.95,1.5", "--levels"),
        ("--between", "2019", "--between"),
        (
            "--benchmark",
            "Atlantis",
            "unknown benchmark area \"Atlantis\"",
        ),
    ] {
        let mut cmd = bra();
        cmd.args(["compare", "--input"]).arg(sample("mu.csv"));
        if flag != "--benchmark" {
            cmd.args(["--benchmark", "00"]);
        }
        cmd.args([flag, value])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(what));
    }
}

#[test]
fn areas_lists_user_areas_with_their_kommuner() {
    bra()
        .args(["areas", "--areas"])
        .arg(sample("areas.toml"))
        .arg("Norra Västmanland")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("lpo:norra-vastmanland")
                .and(predicate::str::contains("1982 Fagersta"))
                .and(predicate::str::contains("1904 Skinnskatteberg")),
        );
}

#[test]
fn citizen_survey_gaps_are_not_errors() {
    // Waves 2019 and 2023 only: no 2021 rows, and nothing complains.
    let out = run_csv(&["survey", "--input", "tests/fixtures/survey/mu_waves.csv"]);
    assert_eq!(out.rows.len(), 8);
    let key = ["area", "period", "indicator"];
    let published = out.row(&key, "1982|2023|mu.trygghet");
    assert_eq!(
        (published["lower"].as_str(), published["method"].as_str()),
        ("50.9", "published")
    );
    let se = out.row(&key, "1982|2019|mu.trygghet");
    assert_eq!(se["method"], "published-se");
    let change = run_csv(&[
        "compare",
        "--input",
        "tests/fixtures/survey/mu_waves.csv",
        "--between",
        "2019,2023",
    ]);
    assert_eq!(change.rows.len(), 4);
    let none = run_csv(&[
        "compare",
        "--input",
        "tests/fixtures/survey/mu_waves.csv",
        "--between",
        "2019,2021",
    ]);
    assert!(none.rows.is_empty());
}

#[test]
fn rates_accept_user_areas_in_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let counts = dir.path().join("counts.csv");
    let population = dir.path().join("population.csv");
    std::fs::write(
        &counts,
        "area,period,indicator,count\nNorra Västmanland,2020,brott.totalt,2500\n",
    )
    .unwrap();
    std::fs::write(
        &population,
        "area,period,population\nlpo:norra-vastmanland,2019,24000\n",
    )
    .unwrap();
    let out = dir.path().join("rates.csv");
    bra()
        .args(["rates", "--counts"])
        .arg(&counts)
        .arg("--population")
        .arg(&population)
        .arg("--areas")
        .arg(sample("areas.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let rates = read_csv(&out);
    let row = &rates.rows[0];
    assert_eq!(row["area"], "lpo:norra-vastmanland");
    let rate: f64 = row["rate"].parse().unwrap();
    assert!((rate - 2500.0 / 24000.0 * 100_000.0).abs() < 1e-9);
    // Without the areas file the name is unknown.
    bra()
        .args(["rates", "--counts"])
        .arg(&counts)
        .arg("--population")
        .arg(&population)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown area \"Norra Västmanland\"",
        ));
}
