//! Word clusters learned from unlabeled news text.
//!
//! Each frequent word is described by the words around it (two to the
//! left, two to the right, positive PMI weights), the description is
//! randomly projected to a short dense vector, and spherical k-means
//! groups the vectors into fine clusters. The fine centroids are then
//! grouped again into medium and coarse clusters, giving a three-level
//! hierarchy that the tagger uses like Brown-cluster prefixes. Each word
//! also gets a case statistic: how often its lowercase form occurs among
//! all spellings, which tells a sentence-initial `The` from a name.
//!
//! Words are stored only as 64-bit hashes (see `hash.rs`), so no text of
//! the corpus ends up in the model. Computing is pure: the caller hands in
//! the texts; this module does no I/O.

use super::table::{capacity_for, fresh_id, home, next};
use super::tokenize::{normalize, tokenize};
use crate::hash::{finish, hash_bytes, hash_lower};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// "No cluster" marker in the fine-cluster column.
pub const NO_CLUSTER: u16 = u16::MAX;

/// Options of [`compute_clusters`].
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) get a cluster.
    pub max_vocab: usize,
    /// Number of context words (the most frequent ones), at most 1023.
    pub context_words: usize,
    /// Length of the projected vectors.
    pub dims: usize,
    /// Number of fine, medium and coarse clusters.
    pub clusters: [usize; 3],
    /// k-means iterations for the fine level.
    pub iterations: usize,
    /// Seed of the random projection and initialisation.
    pub seed: u64,
    /// Worker threads for the k-means assignment step.
    pub threads: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 5,
            max_vocab: 200_000,
            context_words: 1000,
            dims: 128,
            clusters: [1000, 200, 40],
            iterations: 15,
            seed: 0x6e65_7773_6465_7821,
            threads: 2,
        }
    }
}

/// What the tagger knows about a word from unlabeled text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    /// Cluster ids, fine to coarse.
    pub cluster: [u16; 3],
    /// Case statistic bucket 1..=5 (share of lowercase spellings, from
    /// none to most); 0 when unknown.
    pub lower_share: u8,
    /// `log2` of the corpus frequency, capped at 15.
    pub freq: u8,
}

/// One slot of the lookup table: 32 bits of the word hash (0 = empty;
/// the other bits chose the slot), the fine cluster and packed stats
/// (`lower_share | freq << 3`), in 8 bytes.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(8))]
struct Slot {
    check: u32,
    fine: u16,
    stats: u8,
}

