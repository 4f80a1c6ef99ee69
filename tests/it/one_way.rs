//! Issue 16, the last step: the readers keep a published standard error as data and Compute
//! makes its interval; every command loads tables through that step, so `bra import`,
//! `bra survey`, `bra compare` and `bra trend` see the same intervals as before.

use crate::{bra_csv_rows, sample};
use assert_cmd::Command;
use predicates::prelude::*;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

#[test]
fn import_writes_the_interval_of_a_standard_error() {
    let rows = bra_csv_rows(["import".as_ref(), sample("mu.csv").as_os_str()], "mu.csv");
    let first = &rows[0];
    assert_eq!(first["method"], "published-se");
    assert_eq!(first["level"], "0.95");
    // 58 ± 1.959964 × 1.9
    let lower: f64 = first["lower"].parse().unwrap();
    assert!((lower - 54.2760684293739).abs() < 1e-9, "{lower}");
    // The canonical columns only: the standard error is not a column of the output.
    assert!(!first.contains_key("se"));
}

#[test]
fn import_and_survey_give_the_same_interval() {
    let imported = bra_csv_rows(["import".as_ref(), sample("mu.csv").as_os_str()], "i.csv");
    let surveyed = bra_csv_rows(
        [
            "survey".as_ref(),
            "--input".as_ref(),
            sample("mu.csv").as_os_str(),
        ],
        "s.csv",
    );
    assert_eq!(imported.len(), surveyed.len());
    // The rows with a standard error (the others get their interval from `bra survey`).
    let with_se: Vec<_> = imported
        .iter()
        .filter(|i| i["method"] == "published-se")
        .collect();
    assert_eq!(with_se.len(), 6);
    for i in with_se {
        let s = surveyed
            .iter()
            .find(|s| {
                ["area", "period", "indicator"]
                    .iter()
                    .all(|k| s[*k] == i[*k])
            })
            .unwrap();
        for col in ["lower", "upper", "method", "level"] {
            assert_eq!(i[col], s[col], "{col}");
        }
    }
}

#[test]
fn a_level_the_interval_cannot_have_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mu.csv");
    std::fs::write(
        &file,
        "area,period,indicator,value,se,level\n1982,2023,mu.trygghet,55,2.1,0.95\n\
         1982,2021,mu.trygghet,60,2.0,100\n",
    )
    .unwrap();
    for cmd in ["import", "survey", "trend", "compare"] {
        let mut c = bra();
        c.arg(cmd);
        if cmd == "compare" {
            c.args(["--benchmark", "00"]);
        }
        if cmd != "import" {
            c.arg("--input");
        }
        c.arg(&file)
            .arg("-o")
            .arg(dir.path().join("out.csv"))
            .assert()
            .failure()
            .stderr(predicate::str::contains(
                "mu.csv:3: column \"level\": expected a confidence level strictly between 0 and 1",
            ));
    }
    // A negative standard error, and one that is not a number, are refused where they stand.
    for (se, want) in [
        (
            "-2",
            "mu.csv:2: column \"se\": expected a non-negative standard error, found \"-2\"",
        ),
        (
            "x",
            "mu.csv:2: column \"se\": expected a number, found \"x\"",
        ),
    ] {
        std::fs::write(
            &file,
            format!("area,period,indicator,value,se\n1982,2023,mu.trygghet,55,{se}\n"),
        )
        .unwrap();
        bra()
            .arg("import")
            .arg(&file)
            .assert()
            .failure()
            .stderr(predicate::str::contains(want));
    }
}
