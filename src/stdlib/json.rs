//! `_json`: the string kernels of the embedded `json` module (CPython's `_json` accelerators):
//! `scanstring` for documents that are pure ASCII (character and byte indices agree; other
//! documents use the Python scanner) and the two string encoders.

use super::conv;
use crate::builtins::args::check;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::fmt::Write;

fn err(msg: &str, pos: usize) -> Value {
    alloc::tuple(vec![Value::None, alloc::str(msg), Value::Int(pos as i64)])
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let h = b.get(at..at + 4)?;
    if h[1] == b'x' || h[1] == b'X' {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
}

/// `scanstring(s, end, strict)` → `(text, end)`, `(None, message, pos)` on a decoding error,
/// or `None` when `s` is not ASCII (the caller falls back to Python).
fn scanstring(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "scanstring", args, 3, 3)?;
    let Some(Kind::Str(ps)) = args[0].as_obj().map(|o| &o.get().kind) else {
        return Err(vm.type_error("first argument must be a string"));
    };
    if !ps.is_ascii() {
        return Ok(Value::None);
    }
    let b = ps.as_str().as_bytes();
    let end = usize::try_from(vm.to_index(args[1])?).unwrap_or(usize::MAX);
    let strict = vm.truthy(args[2])?;
    let begin = end.wrapping_sub(1);
    if end > b.len() {
        return Ok(err("end is out of bounds", end));
    }
    let mut out = String::new();
    let mut i = end;
    loop {
        let start = i;
        while i < b.len() && b[i] != b'"' && b[i] != b'\\' && (b[i] >= 0x20 || !strict) {
            i += 1;
        }
        if i >= b.len() {
            return Ok(err("Unterminated string starting at", begin));
        }
        out.push_str(std::str::from_utf8(&b[start..i]).unwrap_or(""));
        match b[i] {
            b'"' => {
                i += 1;
                break;
            }
            b'\\' => {}
            _ => return Ok(err("Invalid control character at", i)),
        }
        let Some(&esc) = b.get(i + 1) else {
            return Ok(err("Unterminated string starting at", begin));
        };
        if esc != b'u' {
            let c = match esc {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\x08',
                b'f' => '\x0c',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return Ok(err("Invalid \\escape", i)),
            };
            out.push(c);
            i += 2;
            continue;
        }
        let Some(mut uni) = hex4(b, i + 2) else {
            return Ok(err("Invalid \\uXXXX escape", i + 1));
        };
        i += 6;
        if (0xd800..=0xdbff).contains(&uni) && b.get(i..i + 2) == Some(b"\\u") {
            let Some(uni2) = hex4(b, i + 2) else {
                return Ok(err("Invalid \\uXXXX escape", i + 1));
            };
            if (0xdc00..=0xdfff).contains(&uni2) {
                uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00));
                i += 6;
            }
        }
        // Lone surrogates cannot live in a Rust string; they become U+FFFD.
        out.push(char::from_u32(uni).unwrap_or('\u{fffd}'));
    }
    Ok(alloc::tuple(vec![alloc::str(out), Value::Int(i as i64)]))
}

fn escape_into(out: &mut String, c: char, ascii: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        c if (c as u32) < 0x20 => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c if ascii && (c as u32) > 0x7e => {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{:04x}", u);
            }
        }
        c => out.push(c),
    }
}

fn encode(vm: &mut Vm, args: &[Value], ascii: bool) -> PyResult<Value> {
    check(vm, "encode_basestring", args, 1, 1)?;
    let Some(s) = crate::runtime::str::str_of(args[0]) else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            crate::vm::errors::type_name(args[0])
        )));
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape_into(&mut out, c, ascii);
    }
    out.push('"');
    Ok(alloc::str(out))
}

fn encode_basestring_ascii(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    encode(vm, args, true)
}

fn encode_basestring(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    encode(vm, args, false)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("scanstring", scanstring),
    ("encode_basestring_ascii", encode_basestring_ascii),
    ("encode_basestring", encode_basestring),
];

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    conv::add_functions(vm, d, FUNCTIONS)
}
