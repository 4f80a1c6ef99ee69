//! Areas: riket, police regions, län and kommuner, with tolerant name lookup.
//!
//! Codes are strings: `00` riket, `Rn01`-`Rn07` the police regions (Brå's codes), `01`-`25`
//! the län, four digits for the kommuner (`1982` Fagersta). Brå's files name kommuner rather
//! than code them, in several spellings; [`AreaRegistry::lookup`] maps them all to codes.
//!
//! City districts are areas of their kommun (DESIGN.md, Decisions of 2026-12): Stockholm's
//! stadsdelsområden, Göteborg's stadsområden (and its stadsdelar until 2020) and Malmö's
//! stadsområden (and its stadsdelar until 2013) get the code `<kommun>:<slug>` (`0180:bromma`).
//! A name with a city tag (`Stadsdelsområde Bromma (Sthlm)`, `Stadsområde Centrum (Gbg)`,
//! `(Malmö)`) belongs to that city whatever the district is called; a name without a tag
//! (`Spånga-Tensta` in Brå's 2021 file, `Angered stadsdel (upphörde 2021-01-01)`) is looked up
//! in the built-in list of the three cities' districts, current and former.

use crate::error::{Error, Result};
use crate::tomlfile;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// What kind of area a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AreaKind {
    /// The whole country, code `00`.
    Riket,
    /// One of the 7 police regions.
    PoliceRegion,
    /// A county (län), two digits.
    Lan,
    /// A municipality (kommun), four digits.
    Kommun,
    /// A user-defined set of kommuner, such as a local police area.
    UserDefined,
    /// A city district (stadsdelsområde, stadsområde, stadsdel) of Stockholm, Göteborg or
    /// Malmö, code `<kommun>:<slug>` (`0180:bromma`).
    District,
}

impl AreaKind {
    /// The code used in files: `riket`, `polisregion`, `lan`, `kommun`, `user`, `district`.
    pub fn code(self) -> &'static str {
        match self {
            AreaKind::Riket => "riket",
            AreaKind::PoliceRegion => "polisregion",
            AreaKind::Lan => "lan",
            AreaKind::Kommun => "kommun",
            AreaKind::UserDefined => "user",
            AreaKind::District => "district",
        }
    }

    /// A Swedish label for people: `riket`, `polisregion`, `län`, `kommun`, `eget område`,
    /// `stadsdel`.
    pub fn label_sv(self) -> &'static str {
        match self {
            AreaKind::Riket => "riket",
            AreaKind::PoliceRegion => "polisregion",
            AreaKind::Lan => "län",
            AreaKind::Kommun => "kommun",
            AreaKind::UserDefined => "eget område",
            AreaKind::District => "stadsdel",
        }
    }
}

/// An area with its code, name, kind and the area it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Area {
    /// The code: `00`, `Rn02`, `19`, `1982`.
    pub code: String,
    /// The name as people write it: `Riket`, `Polisregion Mitt`, `Västmanlands län`, `Fagersta`.
    pub name: String,
    /// What kind of area this is.
    pub kind: AreaKind,
    /// The code of the area one level up (a kommun's län, a län's police region).
    pub parent: Option<String>,
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// The outcome of looking up a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaMatch<'a> {
    /// The name is this area: one of the registry's (borrowed), or a city district that is
    /// not in the built-in list but whose city tag names its kommun (owned, its name as
    /// written: `Stadsdelsområde Nytt (Sthlm)` → `0180:nytt`).
    Found(Cow<'a, Area>),
    /// The name is known not to be one of our areas: skip it and count it. The built-in
    /// registry no longer answers this (city districts are areas since 2026-12); readers keep
    /// handling it so that a registry that does stays reported.
    NotAnArea,
    /// The name is not known.
    Unknown,
}

/// The registry of areas: the built-in 290 kommuner, 21 län, 7 police regions and riket,
/// plus any user-defined areas.
///
/// # Examples
/// ```
/// use bra_indicators::{AreaRegistry, AreaMatch};
/// let areas = AreaRegistry::builtin();
/// assert_eq!(areas.kommuner().count(), 290);
/// for name in ["Fagersta", "Fagersta kommun", "FAGERSTA", "1982"] {
///     assert_eq!(areas.code_of(name), Some("1982"));
/// }
/// assert_eq!(areas.code_of("Arjeplogs kommun"), Some("2506"));
/// assert_eq!(areas.code_of("Malung–Sälens kommun"), Some("2023"));
/// assert_eq!(areas.code_of("Region Gotland"), Some("0980"));
/// assert_eq!(areas.code_of("Spånga-Tensta"), Some("0180:spanga_tensta"));
/// assert_eq!(areas.code_of("Stadsdelsområde Bromma (Sthlm)"), Some("0180:bromma"));
/// assert_eq!(areas.get("1982").unwrap().parent.as_deref(), Some("19"));
/// ```
#[derive(Debug, Clone)]
pub struct AreaRegistry {
    areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// The kommuner of each user-defined area, by its code.
    members: HashMap<String, Vec<String>>,
    /// Where each user-defined area's definition came from, by its code.
    notes: HashMap<String, String>,
}

/// The built-in list, in the project's own format (`code,name,kind,parent`).
const BUILTIN: &str = include_str!("../data/areas.csv");

