//! Tests of the goals file and the evaluation.

use super::*;
use crate::ingest::{ReadOptions, read_table_bytes};
use crate::period::Period;
use crate::stats::Level;
use crate::stats::compare::ChangeTest;
use crate::table::Table;
use std::path::Path;

/// Tolerance for hand-computed values (they are sums and ratios of a few exact numbers).
const TOL: f64 = 1e-9;

/// A goal block with the usual parts; `extra` adds lines (milestones, group, ...).
fn block(id: &str, baseline: &str, target: &str, deadline: &str, extra: &str) -> String {
    format!(
        "[[goal]]\nid = \"{id}\"\ntitle = \"Goal {id}\"\nfocus_area = \"other\"\n\
             level = \"universal\"\nindicator = \"brott.totalt\"\narea = \"1982\"\n\
             baseline = {baseline}\ntarget = {target}\ndeadline = \"{deadline}\"\n\
             owner = \"Kommunen\"\n{extra}\n"
    )
}

/// `area,period,indicator,value` rows of Fagersta's `brott.totalt`; `None` is `..`.
fn values(points: &[(&str, Option<f64>)]) -> Table {
    let mut csv = String::from("area,period,indicator,value\n");
    for (p, v) in points {
        let v = v.map_or("..".to_string(), |v| v.to_string());
        csv.push_str(&format!("1982,{p},brott.totalt,{v}\n"));
    }
    read_table_bytes("data.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap()
        .table
}

fn eval(toml_text: &str, data: &Table, as_of: Option<&str>) -> GoalResults {
    let goals = parse_goals("goals.toml", toml_text, Path::new("")).unwrap();
    let as_of = as_of.map(|p| p.parse().unwrap());
    evaluate_goals(&goals, data, as_of).unwrap()
}

fn one(toml_text: &str, data: &Table, as_of: Option<&str>) -> GoalResult {
    eval(toml_text, data, as_of).results.remove(0)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= TOL * b.abs().max(1.0))
}

/// METHODS.md's worked example: 2019 b = 100, 80 by 2025, data 97, 95, 92.
fn worked() -> Table {
    values(&[
        ("2019", Some(100.0)),
        ("2020", Some(97.0)),
        ("2021", Some(95.0)),
        ("2022", Some(92.0)),
    ])
}

const BASE_2019: &str = "{ period = \"2019\" }";
const TO_80: &str = "{ value = 80 }";

