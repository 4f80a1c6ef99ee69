//! SCB's files as analysts download them: the statistical database's CSV download and the
//! PxWeb API v1 plain json answer (as population and by `bra import`), and kommun codes that
//! lost their leading zero. Fixtures in tests/fixtures/scb; the real files in
//! ../shared/data/real (ignored tests).

use crate::fixture;
use crate::real_data::real;
use assert_cmd::Command;
use bra_indicators::{
    Format, Layout, ReadOptions, TextEncoding, WarningKind, read_population, read_table,
    read_table_bytes,
};
use std::path::{Path, PathBuf};

fn scb(name: &str) -> PathBuf {
    fixture(&format!("scb/{name}"))
}

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// `bra import` of `files` with `extra` arguments: the output rows (header first) and stderr.
fn import(files: &[PathBuf], extra: &[&str]) -> (Vec<csv::StringRecord>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tidy.csv");
    let got = bra()
        .arg("import")
        .args(files)
        .args(extra)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let mut rows = vec![r.headers().unwrap().clone()];
    rows.extend(r.records().map(Result::unwrap));
    (rows, stderr)
}

/// The row of `area`, `period`, `indicator`, `group` in `bra import` output.
fn row<'a>(rows: &'a [csv::StringRecord], key: [&str; 4]) -> Option<&'a csv::StringRecord> {
    rows.iter()
        .skip(1)
        .find(|r| (0..4).all(|i| &r[i] == key[i]))
}

fn num(r: &csv::StringRecord, i: usize) -> f64 {
    r[i].parse()
        .unwrap_or_else(|_| panic!("column {i} of {r:?} is not a number"))
}

// Columns of the canonical table.
const POPULATION: usize = 5;
const VALUE: usize = 6;
const STATUS: usize = 11;

