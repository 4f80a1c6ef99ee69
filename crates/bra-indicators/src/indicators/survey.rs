//! Survey shares and indices for whole tables: `bra survey`.

use super::{Computed, FrameBuilder};
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
use crate::indicator::{IndicatorKind, IndicatorRegistry};
use crate::stats::Level;
use crate::stats::index::{FROM_STANDARD_ERROR, interval_from_se};
use crate::stats::proportion::{PUBLISHED, ProportionMethod, proportion_interval};
use crate::table::{Observation, Table, add_status};
use crate::warning::{Warning, WarningKind};
use std::borrow::Cow;

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

/// Turns each row's published standard error ([`Observation::se`], kept by the readers) into
/// its interval: value ± z·se at the row's level (0.95 when it gives none), cut to the scale
/// the reader found (0-100 for survey shares and indices), `method = published-se` unless the
/// row names one. Rows with an interval of their own, or without an estimate, are kept as
/// they are; so is the standard error. The loading side calls this on every table it reads,
/// so every command sees the same intervals.
///
/// # Formula
/// L = value − z·se, U = value + z·se, z = Φ⁻¹(1 − α/2) (METHODS.md, "Indices").
///
/// # Errors
/// [`Error::InvalidArgument`] naming the row when its level is not strictly between 0 and 1
/// or its standard error is not a finite number ≥ 0 (the readers refuse both, naming the
/// cell).
///
/// # Examples
/// ```
/// use bra_indicators::{intervals_from_standard_errors, read_survey_bytes, ReadOptions};
/// let csv = "area,period,indicator,value,se\n1982,2023,mu.trygghet,62,2.1\n";
/// let table = read_survey_bytes("mu.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// assert_eq!(table.rows()[0].lower, None); // the reader keeps the standard error
/// let table = intervals_from_standard_errors(table)?;
/// let row = &table.rows()[0];
/// assert!((row.lower.unwrap() - 57.88407563246589).abs() < 1e-9);
/// assert_eq!((row.level, row.method.as_deref()), (Some(0.95), Some("published-se")));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn intervals_from_standard_errors(table: Table) -> Result<Table> {
    if !table.rows().iter().any(makes_interval) {
        return Ok(table);
    }
    let rows = table
        .into_rows()
        .into_iter()
        .map(|r| Ok(interval_of(Cow::Owned(r))?.into_owned()))
        .collect::<Result<Vec<_>>>()?;
    // The keys are those of the table the rows came from, unchanged.
    Ok(Table::from_unique(rows))
}

/// Whether the row's standard error is to become its interval.
fn makes_interval(r: &Observation) -> bool {
    r.se.is_some() && r.value.is_some() && r.lower.is_none() && r.upper.is_none()
}

