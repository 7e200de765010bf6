//! Stable 64-bit hashing of words and feature keys.
//!
//! The trained model stores features and word clusters by these hashes, so
//! the functions here must never change once a model is committed.

/// The 64-bit FNV-1a offset basis, where the hashes of bytes start.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One step of 64-bit FNV-1a: `h` with the byte `b` mixed in.
#[inline]
pub fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Hashes bytes with 64-bit FNV-1a followed by a finalizer.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    finish(bytes.iter().fold(FNV_OFFSET, |h, &b| fnv(h, b)))
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
