//! Copies of one story: MinHash signatures of word shingles, and the
//! LSH band keys that find an article's copies without comparing it
//! with every other.
//!
//! Two papers running one wire story rarely print the same bytes: one
//! writes its own headline, one drops the last paragraph, one adds a
//! byline or its copyright footer, a subeditor swaps a word. Their texts
//! still share most of their runs of [`SHINGLE`] words, so the Jaccard
//! similarity of the two sets of shingles (shared over all) is high,
//! while two different stories on one subject (two quarterly results,
//! two money market reports) share little beyond their formulas.
//!
//! A [`Signature`] holds, for each of [`HASHES`] hash functions, the
//! smallest hash of the article's shingles (its top 16 bits: enough to
//! tell minima apart, half the space). The share of positions where two
//! signatures agree estimates the Jaccard similarity of their shingle
//! sets ([`similarity`]); articles at [`THRESHOLD`] or above are copies
//! of one story. Signatures are cut into [`BANDS`] bands of [`ROWS`]
//! minima (63 of the 64), each hashed into one key ([`band_keys`]): two
//! articles with a band in common are candidates, compared by their
//! signatures. A pair at the threshold (0.5) shares a band with
//! probability 1 − (1 − 0.5³)²¹ = 0.94, at 0.6 with 0.994, at 0.7 with
//! 0.9996; a pair at 0.1, with 0.02. A copy joins its story when it is
//! a candidate of any article of it, so copies that share little with
//! each other (one cut, one with a footer) still meet through the
//! original.
//!
//! Words are runs of letters and digits, lowercased: whitespace, case
//! and punctuation never tell copies apart. The headline's words come
//! first, as one text with the body. Pure code: no I/O, no index.
//!
//! The threshold, the shingle length and the number of hashes were
//! chosen by measurement on a labelled set of copies (`bench/README.md`,
//! "Copies of one story").

use crate::hash::{fnv, FNV_OFFSET};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions (minima) per signature.
pub const HASHES: usize = 64;
/// Bands of the signature, each one LSH key.
pub const BANDS: usize = 21;
/// Minima per band.
pub const ROWS: usize = 3;
/// The estimated Jaccard similarity from which two articles are copies
/// of one story.
pub const THRESHOLD: f32 = 0.4;
/// Below this many shingles (a text of about 25 words) an article is a
/// copy only from [`SHORT_THRESHOLD`]: two short notices written from
/// one formula ("Shr 12 cts vs 10 cts") share much of their few
/// shingles without being one story.
pub const SHORT: usize = 24;
/// The threshold of short articles.
pub const SHORT_THRESHOLD: f32 = 0.8;

/// The threshold for an article of `shingles` shingles.
pub fn threshold(shingles: usize) -> f32 {
    if shingles < SHORT {
        SHORT_THRESHOLD
    } else {
        THRESHOLD
    }
}

/// The MinHash signature of an article: per hash function, the top 16
/// bits of the smallest hash of its shingles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature(pub [u16; HASHES]);

/// Bytes of a signature as [`Signature::to_bytes`] writes it.
pub const SIGNATURE_BYTES: usize = HASHES * 2;

impl Signature {
    /// The signature as little-endian bytes, for the index.
    pub fn to_bytes(&self) -> [u8; SIGNATURE_BYTES] {
        let mut out = [0u8; SIGNATURE_BYTES];
        for (i, m) in self.0.iter().enumerate() {
            out[2 * i..2 * i + 2].copy_from_slice(&m.to_le_bytes());
        }
        out
    }

    /// The signature [`Signature::to_bytes`] wrote, or `None` for bytes
    /// of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut sig = [0u16; HASHES];
        for (i, m) in sig.iter_mut().enumerate() {
            *m = u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
        }
        Some(Signature(sig))
    }
}

/// The multipliers and increments of the hash functions: `a·x + b`
/// (mod 2⁶⁴) with `a` odd, a permutation of the 64-bit shingle hashes.
/// Fixed: signatures are kept in the index.
const fn coefficients() -> [(u64, u64); HASHES] {
    let mut out = [(0u64, 0u64); HASHES];
    // splitmix64 from a fixed seed.
    let mut state: u64 = 0x5354_4f52_4945_5331;
    let mut i = 0;
    while i < HASHES {
        let mut pair = [0u64; 2];
        let mut j = 0;
        while j < 2 {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            pair[j] = z ^ (z >> 31);
            j += 1;
        }
        out[i] = (pair[0] | 1, pair[1]);
        i += 1;
    }
    out
}

