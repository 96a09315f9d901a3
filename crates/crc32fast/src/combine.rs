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
    // One zero bit.
    let mut odd = [0u32; 32];
    odd[0] = POLY;
    for (n, row) in odd.iter_mut().enumerate().skip(1) {
        *row = 1 << (n - 1);
    }
    let mut even = square(&odd); // two zero bits
    odd = square(&even); // four zero bits, so the first square below is one byte
    let mut crc = crc_a;
    loop {
        even = square(&odd);
        if len_b & 1 == 1 {
            crc = times(&even, crc);
        }
        len_b >>= 1;
        if len_b == 0 {
            break;
        }
        odd = square(&even);
        if len_b & 1 == 1 {
            crc = times(&odd, crc);
        }
        len_b >>= 1;
        if len_b == 0 {
            break;
        }
    }
    crc ^ crc_b
}
