//! `%`-formatting (`str % args`), CPython 3.11's `PyUnicode_Format`: the conversion parser, the
//! argument walk (tuple items, a single object, or `%(key)` lookups in a mapping) and the
//! layout of each conversion. Turning an object into text or a number is the caller's job
//! (it owns `str()`, `repr()`, `int()`, `__index__`, `float()`), through [`Operands`].

use super::error::FormatError;
use super::float::{format_float_code, FloatCode, FloatFlags};
use super::intstr::{check_str_digits_bits, check_str_digits_len};
use super::MAX_OUTPUT_CHARS;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// What a conversion turns its argument into, as the caller's [`Operands::convert`] returns it.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `%s`/`%r`/`%a`: the object's str/repr/ascii; for `%c` a str argument.
    Text(String),
    /// `%d %i %u`: `int(v)`; `%o %x %X`: `v.__index__()`; for `%c` an int argument.
    Int(BigInt),
    /// `%e %E %f %F %g %G`: `float(v)`.
    Float(f64),
}

/// The right operand of `%`.
pub enum Args<V> {
    Tuple(Vec<V>),
    /// Any other object. `is_mapping` is CPython's `PyMapping_Check(v) && !str`: true for
    /// any object with `__getitem__` (dicts, but also lists); it enables `%(key)` lookups and
    /// disables the "not all arguments converted" check.
    Single {
        value: V,
        is_mapping: bool,
    },
}

/// The object-level operations `%`-formatting needs from its caller.
pub trait Operands<V> {
    type Error: From<FormatError>;
    /// `mapping[key]` (the caller raises `KeyError`).
    fn lookup(&mut self, mapping: &V, key: &str) -> Result<V, Self::Error>;
    /// Converts `v` for conversion `code` (one of `sraiduoxXeEfFgGc`). For `c` return
    /// `Text` for a str, `Int` for an int, or `Err(FormatError::PercentCRequiresIntOrChar)`.
    /// Type errors use [`FormatError::RealNumberRequired`], [`FormatError::IntegerRequired`]
    /// and [`FormatError::MustBeRealNumber`].
    fn convert(&mut self, v: &V, code: char) -> Result<Operand, Self::Error>;
    /// `v` as an int for a `*` width or precision; `None` when `v` is not an int.
    fn star_int(&mut self, v: &V) -> Option<BigInt>;
}

