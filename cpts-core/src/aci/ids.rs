//! Indicator ids looked up and checked for repeats by sorting, not hashing: `O(n log n)`
//! whatever ids a caller chooses (a hash map keyed by caller text can be made to collide).

/// Which ids repeat an earlier one: `true` at every occurrence of an id but its first.
pub(crate) fn repeats(ids: &[&str]) -> Vec<bool> {
    let mut repeated = vec![false; ids.len()];
    // Sorted by id, then by position: the first of each run is the earliest occurrence.
    let sorted = sorted_pairs(ids.iter().copied());
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 {
            repeated[pair[1].1] = true;
        }
    }
    repeated
}

/// `(id, position)` pairs sorted by id then position: one sort for both uses (sorting code
/// is compiled once per element type, and the wasm carries each copy).
fn sorted_pairs<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut entries: Vec<(&'a str, usize)> = ids.enumerate().map(|(i, id)| (id, i)).collect();
    entries.sort_unstable();
    entries
}

/// Positions of ids, sorted by id, for lookups by binary search.
pub(crate) struct SortedIds<'a> {
    entries: Vec<(&'a str, usize)>,
}

impl<'a> SortedIds<'a> {
    /// The ids with their positions; the first occurrence wins when an id repeats.
    pub(crate) fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut entries = sorted_pairs(ids);
        entries.dedup_by(|later, first| later.0 == first.0);
        SortedIds { entries }
    }

    /// The position of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        self.entries
            .binary_search_by(|(e, _)| (*e).cmp(id))
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|(_, position)| *position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_mark_every_occurrence_but_the_first() {
        assert_eq!(
            repeats(&["b", "a", "b", "c", "a", "b"]),
            [false, false, true, false, true, true]
        );
        assert!(repeats(&[]).is_empty());
    }

    #[test]
    fn lookups_find_the_first_position() {
        let ids = SortedIds::new(["x", "y", "x", "z"].into_iter());
        assert_eq!(ids.get("x"), Some(0));
        assert_eq!(ids.get("y"), Some(1));
        assert_eq!(ids.get("z"), Some(3));
        assert_eq!(ids.get("w"), None);
    }
}
