//! CRC-32 as zlib, PNG and tantivy's footers use it (IEEE polynomial, reflected), with
//! the API of the crates.io `crc32fast` that this crate stands in for. The sixteen
//! tables of slicing-by-16 are built on first use rather than stored: in the search
//! wasm they were 16 KB of data that gzip cannot shrink, reachable only through
//! tantivy's writers, which the browser never runs.

use std::fmt;
use std::sync::OnceLock;

mod combine;

/// The reflected IEEE polynomial.
const POLY: u32 = 0xedb8_8320;

type Tables = [[u32; 256]; 16];

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Box<Tables>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 16]);
        for n in 0..256u32 {
            let mut c = n;
            for _ in 0..8 {
                c = if c & 1 == 1 { (c >> 1) ^ POLY } else { c >> 1 };
            }
            t[0][n as usize] = c;
        }
        for k in 1..16 {
            for n in 0..256 {
                let prev = t[k - 1][n];
                t[k][n] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            }
        }
        t
    })
}

/// The CRC of `buf` continued from `crc`, the CRC of what came before it.
fn update(crc: u32, buf: &[u8]) -> u32 {
    let t = tables();
    let mut crc = !crc;
    let mut blocks = buf.chunks_exact(16);
    for b in &mut blocks {
        let a = crc ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let at = |k: usize, byte: u32| t[k][(byte & 0xff) as usize];
        crc = at(15, a)
            ^ at(14, a >> 8)
            ^ at(13, a >> 16)
            ^ at(12, a >> 24)
            ^ (4..16)
                .map(|i| at(15 - i, u32::from(b[i])))
                .fold(0, |x, y| x ^ y);
    }
    for &byte in blocks.remainder() {
        crc = t[0][((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The CRC-32 of `buf`.
pub fn hash(buf: &[u8]) -> u32 {
    update(0, buf)
}

/// A running CRC-32 and the number of bytes it covers.
#[derive(Clone, Default)]
pub struct Hasher {
    amount: u64,
    state: u32,
}

impl Hasher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Continues from `init`, the CRC of bytes hashed before.
    pub fn new_with_initial(init: u32) -> Self {
        Self::new_with_initial_len(init, 0)
    }

    /// Continues from `init`, the CRC of `amount` bytes hashed before.
    pub fn new_with_initial_len(init: u32, amount: u64) -> Self {
        Hasher {
            amount,
            state: init,
        }
    }

    pub fn update(&mut self, buf: &[u8]) {
        self.amount += buf.len() as u64;
        self.state = update(self.state, buf);
    }

    /// How many bytes the CRC covers.
    pub fn total_len(&self) -> u64 {
        self.amount
    }

    pub fn finalize(self) -> u32 {
        self.state
    }

    pub fn reset(&mut self) {
        *self = Self::new();
    }

    /// Makes this the CRC of its bytes followed by `other`'s.
    pub fn combine(&mut self, other: &Self) {
        self.state = combine::combine(self.state, other.state, other.amount);
        self.amount += other.amount;
    }
}

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("crc32fast::Hasher").finish()
    }
}

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        u64::from(self.clone().finalize())
    }
}

#[cfg(test)]
mod tests;
