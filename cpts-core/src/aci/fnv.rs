//! A small FNV-1a hasher for the short-lived maps of one computation (indicator ids), where
//! the default SipHash costs more than the work itself. Not for long-lived maps keyed by
//! untrusted input: FNV is not collision-resistant (a crafted input could only slow one call
//! down, never change its result).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bits.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A map hashed with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// A set hashed with [`Fnv`].
pub(crate) type FnvSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;
