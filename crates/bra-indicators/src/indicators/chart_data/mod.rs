//! What a chart is drawn from, built here in Compute so that `chart/` only draws what it is
//! handed: the [`Selection`] of rows, names and units for people, number formats, choosing
//! the rows of a table, and one builder per chart kind ([`trend_data_from_table`],
//! [`compare_data`], [`funnel_data_from_table`], [`survey_data_from_table`], [`goals_data`]),
//! which call the comparison engine ([`mod@crate::indicators::compare`]) and the funnel limits
//! where a chart shows an assessment.

mod compare;
mod funnel;
mod goals;
mod situation;
mod survey;
mod trend;

pub use compare::{CompareBar, CompareChartData, compare_data, compare_data_from_table};
pub use funnel::{FunnelChartData, FunnelCurves, FunnelPoint, funnel_data_from_table};
pub use goals::{GoalBar, GoalsChartData, goal_marks, goals_data};
pub use situation::{
    SeriesWindow, SituationBar, SituationBarsChartData, SituationSeriesChartData,
    situation_bars_chart, situation_series_charts,
};
pub use survey::{SurveyChartData, SurveySeries, SurveyWave, survey_data_from_table};
pub use trend::{ChartPoint, GoalMarks, TrendChartData, trend_data_from_table};

use crate::area::{AreaKind, AreaRegistry};
use crate::error::{Error, Result};
use crate::format::{Lang, format_number, format_percent};
use crate::indicator::Polarity;
use crate::indicator::{IndicatorKind, IndicatorRegistry};
use crate::indicators::profile::ProfileChartData;
use crate::labels::chart as phrase;
use crate::period::Period;
use crate::table::{Observation, Table};
use std::collections::BTreeSet;

/// Which rows of a table a chart shows, and the texts around it.
///
/// Every field is optional; each chart kind says which ones it reads and what it does
/// without them.
///
/// # Examples
/// ```
/// use bra_indicators::indicators::chart_data::Selection;
/// let sel = Selection {
///     area: Some("Fagersta".into()),
///     indicator: Some("brott.totalt".into()),
///     benchmarks: Some(vec!["19".into(), "00".into()]),
///     ..Selection::default()
/// };
/// assert_eq!(sel.group(), "total");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// The area the chart is about (code or name): the series of a trend or survey chart, the
    /// highlighted area of a compare or funnel chart, a filter for goals.
    pub area: Option<String>,
    /// The indicator id; without it, the table must hold only one indicator.
    pub indicator: Option<String>,
    /// The breakdown group (`total` when not given).
    pub group: Option<String>,
    /// The period of a compare or funnel chart (the latest with data when not given).
    pub period: Option<Period>,
    /// Benchmarks (codes or names): the lines of a trend chart (all of them), the benchmark of
    /// a compare, funnel or survey chart (the first). `None`: the area's county and the
    /// country, those present in the data. `Some(vec![])`: none.
    pub benchmarks: Option<Vec<String>>,
    /// The areas of a compare or funnel chart (codes or names; a county code stands for its
    /// kommuner). Empty: the kommuner of the benchmark county, or all kommuner in the data.
    pub areas: Vec<String>,
    /// A title instead of the indicator's name.
    pub title: Option<String>,
    /// The source line instead of the indicator's source (`Brå`).
    pub source: Option<String>,
    /// The language of the labels.
    pub lang: Lang,
    /// Draw the empirical-Bayes smoothed rate beside the raw one (funnel: over the areas
    /// shown; trend: over the kommuner of the area's county in each period), as `bra rates
    /// --smooth eb` computes it. Rates with counts and populations only.
    pub smooth: bool,
}

impl Selection {
    /// The breakdown group, `total` by default.
    pub fn group(&self) -> &str {
        self.group.as_deref().unwrap_or("total")
    }
}

