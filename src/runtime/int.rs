//! Python ints: `Value::Int` when the value fits in i64 (always — the canonical form), a
//! `Kind::BigInt` object otherwise. Arithmetic is overflow-checked on the fast path and falls
//! back to `num-bigint`.

use super::object::Kind;
use super::types::types;
use super::value::Value;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

pub fn from_bigint(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => super::alloc::obj(types().int, Kind::BigInt(b)),
    }
}

/// The value as a big int, if it is an int (or bool).
pub fn to_bigint(v: Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(i)),
        Value::Bool(b) => Some(BigInt::from(b as i64)),
        Value::Object(o) => match &o.get().kind {
            Kind::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

pub fn is_int(v: Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Object(o) => matches!(o.get().kind, Kind::BigInt(_)),
        _ => false,
    }
}

/// Float conversion of an int, `None` on overflow.
pub fn to_f64(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(b as i64 as f64),
        Value::Object(o) => match &o.get().kind {
            Kind::BigInt(b) => b.to_f64().filter(|f| f.is_finite()),
            _ => None,
        },
        _ => None,
    }
}

/// Floor division and modulo with Python's sign rules (divisor nonzero).
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

pub fn mod_i64(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

pub fn floordiv_big(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    match small_quotient_divmod(a, b) {
        Some((q, _)) => BigInt::from(q),
        None => a.div_floor(b),
    }
}

pub fn mod_big(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    match small_quotient_divmod(a, b) {
        Some((_, r)) => r,
        None => a.mod_floor(b),
    }
}

/// `divmod(a, b)` for non-negative `a` and positive multi-word `b` whose quotient fits in 62
/// bits, in two linear passes: the quotient is estimated from the top 128 bits of each and
/// corrected. num-bigint's general division (Burnikel–Ziegler) shifts and copies both numbers
/// several times, which made spigot algorithms (pidigits' `(num * 3 + acc) // den`) spend most
/// of their time in memmove.
fn small_quotient_divmod(a: &BigInt, b: &BigInt) -> Option<(u64, BigInt)> {
    use num_bigint::Sign;
    if a.sign() == Sign::Minus || b.sign() != Sign::Plus {
        return None;
    }
    let (abits, bbits) = (a.bits(), b.bits());
    if bbits <= 128 || abits > bbits + 60 {
        return None;
    }
    let shift = bbits - 64;
    let top_a = top_bits(a.magnitude(), shift);
    let top_b = top_bits(b.magnitude(), shift);
    // top_b >= 2^63, so the estimate is within one of the true quotient.
    let mut q = (top_a / top_b) as u64;
    let mut r = a - b * q;
    while r.sign() == Sign::Minus {
        q -= 1;
        r += b;
    }
    while &r >= b {
        q += 1;
        r -= b;
    }
    Some((q, r))
}

/// `floor(x / 2^shift)`, which must fit in 128 bits.
fn top_bits(x: &num_bigint::BigUint, shift: u64) -> u128 {
    let (word, bit) = ((shift / 64) as usize, (shift % 64) as u32);
    let mut digits = x.iter_u64_digits().skip(word);
    let lo = digits.next().unwrap_or(0) as u128;
    let mid = digits.next().unwrap_or(0) as u128;
    let hi = digits.next().unwrap_or(0) as u128;
    let low = (lo | mid << 64) >> bit;
    if bit == 0 {
        low
    } else {
        low | hi << (128 - bit)
    }
}

/// int ** non-negative int.
pub fn pow_big(a: &BigInt, e: u64) -> BigInt {
    num_traits::pow::Pow::pow(a, e)
}

/// Python's `int / int`, rounded from a 64-bit-or-more quotient (exact for small values).
pub fn true_div(a: &BigInt, b: &BigInt) -> Option<f64> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Some(x as f64 / y as f64);
        }
    }
    let neg = (a.sign() == num_bigint::Sign::Minus) != (b.sign() == num_bigint::Sign::Minus);
    let (ma, mb) = (
        BigInt::from(a.magnitude().clone()),
        BigInt::from(b.magnitude().clone()),
    );
    let shift = ma.bits() as i64 - mb.bits() as i64 - 64;
    let q = if shift > 0 {
        &ma / (&mb << shift as usize)
    } else {
        (&ma << (-shift) as usize) / &mb
    };
    let f = q.to_f64()? * 2f64.powi(shift.clamp(-2000, 2000) as i32);
    if !f.is_finite() {
        return None;
    }
    Some(if neg { -f } else { f })
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_integer::Integer;

    /// The small-quotient division agrees with num-bigint's general one at every size boundary.
    #[test]
    fn small_quotient_division_matches_general_division() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let words = 2 + (next() % 6) as usize;
            let b = BigInt::from_slice(
                num_bigint::Sign::Plus,
                &(0..words * 2).map(|_| next() as u32).collect::<Vec<_>>(),
            ) + 1;
            let q = BigInt::from(next() >> (next() % 64));
            let extra = BigInt::from(next()) % &b;
            for a in [
                &b * &q + &extra,
                &b * &q,
                &b - 1,
                BigInt::from(0),
                &b * &q - 1,
            ] {
                if a.sign() == num_bigint::Sign::Minus {
                    continue;
                }
                assert_eq!(floordiv_big(&a, &b), a.div_floor(&b), "{a} // {b}");
                assert_eq!(mod_big(&a, &b), a.mod_floor(&b), "{a} % {b}");
            }
        }
    }
}
