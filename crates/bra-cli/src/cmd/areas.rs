//! `bra areas`.

use crate::cli::{AreasArgs, Global};
use crate::cmd::area_registry;
use anyhow::{Result, bail};
use bra_indicators::labels::cli as phrase;
use std::io::Write;

pub fn run(args: &AreasArgs, global: &Global) -> Result<()> {
    let registry = area_registry(args.areas.as_deref())?;
    let hits = registry.search(args.query.as_deref().unwrap_or(""));
    if hits.is_empty() {
        bail!(
            "no area matches \"{}\": expected a kommun, län or police region name or code (run `bra areas` for the list)",
            args.query.as_deref().unwrap_or("")
        );
    }
    let lang = global.lang;
    let (h_code, h_name, h_kind, h_parent) = (
        phrase::CODE.get(lang),
        phrase::NAME.get(lang),
        phrase::KIND.get(lang),
        phrase::PART_OF.get(lang),
    );
    // Wide enough for the longest code and name shown (city districts: `0180:bromma`).
    let wc = hits
        .iter()
        .map(|a| a.code.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    let wn = hits
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(28);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{h_code:<wc$} {h_name:<wn$} {h_kind:<12} {h_parent}")?;
    for a in hits {
        let kind = lang.pick(a.kind.label_sv(), a.kind.code());
        let parent = a
            .parent
            .as_deref()
            .and_then(|p| registry.get(p))
            .map(|p| format!("{} {}", p.code, p.name))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<wc$} {:<wn$} {:<12} {}",
            a.code, a.name, kind, parent
        )?;
        let members = registry.members(&a.code);
        if !members.is_empty() {
            let names: Vec<String> = members
                .iter()
                .map(|m| match registry.get(m) {
                    Some(k) => format!("{} {}", k.code, k.name),
                    None => m.clone(),
                })
                .collect();
            let (holds, note) = (phrase::HOLDS.get(lang), phrase::DEFINITION.get(lang));
            writeln!(out, "       {holds}: {}", names.join(", "))?;
            if let Some(n) = registry.note(&a.code) {
                writeln!(out, "       {note}: {n}")?;
            }
        }
    }
    Ok(())
}
