//! The follow-up report's headings and sentences, Swedish and English side by side.

use super::Phrase;

/// The heading of the report's first section.
pub(crate) const SUMMARY: Phrase = Phrase {
    sv: "Sammanfattning",
    en: "Summary",
};

/// What the key-indicator table of the summary shows.
pub(crate) const SUMMARY_INTRO: Phrase = Phrase {
    sv: "Nyckeltalen nedan visar det senaste värdet för området med 95 % konfidensintervall, jämfört med länet och riket, och trenden över perioden.",
    en: "The key indicators below show the area's latest value with its 95 % confidence interval, compared with the county and the country, and the trend over the period.",
};
