//! `bra goals` end to end on data/samples/goals.toml and the fixtures in tests/fixtures/goals.

use crate::{fixture, root, sample};
use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Relative tolerance against tests/reference/goal_cases.csv (python's float arithmetic on
/// the same inputs: the operations are the same few, so only the last bits may differ).
const REL_TOL: f64 = 1e-9;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// The columns DESIGN.md fixes for `bra goals`, in order.
const DESIGN_COLUMNS: [&str; 15] = [
    "goal",
    "indicator",
    "area",
    "baseline_period",
    "baseline",
    "target",
    "deadline",
    "latest_period",
    "latest",
    "progress",
    "expected_progress",
    "projected",
    "status",
    "significant",
    "milestone",
];

/// Runs `bra goals` with `args` writing CSV, and returns its rows as maps by column.
fn goals_csv(args: &[&str]) -> Vec<HashMap<String, String>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("goals.csv");
    bra()
        .arg("goals")
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    read_csv(&out)
}

fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn samples_goals() -> String {
    sample("goals.toml").display().to_string()
}

#[test]
fn samples_csv_has_the_design_columns_and_every_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("goals.csv");
    bra()
        .args(["goals", "--goals", &samples_goals(), "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("7 rader"));
    let text = std::fs::read_to_string(&out).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(header[..15], DESIGN_COLUMNS);
    let rows = read_csv(&out);
    let statuses: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["status"].as_str()).collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        [
            "achieved",
            "at risk",
            "missed",
            "no data",
            "off track",
            "on track"
        ]
    );
    // Both directions.
    let directions: Vec<&str> = rows.iter().map(|r| r["direction"].as_str()).collect();
    assert!(directions.contains(&"decrease") && directions.contains(&"increase"));
    // Every row is Fagersta's; the counts and populations of rates.csv give the exact test.
    assert!(rows.iter().all(|r| r["area"] == "1982"));
    let burglary = rows.iter().find(|r| r["goal"] == "bostadsinbrott").unwrap();
    assert_eq!(burglary["test"], "rate-ratio-exact");
    assert_eq!(burglary["significant"], "true");
    assert_eq!(burglary["milestone"], "met");
}

