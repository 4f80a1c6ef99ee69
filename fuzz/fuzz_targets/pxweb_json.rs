//! Fuzz target `pxweb_json`: see `targets::pxweb_json` (fuzz/targets.rs) for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)] // each binary uses one of the bodies
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::pxweb_json(data));