#[derive(Clone, Copy, Default)]
struct Flags {
    left: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

/// Where positional arguments come from: CPython's `args`/`arglen`/`argidx` triple, where a
/// single object (or a looked-up key's value) is `arglen == -1`, usable once.
struct Cursor<V> {
    items: Vec<V>,
    single: Option<V>,
    len: isize,
    idx: isize,
}

impl<V: Clone> Cursor<V> {
    fn next(&mut self) -> Result<V, FormatError> {
        if self.idx >= self.len {
            return Err(FormatError::NotEnoughArguments);
        }
        let i = self.idx;
        self.idx += 1;
        if self.len < 0 {
            self.single.clone().ok_or(FormatError::NotEnoughArguments)
        } else {
            self.items
                .get(i as usize)
                .cloned()
                .ok_or(FormatError::NotEnoughArguments)
        }
    }
}

/// `fmt % args`.
pub fn percent_format<V: Clone, O: Operands<V>>(
    fmt: &str,
    args: Args<V>,
    ops: &mut O,
) -> Result<String, O::Error> {
    let (mut cur, mapping) = match args {
        Args::Tuple(items) => {
            let len = items.len() as isize;
            (
                Cursor {
                    items,
                    single: None,
                    len,
                    idx: 0,
                },
                None,
            )
        }
        Args::Single { value, is_mapping } => {
            let mapping = is_mapping.then(|| value.clone());
            (
                Cursor {
                    items: Vec::new(),
                    single: Some(value),
                    len: -1,
                    idx: -2,
                },
                mapping,
            )
        }
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    let mut pos = 0;
    while pos < chars.len() {
        if chars[pos] != '%' {
            out.push(chars[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if chars.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        pos = conversion(&chars, pos, &mut cur, mapping.as_ref(), ops, &mut out)?;
        if mapping.is_some() && cur.idx < cur.len {
            return Err(FormatError::NotAllConverted.into());
        }
    }
    if cur.idx < cur.len && mapping.is_none() {
        return Err(FormatError::NotAllConverted.into());
    }
    Ok(out)
}

/// Reads a decimal number; `err` if it exceeds `max`.
fn number(
    chars: &[char],
    pos: &mut usize,
    max: usize,
    err: FormatError,
) -> Result<usize, FormatError> {
    let mut v: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= max)
            .ok_or(err.clone())?;
        *pos += 1;
    }
    Ok(v)
}

/// Handles one conversion starting just after its `%`; returns the position after it.
fn conversion<V: Clone, O: Operands<V>>(
    chars: &[char],
    mut pos: usize,
    cur: &mut Cursor<V>,
    mapping: Option<&V>,
    ops: &mut O,
    out: &mut String,
) -> Result<usize, O::Error> {
    if chars.get(pos) == Some(&'(') {
        let Some(mapping) = mapping else {
            return Err(FormatError::MappingRequired.into());
        };
        let start = pos + 1;
        let mut depth = 1;
        pos = start;
        while depth > 0 && pos < chars.len() {
            match chars[pos] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            pos += 1;
        }
        if depth > 0 {
            return Err(FormatError::IncompleteFormatKey.into());
        }
        let key: String = chars[start..pos - 1].iter().collect();
        let value = ops.lookup(mapping, &key)?;
        *cur = Cursor {
            items: Vec::new(),
            single: Some(value),
            len: -1,
            idx: -2,
        };
    }
    let mut flags = Flags::default();
    while let Some(&c) = chars.get(pos) {
        match c {
            '-' => flags.left = true,
            '+' => flags.sign = true,
            ' ' => flags.blank = true,
            '#' => flags.alt = true,
            '0' => flags.zero = true,
            _ => break,
        }
        pos += 1;
    }
    let mut width: Option<usize> = None;
    if chars.get(pos) == Some(&'*') {
        let v = cur.next()?;
        let n = ops.star_int(&v).ok_or(FormatError::StarWantsInt)?;
        let n = n
            .to_i64()
            .ok_or(FormatError::StarTooLarge { c_type: "ssize_t" })?;
        if n < 0 {
            flags.left = true;
        }
        width = Some(n.unsigned_abs() as usize);
        pos += 1;
    } else if chars.get(pos).is_some_and(char::is_ascii_digit) {
        width = Some(number(
            chars,
            &mut pos,
            isize::MAX as usize,
            FormatError::WidthTooBig,
        )?);
    }
    let mut prec: Option<usize> = None;
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        if chars.get(pos) == Some(&'*') {
            let v = cur.next()?;
            let n = ops.star_int(&v).ok_or(FormatError::StarWantsInt)?;
            let n = n
                .to_i32()
                .ok_or(FormatError::StarTooLarge { c_type: "int" })?;
            prec = Some(n.max(0) as usize);
            pos += 1;
        } else {
            prec = Some(number(
                chars,
                &mut pos,
                i32::MAX as usize,
                FormatError::PrecisionTooBig,
            )?);
        }
    }
    if matches!(chars.get(pos), Some('h' | 'l' | 'L')) {
        pos += 1;
    }
    let Some(&code) = chars.get(pos) else {
        return Err(FormatError::IncompleteFormat.into());
    };
    pos += 1;
    if width.is_some_and(|w| w > MAX_OUTPUT_CHARS) || prec.is_some_and(|p| p > MAX_OUTPUT_CHARS) {
        return Err(FormatError::OutputTooLarge.into());
    }
    let v = cur.next()?;
    if !"sraiduoxXeEfFgGc".contains(code) {
        return Err(FormatError::UnsupportedChar {
            ch: if (' '..='~').contains(&code) || code == '\x1f' {
                code
            } else {
                '?'
            },
            code: code as u32,
            index: pos - 1,
        }
        .into());
    }
    let (text, numeric) = match ops.convert(&v, code)? {
        Operand::Text(s) if code == 'c' => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => (c.to_string(), false),
                _ => return Err(FormatError::PercentCRequiresIntOrChar.into()),
            }
        }
        Operand::Text(s) => (s, false),
        Operand::Int(n) if code == 'c' => {
            let c = n
                .to_u32()
                .filter(|&c| c < 0x110000)
                .ok_or(FormatError::CharOutOfRange)?;
            (char::from_u32(c).unwrap_or('\u{fffd}').to_string(), false)
        }
        Operand::Int(n) => (int_text(&n, code, flags.alt, prec)?, true),
        Operand::Float(x) => {
            let (fc, upper) = match code {
                'e' => (FloatCode::Exp, false),
                'E' => (FloatCode::Exp, true),
                'f' => (FloatCode::Fixed, false),
                'F' => (FloatCode::Fixed, true),
                'g' => (FloatCode::General, false),
                'G' => (FloatCode::General, true),
                _ => return Err(FormatError::PercentCRequiresIntOrChar.into()),
            };
            let f = FloatFlags {
                alt: flags.alt,
                upper,
                ..FloatFlags::default()
            };
            (format_float_code(x, fc, prec.unwrap_or(6), f), true)
        }
    };
    pad(out, &text, code, numeric, flags, width, prec);
    Ok(pos)
}

/// `_PyUnicode_FormatLong`: sign, `0x`/`0o` prefix when `#`, at least `prec` digits.
fn int_text(n: &BigInt, code: char, alt: bool, prec: Option<usize>) -> Result<String, FormatError> {
    let radix = match code {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    if radix == 10 {
        check_str_digits_bits(n.bits())?;
    }
    let digits = n.magnitude().to_str_radix(radix);
    if radix == 10 {
        check_str_digits_len(digits.len())?;
    }
    let mut s = String::new();
    if n.sign() == Sign::Minus {
        s.push('-');
    }
    if alt && radix != 10 {
        s.push('0');
        s.push(if code == 'o' { 'o' } else { 'x' });
    }
    let zeros = prec.unwrap_or(0).saturating_sub(digits.len());
    s.extend(std::iter::repeat_n('0', zeros));
    s.push_str(&digits);
    if code == 'X' {
        s.make_ascii_uppercase();
    }
    Ok(s)
}

/// `unicode_format_arg_output`: sign, prefix and padding of one converted argument.
fn pad(
    out: &mut String,
    text: &str,
    code: char,
    numeric: bool,
    flags: Flags,
    width: Option<usize>,
    prec: Option<usize>,
) {
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    if matches!(code, 's' | 'r' | 'a') {
        if let Some(p) = prec {
            len = len.min(p);
        }
    }
    let mut start = 0;
    let mut sign = None;
    if numeric {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                sign = Some(c);
                len -= 1;
                start = 1;
            }
            _ if flags.sign => sign = Some('+'),
            _ if flags.blank => sign = Some(' '),
            _ => {}
        }
    }
    let mut width = width.unwrap_or(0).max(len);
    let prefixed = flags.alt && matches!(code, 'x' | 'X' | 'o');
    if let Some(s) = sign {
        if fill != ' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    if prefixed {
        if fill != ' ' {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !flags.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        out.extend(sign);
        if prefixed {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
    }
    out.extend(&chars[start..start + len]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
}
