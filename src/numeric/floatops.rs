//! The float operators whose Python semantics differ from IEEE/C: `%` and `//` and `divmod`
//! (floored, sign of the divisor, CPython's quotient snapping), `/` (ZeroDivisionError),
//! `**` (CPython's `float_pow` special cases), and int / int true division, correctly rounded
//! for ints of any size (`long_true_divide`).

use super::error::MathError;
use crate::format::intstr::ldexp_biguint;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// `x / y`.
pub fn div(x: f64, y: f64) -> Result<f64, MathError> {
    if y == 0.0 {
        return Err(MathError::FloatDivisionByZero);
    }
    Ok(x / y)
}

/// `x % y`.
pub fn rem(x: f64, y: f64) -> Result<f64, MathError> {
    if y == 0.0 {
        return Err(MathError::FloatModulo);
    }
    let m = x % y;
    Ok(if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    })
}

/// `(x // y, x % y)` for a non-zero `y`.
fn divmod_nonzero(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    // x - m is (mathematically) an exact multiple of y; the division may still be inexact.
    let mut d = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            d -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if d != 0.0 {
        let f = d.floor();
        if d - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `divmod(x, y)`.
pub fn divmod(x: f64, y: f64) -> Result<(f64, f64), MathError> {
    if y == 0.0 {
        return Err(MathError::FloatDivmod);
    }
    Ok(divmod_nonzero(x, y))
}

/// `x // y`.
pub fn floordiv(x: f64, y: f64) -> Result<f64, MathError> {
    if y == 0.0 {
        return Err(MathError::FloatFloorDivision);
    }
    Ok(divmod_nonzero(x, y).0)
}

/// The outcome of float `**`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloatPow {
    Real(f64),
    /// A negative base to a non-integer power: Python computes a complex result.
    Complex,
}

fn is_odd_integer(y: f64) -> bool {
    y.is_finite() && (y % 2.0).abs() == 1.0
}

/// `x ** y` for floats.
pub fn pow(x: f64, y: f64) -> Result<FloatPow, MathError> {
    use FloatPow::Real;
    if y == 0.0 {
        return Ok(Real(1.0));
    }
    if x.is_nan() {
        return Ok(Real(x));
    }
    if y.is_nan() {
        return Ok(Real(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Real(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            y.abs()
        } else {
            0.0
        }));
    }
    let odd = is_odd_integer(y);
    if x.is_infinite() {
        return Ok(Real(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(MathError::ZeroToNegativePower);
        }
        return Ok(Real(if odd { x } else { 0.0 }));
    }
    let (base, negate) = if x < 0.0 {
        if y != y.floor() {
            return Ok(FloatPow::Complex);
        }
        (-x, odd)
    } else {
        (x, false)
    };
    if base == 1.0 {
        return Ok(Real(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(MathError::PowOverflow);
    }
    Ok(Real(if negate { -r } else { r }))
}

/// `a / b` for ints: the correctly rounded (half-even) double nearest the exact quotient.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> Result<f64, MathError> {
    if b.is_zero() {
        return Err(MathError::IntDivisionByZero);
    }
    const EXACT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(x as f64 / y as f64);
        }
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (na, nb) = (a.magnitude(), b.magnitude());
    if na.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    // Scale so the integer quotient has at least 55 bits, then keep a sticky bit for the rest.
    let shift = 55 - (na.bits() as i64 - nb.bits() as i64);
    let (num, den) = if shift >= 0 {
        (na << shift as u64, nb.clone())
    } else {
        (na.clone(), nb << (-shift) as u64)
    };
    let (q, r) = num.div_rem(&den);
    let m = (q << 1u8) | num_bigint::BigUint::from(!r.is_zero() as u8);
    let v = ldexp_biguint(&m, -shift - 1).ok_or(MathError::IntDivisionTooLarge)?;
    Ok(if negative { -v } else { v })
}
