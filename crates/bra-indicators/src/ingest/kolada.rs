//! Kolada API answers (RKA's key-figure database, API v2 and v3).
//!
//! A page is `{"values":[…], "count":…, "next_page":…}`; each data object is
//! `{"kpi":"N07540","municipality":"0138","period":2023,"values":[{"gender":"T","status":"",
//! "value":74.1,"count":1},…]}`. The period may be a number or a string, gender `T|K|M`
//! (`total`, `kvinnor`, `män`), `value` may be `null` (then `status` says why). Several pages
//! may be concatenated in one file (one JSON document after another, or an array of pages).
//! Municipality ids map to our codes: `0000` riket, `0001`-`0025` the län (Kolada's regions,
//! type `L`), four-digit kommun codes; municipality groups (`G…`) are skipped.

use super::Ingested;
use super::csv::Layout;
use super::jsonstat::{check_json_strings, json_error};
use super::resolve::Resolver;
use super::text::TextEncoding;
use crate::area::{AreaMatch, AreaRegistry};
use crate::error::{Error, Location, Result};
use crate::indicator::{IndicatorRegistry, slug};
use crate::limits::Limits;
use crate::period::Period;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use serde_json::Value;
use std::collections::HashMap;

/// Reads one or more concatenated Kolada pages, nested at most [`Limits::max_json_depth`]
/// levels, every string within [`Limits::max_field_bytes`].
pub(crate) fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Ingested> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            Location::file(name),
            "the file is empty: expected a Kolada answer {\"values\":[…]}",
        ));
    }
    limits.check_json_depth(name, body)?;
    let mut reader = Reader::new(name);
    let mut page = 0usize;
    for doc in serde_json::Deserializer::from_slice(body).into_iter::<Value>() {
        let doc = doc.map_err(|e| json_error(name, &e))?;
        check_json_strings(name, &doc, limits)?;
        match &doc {
            // A list of pages, or a bare list of data objects.
            Value::Array(items)
                if items.iter().all(|i| {
                    i.get("values").is_some_and(Value::is_array) && i.get("kpi").is_none()
                }) =>
            {
                for p in items {
                    page += 1;
                    reader.page(page, p)?;
                }
            }
            Value::Array(items) => {
                page += 1;
                reader.data(page, items)?;
            }
            Value::Object(_) => {
                page += 1;
                reader.page(page, &doc)?;
            }
            _ => {
                return Err(Error::input(
                    Location::file(name),
                    format!(
                        "page {}: expected a Kolada answer {{\"values\":[…]}}",
                        page + 1
                    ),
                ));
            }
        }
    }
    if reader.rows.is_empty() && reader.skipped == 0 {
        return Err(Error::input(
            Location::file(name),
            "no values: expected data objects with kpi, municipality, period and values",
        ));
    }
    Ok(Ingested {
        table: Table::new(reader.rows)?,
        warnings: reader.warnings,
        layout: Layout::Kolada,
        encoding: TextEncoding::Utf8,
        skipped: reader.skipped,
    })
}

struct Reader<'a> {
    name: &'a str,
    rows: Vec<Observation>,
    keys: HashMap<(String, Period, String, String), String>,
    warnings: Vec<Warning>,
    skipped: usize,
    /// Our area for each distinct municipality id (resolved once).
    area_of: HashMap<String, KoladaArea>,
    /// Our indicator id for each distinct KPI (resolved once; an unknown one warned once).
    indicator_of: HashMap<String, String>,
    /// Periods, each distinct text parsed once (the resolution step of every reader).
    resolver: Resolver<'static>,
}

/// What a Kolada municipality id is.
#[derive(Debug, Clone)]
enum KoladaArea {
    /// One of our areas: its code.
    Area(String),
    /// A municipality group (`G…`): skipped.
    Group,
    /// Not known.
    Unknown,
}

impl<'a> Reader<'a> {
    fn new(name: &'a str) -> Self {
        Reader {
            name,
            rows: Vec::new(),
            keys: HashMap::new(),
            warnings: Vec::new(),
            skipped: 0,
            area_of: HashMap::new(),
            indicator_of: HashMap::new(),
            resolver: Resolver::new(AreaRegistry::builtin(), IndicatorRegistry::builtin()),
        }
    }

    fn bad(&self, at: &str, what: impl std::fmt::Display) -> Error {
        Error::input(Location::file(self.name), format!("{at}: {what}"))
    }

    fn page(&mut self, page: usize, doc: &Value) -> Result<()> {
        match doc.get("values") {
            Some(Value::Array(items)) => self.data(page, items),
            _ => Err(self.bad(
                &format!("page {page}"),
                "expected an object with \"values\": [...] (a Kolada data answer)",
            )),
        }
    }

