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
    a.div_floor(b)
}

pub fn mod_big(a: &BigInt, b: &BigInt) -> BigInt {
    use num_integer::Integer;
    a.mod_floor(b)
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
