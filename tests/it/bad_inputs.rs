//! The bad-input corpus (tests/bad_inputs, written by make_bad_inputs.py): every broken file
//! through the `bra` binary. Each case must exit with code 1, print every expected string on
//! stderr, never print `panicked`, and leave nothing behind in the output folder.

use crate::{root, sample};
use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, serde::Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Debug, serde::Deserialize)]
struct Case {
    file: String,
    kind: String,
    defect: String,
    expect: Vec<String>,
    #[serde(default)]
    generate: Option<String>,
}

fn corpus_dir() -> PathBuf {
    root().join("tests/bad_inputs")
}

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus_dir().join("cases.toml")).unwrap();
    toml::from_str::<Corpus>(&text).unwrap().case
}

/// Writes the cases too large to commit into `dir`.
fn generate(what: &str, path: &Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    match what {
        "columns_1e6" => {
            f.write_all(b"area,period,indicator,count").unwrap();
            for i in 4..1_000_000 {
                write!(f, ",c{i}").unwrap();
            }
            f.write_all(b"\n").unwrap();
        }
        "line_100mb" => {
            f.write_all(b"area,period,indicator,count\n1982,2020,brott.totalt,")
                .unwrap();
            let block = vec![b'1'; 1 << 20];
            for _ in 0..100 {
                f.write_all(&block).unwrap();
            }
            f.write_all(b"\n").unwrap();
        }
        "indicator_5mb" => {
            f.write_all(b"area,period,indicator,count\n1982,2019,brott.totalt,1480\n1982,2020,")
                .unwrap();
            f.write_all(&vec![b'x'; 5 << 20]).unwrap();
            f.write_all(b",1577\n").unwrap();
        }
        other => panic!("unknown generated case {other}"),
    }
    f.flush().unwrap();
}

/// The arguments that feed `file` to `bra` as `kind`, writing into `out`.
fn args(kind: &str, file: &Path, out: &Path) -> Vec<std::ffi::OsString> {
    let f = file.as_os_str().to_owned();
    let s = |p: &str| sample(p).into_os_string();
    let o = |p: &str| out.join(p).into_os_string();
    let a = |x: &str| std::ffi::OsString::from(x);
    match kind {
        "counts" => vec![
            a("rates"),
            a("--counts"),
            f,
            a("--population"),
            s("population.csv"),
            a("-o"),
            o("rates.csv"),
        ],
        "population" => vec![
            a("rates"),
            a("--counts"),
            s("counts.csv"),
            a("--population"),
            f,
            a("-o"),
            o("rates.csv"),
        ],
        "survey" => vec![a("survey"), a("--input"), f, a("-o"), o("survey.csv")],
        "goals" => vec![a("goals"), a("--goals"), f, a("-o"), o("goals.csv")],
        "report" => vec![a("report"), a("--config"), f, a("--out"), o("report")],
        "import" => vec![a("import"), f, a("-o"), o("tidy.csv")],
        "compare" => vec![
            a("compare"),
            a("--input"),
            f,
            a("--benchmark"),
            a("19"),
            a("-o"),
            o("compare.csv"),
        ],
        "trend" => vec![a("trend"), a("--input"), f, a("-o"), o("trend.csv")],
        "lagesbild" => vec![
            a("lagesbild"),
            a("--incidents"),
            f,
            a("--area"),
            a("Fagersta"),
            a("--out"),
            o("lagesbild"),
        ],
        "lagesbild-categories" => vec![
            a("lagesbild"),
            a("--incidents"),
            s("incidents.csv"),
            a("--categories"),
            f,
            a("--area"),
            a("Fagersta"),
            a("--out"),
            o("lagesbild"),
        ],
        "profile" => vec![
            a("profile"),
            a("--input"),
            f,
            a("--area"),
            a("Fagersta"),
            a("--benchmark"),
            a("19"),
            a("-o"),
            o("profile.png"),
        ],
        chart if chart.starts_with("chart-") => {
            let mut v = vec![a("chart"), a(&chart["chart-".len()..]), a("--input"), f];
            if chart == "chart-trend" {
                v.extend([a("--area"), a("1982")]);
            }
            v.extend([a("-o"), o("chart.svg")]);
            v
        }
        "areas" => vec![
            a("survey"),
            a("--input"),
            s("ntu.csv"),
            a("--areas"),
            f,
            a("-o"),
            o("survey.csv"),
        ],
        other => panic!("unknown kind {other}"),
    }
}

/// Text that must never reach the user: internal messages of the CSV reader, serde and Rust.
const INTERNAL: [&str; 5] = [
    "panicked",
    "CSV error",
    "record with",
    "called `Result::unwrap()`",
    "called `Option::unwrap()`",
];

/// Every command that reads files has its broken inputs in the corpus.
#[test]
fn corpus_covers_every_command() {
    let cases = corpus();
    for (kind, at_least) in [
        ("counts", 20),
        ("population", 4),
        ("survey", 6),
        ("import", 6),
        ("compare", 5),
        ("trend", 5),
        ("goals", 10),
        ("report", 8),
        ("areas", 1),
        ("lagesbild", 8),
        ("lagesbild-categories", 4),
        ("profile", 5),
    ] {
        let n = cases.iter().filter(|c| c.kind == kind).count();
        assert!(
            n >= at_least,
            "{n} cases of kind {kind}, expected {at_least}"
        );
    }
    for chart in ["trend", "compare", "funnel", "survey", "goals"] {
        let kind = format!("chart-{chart}");
        assert!(cases.iter().any(|c| c.kind == kind), "no {kind} case");
    }
}