#[test]
fn scb_csv_latin1_crlf_is_detected_and_imported() {
    let path = scb("folkmangd_kommun_latin1.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(Format::detect("x.csv", &bytes), Format::ScbCsv);
    let (rows, stderr) = import(&[path], &[]);
    assert!(
        stderr.contains("(SCB CSV, Windows-1252): 12 rader, 6 områden, 2 perioder (2019–2020)"),
        "{stderr}"
    );
    let väsby = row(&rows, ["0114", "2019", "scb.folkmangd", "total"]).expect("Upplands Väsby");
    assert_eq!(num(väsby, POPULATION), 46000.0);
    let västerås = row(&rows, ["1980", "2020", "scb.folkmangd", "total"]).expect("Västerås");
    assert_eq!(num(västerås, POPULATION), 154000.0);
    assert_eq!(
        num(
            row(&rows, ["19", "2020", "scb.folkmangd", "total"]).unwrap(),
            POPULATION
        ),
        279000.0
    );
    assert_eq!(
        num(
            row(&rows, ["00", "2019", "scb.folkmangd", "total"]).unwrap(),
            POPULATION
        ),
        10327589.0
    );
    let arboga = row(&rows, ["1984", "2020", "scb.folkmangd", "total"]).unwrap();
    assert_eq!(&arboga[POPULATION], "");
    assert_eq!(&arboga[STATUS], "suppressed");
    // The content is not in the file: taken from its name, and said so.
    assert!(
        stderr.contains("taken as Folkmängd (population) from the file name"),
        "{stderr}"
    );
}

#[test]
fn scb_csv_with_title_sex_column_and_footnote() {
    let (rows, stderr) = import(&[scb("folkmangd_kon_bom.csv")], &["--format", "scb-csv"]);
    assert!(stderr.contains("(SCB CSV, UTF-8 BOM): 8 rader"), "{stderr}");
    assert!(
        stderr.contains("folkmangd_kon_bom.csv:9: 1 footnote line(s) below the data"),
        "{stderr}"
    );
    let men = row(&rows, ["1982", "2019", "scb.folkmangd", "män"]).expect("Fagersta, män");
    assert_eq!(num(men, POPULATION), 6850.0);
    let women = row(&rows, ["0114", "2020", "scb.folkmangd", "kvinnor"]).unwrap();
    assert_eq!(num(women, POPULATION), 23700.0);
    // As population: men and women summed, with a warning naming the column and its values.
    let (pop, warnings) = read_population(&scb("folkmangd_kon_bom.csv")).unwrap();
    assert_eq!(pop.get("1982", 2019), Some(13391.0));
    assert_eq!(pop.get("0114", 2020), Some(47500.0));
    let sum = warnings
        .iter()
        .find(|w| w.message.contains("has no total value"))
        .expect("a warning about summing kön");
    let text = sum.to_string();
    assert!(
        text.ends_with(
            "folkmangd_kon_bom.csv:3: column \"kön\": \"kön\" has no total value: the population \
             is the sum over its 2 values (män, kvinnor)"
        ),
        "{text}"
    );
}

#[test]
fn scb_csv_with_a_column_per_content_and_year() {
    let (rows, stderr) = import(&[scb("folkmangd_folkokning_tab.csv")], &["--format", "csv"]);
    assert!(
        stderr.contains("(SCB CSV, UTF-8): 16 rader, 2 områden, 2 perioder (2019–2020), 2 indikatorer (scb.folkmangd, scb.folkokning)"),
        "{stderr}"
    );
    let total = row(&rows, ["1982", "2020", "scb.folkokning", "total"]).expect("Fagersta total");
    assert_eq!(num(total, VALUE), -141.0);
    let women = row(&rows, ["1982", "2019", "scb.folkokning", "kvinnor"]).unwrap();
    assert_eq!(num(women, VALUE), -8.0);
    assert_eq!(
        num(
            row(&rows, ["1980", "2020", "scb.folkmangd", "total"]).unwrap(),
            POPULATION
        ),
        155551.0
    );
    // Västerås has only its total: no rows for män and kvinnor.
    assert!(row(&rows, ["1980", "2020", "scb.folkmangd", "män"]).is_none());
    // As population: the total is taken, not summed with the parts (no warning about it).
    let (pop, warnings) = read_population(&scb("folkmangd_folkokning_tab.csv")).unwrap();
    assert_eq!(pop.get("1982", 2019), Some(13391.0));
    assert_eq!(pop.get("1980", 2020), Some(155551.0));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn pxweb_json_with_two_contents_and_sex() {
    let path = scb("pxweb_two_contents_kon.json");
    assert_eq!(
        Format::detect("x.json", &std::fs::read(&path).unwrap()),
        Format::PxWebJson
    );
    let (rows, stderr) = import(std::slice::from_ref(&path), &["--format", "pxweb-json"]);
    assert!(
        stderr.contains("(PxWeb JSON, UTF-8): 16 rader, 2 områden, 2 perioder (2019–2020), 2 indikatorer (scb.folkmangd, scb.folkokning); saknade värden: 0"),
        "{stderr}"
    );
    assert_eq!(
        num(
            row(&rows, ["1982", "2019", "scb.folkmangd", "män"]).unwrap(),
            POPULATION
        ),
        6850.0
    );
    assert_eq!(
        num(
            row(&rows, ["1982", "2020", "scb.folkokning", "kvinnor"]).unwrap(),
            VALUE
        ),
        -81.0
    );
    let (pop, warnings) = read_population(&path).unwrap();
    assert_eq!(pop.get("1982", 2019), Some(13391.0));
    assert_eq!(pop.get("0114", 2020), Some(47500.0));
    assert!(
        warnings.iter().any(|w| w.kind == WarningKind::Assumption
            && w.message
                == "\"kön\" (Kon) has no total value: the population is the sum over its 2 \
                    values (1 (män), 2 (kvinnor))"),
        "{warnings:?}"
    );
}

#[test]
fn pxweb_json_with_a_total_and_code_name_keys() {
    let (pop, warnings) = read_population(&scb("pxweb_total.json")).unwrap();
    assert_eq!(pop.get("1982", 2019), Some(13391.0)); // 1+2, not 6850 + 6541 + 13391
    assert_eq!(pop.get("19", 2019), Some(278000.0));
    assert_eq!(pop.get("00", 2019), Some(10327589.0));
    assert!(warnings.is_empty(), "{warnings:?}");
    let (rows, _) = import(&[scb("pxweb_total.json")], &[]);
    assert_eq!(
        num(
            row(&rows, ["1982", "2019", "scb.folkmangd", "total"]).unwrap(),
            POPULATION
        ),
        13391.0
    );
    assert_eq!(
        num(
            row(&rows, ["1982", "2019", "scb.folkmangd", "kvinnor"]).unwrap(),
            POPULATION
        ),
        6541.0
    );
}

#[test]
fn pxweb_json_missing_cells_keep_their_status() {
    let (pop, warnings) = read_population(&scb("pxweb_missing.json")).unwrap();
    assert_eq!(pop.get("1982", 2020), Some(13250.0));
    assert_eq!(pop.get("1984", 2019), Some(14000.0));
    assert_eq!(pop.get("1984", 2020), None);
    assert!(
        warnings.iter().any(|w| w
            .message
            .contains("population of 1984 2020 is missing (suppressed)")),
        "{warnings:?}"
    );
    let (rows, stderr) = import(&[scb("pxweb_missing.json")], &[]);
    assert!(
        stderr.contains("saknade värden: 1 (suppressed 1)"),
        "{stderr}"
    );
    assert_eq!(
        &row(&rows, ["1984", "2020", "scb.folkmangd", "total"]).unwrap()[STATUS],
        "suppressed"
    );
}

/// A row of `bra rates` output: area, population, rate, count.
type RateRow = (String, Option<f64>, Option<f64>, f64);

/// `bra rates --counts <counts> --population <population>`: for each area, the population used
/// and the rate. Which year's population a count uses is the rates computation's business
/// (end of the previous year, or the same year): the expectations hold under either.
fn rates(counts: &Path, population: &Path) -> (Vec<RateRow>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rates.csv");
    let got = bra()
        .args(["rates", "--counts"])
        .arg(counts)
        .arg("--population")
        .arg(population)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let h = r.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (a, c, p, rate) = (col("area"), col("count"), col("population"), col("rate"));
    let rows = r
        .records()
        .map(Result::unwrap)
        .map(|x| {
            (
                x[a].to_string(),
                x[p].parse().ok(),
                x[rate].parse().ok(),
                x[c].parse().unwrap(),
            )
        })
        .collect();
    (rows, stderr)
}

fn check_rate(rows: &[(String, Option<f64>, Option<f64>, f64)], area: &str, populations: [f64; 2]) {
    let (_, pop, rate, count) = rows.iter().find(|r| r.0 == area).expect(area);
    let pop = pop.unwrap_or_else(|| panic!("{area} has no population"));
    assert!(
        populations.contains(&pop),
        "{area}: {pop} not in {populations:?}"
    );
    let rate = rate.unwrap();
    assert!((rate - count / pop * 1e5).abs() < 1e-6, "{area}: {rate}");
}

#[test]
fn rates_with_an_scb_csv_population() {
    let (rows, stderr) = rates(
        &scb("counts_short_codes.csv"),
        &scb("folkmangd_kon_bom.csv"),
    );
    // Men and women summed, for 2019 and 2020.
    check_rate(&rows, "1982", [13391.0, 13250.0]);
    check_rate(&rows, "0114", [46000.0, 47500.0]);
    assert!(stderr.contains("\"kön\" has no total value"), "{stderr}");
}

#[test]
fn rates_with_a_pxweb_json_population() {
    let (rows, stderr) = rates(
        &scb("counts_short_codes.csv"),
        &scb("pxweb_two_contents_kon.json"),
    );
    check_rate(&rows, "1982", [13391.0, 13250.0]);
    check_rate(&rows, "0114", [46000.0, 47500.0]);
    assert!(
        stderr.contains("\"kön\" (Kon) has no total value"),
        "{stderr}"
    );
}

#[test]
fn codes_without_the_leading_zero_are_padded_with_one_warning() {
    let counts = scb("counts_short_codes.csv");
    let (rows, stderr) = import(std::slice::from_ref(&counts), &[]);
    let areas: Vec<&str> = rows.iter().skip(1).map(|r| &r[0]).collect();
    assert_eq!(areas, ["0114", "0180", "1982"]);
    assert_eq!(
        stderr
            .matches(
                "2 rows: kommun codes without the leading zero (114 → 0114, 180 → 0180) were padded"
            )
            .count(),
        1,
        "{stderr}"
    );
    // The fast reader declines such a file, so the path and the bytes give the same result.
    let by_path = read_table(&counts, &ReadOptions::default()).unwrap();
    let by_bytes = read_table_bytes(
        &counts.display().to_string(),
        &std::fs::read(&counts).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(by_path.table.rows(), by_bytes.table.rows());
    assert_eq!(by_path.warnings.len(), 1);
    assert_eq!(by_path.warnings[0].message, by_bytes.warnings[0].message);

    let (pop, warnings) = read_population(&scb("population_short_codes.csv")).unwrap();
    assert_eq!(pop.get("0114", 2019), Some(46000.0));
    assert_eq!(pop.get("0180", 2020), Some(975277.0));
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .starts_with("4 rows: kommun codes without the leading zero")
    );
}

#[test]
fn a_short_code_beside_the_full_one_is_an_unknown_area() {
    let err = read_population(&scb("population_short_ambiguous.csv"))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with(
            "population_short_ambiguous.csv:4: column \"area\": unknown area \"114\": expected a \
             kommun, län or riket name or code (list them with `bra areas`); \"114\" would be 0114 \
             without its leading zero, but 0114 is also in the file (line 2), so it is not taken \
             as 0114"
        ),
        "{err}"
    );
}

#[test]
fn a_file_of_another_layout_names_what_was_tried() {
    let got = bra()
        .args(["import", "--format", "scb-csv"])
        .arg(scb("counts_short_codes.csv"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
    assert!(
        stderr.contains("counts_short_codes.csv: no known layout; tried SCB CSV: expected an SCB statistical-database CSV download: a header \"region\",\"2017\""),
        "{stderr}"
    );
    let got = bra()
        .args(["import", "--format", "pxweb-json"])
        .arg(scb("folkmangd_kon_bom.csv"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
    assert!(stderr.contains("folkmangd_kon_bom.csv"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let got = bra()
        .args(["import", "--format", "pxweb-json"])
        .arg(crate::sample("population.csv"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
    assert!(stderr.contains("population.csv"), "{stderr}");
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_scb_csv_download() {
    let path = real("scb-web-csv-export_folkmangd-kommun-2017_latin1.csv");
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(got.layout, Layout::ScbCsv);
    assert_eq!(got.encoding, TextEncoding::Windows1252);
    assert_eq!(got.table.len(), 290);
    let (pop, warnings) = read_population(&path).unwrap();
    for (code, n) in [
        ("0114", 44605.0), // "0114 Upplands Väsby",44605
        ("0115", 33175.0),
        ("0180", 949761.0),
        ("0331", 13854.0),
        ("0980", 58595.0),
        ("1480", 564039.0),
        ("1982", 13415.0),
        ("2582", 28181.0),
        ("2584", 23116.0),
    ] {
        assert_eq!(pop.get(code, 2017), Some(n), "{code}");
    }
    assert!(warnings.is_empty(), "{warnings:?}");
    let (rows, stderr) = import(&[path], &[]);
    assert!(
        stderr.contains("(SCB CSV, Windows-1252): 290 rader, 290 områden, 1 perioder (2017)"),
        "{stderr}"
    );
    assert_eq!(
        num(
            row(&rows, ["0117", "2017", "scb.folkmangd", "total"]).unwrap(),
            POPULATION
        ),
        44130.0 // "0117 Österåker",44130
    );
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_pxweb_api_v1_json() {
    let path = real("scb-pxweb-api-v1-json_befolkning_1384_2015-2024.json");
    let (pop, warnings) = read_population(&path).unwrap();
    // Kungsbacka, men + women: 42694 + 43098 (2024), 39382 + 39762 (2015).
    assert_eq!(pop.get("1384", 2024), Some(85792.0));
    assert_eq!(pop.get("1384", 2015), Some(79144.0));
    assert_eq!(pop.get("1384", 2020), Some(42300.0 + 42630.0));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].message,
        "\"kön\" (Kon) has no total value: the population is the sum over its 2 values (1 (män), \
         2 (kvinnor))"
    );
    let (rows, stderr) = import(&[path], &[]);
    assert!(
        stderr.contains("(PxWeb JSON, UTF-8): 40 rader, 1 områden, 10 perioder (2015–2024), 2 indikatorer (scb.folkmangd, scb.folkokning); saknade värden: 0"),
        "{stderr}"
    );
    assert_eq!(
        num(
            row(&rows, ["1384", "2024", "scb.folkmangd", "män"]).unwrap(),
            POPULATION
        ),
        42694.0
    );
    assert_eq!(
        num(
            row(&rows, ["1384", "2023", "scb.folkokning", "män"]).unwrap(),
            VALUE
        ),
        -83.0
    );
    assert_eq!(
        num(
            row(&rows, ["1384", "2023", "scb.folkokning", "kvinnor"]).unwrap(),
            VALUE
        ),
        -65.0
    );
}

#[test]
fn broken_scb_files_get_messages_with_place_and_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 9] = [
        (
            "bad_number.csv",
            b"\"region\",\"2019\"\r\n\"1982 Fagersta\",13 391\r\n\"1980 V\xe4ster\xe5s\",12a\r\n",
            "bad_number.csv:3: column \"2019\": expected a number, found \"12a\"",
        ),
        (
            "short_row.csv",
            b"region;2019;2020\n1982 Fagersta;13391\n",
            "short_row.csv:2: expected 3 cells separated by ';' as in the header (line 1), found 2",
        ),
        (
            "unknown_area.csv",
            b"region,2019\n9999 Nowhere,1\n",
            "unknown_area.csv:2: column \"region\": unknown area \"9999 Nowhere\"",
        ),
        (
            "open_quote.csv",
            b"region,2019\n\"1982 Fagersta,13391\n0114,2\n",
            "open_quote.csv:2: cell 1 runs over several lines: a quote (\") left open?",
        ),
        (
            "truncated.json",
            br#"{"columns":[{"code":"Region","type":"d"},{"code":"Tid","type":"t"}],"data":[{"key":["1982","20"#,
            "truncated.json:1: the JSON ends too early",
        ),
        (
            "key_length.json",
            br#"{"columns":[{"code":"Region","type":"d"},{"code":"Tid","type":"t"}],"data":[{"key":["1982"],"values":["1"]}]}"#,
            "key_length.json: column \"data[0].key\": 1 codes: expected one per variable column (2: Region, Tid)",
        ),
        (
            "values_type.json",
            br#"{"columns":[{"code":"Region","type":"d"},{"code":"Tid","type":"t"}],"data":[{"key":["1982","2020"],"values":[true]}]}"#,
            "values_type.json: column \"data[0].values[0]\": expected a number as text",
        ),
        (
            "bad_time.json",
            br#"{"columns":[{"code":"Region","type":"d"},{"code":"Tid","type":"t"}],"data":[{"key":["1982","20x0"],"values":["1"]}]}"#,
            "expected a period such as 2020",
        ),
        (
            "columns_not_array.json",
            br#"{"columns":{"code":"Region"},"data":[]}"#,
            "columns_not_array.json",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let counts = scb("counts_short_codes.csv");
        let counts = counts.to_str().unwrap();
        for args in [
            vec!["import"],
            vec!["rates", "--counts", counts, "--population"],
        ] {
            let got = bra().args(&args).arg(&path).assert().failure();
            let stderr = String::from_utf8_lossy(&got.get_output().stderr).to_string();
            assert!(stderr.contains(want), "{name} ({}): {stderr}", args[0]);
            for internal in [
                "CSV error",
                "record with",
                "invalid type",
                "panicked",
                "serde",
            ] {
                assert!(!stderr.contains(internal), "{name}: {stderr}");
            }
            assert!(stderr.contains("expected"), "{name}: {stderr}");
        }
    }
}
