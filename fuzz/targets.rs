//! The body of every fuzz target, one function each: what must never panic (or allocate without
//! bound) whatever the bytes. Shared by the cargo-fuzz binaries (fuzz_targets/*.rs) and by the
//! regression test that replays the seeds and every crash input found so far
//! (tests/it/fuzz_regressions.rs), so that both run the same code.

use bra_indicators::{
    AreaRegistry, Format, IncidentCategories, Limits, Period, RateMethod, RateOptions, ReadOptions,
    ReportConfig, SituationOptions, parse_goals, rates_from_files, read_incidents_bytes,
    read_indicator_table, read_population_bytes, read_survey_bytes, read_table_bytes,
    situation_picture,
};
use std::path::PathBuf;

/// Caps for the fuzzers: small enough that a declared size cannot exhaust libFuzzer's memory.
fn options(format: Format) -> ReadOptions {
    ReadOptions {
        format,
        limits: Limits {
            max_cells: 1_000_000,
            max_unpacked_bytes: 64 << 20,
            ..Limits::default()
        },
        ..ReadOptions::default()
    }
}

/// A target: its name (the folder of its seeds and regressions) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: [Target; 13] = [
    ("csv_table", csv_table),
    ("population", population),
    ("px", px),
    ("jsonstat", jsonstat),
    ("pxweb_json", pxweb_json),
    ("kolada", kolada),
    ("xlsx", xlsx),
    ("survey", survey),
    ("goals_toml", goals_toml),
    ("report_config", report_config),
    ("period_and_area", period_and_area),
    ("incident_log", incident_log),
    ("counts_file", counts_file),
];

/// Delimited text in any of the CSV layouts (SCB's CSV download among them).
pub fn csv_table(data: &[u8]) {
    let _ = read_table_bytes("fuzz", data, &options(Format::Csv));
}

/// Population files in any format (CSV, SCB's CSV download, PX, JSON-stat, PxWeb json).
pub fn population(data: &[u8]) {
    let _ = read_population_bytes("fuzz", data);
}

/// SCB PC-Axis.
pub fn px(data: &[u8]) {
    let _ = read_table_bytes("fuzz", data, &options(Format::Px));
}

/// JSON-stat 2.0.
pub fn jsonstat(data: &[u8]) {
    let _ = read_table_bytes("fuzz", data, &options(Format::JsonStat));
}

/// SCB's PxWeb API v1 plain json (`columns`, `data`), as a table and as population.
pub fn pxweb_json(data: &[u8]) {
    let _ = read_table_bytes("fuzz", data, &options(Format::PxWebJson));
    let _ = read_population_bytes("fuzz", data);
}

/// Kolada API JSON.
pub fn kolada(data: &[u8]) {
    let _ = read_table_bytes("fuzz", data, &options(Format::Kolada));
}

/// Excel workbooks (calamine behind the unpacked-size and grid checks).
pub fn xlsx(data: &[u8]) {
    let _ = read_table_bytes("fuzz.xlsx", data, &options(Format::Xlsx));
}

/// Survey tables (NTU long and wide, SCB's citizen survey).
pub fn survey(data: &[u8]) {
    let _ = read_survey_bytes("fuzz", data, &ReadOptions::default());
}

/// SMART-goals files.
pub fn goals_toml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_goals("fuzz.toml", text, std::path::Path::new(""));
    }
}

/// Report configs.
pub fn report_config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ReportConfig::from_toml_str(text, std::path::Path::new("fuzz.toml"));
    }
}

/// Period parsing and area-name lookup; a parsed period prints back to the same period.
pub fn period_and_area(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = text.parse::<Period>() {
            let again: Period = p.to_string().parse().expect("a printed period parses");
            assert_eq!(p, again);
        }
        let _ = AreaRegistry::builtin().lookup(text);
        let _ = AreaRegistry::builtin().search(text);
    }
}

/// Incident logs (CSV, and the same bytes as an Excel workbook) and the situation picture of
/// what was read; categories files.
pub fn incident_log(data: &[u8]) {
    let limits = options(Format::Csv).limits;
    for name in ["fuzz.csv", "fuzz.xlsx"] {
        if let Ok((log, _)) = read_incidents_bytes(name, data, &limits) {
            let categories = IncidentCategories::builtin();
            let _ = situation_picture(&log, &categories, &SituationOptions::default());
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = IncidentCategories::parse("fuzz.toml", text);
    }
}

/// A folder of this process's own for the file-reading target, with the sample population.
fn scratch() -> &'static PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("bra-fuzz-counts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        std::fs::write(
            dir.join("population.csv"),
            include_bytes!("../data/samples/population.csv"),
        )
        .expect("the sample population written");
        dir
    })
}

/// A counts file as `bra rates` reads it: from a file, through the fast dictionary-encoded
/// reader (chunks, Windows-1252, quotes; the row-by-row reader for what it declines), joined
/// with the sample population, exact intervals, streamed out as CSV; and the same file as an
/// indicator table (`bra chart`, `bra compare`).
pub fn counts_file(data: &[u8]) {
    let dir = scratch();
    let counts = dir.join(format!("counts-{:?}.csv", std::thread::current().id()));
    std::fs::write(&counts, data).expect("the input written");
    let read = options(Format::Auto);
    let rates = RateOptions {
        method: RateMethod::Exact,
        ..RateOptions::default()
    };
    if let Ok(run) = rates_from_files(&counts, &dir.join("population.csv"), &read, &rates) {
        let mut out = Vec::new();
        let _ = run.write_csv(&mut out);
    }
    let _ = read_indicator_table(&counts, &read);
    let _ = std::fs::remove_file(&counts);
}
