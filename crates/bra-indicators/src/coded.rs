//! The dictionary-encoded counts table: each distinct area, period, indicator, group, count,
//! status and source is held once, and each row is a few codes into those lists
//! (one, two or four bytes each: [`Codes`]).
//!
//! Every reader's result reaches the rates through it: the fast CSV reader builds it straight
//! from polars' categorical columns ([`crate::ingest::fast`]), every other reader's [`Table`]
//! is encoded by [`CodedCounts::from_table`] (one hash look-up per row and column, each value
//! resolved once), and [`crate::rates`] computes on it once per distinct value.

use crate::error::Location;
use crate::period::Period;
use crate::table::{Table, add_status};
use crate::tally::WarningTally;
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;
use std::hash::Hash;

/// One column, dictionary-encoded: a code per row, and for each code the index of its
/// resolved value (codes that map to the same value, such as `Fagersta` and `1982`, share it).
#[derive(Debug, Clone, Default)]
pub(crate) struct Coded {
    /// The code of each row.
    pub(crate) codes: Codes,
    /// The index of each code's resolved value.
    pub(crate) map: Vec<u32>,
}

impl Coded {
    /// The index of row `i`'s resolved value.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> usize {
        self.map[self.codes.get(i) as usize] as usize
    }
}

/// The code of each row, in as few bytes as the codes need: one byte a row while there are
/// fewer than 256 of them (periods, indicators of one file), two while fewer than 65,536
/// (areas, distinct counts), else four. The national monthly table's 115 M rows take 8 bytes
/// a row this way instead of 16.
#[derive(Debug, Clone)]
pub(crate) enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

impl Codes {
    /// The code of row `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> u32 {
        match self {
            Codes::U8(c) => u32::from(c[i]),
            Codes::U16(c) => u32::from(c[i]),
            Codes::U32(c) => c[i],
        }
    }

    /// The codes in order.
    pub(crate) fn iter(&self) -> CodesIter<'_> {
        match self {
            Codes::U8(c) => CodesIter::U8(c.iter()),
            Codes::U16(c) => CodesIter::U16(c.iter()),
            Codes::U32(c) => CodesIter::U32(c.iter()),
        }
    }

    /// Codes of `values` distinct values, in the narrowest width that holds them.
    pub(crate) fn with_width(values: usize) -> Codes {
        if values <= 1 << 8 {
            Codes::U8(Vec::new())
        } else if values <= 1 << 16 {
            Codes::U16(Vec::new())
        } else {
            Codes::U32(Vec::new())
        }
    }

    /// Makes room for codes below `values` (widening what is there when needed).
    pub(crate) fn widen_for(&mut self, values: usize) {
        match self {
            Codes::U8(_) if values > 1 << 8 => {}
            Codes::U16(_) if values > 1 << 16 => {}
            _ => return,
        };
        let old = std::mem::replace(self, Codes::with_width(values));
        self.extend(old.iter());
    }

    /// Appends codes, each below the width's bound (see [`Codes::widen_for`]).
    pub(crate) fn extend(&mut self, codes: impl ExactSizeIterator<Item = u32>) {
        // The casts keep the value: `widen_for` made room for every code.
        let n = codes.len();
        match self {
            Codes::U8(c) => c.reserve_exact(n),
            Codes::U16(c) => c.reserve_exact(n),
            Codes::U32(c) => c.reserve_exact(n),
        }
        match self {
            Codes::U8(c) => c.extend(codes.map(|x| x as u8)),
            Codes::U16(c) => c.extend(codes.map(|x| x as u16)),
            Codes::U32(c) => c.extend(codes),
        }
    }

    /// Codes given as `u32`, in the narrowest width that holds codes below `values`.
    pub(crate) fn narrow(codes: Vec<u32>, values: usize) -> Codes {
        match Codes::with_width(values) {
            Codes::U32(_) => Codes::U32(codes),
            mut narrow => {
                narrow.extend(codes.into_iter());
                narrow
            }
        }
    }
}

/// The index of row `i`'s value in an optional column (0, the default, without the column).
#[inline]
pub(crate) fn get_or_first(c: &Option<Coded>, i: usize) -> usize {
    c.as_ref().map_or(0, |c| c.get(i))
}

