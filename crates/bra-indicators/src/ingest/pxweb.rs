//! SCB's PxWeb API **v1** answer in its plain `json` format (not JSON-stat):
//!
//! ```text
//! {"columns": [{"code": "Region", "text": "region", "type": "d"}, {"code": "Kon", "text": "kön", "type": "d"},
//!              {"code": "Tid", "text": "år", "type": "t"}, {"code": "BE0101N1", "text": "Folkmängd", "type": "c"}],
//!  "comments": [],
//!  "data": [{"key": ["1384", "1", "2024"], "values": ["42694"]}, ...],
//!  "metadata": [{"label": "Folkmängden efter region, kön och år", "source": "SCB"}]}
//! ```
//!
//! A `d` column is a variable (region, sex, age), `t` the time, each `c` column a content whose
//! values sit at its position in `values`. Values are strings (`".."` and the other PX symbols
//! are missing cells with their status); keys are codes (`1384`, `00`, `13`, or "code name"
//! texts). The cells become a cube (`cube.rs`) as PX and JSON-stat files do; a variable other
//! than region, time and content is reduced for a population by its total value (`tot`, `T`,
//! `1+2`, `totalt`, `samtliga`) or, without one, summed with a warning ([`population`]).

use super::codes::ShortCodes;
use super::csv::{Layout, ReadOptions};
use super::cube::{self, Cube, Dim, Elimination, Role, assign_roles};
use super::jsonstat::parse_json;
use super::text::{Cell, TextEncoding, missing_marker, parse_cell};
use crate::area::{AreaMatch, normalise};
use crate::error::{Error, Location, Result};
use crate::table::Population;
use crate::warning::{Warning, WarningKind};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What a PxWeb v1 answer is expected to be, for messages.
pub(crate) const EXPECTED: &str = "a PxWeb API v1 answer in its json format: an object with \
     \"columns\" (each with \"code\", \"text\" and \"type\" d, t or c) and \"data\" (each with \
     \"key\" and \"values\")";

/// Whether parsed-looking JSON bytes are a PxWeb v1 answer (for [`Format::detect`](super::Format::detect)):
/// `"columns"` and `"data"`, and not a JSON-stat `"dimension"`.
pub(crate) fn looks_like(body: &[u8]) -> bool {
    let has = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
    has(b"\"columns\"") && has(b"\"data\"") && !has(b"\"dimension\"")
}

/// The index of the value that is the total of a variable: a code or text such as `tot`, `T`,
/// `TOT`, `1+2`, `totalt`, `total`, `samtliga`, `alla`, `båda könen`; the first if several.
pub(crate) fn total_index(codes: &[String], labels: &[String]) -> Option<usize> {
    let is_total = |s: &str| {
        let n = normalise(s);
        matches!(
            n.as_str(),
            "tot" | "t" | "1+2" | "alla" | "all" | "båda könen" | "bada konen" | "both sexes"
        ) || n.starts_with("totalt")
            || n == "total"
            || n.starts_with("total ")
            || n.starts_with("samtliga")
    };
    (0..codes.len()).find(|&i| is_total(&codes[i]) || labels.get(i).is_some_and(|l| is_total(l)))
}

/// Population figures from a cube read from a PxWeb answer or an SCB CSV download: a variable
/// other than region, time and content without a total value is summed, with a warning that
/// names it and its values.
pub(crate) fn population(mut cube: Cube) -> Result<(Population, Vec<Warning>)> {
    for d in cube.dims.iter_mut() {
        if d.role == Role::Other && d.elimination == Elimination::Unknown && d.len() > 1 {
            d.elimination = Elimination::Sum;
            let values: Vec<String> = d
                .codes
                .iter()
                .zip(&d.labels)
                .map(|(c, l)| {
                    if c == l {
                        c.clone()
                    } else {
                        format!("{c} ({l})")
                    }
                })
                .collect();
            cube.warnings.push(Warning::new(
                WarningKind::Assumption,
                Some(d.at.clone()),
                format!(
                    "\"{}\"{} has no total value: the population is the sum over its {} values ({})",
                    d.name,
                    if d.code == d.name {
                        String::new()
                    } else {
                        format!(" ({})", d.code)
                    },
                    d.len(),
                    values.join(", ")
                ),
            ));
        }
    }
    cube::to_population(&cube)
}

