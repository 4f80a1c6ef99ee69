//! Swedish number formatting for people: `11 777`, `18,1 %`; the label language [`Lang`].

/// The language of labels for people (terminal tables, charts, the report): Swedish by
/// default, or English.
///
/// # Examples
/// ```
/// use bra_indicators::Lang;
/// let lang: Lang = "en".parse()?;
/// assert_eq!(lang.pick("Källa", "Source"), "Source");
/// assert_eq!(Lang::default().code(), "sv");
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Svenska (the default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The language's code: `sv` or `en` (as in HTML's `lang` attribute).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The Swedish or the English text.
    pub fn pick<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

impl std::fmt::Display for Lang {
    /// The code: `sv` or `en`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> crate::error::Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Ok(Lang::Sv),
            "en" | "english" | "engelska" => Ok(Lang::En),
            _ => Err(crate::error::Error::InvalidArgument(format!(
                "expected a language, sv or en, found \"{s}\""
            ))),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    /// From `"sv"` or `"en"` (as [`FromStr`](std::str::FromStr) takes them), e.g. a report
    /// config's `language`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(|_| {
            serde::de::Error::custom(format!("expected \"sv\" or \"en\", found \"{s}\""))
        })
    }
}

/// Formats `x` with `decimals` decimals, a space (U+00A0, no-break) between thousands and a
/// decimal comma, as Swedish readers expect; [`Lang::En`] gives `11,777.0` style.
///
/// # Examples
/// ```
/// use bra_indicators::{format_number, Lang};
/// assert_eq!(format_number(11776.56, 0, Lang::Sv), "11\u{a0}777");
/// assert_eq!(format_number(18.149, 1, Lang::Sv), "18,1");
/// assert_eq!(format_number(-1234.5, 1, Lang::En), "-1,234.5");
/// ```
pub fn format_number(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let (thousands, decimal) = if lang == Lang::En {
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
/// use bra_indicators::{format_percent, Lang};
/// assert_eq!(format_percent(18.1, 1, Lang::Sv), "18,1\u{a0}%");
/// assert_eq!(format_percent(22.6, 1, Lang::En), "22.6%");
/// ```
pub fn format_percent(percent: f64, decimals: usize, lang: Lang) -> String {
    let n = format_number(percent, decimals, lang);
    if lang == Lang::En {
        format!("{n}%")
    } else {
        format!("{n}\u{a0}%")
    }
}
