//! Parses Python regular-expression syntax into a `Node` tree, with `re.error`'s messages and
//! positions (in characters of the pattern). Supported: literals and escapes, `.`, `^`, `$`,
//! classes (ranges, negation, `\d\w\s` and their negations), groups (capturing, `(?:)`,
//! `(?P<name>)`, `(?P=name)`, lookahead/lookbehind, comments, inline and scoped flags),
//! backreferences, greedy/lazy quantifiers and alternation. Not supported (reported as errors):
//! conditional groups `(?(1)..)`, atomic groups and possessive quantifiers, `\N{...}`.

use std::collections::HashMap;

pub const IGNORECASE: u32 = 2;
pub const MULTILINE: u32 = 8;
pub const DOTALL: u32 = 16;
pub const UNICODE: u32 = 32;
pub const VERBOSE: u32 = 64;
pub const ASCII: u32 = 256;

/// A named character category (`\d`, `\w`, `\s`); `ascii` restricts it to ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Digit,
    Word,
    Space,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassItem {
    Char(char),
    Range(char, char),
    Cat(Category, bool),
}

#[derive(Clone, Debug)]
pub enum Node {
    Empty,
    Char(char),
    Any,
    Class {
        items: Vec<ClassItem>,
        negated: bool,
    },
    Cat(Category, bool),
    /// `^` (with MULTILINE: after any newline too).
    LineStart,
    /// `$`.
    LineEnd,
    StringStart,
    StringEnd,
    WordBoundary(bool),
    Group(Option<usize>, Box<Node>),
    Backref(usize),
    Look {
        ahead: bool,
        negated: bool,
        node: Box<Node>,
    },
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    /// A subpattern compiled with other flags (`(?i:...)`).
    Flags(u32, Box<Node>),
}

pub struct Parsed {
    pub node: Node,
    pub groups: usize,
    pub names: HashMap<String, usize>,
    pub flags: u32,
}

#[derive(Debug)]
pub struct Error {
    pub msg: String,
    pub pos: Option<usize>,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    flags: u32,
    groups: usize,
    names: HashMap<String, usize>,
    /// Groups whose closing parenthesis has been seen (backreferences must refer to them).
    closed: Vec<usize>,
    depth: usize,
}

type R<T> = Result<T, Error>;

const MAX_DEPTH: usize = 200;
pub const MAX_REPEAT: u32 = 65535;

fn err<T>(msg: impl Into<String>, pos: usize) -> R<T> {
    Err(Error {
        msg: msg.into(),
        pos: Some(pos),
    })
}

