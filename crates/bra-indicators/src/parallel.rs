//! Data parallelism shared by every part of the library (trends per series, chart files, the
//! chunks of a counts file): rayon's global pool (polars 0.55 runs its own pool of the same
//! size beside it).

use rayon::prelude::*;

/// `f` of every item, computed on all cores, in the items' order; a panic in `f` is passed on
/// to the caller.
pub(crate) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.par_iter().map(&f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_the_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |i| i * 2),
            items.iter().map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(parallel_map(&[] as &[usize], |i| *i).is_empty());
    }
}
