//! Texts around a chart that only drawing needs: the interval's level, the source line, the
//! periods of an axis.

use crate::format::{Lang, format_percent};
use crate::labels::chart as phrase;
use crate::period::Period;

/// The interval's level as people read it: `95 %` / `95%`.
pub(crate) fn level_text(level: f64, lang: Lang) -> String {
    let pct = level * 100.0;
    let decimals = if (pct - pct.round()).abs() < 1e-9 {
        0
    } else {
        1
    };
    format_percent(pct, decimals, lang)
}

/// "Källa: X" / "Source: X".
pub(crate) fn source_line(source: &str, lang: Lang) -> String {
    format!("{}: {source}", phrase::SOURCE.get(lang))
}

/// The periods from `first` to `last` in steps of `first`'s kind (`first` alone if `last`
/// is earlier or of another kind, at most 500 periods).
pub(crate) fn period_range(first: Period, last: Period) -> Vec<Period> {
    let mut out = vec![first];
    let mut p = first;
    while p < last && out.len() < 500 {
        p = p.next();
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_periods() {
        assert_eq!(level_text(0.95, Lang::Sv), "95\u{a0}%");
        assert_eq!(level_text(0.998, Lang::En), "99.8%");
        let r = period_range(Period::Year(2019), Period::Year(2022));
        assert_eq!(r.len(), 4);
        assert_eq!(
            period_range(Period::Year(2022), Period::Year(2019)),
            vec![Period::Year(2022)]
        );
    }
}
