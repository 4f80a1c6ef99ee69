//! The readers of SCB PC-Axis, JSON-stat, Kolada and Excel files, on the hand-made fixtures in
//! tests/fixtures/{px,jsonstat,kolada,bad} (written by make_format_fixtures.py) and on Excel
//! workbooks written here with rust_xlsxwriter; `bra import` and `bra rates --population x.px`
//! end to end; and every PX file in ../shared/data/real (ignored by default).

use crate::real_data::real;
use crate::{fixture, root, sample};
use assert_cmd::Command;
use bra_indicators::{
    CANONICAL_COLUMNS, Format, Ingested, Layout, Observation, Period, ReadOptions, TextEncoding,
    WarningKind, read_population, read_table, read_table_bytes, write_csv,
};
use predicates::prelude::*;
use std::path::Path;

fn read(name: &str) -> Ingested {
    read_table(&fixture(name), &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read_err(path: &Path) -> String {
    match read_table(path, &ReadOptions::default()) {
        Ok(_) => panic!("{} was read without an error", path.display()),
        Err(e) => e.to_string(),
    }
}

fn find<'a>(
    got: &'a Ingested,
    area: &str,
    period: &str,
    indicator: &str,
    group: &str,
) -> &'a Observation {
    let p: Period = period.parse().unwrap();
    got.table
        .rows()
        .iter()
        .find(|r| r.area == area && r.period == p && r.indicator == indicator && r.group == group)
        .unwrap_or_else(|| panic!("no row {area} {period} {indicator} {group}"))
}

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// The cells of px/population_be0101.px as make_format_fixtures.py writes them:
/// (area, sex, [Folkmängd 2019, 2020, 2021], [Folkökning 2019, 2020, 2021]); `None` is a
/// symbol, with its status.
type Cells = (
    &'static str,
    &'static str,
    [f64; 3],
    [Result<f64, &'static str>; 3],
);
const BE0101: [Cells; 4] = [
    (
        "1980",
        "män",
        [77800.0, 78150.0, 78400.0],
        [Ok(700.0), Ok(350.0), Ok(250.0)],
    ),
    (
        "1980",
        "kvinnor",
        [77100.0, 77550.0, 77900.0],
        [Ok(800.0), Ok(450.0), Ok(350.0)],
    ),
    (
        "1982",
        "män",
        [6861.0, 6850.0, 6820.0],
        [Ok(12.0), Ok(-11.0), Ok(-30.0)],
    ),
    (
        "1982",
        "kvinnor",
        [6541.0, 6541.0, 6510.0],
        [Err("suppressed"), Err("nil"), Ok(-31.0)],
    ),
];

/// Checks every cell of the BE0101 fixture in a table read from it (directly or after a
/// round trip through the canonical CSV).
fn check_be0101_cells(got: &Ingested) {
    assert_eq!(got.table.len(), 24);
    for (area, sex, pop, increase) in BE0101 {
        for (k, year) in ["2019", "2020", "2021"].into_iter().enumerate() {
            let p = find(got, area, year, "scb.folkmangd", sex);
            assert_eq!(
                (p.population, p.count, p.value, p.status.as_deref()),
                (Some(pop[k]), None, None, None),
                "{area} {sex} {year} population"
            );
            // The increase has negative numbers, so it is a `value`, not a `count`.
            let c = find(got, area, year, "scb.folkokning", sex);
            match increase[k] {
                Ok(v) => assert_eq!((c.value, c.status.as_deref()), (Some(v), None)),
                Err(status) => assert_eq!((c.value, c.status.as_deref()), (None, Some(status))),
            }
            assert_eq!((c.population, c.count), (None, None));
            assert!(p.source.contains("TAB638"), "{}", p.source);
        }
    }
}

#[test]
fn px_round_trip_cell_by_cell() {
    let got = read("px/population_be0101.px");
    assert_eq!(got.layout, Layout::Px);
    assert_eq!(got.encoding, TextEncoding::Windows1252); // CODEPAGE iso-8859-1
    check_be0101_cells(&got);
    // PX → canonical CSV → read again: the same cells.
    let frame = got
        .table
        .to_dataframe()
        .unwrap()
        .select(CANONICAL_COLUMNS)
        .unwrap();
    let mut csv = Vec::new();
    write_csv(&frame, &mut csv).unwrap();
    let again = read_table_bytes("tidy.csv", &csv, &ReadOptions::default()).unwrap();
    assert_eq!(again.layout, Layout::Canonical);
    check_be0101_cells(&again);
    // The suppressed and nil cells were warned about with their line (the last DATA row, 45).
    let missing: Vec<String> = got
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::MissingValue)
        .map(ToString::to_string)
        .collect();
    assert_eq!(missing.len(), 2);
    assert!(
        missing[0].contains("population_be0101.px:45:"),
        "{}",
        missing[0]
    );
}

#[test]
fn px_population_sums_the_sexes() {
    let (pop, warnings) = read_population(&fixture("px/population_be0101.px")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}"); // kön has ELIMINATION=YES: summed silently
    assert_eq!(pop.len(), 6);
    // män + kvinnor as make_format_fixtures.py writes them (the figures of data/samples from
    // before the samples were labelled by their own 31 December, one year later than now).
    let expected = [
        ("1980", [154_900.0, 155_700.0, 156_300.0]),
        ("1982", [13_402.0, 13_391.0, 13_330.0]),
    ];
    for (area, figures) in expected {
        for (year, figure) in (2019..=2021).zip(figures) {
            assert_eq!(pop.get(area, year), Some(figure), "{area} {year}");
        }
    }
    assert!(pop.source.contains("TAB638"));
}