/// The codes of a [`Codes`], in order.
pub(crate) enum CodesIter<'a> {
    U8(std::slice::Iter<'a, u8>),
    U16(std::slice::Iter<'a, u16>),
    U32(std::slice::Iter<'a, u32>),
}

impl Iterator for CodesIter<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            CodesIter::U8(c) => c.next().map(|&x| u32::from(x)),
            CodesIter::U16(c) => c.next().map(|&x| u32::from(x)),
            CodesIter::U32(c) => c.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            CodesIter::U8(c) => c.size_hint(),
            CodesIter::U16(c) => c.size_hint(),
            CodesIter::U32(c) => c.size_hint(),
        }
    }
}

impl ExactSizeIterator for CodesIter<'_> {}

/// A count cell as the slow reader reads it: a number, or missing with its marker's status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CountCell {
    /// The count.
    pub value: Option<f64>,
    /// The status of a missing-value marker (`suppressed` for `..`).
    pub marker: Option<&'static str>,
}

/// A canonical counts table, dictionary-encoded. Row `i` has the area `areas[area.get(i)]`, and
/// so on; `statuses` are the statuses the slow reader gives before any marker in the count.
#[derive(Debug, Clone)]
pub(crate) struct CodedCounts {
    /// The file name as the user gave it (the default `source`).
    pub name: String,
    /// Number of rows.
    pub rows: usize,
    pub area: Coded,
    pub areas: Vec<CodedArea>,
    pub period: Coded,
    pub periods: Vec<Period>,
    pub indicator: Coded,
    pub indicators: Vec<String>,
    /// Without a group column every row is in `groups[0]` = `total`.
    pub group: Option<Coded>,
    pub groups: Vec<String>,
    pub count: Coded,
    pub counts: Vec<CountCell>,
    /// Without a status column every row has `statuses[0]` = `None`.
    pub status: Option<Coded>,
    pub statuses: Vec<Option<String>>,
    /// Without a source column every row has `sources[0]` = the file name.
    pub source: Option<Coded>,
    pub sources: Vec<String>,
    /// The slow reader's warnings on indicator labels it gave an id (one per distinct
    /// label, at its first row), by row.
    pub label_warnings: Vec<(usize, Warning)>,
    /// The line of each row in the file.
    pub lines: LineMap,
    /// Brå's published rate of each row (the input's `value` where its `method` is
    /// `published`), when any row has one.
    pub published: Option<Vec<Option<f64>>>,
}

/// An area of a coded table: its code and, for a built-in area, its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodedArea {
    /// The code (`1982`, `0180:bromma`).
    pub code: String,
    /// The name (`Fagersta`), `None` for an area the built-in registry does not know.
    pub name: Option<String>,
}

/// The line of each row in the file: row + 2, plus the empty lines before it.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineMap {
    /// For each empty line dropped, the number of rows before it.
    pub(crate) blank_after_rows: Vec<usize>,
}

impl LineMap {
    /// The 1-based line of row `row` (0-based, the header not counted).
    pub(crate) fn line(&self, row: usize) -> u64 {
        let blanks = self.blank_after_rows.partition_point(|&r| r <= row);
        (row + 2 + blanks) as u64
    }
}

impl CodedCounts {
    /// The status of row `i` as the slow reader gives it: the status column's flags, then the
    /// count's marker (an empty count adds nothing when the status column already says why).
    pub(crate) fn status_of(&self, status: usize, cell: &CountCell) -> Option<String> {
        let mut s = self.statuses[status].clone();
        if let Some(flag) = cell.marker
            && !(flag == "missing" && s.is_some())
        {
            add_status(&mut s, flag);
        }
        s
    }