#[test]
fn methods_worked_example() {
    let r = one(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
    assert_eq!(r.direction, Direction::Decrease);
    assert_eq!((r.baseline, r.target), (100.0, 80.0));
    assert_eq!(r.latest_period, Some(Period::Year(2022)));
    assert_eq!(r.as_of, Some(Period::Year(2022)));
    assert!(close(r.progress, 0.40), "{:?}", r.progress);
    assert!(close(r.expected_progress, 0.50));
    assert!((r.slope.unwrap() - -2.583333).abs() < 1e-6);
    assert_eq!(r.slope_method, Some(SlopeMethod::Sen));
    assert!(close(r.projected, 84.25), "{:?}", r.projected);
    assert_eq!(r.status, GoalStatus::AtRisk);
    // Values only: no count, no interval, so no change test.
    assert_eq!((r.significant, r.test), (None, None));
}

#[test]
fn projection_matches_a_direct_computation() {
    // Uneven spacing and a suppressed year: the slope is the median of the pairwise
    // slopes over the real time spacing, computed here directly.
    let pts = [
        (2018.0, 40.0),
        (2019.0, 37.5),
        (2021.0, 36.0),
        (2022.0, 31.0),
        (2024.0, 30.5),
    ];
    let data = values(&[
        ("2018", Some(40.0)),
        ("2019", Some(37.5)),
        ("2020", None),
        ("2021", Some(36.0)),
        ("2022", Some(31.0)),
        ("2024", Some(30.5)),
    ]);
    let mut slopes = Vec::new();
    for i in 0..pts.len() {
        for j in i + 1..pts.len() {
            slopes.push((pts[j].1 - pts[i].1) / (pts[j].0 - pts[i].0));
        }
    }
    slopes.sort_by(f64::total_cmp);
    assert_eq!(slopes.len(), 10);
    let median = (slopes[4] + slopes[5]) / 2.0;
    let projected = 30.5 + median * (2027.0 - 2024.0);
    let r = one(
        &block("p", "{ period = \"2018\" }", "{ value = 25 }", "2027", ""),
        &data,
        None,
    );
    assert!(close(r.slope, median), "{:?} vs {median}", r.slope);
    assert!(close(r.projected, projected));
    // By hand: the slopes sorted are -5, -2.5, -2.25, -13/6, -11/6, -19/12, -1.4, -4/3,
    // -0.75, -0.25; the median is (-11/6 - 19/12)/2 = -41/24, and 30.5 - 3·41/24 = 25.375.
    assert!(close(r.slope, -41.0 / 24.0));
    assert!(close(r.projected, 25.375));
}

#[test]
fn each_status_of_a_decrease_goal() {
    let with = |v2022: f64| {
        values(&[
            ("2019", Some(100.0)),
            ("2020", Some(99.0)),
            ("2022", Some(v2022)),
        ])
    };
    let goal = block("d", BASE_2019, TO_80, "2025", "");
    let achieved = one(&goal, &with(78.0), None);
    assert_eq!(achieved.status, GoalStatus::Achieved);
    assert!(close(achieved.progress, 1.1));
    let exactly = one(&goal, &with(80.0), None);
    assert_eq!(exactly.status, GoalStatus::Achieved, "reaching t counts");
    let on_track = one(&goal, &with(88.0), None);
    assert!(close(on_track.progress, 0.6));
    assert_eq!(on_track.status, GoalStatus::OnTrack);
    let at_risk = one(&goal, &with(95.0), None);
    assert!(close(at_risk.progress, 0.25));
    assert_eq!(at_risk.status, GoalStatus::AtRisk);
    let flat = one(&goal, &with(100.0), None);
    assert_eq!(flat.progress, Some(0.0));
    assert_eq!(flat.status, GoalStatus::OffTrack, "progress 0 is off track");
    let away = one(&goal, &with(104.0), None);
    assert!(close(away.progress, -0.2));
    assert_eq!(away.status, GoalStatus::OffTrack);
}

#[test]
fn each_status_of_an_increase_goal() {
    // b = 60 (2019), target + 10 points = 70 by 2025; at 2022 expected progress is 0.5.
    let goal = block("i", BASE_2019, "{ change_absolute = 10 }", "2025", "");
    let with = |v: f64| values(&[("2019", Some(60.0)), ("2022", Some(v))]);
    let cases = [
        (71.0, GoalStatus::Achieved, 1.1),
        (66.0, GoalStatus::OnTrack, 0.6),
        (65.0, GoalStatus::OnTrack, 0.5),
        (64.0, GoalStatus::AtRisk, 0.4),
        (60.0, GoalStatus::OffTrack, 0.0),
        (58.0, GoalStatus::OffTrack, -0.2),
    ];
    for (v, status, progress) in cases {
        let r = one(&goal, &with(v), None);
        assert_eq!(r.direction, Direction::Increase);
        assert_eq!(r.target, 70.0);
        assert_eq!(r.status, status, "v = {v}");
        assert!(close(r.progress, progress), "v = {v}: {:?}", r.progress);
        assert!(close(r.expected_progress, 0.5));
        // Two points: the two-point slope (v - 60)/3, projected 3 years on.
        assert_eq!(r.slope_method, Some(SlopeMethod::TwoPoint));
        assert!(close(r.projected, v + (v - 60.0)));
    }
}

#[test]
fn missed_once_the_clock_reaches_the_deadline() {
    let data = values(&[
        ("2019", Some(100.0)),
        ("2021", Some(90.0)),
        ("2022", Some(85.0)),
        ("2023", Some(70.0)),
    ]);
    // Deadline 2022: the clock (2023) has passed it, so the point is 2022's, not 2023's.
    let r = one(&block("m", BASE_2019, TO_80, "2022", ""), &data, None);
    assert_eq!(r.as_of, Some(Period::Year(2023)));
    assert_eq!(r.latest_period, Some(Period::Year(2022)));
    assert_eq!(r.latest, Some(85.0));
    assert_eq!(r.status, GoalStatus::Missed);
    assert!(close(r.progress, 0.75));
    assert!(close(r.expected_progress, 1.0));
    assert!(
        close(r.projected, 85.0),
        "at the deadline the projection is v"
    );
    // The same goal met at its deadline is achieved.
    let r = one(
        &block("m", BASE_2019, "{ value = 86 }", "2022", ""),
        &data,
        None,
    );
    assert_eq!(r.status, GoalStatus::Achieved);
    // A missing deadline year: the latest point before it is judged, and missed.
    let gap = values(&[
        ("2019", Some(100.0)),
        ("2021", Some(90.0)),
        ("2022", None),
        ("2023", Some(70.0)),
    ]);
    let r = one(&block("m", BASE_2019, TO_80, "2022", ""), &gap, None);
    assert_eq!(
        (r.latest_period, r.status),
        (Some(Period::Year(2021)), GoalStatus::Missed)
    );
}

#[test]
fn no_data_after_the_baseline() {
    let data = values(&[("2022", Some(100.0)), ("2023", None)]);
    let r = one(
        &block("n", "{ period = \"2022\" }", TO_80, "2025", ""),
        &data,
        None,
    );
    assert_eq!(r.status, GoalStatus::NoData);
    assert_eq!(r.baseline, 100.0);
    assert_eq!(
        (r.latest_period, r.progress, r.projected),
        (None, None, None)
    );
    assert_eq!(GoalStatus::NoData.label_sv(), "data saknas");
}

#[test]
fn percent_target() {
    // b = 250, -10 % → t = 225 by 2024; 2021 at 240: progress 0.4 = expected 0.4.
    let data = values(&[("2019", Some(250.0)), ("2021", Some(240.0))]);
    let r = one(
        &block("pct", BASE_2019, "{ change_percent = -10 }", "2024", ""),
        &data,
        None,
    );
    assert_eq!(r.target, 225.0);
    assert!(close(r.progress, 0.4));
    assert!(close(r.expected_progress, 0.4));
    assert_eq!(
        r.status,
        GoalStatus::OnTrack,
        "progress = expected is on track"
    );
    assert!(close(r.projected, 240.0 - 5.0 * 3.0));
}

#[test]
fn baseline_value_from_the_file() {
    // The file's b = 110 replaces the data's 100 at 2019, in progress and in the slope.
    let r = one(
        &block(
            "b",
            "{ period = \"2019\", value = 110 }",
            "{ change_percent = -20 }",
            "2025",
            "",
        ),
        &worked(),
        None,
    );
    assert_eq!((r.baseline, r.target), (110.0, 88.0));
    assert!(close(r.progress, 18.0 / 22.0));
    assert_eq!(r.status, GoalStatus::OnTrack);
    // Slopes with (2019, 110): -13, -7.5, -6, -2, -2.5, -3 → median (-6 - 3)/2 = -4.5.
    assert!(close(r.slope, -4.5));
}

#[test]
fn gaps_in_the_data() {
    let data = values(&[
        ("2019", Some(100.0)),
        ("2020", None),
        ("2021", Some(96.0)),
        ("2022", None),
        ("2023", Some(90.0)),
    ]);
    let out = eval(&block("g", BASE_2019, TO_80, "2025", ""), &data, None);
    let gaps: Vec<String> = out.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        gaps[..2],
        [
            "goals.toml:1: goal \"g\": 2020 has no value in the data (suppressed): left out",
            "goals.toml:1: goal \"g\": 2022 has no value in the data (suppressed): left out"
        ]
    );
    let r = &out.results[0];
    // Slopes over the real spacing: -4/2, -10/4, -6/2 → median -2.5; 90 - 2.5·2 = 85.
    assert!(close(r.slope, -2.5));
    assert!(close(r.projected, 85.0));
    assert!(close(r.progress, 0.5));
    assert!(close(r.expected_progress, 4.0 / 6.0));
    assert_eq!(r.status, GoalStatus::AtRisk);
    // Only one point after the baseline, three years on: the two-point slope.
    let data = values(&[("2019", Some(100.0)), ("2022", Some(94.0))]);
    let r = one(&block("g", BASE_2019, TO_80, "2025", ""), &data, None);
    assert_eq!(r.slope_method, Some(SlopeMethod::TwoPoint));
    assert!(close(r.slope, -2.0));
    assert!(close(r.projected, 88.0));
}

