//! The data of a survey chart: the waves of an area and its benchmark, and the change test
//! between waves ([`change_test`], the one change engine).

use super::{
    Selection, ValueFormat, area_name, indicator_text, pick_area, pick_benchmark, pick_group,
    pick_indicator, series,
};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicator::IndicatorRegistry;
use crate::indicators::compare::{Change, ValueKind, change_test};
use crate::period::Period;
use crate::table::{Observation, Table};

/// One wave of a survey for one area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyWave {
    /// The reference period.
    pub period: Period,
    /// The share in percent (or an index).
    pub value: f64,
    /// Lower interval bound.
    pub lower: Option<f64>,
    /// Upper interval bound.
    pub upper: Option<f64>,
    /// The number answering yes, where known (for the two-proportion test).
    pub count: Option<f64>,
    /// The number of respondents, where known.
    pub n: Option<f64>,
}

/// The waves of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveySeries {
    /// The area's name.
    pub name: String,
    /// The waves, in period order.
    pub waves: Vec<SurveyWave>,
    /// For each wave, whether it changed significantly since the previous wave (at the
    /// chart's level, by [`SurveySeries::changes`]): what the chart marks ▲ / ▼.
    pub significant: Vec<bool>,
}

impl SurveySeries {
    /// A series of waves with its significant changes at `level` worked out.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::Period;
    /// use bra_indicators::indicators::chart_data::{SurveySeries, SurveyWave};
    /// let wave = |y, v: f64, l, u| SurveyWave { period: Period::Year(y), value: v, lower: Some(l), upper: Some(u), count: None, n: None };
    /// let s = SurveySeries::new("Fagersta", vec![wave(2021, 30.0, 27.0, 33.0), wave(2023, 22.0, 19.5, 24.5)], 0.95);
    /// assert_eq!(s.significant, [false, true]);
    /// ```
    pub fn new(name: impl Into<String>, waves: Vec<SurveyWave>, level: f64) -> Self {
        let mut s = SurveySeries {
            name: name.into(),
            waves,
            significant: Vec::new(),
        };
        s.significant = s
            .changes(level)
            .iter()
            .map(|c| c.is_some_and(|c| c.significant))
            .collect();
        s
    }

    /// For each wave, the change test against the previous wave at `level` (none for the
    /// first, or when neither counts with n nor intervals are known), by the change test of
    /// `bra compare --between` ([`change_test`], for shares): the two-proportion z-test where
    /// both waves have n (and a count, or a share to make one), else whether the intervals
    /// overlap (METHODS.md).
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::Period;
    /// use bra_indicators::indicators::chart_data::{SurveySeries, SurveyWave};
    /// let wave = |y, v: f64, l, u| SurveyWave { period: Period::Year(y), value: v, lower: Some(l), upper: Some(u), count: None, n: None };
    /// let s = SurveySeries::new("Fagersta", vec![wave(2021, 30.0, 27.0, 33.0), wave(2023, 22.0, 19.5, 24.5)], 0.95);
    /// let changes = s.changes(0.95);
    /// assert!(changes[0].is_none());
    /// assert!(changes[1].expect("tested").significant);
    /// ```
    pub fn changes(&self, level: f64) -> Vec<Option<Change>> {
        let row = |w: &SurveyWave| {
            let mut r = Observation::new(self.name.as_str(), w.period, "");
            (r.value, r.lower, r.upper) = (Some(w.value), w.lower, w.upper);
            (r.count, r.population) = (w.count, w.n);
            r
        };
        let mut out = vec![None];
        for w in self.waves.windows(2) {
            out.push(
                change_test(
                    &row(&w[0]),
                    &row(&w[1]),
                    level,
                    ValueKind::Share,
                    IndicatorRegistry::builtin(),
                )
                .ok()
                .flatten(),
            );
        }
        out.truncate(self.waves.len());
        out
    }
}

/// Everything a survey chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyChartData {
    /// The title (the question or indicator).
    pub title: String,
    /// The unit (`procent`).
    pub unit: String,
    /// The area's waves.
    pub area: SurveySeries,
    /// The benchmark's waves, if any.
    pub benchmark: Option<SurveySeries>,
    /// The level of the change tests (and of the intervals, for the legend).
    pub level: f64,
    /// How values are written.
    pub format: ValueFormat,
    /// Where the data come from (`Brå, NTU`).
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

/// Builds a survey chart from `bra survey` output (or any table with values and intervals in
/// percent): the waves of `sel.area` and of the first benchmark (by default its county or the
/// country).
///
/// # Errors
/// [`Error::InvalidArgument`] when the selection does not match the data.
pub fn survey_data_from_table(table: &Table, sel: &Selection) -> Result<SurveyChartData> {
    let lang = sel.lang;
    let indicator = pick_indicator(table, sel)?;
    let area = pick_area(table, sel, &indicator)?;
    let group = pick_group(table, sel, &indicator)?;
    let benchmark = pick_benchmark(table, sel, &indicator, Some(&area))?.filter(|b| *b != area);
    let text = indicator_text(&indicator, lang, true);
    let waves = |code: &str| -> Vec<SurveyWave> {
        series(table, code, &indicator, &group)
            .into_iter()
            .filter_map(|r| {
                r.value.map(|value| SurveyWave {
                    period: r.period,
                    value,
                    lower: r.lower,
                    upper: r.upper,
                    count: r.count,
                    n: r.population,
                })
            })
            .collect()
    };
    let level = table
        .rows()
        .iter()
        .filter(|r| r.indicator == indicator && r.area == area)
        .find_map(|r| r.level)
        .unwrap_or(0.95);
    let area_series = SurveySeries::new(area_name(&area, lang), waves(&area), level);
    if area_series.waves.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{} has no values for {indicator}",
            area_series.name
        )));
    }
    let benchmark = benchmark
        .map(|b| SurveySeries::new(area_name(&b, lang), waves(&b), level))
        .filter(|s| !s.waves.is_empty());
    let values = area_series.waves.iter().map(|w| w.value);
    Ok(SurveyChartData {
        title: sel.title.clone().unwrap_or(text.name),
        unit: text.unit,
        format: ValueFormat::for_values(values, text.percent),
        area: area_series,
        benchmark,
        level,
        source: sel.source.clone().unwrap_or(text.source),
        lang,
    })
}