/// The cities whose districts Brå publishes: kommun code, the tags Brå writes after a
/// district's name (normalised), how the built-in districts are named, and their names.
struct City {
    kommun: &'static str,
    tags: &'static [&'static str],
    /// The built-in name of a current district: `{}` is the district.
    current: &'static str,
    districts: &'static [&'static str],
    /// The built-in name of a former district.
    former: &'static str,
    former_districts: &'static [&'static str],
}

/// Stockholm's stadsdelsområden (the 13 from 2020 and the earlier ones), Göteborg's
/// stadsområden (from 2021) and stadsdelar (until 2020), Malmö's stadsområden (from 2013-07)
/// and stadsdelar (until 2013-06).
const CITIES: &[City] = &[
    City {
        kommun: "0180",
        tags: &["(sthlm)", "(stockholm)", "(stockholms stad)"],
        current: "Stadsdelsområde {} (Sthlm)",
        districts: &[
            "Rinkeby-Kista",
            "Spånga-Tensta",
            "Hässelby-Vällingby",
            "Bromma",
            "Kungsholmen",
            "Norrmalm",
            "Östermalm",
            "Södermalm",
            "Enskede-Årsta-Vantör",
            "Skarpnäck",
            "Farsta",
            "Hägersten-Älvsjö",
            "Skärholmen",
        ],
        former: "Stadsdelsområde {} (Sthlm)",
        former_districts: &[
            "Hägersten-Liljeholmen",
            "Älvsjö",
            "Kista",
            "Rinkeby",
            "Liljeholmen",
            "Hägersten",
            "Maria-Gamla stan",
            "Katarina-Sofia",
            "Enskede-Årsta",
            "Vantör",
            "Spånga",
            "Hässelby",
            "Vällingby",
        ],
    },
    City {
        kommun: "1480",
        tags: &["(gbg)", "(göteborg)", "(göteborgs stad)"],
        current: "Stadsområde {} (Gbg)",
        districts: &["Centrum", "Hisingen", "Nordost", "Sydväst"],
        former: "{} stadsdel (upphörde 2021-01-01)",
        former_districts: &[
            "Angered",
            "Östra Göteborg",
            "Örgryte-Härlanda",
            "Centrum",
            "Majorna-Linné",
            "Askim-Frölunda-Högsbo",
            "Västra Göteborg",
            "Västra Hisingen",
            "Lundby",
            "Norra Hisingen",
        ],
    },
    City {
        kommun: "1280",
        tags: &["(malmö)", "(malmö stad)"],
        current: "Stadsområde {} (Malmö)",
        districts: &["Innerstaden", "Norr", "Söder", "Väster", "Öster"],
        former: "{} stadsdel (upphörde 2013-07-01)",
        former_districts: &[
            "Centrum",
            "Södra innerstaden",
            "Västra innerstaden",
            "Limhamn-Bunkeflo",
            "Hyllie",
            "Fosie",
            "Oxie",
            "Rosengård",
            "Husie",
            "Kirseberg",
        ],
    },
];

/// The kommun and the district's own name (normalised) of a city district as Brå writes it,
/// from `n` (a [`normalise`]d name): the city tag decides the kommun; without one, the
/// built-in lists do: today's districts first (`Centrum` is Göteborg's stadsområde), the
/// former ones for a stadsdel that ended (`upphörde`: the year 2013 is Malmö's, otherwise
/// Göteborg's). `None` for a name that is not a district.
fn district_parts(n: &str) -> Option<(&'static str, String)> {
    let tagged = CITIES
        .iter()
        .find(|c| c.tags.iter().any(|t| n.contains(t)))
        .map(|c| c.kommun);
    let ended_2013 = n.contains("2013");
    // Drop every parenthetical: the city tag, `(upphörde 2021-01-01)`.
    let mut s = String::with_capacity(n.len());
    let mut depth = 0usize;
    for c in n.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => s.push(c),
            _ => {}
        }
    }
    let mut core = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut marked = false;
    for prefix in ["stadsdelsområde ", "stadsområde ", "stadsdel "] {
        if let Some(rest) = core.strip_prefix(prefix) {
            core = rest.to_string();
            marked = true;
        }
    }
    for suffix in [" stadsdelsområde", " stadsområde", " stadsdel"] {
        if let Some(rest) = core.strip_suffix(suffix) {
            core = rest.to_string();
            marked = true;
        }
    }
    let core = core.trim().to_string();
    if core.is_empty() || crate::indicator::slug(&core).is_empty() {
        return None;
    }
    if let Some(kommun) = tagged {
        return Some((kommun, core));
    }
    let in_list = |former: bool| -> Vec<&'static str> {
        district_names()
            .iter()
            .filter(|(_, f, name)| *f == former && *name == core)
            .map(|(kommun, ..)| *kommun)
            .collect()
    };
    // A stadsdel that ended (`upphörde`) is a former one; otherwise today's districts first.
    let ended = marked && n.contains("upphörde");
    let current = if ended { Vec::new() } else { in_list(false) };
    if let [one] = current.as_slice() {
        return Some((one, core));
    }
    match in_list(true).as_slice() {
        [one] if current.is_empty() => Some((one, core)),
        [_, _, ..] if current.is_empty() && marked => {
            Some((if ended_2013 { "1280" } else { "1480" }, core))
        }
        _ => None,
    }
}

