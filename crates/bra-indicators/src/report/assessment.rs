//! The assessment of the latest value against a benchmark and the change between the latest
//! two periods, as the report shows them: both by the one comparison engine
//! ([`compare_row`], [`change_test`]), as `bra compare` and `bra compare --between` do.

use super::assemble::{BenchmarkComparison, SeriesPoint, WaveChange};
use crate::indicator::{Indicator, IndicatorRegistry};
use crate::indicators::CompareOptions;
use crate::indicators::compare::{
    Assessment, ValueKind, benchmark_value, change_test, compare_row,
};
use crate::table::Observation;
use crate::warning::{Warning, WarningKind};

/// A series point as a row of `indicator` in `area`, for the comparison engine (its interval
/// is at 95 %, its method the default).
fn observation(area: &str, indicator: &str, p: &SeriesPoint) -> Observation {
    let mut row = Observation::new(area, p.period, indicator);
    row.count = p.count;
    row.population = p.population;
    row.value = p.value;
    row.lower = p.lower;
    row.upper = p.upper;
    row.status = p.status.clone();
    row
}

/// Compares the latest point with the benchmark's value in the same period, by the comparison
/// engine ([`compare_row`], as `bra compare` does); a point whose numbers make no interval is
/// not compared, with a warning.
pub(super) fn compare_latest(
    latest: Option<&SeriesPoint>,
    benchmark: Option<&Vec<SeriesPoint>>,
    (area, code): (&str, &str),
    indicator: &Indicator,
    warnings: &mut Vec<Warning>,
) -> BenchmarkComparison {
    let registry = IndicatorRegistry::builtin();
    let value = latest.and_then(|l| {
        let p = benchmark?.iter().find(|p| p.period == l.period)?;
        benchmark_value(&observation(code, &indicator.id, p), registry)
    });
    let judged = latest.map(|l| {
        compare_row(
            &observation(area, &indicator.id, l),
            value,
            indicator.polarity,
            &CompareOptions::default(),
            registry,
        )
    });
    let assessment = match judged {
        Some(Ok(j)) => j.assessment,
        Some(Err(e)) => {
            warnings.push(
                Warning::new(
                    WarningKind::NotComputed,
                    None,
                    format!("{area} {}: not compared with {code}: {e}", indicator.id),
                )
                .about_area(area)
                .about_indicator(&indicator.id),
            );
            Assessment::NotCompared
        }
        None => Assessment::NotCompared,
    };
    BenchmarkComparison {
        area: code.to_string(),
        value,
        assessment,
    }
}

/// The change between the latest two points with a value, by the change test of
/// `bra compare --between` ([`change_test`]); `None` when the points allow no test.
pub(super) fn latest_change(
    series: &[SeriesPoint],
    area: &str,
    indicator: &Indicator,
) -> Option<WaveChange> {
    let mut with_value = series.iter().filter(|p| p.value.is_some()).rev();
    let second = with_value.next()?.clone();
    let first = with_value.next()?.clone();
    let change = change_test(
        &observation(area, &indicator.id, &first),
        &observation(area, &indicator.id, &second),
        0.95,
        ValueKind::ByIndicator,
        IndicatorRegistry::builtin(),
    )
    .ok()
    .flatten()?;
    Some(WaveChange {
        first,
        second,
        change,
    })
}
