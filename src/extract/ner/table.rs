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