#[test]
fn px_old_style_codes_in_values_wrapped_lists_and_languages() {
    let got = read("px/old_style.px");
    assert_eq!(got.table.len(), 24);
    // "1982 Fagersta" without CODES; Heby's old code 1917 becomes 0331; "00 Riket", "19 ...".
    for area in ["00", "19", "1982", "0331"] {
        assert!(got.table.rows().iter().any(|r| r.area == area), "{area}");
    }
    // The default language (sv) is read, not the [en] translations.
    assert_eq!(
        find(&got, "00", "2005", "scb.folkmangd", "män").population,
        Some(4_500_000.0)
    );
    // The ELIMINATION value ("totalt") is the total: group "total".
    assert_eq!(
        find(&got, "19", "2006", "scb.folkmangd", "total").population,
        Some(262_100.0)
    );
    // DATA wrapped 8 values a line: the last cell is still Heby's total 2006.
    assert_eq!(
        find(&got, "0331", "2006", "scb.folkmangd", "total").population,
        Some(13_090.0)
    );
    // Quoted symbols keep the meaning of their DATASYMBOL.
    let fm = find(&got, "1982", "2006", "scb.folkmangd", "män");
    assert_eq!(
        (fm.population, fm.status.as_deref()),
        (None, Some("missing;uppgift saknas"))
    );
    let hk = find(&got, "0331", "2006", "scb.folkmangd", "kvinnor");
    assert_eq!(hk.status.as_deref(), Some("nil;inget"));
    // TIMEVAL as a range gave both years.
    let years: std::collections::BTreeSet<String> = got
        .table
        .rows()
        .iter()
        .map(|r| r.period.to_string())
        .collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), ["2005", "2006"]);
    // As a population: the "totalt" value is taken, even where a part is missing.
    let (pop, _) = read_population(&fixture("px/old_style.px")).unwrap();
    assert_eq!(pop.get("1982", 2006), Some(12_690.0));
    assert_eq!(pop.get("0331", 2005), Some(13_100.0));
    assert_eq!(pop.get("00", 2006), Some(9_110_000.0));
}

#[test]
fn px_crlf_and_lf_give_the_same_table() {
    let lf = std::fs::read(fixture("px/old_style.px")).unwrap();
    assert!(!lf.contains(&b'\r'));
    let crlf: Vec<u8> = lf
        .iter()
        .flat_map(|&b| {
            if b == b'\n' {
                vec![b'\r', b'\n']
            } else {
                vec![b]
            }
        })
        .collect();
    let a = read_table_bytes("x.px", &lf, &ReadOptions::default()).unwrap();
    let b = read_table_bytes("x.px", &crlf, &ReadOptions::default()).unwrap();
    assert_eq!(a.table, b.table);
}

#[test]
fn px_keys_layout_is_sparse() {
    let got = read("px/keys.px");
    assert_eq!(got.layout, Layout::PxKeys);
    assert_eq!(got.table.len(), 8); // 4 key rows × 2 years; the absent combinations are not rows
    assert_eq!(
        find(&got, "1980", "2021", "px.bra0001", "18-64").count,
        Some(3010.0)
    );
    assert_eq!(
        find(&got, "1983", "2020", "px.bra0001", "0-17").count,
        Some(88.0)
    );
    let s = find(&got, "1982", "2021", "px.bra0001", "18-64");
    assert_eq!((s.count, s.status.as_deref()), (None, Some("suppressed")));
    assert!(
        !got.table
            .rows()
            .iter()
            .any(|r| r.area == "1982" && r.group == "0-17")
    );
}

#[test]
fn px_monthly_utf8_rates_go_to_value() {
    let got = read("px/monthly_utf8.px");
    assert_eq!(got.encoding, TextEncoding::Utf8);
    let r = find(&got, "1982", "2020M03", "px.ex0001", "total");
    assert_eq!((r.value, r.count), (Some(1015.6), None));
    assert_eq!(
        find(&got, "1980", "2020M01", "px.ex0001", "total").value,
        Some(1002.5)
    );
}

#[test]
fn px_cell_limit_is_configurable_and_checked_first() {
    let options = ReadOptions {
        limits: bra_indicators::Limits {
            max_cells: 10,
            ..Default::default()
        },
        ..ReadOptions::default()
    };
    let err = read_table(&fixture("px/population_be0101.px"), &options)
        .unwrap_err()
        .to_string();
    assert!(err.contains("24 cells"), "{err}");
    assert!(err.contains("limit of 10"), "{err}");
    // The default limit refuses 64 million declared cells though DATA holds only three.
    let err = read_err(&fixture("bad/px_huge.px"));
    assert!(err.contains("px_huge.px:8:"), "{err}");
    assert!(err.contains("64000000 cells"), "{err}");
}

