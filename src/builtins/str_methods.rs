//! Methods of `str`, including `str.format`'s field syntax.

use super::args::{check, kw, method_check};
use crate::gc::text;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;

fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'static str> {
    match args.first().and_then(|&v| str_of(v)) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'str' object"))),
    }
}

fn arg_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'static str> {
    match str_of(v) {
        Some(s) => Ok(s),
        None if what.is_empty() => Err(vm.type_error(format!("must be str, not {}", type_name(v)))),
        None => Err(vm.type_error(format!("{what} must be str, not {}", type_name(v)))),
    }
}

/// Python's whitespace for `split()`/`strip()`: Unicode White_Space plus the ASCII
/// information separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn s(v: impl AsRef<str> + Into<Box<str>>) -> Value {
    alloc::str(v)
}

macro_rules! simple {
    ($name:ident, $py:literal, |$x:ident| $body:expr) => {
        pub fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            method_check(vm, $py, args, 1, 1)?;
            let $x = this(vm, args, $py)?;
            Ok($body)
        }
    };
}

/// `upper()`/`lower()` of an exact str that has no ASCII letter to change is the str itself,
/// as `replace` with nothing to replace is (str identity is the implementation's choice): most
/// words a program lowercases are lowercase already, and each copy was a heap object to
/// collect (word_freq made 500,000 of them).
/// Short ASCII text is mapped on the stack: the str keeps it inline, so the answer costs no
/// `String` (the Unicode mapping's allocation was most of `upper()` on dict_str's keys).
macro_rules! case_map {
    ($name:ident, $py:literal, $unchanged:ident, $map:ident, $ascii_map:ident) => {
        pub fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            method_check(vm, $py, args, 1, 1)?;
            let x = this(vm, args, $py)?;
            if x.is_ascii() {
                if !x.bytes().any(|b| b.$unchanged()) && is_exact_str(args[0]) {
                    return Ok(args[0]);
                }
                if x.len() <= text::INLINE {
                    let mut buf = [0u8; text::INLINE];
                    let out = &mut buf[..x.len()];
                    out.copy_from_slice(x.as_bytes());
                    out.$ascii_map();
                    if let Ok(t) = std::str::from_utf8(out) {
                        return Ok(s(t));
                    }
                }
            }
            Ok(s(x.$map()))
        }
    };
}

case_map!(
    upper,
    "upper",
    is_ascii_lowercase,
    to_uppercase,
    make_ascii_uppercase
);
case_map!(
    lower,
    "lower",
    is_ascii_uppercase,
    to_lowercase,
    make_ascii_lowercase
);
simple!(casefold, "casefold", |x| s(casefold_str(x)));
simple!(isprintable, "isprintable", |x| Value::Bool(
    x.chars().all(|c| c == ' ' || crate::lexer::is_printable(c))
));