    /// The reader's warnings: one `MissingValue` per row whose count is missing, in row order
    /// (the line of each row from [`CodedCounts::lines`]).
    pub(crate) fn warnings(&self, tally: &mut WarningTally) {
        tally.extend_rows(&self.label_warnings);
        let missing: Vec<bool> = self.counts.iter().map(|c| c.value.is_none()).collect();
        if !missing.iter().any(|m| *m) {
            return;
        }
        for i in 0..self.rows {
            let cell = &self.counts[self.count.get(i)];
            if cell.value.is_some() {
                continue;
            }
            tally.add(WarningKind::MissingValue, || {
                let why = self
                    .status_of(get_or_first(&self.status, i), cell)
                    .unwrap_or_default();
                Warning::new(
                    WarningKind::MissingValue,
                    Some(Location::file(&self.name).line(self.lines.line(i))),
                    format!(
                        "count of {} {} {} is missing ({why}): kept as missing, not 0",
                        self.areas[self.area.get(i)].code,
                        self.periods[self.period.get(i)],
                        self.indicators[self.indicator.get(i)]
                    ),
                )
                .about_area(&self.areas[self.area.get(i)].code)
                .about_indicator(&self.indicators[self.indicator.get(i)])
            });
        }
    }
}

impl CodedCounts {
    /// Encodes a table's rows: one look-up per row and column, each distinct value kept once
    /// (area names from the built-in registry). A count cell carries no marker: a reader's
    /// [`Table`] already holds the marker's status.
    pub(crate) fn from_table(table: &Table) -> CodedCounts {
        let rows = table.rows();
        let registry = crate::area::AreaRegistry::builtin();
        let (area, codes) = encode(rows.len(), |i| rows[i].area.as_str());
        let areas = codes
            .into_iter()
            .map(|code| CodedArea {
                code: code.to_string(),
                name: registry.get(code).map(|a| a.name.clone()),
            })
            .collect();
        let (period, periods) = encode(rows.len(), |i| rows[i].period);
        let (indicator, indicators) = encode(rows.len(), |i| rows[i].indicator.as_str());
        let (group, groups) = encode(rows.len(), |i| rows[i].group.as_str());
        let (count, counts) = encode(rows.len(), |i| rows[i].count.map(f64::to_bits));
        let (status, statuses) = encode(rows.len(), |i| rows[i].status.as_deref());
        let (source, sources) = encode(rows.len(), |i| rows[i].source.as_str());
        let published: Vec<Option<f64>> = rows
            .iter()
            .map(|r| {
                r.value.filter(|_| {
                    r.method
                        .as_deref()
                        .is_some_and(|m| m.trim().eq_ignore_ascii_case("published"))
                })
            })
            .collect();
        let owned = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
        CodedCounts {
            name: String::new(),
            rows: rows.len(),
            area,
            areas,
            period,
            periods,
            indicator,
            indicators: owned(indicators),
            group: Some(group),
            groups: owned(groups),
            count,
            counts: counts
                .into_iter()
                .map(|bits| CountCell {
                    value: bits.map(f64::from_bits),
                    marker: None,
                })
                .collect(),
            status: Some(status),
            statuses: statuses
                .into_iter()
                .map(|s| s.map(str::to_string))
                .collect(),
            source: Some(source),
            sources: owned(sources),
            label_warnings: Vec::new(),
            lines: LineMap::default(),
            published: published.iter().any(Option::is_some).then_some(published),
        }
    }
}

