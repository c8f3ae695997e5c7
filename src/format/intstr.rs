//! int ↔ str in any base with Python's syntax (`int(s, base)`: sign, whitespace, `0x`/`0o`/`0b`
//! prefixes, single underscores between digits) and the 3.11 limit on decimal conversions
//! (`sys.set_int_max_str_digits`, default 4300), plus int → float with correct rounding.
//!
//! The limit is process-wide, as in CPython: [`set_max_str_digits`] is what `sys` calls.
//! Power-of-two bases are never limited, as in CPython.

use super::error::FormatError;
use super::pyrepr::{bytes_repr, str_repr_200};
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{ToPrimitive, Zero};
use std::sync::atomic::{AtomicUsize, Ordering};

/// CPython's `_PY_LONG_DEFAULT_MAX_STR_DIGITS`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
/// CPython's `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`: the smallest nonzero limit.
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

static MAX_STR_DIGITS: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_STR_DIGITS);

/// `sys.get_int_max_str_digits()`; 0 means unlimited.
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.load(Ordering::Relaxed)
}

/// `sys.set_int_max_str_digits(n)`; the caller has validated `n` (0 or ≥ 640).
pub fn set_max_str_digits(n: usize) {
    MAX_STR_DIGITS.store(n, Ordering::Relaxed);
}

fn to_str_error() -> FormatError {
    FormatError::IntMaxStrDigits {
        limit: max_str_digits(),
        digits: None,
    }
}

/// Early rejection of an int → decimal conversion by bit length, before any digit is made.
pub(crate) fn check_str_digits_bits(bits: u64) -> Result<(), FormatError> {
    let limit = max_str_digits() as u64;
    // 2^bits has more than bits·log10(2) > bits·0.30103 − 1 digits.
    if limit > 0 && bits.saturating_mul(30103) / 100000 > limit + 1 {
        return Err(to_str_error());
    }
    Ok(())
}

/// Exact check once the decimal digits (without sign) are known.
pub(crate) fn check_str_digits_len(n: usize) -> Result<(), FormatError> {
    let limit = max_str_digits();
    if limit > 0 && n > limit {
        return Err(to_str_error());
    }
    Ok(())
}

/// `str(n)` with the digit limit.
pub fn int_to_decimal(n: &BigInt) -> Result<String, FormatError> {
    check_str_digits_bits(n.bits())?;
    let s = n.to_string();
    check_str_digits_len(s.len() - (n.sign() == Sign::Minus) as usize)?;
    Ok(s)
}

/// `bin`/`oct`/`hex`/`str` of `n`: radix 2, 8 or 16 with `0b`/`0o`/`0x` after the sign, or 10.
pub fn int_to_str_radix(n: &BigInt, radix: u32) -> Result<String, FormatError> {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => return int_to_decimal(n),
    };
    let sign = if n.sign() == Sign::Minus { "-" } else { "" };
    Ok(format!(
        "{sign}{prefix}{}",
        n.magnitude().to_str_radix(radix)
    ))
}

