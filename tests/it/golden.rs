//! Golden outputs: every command run on `data/samples` (and a few fixtures), compared with
//! the files committed under `tests/golden/`. CSV, JSON, HTML and terminal output byte for
//! byte, PNG charts by their decoded pixels, workbooks by their cells. A restructuring of
//! the library must leave every one of them unchanged.
//!
//! After a deliberate change of output, regenerate and commit the golden files on their own:
//! `BRA_GOLDEN_UPDATE=1 cargo test -p bra-cli --test it golden`.

use crate::root;
use calamine::{Reader, open_workbook_auto};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One command: a name (its stdout is kept as `<name>.stdout.txt` when `stdout` is set) and
/// its arguments, where `{o}` stands for the output folder shared by all cases (so a later
/// case can read what an earlier one wrote).
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    stdout: bool,
}

const fn case(name: &'static str, args: &'static [&'static str], stdout: bool) -> Case {
    Case { name, args, stdout }
}

const COUNTS: &str = "data/samples/counts.csv";
const POPULATION: &str = "data/samples/population.csv";

/// Every command of the README on the example data, in an order where each input exists.
const CASES: &[Case] = &[
    case(
        "rates",
        &[
            "rates",
            "--counts",
            COUNTS,
            "--population",
            POPULATION,
            "-o",
            "{o}/rates.csv",
        ],
        false,
    ),
    case(
        "rates_terminal",
        &["rates", "--counts", COUNTS, "--population", POPULATION],
        true,
    ),
    case(
        "rates_exact",
        &[
            "rates",
            "--counts",
            COUNTS,
            "--population",
            POPULATION,
            "--ci",
            "exact",
            "--level",
            "0.998",
            "-o",
            "{o}/rates_exact.csv",
        ],
        false,
    ),
    case(
        "rates_same_year",
        &[
            "rates",
            "--counts",
            COUNTS,
            "--population",
            POPULATION,
            "--population-year",
            "same",
            "-o",
            "{o}/rates_same_year.json",
        ],
        false,
    ),
    case(
        "rates_sol_long",
        &[
            "rates",
            "--counts",
            "tests/fixtures/sol_long.csv",
            "--population",
            POPULATION,
            "-o",
            "{o}/rates_sol_long.csv",
        ],
        false,
    ),
    case(
        "rates_smoothed",
        &[
            "rates",
            "--counts",
            COUNTS,
            "--population",
            POPULATION,
            "--smooth",
            "eb",
            "-o",
            "{o}/rates_smoothed.csv",
        ],
        false,
    ),
    case(
        "trend",
        &["trend", "--input", "{o}/rates.csv", "-o", "{o}/trends.csv"],
        false,
    ),
    case(
        "trend_terminal",
        &["trend", "--input", "{o}/rates.csv", "--from", "2018"],
        true,
    ),
    case(
        "trend_sen",
        &[
            "trend",
            "--input",
            "{o}/rates.csv",
            "--method",
            "sen",
            "--level",
            "0.9",
            "-o",
            "{o}/trends_sen.csv",
        ],
        false,
    ),
    case(
        "survey_ntu",
        &[
            "survey",
            "--input",
            "data/samples/ntu.csv",
            "--areas",
            "data/samples/areas.toml",
            "-o",
            "{o}/survey_ntu.csv",
        ],
        false,
    ),
    case(
        "survey_ntu_wide",
        &[
            "survey",
            "--input",
            "data/samples/ntu_wide.csv",
            "--areas",
            "data/samples/areas.toml",
            "-o",
            "{o}/survey_ntu_wide.csv",
        ],
        false,
    ),
    case(
        "survey_mu",
        &[
            "survey",
            "--input",
            "data/samples/mu.csv",
            "-o",
            "{o}/survey_mu.csv",
        ],
        false,
    ),
    case(
        "survey_terminal",
        &[
            "survey",
            "--input",
            "data/samples/ntu.csv",
            "--areas",
            "data/samples/areas.toml",
        ],
        true,
    ),
    case(
        "compare_ntu",
        &[
            "compare",
            "--input",
            "data/samples/ntu.csv",
            "--benchmark",
            "00",
            "--areas",
            "data/samples/areas.toml",
            "-o",
            "{o}/compare_ntu.csv",
        ],
        false,
    ),
    case(
        "compare_rates",
        &[
            "compare",
            "--input",
            "{o}/rates.csv",
            "--benchmark",
            "19",
            "-o",
            "{o}/compare_rates.csv",
        ],
        false,
    ),
    case(
        "compare_terminal",
        &["compare", "--input", "{o}/rates.csv", "--benchmark", "19"],
        true,
    ),
    case(
        "change_mu",
        &[
            "compare",
            "--input",
            "data/samples/mu.csv",
            "--between",
            "2021,2023",
            "--benchmark",
            "00",
            "-o",
            "{o}/change_mu.csv",
        ],
        false,
    ),
    case(
        "change_rates",
        &[
            "compare",
            "--input",
            "{o}/rates.csv",
            "--between",
            "2019,2024",
            "--benchmark",
            "19",
            "-o",
            "{o}/change_rates.csv",
        ],
        false,
    ),
    case(
        "compare_local",
        &[
            "compare",
            "--input",
            "tests/fixtures/survey/local_survey.csv",
            "--benchmark",
            "19",
            "--indicators",
            "tests/fixtures/survey/indicators.toml",
            "-o",
            "{o}/compare_local.csv",
        ],
        false,
    ),
    case(
        "goals",
        &[
            "goals",
            "--goals",
            "data/samples/goals.toml",
            "-o",
            "{o}/goals.csv",
        ],
        false,
    ),
    case(
        "goals_2022",
        &[
            "goals",
            "--goals",
            "data/samples/goals.toml",
            "--as-of",
            "2022",
            "-o",
            "{o}/goals_2022.json",
        ],
        false,
    ),
    case(
        "goals_terminal",
        &["goals", "--goals", "data/samples/goals.toml"],
        true,
    ),
    case(
        "goals_terminal_en",
        &[
            "goals",
            "--goals",
            "data/samples/goals.toml",
            "--lang",
            "en",
        ],
        true,
    ),
    case(
        "import_bra_export",
        &[
            "import",
            "tests/fixtures/bra_export/kvartal_districts.xls",
            "-o",
            "{o}/import_districts.csv",
        ],
        false,
    ),
    case(
        "import_px",
        &[
            "import",
            "tests/fixtures/px/population_be0101.px",
            "-o",
            "{o}/import_px.csv",
        ],
        false,
    ),
    case(
        "import_scb_csv",
        &[
            "import",
            "tests/fixtures/scb/folkmangd_kommun_latin1.csv",
            "--format",
            "scb-csv",
            "-o",
            "{o}/import_scb.csv",
        ],
        false,
    ),
    case(
        "import_pxweb",
        &[
            "import",
            "tests/fixtures/scb/pxweb_two_contents_kon.json",
            "--format",
            "pxweb-json",
            "-o",
            "{o}/import_pxweb.csv",
        ],
        false,
    ),
    case(
        "import_kolada_px",
        &[
            "import",
            "tests/fixtures/kolada/pages_concatenated.json",
            "tests/fixtures/px/monthly_utf8.px",
            "-o",
            "{o}/import_kolada_px.csv",
        ],
        false,
    ),
    case(
        "import_jsonstat_terminal",
        &["import", "tests/fixtures/jsonstat/population_array.json"],
        true,
    ),
    case("areas_terminal", &["areas", "Västmanlands län"], true),
    case(
        "areas_user_terminal",
        &[
            "areas",
            "--areas",
            "data/samples/areas.toml",
            "Norra Västmanland",
        ],
        true,
    ),
    case(
        "chart_trend",
        &[
            "chart",
            "trend",
            "--input",
            "{o}/rates.csv",
            "--area",
            "Fagersta",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19,00",
            "-o",
            "{o}/chart_trend.png",
        ],
        false,
    ),
    case(
        "chart_trend_en",
        &[
            "chart",
            "trend",
            "--input",
            "{o}/rates.csv",
            "--area",
            "Fagersta",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19,00",
            "--lang",
            "en",
            "-o",
            "{o}/chart_trend_en.png",
        ],
        false,
    ),
    case(
        "chart_compare",
        &[
            "chart",
            "compare",
            "--input",
            "{o}/rates.csv",
            "--area",
            "Fagersta",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19",
            "--period",
            "2024",
            "-o",
            "{o}/chart_compare.png",
        ],
        false,
    ),
    case(
        "chart_funnel",
        &[
            "chart",
            "funnel",
            "--input",
            "{o}/rates.csv",
            "--area",
            "Fagersta",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19",
            "-o",
            "{o}/chart_funnel.png",
        ],
        false,
    ),
    case(
        "chart_survey",
        &[
            "chart",
            "survey",
            "--input",
            "tests/fixtures/charts/survey.csv",
            "--area",
            "19",
            "--indicator",
            "ntu.otrygghet",
            "-o",
            "{o}/chart_survey.png",
        ],
        false,
    ),
    case(
        "chart_goals",
        &[
            "chart",
            "goals",
            "--input",
            "{o}/goals.csv",
            "-o",
            "{o}/chart_goals.png",
        ],
        false,
    ),
    case(
        "chart_goals_fixture",
        &[
            "chart",
            "goals",
            "--input",
            "tests/fixtures/charts/goals.csv",
            "-o",
            "{o}/chart_goals_fixture.png",
        ],
        false,
    ),
    case(
        "profile",
        &[
            "profile",
            "--input",
            "{o}/rates.csv",
            "--area",
            "Fagersta",
            "--benchmark",
            "19,00",
            "-o",
            "{o}/profile.csv",
        ],
        false,
    ),
    case(
        "lagesbild",
        &[
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "-o",
            "{o}/lagesbild.csv",
            "--places-out",
            "{o}/lagesbild_places.csv",
        ],
        false,
    ),
    case(
        "profile_terminal",
        &["profile", "--input", "{o}/rates.csv", "--area", "Fagersta"],
        true,
    ),
    case(
        "lagesbild_quarter_terminal",
        &[
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--period",
            "quarter",
        ],
        true,
    ),
    case(
        "lagesbild_month_xlsx",
        &[
            "lagesbild",
            "--incidents",
            "data/samples/incidents.csv",
            "--period",
            "month",
            "--as-of",
            "2026-11-15",
            "-o",
            "{o}/lagesbild_month.xlsx",
        ],
        false,
    ),
    case(
        "report",
        &[
            "report",
            "--config",
            "data/samples/report.toml",
            "--out",
            "{o}/report",
        ],
        false,
    ),
];

/// Runs every case into one temporary folder and compares (or, with `BRA_GOLDEN_UPDATE=1`,
/// rewrites) `tests/golden`.
#[test]
fn every_command_on_the_samples_matches_the_golden_outputs() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap().to_string();
    for c in CASES {
        let args: Vec<String> = c.args.iter().map(|a| a.replace("{o}", &o)).collect();
        let run = std::process::Command::new(assert_cmd::cargo::cargo_bin("bra"))
            .current_dir(root())
            .args(&args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "case {}: bra {} failed:\n{}",
            c.name,
            args.join(" "),
            String::from_utf8_lossy(&run.stderr)
        );
        if c.stdout {
            let text = String::from_utf8_lossy(&run.stdout).replace(&o, "{o}");
            std::fs::write(out.path().join(format!("{}.stdout.txt", c.name)), text).unwrap();
        }
    }
    let golden = root().join("tests/golden");
    if std::env::var_os("BRA_GOLDEN_UPDATE").is_some() {
        update(out.path(), &golden);
        return;
    }
    let produced = compared_files(out.path());
    let expected = compared_files(&golden);
    let mut problems = Vec::new();
    for missing in expected.difference(&produced) {
        problems.push(format!(
            "{missing}: in tests/golden but not written any more"
        ));
    }
    for extra in produced.difference(&expected) {
        problems.push(format!("{extra}: written but not in tests/golden"));
    }
    for name in produced.intersection(&expected) {
        if let Some(p) = differs(&out.path().join(name), &golden.join(name)) {
            problems.push(format!("{name}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} golden output(s) differ (after a deliberate change: BRA_GOLDEN_UPDATE=1 cargo test -p bra-cli --test it golden):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The relative paths of the files that are compared: everything except SVG (the PNG of the
/// same chart is compared by pixels), and workbooks as their cell dump (`.xlsx.cells.txt`).
fn compared_files(dir: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for path in walk(dir) {
        let rel = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".svg") {
            continue;
        }
        if rel.ends_with(".xlsx") {
            files.insert(format!("{rel}.cells.txt"));
        } else {
            files.insert(rel);
        }
    }
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Why `produced` differs from `golden`, or `None` when they agree.
fn differs(produced: &Path, golden: &Path) -> Option<String> {
    let name = produced.to_string_lossy();
    if name.ends_with(".xlsx.cells.txt") {
        let xlsx = PathBuf::from(name.trim_end_matches(".cells.txt"));
        return differs_text(&cells(&xlsx), &std::fs::read_to_string(golden).unwrap());
    }
    if name.ends_with(".png") {
        let (a, b) = (pixels(produced), pixels(golden));
        if a.0 != b.0 {
            return Some(format!("size {:?}, golden {:?}", a.0, b.0));
        }
        let changed =
            a.1.chunks(4)
                .zip(b.1.chunks(4))
                .filter(|(x, y)| x != y)
                .count();
        return (changed > 0).then(|| format!("{changed} pixels differ"));
    }
    let (a, b) = (
        std::fs::read(produced).unwrap(),
        std::fs::read(golden).unwrap(),
    );
    if a == b {
        return None;
    }
    let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
    if name.ends_with(".html") {
        // The report says the day it was made: the one token that changes from day to day.
        return differs_text(&without_created_date(&a), &without_created_date(&b));
    }
    differs_text(&a, &b)
}

/// The text with the date after `Skapad ` / `Created ` (the report's creation day, 2026-12-06)
/// written as `<date>`.
fn without_created_date(text: &str) -> String {
    let mut out = text.to_string();
    for word in ["Skapad ", "Created "] {
        let mut from = 0;
        while let Some(at) = out[from..].find(word) {
            let start = from + at + word.len();
            let date = out.get(start..start + 10).unwrap_or_default();
            let is_date = date.len() == 10
                && date.char_indices().all(|(i, c)| match i {
                    4 | 7 => c == '-',
                    _ => c.is_ascii_digit(),
                });
            if is_date {
                out.replace_range(start..start + 10, "<date>");
            }
            from = start;
        }
    }
    out
}

#[test]
fn the_report_date_is_the_only_token_masked() {
    assert_eq!(
        without_created_date("<p>Område: X · Skapad 2026-12-07</p>"),
        "<p>Område: X · Skapad <date></p>"
    );
    assert_eq!(without_created_date("Created 2026-1"), "Created 2026-1");
    assert_ne!(
        without_created_date("Skapad 2026-12-07 a"),
        without_created_date("Skapad 2026-12-07 b")
    );
}

/// The first differing line of two texts.
fn differs_text(produced: &str, golden: &str) -> Option<String> {
    if produced == golden {
        return None;
    }
    let (p, g): (Vec<&str>, Vec<&str>) = (produced.lines().collect(), golden.lines().collect());
    for i in 0..p.len().max(g.len()) {
        let (a, b) = (p.get(i).copied(), g.get(i).copied());
        if a != b {
            return Some(format!(
                "line {}: {:?}\n    golden: {:?}",
                i + 1,
                a.unwrap_or("<end>"),
                b.unwrap_or("<end>")
            ));
        }
    }
    Some("line endings differ".to_string())
}

/// A PNG's size and RGBA pixels.
fn pixels(path: &Path) -> ((u32, u32), Vec<u8>) {
    let mut decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    ((info.width, info.height), buf)
}

/// Every sheet's cells of a workbook as text, one row a line.
fn cells(path: &Path) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut text = String::new();
    for sheet in wb.sheet_names() {
        let range = wb.worksheet_range(&sheet).unwrap();
        text.push_str(&format!("[{sheet}]\n"));
        for row in range.rows() {
            let line: Vec<String> = row.iter().map(|c| c.to_string()).collect();
            text.push_str(&line.join("\t"));
            text.push('\n');
        }
    }
    text
}

/// Replaces `tests/golden` by what the cases wrote.
fn update(produced: &Path, golden: &Path) {
    let _ = std::fs::remove_dir_all(golden);
    for path in walk(produced) {
        let rel = path.strip_prefix(produced).unwrap();
        let rel_s = rel.to_string_lossy();
        if rel_s.ends_with(".svg") {
            continue;
        }
        let target = golden.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        if rel_s.ends_with(".xlsx") {
            std::fs::write(golden.join(format!("{rel_s}.cells.txt")), cells(&path)).unwrap();
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
