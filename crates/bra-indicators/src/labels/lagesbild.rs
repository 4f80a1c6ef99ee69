//! The situation picture's (lägesbild) headings, chart texts and sentences, Swedish and
//! English side by side. `{k}` stands for the suppression threshold where it occurs.

// The lägesbild charts' words are unused in a build without the `charts` feature (the fuzz build).
#![cfg_attr(not(feature = "charts"), allow(dead_code))]

use super::Phrase;
use crate::format::Lang;
use crate::indicator::FocusArea;
use crate::stats::surveillance::Flag;
use chrono::NaiveDate;

/// The page's title.
pub(crate) const TITLE: Phrase = Phrase {
    sv: "Lägesbild",
    en: "Situation picture",
};

/// Before the current window's dates.
pub(crate) const WINDOW: Phrase = Phrase {
    sv: "Aktuellt fönster",
    en: "Current window",
};

/// Before the as-of date.
pub(crate) const AS_OF: Phrase = Phrase {
    sv: "data till och med",
    en: "data up to",
};

/// Before the window length.
pub(crate) const PERIOD: Phrase = Phrase {
    sv: "Period",
    en: "Period",
};

/// A current calendar window that the as-of date does not complete.
pub(crate) const PARTIAL: Phrase = Phrase {
    sv: "pågår",
    en: "in progress",
};

/// The heading of the focus-area table.
pub(crate) const FOCUS_AREAS: Phrase = Phrase {
    sv: "Fokusområden",
    en: "Focus areas",
};

/// The heading of the flagged categories.
pub(crate) const FLAGGED: Phrase = Phrase {
    sv: "Kategorier med ovanligt många eller få händelser",
    en: "Categories with unusually many or few incidents",
};

/// When no category is flagged.
pub(crate) const NONE_FLAGGED: Phrase = Phrase {
    sv: "Ingen kategori avviker från det förväntade i detta fönster.",
    en: "No category differs from what was expected in this window.",
};

/// The heading of the places table.
pub(crate) const PLACES: Phrase = Phrase {
    sv: "Platser med flest händelser",
    en: "Places with most incidents",
};

/// When the log names no places in the window.
pub(crate) const NO_PLACES: Phrase = Phrase {
    sv: "Inga platser angivna i detta fönster.",
    en: "No places given in this window.",
};

/// The heading of the charts.
pub(crate) const OVER_TIME: Phrase = Phrase {
    sv: "Utveckling per fokusområde",
    en: "Each focus area over time",
};

/// Column: focus area.
pub(crate) const COL_FOCUS_AREA: Phrase = Phrase {
    sv: "Fokusområde",
    en: "Focus area",
};
/// Column: category.
pub(crate) const COL_CATEGORY: Phrase = Phrase {
    sv: "Kategori",
    en: "Category",
};
/// Column: place.
pub(crate) const COL_PLACE: Phrase = Phrase {
    sv: "Plats",
    en: "Place",
};
/// Column and axis: the count.
pub(crate) const COUNT: Phrase = Phrase {
    sv: "Antal",
    en: "Count",
};
/// Column: the window before.
pub(crate) const COL_PREVIOUS: Phrase = Phrase {
    sv: "Föregående",
    en: "Previous",
};
/// Column: the same window a year earlier.
pub(crate) const COL_LAST_YEAR: Phrase = Phrase {
    sv: "I fjol",
    en: "Last year",
};
/// Column and legend: the expected count.
pub(crate) const EXPECTED: Phrase = Phrase {
    sv: "Förväntat",
    en: "Expected",
};
/// Column: count / expected.
pub(crate) const COL_RATIO: Phrase = Phrase {
    sv: "Kvot",
    en: "Ratio",
};
/// Column: the flag.
pub(crate) const COL_FLAG: Phrase = Phrase {
    sv: "Bedömning",
    en: "Assessment",
};

