//! float ↔ text besides repr: `float(str)` with Python's literal syntax, `float.hex()`,
//! `float.fromhex()` (correctly rounded, half-even) and `float.as_integer_ratio()`.

use super::error::FormatError;
use super::intstr::{ascii_bytes_text, ascii_number_text, is_py_space, ldexp_biguint};
use super::pyrepr::{bytes_repr, str_repr};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::Zero;

/// Digits with single underscores strictly between digits; returns the byte length consumed.
fn digit_part(s: &[u8], hex: bool) -> usize {
    let is_digit = |b: u8| {
        if hex {
            b.is_ascii_hexdigit()
        } else {
            b.is_ascii_digit()
        }
    };
    let mut i = 0;
    while i < s.len() {
        let between_digits =
            s[i] == b'_' && i > 0 && i + 1 < s.len() && is_digit(s[i + 1]) && is_digit(s[i - 1]);
        if is_digit(s[i]) || between_digits {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Length of the longest prefix of `s` matching Python's decimal float literal
/// (`digits [. [digits]] [exp] | . digits [exp]`), or 0.
fn numeric_literal_len(s: &[u8]) -> usize {
    let int_len = digit_part(s, false);
    let mut i = int_len;
    if s.get(i) == Some(&b'.') {
        let frac_len = digit_part(&s[i + 1..], false);
        if int_len == 0 && frac_len == 0 {
            return 0;
        }
        i += 1 + frac_len;
    } else if int_len == 0 {
        return 0;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_len = digit_part(&s[j..], false);
        if exp_len == 0 {
            return 0;
        }
        i = j + exp_len;
    }
    i
}

/// `float(text)` for a str argument.
pub fn float_from_str(text: &str) -> Result<f64, FormatError> {
    parse_float(&ascii_number_text(text), || str_repr(text))
}

/// `float(data)` for bytes or bytearray.
pub fn float_from_bytes(data: &[u8]) -> Result<f64, FormatError> {
    parse_float(&ascii_bytes_text(data), || bytes_repr(data))
}

/// The `float()` grammar on text already reduced to ASCII.
fn parse_float(ascii: &str, quoted: impl Fn() -> String) -> Result<f64, FormatError> {
    let invalid = || FormatError::InvalidFloatLiteral { text: quoted() };
    let s = ascii.trim_matches(is_py_space);
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if body.is_empty() || numeric_literal_len(body.as_bytes()) != body.len() {
                return Err(invalid());
            }
            body.replace('_', "")
                .parse::<f64>()
                .map_err(|_| invalid())?
        }
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// `float.hex()`: `0x1.8000000000000p+0`, `-0x0.0p+0`, `inf`, `nan`.
pub fn float_to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

/// `float.fromhex(text)`.
pub fn float_from_hex(text: &str) -> Result<f64, FormatError> {
    let s = text.trim_matches(is_py_space);
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let signed = |v: f64| if negative { -v } else { v };
    match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let b = body.as_bytes();
    let mut i = if b.len() >= 2 && b[0] == b'0' && (b[1] | 0x20) == b'x' {
        2
    } else {
        0
    };
    let int_start = i;
    while i < b.len() && b[i].is_ascii_hexdigit() {
        i += 1;
    }
    let int_digits = &body[int_start..i];
    let mut frac_digits = "";
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        frac_digits = &body[start..i];
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(FormatError::InvalidHexFloat);
    }
    let mut exp: i64 = 0;
    if matches!(b.get(i), Some(b'p' | b'P')) {
        i += 1;
        let negative_exp = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            // Saturate far beyond any meaningful exponent.
            exp = (exp * 10 + (b[i] - b'0') as i64).min(1 << 50);
            i += 1;
        }
        if i == start {
            return Err(FormatError::InvalidHexFloat);
        }
        if negative_exp {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Err(FormatError::InvalidHexFloat);
    }
    let digits: Vec<u8> = int_digits
        .bytes()
        .chain(frac_digits.bytes())
        .map(|c| (c as char).to_digit(16).unwrap_or(0) as u8)
        .collect();
    let mantissa = BigUint::from_radix_be(&digits, 16).unwrap_or_default();
    if mantissa.is_zero() {
        return Ok(signed(0.0));
    }
    let exp = exp - 4 * frac_digits.len() as i64;
    ldexp_biguint(&mantissa, exp)
        .map(signed)
        .ok_or(FormatError::HexFloatOverflow)
}

/// `x.as_integer_ratio()`: the exact value as a fraction in lowest terms, denominator > 0.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), FormatError> {
    if !x.is_finite() {
        return Err(FormatError::FloatToIntRatio { nan: x.is_nan() });
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::from(1)));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut mant, mut exp) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, biased - 1075)
    };
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    exp += tz;
    let sign = if x < 0.0 { Sign::Minus } else { Sign::Plus };
    let mut num = BigInt::from_biguint(sign, BigUint::from(mant));
    let mut den = BigInt::from(1);
    if exp > 0 {
        num <<= exp as u64;
    } else {
        den <<= (-exp) as u64;
    }
    Ok((num, den))
}
