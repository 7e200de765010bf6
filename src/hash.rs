//! Stable 64-bit hashing: 64-bit FNV-1a and the keys built on it.
//!
//! One module for every hash whose value is kept somewhere: the article
//! ids that `ingest` makes for articles without id or URL, the keys of the
//! place table's name indexes, and the tagger's word and feature keys,
//! which the trained model `models/ner.bin` stores. None of these may
//! change once written, so the tests below pin their outputs: the
//! published FNV-1a test vectors and values the model depends on.
//!
//! Unlike `std`'s hashers, these are the same on every run and platform.

/// The 64-bit FNV-1a offset basis, where the hashes of bytes start.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The seed of the tagger's suffix hashes: [`FNV_OFFSET`] with its two
/// 32-bit halves swapped. The trained model stores suffix features hashed
/// from this seed (so that a suffix and the prefix with the same bytes
/// differ); it must stay as it is while `models/ner.bin` is in use.
pub const SUFFIX_SEED: u64 = 0x8422_2325_cbf2_9ce4;

/// One step of 64-bit FNV-1a: `h` with the byte `b` mixed in.
#[inline]
pub fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// 64-bit FNV-1a of `bytes`, continuing from `h` ([`FNV_OFFSET`] for a
/// fresh hash).
#[inline]
pub fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| fnv(h, b))
}

/// Hashes bytes with 64-bit FNV-1a followed by a finalizer.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    finish(fnv1a(FNV_OFFSET, bytes))
}

/// Hashes the ASCII-lowercased bytes without allocating.
#[inline]
pub fn hash_lower(bytes: &[u8]) -> u64 {
    finish(
        bytes.iter().fold(FNV_OFFSET, |h, &b| fnv(h, b.to_ascii_lowercase())),
    )
}

/// Hashes the bytes with the first byte upper-cased and the rest
/// lower-cased (`JAPAN` -> `Japan`), without allocating.
#[inline]
pub fn hash_title(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for (i, &b) in bytes.iter().enumerate() {
        let b = if i == 0 {
            b.to_ascii_uppercase()
        } else {
            b.to_ascii_lowercase()
        };
        h = fnv(h, b);
    }
    finish(h)
}

/// Scrambles the bits of `h` (the murmur3 64-bit finalizer).
#[inline]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Combines a feature template id (or an earlier key) with a value hash.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fnv1a_continues_where_it_left_off() {
        let half = fnv1a(FNV_OFFSET, b"foo");
        assert_eq!(fnv1a(half, b"bar"), fnv1a(FNV_OFFSET, b"foobar"));
        assert_eq!(fnv(FNV_OFFSET, b'a'), fnv1a(FNV_OFFSET, b"a"));
    }

    /// Values the trained model stores: changing any of them makes
    /// `models/ner.bin` tag with the wrong weights.
    #[test]
    fn the_model_keys_are_pinned() {
        assert_eq!(hash_bytes(b"Japan"), 0x0675_47a3_bc61_4759);
        assert_eq!(hash_bytes(b"the"), 0xcb3f_f435_b889_fb31);
        assert_eq!(hash_lower(b"JAPAN"), 0xa5a8_93f7_ecf6_0903);
        assert_eq!(hash_title(b"JAPAN"), hash_bytes(b"Japan"));
        assert_eq!(finish(fnv(SUFFIX_SEED, b'x')), 0x8f46_91f4_aea6_0ccc);
        assert_eq!(mix(7, hash_bytes(b"Japan")), 0x8eb1_6258_ab5f_11e3);
    }

    #[test]
    fn the_suffix_seed_is_the_offset_with_its_halves_swapped() {
        assert_eq!(SUFFIX_SEED, FNV_OFFSET.rotate_left(32));
    }
}