pub fn parse(pattern: &str, flags: u32) -> R<Parsed> {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        flags,
        groups: 0,
        names: HashMap::new(),
        closed: Vec::new(),
        depth: 0,
    };
    p.leading_flags()?;
    let node = p.alternation()?;
    if p.pos < p.chars.len() {
        return err("unbalanced parenthesis", p.pos);
    }
    Ok(Parsed {
        node,
        groups: p.groups,
        names: p.names,
        flags: p.flags,
    })
}

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'i' => IGNORECASE,
        'm' => MULTILINE,
        's' => DOTALL,
        'x' => VERBOSE,
        'a' => ASCII,
        'u' => UNICODE,
        'L' => 4,
        _ => return None,
    })
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `(?flags)` groups at the very start of the pattern set the global flags (anywhere else
    /// CPython 3.11 rejects them).
    fn leading_flags(&mut self) -> R<()> {
        loop {
            let start = self.pos;
            if self.chars.get(start..start + 2) != Some(&['(', '?']) {
                return Ok(());
            }
            let mut i = start + 2;
            let mut add = 0;
            while let Some(f) = self.chars.get(i).and_then(|&c| flag_of(c)) {
                add |= f;
                i += 1;
            }
            if i == start + 2 || self.chars.get(i) != Some(&')') {
                return Ok(());
            }
            self.flags |= add;
            self.pos = i + 1;
        }
    }

    fn skip_verbose(&mut self) {
        if self.flags & VERBOSE == 0 {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self) -> R<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err("too many nested groups", self.pos);
        }
        let mut alts = vec![self.concat()?];
        while self.eat('|') {
            alts.push(self.concat()?);
        }
        self.depth -= 1;
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self) -> R<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None | Some('|') | Some(')') => break,
                _ => {}
            }
            let atom_pos = self.pos;
            let atom = self.atom()?;
            let atom = self.quantifiers(atom, atom_pos)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn quantifiers(&mut self, mut atom: Node, atom_pos: usize) -> R<Node> {
        loop {
            self.skip_verbose();
            let qpos = self.pos;
            let (min, max) = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => match self.braces()? {
                    Some(mm) => mm,
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            if self.chars[qpos] != '{' {
                self.pos += 1;
            }
            if matches!(
                atom,
                Node::Empty
                    | Node::LineStart
                    | Node::LineEnd
                    | Node::StringStart
                    | Node::StringEnd
                    | Node::WordBoundary(_)
                    | Node::Look { .. }
            ) {
                return err("nothing to repeat", qpos);
            }
            if let Node::Repeat { .. } = atom {
                if qpos > atom_pos {
                    return err("multiple repeat", qpos);
                }
            }
            let greedy = !self.eat('?');
            if self.peek() == Some('+') {
                return err("possessive quantifiers are not supported", self.pos);
            }
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                greedy,
            };
        }
    }

    /// `{m}`, `{m,}`, `{,n}`, `{m,n}`; `None` if the brace is a literal.
    fn braces(&mut self) -> R<Option<(u32, Option<u32>)>> {
        let start = self.pos;
        let mut i = start + 1;
        let num = |i: &mut usize, chars: &[char]| -> Option<String> {
            let s = *i;
            while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
                *i += 1;
            }
            (*i > s).then(|| chars[s..*i].iter().collect())
        };
        let lo = num(&mut i, &self.chars);
        let hi = if self.chars.get(i) == Some(&',') {
            i += 1;
            num(&mut i, &self.chars)
        } else {
            if lo.is_none() {
                return Ok(None);
            }
            lo.clone()
        };
        if self.chars.get(i) != Some(&'}') {
            return Ok(None);
        }
        let parse = |s: &str| -> R<u32> {
            match s.parse::<u64>() {
                Ok(v) if v <= MAX_REPEAT as u64 => Ok(v as u32),
                _ => err("the repetition number is too large", start + 1),
            }
        };
        let min = match &lo {
            Some(s) => parse(s)?,
            None => 0,
        };
        let max = match &hi {
            Some(s) => Some(parse(s)?),
            None => None,
        };
        if let Some(mx) = max {
            if mx < min {
                return err("min repeat greater than max repeat", start + 1);
            }
        }
        self.pos = i + 1;
        Ok(Some((min, max)))
    }

    fn atom(&mut self) -> R<Node> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::LineStart,
            '$' => Node::LineEnd,
            '[' => self.class(start)?,
            '(' => self.group(start)?,
            '\\' => self.escape(start)?,
            '*' | '+' | '?' => return err("nothing to repeat", start),
            '{' => {
                self.pos = start;
                if self.braces()?.is_some() {
                    return err("nothing to repeat", start);
                }
                self.pos = start + 1;
                Node::Char('{')
            }
            c => Node::Char(c),
        })
    }

    fn group(&mut self, start: usize) -> R<Node> {
        if !self.eat('?') {
            self.groups += 1;
            let n = self.groups;
            let inner = self.alternation()?;
            self.close(start)?;
            self.closed.push(n);
            return Ok(Node::Group(Some(n), Box::new(inner)));
        }
        let Some(c) = self.peek() else {
            return err("unexpected end of pattern", self.pos);
        };
        self.pos += 1;
        match c {
            ':' => {
                let inner = self.alternation()?;
                self.close(start)?;
                Ok(Node::Group(None, Box::new(inner)))
            }
            'P' => {
                if self.eat('<') {
                    let name = self.name('>')?;
                    if name.is_empty() {
                        return err("missing group name", self.pos - 1);
                    }
                    if self.names.contains_key(&name) {
                        return err(
                            format!(
                                "redefinition of group name '{name}' as group {}; was group {}",
                                self.groups + 1,
                                self.names[&name]
                            ),
                            start + 4,
                        );
                    }
                    self.groups += 1;
                    let n = self.groups;
                    self.names.insert(name, n);
                    let inner = self.alternation()?;
                    self.close(start)?;
                    self.closed.push(n);
                    Ok(Node::Group(Some(n), Box::new(inner)))
                } else if self.eat('=') {
                    let name_pos = self.pos;
                    let name = self.name(')')?;
                    match self.names.get(&name) {
                        Some(&n) => Ok(Node::Backref(n)),
                        None => err(format!("unknown group name '{name}'"), name_pos),
                    }
                } else {
                    err("unknown extension ?P", start + 1)
                }
            }
            '=' | '!' => {
                let inner = self.alternation()?;
                self.close(start)?;
                Ok(Node::Look {
                    ahead: true,
                    negated: c == '!',
                    node: Box::new(inner),
                })
            }
            '<' => {
                let Some(d) = self.peek() else {
                    return err("unexpected end of pattern", self.pos);
                };
                if d != '=' && d != '!' {
                    return err(format!("unknown extension ?<{d}"), start + 1);
                }
                self.pos += 1;
                let inner = self.alternation()?;
                self.close(start)?;
                if super::compile::fixed_width(&inner).is_none() {
                    return Err(Error {
                        msg: "look-behind requires fixed-width pattern".into(),
                        pos: None,
                    });
                }
                Ok(Node::Look {
                    ahead: false,
                    negated: d == '!',
                    node: Box::new(inner),
                })
            }
            '#' => {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == ')' {
                        return Ok(Node::Empty);
                    }
                }
                err("missing ), unterminated comment", start)
            }
            '(' => err("conditional groups are not supported", start + 1),
            '>' => err("atomic groups are not supported", start + 1),
            c if flag_of(c).is_some() || c == '-' => {
                self.pos -= 1;
                let mut on = 0;
                let mut off = 0;
                let mut neg = false;
                while let Some(c) = self.peek() {
                    if c == '-' {
                        neg = true;
                    } else if let Some(f) = flag_of(c) {
                        if neg {
                            off |= f;
                        } else {
                            on |= f;
                        }
                    } else {
                        break;
                    }
                    self.pos += 1;
                }
                if self.eat(')') {
                    return err("global flags not at the start of the expression", start);
                }
                if !self.eat(':') {
                    return err("missing :", self.pos);
                }
                let saved = self.flags;
                self.flags = (self.flags | on) & !off;
                let inner = self.alternation()?;
                let scoped = self.flags;
                self.flags = saved;
                self.close(start)?;
                Ok(Node::Flags(scoped, Box::new(inner)))
            }
            c => err(format!("unknown extension ?{c}"), start + 1),
        }
    }

    fn close(&mut self, start: usize) -> R<()> {
        if self.eat(')') {
            Ok(())
        } else {
            err("missing ), unterminated subpattern", start)
        }
    }

    fn name(&mut self, end: char) -> R<String> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == end {
                let name: String = self.chars[start..self.pos].iter().collect();
                self.pos += 1;
                let ok = name
                    .chars()
                    .next()
                    .is_some_and(|c| c == '_' || c.is_alphabetic())
                    && name.chars().all(|c| c == '_' || c.is_alphanumeric());
                if !ok && !name.is_empty() {
                    return err(format!("bad character in group name '{name}'"), start);
                }
                return Ok(name);
            }
            self.pos += 1;
        }
        err(format!("missing {end}, unterminated name"), start)
    }

    /// An escape outside a class.
    fn escape(&mut self, start: usize) -> R<Node> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.pos += 1;
        Ok(match c {
            'A' => Node::StringStart,
            'Z' => Node::StringEnd,
            'b' => Node::WordBoundary(true),
            'B' => Node::WordBoundary(false),
            'd' => Node::Cat(Category::Digit, false),
            'D' => Node::Cat(Category::Digit, true),
            'w' => Node::Cat(Category::Word, false),
            'W' => Node::Cat(Category::Word, true),
            's' => Node::Cat(Category::Space, false),
            'S' => Node::Cat(Category::Space, true),
            '1'..='9' => {
                let mut n = c.to_digit(10).unwrap_or(0) as usize;
                if let Some(d) = self.peek().and_then(|d| d.to_digit(10)) {
                    // Three octal digits starting with a digit are an octal escape.
                    if c <= '7'
                        && d <= 7
                        && self
                            .chars
                            .get(self.pos + 1)
                            .is_some_and(|e| ('0'..='7').contains(e))
                    {
                        let v = (c.to_digit(8).unwrap_or(0) * 64)
                            + d * 8
                            + self.chars[self.pos + 1].to_digit(8).unwrap_or(0);
                        self.pos += 2;
                        if v > 0o377 {
                            return err(
                                format!(
                                    "octal escape value \\{c}{d}{} outside of range 0-0o377",
                                    self.chars[self.pos - 1]
                                ),
                                start,
                            );
                        }
                        return Ok(Node::Char(char::from_u32(v).unwrap_or('\0')));
                    }
                    n = n * 10 + d as usize;
                    self.pos += 1;
                }
                if !self.closed.contains(&n) {
                    if n > self.groups {
                        return err(format!("invalid group reference {n}"), start + 1);
                    }
                    return err("cannot refer to an open group", start);
                }
                Node::Backref(n)
            }
            _ => Node::Char(self.char_escape(c, start)?),
        })
    }

    /// Escapes meaning one character (shared by classes and the top level).
    fn char_escape(&mut self, c: char, start: usize) -> R<char> {
        Ok(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'f' => '\x0c',
            'v' => '\x0b',
            'a' => '\x07',
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(v).unwrap_or('\0')
            }
            'x' => self.hex(2, start)?,
            'u' => self.hex(4, start)?,
            'U' => self.hex(8, start)?,
            c if c.is_ascii_alphanumeric() => return err(format!("bad escape \\{c}"), start),
            c => c,
        })
    }

    fn hex(&mut self, n: usize, start: usize) -> R<char> {
        let digits: String = self.chars.iter().skip(self.pos).take(n).collect();
        if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            let esc: String = self.chars[start..(self.pos + n).min(self.chars.len())]
                .iter()
                .collect();
            return err(format!("incomplete escape {esc}"), start);
        }
        self.pos += n;
        let v = u32::from_str_radix(&digits, 16).unwrap_or(0);
        match char::from_u32(v) {
            Some(c) => Ok(c),
            None => err(format!("bad escape \\{}", self.chars[start + 1]), start),
        }
    }

    fn class(&mut self, start: usize) -> R<Node> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", start);
            };
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            let item_pos = self.pos;
            self.pos += 1;
            let lo = if c == '\\' {
                let Some(e) = self.peek() else {
                    return err("unterminated character set", start);
                };
                self.pos += 1;
                match e {
                    'd' => ClassItem::Cat(Category::Digit, false),
                    'D' => ClassItem::Cat(Category::Digit, true),
                    'w' => ClassItem::Cat(Category::Word, false),
                    'W' => ClassItem::Cat(Category::Word, true),
                    's' => ClassItem::Cat(Category::Space, false),
                    'S' => ClassItem::Cat(Category::Space, true),
                    'b' => ClassItem::Char('\x08'),
                    e if e.is_ascii_digit() && e != '0' => {
                        let mut v = e.to_digit(8).ok_or(Error {
                            msg: format!("bad escape \\{e}"),
                            pos: Some(item_pos),
                        })?;
                        for _ in 0..2 {
                            match self.peek().and_then(|d| d.to_digit(8)) {
                                Some(d) => {
                                    v = v * 8 + d;
                                    self.pos += 1;
                                }
                                None => break,
                            }
                        }
                        ClassItem::Char(char::from_u32(v).unwrap_or('\0'))
                    }
                    e => ClassItem::Char(self.char_escape(e, item_pos)?),
                }
            } else {
                ClassItem::Char(c)
            };
            if let ClassItem::Char(lo_c) = lo {
                if self.peek() == Some('-')
                    && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']')
                {
                    self.pos += 1;
                    let hi_pos = self.pos;
                    let Some(h) = self.peek() else {
                        return err("unterminated character set", start);
                    };
                    self.pos += 1;
                    let hi_c = if h == '\\' {
                        let Some(e) = self.peek() else {
                            return err("unterminated character set", start);
                        };
                        self.pos += 1;
                        if matches!(e, 'd' | 'D' | 'w' | 'W' | 's' | 'S') {
                            let range: String = self.chars[item_pos..self.pos].iter().collect();
                            return err(format!("bad character range {range}"), item_pos);
                        }
                        self.char_escape(e, hi_pos)?
                    } else {
                        h
                    };
                    if hi_c < lo_c {
                        let range: String = self.chars[item_pos..self.pos].iter().collect();
                        return err(format!("bad character range {range}"), item_pos);
                    }
                    items.push(ClassItem::Range(lo_c, hi_c));
                    continue;
                }
            }
            items.push(lo);
        }
        Ok(Node::Class { items, negated })
    }
}