/// The check bits of a word hash (never 0).
#[inline]
fn check_of(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Word clusters and case statistics, keyed by word hash.
#[derive(Clone, Debug)]
pub struct Clusters {
    slots: Vec<Slot>,
    cap: usize,
    /// `(word hash, fine cluster, stats)`, sorted, for serializing.
    entries: Vec<(u64, u16, u8)>,
    fine_to_mid: Vec<u16>,
    fine_to_coarse: Vec<u16>,
    /// Tells this table from any other built in this process (a clone
    /// keeps it: same table).
    id: u64,
}

const MAGIC: &[u8; 8] = b"NDXCLU01";

impl Clusters {
    /// An empty table: every word is unknown.
    pub fn empty() -> Clusters {
        Clusters::from_entries(&[], Vec::new(), Vec::new())
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the table holds no words.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn from_entries(
        entries: &[(u64, u16, u8)],
        fine_to_mid: Vec<u16>,
        fine_to_coarse: Vec<u16>,
    ) -> Clusters {
        let cap = capacity_for(entries.len());
        let mut slots = vec![Slot::default(); cap];
        for &(key, fine, stats) in entries {
            let check = check_of(key);
            let mut i = home(key, cap);
            while slots[i].check != 0 && slots[i].check != check {
                i = next(i, cap);
            }
            slots[i] = Slot { check, fine, stats };
        }
        let mut entries = entries.to_vec();
        entries.sort_unstable();
        Clusters {
            slots,
            cap,
            entries,
            fine_to_mid,
            fine_to_coarse,
            id: fresh_id(),
        }
    }

    /// The table's identity in this process (see [`fresh_id`]).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Reads the first slot that [`Clusters::get`] would read for
    /// `word_hash`, to start the memory access early.
    #[inline]
    pub(crate) fn touch(&self, word_hash: u64) -> u32 {
        self.slots.get(home(word_hash, self.cap)).map_or(0, |s| s.check)
    }

    /// Looks up a word by its [`hash_bytes`] hash.
    #[inline]
    pub fn get(&self, word_hash: u64) -> Option<WordInfo> {
        let check = check_of(word_hash);
        let mut i = home(word_hash, self.cap);
        let slot = loop {
            let s = self.slots[i];
            if s.check == check {
                break s;
            }
            if s.check == 0 {
                return None;
            }
            i = next(i, self.cap);
        };
        let cluster = if slot.fine == NO_CLUSTER {
            [NO_CLUSTER; 3]
        } else {
            let f = usize::from(slot.fine);
            [
                slot.fine,
                self.fine_to_mid.get(f).copied().unwrap_or(NO_CLUSTER),
                self.fine_to_coarse.get(f).copied().unwrap_or(NO_CLUSTER),
            ]
        };
        Some(WordInfo {
            cluster,
            lower_share: slot.stats & 7,
            freq: slot.stats >> 3,
        })
    }

    /// Serializes the table.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.fine_to_mid.len() as u32);
        for (&m, &c) in self.fine_to_mid.iter().zip(&self.fine_to_coarse) {
            out.extend_from_slice(&m.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        put_u32(&mut out, self.entries.len() as u32);
        for &(key, fine, stats) in &self.entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&fine.to_le_bytes());
            out.push(stats);
        }
        out
    }

    /// Reads a table written by [`Clusters::to_bytes`] from the start of
    /// `bytes`; returns it with the number of bytes read, or `None` when
    /// the bytes are not such a table.
    pub fn from_bytes(bytes: &[u8]) -> Option<(Clusters, usize)> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let n_fine = r.u32()? as usize;
        let mut fine_to_mid = Vec::with_capacity(n_fine.min(bytes.len()));
        let mut fine_to_coarse = Vec::with_capacity(n_fine.min(bytes.len()));
        for _ in 0..n_fine {
            fine_to_mid.push(r.u16()?);
            fine_to_coarse.push(r.u16()?);
        }
        let n = r.u32()? as usize;
        let mut entries = Vec::with_capacity(n.min(bytes.len() / 11));
        for _ in 0..n {
            let key = r.u64()?;
            let fine = r.u16()?;
            let stats = r.take(1)?[0];
            entries.push((key, fine, stats));
        }
        let c = Clusters::from_entries(&entries, fine_to_mid, fine_to_coarse);
        Some((c, r.pos))
    }
}

