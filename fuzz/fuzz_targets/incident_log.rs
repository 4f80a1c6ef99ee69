//! Fuzz target `incident_log`: see `targets::incident_log` (fuzz/targets.rs) for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)] // each binary uses one of the bodies
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::incident_log(data));
