use super::*;

/// One bit at a time, from the polynomial alone.
fn bitwise(buf: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in buf {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLY
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn bytes(len: usize) -> Vec<u8> {
    // A fixed, uneven sequence (a linear congruential generator's high bytes).
    let mut x: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn the_check_value_of_crc_32() {
    // The catalogue's check value: CRC-32/ISO-HDLC of the ASCII digits 1 to 9.
    assert_eq!(hash(b"123456789"), 0xcbf4_3926);
    assert_eq!(hash(b""), 0);
    assert_eq!(hash(b"a"), 0xe8b7_be43);
}

#[test]
fn slicing_by_sixteen_equals_one_bit_at_a_time_at_every_length() {
    let data = bytes(300);
    for len in 0..=data.len() {
        assert_eq!(hash(&data[..len]), bitwise(&data[..len]), "length {len}");
    }
}

#[test]
fn updates_in_pieces_equal_one_update() {
    let data = bytes(1000);
    for cut in [0, 1, 15, 16, 17, 500, 999, 1000] {
        let mut h = Hasher::new();
        h.update(&data[..cut]);
        h.update(&data[cut..]);
        assert_eq!(h.total_len(), 1000);
        assert_eq!(h.finalize(), hash(&data), "cut at {cut}");
        let mut resumed = Hasher::new_with_initial_len(hash(&data[..cut]), cut as u64);
        resumed.update(&data[cut..]);
        assert_eq!(resumed.finalize(), hash(&data));
    }
}

#[test]
fn combine_gives_the_crc_of_both_in_order() {
    let data = bytes(2000);
    for cut in [0, 1, 7, 8, 9, 100, 1024, 1999, 2000] {
        let mut a = Hasher::new();
        a.update(&data[..cut]);
        let mut b = Hasher::new();
        b.update(&data[cut..]);
        a.combine(&b);
        assert_eq!(a.total_len(), 2000);
        assert_eq!(a.finalize(), hash(&data), "cut at {cut}");
    }
}

#[test]
fn reset_and_the_std_hasher_interface() {
    use std::hash::Hasher as _;
    let mut h = Hasher::new();
    h.write(b"123456789");
    assert_eq!(h.finish(), 0xcbf4_3926);
    h.reset();
    assert_eq!(h.total_len(), 0);
    assert_eq!(h.finalize(), 0);
}
