//! `str.format` templates: CPython 3.11's `MarkupIterator` (literal text, `{{`/`}}` escapes,
//! `{field!conv:spec}` fields), the field-name grammar (`0.attr[key][1]`), and a driver that
//! walks a template with automatic numbering and nested-spec expansion (depth 2), leaving
//! argument lookup, attribute/item access, conversion and `__format__` to the caller through
//! [`TemplateArgs`]. The parser's output is what `_string.formatter_parser` returns.

use super::error::FormatError;

/// One `(literal, field)` step of a template, like a `formatter_parser` tuple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub literal: String,
    pub field: Option<Field>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub conversion: Option<char>,
    pub spec: String,
}

/// The first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// `{}`: the next automatic index.
    Auto,
    Index(usize),
    Name(String),
}

/// A `.attr` or `[key]` step after the first part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    Attr(String),
    Index(usize),
    Key(String),
}

/// CPython's `get_integer`: `Some(n)` if `s` is all ASCII digits (and not empty).
fn as_index(s: &str) -> Result<Option<usize>, FormatError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    s.bytes()
        .try_fold(0usize, |acc, b| {
            acc.checked_mul(10)?.checked_add((b - b'0') as usize)
        })
        .filter(|&v| v <= isize::MAX as usize)
        .map(Some)
        .ok_or(FormatError::TooManyDigits)
}

/// Parses one field starting just after its `{`; returns it and the position after its `}`.
fn parse_field(c: &[char], mut pos: usize) -> Result<(Field, usize), FormatError> {
    let start = pos;
    let mut last = '\0';
    while pos < c.len() {
        last = c[pos];
        pos += 1;
        match last {
            '{' => return Err(FormatError::UnexpectedBraceInField),
            '[' => {
                while pos < c.len() && c[pos] != ']' {
                    pos += 1;
                }
            }
            '}' | ':' | '!' => break,
            _ => {}
        }
    }
    let name: String = c[start..pos.saturating_sub(1).max(start)].iter().collect();
    if last != '!' && last != ':' {
        if last != '}' {
            return Err(FormatError::ExpectedClosingBrace);
        }
        return Ok((
            Field {
                name,
                conversion: None,
                spec: String::new(),
            },
            pos,
        ));
    }
    let mut conversion = None;
    if last == '!' {
        let Some(&conv) = c.get(pos) else {
            return Err(FormatError::EndLookingForConversion);
        };
        conversion = Some(conv);
        pos += 1;
        if let Some(&next) = c.get(pos) {
            pos += 1;
            if next == '}' {
                return Ok((
                    Field {
                        name,
                        conversion,
                        spec: String::new(),
                    },
                    pos,
                ));
            }
            if next != ':' {
                return Err(FormatError::ExpectedColonAfterConversion);
            }
        }
    }
    let spec_start = pos;
    let mut depth = 1;
    while pos < c.len() {
        let ch = c[pos];
        pos += 1;
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let spec = c[spec_start..pos - 1].iter().collect();
                    return Ok((
                        Field {
                            name,
                            conversion,
                            spec,
                        },
                        pos,
                    ));
                }
            }
            _ => {}
        }
    }
    Err(FormatError::UnmatchedBraceInSpec)
}

/// The pieces of a template, parsed lazily as CPython's `MarkupIterator` does, so an error
/// late in the template surfaces only after earlier fields were rendered.
pub struct Pieces {
    chars: Vec<char>,
    pos: usize,
    failed: bool,
}

impl Pieces {
    pub fn new(template: &str) -> Pieces {
        Pieces {
            chars: template.chars().collect(),
            pos: 0,
            failed: false,
        }
    }

    fn step(&mut self) -> Result<Piece, FormatError> {
        let c = &self.chars;
        let mut pos = self.pos;
        let start = pos;
        let mut brace = None;
        while pos < c.len() {
            let ch = c[pos];
            pos += 1;
            if ch == '{' || ch == '}' {
                brace = Some(ch);
                break;
            }
        }
        let at_end = pos >= c.len();
        let mut literal_end = pos;
        let mut field_follows = brace.is_some();
        match brace {
            Some('}') if at_end || c[pos] != '}' => return Err(FormatError::SingleBrace('}')),
            Some('{') if at_end => return Err(FormatError::SingleBrace('{')),
            Some(b) if c[pos] == b => {
                // An escaped brace: the literal keeps one copy.
                pos += 1;
                field_follows = false;
            }
            Some(_) => literal_end -= 1,
            None => {}
        }
        let literal: String = c[start..literal_end].iter().collect();
        if !field_follows {
            self.pos = pos;
            return Ok(Piece {
                literal,
                field: None,
            });
        }
        let (field, next) = parse_field(c, pos)?;
        self.pos = next;
        Ok(Piece {
            literal,
            field: Some(field),
        })
    }
}

impl Iterator for Pieces {
    type Item = Result<Piece, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.chars.len() {
            return None;
        }
        let r = self.step();
        self.failed = r.is_err();
        Some(r)
    }
}

/// Splits a template into pieces (`list(_string.formatter_parser(template))`).
pub fn parse(template: &str) -> Result<Vec<Piece>, FormatError> {
    Pieces::new(template).collect()
}

