//! An open-addressing hash index from 64-bit keys to dense slots.
//!
//! Used for the feature weights and the word clusters: both are keyed by
//! stable 64-bit hashes, so the index stores only the keys. Key `0` marks
//! an empty slot; [`KeyIndex::canon`] maps a real `0` key to `1`.

/// Maps 64-bit keys to slot numbers `0..capacity` by linear probing.
#[derive(Clone, Debug)]
pub struct KeyIndex {
    keys: Vec<u64>,
    mask: usize,
}

impl KeyIndex {
    /// Makes an index with room for `n` keys at a load of at most 1/2.
    pub fn with_room(n: usize) -> KeyIndex {
        let cap = (n * 2).next_power_of_two().max(16);
        KeyIndex { keys: vec![0; cap], mask: cap - 1 }
    }

    /// Replaces the reserved key `0`.
    #[inline]
    pub fn canon(key: u64) -> u64 {
        if key == 0 {
            1
        } else {
            key
        }
    }

    /// Returns the slot of `key`, inserting it when absent.
    pub fn insert(&mut self, key: u64) -> usize {
        let key = Self::canon(key);
        let mut i = (key as usize) & self.mask;
        loop {
            let k = self.keys[i];
            if k == key || k == 0 {
                self.keys[i] = key;
                return i;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Returns the slot of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<usize> {
        let key = Self::canon(key);
        let mut i = (key as usize) & self.mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The number of slots for a table of `n` keys (a load of at most 5/8,
/// so that looking up an absent key stays short).
pub fn capacity_for(n: usize) -> usize {
    n + n * 3 / 5 + 16
}

/// The home slot of `key` in a table of `cap` slots, from the low 32
/// bits of the key (the high 32 bits serve as the check).
#[inline]
pub fn home(key: u64, cap: usize) -> usize {
    (((key & 0xffff_ffff) * cap as u64) >> 32) as usize
}

/// The slot after `i` in a table of `cap` slots.
#[inline]
pub fn next(i: usize, cap: usize) -> usize {
    if i + 1 == cap {
        0
    } else {
        i + 1
    }
}

/// A number not returned before in this process, to tell apart tables
/// built at different times (never 0).
pub fn fresh_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
