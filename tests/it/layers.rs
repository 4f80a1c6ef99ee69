//! Issue 16 (goals, report, language, labels, columns, messages): the library's messages
//! speak of its own inputs and the CLI adds its flags; warnings carry their area; the goals
//! and report loaders read what Compute is handed.

use crate::sample;
use assert_cmd::Command;
use bra_indicators::{Error, RateOptions, Warning, WarningKind, evaluate_goals, rates};
use predicates::prelude::*;

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

#[test]
fn a_bad_multiplier_names_the_setting_and_the_cli_names_the_flag() {
    let options = RateOptions {
        per: -1.0,
        ..RateOptions::default()
    };
    let err = rates(&Default::default(), &Default::default(), &options).unwrap_err();
    assert!(matches!(err, Error::Setting { setting: "per", .. }));
    assert!(!err.to_string().contains("--"), "{err}");
    bra()
        .args(["rates", "--per", "0", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(sample("population.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the rate multiplier `per`: expected a positive number, found 0 (set with --per)",
        ));
}

#[test]
fn goals_without_data_name_the_data_flag_only_in_the_cli() {
    let err = bra_indicators::read_goal_data(&[]).unwrap_err();
    assert!(!err.to_string().contains("--data"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("goals.toml"))
        .unwrap()
        .replace("data = [\"rates.csv\"]", "data = []");
    let goals = dir.path().join("goals.toml");
    std::fs::write(&goals, text).unwrap();
    bra()
        .args(["goals", "--goals"])
        .arg(&goals)
        .assert()
        .failure()
        .stderr(predicate::str::contains("or give --data FILE"));
}

#[test]
fn the_goals_loader_reads_and_compute_evaluates_what_it_is_handed() {
    let file = bra_indicators::read_goals(&sample("goals.toml")).unwrap();
    let (data, _) = bra_indicators::read_goal_data(&file.data).unwrap();
    let results = evaluate_goals(&file, &data, None).unwrap();
    assert_eq!(results.results.len(), file.goals.len());
    // Every warning of the evaluation says which goal's area and indicator it is about.
    for w in &results.warnings {
        let goal = file
            .goals
            .iter()
            .find(|g| w.message.contains(&format!("goal \"{}\"", g.id)))
            .unwrap();
        assert_eq!(w.area.as_deref(), Some(goal.area.as_str()), "{w}");
        assert_eq!(w.indicator.as_deref(), Some(goal.indicator.as_str()), "{w}");
    }
}

#[test]
fn reading_warnings_carry_the_area_and_indicator_of_the_cell() {
    let csv = "area,period,indicator,count\n1982,2020,brott.totalt,..\n0180,2020,brott.totalt,5\n";
    let read = bra_indicators::read_table_bytes(
        "counts.csv",
        csv.as_bytes(),
        &bra_indicators::ReadOptions::default(),
    )
    .unwrap();
    let missing: Vec<&Warning> = read
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::MissingValue)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].is_about_area("1982"));
    assert_eq!(missing[0].indicator.as_deref(), Some("brott.totalt"));
}

