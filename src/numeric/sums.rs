//! Accurate summation: `math.fsum` (Shewchuk/Hettinger partials with CPython's half-even
//! fix-up across partials) and the vector norm behind `math.hypot` and `math.dist`
//! (power-of-two scaling, Veltkamp–Dekker squaring, compensated sums, a differential square
//! root correction) — both as CPython 3.11 computes them, so results agree bit for bit.

use super::error::MathError;
use super::math::frexp;
use crate::format::intstr::ldexp_biguint;

/// `math.fsum(values)`.
pub fn fsum(values: impl IntoIterator<Item = f64>) -> Result<f64, MathError> {
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0;
    let mut inf_sum = 0.0;
    for xsave in values {
        let mut x = xsave;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // Either intermediate overflow or an inf/nan summand.
                if xsave.is_finite() {
                    return Err(MathError::FsumOverflow);
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(MathError::FsumInfMinusInf);
        }
        return Ok(special_sum);
    }
    let mut n = partials.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials: sum([1e-16, 1, 1e16]) must round up.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

/// `sqrt(sum(x*x for x in vec))` for non-negative `vec` whose largest element is `max`.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0;
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max_e < -1023 {
        // 2**-max_e would overflow: divide by max instead.
        for &v in vec {
            let x = v / max;
            let x = x * x;
            let old = csum;
            csum += x;
            frac1 += (old - csum) + x;
        }
        return max * (csum - 1.0 + frac1).sqrt();
    }
    let scale = ldexp_biguint(&1u8.into(), -max_e).unwrap_or(1.0);
    let split = |x: f64| {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    };
    for &v in vec {
        let (hi, lo) = split(v * scale);
        let x = hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = 2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        frac3 += lo * lo;
    }
    let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
    let (hi, lo) = split(h);
    let x = -hi * hi;
    let old = csum;
    csum += x;
    frac1 += (old - csum) + x;
    let x = -2.0 * hi * lo;
    let old = csum;
    csum += x;
    frac2 += (old - csum) + x;
    let x = -lo * lo;
    let old = csum;
    csum += x;
    frac3 += (old - csum) + x;
    let x = csum - 1.0 + (frac1 + frac2 + frac3);
    (h + x / (2.0 * h)) / scale
}

fn norm_of(values: impl Iterator<Item = f64>) -> f64 {
    let mut max = 0.0;
    let mut found_nan = false;
    let vec: Vec<f64> = values
        .map(|x| {
            let x = x.abs();
            found_nan |= x.is_nan();
            if x > max {
                max = x;
            }
            x
        })
        .collect();
    vector_norm(&vec, max, found_nan)
}

/// `math.hypot(*coordinates)`.
pub fn hypot(coordinates: &[f64]) -> f64 {
    norm_of(coordinates.iter().copied())
}

/// `math.dist(p, q)`.
pub fn dist(p: &[f64], q: &[f64]) -> Result<f64, MathError> {
    if p.len() != q.len() {
        return Err(MathError::DistDimensions);
    }
    Ok(norm_of(p.iter().zip(q).map(|(a, b)| a - b)))
}
