//! The fast path of `bra rates` (`rates_from_files`: polars' CSV reader, per-distinct-value
//! checks, streamed CSV) gives exactly what the row-by-row readers and `rates` give: the same
//! table, the same CSV bytes, the same warnings, and for bad input the same errors.

use crate::{fixture, national, sample};
use bra_indicators::polars::prelude::DataFrame;
use bra_indicators::{
    Level, PopulationYear, RateMethod, RateOptions, ReadOptions, WARNING_EXAMPLES, WarningKind,
    WarningSummary, rates, rates_from_files, read_population, read_table, read_table_bytes,
    summarise_warnings, write_csv,
};
use std::path::{Path, PathBuf};

/// The row-by-row path, as `bra rates` ran it before the fast path.
fn slow(
    counts: &Path,
    population: &Path,
    options: &RateOptions,
) -> (DataFrame, Vec<WarningSummary>) {
    let table = read_table(counts, &ReadOptions::default()).unwrap();
    let (pop, pop_warnings) = read_population(population).unwrap();
    let out = rates(&table.table, &pop, options).unwrap();
    let mut all = table.warnings;
    all.extend(pop_warnings);
    all.extend(out.warnings);
    (out.frame, summarise_warnings(&all, WARNING_EXAMPLES))
}

/// Checks that both paths agree on `counts` under several options; returns whether the fast
/// reader was used.
fn assert_same(counts: &Path, population: &Path) -> bool {
    let option_sets = [
        RateOptions::default(),
        RateOptions {
            method: RateMethod::Exact,
            level: Level::P998,
            per: 1000.0,
            ..RateOptions::default()
        },
        RateOptions {
            method: RateMethod::Byar,
            suppress_small: true,
            ..RateOptions::default()
        },
        RateOptions {
            method: RateMethod::Normal,
            level: Level::new(0.9).unwrap(),
            ..RateOptions::default()
        },
        // The count's own year-end (the default is the year before, as Brå does).
        RateOptions {
            population_year: PopulationYear::Same,
            ..RateOptions::default()
        },
        RateOptions {
            population_year: PopulationYear::Same,
            method: RateMethod::Exact,
            suppress_small: true,
            ..RateOptions::default()
        },
    ];
    let mut fast = None;
    for options in option_sets {
        let (frame, warnings) = slow(counts, population, &options);
        let run = rates_from_files(counts, population, &ReadOptions::default(), &options).unwrap();
        assert_eq!(*fast.get_or_insert(run.is_fast()), run.is_fast());
        assert_eq!(run.height(), frame.height());
        let table = run.to_dataframe().unwrap();
        assert_eq!(table.schema(), frame.schema(), "{}", counts.display());
        assert!(
            table.equals_missing(&frame),
            "{} {options:?}:\nfast {table}\nslow {frame}",
            counts.display()
        );
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_csv(&frame, &mut a).unwrap();
        run.write_csv(&mut b).unwrap();
        if a != b {
            let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            let (i, (x, y)) = a
                .lines()
                .zip(b.lines())
                .enumerate()
                .find(|(_, (x, y))| x != y)
                .unwrap_or((0, ("(lengths differ)", "")));
            panic!(
                "{} {options:?}: CSV line {} differs:\nslow {x}\nfast {y}",
                counts.display(),
                i + 1
            );
        }
        assert_eq!(run.warnings(), warnings.as_slice(), "{}", counts.display());
    }
    fast.unwrap_or(false)
}

/// A small national data set in a temporary folder.
fn generated(config: national::Config) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    national::generate(&config, dir.path()).unwrap();
    let (c, p) = (
        dir.path().join("counts.csv"),
        dir.path().join("population.csv"),
    );
    (dir, c, p)
}

fn small() -> national::Config {
    national::Config {
        scale: 0.005, // 6 categories
        years: 4,
        suppressed: 0.02,
        ..national::Config::default()
    }
}

#[test]
fn same_as_row_by_row_on_the_samples() {
    assert!(assert_same(
        &sample("counts.csv"),
        &sample("population.csv")
    ));
    assert!(assert_same(
        &fixture("counts_small.csv"),
        &fixture("population_small.csv")
    ));
}