/// How values are written on a chart: decimals and whether they are percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ValueFormat {
    /// Decimals after the comma.
    pub decimals: usize,
    /// Values are percentages (`18,1 %`).
    pub percent: bool,
}

impl ValueFormat {
    /// A format for these values: no decimals from 100 up, one from 10, two below.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::Lang;
    /// use bra_indicators::indicators::chart_data::ValueFormat;
    /// let f = ValueFormat::for_values([11_776.6, 10_826.2], false);
    /// assert_eq!(f.format(11_776.6, Lang::Sv), "11\u{a0}777");
    /// let p = ValueFormat::for_values([18.1, 22.6], true);
    /// assert_eq!(p.format(18.1, Lang::Sv), "18,1\u{a0}%");
    /// ```
    pub fn for_values(values: impl IntoIterator<Item = f64>, percent: bool) -> Self {
        let max = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(0.0_f64, |m, v| m.max(v.abs()));
        let decimals = if max >= 100.0 {
            0
        } else if max >= 10.0 || percent {
            1
        } else {
            2
        };
        ValueFormat { decimals, percent }
    }

    /// `v` in Swedish (`11 777`, `18,1 %`) or English (`11,777`, `18.1%`).
    pub fn format(&self, v: f64, lang: Lang) -> String {
        self.format_with(v, self.decimals, lang)
    }

    /// `v` with `decimals` decimals.
    pub fn format_with(&self, v: f64, decimals: usize, lang: Lang) -> String {
        if self.percent {
            format_percent(v, decimals, lang)
        } else {
            format_number(v, decimals, lang)
        }
    }
}

/// An area's name for people: `Fagersta`, `Västmanlands län`, `Riket` (`Sweden` in English);
/// the code itself when it is not a built-in area.
pub fn area_name(code: &str, lang: Lang) -> String {
    match AreaRegistry::builtin().get(code) {
        Some(a) if a.kind == AreaKind::Riket => phrase::SWEDEN.get(lang).to_string(),
        Some(a) => a.name.clone(),
        None => code.to_string(),
    }
}

/// The code of an area given as a code or a name; anything unknown (a user-defined area
/// such as `lpo:norra-vastmanland`) is kept as written.
pub(crate) fn area_code(area: &str) -> String {
    AreaRegistry::builtin()
        .code_of(area)
        .map(str::to_string)
        .unwrap_or_else(|| area.trim().to_string())
}

/// What people read about an indicator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndicatorText {
    pub name: String,
    pub unit: String,
    pub polarity: Polarity,
    pub source: String,
    pub percent: bool,
}

/// Name, unit, polarity and source of an indicator, in `lang`; an unknown id is its own name,
/// `percent` decides its unit.
pub(crate) fn indicator_text(id: &str, lang: Lang, percent: bool) -> IndicatorText {
    match IndicatorRegistry::builtin().get(id) {
        Some(i) => {
            let percent = percent || i.kind == IndicatorKind::SurveyProportion;
            IndicatorText {
                name: lang.pick(&i.name_sv, &i.name_en).to_string(),
                unit: unit_text(&i.unit, lang),
                polarity: i.polarity,
                source: i.source.clone(),
                percent,
            }
        }
        None => IndicatorText {
            name: id.to_string(),
            unit: if percent {
                phrase::PERCENT.get(lang).to_string()
            } else {
                String::new()
            },
            polarity: Polarity::LowerIsBetter,
            source: "Brå".to_string(),
            percent,
        },
    }
}

/// The registry's (Swedish) unit in `lang`.
fn unit_text(unit: &str, lang: Lang) -> String {
    match (lang, unit) {
        (Lang::En, "per 100 000 invånare") => "per 100,000 inhabitants".to_string(),
        (Lang::En, "procent") => "percent".to_string(),
        (Lang::En, "index") => "index".to_string(),
        _ => unit.to_string(),
    }
}