/// Code points of the Unicode (14.0, as CPython 3.11) decimal digit zeros; each starts a run
/// of ten digits.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal`).
pub(crate) fn decimal_value(c: char) -> Option<u32> {
    let u = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= u).checked_sub(1)?;
    let d = u - DECIMAL_ZEROS[i];
    (d < 10).then_some(d)
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`, the first step of `int(str)` and
/// `float(str)`: non-ASCII whitespace becomes ' ', non-ASCII decimal digits become ASCII ones,
/// any other non-ASCII character becomes '?' (which no number syntax accepts).
pub(crate) fn ascii_number_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            c if c.is_whitespace() => ' ',
            c => decimal_value(c)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or('?'),
        })
        .collect()
}

/// C's `isspace` in the "C" locale, which is what remains after [`ascii_number_text`].
pub(crate) fn is_py_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// `int(text, base)`; `base` is 0 (auto-detect from the prefix) or 2..=36.
pub fn int_from_str(text: &str, base: u32) -> Result<BigInt, FormatError> {
    parse_int(&ascii_number_text(text), base, || str_repr_200(text))
}

/// `int(data, base)` for bytes or bytearray: ASCII only, C whitespace only.
pub fn int_from_bytes(data: &[u8], base: u32) -> Result<BigInt, FormatError> {
    parse_int(&ascii_bytes_text(data), base, || {
        bytes_repr(data).chars().take(200).collect()
    })
}

/// Bytes as text for the number parsers: every non-ASCII byte becomes '?', which no number
/// syntax accepts (bytes get no Unicode digits or spaces).
pub(crate) fn ascii_bytes_text(data: &[u8]) -> String {
    data.iter()
        .map(|&b| if b.is_ascii() { b as char } else { '?' })
        .collect()
}

/// The `int()` grammar on text already reduced to ASCII; `quoted` renders the original
/// argument for the error message.
fn parse_int(ascii: &str, base: u32, quoted: impl Fn() -> String) -> Result<BigInt, FormatError> {
    if base == 1 || base > 36 {
        return Err(FormatError::InvalidBase);
    }
    let invalid = || FormatError::InvalidIntLiteral {
        base,
        text: quoted(),
    };
    let s = ascii.trim_start_matches(is_py_space);
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower2: String = s.chars().take(2).flat_map(char::to_lowercase).collect();
    let prefix_base = match lower2.as_str() {
        "0x" => Some(16),
        "0o" => Some(8),
        "0b" => Some(2),
        _ => None,
    };
    let (radix, body, after_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &s[2..], true),
        (0, None) => (10, s, false),
        (b, Some(p)) if b == p => (b, &s[2..], true),
        (b, _) => (b, s, false),
    };
    // Scan digits with single underscores between them (one may follow a prefix).
    let bytes = body.as_bytes();
    let mut digits: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut prev_underscore = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'_' {
            if prev_underscore || (digits.is_empty() && !after_prefix) {
                return Err(invalid());
            }
            prev_underscore = true;
        } else {
            match (b as char).to_digit(radix) {
                Some(d) => digits.push(d as u8),
                None => break,
            }
            prev_underscore = false;
        }
        i += 1;
    }
    if prev_underscore || digits.is_empty() {
        return Err(invalid());
    }
    let limit = max_str_digits();
    if !radix.is_power_of_two() && limit > 0 && digits.len() > limit {
        return Err(FormatError::IntMaxStrDigits {
            limit,
            digits: Some(digits.len()),
        });
    }
    if !body[i..].trim_end_matches(is_py_space).is_empty() {
        return Err(invalid());
    }
    if base == 0 && radix == 10 && digits[0] == 0 && digits.iter().any(|&d| d != 0) {
        return Err(invalid());
    }
    let magnitude = BigUint::from_radix_be(&digits, radix).unwrap_or_default();
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, magnitude))
}

/// `m · 2^exp` rounded half-even to the nearest double; `None` when it overflows.
pub(crate) fn ldexp_biguint(m: &BigUint, exp: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let len = m.bits() as i64;
    let top = len - 1 + exp;
    if top > 1023 {
        return None;
    }
    if top < -1075 {
        return Some(0.0);
    }
    // Bits the result can hold: 53, fewer for subnormals, possibly none (rounds to 0 or 2^-1074).
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) }.max(0);
    let shift = len - keep;
    let (mut mant, mut e) = if shift > 0 {
        let q: BigUint = m >> (shift as u64);
        let half = BigUint::from(1u8) << ((shift - 1) as u64);
        let rem: BigUint = m - (&q << (shift as u64));
        let round_up = rem > half || (rem == half && q.bit(0));
        (q.to_u64().unwrap_or(0) + round_up as u64, exp + shift)
    } else {
        (m.to_u64().unwrap_or(0), exp)
    };
    if mant == 1 << 53 {
        mant >>= 1;
        e += 1;
    }
    if mant == 0 {
        return Some(0.0);
    }
    let p = 63 - mant.leading_zeros() as i64;
    let biased = p + e + 1023;
    if biased > 2046 {
        return None;
    }
    // `mant · 2^e` is representable here by construction: build its bits directly.
    let bits = if biased >= 1 {
        ((biased as u64) << 52) | ((mant << (52 - p)) & ((1 << 52) - 1))
    } else {
        u32::try_from(e + 1074)
            .ok()
            .and_then(|k| mant.checked_shl(k))
            .unwrap_or(0)
    };
    Some(f64::from_bits(bits))
}

/// `float(n)` for an int: correctly rounded, `OverflowError` when too large.
pub fn int_to_f64(n: &BigInt) -> Result<f64, FormatError> {
    let v = ldexp_biguint(n.magnitude(), 0).ok_or(FormatError::IntTooLargeForFloat)?;
    Ok(if n.sign() == Sign::Minus { -v } else { v })
}
