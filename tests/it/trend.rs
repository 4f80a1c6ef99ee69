//! `bra trend` end to end: the METHODS.md reference series, gaps, quarters, options.

use crate::{fixture, sample};
use assert_cmd::Command;
use bra_indicators::stats::trend::{annual_percent_change, mann_kendall, sen_slope};
use bra_indicators::{
    Level, ReadOptions, TREND_COLUMNS, TrendOptions, read_table_bytes, trend_rows,
};
use predicates::prelude::*;
use std::collections::HashMap;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// Runs `bra trend` with `args` and reads the CSV it writes, keyed by "area indicator".
fn trend_csv(
    input: &std::path::Path,
    args: &[&str],
) -> (Vec<String>, HashMap<String, HashMap<String, String>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trend.csv");
    bra()
        .arg("trend")
        .arg("--input")
        .arg(input)
        .args(args)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let mut rows = HashMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let map: HashMap<String, String> = header
            .iter()
            .cloned()
            .zip(rec.iter().map(str::to_string))
            .collect();
        rows.insert(format!("{} {}", &rec[0], &rec[1]), map);
    }
    (header, rows)
}

fn num(row: &HashMap<String, String>, col: &str) -> f64 {
    row[col]
        .parse()
        .unwrap_or_else(|_| panic!("{col} = {:?}", row[col]))
}

#[test]
fn methods_reference_series_through_the_command() {
    let (header, rows) = trend_csv(&fixture("trend/methods_series.csv"), &[]);
    assert_eq!(header, TREND_COLUMNS);
    let r = &rows["1982 brott.totalt"];
    // METHODS.md: S = −37, Var = 125, z = −3.219938, p = 0.001282184, tau = −0.822222,
    // Sen slope −19.566667, 95 % CI (−23.05, −14.671429).
    assert_eq!(num(r, "mk_s"), -37.0);
    assert!((num(r, "mk_var_s") - 125.0).abs() < 1e-9);
    assert!((num(r, "mk_z") + 3.219938).abs() < 1e-6);
    assert!((num(r, "mk_tau") + 0.822222).abs() < 1e-6);
    assert!((num(r, "sen_slope") + 19.566667).abs() < 1e-6);
    assert!((num(r, "sen_lower") + 23.05).abs() < 1e-9);
    assert!((num(r, "sen_upper") + 14.671429).abs() < 1e-6);
    // n = 10 without ties: the exact p is used, and it is below the normal one here.
    assert_eq!(r["mk_p_method"], "exact");
    assert!(num(r, "mk_p") < 0.001282184);
    assert_eq!(r["direction"], "decreasing");
    assert_eq!(
        (r["first_period"].as_str(), r["last_period"].as_str()),
        ("2011", "2020")
    );
    // No counts: APC is empty (with a warning), as are the recent trend's intervals.
    assert_eq!(r["apc"], "");
    assert_eq!(r["recent_trend"], "cannot be calculated");
}

#[test]
fn quarters_with_a_gap_use_real_time_spacing() {
    let (_, rows) = trend_csv(&fixture("trend/methods_series.csv"), &[]);
    let r = &rows["1980 brott.totalt"];
    // t = 0, 0.25, 0.75, 1.0 years; values 10, 12, 15, 17; slopes per year.
    let t = [0.0, 0.25, 0.75, 1.0];
    let v = [10.0, 12.0, 15.0, 17.0];
    let sen = sen_slope(&t, &v, Level::P95).unwrap();
    assert!((num(r, "sen_slope") - sen.slope).abs() < 1e-12);
    // Pairwise slopes per year: 8, 20/3, 7, 6, 20/3, 8 → median (20/3 + 7)/2 = 41/6.
    assert!((num(r, "sen_slope") - 41.0 / 6.0).abs() < 1e-9);
    assert_eq!(r["n_periods"], "4");
    // Two points are too few for Mann-Kendall: empty, with the reason in the warnings.
    let s = &rows["1983 brott.totalt"];
    assert_eq!(s["mk_s"], "");
    assert_eq!(s["direction"], "");
}

#[test]
fn rates_output_gives_apc_and_agrees_with_direct_computation() {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.csv");
    bra()
        .args(["-q", "rates", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(sample("population.csv"))
        .arg("-o")
        .arg(&rates)
        .assert()
        .success();
    let (_, rows) = trend_csv(&rates, &[]);
    assert_eq!(rows.len(), 12 * 7, "one row per area × indicator");
    let r = &rows["1982 brott.totalt"];
    // The same series read straight from the sample files.
    let counts = std::fs::read_to_string(sample("counts.csv")).unwrap();
    let pops = std::fs::read_to_string(sample("population.csv")).unwrap();
    let pop: HashMap<&str, f64> = pops
        .lines()
        .filter(|l| l.starts_with("1982,"))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1], f[2].parse().unwrap())
        })
        .collect();
    let mut c = Vec::new();
    let mut p = Vec::new();
    for l in counts
        .lines()
        .filter(|l| l.starts_with("1982,") && l.contains(",brott.totalt,"))
    {
        let f: Vec<&str> = l.split(',').collect();
        c.push(f[3].parse::<f64>().unwrap());
        // Brå's convention: the population on 31 December of the year before.
        let year: i32 = f[1].parse().unwrap();
        p.push(pop[(year - 1).to_string().as_str()]);
    }
    let values: Vec<f64> = c.iter().zip(&p).map(|(c, p)| c / p * 1e5).collect();
    let t: Vec<f64> = (0..values.len()).map(|i| i as f64).collect();
    let mk = mann_kendall(&values).unwrap();
    let apc = annual_percent_change(&t, &c, &p, Level::P95).unwrap();
    assert_eq!(num(r, "mk_s"), mk.s as f64);
    assert!((num(r, "mk_p") - mk.p).abs() < 1e-15);
    assert!((num(r, "apc") - apc.apc).abs() < 1e-9);
    assert!((num(r, "apc_dispersion") - apc.dispersion).abs() < 1e-9);
    assert!(
        r["recent_trend"] != "cannot be calculated",
        "5 consecutive years with intervals"
    );
}

