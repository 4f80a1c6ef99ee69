//! A statistical cube as PX files and JSON-stat datasets hold it (named variables with coded
//! values, and one cell for every combination, the last variable varying fastest), and its
//! conversion to the canonical table or to population figures.

use super::Ingested;
use super::csv::Layout;
use super::text::TextEncoding;
use crate::area::{AreaMatch, AreaRegistry, normalise};
use crate::error::{Error, Location, Result};
use crate::indicator::{IndicatorRegistry, slug};
use crate::period::Period;
use crate::table::{Observation, Population, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;

/// What a variable of a cube stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The areas (SCB's `Region`).
    Region,
    /// The periods (`Tid`, a TIMEVAL variable, JSON-stat role `time`).
    Time,
    /// What is measured (CONTVARIABLE, `ContentsCode`, JSON-stat role `metric`).
    Content,
    /// A breakdown (sex, age, marital status): becomes the `group`.
    Other,
}

/// Whether and how a variable may be left out of a table (PX `ELIMINATION`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elimination {
    /// The file does not say.
    Unknown,
    /// It may not be left out (`ELIMINATION=NO`).
    No,
    /// It may be left out by summing its values (`ELIMINATION=YES`).
    Sum,
    /// Its value with this index is the total (`ELIMINATION("sex")="total"`).
    Value(usize),
}

/// One variable of a cube.
#[derive(Debug, Clone)]
pub(crate) struct Dim {
    /// The name in the file (`region`, `kön`).
    pub name: String,
    /// The code (PX `VARIABLECODE`, JSON-stat id), else the name.
    pub code: String,
    /// The value codes (PX `CODES`, else `VALUES`; JSON-stat category ids).
    pub codes: Vec<String>,
    /// The value texts (PX `VALUES`; JSON-stat category labels).
    pub labels: Vec<String>,
    /// What the variable stands for.
    pub role: Role,
    /// Whether it may be left out.
    pub elimination: Elimination,
    /// The PX time format (`A1`, `H1`, `Q1`, `M1`) of a time variable.
    pub time_format: Option<String>,
    /// The unit of each value, for a content variable (PX `UNITS("Folkmängd")`).
    pub units: Vec<Option<String>>,
    /// Where its values are declared, for messages.
    pub at: Location,
    /// How the declaration is called in messages (`VALUES("region")`, `dimension.Region`).
    pub what: String,
}

impl Dim {
    pub(crate) fn len(&self) -> usize {
        self.codes.len()
    }
}

/// A cube read from a PX file or a JSON-stat dataset.
#[derive(Debug, Clone)]
pub(crate) struct Cube {
    /// The file, for messages.
    pub name: String,
    /// The layout it came in.
    pub layout: Layout,
    /// Its text encoding.
    pub encoding: TextEncoding,
    /// What goes into every row's `source`: the file and its table id.
    pub source: String,
    /// Namespace of indicator ids made from content codes (`scb`, `px`).
    pub namespace: &'static str,
    /// The content of the whole table (PX `CONTENTS`), for tables without a content variable.
    pub contents: String,
    /// A code for that content (PX `MATRIX`, JSON-stat table id), if any.
    pub contents_code: Option<String>,
    /// The unit of the whole table (PX `UNITS`).
    pub unit: Option<String>,
    /// The variables, in cell order (PX: STUB then HEADING).
    pub dims: Vec<Dim>,
    /// One value per cell; `None` for a missing one (its reason in `status`).
    pub values: Vec<Option<f64>>,
    /// For sparse files (PX KEYS): which cells the file holds.
    pub present: Option<Vec<bool>>,
    /// The status of special cells, as an index into `statuses`.
    pub status: HashMap<usize, u32>,
    /// The distinct status texts.
    pub statuses: Vec<String>,
    /// The line of each special cell, where the file has lines (PX).
    pub lines: HashMap<usize, u64>,
    /// Where the cells start, for messages.
    pub data_at: Location,
    /// What the reader noticed.
    pub warnings: Vec<Warning>,
}

/// Names (normalised) that mark a variable's role when the file does not say it.
const REGION_NAMES: &[&str] = &[
    "region",
    "regioner",
    "län",
    "lan",
    "kommun",
    "kommuner",
    "county",
    "municipality",
    "area",
    "område",
    "omrade",
    "geo",
];
const TIME_NAMES: &[&str] = &[
    "tid", "år", "ar", "period", "year", "time", "månad", "kvartal", "month", "quarter",
];
const CONTENT_NAMES: &[&str] = &[
    "contentscode",
    "tabellinnehåll",
    "tabellinnehall",
    "contents",
    "innehåll",
];

