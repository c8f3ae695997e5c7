//! Float → text with CPython's digit rules: `repr`/`str` (shortest round-trip digits) and the
//! `e`/`f`/`g` layouts shared by `format()` and `%`-formatting.
//!
//! Digits come from Rust's exact float formatting (`ryu` is shortest round-trip, `{:.*e}` and
//! `{:.*}` are correctly rounded half-even on the exact binary value — the same contract as
//! David Gay's `dtoa` modes 0, 2 and 3 that CPython uses). They are reduced to a digit string
//! plus decimal-point position and then laid out the way CPython's `format_float_short` does, so
//! every output is digit-for-digit CPython's.

/// Which digits to produce and how to lay them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatCode {
    /// `%e`: one digit before the point, `precision` after, always an exponent.
    Exp,
    /// `%f`: `precision` digits after the point, never an exponent.
    Fixed,
    /// `%g`: `precision` significant digits, exponent outside `[-4, precision)`.
    General,
    /// `repr`: shortest round-trip digits, exponent outside `[-4, 16)`.
    Repr,
}

/// Layout switches, mirroring CPython's `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// Always write a sign (`+` for non-negative numbers, `inf` and `nan`).
    pub sign: bool,
    /// Add `.0` to an integral value written without exponent (`Repr`/`General` only).
    pub add_dot_0: bool,
    /// Alternate form (`#`): keep the point and `g`'s trailing zeros.
    pub alt: bool,
    /// 3.11's `z`: a value that rounds to zero is written without `-`.
    pub no_neg_zero: bool,
    /// `E`/`F`/`G`: upper-case exponent letter, `INF`, `NAN`.
    pub upper: bool,
}

/// Significant decimal digits of `|x|` (ASCII, no leading zeros) and the position of the decimal
/// point relative to their start: `|x| ≈ 0.DIGITS × 10^decpt`. Zero is `"0"` with `decpt == 1`;
/// a fixed-mode value that rounds to zero is `""` with `decpt == -precision`, as in `dtoa`.
struct Digits {
    digits: Vec<u8>,
    decpt: i64,
}

/// A double has at most 767 significant decimal digits and at most 1074 after the point, so
/// asking for more digits only appends zeros, which [`Digits`] strips anyway.
const MAX_SIGNIFICANT: usize = 800;
const MAX_AFTER_POINT: usize = 1100;

enum DigitMode {
    Shortest,
    Significant(usize),
    AfterPoint(usize),
}

/// Splits a decimal rendering (`123.45`, `1.5e-7`, `1e16`) into significant digits and
/// decimal-point position; an all-zero rendering gives `""`.
fn split_decimal(s: &str) -> Digits {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let leading = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..leading);
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    Digits {
        digits,
        decpt: int_len - leading as i64 + exp,
    }
}

/// `abs` rounded to `places` digits after the point, exactly and half-to-even (as CPython's
/// dtoa), by integer arithmetic: `abs` is `m * 2^e`, so `abs * 10^places` is computed in 128
/// bits and rounded on the bits shifted out. Covers `places <= 22` and values below 2^53;
/// `None` leaves the rest to the general formatter, whose exact mode falls back to bignum
/// arithmetic often enough that `f"{x:.4f}"` cost thousands of instructions.
fn fixed_digits_exact(abs: f64, places: usize) -> Option<Digits> {
    if places > 22 || abs >= 9007199254740992.0 {
        return None;
    }
    let bits = abs.to_bits();
    let (m, e) = match ((bits >> 52) & 0x7ff) as i64 {
        0 => (bits & ((1 << 52) - 1), -1074),
        biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075),
    };
    let scaled = u128::from(m) * 10u128.pow(places as u32);
    let q = if e >= 0 {
        scaled << e
    } else {
        let k = (-e) as u32;
        if k >= 128 {
            0
        } else {
            let q = scaled >> k;
            let rest = scaled & ((1u128 << k) - 1);
            let half = 1u128 << (k - 1);
            if rest > half || (rest == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        }
    };
    if q == 0 {
        return Some(Digits {
            digits: Vec::new(),
            decpt: 0,
        });
    }
    let mut digits = q.to_string().into_bytes();
    let decpt = digits.len() as i64 - places as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    Some(Digits { digits, decpt })
}