#[test]
fn bad_px_files_name_file_line_and_what() {
    let cases = [
        ("bad/px_truncated.px", "px_truncated.px:43:", "truncated"),
        (
            "bad/px_wrong_count.px",
            "px_wrong_count.px:11:",
            "do not match",
        ),
        (
            "bad/px_bad_encoding.px",
            "px_bad_encoding.px:3:",
            "not UTF-8",
        ),
        (
            "bad/px_unclosed_string.px",
            "px_unclosed_string.px:4:",
            "not closed",
        ),
    ];
    for (file, at, what) in cases {
        let err = read_err(&fixture(file));
        assert!(err.contains(at), "{file}: {err}");
        assert!(err.contains(what), "{file}: {err}");
    }
    // Fewer values than cells is an error too.
    let short = b"CHARSET=\"ANSI\";\nSTUB=\"region\";\nHEADING=\"\xe5r\";\nVALUES(\"region\")=\"1980\",\"1982\";\n\
VALUES(\"\xe5r\")=\"2020\";\nDATA=\n155700\n;\n";
    let err = read_table_bytes("short.px", short, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("short.px:8: DATA holds 1 values"), "{err}");
    // An unknown area is named with its keyword.
    let unknown = b"STUB=\"region\";\nHEADING=\"tid\";\nVALUES(\"region\")=\"9999 Atlantis\";\nVALUES(\"tid\")=\"2020\";\nDATA=\n1;\n";
    let err = read_table_bytes("u.px", unknown, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("u.px:3: VALUES(\"region\"): unknown area \"9999 Atlantis\""),
        "{err}"
    );
}

#[test]
fn jsonstat_index_value_and_status_as_array_or_object_agree() {
    let a = read("jsonstat/population_array.json");
    let b = read("jsonstat/population_object.json");
    assert_eq!(a.layout, Layout::JsonStat);
    assert_eq!(a.table.len(), 8);
    for (ra, rb) in a.table.rows().iter().zip(b.table.rows()) {
        let mut rb = rb.clone();
        rb.source = ra.source.clone();
        assert_eq!(ra, &rb);
    }
    for got in [&a, &b] {
        assert_eq!(
            find(got, "1980", "2021", "scb.folkmangd", "män").population,
            Some(78_400.0)
        );
        assert_eq!(
            find(got, "1982", "2020", "scb.folkmangd", "kvinnor").population,
            Some(6_541.0)
        );
        let s = find(got, "1982", "2021", "scb.folkmangd", "kvinnor");
        assert_eq!(
            (s.population, s.status.as_deref()),
            (None, Some("suppressed"))
        );
    }
    // As a population: Kon may be eliminated, so it is summed; a suppressed part leaves the
    // area-year out, with a warning.
    let (pop, warnings) = read_population(&fixture("jsonstat/population_object.json")).unwrap();
    assert_eq!(pop.get("1980", 2020), Some(155_700.0));
    assert_eq!(pop.get("1982", 2020), Some(13_391.0));
    assert_eq!(pop.get("1982", 2021), None);
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("1982 2021") && w.message.contains("suppressed"))
    );
}

#[test]
fn bad_jsonstat_files() {
    let cases = [
        (
            "bad/jsonstat_size_mismatch.json",
            "\"value\" has 7 cells but \"size\" declares 8",
        ),
        (
            "bad/jsonstat_index_size.json",
            "dimension.Region: \"size\" says 2 categories but category.index has 3",
        ),
        ("bad/jsonstat_truncated.json", "ends too early"),
    ];
    for (file, what) in cases {
        let err = read_err(&fixture(file));
        assert!(err.contains(what), "{file}: {err}");
        assert!(
            err.contains(Path::new(file).file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
    }
    let huge =
        br#"{"version":"2.0","id":["a","b"],"size":[100000,100000],"dimension":{},"value":[]}"#;
    let err = read_table_bytes("huge.json", huge, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("10000000000 cells"), "{err}");
}

#[test]
fn kolada_pages_concatenated_or_in_an_array() {
    let a = read("kolada/pages_concatenated.json");
    let b = read("kolada/pages_array.json");
    assert_eq!(a.layout, Layout::Kolada);
    assert_eq!(a.table.len(), 12);
    for (ra, rb) in a.table.rows().iter().zip(b.table.rows()) {
        assert_eq!(
            (&ra.area, ra.period, &ra.group, ra.value),
            (&rb.area, rb.period, &rb.group, rb.value)
        );
    }
    // Page 1 (period as a number) and page 2 (as a string); Kolada region 0019 is län 19,
    // 0000 riket; the municipality group was skipped.
    assert_eq!(
        find(&a, "1982", "2022", "kolada.n07540", "total").value,
        Some(11_540.0)
    );
    assert_eq!(
        find(&a, "19", "2023", "kolada.n07540", "total").value,
        Some(9_980.0)
    );
    assert_eq!(
        find(&a, "00", "2022", "kolada.n07540", "total").value,
        Some(13_290.0)
    );
    assert_eq!(
        find(&a, "1982", "2022", "kolada.n07403", "kvinnor").value,
        Some(980.2)
    );
    assert_eq!(
        find(&a, "1982", "2023", "kolada.n07403", "män").value,
        Some(1_350.5)
    );
    let m = find(&a, "1982", "2023", "kolada.n07403", "total");
    assert_eq!(
        (m.value, m.status.as_deref()),
        (None, Some("missing;saknas"))
    );
    assert_eq!(a.skipped, 1);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.kind == WarningKind::NotAnArea && w.message.contains("G123456"))
    );
    // The KPIs are in the registry: no unknown-indicator warning.
    assert!(
        !a.warnings
            .iter()
            .any(|w| w.kind == WarningKind::UnknownIndicator)
    );
    let err = read_err(&fixture("bad/kolada_duplicate.json"));
    assert!(
        err.contains("page 2, values[4].values[0]: duplicate value"),
        "{err}"
    );
    assert!(err.contains("page 1, values[0].values[0]"), "{err}");
}

