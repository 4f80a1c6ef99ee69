//! Brå's statistics-database exports (Excel, .xls and .xlsx), Brå's older per-kommun CSV, city
//! districts as areas, and "no known layout" errors (issue 14, parts 1, 2, 3 and 6). The
//! fixtures are written by tests/fixtures/bra_export/make_fixtures.py.

use crate::real_data::real;
use crate::{CsvRow, bra_csv_rows, fixture};
use assert_cmd::Command;
use bra_indicators::{Layout, Observation, ReadOptions, WarningKind, read_table};
use std::path::Path;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

fn export(name: &str) -> std::path::PathBuf {
    fixture(&format!("bra_export/{name}"))
}

/// `bra import FILE -o out.csv`, its rows as maps from column name to cell.
fn import(file: &Path) -> Vec<CsvRow> {
    bra_csv_rows(
        [std::ffi::OsStr::new("import"), file.as_os_str()],
        "tidy.csv",
    )
}

fn find<'a>(rows: &'a [CsvRow], area: &str, period: &str, indicator: &str) -> &'a CsvRow {
    rows.iter()
        .find(|r| r["area"] == area && r["period"] == period && r["indicator"] == indicator)
        .unwrap_or_else(|| panic!("no row {area} {period} {indicator}"))
}

fn num(s: &str) -> Option<f64> {
    s.parse().ok()
}

#[test]
fn quarterly_export_with_districts_both_measures_and_footnotes() {
    let rows = import(&export("kvartal_districts.xls"));
    // 2 districts × 4 categories × 4 quarters; the footnotes are not rows.
    assert_eq!(rows.len(), 32);
    let m = find(&rows, "0180:bromma", "2024K1", "brott.misshandel");
    assert_eq!(
        (num(&m["count"]), num(&m["value"])),
        (Some(100.0), Some(120.0))
    );
    assert_eq!(m["method"], "published");
    // `..` is missing with its status, never 0.
    let s = find(&rows, "1480:centrum", "2024K3", "brott.misshandel");
    assert_eq!((s["count"].as_str(), s["value"].as_str()), ("", ""));
    assert_eq!(s["status"], "suppressed");
    // The hierarchy: `därav` under `8 kap.` under `8-12 kap.`; a path with no known tail
    // gets its slug.
    let b = find(&rows, "1480:centrum", "2024K4", "brott.bostadsinbrott");
    assert_eq!((num(&b["count"]), num(&b["value"])), (Some(6.0), Some(7.0)));
    let f = find(
        &rows,
        "0180:bromma",
        "2024K2",
        "brott.3_7_kap_brott_mot_person_4_kap_brott_mot_frihet_och_frid",
    );
    assert_eq!(num(&f["count"]), Some(201.0));
    // A zero is a zero.
    let z = find(&rows, "0180:bromma", "2024K4", "brott.vapenlagen");
    assert_eq!((num(&z["count"]), num(&z["value"])), (Some(0.0), Some(0.0)));
}

#[test]
fn import_reports_footnotes_and_new_categories() {
    bra()
        .arg("import")
        .arg(export("kvartal_districts.xls"))
        .args(["-o", "-", "--lang", "en"])
        .assert()
        .success()
        .stderr(predicates::str::contains("footnote on \"Vapenlagen\""))
        .stderr(predicates::str::contains(
            "footnote on \"Stadsdelsområde Bromma (Sthlm)\"",
        ))
        .stderr(predicates::str::contains(
            "unknown indicator \"Vapenlagen\"",
        ));
}

#[test]
fn yearly_xlsx_with_preliminary_year_and_only_counts() {
    let got = read_table(&export("helar_prel_antal.xlsx"), &ReadOptions::default()).unwrap();
    assert_eq!(got.layout, Layout::Workbook);
    let rows = got.table.rows();
    assert_eq!(rows.len(), 3 * 2 * 3);
    let get = |a: &str, p: &str, i: &str| -> &Observation {
        rows.iter()
            .find(|r| r.area == a && r.period.to_string() == p && r.indicator == i)
            .unwrap_or_else(|| panic!("{a} {p} {i}"))
    };
    let f = get("1982", "2024", "brott.totalt");
    assert_eq!(
        (f.count, f.value, f.method.as_deref()),
        (Some(1577.0), None, None)
    );
    let prel = get("1982", "2026", "brott.totalt");
    assert_eq!(prel.count, Some(1012.0));
    assert_eq!(prel.status.as_deref(), Some("preliminary"));
    assert_eq!(
        get("1982", "2025", "brott.brottsbalken").status.as_deref(),
        Some("suppressed")
    );
    let blank = get("19", "2026", "brott.brottsbalken");
    assert_eq!(
        (blank.count, blank.status.as_deref()),
        (None, Some("preliminary;missing"))
    );
    let nil = get("00", "2026", "brott.brottsbalken");
    assert_eq!(
        (nil.count, nil.status.as_deref()),
        (None, Some("preliminary;nil"))
    );
    assert_eq!(get("00", "2024", "brott.totalt").count, Some(1450655.0));
    assert_eq!(get("19", "2025", "brott.totalt").count, Some(30500.0));
    assert!(
        got.warnings
            .iter()
            .any(|w| w.kind == WarningKind::Preliminary)
    );
}