/// Full case folding for the characters whose folding differs from lowercasing.
fn casefold_str(x: &str) -> String {
    let mut out = String::with_capacity(x.len());
    for c in x.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬀ' => out.push_str("ff"),
            'ſ' => out.push('s'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_decimal_char(c: char) -> bool {
    c.is_ascii_digit() || crate::format::intstr::decimal_value(c).is_some()
}

/// Unicode "Digit" numeric type beyond the decimals: superscripts, circled and similar digits.
fn is_digit_char(c: char) -> bool {
    is_decimal_char(c)
        || matches!(c, '²' | '³' | '¹' | '\u{2070}' | '\u{2074}'..='\u{2079}' | '\u{2080}'..='\u{2089}'
            | '\u{2460}'..='\u{2468}' | '\u{2474}'..='\u{247c}' | '\u{2488}'..='\u{2490}'
            | '\u{24f5}'..='\u{24fd}' | '\u{24ea}' | '\u{24ff}' | '\u{2776}'..='\u{277e}'
            | '\u{2780}'..='\u{2788}' | '\u{278a}'..='\u{2792}' | '\u{1369}'..='\u{1371}' | '\u{19da}')
}
simple!(swapcase, "swapcase", |x| s(x
    .chars()
    .map(|c| if c.is_uppercase() {
        c.to_lowercase().collect::<String>()
    } else {
        c.to_uppercase().collect()
    })
    .collect::<String>()));
simple!(capitalize, "capitalize", |x| {
    let mut cs = x.chars();
    match cs.next() {
        Some(f) => s(format!(
            "{}{}",
            f.to_uppercase(),
            cs.as_str().to_lowercase()
        )),
        None => s(""),
    }
});
simple!(title, "title", |x| {
    let mut out = String::new();
    let mut prev = false;
    for c in x.chars() {
        if c.is_alphabetic() {
            if prev {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev = true;
        } else {
            out.push(c);
            prev = false;
        }
    }
    s(out)
});
simple!(isdigit, "isdigit", |x| Value::Bool(
    !x.is_empty() && x.chars().all(is_digit_char)
));
simple!(isdecimal, "isdecimal", |x| Value::Bool(
    !x.is_empty() && x.chars().all(is_decimal_char)
));
simple!(isnumeric, "isnumeric", |x| Value::Bool(
    !x.is_empty() && x.chars().all(|c| c.is_numeric())
));
simple!(isalpha, "isalpha", |x| Value::Bool(
    !x.is_empty() && x.chars().all(|c| c.is_alphabetic())
));
simple!(isalnum, "isalnum", |x| Value::Bool(
    !x.is_empty() && x.chars().all(|c| c.is_alphanumeric())
));
simple!(isspace, "isspace", |x| Value::Bool(
    !x.is_empty() && x.chars().all(is_py_space)
));
simple!(isascii, "isascii", |x| Value::Bool(x.is_ascii()));
simple!(isupper, "isupper", |x| Value::Bool(
    x.chars().any(|c| c.is_uppercase()) && !x.chars().any(|c| c.is_lowercase())
));
simple!(islower, "islower", |x| Value::Bool(
    x.chars().any(|c| c.is_lowercase()) && !x.chars().any(|c| c.is_uppercase())
));
simple!(isidentifier, "isidentifier", |x| {
    let mut cs = x.chars();
    Value::Bool(match cs.next() {
        Some(f) => {
            (f == '_' || unicode_ident::is_xid_start(f)) && cs.all(unicode_ident::is_xid_continue)
        }
        None => false,
    })
});
simple!(istitle, "istitle", |x| {
    let mut prev_cased = false;
    let mut any = false;
    let mut ok = true;
    for c in x.chars() {
        if c.is_uppercase() {
            if prev_cased {
                ok = false;
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                ok = false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Value::Bool(ok && any)
});

fn strip_chars(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
) -> PyResult<(&'static str, Option<Vec<char>>)> {
    let x = this(vm, args, name)?;
    let chars = match args.get(1) {
        Some(&v) if !v.is_none() => match str_of(v) {
            Some(t) => Some(t.chars().collect()),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        },
        _ => None,
    };
    Ok((x, chars))
}

pub fn strip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let (x, cs) = strip_chars(vm, args, "strip")?;
    Ok(s(match cs {
        Some(cs) => x.trim_matches(|c| cs.contains(&c)),
        None => x.trim_matches(is_py_space),
    }))
}

pub fn lstrip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let (x, cs) = strip_chars(vm, args, "lstrip")?;
    Ok(s(match cs {
        Some(cs) => x.trim_start_matches(|c| cs.contains(&c)),
        None => x.trim_start_matches(is_py_space),
    }))
}

pub fn rstrip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let (x, cs) = strip_chars(vm, args, "rstrip")?;
    Ok(s(match cs {
        Some(cs) => x.trim_end_matches(|c| cs.contains(&c)),
        None => x.trim_end_matches(is_py_space),
    }))
}

/// The strs `split` makes of one text's parts. In a long text the equal short parts are one str:
/// the words of a text repeat (word_freq's 500,000 are 1,624 distinct ones, which took 36 MiB
/// as separate objects), and which equal strs are one object is the implementation's choice
/// (CPython shares its one-character strs). At most `SHARED` parts are remembered, so a text
/// whose words do not repeat costs a bounded table.
struct Parts<'a> {
    shared: Option<hashbrown::HashMap<&'a str, Value>>,
}

/// Texts shorter than this split as before: a table for a line's few words costs more than it
/// saves.
const SHARE_FROM: usize = 1024;
const SHARED: usize = 1 << 14;

impl<'a> Parts<'a> {
    fn of(text: &str) -> Parts<'a> {
        Parts {
            shared: (text.len() >= SHARE_FROM).then(hashbrown::HashMap::new),
        }
    }

    fn make(&mut self, part: &'a str) -> Value {
        let Some(shared) = self.shared.as_mut().filter(|_| part.len() <= text::INLINE) else {
            return s(part);
        };
        if let Some(&v) = shared.get(part) {
            return v;
        }
        let v = s(part);
        if shared.len() < SHARED {
            shared.insert(part, v);
        }
        v
    }
}

pub fn split(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    split_impl(vm, args, kwargs, false)
}

pub fn rsplit(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    split_impl(vm, args, kwargs, true)
}

fn split_impl(vm: &mut Vm, args: &[Value], kwargs: KwArgs, right: bool) -> PyResult<Value> {
    if args.len() > 3 {
        let name = if right { "rsplit" } else { "split" };
        return Err(vm.type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    let x = this(vm, args, "split")?;
    let sep = args
        .get(1)
        .copied()
        .or(kw(kwargs, "sep"))
        .filter(|v| !v.is_none());
    let maxsplit = match args.get(2).copied().or(kw(kwargs, "maxsplit")) {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    // The parts become strs as they are found: a vector of `String`s first cost every part a
    // malloc block and 24 bytes more at once (word_freq's 500,000 words: 25 MiB of its peak).
    let mut made = Parts::of(x);
    let parts: Vec<Value> = match sep {
        None => {
            let mut out: Vec<Value> = Vec::new();
            if right {
                let mut rest = x.trim_end_matches(is_py_space);
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(made.make(rest.trim_end_matches(is_py_space)));
                        break;
                    }
                    match rest.rfind(is_py_space) {
                        Some(i) => {
                            let w = &rest[i..];
                            let wc = w.chars().next().map_or(1, char::len_utf8);
                            out.push(made.make(&rest[i + wc..]));
                            rest = rest[..i].trim_end_matches(is_py_space);
                        }
                        None => {
                            out.push(made.make(rest));
                            rest = "";
                        }
                    }
                }
                out.reverse();
            } else {
                // Sized by a first scan, which allocates nothing: a long list grown by doubling
                // held its old and new buffers at once (word_freq's 8 MiB beside 4 MiB).
                let words = x.split(is_py_space).filter(|w| !w.is_empty()).count();
                out.reserve_exact(words.min(max.saturating_add(1)));
                let mut rest = x.trim_start_matches(is_py_space);
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(made.make(rest));
                        break;
                    }
                    match rest.find(is_py_space) {
                        Some(i) => {
                            out.push(made.make(&rest[..i]));
                            rest = rest[i..].trim_start_matches(is_py_space);
                        }
                        None => {
                            out.push(made.make(rest));
                            rest = "";
                        }
                    }
                }
            }
            out
        }
        Some(sv) => {
            let sep = arg_str(vm, sv, "must be str or None")?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let parts = max.saturating_add(1);
            // One body for both needle types (`Pattern` cannot be named on stable).
            macro_rules! split_on {
                ($sep:expr) => {
                    if right {
                        let mut v: Vec<Value> =
                            x.rsplitn(parts, $sep).map(|p| made.make(p)).collect();
                        v.reverse();
                        v
                    } else {
                        x.splitn(parts, $sep).map(|p| made.make(p)).collect()
                    }
                };
            }
            match one_ascii_char(sep) {
                Some(c) => split_on!(c),
                None => split_on!(sep),
            }
        }
    };
    Ok(alloc::list(parts))
}

