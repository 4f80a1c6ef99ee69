//! Replays every fuzz seed (fuzz/seeds/<target>) and every crash input found by fuzzing
//! (tests/fuzz_regressions/<target>) through the fuzz targets' bodies (fuzz/targets.rs), so a
//! fixed crash stays fixed without cargo-fuzz or a nightly compiler.
//!
//! The library turns a panic inside a reader into an error (`catch_reader_panic`), so a panic
//! would not reach this test as one: like the fuzz binaries (whose libFuzzer panic hook aborts
//! on any panic, caught or not), the replay records every panic through a panic hook and fails
//! on any outside calamine (whose panics the library wraps by design, FORMATS.md).

use crate::root;
use std::cell::RefCell;
use std::sync::Once;

#[path = "../../fuzz/targets.rs"]
#[allow(dead_code)]
mod targets;

thread_local! {
    /// While replaying on this thread: the panics seen (location and message).
    static RECORDED: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records panics on a replaying thread and leaves every
/// other thread (the other tests) to the previous hook.
fn install_recording_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let recorded = RECORDED.with(|r| {
                let mut r = r.borrow_mut();
                match r.as_mut() {
                    Some(seen) => {
                        let at = info
                            .location()
                            .map(|l| format!("{}:{}", l.file(), l.line()))
                            .unwrap_or_default();
                        seen.push(format!("{at}: {info}"));
                        true
                    }
                    None => false,
                }
            });
            if !recorded {
                previous(info);
            }
        }));
    });
}

/// Runs `body` on `data` and returns the panics outside calamine, caught or not.
fn panics_outside_calamine(body: fn(&[u8]), data: &[u8]) -> Vec<String> {
    install_recording_hook();
    RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let outcome = std::panic::catch_unwind(|| body(data));
    let seen = RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default();
    let mut bad: Vec<String> = seen
        .into_iter()
        .filter(|p| !p.split(':').next().unwrap_or("").contains("calamine"))
        .collect();
    if outcome.is_err() && bad.is_empty() {
        bad.push("the body panicked".to_string());
    }
    bad
}

#[test]
fn seeds_and_crash_inputs_run_without_panicking() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (name, body) in targets::TARGETS {
        for folder in [
            root().join("fuzz/seeds"),
            root().join("tests/fuzz_regressions"),
        ] {
            let Ok(entries) = std::fs::read_dir(folder.join(name)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                let data = std::fs::read(&path).unwrap();
                let started = std::time::Instant::now();
                for panic in panics_outside_calamine(body, &data) {
                    failures.push(format!("{name} panicked on {}: {panic}", path.display()));
                }
                // Inputs the fuzzer stopped on for their time (`slow-`, `timeout-`) must stay
                // fast: the Brå export's footnote scan once took 73 s on 64,757 rows (debug).
                let took = started.elapsed();
                let file = path.file_name().unwrap().to_string_lossy().to_string();
                if (file.starts_with("slow-") || file.starts_with("timeout-"))
                    && took > std::time::Duration::from_secs(10)
                {
                    failures.push(format!("{name} took {took:?} on {}", path.display()));
                }
                ran += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 20, "only {ran} inputs replayed");
}

#[test]
fn a_panic_caught_inside_the_library_is_still_seen() {
    // The replay would be worthless if a reader's panic, turned into an error by the library,
    // went unseen: a body that panics and catches it must be reported.
    fn caught(_: &[u8]) {
        let _ = std::panic::catch_unwind(|| panic!("index out of bounds"));
    }
    fn clean(data: &[u8]) {
        assert!(data.len() < 10);
    }
    let seen = panics_outside_calamine(caught, b"x");
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].contains("index out of bounds"), "{seen:?}");
    assert!(panics_outside_calamine(clean, b"x").is_empty());
}

#[test]
fn every_target_has_seeds() {
    for (name, _) in targets::TARGETS {
        let seeds = std::fs::read_dir(root().join("fuzz/seeds").join(name))
            .map(|d| d.count())
            .unwrap_or(0);
        assert!(seeds > 0, "fuzz/seeds/{name} is empty");
    }
}