    fn data(&mut self, page: usize, items: &[Value]) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            let at = format!("page {page}, values[{i}]");
            self.item(&at, item)?;
        }
        Ok(())
    }

    fn item(&mut self, at: &str, item: &Value) -> Result<()> {
        let text = |k: &str| item.get(k).and_then(Value::as_str).map(str::trim);
        let kpi = text("kpi")
            .filter(|s| !s.is_empty())
            .ok_or_else(|| self.bad(at, "expected \"kpi\": a KPI id such as \"N07540\""))?;
        if item.get("ou").is_some() && item.get("municipality").is_none() {
            self.skipped += 1;
            self.warnings.push(Warning::new(
                WarningKind::NotAnArea,
                Some(Location::file(self.name)),
                format!("{at}: organisational-unit data (\"ou\") is not an area: skipped"),
            ));
            return Ok(());
        }
        let muni = text("municipality")
            .ok_or_else(|| self.bad(at, "expected \"municipality\": an id such as \"1982\""))?;
        let Some(area) = self.area(at, muni)? else {
            return Ok(());
        };
        let period = match item.get("period") {
            Some(Value::Number(n)) => self.resolver.period(&n.to_string()).ok(),
            Some(Value::String(s)) => self.resolver.period(s).ok(),
            _ => None,
        }
        .ok_or_else(|| {
            self.bad(
                at,
                format!(
                    "\"period\": expected a year such as 2023 or \"2023\", found {}",
                    item.get("period")
                        .map(Value::to_string)
                        .unwrap_or_else(|| "nothing".into())
                ),
            )
        })?;
        let indicator = self.indicator(kpi);
        let Some(values) = item.get("values").and_then(Value::as_array) else {
            return Err(self.bad(at, "expected \"values\": [{\"gender\":\"T\",\"value\":…}]"));
        };
        for (j, v) in values.iter().enumerate() {
            let vat = format!("{at}.values[{j}]");
            let gender = v
                .get("gender")
                .and_then(Value::as_str)
                .unwrap_or("T")
                .trim();
            let group = match gender.to_uppercase().as_str() {
                "T" | "" => "total",
                "K" => "kvinnor",
                "M" => "män",
                other => {
                    return Err(self.bad(
                        &vat,
                        format!("\"gender\": expected T (total), K (kvinnor) or M (män), found \"{other}\""),
                    ));
                }
            };
            let mut obs = Observation::new(area.clone(), period, indicator.clone());
            obs.group = group.to_string();
            obs.source = format!("{} (Kolada {kpi})", self.name);
            let status = v
                .get("status")
                .and_then(Value::as_str)
                .map(str::trim)
                .unwrap_or("");
            let value = v.get("value").filter(|x| !x.is_null());
            if value.is_none() {
                obs.add_status("missing");
            }
            if !status.is_empty() {
                obs.add_status(&status.to_lowercase().replace(';', ","));
            }
            match value {
                Some(Value::Number(n)) => {
                    obs.value = Some(n.as_f64().filter(|f| f.is_finite()).ok_or_else(|| {
                        self.bad(&vat, format!("\"value\": expected a number, found {n}"))
                    })?);
                }
                None => {
                    self.warnings.push(Warning::new(
                        WarningKind::MissingValue,
                        Some(Location::file(self.name)),
                        format!(
                            "{vat}: {} {} {kpi} {group} has no value ({}): kept as missing, not 0",
                            obs.area,
                            obs.period,
                            obs.status.as_deref().unwrap_or("")
                        ),
                    )
                    .about_area(&obs.area)
                    .about_indicator(&obs.indicator));
                }
                Some(other) => {
                    return Err(self.bad(
                        &vat,
                        format!("\"value\": expected a number or null, found {other}"),
                    ));
                }
            }
            let key = (
                obs.area.clone(),
                obs.period,
                obs.indicator.clone(),
                obs.group.clone(),
            );
            if let Some(first) = self.keys.insert(key, vat.clone()) {
                return Err(self.bad(
                    &vat,
                    format!(
                        "duplicate value: {kpi}, municipality {muni}, period {period}, gender {gender} is already at {first}"
                    ),
                ));
            }
            self.rows.push(obs);
        }
        Ok(())
    }

    /// Our area code for a Kolada municipality id; `None` for a group (skipped, with a
    /// warning for each data object).
    fn area(&mut self, at: &str, id: &str) -> Result<Option<String>> {
        let found = match self.area_of.get(id) {
            Some(found) => found.clone(),
            None => {
                let found = kolada_area(id);
                self.area_of.insert(id.to_string(), found.clone());
                found
            }
        };
        match found {
            KoladaArea::Area(code) => Ok(Some(code)),
            KoladaArea::Group => {
                self.skipped += 1;
                self.warnings.push(Warning::new(
                    WarningKind::NotAnArea,
                    Some(Location::file(self.name)),
                    format!("{at}: \"{id}\" is a Kolada municipality group, not an area: skipped"),
                ));
                Ok(None)
            }
            KoladaArea::Unknown => Err(self.bad(
                at,
                format!(
                    "unknown municipality \"{id}\": expected a kommun code (0114), a region 0001-0025 or 0000 (riket)"
                ),
            )),
        }
    }

    /// Our indicator id for a KPI: the registry's for a label it knows, else `kolada.<slug>`
    /// with one warning.
    fn indicator(&mut self, kpi: &str) -> String {
        if let Some(id) = self.indicator_of.get(kpi) {
            return id.clone();
        }
        let id = match IndicatorRegistry::builtin().id_for_label(kpi) {
            Some(id) => id.to_string(),
            None => {
                let id = format!("kolada.{}", slug(kpi));
                self.warnings.push(Warning::new(
                    WarningKind::UnknownIndicator,
                    Some(Location::file(self.name)),
                    format!("unknown KPI \"{kpi}\": given the id {id}"),
                ));
                id
            }
        };
        self.indicator_of.insert(kpi.to_string(), id.clone());
        id
    }
}