#[test]
fn monthly_rate_only_export_keeps_the_published_rate() {
    let rows = import(&export("manad_rate_only.xls"));
    assert_eq!(rows.len(), 12);
    let may = find(&rows, "1982", "2025M05", "brott.totalt");
    assert_eq!(
        (may["count"].as_str(), num(&may["value"])),
        ("", Some(940.0))
    );
    assert_eq!(may["method"], "published");
    let dec = find(&rows, "1982", "2025M12", "brott.totalt");
    assert_eq!(num(&dec["value"]), Some(1010.0));
}

#[test]
fn rates_for_city_districts_with_the_users_population() {
    let dir = tempfile::tempdir().unwrap();
    // The districts by Brå's name and by code; both years so that either population-year
    // convention finds one.
    let pop = dir.path().join("population.csv");
    std::fs::write(
        &pop,
        "area,period,population\n\
         Stadsdelsområde Bromma (Sthlm),2023,82000\n\
         Stadsdelsområde Bromma (Sthlm),2024,82500\n\
         1480:centrum,2023,101000\n\
         1480:centrum,2024,102000\n",
    )
    .unwrap();
    let out = dir.path().join("rates.csv");
    bra()
        .args(["rates", "--counts"])
        .arg(export("kvartal_districts.xls"))
        .arg("--population")
        .arg(&pop)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row = |area: &str, period: &str, ind: &str| {
        rows.iter()
            .find(|r| {
                &r[col("area")] == area
                    && &r[col("period")] == period
                    && &r[col("indicator")] == ind
            })
            .unwrap_or_else(|| panic!("{area} {period} {ind}"))
            .clone()
    };
    let b = row("0180:bromma", "2024K1", "brott.misshandel");
    assert_eq!(num(&b[col("count")]), Some(100.0));
    assert!(num(&b[col("rate")]).is_some_and(|v| v > 0.0), "{b:?}");
    assert!(num(&b[col("population")]).is_some(), "{b:?}");
    let c = row("1480:centrum", "2024K2", "brott.bostadsinbrott");
    assert_eq!(num(&c[col("count")]), Some(8.0));
    assert!(num(&c[col("rate")]).is_some_and(|v| v > 0.0), "{c:?}");
    // Suppressed counts stay without a rate.
    let s = row("1480:centrum", "2024K3", "brott.misshandel");
    assert_eq!((&s[col("count")], &s[col("rate")]), ("", ""));
}

#[test]
fn older_kommun_csv_keeps_a_repeated_block_once() {
    let got = read_table(&export("bra_older_kommun.csv"), &ReadOptions::default()).unwrap();
    assert_eq!(got.layout, Layout::BraWide);
    let rows = got.table.rows();
    // Falun, Heby (once), Fagersta; 2 categories (Fagersta 1); 4 periods.
    assert_eq!(rows.len(), 5 * 4);
    let get = |a: &str, p: &str, i: &str| -> &Observation {
        rows.iter()
            .find(|r| r.area == a && r.period.to_string() == p && r.indicator == i)
            .unwrap_or_else(|| panic!("{a} {p} {i}"))
    };
    let f = get("2080", "2013", "brott.totalt");
    assert_eq!(
        (f.count, f.value, f.method.as_deref()),
        (Some(6104.0), Some(10330.0), Some("published"))
    );
    // `Våldsbrott ` with its trailing space is the known category.
    let v = get("2080", "2013M01", "brott.vald");
    assert_eq!((v.count, v.value), (Some(55.0), Some(93.0)));
    assert_eq!(
        get("2080", "2014M01", "brott.vald").status.as_deref(),
        Some("suppressed")
    );
    assert_eq!(
        get("0331", "2014M01", "brott.vald").status.as_deref(),
        Some("nil")
    );
    assert_eq!(get("0331", "2014", "brott.totalt").count, Some(1050.0));
    assert_eq!(get("1982", "2013", "brott.totalt").count, Some(1534.0));
    let repeat = got
        .warnings
        .iter()
        .find(|w| w.message.contains("given twice with identical values"))
        .expect("a warning for Heby's repeated block");
    assert!(
        repeat.message.contains("line 6") && repeat.message.contains("line 9"),
        "{}",
        repeat.message
    );
}

