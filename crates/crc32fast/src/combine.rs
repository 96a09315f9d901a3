//! The CRC of two byte strings one after the other from their CRCs and the second's
//! length, as zlib's `crc32_combine` computes it: appending `n` zero bits is a linear map
//! over GF(2), squared for each power of two in `n`.

use super::POLY;

fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
    let mut sum = 0;
    let mut row = 0;
    while vector != 0 {
        if vector & 1 == 1 {
            sum ^= matrix[row];
        }
        vector >>= 1;
        row += 1;
    }
    sum
}

fn square(matrix: &[u32; 32]) -> [u32; 32] {
    let mut out = [0u32; 32];
    for (n, row) in out.iter_mut().enumerate() {
        *row = times(matrix, matrix[n]);
    }
    out
}

/// The CRC of A then B, from the CRC of A, the CRC of B and the length of B.
pub(crate) fn combine(crc_a: u32, crc_b: u32, mut len_b: u64) -> u32 {
    if len_b == 0 {
        return crc_a;
    }
    // The map of one zero bit, squared to four; each square below doubles it, so the
    // first is one zero byte, then two, four, … for the bits of `len_b`.
    let mut one_bit = [0u32; 32];
    one_bit[0] = POLY;
    for (n, row) in one_bit.iter_mut().enumerate().skip(1) {
        *row = 1 << (n - 1);
    }
    let mut zeros = square(&square(&one_bit));
    let mut crc = crc_a;
    while len_b != 0 {
        zeros = square(&zeros);
        if len_b & 1 == 1 {
            crc = times(&zeros, crc);
        }
        len_b >>= 1;
    }
    crc ^ crc_b
}
