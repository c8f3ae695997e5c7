//! Applying a parsed [`FormatSpec`] to an int, a float or a str: CPython 3.11's
//! `format_long_internal`, `format_float_internal` and `format_string_internal`, with the number
//! layout `<lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>` of
//! `calc_number_widths`/`fill_number`.

use super::error::{FormatError, Rejected};
use super::float::{format_float_code, FloatCode, FloatFlags};
use super::intstr::{check_str_digits_bits, check_str_digits_len, int_to_f64};
use super::spec::{Align, FormatSpec, Grouping, Sign};
use super::MAX_OUTPUT_CHARS;
use num_bigint::{BigInt, Sign as BigSign};
use num_traits::ToPrimitive;

fn check_width(spec: &FormatSpec) -> Result<(), FormatError> {
    match spec.width {
        Some(w) if w > MAX_OUTPUT_CHARS => Err(FormatError::OutputTooLarge),
        _ => Ok(()),
    }
}

fn repeat(out: &mut String, c: char, n: usize) {
    // Most fields need no padding on most sides: skip the iterator set-up for them.
    if n == 0 {
        return;
    }
    out.extend(std::iter::repeat_n(c, n));
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.ty != Some('s') {
        return Err(spec.unknown_code());
    }
    let rejected = match spec.sign {
        Some(Sign::Space) => Some(Rejected::Space),
        Some(_) => Some(Rejected::Sign),
        None if spec.no_neg_zero => Some(Rejected::NegZero),
        None if spec.alternate => Some(Rejected::Alternate),
        None if spec.align == Align::AfterSign => Some(Rejected::EqualsAlign),
        None => None,
    };
    if let Some(r) = rejected {
        return Err(FormatError::NotAllowedInString(r));
    }
    check_width(spec)?;
    let body: &str = match spec.precision {
        Some(p) => s.char_indices().nth(p).map_or(s, |(i, _)| &s[..i]),
        None => s,
    };
    let len = body.chars().count();
    let total = spec.width.unwrap_or(0).max(len);
    let (left, right) = match spec.align {
        Align::Right => (total - len, 0),
        Align::Center => ((total - len) / 2, total - len - (total - len) / 2),
        Align::Left | Align::AfterSign => (0, total - len),
    };
    let mut out = String::with_capacity(body.len() + left + right);
    repeat(&mut out, spec.fill, left);
    out.push_str(body);
    repeat(&mut out, spec.fill, right);
    Ok(out)
}

/// Digits with separators every `group` digits, zero-padded on the left up to `min_width`
/// characters (separators included) — CPython's `_PyUnicode_InsertThousandsGrouping`.
fn group_digits(digits: &str, min_width: isize, group: Option<(usize, u8)>) -> String {
    let digits = digits.as_bytes();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width;
    // Built right to left, then reversed; separators are ASCII.
    let mut rev: Vec<u8> = Vec::with_capacity(digits.len() + min_width.max(0) as usize);
    let emit = |rev: &mut Vec<u8>, l: isize, remaining: isize, sep: Option<u8>| {
        rev.extend(sep);
        let n_chars = remaining.min(l).max(0);
        let end = remaining.max(0) as usize;
        rev.extend(digits[end - n_chars as usize..end].iter().rev());
        rev.extend(std::iter::repeat_n(b'0', (l - remaining).max(0) as usize));
        n_chars
    };
    match group {
        Some((size, sep)) => {
            let mut first = true;
            loop {
                let l = (size as isize).min(remaining.max(min_width).max(1));
                remaining -= emit(&mut rev, l, remaining, (!first).then_some(sep));
                first = false;
                min_width -= l;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
        None => {
            emit(&mut rev, remaining.max(min_width).max(1), remaining, None);
        }
    }
    rev.reverse();
    String::from_utf8(rev).unwrap_or_default()
}

/// Lays out a number whose text is split into sign, prefix (`0x`), integer digits and
/// remainder (decimal point, fraction, exponent, `%`).
fn layout_number(
    negative: bool,
    prefix: &str,
    digits: &str,
    remainder: &str,
    spec: &FormatSpec,
    group: Option<(usize, u8)>,
) -> Result<String, FormatError> {
    check_width(spec)?;
    let sign = match (negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some(Sign::Plus)) => Some('+'),
        (false, Some(Sign::Space)) => Some(' '),
        _ => None,
    };
    let width = spec.width.map_or(-1, |w| w as isize);
    let non_digit = sign.is_some() as isize
        + prefix.chars().count() as isize
        + remainder.chars().count() as isize;
    let min_width = if spec.fill == '0' && spec.align == Align::AfterSign {
        width - non_digit
    } else {
        0
    };
    // Without separators the digits are only zero-filled to `min_width`: no grouped copy.
    let (zeros, grouped) = match group {
        _ if digits.is_empty() => (0, String::new()),
        None => (
            (min_width - digits.len() as isize).max(0) as usize,
            String::new(),
        ),
        Some(_) => (0, group_digits(digits, min_width, group)),
    };
    let digits = if group.is_none() { digits } else { &grouped };
    let padding = (width - non_digit - (zeros + digits.chars().count()) as isize).max(0) as usize;
    let (l, s, r) = match spec.align {
        Align::Left => (0, 0, padding),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
        Align::Right => (padding, 0, 0),
    };
    // Sized exactly: no regrowth, and the str made from it keeps the buffer as it is.
    let mut out = String::with_capacity(
        (l + s + r) * spec.fill.len_utf8()
            + sign.map_or(0, char::len_utf8)
            + prefix.len()
            + zeros
            + digits.len()
            + remainder.len(),
    );
    repeat(&mut out, spec.fill, l);
    out.extend(sign);
    out.push_str(prefix);
    repeat(&mut out, spec.fill, s);
    repeat(&mut out, '0', zeros);
    out.push_str(digits);
    out.push_str(remainder);
    repeat(&mut out, spec.fill, r);
    Ok(out)
}

/// An integer operand: the i64 fast path or a big int.
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.sign() == BigSign::Minus,
        }
    }
    fn abs_radix(self, radix: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let a = v.unsigned_abs();
                match radix {
                    2 => format!("{a:b}"),
                    8 => format!("{a:o}"),
                    16 => format!("{a:x}"),
                    _ => a.to_string(),
                }
            }
            IntRef::Big(b) => b.magnitude().to_str_radix(radix),
        }
    }
    fn bits(self) -> u64 {
        match self {
            IntRef::Small(v) => 64 - v.unsigned_abs().leading_zeros() as u64,
            IntRef::Big(b) => b.bits(),
        }
    }
    fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }
    fn to_f64(self) -> Result<f64, FormatError> {
        match self {
            IntRef::Small(v) => Ok(v as f64),
            IntRef::Big(b) => int_to_f64(b),
        }
    }
}

