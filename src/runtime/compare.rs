//! Equality that never calls Python: numbers across int/float/bool/big int, str, bytes, tuples
//! of such, identity. `None` means "ask Python" (an instance that may define `__eq__`).

use super::object::Kind;
use super::value::Value;
use num_bigint::BigInt;

/// Compares an i64 with a float exactly (no rounding of large ints).
pub fn int_float_eq(i: i64, f: f64) -> bool {
    f.fract() == 0.0
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
        && f as i64 == i
}

pub fn big_float_eq(b: &BigInt, f: f64) -> bool {
    if !f.is_finite() || f.fract() != 0.0 {
        return false;
    }
    let fb: Option<BigInt> = num_traits::FromPrimitive::from_f64(f);
    fb.as_ref() == Some(b)
}

/// Inline for the int-int case and for one object twice: in a dict or set probe, equal
/// hashes of two ints almost always mean equal ints, a str key looked up is often the very
/// object stored, and the general match is a call with a large frame.
#[inline]
pub fn fast_eq(a: Value, b: Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Object(x), Value::Object(y)) if x.ptr_eq(y) => Some(true),
        _ => fast_eq_general(a, b),
    }
}

/// Whether `fast_eq` of `v` with some value can be undecided (None): `v` is, or is a tuple
/// holding, an object other than a str, big int or bytes.
pub fn may_need_eq(v: Value) -> bool {
    match v {
        Value::Object(o) => match &o.kind {
            Kind::Str(_) | Kind::BigInt(_) | Kind::Bytes(_) => false,
            Kind::Tuple(t) => t.iter().any(|&x| may_need_eq(x)),
            _ => true,
        },
        _ => false,
    }
}

fn fast_eq_general(a: Value, b: Value) -> Option<bool> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => int_float_eq(x, y),
        (Bool(x), Bool(y)) => x == y,
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => x as i64 == y,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (x as i64 as f64) == y,
        (None, None) => true,
        (None, Int(_) | Float(_) | Bool(_)) | (Int(_) | Float(_) | Bool(_), None) => false,
        (Object(x), Object(y)) => {
            if x.ptr_eq(y) {
                return Some(true);
            }
            match (&x.kind, &y.kind) {
                (Kind::Str(s), Kind::Str(t)) => s.as_str() == t.as_str(),
                (Kind::BigInt(s), Kind::BigInt(t)) => s == t,
                (Kind::Bytes(s), Kind::Bytes(t)) => s == t,
                (Kind::Tuple(s), Kind::Tuple(t)) => {
                    if s.len() != t.len() {
                        return Some(false);
                    }
                    for (&p, &q) in s.iter().zip(t.iter()) {
                        if !fast_eq(p, q)? {
                            return Some(false);
                        }
                    }
                    true
                }
                (Kind::BigInt(_), Kind::Str(_) | Kind::Bytes(_) | Kind::Tuple(_))
                | (Kind::Str(_), Kind::BigInt(_) | Kind::Bytes(_) | Kind::Tuple(_))
                | (Kind::Bytes(_), Kind::BigInt(_) | Kind::Str(_) | Kind::Tuple(_))
                | (Kind::Tuple(_), Kind::BigInt(_) | Kind::Str(_) | Kind::Bytes(_)) => false,
                _ => return Option::None,
            }
        }
        (Object(o), other) | (other, Object(o)) => match (&o.kind, other) {
            (Kind::BigInt(b), Float(f)) => big_float_eq(b, f),
            (Kind::BigInt(_), _) => false,
            (Kind::Str(_) | Kind::Bytes(_) | Kind::Tuple(_), _) => false,
            _ => return Option::None,
        },
    })
}