/// Every built-in district: (kommun, former, normalised name), normalised once.
fn district_names() -> &'static [(&'static str, bool, String)] {
    static NAMES: OnceLock<Vec<(&'static str, bool, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        CITIES
            .iter()
            .flat_map(|c| {
                let now = c
                    .districts
                    .iter()
                    .map(move |d| (c.kommun, false, normalise(d)));
                now.chain(
                    c.former_districts
                        .iter()
                        .map(move |d| (c.kommun, true, normalise(d))),
                )
            })
            .collect()
    })
}

/// The code of a district of `kommun` named `core`: `0180:bromma`.
fn district_code(kommun: &str, core: &str) -> String {
    format!("{kommun}:{}", crate::indicator::slug(core))
}

/// Other names people use for areas, mapped to codes.
const ALIASES: &[(&str, &str)] = &[
    ("riket", "00"),
    ("hela landet", "00"),
    ("hela riket", "00"),
    ("sverige", "00"),
    ("sweden", "00"),
    ("la", "00"),
    ("region gotland", "0980"),
    ("falu", "2080"),
    ("stockholms stad", "0180"),
    ("göteborgs stad", "1480"),
    ("malmö stad", "1280"),
];

/// Kommun codes that changed, mapped to today's code: Heby moved from Västmanlands län to
/// Uppsala län on 2007-01-01 and its code changed from 1917 to 0331 (SCB's note in TAB638).
/// Older SCB files (PX, JSON-stat) still use the old code.
const HISTORIC_CODES: &[(&str, &str)] = &[("1917", "0331")];

