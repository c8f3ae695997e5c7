//! CPython's numeric hash: `hash(x) == hash(y)` whenever `x == y` across int, float and bool,
//! computed modulo the Mersenne prime 2**61 - 1 (`sys.hash_info.modulus`).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

pub const MODULUS: u64 = (1 << 61) - 1;
const INF_HASH: i64 = 314_159;

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

#[inline]
pub fn hash_int(i: i64) -> i64 {
    // Nearly every int is below the modulus: no 64-bit division for it.
    let u = i.unsigned_abs();
    let m = if u < MODULUS { u } else { u % MODULUS } as i64;
    fix(if i < 0 { -m } else { m })
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = (b.magnitude() % m.magnitude()).to_i64().unwrap_or(0);
    fix(if b.sign() == Sign::Minus { -r } else { r })
}

/// `_Py_HashDouble`; NaN hashes by identity in CPython, here by a constant (NaN is never equal
/// to itself, so dict behaviour is unaffected).
pub fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { INF_HASH } else { -INF_HASH };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = x as i64;
    fix(if v < 0.0 { -h } else { h })
}

/// Mantissa in [0.5, 1) and exponent, as C's `frexp`.
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_numbers_hash_equal() {
        assert_eq!(hash_int(1), hash_float(1.0));
        assert_eq!(hash_float(0.5), 1152921504606846976);
        assert_eq!(hash_float(-1.5), -1152921504606846977);
        assert_eq!(hash_int(-1), -2);
        assert_eq!(
            hash_bigint(&BigInt::from(1u128 << 70)),
            hash_float((1u128 << 70) as f64)
        );
    }
}