/// Gives the variables whose role the file did not state one by their names, keeping at most
/// one variable per role.
pub(crate) fn assign_roles(dims: &mut [Dim]) {
    for role in [Role::Content, Role::Time, Role::Region] {
        if dims.iter().any(|d| d.role == role) {
            continue;
        }
        let names = match role {
            Role::Region => REGION_NAMES,
            Role::Time => TIME_NAMES,
            _ => CONTENT_NAMES,
        };
        if let Some(d) = dims.iter_mut().find(|d| {
            d.role == Role::Other
                && (names.contains(&normalise(&d.name).as_str())
                    || names.contains(&normalise(&d.code).as_str())
                    || (role == Role::Region && normalise(&d.name).starts_with("region")))
        }) {
            d.role = role;
        }
    }
}

impl Cube {
    fn dim(&self, role: Role) -> Option<usize> {
        self.dims.iter().position(|d| d.role == role)
    }

    /// The size of each variable and the stride of each in the flat cell index.
    fn strides(&self) -> Vec<usize> {
        let mut strides = vec![1usize; self.dims.len()];
        for i in (0..self.dims.len().saturating_sub(1)).rev() {
            // The product of all sizes was checked against the cell limit, so no overflow.
            strides[i] = strides[i + 1].saturating_mul(self.dims[i + 1].len());
        }
        strides
    }

    fn status_of(&self, cell: usize) -> Option<&str> {
        self.status
            .get(&cell)
            .and_then(|&i| self.statuses.get(i as usize))
            .map(String::as_str)
    }

    fn is_present(&self, cell: usize) -> bool {
        self.present
            .as_ref()
            .is_none_or(|p| p.get(cell).copied().unwrap_or(false))
    }

    /// The area code of every value of the region variable (`None`: not one of our areas,
    /// skipped with a warning).
    fn areas(&self, d: usize, warnings: &mut Vec<Warning>) -> Result<Vec<Option<String>>> {
        let dim = &self.dims[d];
        let reg = AreaRegistry::builtin();
        let mut out = Vec::with_capacity(dim.len());
        for (code, label) in dim.codes.iter().zip(&dim.labels) {
            let hit = match reg.lookup(code) {
                AreaMatch::Found(a) => AreaMatch::Found(a),
                _ => reg.lookup(label),
            };
            out.push(match hit {
                AreaMatch::Found(a) => Some(a.code.clone()),
                AreaMatch::NotAnArea => {
                    warnings.push(Warning::new(
                        WarningKind::NotAnArea,
                        Some(dim.at.clone()),
                        format!(
                            "{}: \"{label}\" is not a kommun, län or riket: its cells are skipped",
                            dim.what
                        ),
                    ));
                    None
                }
                AreaMatch::Unknown => {
                    return Err(Error::input(
                        dim.at.clone(),
                        format!(
                            "{}: unknown area \"{}\": expected a kommun, län or riket code or name \
                             (list them with `bra areas`)",
                            dim.what,
                            if code == label {
                                code.clone()
                            } else {
                                format!("{code}\" (\"{label}")
                            }
                        ),
                    ));
                }
            });
        }
        Ok(out)
    }

    /// The period of every value of the time variable.
    fn periods(&self, d: usize) -> Result<Vec<Period>> {
        let dim = &self.dims[d];
        dim.codes
            .iter()
            .zip(&dim.labels)
            .map(|(code, label)| {
                parse_time(code, dim.time_format.as_deref())
                    .or_else(|| parse_time(label, dim.time_format.as_deref()))
                    .ok_or_else(|| {
                        Error::input(
                            dim.at.clone(),
                            format!(
                                "{}: expected a period such as 2020, 2020K1, 2020Q1 or 2020M03{}, found \"{code}\"",
                                dim.what,
                                dim.time_format
                                    .as_deref()
                                    .map(|f| format!(" (time format {f})"))
                                    .unwrap_or_default()
                            ),
                        )
                    })
            })
            .collect()
    }

