//! Population files as CSV: `area,period,population` (`folkmängd` also accepted).

use super::header::{Columns, Field};
use super::{field_error, unknown_area};
use crate::area::AreaRegistry;
use crate::error::{Error, Location, Result};
use crate::indicator::IndicatorRegistry;
use crate::ingest::codes::ShortCodes;
use crate::ingest::records::Source;
use crate::ingest::resolve::{AreaHit, Resolver};
use crate::ingest::text::{Cell, parse_cell};
use crate::limits::Limits;
use crate::period::Period;
use crate::table::Population;
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;

/// Reads population figures from CSV: `area,period,population` (`folkmängd` also accepted),
/// one figure per area and calendar year; area as code or name, looked up in `areas`.
/// `name` is used in messages.
pub(crate) fn read_population_csv(
    name: &str,
    bytes: &[u8],
    areas: &AreaRegistry,
    limits: Limits,
) -> Result<(Population, Vec<Warning>)> {
    let src = Source::new(name, bytes, limits)?;
    let mut pop = Population::new(name);
    let mut warnings = Vec::new();
    let mut cols: Option<Columns> = None;
    let mut lines: HashMap<(String, i32), u64> = HashMap::new();
    let mut rows = 0usize;
    let mut short = ShortCodes::default();
    let mut resolve = Resolver::new(areas, IndicatorRegistry::builtin());
    src.for_each_record(|line, fields| {
        let Some(c) = &cols else {
            let c = Columns::from_header(fields);
            for (f, what) in [(Field::Area, "area"), (Field::Period, "period"), (Field::Population, "population")] {
                if c.get(f).is_none() {
                    return Err(Error::input(
                        src.at(line),
                        format!(
                            "missing column \"{what}\": expected a header such as area,period,population, found {}",
                            fields.join(&(src.delimiter as char).to_string())
                        ),
                    ));
                }
            }
            cols = Some(c);
            return Ok(());
        };
        rows += 1;
        let get = |f: Field| c.get(f).map(|i| (i, fields[i].as_str()));
        let (ai, area_raw) = get(Field::Area).unwrap_or((0, ""));
        let area = match resolve.area(area_raw) {
            AreaHit::Found(code) => code.clone(),
            AreaHit::NotAnArea => {
                warnings.push(Warning::new(
                    WarningKind::NotAnArea,
                    Some(src.at(line)),
                    format!("\"{area_raw}\" is not a kommun, län or riket: row skipped"),
                ));
                return Ok(());
            }
            AreaHit::Unknown => return Err(unknown_area(&src, line, &c.names[ai], area_raw)),
        };
        short.note(area_raw, &area, || src.at(line).field(&c.names[ai]))?;
        let (pi, period_raw) = get(Field::Period).unwrap_or((0, ""));
        let period = resolve
            .period(period_raw)
            .map_err(|e| field_error(&src, line, &c.names[pi], e))?;
        let Period::Year(year) = period else {
            return Err(Error::input(
                src.at(line).field(&c.names[pi]),
                format!("expected a year for a population figure, found \"{period_raw}\""),
            ));
        };
        let (ni, n_raw) = get(Field::Population).unwrap_or((0, ""));
        let value = match parse_cell(n_raw) {
            Ok(Cell::Number(v)) if v > 0.0 => v,
            Ok(Cell::Number(_)) => {
                return Err(Error::input(
                    src.at(line).field(&c.names[ni]),
                    format!("expected a positive number of inhabitants, found \"{n_raw}\""),
                ));
            }
            Ok(Cell::Missing(status)) => {
                warnings.push(Warning::new(
                    WarningKind::MissingValue,
                    Some(src.at(line)),
                    format!("population of {area} {period} is missing ({status}): row skipped"),
                ).about_area(&area));
                return Ok(());
            }
            Err(what) => return Err(Error::input(src.at(line).field(&c.names[ni]), what)),
        };
        if let Some(first) = lines.insert((area.clone(), year), line) {
            return Err(Error::input(
                src.at(line),
                format!("duplicate population for area {area}, year {year}: already given on line {first}"),
            ));
        }
        pop.insert(&area, year, value)
    })?;
    if cols.is_some() && rows == 0 {
        return Err(Error::input(
            Location::file(name),
            "the file has a header but no data rows: expected one row per area and year",
        ));
    }
    warnings.extend(short.warning(name));
    Ok((pop, warnings))
}
