//! `bra areas`.

use crate::cli::{AreasArgs, Global, Lang};
use crate::cmd::area_registry;
use anyhow::{Result, bail};
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
    let (h_code, h_name, h_kind, h_parent) = match global.lang {
        Lang::Sv => ("Kod", "Namn", "Typ", "Tillhör"),
        Lang::En => ("Code", "Name", "Kind", "Part of"),
    };
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
        let kind = match global.lang {
            Lang::Sv => a.kind.label_sv(),
            Lang::En => a.kind.code(),
        };
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
            let (holds, note) = match global.lang {
                Lang::Sv => ("består av", "definition"),
                Lang::En => ("holds", "definition"),
            };
            writeln!(out, "       {holds}: {}", names.join(", "))?;
            if let Some(n) = registry.note(&a.code) {
                writeln!(out, "       {note}: {n}")?;
            }
        }
    }
    Ok(())
}
