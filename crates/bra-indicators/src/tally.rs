//! Warnings counted by kind with a few examples each: what a run over millions of rows reports
//! without holding millions of messages (readers, rates and charts use it alike).

use crate::warning::{Warning, WarningKind, WarningSummary};

/// Warnings counted by kind, keeping only the first few of each as examples: what the command
/// line prints, without holding millions of messages.
#[derive(Debug, Clone)]
pub(crate) struct WarningTally {
    examples: usize,
    kinds: Vec<WarningSummary>,
}

impl WarningTally {
    /// A tally that keeps `examples` messages of each kind.
    pub(crate) fn new(examples: usize) -> Self {
        WarningTally {
            examples,
            kinds: Vec::new(),
        }
    }

    /// Counts one warning of `kind`; `make` runs only when it is kept as an example.
    pub(crate) fn add(&mut self, kind: WarningKind, make: impl FnOnce() -> Warning) {
        let s = match self.kinds.iter().position(|s| s.kind == kind) {
            Some(j) => &mut self.kinds[j],
            None => {
                self.kinds.push(WarningSummary {
                    kind,
                    count: 0,
                    examples: Vec::new(),
                });
                let last = self.kinds.len() - 1;
                &mut self.kinds[last]
            }
        };
        s.count += 1;
        if s.examples.len() < self.examples {
            s.examples.push(make().to_string());
        }
    }

    /// Counts every warning of `warnings`, in order.
    pub(crate) fn extend(&mut self, warnings: &[Warning]) {
        for w in warnings {
            self.add(w.kind, || w.clone());
        }
    }

    /// Counts every warning of `warnings` (kept with their rows), in order.
    pub(crate) fn extend_rows(&mut self, warnings: &[(usize, Warning)]) {
        for (_, w) in warnings {
            self.add(w.kind, || w.clone());
        }
    }

    /// The summaries, ordered by kind as [`crate::summarise_warnings`] orders them.
    pub(crate) fn into_summaries(mut self) -> Vec<WarningSummary> {
        self.kinds.sort_by_key(|s| s.kind);
        self.kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_keeps_counts_and_the_first_examples() {
        let mut t = WarningTally::new(2);
        for i in 0..5 {
            t.add(WarningKind::SmallCount, || {
                Warning::new(WarningKind::SmallCount, None, format!("small {i}"))
            });
        }
        t.add(WarningKind::NotAnArea, || {
            Warning::new(WarningKind::NotAnArea, None, "district")
        });
        let s = t.into_summaries();
        assert_eq!(s[0].kind, WarningKind::NotAnArea); // ordered by kind
        assert_eq!(
            (s[1].count, s[1].examples.clone()),
            (5, vec!["small 0".to_string(), "small 1".to_string()])
        );
    }
}
