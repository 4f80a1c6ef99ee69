//! Readers on the hand-made fixtures in tests/fixtures (modelled on the real formats).

use crate::fixture;
use bra_indicators::{
    Layout, Period, ReadOptions, TextEncoding, WarningKind, read_population, read_table,
};

fn read(name: &str) -> bra_indicators::Ingested {
    read_table(&fixture(name), &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn count_of(
    got: &bra_indicators::Ingested,
    area: &str,
    period: &str,
    indicator: &str,
) -> Option<f64> {
    let p: Period = period.parse().unwrap();
    got.table
        .rows()
        .iter()
        .find(|r| r.area == area && r.period == p && r.indicator == indicator)
        .unwrap_or_else(|| panic!("no row {area} {period} {indicator}"))
        .count
}

#[test]
fn bra_annual_file_with_header_bom_crlf_and_spaces() {
    let got = read("bra_annual_2023.csv");
    assert_eq!(got.layout, Layout::BraAnnual);
    assert_eq!(got.encoding, TextEncoding::Utf8Bom);
    assert_eq!(got.table.len(), 9);
    assert_eq!(
        count_of(&got, "1490", "2023", "brott.totalt"),
        Some(11902.0)
    ); // "11 902"
    assert_eq!(
        count_of(&got, "1980", "2023", "brott.totalt"),
        Some(19938.0)
    ); // no-break space
    assert_eq!(count_of(&got, "2023", "2023", "brott.totalt"), Some(1432.0)); // Malung-Sälen
    assert_eq!(
        count_of(&got, "00", "2023", "brott.totalt"),
        Some(1450655.0)
    ); // Hela landet
    let row = got.table.rows().iter().find(|r| r.area == "1982").unwrap();
    assert_eq!(row.value, Some(11050.0)); // the published rate is kept as `value`
}

#[test]
fn bra_annual_2021_without_header_reads_city_districts_as_areas() {
    let got = read("bra_annual_2021_noheader.csv");
    assert_eq!(got.layout, Layout::BraAnnualNoHeader);
    // Stockholm's stadsdelsområden, bare as the 2021 file writes them, are areas of 0180.
    assert_eq!(got.skipped, 0);
    assert!(
        !got.warnings
            .iter()
            .any(|w| w.kind == WarningKind::NotAnArea)
    );
    for (code, n) in [
        ("0180:spanga_tensta", 4602.0),
        ("0180:hasselby_vallingby", 7811.0),
        ("0180:rinkeby_kista", 8340.0),
    ] {
        assert_eq!(
            count_of(&got, code, "2021", "brott.totalt"),
            Some(n),
            "{code}"
        );
    }
    assert!(
        !got.table.rows().iter().any(|r| r.area == "0127"),
        "Botkyrka is not in the file"
    );
    let cases = [
        ("1440", 2731.0),   // Ale kommun
        ("2506", 214.0),    // Arjeplogs kommun (genitive)
        ("1490", 11385.0),  // Borås kommun (ends in s)
        ("2080", 6104.0),   // Falu kommun
        ("2023", 1306.0),   // Malung–Sälens kommun (en dash)
        ("0980", 6521.0),   // Region Gotland
        ("0180", 197623.0), // Stockholms stad
        ("1980", 19938.0),  // Västerås stad
    ];
    for (code, n) in cases {
        assert_eq!(
            count_of(&got, code, "2021", "brott.totalt"),
            Some(n),
            "{code}"
        );
    }
}

#[test]
fn sol_long_export_with_paths_preliminary_and_suppressed_cells() {
    let got = read("sol_long.csv");
    assert_eq!(got.layout, Layout::SolLong);
    assert_eq!(got.encoding, TextEncoding::Utf8Bom);
    assert_eq!(
        count_of(&got, "1982", "2025K4", "brott.totalt"),
        Some(372.0)
    );
    assert_eq!(
        count_of(&got, "1982", "2025K4", "brott.misshandel"),
        Some(22.0)
    );
    assert_eq!(count_of(&got, "1982", "2025K4", "brott.person"), Some(71.0));
    assert!(count_of(&got, "2582", "2025M12", "brott.brottsbalken").is_some());
    // January 2026 is preliminary; Fagersta's misshandel that month is suppressed.
    let jan: Period = "2026M01".parse().unwrap();
    let row = got
        .table
        .rows()
        .iter()
        .find(|r| r.area == "1982" && r.period == jan && r.indicator == "brott.misshandel")
        .unwrap();
    assert_eq!(row.count, None);
    let status = row.status.as_deref().unwrap();
    assert!(
        status.contains("suppressed") && status.contains("preliminary"),
        "{status}"
    );
    assert!(
        got.warnings
            .iter()
            .any(|w| w.kind == WarningKind::Preliminary)
    );
}

#[test]
fn goteborg_long_shape_with_city_districts() {
    let got = read("gbg_long.csv");
    // The stadsområden are areas of Göteborg (1480), not skipped.
    assert_eq!(got.skipped, 0);
    assert_eq!(
        count_of(&got, "1480:centrum", "2025", "brott.totalt"),
        Some(35214.0)
    );
    assert_eq!(
        count_of(&got, "1480:hisingen", "2025", "brott.totalt"),
        Some(20057.0)
    );
    assert_eq!(
        count_of(&got, "1480", "2024", "brott.totalt"),
        Some(87954.0)
    );
    assert_eq!(
        count_of(&got, "1480", "2025", "brott.misshandel"),
        Some(5612.0)
    );
    // Unknown labels get a deterministic slug, with a warning once per label.
    assert_eq!(
        count_of(&got, "1480", "2023", "brott.bostadsinbrott_villa"),
        Some(196.0)
    );
    let unknown = got
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UnknownIndicator)
        .count();
    assert_eq!(unknown, 2);
}

#[test]
fn windows_1252_file_with_semicolons_and_names() {
    let got = read("counts_cp1252.csv");
    assert_eq!(got.encoding, TextEncoding::Windows1252);
    assert!(
        got.table.rows().iter().any(|r| r.area == "1980"),
        "Västerås decoded and matched"
    );
    assert!(
        got.table.rows().iter().any(|r| r.area == "1983"),
        "Köping decoded and matched"
    );
    assert_eq!(got.table.len(), 12);
}

/// Excel's "Unicode text" export: tab-separated UTF-16LE with a byte-order mark and CRLF.
#[test]
fn utf16_unicode_text_from_excel() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Anmälda brott i kommunerna 2023.txt");
    let text = "\u{feff}Kommun\tAntal\tPer 100 000 inv.\r\nVästerås\t12 345\t7 860\r\nFagersta\t1 601\t11 953\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&path, bytes).unwrap();
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(got.encoding, TextEncoding::Utf16);
    assert_eq!(got.layout, Layout::BraAnnual);
    assert_eq!(
        count_of(&got, "1980", "2023", "brott.totalt"),
        Some(12345.0)
    );
    assert_eq!(count_of(&got, "1982", "2023", "brott.totalt"), Some(1601.0));
}

