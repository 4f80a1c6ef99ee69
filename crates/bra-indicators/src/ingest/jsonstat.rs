//! JSON-stat datasets, as SCB's PxWeb API answers (`"format":"json-stat2"`).
//!
//! JSON-stat 2.0: `id`, `size`, `dimension` (each with `category.index` as an array or an
//! object, `category.label`, `category.unit` for the metric), `value` as an array (row-major,
//! the last id varying fastest) or an object of sparse cells, `null` for missing, `status` as a
//! string, an array or an object, and `role` (`time`, `geo`, `metric`). The older 1.x layout
//! (`dimension.id`, `dimension.size`, a dataset inside a bundle) is read too. Sizes are checked
//! against the categories and the values, and the cell limit before anything is allocated.

use super::csv::{Layout, ReadOptions};
use super::cube::{Cube, Dim, Elimination, Role, assign_roles};
use super::text::{Cell, TextEncoding, missing_marker, parse_cell};
use crate::error::{Error, Location, Result};
use crate::limits::Limits;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Parses JSON bytes (UTF-8, a BOM allowed), with the line of a syntax error; nesting is
/// capped at [`Limits::max_json_depth`] before parsing, and every string and key at
/// [`Limits::max_field_bytes`] ([`check_json_strings`]).
pub(crate) fn parse_json(name: &str, bytes: &[u8], limits: &Limits) -> Result<Value> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    limits.check_json_depth(name, body)?;
    let root = serde_json::from_slice(body).map_err(|e| json_error(name, &e))?;
    check_json_strings(name, &root, limits)?;
    Ok(root)
}

/// Checks every string and object key of a parsed JSON document against
/// [`Limits::max_field_bytes`]; the error names the path to the string
/// (`dimension.Region.category.label.1982`, `values[0].kpi`).
pub(crate) fn check_json_strings(name: &str, root: &Value, limits: &Limits) -> Result<()> {
    let max = limits.max_field_bytes;
    // Depth is at most Limits::max_json_depth (128 at most), so a stack of paths stays small.
    let mut todo: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((v, path)) = todo.pop() {
        let join = |key: &str| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match v {
            Value::String(s) if s.len() > max => {
                let field = if path.is_empty() {
                    "(the document)"
                } else {
                    &path
                };
                return limits.check_field(Location::file(name), field, s.len());
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                        todo.push((item, format!("{path}[{i}]")));
                    }
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    if key.len() > max {
                        return limits.check_field(
                            Location::file(name),
                            &format!(
                                "a key in {}",
                                if path.is_empty() {
                                    "the top object"
                                } else {
                                    &path
                                }
                            ),
                            key.len(),
                        );
                    }
                    if matches!(item, Value::String(_) | Value::Array(_) | Value::Object(_)) {
                        todo.push((item, join(key)));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

pub(crate) fn json_error(name: &str, e: &serde_json::Error) -> Error {
    let what = if e.is_eof() {
        "the JSON ends too early (the file is truncated?)".to_string()
    } else {
        format!("not valid JSON: {e}")
    };
    let at = if e.line() > 0 {
        Location::file(name).line(e.line() as u64)
    } else {
        Location::file(name)
    };
    Error::input(at, what)
}

/// Reads a JSON-stat dataset into a cube.
pub(crate) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Cube> {
    let root = parse_json(name, bytes, &options.limits)?;
    let ds = dataset(&root).ok_or_else(|| {
        bad(
            name,
            "expected a JSON-stat dataset: an object with \"id\", \"size\", \"dimension\" and \"value\" \
             (the PxWeb API's json-stat2 answer)"
                .to_string(),
        )
    })?;
    let dimension = ds
        .get("dimension")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            bad(
                name,
                "\"dimension\": expected an object of dimensions".to_string(),
            )
        })?;
    // 2.0 keeps id/size/role at the top, 1.x inside "dimension".
    let outer = if ds.contains_key("id") { ds } else { dimension };
    let (ids, sizes, total) = declared_shape(name, outer, options.limits.max_cells)?;
    let mut dims = dimensions(name, outer, dimension, &ids, &sizes)?;
    assign_roles(&mut dims);
    let mut statuses = Statuses::default();
    let (values, mut status) = values(name, ds, total, &dims, &mut statuses)?;
    cell_statuses(name, ds, total, &mut statuses, &mut status)?;
    let meta = Meta::of(ds);
    Ok(Cube {
        name: name.to_string(),
        layout: Layout::JsonStat,
        encoding: TextEncoding::of_utf8(bytes),
        source: match &meta.table_id {
            Some(id) => format!("{name} ({id})"),
            None => name.to_string(),
        },
        namespace: meta.namespace,
        contents: meta.contents,
        contents_code: meta.table_id,
        unit: None,
        dims,
        values,
        present: None,
        status,
        statuses: statuses.0,
        lines: HashMap::new(),
        data_at: Location::file(name),
        warnings: Vec::new(),
    })
}

/// An error about the file as a whole (the JSON path is in the message).
fn bad(name: &str, what: String) -> Error {
    Error::input(Location::file(name), what)
}

/// The dimension ids and sizes the dataset declares, and the number of cells they make
/// (refused above `max_cells` before anything is read).
fn declared_shape(
    name: &str,
    outer: &Map<String, Value>,
    max_cells: usize,
) -> Result<(Vec<String>, Vec<usize>, usize)> {
    let ids: Vec<String> = strings(outer.get("id")).ok_or_else(|| {
        bad(
            name,
            "\"id\": expected an array of dimension ids".to_string(),
        )
    })?;
    let sizes: Vec<usize> = outer
        .get("size")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().map(|v| v.as_u64().map(|n| n as usize)).collect())
        .ok_or_else(|| {
            bad(
                name,
                "\"size\": expected an array of non-negative integers".to_string(),
            )
        })?;
    if ids.len() != sizes.len() {
        return Err(bad(
            name,
            format!(
                "\"id\" has {} dimensions but \"size\" has {}: expected as many",
                ids.len(),
                sizes.len()
            ),
        ));
    }
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(s))
        .unwrap_or(usize::MAX);
    if total > max_cells {
        return Err(Error::limit(
            Location::file(name),
            format!(
                "\"size\" declares {} cells, more than the limit of {max_cells}: refused before \
                 reading",
                if total == usize::MAX {
                    "more than 2^64".to_string()
                } else {
                    total.to_string()
                }
            ),
            "max_cells",
        ));
    }
    Ok((ids, sizes, total))
}

