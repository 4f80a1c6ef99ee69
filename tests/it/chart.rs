//! `bra chart` end to end: every kind from data/samples (through `bra rates`) or the chart
//! fixtures, as PNG and SVG, in Swedish and English, and the errors.

use crate::{fixture, sample};
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn bra() -> Command {
    Command::cargo_bin("bra").expect("the bra binary is built")
}

/// `bra [global] chart <args> --input <input> -o <out>`.
fn chart(global: &[&str], args: &[&str], input: &Path, out: &Path) -> assert_cmd::assert::Assert {
    bra()
        .args(global)
        .arg("chart")
        .args(args)
        .arg("--input")
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
}

/// `bra rates` on data/samples into `dir`.
fn sample_rates(dir: &Path) -> PathBuf {
    let out = dir.join("rates.csv");
    bra()
        .args(["-q", "rates", "--counts"])
        .arg(sample("counts.csv"))
        .arg("--population")
        .arg(sample("population.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}

/// Width, height and RGB pixels of a PNG file.
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Pixels of exactly this colour.
fn count_colour(pixels: &[u8], rgb: [u8; 3]) -> usize {
    pixels.chunks(3).filter(|p| *p == rgb).count()
}

/// Lines of an SVG that are a `tag` element containing `attr`.
fn count(svg: &str, tag: &str, attr: &str) -> usize {
    svg.lines()
        .filter(|l| l.trim_start().starts_with(tag) && l.contains(attr))
        .count()
}

#[test]
fn trend_png_for_a_word_page() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let out = dir.path().join("trend.png");
    chart(
        &[],
        &["trend", "--area", "Fagersta", "--indicator", "brott.totalt"],
        &rates,
        &out,
    )
    .success()
    .stderr(
        predicate::str::contains("skrev diagrammet till")
            .and(predicate::str::contains("1600 × 900")),
    );
    let (w, h, pixels) = decode_png(&out);
    assert_eq!((w, h), (1600, 900));
    let total = pixels.len() / 3;
    let white = count_colour(&pixels, [255, 255, 255]);
    assert!(
        white < total * 95 / 100,
        "not blank: {white} of {total} white"
    );
    // The area's line and points (Okabe-Ito blue), the county line (orange).
    assert!(count_colour(&pixels, [0x00, 0x72, 0xB2]) > 2000);
    assert!(count_colour(&pixels, [0xE6, 0x9F, 0x00]) > 500);
    // Nothing half-written beside it.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn trend_svg_with_a_goal_in_swedish_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let out = dir.path().join("trend.svg");
    let args = [
        "trend",
        "--area",
        "1982",
        "--indicator",
        "brott.totalt",
        "--benchmark",
        "19,00",
        "--target",
        "10500",
        "--deadline",
        "2026",
        "--baseline",
        "2019",
    ];
    chart(&[], &args, &rates, &out).success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg width=\"800\" height=\"450\""));
    assert!(svg.contains("Anmälda brott totalt"));
    assert!(svg.contains("Fagersta · per 100 000 invånare · 2015–2024"));
    assert!(svg.contains("Västmanlands län") && svg.contains("Riket"));
    assert!(svg.contains("Mål: 10\u{a0}500 till 2026 (utgångsvärde 2019)"));
    assert!(
        svg.contains("10\u{a0}826"),
        "Fagersta 2024, labelled in Swedish format"
    );
    assert!(svg.contains("Källa: Brå"));
    // Ten points in the area's colour, one more in the legend.
    assert_eq!(count(&svg, "<circle", "fill=\"#0072B2\""), 11);

    chart(&["--lang", "en"], &args, &rates, &out)
        .success()
        .stderr(predicate::str::contains("wrote the chart"));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("All reported crimes"));
    assert!(svg.contains("per 100,000 inhabitants"));
    assert!(svg.contains("Target: 10,500 by 2026 (baseline 2019)"));
    assert!(svg.contains("10,826") && svg.contains("Sweden") && svg.contains("Source: Brå"));
}