impl AreaRegistry {
    /// The built-in registry (parsed once, then shared).
    pub fn builtin() -> &'static AreaRegistry {
        static REGISTRY: OnceLock<AreaRegistry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            // ok: the built-in list is checked by the tests below, so parsing cannot fail here.
            let mut reg = AreaRegistry::parse(BUILTIN).unwrap_or_else(|_| AreaRegistry::empty());
            reg.add_districts();
            reg
        })
    }

    fn empty() -> Self {
        AreaRegistry {
            areas: Vec::new(),
            by_code: HashMap::new(),
            by_name: HashMap::new(),
            members: HashMap::new(),
            notes: HashMap::new(),
        }
    }

    fn parse(text: &str) -> Result<Self> {
        let mut reg = AreaRegistry::empty();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.starts_with("code,") || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split(',').collect();
            let bad = || Error::InvalidArgument(format!("areas.csv:{}: bad row \"{line}\"", i + 1));
            if f.len() != 4 {
                return Err(bad());
            }
            let kind = match f[2] {
                "riket" => AreaKind::Riket,
                "polisregion" => AreaKind::PoliceRegion,
                "lan" => AreaKind::Lan,
                "kommun" => AreaKind::Kommun,
                _ => return Err(bad()),
            };
            reg.add(Area {
                code: f[0].to_string(),
                name: f[1].to_string(),
                kind,
                parent: (!f[3].is_empty()).then(|| f[3].to_string()),
            })?;
        }
        Ok(reg)
    }

    /// Adds the built-in city districts ([`CITIES`]); a former district with the code of a
    /// current one (Göteborg's `Centrum`) becomes another name of it.
    fn add_districts(&mut self) {
        for city in CITIES {
            let named = |pattern: &str, d: &str| pattern.replace("{}", d);
            let all = city
                .districts
                .iter()
                .map(|d| named(city.current, d))
                .chain(city.former_districts.iter().map(|d| named(city.former, d)));
            let cores = city.districts.iter().chain(city.former_districts);
            for (name, core) in all.zip(cores) {
                let code = district_code(city.kommun, &normalise(core));
                if let Some(&i) = self.by_code.get(&code) {
                    self.by_name.entry(normalise(&name)).or_insert(i);
                    continue;
                }
                // ok to ignore: the code is new (checked just above).
                let _ = self.add(Area {
                    code,
                    name,
                    kind: AreaKind::District,
                    parent: Some(city.kommun.to_string()),
                });
            }
        }
    }

    /// Adds an area (for user-defined areas).
    ///
    /// # Errors
    /// When the code is already taken.
    pub fn add(&mut self, area: Area) -> Result<()> {
        if self.by_code.contains_key(&area.code) {
            return Err(Error::InvalidArgument(format!(
                "area code \"{}\" is defined twice",
                area.code
            )));
        }
        let i = self.areas.len();
        self.by_code.insert(area.code.clone(), i);
        self.by_code.entry(area.code.to_lowercase()).or_insert(i);
        let key = normalise(&area.name);
        // A kommun keeps its bare name; a län also answers to its short name ("Västmanland")
        // and a police region to "Region Mitt", unless a kommun already has that name.
        if area.kind == AreaKind::Lan {
            let short = key
                .trim_end_matches(" län")
                .trim_end_matches('s')
                .to_string();
            self.by_name.entry(short).or_insert(i);
        }
        if area.kind == AreaKind::PoliceRegion
            && let Some(rest) = key.strip_prefix("polisregion ")
        {
            self.by_name.entry(format!("region {rest}")).or_insert(i);
            self.by_name
                .entry(format!("polisregion {rest}"))
                .or_insert(i);
        }
        // Kommun names take precedence over the short län names added above.
        if area.kind == AreaKind::Kommun {
            self.by_name.insert(key, i);
        } else {
            self.by_name.entry(key).or_insert(i);
        }
        self.areas.push(area);
        Ok(())
    }

    /// The area with this code (`"1982"`, `"19"`, `"00"`, `"Rn02"`).
    pub fn get(&self, code: &str) -> Option<&Area> {
        self.by_code
            .get(code)
            .or_else(|| self.by_code.get(&code.trim().to_lowercase()))
            .map(|&i| &self.areas[i])
    }

    /// All areas, in registry order (riket, police regions, län, kommuner, user areas).
    pub fn iter(&self) -> impl Iterator<Item = &Area> {
        self.areas.iter()
    }

    /// The 290 kommuner (and no other areas).
    pub fn kommuner(&self) -> impl Iterator<Item = &Area> {
        self.areas.iter().filter(|a| a.kind == AreaKind::Kommun)
    }

    /// The areas whose parent is `code` (the kommuner of a län, the län of a region).
    pub fn children<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.areas
            .iter()
            .filter(move |a| a.parent.as_deref() == Some(code))
    }

    /// The code for a name or code, if it is one of our areas.
    pub fn code_of(&self, name: &str) -> Option<&str> {
        match self.lookup(name) {
            AreaMatch::Found(Cow::Borrowed(a)) => Some(a.code.as_str()),
            // A district outside the built-in list has no code to lend: see `lookup`.
            _ => None,
        }
    }

    /// Looks up a code or a name as written in Brå's, SCB's and Kolada's files.
    ///
    /// Accepted: codes (`1982`, `0114`, `114` padded to `0114`, Heby's old `1917` as `0331`),
    /// `1982 Fagersta`, names in any
    /// case, with ` kommun` / ` stad` / genitive `-s` (`Arjeplogs kommun`), any dash
    /// (`Malung–Sälen`), a parenthetical (`Heby kommun (Uppsala län from 2007)`), `Region
    /// Gotland`, `Hela landet`/`Riket`, län names (`Västmanlands län`, `Västmanland`), and
    /// city districts (`Stadsdelsområde Bromma (Sthlm)`, `Spånga-Tensta`, `0180:bromma`; see
    /// the module's documentation): a district not in the built-in list is found when its city
    /// tag names the kommun, as an owned area named as written.
    ///
    /// ```
    /// use bra_indicators::{AreaKind, AreaMatch, AreaRegistry};
    /// let areas = AreaRegistry::builtin();
    /// let AreaMatch::Found(a) = areas.lookup("Stadsdelsområde Enskede - Årsta - Vantör (Sthlm)") else {
    ///     panic!("a district")
    /// };
    /// assert_eq!((a.code.as_str(), a.kind, a.parent.as_deref()), ("0180:enskede_arsta_vantor", AreaKind::District, Some("0180")));
    /// let AreaMatch::Found(a) = areas.lookup("Stadsområde Nytt (Gbg)") else { panic!("tagged") };
    /// assert_eq!((a.code.as_str(), a.name.as_str()), ("1480:nytt", "Stadsområde Nytt (Gbg)"));
    /// assert_eq!(areas.lookup("Stadsområde Nytt"), AreaMatch::Unknown); // no tag, not listed
    /// ```
    pub fn lookup(&self, name: &str) -> AreaMatch<'_> {
        let found = |i: usize| AreaMatch::Found(Cow::Borrowed(&self.areas[i]));
        let raw = name.trim();
        if let Some(&i) = self.by_code.get(raw) {
            return found(i);
        }
        if let Some(district) = self.district_by_code(raw) {
            return AreaMatch::Found(Cow::Owned(district));
        }
        let n = normalise(raw);
        if n.is_empty() {
            return AreaMatch::Unknown;
        }
        // Codes, possibly followed by the name ("1982 Fagersta"), or without their leading zero.
        let first = n.split(' ').next().unwrap_or("");
        if first.bytes().all(|b| b.is_ascii_digit()) {
            let code = match first.len() {
                1 | 3 => format!("0{first}"),
                _ => first.to_string(),
            };
            if let Some(&i) = self.by_code.get(&code) {
                return found(i);
            }
            if let Some((_, now)) = HISTORIC_CODES.iter().find(|(old, _)| *old == code)
                && let Some(&i) = self.by_code.get(*now)
            {
                return found(i);
            }
        } else if let Some(&i) = self.by_code.get(first)
            && first.starts_with("rn")
        {
            return found(i);
        }
        if let Some(&i) = self.by_name.get(&n) {
            return found(i);
        }
        if let Some(code) = ALIASES.iter().find(|(a, _)| *a == n).map(|(_, c)| *c)
            && let Some(&i) = self.by_code.get(code)
        {
            return found(i);
        }
        if let Some((kommun, core)) = district_parts(&n) {
            let code = district_code(kommun, &core);
            if let Some(&i) = self.by_code.get(&code) {
                return found(i);
            }
            return AreaMatch::Found(Cow::Owned(Area {
                code,
                name: raw.split_whitespace().collect::<Vec<_>>().join(" "),
                kind: AreaKind::District,
                parent: Some(kommun.to_string()),
            }));
        }
        // Strip a parenthetical, then " kommun" / " stad", then a genitive -s.
        let mut stem = n.clone();
        if let Some(open) = stem.find('(') {
            stem = stem[..open].trim().to_string();
        }
        for suffix in [" kommun", " stad", " municipality"] {
            if let Some(s) = stem.strip_suffix(suffix) {
                stem = s.trim().to_string();
            }
        }
        if let Some(s) = stem.strip_prefix("region ")
            && self.by_name.contains_key(s)
        {
            stem = s.to_string();
        }
        // After stripping " kommun" only a kommun may match ("Stockholms kommun" is not the län).
        for candidate in [Some(stem.as_str()), stem.strip_suffix('s')]
            .into_iter()
            .flatten()
        {
            if let Some(&i) = self.by_name.get(candidate)
                && self.areas[i].kind == AreaKind::Kommun
            {
                return found(i);
            }
            if let Some(code) = ALIASES
                .iter()
                .find(|(a, _)| a == &candidate)
                .map(|(_, c)| *c)
                && let Some(&i) = self.by_code.get(code)
            {
                return found(i);
            }
        }
        AreaMatch::Unknown
    }

    /// A district code outside the built-in list (`0180:nytt`): a kommun's code, `:`, a slug.
    fn district_by_code(&self, raw: &str) -> Option<Area> {
        let (kommun, rest) = raw.split_once(':')?;
        let parent = self.get(kommun).filter(|a| a.kind == AreaKind::Kommun)?;
        let is_slug = !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        is_slug.then(|| Area {
            code: raw.to_string(),
            name: raw.to_string(),
            kind: AreaKind::District,
            parent: Some(parent.code.clone()),
        })
    }

    /// Areas whose code starts with, or whose name contains, `query` (case- and
    /// dash-insensitive); all areas for an empty query. For `bra areas QUERY`.
    ///
    /// ```
    /// use bra_indicators::AreaRegistry;
    /// let hits = AreaRegistry::builtin().search("västmanland");
    /// assert_eq!(hits[0].code, "19");
    /// ```
    pub fn search(&self, query: &str) -> Vec<&Area> {
        let q = normalise(query);
        if q.is_empty() {
            return self.areas.iter().collect();
        }
        if let AreaMatch::Found(Cow::Borrowed(a)) = self.lookup(query) {
            // An exact hit first, then the areas inside it (a län's kommuner).
            let mut hits = vec![a];
            hits.extend(self.children(&a.code));
            return hits;
        }
        self.areas
            .iter()
            .filter(|a| a.code.to_lowercase().starts_with(&q) || normalise(&a.name).contains(&q))
            .collect()
    }
}

