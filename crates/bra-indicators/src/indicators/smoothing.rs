//! Empirical-Bayes smoothed rates beside the raw ones (METHODS.md "Empirical-Bayes
//! smoothing"): per indicator, period and group, over every kommun row with a count and a
//! population, Marshall's global estimator ([`crate::stats::smoothing`]).

use crate::area::{AreaKind, AreaRegistry};
use crate::error::{Error, Result};
use crate::stats::smoothing::empirical_bayes;
use crate::warning::{Warning, WarningKind};
use polars::prelude::{Column, DataFrame};
use std::collections::HashMap;

pub use crate::schema::SMOOTHING_COLUMNS;

/// Adds `smoothed` (per `per` inhabitants, like `rate`) and `shrinkage` (1 − Cᵢ: 0 keeps the
/// kommun's own rate, 1 replaces it by the mean) to a rates table (`bra rates` output with
/// `area, period, indicator, group, count, population`). Rows that are not kommuner (län,
/// riket, districts, user areas) or lack a count or population get empty cells; a warning says
/// how many.
///
/// # Examples
/// ```
/// use bra_indicators::{rates, read_population_bytes, read_table_bytes, smooth_rates, AreaRegistry, RateOptions, ReadOptions};
/// let counts = "area,period,indicator,count\n1982,2020,brott.totalt,1577\n1904,2020,brott.totalt,620\n1980,2020,brott.totalt,18000\n";
/// let population = "area,period,population\n1982,2019,13391\n1904,2019,4400\n1980,2019,154000\n";
/// let counts = read_table_bytes("counts.csv", counts.as_bytes(), &ReadOptions::default())?;
/// let (population, _) = read_population_bytes("population.csv", population.as_bytes())?;
/// let out = rates(&counts.table, &population, &RateOptions::default())?;
/// let (smoothed, warnings) = smooth_rates(&out.frame, AreaRegistry::builtin(), 100_000.0)?;
/// let s = smoothed.column("smoothed")?.f64()?.get(1).unwrap(); // Skinnskatteberg
/// let raw = smoothed.column("rate")?.f64()?.get(1).unwrap();
/// assert!(s < raw); // pulled towards the mean of the three
/// assert!(warnings.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn smooth_rates(
    frame: &DataFrame,
    areas: &AreaRegistry,
    per: f64,
) -> Result<(DataFrame, Vec<Warning>)> {
    let text = |name: &str| -> Result<Vec<Option<String>>> {
        let c = frame
            .column(name)
            .map_err(|e| Error::polars("the rates table", e))?;
        let c = c
            .cast(&polars::prelude::DataType::String)
            .map_err(|e| Error::polars("the rates table", e))?;
        let s = c.str().map_err(|e| Error::polars("the rates table", e))?;
        Ok(s.iter().map(|v| v.map(str::to_string)).collect())
    };
    let number = |name: &str| -> Result<Vec<Option<f64>>> {
        let c = frame
            .column(name)
            .map_err(|e| Error::polars("the rates table", e))?;
        let c = c
            .cast(&polars::prelude::DataType::Float64)
            .map_err(|e| Error::polars("the rates table", e))?;
        let s = c.f64().map_err(|e| Error::polars("the rates table", e))?;
        Ok(s.iter().collect())
    };
    let (area, period, indicator, group) = (
        text("area")?,
        text("period")?,
        text("indicator")?,
        text("group")?,
    );
    let (count, population) = (number("count")?, number("population")?);

    // The kommun rows with a count and a population, per indicator, period and group.
    let mut groups: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    let mut left_out = 0usize;
    for i in 0..frame.height() {
        let is_kommun = area[i]
            .as_deref()
            .and_then(|a| areas.get(a))
            .is_some_and(|a| a.kind == AreaKind::Kommun);
        let usable = matches!((count[i], population[i]), (Some(x), Some(n)) if x >= 0.0 && n > 0.0);
        match (is_kommun && usable, &period[i], &indicator[i], &group[i]) {
            (true, Some(p), Some(ind), Some(g)) => groups
                .entry((p.as_str(), ind.as_str(), g.as_str()))
                .or_default()
                .push(i),
            _ => left_out += 1,
        }
    }
    let mut smoothed = vec![None; frame.height()];
    let mut shrinkage = vec![None; frame.height()];
    for rows in groups.values() {
        let x: Vec<f64> = rows.iter().map(|&i| count[i].unwrap_or(0.0)).collect();
        let n: Vec<f64> = rows.iter().map(|&i| population[i].unwrap_or(1.0)).collect();
        if let Some(s) = empirical_bayes(&x, &n) {
            for (&i, s) in rows.iter().zip(s) {
                smoothed[i] = Some(s.rate * per);
                shrinkage[i] = Some(s.shrinkage);
            }
        }
    }
    let mut out = frame.clone();
    for (name, values) in SMOOTHING_COLUMNS.iter().zip([smoothed, shrinkage]) {
        out.with_column(Column::new((*name).into(), values))
            .map_err(|e| Error::polars("the smoothed rates", e))?;
    }
    let mut warnings = Vec::new();
    if left_out > 0 {
        warnings.push(Warning::new(
            WarningKind::NotComputed,
            None,
            format!(
                "{left_out} rows are not smoothed: not a kommun (län, riket, districts and own areas are not), or no count or population"
            ),
        ));
    }
    Ok((out, warnings))
}

