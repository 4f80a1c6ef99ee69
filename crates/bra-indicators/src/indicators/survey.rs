//! Survey shares and indices for whole tables: `bra survey`.

use super::{Computed, FrameBuilder};
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::indicator::{IndicatorKind, IndicatorRegistry};
use crate::stats::Level;
use crate::stats::proportion::{PUBLISHED, ProportionMethod, proportion_interval};
use crate::table::{Table, add_status};
use crate::warning::{Warning, WarningKind};

/// Options for [`survey`].
///
/// ```
/// use bra_indicators::{Level, SurveyOptions};
/// assert_eq!(SurveyOptions::default().level, Level::P95);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyOptions {
    /// The interval for rows with `count` and `n` (Wilson by default).
    pub method: ProportionMethod,
    /// The level of those intervals (0.95 by default).
    pub level: Level,
}

impl Default for SurveyOptions {
    fn default() -> Self {
        SurveyOptions {
            method: ProportionMethod::Wilson,
            level: Level::P95,
        }
    }
}

pub use crate::schema::SURVEY_COLUMNS;

/// Survey shares and indices with their intervals, in percent (indices in their own points).
///
/// Row by row (METHODS.md, "Proportions" and "Indices"):
/// - a published estimate with its interval (`value`, `lower`, `upper`; NTU's weighted
///   results, SCB's indices) is kept as given: `method = published` (or `published-se` when
///   the interval was made from a standard error), at its own level (0.95 unless the file says
///   otherwise);
/// - `count` and `n` (and no published interval) get the chosen interval at the chosen level
///   (Wilson by default, or Clopper-Pearson); so do rows made by this function before (their
///   method is `wilson` or `clopper-pearson`), so `--ci` and `--level` apply again;
/// - a share with `n` but no count (`value` in percent) gets count = value × n / 100 and the
///   chosen interval, with status `count-from-share`;
/// - anything else is kept as it is, with status `no-interval` when there is an estimate.
///
/// Output columns: [`SURVEY_COLUMNS`].
///
/// # Errors
/// [`Error::InvalidArgument`] naming the row when a count and n do not make a share (the
/// readers check this already); polars errors are wrapped.
///
/// # Examples
/// ```
/// use bra_indicators::{survey, read_survey_bytes, AreaRegistry, IndicatorRegistry, ReadOptions, SurveyOptions};
/// let csv = "area,period,indicator,count,n,value,lower,upper\n\
///            1982,2023,mu.trygg_kvall,65,100,,,\n\
///            00,2019,ntu.utsatt_enskild_person,,,22.6,22.2,23.0\n";
/// let table = read_survey_bytes("s.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let out = survey(&table, &SurveyOptions::default(), AreaRegistry::builtin(), IndicatorRegistry::builtin())?;
/// let lower = out.frame.column("lower").unwrap().f64().unwrap();
/// assert!((lower.get(0).unwrap() - 55.2544433).abs() < 1e-6); // Wilson, PHE's 65/100
/// assert_eq!(lower.get(1), Some(22.2));                        // published, kept
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn survey(
    table: &Table,
    options: &SurveyOptions,
    areas: &AreaRegistry,
    indicators: &IndicatorRegistry,
) -> Result<Computed> {
    let rows = table.rows();
    let n = rows.len();
    let mut count = Vec::with_capacity(n);
    let mut value = Vec::with_capacity(n);
    let mut lower = Vec::with_capacity(n);
    let mut upper = Vec::with_capacity(n);
    let mut method: Vec<Option<String>> = Vec::with_capacity(n);
    let mut level = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    let mut warnings = Vec::new();
    for r in rows {
        let what = || format!("{} {} {} {}", r.area, r.period, r.indicator, r.group);
        let kind = indicators.get(&r.indicator).map(|i| i.kind);
        let mut st = r.status.clone();
        let computed_before = matches!(r.method.as_deref(), Some("wilson" | "clopper-pearson"));
        let published = r.value.is_some() && r.lower.is_some() && r.upper.is_some();
        // Shares (and unknown indicators) with count and n get an interval; indices do not.
        let share = matches!(kind, None | Some(IndicatorKind::SurveyProportion));
        // The count to compute from: given, or derived from a published share and n.
        let from = match (r.count, r.population, r.value) {
            _ if published && !computed_before => None,
            _ if !share => None,
            (Some(c), Some(n), _) => Some((c, n, false)),
            (None, Some(n), Some(v)) => Some((v / 100.0 * n, n, true)),
            _ => None,
        };
        let out = if let Some((c, n, derived)) = from {
            let p = proportion_interval(c, n, options.level, options.method)
                .map_err(|e| Error::InvalidArgument(format!("{}: {e}", what())))?;
            if derived {
                add_status(&mut st, "count-from-share");
            }
            let (v, l, u) = p.percent();
            (
                Some(c),
                Some(v),
                Some(l),
                Some(u),
                Some(p.method.to_string()),
                Some(p.level),
            )
        } else {
            let m = if published {
                Some(r.method.clone().unwrap_or_else(|| PUBLISHED.to_string()))
            } else {
                r.method.clone()
            };
            let lvl = published.then(|| r.level.unwrap_or(0.95));
            if r.value.is_some() && !published {
                add_status(&mut st, "no-interval");
                warnings.push(Warning::new(
                    WarningKind::NotComputed,
                    None,
                    format!(
                        "{}: an estimate without an interval, and no count and n to compute one",
                        what()
                    ),
                ));
            }
            (r.count, r.value, r.lower, r.upper, m, lvl)
        };
        count.push(out.0);
        value.push(out.1);
        lower.push(out.2);
        upper.push(out.3);
        method.push(out.4);
        level.push(out.5);
        status.push(st);
    }
    let mut f = FrameBuilder::new(n);
    f.str("area", rows.iter().map(|r| Some(r.area.clone())));
    f.str("period", rows.iter().map(|r| Some(r.period.to_string())));
    f.str("indicator", rows.iter().map(|r| Some(r.indicator.clone())));
    f.str("group", rows.iter().map(|r| Some(r.group.clone())));
    f.f64("count", count);
    f.f64("n", rows.iter().map(|r| r.population));
    f.f64("value", value);
    f.f64("lower", lower);
    f.f64("upper", upper);
    f.str("method", method);
    f.f64("level", level);
    f.str("status", status);
    f.str("source", rows.iter().map(|r| Some(r.source.clone())));
    f.str("survey_year", rows.iter().map(|r| r.survey_year.clone()));
    f.str(
        "area_name",
        rows.iter()
            .map(|r| areas.get(&r.area).map(|a| a.name.clone())),
    );
    Ok(Computed {
        frame: f.finish("computing survey shares")?,
        warnings,
    })
}
