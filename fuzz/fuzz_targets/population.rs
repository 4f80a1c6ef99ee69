//! Fuzz target: population files (CSV, PX, JSON-stat detected from content) never panic.
#![no_main]

use bra_indicators::read_population_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_population_bytes("fuzz", data);
});
