//! Fuzz target: the Excel reader (calamine behind the unpacked-size and grid checks) must never
//! panic or allocate without bound, whatever the bytes.
#![no_main]

use bra_indicators::{Format, ReadOptions, read_table_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = ReadOptions {
        format: Format::Xlsx,
        limits: bra_indicators::Limits {
            max_cells: 1_000_000,
            max_unpacked_bytes: 64 << 20,
            ..Default::default()
        },
        ..ReadOptions::default()
    };
    let _ = read_table_bytes("fuzz.xlsx", data, &options);
});