#[test]
fn same_as_row_by_row_on_a_generated_national_set() {
    let (_dir, counts, population) = generated(small());
    assert!(assert_same(&counts, &population));
    // Monthly periods take the population of their calendar year.
    let (_dir, counts, population) = generated(national::Config {
        monthly: true,
        years: 2,
        scale: 0.002,
        ..small()
    });
    assert!(assert_same(&counts, &population));
}

#[test]
fn same_when_written_in_parallel_chunks() {
    // More rows than several chunks of the streamed writer (4,096 rows), so the workers run;
    // more bytes than a chunk of the reader (2 MiB), so the chunks are merged.
    let (_dir, counts, population) = generated(national::Config {
        scale: 0.03,
        years: 8,
        ..national::Config::default()
    });
    let options = RateOptions::default();
    let (frame, _) = slow(&counts, &population, &options);
    assert!(frame.height() > 70_000);
    assert!(std::fs::metadata(&counts).unwrap().len() > 2 << 20);
    let run = rates_from_files(&counts, &population, &ReadOptions::default(), &options).unwrap();
    assert!(run.is_fast());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    write_csv(&frame, &mut a).unwrap();
    run.write_csv(&mut b).unwrap();
    assert!(a == b, "the streamed CSV differs from polars' writer");
}

/// Writes `text` beside a copy of the small generated population and returns both paths.
fn variant(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn same_on_variants_of_the_canonical_file() {
    let (dir, counts, population) = generated(small());
    let text = std::fs::read_to_string(&counts).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dir = dir.path();
    // Read fast: names instead of codes, CRLF, ';', spaces, extra columns, no final newline.
    let names = text
        .replace("\n1982,", "\nFagersta kommun,")
        .replace("\n0114,", "\nUpplands Väsby,");
    let crlf = text.replace('\n', "\r\n");
    let semicolon = text.replace(',', ";");
    let spaced = text.replace(",brott.", " , brott.");
    let mut extra = String::from("area,period,indicator,count,status,group,source,note\n");
    for (i, l) in lines[1..].iter().enumerate() {
        let status = ["", "preliminary", "..", "", "", "nil;preliminary"][i % 6];
        let group = ["", "total", "kvinnor"][i % 3];
        let group = if group == "kvinnor" && i % 2 == 0 {
            "män"
        } else {
            group
        };
        extra.push_str(&format!(
            "{l},{status},{group},{},x\n",
            if i % 7 == 0 { "" } else { "SOL" }
        ));
    }
    let unterminated = text.trim_end().to_string();
    // A built-in city district, by its name as Brå writes it and by its code.
    let builtin_district = format!(
        "{text}Spånga-Tensta,1999,brott.x,3\nStadsdelsområde Bromma (Sthlm),1999,brott.x,4\n\
         0180:kista,1999,brott.x,5\n"
    );
    // Quotes (a few fields, with a doubled quote and a delimiter inside), Windows-1252, labels
    // that get a slug (one of them on many rows, two that give the same id, a quoted one).
    let quoted = text.replacen("\n1982,", "\n\"1982\",", 3).replacen(
        ",brott.misshandel_inomhus_bekant_0002,",
        ",\"brott.misshandel_inomhus_bekant_0002\",",
        5,
    );
    let cp1252: Vec<u8> = names
        .chars()
        .map(|c| if c == 'ä' { 0xE4 } else { c as u8 })
        .collect();
    let label = text
        .replacen("brott.misshandel_0001", "En okänd kategori", 1)
        .replace("brott.stold_och_snatteri_0003", "Stöld och snatteri 0003")
        .replacen(
            ",brott.bostadsinbrott_villa_0004,",
            ",\"Bostadsinbrott, \"\"villa\"\"\",",
            3,
        )
        .replacen(
            ",brott.skadegorelse_klotter_0006,",
            ",Skadegörelse - klotter!,",
            2,
        )
        .replacen(
            ",brott.skadegorelse_klotter_0006,",
            ",skadegorelse klotter,",
            1,
        );
    // Empty lines (the slow reader skips them; the line numbers of later rows count them).
    let blank = text.replacen('\n', "\n\n", 2).replacen("\n\n", "\n", 1);
    let mut blanks = String::new();
    for (i, l) in lines.iter().enumerate() {
        blanks.push_str(l);
        blanks.push('\n');
        if i % 97 == 5 || i == 1 {
            blanks.push_str(if i % 2 == 0 { "\n" } else { "\n\n" });
        }
    }
    blanks.push_str("\n\n");
    let blanks_crlf = blanks.replace('\n', "\r\n");
    for (name, t) in [
        ("names.csv", names.as_bytes()),
        ("crlf.csv", crlf.as_bytes()),
        ("semicolon.csv", semicolon.as_bytes()),
        ("spaced.csv", spaced.as_bytes()),
        ("extra.csv", extra.as_bytes()),
        ("unterminated.csv", unterminated.as_bytes()),
        ("builtin_district.csv", builtin_district.as_bytes()),
        ("quoted.csv", quoted.as_bytes()),
        ("cp1252.csv", &cp1252),
        ("label.csv", label.as_bytes()),
        ("blank.csv", blank.as_bytes()),
        ("blanks.csv", blanks.as_bytes()),
        ("blanks_crlf.csv", blanks_crlf.as_bytes()),
    ] {
        let f = variant(dir, name, t);
        assert!(assert_same(&f, &population), "{name} should be read fast");
        assert_same_table(&f);
    }
    // Read by the row-by-row reader (and still the same): a blank line, a city district
    // outside the built-in list, quotes the two readers could read differently (a quote inside a field, text after the
    // closing quote). A line end inside quotes is refused by both (`bad_input_...`).
    let district = format!("{text}Stadsdelsområde Nytt (Sthlm),1999,brott.x,3\n");
    let spaces = text.replacen('\n', "\n  \n", 2).replacen("\n  \n", "\n", 1);
    let delimiters = text
        .replacen('\n', "\n,,,\n", 7)
        .replacen("\n,,,\n", "\n", 6);
    let inner = text.replacen(",brott.misshandel_0001,", ",Ny \"kategori\",", 1);
    let after = text.replacen(",brott.misshandel_0001,", ",\"Ny\" kategori,", 1);
    for (name, t) in [
        ("spaces.csv", spaces.as_bytes()),
        ("delimiters.csv", delimiters.as_bytes()),
        ("district.csv", district.as_bytes()),
        ("inner.csv", inner.as_bytes()),
        ("after.csv", after.as_bytes()),
    ] {
        let f = variant(dir, name, t);
        assert!(!assert_same(&f, &population), "{name} should go row by row");
    }
}

/// Every shape of the generated national set (`national::Shape`: labels, names, Windows-1252,
/// `;`, quotes, Swedish numbers) is read by the fast reader and gives the same output file as
/// the canonical shape, byte for byte, and the same warnings (the file's name aside); each is
/// also the same as the row-by-row path gives.
#[test]
fn every_shape_gives_the_canonical_output() {
    let dir = tempfile::tempdir().unwrap();
    let config = national::Config {
        suppressed: 0.05,
        ..small()
    };
    let mut canonical: Option<(Vec<u8>, String)> = None;
    for shape in national::Shape::ALL {
        assert_eq!(national::Shape::from_name(shape.name()), Some(shape));
        let folder = dir.path().join(shape.name());
        national::generate_shape(&config, shape, &folder).unwrap();
        let counts = folder.join("counts.csv");
        let population = folder.join("population.csv");
        assert!(
            assert_same(&counts, &population),
            "{} should be read fast",
            shape.name()
        );
        let options = RateOptions {
            method: RateMethod::Exact,
            ..RateOptions::default()
        };
        let run =
            rates_from_files(&counts, &population, &ReadOptions::default(), &options).unwrap();
        assert!(run.is_fast(), "{}", shape.name());
        let mut csv = Vec::new();
        run.write_csv(&mut csv).unwrap();
        // The folder (in the source column, with the population file's name, and in the
        // warnings' locations) as a placeholder.
        let name = folder.display().to_string();
        let csv = String::from_utf8(csv).unwrap().replace(&name, "COUNTS");
        let others: Vec<&WarningSummary> = run
            .warnings()
            .iter()
            .filter(|s| s.kind != WarningKind::UnknownIndicator)
            .collect();
        let warnings = format!("{others:?}").replace(&name, "COUNTS");
        assert!(csv.lines().count() > 1000);
        assert!(warnings.contains("SmallCount") && warnings.contains("MissingValue"));
        // The labels shape warns once per distinct label, at its first line; no other does.
        let labels = run
            .warnings()
            .iter()
            .find(|s| s.kind == WarningKind::UnknownIndicator);
        if shape == national::Shape::Labels {
            let labels = labels.expect("label warnings");
            assert_eq!(labels.count, 6, "one warning per label");
            assert!(
                labels.examples[0].ends_with(
                    "labels/counts.csv:2: unknown indicator \"Misshandel 0001\": given the \
                     id brott.misshandel_0001"
                ),
                "{}",
                labels.examples[0]
            );
        } else {
            assert!(labels.is_none(), "{}", shape.name());
        }
        match &canonical {
            None => canonical = Some((csv.into_bytes(), warnings)),
            Some((bytes, w)) => {
                assert!(
                    csv.as_bytes() == bytes.as_slice(),
                    "{}: the output differs from the canonical shape's",
                    shape.name()
                );
                assert_eq!(&warnings, w, "{}", shape.name());
            }
        }
    }
}

#[test]
fn missing_populations_and_ranges() {
    let (dir, counts, population) = generated(small());
    // Drop a few kommuner's populations and add pooled-range periods.
    let pop = std::fs::read_to_string(&population).unwrap();
    let kept: String = pop
        .lines()
        .filter(|l| !l.starts_with("0114,") && !l.starts_with("1982,1997"))
        .map(|l| format!("{l}\n"))
        .collect();
    let population = variant(dir.path(), "pop.csv", kept.as_bytes());
    let mut text = std::fs::read_to_string(&counts).unwrap();
    text.push_str("1982,2017-2019,brott.totalt,12\n0180,2017-2019,brott.totalt,..\n");
    let counts = variant(dir.path(), "c.csv", text.as_bytes());
    assert!(assert_same(&counts, &population));
}

#[test]
fn bad_input_gives_the_row_by_row_errors() {
    let (dir, counts, population) = generated(small());
    let text = std::fs::read_to_string(&counts).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    type Edit = Box<dyn Fn(&mut Vec<String>)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "negative.csv",
            Box::new(|l| {
                l[4999] = l[4999]
                    .rsplit_once(',')
                    .map(|(a, _)| format!("{a},-3"))
                    .unwrap()
            }),
            "negative.csv:5000: column \"count\": expected a non-negative count, found \"-3\"",
        ),
        (
            "text.csv",
            Box::new(|l| {
                l[9] = l[9]
                    .rsplit_once(',')
                    .map(|(a, _)| format!("{a},abc"))
                    .unwrap()
            }),
            "text.csv:10: column \"count\": expected a number, found \"abc\"",
        ),
        (
            "duplicate.csv",
            Box::new(|l| {
                let first = l[1].clone();
                l.push(first)
            }),
            "is already on line 2",
        ),
        (
            "atlantis.csv",
            Box::new(|l| l[99] = l[99].replacen(&l[99][..4], "Atlantis", 1)),
            "atlantis.csv:100: column \"area\": unknown area \"Atlantis\"",
        ),
        (
            "period.csv",
            Box::new(|l| l[199] = l[199].replacen(",199", ",19x", 1)),
            "period.csv:200: column \"period\"",
        ),
        (
            "ragged.csv",
            Box::new(|l| l[299].push_str(",7")),
            "ragged.csv:300: expected 4 fields",
        ),
        (
            "multiline.csv",
            Box::new(|l| l[399] = l[399].replacen(",brott.", ",\"Ny\nbrott.", 1) + "\""),
            "multiline.csv:400: field 3 runs over several lines",
        ),
    ];
    for (name, edit, needle) in cases {
        let mut l = lines.clone();
        edit(&mut l);
        let f = variant(dir.path(), name, (l.join("\n") + "\n").as_bytes());
        let err = rates_from_files(
            &f,
            &population,
            &ReadOptions::default(),
            &RateOptions::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains(needle), "{name}: {err}");
        let slow = read_table(&f, &ReadOptions::default())
            .unwrap_err()
            .to_string();
        assert_eq!(err, slow, "{name}");
    }
    // A bad population file is reported as before, after a good counts file was read fast.
    lines.truncate(50);
    let f = variant(dir.path(), "ok.csv", (lines.join("\n") + "\n").as_bytes());
    let pop = variant(
        dir.path(),
        "pop.csv",
        b"area,period,population\n0114,1996,n/a\n",
    );
    let err = rates_from_files(&f, &pop, &ReadOptions::default(), &RateOptions::default())
        .unwrap_err()
        .to_string();
    assert_eq!(err, read_population(&pop).unwrap_err().to_string());
}

