//! Periods: years, half-years, quarters, months and ranges of years.
//!
//! Canonical spellings: `2020` (year), `2020H1` (half-year), `2020K1` (quarter, Swedish
//! *kvartal*; `2020Q1` is accepted), `2020M03` (month) and `2017-2019` (a range of whole
//! years, e.g. pooled NTU years or a moving-average window).

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A period that a value refers to.
///
/// Periods order by their start, then by length (a year before its first quarter), so a sorted
/// series runs forward in time.
///
/// # Examples
/// ```
/// use bra_indicators::Period;
/// let q: Period = "2020K1".parse()?;
/// assert_eq!(q, Period::Quarter(2020, 1));
/// assert_eq!(q.to_string(), "2020K1");
/// assert_eq!(q.calendar_year(), Some(2020));
/// assert!("2019".parse::<Period>()? < q);
/// assert_eq!(q.next(), Period::Quarter(2020, 2));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A half-year, 1 or 2.
    Half(i32, u8),
    /// A quarter, 1 to 4.
    Quarter(i32, u8),
    /// A month, 1 to 12.
    Month(i32, u8),
    /// An inclusive range of whole years, first ≤ last.
    Range(i32, i32),
}

/// The earliest and latest years accepted (Brå's series start in 1975; SCB's earlier).
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

impl Period {
    /// The first month (1-12) of the period.
    fn first_month(self) -> u32 {
        match self {
            Period::Year(_) | Period::Range(..) => 1,
            Period::Half(_, h) => 6 * (h as u32 - 1) + 1,
            Period::Quarter(_, q) => 3 * (q as u32 - 1) + 1,
            Period::Month(_, m) => m as u32,
        }
    }