/// Dictionary-encodes `rows` values given by `key`: the code of each row (codes in the order
/// of first appearance, with an identity map) and each distinct value once.
fn encode<K: Hash + Eq + Copy>(rows: usize, key: impl Fn(usize) -> K) -> (Coded, Vec<K>) {
    let mut index: HashMap<K, u32> = HashMap::new();
    let mut values = Vec::new();
    let codes: Vec<u32> = (0..rows)
        .map(|i| {
            let k = key(i);
            *index.entry(k).or_insert_with(|| {
                values.push(k);
                // ok: a table has fewer than 2^32 rows (`Limits::max_cells`)
                (values.len() - 1) as u32
            })
        })
        .collect();
    let map = (0..values.len() as u32).collect();
    let codes = Codes::narrow(codes, values.len());
    (Coded { codes, map }, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Observation;

    #[test]
    fn codes_take_the_narrowest_width_and_widen_when_needed() {
        let mut codes = Codes::with_width(3);
        assert!(matches!(codes, Codes::U8(_)));
        codes.extend([0u32, 2, 255].into_iter());
        codes.widen_for(300);
        assert!(matches!(codes, Codes::U16(_)));
        codes.extend([299u32, 65_535].into_iter());
        codes.widen_for(70_000);
        assert!(matches!(codes, Codes::U32(_)));
        codes.extend([69_999u32].into_iter());
        let all: Vec<u32> = codes.iter().collect();
        assert_eq!(all, [0, 2, 255, 299, 65_535, 69_999]);
        assert_eq!(codes.get(4), 65_535);
        assert!(matches!(Codes::narrow(vec![0, 1], 2), Codes::U8(_)));
        assert!(matches!(Codes::narrow(vec![0, 256], 257), Codes::U16(_)));
        assert!(matches!(Codes::narrow(vec![65_536], 65_537), Codes::U32(_)));
    }

    #[test]
    fn a_table_is_encoded_once_per_distinct_value() {
        let mut rows = Vec::new();
        for (area, year, count) in [
            ("1982", 2020, Some(3.0)),
            ("0180", 2020, None),
            ("1982", 2021, Some(3.0)),
        ] {
            let mut o = Observation::new(area, Period::Year(year), "brott.totalt");
            o.count = count;
            rows.push(o);
        }
        rows[1].status = Some("suppressed".into());
        rows[2].value = Some(11.5);
        rows[2].method = Some("published".into());
        let t = CodedCounts::from_table(&Table::new(rows).expect("unique keys"));
        assert_eq!(t.rows, 3);
        assert_eq!(t.areas.len(), 2);
        assert_eq!(t.areas[t.area.get(2)].code, "1982");
        assert_eq!(t.areas[t.area.get(1)].name.as_deref(), Some("Stockholm"));
        assert_eq!(t.counts.len(), 2); // 3 and missing
        assert_eq!(t.counts[t.count.get(2)].value, Some(3.0));
        assert_eq!(
            t.statuses[get_or_first(&t.status, 1)].as_deref(),
            Some("suppressed")
        );
        assert_eq!(t.published, Some(vec![None, None, Some(11.5)]));
    }
}

/// A counts table read for the rates: dictionary-encoded (each distinct area, period,
/// indicator, group, count, status and source held once, a few codes of one to four bytes a row), with
/// what its reader noticed. [`read_counts_table`](crate::read_counts_table) reads one from a
/// file, [`CountsTable::from_table`] encodes a table already read, and
/// [`rates_of`](crate::rates_of) computes the rates of one.
///
/// # Examples
/// ```
/// use bra_indicators::{CountsTable, ReadOptions, read_table_bytes};
/// let csv = b"area,period,indicator,count\n1982,2020,brott.totalt,1577\n1982,2021,brott.totalt,..\n";
/// let read = read_table_bytes("c.csv", csv, &ReadOptions::default())?;
/// let counts = CountsTable::from_table(&read.table);
/// assert_eq!(counts.height(), 2);
/// assert!(!counts.is_fast());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CountsTable {
    pub(crate) coded: CodedCounts,
    /// Whether the fast reader read it (its warnings are then made from `coded`).
    pub(crate) fast_reader: bool,
    /// The row reader's warnings (empty after the fast reader).
    pub(crate) warnings: Vec<Warning>,
}

impl CountsTable {
    /// Encodes a table already read (its reader's warnings are the caller's to report).
    pub fn from_table(table: &Table) -> CountsTable {
        CountsTable {
            coded: CodedCounts::from_table(table),
            fast_reader: false,
            warnings: Vec::new(),
        }
    }

    /// The table of a row reader, with that reader's warnings.
    pub(crate) fn read(table: &Table, warnings: Vec<Warning>) -> CountsTable {
        CountsTable {
            warnings,
            ..CountsTable::from_table(table)
        }
    }

    /// The table of the fast reader.
    pub(crate) fn fast(coded: CodedCounts) -> CountsTable {
        CountsTable {
            coded,
            fast_reader: true,
            warnings: Vec::new(),
        }
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.coded.rows
    }

    /// Whether the fast reader read the file straight into the dictionary-encoded table
    /// (canonical CSV in every shape it reads), rather than a row reader's table encoded.
    pub fn is_fast(&self) -> bool {
        self.fast_reader
    }

    /// Counts the reader's warnings, in row order.
    pub(crate) fn tally_warnings(&self, tally: &mut WarningTally) {
        if self.fast_reader {
            self.coded.warnings(tally);
        } else {
            tally.extend(&self.warnings);
        }
    }
}
