//! `bra lagesbild`: the situation picture against an independent pandas/scipy implementation
//! (tests/reference/lagesbild_reference.py), injected spikes found, and the command end to end.

use crate::{fixture, root};
use assert_cmd::Command;
use bra_indicators::{
    IncidentCategories, SituationLevel, SituationOptions, WindowKind, read_incidents,
    situation_picture,
};
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Expected {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    as_of: String,
    period: String,
    window_start: String,
    window_end: String,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    level: String,
    category: Option<String>,
    focus_area: String,
    count: u64,
    previous: Option<u64>,
    same_period_last_year: Option<u64>,
    expected: Option<f64>,
    dispersion: Option<f64>,
    p_high: Option<f64>,
    p_low: Option<f64>,
    flag: String,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn close(what: &str, got: Option<f64>, want: Option<f64>) {
    match (got, want) {
        (None, None) => {}
        (Some(g), Some(w)) => {
            let ok = if w.abs() < 1e-300 {
                (g - w).abs() <= 1e-300
            } else {
                (g - w).abs() <= 1e-9 * w.abs()
            };
            assert!(ok, "{what}: {g:e} vs scipy {w:e}");
        }
        _ => panic!("{what}: {got:?} vs {want:?}"),
    }
}

/// Issue 17: counts agree with pandas; μ, φ, p_high and p_low with scipy's nbinom/poisson to
/// 1e-9, for five as-of dates and every window kind (20 pictures, 200 rows).
#[test]
fn the_picture_agrees_with_pandas_and_scipy() {
    let dir = fixture("lagesbild");
    let (log, warnings) = read_incidents(&dir.join("log.csv")).unwrap();
    assert_eq!(log.ignored_columns, ["Beskrivning"]);
    assert_eq!(warnings.len(), 1);
    let categories = IncidentCategories::read(&dir.join("categories.toml")).unwrap();
    let expected: Expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut checked = 0;
    for case in &expected.cases {
        let options = SituationOptions {
            window: case.period.parse::<WindowKind>().unwrap(),
            as_of: Some(date(&case.as_of)),
            ..SituationOptions::default()
        };
        let picture = situation_picture(&log, &categories, &options).unwrap();
        for want in &case.rows {
            let at = format!(
                "{} {} {:?}/{}",
                case.as_of, case.period, want.category, want.focus_area
            );
            let got = picture
                .rows
                .iter()
                .find(|r| {
                    r.level.code() == want.level
                        && r.category == want.category
                        && r.focus_area.code() == want.focus_area
                })
                .unwrap_or_else(|| panic!("{at}: no row"));
            let w = &got.window;
            assert_eq!(w.window_start, date(&case.window_start), "{at}");
            assert_eq!(w.window_end, date(&case.window_end), "{at}");
            assert_eq!(
                (w.count, w.previous, w.same_period_last_year),
                (want.count, want.previous, want.same_period_last_year),
                "{at}: count, previous, same period last year"
            );
            close(&format!("{at} expected"), w.expected, want.expected);
            close(&format!("{at} dispersion"), w.dispersion, want.dispersion);
            close(&format!("{at} p_high"), w.p_high, want.p_high);
            close(&format!("{at} p_low"), w.p_low, want.p_low);
            assert_eq!(w.flag.code(), want.flag, "{at}");
            checked += 1;
        }
        // Every row of the picture is one the reference has (nothing extra).
        assert_eq!(
            picture.rows.len(),
            case.rows.len(),
            "{} {}",
            case.as_of,
            case.period
        );
    }
    assert_eq!(checked, 200);
}

#[derive(Deserialize)]
struct Spikes {
    window_ends: Vec<String>,
    categories: Vec<String>,
    spikes: Vec<Spike>,
}

#[derive(Deserialize)]
struct Spike {
    category: String,
    window_end: String,
}

/// Issue 17: a two-year log of steady categories with eight injected spikes in its second
/// year: every spike is flagged high, and the other fortnights are flagged no more often than
/// alpha = 0.01 predicts (96 category-fortnights: about 1 expected; at most 3).
#[test]
fn injected_spikes_are_flagged_and_false_flags_are_rare() {
    let dir = fixture("lagesbild");
    let (log, _) = read_incidents(&dir.join("spikes.csv")).unwrap();
    let spikes: Spikes =
        serde_json::from_str(&std::fs::read_to_string(dir.join("spikes.json")).unwrap()).unwrap();
    let builtin = IncidentCategories::builtin();
    let (mut found, mut false_flags, mut windows) = (0, 0, 0);
    for end in &spikes.window_ends {
        let options = SituationOptions {
            as_of: Some(date(end)),
            ..SituationOptions::default()
        };
        let picture = situation_picture(&log, &builtin, &options).unwrap();
        for category in &spikes.categories {
            let row = picture
                .rows
                .iter()
                .find(|r| {
                    r.level == SituationLevel::Category && r.category.as_deref() == Some(category)
                })
                .unwrap();
            let spiked = spikes
                .spikes
                .iter()
                .any(|s| &s.category == category && &s.window_end == end);
            let high = row.window.flag.code() == "high";
            if spiked {
                assert!(
                    high,
                    "the spike of {category} in the fortnight ending {end} is not flagged: {:?}",
                    row.window
                );
                found += 1;
            } else {
                windows += 1;
                false_flags += usize::from(high);
            }
        }
    }
    assert_eq!(found, spikes.spikes.len());
    assert_eq!(windows, 26 * 4 - 8);
    eprintln!("false flags: {false_flags} of {windows}");
    assert!(
        false_flags <= 3,
        "{false_flags} false flags in {windows} windows"
    );
}

fn bra() -> Command {
    Command::cargo_bin("bra").unwrap()
}

/// The command on the sample log: CSV with the documented columns, the places table, the
/// free-text column never in any output, and the sample's cluster of fires flagged.
#[test]
fn lagesbild_on_the_sample_log_writes_both_tables() {
    let dir = tempfile::tempdir().unwrap();
    let (table, places) = (
        dir.path().join("lagesbild.csv"),
        dir.path().join("platser.csv"),
    );
    bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "-o",
        ])
        .arg(&table)
        .arg("--places-out")
        .arg(&places)
        .assert()
        .success();
    let text = std::fs::read_to_string(&table).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        bra_indicators::SITUATION_COLUMNS.join(",")
    );
    assert!(
        text.lines().any(|l| l
            .starts_with("category,brand,disorder-and-unsafety,2026-11-16,2026-11-29,10.0,")
            && l.contains(",high,")),
        "{text}"
    );
    let places_text = std::fs::read_to_string(&places).unwrap();
    assert_eq!(
        places_text.lines().next().unwrap(),
        bra_indicators::PLACE_COLUMNS.join(",")
    );
    assert!(
        places_text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("Resecentrum,")
    );
    for out in [&text, &places_text] {
        for free_text in ["rapporterat via app", "samtal från boende", "beskrivning"] {
            assert!(!out.contains(free_text));
        }
    }
}