/// The multipliers and the increments of [`coefficients`], apart, so
/// that the hash functions of a shingle vectorize.
static MULTIPLIERS: [u64; HASHES] = split(coefficients()).0;
static INCREMENTS: [u64; HASHES] = split(coefficients()).1;

const fn split(pairs: [(u64, u64); HASHES]) -> ([u64; HASHES], [u64; HASHES]) {
    let mut out = ([0u64; HASHES], [0u64; HASHES]);
    let mut i = 0;
    while i < HASHES {
        out.0[i] = pairs[i].0;
        out.1[i] = pairs[i].1;
        i += 1;
    }
    out
}

/// A 64-bit finalizer (murmur3's): spreads the bits of a shingle's
/// combined word hashes before the permutations.
#[inline]
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Calls `each` with the FNV-1a hash of every word of `text`, in order:
/// runs of alphanumeric characters, lowercased.
#[inline(always)]
fn words(text: &str, mut each: impl FnMut(u64)) {
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                h = fnv(h, c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        h = fnv(h, b);
                    }
                }
            }
        } else if in_word {
            each(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        each(h);
    }
}

/// Calls `each` with the hash of every shingle of `title` and `body`
/// read as one text: runs of [`SHINGLE`] words, or the whole text when
/// it has fewer words.
#[inline(always)]
fn shingles(title: &str, body: &str, mut each: impl FnMut(u64)) {
    let mut window = [0u64; SHINGLE];
    let mut seen = 0usize;
    let mut push = |w: u64| {
        window.rotate_left(1);
        window[SHINGLE - 1] = w;
        seen += 1;
        if seen >= SHINGLE {
            each(combine(&window));
        }
    };
    words(title, &mut push);
    words(body, &mut push);
    if seen > 0 && seen < SHINGLE {
        // A text shorter than a shingle is its one shingle.
        each(combine(&window[SHINGLE - seen..]));
    }
}

/// The hash of a run of word hashes.
#[inline]
fn combine(words: &[u64]) -> u64 {
    let h = words
        .iter()
        .fold(0u64, |h, &w| h.rotate_left(21).wrapping_mul(31) ^ w);
    mix(h)
}

/// The signature of an article. An article without a word has the
/// signature of no shingle (every minimum at its largest), which
/// matches only other empty articles.
pub fn signature(title: &str, body: &str) -> Signature {
    sketch(title, body).0
}

/// The signature of an article and how many shingles it has.
pub fn sketch(title: &str, body: &str) -> (Signature, usize) {
    // Each shingle takes 64 multiplications: with AVX-512 they run eight
    // at a time, with AVX2 four (the same arithmetic, so the same
    // signature), against two in the portable build.
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512dq") {
            // SAFETY: `sketch_avx512` needs AVX-512 F and DQ (DQ implies
            // F), which the CPU was just found to have.
            return unsafe { sketch_avx512(title, body) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `sketch_avx2` needs AVX2, which the CPU was just
            // found to have.
            return unsafe { sketch_avx2(title, body) };
        }
    }
    sketch_portable(title, body)
}

/// [`sketch_portable`] compiled for AVX-512 (`vpmullq`, `vpminud`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn sketch_avx512(title: &str, body: &str) -> (Signature, usize) {
    sketch_portable(title, body)
}

/// [`sketch_portable`] compiled for AVX2 (four multiplications at a
/// time, `vpminud`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sketch_avx2(title: &str, body: &str) -> (Signature, usize) {
    sketch_portable(title, body)
}

/// Keeps, per hash function, the smallest top half (32 bits) of the
/// hashes: the top 16 bits of the smallest hash are those of the
/// smallest top half, since dropping low bits never makes a hash
/// smaller than another, only ties them. Comparing 32-bit halves takes
/// one instruction where an unsigned 64-bit comparison takes several
/// before AVX-512.
#[inline(always)]
fn sketch_portable(title: &str, body: &str) -> (Signature, usize) {
    let mut mins = [u32::MAX; HASHES];
    let mut count = 0usize;
    shingles(title, body, |x| {
        count += 1;
        for ((m, &a), &b) in mins.iter_mut().zip(&MULTIPLIERS).zip(&INCREMENTS)
        {
            let top = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
            *m = (*m).min(top);
        }
    });
    let mut sig = [0u16; HASHES];
    for (s, m) in sig.iter_mut().zip(mins) {
        *s = (m >> 16) as u16;
    }
    (Signature(sig), count)
}

