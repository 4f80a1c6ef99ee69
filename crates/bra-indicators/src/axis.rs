//! Nice numbers for axes (Model): round steps, padded domains and log ticks. Plain numerics
//! that both the charts and the chart data built in Compute (the funnel's limits along its
//! x axis) use, so that the two agree on the axis.

/// A "nice" step (1, 2, 2.5 or 5 × 10ᵏ) for about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    let raw = (span / target.max(1) as f64).abs();
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A linear axis domain around [min, max]: padded by `pad` (a fraction of the span), widened
/// to whole steps, starting at 0 when `zero` (or when min is close enough to 0 that a zero
/// baseline costs little). Returns (lo, hi, ticks, step).
pub(crate) fn nice_domain(
    min: f64,
    max: f64,
    target: usize,
    zero: bool,
    pad: f64,
) -> (f64, f64, Vec<f64>, f64) {
    let (mut min, mut max) = if min.is_finite() && max.is_finite() {
        (min.min(max), min.max(max))
    } else {
        (0.0, 1.0)
    };
    if max - min < 1e-9 * max.abs().max(1.0) {
        let d = if max == 0.0 { 1.0 } else { max.abs() * 0.1 };
        min -= d;
        max += d;
    }
    let span = max - min;
    let mut lo = min - pad * span;
    let hi = max + pad * span;
    if zero || (min >= 0.0 && min < 0.25 * max) {
        lo = lo.min(0.0).max(if min >= 0.0 { 0.0 } else { lo });
    } else if min >= 0.0 && lo < 0.0 {
        lo = 0.0;
    }
    let step = nice_step(hi - lo, target);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n).map(|i| lo + i as f64 * step).collect();
    (lo, hi, ticks, step)
}

/// Ticks of a log axis between lo and hi: 1, 2, 5 × 10ᵏ (or only 10ᵏ when there are many).
pub(crate) fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo > 0.0 && hi > lo) {
        return Vec::new();
    }
    let decades = (hi / lo).log10();
    let mults: &[f64] = if decades > 4.0 {
        &[1.0]
    } else if decades > 2.0 {
        &[1.0, 3.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    let mut out = Vec::new();
    let mut k = lo.log10().floor() as i32;
    while 10f64.powi(k) <= hi {
        for m in mults {
            let v = m * 10f64.powi(k);
            if v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                out.push(v);
            }
        }
        k += 1;
    }
    out
}