    /// The indicator id and the column of each content (one when there is no content variable).
    fn contents(&self, warnings: &mut Vec<Warning>) -> Vec<(String, Field)> {
        let reg = IndicatorRegistry::builtin();
        let mut resolve = |code: Option<&str>, label: &str, unit: Option<&str>| {
            let known = code
                .and_then(|c| reg.id_for_label(c))
                .or_else(|| reg.id_for_label(label));
            let id = match known {
                Some(id) => id.to_string(),
                None => {
                    let s = slug(code.unwrap_or(label));
                    let id = format!(
                        "{}.{}",
                        self.namespace,
                        if s.is_empty() { "value".to_string() } else { s }
                    );
                    warnings.push(Warning::new(
                        WarningKind::UnknownIndicator,
                        Some(Location::file(&self.name)),
                        format!("unknown content \"{label}\": given the id {id}"),
                    ));
                    id
                }
            };
            let field = field_for(&id, unit);
            (id, field)
        };
        match self.dim(Role::Content) {
            Some(d) => {
                let dim = &self.dims[d];
                (0..dim.len())
                    .map(|i| {
                        let unit = dim
                            .units
                            .get(i)
                            .cloned()
                            .flatten()
                            .or_else(|| self.unit.clone());
                        resolve(Some(&dim.codes[i]), &dim.labels[i], unit.as_deref())
                    })
                    .collect()
            }
            None => vec![resolve(
                self.contents_code.as_deref(),
                &self.contents,
                self.unit.as_deref(),
            )],
        }
    }
}

/// Which number column a content goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Count,
    Population,
    Value,
}

/// Population content → `population`; a plain count unit (`antal`, `number`) → `count`
/// (unless the content has a negative number: see [`to_table`]); anything else (per 100 000,
/// percent, index, kronor) → `value`.
pub(crate) fn field_for(indicator: &str, unit: Option<&str>) -> Field {
    if indicator == "scb.folkmangd" {
        return Field::Population;
    }
    let unit = unit.map(normalise).unwrap_or_default();
    if matches!(
        unit.as_str(),
        "antal" | "number" | "st" | "st." | "stycken" | "count" | "personer" | "persons"
    ) {
        Field::Count
    } else {
        Field::Value
    }
}

/// Reads a time value: `2020`, `2020K1`/`2020Q1`, `2020M03`, `2020H1`, and PX's compact forms
/// by TLIST format (`20201` for Q1 and H1, `202003` for M1).
pub(crate) fn parse_time(s: &str, format: Option<&str>) -> Option<Period> {
    let s = s.trim();
    if let Ok(p) = s.parse::<Period>() {
        return Some(p);
    }
    let digits = s.bytes().all(|b| b.is_ascii_digit());
    let year = || s.get(..4)?.parse::<i32>().ok();
    let rest = || s.get(4..)?.parse::<u8>().ok();
    let p = match (format.map(str::to_uppercase).as_deref(), s.len(), digits) {
        (Some("Q1"), 5, true) => Period::Quarter(year()?, rest()?),
        (Some("H1"), 5, true) => Period::Half(year()?, rest()?),
        (Some("M1"), 6, true) => Period::Month(year()?, rest()?),
        _ => return None,
    };
    // Checks the ranges (a quarter 5 would otherwise pass).
    p.to_string().parse().ok()
}

/// The cell's position in every variable.
fn decompose(mut flat: usize, strides: &[usize], out: &mut [usize]) {
    for (o, &s) in out.iter_mut().zip(strides) {
        let s = s.max(1);
        *o = flat / s;
        flat %= s;
    }
}