#[test]
fn trend_goal_from_bra_goals_output() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let out = dir.path().join("trend.svg");
    let goals = fixture("charts/goals.csv").display().to_string();
    let trend = [
        "trend",
        "--area",
        "1982",
        "--indicator",
        "brott.totalt",
        "--goals",
        &goals,
    ];
    chart(&[], &trend, &rates, &out).success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Mål: 10\u{a0}500 till 2026 (utgångsvärde 2019)"));
    // A goal id that is not there.
    chart(
        &[],
        &[&trend[..], &["--goal", "nope"]].concat(),
        &rates,
        &out,
    )
    .code(1)
    .stderr(predicate::str::contains("no goal nope"));
}

#[test]
fn compare_of_the_county_from_rates_and_from_bra_compare() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let out = dir.path().join("compare.svg");
    chart(
        &[],
        &[
            "compare",
            "--area",
            "1982",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19",
            "--period",
            "2024",
        ],
        &rates,
        &out,
    )
    .success();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Kommunerna i Västmanlands län jämfört med länet, 2024"));
    for name in [
        "Västerås",
        "Köping",
        "Skinnskatteberg",
        "Surahammar",
        "Fagersta",
    ] {
        assert!(svg.contains(name), "{name}");
    }
    let bars: usize = [
        "#00B050", "#92D050", "#FFC000", "#C00000", "#7F0000", "#C9C9C9",
    ]
    .iter()
    .map(|c| count(&svg, "<rect", &format!("fill=\"{c}\"")))
    .sum();
    let legend = [
        "Mycket bättre",
        "Bättre",
        "Likvärdig",
        "Sämre",
        "Mycket sämre",
        "Ej jämförd",
    ]
    .iter()
    .filter(|l| svg.contains(&format!(">\n{l}\n<")))
    .count();
    assert_eq!(
        bars,
        10 + legend,
        "ten kommuner plus {legend} legend swatches"
    );
    assert!(
        svg.contains("Västmanlands län: 12\u{a0}192"),
        "the benchmark line is labelled"
    );

    // `bra compare` output: its assessment colours the bars (Fagersta: much better).
    let png = dir.path().join("compare.png");
    chart(
        &[],
        &[
            "compare",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19",
            "--area",
            "1982",
        ],
        &fixture("charts/compare.csv"),
        &png,
    )
    .success();
    let (w, h, pixels) = decode_png(&png);
    assert_eq!((w, h), (1600, 900));
    assert!(
        count_colour(&pixels, [0x00, 0xB0, 0x50]) > 5000,
        "a much-better bar"
    );
    assert!(
        count_colour(&pixels, [0x7F, 0x00, 0x00]) > 5000,
        "a much-worse bar"
    );
}

#[test]
fn funnel_survey_and_goals() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let funnel = dir.path().join("funnel.svg");
    chart(
        &[],
        &[
            "funnel",
            "--area",
            "Fagersta",
            "--indicator",
            "brott.totalt",
            "--benchmark",
            "19",
        ],
        &rates,
        &funnel,
    )
    .success();
    let svg = std::fs::read_to_string(&funnel).unwrap();
    assert!(svg.contains("gränser kring Västmanlands län"));
    assert!(svg.contains("Fagersta 10\u{a0}826"));
    assert!(svg.contains("Folkmängd"));
    // Ten areas, each a filled circle with a white rim; the highlighted one with a dark ring.
    assert_eq!(
        count(&svg, "<circle", "stroke=\"#FFFFFF\""),
        11,
        "ten areas, Fagersta drawn twice"
    );
    assert_eq!(count(&svg, "<circle", "stroke=\"#1F1F1F\""), 1);

    let survey = dir.path().join("survey.svg");
    let args = [
        "survey",
        "--area",
        "19",
        "--indicator",
        "ntu.otrygghet",
        "--title",
        "Otrygghet ute sent på kvällen",
        "--source",
        "Brå, NTU",
    ];
    chart(&[], &args, &fixture("charts/survey.csv"), &survey).success();
    let svg = std::fs::read_to_string(&survey).unwrap();
    assert!(svg.contains("Otrygghet ute sent på kvällen"));
    assert!(svg.contains("Källa: Brå, NTU"));
    assert!(svg.contains("▼"), "the fall 2019 → 2021 is significant");
    assert!(svg.contains("22,1\u{a0}%"));

    let goals = dir.path().join("goals.png");
    chart(
        &[],
        &["goals", "--width", "800"],
        &fixture("charts/goals.csv"),
        &goals,
    )
    .success()
    .stderr(predicate::str::contains("800 × 450"));
    let (w, h, pixels) = decode_png(&goals);
    assert_eq!((w, h), (800, 450));
    assert!(
        count_colour(&pixels, [0xFF, 0xC0, 0x00]) > 300,
        "the at-risk bar"
    );
}

