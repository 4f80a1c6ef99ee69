//! The kommun profile (issue 19): Fagersta on data/samples against pandas
//! (tests/reference/profile_samples_reference.py).

use crate::{fixture, root};
use bra_indicators::{
    AreaRegistry, IndicatorRegistry, ProfileOptions, ReadOptions, profile, read_table,
};

/// Spread, rank and n_areas of every indicator agree with pandas' quantile (linear) and
/// rank(method="min"); the assessment against the county and riket comes from the one
/// comparison engine (the same as `bra compare`'s).
#[test]
fn fagersta_profile_agrees_with_pandas() {
    let rates = read_table(
        &root().join("tests/golden/rates.csv"),
        &ReadOptions::default(),
    )
    .unwrap()
    .table;
    let options = ProfileOptions {
        area: "1982".into(),
        benchmarks: vec!["19".into(), "00".into()],
        ..ProfileOptions::default()
    };
    let p = profile(
        &rates,
        AreaRegistry::builtin(),
        IndicatorRegistry::builtin(),
        &options,
    )
    .unwrap();
    assert_eq!(p.comparison.len(), 10); // the kommuner of Västmanlands län
    let mut reader = csv::Reader::from_path(fixture("profile/fagersta.csv")).unwrap();
    let mut checked = 0;
    for rec in reader.deserialize::<std::collections::HashMap<String, String>>() {
        let want = rec.unwrap();
        let num = |k: &str| want[k].parse::<f64>().unwrap();
        let rows: Vec<_> = p
            .rows
            .iter()
            .filter(|r| r.indicator == want["indicator"])
            .collect();
        assert_eq!(
            rows.len(),
            2,
            "{}: one row per benchmark",
            want["indicator"]
        );
        for r in rows {
            assert_eq!(r.period.to_string(), want["period"]);
            let s = r.spread.unwrap();
            for (got, key) in [
                (r.value, "value"),
                (s.min, "min"),
                (s.q25, "q25"),
                (s.median, "median"),
                (s.q75, "q75"),
                (s.max, "max"),
            ] {
                assert!(
                    (got - num(key)).abs() <= 1e-9 * num(key).abs(),
                    "{} {key}: {got} vs pandas {}",
                    r.indicator,
                    num(key)
                );
            }
            assert_eq!(r.rank, Some(num("rank") as usize), "{}", r.indicator);
            assert_eq!(r.n_areas, num("n_areas") as usize);
        }
        checked += 1;
    }
    assert_eq!(checked, 7);
    // The assessment is the one `bra compare` gives for the same row and benchmark.
    let compare = std::fs::read_to_string(root().join("tests/golden/compare_rates.csv")).unwrap();
    for r in p.rows.iter().filter(|r| r.benchmark_area == "19") {
        let line = compare
            .lines()
            .find(|l| l.starts_with(&format!("1982,{},{},", r.period, r.indicator)))
            .unwrap();
        assert!(
            line.contains(&format!(",{},", r.assessment.code())),
            "{}: {} vs bra compare: {line}",
            r.indicator,
            r.assessment.code()
        );
    }
}

/// `bra profile -o .png|.svg` draws the spine chart: one row per indicator against the first
/// benchmark, the best end on the right (a lower-is-better indicator's lowest value is the
/// bar's right end), a taller image for more rows, English with `--lang en`.
#[test]
fn the_spine_chart_is_written_as_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let rates = root().join("tests/golden/rates.csv");
    let run = |args: &[&str], out: &std::path::Path| {
        assert_cmd::Command::cargo_bin("bra")
            .unwrap()
            .args(args)
            .arg("--input")
            .arg(&rates)
            .args(["--area", "Fagersta", "--benchmark", "19,00", "-o"])
            .arg(out)
            .assert()
            .success()
    };
    let png = dir.path().join("profil.png");
    run(&["profile"], &png);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!(info.width, 1600);
    assert!(info.height >= 900, "{}", info.height);

    let svg_path = dir.path().join("profile.svg");
    run(&["--lang", "en", "profile"], &svg_path);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("Municipality profile: Fagersta"));
    assert!(svg.contains("Compared with Västmanlands län, 2024"));
    // The seven indicators, one dot each (the legend's dots are text, not circles).
    let dots = svg
        .lines()
        .filter(|l| l.starts_with("<circle") && !l.contains("fill=\"none\""))
        .count();
    assert_eq!(dots, 7);
    // Narkotikabrott: Fagersta has the lowest rate of the county (rank 1, lower is better),
    // so its dot sits at the right end of the light bar.
    let lines: Vec<&str> = svg.lines().collect();
    let at = |l: &str, attr: &str| -> f64 {
        let start = l.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
        l[start..].split('"').next().unwrap().parse().unwrap()
    };
    let row = lines
        .iter()
        .position(|l| l.trim() == "Drug offences")
        .unwrap_or_else(|| panic!("the drug offences row is drawn:\n{svg}"));
    let bar = lines[row..]
        .iter()
        .find(|l| l.contains("fill=\"#DCDCDC\""))
        .unwrap();
    let dot = lines[row..]
        .iter()
        .find(|l| l.starts_with("<circle"))
        .unwrap();
    let right_end = at(bar, "x") + at(bar, "width");
    assert!((at(dot, "cx") - right_end).abs() <= 1.0, "{bar}\n{dot}");
}

