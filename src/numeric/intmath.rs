//! The integer side of `math`: `gcd`, `lcm`, `factorial` (CPython's odd-part/two-valuation
//! divide and conquer is an optimisation only — the value is what matters), `comb`, `perm`,
//! `isqrt`, float → int for `floor`/`ceil`/`trunc`, and logarithms of ints of any size
//! (`loghelper`).

use super::error::MathError;
use super::math::{log10_f64, log2_f64, log_f64};
use crate::format::intstr::{int_to_f64, ldexp_biguint};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `int(x)` for a float already rounded by floor/ceil/trunc.
pub fn float_to_int(x: f64) -> Result<BigInt, MathError> {
    if x.is_nan() {
        return Err(MathError::FloatNanToInt);
    }
    if x.is_infinite() {
        return Err(MathError::FloatInfinityToInt);
    }
    let t = x.trunc();
    if t.abs() < 9.2e18 {
        return Ok(BigInt::from(t as i64));
    }
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mag = BigInt::from(mant) << (exp as u64);
    Ok(if t < 0.0 { -mag } else { mag })
}

pub fn floor(x: f64) -> Result<BigInt, MathError> {
    float_to_int(x.floor())
}

pub fn ceil(x: f64) -> Result<BigInt, MathError> {
    float_to_int(x.ceil())
}

pub fn trunc(x: f64) -> Result<BigInt, MathError> {
    float_to_int(x.trunc())
}

/// `math.gcd(*integers)`.
pub fn gcd(values: &[BigInt]) -> BigInt {
    values.iter().fold(BigInt::zero(), |acc, v| acc.gcd(v))
}

/// `math.lcm(*integers)`.
pub fn lcm(values: &[BigInt]) -> BigInt {
    let mut acc = BigInt::one();
    for (i, v) in values.iter().enumerate() {
        if i == 0 {
            acc = v.abs();
        } else if acc.is_zero() || v.is_zero() {
            acc = BigInt::zero();
        } else {
            acc = (&acc / acc.gcd(v) * v).abs();
        }
    }
    acc
}

/// Product of the integers in `lo..hi` by balanced splitting (fast for big ranges).
fn range_product(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 16 {
        return (lo..hi).fold(BigUint::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> Result<BigInt, MathError> {
    let n = match n.to_i64() {
        Some(v) if v < 0 => return Err(MathError::FactorialNegative),
        Some(v) => v as u64,
        None if n.sign() == Sign::Minus => return Err(MathError::FactorialNegative),
        None => return Err(MathError::FactorialTooLarge),
    };
    Ok(BigInt::from(range_product(1, n + 1)))
}

fn non_negative(v: &BigInt, name: &'static str) -> Result<(), MathError> {
    if v.sign() == Sign::Minus {
        return Err(MathError::NotNonNegative(name));
    }
    Ok(())
}

/// `math.perm(n, k)`; `k = None` is `n!`.
pub fn perm(n: &BigInt, k: Option<&BigInt>) -> Result<BigInt, MathError> {
    let Some(k) = k else {
        non_negative(n, "n")?;
        return factorial(n);
    };
    non_negative(n, "n")?;
    non_negative(k, "k")?;
    if k > n {
        return Ok(BigInt::zero());
    }
    let k = k.to_u64().ok_or(MathError::TooLargeForCLong("k"))?;
    let mut acc = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        acc *= &f;
        f -= 1;
    }
    Ok(acc)
}

/// `math.comb(n, k)`.
pub fn comb(n: &BigInt, k: &BigInt) -> Result<BigInt, MathError> {
    non_negative(n, "n")?;
    non_negative(k, "k")?;
    if k > n {
        return Ok(BigInt::zero());
    }
    let k = std::cmp::min(k.clone(), n - k);
    let k = k
        .to_u64()
        .ok_or(MathError::TooLargeForCLong("min(n - k, k)"))?;
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (n - i) / (i + 1);
    }
    Ok(acc)
}

/// `math.isqrt(n)`.
pub fn isqrt(n: &BigInt) -> Result<BigInt, MathError> {
    if n.sign() == Sign::Minus {
        return Err(MathError::IsqrtNegative);
    }
    Ok(n.sqrt())
}

/// CPython's `_PyLong_Frexp` for a positive int: `(x, e)` with `n ≈ x·2**e`, `0.5 <= x < 1`,
/// `x` correctly rounded to 53 bits.
fn int_frexp(n: &BigUint) -> (f64, i64) {
    let e = n.bits() as i64;
    let x = ldexp_biguint(n, -e).unwrap_or(0.5);
    if x == 1.0 {
        (0.5, e + 1)
    } else {
        (x, e)
    }
}

/// `loghelper`: `func` of a positive int of any size.
fn int_log(n: &BigInt, func: fn(f64) -> Result<f64, MathError>) -> Result<f64, MathError> {
    if n.sign() != Sign::Plus {
        return Err(MathError::Domain);
    }
    match int_to_f64(n) {
        Ok(x) => func(x),
        Err(_) => {
            let (x, e) = int_frexp(n.magnitude());
            Ok(func(x)? + func(2.0)? * e as f64)
        }
    }
}

/// `math.log(n)` of an int.
pub fn log_int(n: &BigInt) -> Result<f64, MathError> {
    int_log(n, log_f64)
}

/// `math.log2(n)` of an int.
pub fn log2_int(n: &BigInt) -> Result<f64, MathError> {
    int_log(n, log2_f64)
}

/// `math.log10(n)` of an int.
pub fn log10_int(n: &BigInt) -> Result<f64, MathError> {
    int_log(n, log10_f64)
}