/// The user's areas file: `[[area]]` tables (see [`AreaRegistry::add_user_areas_toml`]).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AreasFile {
    #[serde(default)]
    area: Vec<UserAreaSpec>,
}

/// One `[[area]]` table of an areas file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UserAreaSpec {
    code: toml::Spanned<String>,
    name: toml::Spanned<String>,
    kommuner: toml::Spanned<Vec<toml::Spanned<String>>>,
    #[serde(default)]
    aliases: Vec<toml::Spanned<String>>,
    parent: Option<toml::Spanned<String>>,
    note: Option<String>,
}

/// What a user area's definition is, when its file says nothing else.
const USER_NOTE: &str = "the user's own configuration (no published kommun-to-area mapping)";

impl AreaRegistry {
    /// The built-in registry plus the user-defined areas of a TOML file (see
    /// [`AreaRegistry::add_user_areas_toml`] for its form).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; [`Error::Input`] with the file and line
    /// for anything wrong in it.
    pub fn with_user_areas(path: &Path) -> Result<AreaRegistry> {
        let text = tomlfile::read_text(path)?;
        let mut registry = AreaRegistry::builtin().clone();
        let name = path.display().to_string();
        crate::error::catch_reader_panic(&name, || registry.add_user_areas_toml(&name, &text))?;
        Ok(registry)
    }

