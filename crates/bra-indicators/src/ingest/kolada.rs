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
    let mut reader = Reader {
        name,
        rows: Vec::new(),
        keys: HashMap::new(),
        warnings: Vec::new(),
        skipped: 0,
        unknown: HashMap::new(),
    };
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
    unknown: HashMap<String, String>,
}

impl Reader<'_> {
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
            Some(Value::Number(n)) => n.to_string().parse::<Period>().ok(),
            Some(Value::String(s)) => s.parse::<Period>().ok(),
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

    /// Our area code for a Kolada municipality id; `None` for a group (skipped).
    fn area(&mut self, at: &str, id: &str) -> Result<Option<String>> {
        let code = match id {
            "0000" => Some("00".to_string()),
            _ if id.len() == 4
                && id.starts_with("00")
                && id.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(id[2..].to_string())
            }
            _ => None,
        };
        let reg = AreaRegistry::builtin();
        let found = match code.as_deref().map(|c| reg.get(c)) {
            Some(Some(a)) => Some(a.code.clone()),
            Some(None) => None,
            None if id.bytes().all(|b| b.is_ascii_digit()) && id.len() == 4 => match reg.lookup(id)
            {
                AreaMatch::Found(a) => Some(a.code.clone()),
                _ => None,
            },
            None => {
                if id.starts_with(['G', 'g']) {
                    self.skipped += 1;
                    self.warnings.push(Warning::new(
                        WarningKind::NotAnArea,
                        Some(Location::file(self.name)),
                        format!(
                            "{at}: \"{id}\" is a Kolada municipality group, not an area: skipped"
                        ),
                    ));
                    return Ok(None);
                }
                None
            }
        };
        found.map(Some).ok_or_else(|| {
            self.bad(
                at,
                format!(
                    "unknown municipality \"{id}\": expected a kommun code (0114), a region 0001-0025 or 0000 (riket)"
                ),
            )
        })
    }

    fn indicator(&mut self, kpi: &str) -> String {
        if let Some(id) = IndicatorRegistry::builtin().id_for_label(kpi) {
            return id.to_string();
        }
        if let Some(id) = self.unknown.get(kpi) {
            return id.clone();
        }
        let id = format!("kolada.{}", slug(kpi));
        self.warnings.push(Warning::new(
            WarningKind::UnknownIndicator,
            Some(Location::file(self.name)),
            format!("unknown KPI \"{kpi}\": given the id {id}"),
        ));
        self.unknown.insert(kpi.to_string(), id.clone());
        id
    }
}