/// The accessors of a field name as CPython's `FieldNameIterator` yields them: the steps
/// that parse, then the error (if any) that stops the iteration.
fn accessors(mut s: &str) -> (Vec<Accessor>, Option<FormatError>) {
    let mut rest = Vec::new();
    while let Some(c) = s.chars().next() {
        s = &s[c.len_utf8()..];
        let step = match c {
            '.' => {
                let end = s.find(['.', '[']).unwrap_or(s.len());
                if end == 0 {
                    return (rest, Some(FormatError::EmptyAttribute));
                }
                let a = Accessor::Attr(s[..end].to_string());
                s = &s[end..];
                a
            }
            '[' => {
                let Some(end) = s.find(']') else {
                    return (rest, Some(FormatError::MissingBracket));
                };
                if end == 0 {
                    return (rest, Some(FormatError::EmptyAttribute));
                }
                let key = &s[..end];
                let a = match as_index(key) {
                    Ok(Some(i)) => Accessor::Index(i),
                    Ok(None) => Accessor::Key(key.to_string()),
                    Err(e) => return (rest, Some(e)),
                };
                s = &s[end + 1..];
                a
            }
            _ => return (rest, Some(FormatError::OnlyDotOrBracket)),
        };
        rest.push(step);
        if !s.is_empty() && !s.starts_with(['.', '[']) {
            return (rest, Some(FormatError::OnlyDotOrBracket));
        }
    }
    (rest, None)
}

fn first_part(name: &str) -> Result<(FieldFirst, &str), FormatError> {
    let first_len = name.find(['.', '[']).unwrap_or(name.len());
    let first_text = &name[..first_len];
    let first = match as_index(first_text)? {
        Some(i) => FieldFirst::Index(i),
        None if first_text.is_empty() => FieldFirst::Auto,
        None => FieldFirst::Name(first_text.to_string()),
    };
    Ok((first, &name[first_len..]))
}

/// Splits a field name into its first part and accessors (`_string.formatter_field_name_split`,
/// with the accessor iterator run to its end).
pub fn split_field_name(name: &str) -> Result<(FieldFirst, Vec<Accessor>), FormatError> {
    let (first, rest) = first_part(name)?;
    match accessors(rest) {
        (steps, None) => Ok((first, steps)),
        (_, Some(e)) => Err(e),
    }
}

/// What `str.format` needs from its caller's objects.
pub trait TemplateArgs {
    type Value;
    type Error: From<FormatError>;
    /// `args[i]`; out of range is [`FormatError::ReplacementIndex`].
    fn positional(&mut self, index: usize) -> Result<Self::Value, Self::Error>;
    /// `kwargs[name]` (the caller raises `KeyError`).
    fn keyword(&mut self, name: &str) -> Result<Self::Value, Self::Error>;
    /// `getattr(value, name)`, `value[i]` or `value[key]`.
    fn access(&mut self, value: Self::Value, step: &Accessor) -> Result<Self::Value, Self::Error>;
    /// `repr`/`str`/`ascii` for a `!r`/`!s`/`!a` conversion.
    fn convert(&mut self, value: Self::Value, conversion: char)
        -> Result<Self::Value, Self::Error>;
    /// `format(value, spec)`.
    fn format(&mut self, value: Self::Value, spec: &str) -> Result<String, Self::Error>;
}

/// Automatic field numbering state shared across nested specs.
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

/// `template.format(*args, **kwargs)`.
pub fn format_template<A: TemplateArgs>(template: &str, args: &mut A) -> Result<String, A::Error> {
    let mut numbering = Numbering::Unknown;
    render(template, args, 2, &mut numbering)
}

fn render<A: TemplateArgs>(
    template: &str,
    args: &mut A,
    depth: u32,
    numbering: &mut Numbering,
) -> Result<String, A::Error> {
    if depth == 0 {
        return Err(FormatError::MaxRecursion.into());
    }
    let mut out = String::new();
    for piece in Pieces::new(template) {
        let piece = piece?;
        out.push_str(&piece.literal);
        let Some(field) = piece.field else { continue };
        let (first, rest) = first_part(&field.name)?;
        let mut value = match first {
            FieldFirst::Auto => {
                let i = match numbering {
                    Numbering::Manual => return Err(FormatError::ManualToAuto.into()),
                    Numbering::Unknown => 0,
                    Numbering::Auto(i) => *i,
                };
                *numbering = Numbering::Auto(i + 1);
                args.positional(i)?
            }
            FieldFirst::Index(i) => {
                if let Numbering::Auto(_) = numbering {
                    return Err(FormatError::AutoToManual.into());
                }
                *numbering = Numbering::Manual;
                args.positional(i)?
            }
            FieldFirst::Name(name) => args.keyword(&name)?,
        };
        let (steps, stop) = accessors(rest);
        for step in &steps {
            value = args.access(value, step)?;
        }
        if let Some(e) = stop {
            return Err(e.into());
        }
        if let Some(conv) = field.conversion {
            if !matches!(conv, 'r' | 's' | 'a') {
                return Err(FormatError::UnknownConversion(conv).into());
            }
            value = args.convert(value, conv)?;
        }
        let spec = if field.spec.contains('{') {
            render(&field.spec, args, depth - 1, numbering)?
        } else {
            field.spec
        };
        out.push_str(&args.format(value, &spec)?);
    }
    Ok(out)
}