/// The house of issue 16, checked on the library's source: every `use crate::…` line and every
/// inline `crate::…` path outside `#[cfg(test)]` code, by the part of the file it is in.
mod house {
    use crate::root;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// The parts of the library (DESIGN.md, "Decisions of 2026-12", Architecture).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Part {
        /// `stats/`: plain numerics.
        Stats,
        /// Areas, periods, indicators, the table, warnings, limits, number format, labels,
        /// the output schemas, nice numbers for axes.
        Model,
        /// The error type and the neutral helpers (`parallel`, `tally`) everyone may use.
        Neutral,
        /// `ingest/`: the readers.
        Ingest,
        /// `indicators/` and `goals/`.
        Compute,
        /// `output.rs`: writing frames to files.
        Output,
        /// `chart/`.
        Charts,
        /// `report/`.
        Report,
    }

    /// The part of a module given by its first path segment (`stats`, `area`, ...); `None` for
    /// a name that is no module of the crate (a re-export at the crate root).
    fn part_of(module: &str) -> Option<Part> {
        Some(match module {
            "stats" => Part::Stats,
            "area" | "period" | "indicator" | "table" | "warning" | "limits" | "format"
            | "labels" | "incident" | "coded" | "tomlfile" | "schema" | "axis" => Part::Model,
            "error" | "parallel" | "tally" => Part::Neutral,
            "ingest" => Part::Ingest,
            "indicators" | "goals" => Part::Compute,
            "output" => Part::Output,
            "chart" => Part::Charts,
            // `pipeline.rs` joins reading and computing for the one-call entry points
            // (`rates_from_files`): a loading module at the Report level.
            "report" | "pipeline" => Part::Report,
            _ => return None,
        })
    }

    /// Whether `from` may use the item `leaf` of a module in part `to`.
    fn allowed(from: Part, to: Part, leaf: &str) -> bool {
        let is_type = leaf.starts_with(|c: char| c.is_ascii_uppercase()) || leaf == "self";
        match (from, to) {
            (_, Part::Neutral) => true,
            (a, b) if a == b => true,
            (Part::Stats, _) => false,
            // Model: Model and Stats' plain enums (types, not functions).
            (Part::Model, Part::Stats) => is_type,
            (Part::Model, _) => false,
            (Part::Ingest, Part::Model) => true,
            (Part::Ingest, _) => false,
            (Part::Compute, Part::Stats | Part::Model) => true,
            (Part::Compute, _) => false,
            (Part::Output | Part::Neutral, Part::Model) => true,
            (Part::Output | Part::Neutral, _) => false,
            // Charts: Model, Compute's result types, writing the image file.
            (Part::Charts, Part::Model | Part::Output) => true,
            (Part::Charts, Part::Compute) => is_type,
            (Part::Charts, _) => false,
            (Part::Report, _) => true,
        }
    }

    /// What the house allows for a reason written here (file, path prefix, why): nothing now.
    const EXCEPTIONS: [(&str, &str, &str); 0] = [];

    /// Every `.rs` file under `dir`, sorted, with its path relative to `dir` (`/`-separated).
    pub(super) fn sources(dir: &Path) -> Vec<(String, PathBuf)> {
        let mut files = Vec::new();
        rust_files(dir, &mut files);
        files.sort();
        files
            .into_iter()
            .map(|f| {
                let rel = f
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, f)
            })
            .collect()
    }

    /// Every `.rs` file under `dir`.
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The files that are test modules (`#[cfg(test)] mod tests;` and the like).
    fn test_files(src: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
        let mut out = BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(f).unwrap();
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            for w in lines.windows(2) {
                if w[0] != "#[cfg(test)]" {
                    continue;
                }
                let Some(name) = w[1]
                    .trim_start_matches("pub(crate) ")
                    .trim_start_matches("pub ")
                    .strip_prefix("mod ")
                    .and_then(|r| r.strip_suffix(';'))
                else {
                    continue;
                };
                let stem = f.file_stem().unwrap().to_string_lossy();
                let dir = if stem == "mod" || stem == "lib" {
                    f.parent().unwrap().to_path_buf()
                } else {
                    f.parent().unwrap().join(&*stem)
                };
                out.insert(dir.join(format!("{name}.rs")));
                out.insert(dir.join(name).join("mod.rs"));
            }
        }
        out.retain(|p| p.starts_with(src));
        out
    }

    /// The lines of code outside `#[cfg(test)]` modules and comments: (line number, code).
    fn code_lines(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut lines = text.lines().enumerate().peekable();
        while let Some((i, line)) = lines.next() {
            let t = line.trim();
            if t == "#[cfg(test)]" {
                if let Some((_, next)) = lines.peek()
                    && next.contains("mod ")
                    && next.trim_end().ends_with('{')
                {
                    let mut depth = 0i64;
                    for (_, l) in lines.by_ref() {
                        depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
                        if depth <= 0 {
                            break;
                        }
                    }
                }
                continue;
            }
            if t.starts_with("//") {
                continue;
            }
            let code = match t.find("//") {
                Some(k) if !t[..k].contains('"') => &t[..k],
                _ => t,
            };
            out.push((i + 1, code.to_string()));
        }
        out
    }

    /// The leaf paths of a use tree: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
    fn flatten(tree: &str) -> Vec<String> {
        let tree: String = tree.split_whitespace().collect();
        let Some(open) = tree.find('{') else {
            return vec![tree];
        };
        let prefix = &tree[..open];
        let inner = &tree[open + 1..tree.len() - 1];
        let mut parts = Vec::new();
        let (mut depth, mut start) = (0, 0);
        for (k, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&inner[start..k]);
                    start = k + 1;
                }
                _ => {}
            }
        }
        parts.push(&inner[start..]);
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .flat_map(|p| flatten(p).into_iter().map(move |l| format!("{prefix}{l}")))
            .collect()
    }

    /// The crate paths a file uses outside test code: (line, path after `crate::`, from a
    /// `use` line).
    fn crate_paths(text: &str) -> Vec<(usize, String, bool)> {
        let mut out = Vec::new();
        let lines = code_lines(text);
        let mut k = 0;
        while k < lines.len() {
            let (line, code) = &lines[k];
            let is_use = ["use crate::", "pub use crate::", "pub(crate) use crate::"]
                .iter()
                .any(|p| code.starts_with(p));
            if is_use {
                let mut stmt = code.clone();
                while !stmt.contains(';') && k + 1 < lines.len() {
                    k += 1;
                    stmt.push_str(&lines[k].1);
                }
                let tree = stmt[stmt.find("crate::").unwrap() + 7..]
                    .trim_end_matches(';')
                    .trim();
                let tree = tree.split(" as ").next().unwrap_or(tree);
                for leaf in flatten(tree) {
                    out.push((*line, leaf, true));
                }
            } else {
                let mut rest = code.as_str();
                while let Some(at) = rest.find("crate::") {
                    let before = rest[..at].chars().last();
                    let after = &rest[at + 7..];
                    let end = after
                        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .unwrap_or(after.len());
                    if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        out.push((*line, after[..end].trim_end_matches(':').to_string(), false));
                    }
                    rest = &after[end..];
                }
            }
            k += 1;
        }
        out
    }

    #[test]
    fn every_use_line_keeps_the_house_of_issue_16() {
        let src = root().join("crates/bra-indicators/src");
        let sources = sources(&src);
        let files: Vec<PathBuf> = sources.iter().map(|(_, f)| f.clone()).collect();
        let tests = test_files(&src, &files);
        let mut broken = Vec::new();
        let mut used_exceptions = BTreeSet::new();
        for (rel, f) in &sources {
            if rel == "lib.rs" || tests.contains(f) {
                continue;
            }
            let first = rel.split('/').next().unwrap().trim_end_matches(".rs");
            let from = part_of(first).unwrap_or_else(|| {
                panic!("{rel}: a module the house does not place: add it to part_of")
            });
            let text = std::fs::read_to_string(f).unwrap();
            for (line, path, is_use) in crate_paths(&text) {
                let module = path.split("::").next().unwrap_or_default();
                let leaf = path.rsplit("::").next().unwrap_or_default();
                let Some(to) = part_of(module) else {
                    broken.push(format!(
                        "{rel}:{line}: crate::{path}: import by module path, not through the \
                         crate root's re-exports{}",
                        if is_use { "" } else { " (inline path)" }
                    ));
                    continue;
                };
                if allowed(from, to, leaf) {
                    continue;
                }
                if let Some(e) = EXCEPTIONS
                    .iter()
                    .find(|(file, prefix, _)| *file == rel && path.starts_with(prefix))
                {
                    used_exceptions.insert(*e);
                    continue;
                }
                broken.push(format!("{rel}:{line}: {from:?} uses {to:?}: crate::{path}"));
            }
        }
        assert!(
            broken.is_empty(),
            "the house is broken:\n{}",
            broken.join("\n")
        );
        // An exception that is no longer needed is removed from the list.
        let stale: Vec<_> = EXCEPTIONS
            .iter()
            .filter(|e| !used_exceptions.contains(*e))
            .collect();
        assert!(stale.is_empty(), "exceptions no longer needed: {stale:?}");
    }

    #[test]
    fn the_checker_sees_what_it_is_meant_to() {
        assert_eq!(
            flatten("indicators::{compare::{Assessment, compare_row}, Computed}"),
            [
                "indicators::compare::Assessment",
                "indicators::compare::compare_row",
                "indicators::Computed"
            ]
        );
        let text = "use crate::stats::rate::rate;\nfn f() { crate::ingest::read(); }\n\
                    #[cfg(test)]\nmod tests {\n    use crate::ingest::x;\n}\n// crate::report\n";
        let paths: Vec<String> = crate_paths(text).into_iter().map(|p| p.1).collect();
        assert_eq!(paths, ["stats::rate::rate", "ingest::read"]);
        assert!(!allowed(Part::Charts, Part::Compute, "compare_row"));
        assert!(allowed(Part::Charts, Part::Compute, "Assessment"));
        assert!(!allowed(Part::Ingest, Part::Stats, "Level"));
        assert!(allowed(Part::Model, Part::Stats, "Polarity"));
        assert!(!allowed(Part::Compute, Part::Ingest, "read_table"));
        assert_eq!(part_of("Table"), None);
    }
}

