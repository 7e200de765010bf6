//! Answers kept for requests asked again: the JSON of an endpoint and
//! query string, for the snapshot of the index it was made from and the
//! day it was made on (relative dates such as "last week" move), up to
//! a number of bytes. Dashboards and shared links ask the same searches
//! over and over; a kept answer costs no search. The oldest answers go
//! first when it is full; a new commit of the index makes every kept
//! answer stale at once.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

use axum::body::Bytes;

/// The kept answers.
pub struct Cache {
    /// The most bytes of answers kept; 0 keeps none.
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Key → (generation of the index, answer).
    answers: HashMap<String, (u64, Bytes)>,
    /// Keys, oldest first.
    order: VecDeque<String>,
    /// Bytes of the answers and their keys.
    bytes: usize,
}

impl Cache {
    /// A cache of at most `capacity` bytes.
    pub fn new(capacity: usize) -> Cache {
        Cache { capacity, inner: Mutex::new(Inner::default()) }
    }

    /// The key of a request: its endpoint, its query string and the day.
    pub fn key(endpoint: &str, query: Option<&str>, day: &str) -> String {
        format!("{endpoint}?{}#{day}", query.unwrap_or(""))
    }

    /// The answer kept for `key` on the index's `generation`.
    pub fn get(&self, key: &str, generation: u64) -> Option<Bytes> {
        if self.capacity == 0 {
            return None;
        }
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        match inner.answers.get(key) {
            Some((g, answer)) if *g == generation => Some(answer.clone()),
            _ => None,
        }
    }

    /// Keeps `answer` for `key` on `generation`, dropping the oldest
    /// answers (and any of older generations) to make room.
    pub fn put(&self, key: String, generation: u64, answer: Bytes) {
        let size = key.len() + answer.len();
        if size > self.capacity / 4 {
            return; // too large to be worth the room
        }
        let mut inner =
            self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let inner = &mut *inner;
        if let Some((_, old)) = inner.answers.remove(&key) {
            inner.bytes -= key.len() + old.len();
            inner.order.retain(|k| *k != key);
        }
        while inner.bytes + size > self.capacity {
            let Some(oldest) = inner.order.pop_front() else { break };
            if let Some((_, old)) = inner.answers.remove(&oldest) {
                inner.bytes -= oldest.len() + old.len();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.answers.insert(key, (generation, answer));
    }

    /// Drops every answer (the index changed).
    pub fn clear(&self) {
        let mut inner =
            self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        *inner = Inner::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_per_generation_and_the_oldest_go_first() {
        let cache = Cache::new(400);
        let answer = |n: usize| Bytes::from(vec![b'x'; n]);
        cache.put("a".into(), 1, answer(90));
        assert_eq!(cache.get("a", 1).map(|b| b.len()), Some(90));
        assert!(cache.get("a", 2).is_none(), "a newer index");
        assert!(cache.get("b", 1).is_none());
        cache.put("b".into(), 1, answer(90));
        cache.put("c".into(), 1, answer(90));
        cache.put("d".into(), 1, answer(90));
        cache.put("e".into(), 1, answer(90)); // 5 × 91 > 400: "a" goes
        assert!(cache.get("a", 1).is_none());
        assert!(cache.get("b", 1).is_some() && cache.get("e", 1).is_some());
        cache.put("big".into(), 1, answer(200)); // over a quarter
        assert!(cache.get("big", 1).is_none());
        cache.clear();
        assert!(cache.get("e", 1).is_none());
        let none = Cache::new(0);
        none.put("a".into(), 1, answer(1));
        assert!(none.get("a", 1).is_none());
    }
}
