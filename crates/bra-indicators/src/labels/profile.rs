//! The kommun profile's words (the spine chart, and the report's paragraphs on the profile
//! and on EB smoothing), Swedish and English side by side.

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
