//! Fuzz target `counts_file`: see `targets::counts_file` (fuzz/targets.rs) for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)] // each binary uses one of the bodies
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::counts_file(data));