/// The estimated Jaccard similarity of the shingle sets of two
/// articles: the share of their minima that agree.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let same = a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count();
    same as f32 / HASHES as f32
}

/// Whether two signatures are of copies of one story.
pub fn same_story(a: &Signature, b: &Signature) -> bool {
    similarity(a, b) >= THRESHOLD
}

/// The LSH keys of a signature: per band, a hash of the band's number
/// and its minima. Articles that share a key are compared.
pub fn band_keys(sig: &Signature) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let rows = &sig.0[band * ROWS..(band + 1) * ROWS];
        let mut h = band as u64;
        for &r in rows {
            h = h.rotate_left(16) ^ u64::from(r);
        }
        *key = mix(h ^ 0x6261_6e64_0000_0000);
    }
    keys
}

/// The exact Jaccard similarity of the shingle sets of two articles:
/// the slow reference [`similarity`] estimates.
pub fn jaccard(a: (&str, &str), b: (&str, &str)) -> f64 {
    let set = |(title, body): (&str, &str)| {
        let mut s = std::collections::HashSet::new();
        shingles(title, body, |x| {
            s.insert(x);
        });
        s
    };
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Ministers from more than 20 nations were told by \
        New Zealand that the next international negotiations on \
        liberalising trade would be the last this century and the cost \
        of failure could not be measured. Trade minister Mike Moore told \
        his colleagues at a welcoming ceremony before two days of talks \
        that the world could not afford another round of protectionism. \
        He said farm trade had to be part of the talks from the start, \
        and that the developing countries needed access to the markets \
        of the rich. The meeting is the first of its kind held in the \
        South Pacific.";

    /// Checks that `a` and `b` are (or are not) copies of one story,
    /// and that the estimate is within 0.15 of the exact similarity.
    #[track_caller]
    fn check(a: (&str, &str), b: (&str, &str), copies: bool) {
        let (sa, sb) = (signature(a.0, a.1), signature(b.0, b.1));
        let est = similarity(&sa, &sb);
        let exact = jaccard(a, b);
        assert!(
            (f64::from(est) - exact).abs() < 0.15,
            "estimate {est} exact {exact}"
        );
        assert_eq!(same_story(&sa, &sb), copies, "estimate {est}");
        let shared = band_keys(&sa)
            .iter()
            .zip(band_keys(&sb).iter())
            .any(|(x, y)| x == y);
        if copies {
            assert!(shared, "copies share a band");
        }
    }

    #[test]
    fn case_whitespace_and_punctuation_do_not_count() {
        let a = signature("Trade talks", WIRE);
        let spaced = WIRE.replace(' ', "  \n").to_uppercase();
        assert_eq!(a, signature("TRADE  TALKS!", &spaced));
        assert_eq!(similarity(&a, &a), 1.0);
    }

    #[test]
    fn near_copies_are_one_story() {
        let orig = ("NZ says trade talks must succeed", WIRE);
        // A new headline and a byline.
        let byline = format!("By Anna Kowalski\n\n{WIRE}");
        check(orig, ("Last chance for world trade, NZ warns", &byline), true);
        // The last sentence dropped, a footer added.
        let cut = WIRE.rsplit_once(" The meeting").unwrap().0;
        let footer = format!(
            "{cut}\n\nCopyright 1987 The Daily Ledger. All rights reserved."
        );
        check(orig, (orig.0, &footer), true);
        // Light rewording.
        let reworded = WIRE
            .replace("told", "informed")
            .replace("said", "stated")
            .replace("rich", "wealthy");
        check(orig, (orig.0, &reworded), true);
    }

    #[test]
    fn stories_on_one_subject_are_not_copies() {
        let a = (
            "U.S. ENERGY COSTS ROSE IN FEBRUARY BY 1.9 PCT",
            "Consumer energy costs rose 1.9 pct in February following a \
             sharp rise last month, the Labor Department said. The \
             February increase in the overall energy costs, including \
             petroleum, coal and natural gas, followed a 3.0 pct rise in \
             January, the department said. Gasoline prices were up 4.1 \
             pct after 6.7 pct, heating oil 2.5 pct.",
        );
        let b = (
            "U.S. ENERGY COSTS ROSE IN MARCH BY 1.0 PCT",
            "Consumer energy costs rose 1.0 pct in March following a \
             moderate rise last month, the Labor Department said. The \
             March increase in the overall energy costs, including \
             petroleum, coal and natural gas, followed a 1.9 pct rise in \
             February, the department said. Gasoline prices were up 2.2 \
             pct after 4.1 pct, heating oil fell 0.9 pct.",
        );
        check(a, b, false);
        check(("Other news", WIRE), b, false);
    }

    #[test]
    fn the_threshold_separates_at_half_the_shingles() {
        // Forty distinct words: 38 shingles. Keeping the first n words
        // and writing new ones after them moves the exact similarity
        // across the threshold; the estimate follows within its error.
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let other: Vec<String> = (0..40).map(|i| format!("x{i}")).collect();
        let text = |keep: usize| {
            let mut t = words[..keep].to_vec();
            t.extend(other[keep..].iter().cloned());
            t.join(" ")
        };
        let full = words.join(" ");
        // 30 words kept: 28 of 48 shingles shared, 0.58.
        let near = text(30);
        assert!(jaccard(("", &full), ("", &near)) > 0.55);
        check(("", &full), ("", &near), true);
        // 16 kept: 14 of 62, 0.23.
        let far = text(16);
        assert!(jaccard(("", &full), ("", &far)) < 0.25);
        check(("", &full), ("", &far), false);
    }

    #[test]
    fn short_notices_of_one_formula_are_not_copies() {
        let a = "Quokka report a0. Rangers on the island counted quokka \
                 a number 0.";
        let b = "Quokka report a1. Rangers on the island counted quokka \
                 a number 1.";
        let (sa, n) = sketch("", a);
        let (sb, _) = sketch("", b);
        assert!(n < SHORT);
        assert!(jaccard(("", a), ("", b)) >= f64::from(THRESHOLD));
        assert!(similarity(&sa, &sb) < threshold(n));
        // The same notice twice is one story, short or not.
        assert!(similarity(&sa, &signature("", a)) >= threshold(n));
    }

    #[test]
    fn signatures_round_trip_and_stay_fixed() {
        let sig = signature("Trade talks", WIRE);
        assert_eq!(Signature::from_bytes(&sig.to_bytes()), Some(sig));
        assert_eq!(Signature::from_bytes(&[0u8; 3]), None);
        // Signatures are kept in the index: the hashes may not change.
        let s = signature("", "one two three four");
        assert_eq!(&s.0[..4], &PINNED);
        // A text shorter than a shingle still has one.
        assert_ne!(signature("", "two words").0, [u16::MAX; HASHES]);
        assert_eq!(signature("", "").0, [u16::MAX; HASHES]);
    }

    #[test]
    fn every_build_of_the_signature_agrees() {
        // The CPU picks the build `sketch` runs; the portable one must
        // give the same minima wherever it runs.
        for (title, body) in [("Trade talks", WIRE), ("", "one two"), ("", "")]
        {
            assert_eq!(sketch(title, body), sketch_portable(title, body));
        }
        let sig = sketch_portable("", "one two three four").0;
        assert_eq!(&sig.0[..4], &PINNED);
    }

    /// The signature as first written: per hash function the smallest
    /// whole 64-bit hash, its top 16 bits kept.
    fn sketch_reference(title: &str, body: &str) -> (Signature, usize) {
        let mut mins = [u64::MAX; HASHES];
        let mut count = 0usize;
        shingles(title, body, |x| {
            count += 1;
            for (m, (a, b)) in mins.iter_mut().zip(coefficients()) {
                *m = (*m).min(a.wrapping_mul(x).wrapping_add(b));
            }
        });
        (Signature(mins.map(|m| (m >> 48) as u16)), count)
    }

    #[test]
    fn minima_of_top_halves_are_those_of_whole_hashes() {
        let words: Vec<&str> = WIRE.split_whitespace().collect();
        for n in [0, 1, 2, 3, 5, 20, words.len()] {
            let head = words[..n].join(" ");
            assert_eq!(sketch(&head, WIRE), sketch_reference(&head, WIRE));
            assert_eq!(sketch("", &head), sketch_reference("", &head));
        }
    }

    /// The first minima of "one two three four"; see above.
    const PINNED: [u16; 4] = [21497, 7218, 24319, 31382];
}