/// Each declared dimension: its categories (codes, labels, units), role and elimination.
fn dimensions(
    name: &str,
    outer: &Map<String, Value>,
    dimension: &Map<String, Value>,
    ids: &[String],
    sizes: &[usize],
) -> Result<Vec<Dim>> {
    let bad = |what: String| bad(name, what);
    let role = outer.get("role").and_then(Value::as_object);
    let in_role = |r: &str, id: &str| {
        role.and_then(|m| strings(m.get(r)))
            .is_some_and(|ids| ids.iter().any(|x| x == id))
    };

    let mut dims = Vec::with_capacity(ids.len());
    for (id, &size) in ids.iter().zip(sizes) {
        let what = format!("dimension.{id}");
        let d = dimension
            .get(id)
            .and_then(Value::as_object)
            .ok_or_else(|| bad(format!("{what}: missing, but \"id\" names it")))?;
        let category = d
            .get("category")
            .and_then(Value::as_object)
            .ok_or_else(|| bad(format!("{what}.category: expected an object")))?;
        let codes = category_codes(category).map_err(|m| bad(format!("{what}.category.{m}")))?;
        if codes.len() != size {
            return Err(bad(format!(
                "{what}: \"size\" says {size} categories but category.index has {}: expected as many",
                codes.len()
            )));
        }
        let label_of = |code: &str| {
            category
                .get("label")
                .and_then(|l| l.get(code))
                .and_then(Value::as_str)
                .unwrap_or(code)
                .to_string()
        };
        let labels: Vec<String> = codes.iter().map(|c| label_of(c)).collect();
        let role = if in_role("time", id) {
            Role::Time
        } else if in_role("geo", id) {
            Role::Region
        } else if in_role("metric", id) {
            Role::Content
        } else {
            Role::Other
        };
        let units = codes
            .iter()
            .map(|c| {
                category
                    .get("unit")
                    .and_then(|u| u.get(c))
                    .and_then(|u| u.get("base").or_else(|| u.get("label")))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect();
        let ext = d.get("extension").and_then(Value::as_object);
        let elimination = match ext.and_then(|e| e.get("elimination")) {
            Some(Value::Bool(true)) => {
                match ext
                    .and_then(|e| e.get("eliminationValueCode"))
                    .and_then(Value::as_str)
                    .and_then(|v| codes.iter().position(|c| c == v))
                {
                    Some(i) => Elimination::Value(i),
                    None => Elimination::Sum,
                }
            }
            Some(Value::Bool(false)) => Elimination::No,
            _ => Elimination::Unknown,
        };
        dims.push(Dim {
            name: d
                .get("label")
                .and_then(Value::as_str)
                .unwrap_or(id)
                .to_string(),
            code: id.clone(),
            codes,
            labels,
            role,
            elimination,
            time_format: None,
            units,
            at: Location::file(name),
            what,
        });
    }
    Ok(dims)
}

/// The status of each cell that has one, by its flat index into [`Statuses`].
type CellStatuses = HashMap<usize, u32>;

/// The distinct cell statuses (markers as their status names), each once.
#[derive(Debug, Default)]
struct Statuses(Vec<String>);

impl Statuses {
    /// The index of status `s`.
    fn intern(&mut self, s: &str) -> u32 {
        let s = missing_marker(s.trim())
            .map(str::to_string)
            .unwrap_or_else(|| s.trim().replace(';', ","));
        match self.0.iter().position(|x| *x == s) {
            Some(i) => i as u32,
            None => {
                self.0.push(s);
                (self.0.len() - 1) as u32
            }
        }
    }
}

/// The cells of `"value"` (an array, or an object of sparse cells), and the status of each
/// cell that holds a missing-value marker.
fn values(
    name: &str,
    ds: &Map<String, Value>,
    total: usize,
    dims: &[Dim],
    statuses: &mut Statuses,
) -> Result<(Vec<Option<f64>>, CellStatuses)> {
    let bad = |what: String| bad(name, what);
    let mut intern = |s: &str| statuses.intern(s);
    let mut status: HashMap<usize, u32> = HashMap::new();
    let mut values: Vec<Option<f64>> = Vec::new();
    let cell = |v: &Value, at: &str| -> Result<(Option<f64>, Option<&'static str>)> {
        match v {
            Value::Null => Ok((None, None)),
            Value::Number(n) => n
                .as_f64()
                .filter(|f| f.is_finite())
                .map(|f| (Some(f), None))
                .ok_or_else(|| bad(format!("{at}: expected a finite number, found {n}"))),
            // PxWeb's plain json gives numbers as strings and missing ones as "..".
            Value::String(s) => match parse_cell(s) {
                Ok(Cell::Number(f)) => Ok((Some(f), None)),
                Ok(Cell::Missing(m)) => Ok((None, Some(m))),
                Err(m) => Err(bad(format!("{at}: {m}"))),
            },
            other => Err(bad(format!(
                "{at}: expected a number or null, found {other}"
            ))),
        }
    };
    match ds.get("value") {
        Some(Value::Array(a)) => {
            if a.len() != total {
                return Err(bad(format!(
                    "\"value\" has {} cells but \"size\" declares {total} ({}): the sizes do not match the values",
                    a.len(),
                    dims.iter()
                        .map(|d| format!("{} {}", d.code, d.len()))
                        .collect::<Vec<_>>()
                        .join(" × ")
                )));
            }
            values.reserve_exact(total);
            for (i, v) in a.iter().enumerate() {
                let (x, marker) = cell(v, &format!("value[{i}]"))?;
                if let Some(m) = marker {
                    status.insert(i, intern(m));
                }
                values.push(x);
            }
        }
        Some(Value::Object(o)) => {
            values = vec![None; total];
            for (k, v) in o {
                let i = flat_index(k, total).ok_or_else(|| {
                    bad(format!(
                        "\"value\": the key \"{k}\" is not a cell index below {total}"
                    ))
                })?;
                let (x, marker) = cell(v, &format!("value[\"{k}\"]"))?;
                if let Some(m) = marker {
                    status.insert(i, intern(m));
                }
                values[i] = x;
            }
        }
        _ => {
            return Err(bad(
                "\"value\": expected an array of cells or an object of sparse cells".to_string(),
            ));
        }
    }
    Ok((values, status))
}

/// The statuses of `"status"` (one for all, one per cell, or sparse), added to `status`.
fn cell_statuses(
    name: &str,
    ds: &Map<String, Value>,
    total: usize,
    statuses: &mut Statuses,
    status: &mut HashMap<usize, u32>,
) -> Result<()> {
    let bad = |what: String| bad(name, what);
    let mut intern = |s: &str| statuses.intern(s);
    match ds.get("status") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            let i = intern(s);
            for c in 0..total {
                status.insert(c, i);
            }
        }
        Some(Value::Array(a)) => {
            if a.len() != total && a.len() != 1 {
                return Err(bad(format!(
                    "\"status\" has {} entries: expected one per cell ({total}) or one for all",
                    a.len()
                )));
            }
            for (i, s) in a.iter().enumerate() {
                if let Some(s) = s.as_str().filter(|s| !s.trim().is_empty()) {
                    let idx = intern(s);
                    if a.len() == 1 {
                        for c in 0..total {
                            status.insert(c, idx);
                        }
                    } else {
                        status.insert(i, idx);
                    }
                }
            }
        }
        Some(Value::Object(o)) => {
            for (k, s) in o {
                let i = flat_index(k, total).ok_or_else(|| {
                    bad(format!(
                        "\"status\": the key \"{k}\" is not a cell index below {total}"
                    ))
                })?;
                if let Some(s) = s.as_str().filter(|s| !s.trim().is_empty()) {
                    status.insert(i, intern(s));
                }
            }
        }
        Some(other) => {
            return Err(bad(format!(
                "\"status\": expected a string, an array or an object, found {other}"
            )));
        }
    }

    Ok(())
}