#[test]
fn formats_are_detected_from_the_content() {
    let cases = [
        ("px/population_be0101.px", Format::Px),
        ("px/monthly_utf8.px", Format::Px),
        ("jsonstat/population_array.json", Format::JsonStat),
        ("kolada/pages_concatenated.json", Format::Kolada),
        ("counts_small.csv", Format::Csv),
        ("bra_annual_2023.csv", Format::Csv),
    ];
    for (file, format) in cases {
        let bytes = std::fs::read(fixture(file)).unwrap();
        assert_eq!(Format::detect("data.txt", &bytes), format, "{file}");
    }
    // A PX file with a .csv name is still read as PX.
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("population.csv");
    std::fs::copy(fixture("px/population_be0101.px"), &renamed).unwrap();
    assert_eq!(
        read_table(&renamed, &ReadOptions::default())
            .unwrap()
            .layout,
        Layout::Px
    );
    assert_eq!(
        read_population(&renamed).unwrap().0.get("1982", 2020),
        Some(13391.0)
    );
    // A forced format that does not fit gives that format's error.
    let forced = ReadOptions {
        format: Format::Px,
        ..ReadOptions::default()
    };
    let err = read_table(&fixture("counts_small.csv"), &forced)
        .unwrap_err()
        .to_string();
    assert!(err.contains("counts_small.csv:1:"), "{err}");
    // Kolada and Excel are refused as population files.
    let err = read_population(&fixture("kolada/pages_array.json"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Kolada"), "{err}");
}

// --- Excel ---------------------------------------------------------------------------------

use rust_xlsxwriter::Workbook;

/// Brå's per-kommun indicator workbook, as FORMATS.md §1c describes it: an (anmälda) sheet,
/// two NTU sheets (unsafety: reference year = survey year; victimisation: the year before),
/// and a sheet of notes. Numbers are illustrative, Fagersta 2020 misshandel = 90 as in
/// data/samples.
fn bra_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Misshandel (anmälda)").unwrap();
    s.write(0, 0, "Misshandel inkl. grov (anmälda brott) i kommunen, länet och landet, antal och per 100 000 invånare").unwrap();
    for (c, h) in [
        "Område",
        "Antal 2019",
        "Antal 2020",
        "Per 100 000 inv. 2019",
        "Per 100 000 inv. 2020",
    ]
    .into_iter()
    .enumerate()
    {
        s.write(1, c as u16, h).unwrap();
    }
    s.write(2, 0, "Fagersta kommun").unwrap();
    s.write(2, 1, 84).unwrap();
    s.write(2, 2, 90).unwrap();
    s.write(2, 3, 627.0).unwrap();
    s.write(2, 4, 672.1).unwrap();
    s.write(3, 0, "Västmanlands län").unwrap();
    s.write(3, 1, 1702).unwrap();
    s.write(3, 2, "..").unwrap();
    s.write(3, 3, 617.5).unwrap();
    s.write(3, 4, "..").unwrap();
    s.write(4, 0, "Riket").unwrap();
    s.write(4, 1, 95123).unwrap();
    s.write(4, 2, 93467).unwrap();
    s.write(4, 3, 918.4).unwrap();
    s.write(4, 4, 899.5).unwrap();
    s.write(6, 0, "Källa: Brå, anmälda brott").unwrap();

    let n = wb.add_worksheet().set_name("Otrygghet").unwrap();
    n.write(0, 0, "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet, enligt NTU 2019–2021. Andel (%) av befolkningen 16–84 år.").unwrap();
    n.write(2, 1, "Fagersta kommun").unwrap();
    n.write(2, 4, "Riket").unwrap();
    n.write(3, 0, "År").unwrap();
    for c in [1u16, 4] {
        n.write(3, c, "Andel").unwrap();
        n.write(3, c + 1, "KI undre").unwrap();
        n.write(3, c + 2, "KI övre").unwrap();
    }
    let rows = [
        (2019, [23.1, 19.0, 27.2], Some([28.9, 28.5, 29.3])),
        (2020, [21.4, 17.5, 25.3], Some([26.8, 26.4, 27.2])),
        (
            2021,
            [f64::NAN, f64::NAN, f64::NAN],
            Some([26.1, 25.7, 26.5]),
        ),
    ];
    for (i, (year, fagersta, riket)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        n.write(r, 0, *year).unwrap();
        for (k, v) in fagersta.iter().enumerate() {
            if v.is_nan() {
                n.write(r, 1 + k as u16, "..").unwrap();
            } else {
                n.write(r, 1 + k as u16, *v).unwrap();
            }
        }
        for (k, v) in riket.unwrap().iter().enumerate() {
            n.write(r, 4 + k as u16, *v).unwrap();
        }
    }

    let u = wb.add_worksheet().set_name("Utsatthet").unwrap();
    u.write(0, 0, "Självrapporterad utsatthet för något brott mot enskild person, enligt NTU 2020–2021. Andel (%).").unwrap();
    u.write(2, 1, "Fagersta kommun").unwrap();
    u.write(3, 0, "År").unwrap();
    u.write(3, 1, "Andel").unwrap();
    u.write(3, 2, "KI undre").unwrap();
    u.write(3, 3, "KI övre").unwrap();
    u.write(4, 0, "2020–2021").unwrap();
    u.write(4, 1, 19.8).unwrap();
    u.write(4, 2, 16.2).unwrap();
    u.write(4, 3, 23.4).unwrap();

    let notes = wb.add_worksheet().set_name("Om statistiken").unwrap();
    notes
        .write(
            0,
            0,
            "Anmälda brott: Brå. Trygghet: Nationella trygghetsundersökningen (NTU).",
        )
        .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xlsx_bra_indicator_workbook_with_ntu_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kommunindikatorer_fagersta.xlsx");
    bra_workbook(&path);
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(got.layout, Layout::Workbook);
    // Anmälda: count and value of one area and year in one row.
    let f = find(&got, "1982", "2020", "brott.misshandel", "total");
    assert_eq!(
        (f.count, f.value, f.status.as_deref()),
        (Some(90.0), Some(672.1), None)
    );
    let l = find(&got, "19", "2020", "brott.misshandel", "total");
    assert_eq!(
        (l.count, l.value, l.status.as_deref()),
        (None, None, Some("suppressed"))
    );
    assert_eq!(
        find(&got, "00", "2019", "brott.misshandel", "total").count,
        Some(95_123.0)
    );
    // NTU unsafety: published share with its interval; the reference year is the survey year.
    let o = got
        .table
        .rows()
        .iter()
        .find(|r| {
            r.area == "1982"
                && r.indicator.starts_with("ntu.otrygghet")
                && r.period == Period::Year(2019)
        })
        .unwrap();
    assert_eq!(
        (o.value, o.lower, o.upper),
        (Some(23.1), Some(19.0), Some(27.2))
    );
    assert_eq!(
        (o.level, o.method.as_deref(), o.survey_year.as_deref()),
        (Some(0.95), Some("published"), Some("2019"))
    );
    let gap = got
        .table
        .rows()
        .iter()
        .find(|r| {
            r.area == "1982"
                && r.indicator.starts_with("ntu.otrygghet")
                && r.period == Period::Year(2021)
        })
        .unwrap();
    assert_eq!(
        (gap.value, gap.status.as_deref()),
        (None, Some("suppressed"))
    );
    assert!(got.table.rows().iter().any(|r| r.area == "00"
        && r.indicator.starts_with("ntu.otrygghet")
        && r.value == Some(26.1)));
    // NTU victimisation: pooled survey years 2020-2021 refer to 2019-2020.
    let v = got
        .table
        .rows()
        .iter()
        .find(|r| r.indicator == "ntu.utsatt_enskild_person")
        .unwrap();
    assert_eq!(
        (v.period, v.survey_year.as_deref()),
        (Period::Range(2019, 2020), Some("2020-2021"))
    );
    // 2 + 3 + 3 anmälda rows... 3 areas × 2 years + 2 areas × 3 years + 1.
    assert_eq!(got.table.len(), 6 + 6 + 1);
    // The notes sheet was skipped with a warning.
    assert!(
        got.warnings
            .iter()
            .any(|w| w.kind == WarningKind::SkippedPart && w.message.contains("Om statistiken"))
    );
}

/// An NTU tabellsamling by län as FORMATS.md §1d describes it: a title, the survey years on
/// row 3, sections in column A, areas in column B, the latest year's interval in the two
/// columns after it. Two sheets: R4.1 (unsafety) and 3A (victimisation, the year before).
/// Numbers are illustrative.
fn tabellsamling(path: &Path, area_b4: &str) {
    let mut wb = Workbook::new();
    for (sheet, title, base) in [
        (
            "R4.1",
            "Andel som känner sig otrygga vid utevistelse sent på kvällen i det egna bostadsområdet",
            20.0,
        ),
        (
            "3A",
            "Självrapporterad utsatthet för brott mot enskild person",
            22.0,
        ),
    ] {
        let s = wb.add_worksheet().set_name(sheet).unwrap();
        s.write(0, 0, title).unwrap();
        s.write(1, 0, "Procent (%) av befolkningen 16–84 år")
            .unwrap();
        for (k, year) in (2021..=2025).enumerate() {
            s.write(2, 2 + k as u16, year.to_string()).unwrap();
        }
        s.write(2, 7, "KI undre").unwrap();
        s.write(2, 8, "KI övre").unwrap();
        let rows = [
            ("Samtliga 16–84 år", "Hela landet", 0.0),
            ("", area_b4, 1.5),
            ("Kvinnor", "Hela landet", 4.0),
            ("", "Västmanlands län", 5.5),
        ];
        for (i, (section, area, plus)) in rows.into_iter().enumerate() {
            let r = 3 + i as u32;
            s.write(r, 0, section).unwrap();
            s.write(r, 1, area).unwrap();
            for k in 0..5u16 {
                if sheet == "3A" && area == "Västmanlands län" && k == 0 {
                    s.write(r, 2 + k, "..").unwrap();
                } else {
                    s.write(r, 2 + k, base + plus + f64::from(k) / 10.0)
                        .unwrap();
                }
            }
            s.write(r, 7, base + plus + 0.4 - 1.2).unwrap();
            s.write(r, 8, base + plus + 0.4 + 1.3).unwrap();
        }
        s.write(8, 0, "Källa: Brå, NTU").unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn xlsx_ntu_tabellsamling_by_lan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ntu_tabellsamling.xlsx");
    tabellsamling(&path, "Västmanlands län");
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(got.layout, Layout::Workbook);
    // 2 sheets × 4 rows × 5 years.
    assert_eq!(got.table.rows().len(), 40);
    // Unsafety: the survey year is the reference year; the interval only for 2025.
    let o = find(&got, "19", "2025", "ntu.otrygghet", "total");
    assert_eq!(o.value, Some(21.9));
    assert_eq!((o.lower, o.upper), (Some(20.7), Some(23.2)));
    assert_eq!(
        (o.level, o.method.as_deref()),
        (Some(0.95), Some("published"))
    );
    assert_eq!(o.survey_year.as_deref(), Some("2025"));
    let o = find(&got, "19", "2024", "ntu.otrygghet", "total");
    assert_eq!((o.value, o.lower, o.upper), (Some(21.8), None, None));
    let o = find(&got, "00", "2021", "ntu.otrygghet", "kvinnor");
    assert_eq!(o.value, Some(24.0));
    // Victimisation in NTU 2025 refers to 2024; the section carries down to the next row.
    let o = find(&got, "19", "2024", "ntu.utsatt_enskild_person", "kvinnor");
    assert_eq!(
        (o.value, o.survey_year.as_deref()),
        (Some(27.9), Some("2025"))
    );
    assert_eq!((o.lower, o.upper), (Some(26.7), Some(29.2)));
    let o = find(&got, "19", "2020", "ntu.utsatt_enskild_person", "kvinnor");
    assert_eq!((o.value, o.status.as_deref()), (None, Some("suppressed")));
    assert!(got.warnings.iter().any(|w| w.message.contains("missing")));

    // An unknown area names the sheet, the Excel row and column B.
    let bad = dir.path().join("bad.xlsx");
    tabellsamling(&bad, "Atlantis län");
    let err = read_table(&bad, &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad.xlsx [R4.1]:5: column \"B\": unknown area \"Atlantis län\""),
        "{err}"
    );
}

#[test]
fn xlsx_plain_table_keeps_excel_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counts.xlsx");
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Blad1").unwrap();
    s.write(0, 0, "Anmälda brott i Västmanland").unwrap();
    for (c, h) in ["area", "period", "indicator", "count"]
        .into_iter()
        .enumerate()
    {
        s.write(2, c as u16, h).unwrap();
    }
    s.write(3, 0, "Fagersta").unwrap();
    s.write(3, 1, 2020).unwrap();
    s.write(3, 2, "Totalt antal brott").unwrap();
    s.write(3, 3, 1577).unwrap();
    s.write(4, 0, "1980").unwrap();
    s.write(4, 1, "2020K1").unwrap();
    s.write(4, 2, "brott.totalt").unwrap();
    s.write(4, 3, "–").unwrap();
    wb.save(&path).unwrap();
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        find(&got, "1982", "2020", "brott.totalt", "total").count,
        Some(1577.0)
    );
    assert_eq!(
        find(&got, "1980", "2020K1", "brott.totalt", "total")
            .status
            .as_deref(),
        Some("nil")
    );

    // A bad cell is reported at its Excel row (5) and column.
    s_bad(&path);
    let err = read_err(&path);
    assert!(
        err.contains("counts.xlsx [Blad1]:5: column \"count\""),
        "{err}"
    );
    assert!(err.contains("\"abc\""), "{err}");
}