/// Bad logs: the error names the file, line and column, and nothing is written.
#[test]
fn a_bad_date_names_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("logg.csv");
    std::fs::write(
        &log,
        "datum;kategori\n2026-01-05;klotter\n5/1/2026;klotter\n",
    )
    .unwrap();
    let out = dir.path().join("ut.csv");
    let assert = bra()
        .args(["lagesbild", "--incidents"])
        .arg(&log)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("logg.csv:3:1: column \"datum\": expected a date as YYYY-MM-DD"),
        "{stderr}"
    );
    assert!(!out.exists());
    assert!(!Path::new(&out).with_extension("csv.tmp").exists());
}

/// `--suppress-below 3`: in the workbook counts 1 and 2 are `<3` and their rows carry no
/// ratio or p-values (they would give the count away); a CSV output is refused, nothing
/// written.
#[test]
fn suppressed_workbook_hides_small_counts_and_what_reveals_them() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("lagesbild.xlsx");
    bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--suppress-below",
            "3",
            "-o",
        ])
        .arg(&xlsx)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), ["lagesbild", "platser"]);
    let sheet = wb.worksheet_range("lagesbild").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, bra_indicators::SITUATION_COLUMNS);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut hidden = 0;
    for row in sheet.rows().skip(1) {
        match &row[col("count")] {
            Data::String(s) => {
                assert_eq!(s, "<3");
                hidden += 1;
                for c in ["ratio", "p_high", "p_low"] {
                    assert_eq!(row[col(c)], Data::Empty, "{c} of a hidden count");
                }
            }
            Data::Float(x) => assert!(*x == 0.0 || *x >= 3.0, "{x} shown"),
            other => panic!("count cell {other:?}"),
        }
    }
    assert!(
        hidden >= 2,
        "the sample's last fortnight has counts of 1 and 2"
    );
    let csv = dir.path().join("lagesbild.csv");
    let out = bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--suppress-below",
            "3",
            "-o",
        ])
        .arg(&csv)
        .assert()
        .failure();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("is not a workbook"));
    assert!(!csv.exists());
}