#[test]
fn population_file() {
    let (pop, warnings) = read_population(&fixture("population_small.csv")).unwrap();
    assert_eq!(pop.len(), 12);
    assert_eq!(pop.get("1982", 2019), Some(13391.0), "31 December 2019");
    assert!(warnings.is_empty());
}

/// Each bad input gives an error naming the file, the line and what was expected.
#[test]
fn bad_inputs_give_clear_errors() {
    let cases: [(&str, &str, &[&str]); 9] = [
        ("empty.csv", "empty.csv", &["empty"]),
        ("header_only.csv", "header_only.csv", &["no data rows"]),
        (
            "missing_column.csv",
            "missing_column.csv:1",
            &["missing column \"indicator\""],
        ),
        (
            "text_in_count.csv",
            "text_in_count.csv:4",
            &["column \"count\"", "expected a number, found \"abc\""],
        ),
        (
            "negative_count.csv",
            "negative_count.csv:3",
            &[
                "column \"count\"",
                "expected a non-negative count, found \"-85\"",
            ],
        ),
        (
            "duplicate_rows.csv",
            "duplicate_rows.csv:6",
            &["duplicate row", "already on line 2"],
        ),
        (
            "unknown_municipality.csv",
            "unknown_municipality.csv:4",
            &["column \"area\"", "unknown area \"Atlantis\""],
        ),
        (
            "truncated.csv",
            "truncated.csv:4",
            &["expected 4 fields", "found 3", "truncated"],
        ),
        ("unclosed_quote.csv", "unclosed_quote.csv:3", &["quote"]),
    ];
    for (file, at, needles) in cases {
        let err = read_table(&fixture(&format!("bad/{file}")), &ReadOptions::default())
            .expect_err(file)
            .to_string();
        assert!(err.contains(at), "{file}: expected location {at} in: {err}");
        for n in needles {
            assert!(err.contains(n), "{file}: expected \"{n}\" in: {err}");
        }
    }
    let err = read_population(&fixture("bad/population_zero.csv"))
        .expect_err("population 0")
        .to_string();
    assert!(
        err.contains("population_zero.csv:5: column \"population\""),
        "{err}"
    );
    assert!(err.contains("expected a positive number"), "{err}");
}