fn s_bad(path: &Path) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Blad1").unwrap();
    s.write(0, 0, "Titel").unwrap();
    for (c, h) in ["area", "period", "indicator", "count"]
        .into_iter()
        .enumerate()
    {
        s.write(2, c as u16, h).unwrap();
    }
    for (r, count) in [(3u32, "1577"), (4, "abc")] {
        s.write(r, 0, "Fagersta").unwrap();
        s.write(r, 1, 2019 + r as i32).unwrap();
        s.write(r, 2, "brott.totalt").unwrap();
        s.write(r, 3, count).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn truncated_xlsx_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.xlsx");
    bra_workbook(&path);
    let bytes = std::fs::read(&path).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = read_err(&cut);
    assert!(
        err.contains("cut.xlsx: not a readable Excel workbook"),
        "{err}"
    );
}

// --- The command line ------------------------------------------------------------------------

#[test]
fn import_mixed_files_to_csv_and_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tidy.csv");
    let workbook = dir.path().join("fagersta.xlsx");
    bra_workbook(&workbook);
    bra()
        .arg("import")
        .arg(fixture("px/population_be0101.px"))
        .arg(fixture("kolada/pages_concatenated.json"))
        .arg(fixture("px/monthly_utf8.px"))
        .arg(&workbook)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("population_be0101.px (PC-Axis, Windows-1252): 24 rader, 2 områden, 3 perioder (2019–2021), 2 indikatorer (scb.folkmangd, scb.folkokning); saknade värden: 2 (nil 1, suppressed 1)")
                .and(predicate::str::contains("pages_concatenated.json (Kolada JSON, UTF-8): 12 rader"))
                .and(predicate::str::contains("överhoppade rader: 1"))
                .and(predicate::str::contains("fagersta.xlsx (Excel): 13 rader"))
                .and(predicate::str::contains("skrev 55 rader")),
        );
    let mut r = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, CANONICAL_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 24 + 12 + 6 + 13);
    assert!(rows.iter().any(|r| &r[0] == "1982"
        && &r[1] == "2020"
        && &r[2] == "scb.folkmangd"
        && &r[3] == "män"
        && &r[5] == "6850.0"));
    // Parquet too, and English labels on request.
    let pq = dir.path().join("tidy.parquet");
    bra()
        .args(["--lang", "en", "import"])
        .arg(fixture("kolada/pages_array.json"))
        .arg("-o")
        .arg(&pq)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("read").and(predicate::str::contains(
                "missing values: 1 (missing;saknas 1)",
            )),
        );
    assert!(std::fs::metadata(&pq).unwrap().len() > 0);
}

