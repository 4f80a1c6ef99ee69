//! The one resolution step of every reader: an area name or code, a period and an indicator
//! label become the canonical area code, [`Period`] and indicator id, each distinct text once
//! (dictionary encoding), never once per row.
//!
//! The fast reader resolves each distinct value of its categorical columns with the free
//! functions here ([`area`], [`period`], [`indicator`]); the row readers (the canonical CSV,
//! Brå's annual and older CSVs, SOL long, Brå's statistics-database exports, population CSVs)
//! go through a [`Resolver`], which answers a text it has seen from its dictionary. Both give
//! the same values, so every layout reaches the same canonical table. The Kolada reader parses
//! its periods through a [`Resolver`] and keeps its own dictionary of municipality ids and KPIs
//! (Kolada's ids are not names: `0019` is län 19); the cube readers (PX, JSON-stat, PxWeb,
//! SCB's CSV) resolve each category of a dimension once.

use crate::area::{Area, AreaMatch, AreaRegistry};
use crate::error::Result;
use crate::indicator::{IndicatorRegistry, is_indicator_id, slug};
use crate::period::Period;
use std::borrow::Cow;
use std::collections::HashMap;

/// What an area text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AreaHit {
    /// This area code (`1982`, `0180:bromma`).
    Found(String),
    /// Known not to be one of our areas: the row is skipped (and counted).
    NotAnArea,
    /// Not known.
    Unknown,
}

/// The area that `raw` names in `registry`.
pub(crate) fn area(registry: &AreaRegistry, raw: &str) -> AreaHit {
    match registry.lookup(raw) {
        AreaMatch::Found(a) => AreaHit::Found(a.code.clone()),
        AreaMatch::NotAnArea => AreaHit::NotAnArea,
        AreaMatch::Unknown => AreaHit::Unknown,
    }
}

/// The registry's own area that `raw` names: `None` for a city district outside the built-in
/// list (which [`area`] still gives a code) and for what is not an area.
pub(crate) fn registered_area<'r>(registry: &'r AreaRegistry, raw: &str) -> Option<&'r Area> {
    match registry.lookup(raw) {
        AreaMatch::Found(Cow::Borrowed(a)) => Some(a),
        _ => None,
    }
}

/// The period `raw` writes (`2020`, `2020K3`, `2020M03`, `2019-2021`).
///
/// # Errors
/// What [`Period`]'s parser says is wrong; the caller adds where.
pub(crate) fn period(raw: &str) -> Result<Period> {
    raw.parse()
}

/// The indicator id of a Brå category label or path, as every Brå reader gives it: an id as
/// it stands, a label (or the tail of a path) known to `registry`, else `brott.<slug>`; with
/// whether it was known. `None` when the label has no letters or digits.
pub(crate) fn indicator(registry: &IndicatorRegistry, raw: &str) -> Option<(String, bool)> {
    if is_indicator_id(raw) {
        return Some((raw.to_string(), true));
    }
    if let Some(id) = registry.id_for_label(raw) {
        return Some((id.to_string(), true));
    }
    let s = slug(raw);
    (!s.is_empty()).then(|| (format!("brott.{s}"), false))
}

/// Resolves texts against the registries once each: a dictionary per kind of value.
#[derive(Debug)]
pub(crate) struct Resolver<'r> {
    areas: &'r AreaRegistry,
    indicators: &'r IndicatorRegistry,
    area_of: HashMap<String, AreaHit>,
    period_of: HashMap<String, Period>,
    indicator_of: HashMap<String, Option<(String, bool)>>,
}

impl<'r> Resolver<'r> {
    /// A resolver with empty dictionaries.
    pub(crate) fn new(areas: &'r AreaRegistry, indicators: &'r IndicatorRegistry) -> Self {
        Resolver {
            areas,
            indicators,
            area_of: HashMap::new(),
            period_of: HashMap::new(),
            indicator_of: HashMap::new(),
        }
    }

    /// [`area`], once per distinct `raw`.
    pub(crate) fn area(&mut self, raw: &str) -> &AreaHit {
        if !self.area_of.contains_key(raw) {
            let hit = area(self.areas, raw);
            self.area_of.insert(raw.to_string(), hit);
        }
        // ok: inserted just above when it was missing
        &self.area_of[raw]
    }

    /// [`period`], once per distinct `raw` that is a period (an error stops the read).
    ///
    /// # Errors
    /// As [`period`].
    pub(crate) fn period(&mut self, raw: &str) -> Result<Period> {
        if let Some(p) = self.period_of.get(raw) {
            return Ok(*p);
        }
        let p = period(raw)?;
        self.period_of.insert(raw.to_string(), p);
        Ok(p)
    }

    /// [`indicator`], once per distinct `raw`.
    pub(crate) fn indicator(&mut self, raw: &str) -> Option<(String, bool)> {
        if let Some(hit) = self.indicator_of.get(raw) {
            return hit.clone();
        }
        let hit = indicator(self.indicators, raw);
        self.indicator_of.insert(raw.to_string(), hit.clone());
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_resolves_as_the_registries_say_and_is_remembered() {
        let areas = AreaRegistry::builtin();
        let indicators = IndicatorRegistry::builtin();
        let mut r = Resolver::new(areas, indicators);
        for _ in 0..2 {
            assert_eq!(r.area("Fagersta kommun"), &AreaHit::Found("1982".into()));
            assert_eq!(r.area("Atlantis"), &AreaHit::Unknown);
            assert_eq!(r.period("2020K3").ok(), Some(Period::Quarter(2020, 3)));
            assert!(r.period("2020M13").is_err());
            assert_eq!(
                r.indicator("brott.totalt"),
                Some(("brott.totalt".into(), true))
            );
            assert_eq!(r.indicator("Olaga hot"), indicator(indicators, "Olaga hot"));
            assert_eq!(
                r.indicator("Nya brott"),
                Some(("brott.nya_brott".into(), false))
            );
            assert_eq!(r.indicator("--"), None);
        }
        assert_eq!(r.area_of.len(), 2);
        assert_eq!(r.period_of.len(), 1);
    }
}