#[test]
fn corpus_has_at_least_40_files_over_every_format() {
    let cases = corpus();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for ext in ["csv", "px", "json", "xlsx", "xls", "toml"] {
        assert!(
            cases.iter().any(|c| c.file.ends_with(&format!(".{ext}"))),
            "no .{ext} case"
        );
    }
    for c in cases.iter().filter(|c| c.generate.is_none()) {
        assert!(
            corpus_dir().join(&c.file).is_file(),
            "{} is missing",
            c.file
        );
    }
}

#[test]
fn every_bad_input_fails_cleanly_with_its_message() {
    let generated = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in corpus() {
        let file = match &case.generate {
            Some(what) => {
                let path = generated.path().join(&case.file);
                generate(what, &path);
                path
            }
            None => corpus_dir().join(&case.file),
        };
        let out = tempfile::tempdir().unwrap();
        let got = Command::cargo_bin("bra")
            .unwrap()
            .args(args(&case.kind, &file, out.path()))
            .current_dir(corpus_dir())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&got.stderr);
        let mut wrong = Vec::new();
        if got.status.code() != Some(1) {
            wrong.push(format!("exit code {:?}, expected 1", got.status.code()));
        }
        for internal in INTERNAL {
            if stderr.contains(internal) {
                wrong.push(format!("internal message {internal:?} on stderr"));
            }
        }
        // A serde or toml message must come after the file's name.
        if let Some(i) = stderr.find("invalid type:")
            && !stderr[..i].contains(case.file.as_str())
        {
            wrong.push("`invalid type:` without the file's name before it".to_string());
        }
        for e in &case.expect {
            if !stderr.contains(e.as_str()) {
                wrong.push(format!("stderr lacks {e:?}"));
            }
        }
        let left: Vec<_> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        if !left.is_empty() {
            wrong.push(format!("left behind: {left:?}"));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({}; {}): {}\n    stderr: {}",
                case.file,
                case.kind,
                case.defect,
                wrong.join("; "),
                stderr.trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The caps are set on the command line, for every command that reads files.
#[test]
fn limits_are_set_on_the_command_line() {
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let got = Command::cargo_bin("bra")
            .unwrap()
            .args(["rates", "--counts"])
            .arg(sample("counts.csv"))
            .arg("--population")
            .arg(sample("population.csv"))
            .arg("-o")
            .arg(out.path().join("rates.csv"))
            .args(extra)
            .output()
            .unwrap();
        (
            got.status.code(),
            String::from_utf8_lossy(&got.stderr).to_string(),
        )
    };
    let (code, err) = run(&["--max-line-bytes", "20"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("counts.csv:1: the line is"), "{err}");
    assert!(err.contains("more than the limit of 20 bytes"), "{err}");
    let (code, err) = run(&["--max-columns", "3"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("counts.csv:1: the row has"), "{err}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
    // Fields: `brott.totalt` is 12 bytes, line 2 `1904,2015,brott.totalt,590,`.
    let (code, err) = run(&["--max-field-bytes", "11"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("counts.csv:2:11: field \"indicator\" is 12 bytes long"),
        "{err}"
    );
    assert!(
        err.contains("(raise the limit with --max-field-bytes)"),
        "{err}"
    );
    let (code, err) = run(&["--max-columns", "30", "--max-line-bytes", "1000"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run(&["--max-field-bytes", "100"]);
    assert_eq!(code, Some(0), "{err}");

    // A PX population file beyond --max-cells (placed after the subcommand: the caps are global).
    let got = Command::cargo_bin("bra")
        .unwrap()
        .args(["--max-cells", "3", "rates", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(root().join("tests/fixtures/px/population_be0101.px"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&got.stderr);
    assert_eq!(got.status.code(), Some(1), "{err}");
    assert!(err.contains("more than the limit of 3"), "{err}");
}

/// A workbook on which calamine panics (an overflowing cell reference, found by the xlsx fuzz
/// target): the library catches the panic, `bra` reports the file and prints no panic. Only
/// with overflow checks (debug builds): without them calamine wraps around instead.
#[cfg(debug_assertions)]
#[test]
fn a_panic_inside_calamine_is_an_error_naming_the_file() {
    let file =
        root().join("tests/fuzz_regressions/xlsx/crash-fcb2827dfc83afb5cb8e1cfc19b57217920e29b5");
    let got = Command::cargo_bin("bra")
        .unwrap()
        .args(["rates", "--counts"])
        .arg(&file)
        .arg("--population")
        .arg(sample("population.csv"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&got.stderr);
    assert_eq!(got.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("the reader failed on this file (internal error: "),
        "{err}"
    );
    assert!(!err.contains("internal error: panicked"), "{err}");
}