/// The indicator to chart: the selection's (which must be in the table), or the table's only
/// one.
pub(crate) fn pick_indicator(table: &Table, sel: &Selection) -> Result<String> {
    let present: BTreeSet<&str> = table.rows().iter().map(|r| r.indicator.as_str()).collect();
    match &sel.indicator {
        Some(id) if present.contains(id.as_str()) => Ok(id.clone()),
        Some(id) => Err(Error::InvalidArgument(format!(
            "indicator \"{id}\" is not in the data: expected one of {}",
            list(&present)
        ))),
        None if present.len() == 1 => Ok(present
            .iter()
            .next()
            .map(|s| s.to_string())
            .unwrap_or_default()),
        None if present.is_empty() => {
            Err(Error::InvalidArgument("the data have no rows".to_string()))
        }
        None => Err(Error::InvalidArgument(format!(
            "the data hold several indicators ({}): expected the indicator to chart",
            list(&present)
        ))),
    }
}

/// The selected area's code; required.
pub(crate) fn pick_area(table: &Table, sel: &Selection, indicator: &str) -> Result<String> {
    let present: BTreeSet<&str> = table
        .rows()
        .iter()
        .filter(|r| r.indicator == indicator)
        .map(|r| r.area.as_str())
        .collect();
    match &sel.area {
        Some(a) => {
            let code = area_code(a);
            if present.contains(code.as_str()) {
                Ok(code)
            } else {
                Err(Error::InvalidArgument(format!(
                    "area \"{a}\" has no rows for {indicator}: expected one of {}",
                    list(&present)
                )))
            }
        }
        None if present.len() == 1 => Ok(present
            .iter()
            .next()
            .map(|s| s.to_string())
            .unwrap_or_default()),
        None => Err(Error::InvalidArgument(format!(
            "the data have several areas for {indicator} ({}): expected the area to chart",
            list(&present)
        ))),
    }
}

/// The benchmark areas: the selection's, or the area's county and the country where the data
/// have them.
pub(crate) fn pick_benchmarks(
    table: &Table,
    sel: &Selection,
    area: Option<&str>,
    indicator: &str,
) -> Vec<String> {
    let has = |code: &str| {
        table
            .rows()
            .iter()
            .any(|r| r.area == code && r.indicator == indicator)
    };
    match &sel.benchmarks {
        Some(list) => list
            .iter()
            .map(|b| area_code(b))
            .filter(|b| Some(b.as_str()) != area)
            .collect(),
        None => {
            let county = area
                .and_then(|a| AreaRegistry::builtin().get(a))
                .filter(|a| a.kind == AreaKind::Kommun)
                .and_then(|a| a.parent.clone());
            county
                .into_iter()
                .chain(std::iter::once("00".to_string()))
                .filter(|b| Some(b.as_str()) != area && has(b))
                .collect()
        }
    }
}

/// The rows of one series, sorted by period.
pub(crate) fn series<'t>(
    table: &'t Table,
    area: &str,
    indicator: &str,
    group: &str,
) -> Vec<&'t Observation> {
    let mut rows: Vec<&Observation> = table
        .rows()
        .iter()
        .filter(|r| r.area == area && r.indicator == indicator && r.group == group)
        .collect();
    rows.sort_by_key(|r| r.period);
    rows
}

/// The group to chart: the selection's, else `total`, else the only group of the indicator.
pub(crate) fn pick_group(table: &Table, sel: &Selection, indicator: &str) -> Result<String> {
    let present: BTreeSet<&str> = table
        .rows()
        .iter()
        .filter(|r| r.indicator == indicator)
        .map(|r| r.group.as_str())
        .collect();
    let wanted = sel.group();
    if present.contains(wanted) {
        Ok(wanted.to_string())
    } else if sel.group.is_none() && present.len() == 1 {
        Ok(present
            .iter()
            .next()
            .map(|s| s.to_string())
            .unwrap_or_default())
    } else {
        Err(Error::InvalidArgument(format!(
            "group \"{wanted}\" has no rows for {indicator}: expected one of {}",
            list(&present)
        )))
    }
}

