//! Issue 16 (goals, report, language, labels, columns, messages): the library's messages
//! speak of its own inputs and the CLI adds its flags; warnings carry their area; the goals
//! and report loaders read what Compute is handed.

use crate::sample;
use assert_cmd::Command;
use bra_indicators::{Error, RateOptions, Warning, WarningKind, evaluate_goals, rates};
use predicates::prelude::*;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

#[test]
fn a_bad_multiplier_names_the_setting_and_the_cli_names_the_flag() {
    let options = RateOptions {
        per: -1.0,
        ..RateOptions::default()
    };
    let err = rates(&Default::default(), &Default::default(), &options).unwrap_err();
    assert!(matches!(err, Error::Setting { setting: "per", .. }));
    assert!(!err.to_string().contains("--"), "{err}");
    bra()
        .args(["rates", "--per", "0", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(sample("population.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the rate multiplier `per`: expected a positive number, found 0 (set with --per)",
        ));
}

#[test]
fn goals_without_data_name_the_data_flag_only_in_the_cli() {
    let err = bra_indicators::read_goal_data(&[]).unwrap_err();
    assert!(!err.to_string().contains("--data"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("goals.toml"))
        .unwrap()
        .replace("data = [\"rates.csv\"]", "data = []");
    let goals = dir.path().join("goals.toml");
    std::fs::write(&goals, text).unwrap();
    bra()
        .args(["goals", "--goals"])
        .arg(&goals)
        .assert()
        .failure()
        .stderr(predicate::str::contains("or give --data FILE"));
}

#[test]
fn the_goals_loader_reads_and_compute_evaluates_what_it_is_handed() {
    let file = bra_indicators::read_goals(&sample("goals.toml")).unwrap();
    let (data, _) = bra_indicators::read_goal_data(&file.data).unwrap();
    let results = evaluate_goals(&file, &data, None).unwrap();
    assert_eq!(results.results.len(), file.goals.len());
    // Every warning of the evaluation says which goal's area and indicator it is about.
    for w in &results.warnings {
        let goal = file
            .goals
            .iter()
            .find(|g| w.message.contains(&format!("goal \"{}\"", g.id)))
            .unwrap();
        assert_eq!(w.area.as_deref(), Some(goal.area.as_str()), "{w}");
        assert_eq!(w.indicator.as_deref(), Some(goal.indicator.as_str()), "{w}");
    }
}

#[test]
fn reading_warnings_carry_the_area_and_indicator_of_the_cell() {
    let csv = "area,period,indicator,count\n1982,2020,brott.totalt,..\n0180,2020,brott.totalt,5\n";
    let read = bra_indicators::read_table_bytes(
        "counts.csv",
        csv.as_bytes(),
        &bra_indicators::ReadOptions::default(),
    )
    .unwrap();
    let missing: Vec<&Warning> = read
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::MissingValue)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].is_about_area("1982"));
    assert_eq!(missing[0].indicator.as_deref(), Some("brott.totalt"));
}
