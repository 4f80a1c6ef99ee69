//! Swedish number formatting for people: `11 777`, `18,1 %`.

/// Formats `x` with `decimals` decimals, a space (U+00A0, no-break) between thousands and a
/// decimal comma, as Swedish readers expect; `lang = "en"` gives `11,777.0` style.
///
/// # Examples
/// ```
/// use bra_indicators::format_number;
/// assert_eq!(format_number(11776.56, 0, "sv"), "11\u{a0}777");
/// assert_eq!(format_number(18.149, 1, "sv"), "18,1");
/// assert_eq!(format_number(-1234.5, 1, "en"), "-1,234.5");
/// ```
pub fn format_number(x: f64, decimals: usize, lang: &str) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let (thousands, decimal) = if lang == "en" {
        (",", ".")
    } else {
        ("\u{a0}", ",")
    };
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(thousands);
        }
        grouped.push(ch);
    }
    let negative = x < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push_str(decimal);
        out.push_str(frac);
    }
    out
}

/// Formats a share given in percent: `18,1 %` (Swedish) or `18.1%` (English).
///
/// ```
/// use bra_indicators::format_percent;
/// assert_eq!(format_percent(18.1, 1, "sv"), "18,1\u{a0}%");
/// assert_eq!(format_percent(22.6, 1, "en"), "22.6%");
/// ```
pub fn format_percent(percent: f64, decimals: usize, lang: &str) -> String {
    let n = format_number(percent, decimals, lang);
    if lang == "en" {
        format!("{n}%")
    } else {
        format!("{n}\u{a0}%")
    }
}