    /// Adds the user-defined areas of a TOML text (from the file `name`); returns how many.
    ///
    /// Each area is a set of kommuner with a prefixed code, so it never collides with an
    /// official code. There is no published mapping of kommuner to local police areas
    /// (lokalpolisområden): which kommuner an area holds is the user's own configuration,
    /// and the registry says so ([`AreaRegistry::note`]).
    ///
    /// ```toml
    /// [[area]]
    /// code = "lpo:norra-vastmanland"            # prefix:name, lowercase
    /// name = "LPO Norra Västmanland"
    /// kommuner = ["Fagersta", "Norberg", "Skinnskatteberg"]   # names or codes
    /// aliases = ["Norra Västmanland"]           # other names used in input files
    /// parent = "19"                             # optional: the area one level up
    /// note = "as the police describe it"        # optional: where the definition comes from
    /// ```
    ///
    /// # Errors
    /// [`Error::Input`] with the file and line: a TOML error, a code without a `prefix:`, a
    /// code or name already taken, a member that is not a kommun, an unknown parent.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{AreaKind, AreaRegistry};
    /// let mut areas = AreaRegistry::builtin().clone();
    /// let toml = r#"
    /// [[area]]
    /// code = "lpo:norra-vastmanland"
    /// name = "LPO Norra Västmanland"
    /// kommuner = ["Fagersta", "Norberg", "Skinnskatteberg"]
    /// aliases = ["Norra Västmanland"]
    /// "#;
    /// assert_eq!(areas.add_user_areas_toml("areas.toml", toml)?, 1);
    /// assert_eq!(areas.code_of("Norra Västmanland"), Some("lpo:norra-vastmanland"));
    /// assert_eq!(areas.members("lpo:norra-vastmanland"), ["1982", "1962", "1904"]);
    /// assert_eq!(areas.get("lpo:norra-vastmanland").unwrap().kind, AreaKind::UserDefined);
    /// assert_eq!(areas.user_areas_of("1982").next().unwrap().code, "lpo:norra-vastmanland");
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    pub fn add_user_areas_toml(&mut self, name: &str, text: &str) -> Result<usize> {
        let file: AreasFile = tomlfile::parse(name, text)?;
        let at = |span: std::ops::Range<usize>| tomlfile::at(name, text, span);
        let count = file.area.len();
        for spec in file.area {
            let code = spec.code.get_ref().trim().to_string();
            if !is_user_code(&code) {
                return Err(Error::input(
                    at(spec.code.span()).field("code"),
                    format!(
                        "expected a prefixed code such as \"lpo:norra-vastmanland\" (lowercase \
                         letters, then ':', then letters, digits, '-' or '_'), found \"{code}\""
                    ),
                ));
            }
            let area_name = spec.name.get_ref().trim().to_string();
            if area_name.is_empty() {
                return Err(Error::input(
                    at(spec.name.span()).field("name"),
                    "expected a name for the area, found an empty text",
                ));
            }
            let mut members = Vec::new();
            for member in spec.kommuner.get_ref() {
                match self.lookup(member.get_ref()) {
                    AreaMatch::Found(a) if a.kind == AreaKind::Kommun => {
                        if !members.contains(&a.code) {
                            members.push(a.code.clone());
                        }
                    }
                    AreaMatch::Found(a) => {
                        return Err(Error::input(
                            at(member.span()).field("kommuner"),
                            format!(
                                "\"{}\" is {} {}, not a kommun: expected kommun names or codes",
                                member.get_ref(),
                                a.kind.label_sv(),
                                a
                            ),
                        ));
                    }
                    _ => {
                        return Err(Error::input(
                            at(member.span()).field("kommuner"),
                            format!(
                                "unknown kommun \"{}\": expected a kommun name or code (list them with `bra areas`)",
                                member.get_ref()
                            ),
                        ));
                    }
                }
            }
            if members.is_empty() {
                return Err(Error::input(
                    at(spec.kommuner.span()).field("kommuner"),
                    "expected at least one kommun in the area",
                ));
            }
            let parent = match &spec.parent {
                Some(p) => match self.lookup(p.get_ref()) {
                    AreaMatch::Found(a) => Some(a.code.clone()),
                    _ => {
                        return Err(Error::input(
                            at(p.span()).field("parent"),
                            format!("unknown parent area \"{}\"", p.get_ref()),
                        ));
                    }
                },
                None => None,
            };
            let taken = |reg: &AreaRegistry, label: &str| match reg.lookup(label) {
                AreaMatch::Found(a) => Some(a.to_string()),
                _ => None,
            };
            if let Some(other) = taken(self, &code) {
                return Err(Error::input(
                    at(spec.code.span()).field("code"),
                    format!("the code \"{code}\" is already taken by {other}"),
                ));
            }
            if let Some(other) = taken(self, &area_name) {
                return Err(Error::input(
                    at(spec.name.span()).field("name"),
                    format!("the name \"{area_name}\" already means {other}"),
                ));
            }
            self.add(Area {
                code: code.clone(),
                name: area_name,
                kind: AreaKind::UserDefined,
                parent,
            })?;
            for alias in &spec.aliases {
                if let Some(other) = taken(self, alias.get_ref()) {
                    return Err(Error::input(
                        at(alias.span()).field("aliases"),
                        format!("the alias \"{}\" already means {other}", alias.get_ref()),
                    ));
                }
                if let Some(&i) = self.by_code.get(&code) {
                    self.by_name.insert(normalise(alias.get_ref()), i);
                }
            }
            let note = match spec.note {
                Some(n) if !n.trim().is_empty() => format!("{}; from {name}", n.trim()),
                _ => format!("{USER_NOTE}; from {name}"),
            };
            self.members.insert(code.clone(), members);
            self.notes.insert(code, note);
        }
        Ok(count)
    }