/// The canonical table of a cube: one row per cell; the region variable gives the area, the
/// time variable the period, the content the indicator, and the other variables the group
/// (their total, the ELIMINATION value, is left out of it).
pub(crate) fn to_table(cube: &Cube) -> Result<Ingested> {
    let mut warnings = cube.warnings.clone();
    let time = cube.dim(Role::Time).ok_or_else(|| no_time(cube))?;
    let periods = cube.periods(time)?;
    let region = cube.dim(Role::Region);
    let areas = match region {
        Some(r) => cube.areas(r, &mut warnings)?,
        None => {
            warnings.push(riket_warning(cube));
            Vec::new()
        }
    };
    let content = cube.dim(Role::Content);
    let mut contents = cube.contents(&mut warnings);
    // A count cannot be negative: a content with a negative number (population increase,
    // net migration) goes to `value` as a whole.
    if contents.iter().any(|(_, f)| *f == Field::Count) {
        let strides = cube.strides();
        let mut at = vec![0usize; cube.dims.len()];
        for (flat, v) in cube.values.iter().enumerate() {
            if v.is_some_and(|v| v < 0.0) {
                decompose(flat, &strides, &mut at);
                let ci = content.map(|c| at[c]).unwrap_or(0);
                if let Some(c) = contents.get_mut(ci) {
                    c.1 = Field::Value;
                }
            }
        }
    }
    let others: Vec<usize> = (0..cube.dims.len())
        .filter(|&i| cube.dims[i].role == Role::Other)
        .collect();
    let strides = cube.strides();
    let mut at = vec![0usize; cube.dims.len()];
    let mut rows = Vec::with_capacity(cube.values.len());
    // Two region values that are the same area (Heby as 1917 and 0331) would give duplicate
    // keys: refused here, once, rather than per cell.
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, a) in areas.iter().enumerate() {
        if let Some(a) = a.as_deref()
            && let Some(first) = first_of.insert(a, i)
            && let Some(r) = region
        {
            let dim = &cube.dims[r];
            return Err(Error::input(
                dim.at.clone(),
                format!(
                    "the region values \"{}\" and \"{}\" are the same area {a}: expected each area once",
                    dim.labels[first], dim.labels[i]
                ),
            ));
        }
    }
    // The group of each combination of the breakdown variables, made once.
    let mut group_strides = vec![0usize; cube.dims.len()];
    let mut n_groups = 1usize;
    for &d in others.iter().rev() {
        group_strides[d] = n_groups;
        n_groups = n_groups.saturating_mul(cube.dims[d].len());
    }
    let mut groups: Vec<Option<String>> = vec![None; n_groups];
    let mut skipped = 0usize;
    for (flat, value) in cube.values.iter().enumerate() {
        if !cube.is_present(flat) {
            continue;
        }
        decompose(flat, &strides, &mut at);
        let area = match region {
            Some(r) => match areas.get(at[r]).cloned().flatten() {
                Some(a) => a,
                None => {
                    skipped += 1;
                    continue;
                }
            },
            None => "00".to_string(),
        };
        let period = periods[at[time]];
        let ci = content.map(|c| at[c]).unwrap_or(0);
        let Some((indicator, field)) = contents.get(ci) else {
            continue;
        };
        let g: usize = others.iter().map(|&d| at[d] * group_strides[d]).sum();
        let group = match groups.get_mut(g) {
            Some(Some(group)) => group.clone(),
            Some(slot) => slot.insert(group_of(cube, &others, &at)).clone(),
            None => group_of(cube, &others, &at),
        };
        let mut obs = Observation::new(area, period, indicator.clone());
        obs.group = group;
        obs.source = cube.source.clone();
        if let Some(s) = cube.status_of(flat) {
            for flag in s.split(';') {
                obs.add_status(flag);
            }
        }
        match value {
            Some(v) => match field {
                Field::Count => obs.count = Some(*v),
                Field::Population => obs.population = Some(*v),
                Field::Value => obs.value = Some(*v),
            },
            None => {
                if obs.status.is_none() {
                    obs.add_status("missing");
                }
                let at = match cube.lines.get(&flat) {
                    Some(&line) => cube.data_at.clone().line(line),
                    None => cube.data_at.clone(),
                };
                warnings.push(
                    Warning::new(
                        WarningKind::MissingValue,
                        Some(at),
                        format!(
                            "{} {} {} {} is missing ({}): kept as missing, not 0",
                            obs.area,
                            obs.period,
                            obs.indicator,
                            obs.group,
                            obs.status.as_deref().unwrap_or("")
                        ),
                    )
                    .about_area(&obs.area)
                    .about_indicator(&obs.indicator),
                );
            }
        }
        rows.push(obs);
    }
    if rows.is_empty() && skipped == 0 {
        return Err(Error::input(
            Location::file(&cube.name),
            "the file has no cells: expected at least one value",
        ));
    }
    let table =
        Table::new(rows).map_err(|e| Error::input(Location::file(&cube.name), e.to_string()))?;
    Ok(Ingested {
        table,
        warnings,
        layout: cube.layout,
        encoding: cube.encoding,
        skipped,
    })
}

/// The group of a cell: the labels of its breakdown values, leaving out totals; `total` when
/// nothing is left.
fn group_of(cube: &Cube, others: &[usize], at: &[usize]) -> String {
    let parts: Vec<&str> = others
        .iter()
        .filter(|&&d| cube.dims[d].elimination != Elimination::Value(at[d]))
        .map(|&d| cube.dims[d].labels[at[d]].as_str())
        .collect();
    if parts.is_empty() {
        "total".to_string()
    } else {
        parts.join(", ")
    }
}