#[test]
fn older_layout_saved_as_a_workbook() {
    let got = read_table(&export("older_layout.xlsx"), &ReadOptions::default()).unwrap();
    let rows = got.table.rows();
    assert_eq!(rows.len(), 2);
    let f = rows.iter().find(|r| r.area == "1982").expect("Fagersta");
    assert_eq!((f.count, f.value), (Some(1534.0), Some(11508.0)));
    assert_eq!(f.period.to_string(), "2013");
}

#[test]
fn older_kommun_csv_with_differing_duplicates_names_both_lines() {
    let name = "bra_older_kommun_conflict.csv";
    bra()
        .arg("import")
        .arg(export(name))
        .args(["-o", "-"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!("{name}:10:")))
        .stderr(predicates::str::contains("on line 7 and line 10"));
}

#[test]
fn a_workbook_with_no_known_layout_names_each_sheet_and_layout() {
    let out = bra()
        .arg("import")
        .arg(export("no_layout.xlsx"))
        .args(["-o", "-"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    for part in [
        "no_layout.xlsx: no known layout in any sheet",
        "tried Brå statistics-database export: expected",
        "tried NTU sheet: expected",
        "tried Brå indicator sheet: expected",
        "tried canonical: expected",
        "[Anteckningar]: found the header x | y",
        "[Blad2]: found the header Kommun | Värde?",
    ] {
        assert!(err.contains(part), "{part} not in {err}");
    }
    for internal in ["CSV error", "record with", "fields, but"] {
        assert!(!err.contains(internal), "{internal} in {err}");
    }
}

#[test]
fn a_csv_with_no_known_layout_names_the_layouts() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("odd.csv");
    std::fs::write(&f, "x;y\n1;2\n").unwrap();
    let out = bra()
        .arg("import")
        .arg(&f)
        .args(["-o", "-"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("odd.csv: no known layout; tried canonical: expected"),
        "{err}"
    );
    assert!(
        err.contains("tried Brå older per-kommun CSV: expected"),
        "{err}"
    );
    assert!(err.contains("found the header x;y"), "{err}");
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_statistics_database_export_cell_for_cell() {
    let file = real("bra-sol-excel-export_bromma+enskede_kvartal_2023-2025.xls");
    let got = read_table(&file, &ReadOptions::default()).unwrap();
    let rows = got.table.rows();
    // 2 districts × 31 categories × 12 quarters (2023K1-2025K4).
    assert_eq!(rows.len(), 744);
    let mut areas: Vec<&str> = rows.iter().map(|r| r.area.as_str()).collect();
    areas.sort();
    areas.dedup();
    assert_eq!(areas, ["0180:bromma", "0180:enskede_arsta_vantor"]);
    let mut indicators: Vec<&str> = rows.iter().map(|r| r.indicator.as_str()).collect();
    indicators.sort();
    indicators.dedup();
    assert_eq!(indicators.len(), 31);
    let get = |a: &str, p: &str, i: &str| -> &Observation {
        rows.iter()
            .find(|r| r.area == a && r.period.to_string() == p && r.indicator == i)
            .unwrap_or_else(|| panic!("{a} {p} {i}"))
    };
    // (area, period, indicator, Antal, /100 000 inv) as read with xlrd.
    let cells = [
        ("0180:bromma", "2023K1", "brott.misshandel", 121.0, 147.0),
        ("0180:bromma", "2025K4", "brott.misshandel", 135.0, 162.0),
        (
            "0180:bromma",
            "2023K1",
            "brott.skadegorelse",
            1169.0,
            1420.0,
        ),
        ("0180:bromma", "2025K1", "brott.skadegorelse", 802.0, 965.0),
        (
            "0180:bromma",
            "2025K4",
            "brott.brott_mot_trafikbrottslagen",
            99.0,
            119.0,
        ),
        (
            "0180:enskede_arsta_vantor",
            "2023K1",
            "brott.skadegorelse",
            2175.0,
            2095.0,
        ),
        (
            "0180:enskede_arsta_vantor",
            "2025K4",
            "brott.skadegorelse",
            2711.0,
            2576.0,
        ),
        (
            "0180:enskede_arsta_vantor",
            "2025K1",
            "brott.ovriga_specialstraffrattsliga_forfattningar",
            141.0,
            134.0,
        ),
        (
            "0180:enskede_arsta_vantor",
            "2023K1",
            "brott.misshandel",
            255.0,
            246.0,
        ),
    ];
    for (a, p, i, count, rate) in cells {
        let o = get(a, p, i);
        assert_eq!((o.count, o.value), (Some(count), Some(rate)), "{a} {p} {i}");
        assert_eq!(o.method.as_deref(), Some("published"));
        assert_eq!(o.status, None);
    }
    // The category paths: `därav` items under their chapter, chapters under their group.
    assert!(indicators.contains(&"brott.bostadsinbrott"));
    assert!(indicators.contains(&"brott.narkotika"));
    assert!(indicators.contains(
        &"brott.8_12_kap_brott_mot_formogenhet_8_kap_stold_ran_m_m_darav_cykeltillgrepp"
    ));
    assert!(indicators.contains(&"brott.3_7_kap_brott_mot_person_4_kap_brott_mot_frihet_och_frid"));
    // The four footnotes at the end are reported, not read as areas or data.
    let notes: Vec<_> = got
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("footnote on"))
        .collect();
    assert_eq!(notes.len(), 4);
}

#[test]
fn published_crime_rates_are_not_charted_as_percentages() {
    use bra_indicators::indicators::chart_data::{Selection, trend_data_from_table};
    let got = read_table(&export("manad_rate_only.xls"), &ReadOptions::default()).unwrap();
    let data = trend_data_from_table(&got.table, &Selection::default()).unwrap();
    assert_eq!(data.points.len(), 12);
    assert!(!data.format.percent, "{:?}", data.format);
}

/// `bra rates --counts <export> --population <SCB CSV> [extra]`, its rows as maps.
fn rates_rows(extra: &[&str]) -> Vec<CsvRow> {
    let (counts, population) = (export("helar_kommuner.xls"), export("folkmangd_scb.csv"));
    let mut args = vec!["rates".as_ref(), "--counts".as_ref(), counts.as_os_str()];
    args.extend(["--population".as_ref(), population.as_os_str()]);
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    bra_csv_rows(args, "rates.csv")
}

#[test]
fn rates_from_a_bra_export_and_an_scb_download_agree_with_bras_published_rates() {
    // Issue 14: the export's `/100 000 inv` column is Brå's own figure (count over the
    // population on 31 December of the year before, rounded); our rate from the same counts
    // and SCB's population download must give it back within rounding.
    let rows = rates_rows(&[]);
    // 5 areas x 2 categories x 2 years, none lost.
    assert_eq!(rows.len(), 20);
    for r in &rows {
        let rate = num(&r["rate"]).unwrap_or_else(|| panic!("no rate: {r:?}"));
        let published = num(&r["published_rate"]).unwrap_or_else(|| panic!("no Brå rate: {r:?}"));
        assert!(
            (rate - published).abs() <= 0.5,
            "{} {} {}: ours {rate}, Brå's {published}",
            r["area"],
            r["period"],
            r["indicator"]
        );
        let year: i32 = r["period"].parse().unwrap();
        assert_eq!(r["population_period"], (year - 1).to_string(), "{r:?}");
    }
    let fagersta = find(&rows, "1982", "2020", "brott.totalt");
    assert_eq!(num(&fagersta["count"]), Some(1577.0));
    assert_eq!(num(&fagersta["population"]), Some(13391.0));
    assert_eq!(num(&fagersta["published_rate"]), Some(11777.0));
    assert!((num(&fagersta["rate"]).unwrap() - 11776.567).abs() < 1e-3);
    assert!(num(&find(&rows, "00", "2021", "brott.misshandel")["rate"]).is_some());

    // The same year's population (the other convention) misses Brå's figures.
    let same = rates_rows(&["--population-year", "same"]);
    let off = same
        .iter()
        .filter(|r| (num(&r["rate"]).unwrap() - num(&r["published_rate"]).unwrap()).abs() > 0.5)
        .count();
    assert!(off >= 10, "only {off} of 20 rows differ from Brå's figures");
}
