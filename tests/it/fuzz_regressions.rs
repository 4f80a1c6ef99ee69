//! Replays every fuzz seed (fuzz/seeds/<target>) and every crash input found by fuzzing
//! (tests/fuzz_regressions/<target>) through the fuzz targets' bodies (fuzz/targets.rs), so a
//! fixed crash stays fixed without cargo-fuzz or a nightly compiler.

use crate::root;

#[path = "../../fuzz/targets.rs"]
#[allow(dead_code)]
mod targets;

#[test]
fn seeds_and_crash_inputs_run_without_panicking() {
    let mut ran = 0;
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
                let outcome = std::panic::catch_unwind(|| body(&data));
                assert!(outcome.is_ok(), "{name} panicked on {}", path.display());
                ran += 1;
            }
        }
    }
    assert!(ran >= 20, "only {ran} inputs replayed");
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