/// Texts for SCB's codes of sex (`Kon`): `1` män, `2` kvinnor, `1+2` totalt.
fn sex_label(code: &str) -> Option<&'static str> {
    match code.trim() {
        "1" => Some("män"),
        "2" => Some("kvinnor"),
        "1+2" => Some("totalt"),
        _ => None,
    }
}

/// One column of the answer.
struct Column {
    code: String,
    text: String,
    kind: char,
    unit: Option<String>,
}

/// Reads a PxWeb API v1 answer into a cube.
pub(crate) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Cube> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Error::input(
            Location::file(name),
            format!(
                "no known layout; tried PxWeb JSON: expected {EXPECTED}; the file does not start \
                 with '{{' (it is not JSON)"
            ),
        ));
    }
    let root = parse_json(name, bytes, &options.limits).map_err(|e| match e {
        Error::Input { location, message } => {
            Error::input(location, format!("{message}: expected {EXPECTED}"))
        }
        other => other,
    })?;
    let bad = |field: String, what: String| Error::input(Location::file(name).field(field), what);
    let no_layout = || {
        Error::input(
            Location::file(name),
            format!("no known layout; tried PxWeb JSON: expected {EXPECTED}"),
        )
    };
    let obj = root.as_object().ok_or_else(no_layout)?;
    let (Some(Value::Array(columns)), Some(Value::Array(data))) =
        (obj.get("columns"), obj.get("data"))
    else {
        return Err(no_layout());
    };
    fn text<'a>(m: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
        m.get(k).and_then(Value::as_str).map(str::trim)
    }
    options
        .limits
        .check_columns(Location::file(name).field("columns"), columns.len())?;
    let mut cols = Vec::with_capacity(columns.len());
    for (i, c) in columns.iter().enumerate() {
        let field = format!("columns[{i}]");
        let m = c.as_object().ok_or_else(|| {
            bad(
                field.clone(),
                "expected an object with \"code\", \"text\" and \"type\"".to_string(),
            )
        })?;
        let code = text(m, "code")
            .filter(|s| !s.is_empty())
            .ok_or_else(|| bad(field.clone(), "expected a \"code\" (text)".to_string()))?;
        let kind = match text(m, "type").unwrap_or("d").to_lowercase().as_str() {
            "d" | "m" | "g" => 'd',
            "t" => 't',
            "c" => 'c',
            other => {
                return Err(bad(
                    format!("{field}.type"),
                    format!(
                        "expected d (a variable), t (time) or c (a content), found \"{other}\""
                    ),
                ));
            }
        };
        cols.push(Column {
            code: code.to_string(),
            text: text(m, "text").unwrap_or(code).to_string(),
            kind,
            unit: text(m, "unit").map(str::to_string),
        });
    }
    let keys: Vec<&Column> = cols.iter().filter(|c| c.kind != 'c').collect();
    let contents: Vec<&Column> = cols.iter().filter(|c| c.kind == 'c').collect();
    if keys.is_empty() {
        return Err(bad(
            "columns".to_string(),
            "no variable (type d or t): expected at least the time (type t)".to_string(),
        ));
    }
    if data.len() > options.limits.max_cells {
        return Err(Error::limit(
            Location::file(name).field("data"),
            format!(
                "{} rows, more than the limit of {} cells: refused",
                data.len(),
                options.limits.max_cells
            ),
            "max_cells",
        ));
    }
    let n_values = contents.len().max(1);

    // The distinct codes of every key column, in order of appearance.
    let mut codes: Vec<Vec<String>> = vec![Vec::new(); keys.len()];
    let mut index: Vec<HashMap<String, u32>> = vec![HashMap::new(); keys.len()];
    let mut first_row: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    type Row<'a> = (Vec<u32>, &'a [Value]);
    let mut rows: Vec<Row> = Vec::with_capacity(data.len());
    for (r, row) in data.iter().enumerate() {
        let field = format!("data[{r}]");
        let m = row.as_object().ok_or_else(|| {
            bad(
                field.clone(),
                "expected an object with \"key\" and \"values\"".to_string(),
            )
        })?;
        let key = m.get("key").and_then(Value::as_array).ok_or_else(|| {
            bad(
                format!("{field}.key"),
                "expected an array of codes".to_string(),
            )
        })?;
        if key.len() != keys.len() {
            return Err(bad(
                format!("{field}.key"),
                format!(
                    "{} codes: expected one per variable column ({}: {})",
                    key.len(),
                    keys.len(),
                    keys.iter()
                        .map(|c| c.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let values = m.get("values").and_then(Value::as_array).ok_or_else(|| {
            bad(
                format!("{field}.values"),
                "expected an array of values".to_string(),
            )
        })?;
        if values.len() != n_values {
            return Err(bad(
                format!("{field}.values"),
                format!(
                    "{} values: expected one per content column ({n_values})",
                    values.len()
                ),
            ));
        }
        let mut at = Vec::with_capacity(keys.len());
        for (k, v) in key.iter().enumerate() {
            let s = match v {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                other => {
                    return Err(bad(
                        format!("{field}.key[{k}]"),
                        format!("expected a code (text), found {other}"),
                    ));
                }
            };
            let next = codes[k].len() as u32;
            let i = *index[k].entry(s.clone()).or_insert_with(|| {
                codes[k].push(s);
                first_row[k].push(r);
                next
            });
            at.push(i);
        }
        rows.push((at, values.as_slice()));
    }

    let mut dims: Vec<Dim> = keys
        .iter()
        .zip(codes)
        .enumerate()
        .map(|(k, (c, codes))| {
            let sex = matches!(normalise(&c.code).as_str(), "kon" | "kön" | "sex")
                || matches!(normalise(&c.text).as_str(), "kön" | "kon" | "sex");
            let labels: Vec<String> = codes
                .iter()
                .map(|v| match sex.then(|| sex_label(v)).flatten() {
                    Some(l) => l.to_string(),
                    None => v.clone(),
                })
                .collect();
            let elimination = if c.kind == 'd' {
                total_index(&codes, &labels)
                    .map(Elimination::Value)
                    .unwrap_or(Elimination::Unknown)
            } else {
                Elimination::Unknown
            };
            let col = cols.iter().position(|x| std::ptr::eq(x, *c)).unwrap_or(k);
            Dim {
                name: c.text.clone(),
                code: c.code.clone(),
                codes,
                labels,
                role: if c.kind == 't' {
                    Role::Time
                } else {
                    Role::Other
                },
                elimination,
                time_format: None,
                units: Vec::new(),
                at: Location::file(name).field(format!("columns[{col}]")),
                what: format!("the variable \"{}\"", c.code),
            }
        })
        .collect();
    if !contents.is_empty() {
        dims.push(Dim {
            name: "tabellinnehåll".to_string(),
            code: "ContentsCode".to_string(),
            codes: contents.iter().map(|c| c.code.clone()).collect(),
            labels: contents.iter().map(|c| c.text.clone()).collect(),
            role: Role::Content,
            elimination: Elimination::No,
            time_format: None,
            units: contents.iter().map(|c| c.unit.clone()).collect(),
            at: Location::file(name).field("columns"),
            what: "the contents (type c)".to_string(),
        });
    }
    assign_roles(&mut dims);

    // Region codes without their leading zero: padded only when unambiguous, one warning.
    let mut warnings = Vec::new();
    if let Some(r) = dims.iter().position(|d| d.role == Role::Region) {
        let k = r; // the region is a key column, so its position among the keys
        let reg = options.area_registry();
        let mut short = ShortCodes::default();
        for (i, code) in dims[r].codes.iter().enumerate() {
            if let AreaMatch::Found(a) = reg.lookup(code) {
                let row = first_row
                    .get(k)
                    .and_then(|f| f.get(i))
                    .copied()
                    .unwrap_or(0);
                short.note(code, &a.code, || {
                    Location::file(name).field(format!("data[{row}].key[{k}]"))
                })?;
            }
        }
        warnings.extend(short.warning(name));
    }

    let sizes: Vec<usize> = dims.iter().map(Dim::len).collect();
    let total = sizes
        .iter()
        .try_fold(1usize, |acc, &s| acc.checked_mul(s))
        .unwrap_or(usize::MAX);
    if total > options.limits.max_cells {
        return Err(Error::limit(
            Location::file(name).field("data"),
            format!(
                "the keys span {} cells ({}), more than the limit of {}: refused before reading",
                if total == usize::MAX {
                    "more than 2^64".to_string()
                } else {
                    total.to_string()
                },
                dims.iter()
                    .map(|d| format!("{} {}", d.code, d.len()))
                    .collect::<Vec<_>>()
                    .join(" × "),
                options.limits.max_cells
            ),
            "max_cells",
        ));
    }
    let mut strides = vec![1usize; sizes.len()];
    for i in (0..sizes.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * sizes[i + 1];
    }
    let mut values: Vec<Option<f64>> = vec![None; total];
    let mut present = vec![false; total];
    let mut first_at: HashMap<usize, usize> = HashMap::new();
    let mut statuses: Vec<String> = Vec::new();
    let mut status: HashMap<usize, u32> = HashMap::new();
    for (r, (at, vals)) in rows.iter().enumerate() {
        let base: usize = at.iter().zip(&strides).map(|(&i, &s)| i as usize * s).sum();
        for (c, v) in vals.iter().enumerate() {
            let flat = base + if contents.is_empty() { 0 } else { c };
            if let Some(first) = first_at.insert(flat, r) {
                return Err(bad(
                    format!("data[{r}].key"),
                    format!("the same key as data[{first}]: expected each combination once"),
                ));
            }
            present[flat] = true;
            let field = || format!("data[{r}].values[{c}]");
            let marker = match v {
                Value::Null => Some("missing"),
                Value::Number(n) => match n.as_f64().filter(|f| f.is_finite()) {
                    Some(f) => {
                        values[flat] = Some(f);
                        None
                    }
                    None => {
                        return Err(bad(field(), format!("expected a finite number, found {n}")));
                    }
                },
                Value::String(s) => match parse_cell(s) {
                    Ok(Cell::Number(f)) => {
                        values[flat] = Some(f);
                        None
                    }
                    Ok(Cell::Missing(m)) => Some(m),
                    Err(m) => return Err(bad(field(), m)),
                },
                other => {
                    return Err(bad(
                        field(),
                        format!(
                            "expected a number as text (\"42694\") or a symbol (\"..\"), found {other}"
                        ),
                    ));
                }
            };
            if let Some(m) = marker {
                let m = missing_marker(m).unwrap_or(m).to_string();
                let i = match statuses.iter().position(|x| *x == m) {
                    Some(i) => i,
                    None => {
                        statuses.push(m);
                        statuses.len() - 1
                    }
                };
                status.insert(flat, i as u32);
            }
        }
    }

    let meta = obj
        .get("metadata")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_object);
    let label = meta.and_then(|m| text(m, "label")).unwrap_or("");
    let source_text = meta
        .and_then(|m| text(m, "source"))
        .unwrap_or("")
        .to_lowercase();
    let namespace = if ["scb", "statistics sweden", "statistiska centralbyrån"]
        .iter()
        .any(|s| source_text.contains(s))
    {
        "scb"
    } else {
        "pxweb"
    };
    // Without a content column the table's own label (its part before "efter"/"by") names it.
    let contents_label = label
        .split(" efter ")
        .next()
        .and_then(|s| s.split(" by ").next())
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(Cube {
        name: name.to_string(),
        layout: Layout::PxWebJson,
        encoding: TextEncoding::of_utf8(bytes),
        source: name.to_string(),
        namespace,
        contents: if contents_label.is_empty() {
            "värde".to_string()
        } else {
            contents_label
        },
        contents_code: None,
        unit: None,
        dims,
        values,
        present: Some(present),
        status,
        statuses,
        lines: HashMap::new(),
        data_at: Location::file(name).field("data"),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"{"columns":[{"code":"Region","text":"region","type":"d"},
        {"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},
        {"code":"BE0101N1","text":"Folkmängd","type":"c"},{"code":"BE0101N2","text":"Folkökning","type":"c"}],
        "comments":[],
        "data":[{"key":["1982","1","2020"],"values":["6800","-20"]},
                {"key":["1982","2","2020"],"values":["6591",".."]}],
        "metadata":[{"label":"Folkmängden efter region, kön och år","source":"SCB"}]}"#;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    #[test]
    fn totals_by_code_or_text() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            total_index(&s(&["1", "2", "1+2"]), &s(&["män", "kvinnor", "totalt"])),
            Some(2)
        );
        assert_eq!(total_index(&s(&["tot"]), &s(&["tot"])), Some(0));
        assert_eq!(
            total_index(&s(&["M", "K", "T"]), &s(&["M", "K", "T"])),
            Some(2)
        );
        assert_eq!(
            total_index(&s(&["a", "b"]), &s(&["Samtliga civilstånd", "ogift"])),
            Some(0)
        );
        assert_eq!(total_index(&s(&["1", "2"]), &s(&["män", "kvinnor"])), None);
    }

    #[test]
    fn two_contents_and_sex_become_a_cube() {
        let cube = read("p.json", TWO.as_bytes(), &opts()).unwrap();
        assert_eq!(cube.layout, Layout::PxWebJson);
        assert_eq!(cube.namespace, "scb");
        let roles: Vec<Role> = cube.dims.iter().map(|d| d.role).collect();
        assert_eq!(
            roles,
            [Role::Region, Role::Other, Role::Time, Role::Content]
        );
        assert_eq!(cube.dims[1].labels, ["män", "kvinnor"]);
        // region 1 × kön 2 × år 1 × content 2
        assert_eq!(cube.values, [Some(6800.0), Some(-20.0), Some(6591.0), None]);
        assert_eq!(cube.statuses, ["suppressed"]);

        let (pop, w) = population(cube).unwrap();
        assert_eq!(pop.get("1982", 2020), Some(13391.0));
        assert!(
            w.iter()
                .any(|w| w.message.contains("\"kön\" (Kon) has no total value")
                    && w.message.contains("1 (män), 2 (kvinnor)")),
            "{w:?}"
        );
    }

    #[test]
    fn a_total_is_taken_not_summed() {
        let json = r#"{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Kon","text":"kön","type":"d"},
            {"code":"Tid","text":"år","type":"t"},{"code":"BE0101N1","text":"Folkmängd","type":"c"}],
            "data":[{"key":["1982","1","2020"],"values":["6800"]},{"key":["1982","1+2","2020"],"values":["13391"]},
                    {"key":["1982","2","2020"],"values":["6591"]}]}"#;
        let (pop, w) = population(read("p.json", json.as_bytes(), &opts()).unwrap()).unwrap();
        assert_eq!(pop.get("1982", 2020), Some(13391.0));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn bad_answers_name_the_field() {
        let e = |j: &str| {
            read("p.json", j.as_bytes(), &opts())
                .unwrap_err()
                .to_string()
        };
        let m = e(
            r#"{"columns":[{"code":"Tid","type":"t"}],"data":[{"key":["2020","x"],"values":["1"]}]}"#,
        );
        assert!(
            m.starts_with("p.json: column \"data[0].key\": 2 codes"),
            "{m}"
        );
        let m = e(
            r#"{"columns":[{"code":"Tid","type":"t"}],"data":[{"key":["2020"],"values":["abc"]}]}"#,
        );
        assert!(
            m.contains("data[0].values[0]") && m.contains("expected a number"),
            "{m}"
        );
        let m = e(r#"{"columns":[{"code":"Tid","type":"x"}],"data":[]}"#);
        assert!(
            m.contains("columns[0].type") && m.contains("expected d"),
            "{m}"
        );
        let m = e("region,2017\n0114,1\n");
        assert!(
            m.contains("tried PxWeb JSON") && m.contains("not JSON"),
            "{m}"
        );
        let m = e(r#"{"rows":[]}"#);
        assert!(m.contains("no known layout; tried PxWeb JSON"), "{m}");
        let m = e(
            r#"{"columns":[{"code":"Tid","type":"t"}],"data":[{"key":["2020"],"values":["1"]},{"key":["2020"],"values":["2"]}]}"#,
        );
        assert!(
            m.contains("data[1].key") && m.contains("the same key as data[0]"),
            "{m}"
        );
        let m = e(
            r#"{"columns":[{"code":"Region","type":"d"},{"code":"Tid","type":"t"}],
            "data":[{"key":["114","2020"],"values":["1"]},{"key":["0114","2020"],"values":["2"]}]}"#,
        );
        assert!(
            m.contains("data[0].key[0]") && m.contains("unknown area \"114\""),
            "{m}"
        );
    }

    #[test]
    fn the_cell_limit_holds_before_allocating() {
        let json = r#"{"columns":[{"code":"A","type":"d"},{"code":"B","type":"d"},{"code":"Tid","type":"t"}],
            "data":[{"key":["1","1","2020"],"values":["1"]},{"key":["2","2","2021"],"values":["1"]},
                    {"key":["3","3","2022"],"values":["1"]}]}"#;
        let tight = ReadOptions {
            limits: crate::limits::Limits {
                max_cells: 20,
                ..Default::default()
            },
            ..ReadOptions::default()
        };
        let m = read("p.json", json.as_bytes(), &tight)
            .unwrap_err()
            .to_string();
        assert!(m.contains("27") && m.contains("limit of 20"), "{m}");
    }
}