    /// The year the period starts in.
    pub fn start_year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::Half(y, _)
            | Period::Quarter(y, _)
            | Period::Month(y, _)
            | Period::Range(y, _) => y,
        }
    }

    /// Length of the period in months.
    pub fn months(self) -> u32 {
        match self {
            Period::Year(_) => 12,
            Period::Half(..) => 6,
            Period::Quarter(..) => 3,
            Period::Month(..) => 1,
            Period::Range(a, b) => 12 * (b - a + 1) as u32,
        }
    }

    /// The calendar year the period lies in, for joining with yearly population figures;
    /// `None` for a range of several years.
    pub fn calendar_year(self) -> Option<i32> {
        match self {
            Period::Range(a, b) if a != b => None,
            p => Some(p.start_year()),
        }
    }

    /// The first day of the period.
    ///
    /// ```
    /// use bra_indicators::Period;
    /// let d = Period::Quarter(2020, 3).start_date();
    /// assert_eq!(d.to_string(), "2020-07-01");
    /// ```
    pub fn start_date(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year(), self.first_month(), 1).unwrap_or(NaiveDate::MIN) // ok: years are checked on construction
    }

    /// The last day of the period.
    ///
    /// ```
    /// use bra_indicators::Period;
    /// assert_eq!(Period::Month(2024, 2).end_date().to_string(), "2024-02-29");
    /// ```
    pub fn end_date(self) -> NaiveDate {
        let next = self.start_date() + chrono::Months::new(self.months());
        next.pred_opt().unwrap_or(NaiveDate::MIN) // ok: the start date is after NaiveDate::MIN
    }

    /// The period's position in time, in decimal years: its start for years, half-years,
    /// quarters and months (`2020K2` → 2020.25), and its centre year for a range
    /// (`2017-2019` → 2018.0). Differences of these are the time spacing used by trends.
    ///
    /// ```
    /// use bra_indicators::Period;
    /// assert_eq!(Period::Quarter(2020, 2).time(), 2020.25);
    /// assert_eq!(Period::Month(2020, 7).time(), 2020.5);
    /// assert_eq!(Period::Range(2017, 2019).time(), 2018.0);
    /// ```
    pub fn time(self) -> f64 {
        match self {
            Period::Range(a, b) => (a + b) as f64 / 2.0,
            p => p.start_year() as f64 + (p.first_month() - 1) as f64 / 12.0,
        }
    }

    /// The next period of the same kind (a range moves by its own length).
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Half(y, 2) => Period::Half(y + 1, 1),
            Period::Half(y, h) => Period::Half(y, h + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
            Period::Range(a, b) => Period::Range(b + 1, b + 1 + (b - a)),
        }
    }

    /// A short name of the period's kind: `year`, `half`, `quarter`, `month` or `range`.
    pub fn kind(self) -> &'static str {
        match self {
            Period::Year(_) => "year",
            Period::Half(..) => "half",
            Period::Quarter(..) => "quarter",
            Period::Month(..) => "month",
            Period::Range(..) => "range",
        }
    }

    fn check(self) -> Result<Self> {
        let ok_year = |y: i32| YEARS.contains(&y);
        let ok = match self {
            Period::Year(y) => ok_year(y),
            Period::Half(y, h) => ok_year(y) && (1..=2).contains(&h),
            Period::Quarter(y, q) => ok_year(y) && (1..=4).contains(&q),
            Period::Month(y, m) => ok_year(y) && (1..=12).contains(&m),
            Period::Range(a, b) => ok_year(a) && ok_year(b) && a <= b,
        };
        if let Period::Range(a, b) = self
            && ok
            && a == b
        {
            return Ok(Period::Year(a));
        }
        if ok {
            Ok(self)
        } else {
            Err(Error::InvalidArgument(format!(
                "period out of range: {self} (years {}-{}, halves 1-2, quarters 1-4, months 1-12, ranges first-last)",
                YEARS.start(),
                YEARS.end()
            )))
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |p: &Period| {
            (
                p.start_year(),
                p.first_month(),
                std::cmp::Reverse(p.months()),
                p.kind(),
                p.years().end().to_owned(),
                p.sub_index(),
            )
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}K{q}"),
            Period::Month(y, m) => write!(f, "{y}M{m:02}"),
            Period::Range(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Parses `2020`, `2020H1`, `2020K1` / `2020Q1`, `2020M03` / `2020M3`, `2020-03` (a month),
    /// `2017-2019` (a range), and tolerates surrounding spaces, lowercase letters and a trailing
    /// `.0` on a year (`2020.0`, as written by pandas).
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::InvalidArgument(format!(
                "expected a period such as 2020, 2020H1, 2020K1, 2020M03 or 2017-2019, found \"{s}\""
            ))
        };
        let t = s.trim().to_uppercase();
        if !t.is_ascii() {
            return Err(bad()); // (and the byte slicing below stays on char boundaries)
        }
        let t = t.strip_suffix(".0").unwrap_or(&t);
        let num = |x: &str| -> Result<i32> {
            if !x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit()) {
                x.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        if t.len() == 4 {
            return Period::Year(num(t)?).check();
        }
        if let Some((a, b)) = t.split_once('-') {
            let (a, b) = (num(a)?, num(b)?);
            // "2020-03": a month; "2017-2019": a range.
            return if b <= 12 && t.len() == 7 {
                Period::Month(a, b as u8).check()
            } else {
                Period::Range(a, b).check()
            };
        }
        if t.len() < 6 {
            return Err(bad());
        }
        let (year, rest) = t.split_at(4);
        let year = num(year)?;
        let (tag, n) = rest.split_at(1);
        let n = num(n)?;
        if n > 12 {
            return Err(bad());
        }
        let n = n as u8;
        match tag {
            "H" => Period::Half(year, n),
            "K" | "Q" => Period::Quarter(year, n),
            "M" => Period::Month(year, n),
            _ => return Err(bad()),
        }
        .check()
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // Accept strings ("2020K1") and bare integers (2020) as TOML and JSON users write them.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as 2020, 2020K1 or 2020M03")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Period, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads the month name of a Swedish or English period label (`Aug`, `augusti`, `Okt`).
pub(crate) fn month_from_name(name: &str) -> Option<u8> {
    const NAMES: [[&str; 2]; 12] = [
        ["jan", "jan"],
        ["feb", "feb"],
        ["mar", "mar"],
        ["apr", "apr"],
        ["maj", "may"],
        ["jun", "jun"],
        ["jul", "jul"],
        ["aug", "aug"],
        ["sep", "sep"],
        ["okt", "oct"],
        ["nov", "nov"],
        ["dec", "dec"],
    ];
    let n = name.trim().to_lowercase();
    let n = n.trim_end_matches('.');
    if n.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|pair| pair.iter().any(|p| n.starts_with(p)))
        .map(|i| i as u8 + 1)
}

impl Period {
    /// Years covered by the period, e.g. 2017, 2018, 2019 for `2017-2019`.
    pub fn years(self) -> std::ops::RangeInclusive<i32> {
        match self {
            Period::Range(a, b) => a..=b,
            p => p.start_year()..=p.start_year(),
        }
    }

    fn sub_index(self) -> u8 {
        match self {
            Period::Half(_, i) | Period::Quarter(_, i) | Period::Month(_, i) => i,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for s in [
            "2020",
            "2020H2",
            "2020K4",
            "2020M03",
            "2020M12",
            "2017-2019",
        ] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        assert_eq!(
            "2020Q3".parse::<Period>().unwrap(),
            Period::Quarter(2020, 3)
        );
        assert_eq!("2020m3".parse::<Period>().unwrap(), Period::Month(2020, 3));
        assert_eq!("2020-03".parse::<Period>().unwrap(), Period::Month(2020, 3));
        assert_eq!(" 2020.0 ".parse::<Period>().unwrap(), Period::Year(2020));
    }

    #[test]
    fn rejects_bad_periods() {
        for s in [
            "",
            "20",
            "2020K5",
            "2020M13",
            "2020M00",
            "2020X1",
            "2019-2017",
            "abcd",
            "2020H3",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should fail");
        }
    }

    #[test]
    fn non_ascii_text_is_refused_not_sliced() {
        // Found by the period_and_area fuzz target: slicing at byte 4 inside 'Ä' panicked.
        for s in ["vanällivasbro", "2020ÄÄ", "ÅÅÅÅH1", "2020M1ä"] {
            assert!(s.parse::<Period>().is_err(), "{s}");
        }
    }

    #[test]
    fn orders_by_start_then_length() {
        let mut v: Vec<Period> = ["2021M01", "2020K2", "2020", "2021", "2020M04", "2020K1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            s,
            ["2020", "2020K1", "2020K2", "2020M04", "2021", "2021M01"]
        );
    }

    #[test]
    fn steps_and_times() {
        assert_eq!(Period::Month(2020, 12).next(), Period::Month(2021, 1));
        assert_eq!(Period::Half(2020, 2).next(), Period::Half(2021, 1));
        assert_eq!(Period::Range(2017, 2019).next(), Period::Range(2020, 2022));
        assert_eq!(Period::Quarter(2020, 4).time(), 2020.75);
        assert_eq!(Period::Month(2021, 3).calendar_year(), Some(2021));
        assert_eq!(Period::Range(2017, 2019).calendar_year(), None);
        assert_eq!(Period::Half(2020, 2).end_date().to_string(), "2020-12-31");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_from_name("Aug"), Some(8));
        assert_eq!(month_from_name("okt."), Some(10));
        assert_eq!(month_from_name("Maj"), Some(5));
        assert_eq!(month_from_name("x"), None);
    }
}