/// Whether a series holds survey shares (percent): intervals made for proportions.
pub(crate) fn is_share(rows: &[&Observation]) -> bool {
    rows.iter().any(|r| {
        // Brå's published crime rates (`brott.*`, per 100 000) are not shares.
        match r.method.as_deref() {
            Some("wilson" | "clopper-pearson") => true,
            Some("published") => !r.indicator.starts_with("brott."),
            _ => false,
        }
    })
}

/// The period to show: the selection's, or the latest with a value among `areas`.
pub(crate) fn pick_period(
    table: &Table,
    sel: &Selection,
    indicator: &str,
    group: &str,
    areas: &[String],
) -> Result<Period> {
    if let Some(p) = sel.period {
        return Ok(p);
    }
    table
        .rows()
        .iter()
        .filter(|r| {
            r.indicator == indicator
                && r.group == group
                && r.value.is_some()
                && areas.contains(&r.area)
        })
        .map(|r| r.period)
        .max()
        .ok_or_else(|| {
            Error::InvalidArgument(format!("no values for {indicator} in the chosen areas"))
        })
}

/// The areas of a compare or funnel chart: the selection's (a county code stands for its
/// kommuner), else the kommuner of the benchmark county (or of the highlighted kommun's county),
/// else all kommuner in the data; only those with rows for the indicator.
pub(crate) fn pick_areas(
    table: &Table,
    sel: &Selection,
    indicator: &str,
    benchmark: Option<&str>,
    highlight: Option<&str>,
) -> Result<Vec<String>> {
    let reg = AreaRegistry::builtin();
    let present: BTreeSet<&str> = table
        .rows()
        .iter()
        .filter(|r| r.indicator == indicator)
        .map(|r| r.area.as_str())
        .collect();
    let kommuner_of = |county: &str| -> Vec<String> {
        reg.children(county)
            .filter(|a| a.kind == AreaKind::Kommun && present.contains(a.code.as_str()))
            .map(|a| a.code.clone())
            .collect()
    };
    let is_county = |code: &str| reg.get(code).is_some_and(|a| a.kind == AreaKind::Lan);
    let mut areas: Vec<String> = Vec::new();
    if !sel.areas.is_empty() {
        for a in &sel.areas {
            let code = area_code(a);
            if is_county(&code) && !kommuner_of(&code).is_empty() {
                areas.extend(kommuner_of(&code));
            } else if present.contains(code.as_str()) {
                areas.push(code);
            } else {
                return Err(Error::InvalidArgument(format!(
                    "area \"{a}\" has no rows for {indicator}: expected one of {}",
                    list(&present)
                )));
            }
        }
    } else {
        let county = benchmark
            .filter(|b| is_county(b))
            .map(str::to_string)
            .or_else(|| {
                highlight
                    .and_then(|h| reg.get(h))
                    .and_then(|a| a.parent.clone())
                    .filter(|p| is_county(p))
            });
        if let Some(county) = county {
            areas = kommuner_of(&county);
        }
        if areas.is_empty() {
            areas = present
                .iter()
                .filter(|c| reg.get(c).is_some_and(|a| a.kind == AreaKind::Kommun))
                .map(|c| c.to_string())
                .collect();
        }
    }
    let mut seen = BTreeSet::new();
    areas.retain(|a| seen.insert(a.clone()) && Some(a.as_str()) != benchmark);
    if areas.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "no areas to show for {indicator}: expected the areas to compare (the data have {})",
            list(&present)
        )));
    }
    Ok(areas)
}

