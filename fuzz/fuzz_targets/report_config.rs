//! Fuzz target: report configs (TOML) never panic.
#![no_main]

use bra_indicators::ReportConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ReportConfig::from_toml_str(text, std::path::Path::new("fuzz.toml"));
    }
});