pub fn splitlines(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let x = this(vm, args, "splitlines")?;
    let keep = match args.get(1).copied().or(kw(kwargs, "keepends")) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let b: Vec<(usize, char)> = x.char_indices().collect();
    let mut i = 0;
    while i < b.len() {
        let (pos, c) = b[i];
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut end = pos + c.len_utf8();
            if c == '\r' && i + 1 < b.len() && b[i + 1].1 == '\n' {
                end += 1;
                i += 1;
            }
            out.push(s(if keep { &x[start..end] } else { &x[start..pos] }));
            start = end;
        }
        i += 1;
    }
    if start < x.len() {
        out.push(s(&x[start..]));
    }
    Ok(alloc::list(out))
}

pub fn join(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "join", args, 2, 2)?;
    let sep = this(vm, args, "join")?;
    let items = vm.collect_iter(args[1])?;
    // Sized once: growing by doubling left up to half the result unused, and a large result
    // (word_freq's text) was as large again while it grew.
    let len = items
        .iter()
        .filter_map(|&it| str_of(it))
        .map(str::len)
        .sum::<usize>()
        + sep.len() * items.len().saturating_sub(1);
    let mut out = String::with_capacity(len);
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match str_of(*it) {
            Some(t) => out.push_str(t),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(*it)
                )))
            }
        }
    }
    Ok(s(out))
}