#[test]
fn import_refuses_the_same_value_in_two_files() {
    bra()
        .arg("import")
        .arg(fixture("jsonstat/population_array.json"))
        .arg(fixture("jsonstat/population_object.json"))
        .assert()
        .failure()
        .code(1)
        .stderr(
            predicate::str::contains("population_object.json: area 1980, period 2020")
                .and(predicate::str::contains("is also in")),
        );
}

#[test]
fn import_bad_files_name_file_and_line() {
    bra()
        .arg("import")
        .arg(fixture("bad/px_wrong_count.px"))
        .assert()
        .failure()
        .code(1)
        .stderr(
            predicate::str::starts_with("bra: ").and(predicate::str::contains(
                "px_wrong_count.px:11: DATA holds more values",
            )),
        );
    bra()
        .arg("import")
        .arg(fixture("px/population_be0101.px"))
        .args(["--max-cells", "10"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("limit of 10"));
    // --format overrides the detection.
    bra()
        .arg("import")
        .arg(fixture("counts_small.csv"))
        .args(["--format", "kolada"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("counts_small.csv"));
    bra()
        .args(["import", "--format", "dbf", "x"])
        .assert()
        .code(2);
}

#[test]
fn import_prints_a_table_without_output_file() {
    bra()
        .arg("import")
        .arg(fixture("px/keys.px"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Kod").and(predicate::str::contains(
                "1980  2021    px.bra0001  18-64  3\u{a0}010",
            )),
        );
}

#[test]
fn rates_with_population_from_px_and_jsonstat() {
    for population in ["px/population_be0101.px", "jsonstat/population_array.json"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rates.csv");
        bra()
            .args(["rates", "--counts"])
            .arg(sample("counts.csv"))
            .arg("--population")
            .arg(fixture(population))
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let mut r = csv::Reader::from_path(&out).unwrap();
        let row = r
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == "1982" && &r[1] == "2020" && &r[2] == "brott.totalt")
            .unwrap();
        // Brå's convention: the 2020 count over the file's population of 2019 (13 402 in the
        // PX file; the JSON-stat answer starts with 2020: no rate, never 2020's instead).
        let (pop, _) = read_population(&fixture(population)).unwrap();
        match pop.get("1982", 2019) {
            Some(p) => {
                assert_eq!(&row[6], "2019", "{population}");
                let rate: f64 = row[7].parse().unwrap();
                assert!(
                    (rate - 1577.0 / p * 1e5).abs() < 1e-9,
                    "{population}: {rate}"
                );
                assert!(row[14].contains("TAB638"), "{}", &row[14]);
            }
            None => {
                assert_eq!((&row[6], &row[7]), ("", ""), "{population}");
                assert_eq!(&row[13], "no-population", "{population}");
            }
        }
        // The same year on request: the file's 2020 figure, 13 391.
        let same = dir.path().join("same.csv");
        bra()
            .args(["rates", "--population-year", "same", "--counts"])
            .arg(sample("counts.csv"))
            .arg("--population")
            .arg(fixture(population))
            .arg("-o")
            .arg(&same)
            .assert()
            .success();
        let mut r = csv::Reader::from_path(&same).unwrap();
        let row = r
            .records()
            .map(Result::unwrap)
            .find(|r| &r[0] == "1982" && &r[1] == "2020" && &r[2] == "brott.totalt")
            .unwrap();
        assert_eq!(&row[6], "2020", "{population}");
        let rate: f64 = row[7].parse().unwrap();
        assert_eq!(
            rate.round(),
            11777.0,
            "{population}: 1 577 / 13 391 × 100 000"
        );
        assert!(row[14].contains("TAB638"), "{}", &row[14]);
    }
}