/// Appends a little-endian `u32`.
pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A cursor over a byte slice for the binary formats.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    pub(crate) fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// A hasher for keys that are already well mixed.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = finish(n);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = finish(u64::from(n));
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A small deterministic random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f32 {
        ((self.next() >> 40) as f32 + 0.5) / (1u64 << 24) as f32
    }
    fn gauss(&mut self) -> f32 {
        let a = self.unit();
        let b = self.unit();
        (-2.0 * a.ln()).sqrt() * (std::f32::consts::TAU * b).cos()
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const BOUNDARY: u32 = u32::MAX;

/// Learns clusters from `texts` (each one an article or document).
///
/// Every text is tokenized with [`tokenize`]; sentences are the context
/// boundary. Takes about a minute per 50 million tokens.
pub fn compute_clusters<I, S>(texts: I, opts: &ClusterOptions) -> Clusters
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    // 1. Intern every token by hash; keep the id sequence.
    let mut ids: FastMap<u64, u32> = FastMap::default();
    let mut hashes: Vec<u64> = Vec::new();
    let mut lowers: Vec<u64> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut seq: Vec<u32> = Vec::new();
    for text in texts {
        let text = text.as_ref();
        for tok in tokenize(text) {
            if tok.sentence_start {
                seq.push(BOUNDARY);
            }
            let word = normalize(&text[tok.start..tok.end]);
            let h = hash_bytes(word.as_bytes());
            let next = hashes.len() as u32;
            let id = *ids.entry(h).or_insert(next);
            if id == next {
                hashes.push(h);
                lowers.push(hash_lower(word.as_bytes()));
                counts.push(0);
            }
            counts[id as usize] += 1;
            seq.push(id);
        }
        seq.push(BOUNDARY);
    }
    drop(ids);

    // 2. Vocabulary and context words by frequency.
    let mut order: Vec<u32> = (0..hashes.len() as u32).collect();
    order.sort_unstable_by_key(|&i| {
        (std::cmp::Reverse(counts[i as usize]), hashes[i as usize])
    });
    let n_ctx = opts.context_words.min(1023);
    let mut ctx_of = vec![u16::MAX; hashes.len()];
    for (c, &i) in order.iter().take(n_ctx).enumerate() {
        ctx_of[i as usize] = c as u16;
    }
    let boundary_ctx = n_ctx as u16;
    let vocab: Vec<u32> = order
        .iter()
        .copied()
        .take_while(|&i| counts[i as usize] >= opts.min_count)
        .take(opts.max_vocab)
        .collect();
    let mut vocab_of = vec![u32::MAX; hashes.len()];
    for (v, &i) in vocab.iter().enumerate() {
        vocab_of[i as usize] = v as u32;
    }

    // 3. Context counts: key = vocab << 12 | position << 10 | context.
    let mut pairs: FastMap<u64, u32> = FastMap::default();
    let mut ctx_total = vec![0f64; 4 << 10];
    let ctx_at = |j: isize| -> Option<u16> {
        if j < 0 || j as usize >= seq.len() {
            return Some(boundary_ctx);
        }
        let id = seq[j as usize];
        if id == BOUNDARY {
            Some(boundary_ctx)
        } else {
            let c = ctx_of[id as usize];
            (c != u16::MAX).then_some(c)
        }
    };
    for (i, &id) in seq.iter().enumerate() {
        if id == BOUNDARY {
            continue;
        }
        let v = vocab_of[id as usize];
        if v == u32::MAX {
            continue;
        }
        let i = i as isize;
        // Stop the two-away context at a boundary next door.
        let l1 = ctx_at(i - 1);
        let r1 = ctx_at(i + 1);
        let l2 = if l1 == Some(boundary_ctx) { None } else { ctx_at(i - 2) };
        let r2 = if r1 == Some(boundary_ctx) { None } else { ctx_at(i + 2) };
        for (pos, c) in [(0u64, l2), (1, l1), (2, r1), (3, r2)] {
            if let Some(c) = c {
                let slot = (pos << 10) | u64::from(c);
                *pairs.entry((u64::from(v) << 12) | slot).or_insert(0) += 1;
                ctx_total[slot as usize] += 1.0;
            }
        }
    }

    // 4. PPMI vectors, randomly projected.
    let dims = opts.dims.max(8);
    let mut rng = Rng(opts.seed | 1);
    let proj: Vec<f32> = (0..(4 << 10) * dims).map(|_| rng.gauss()).collect();
    let smoothed: Vec<f64> = ctx_total.iter().map(|&t| t.powf(0.75)).collect();
    let sum_smoothed: f64 = smoothed.iter().sum();
    let total_pairs: f64 = ctx_total.iter().sum();
    let mut word_pairs = vec![0f64; vocab.len()];
    for (&key, &n) in &pairs {
        word_pairs[(key >> 12) as usize] += f64::from(n);
    }
    let mut vecs = vec![0f32; vocab.len() * dims];
    for (&key, &n) in &pairs {
        let v = (key >> 12) as usize;
        let slot = (key & 0xfff) as usize;
        let p_wc = f64::from(n) / total_pairs;
        let p_w = word_pairs[v] / total_pairs;
        let p_c = smoothed[slot] / sum_smoothed;
        let pmi = (p_wc / (p_w * p_c)).ln();
        if pmi > 0.0 {
            let w = pmi as f32;
            let row = &mut vecs[v * dims..(v + 1) * dims];
            let r = &proj[slot * dims..(slot + 1) * dims];
            for (a, b) in row.iter_mut().zip(r) {
                *a += w * b;
            }
        }
    }
    drop(pairs);
    for row in vecs.chunks_mut(dims) {
        normalize_row(row);
    }

    // 5. Spherical k-means, then cluster the centroids again.
    let weights = vec![1f32; vocab.len()];
    let (fine_of, fine_centroids) = kmeans(
        &vecs,
        &weights,
        dims,
        opts.clusters[0],
        opts.iterations,
        &mut rng,
        opts.threads,
    );
    let n_fine = fine_centroids.len() / dims;
    let mut sizes = vec![0f32; n_fine];
    for &f in &fine_of {
        sizes[f as usize] += 1.0;
    }
    let (mid_of, _) = kmeans(
        &fine_centroids,
        &sizes,
        dims,
        opts.clusters[1],
        opts.iterations * 2,
        &mut rng,
        1,
    );
    let (coarse_of, _) = kmeans(
        &fine_centroids,
        &sizes,
        dims,
        opts.clusters[2],
        opts.iterations * 2,
        &mut rng,
        1,
    );

    // 6. Case statistics for every vocabulary word.
    let mut by_lower: FastMap<u64, (u32, u32)> = FastMap::default();
    for (i, &h) in hashes.iter().enumerate() {
        let e = by_lower.entry(lowers[i]).or_insert((0, 0));
        e.0 += counts[i];
        if h == lowers[i] {
            e.1 += counts[i];
        }
    }
    let mut entries = Vec::with_capacity(vocab.len());
    for (v, &i) in vocab.iter().enumerate() {
        let i = i as usize;
        let (all, low) = by_lower.get(&lowers[i]).copied().unwrap_or((0, 0));
        let share =
            if all == 0 { 0.0 } else { f64::from(low) / f64::from(all) };
        let bucket: u8 = if low == 0 {
            1
        } else if share < 0.05 {
            2
        } else if share < 0.3 {
            3
        } else if share < 0.7 {
            4
        } else {
            5
        };
        let freq = (32 - counts[i].leading_zeros()).min(15) as u8;
        entries.push((hashes[i], fine_of[v] as u16, bucket | (freq << 3)));
    }
    let fine_to_mid = mid_of.iter().map(|&m| m as u16).collect();
    let fine_to_coarse = coarse_of.iter().map(|&m| m as u16).collect();
    Clusters::from_entries(&entries, fine_to_mid, fine_to_coarse)
}