/// The row with the interval of its standard error, if it is to have one.
fn interval_of(r: Cow<'_, Observation>) -> Result<Cow<'_, Observation>> {
    let (Some(se), Some(value), true) = (r.se, r.value, makes_interval(&r)) else {
        return Ok(r);
    };
    let what = |e: Error| {
        Error::InvalidArgument(format!(
            "{} {} {} {}: the standard error {}: {e}",
            r.area, r.period, r.indicator, r.group, se.se
        ))
    };
    let level = Level::new(r.level.unwrap_or(0.95)).map_err(what)?;
    let (lower, upper) = interval_from_se(value, se.se, level, se.scale).map_err(what)?;
    let mut r = r.into_owned();
    r.lower = Some(lower);
    r.upper = Some(upper);
    r.level = Some(level.value());
    if r.method.is_none() {
        r.method = Some(FROM_STANDARD_ERROR.to_string());
    }
    Ok(Cow::Owned(r))
}

/// Survey shares and indices with their intervals, in percent (indices in their own points).
///
/// Row by row (METHODS.md, "Proportions" and "Indices"):
/// - a published estimate with its interval (`value`, `lower`, `upper`; NTU's weighted
///   results, SCB's indices) is kept as given: `method = published` (or `published-se` when
///   the interval is made from a standard error, as [`intervals_from_standard_errors`]),
///   at its own level (0.95 unless the file says otherwise);
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
        // A standard error not yet made an interval (a table not from the loading side).
        let r = interval_of(Cow::Borrowed(r))?;
        let r = &*r;
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
    let mut f = FrameBuilder::new(&SURVEY_COLUMNS, n);
    f.str(rows.iter().map(|r| Some(r.area.clone())));
    f.str(rows.iter().map(|r| Some(r.period.to_string())));
    f.str(rows.iter().map(|r| Some(r.indicator.clone())));
    f.str(rows.iter().map(|r| Some(r.group.clone())));
    f.f64(count);
    f.f64(rows.iter().map(|r| r.population));
    f.f64(value);
    f.f64(lower);
    f.f64(upper);
    f.str(method);
    f.f64(level);
    f.str(status);
    f.str(rows.iter().map(|r| Some(r.source.clone())));
    f.str(rows.iter().map(|r| r.survey_year.clone()));
    f.str(
        rows.iter()
            .map(|r| areas.get(&r.area).map(|a| a.name.clone())),
    );
    Ok(Computed {
        frame: f.finish("computing survey shares")?,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::Period;
    use crate::table::StandardError;

    fn row(value: f64, se: f64, scale: Option<(f64, f64)>) -> Observation {
        let mut r = Observation::new("1982", Period::Year(2023), "mu.trygghet");
        r.value = Some(value);
        r.se = Some(StandardError { se, scale });
        r
    }

    #[test]
    fn a_standard_error_becomes_the_interval_cut_to_its_scale() {
        let mut own = row(50.0, 2.0, Some((0.0, 100.0)));
        own.indicator = "mu.other".into();
        own.lower = Some(40.0);
        own.upper = Some(60.0);
        let mut rate = row(150.0, 100.0, None);
        rate.indicator = "x.rate".into();
        rate.level = Some(0.998);
        let table = Table::new(vec![row(99.0, 1.0, Some((0.0, 100.0))), own, rate]).unwrap();
        let out = intervals_from_standard_errors(table).unwrap();
        let rows = out.rows();
        // value ± 1.959964·se at 95 %, cut at 100.
        assert_eq!((rows[0].upper, rows[0].level), (Some(100.0), Some(0.95)));
        assert!((rows[0].lower.unwrap() - (99.0 - 1.959963984540054)).abs() < 1e-12);
        assert_eq!(rows[0].method.as_deref(), Some(FROM_STANDARD_ERROR));
        // A published interval is kept, the standard error unused.
        assert_eq!((rows[1].lower, rows[1].upper), (Some(40.0), Some(60.0)));
        assert_eq!((rows[1].level, rows[1].method.as_deref()), (None, None));
        // Without a scale nothing is cut; the row's own level is used.
        let half = Level::P998.z() * 100.0;
        assert_eq!(
            (rows[2].lower, rows[2].upper),
            (Some(150.0 - half), Some(150.0 + half))
        );
        assert_eq!(rows[2].level, Some(0.998));
    }

    #[test]
    fn a_bad_level_names_the_row() {
        let mut r = row(50.0, 2.0, None);
        r.level = Some(1.0);
        let err = intervals_from_standard_errors(Table::new(vec![r]).unwrap()).unwrap_err();
        assert!(
            err.to_string()
                .contains("1982 2023 mu.trygghet total: the standard error 2:"),
            "{err}"
        );
    }

    #[test]
    fn survey_makes_the_interval_of_a_table_not_yet_loaded() {
        let table = Table::new(vec![row(62.0, 2.1, Some((0.0, 100.0)))]).unwrap();
        let out = survey(
            &table,
            &SurveyOptions::default(),
            AreaRegistry::builtin(),
            IndicatorRegistry::builtin(),
        )
        .unwrap();
        let lower = out.frame.column("lower").unwrap().f64().unwrap().get(0);
        assert!((lower.unwrap() - 57.88407563246589).abs() < 1e-9);
        let method = out.frame.column("method").unwrap().str().unwrap().get(0);
        assert_eq!(method, Some(FROM_STANDARD_ERROR));
        assert!(out.warnings.is_empty());
    }
}