// --- The real files in ../shared/data/real -------------------------------------------------------

#[test]
#[ignore = "reads ../shared/data/real"]
fn every_real_px_file_reads() {
    let dir = root().join("../shared/data/real");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "px") {
            let t = std::time::Instant::now();
            let got = read_table(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            eprintln!(
                "{}: {} rows in {:.1} ms",
                path.file_name().unwrap().to_string_lossy(),
                got.table.len(),
                t.elapsed().as_secs_f64() * 1000.0
            );
            assert!(!got.table.is_empty());
            n += 1;
        }
    }
    assert_eq!(n, 7);
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_be0101n1_cells_and_population() {
    let path = real("scb-serializers-test_BE0101N1.px");
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(got.table.len(), 64);
    // The first DATA row: 0114 ogifta 45-54 år män: 1054 1026 -1 -28.
    let g = "ogifta, 45-54 år, män";
    assert_eq!(
        find(&got, "0114", "2020", "scb.folkmangd", g).population,
        Some(1054.0)
    );
    assert_eq!(
        find(&got, "0114", "2021", "scb.folkmangd", g).population,
        Some(1026.0)
    );
    assert_eq!(
        find(&got, "0114", "2021", "scb.folkokning", g).value,
        Some(-28.0)
    );
    // The last: 0115 gifta 55-64 år kvinnor: 1004 1049 18 45.
    let g = "gifta, 55-64 år, kvinnor";
    assert_eq!(
        find(&got, "0115", "2021", "scb.folkmangd", g).population,
        Some(1049.0)
    );
    assert_eq!(
        find(&got, "0115", "2020", "scb.folkokning", g).value,
        Some(18.0)
    );
    // As a population: the eight 0114 cells of 2020 summed (civilstånd and ålder have no
    // ELIMINATION: said in warnings), 1054+815+616+515+1782+1641+1377+1177.
    let (pop, warnings) = read_population(&path).unwrap();
    assert_eq!(pop.get("0114", 2020), Some(8977.0));
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.kind == WarningKind::Assumption)
            .count(),
        2
    );
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_elimination_totals_and_hierarchy() {
    let path = real("scb-pxweb-example_BE0101A1elimtot.px");
    let got = read_table(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        find(&got, "00", "2001", "scb.folkmangd", "total").population,
        Some(8_909_128.0)
    );
    assert_eq!(
        find(&got, "00", "2006", "scb.folkmangd", "single, men").population,
        Some(2_490_533.0)
    );
    let (pop, _) = read_population(&path).unwrap();
    assert_eq!(pop.get("00", 2006), Some(9_113_257.0));

    let got = read_table(
        &real("scb-pxweb-example_BE0101A1hierreg.px"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(got.table.len(), 312 * 4 * 4 * 2);
    let areas: std::collections::BTreeSet<&str> =
        got.table.rows().iter().map(|r| r.area.as_str()).collect();
    assert_eq!(areas.len(), 312); // riket, 21 län, 290 kommuner (Heby as 1917 → 0331)
    assert!(areas.contains("1982") && areas.contains("0331"));
}

/// The 2003 cell of (area, content, "age, sex") in a real migration file: its count, or its
/// status when it is a symbol.
enum Expect {
    Count(f64),
    Status(&'static str),
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_symbols_keys_and_languages() {
    use Expect::{Count, Status};
    let cases = [
        // First DATA row: "-" "." ".." "..." for 00, age 20 (Inmigrated men/women, Outmigrated ...).
        (
            "scb-pxweb-example_BE0101F1nildotsymbols.px",
            "00",
            "scb.be0101f1",
            "20, men",
            Status("nil;nothing"),
        ),
        (
            "scb-pxweb-example_BE0101F1nildotsymbols.px",
            "00",
            "scb.be0101f1",
            "20, women",
            Status("missing;n.a."),
        ),
        (
            "scb-pxweb-example_BE0101F1nildotsymbols.px",
            "00",
            "scb.be0101f2",
            "20, men",
            Status("suppressed;unknown"),
        ),
        (
            "scb-pxweb-example_BE0101F1nildotsymbols.px",
            "0115",
            "scb.be0101f2",
            "22, women",
            Count(35.0),
        ),
        // KEYS rows: "01 Stockholm county","22",924 "......" 672 906.
        (
            "scb-pxweb-example_BE0101F1symbnotkeys.px",
            "01",
            "scb.be0101f1",
            "22, women",
            Status("missing;not used"),
        ),
        (
            "scb-pxweb-example_BE0101F1symbnotkeys.px",
            "0114",
            "scb.be0101f2",
            "21, women",
            Count(57.0),
        ),
        // Bilingual: the default language (en) is read, with its DATASYMBOL1="hi".
        (
            "scb-pxweb-example_BE0101F1langensvolikacelln.px",
            "00",
            "scb.be0101f1",
            "20, women",
            Status("missing;hi"),
        ),
        (
            "scb-pxweb-example_BE0101F1langensvolikacelln.px",
            "01",
            "scb.be0101f1",
            "21, women",
            Count(0.0),
        ),
        (
            "scb-pxweb-example_BE0101F1datasymbols.px",
            "01",
            "scb.be0101f1",
            "22, women",
            Status("missing;six"),
        ),
        (
            "scb-pxweb-example_BE0101F1datasymbols.px",
            "0115",
            "scb.be0101f1",
            "22, women",
            Count(23.0),
        ),
    ];
    for (file, area, indicator, group, expect) in cases {
        let got = read_table(&real(file), &ReadOptions::default()).unwrap();
        if file.contains("symbnotkeys") {
            assert_eq!((got.layout, got.table.len()), (Layout::PxKeys, 48));
        }
        let r = find(&got, area, "2003", indicator, group);
        match expect {
            Count(v) => assert_eq!(
                (r.count, r.status.as_deref()),
                (Some(v), None),
                "{file} {area} {group}"
            ),
            Status(s) => assert_eq!(
                (r.count, r.status.as_deref()),
                (None, Some(s)),
                "{file} {area} {group}"
            ),
        }
    }
}

#[test]
#[ignore = "reads ../shared/data/real"]
fn real_be0101n1_as_population_for_rates() {
    let dir = tempfile::tempdir().unwrap();
    let counts = dir.path().join("counts.csv");
    std::fs::write(
        &counts,
        "area,period,indicator,count\n0114,2021,brott.totalt,90\n",
    )
    .unwrap();
    let out = dir.path().join("rates.csv");
    bra()
        .args(["rates", "--counts"])
        .arg(&counts)
        .arg("--population")
        .arg(real("scb-serializers-test_BE0101N1.px"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("ELIMINATION"));
    // The 2021 count over the population on 31 December 2020 (Brå's convention).
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("0114,2021,brott.totalt,total,90.0,8977.0,2020,"),
        "{text}"
    );
}
