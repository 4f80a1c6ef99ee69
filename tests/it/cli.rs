//! The `bra` binary end to end on data/samples and the fixtures.

use crate::{fixture, sample};
use assert_cmd::Command;
use predicates::prelude::*;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

fn rates_csv(counts: &std::path::Path, population: &std::path::Path) -> Vec<csv::StringRecord> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rates.csv");
    bra()
        .args(["rates", "--counts"])
        .arg(counts)
        .arg("--population")
        .arg(population)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header = r.headers().unwrap().clone();
    let mut rows = vec![header];
    rows.extend(r.records().map(Result::unwrap));
    rows
}

#[test]
fn rates_on_samples_gives_fagersta_2020() {
    let rows = rates_csv(&sample("counts.csv"), &sample("population.csv"));
    let header: Vec<&str> = rows[0].iter().collect();
    assert_eq!(
        &header[..15],
        [
            "area",
            "period",
            "indicator",
            "group",
            "count",
            "population",
            "population_period",
            "rate",
            "published_rate",
            "lower",
            "upper",
            "method",
            "level",
            "status",
            "source"
        ]
    );
    let row = rows
        .iter()
        .find(|r| &r[0] == "1982" && &r[1] == "2020" && &r[2] == "brott.totalt")
        .expect("Fagersta 2020");
    let rate: f64 = row[7].parse().unwrap();
    assert_eq!(
        rate.round(),
        11777.0,
        "Fagersta 2020: 1 577 / 13 391 (31 December 2019) × 100 000"
    );
    assert_eq!(&row[6], "2019", "Brå's convention: the year before");
    assert_eq!(&row[8], "", "no published rate in the input");
    assert_eq!(&row[11], "byar");
    assert_eq!(&row[12], "0.95");
    assert!(
        row[14].ends_with("population.csv at the end of 2019"),
        "source names the population file and year-end: {}",
        &row[14]
    );
    // Every row is kept: 12 areas × 10 years × 7 indicators.
    assert_eq!(rows.len() - 1, 840);
    // A suppressed cell stays missing with its reason, not 0.
    let sup = rows
        .iter()
        .find(|r| &r[0] == "1904" && &r[1] == "2019" && &r[2] == "brott.bostadsinbrott")
        .unwrap();
    assert_eq!((&sup[4], &sup[7], &sup[13]), ("", "", "suppressed"));
}

#[test]
fn monthly_and_quarterly_counts_use_their_calendar_year() {
    let rows = rates_csv(
        &fixture("counts_small.csv"),
        &fixture("population_small.csv"),
    );
    let pop_2021: f64 = rows
        .iter()
        .find(|r| &r[0] == "1982" && &r[1] == "2021" && &r[2] == "brott.totalt")
        .unwrap()[5]
        .parse()
        .unwrap();
    for period in ["2021M03", "2021K2"] {
        let r = rows
            .iter()
            .find(|r| &r[0] == "1982" && &r[1] == period)
            .unwrap();
        let (count, pop, rate): (f64, f64, f64) = (
            r[4].parse().unwrap(),
            r[5].parse().unwrap(),
            r[7].parse().unwrap(),
        );
        assert_eq!(pop, pop_2021, "{period}");
        assert_eq!(
            &r[6], "2020",
            "{period}: the end of the year before, as for 2021"
        );
        assert!(
            (rate - count / pop * 1e5).abs() < 1e-9,
            "{period}: per period, not annualised"
        );
    }
}

#[test]
fn rates_json_and_parquet_outputs() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["json", "parquet"] {
        let out = dir.path().join(format!("rates.{ext}"));
        bra()
            .args(["rates", "--counts"])
            .arg(fixture("counts_small.csv"))
            .arg("--population")
            .arg(fixture("population_small.csv"))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        assert!(out.metadata().unwrap().len() > 0);
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("rates.json")).unwrap()).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 26);
    assert_eq!(rows[0]["area"], "1982");
    assert!(rows[0]["rate"].as_f64().unwrap() > 0.0);
    assert_eq!(rows[0]["level"], 0.95);
    // Parquet files start and end with the magic bytes "PAR1".
    let pq = std::fs::read(dir.path().join("rates.parquet")).unwrap();
    assert_eq!(&pq[..4], b"PAR1");
    assert_eq!(&pq[pq.len() - 4..], b"PAR1");
}

#[test]
fn rates_table_on_the_terminal_in_swedish() {
    bra()
        .args(["rates", "--counts"])
        .arg(fixture("counts_small.csv"))
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Per 100 000"))
        .stdout(predicate::str::contains("Fagersta"))
        .stdout(predicate::str::contains("11\u{a0}776,6"));
}

#[test]
fn exact_and_level_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.csv");
    bra()
        .args([
            "rates", "--ci", "exact", "--level", "0.998", "--per", "1000", "--counts",
        ])
        .arg(fixture("counts_small.csv"))
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("1982,2020,brott.totalt"))
        .unwrap();
    assert!(line.contains(",exact,0.998,"), "{line}");
    let rate: f64 = line.split(',').nth(7).unwrap().parse().unwrap();
    assert!((rate - 1577.0 / 13391.0 * 1000.0).abs() < 1e-9);
}

