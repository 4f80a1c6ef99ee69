//! Fuzz target: the jsonstat reader must never panic, whatever the bytes.
#![no_main]

use bra_indicators::{Format, ReadOptions, read_table_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        format: Format::JsonStat,
        limits: bra_indicators::Limits {
            max_cells: 1_000_000,
            ..Default::default()
        },
        ..ReadOptions::default()
    };
    let _ = read_table_bytes("fuzz", data, &options);
});
