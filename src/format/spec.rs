//! The format-specification mini-language (`[[fill]align][sign][z][#][0][width][grouping]
//! [.precision][type]`), parsed exactly as CPython 3.11's `parse_internal_render_format_spec`,
//! including which errors are detected while parsing (they depend on the value's kind only
//! through its default type and type name).

use std::borrow::Cow;

use super::error::FormatError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    /// `=`: padding between the sign/prefix and the digits.
    AfterSign,
    Center,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
    Space,
}

/// Thousands grouping requested with `,` or `_`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    Underscore,
}

impl Grouping {
    pub fn char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// The kind of value a spec is parsed for; it fixes the default type and alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub fill: char,
    pub align: Align,
    pub sign: Option<Sign>,
    pub no_neg_zero: bool,
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type; `None` for an omitted type of a float (CPython's `'\0'`).
    pub ty: Option<char>,
    /// The value's type name, for error messages raised while formatting.
    pub type_name: Cow<'static, str>,
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '=' => Some(Align::AfterSign),
        '^' => Some(Align::Center),
        _ => None,
    }
}

/// Reads decimal digits at `chars[*pos..]`; `None` when there are none.
fn integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let start = *pos;
    let mut acc: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(d as usize))
            .filter(|&a| a <= isize::MAX as usize)
            .ok_or(FormatError::TooManyDigits)?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(acc))
}

impl FormatSpec {
    /// Parses `spec` for a value of `kind` whose Python type is called `type_name`.
    pub fn parse(
        spec: &str,
        kind: Kind,
        type_name: impl Into<Cow<'static, str>>,
    ) -> Result<FormatSpec, FormatError> {
        let type_name = type_name.into();
        let (default_type, default_align) = match kind {
            Kind::Int => (Some('d'), Align::Right),
            Kind::Float => (None, Align::Right),
            Kind::Str => (Some('s'), Align::Left),
        };
        // A spec is a few characters: collected on the stack, the heap vector it needed was a
        // third of the parse.
        let mut short = ['\0'; 16];
        let long: Vec<char>;
        let c: &[char] = if spec.len() <= short.len() {
            let mut n = 0;
            for ch in spec.chars() {
                short[n] = ch;
                n += 1;
            }
            &short[..n]
        } else {
            long = spec.chars().collect();
            &long
        };
        let mut pos = 0;
        let mut fill = ' ';
        let mut fill_given = false;
        let mut align = None;
        if let Some(a) = c.get(1).and_then(|&ch| align_of(ch)) {
            fill = c[0];
            fill_given = true;
            align = Some(a);
            pos = 2;
        } else if let Some(a) = c.first().and_then(|&ch| align_of(ch)) {
            align = Some(a);
            pos = 1;
        }
        let sign = match c.get(pos) {
            Some('+') => Some(Sign::Plus),
            Some('-') => Some(Sign::Minus),
            Some(' ') => Some(Sign::Space),
            _ => None,
        };
        pos += sign.is_some() as usize;
        let no_neg_zero = c.get(pos) == Some(&'z');
        pos += no_neg_zero as usize;
        let alternate = c.get(pos) == Some(&'#');
        pos += alternate as usize;
        if !fill_given && c.get(pos) == Some(&'0') {
            fill = '0';
            if align.is_none() && default_align == Align::Right {
                align = Some(Align::AfterSign);
            }
            pos += 1;
        }
        let width = integer(c, &mut pos)?;
        let mut grouping = None;
        if c.get(pos) == Some(&',') {
            grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if c.get(pos) == Some(&'_') {
            if grouping.is_some() {
                return Err(FormatError::CommaAndUnderscore);
            }
            grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if c.get(pos) == Some(&',') && grouping == Some(Grouping::Underscore) {
            return Err(FormatError::CommaAndUnderscore);
        }
        let mut precision = None;
        if c.get(pos) == Some(&'.') {
            pos += 1;
            precision = Some(integer(c, &mut pos)?.ok_or(FormatError::MissingPrecision)?);
        }
        if c.len() - pos > 1 {
            return Err(FormatError::InvalidSpecifier {
                spec: spec.to_string(),
                type_name: type_name.into_owned(),
            });
        }
        let ty = c.get(pos).copied().or(default_type);
        if let Some(g) = grouping {
            let ok = match ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => g == Grouping::Underscore,
                _ => false,
            };
            if !ok {
                return Err(FormatError::SeparatorWithType {
                    sep: g.char(),
                    code: ty.unwrap_or('\0'),
                });
            }
        }
        Ok(FormatSpec {
            fill,
            align: align.unwrap_or(default_align),
            sign,
            no_neg_zero,
            alternate,
            width,
            grouping,
            precision,
            ty,
            type_name,
        })
    }

    pub(crate) fn unknown_code(&self) -> FormatError {
        FormatError::UnknownCode {
            code: self.ty.unwrap_or('\0'),
            type_name: self.type_name.to_string(),
        }
    }
}
