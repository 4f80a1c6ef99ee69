//! Fuzz target: goals files (TOML) never panic.
#![no_main]

use bra_indicators::parse_goals;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_goals("fuzz.toml", text, std::path::Path::new(""));
    }
});