    /// The kommun codes of a user-defined area (empty for other areas).
    pub fn members(&self, code: &str) -> &[String] {
        self.get(code)
            .and_then(|a| self.members.get(&a.code))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The user-defined areas that hold the kommun `code` (e.g. Fagersta's local police area).
    pub fn user_areas_of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Area> + 'a {
        self.areas.iter().filter(move |a| {
            a.kind == AreaKind::UserDefined
                && self
                    .members
                    .get(&a.code)
                    .is_some_and(|m| m.iter().any(|k| k == code))
        })
    }

    /// Where a user-defined area's definition came from (the user's file, and its `note`).
    pub fn note(&self, code: &str) -> Option<&str> {
        self.get(code)
            .and_then(|a| self.notes.get(&a.code))
            .map(String::as_str)
    }
}

/// Whether `code` has the form of a user-defined area code: `prefix:name`, lowercase ASCII.
fn is_user_code(code: &str) -> bool {
    let Some((prefix, rest)) = code.split_once(':') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Folds case, dashes, spaces and quotes so that spellings of one name compare equal.
pub(crate) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '"' | '\u{feff}' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out.replace(" - ", "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_every_area() {
        let r = AreaRegistry::parse(BUILTIN).expect("built-in list parses");
        assert_eq!(r.kommuner().count(), 290);
        assert_eq!(r.iter().filter(|a| a.kind == AreaKind::Lan).count(), 21);
        assert_eq!(
            r.iter()
                .filter(|a| a.kind == AreaKind::PoliceRegion)
                .count(),
            7
        );
        assert_eq!(r.get("00").unwrap().kind, AreaKind::Riket);
        // Every kommun's parent is a län, every län's parent a police region.
        for a in r.kommuner() {
            let p = r.get(a.parent.as_deref().unwrap()).unwrap();
            assert_eq!(p.kind, AreaKind::Lan, "{a}");
        }
        assert_eq!(r.get("19").unwrap().parent.as_deref(), Some("Rn02"));
        assert_eq!(r.children("19").count(), 10);
        // Every kommun is found by its own name, and names are unique.
        for a in r.kommuner() {
            assert_eq!(r.code_of(&a.name), Some(a.code.as_str()), "{a}");
            assert_eq!(
                r.code_of(&format!("{} kommun", a.name)),
                Some(a.code.as_str()),
                "{a}"
            );
        }
    }

    #[test]
    fn tolerant_lookup() {
        let r = AreaRegistry::builtin();
        let cases = [
            ("Fagersta", "1982"),
            ("  fagersta KOMMUN ", "1982"),
            ("1982 Fagersta", "1982"),
            ("Arjeplogs kommun", "2506"),
            ("Borås kommun", "1490"),
            ("Borås", "1490"),
            ("Malung–Sälen", "2023"),
            ("Malung—Sälens kommun", "2023"),
            ("Region Gotland", "0980"),
            ("Gotland kommun", "0980"),
            ("Gotlands kommun", "0980"),
            ("Falu kommun", "2080"),
            ("Stockholms stad", "0180"),
            ("Heby kommun (Uppsala län from 2007)", "0331"),
            ("Upplands Väsby", "0114"),
            ("Upplands-Bro kommun", "0139"),
            ("Lilla Edets kommun", "1462"),
            ("Hela landet", "00"),
            ("Riket", "00"),
            ("Västmanlands län", "19"),
            ("Västmanland", "19"),
            ("Stockholm", "0180"),
            ("Stockholms län", "01"),
            ("Gotlands län", "09"),
            ("Polisregion Mitt", "Rn02"),
            ("Region Mitt", "Rn02"),
            ("rn02", "Rn02"),
            ("114", "0114"),
            ("1917", "0331"),
            ("1917 Heby", "0331"),
        ];
        for (name, code) in cases {
            assert_eq!(r.code_of(name), Some(code), "{name}");
        }
        let districts = [
            ("Spånga-Tensta", "0180:spanga_tensta"),
            ("Stadsdelsområde Bromma (Sthlm)", "0180:bromma"),
            (
                "Stadsdelsområde Enskede - Årsta - Vantör (Sthlm)",
                "0180:enskede_arsta_vantor",
            ),
            ("Stadsområde Centrum (Gbg)", "1480:centrum"),
            ("Angered stadsdel (upphörde 2021-01-01)", "1480:angered"),
            ("Centrum stadsdel (upphörde 2021-01-01)", "1480:centrum"),
            ("Centrum stadsdel (upphörde 2013-07-01)", "1280:centrum"),
            ("Stadsområde Norr (Malmö)", "1280:norr"),
            ("Kista stadsdel (upphörde 2021-01-01)", "0180:kista"),
            ("0180:bromma", "0180:bromma"),
            ("Centrum", "1480:centrum"),
            ("Fosie", "1280:fosie"),
        ];
        for (name, code) in districts {
            assert_eq!(r.code_of(name), Some(code), "{name}");
            let AreaMatch::Found(a) = r.lookup(name) else {
                panic!("{name}")
            };
            assert_eq!(a.kind, AreaKind::District, "{name}");
            assert_eq!(a.parent.as_deref(), Some(&code[..4]), "{name}");
        }
        // Outside the list: the tag decides; the name is kept as written.
        let AreaMatch::Found(a) = r.lookup("Stadsdelsområde Ny  stad (Sthlm)") else {
            panic!("tagged district")
        };
        assert_eq!(
            (a.code.as_str(), a.name.as_str(), a.parent.as_deref()),
            (
                "0180:ny_stad",
                "Stadsdelsområde Ny stad (Sthlm)",
                Some("0180")
            )
        );
        assert!(matches!(
            r.lookup("0180:ny_stad"),
            AreaMatch::Found(Cow::Owned(_))
        ));
        // Not a district: no tag and not listed, ambiguous, or not under a kommun.
        for unknown in [
            "Stadsområde Nytt",
            "Nytt stadsdel (upphörde 2021-01-01)",
            "9999:bromma",
            "19:bromma",
            "0180:Bromma X",
        ] {
            assert_eq!(r.lookup(unknown), AreaMatch::Unknown, "{unknown}");
        }
        // Every built-in district is found by its own name and code.
        let listed: Vec<&Area> = r.iter().filter(|a| a.kind == AreaKind::District).collect();
        assert_eq!(listed.len(), 13 + 13 + 4 + 9 + 5 + 10);
        for a in listed {
            assert_eq!(r.code_of(&a.name), Some(a.code.as_str()), "{a}");
            assert_eq!(r.code_of(&a.code), Some(a.code.as_str()), "{a}");
        }
        for unknown in ["Atlantis", "", "Fagerstaa", "9999"] {
            assert_eq!(r.lookup(unknown), AreaMatch::Unknown, "{unknown}");
        }
    }

    #[test]
    fn user_areas_from_toml() {
        let mut r = AreaRegistry::builtin().clone();
        let toml = "[[area]]\ncode = \"lpo:norra-vastmanland\"\nname = \"LPO Norra Västmanland\"\n\
                    kommuner = [\"Fagersta\", \"1962\", \"Skinnskattebergs kommun\", \"Fagersta\"]\n\
                    aliases = [\"Norra Västmanland\"]\nparent = \"Västmanlands län\"\n";
        assert_eq!(r.add_user_areas_toml("a.toml", toml).expect("valid"), 1);
        let a = r.get("lpo:norra-vastmanland").expect("added");
        assert_eq!(
            (a.kind, a.parent.as_deref()),
            (AreaKind::UserDefined, Some("19"))
        );
        assert_eq!(r.members(&a.code), ["1982", "1962", "1904"]); // duplicates once
        for name in [
            "Norra Västmanland",
            "norra  västmanland",
            "LPO Norra Västmanland",
        ] {
            assert_eq!(r.code_of(name), Some("lpo:norra-vastmanland"), "{name}");
        }
        assert!(
            r.note("lpo:norra-vastmanland")
                .is_some_and(|n| n.contains("user's own"))
        );
        assert_eq!(r.user_areas_of("1904").count(), 1);
        assert_eq!(r.user_areas_of("1980").count(), 0);
        // The built-in registry is untouched.
        assert_eq!(AreaRegistry::builtin().code_of("Norra Västmanland"), None);
    }

    #[test]
    fn bad_user_areas_say_where() {
        let area = |body: &str| format!("[[area]]\n{body}");
        let cases = [
            (
                area("code = \"norra\"\nname = \"N\"\nkommuner = [\"Fagersta\"]\n"),
                "a.toml:2: column \"code\": expected a prefixed code",
            ),
            (
                area(
                    "code = \"lpo:x\"\nname = \"N\"\nkommuner = [\"Fagersta\", \"Västmanlands län\"]\n",
                ),
                "a.toml:4: column \"kommuner\": \"Västmanlands län\" is län 19",
            ),
            (
                area("code = \"lpo:x\"\nname = \"N\"\nkommuner = []\n"),
                "a.toml:4: column \"kommuner\": expected at least one kommun",
            ),
            (
                area("code = \"lpo:x\"\nname = \"Fagersta\"\nkommuner = [\"Fagersta\"]\n"),
                "a.toml:3: column \"name\": the name \"Fagersta\" already means 1982 Fagersta",
            ),
            (
                area(
                    "code = \"lpo:x\"\nname = \"N\"\nkommuner = [\"Fagersta\"]\naliases = [\"Riket\"]\n",
                ),
                "a.toml:5: column \"aliases\": the alias \"Riket\" already means 00 Riket",
            ),
            (
                area(
                    "code = \"lpo:x\"\nname = \"N\"\nkommuner = [\"Fagersta\"]\nparent = \"Mars\"\n",
                ),
                "a.toml:5: column \"parent\": unknown parent area \"Mars\"",
            ),
            (
                area("code = \"lpo:x\"\nnamn = \"N\"\nkommuner = [\"Fagersta\"]\n"),
                "a.toml:3: unknown field `namn`",
            ),
        ];
        for (toml, want) in cases {
            let mut r = AreaRegistry::builtin().clone();
            let err = r.add_user_areas_toml("a.toml", &toml).expect_err(want);
            assert!(err.to_string().starts_with(want), "{err}\nexpected: {want}");
        }
        // The same code twice.
        let mut r = AreaRegistry::builtin().clone();
        let one = area("code = \"lpo:x\"\nname = \"N\"\nkommuner = [\"Fagersta\"]\n");
        let err = r
            .add_user_areas_toml("a.toml", &format!("{one}{}", one.replace("\"N\"", "\"M\"")))
            .expect_err("code twice");
        assert!(
            err.to_string().contains("already taken by lpo:x N"),
            "{err}"
        );
    }

    #[test]
    fn search_finds_a_county_and_its_kommuner() {
        let hits = AreaRegistry::builtin().search("Västmanlands län");
        assert_eq!(hits.len(), 11);
        assert!(hits.iter().any(|a| a.code == "1982"));
        assert!(
            AreaRegistry::builtin()
                .search("sala")
                .iter()
                .any(|a| a.code == "1981")
        );
    }
}