pub fn replace(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "replace", args, 3, 4)?;
    let x = this(vm, args, "replace")?;
    let old = arg_str(vm, args[1], "replace() argument 1")?;
    let new = arg_str(vm, args[2], "replace() argument 2")?;
    let count = match args.get(3) {
        Some(&c) => vm.to_index(c)?,
        None => -1,
    };
    if let Some(c) = one_ascii_char(old) {
        if !x.contains(c) && is_exact_str(args[0]) {
            // Nothing to replace: CPython returns the str itself too.
            return Ok(args[0]);
        }
        return Ok(s(if count < 0 {
            x.replace(c, new)
        } else {
            x.replacen(c, new, count as usize)
        }));
    }
    Ok(s(if count < 0 {
        x.replace(old, new)
    } else {
        x.replacen(old, new, count as usize)
    }))
}

/// An instance of `str` itself, not of a subclass.
fn is_exact_str(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Str(_))
        && o.cls.get().ptr_eq(crate::runtime::types::types().str))
}

fn affix(vm: &mut Vm, args: &[Value], name: &str, end: bool) -> PyResult<Value> {
    method_check(vm, name, args, 2, 4)?;
    let x = this(vm, args, name)?;
    // Without bounds the whole text is tested: no character counting.
    let sub = if args.len() == 2 {
        x
    } else {
        // A start past the end matches nothing, not even "" (CPython's tailmatch).
        if let Some(&start) = args.get(2).filter(|v| !v.is_none()) {
            let n = char_count(x) as i64;
            let st = vm.to_index(start)?;
            if (if st < 0 { (st + n).max(0) } else { st }) > n {
                return Ok(Value::Bool(false));
            }
        }
        let (a, b) = char_range(vm, x, args.get(2).copied(), args.get(3).copied())?;
        if a > b {
            return Ok(Value::Bool(false));
        }
        slice_chars(x, a, b)
    };
    let test = |p: &str| {
        if end {
            sub.ends_with(p)
        } else {
            sub.starts_with(p)
        }
    };
    match args[1] {
        Value::Object(o) if matches!(o.kind, Kind::Tuple(_)) => {
            for p in vm.seq_items(args[1]) {
                if test(arg_str(vm, p, "tuple item")?) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        v => match str_of(v) {
            Some(p) => Ok(Value::Bool(test(p))),
            None => Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(v)
            ))),
        },
    }
}

pub fn startswith(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    affix(vm, args, "startswith", false)
}

pub fn endswith(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    affix(vm, args, "endswith", true)
}

/// Char-index bounds from optional start/end arguments (slice semantics).
fn char_range(
    vm: &mut Vm,
    x: &str,
    a: Option<Value>,
    b: Option<Value>,
) -> PyResult<(usize, usize)> {
    let n = char_count(x) as i64;
    let fix = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let a = match a {
        Some(v) if !v.is_none() => fix(vm.to_index(v)?),
        _ => 0,
    };
    let b = match b {
        Some(v) if !v.is_none() => fix(vm.to_index(v)?),
        _ => n,
    };
    Ok((a as usize, b as usize))
}

/// A one-character ASCII needle as a `char`: searching for a char is a memchr, while a `&str`
/// needle sets up a two-way searcher per call (most of `str.find`'s time on short strings).
fn one_ascii_char(needle: &str) -> Option<char> {
    match needle.as_bytes() {
        [b] if b.is_ascii() => Some(*b as char),
        _ => None,
    }
}

/// The number of characters of `x`: its length in bytes when it is ASCII (checked a word at a
/// time), which is most strings; counting chars made `find` and slicing linear in the string.
/// A str whose characters are all ASCII (known without scanning it).
fn is_ascii_str(v: Value) -> bool {
    match v {
        Value::Object(o) => matches!(&o.kind, Kind::Str(s) if s.is_ascii()),
        _ => false,
    }
}