#[test]
fn method_and_period_options() {
    let (_, rows) = trend_csv(
        &fixture("trend/methods_series.csv"),
        &["--method", "sen", "--from", "2013", "--to", "2018"],
    );
    let r = &rows["1982 brott.totalt"];
    assert_eq!(r["n_periods"], "6");
    assert_eq!(r["mk_s"], "", "Mann-Kendall not asked for");
    assert_eq!(r["ols_slope"], "");
    assert!(!r["sen_slope"].is_empty());
    let direct = sen_slope(
        &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0],
        &[1533.7, 1470.2, 1452.9, 1460.0, 1401.5, 1388.2],
        Level::P95,
    )
    .unwrap();
    assert!((num(r, "sen_slope") - direct.slope).abs() < 1e-12);
}

#[test]
fn trend_table_in_swedish_and_bad_method() {
    bra()
        .args(["trend", "--input"])
        .arg(fixture("trend/methods_series.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("minskande"))
        .stdout(predicate::str::contains("Sen/år"))
        .stderr(predicate::str::contains(
            "APC needs a count and a population",
        ));
    bra()
        .args(["trend", "--method", "magic", "--input"])
        .arg(fixture("trend/methods_series.csv"))
        .assert()
        .code(2);
    bra()
        .args(["trend", "--from", "20x0", "--input"])
        .arg(fixture("trend/methods_series.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--from"));
}

/// Issue 18 (METHODS.md "Degenerate trends"): OLS without residual variance leaves the p-value
/// and the interval empty and says why; no NaN or inf reaches a cell.
#[test]
fn degenerate_series_give_empty_cells_and_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("degenerate.csv");
    let mut csv = String::from("area,period,indicator,value\n");
    for (k, year) in (2015..=2022).enumerate() {
        let k = k as f64;
        csv += &format!("0114,{year},brott.totalt,1234.5\n"); // constant
        csv += &format!("0115,{year},brott.totalt,{}\n", 100.0 + 2.5 * k); // straight line
        csv += &format!(
            "0120,{year},brott.totalt,{}\n",
            [5.0, 7.5, 6.0, 9.0][k as usize % 4] + k
        );
    }
    for (year, v) in [(2020, "0.1"), (2021, "0.2"), (2022, "0.3")] {
        csv += &format!("0123,{year},brott.totalt,{v}\n"); // three points on a line
    }
    csv += "0117,2019,brott.totalt,10\n0117,2021,brott.totalt,14\n"; // two points
    std::fs::write(&input, csv).unwrap();

    let out = dir.path().join("trend.csv");
    let assert = bra()
        .arg("trend")
        .arg("--input")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    // The command prints the first few warnings of a kind; the library gives them all.
    assert!(stderr.contains("OLS: the series is constant"), "{stderr}");
    let table = read_table_bytes(
        "degenerate.csv",
        std::fs::read(&input).unwrap().as_slice(),
        &ReadOptions::default(),
    )
    .unwrap();
    let (_, warnings) = trend_rows(&table.table, &TrendOptions::default()).unwrap();
    let warnings: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    let warned = |area: &str, text: &str| {
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("{area} brott.totalt")) && w.contains(text))
    };
    let (_, rows) = trend_csv(&input, &[]);
    let text = std::fs::read_to_string(&out).unwrap().to_lowercase();
    assert!(!text.contains("nan") && !text.contains("inf"), "{text}");

    for (area, slope, intercept, why) in [
        ("0114", 0.0, 1234.5, "the series is constant"),
        ("0115", 2.5, 100.0, "lie exactly on a straight line"),
        ("0123", 0.1, 0.1, "lie exactly on a straight line"),
        ("0117", 2.0, 10.0, "2 points leave no degrees of freedom"),
    ] {
        let r = &rows[&format!("{area} brott.totalt")];
        assert!((num(r, "ols_slope") - slope).abs() < 1e-12, "{area}: {r:?}");
        assert!(
            (num(r, "ols_intercept") - intercept).abs() < 1e-12,
            "{area}: {r:?}"
        );
        for col in ["ols_p", "ols_slope_lower", "ols_slope_upper"] {
            assert_eq!(r[col], "", "{area}: {col} must be empty, not {}", r[col]);
        }
        assert!(
            warned(area, "OLS: ") && warned(area, why),
            "{area}: no warning \"{why}\" in {warnings:#?}"
        );
    }
    // Mann-Kendall of the constant series: S = 0, p = 1 (as pymannkendall), no trend, and
    // tau-b (0/0) empty with a warning; Sen's slope 0 with the interval (0, 0).
    let c = &rows["0114 brott.totalt"];
    assert_eq!((num(c, "mk_s"), num(c, "mk_p")), (0.0, 1.0));
    assert_eq!(
        (c["mk_tau_b"].as_str(), c["direction"].as_str()),
        ("", "no trend")
    );
    assert!(warned("0114", "tau-b (0/0) is left empty"), "{warnings:#?}");
    assert_eq!((num(c, "sen_lower"), num(c, "sen_upper")), (0.0, 0.0));
    // An ordinary series keeps every OLS cell.
    let r = &rows["0120 brott.totalt"];
    let p = num(r, "ols_p");
    assert!(p > 0.0 && p < 1.0 && num(r, "ols_slope_lower") < num(r, "ols_slope_upper"));
    assert!(!warned("0120", "OLS"), "{warnings:#?}");
}