/// Compares `bra goals` on data/samples with the independent python computation.
fn check_against_reference(as_of: Option<&str>) {
    let mut args = vec!["--goals".to_string(), samples_goals()];
    if let Some(p) = as_of {
        args.extend(["--as-of".to_string(), p.to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let got = goals_csv(&args);
    let expected: Vec<HashMap<String, String>> =
        read_csv(&root().join("tests/reference/goal_cases.csv"))
            .into_iter()
            .filter(|r| r["as_of_option"] == as_of.unwrap_or(""))
            .collect();
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g["goal"], e["goal"]);
        for col in [
            "baseline",
            "target",
            "latest",
            "progress",
            "expected_progress",
            "slope",
            "projected",
        ] {
            let (a, b) = (&g[col], &e[col]);
            if b.is_empty() {
                assert!(
                    a.is_empty(),
                    "{} {col}: {a} where none was expected",
                    e["goal"]
                );
                continue;
            }
            let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
            assert!(
                (a - b).abs() <= REL_TOL * b.abs(),
                "{} {col}: {a} vs reference {b}",
                e["goal"]
            );
        }
        for col in [
            "as_of",
            "latest_period",
            "status",
            "milestone_period",
            "milestone",
        ] {
            assert_eq!(g[col], e[col], "{} {col}", e["goal"]);
        }
    }
}

#[test]
fn samples_match_the_python_reference() {
    check_against_reference(None);
}

#[test]
fn as_of_matches_the_python_reference() {
    check_against_reference(Some("2022"));
}

#[test]
fn samples_table_in_swedish_and_english() {
    bra()
        .args(["goals", "--goals", &samples_goals()])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Framsteg")
                .and(predicate::str::contains("Förväntat"))
                .and(predicate::str::contains("uppnått"))
                .and(predicate::str::contains(" i fas "))
                .and(predicate::str::contains(" risk "))
                .and(predicate::str::contains("ej i fas"))
                .and(predicate::str::contains("ej uppnått"))
                .and(predicate::str::contains("data saknas"))
                .and(predicate::str::contains("2023 ej uppnått"))
                // Swedish number format: a no-break space between thousands, a decimal comma.
                .and(predicate::str::contains("11\u{a0}975,8"))
                .and(predicate::str::contains("64\u{a0}%")),
        )
        // The missing cells of other kommuner in rates.csv concern no goal.
        .stderr(predicate::str::contains("1904").not());
    bra()
        .args([
            "--lang",
            "en",
            "goals",
            "--goals",
            &samples_goals(),
            "-o",
            "-",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Progress")
                .and(predicate::str::contains("on track"))
                .and(predicate::str::contains("off track"))
                .and(predicate::str::contains("11,975.8"))
                .and(predicate::str::contains("2022 met")),
        );
}

#[test]
fn json_and_parquet_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("goals.json");
    bra()
        .args(["goals", "--goals", &samples_goals(), "-o"])
        .arg(&json)
        .assert()
        .success();
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let misshandel = rows.iter().find(|r| r["goal"] == "misshandel").unwrap();
    assert_eq!(misshandel["status"], "missed");
    assert_eq!(misshandel["target"], 550.0);
    assert_eq!(misshandel["latest_period"], "2023");
    assert_eq!(misshandel["expected_progress"], 1.0);
    assert_eq!(misshandel["significant"], false);
    assert_eq!(misshandel["focus_area"], "threats-and-violence");
    let new_goal = rows
        .iter()
        .find(|r| r["goal"] == "skadegorelse-skolor")
        .unwrap();
    assert_eq!(new_goal["status"], "no data");
    assert!(new_goal["progress"].is_null() && new_goal["significant"].is_null());

    let parquet = dir.path().join("goals.parquet");
    bra()
        .args(["goals", "--goals", &samples_goals(), "-o"])
        .arg(&parquet)
        .assert()
        .success();
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

#[test]
fn methods_worked_example_end_to_end() {
    let rows = goals_csv(&[
        "--goals",
        &fixture("goals/worked.toml").display().to_string(),
    ]);
    let r = &rows[0];
    let num = |c: &str| r[c].parse::<f64>().unwrap();
    assert!((num("progress") - 0.40).abs() < 1e-12);
    assert!((num("expected_progress") - 0.50).abs() < 1e-12);
    assert!((num("slope") - -2.583333).abs() < 1e-6);
    assert!((num("projected") - 84.25).abs() < 1e-9);
    assert_eq!(r["status"], "at risk");
    assert_eq!(r["slope_method"], "sen");
    // Milestone 2021 = 96 and 2021 had 95: met.
    assert_eq!(
        (r["milestone_period"].as_str(), r["milestone"].as_str()),
        ("2021", "met")
    );
    // Values only: the change is not tested, and the warning says so.
    assert_eq!(r["significant"], "");
    bra()
        .args(["goals", "--goals"])
        .arg(fixture("goals/worked.toml"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "worked.toml:4: goal \"worked-example\": the change 2019 → 2022 was not tested",
        ));
}

#[test]
fn as_of_looks_back() {
    let goals = fixture("goals/worked.toml").display().to_string();
    let rows = goals_csv(&["--goals", &goals, "--as-of", "2020"]);
    assert_eq!(rows[0]["latest_period"], "2020");
    assert_eq!(rows[0]["slope_method"], "two-point");
    assert_eq!(rows[0]["milestone"], "");
    let rows = goals_csv(&["--goals", &goals, "--as-of", "2026"]);
    assert_eq!(rows[0]["status"], "missed");
    assert_eq!(rows[0]["latest_period"], "2022");
    bra()
        .args(["goals", "--goals", &goals, "--as-of", "next year"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "bra: --as-of: expected a period",
        ));
}

#[test]
fn data_from_the_command_line() {
    let goals = fixture("goals/no_data.toml").display().to_string();
    bra()
        .args(["goals", "--goals", &goals])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("give --data FILE"));
    let rows = goals_csv(&[
        "--goals",
        &goals,
        "--data",
        &fixture("goals/worked.csv").display().to_string(),
    ]);
    assert_eq!(rows[0]["status"], "at risk");
    // --data adds to the file's data: the same series twice is an error naming both files.
    bra()
        .args(["goals", "--goals"])
        .arg(fixture("goals/worked.toml"))
        .arg("--data")
        .arg(fixture("goals/worked.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is also in"));
}

#[test]
fn bad_goal_files_say_where() {
    let cases = [
        (
            "unknown_key.toml",
            ":26:1: goal \"bad\": unknown field `responsible`",
        ),
        (
            "missing_field.toml",
            ":15:1: goal \"bad\": missing field `deadline`",
        ),
        (
            "deadline_before_baseline.toml",
            ":24: goal \"bad\": deadline 2017 is not after the baseline period 2019",
        ),
        (
            "target_equals_baseline.toml",
            ":23: goal \"bad\": target 100 equals the baseline value 100",
        ),
        (
            "unknown_indicator.toml",
            ":20: goal \"bad\": indicator \"brott.rån\" is not in the data",
        ),
        (
            "area_not_in_data.toml",
            ":21: goal \"bad\": no data for area 1962 (Norberg)",
        ),
        (
            "syntax_error.toml",
            ":24:1: goal \"bad\": missing comma between key-value pairs",
        ),
    ];
    for (file, message) in cases {
        let path = fixture(&format!("goals/{file}"));
        bra()
            .args(["goals", "--goals"])
            .arg(&path)
            .assert()
            .code(1)
            .stderr(
                predicate::str::starts_with(format!("bra: {}{message}", path.display()))
                    .and(predicate::str::contains("panicked").not()),
            );
    }
    bra()
        .args(["goals", "--goals"])
        .arg(fixture("goals/does_not_exist.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does_not_exist.toml"));
}
