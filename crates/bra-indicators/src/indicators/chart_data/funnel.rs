//! The data of a funnel chart: each area's value against its denominator, the benchmark the
//! control limits are drawn around, and the limits themselves ([`funnel_limits`]).

use super::{Selection, ValueFormat, area_name, cross_section, indicator_text};
use crate::axis::{log_ticks, nice_domain};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicators::funnel::{
    FunnelKind, FunnelSignificance, funnel_limits, funnel_significance,
};
use crate::indicators::smoothing::smooth_comparison_set;
use crate::labels::chart as phrase;
use crate::period::Period;
use crate::table::{Observation, Table};

/// One area in a funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelPoint {
    /// The area code.
    pub area: String,
    /// The area's name.
    pub name: String,
    /// The population (rates) or number of respondents (shares).
    pub denominator: f64,
    /// The rate per `per`, or the share in percent.
    pub value: f64,
    /// The empirical-Bayes smoothed rate over the areas shown (with `Selection::smooth`),
    /// drawn as a hollow marker joined to the raw point.
    pub smoothed: Option<f64>,
    /// Where the value lies against the 95 % and 99.8 % limits at its denominator (set by
    /// [`FunnelChartData::with_limits`]).
    pub significance: Option<FunnelSignificance>,
}

/// The x axis of a funnel and the control limits along it, worked out in Compute
/// ([`FunnelChartData::with_limits`]) so that the chart only draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunnelCurves {
    /// The denominators on a log scale (when they span more than a factor of 15).
    pub log: bool,
    /// The x domain: from `lo` to `hi` denominators.
    pub lo: f64,
    /// See `lo`.
    pub hi: f64,
    /// The x ticks.
    pub ticks: Vec<f64>,
    /// The smallest denominator of the points.
    pub nmin: f64,
    /// The 95 % and 99.8 % limits, in that order, at 121 denominators from `lo` to `hi`:
    /// (denominator, lower, upper).
    pub limits: [Vec<(f64, f64, f64)>; 2],
    /// The 99.8 % limits at `nmin / 1.25` (the value axis reaches them, not the far tail).
    pub near: (f64, f64),
}

/// Everything a funnel chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelChartData {
    /// The title (the indicator's name).
    pub title: String,
    /// The unit.
    pub unit: String,
    /// The period.
    pub period: Period,
    /// Rates or shares.
    pub kind: FunnelKind,
    /// The benchmark value the limits are drawn around (a rate per `per`, or percent).
    pub benchmark: f64,
    /// What the benchmark is (`Västmanlands län`, or the pooled average of the areas).
    pub benchmark_name: String,
    /// The areas.
    pub points: Vec<FunnelPoint>,
    /// The code of the area to highlight and label.
    pub highlight: Option<String>,
    /// How values are written.
    pub format: ValueFormat,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
    /// The x axis and the limits along it ([`FunnelChartData::with_limits`]).
    pub curves: FunnelCurves,
}

impl FunnelChartData {
    /// The data with the limits worked out: each point's significance and the limit curves
    /// along the x axis (log when the denominators span more than a factor of 15), as
    /// [`funnel_data_from_table`] hands them to the chart.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without points, or as [`FunnelChartData::limits`].
    pub fn with_limits(mut self) -> Result<Self> {
        if self.points.is_empty() {
            return Err(Error::InvalidArgument(
                "a funnel chart needs at least one area".to_string(),
            ));
        }
        for i in 0..self.points.len() {
            self.points[i].significance = self.significance(&self.points[i])?;
        }
        let (nmin, nmax) = self
            .points
            .iter()
            .fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
                (a.min(p.denominator), b.max(p.denominator))
            });
        let log = nmax / nmin > 15.0;
        let (lo, hi, ticks) = if log {
            let lo = nmin / 1.6;
            let hi = nmax * 1.6;
            (lo, hi, log_ticks(lo, hi))
        } else {
            let (lo, hi, t, _) = nice_domain(nmin, nmax, 5, true, 0.08);
            (
                lo.max(nmin * 0.05).min(nmin * 0.5),
                hi,
                t.into_iter().filter(|v| *v > 0.0).collect(),
            )
        };
        let steps = 120;
        let xs: Vec<f64> = (0..=steps)
            .map(|i| {
                let t = i as f64 / steps as f64;
                if log {
                    (lo.ln() + t * (hi.ln() - lo.ln())).exp()
                } else {
                    lo + t * (hi - lo)
                }
            })
            .collect();
        let curve = |level: f64| -> Result<Vec<(f64, f64, f64)>> {
            xs.iter()
                .map(|&n| self.limits(n, level).map(|(l, u)| (n, l, u)))
                .collect()
        };
        let limits = [curve(0.95)?, curve(0.998)?];
        let near = self.limits(nmin / 1.25, 0.998)?;
        self.curves = FunnelCurves {
            log,
            lo,
            hi,
            ticks,
            nmin,
            limits,
            near,
        };
        Ok(self)
    }

    /// The control limits at `denominator` and `level` (0.95, 0.998), in the unit of the
    /// values: [`funnel_limits`] around the chart's benchmark.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a denominator that is not positive, or a benchmark
    /// outside its domain.
    ///
    /// # Examples
    /// PHE's reference (proportion funnel): average 80.642448 %, population 598 →
    /// 95 % limits 77.475765 % and 83.809131 %.
    /// ```
    /// use bra_indicators::{Lang, Period};
    /// use bra_indicators::indicators::chart_data::{FunnelChartData, ValueFormat};
    /// use bra_indicators::indicators::funnel::FunnelKind;
    /// let d = FunnelChartData {
    ///     title: String::new(), unit: String::new(), period: Period::Year(2024),
    ///     kind: FunnelKind::Share, benchmark: 80.642448, benchmark_name: String::new(),
    ///     points: vec![], highlight: None, format: ValueFormat::default(),
    ///     source: String::new(), lang: Lang::Sv, curves: Default::default(),
    /// };
    /// let (l, u) = d.limits(598.0, 0.95)?;
    /// assert!((l - 77.475765).abs() < 2e-6 && (u - 83.809131).abs() < 2e-6);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn limits(&self, denominator: f64, level: f64) -> Result<(f64, f64)> {
        funnel_limits(self.kind, self.benchmark, denominator, level)
    }

    /// Where `point` lies against the 95 % and 99.8 % limits at its denominator
    /// ([`funnel_significance`]).
    ///
    /// # Errors
    /// As [`FunnelChartData::limits`].
    pub fn significance(&self, point: &FunnelPoint) -> Result<Option<FunnelSignificance>> {
        funnel_significance(self.kind, self.benchmark, point.value, point.denominator)
    }
}

