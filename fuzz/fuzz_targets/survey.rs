//! Fuzz target: survey files (canonical long CSV, Brå's wide NTU layout) never panic.
#![no_main]

use bra_indicators::{ReadOptions, read_survey_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read_survey_bytes("fuzz", data, &ReadOptions::default());
});
