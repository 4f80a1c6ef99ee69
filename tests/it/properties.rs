//! Property tests (proptest) of the intervals and trend statistics: invariants that must
//! hold for every input, not only for the reference cases.

use bra_indicators::stats::proportion::{ProportionMethod, proportion_interval};
use bra_indicators::stats::trend::mann_kendall;
use bra_indicators::{Level, RateMethod, count_interval, rate};
use proptest::prelude::*;

fn rate_method() -> impl Strategy<Value = RateMethod> {
    prop_oneof![
        Just(RateMethod::Auto),
        Just(RateMethod::Exact),
        Just(RateMethod::Byar),
        Just(RateMethod::Normal)
    ]
}

fn level() -> impl Strategy<Value = f64> {
    0.5f64..0.9999
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// lower ≤ rate ≤ upper, and the lower limit is never negative.
    #[test]
    fn rate_interval_contains_the_rate(count in 0u32..200_000, pop in 1.0f64..2e7, l in level(), m in rate_method()) {
        let r = rate(count as f64, pop, 1e5, Level::new(l).unwrap(), m).unwrap();
        prop_assert!(r.lower >= 0.0);
        prop_assert!(r.lower <= r.rate + 1e-9 * r.rate.max(1.0), "{r:?}");
        prop_assert!(r.rate <= r.upper, "{r:?}");
    }

    /// A higher level never gives a narrower interval.
    #[test]
    fn rate_interval_is_monotone_in_the_level(count in 0u32..100_000, a in level(), b in level(), m in rate_method()) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let narrow = count_interval(count as f64, Level::new(lo).unwrap(), m).unwrap();
        let wide = count_interval(count as f64, Level::new(hi).unwrap(), m).unwrap();
        prop_assert!(wide.lower <= narrow.lower + 1e-9, "{narrow:?} {wide:?}");
        prop_assert!(wide.upper >= narrow.upper - 1e-9, "{narrow:?} {wide:?}");
    }

    /// At a fixed rate, a larger population gives a narrower interval (relative to the rate).
    #[test]
    fn rate_interval_shrinks_as_population_grows(rate_per in 100.0f64..20_000.0, pop in 1_000.0f64..1e6, factor in 2.0f64..50.0, m in rate_method()) {
        let small = (rate_per * pop / 1e5).round().max(1.0);
        let big = small * factor.round();
        let a = rate(small, pop, 1e5, Level::P95, m).unwrap();
        let b = rate(big, pop * factor.round(), 1e5, Level::P95, m).unwrap();
        prop_assert!((b.upper - b.lower) <= (a.upper - a.lower) + 1e-9, "{a:?} {b:?}");
    }

    /// Wilson and Clopper-Pearson stay within [0, 1] and contain the estimate.
    #[test]
    fn proportion_interval_within_unit_interval(n in 1u32..100_000, frac in 0.0f64..=1.0, l in level(), cp in any::<bool>()) {
        let count = (frac * n as f64).round();
        let method = if cp { ProportionMethod::ClopperPearson } else { ProportionMethod::Wilson };
        let p = proportion_interval(count, n as f64, Level::new(l).unwrap(), method).unwrap();
        prop_assert!(0.0 <= p.lower && p.upper <= 1.0, "{p:?}");
        prop_assert!(p.lower <= p.estimate + 1e-12 && p.estimate <= p.upper + 1e-12, "{p:?}");
    }

    /// A higher level never gives a narrower proportion interval.
    #[test]
    fn proportion_interval_is_monotone_in_the_level(n in 1u32..50_000, frac in 0.0f64..=1.0, a in level(), b in level(), cp in any::<bool>()) {
        let count = (frac * n as f64).round();
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let method = if cp { ProportionMethod::ClopperPearson } else { ProportionMethod::Wilson };
        let narrow = proportion_interval(count, n as f64, Level::new(lo).unwrap(), method).unwrap();
        let wide = proportion_interval(count, n as f64, Level::new(hi).unwrap(), method).unwrap();
        prop_assert!(wide.lower <= narrow.lower + 1e-9 && wide.upper >= narrow.upper - 1e-9, "{narrow:?} {wide:?}");
    }

    /// Mann-Kendall is antisymmetric under time reversal: S changes sign, p is unchanged.
    #[test]
    fn mann_kendall_symmetric_under_reversal(values in prop::collection::vec(-1e6f64..1e6, 3..30)) {
        let forward = mann_kendall(&values).unwrap();
        let mut reversed = values.clone();
        reversed.reverse();
        let backward = mann_kendall(&reversed).unwrap();
        prop_assert_eq!(forward.s, -backward.s);
        prop_assert!((forward.p - backward.p).abs() < 1e-12);
        prop_assert!((forward.var_s - backward.var_s).abs() < 1e-9);
    }
}

/// A goal on a synthetic series from `b` (2019) to `v` (2022), target `t` by 2025.
fn goal_result(b: f64, t: f64, v: f64) -> bra_indicators::GoalResult {
    use bra_indicators::{ReadOptions, evaluate_goals, parse_goals, read_table_bytes};
    let toml = format!(
        "[[goal]]\nid = \"g\"\ntitle = \"g\"\nfocus_area = \"other\"\nlevel = \"universal\"\n\
         indicator = \"brott.totalt\"\narea = \"1982\"\nbaseline = {{ period = \"2019\" }}\n\
         target = {{ value = {t:?} }}\ndeadline = \"2025\"\nowner = \"x\"\n"
    );
    let goals = parse_goals("goals.toml", &toml, "".as_ref()).unwrap();
    let csv = format!(
        "area,period,indicator,value\n1982,2019,brott.totalt,{b:?}\n1982,2022,brott.totalt,{v:?}\n"
    );
    let data = read_table_bytes("data.csv", csv.as_bytes(), &ReadOptions::default())
        .unwrap()
        .table;
    evaluate_goals(&goals, &data, None)
        .unwrap()
        .results
        .remove(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Progress is exactly 1 at the target and exactly 0 at the baseline, for decrease and
    /// increase goals alike, and a value at the target is `achieved`.
    #[test]
    fn goal_progress_is_one_exactly_at_target(b in 0.1f64..1e5, change in -0.95f64..3.0) {
        prop_assume!(change.abs() > 1e-6);
        let t = b * (1.0 + change);
        let at_target = goal_result(b, t, t);
        prop_assert_eq!(at_target.progress, Some(1.0));
        prop_assert_eq!(at_target.status, bra_indicators::GoalStatus::Achieved);
        let at_baseline = goal_result(b, t, b);
        prop_assert_eq!(at_baseline.progress, Some(0.0));
        prop_assert_eq!(at_baseline.status, bra_indicators::GoalStatus::OffTrack);
    }
}