/// The one benchmark of a compare, funnel or survey chart: the selection's first, else the
/// highlighted kommun's county, else the country, if the data have it.
pub(crate) fn pick_benchmark(
    table: &Table,
    sel: &Selection,
    indicator: &str,
    highlight: Option<&str>,
) -> Result<Option<String>> {
    let has = |code: &str| {
        table
            .rows()
            .iter()
            .any(|r| r.area == code && r.indicator == indicator)
    };
    match &sel.benchmarks {
        Some(list) => match list.first() {
            None => Ok(None),
            Some(b) => {
                let code = area_code(b);
                if has(&code) {
                    Ok(Some(code))
                } else {
                    Err(Error::InvalidArgument(format!(
                        "benchmark \"{b}\" has no rows for {indicator}"
                    )))
                }
            }
        },
        None => Ok(pick_benchmarks(table, sel, highlight, indicator)
            .into_iter()
            .next()),
    }
}

/// The rows of one period for a set of areas: what compare and funnel charts draw.
pub(crate) struct CrossSection<'t> {
    pub indicator: String,
    pub highlight: Option<String>,
    /// The benchmark's code.
    pub benchmark: Option<String>,
    pub period: Period,
    /// One row per area that has one, in the order of the areas.
    pub rows: Vec<&'t Observation>,
    /// The benchmark's row in the period.
    pub benchmark_row: Option<&'t Observation>,
    /// The rows are survey shares (percent).
    pub share: bool,
}

/// The cross-section a compare or funnel chart shows: indicator, group, highlighted area,
/// benchmark, areas and period chosen by [`pick_indicator`], [`pick_benchmark`],
/// [`pick_areas`] and [`pick_period`].
pub(crate) fn cross_section<'t>(table: &'t Table, sel: &Selection) -> Result<CrossSection<'t>> {
    let indicator = pick_indicator(table, sel)?;
    let group = pick_group(table, sel, &indicator)?;
    let highlight = sel.area.as_deref().map(area_code);
    let benchmark = pick_benchmark(table, sel, &indicator, highlight.as_deref())?;
    let areas = pick_areas(
        table,
        sel,
        &indicator,
        benchmark.as_deref(),
        highlight.as_deref(),
    )?;
    let period = pick_period(table, sel, &indicator, &group, &areas)?;
    let row = |area: &str| {
        table.rows().iter().find(|r| {
            r.area == area && r.indicator == indicator && r.group == group && r.period == period
        })
    };
    let rows: Vec<&Observation> = areas.iter().filter_map(|a| row(a)).collect();
    let benchmark_row = benchmark.as_deref().and_then(row);
    let share = is_share(&rows);
    Ok(CrossSection {
        indicator,
        highlight,
        benchmark,
        period,
        rows,
        benchmark_row,
        share,
    })
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// An indicator over periods for one area.
    Trend,
    /// Horizontal bars for a set of areas against a benchmark.
    Compare,
    /// Value against population with control limits.
    Funnel,
    /// Survey waves for an area and a benchmark.
    Survey,
    /// Progress of each goal against the expected progress.
    Goals,
}

impl std::str::FromStr for ChartKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "trend" => Ok(ChartKind::Trend),
            "compare" => Ok(ChartKind::Compare),
            "funnel" => Ok(ChartKind::Funnel),
            "survey" => Ok(ChartKind::Survey),
            "goals" => Ok(ChartKind::Goals),
            _ => Err(Error::InvalidArgument(format!(
                "expected a chart kind (trend, compare, funnel, survey, goals), found \"{s}\""
            ))),
        }
    }
}

/// One chart of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// See [`TrendChartData`].
    Trend(TrendChartData),
    /// See [`CompareChartData`].
    Compare(CompareChartData),
    /// See [`FunnelChartData`].
    Funnel(FunnelChartData),
    /// See [`SurveyChartData`].
    Survey(SurveyChartData),
    /// See [`GoalsChartData`].
    Goals(GoalsChartData),
    /// See [`SituationSeriesChartData`]: a focus area's windows in the situation picture.
    SituationSeries(SituationSeriesChartData),
    /// See [`SituationBarsChartData`]: the current window's counts against expected.
    SituationBars(SituationBarsChartData),
    /// See [`ProfileChartData`]: the kommun profile's spine chart.
    Profile(ProfileChartData),
}