/// Builds a funnel chart from a table with `count`/`population` (rates, as `bra rates`
/// writes them) or `count`/`n` (shares, as `bra survey` writes them).
///
/// The areas are chosen as for a compare chart (`sel.areas`, else the kommuner of the
/// benchmark county); the benchmark is the value of the first of `sel.benchmarks` (or the
/// county of `sel.area`, or the country) in the same period, or, without one, the pooled value
/// of the areas (Σcount / Σpopulation). Areas without a value or a denominator are left out.
///
/// # Errors
/// [`Error::InvalidArgument`] when the selection does not match the data or no area has a
/// value and a denominator.
pub fn funnel_data_from_table(table: &Table, sel: &Selection) -> Result<FunnelChartData> {
    let lang = sel.lang;
    let cs = cross_section(table, sel)?;
    let (indicator, period, share, rows) = (&cs.indicator, cs.period, cs.share, &cs.rows);
    let text = indicator_text(indicator, lang, share);
    let smoothed = if sel.smooth {
        smoothing_of(rows, share, indicator, period)?
    } else {
        vec![None; rows.len()]
    };
    let points: Vec<FunnelPoint> = rows
        .iter()
        .zip(smoothed)
        .filter_map(|(r, smoothed)| match (r.value, r.population) {
            (Some(value), Some(n)) if n > 0.0 && value.is_finite() => Some(FunnelPoint {
                area: r.area.clone(),
                name: area_name(&r.area, lang),
                denominator: n,
                value,
                smoothed,
                significance: None,
            }),
            _ => None,
        })
        .collect();
    if points.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "a funnel needs values with a population (or n): none for {indicator} in {period}"
        )));
    }
    let kind = if share {
        FunnelKind::Share
    } else {
        FunnelKind::Rate {
            per: multiplier(rows),
        }
    };
    let (benchmark_name, bench) = match cs.benchmark_row.and_then(|r| r.value) {
        Some(v) => (
            area_name(cs.benchmark.as_deref().unwrap_or_default(), lang),
            v,
        ),
        None => {
            let (c, n) = rows
                .iter()
                .filter_map(|r| r.count.zip(r.population))
                .fold((0.0, 0.0), |(c, n), (x, p)| (c + x, n + p));
            if n <= 0.0 {
                return Err(Error::InvalidArgument(format!(
                    "no benchmark for the funnel of {indicator}: expected the benchmark area, or counts and populations to pool"
                )));
            }
            let scale = match kind {
                FunnelKind::Rate { per } => per,
                FunnelKind::Share => 100.0,
            };
            (
                phrase::AVERAGE_OF_THE_AREAS.get(lang).to_string(),
                c / n * scale,
            )
        }
    };
    let format = ValueFormat::for_values(points.iter().map(|p| p.value), text.percent);
    FunnelChartData {
        title: sel.title.clone().unwrap_or(text.name),
        unit: text.unit,
        period,
        kind,
        benchmark: bench,
        benchmark_name,
        points,
        highlight: cs.highlight.clone(),
        format,
        source: sel.source.clone().unwrap_or(text.source),
        lang,
        curves: FunnelCurves::default(),
    }
    .with_limits()
}

/// The EB-smoothed rate of each row over the rows (the areas shown), by
/// [`smooth_comparison_set`].
fn smoothing_of(
    rows: &[&Observation],
    share: bool,
    indicator: &str,
    period: Period,
) -> Result<Vec<Option<f64>>> {
    if share {
        return Err(Error::InvalidArgument(format!(
            "EB smoothing smooths rates of reported crime; {indicator} is a survey share"
        )));
    }
    let smoothed = smooth_comparison_set(rows).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "EB smoothing needs counts and populations (the output of bra rates) for at least two \
             of the areas shown; {indicator} in {period} has them for {}",
            rows.iter()
                .filter(|r| r.count.is_some() && r.population.is_some())
                .count()
        ))
    })?;
    Ok(smoothed.into_iter().map(|s| s.map(|(v, _)| v)).collect())
}

/// The rate multiplier of rows that have count, population and rate: value·population/count
/// rounded to a power of ten (100 000 when it cannot be told).
fn multiplier(rows: &[&Observation]) -> f64 {
    rows.iter()
        .find_map(|r| match (r.count, r.population, r.value) {
            (Some(c), Some(n), Some(v)) if c > 0.0 && n > 0.0 && v > 0.0 => {
                Some(10f64.powf((v * n / c).log10().round()))
            }
            _ => None,
        })
        .unwrap_or(100_000.0)
}