fn char_count(x: &str) -> usize {
    if x.is_ascii() {
        x.len()
    } else {
        x.chars().count()
    }
}

fn slice_chars(x: &str, a: usize, b: usize) -> &str {
    if a >= b {
        return "";
    }
    if x.is_ascii() {
        return &x[a.min(x.len())..b.min(x.len())];
    }
    let mut it = x
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(x.len()));
    let sa = it.nth(a).unwrap_or(x.len());
    let sb = it.nth(b - a - 1).unwrap_or(x.len());
    &x[sa..sb]
}

fn byte_to_char(x: &str, byte: usize) -> i64 {
    char_count(&x[..byte]) as i64
}

fn find_impl(vm: &mut Vm, args: &[Value], name: &str, right: bool) -> PyResult<i64> {
    method_check(vm, name, args, 2, 4)?;
    let x = this(vm, args, name)?;
    let sub = arg_str(vm, args[1], "")?;
    let search = |hay: &str| match (right, one_ascii_char(sub)) {
        (false, Some(c)) => hay.find(c),
        (true, Some(c)) => hay.rfind(c),
        (false, None) => hay.find(sub),
        (true, None) => hay.rfind(sub),
    };
    if args.len() == 2 && is_ascii_str(args[0]) {
        // Byte offsets are character offsets: no counting passes over the text.
        return Ok(search(x).map_or(-1, |i| i as i64));
    }
    if let Some(&start) = args.get(2).filter(|v| !v.is_none()) {
        let n = char_count(x) as i64;
        let st = vm.to_index(start)?;
        if st > n {
            return Ok(-1);
        }
    }
    let (a, b) = char_range(vm, x, args.get(2).copied(), args.get(3).copied())?;
    if a > b || (a == b && !sub.is_empty()) {
        return Ok(if a <= char_count(x) && sub.is_empty() {
            a as i64
        } else {
            -1
        });
    }
    let hay = slice_chars(x, a, b);
    Ok(match search(hay) {
        Some(i) => a as i64 + byte_to_char(hay, i),
        None => -1,
    })
}

pub fn find(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    find_impl(vm, args, "find", false).map(Value::Int)
}

pub fn rfind(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    find_impl(vm, args, "rfind", true).map(Value::Int)
}

pub fn index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, "index", false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

pub fn rindex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, "rindex", true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

pub fn count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "count", args, 2, 4)?;
    let x = this(vm, args, "count")?;
    let sub = arg_str(vm, args[1], "")?;
    let (a, b) = char_range(vm, x, args.get(2).copied(), args.get(3).copied())?;
    let hay = slice_chars(x, a, b);
    if sub.is_empty() {
        return Ok(Value::Int(hay.chars().count() as i64 + 1));
    }
    Ok(Value::Int(hay.matches(sub).count() as i64))
}

fn pad_impl(vm: &mut Vm, args: &[Value], name: &str, how: u8) -> PyResult<Value> {
    method_check(vm, name, args, 2, 3)?;
    let x = this(vm, args, name)?;
    let width = vm.to_index(args[1])?;
    let fill = match args.get(2) {
        Some(&f) => {
            let fs = arg_str(vm, f, "fill character")?;
            let mut cs = fs.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        None => ' ',
    };
    let n = char_count(x) as i64;
    if width <= n {
        return Ok(args[0]);
    }
    super::check_alloc(vm, width as usize, fill.len_utf8())?;
    let total = (width - n) as usize;
    let (l, r) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        _ => {
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let f = fill.to_string();
    Ok(s(format!("{}{x}{}", f.repeat(l), f.repeat(r))))
}

pub fn ljust(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, "ljust", b'l')
}

pub fn rjust(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, "rjust", b'r')
}

pub fn center(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    pad_impl(vm, args, "center", b'c')
}

pub fn zfill(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "zfill", args, 2, 2)?;
    let x = this(vm, args, "zfill")?;
    let width = vm.to_index(args[1])?;
    let n = char_count(x) as i64;
    if width <= n {
        return Ok(args[0]);
    }
    super::check_alloc(vm, width as usize, 1)?;
    let zeros = "0".repeat((width - n) as usize);
    Ok(s(match x.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &x[..1]),
        None => format!("{zeros}{x}"),
    }))
}