/// One list per output schema (issue 16): every table the commands print has the columns of
/// its list in `schema.rs`, and no frame builder spells a column name of its own.
mod schemas {
    use crate::root;
    use bra_indicators::schema::*;

    /// The header of a golden output (the golden test keeps these equal to what the commands
    /// print), as a list of names.
    fn golden_header(name: &str) -> Vec<String> {
        let path = root().join("tests/golden").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().next().unwrap();
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn every_printed_table_has_the_columns_of_its_list() {
        let rates_smoothed: Vec<&str> = RATE_COLUMNS
            .iter()
            .chain(SMOOTHING_COLUMNS.iter())
            .copied()
            .collect();
        let cases: [(&str, &[&str]); 15] = [
            ("rates.csv", &RATE_COLUMNS),
            ("rates_exact.csv", &RATE_COLUMNS),
            ("rates_smoothed.csv", &rates_smoothed),
            ("survey_mu.csv", &SURVEY_COLUMNS),
            ("survey_ntu_wide.csv", &SURVEY_COLUMNS),
            ("compare_ntu.csv", &COMPARE_COLUMNS),
            ("compare_rates.csv", &COMPARE_COLUMNS),
            ("change_mu.csv", &CHANGE_COLUMNS),
            ("change_rates.csv", &CHANGE_COLUMNS),
            ("trends.csv", &TREND_COLUMNS),
            ("goals.csv", &GOAL_COLUMNS),
            ("import_px.csv", &CANONICAL_COLUMNS),
            ("profile.csv", &PROFILE_COLUMNS),
            ("lagesbild.csv", &SITUATION_COLUMNS),
            ("lagesbild_places.csv", &PLACE_COLUMNS),
        ];
        for (file, list) in cases {
            assert_eq!(golden_header(file), list, "{file}");
        }
    }

    /// The frame builders' calls that would name a column with a string literal.
    const LITERAL_NAMES: [&str; 5] = [
        "Column::new(\"",
        ".str(\"",
        ".f64(\"",
        ".bool(\"",
        "FrameBuilder::new(\"",
    ];

    /// Files whose frame builders still spell their columns, and why.
    const LEFT: [(&str, &str); 1] = [(
        // The rates frame is built from dictionary codes in issue 15's file (performance
        // work in progress there): it moves to RATE_COLUMNS when that lands.
        "indicators/rates.rs",
        "issue 15's file",
    )];

    #[test]
    fn no_frame_builder_spells_a_column_name() {
        let src = root().join("crates/bra-indicators/src");
        let mut found = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        for (rel, f) in super::house::sources(&src) {
            let text = std::fs::read_to_string(f).unwrap();
            // Test code names its own frames.
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            for (k, line) in code.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                if LITERAL_NAMES.iter().any(|p| line.contains(p)) {
                    if let Some(left) = LEFT.iter().find(|(file, _)| *file == rel.as_str()) {
                        used.insert(left.0);
                        continue;
                    }
                    found.push(format!("{rel}:{}: {}", k + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "column names spelled in a frame builder (use the lists of schema.rs):\n{}",
            found.join("\n")
        );
        let stale: Vec<_> = LEFT.iter().filter(|l| !used.contains(l.0)).collect();
        assert!(stale.is_empty(), "no longer needed: {stale:?}");
    }
}

/// Every Swedish/English label in one table (issue 16): the command line takes its words from
/// `bra_indicators::labels::cli` and writes no pair of its own.
mod cli_words {
    use crate::root;

    #[test]
    fn the_command_line_writes_no_swedish_english_pair_inline() {
        let mut found = Vec::new();
        for (_, f) in super::house::sources(&root().join("crates/bra-cli/src")) {
            let text = std::fs::read_to_string(&f).unwrap();
            for (k, line) in text.lines().enumerate() {
                let pair = [
                    "Lang::Sv =>",
                    "Lang::En =>",
                    ".pick(\"",
                    "if sv {",
                    "== Lang::Sv",
                ]
                .iter()
                .any(|p| line.contains(p));
                if pair {
                    found.push(format!("{}:{}: {}", f.display(), k + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "Swedish/English pairs written in the CLI (put them in labels/cli.rs):\n{}",
            found.join("\n")
        );
        // The table the CLI uses has both languages for every phrase.
        use bra_indicators::labels::cli::{REPORT_WRITTEN, WROTE_ROWS};
        for p in [WROTE_ROWS, REPORT_WRITTEN] {
            assert!(!p.sv.is_empty() && !p.en.is_empty() && p.sv != p.en);
        }
    }
}