impl Chart {
    /// Builds a chart of `kind` from a table: the output of `bra rates`, `bra survey` or
    /// `bra compare`, or a canonical table. A goals chart is built from goal results instead
    /// ([`goals_data`]); a compare chart with the assessments of `bra compare` by
    /// [`compare_data`].
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for [`ChartKind::Goals`], and the builder's errors when the
    /// selection does not match the data.
    pub fn from_table(kind: ChartKind, table: &Table, sel: &Selection) -> Result<Chart> {
        Ok(match kind {
            ChartKind::Trend => Chart::Trend(trend_data_from_table(table, sel)?),
            ChartKind::Compare => Chart::Compare(compare_data_from_table(table, sel)?),
            ChartKind::Funnel => Chart::Funnel(funnel_data_from_table(table, sel)?),
            ChartKind::Survey => Chart::Survey(survey_data_from_table(table, sel)?),
            ChartKind::Goals => {
                return Err(Error::InvalidArgument(
                    "a goals chart is drawn from goal results (the output of bra goals), \
                     not from a table of values"
                        .to_string(),
                ));
            }
        })
    }
}

/// Trend charts for many areas from one table: the areas of `sel.areas` (a county code stands
/// for its kommuner), else every kommun in the data, each with its benchmarks as
/// [`trend_data_from_table`] picks them; (area code, data) in the order of the areas. Every
/// chart is built here, before any is drawn, so that data that cannot be drawn write nothing.
///
/// # Errors
/// [`Error::InvalidArgument`] when an area has no rows, or a chart cannot be built.
pub fn trend_charts(table: &Table, sel: &Selection) -> Result<Vec<(String, TrendChartData)>> {
    let indicator = pick_indicator(table, sel)?;
    let areas = pick_areas(table, sel, &indicator, None, None)?;
    areas
        .into_iter()
        .map(|area| {
            let one = Selection {
                area: Some(area.clone()),
                indicator: Some(indicator.clone()),
                ..sel.clone()
            };
            trend_data_from_table(table, &one).map(|data| (area, data))
        })
        .collect()
}

/// Comma-separated, at most 12 items.
pub(crate) fn list(items: &BTreeSet<&str>) -> String {
    let mut out: Vec<&str> = items.iter().copied().take(12).collect();
    if items.len() > 12 {
        out.push("...");
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_units() {
        assert_eq!(area_name("1982", Lang::Sv), "Fagersta");
        assert_eq!(area_name("19", Lang::Sv), "Västmanlands län");
        assert_eq!(area_name("00", Lang::En), "Sweden");
        assert_eq!(area_name("lpo:norra", Lang::Sv), "lpo:norra");
        assert_eq!(area_code("Fagersta kommun"), "1982");
        let t = indicator_text("brott.totalt", Lang::En, false);
        assert_eq!(
            (t.name.as_str(), t.unit.as_str()),
            ("All reported crimes", "per 100,000 inhabitants")
        );
        // Survey indicators are in the registry: their Swedish names are used.
        let t = indicator_text("ntu.otrygghet", Lang::Sv, true);
        assert_eq!(
            (t.name.as_str(), t.unit.as_str(), t.percent),
            (
                "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet",
                "procent",
                true
            )
        );
        // An id the registry does not know is shown as it is.
        let t = indicator_text("lokal.x", Lang::Sv, true);
        assert_eq!(t.name.as_str(), "lokal.x");
    }

    #[test]
    fn value_formats() {
        let f = ValueFormat::for_values([350.2], false);
        assert_eq!(f.format(350.2, Lang::Sv), "350");
        assert_eq!(
            ValueFormat::for_values([4.567], false).format(4.567, Lang::En),
            "4.57"
        );
    }
}