fn partition_impl(vm: &mut Vm, args: &[Value], right: bool) -> PyResult<Value> {
    method_check(vm, "partition", args, 2, 2)?;
    let x = this(vm, args, "partition")?;
    let sep = arg_str(vm, args[1], "")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = match (right, one_ascii_char(sep)) {
        (false, Some(c)) => x.find(c),
        (true, Some(c)) => x.rfind(c),
        (false, None) => x.find(sep),
        (true, None) => x.rfind(sep),
    };
    Ok(alloc::tuple(match found {
        Some(i) => vec![s(&x[..i]), args[1], s(&x[i + sep.len()..])],
        None if right => vec![s(""), s(""), args[0]],
        None => vec![args[0], s(""), s("")],
    }))
}

pub fn partition(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    partition_impl(vm, args, false)
}

pub fn rpartition(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

pub fn removeprefix(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "removeprefix", args, 2, 2)?;
    let x = this(vm, args, "removeprefix")?;
    let p = arg_str(vm, args[1], "removeprefix() argument")?;
    Ok(s(x.strip_prefix(p).unwrap_or(x)))
}

pub fn removesuffix(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "removesuffix", args, 2, 2)?;
    let x = this(vm, args, "removesuffix")?;
    let p = arg_str(vm, args[1], "removesuffix() argument")?;
    Ok(s(x.strip_suffix(p).unwrap_or(x)))
}

pub fn encode(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "encode", args, 1, 3)?;
    let x = this(vm, args, "encode")?;
    let enc = match args.get(1).copied().or(kw(kwargs, "encoding")) {
        Some(e) => arg_str(vm, e, "encode() argument 'encoding'")?,
        None => "utf-8",
    };
    Ok(alloc::bytes(super::bytes_methods::encode_str(vm, x, enc)?))
}

