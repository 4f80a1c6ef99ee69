//! Fuzz target `xlsx`: see `targets::xlsx` (fuzz/targets.rs) for what it checks.
#![no_main]

#[path = "../targets.rs"]
#[allow(dead_code)] // each binary uses one of the bodies
mod targets;

// A panic inside calamine is caught by the library (`catch_unwind`) and becomes an error that
// names the file, which is what this target checks; any other panic is a crash as usual.
libfuzzer_sys::fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|info| {
            if !info.location().is_some_and(|l| l.file().contains("calamine")) {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    },
    |data: &[u8]| targets::xlsx(data)
);