/// Legend: the 99 % band.
pub(crate) const BAND: Phrase = Phrase {
    sv: "Förväntat intervall (99 %)",
    en: "Expected range (99 %)",
};
/// Legend: the current window.
pub(crate) const CURRENT: Phrase = Phrase {
    sv: "Aktuellt fönster",
    en: "Current window",
};
/// Legend and note: a hidden small count.
pub(crate) const HIDDEN: Phrase = Phrase {
    sv: "Färre än {k} (döljs)",
    en: "Fewer than {k} (hidden)",
};
/// The source of the charts.
pub(crate) const SOURCE: Phrase = Phrase {
    sv: "EST:s händelselogg",
    en: "EST incident log",
};
/// The series chart's note.
pub(crate) const SERIES_NOTE: Phrase = Phrase {
    sv: "Ringen: pågående fönster",
    en: "Ring: window in progress",
};
/// The bars chart's title, categories.
pub(crate) const BARS_CATEGORIES: Phrase = Phrase {
    sv: "Kategorier: antal mot förväntat",
    en: "Categories: count against expected",
};
/// The bars chart's title, focus areas.
pub(crate) const BARS_FOCUS_AREAS: Phrase = Phrase {
    sv: "Fokusområden: antal mot förväntat",
    en: "Focus areas: count against expected",
};
/// No rows to draw.
pub(crate) const NOTHING: Phrase = Phrase {
    sv: "Inga händelser att visa",
    en: "No incidents to show",
};

/// How the page and the charts explain the method.
pub(crate) const METHOD: Phrase = Phrase {
    sv: "Förväntat antal: medelvärdet av samma tid tidigare år (eller av de senaste fönstren när historiken är kortare än två år). Högt/Lågt: antalet ligger utanför vad slumpen rimligen förklarar (negativ binomialfördelning, p < {alpha}). Händelseloggens fritext visas aldrig.",
    en: "Expected count: the mean of the same time in earlier years (or of the latest windows when the history is shorter than two years). High/Low: the count lies beyond what chance reasonably explains (negative binomial, p < {alpha}). The log's free text is never shown.",
};
/// The suppression note.
pub(crate) const SUPPRESSED: Phrase = Phrase {
    sv: "Antal från 1 till {k1} visas som <{k}; kvoten visas då inte.",
    en: "Counts from 1 to {k1} are shown as <{k}; the ratio is then left out.",
};

/// A window of a week.
pub(crate) const WEEK: Phrase = Phrase {
    sv: "vecka",
    en: "week",
};
/// A window of two weeks.
pub(crate) const FORTNIGHT: Phrase = Phrase {
    sv: "två veckor",
    en: "fortnight",
};
/// A calendar month.
pub(crate) const MONTH: Phrase = Phrase {
    sv: "månad",
    en: "month",
};
/// A calendar quarter.
pub(crate) const QUARTER: Phrase = Phrase {
    sv: "kvartal",
    en: "quarter",
};

/// A flag for people: Högt, Lågt, Normalt, För kort historik.
pub(crate) fn flag(flag: Flag) -> Phrase {
    match flag {
        Flag::High => Phrase {
            sv: "Högt",
            en: "High",
        },
        Flag::Low => Phrase {
            sv: "Lågt",
            en: "Low",
        },
        Flag::Normal => Phrase {
            sv: "Normalt",
            en: "Normal",
        },
        Flag::TooFew => Phrase {
            sv: "För kort historik",
            en: "Too little history",
        },
    }
}

/// The series chart's subtitle: "Antal per två veckor" / "Count per fortnight".
pub(crate) const PER: Phrase = Phrase {
    sv: "Antal händelser per",
    en: "Incidents per",
};

/// A window's dates for people: `2026-11-16 – 2026-11-29`, with "(pågår)" when partial.
pub(crate) fn window_text(start: NaiveDate, end: NaiveDate, partial: bool, lang: Lang) -> String {
    let partial = if partial {
        format!(" ({})", PARTIAL.get(lang))
    } else {
        String::new()
    };
    format!("{start} – {end}{partial}")
}

/// A focus area's name in `lang`.
pub(crate) fn focus_name(f: FocusArea, lang: Lang) -> &'static str {
    lang.pick(f.label_sv(), f.label_en())
}
/// The report's section heading.
pub(crate) const REPORT_SECTION: Phrase = Phrase {
    sv: "Lägesbild per kvartal",
    en: "Situation picture by quarter",
};
/// The report section's introduction.
pub(crate) const REPORT_INTRO: Phrase = Phrase {
    sv: "Händelser i EST:s händelselogg per fokusområde i det senaste kvartalet, jämfört med vad tidigare kvartal leder en att förvänta, som underlag för inriktningsbeslutet.",
    en: "Incidents in the EST incident log by focus area in the latest quarter, against what earlier quarters lead one to expect, as a basis for the direction decision.",
};
