//! Tests on the real public files in ../shared/data/real. Ignored by default so that a plain
//! clone passes; `.ci/run` runs them with `--include-ignored` and fails if the folder is missing.

use crate::root;
use bra_indicators::{AreaKind, AreaRegistry, Layout, ReadOptions, read_table};
use std::path::PathBuf;

/// A file in ../shared/data/real (the folder must exist).
pub fn real(name: &str) -> PathBuf {
    let dir = root().join("../shared/data/real");
    assert!(
        dir.is_dir(),
        "../shared/data/real is missing: these tests need the shared folder beside the checkout"
    );
    dir.join(name)
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn builtin_areas_agree_with_the_cc0_list() {
    let text = std::fs::read_to_string(real("swedish-geodata_municipalities.csv")).unwrap();
    let reg = AreaRegistry::builtin();
    let mut n = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (code, long, short, county) = (f[0], f[1], f[2], f[3]);
        let a = reg.get(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(a.kind, AreaKind::Kommun);
        assert_eq!(a.name, short);
        assert_eq!(a.parent.as_deref(), Some(county), "{code}");
        // The long names there are generated genitives, partly wrong ("Kalmars kommun"),
        // yet each still finds its kommun.
        assert_eq!(reg.code_of(long), Some(code), "{long}");
        n += 1;
    }
    assert_eq!(n, 290);
    let counties = std::fs::read_to_string(real("swedish-geodata_counties.csv")).unwrap();
    for line in counties.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(reg.get(f[0]).map(|a| a.name.as_str()), Some(f[1]));
        assert!(reg.code_of(f[2]).is_some(), "{}", f[2]);
    }
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn sol_names_all_resolve() {
    // Brå SOL's own labels ("Fagersta kommun", "Gotland kommun", both Heby rows).
    let text = std::fs::read_to_string(real("bra-sol_region_ids_municipalities.csv")).unwrap();
    let reg = AreaRegistry::builtin();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.splitn(3, ',').collect();
        let label = f[2].trim_matches('"');
        assert!(reg.code_of(label).is_some(), "{label}");
        assert!(reg.code_of(f[1]).is_some(), "{}", f[1]);
    }
    assert_eq!(
        reg.code_of("Heby kommun (Västmanlands län tom 2006)"),
        Some("0331")
    );
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_boden_sol_export() {
    let got = read_table(
        &real("bra-sol-derived_boden_2026-08_subset.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(got.layout, Layout::SolLong);
    let total = got
        .table
        .rows()
        .iter()
        .find(|r| r.indicator == "brott.totalt")
        .unwrap();
    assert_eq!(total.area, "2582");
    assert_eq!(total.period.to_string(), "2026M08");
    assert_eq!(total.count, Some(225.0));
    assert!(
        total
            .status
            .as_deref()
            .unwrap_or("")
            .contains("preliminary")
    );
    let bb = got
        .table
        .rows()
        .iter()
        .find(|r| r.indicator == "brott.brottsbalken")
        .unwrap();
    let special = got
        .table
        .rows()
        .iter()
        .find(|r| r.indicator == "brott.specialstraffratt")
        .unwrap();
    assert_eq!(bb.count.unwrap() + special.count.unwrap(), 225.0);
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_goteborg_export() {
    let got = read_table(
        &real("bra-sol-derived_goteborg_kommun_subset.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(got.table.rows().iter().all(|r| r.area.starts_with("1480")));
    assert!(
        got.table
            .rows()
            .iter()
            .any(|r| r.indicator == "brott.totalt" && r.count == Some(90659.0))
    );
    // The stadsområden (bare `Centrum`, `Hisingen` …) are areas of Göteborg.
    assert!(got.table.rows().iter().any(|r| r.area == "1480:centrum"
        && r.period.to_string() == "2023"
        && r.count == Some(39109.0)));
    assert_eq!((got.skipped, got.table.len()), (0, 30));
}
