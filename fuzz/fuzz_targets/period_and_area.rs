//! Fuzz target: period parsing and area-name lookup never panic, and a parsed period prints
//! back to a string that parses to the same period.
#![no_main]

use bra_indicators::{AreaRegistry, Period};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = text.parse::<Period>() {
            let again: Period = p.to_string().parse().expect("a printed period parses");
            assert_eq!(p, again);
        }
        let _ = AreaRegistry::builtin().lookup(text);
        let _ = AreaRegistry::builtin().search(text);
    }
});