/// `read_table` (which tries the fast reader) against `read_table_bytes` (always row by row).
fn assert_same_table(path: &Path) {
    let fast = read_table(path, &ReadOptions::default()).unwrap();
    let name = path.display().to_string();
    let slow = read_table_bytes(
        &name,
        &std::fs::read(path).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(fast.table, slow.table, "{name}");
    if let Some((a, b)) = fast
        .warnings
        .iter()
        .zip(&slow.warnings)
        .find(|(a, b)| a != b)
    {
        panic!("{name}: the first warning that differs:\nfast {a}\nslow {b}");
    }
    assert_eq!(fast.warnings.len(), slow.warnings.len(), "{name}");
    assert_eq!(
        (fast.layout, fast.encoding, fast.skipped),
        (slow.layout, slow.encoding, slow.skipped),
        "{name}"
    );
}

#[test]
fn read_table_is_the_same_on_canonical_tables() {
    let (dir, counts, population) = generated(small());
    let dir = dir.path();
    assert_same_table(&counts);
    assert_same_table(&sample("counts.csv"));
    // `bra rates` output (rate, lower, upper, level, method, status, source, area_name).
    let run = rates_from_files(
        &counts,
        &population,
        &ReadOptions::default(),
        &RateOptions::default(),
    )
    .unwrap();
    let rates_csv = dir.join("rates.csv");
    bra_indicators::write_rates(&run, &rates_csv).unwrap();
    assert_same_table(&rates_csv);
    // Survey-like tables: value with published intervals, levels in percent, n, survey years.
    let survey = "area;period;indicator;group;value;lower;upper;level;method;n;survey_year\n\
                  1982;2020;ntu.otrygghet;total;18.1;15.2;21.0;95;published;;2021\n\
                  1982;2021;ntu.otrygghet;kvinnor;;;;;;;\n\
                  1980;2021;ntu.otrygghet;total;3.5;1e-3;2.5E1;0.9;wilson;812;\n";
    assert_same_table(&variant(dir, "survey.csv", survey.as_bytes()));
    let values = "area,period,indicator,value,status\n1982,2020,brott.totalt,..,\n\
                  1982,2021,brott.totalt,,nil\n1980,2021,brott.totalt,1.5,preliminary\n";
    assert_same_table(&variant(dir, "values.csv", values.as_bytes()));
    // The trends of a rates table read fast are the trends of the same table read row by row.
    let fast = read_table(&rates_csv, &ReadOptions::default()).unwrap();
    let slow = read_table_bytes(
        &rates_csv.display().to_string(),
        &std::fs::read(&rates_csv).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let options = bra_indicators::TrendOptions::default();
    let (a, wa) = bra_indicators::trend_rows(&fast.table, &options).unwrap();
    let (b, wb) = bra_indicators::trend_rows(&slow.table, &options).unwrap();
    assert_eq!((a, wa), (b, wb));
}

#[test]
fn read_table_declines_what_it_cannot_read_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // Thousands spaces and decimal commas in a number column, a marker in `lower`, a zero
    // population, "NaN", a negative level: all read row by row, with the same result or error.
    for (name, text) in [
        (
            "spaces.csv",
            "area;period;indicator;count;population\n1982;2020;brott.totalt;1 577;13 391\n",
        ),
        (
            "comma.csv",
            "area;period;indicator;value;lower\n1982;2020;ntu.x;18,1;15,2\n",
        ),
        (
            "marker.csv",
            "area,period,indicator,value,lower\n1982,2020,ntu.x,18.1,..\n",
        ),
    ] {
        assert_same_table(&variant(dir, name, text.as_bytes()));
    }
    for (name, text, needle) in [
        (
            "zero.csv",
            "area,period,indicator,count,population\n1982,2020,brott.totalt,3,0\n",
            "zero.csv:2: column \"population\": expected a positive population",
        ),
        (
            "nan.csv",
            "area,period,indicator,value,lower\n1982,2020,ntu.x,18.1,NaN\n",
            "nan.csv:2: column \"lower\": expected a number, found \"NaN\"",
        ),
        (
            "negative.csv",
            "area,period,indicator,value,level\n1982,2020,ntu.x,3,-1\n",
            "negative.csv:2: column \"level\"",
        ),
    ] {
        let f = variant(dir, name, text.as_bytes());
        let err = read_table(&f, &ReadOptions::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{name}: {err}");
    }
}