pub fn expandtabs(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let x = this(vm, args, "expandtabs")?;
    let size = match args.get(1).copied().or(kw(kwargs, "tabsize")) {
        Some(v) => {
            let n = vm.to_index(v)?;
            if n > i32::MAX as i64 || n < i32::MIN as i64 {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            n.max(0) as usize
        }
        None => 8,
    };
    let tabs = x.matches('\t').count();
    super::check_alloc(vm, tabs, size)?;
    let mut out = String::new();
    let mut col = 0;
    for c in x.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.push_str(&" ".repeat(n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(s(out))
}

/// `str.format(*args, **kwargs)`.
pub fn format(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let x = this(vm, args, "format")?;
    let out = render_template(vm, x, &args[1..], Keywords::Args(kwargs))?;
    Ok(s(out))
}

/// `str.format_map(mapping)`: keyword fields are looked up with `mapping[name]`.
pub fn format_map(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "format_map", args, 2, 2)?;
    let x = this(vm, args, "format_map")?;
    let out = render_template(vm, x, &[], Keywords::Mapping(args[1]))?;
    Ok(s(out))
}

/// Where `{name}` fields come from.
enum Keywords<'a> {
    Args(KwArgs<'a>),
    Mapping(Value),
}

/// A Python exception from an object operation, or a template error still to be raised.
enum TemplateErr {
    Py(crate::runtime::exception::PyErr),
    Fmt(crate::format::FormatError),
}

impl From<crate::format::FormatError> for TemplateErr {
    fn from(e: crate::format::FormatError) -> Self {
        TemplateErr::Fmt(e)
    }
}

/// The object side of `crate::format::template`. Every value it hands the kernel is kept in
/// `keep` (a rooted list), since the kernel holds them across calls back into Python.
struct Template<'a, 'k> {
    vm: &'a mut Vm,
    args: &'a [Value],
    kwargs: Keywords<'k>,
    keep: Value,
}

impl Template<'_, '_> {
    fn hold(&mut self, r: PyResult<Value>) -> Result<Value, TemplateErr> {
        let v = r.map_err(TemplateErr::Py)?;
        if let Value::Object(o) = self.keep {
            if let Kind::List(l) = &o.kind {
                l.borrow_mut().push(v);
            }
        }
        Ok(v)
    }
}

impl crate::format::template::TemplateArgs for Template<'_, '_> {
    type Value = Value;
    type Error = TemplateErr;

    fn positional(&mut self, index: usize) -> Result<Value, TemplateErr> {
        match self.args.get(index) {
            Some(&v) => Ok(v),
            None => Err(TemplateErr::Fmt(
                crate::format::FormatError::ReplacementIndex(index),
            )),
        }
    }

    fn keyword(&mut self, name: &str) -> Result<Value, TemplateErr> {
        match self.kwargs {
            Keywords::Args(kw) => match kw
                .iter()
                .find(|(k, _)| str_of(Value::Object(*k)) == Some(name))
            {
                Some((_, v)) => Ok(*v),
                None => {
                    let e = self.vm.key_error(s(name));
                    Err(TemplateErr::Py(e))
                }
            },
            Keywords::Mapping(m) => {
                let r = self.vm.getitem(m, s(name));
                self.hold(r)
            }
        }
    }

    fn access(
        &mut self,
        value: Value,
        step: &crate::format::template::Accessor,
    ) -> Result<Value, TemplateErr> {
        use crate::format::template::Accessor;
        let r = match step {
            Accessor::Attr(name) => self.vm.getattr(value, intern(name)),
            Accessor::Index(i) => self.vm.getitem(value, Value::Int(*i as i64)),
            Accessor::Key(k) => self.vm.getitem(value, s(k.as_str())),
        };
        self.hold(r)
    }

    fn convert(&mut self, value: Value, conversion: char) -> Result<Value, TemplateErr> {
        let r = match conversion {
            'r' => self.vm.repr(value),
            'a' => self.vm.repr(value).map(|r| crate::vm::ops::repr::ascii(&r)),
            _ => self.vm.str(value),
        };
        let r = r.map(s);
        self.hold(r)
    }

    fn format(&mut self, value: Value, spec: &str) -> Result<String, TemplateErr> {
        self.vm.format(value, spec).map_err(TemplateErr::Py)
    }
}

fn render_template(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kwargs: Keywords,
) -> PyResult<String> {
    let keep = alloc::list(Vec::new());
    let _g = crate::gc::roots::root(keep);
    let mut t = Template {
        vm: &mut *vm,
        args,
        kwargs,
        keep,
    };
    let r = crate::format::template::format_template(template, &mut t);
    match r {
        Ok(out) => Ok(out),
        Err(TemplateErr::Py(e)) => Err(e),
        Err(TemplateErr::Fmt(e)) => Err(vm.format_error(e)),
    }
}

/// `str.maketrans(x[, y[, z]])` (a static method): a dict from code points to replacements.
pub fn maketrans(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "maketrans", args, 1, 3)?;
    let d = alloc::dict();
    let _g = crate::gc::roots::root(d);
    if args.len() == 1 {
        if !matches!(args[0], Value::Object(o) if matches!(o.kind, Kind::Dict(_))) {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        for (k, v) in vm.dict_items_pairs(args[0]) {
            let key = match str_of(k) {
                Some(t) if t.chars().count() == 1 => {
                    Value::Int(t.chars().next().map_or(0, |c| c as i64))
                }
                Some(_) => {
                    return Err(vm.value_error("string keys in translate table must be of length 1"))
                }
                None if crate::runtime::int::is_int(k) => k,
                None => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            vm.dict_set(d, key, v)?;
        }
        return Ok(d);
    }
    let x = arg_str(vm, args[0], "maketrans() argument 1")?;
    let y = arg_str(vm, args[1], "maketrans() argument 2")?;
    if char_count(x) != y.chars().count() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        vm.dict_set(d, Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(&z) = args.get(2) {
        let z = arg_str(vm, z, "maketrans() argument 3")?;
        for c in z.chars() {
            vm.dict_set(d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(d)
}

/// `str.translate(table)`: `table[ord(c)]` per character; a LookupError keeps the character.
pub fn translate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "translate", args, 2, 2)?;
    let x = this(vm, args, "translate")?;
    let table = args[1];
    let _g = crate::gc::roots::root_all(&[args[0], table]);
    let mut out = String::with_capacity(x.len());
    for c in x.chars() {
        match vm.getitem(table, Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(v) => {
                if let Some(t) = str_of(v) {
                    out.push_str(t);
                } else if crate::runtime::int::is_int(v) {
                    let i = vm.to_index(v)?;
                    match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => {
                            return Err(
                                vm.value_error("character mapping must be in range(0x110000)")
                            )
                        }
                    }
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.exc_matches(e, crate::runtime::types::types().lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(s(out))
}