/// The report's profile (its first chart) is computed from the data the report loads, with
/// the same numbers as `bra profile` on `bra rates` output: Fagersta against Västmanlands län
/// over its ten kommuner, for every crime indicator of the report; the survey indicators
/// (published for the police area, or for too few kommuner) are left out.
#[test]
fn the_report_profile_is_the_bra_profile_of_its_area_against_the_county() {
    let config =
        bra_indicators::ReportConfig::from_file(&root().join("data/samples/report.toml")).unwrap();
    let data = bra_indicators::assemble(&config).unwrap();
    let p = data.profile.expect("the report has a profile");
    assert_eq!(p.area, "1982");
    assert_eq!(p.comparison.len(), 10);
    let golden = std::fs::read_to_string(root().join("tests/golden/profile.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(golden.as_bytes());
    let want: Vec<std::collections::HashMap<String, String>> = reader
        .deserialize()
        .map(Result::unwrap)
        .filter(|r: &std::collections::HashMap<String, String>| r["benchmark_area"] == "19")
        .collect();
    assert_eq!(p.rows.len(), want.len());
    assert_eq!(want.len(), 7);
    for w in &want {
        let r = p
            .rows
            .iter()
            .find(|r| r.indicator == w["indicator"])
            .unwrap_or_else(|| panic!("{} in the report's profile", w["indicator"]));
        let s = r.spread.unwrap();
        for (got, key) in [
            (r.value, "value"),
            (s.min, "min"),
            (s.q25, "q25"),
            (s.q75, "q75"),
            (s.max, "max"),
            (r.benchmark_value.unwrap(), "benchmark_value"),
        ] {
            let x: f64 = w[key].parse().unwrap();
            assert!((got - x).abs() <= 1e-9 * x.abs(), "{} {key}", r.indicator);
        }
        assert_eq!(r.assessment.code(), w["assessment"]);
        assert_eq!(r.rank.map(|k| k as f64), w["rank"].parse().ok());
    }
}

/// The smoothed rates of Västmanland's kommuner on data/samples by the independent numpy
/// implementation (tests/reference/smoothing_samples_reference.py): (area, period, indicator)
/// → smoothed per 100 000.
fn numpy_smoothed() -> std::collections::HashMap<(String, String, String), f64> {
    let mut reader = csv::Reader::from_path(fixture("profile/smoothed_vastmanland.csv")).unwrap();
    reader
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| {
            let r = r.unwrap();
            (
                (
                    r["area"].clone(),
                    r["period"].clone(),
                    r["indicator"].clone(),
                ),
                r["smoothed"].parse().unwrap(),
            )
        })
        .collect()
}

fn golden_rates() -> bra_indicators::Table {
    read_table(
        &root().join("tests/golden/rates.csv"),
        &ReadOptions::default(),
    )
    .unwrap()
    .table
}

/// `--smooth eb` on a funnel: every kommun shown gets the smoothed rate over the kommuner
/// shown (the county's ten), equal to numpy's to 1e-9; without it, none.
#[test]
fn funnel_smoothed_points_agree_with_numpy() {
    use bra_indicators::indicators::chart_data::{Selection, funnel_data_from_table};
    let want = numpy_smoothed();
    let rates = golden_rates();
    for indicator in ["brott.totalt", "brott.bostadsinbrott", "brott.misshandel"] {
        let sel = Selection {
            area: Some("1904".into()),
            indicator: Some(indicator.into()),
            benchmarks: Some(vec!["19".into()]),
            smooth: true,
            ..Selection::default()
        };
        let d = funnel_data_from_table(&rates, &sel).unwrap();
        assert_eq!(d.points.len(), 10);
        for p in &d.points {
            let w = want[&(p.area.clone(), d.period.to_string(), indicator.to_string())];
            let got = p.smoothed.unwrap();
            assert!(
                (got - w).abs() <= 1e-9 * w.abs(),
                "{indicator} {}: {got} vs {w}",
                p.area
            );
        }
        let plain = funnel_data_from_table(
            &rates,
            &Selection {
                smooth: false,
                ..sel
            },
        )
        .unwrap();
        assert!(plain.points.iter().all(|p| p.smoothed.is_none()));
    }
}

/// `--smooth eb` on a trend: the area's smoothed rate in each period with a count, over the
/// county's kommuner in that period, equal to numpy's; a period without a count (2019,
/// suppressed) has none.
#[test]
fn trend_smoothed_series_agrees_with_numpy() {
    use bra_indicators::indicators::chart_data::{Selection, trend_data_from_table};
    let want = numpy_smoothed();
    let sel = Selection {
        area: Some("Skinnskatteberg".into()),
        indicator: Some("brott.bostadsinbrott".into()),
        smooth: true,
        ..Selection::default()
    };
    let d = trend_data_from_table(&golden_rates(), &sel).unwrap();
    let periods: Vec<String> = d.smoothed.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(periods.len(), 9, "{periods:?}");
    assert!(!periods.contains(&"2019".to_string()));
    for (period, got) in &d.smoothed {
        let w = want[&(
            "1904".to_string(),
            period.to_string(),
            "brott.bostadsinbrott".to_string(),
        )];
        assert!((got - w).abs() <= 1e-9 * w.abs(), "{period}: {got} vs {w}");
    }
}

/// What `--smooth eb` cannot do is said, naming what is needed.
#[test]
fn smoothing_in_charts_says_what_input_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let rates = root().join("tests/golden/rates.csv");
    let only_fagersta = dir.path().join("fagersta.csv");
    let text = std::fs::read_to_string(&rates).unwrap();
    let mut lines = text.lines();
    let mut kept = vec![lines.next().unwrap().to_string()];
    kept.extend(lines.filter(|l| l.starts_with("1982,")).map(str::to_string));
    std::fs::write(&only_fagersta, kept.join("\n") + "\n").unwrap();
    let out = dir.path().join("x.png");
    let run = |input: &std::path::Path, args: &[&str]| {
        let o = assert_cmd::Command::cargo_bin("bra")
            .unwrap()
            .args(["chart"])
            .args(args)
            .arg("--input")
            .arg(input)
            .args(["--indicator", "brott.totalt", "--smooth", "eb", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(!o.status.success());
        String::from_utf8(o.stderr).unwrap()
    };
    let err = run(&only_fagersta, &["trend", "--area", "Fagersta"]);
    assert!(
        err.contains("needs the counts and populations of the kommuner of Västmanlands län"),
        "{err}"
    );
    let err = run(&rates, &["trend", "--area", "19"]);
    assert!(err.contains("Västmanlands län is not a kommun"), "{err}");
    let survey = fixture("charts/survey.csv");
    let o = assert_cmd::Command::cargo_bin("bra")
        .unwrap()
        .args(["chart", "funnel", "--input"])
        .arg(&survey)
        .args([
            "--areas",
            "19,00",
            "--benchmark",
            "none",
            "--indicator",
            "ntu.otrygghet",
        ])
        .args(["--smooth", "eb", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("ntu.otrygghet is a survey share"), "{err}");
    let err = run(&rates, &["compare", "--area", "Fagersta"]);
    assert!(err.contains("funnel and trend charts only"), "{err}");
    assert!(!out.exists());
}

/// A report whose counts have only the area and its county has no profile, and says why.
#[test]
fn a_report_without_the_county_kommuner_says_why_it_has_no_profile() {
    let dir = tempfile::tempdir().unwrap();
    let counts = std::fs::read_to_string(root().join("data/samples/counts.csv")).unwrap();
    let mut lines = counts.lines();
    let mut kept = vec![lines.next().unwrap().to_string()];
    kept.extend(
        lines
            .filter(|l| l.starts_with("1982,") || l.starts_with("19,") || l.starts_with("00,"))
            .map(str::to_string),
    );
    std::fs::write(dir.path().join("counts.csv"), kept.join("\n") + "\n").unwrap();
    let population = root().join("data/samples/population.csv");
    let toml = format!(
        "title = \"Uppföljning\"\narea = \"Fagersta\"\nbenchmarks = [\"19\", \"00\"]\n\n\
         [data]\ncounts = \"counts.csv\"\npopulation = {:?}\n",
        population.display().to_string()
    );
    let path = dir.path().join("report.toml");
    std::fs::write(&path, &toml).unwrap();
    let config = bra_indicators::ReportConfig::from_file(&path).unwrap();
    let data = bra_indicators::assemble(&config).unwrap();
    assert!(data.profile.is_none());
    assert!(
        data.warnings.iter().any(|w| w
            .to_string()
            .contains("the kommun profile is left out of the report")
            && w.to_string().contains("Västmanlands län")),
        "{:?}",
        data.warnings
    );
}
