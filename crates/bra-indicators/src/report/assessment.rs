//! The assessment of the latest value against a benchmark and the change between the latest
//! two periods, as the report shows them.

use super::assemble::{BenchmarkComparison, SeriesPoint, WaveChange};
use crate::indicator::{Indicator, IndicatorKind};
use crate::stats::Level;
use crate::stats::compare::{
    compare_to_benchmark, interval_overlap, rate_ratio_exact, two_proportion_z,
};
use crate::stats::proportion::{ProportionMethod, proportion_interval};
use crate::stats::rate::{RateMethod, rate_two_levels};

/// The 95 % and 99.8 % intervals of a point: recomputed from count and population (rates)
/// or count and n (shares, Wilson, in percent); else the point's own (95 %) interval only.
/// An interval at 95 % and one at 99.8 %, either possibly missing.
type IntervalPair = (Option<(f64, f64)>, Option<(f64, f64)>);

fn intervals(p: &SeriesPoint, indicator: &Indicator) -> IntervalPair {
    let recomputed = match (indicator.kind, p.count, p.population, p.value) {
        (IndicatorKind::CountRate, Some(c), Some(n), Some(v)) => {
            let per = if c > 0.0 { v * n / c } else { 100_000.0 };
            rate_two_levels(c, n, per, Level::P95, Level::P998, RateMethod::Auto)
                .ok()
                .map(|(a, b)| ((a.lower, a.upper), (b.lower, b.upper)))
        }
        (IndicatorKind::SurveyProportion, Some(c), Some(n), Some(_)) => {
            let w = |l| proportion_interval(c, n, l, ProportionMethod::Wilson).ok();
            match (w(Level::P95), w(Level::P998)) {
                (Some(a), Some(b)) => Some((
                    (100.0 * a.lower, 100.0 * a.upper),
                    (100.0 * b.lower, 100.0 * b.upper),
                )),
                _ => None,
            }
        }
        _ => None,
    };
    match recomputed {
        Some((a, b)) => (Some(a), Some(b)),
        None => (p.lower.zip(p.upper), None),
    }
}

/// Compares the latest point with the benchmark's value in the same period (Fingertips rule).
pub(super) fn compare_latest(
    latest: Option<&SeriesPoint>,
    benchmark: Option<&Vec<SeriesPoint>>,
    code: &str,
    indicator: &Indicator,
) -> BenchmarkComparison {
    let value = latest.and_then(|l| benchmark?.iter().find(|p| p.period == l.period)?.value);
    let (i95, i998) = latest.map_or((None, None), |l| intervals(l, indicator));
    let (_, assessment) = compare_to_benchmark(i95, i998, value, indicator.polarity);
    BenchmarkComparison {
        area: code.to_string(),
        value,
        assessment,
    }
}

/// The change between the latest two points with a value: the exact rate-ratio test for
/// counts with populations, the two-proportion z-test for shares with n, else whether the
/// published intervals overlap.
pub(super) fn latest_change(series: &[SeriesPoint], indicator: &Indicator) -> Option<WaveChange> {
    let mut with_value = series.iter().filter(|p| p.value.is_some()).rev();
    let second = with_value.next()?.clone();
    let first = with_value.next()?.clone();
    let both = |f: fn(&SeriesPoint) -> Option<f64>| f(&first).zip(f(&second));
    let change = match (indicator.kind, both(|p| p.count), both(|p| p.population)) {
        (IndicatorKind::CountRate, Some((c1, c2)), Some((n1, n2))) => {
            rate_ratio_exact(c1, n1, c2, n2, Level::P95).ok()
        }
        (IndicatorKind::SurveyProportion, Some((c1, c2)), Some((n1, n2))) => {
            two_proportion_z(c1, n1, c2, n2, Level::P95).ok()
        }
        _ => None,
    }
    .or_else(|| {
        let ((l1, u1), (l2, u2)) = first
            .lower
            .zip(first.upper)
            .zip(second.lower.zip(second.upper))?;
        interval_overlap(l1, u1, l2, u2).ok()
    })?;
    Some(WaveChange {
        first,
        second,
        change,
    })
}