fn normalize_row(row: &mut [f32]) {
    let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in row.iter_mut() {
            *x /= norm;
        }
    }
}

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// Weighted spherical k-means; returns the assignment of every row and
/// the centroids (unit length, `k * dims`).
fn kmeans(
    data: &[f32],
    weights: &[f32],
    dims: usize,
    k: usize,
    iterations: usize,
    rng: &mut Rng,
    threads: usize,
) -> (Vec<u32>, Vec<f32>) {
    let n = data.len() / dims;
    let k = k.min(n).max(1);
    // Initialise with distinct random rows.
    let mut picked = vec![false; n];
    let mut cent = Vec::with_capacity(k * dims);
    while cent.len() < k * dims {
        let i = rng.below(n);
        if !picked[i] {
            picked[i] = true;
            cent.extend_from_slice(&data[i * dims..(i + 1) * dims]);
        }
    }
    let mut assign = vec![0u32; n];
    let threads = threads.max(1);
    for _ in 0..iterations.max(1) {
        let chunk = n.div_ceil(threads).max(1);
        std::thread::scope(|s| {
            for (t, out) in assign.chunks_mut(chunk).enumerate() {
                let cent = &cent;
                s.spawn(move || {
                    for (j, a) in out.iter_mut().enumerate() {
                        let i = t * chunk + j;
                        let row = &data[i * dims..(i + 1) * dims];
                        let mut best = (f32::MIN, 0u32);
                        for (c, centroid) in
                            cent.chunks_exact(dims).enumerate()
                        {
                            let d = dot(row, centroid);
                            if d > best.0 {
                                best = (d, c as u32);
                            }
                        }
                        *a = best.1;
                    }
                });
            }
        });
        let mut sums = vec![0f32; k * dims];
        let mut mass = vec![0f32; k];
        for i in 0..n {
            let c = assign[i] as usize;
            mass[c] += weights[i];
            let w = weights[i];
            for (s, x) in sums[c * dims..(c + 1) * dims]
                .iter_mut()
                .zip(&data[i * dims..(i + 1) * dims])
            {
                *s += w * x;
            }
        }
        for c in 0..k {
            if mass[c] == 0.0 {
                let i = rng.below(n);
                sums[c * dims..(c + 1) * dims]
                    .copy_from_slice(&data[i * dims..(i + 1) * dims]);
            }
            normalize_row(&mut sums[c * dims..(c + 1) * dims]);
        }
        cent = sums;
    }
    (assign, cent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let texts = [
            "Mr. Smith went to Paris on Monday.",
            "Mr. Jones went to London on Tuesday.",
            "The man went to Paris on Friday.",
            "the news was good.",
        ];
        let texts: Vec<&str> =
            texts.iter().cycle().take(40).copied().collect();
        let opts = ClusterOptions {
            min_count: 2,
            dims: 16,
            clusters: [4, 2, 1],
            threads: 1,
            ..ClusterOptions::default()
        };
        let c = compute_clusters(&texts, &opts);
        assert!(c.len() > 5);
        let (back, used) = Clusters::from_bytes(&c.to_bytes()).unwrap();
        assert_eq!(used, c.to_bytes().len());
        let paris = hash_bytes(b"Paris");
        assert_eq!(back.get(paris), c.get(paris));
        let the = c.get(hash_bytes(b"The")).unwrap();
        assert_eq!(the.lower_share, 4);
        assert!(c.get(hash_bytes(b"Zanzibar")).is_none());
    }
}