/// The numbers of the page's table cells (`<td class="num">…</td>`).
fn number_cells(html: &str) -> Vec<String> {
    html.split("<td class=\"num\">")
        .skip(1)
        .filter_map(|rest| rest.split("</td>").next())
        .map(str::to_string)
        .collect()
}

/// `--out DIR`: one self-contained A4 page with the focus areas, the flagged categories and
/// the places, the charts as PNG and SVG, the tables as CSV and XLSX; no free text anywhere.
#[test]
fn out_writes_the_printable_page_its_charts_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lagesbild");
    bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--area",
            "Fagersta",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("@page { size: A4"));
    assert!(html.contains("<h1>Lägesbild – Fagersta</h1>"));
    assert!(html.contains("2026-11-16 – 2026-11-29"));
    // The sample's cluster of fires is the flagged category, with its focus area.
    let flagged = html
        .split("Kategorier med ovanligt många eller få händelser")
        .nth(1)
        .unwrap();
    assert!(flagged.contains("<td>Bränder</td>"), "{flagged}");
    assert!(html.contains("<td>Resecentrum</td>"));
    // Self-contained: inline SVG, nothing fetched.
    assert!(html.matches("<svg").count() >= 4);
    for external in ["<script", "src=", "<link", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    for name in [
        "charts/fokus_disorder_and_unsafety.png",
        "charts/fokus_disorder_and_unsafety.svg",
        "charts/kategorier.png",
        "charts/kategorier.svg",
        "charts/fokusomraden.png",
        "tables/lagesbild.csv",
        "tables/platser.csv",
        "tables/lagesbild.xlsx",
    ] {
        assert!(out.join(name).is_file(), "{name}");
    }
    // The log's free-text column reaches no output.
    for entry in walkdir(&out) {
        let bytes = std::fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for free_text in ["rapporterat via app", "samtal från boende", "beskrivning"] {
            assert!(
                !text.contains(free_text),
                "{}: {free_text}",
                entry.display()
            );
        }
    }
    // English on request.
    let en = dir.path().join("en");
    bra()
        .current_dir(root())
        .args([
            "--lang",
            "en",
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--out",
        ])
        .arg(&en)
        .assert()
        .success();
    let html = std::fs::read_to_string(en.join("index.html")).unwrap();
    assert!(html.contains("<h1>Situation picture</h1>") && html.contains("<td>Fires</td>"));
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// `--suppress-below 3 --out`: counts 1 and 2 read `<3` in the page and the charts' labels
/// (and their ratios are left out), the workbook hides them too, the CSV tables are not
/// written and the terminal says why.
#[test]
fn suppression_hides_small_counts_in_the_page_and_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("delad");
    let assert = bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--suppress-below",
            "3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("inga CSV-tabeller"), "{stderr}");
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let cells = number_cells(&html);
    assert!(cells.iter().any(|c| c == "&lt;3"), "{cells:?}");
    assert!(
        !cells.iter().any(|c| c == "1" || c == "2"),
        "no count of 1 or 2 is shown: {cells:?}"
    );
    // Hot och våld has 1 incident in the window: its row shows <3 and no ratio.
    let row = html
        .lines()
        .find(|l| l.starts_with("<tr><td>Hot och våld</td>"))
        .unwrap();
    assert!(row.contains("<td class=\"num\">&lt;3</td>"), "{row}");
    assert!(row.contains("<td class=\"num\"></td><td><span"), "{row}");
    assert!(html.contains("Antal från 1 till 2 visas som &lt;3"));
    // The chart labels the current count as <3, in the page and the SVG file.
    let svg = std::fs::read_to_string(out.join("charts/fokus_threats_and_violence.svg")).unwrap();
    assert!(svg.lines().any(|l| l.trim() == "&lt;3"));
    assert!(svg.contains("Färre än 3 (döljs)"));
    assert!(!out.join("tables/lagesbild.csv").exists());
    assert!(!out.join("tables/platser.csv").exists());
    assert!(out.join("tables/lagesbild.xlsx").is_file());
}

