//! The float functions of `math`, each with CPython 3.11's special cases and error mapping:
//! `math_1` (NaN from non-NaN → domain error; ±inf from finite → range or domain error),
//! `math_2`, and the hand-written wrappers (`pow`, `fmod`, `atan2`, `ldexp`, …).

use super::error::MathError;
use super::glibc;
use std::f64::consts::PI;

type R = Result<f64, MathError>;

/// CPython's `math_1`: checks a one-argument libm result.
fn math_1(x: f64, r: f64, can_overflow: bool) -> R {
    if r.is_nan() && !x.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            MathError::Range
        } else {
            MathError::Domain
        });
    }
    Ok(r)
}

/// CPython's `math_2`: checks a two-argument libm result.
fn math_2(x: f64, y: f64, r: f64) -> R {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

macro_rules! unary {
    ($($(#[$doc:meta])* $name:ident => $f:expr, overflow: $ov:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name(x: f64) -> R {
            let f: fn(f64) -> f64 = $f;
            math_1(x, f(x), $ov)
        }
    )*};
}

unary! {
    acos => f64::acos, overflow: false;
    acosh => glibc::acosh, overflow: false;
    asin => f64::asin, overflow: false;
    asinh => glibc::asinh, overflow: false;
    atan => f64::atan, overflow: false;
    atanh => glibc::atanh, overflow: false;
    cbrt => glibc::cbrt, overflow: false;
    cos => f64::cos, overflow: false;
    cosh => f64::cosh, overflow: true;
    exp => f64::exp, overflow: true;
    exp2 => f64::exp2, overflow: true;
    expm1 => f64::exp_m1, overflow: true;
    fabs => f64::abs, overflow: false;
    sin => f64::sin, overflow: false;
    sinh => f64::sinh, overflow: true;
    sqrt => f64::sqrt, overflow: false;
    tan => f64::tan, overflow: false;
    tanh => f64::tanh, overflow: false;
    /// `_Py_log1p`: keeps the sign of a zero argument.
    log1p => |x| if x == 0.0 { x } else { x.ln_1p() }, overflow: false;
}

/// `m_log`: the natural log with C99 special values; errors as `math_1`.
pub fn log_f64(x: f64) -> R {
    let r = if x.is_finite() {
        if x > 0.0 {
            x.ln()
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    };
    math_1(x, r, false)
}

/// `m_log2`.
pub fn log2_f64(x: f64) -> R {
    let r = if x > 0.0 || x.is_nan() {
        x.log2()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    };
    math_1(x, r, false)
}

/// `m_log10`.
pub fn log10_f64(x: f64) -> R {
    let r = if x > 0.0 || x.is_nan() {
        x.log10()
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN
    };
    math_1(x, r, false)
}

/// `math.log(x, base)` once both logs are known (CPython divides the two results).
pub fn log_ratio(num: f64, den: f64) -> R {
    if den == 0.0 {
        return Err(MathError::FloatDivisionByZero);
    }
    Ok(num / den)
}

/// `m_atan2`: C99 special values handled directly.
pub fn atan2(y: f64, x: f64) -> R {
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if y.is_infinite() {
        if x.is_infinite() {
            let q = if x.is_sign_positive() { 0.25 } else { 0.75 };
            (q * PI).copysign(y)
        } else {
            (0.5 * PI).copysign(y)
        }
    } else if x.is_infinite() || y == 0.0 {
        if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        }
    } else {
        y.atan2(x)
    };
    math_2(y, x, r)
}

pub fn copysign(x: f64, y: f64) -> R {
    math_2(x, y, x.copysign(y))
}

/// `m_remainder`: IEEE 754 remainder, exact.
pub fn remainder(x: f64, y: f64) -> R {
    let r = if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            f64::NAN
        } else {
            let (ax, ay) = (x.abs(), y.abs());
            let m = ax % ay;
            let c = ay - m;
            let r = if m < c {
                m
            } else if m > c {
                -c
            } else {
                m - 2.0 * ((0.5 * (ax - m)) % ay)
            };
            1.0f64.copysign(x) * r
        }
    } else if x.is_nan() {
        x
    } else if y.is_nan() {
        y
    } else if x.is_infinite() {
        f64::NAN
    } else {
        x
    };
    math_2(x, y, r)
}

/// `math.fmod`.
pub fn fmod(x: f64, y: f64) -> R {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::Domain);
    }
    Ok(r)
}

/// `math.pow`, with CPython's own handling of IEEE specials.
pub fn pow(x: f64, y: f64) -> R {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(MathError::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathError::Domain
        } else {
            MathError::Range
        });
    }
    Ok(r)
}

pub fn degrees(x: f64) -> f64 {
    x * (180.0 / PI)
}

pub fn radians(x: f64) -> f64 {
    x * (PI / 180.0)
}

/// `math.modf`: (fractional part, integral part), both with the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    let int = x.trunc();
    ((x - int).copysign(x), int)
}

/// `math.frexp`: `(m, e)` with `x == m * 2**e`, `0.5 <= |m| < 1` (or `(x, 0)` for 0/inf/nan).
pub fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, shift) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, biased - 1022 + shift)
}

/// `math.ldexp(x, i)`; `i` saturated to the i64 range by the caller, as CPython saturates to
/// a C long.
pub fn ldexp(x: f64, i: i64) -> R {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    if i > i32::MAX as i64 {
        return Err(MathError::Range);
    }
    if i < i32::MIN as i64 {
        return Ok(0.0f64.copysign(x));
    }
    let r = scale(x, i);
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

/// `x * 2**i` with one correct rounding, like C's `ldexp`.
fn scale(x: f64, i: i64) -> f64 {
    let (m, e) = frexp(x);
    // m * 2^53 is an exact integer; rebuild with one rounding.
    let mant = (m.abs() * 2f64.powi(53)) as u64;
    let v = crate::format::intstr::ldexp_biguint(&mant.into(), e + i - 53).unwrap_or(f64::INFINITY);
    v.copysign(x)
}

/// `math.nextafter(x, y)`.
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// `math.ulp(x)`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let up = nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        return x - nextafter(x, f64::NEG_INFINITY);
    }
    up - x
}

/// `math.isclose(a, b, rel_tol=, abs_tol=)`.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> Result<bool, MathError> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(MathError::TolerancesNegative);
    }
    if a == b {
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}