/// `--each`: a trend chart per kommun of a county from one reading, each the same picture as
/// the chart of that area alone.
#[test]
fn trend_for_each_kommun_of_a_county() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let pattern = dir.path().join("charts/{area}.png");
    chart(
        &[],
        &[
            "trend",
            "--indicator",
            "brott.totalt",
            "--each",
            "--areas",
            "19",
        ],
        &rates,
        &pattern,
    )
    .success()
    .stderr(predicate::str::contains("skrev 10 diagram"));
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 10, "{files:?}");
    assert!(files.contains(&"1982.png".to_string()));
    let single = dir.path().join("fagersta.png");
    chart(
        &[],
        &["trend", "--indicator", "brott.totalt", "--area", "1982"],
        &rates,
        &single,
    )
    .success();
    assert_eq!(
        decode_png(&dir.path().join("charts/1982.png")),
        decode_png(&single)
    );

    // The file name needs {area}; --each draws trends only.
    let out = dir.path().join("x.png");
    chart(
        &[],
        &["trend", "--indicator", "brott.totalt", "--each"],
        &rates,
        &out,
    )
    .code(1)
    .stderr(predicate::str::contains("has no {area}"));
    chart(
        &[],
        &["compare", "--indicator", "brott.totalt", "--each"],
        &rates,
        &pattern,
    )
    .code(1)
    .stderr(predicate::str::contains("--each draws trend charts only"));
    assert!(!out.exists());
}

#[test]
fn errors_name_what_was_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let rates = sample_rates(dir.path());
    let out = dir.path().join("x.png");
    chart(
        &[],
        &["trend", "--area", "1982", "--indicator", "brott.okänt"],
        &rates,
        &out,
    )
    .code(1)
    .stderr(
        predicate::str::contains("indicator \"brott.okänt\" is not in the data")
            .and(predicate::str::contains("brott.totalt")),
    );
    assert!(!out.exists(), "no file after a failed run");
    chart(&[], &["trend", "--indicator", "brott.totalt"], &rates, &out)
        .code(1)
        .stderr(predicate::str::contains("--area"));
    let jpg = dir.path().join("chart.jpg");
    chart(
        &[],
        &["trend", "--area", "1982", "--indicator", "brott.totalt"],
        &rates,
        &jpg,
    )
    .code(1)
    .stderr(predicate::str::contains(".png or .svg"));
    chart(&[], &["trend"], Path::new("missing.csv"), &out)
        .code(1)
        .stderr(predicate::str::contains("missing.csv"));
    chart(&[], &["trend", "--target", "10000"], &rates, &out).code(2);
    chart(&[], &["pie"], &rates, &out).code(2);
    let bad = dir.path().join("goals.csv");
    std::fs::write(
        &bad,
        "goal,indicator,area,baseline_period,baseline,target,deadline,latest_period,latest,\
         progress,expected_progress,projected,status,significant,milestone\n\
         g1,brott.totalt,1982,2019,100,80,2025,2022,96,0.2,0.5,90,done,,\n",
    )
    .unwrap();
    chart(&[], &["goals"], &bad, &out)
        .code(1)
        .stderr(predicate::str::contains("goals.csv:2: column \"status\""));
    // A goals chart needs the columns of bra goals output.
    std::fs::write(
        &bad,
        "goal,progress,expected_progress,status\ng1,0.2,0.5,on track\n",
    )
    .unwrap();
    chart(&[], &["goals"], &bad, &out)
        .code(1)
        .stderr(predicate::str::contains(
            "goals.csv:1: missing column \"indicator\"",
        ));
}

#[test]
fn help_has_examples() {
    bra().args(["chart", "--help"]).assert().success().stdout(
        predicate::str::contains("bra chart trend").and(predicate::str::contains("--benchmark")),
    );
}