/// An existing folder that is not an earlier output is refused and left as it was; a folder
/// that cannot be made leaves nothing behind; an earlier output is replaced.
#[test]
fn out_is_atomic_and_refuses_a_foreign_folder() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("mina_filer");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("viktigt.docx"), "x").unwrap();
    let assert = bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--out",
        ])
        .arg(&foreign)
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("mina_filer exists and is not an earlier"),
        "{stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(&foreign).unwrap().collect();
    assert_eq!(left.len(), 1);

    // The parent is a file: a clear error naming it, no temporary folder left.
    let file = dir.path().join("fil");
    std::fs::write(&file, "x").unwrap();
    let assert = bra()
        .current_dir(root())
        .args([
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--out",
        ])
        .arg(file.join("lagesbild"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("fil"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");

    // An earlier output is replaced.
    let out = dir.path().join("lagesbild");
    for _ in 0..2 {
        bra()
            .current_dir(root())
            .args([
                "lagesbild",
                "--incidents",
                "data/samples/incidents.csv",
                "--out",
            ])
            .arg(&out)
            .assert()
            .success();
    }
    assert!(out.join("index.html").is_file());
}

/// `bra report` with `[data] incidents`: the section "Lägesbild per kvartal" with the
/// focus-area table of the latest quarter and its chart; a wrong path names the config key.
#[test]
fn the_report_gets_the_quarterly_situation_picture() {
    let dir = tempfile::tempdir().unwrap();
    let samples = root().join("data/samples");
    let config = dir.path().join("report.toml");
    let toml = |incidents: &str| {
        format!(
            "title = \"Uppföljning\"\narea = \"Fagersta\"\nbenchmarks = [\"19\"]\nto = 2024\n\
             [data]\ncounts = \"{c}\"\npopulation = \"{p}\"\nincidents = \"{incidents}\"\n",
            c = samples.join("counts.csv").display(),
            p = samples.join("population.csv").display(),
        )
    };
    std::fs::write(
        &config,
        toml(&samples.join("incidents.csv").display().to_string()),
    )
    .unwrap();
    let out = dir.path().join("rapport");
    bra()
        .args(["report", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let section = html
        .split("<section id=\"lagesbild\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(section.contains("<h2>Lägesbild per kvartal</h2>"));
    assert!(
        section.contains("2026-10-01 – 2026-12-31 (pågår)"),
        "{section}"
    );
    assert!(section.contains("<td>Ordningsstörningar och otrygghet</td>"));
    assert!(section.contains("<svg"));
    assert!(!html.contains("samtal från boende"));
    assert!(out.join("charts/lagesbild.png").is_file());

    std::fs::write(&config, toml("finns_inte.csv")).unwrap();
    let assert = bra()
        .args(["report", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(dir.path().join("ny"))
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("[data] incidents = \"finns_inte.csv\": the file"),
        "{stderr}"
    );
}