/// `format(n, spec)` for an int (or bool) `n`.
pub fn format_int(value: IntRef<'_>, spec: &FormatSpec) -> Result<String, FormatError> {
    let radix = match spec.ty {
        Some('b') => 2,
        Some('o') => 8,
        Some('x' | 'X') => 16,
        Some('d' | 'n' | 'c') => 10,
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float(value.to_f64()?, spec)
        }
        _ => return Err(spec.unknown_code()),
    };
    if spec.precision.is_some() {
        return Err(FormatError::PrecisionNotAllowedInInt);
    }
    if spec.no_neg_zero {
        return Err(FormatError::NegZeroNotAllowedInInt);
    }
    if spec.ty == Some('c') {
        if spec.sign.is_some() {
            return Err(FormatError::SignNotAllowedWithC);
        }
        if spec.alternate {
            return Err(FormatError::AlternateNotAllowedWithC);
        }
        let code = value.to_i64().ok_or(FormatError::IntTooLargeForCLong)?;
        let ch = u32::try_from(code)
            .ok()
            .filter(|&c| c < 0x110000)
            .ok_or(FormatError::CharOutOfRange)?;
        // Surrogates are valid Python characters but not Rust chars; U+FFFD stands in.
        let ch = char::from_u32(ch).unwrap_or('\u{fffd}');
        return layout_number(false, "", "", &ch.to_string(), spec, None);
    }
    if radix == 10 {
        check_str_digits_bits(value.bits())?;
    }
    let mut digits = value.abs_radix(radix);
    if radix == 10 {
        check_str_digits_len(digits.len())?;
    }
    let prefix = match (spec.alternate, spec.ty) {
        (true, Some('b')) => "0b",
        (true, Some('o')) => "0o",
        (true, Some('x')) => "0x",
        (true, Some('X')) => "0X",
        _ => "",
    };
    if spec.ty == Some('X') {
        digits.make_ascii_uppercase();
    }
    let group = match (spec.grouping, radix) {
        (Some(Grouping::Underscore), 2 | 8 | 16) => Some((4, b'_')),
        (Some(g), _) => Some((3, g.char() as u8)),
        (None, _) => None,
    };
    layout_number(value.is_negative(), prefix, &digits, "", spec, group)
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let (code, upper, default_precision, add_dot_0) = match spec.ty {
        None => (FloatCode::Repr, false, 0, true),
        Some('e') => (FloatCode::Exp, false, 6, false),
        Some('E') => (FloatCode::Exp, true, 6, false),
        Some('f' | '%') => (FloatCode::Fixed, false, 6, false),
        Some('F') => (FloatCode::Fixed, true, 6, false),
        Some('g' | 'n') => (FloatCode::General, false, 6, false),
        Some('G') => (FloatCode::General, true, 6, false),
        _ => return Err(spec.unknown_code()),
    };
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::PrecisionTooBig);
    }
    check_width(spec)?;
    let (code, precision) = match (code, spec.precision) {
        (FloatCode::Repr, Some(p)) => (FloatCode::General, p),
        (c, p) => (c, p.unwrap_or(default_precision)),
    };
    let padded = matches!(code, FloatCode::Exp | FloatCode::Fixed) || spec.alternate;
    if padded && precision > MAX_OUTPUT_CHARS {
        return Err(FormatError::OutputTooLarge);
    }
    let flags = FloatFlags {
        sign: false,
        add_dot_0,
        alt: spec.alternate,
        no_neg_zero: spec.no_neg_zero,
        upper,
    };
    let value = if spec.ty == Some('%') { x * 100.0 } else { x };
    let mut text = format_float_code(value, code, precision, flags);
    if spec.ty == Some('%') {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let group = spec.grouping.map(|g| (3, g.char() as u8));
    layout_number(negative, "", &body[..split], &body[split..], spec, group)
}
