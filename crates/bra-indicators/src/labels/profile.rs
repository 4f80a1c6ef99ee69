//! The kommun profile's words (the spine chart, and the report's paragraphs on the profile
//! and on EB smoothing), Swedish and English side by side.

// The spine chart's words are unused in a build without the `charts` feature (the fuzz build).
#![cfg_attr(not(feature = "charts"), allow(dead_code))]

use super::Phrase;

/// The chart's title, before the area's name.
pub(crate) const TITLE: Phrase = Phrase {
    sv: "Kommunprofil",
    en: "Municipality profile",
};

/// The subtitle's "compared with" (the benchmark's name follows).
pub(crate) const COMPARED_WITH: Phrase = Phrase {
    sv: "Jämfört med",
    en: "Compared with",
};

/// The subtitle's "the spread among" (the comparison areas follow).
pub(crate) const SPREAD_AMONG: Phrase = Phrase {
    sv: "spridningen bland",
    en: "the spread among",
};

/// The heading of the names' column.
pub(crate) const INDICATOR: Phrase = Phrase {
    sv: "Indikator",
    en: "Indicator",
};

/// The worst end of the spine's heading.
pub(crate) const WORST: Phrase = Phrase {
    sv: "Sämst",
    en: "Worst",
};

/// The best end of the spine's heading.
pub(crate) const BEST: Phrase = Phrase {
    sv: "Bäst",
    en: "Best",
};

/// The legend of the light bar.
pub(crate) const RANGE: Phrase = Phrase {
    sv: "Sämsta till bästa värdet",
    en: "Worst to best value",
};

/// The legend of the darker shading.
pub(crate) const QUARTILES: Phrase = Phrase {
    sv: "25:e–75:e percentilen",
    en: "25th–75th percentile",
};

/// The note at the bottom right.
pub(crate) const NOTE: Phrase = Phrase {
    sv: "Bästa värdet alltid till höger; jämförelseområdet i mitten",
    en: "Best value always to the right; the benchmark in the middle",
};

/// The report's sentence under the profile's chart.
pub(crate) const REPORT_EXPLANATION: Phrase = Phrase {
    sv: "Profilen visar varje indikator på en rad: den grå stapeln går från det sämsta till det bästa värdet bland länets kommuner (bästa alltid till höger), det mörkare fältet är den mellersta hälften av kommunerna, strecket i mitten är länet och pricken är kommunen, färgad efter om den är bättre, likvärdig eller sämre än länet.",
    en: "The profile shows each indicator on one row: the grey bar runs from the worst to the best value among the county's municipalities (best always to the right), the darker band is the middle half of them, the line in the middle is the county and the dot is the municipality, coloured by whether it is better than, similar to or worse than the county.",
};

/// The heading of the report's methods paragraph on the profile.
pub(crate) const METHODS_PROFILE_HEADING: Phrase = Phrase {
    sv: "Kommunprofilen",
    en: "The municipality profile",
};

/// The report's methods paragraph on the profile.
pub(crate) const METHODS_PROFILE: Phrase = Phrase {
    sv: "Profilen jämför kommunen med länet på varje indikator, för det senaste året kommunen har värden för. Spridningen (lägsta och högsta värdet, 25:e och 75:e percentilen) räknas över länets kommuner, kommunen själv medräknad. Om kommunen är bättre, likvärdig eller sämre än länet avgörs av om länets värde ligger utanför kommunens 95-procentiga konfidensintervall, på samma sätt som i resten av rapporten. Skalan är ritad så att länet hamnar i mitten av varje rad.",
    en: "The profile compares the municipality with the county on every indicator, for the latest year the municipality has values for. The spread (the lowest and highest value, the 25th and 75th percentiles) is taken over the county's municipalities, the municipality itself included. Whether the municipality is better than, similar to or worse than the county depends on whether the county's value lies outside the municipality's 95 % confidence interval, as in the rest of the report. Each row is scaled so that the county sits in its middle.",
};

/// The heading of the report's methods paragraph on EB smoothing.
pub(crate) const METHODS_SMOOTHING_HEADING: Phrase = Phrase {
    sv: "Utjämnade tal för små kommuner",
    en: "Smoothed rates for small municipalities",
};

/// The report's methods paragraph on EB smoothing (`bra rates --smooth eb`).
pub(crate) const METHODS_SMOOTHING: Phrase = Phrase {
    sv: "I små kommuner kan några få brott mer eller mindre ändra talet per 100 000 invånare kraftigt från år till år. Med bra rates --smooth eb räknas därför också ett utjämnat tal (empirisk Bayes, Marshalls metod): kommunens eget tal dras en bit mot medeltalet för alla kommuner i jämförelsen, mer ju färre invånare kommunen har. Kolumnen shrinkage anger hur stor del av vägen mot medeltalet talet har flyttats (0 = kommunens eget tal, 1 = medeltalet). Det utjämnade talet visas bredvid det verkliga talet och ersätter det aldrig; bedömningarna i rapporten bygger på de verkliga talen.",
    en: "In small municipalities a few offences more or less can change the rate per 100,000 inhabitants sharply from year to year. bra rates --smooth eb therefore also computes a smoothed rate (empirical Bayes, Marshall's method): the municipality's own rate is pulled part of the way towards the mean of all municipalities compared, the more the fewer inhabitants it has. The column shrinkage says how much of the way towards the mean the rate has moved (0 = the municipality's own rate, 1 = the mean). The smoothed rate is shown beside the actual rate and never replaces it; the report's assessments use the actual rates.",
};

/// The report's sentence before the list of its indicators that are not in the profile.
pub(crate) const REPORT_LEFT_OUT: Phrase = Phrase {
    sv: "Inte med i profilen (utan värde för kommunen, eller för färre än tre av länets kommuner):",
    en: "Not in the profile (no value for the municipality, or for fewer than three of the county's municipalities):",
};

/// The legend of the EB-smoothed rate in the funnel and trend charts (`--smooth eb`).
pub(crate) const SMOOTHED: Phrase = Phrase {
    sv: "Utjämnad (empirisk Bayes)",
    en: "Smoothed (empirical Bayes)",
};