/// The EB-smoothed rates of one comparison set of rows (one indicator, period and group: the
/// areas of a funnel, the kommuner of a county in one period), in the unit of the rows'
/// values: one entry per row, `None` for a row without a count or a positive population (it
/// is not part of the set). The unit is the rows' multiplier (value · population / count,
/// rounded to a power of ten; 100 000 when no row tells). `None` overall when fewer than two
/// rows have a count and a population (nothing to smooth towards).
///
/// # Examples
/// ```
/// use bra_indicators::{smooth_comparison_set, Observation, Period};
/// let row = |area: &str, count: f64, population: f64| {
///     let mut o = Observation::new(area, Period::Year(2024), "brott.totalt");
///     (o.count, o.population, o.value) = (Some(count), Some(population), Some(count / population * 1e5));
///     o
/// };
/// let rows = [row("1904", 620.0, 4_400.0), row("1980", 18_000.0, 154_000.0), row("1982", 1_440.0, 13_100.0)];
/// let s = smooth_comparison_set(&rows.iter().collect::<Vec<_>>()).unwrap();
/// let skinnskatteberg = s[0].unwrap();
/// assert!(skinnskatteberg.0 < 620.0 / 4_400.0 * 1e5); // pulled towards the mean
/// assert!(skinnskatteberg.1 > s[1].unwrap().1);         // the small kommun is pulled most
/// ```
pub fn smooth_comparison_set(
    rows: &[&crate::table::Observation],
) -> Option<Vec<Option<(f64, f64)>>> {
    let usable: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            matches!((rows[i].count, rows[i].population),
                (Some(x), Some(n)) if x.is_finite() && x >= 0.0 && n.is_finite() && n > 0.0)
        })
        .collect();
    if usable.len() < 2 {
        return None;
    }
    let per = rows
        .iter()
        .find_map(|r| match (r.count, r.population, r.value) {
            (Some(c), Some(n), Some(v)) if c > 0.0 && n > 0.0 && v > 0.0 => {
                Some(10f64.powf((v * n / c).log10().round()))
            }
            _ => None,
        })
        .unwrap_or(100_000.0);
    let x: Vec<f64> = usable
        .iter()
        .map(|&i| rows[i].count.unwrap_or(0.0))
        .collect();
    let n: Vec<f64> = usable
        .iter()
        .map(|&i| rows[i].population.unwrap_or(1.0))
        .collect();
    let smoothed = empirical_bayes(&x, &n)?;
    let mut out = vec![None; rows.len()];
    for (&i, s) in usable.iter().zip(smoothed) {
        out[i] = Some((s.rate * per, s.shrinkage));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19: against the independent numpy implementation in
    /// tests/reference/profile_reference.py, through the table, per 100 000.
    #[test]
    fn a_table_is_smoothed_per_group_as_the_reference() {
        #[derive(serde::Deserialize)]
        struct Case {
            counts: Vec<f64>,
            populations: Vec<f64>,
            smoothed: Vec<f64>,
            shrinkage: Vec<f64>,
        }
        #[derive(serde::Deserialize)]
        struct Fixture {
            smoothing: Vec<Case>,
        }
        let fx: Fixture = serde_json::from_str(include_str!(
            "../../../../tests/reference/profile_cases.json"
        ))
        .unwrap();
        // The cases with at most 290 areas, each its own indicator, on real kommun codes.
        let kommuner: Vec<String> = AreaRegistry::builtin()
            .kommuner()
            .map(|a| a.code.clone())
            .collect();
        let cases: Vec<&Case> = fx.smoothing.iter().take(40).collect();
        let (mut area, mut indicator, mut count, mut population) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (c, case) in cases.iter().enumerate() {
            for (i, (x, n)) in case.counts.iter().zip(&case.populations).enumerate() {
                area.push(kommuner[i].clone());
                indicator.push(format!("ind{c}"));
                count.push(*x);
                population.push(*n);
            }
        }
        let h = area.len();
        // Riket as well: left out with a warning.
        area.push("00".to_string());
        indicator.push("ind0".to_string());
        count.push(1.0);
        population.push(10.0);
        let frame = DataFrame::new(
            h + 1,
            vec![
                Column::new("area".into(), area),
                Column::new("period".into(), vec!["2024"; h + 1]),
                Column::new("indicator".into(), indicator),
                Column::new("group".into(), vec!["total"; h + 1]),
                Column::new("count".into(), count),
                Column::new("population".into(), population),
            ],
        )
        .unwrap();
        let (out, warnings) = smooth_rates(&frame, AreaRegistry::builtin(), 1e5).unwrap();
        assert_eq!(warnings.len(), 1);
        let s = out.column("smoothed").unwrap().f64().unwrap();
        let k = out.column("shrinkage").unwrap().f64().unwrap();
        let mut row = 0;
        for case in cases {
            for i in 0..case.counts.len() {
                let (got, want) = (s.get(row).unwrap(), case.smoothed[i]);
                assert!(
                    (got - want).abs() <= (1e-9 * want.abs()).max(1e-12),
                    "{got} vs {want}"
                );
                let (got, want) = (k.get(row).unwrap(), case.shrinkage[i]);
                assert!(
                    (got - want).abs() <= (1e-9 * want.abs()).max(1e-12),
                    "{got} vs {want}"
                );
                row += 1;
            }
        }
        assert_eq!((s.get(h), k.get(h)), (None, None));
    }
}