#[test]
fn quarters_are_measured_in_years() {
    let mut csv = String::from("area,period,indicator,value\n");
    for (p, v) in [("2023K1", 50.0), ("2023K2", 48.0), ("2023K3", 47.0)] {
        csv.push_str(&format!("1982,{p},brott.totalt,{v}\n"));
    }
    // A yearly row of the same indicator is not part of the quarterly series.
    csv.push_str("1982,2023,brott.totalt,190\n");
    let data = read_table_bytes("q.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap()
        .table;
    let r = one(
        &block(
            "q",
            "{ period = \"2023K1\" }",
            "{ value = 40 }",
            "2024K1",
            "",
        ),
        &data,
        None,
    );
    assert_eq!(r.latest_period, Some(Period::Quarter(2023, 3)));
    assert!(close(r.expected_progress, 0.5));
    assert!(close(r.progress, 0.3));
    // Slopes per year: -2/0.25 = -8, -3/0.5 = -6, -1/0.25 = -4 → -6; 47 - 6·0.5 = 44.
    assert!(close(r.slope, -6.0));
    assert!(close(r.projected, 44.0));
    assert_eq!(r.status, GoalStatus::AtRisk);
}

#[test]
fn milestones_met_not_met_pending() {
    let ms = "milestones = { \"2021\" = 95, \"2023\" = 85 }";
    let goal = block("ms", BASE_2019, TO_80, "2025", ms);
    // Clock 2022: the latest milestone at or before it is 2021 (95); 2021 had 95: met.
    let r = one(&goal, &worked(), None);
    assert_eq!(r.milestone_period, Some(Period::Year(2021)));
    assert_eq!(r.milestone_target, Some(95.0));
    assert_eq!(r.milestone, Some(MilestoneStatus::Met));
    // 2021 at 96: not met.
    let data = values(&[
        ("2019", Some(100.0)),
        ("2021", Some(96.0)),
        ("2022", Some(92.0)),
    ]);
    assert_eq!(
        one(&goal, &data, None).milestone,
        Some(MilestoneStatus::NotMet)
    );
    // No 2021 point (suppressed): pending.
    let data = values(&[("2019", Some(100.0)), ("2021", None), ("2022", Some(92.0))]);
    assert_eq!(
        one(&goal, &data, None).milestone,
        Some(MilestoneStatus::Pending)
    );
    // Before the first milestone there is none to report.
    let r = one(&goal, &worked(), Some("2020"));
    assert_eq!((r.milestone_period, r.milestone), (None, None));
    // An increase goal's milestone is met at or above its value.
    let up = block(
        "up",
        BASE_2019,
        "{ value = 130 }",
        "2025",
        "milestones = { 2021 = 110 }",
    );
    let data = values(&[("2019", Some(100.0)), ("2021", Some(112.0))]);
    assert_eq!(one(&up, &data, None).milestone, Some(MilestoneStatus::Met));
}

#[test]
fn as_of_evaluates_an_earlier_report() {
    let goal = block("a", BASE_2019, TO_80, "2025", "");
    // As of 2020: the point is 2020 (97), two points only.
    let r = one(&goal, &worked(), Some("2020"));
    assert_eq!(r.as_of, Some(Period::Year(2020)));
    assert_eq!(r.latest_period, Some(Period::Year(2020)));
    assert!(close(r.progress, 0.15));
    assert!(close(r.expected_progress, 1.0 / 6.0));
    assert_eq!(r.status, GoalStatus::AtRisk);
    assert!(close(r.projected, 97.0 - 3.0 * 5.0));
    // As of 2021: Sen's slope of (2019, 100), (2020, 97), (2021, 95) = median(-3, -2.5, -2).
    // (With three points Sen's slope always equals the two-point slope: the slope from
    // the first to the last point lies between the other two. Only the method differs.)
    let r = one(&goal, &worked(), Some("2021"));
    assert!(close(r.progress, 0.25));
    assert!(close(r.slope, -2.5));
    assert_eq!(r.slope_method, Some(SlopeMethod::Sen));
    assert!(close(r.projected, 95.0 - 2.5 * 4.0));
    // As of the baseline or before: nothing to follow up yet.
    assert_eq!(
        one(&goal, &worked(), Some("2019")).status,
        GoalStatus::NoData
    );
    assert_eq!(
        one(&goal, &worked(), Some("2015")).status,
        GoalStatus::NoData
    );
    // As of the deadline with the data ending in 2022: missed, judged on 2022.
    let r = one(&goal, &worked(), Some("2025"));
    assert_eq!(r.status, GoalStatus::Missed);
    assert_eq!(r.latest_period, Some(Period::Year(2022)));
    // A clock past the data but before the deadline: still the 2022 point, at risk.
    assert_eq!(
        one(&goal, &worked(), Some("2024")).status,
        GoalStatus::AtRisk
    );
}

fn counts_table(rows: &str) -> Table {
    let csv = format!("area,period,indicator,count,population,value,lower,upper,method\n{rows}");
    read_table_bytes("counts.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap()
        .table
}

#[test]
fn significance_by_rate_ratio_exact() {
    // 10 and 20 crimes in 10 000 inhabitants: SciPy's binomtest(20, 30, 0.5) p = 0.0987.
    let data = counts_table(
        "1982,2019,brott.totalt,10,10000,100,,,exact\n1982,2022,brott.totalt,20,10000,200,,,byar\n",
    );
    let r = one(
        &block("s", BASE_2019, "{ value = 250 }", "2025", ""),
        &data,
        None,
    );
    assert_eq!(r.test, Some(ChangeTest::RateRatioExact));
    assert!((r.p_value.unwrap() - 0.09873714670538905).abs() < 1e-12);
    assert_eq!(r.significant, Some(false));
}

#[test]
fn significance_by_two_proportion_z_and_interval_overlap() {
    // Shares (Wilson intervals): 65 of 100, then 50 of 100: statsmodels z = -2.1455956,
    // p = 0.0319053 → significant at 95 %.
    let data = counts_table(
        "1982,2019,brott.totalt,65,100,65,55.3,73.6,wilson\n1982,2021,brott.totalt,50,100,50,40.4,59.6,wilson\n",
    );
    let r = one(
        &block("z", BASE_2019, "{ value = 40 }", "2025", ""),
        &data,
        None,
    );
    assert_eq!(r.test, Some(ChangeTest::TwoProportionZ));
    assert!((r.p_value.unwrap() - 0.03190525523659653).abs() < 1e-10);
    assert_eq!(r.significant, Some(true));
    // At 99 % the same change is not significant.
    let text = format!(
        "confidence_level = 0.99\n{}",
        block("z", BASE_2019, "{ value = 40 }", "2025", "")
    );
    assert_eq!(one(&text, &data, None).significant, Some(false));
    // Published intervals only: (16.2, 20.1) vs (20.5, 24.0) do not overlap.
    let data = counts_table(
        "1982,2019,brott.totalt,,,18,16.2,20.1,published\n1982,2021,brott.totalt,,,22,20.5,24.0,published\n",
    );
    let r = one(
        &block("o", BASE_2019, "{ value = 15 }", "2025", ""),
        &data,
        None,
    );
    assert_eq!(r.test, Some(ChangeTest::IntervalOverlap));
    assert_eq!((r.significant, r.p_value), (Some(true), None));
    assert_eq!(r.status, GoalStatus::OffTrack);
    // Without counts or intervals: not tested, and a warning says why.
    let out = eval(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
    assert_eq!(out.results[0].significant, None);
    assert_eq!(out.warnings.len(), 1);
    let w = out.warnings[0].to_string();
    assert!(
        w.starts_with("goals.toml:1: goal \"w\": the change 2019 → 2022"),
        "{w}"
    );
}

#[test]
fn the_frame_has_the_design_columns() {
    let out = eval(&block("w", BASE_2019, TO_80, "2025", ""), &worked(), None);
    let df = out.to_dataframe().unwrap();
    let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
    // The DESIGN.md columns themselves are checked end to end in tests/it/goals.rs.
    assert_eq!(names, GOAL_COLUMNS);
    let status = df.column("status").unwrap().str().unwrap().get(0);
    assert_eq!(status, Some("at risk"));
    let json = serde_json::to_value(&out.results[0]).unwrap();
    assert_eq!(json["status"], "at risk");
    assert_eq!(json["focus_area"], "other");
    assert_eq!(json["baseline_period"], "2019");
}

// --- bad goal files -----------------------------------------------------------------------

fn parse_err(text: &str) -> String {
    parse_goals("goals.toml", text, Path::new(""))
        .unwrap_err()
        .to_string()
}

fn eval_err(text: &str, data: &Table) -> String {
    let goals = parse_goals("goals.toml", text, Path::new("")).unwrap();
    evaluate_goals(&goals, data, None).unwrap_err().to_string()
}

/// Two goals, so the line numbers of the second one are not those of the first.
fn two(second: &str) -> String {
    format!(
        "data = [\"x.csv\"]\n\n{}{second}",
        block("first", BASE_2019, TO_80, "2025", "")
    )
}

#[test]
fn unknown_keys() {
    // Lines 1-2 are data and a blank line; the first goal takes lines 3-14; the second
    // starts at 15 with its header, its id at 16 and its extra line at 26.
    let text = two(&block(
        "second",
        BASE_2019,
        TO_80,
        "2025",
        "colour = \"red\"",
    ));
    let e = parse_err(&text);
    assert!(
        e.starts_with("goals.toml:26:1: goal \"second\": unknown field `colour`"),
        "{e}"
    );
    let text = two(&block("second", BASE_2019, "{ valeu = 80 }", "2025", ""));
    let e = parse_err(&text);
    assert!(
        e.starts_with("goals.toml:23:12: goal \"second\": unknown field `valeu`"),
        "{e}"
    );
    let e = parse_err(&format!(
        "colour = 1\n{}",
        block("a", BASE_2019, TO_80, "2025", "")
    ));
    assert!(
        e.starts_with("goals.toml:1:1: unknown field `colour`"),
        "{e}"
    );
}

#[test]
fn missing_fields() {
    let text =
        two(&block("second", BASE_2019, TO_80, "2025", "").replace("owner = \"Kommunen\"\n", ""));
    let e = parse_err(&text);
    assert_eq!(e, "goals.toml:15:1: goal \"second\": missing field `owner`");
    let text = two(&block("x", BASE_2019, TO_80, "2025", "").replace("id = \"x\"\n", ""));
    let e = parse_err(&text);
    assert_eq!(e, "goals.toml:15:1: goal 2 (no id): missing field `id`");
    let e = parse_err(&block("b", "{ value = 3 }", TO_80, "2025", ""));
    assert!(
        e.starts_with("goals.toml:8:12: goal \"b\": missing field `period`"),
        "{e}"
    );
    assert!(parse_err("data = [\"x.csv\"]\n").contains("no goals"));
}

#[test]
fn bad_values() {
    let e = parse_err(&two(
        &block("second", BASE_2019, TO_80, "2025", "").replace("\"other\"", "\"sport\"")
    ));
    assert!(
        e.starts_with("goals.toml:18:14: goal \"second\": unknown variant `sport`"),
        "{e}"
    );
    let e = parse_err(&block("p", "{ period = \"2019X\" }", TO_80, "2025", ""));
    assert!(
        e.starts_with("goals.toml:8:23: goal \"p\": expected a period"),
        "{e}"
    );
    let e = parse_err(&block("v", BASE_2019, "{ value = \"80\" }", "2025", ""));
    assert!(
        e.starts_with(
            "goals.toml:9:20: goal \"v\": key \"value\": expected a number, found string \"80\""
        ),
        "{e}"
    );
    let e = parse_err(&format!(
        "confidence_level = 1.5\n{}",
        block("c", BASE_2019, TO_80, "2025", "")
    ));
    assert!(e.starts_with("goals.toml:1: confidence_level:"), "{e}");
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let text = two(&block("second", BASE_2019, TO_80, "2025", "")
        .replace("deadline = \"2025\"", "deadline = \"2025"));
    let e = parse_err(&text);
    // The goal is found from the text, as the file cannot be read as TOML.
    assert!(e.starts_with("goals.toml:24:17: goal \"second\": "), "{e}");
    assert!(e.contains("string"), "{e}");
    // Before any goal: no goal is named.
    let e = parse_err("data = [\"x.csv\"\n");
    assert!(e.starts_with("goals.toml:1:16: unclosed array"), "{e}");
}

#[test]
fn deadline_not_after_the_baseline() {
    let e = parse_err(&two(&block("second", BASE_2019, TO_80, "2018", "")));
    assert_eq!(
        e,
        "goals.toml:24: goal \"second\": deadline 2018 is not after the baseline period 2019"
    );
    let e = parse_err(&two(&block("second", BASE_2019, TO_80, "2019", "")));
    assert!(
        e.starts_with("goals.toml:24: goal \"second\": deadline 2019"),
        "{e}"
    );
}

#[test]
fn target_equal_to_the_baseline() {
    let e = parse_err(&two(&block(
        "second",
        "{ period = \"2019\", value = 80 }",
        TO_80,
        "2025",
        "",
    )));
    assert_eq!(
        e,
        "goals.toml:23: goal \"second\": target 80 equals the baseline value 80: a goal \
             must move the indicator up or down"
    );
    let e = parse_err(&two(&block(
        "second",
        BASE_2019,
        "{ change_percent = 0 }",
        "2025",
        "",
    )));
    assert!(
        e.starts_with("goals.toml:23: goal \"second\": target equals the baseline"),
        "{e}"
    );
    let e = parse_err(&two(&block(
        "second",
        BASE_2019,
        "{ value = 80, change_percent = -5 }",
        "2025",
        "",
    )));
    assert!(
        e.starts_with("goals.toml:23: goal \"second\": target: give exactly one"),
        "{e}"
    );
    // From the data: b = 100 at 2019.
    let e = eval_err(
        &two(&block("second", BASE_2019, "{ value = 100 }", "2025", "")),
        &worked(),
    );
    assert!(
        e.starts_with("goals.toml:23: goal \"second\": target 100 equals the baseline value 100"),
        "{e}"
    );
    assert!(e.ends_with("(taken from the data)"), "{e}");
}

#[test]
fn indicator_area_or_baseline_not_in_the_data() {
    let e = eval_err(
        &two(&block("second", BASE_2019, TO_80, "2025", "").replace("brott.totalt", "brott.stold")),
        &worked(),
    );
    assert!(
            e.starts_with("goals.toml:20: goal \"second\": indicator \"brott.stold\" is not in the data (x.csv); indicators there: brott.totalt"),
            "{e}"
        );
    let e = eval_err(
        &two(&block("second", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Sala\"")),
        &worked(),
    );
    assert_eq!(
        e,
        "goals.toml:21: goal \"second\": no data for area 1981 (Sala) with indicator \
             \"brott.totalt\"; areas with this indicator: 1982"
    );
    let e = eval_err(
        &two(&block("second", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Atlantis\"")),
        &worked(),
    );
    assert!(
        e.starts_with("goals.toml:21: goal \"second\": unknown area \"Atlantis\""),
        "{e}"
    );
    let e = eval_err(
        &two(&block(
            "second",
            BASE_2019,
            TO_80,
            "2025",
            "group = \"kvinnor\"",
        )),
        &worked(),
    );
    assert!(
        e.starts_with("goals.toml:26: goal \"second\": no data for group \"kvinnor\""),
        "{e}"
    );
    let e = eval_err(
        &two(&block("second", "{ period = \"2017\" }", TO_80, "2025", "")),
        &worked(),
    );
    assert!(
        e.starts_with(
            "goals.toml:22: goal \"second\": the data have no row for the baseline period 2017"
        ),
        "{e}"
    );
    let data = values(&[("2019", None), ("2022", Some(92.0))]);
    let e = eval_err(&two(&block("second", BASE_2019, TO_80, "2025", "")), &data);
    assert!(
        e.contains("no value for the baseline period 2019 (suppressed)"),
        "{e}"
    );
}

#[test]
fn areas_by_name_and_other_checks() {
    let goals = parse_goals(
        "goals.toml",
        &block("n", BASE_2019, TO_80, "2025", "").replace("\"1982\"", "\"Fagersta kommun\""),
        Path::new("dir"),
    )
    .unwrap();
    assert_eq!(goals.goals[0].area, "1982");
    assert_eq!(goals.confidence_level, Level::P95);
    let e = parse_err(&two(&block("first", BASE_2019, TO_80, "2025", "")));
    assert_eq!(
        e,
        "goals.toml:16: goal \"first\": the id is used by an earlier goal; give every goal its own id"
    );
    let e = parse_err(&two(&block(
        "second",
        BASE_2019,
        TO_80,
        "2025",
        "milestones = { \"2026\" = 70 }",
    )));
    assert!(
            e.starts_with("goals.toml:26: goal \"second\": milestone 2026 is not between the baseline 2019 and the deadline 2025"),
            "{e}"
        );
}
