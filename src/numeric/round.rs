//! `round()` for floats and ints, as CPython's `float.__round__` and `int.__round__`: half-even
//! rounding of the exact binary value to a decimal position, then (for floats) the correctly
//! rounded double nearest to that decimal.

use super::error::MathError;
use super::intmath::float_to_int;
use crate::format::float::{format_float_code, FloatCode, FloatFlags};
use crate::format::float_as_integer_ratio;
use crate::format::int_to_f64;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// `(DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103`: beyond this many digits every double is unchanged.
const NDIGITS_MAX: i64 = 323;
/// `-(DBL_MAX_EXP + 1) * 0.30103`: below this every double rounds to ±0.
const NDIGITS_MIN: i64 = -308;

/// `round(x)`: the nearest int, ties to even.
pub fn round_to_int(x: f64) -> Result<BigInt, MathError> {
    float_to_int(x.round_ties_even())
}

/// `round(n, k)` with `k >= 0` rounds nothing; negative `k` rounds to a multiple of `10**-k`.
fn round_div(n: &BigInt, pow: &BigInt) -> BigInt {
    let (q, r) = n.div_mod_floor(pow);
    let twice = &r * 2u8;
    let round_up = twice > *pow || (twice == *pow && q.is_odd());
    if round_up {
        q + 1u8
    } else {
        q
    }
}

/// `round(x, ndigits)` for a float.
pub fn round_f64(x: f64, ndigits: i64) -> Result<f64, MathError> {
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let rounded = if ndigits >= 0 {
        let text = format_float_code(x, FloatCode::Fixed, ndigits as usize, FloatFlags::default());
        text.parse::<f64>().unwrap_or(x)
    } else {
        let (num, den) = float_as_integer_ratio(x).map_err(|_| MathError::Domain)?;
        let pow = BigInt::from(10u8).pow((-ndigits) as u32);
        // Half-even on the exact value num / (den * pow).
        let q = round_div(&num, &(den * &pow));
        let v = int_to_f64(&(q * pow)).map_err(|_| MathError::RoundedTooLarge)?;
        if v == 0.0 {
            0.0f64.copysign(x)
        } else {
            v
        }
    };
    if rounded.is_infinite() {
        return Err(MathError::RoundedTooLarge);
    }
    Ok(rounded)
}

/// `round(n, ndigits)` for an int.
pub fn round_int(n: &BigInt, ndigits: &BigInt) -> BigInt {
    if !ndigits.is_negative() {
        return n.clone();
    }
    // |n| < 10**k / 2 once k exceeds n's digit count: the result is 0 without building 10**k.
    let digits = (n.bits() as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    let k = match (-ndigits).to_u64() {
        Some(k) if k <= digits => k,
        _ => return BigInt::zero(),
    };
    let pow = BigInt::from(10u8).pow(k as u32);
    round_div(n, &pow) * pow
}