/// What the dataset says about itself: its table id, contents and whether SCB published it.
struct Meta {
    table_id: Option<String>,
    contents: String,
    namespace: &'static str,
}

impl Meta {
    fn of(ds: &Map<String, Value>) -> Meta {
        let px = ds
            .get("extension")
            .and_then(|e| e.get("px"))
            .and_then(Value::as_object);
        let text_of = |m: Option<&Map<String, Value>>, k: &str| {
            m.and_then(|m| m.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let table_id = text_of(px, "tableid").or_else(|| text_of(px, "matrix"));
        let label = text_of(Some(ds), "label").unwrap_or_default();
        let source_text = text_of(Some(ds), "source")
            .unwrap_or_default()
            .to_lowercase();
        let namespace = if ["scb", "statistics sweden", "statistiska centralbyrån"]
            .iter()
            .any(|s| source_text.contains(s))
            || table_id.is_some()
        {
            "scb"
        } else {
            "jsonstat"
        };
        Meta {
            contents: text_of(px, "contents").unwrap_or(label),
            table_id,
            namespace,
        }
    }
}

/// The dataset: the root itself, or the only dataset of a 1.x bundle.
fn dataset(root: &Value) -> Option<&Map<String, Value>> {
    let o = root.as_object()?;
    if o.contains_key("dimension") {
        return Some(o);
    }
    let mut inner = o
        .values()
        .filter_map(Value::as_object)
        .filter(|m| m.contains_key("dimension"));
    let first = inner.next()?;
    inner.next().is_none().then_some(first)
}

fn strings(v: Option<&Value>) -> Option<Vec<String>> {
    v?.as_array()?
        .iter()
        .map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn flat_index(key: &str, total: usize) -> Option<usize> {
    key.trim().parse::<usize>().ok().filter(|&i| i < total)
}

/// The category codes in index order: `index` as an array, or as an object of positions
/// (which must be 0..n, each once); without `index`, the keys of `label`.
fn category_codes(category: &Map<String, Value>) -> std::result::Result<Vec<String>, String> {
    match category.get("index") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| "index: expected an array of strings".to_string()),
        Some(Value::Object(o)) => {
            let n = o.len();
            let mut codes: Vec<Option<String>> = vec![None; n];
            for (code, pos) in o {
                let p = pos
                    .as_u64()
                    .map(|p| p as usize)
                    .filter(|&p| p < n)
                    .ok_or_else(|| {
                        format!("index: the position of \"{code}\" is not an integer below {n}")
                    })?;
                if codes[p].replace(code.clone()).is_some() {
                    return Err(format!("index: the position {p} is given twice"));
                }
            }
            codes
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| "index: positions missing".to_string())
        }
        None => match category.get("label") {
            Some(Value::Object(l)) => Ok(l.keys().cloned().collect()),
            _ => Err("index: missing, and no label to take the categories from".to_string()),
        },
        Some(_) => Err("index: expected an array or an object".to_string()),
    }
}