/// What a Kolada municipality id names: `0000` riket, `0001`-`0025` the län, a four-digit
/// kommun code; an id starting with `G` is a municipality group.
fn kolada_area(id: &str) -> KoladaArea {
    let code = match id {
        "0000" => Some("00".to_string()),
        _ if id.len() == 4 && id.starts_with("00") && id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(id[2..].to_string())
        }
        _ => None,
    };
    let reg = AreaRegistry::builtin();
    match code.as_deref().map(|c| reg.get(c)) {
        Some(Some(a)) => KoladaArea::Area(a.code.clone()),
        Some(None) => KoladaArea::Unknown,
        None if id.bytes().all(|b| b.is_ascii_digit()) && id.len() == 4 => match reg.lookup(id) {
            AreaMatch::Found(a) => KoladaArea::Area(a.code.clone()),
            _ => KoladaArea::Unknown,
        },
        None if id.starts_with(['G', 'g']) => KoladaArea::Group,
        None => KoladaArea::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"{"values":[
      {"kpi":"N07540","municipality":"1982","period":2022,"values":[{"gender":"T","value":1.0}]},
      {"kpi":"N07540","municipality":"1982","period":2023,"values":[{"gender":"T","value":2.0}]},
      {"kpi":"N07540","municipality":"G12345","period":2023,"values":[{"gender":"T","value":3.0}]},
      {"kpi":"N07540","municipality":"G12345","period":2022,"values":[{"gender":"T","value":4.0}]},
      {"kpi":"X12345","municipality":"0019","period":"2023","values":[{"gender":"K","value":5.0}]},
      {"kpi":"X12345","municipality":"0019","period":"2022","values":[{"gender":"K","value":6.0}]}
    ]}"#;

    #[test]
    fn each_distinct_id_kpi_and_period_is_resolved_once() {
        let mut reader = Reader::new("k.json");
        let doc: Value = serde_json::from_str(PAGE).unwrap();
        reader.page(1, &doc).unwrap();
        assert_eq!(reader.area_of.len(), 3, "{:?}", reader.area_of);
        assert_eq!(reader.indicator_of.len(), 2);
        assert_eq!(reader.rows.len(), 4);
        // A group is skipped, with a warning, every time it occurs; an unknown KPI is warned
        // about once.
        assert_eq!(reader.skipped, 2);
        let count = |kind| reader.warnings.iter().filter(|w| w.kind == kind).count();
        assert_eq!(count(WarningKind::NotAnArea), 2);
        assert_eq!(count(WarningKind::UnknownIndicator), 1);
        assert_eq!(
            reader
                .rows
                .iter()
                .map(|o| (o.area.as_str(), o.period.to_string()))
                .collect::<Vec<_>>(),
            [
                ("1982", "2022".to_string()),
                ("1982", "2023".to_string()),
                ("19", "2023".to_string()),
                ("19", "2022".to_string())
            ]
        );
    }

    #[test]
    fn an_unknown_municipality_names_its_data_object() {
        let page = PAGE.replace("0019", "0099");
        let err = read("k.json", page.as_bytes(), &Limits::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("page 1, values[4]: unknown municipality \"0099\""),
            "{err}"
        );
    }
}