fn decimal_digits(abs: f64, mode: DigitMode) -> Digits {
    if abs == 0.0 {
        return Digits {
            digits: vec![b'0'],
            decpt: 1,
        };
    }
    match mode {
        DigitMode::Shortest => split_decimal(ryu::Buffer::new().format_finite(abs)),
        DigitMode::Significant(n) => {
            let n = n.min(MAX_SIGNIFICANT);
            split_decimal(&format!("{:.*e}", n.saturating_sub(1), abs))
        }
        DigitMode::AfterPoint(n) => {
            let d = fixed_digits_exact(abs, n)
                .unwrap_or_else(|| split_decimal(&format!("{:.*}", n.min(MAX_AFTER_POINT), abs)));
            if d.digits.is_empty() {
                Digits {
                    digits: d.digits,
                    decpt: -(n as i64),
                }
            } else {
                d
            }
        }
    }
}

/// CPython's `PyOS_double_to_string(x, code, precision, flags)`.
pub fn format_float_code(x: f64, code: FloatCode, precision: usize, flags: FloatFlags) -> String {
    let mut out = String::with_capacity(24);
    if x.is_nan() || x.is_infinite() {
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), flags.upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let (mode, precision) = match code {
        FloatCode::Exp => (DigitMode::Significant(precision + 1), precision + 1),
        FloatCode::Fixed => (DigitMode::AfterPoint(precision), precision),
        FloatCode::General => {
            let p = precision.max(1);
            (DigitMode::Significant(p), p)
        }
        FloatCode::Repr => (DigitMode::Shortest, 0),
    };
    let Digits { digits, decpt } = decimal_digits(x.abs(), mode);
    let mut negative = x.is_sign_negative();
    if flags.no_neg_zero && (digits.is_empty() || digits == b"0") {
        negative = false;
    }
    let precision = precision as i64;
    let n = digits.len() as i64;
    let mut vend = n;
    let mut use_exp = false;
    match code {
        FloatCode::Exp => {
            use_exp = true;
            vend = precision;
        }
        FloatCode::Fixed => vend = decpt + precision,
        FloatCode::General => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                vend = precision;
            }
        }
        FloatCode::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let (decpt, exp) = if use_exp { (1, decpt - 1) } else { (decpt, 0) };
    let vstart = if decpt <= 0 { decpt - 1 } else { 0 };
    vend = if !use_exp && flags.add_dot_0 {
        vend.max(decpt + 1)
    } else {
        vend.max(decpt)
    };

    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, k: i64| out.extend(std::iter::repeat_n('0', k.max(0) as usize));
    if decpt <= 0 {
        zeros(&mut out, decpt - vstart);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vstart);
    }
    if 0 < decpt && decpt <= n {
        out.push_str(ascii(&digits[..decpt as usize]));
        out.push('.');
        out.push_str(ascii(&digits[decpt as usize..]));
    } else {
        out.push_str(ascii(&digits));
    }
    if n < decpt {
        zeros(&mut out, decpt - n);
        out.push('.');
        zeros(&mut out, vend - decpt);
    } else {
        zeros(&mut out, vend - n);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(itoa_u64(e).as_str());
    }
    out
}

/// `repr(x)` and `str(x)` for a Python float: `1.0`, `0.1`, `1e+16`, `1e-05`, `inf`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags {
        add_dot_0: true,
        ..FloatFlags::default()
    };
    format_float_code(x, FloatCode::Repr, 0, flags)
}

/// The digit buffer as text (ASCII by construction).
fn ascii(d: &[u8]) -> &str {
    std::str::from_utf8(d).unwrap_or("")
}

/// Decimal text of `n` without going through `fmt`.
fn itoa_u64(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    String::from_utf8_lossy(&buf[i..]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The integer fast path gives exactly the digits of the general (bignum-backed) one.
    #[test]
    fn exact_fixed_digits_match_the_general_formatter() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut values = vec![
            0.5,
            1.5,
            2.5,
            0.125,
            0.25,
            0.375,
            1e-300,
            5e-324,
            9007199254740991.0,
        ];
        for _ in 0..20000 {
            let scale = 10f64.powi((next() % 30) as i32 - 15);
            values.push((next() >> 11) as f64 / (1u64 << 53) as f64 * scale);
            values.push(f64::from_bits(next() >> 2));
        }
        for &x in &values {
            for places in [0, 1, 2, 3, 4, 6, 9, 12, 17, 22] {
                let Some(fast) = fixed_digits_exact(x, places) else {
                    continue;
                };
                let general = split_decimal(&format!("{x:.places$}"));
                assert_eq!(
                    (
                        fast.digits.clone(),
                        if fast.digits.is_empty() {
                            0
                        } else {
                            fast.decpt
                        }
                    ),
                    (
                        general.digits.clone(),
                        if general.digits.is_empty() {
                            0
                        } else {
                            general.decpt
                        }
                    ),
                    "{x:e} to {places} places"
                );
            }
        }
    }

    #[test]
    fn repr_layouts() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123456789012345.0, "123456789012345.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "repr of {x:e}");
        }
    }
}