fn no_time(cube: &Cube) -> Error {
    let names: Vec<&str> = cube.dims.iter().map(|d| d.name.as_str()).collect();
    Error::input(
        Location::file(&cube.name),
        format!(
            "no time variable among {}: expected one with TIMEVAL, VARIABLE-TYPE \"T\", the JSON-stat \
             role \"time\", or named Tid, år, period or year",
            names.join(", ")
        ),
    )
}

fn riket_warning(cube: &Cube) -> Warning {
    Warning::new(
        WarningKind::Assumption,
        Some(Location::file(&cube.name)),
        "no region variable: every cell is taken as riket (00)",
    )
}

/// How a breakdown variable is reduced to one population figure.
#[derive(Debug, Clone, Copy)]
enum Reduce {
    Select(usize),
    Sum,
}

/// Population figures from a cube: the content `BE0101N1` (or the only one), one figure per
/// area and year; other variables reduced by their ELIMINATION.
pub(crate) fn to_population(cube: &Cube) -> Result<(Population, Vec<Warning>)> {
    let mut warnings = cube.warnings.clone();
    let time = cube.dim(Role::Time).ok_or_else(|| no_time(cube))?;
    let periods = cube.periods(time)?;
    let tdim = &cube.dims[time];
    let years: Vec<i32> = periods
        .iter()
        .map(|p| match p {
            Period::Year(y) => Ok(*y),
            other => Err(Error::input(
                tdim.at.clone(),
                format!(
                    "{}: expected yearly population figures, found the period {other}",
                    tdim.what
                ),
            )),
        })
        .collect::<Result<_>>()?;
    let region = cube.dim(Role::Region);
    let areas = match region {
        Some(r) => cube.areas(r, &mut warnings)?,
        None => {
            warnings.push(riket_warning(cube));
            vec![Some("00".to_string())]
        }
    };
    let mut unknown = Vec::new();
    let contents = cube.contents(&mut unknown);
    let content = cube.dim(Role::Content);
    let chosen = match content {
        None => 0,
        Some(c) => match contents.iter().position(|(id, _)| id == "scb.folkmangd") {
            Some(i) => i,
            None if contents.len() == 1 => 0,
            None => {
                let dim = &cube.dims[c];
                return Err(Error::input(
                    dim.at.clone(),
                    format!(
                        "{}: expected the content BE0101N1 (Folkmängd) among {}",
                        dim.what,
                        dim.labels.join(", ")
                    ),
                ));
            }
        },
    };
    let mut reduce: Vec<Option<Reduce>> = vec![None; cube.dims.len()];
    for (i, d) in cube.dims.iter().enumerate() {
        if d.role != Role::Other {
            continue;
        }
        reduce[i] = Some(match d.elimination {
            Elimination::Value(k) => Reduce::Select(k),
            _ if d.len() == 1 => Reduce::Select(0),
            Elimination::Sum => Reduce::Sum,
            Elimination::Unknown => {
                warnings.push(Warning::new(
                    WarningKind::Assumption,
                    Some(d.at.clone()),
                    format!(
                        "{}: the file does not say whether \"{}\" may be summed (no ELIMINATION): \
                         the population is the sum over its {} values ({})",
                        d.what,
                        d.name,
                        d.len(),
                        d.labels.join(", ")
                    ),
                ));
                Reduce::Sum
            }
            Elimination::No => {
                return Err(Error::input(
                    d.at.clone(),
                    format!(
                        "{}: \"{}\" may not be summed (ELIMINATION=NO) and has {} values: expected \
                         a population file with one value of it, or its total",
                        d.what,
                        d.name,
                        d.len()
                    ),
                ));
            }
        });
    }
    let nr = areas.len();
    let nt = years.len();
    // (sum, status of a missing part)
    let mut acc: Vec<(f64, Option<String>, bool)> = vec![(0.0, None, false); nr * nt];
    let strides = cube.strides();
    let mut at = vec![0usize; cube.dims.len()];
    'cells: for (flat, value) in cube.values.iter().enumerate() {
        decompose(flat, &strides, &mut at);
        if let Some(c) = content
            && at[c] != chosen
        {
            continue;
        }
        for (d, r) in reduce.iter().enumerate() {
            if let Some(Reduce::Select(k)) = r
                && at[d] != *k
            {
                continue 'cells;
            }
        }
        let ri = region.map(|r| at[r]).unwrap_or(0);
        let Some(slot) = acc.get_mut(ri * nt + at[time]) else {
            continue;
        };
        slot.2 = true;
        match value {
            Some(v) if cube.is_present(flat) => slot.0 += v,
            _ => {
                if slot.1.is_none() {
                    slot.1 = Some(if cube.is_present(flat) {
                        cube.status_of(flat).unwrap_or("missing").to_string()
                    } else {
                        "absent".to_string()
                    });
                }
            }
        }
    }
    let mut pop = Population::new(&cube.source);
    let mut seen: HashMap<(String, i32), usize> = HashMap::new();
    for ri in 0..nr {
        let Some(area) = areas[ri].as_deref() else {
            continue;
        };
        for (ti, &year) in years.iter().enumerate() {
            let (sum, missing, any) = &acc[ri * nt + ti];
            if !any {
                continue;
            }
            let skip = |why: String| {
                Warning::new(
                    WarningKind::MissingValue,
                    Some(cube.data_at.clone()),
                    format!("population of {area} {year} {why}: no rate can use it"),
                )
                .about_area(area.to_string())
            };
            if let Some(status) = missing {
                warnings.push(skip(format!("is missing ({status})")));
                continue;
            }
            if *sum < 0.0 {
                return Err(Error::input(
                    cube.data_at.clone(),
                    format!(
                        "the population of {area} {year} is {sum}: expected a non-negative number"
                    ),
                ));
            }
            if *sum == 0.0 {
                warnings.push(skip(format!("is {sum}")));
                continue;
            }
            if let Some(first) = seen.insert((area.to_string(), year), ri) {
                let labels = region
                    .map(|r| {
                        (
                            cube.dims[r].labels[first].clone(),
                            cube.dims[r].labels[ri].clone(),
                        )
                    })
                    .unwrap_or_default();
                let at = region
                    .map(|r| cube.dims[r].at.clone())
                    .unwrap_or_else(|| Location::file(&cube.name));
                return Err(Error::input(
                    at,
                    format!(
                        "the region values \"{}\" and \"{}\" are the same area {area}: expected each \
                         area once in a population file",
                        labels.0, labels.1
                    ),
                ));
            }
            pop.insert(area, year, *sum)
                .map_err(|e| Error::input(Location::file(&cube.name), e.to_string()))?;
        }
    }
    if pop.is_empty() {
        return Err(Error::input(
            Location::file(&cube.name),
            "no population figure could be read: expected at least one positive value per area and year",
        ));
    }
    Ok((pop, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_values_in_px_formats() {
        assert_eq!(parse_time("2020", Some("A1")), Some(Period::Year(2020)));
        assert_eq!(
            parse_time("20203", Some("Q1")),
            Some(Period::Quarter(2020, 3))
        );
        assert_eq!(parse_time("2020K3", None), Some(Period::Quarter(2020, 3)));
        assert_eq!(
            parse_time("2025M11", Some("M1")),
            Some(Period::Month(2025, 11))
        );
        assert_eq!(
            parse_time("202511", Some("M1")),
            Some(Period::Month(2025, 11))
        );
        assert_eq!(parse_time("20202", Some("H1")), Some(Period::Half(2020, 2)));
        assert_eq!(parse_time("20205", Some("Q1")), None);
        assert_eq!(parse_time("202013", Some("M1")), None);
        assert_eq!(parse_time("abc", None), None);
    }

    #[test]
    fn fields_by_unit() {
        assert_eq!(field_for("scb.folkmangd", Some("antal")), Field::Population);
        assert_eq!(field_for("scb.x", Some("Antal")), Field::Count);
        assert_eq!(field_for("scb.x", Some("number")), Field::Count);
        assert_eq!(
            field_for("scb.x", Some("per 100 000 invånare")),
            Field::Value
        );
        assert_eq!(field_for("scb.x", None), Field::Value);
    }

    #[test]
    fn decompose_is_row_major_with_the_last_fastest() {
        let strides = [6, 2, 1]; // sizes 4 × 3 × 2
        let mut at = [0; 3];
        decompose(0, &strides, &mut at);
        assert_eq!(at, [0, 0, 0]);
        decompose(1, &strides, &mut at);
        assert_eq!(at, [0, 0, 1]);
        decompose(2, &strides, &mut at);
        assert_eq!(at, [0, 1, 0]);
        decompose(23, &strides, &mut at);
        assert_eq!(at, [3, 2, 1]);
    }
}