#[test]
fn missing_population_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let pop = dir.path().join("pop.csv");
    std::fs::write(&pop, "area,period,population\n1982,2019,13391\n").unwrap();
    let out = dir.path().join("r.csv");
    bra()
        .args(["--lang", "en", "rates", "--counts"])
        .arg(fixture("counts_small.csv"))
        .arg("--population")
        .arg(&pop)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("24 rows without a population"))
        .stderr(predicate::str::contains(
            "no population for area 1982 at the end of 2018",
        ));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 27, "all 26 rows kept");
    assert_eq!(text.matches("no-population").count(), 24);
}

#[test]
fn bad_inputs_exit_1_with_file_and_line() {
    let cases = [
        (
            "bad/text_in_count.csv",
            "population_small.csv",
            "text_in_count.csv:4: column \"count\"",
        ),
        (
            "bad/unknown_municipality.csv",
            "population_small.csv",
            "unknown_municipality.csv:4: column \"area\": unknown area \"Atlantis\"",
        ),
        (
            "counts_small.csv",
            "bad/population_zero.csv",
            "population_zero.csv:5: column \"population\"",
        ),
        (
            "bad/empty.csv",
            "population_small.csv",
            "empty.csv: the file is empty",
        ),
    ];
    for (counts, pop, needle) in cases {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.csv");
        bra()
            .args(["rates", "--counts"])
            .arg(fixture(counts))
            .arg("--population")
            .arg(fixture(pop))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("bra: "))
            .stderr(predicate::str::contains(needle))
            .stderr(predicate::str::contains("panicked").not());
        assert!(!out.exists(), "no output file after an error");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no temporary file left"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    bra().args(["rates", "--counts"]).assert().code(2);
    bra()
        .args([
            "rates",
            "--counts",
            "x.csv",
            "--population",
            "y.csv",
            "--ci",
            "magic",
        ])
        .assert()
        .code(2);
    bra().args(["frobnicate"]).assert().code(2);
}

#[test]
fn an_output_name_without_a_table_format_is_refused_before_reading() {
    // The counts file does not exist: the output is checked first, as a usage error.
    for command in ["rates", "survey", "trend", "compare", "goals", "import"] {
        let assert = bra()
            .args([command, "-o", "/dev/null"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "expected an output file ending in .csv, .json, .parquet or .xlsx",
            ));
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(!stderr.contains("no-such"), "{command}: {stderr}");
    }
    bra()
        .args([
            "rates",
            "--counts",
            "no-such-file.csv",
            "--population",
            "no-such.csv",
        ])
        .args(["-o", "rates.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rates.txt").and(predicate::str::contains(".xlsx")));
    bra()
        .args(["profile", "--area", "1982", "-o", "profile.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "or a chart ending in .png or .svg",
        ));
}

#[test]
fn bad_level_and_missing_file_exit_1() {
    bra()
        .args(["rates", "--level", "1.5", "--counts"])
        .arg(fixture("counts_small.csv"))
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("strictly between 0 and 1"));
    bra()
        .args(["rates", "--counts", "no-such-file.csv", "--population"])
        .arg(fixture("population_small.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-file.csv"));
}

#[test]
fn brå_annual_file_needs_a_year() {
    // The year comes from the file name when there is one...
    bra()
        .args(["rates", "--counts"])
        .arg(fixture("bra_annual_2023.csv"))
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .assert()
        .success();
    // ... or from --period; with neither, a clear error.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("anmalda.csv");
    std::fs::write(&f, "Kommun;Antal;Per 100 000 inv.\nFagersta;1577;11777\n").unwrap();
    bra()
        .args(["rates", "--counts"])
        .arg(&f)
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--period"));
    bra()
        .args(["rates", "--period", "2020", "-o", "-", "--counts"])
        .arg(&f)
        .arg("--population")
        .arg(fixture("population_small.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("11\u{a0}776,6"));
}

#[test]
fn areas_lookup() {
    bra()
        .args(["areas", "Arjeplogs kommun"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2506"))
        .stdout(predicate::str::contains("Norrbottens län"));
    bra()
        .args(["areas", "Västmanlands län"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1982   Fagersta"));
    let all = bra()
        .arg("areas")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(all).unwrap().lines().count(),
        // header, riket, police regions, län, kommuner, the built-in city districts
        1 + 1 + 7 + 21 + 290 + 54
    );
    bra()
        .args(["areas", "Atlantis"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no area matches"));
}

#[test]
fn help_has_examples() {
    bra()
        .args(["rates", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn a_missing_file_is_named_once() {
    let out = bra()
        .args([
            "rates",
            "--counts",
            "no-such-file.csv",
            "--population",
            "no-such-pop.csv",
        ])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    assert!(err.starts_with("bra: no-such-file.csv: "), "{err}");
}
