//! Methods of `bytes` and `bytearray`. Both share one implementation over `&[u8]`; a method
//! that returns bytes-like data returns the receiver's own type (`bytearray.upper()` is a
//! bytearray). `bytearray` adds the mutating list-like methods.

use super::args::{check, kw, method_check};
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;
use std::cell::RefCell;

/// The bytes of a `bytes` or `bytearray` value (a copy: the caller may call back into Python).
pub fn data_of(v: Value) -> Option<Vec<u8>> {
    match v {
        Value::Object(o) => match &o.get().kind {
            Kind::Bytes(b) => Some(b.to_vec()),
            Kind::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The `b'...'` part of a bytearray's repr: like bytes, except that CPython's bytearray
/// escapes `'` even inside double quotes.
pub fn bytearray_repr(b: &[u8]) -> String {
    let r = crate::vm::ops::repr::bytes_repr(b);
    if r.starts_with("b\"") {
        format!("b\"{}\"", r[2..r.len() - 1].replace('\'', "\\'"))
    } else {
        r
    }
}

pub fn bytearray(b: Vec<u8>) -> Value {
    alloc::obj(types().bytearray, Kind::ByteArray(RefCell::new(b)))
}

fn is_bytearray(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::ByteArray(_)))
}

/// A result of the receiver's type.
fn like(recv: Value, b: Vec<u8>) -> Value {
    if is_bytearray(recv) {
        bytearray(b)
    } else {
        alloc::bytes(b)
    }
}

fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Vec<u8>> {
    match args.first().and_then(|&v| data_of(v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

/// A bytes-like argument (`bytes`, `bytearray`).
fn arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match data_of(v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

/// `bytes(x)`'s conversion of an iterable of ints, a bytes-like object, or a buffer.
pub fn bytes_from_object(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    iterable_bytes(vm, v, "byte")
}

/// `bytes_from_object` naming its range error after the type being built (`bytes`/`byte`).
fn iterable_bytes(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = data_of(v) {
        return Ok(b);
    }
    if str_of(v).is_some() {
        return Err(vm.type_error("cannot convert 'str' object to bytes"));
    }
    if !vm.is_iterable(v) {
        return Err(vm.type_error(format!("cannot convert '{}' object to bytes", type_name(v))));
    }
    let items = vm.collect_iter(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let i = vm.to_index(it)?;
        if !(0..256).contains(&i) {
            return Err(vm.value_error(format!("{what} must be in range(0, 256)")));
        }
        out.push(i as u8);
    }
    Ok(out)
}

fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = vm.to_index(v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// `bytes(...)` / `bytearray(...)` arguments: (source, encoding, errors).
pub fn construct(vm: &mut Vm, args: &[Value], kwargs: KwArgs, name: &str) -> PyResult<Vec<u8>> {
    check(vm, name, args, 0, 3)?;
    let src = args.first().copied().or(kw(kwargs, "source"));
    let enc = args.get(1).copied().or(kw(kwargs, "encoding"));
    let Some(src) = src else {
        if enc.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = str_of(src) {
        let Some(enc) = enc else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let Some(e) = str_of(enc).map(str::to_string) else {
            return Err(vm.type_error(format!(
                "{name}() argument 'encoding' must be str, not {}",
                type_name(enc)
            )));
        };
        return encode_str(vm, s, &e);
    }
    if let Some(e) = enc {
        if str_of(e).is_none() {
            return Err(vm.type_error(format!(
                "{name}() argument 'encoding' must be str, not {}",
                type_name(e)
            )));
        }
        return Err(vm.type_error("encoding without a string argument"));
    }
    match src {
        Value::Int(_) | Value::Bool(_) => {
            let n = vm.to_index(src)?;
            if n < 0 {
                return Err(vm.value_error("negative count"));
            }
            super::check_alloc(vm, n as usize, 1)?;
            Ok(vec![0u8; n as usize])
        }
        Value::Object(o) if matches!(o.kind, Kind::BigInt(_)) => Err(vm.new_error(
            types().overflow_error,
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => iterable_bytes(vm, src, if name == "bytes" { "bytes" } else { "byte" }),
    }
}

/// `str.encode(encoding)` for the codecs pylift knows (utf-8, ascii, latin-1).
pub fn encode_str(vm: &mut Vm, s: &str, encoding: &str) -> PyResult<Vec<u8>> {
    let norm = encoding.to_ascii_lowercase().replace(['-', '_'], "");
    match norm.as_str() {
        "utf8" | "u8" | "utf" => Ok(s.as_bytes().to_vec()),
        "ascii" | "usascii" | "latin1" | "iso88591" | "l1" | "cp819" => {
            let limit = if norm == "ascii" || norm == "usascii" {
                128
            } else {
                256
            };
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                if (c as u32) >= limit {
                    let codec = if limit == 128 { "ascii" } else { "latin-1" };
                    return Err(vm.new_error(
                        types().unicode_encode_error,
                        format!(
                            "'{codec}' codec can't encode character '{}' in position {i}: ordinal not in range({limit})",
                            escape_char(c)
                        ),
                    ));
                }
                out.push(c as u8);
            }
            Ok(out)
        }
        _ => Err(vm.new_error(
            types().lookup_error,
            format!("unknown encoding: {encoding}"),
        )),
    }
}

/// A character as codec errors show it: `\xe9`, `\u20ac`, `\U0001f600`.
fn escape_char(c: char) -> String {
    match c as u32 {
        u if u < 0x100 => format!("\\x{u:02x}"),
        u if u < 0x10000 => format!("\\u{u:04x}"),
        u => format!("\\U{u:08x}"),
    }
}

/// `bytes.decode(encoding='utf-8', errors='strict')`.
pub fn decode(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "decode", args, 1, 3)?;
    let b = this(vm, args, "decode")?;
    let enc = args
        .get(1)
        .copied()
        .or(kw(kwargs, "encoding"))
        .and_then(str_of)
        .unwrap_or("utf-8");
    let errors = args
        .get(2)
        .copied()
        .or(kw(kwargs, "errors"))
        .and_then(str_of)
        .unwrap_or("strict");
    let norm = enc.to_ascii_lowercase().replace(['-', '_'], "");
    match norm.as_str() {
        "utf8" | "u8" | "utf" => match std::str::from_utf8(&b) {
            Ok(s) => Ok(alloc::str(s)),
            Err(e) if errors == "strict" => {
                let pos = e.valid_up_to();
                let reason = match e.error_len() {
                    None => "unexpected end of data",
                    Some(_) if b[pos] >= 0x80 && b[pos] < 0xc2 || b[pos] > 0xf4 => {
                        "invalid start byte"
                    }
                    Some(_) => "invalid continuation byte",
                };
                Err(vm.new_error(
                    types().unicode_decode_error,
                    format!(
                        "'utf-8' codec can't decode byte 0x{:02x} in position {pos}: {reason}",
                        b[pos]
                    ),
                ))
            }
            Err(_) if errors == "ignore" => {
                let s = String::from_utf8_lossy(&b).replace('\u{fffd}', "");
                Ok(alloc::str(s))
            }
            Err(_) => Ok(alloc::str(String::from_utf8_lossy(&b).into_owned())),
        },
        "ascii" | "usascii" => {
            if let Some(pos) = b.iter().position(|&c| c >= 128) {
                if errors == "strict" {
                    return Err(vm.new_error(
                        types().unicode_decode_error,
                        format!(
                            "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                            b[pos]
                        ),
                    ));
                }
            }
            let s: String = b
                .iter()
                .filter_map(|&c| match (c < 128, errors) {
                    (true, _) => Some(c as char),
                    (false, "ignore") => None,
                    (false, _) => Some('\u{fffd}'),
                })
                .collect();
            Ok(alloc::str(s))
        }
        "latin1" | "iso88591" | "l1" | "cp819" => {
            Ok(alloc::str(b.iter().map(|&c| c as char).collect::<String>()))
        }
        _ => Err(vm.new_error(types().lookup_error, format!("unknown encoding: {enc}"))),
    }
}

pub fn hex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let b = this(vm, args, "hex")?;
    let sep = args.get(1).copied().and_then(str_of);
    let mut out = String::with_capacity(b.len() * 3);
    for (i, c) in b.iter().enumerate() {
        if i > 0 {
            if let Some(s) = sep {
                out.push_str(s);
            }
        }
        out.push_str(&format!("{c:02x}"));
    }
    Ok(alloc::str(out))
}

fn parse_hex(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let Some(s) = str_of(v) else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(v)
        )));
    };
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = cs[i].to_digit(16);
        let lo = cs.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let at = if hi.is_none() { i } else { i + 1 };
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {at}"
                )));
            }
        }
        i += 2;
    }
    Ok(out)
}

/// `bytes.fromhex(s)` (classmethod).
pub fn fromhex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "fromhex", args, 2, 2)?;
    let b = parse_hex(vm, args[1])?;
    let is_ba = matches!(args[0], Value::Object(c) if c.ptr_eq(types().bytearray));
    Ok(if is_ba { bytearray(b) } else { alloc::bytes(b) })
}

pub fn join(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "join", args, 2, 2)?;
    let sep = this(vm, args, "join")?;
    let items = vm.collect_iter(args[1])?;
    let mut out = Vec::new();
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match data_of(it) {
            Some(b) => out.extend_from_slice(&b),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(it)
                )))
            }
        }
    }
    Ok(like(args[0], out))
}

fn find_sub(hay: &[u8], needle: &[u8], right: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let n = hay.len() - needle.len();
    if right {
        (0..=n).rev().find(|&i| &hay[i..i + needle.len()] == needle)
    } else {
        (0..=n).find(|&i| &hay[i..i + needle.len()] == needle)
    }
}

/// A sub-sequence argument: bytes-like or an int (a single byte).
fn needle(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![byte_value(vm, v)?]),
        _ => match data_of(v) {
            Some(b) => Ok(b),
            None => Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{}'",
                type_name(v)
            ))),
        },
    }
}

fn bounds(vm: &mut Vm, n: usize, a: Option<Value>, b: Option<Value>) -> PyResult<(usize, usize)> {
    let n = n as i64;
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

fn find_impl(vm: &mut Vm, args: &[Value], name: &str, right: bool) -> PyResult<i64> {
    method_check(vm, name, args, 2, 4)?;
    let b = this(vm, args, name)?;
    let sub = needle(vm, args[1])?;
    let (lo, hi) = bounds(vm, b.len(), args.get(2).copied(), args.get(3).copied())?;
    if lo > hi {
        return Ok(-1);
    }
    Ok(find_sub(&b[lo..hi], &sub, right).map_or(-1, |i| (lo + i) as i64))
}

pub fn find(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    find_impl(vm, args, "find", false).map(Value::Int)
}

pub fn rfind(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    find_impl(vm, args, "rfind", true).map(Value::Int)
}

pub fn index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, "index", false)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}

pub fn rindex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match find_impl(vm, args, "rindex", true)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}

pub fn count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "count", args, 2, 4)?;
    let b = this(vm, args, "count")?;
    let sub = needle(vm, args[1])?;
    let (lo, hi) = bounds(vm, b.len(), args.get(2).copied(), args.get(3).copied())?;
    if lo > hi {
        return Ok(Value::Int(0));
    }
    let hay = &b[lo..hi];
    if sub.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut i, mut n) = (0, 0);
    while let Some(p) = find_sub(&hay[i..], &sub, false) {
        n += 1;
        i += p + sub.len();
    }
    Ok(Value::Int(n))
}

pub fn replace(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "replace", args, 3, 4)?;
    let b = this(vm, args, "replace")?;
    let old = arg(vm, args[1])?;
    let new = arg(vm, args[2])?;
    let mut count = match args.get(3) {
        Some(&c) => vm.to_index(c)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while count != 0 && i <= b.len() {
        let found = if old.is_empty() {
            Some(0)
        } else {
            find_sub(&b[i..], &old, false)
        };
        let Some(p) = found else { break };
        out.extend_from_slice(&b[i..i + p]);
        out.extend_from_slice(&new);
        if old.is_empty() {
            if i < b.len() {
                out.push(b[i]);
            }
            i += 1;
        } else {
            i += p + old.len();
        }
        count -= 1;
    }
    if i < b.len() {
        out.extend_from_slice(&b[i..]);
    }
    Ok(like(args[0], out))
}

fn affix(vm: &mut Vm, args: &[Value], name: &str, end: bool) -> PyResult<Value> {
    method_check(vm, name, args, 2, 4)?;
    let b = this(vm, args, name)?;
    let (lo, hi) = bounds(vm, b.len(), args.get(2).copied(), args.get(3).copied())?;
    let hay: &[u8] = if lo <= hi { &b[lo..hi] } else { &[] };
    let test = |p: &[u8]| {
        if end {
            hay.ends_with(p)
        } else {
            hay.starts_with(p)
        }
    };
    if let Value::Object(o) = args[1] {
        if let Kind::Tuple(t) = &o.kind {
            for &p in t.iter() {
                let p = arg(vm, p)?;
                if test(&p) {
                    return Ok(Value::Bool(true));
                }
            }
            return Ok(Value::Bool(false));
        }
    }
    match data_of(args[1]) {
        Some(p) => Ok(Value::Bool(test(&p))),
        None => Err(vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            type_name(args[1])
        ))),
    }
}

pub fn startswith(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    affix(vm, args, "startswith", false)
}

pub fn endswith(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    affix(vm, args, "endswith", true)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn strip_impl(vm: &mut Vm, args: &[Value], name: &str, left: bool, right: bool) -> PyResult<Value> {
    method_check(vm, name, args, 1, 2)?;
    let b = this(vm, args, name)?;
    let chars = match args.get(1) {
        Some(&v) if !v.is_none() => Some(arg(vm, v)?),
        _ => None,
    };
    let strip = |c: u8| match &chars {
        Some(cs) => cs.contains(&c),
        None => is_space(c),
    };
    let mut lo = 0;
    let mut hi = b.len();
    if left {
        while lo < hi && strip(b[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && strip(b[hi - 1]) {
            hi -= 1;
        }
    }
    Ok(like(args[0], b[lo..hi].to_vec()))
}

pub fn strip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}

pub fn lstrip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}

pub fn rstrip(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn split_impl(vm: &mut Vm, args: &[Value], kwargs: KwArgs, right: bool) -> PyResult<Value> {
    method_check(vm, "split", args, 1, 3)?;
    let b = this(vm, args, "split")?;
    let sep = args
        .get(1)
        .copied()
        .or(kw(kwargs, "sep"))
        .filter(|v| !v.is_none());
    let max = match args.get(2).copied().or(kw(kwargs, "maxsplit")) {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let words: Vec<(usize, usize)> = {
                let mut w = Vec::new();
                let mut i = 0;
                while i < b.len() {
                    while i < b.len() && is_space(b[i]) {
                        i += 1;
                    }
                    let s = i;
                    while i < b.len() && !is_space(b[i]) {
                        i += 1;
                    }
                    if s < i {
                        w.push((s, i));
                    }
                }
                w
            };
            if words.len() <= max.saturating_add(1) || max == usize::MAX {
                parts = words.iter().map(|&(s, e)| b[s..e].to_vec()).collect();
            } else if right {
                let keep = &words[words.len() - max..];
                let head_end = words[words.len() - max - 1].1;
                parts.push(b[words[0].0..head_end].to_vec());
                parts.extend(keep.iter().map(|&(s, e)| b[s..e].to_vec()));
            } else {
                parts.extend(words[..max].iter().map(|&(s, e)| b[s..e].to_vec()));
                let rest_start = words[max].0;
                let mut end = b.len();
                while end > rest_start && is_space(b[end - 1]) {
                    end -= 1;
                }
                parts.push(b[rest_start..end].to_vec());
            }
        }
        Some(sv) => {
            let sep = arg(vm, sv)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if right {
                let mut end = b.len();
                while parts.len() < max {
                    match find_sub(&b[..end], &sep, true) {
                        Some(p) => {
                            parts.push(b[p + sep.len()..end].to_vec());
                            end = p;
                        }
                        None => break,
                    }
                }
                parts.push(b[..end].to_vec());
                parts.reverse();
            } else {
                let mut start = 0;
                while parts.len() < max {
                    match find_sub(&b[start..], &sep, false) {
                        Some(p) => {
                            parts.push(b[start..start + p].to_vec());
                            start += p + sep.len();
                        }
                        None => break,
                    }
                }
                parts.push(b[start..].to_vec());
            }
        }
    }
    let recv = args[0];
    Ok(alloc::list(
        parts.into_iter().map(|p| like(recv, p)).collect(),
    ))
}

pub fn split(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    split_impl(vm, args, kwargs, false)
}

pub fn rsplit(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    split_impl(vm, args, kwargs, true)
}

pub fn splitlines(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let b = this(vm, args, "splitlines")?;
    let keep = match args.get(1).copied().or(kw(kwargs, "keepends")) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let (mut i, mut start) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut end = i + 1;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            out.push(like(args[0], b[start..if keep { end } else { i }].to_vec()));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(like(args[0], b[start..].to_vec()));
    }
    Ok(alloc::list(out))
}

fn partition_impl(vm: &mut Vm, args: &[Value], right: bool) -> PyResult<Value> {
    method_check(vm, "partition", args, 2, 2)?;
    let b = this(vm, args, "partition")?;
    let sep = arg(vm, args[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let r = args[0];
    Ok(alloc::tuple(match find_sub(&b, &sep, right) {
        Some(p) => vec![
            like(r, b[..p].to_vec()),
            like(r, sep.clone()),
            like(r, b[p + sep.len()..].to_vec()),
        ],
        None if right => vec![like(r, vec![]), like(r, vec![]), like(r, b)],
        None => vec![like(r, b), like(r, vec![]), like(r, vec![])],
    }))
}

pub fn partition(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    partition_impl(vm, args, false)
}

pub fn rpartition(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

macro_rules! mapped {
    ($name:ident, $py:literal, |$b:ident| $body:expr) => {
        pub fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            method_check(vm, $py, args, 1, 1)?;
            let $b = this(vm, args, $py)?;
            Ok(like(args[0], $body))
        }
    };
}

mapped!(upper, "upper", |b| b.to_ascii_uppercase());
mapped!(lower, "lower", |b| b.to_ascii_lowercase());
mapped!(swapcase, "swapcase", |b| b
    .iter()
    .map(|c| if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    })
    .collect());
mapped!(capitalize, "capitalize", |b| b
    .iter()
    .enumerate()
    .map(|(i, c)| if i == 0 {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    })
    .collect());
mapped!(title, "title", |b| {
    let mut prev = false;
    b.iter()
        .map(|&c| {
            let r = if prev {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev = c.is_ascii_alphabetic();
            r
        })
        .collect()
});

macro_rules! predicate {
    ($name:ident, $py:literal, |$b:ident| $body:expr) => {
        pub fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            method_check(vm, $py, args, 1, 1)?;
            let $b = this(vm, args, $py)?;
            Ok(Value::Bool($body))
        }
    };
}

predicate!(isdigit, "isdigit", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_digit));
predicate!(isalpha, "isalpha", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_alphabetic));
predicate!(isalnum, "isalnum", |b| !b.is_empty()
    && b.iter().all(u8::is_ascii_alphanumeric));
predicate!(isspace, "isspace", |b| !b.is_empty()
    && b.iter().all(|&c| is_space(c)));
predicate!(isascii, "isascii", |b| b.is_ascii());
predicate!(isupper, "isupper", |b| b.iter().any(u8::is_ascii_uppercase)
    && !b.iter().any(u8::is_ascii_lowercase));
predicate!(islower, "islower", |b| b.iter().any(u8::is_ascii_lowercase)
    && !b.iter().any(u8::is_ascii_uppercase));

fn pad_impl(vm: &mut Vm, args: &[Value], name: &str, how: u8) -> PyResult<Value> {
    method_check(vm, name, args, 2, 3)?;
    let b = this(vm, args, name)?;
    let width = vm.to_index(args[1])?;
    let fill = match args.get(2) {
        Some(&f) => match data_of(f) {
            Some(x) if x.len() == 1 => x[0],
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    type_name(f)
                )))
            }
        },
        None => b' ',
    };
    let n = b.len() as i64;
    if width <= n {
        return Ok(like(args[0], b));
    }
    super::check_alloc(vm, width as usize, 1)?;
    let total = (width - n) as usize;
    let (l, r) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        _ => {
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let mut out = vec![fill; l];
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(like(args[0], out))
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

pub fn removeprefix(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "removeprefix", args, 2, 2)?;
    let b = this(vm, args, "removeprefix")?;
    let p = arg(vm, args[1])?;
    Ok(like(
        args[0],
        b.strip_prefix(p.as_slice()).unwrap_or(&b).to_vec(),
    ))
}

pub fn removesuffix(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "removesuffix", args, 2, 2)?;
    let b = this(vm, args, "removesuffix")?;
    let p = arg(vm, args[1])?;
    Ok(like(
        args[0],
        b.strip_suffix(p.as_slice()).unwrap_or(&b).to_vec(),
    ))
}

// ---- bytearray mutation ----

fn buf(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'static RefCell<Vec<u8>>> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::ByteArray(b) = &o.get().kind {
            return Ok(b);
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a 'bytearray' object")))
}

pub fn ba_append(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "append", args, 2, 2)?;
    let b = buf(vm, args, "append")?;
    let c = byte_value(vm, args[1])?;
    b.borrow_mut().push(c);
    Ok(Value::None)
}

pub fn ba_extend(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "extend", args, 2, 2)?;
    let b = buf(vm, args, "extend")?;
    let more = bytes_from_object(vm, args[1])?;
    b.borrow_mut().extend(more);
    Ok(Value::None)
}

pub fn ba_insert(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "insert", args, 3, 3)?;
    let b = buf(vm, args, "insert")?;
    let i = vm.to_index(args[1])?;
    let c = byte_value(vm, args[2])?;
    let mut b = b.borrow_mut();
    let n = b.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    b.insert(at as usize, c);
    Ok(Value::None)
}

pub fn ba_pop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "pop", args, 1, 2)?;
    let b = buf(vm, args, "pop")?;
    let i = match args.get(1) {
        Some(&v) => vm.to_index(v)?,
        None => -1,
    };
    let n = b.borrow().len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    let c = b.borrow_mut().remove(j as usize);
    Ok(Value::Int(c as i64))
}

pub fn ba_remove(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "remove", args, 2, 2)?;
    let b = buf(vm, args, "remove")?;
    let c = byte_value(vm, args[1])?;
    let pos = b.borrow().iter().position(|&x| x == c);
    match pos {
        Some(p) => {
            b.borrow_mut().remove(p);
            Ok(Value::None)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

pub fn ba_clear(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "clear", args, 1, 1)?;
    buf(vm, args, "clear")?.borrow_mut().clear();
    Ok(Value::None)
}

pub fn ba_reverse(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "reverse", args, 1, 1)?;
    buf(vm, args, "reverse")?.borrow_mut().reverse();
    Ok(Value::None)
}

pub fn ba_copy(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "copy", args, 1, 1)?;
    let b = buf(vm, args, "copy")?.borrow().clone();
    Ok(bytearray(b))
}

/// `bytearray[i] = x` / `bytearray[a:b] = iterable` (the VM's item assignment calls this).
pub fn ba_setitem(vm: &mut Vm, target: &RefCell<Vec<u8>>, key: Value, v: Value) -> PyResult<()> {
    if let Value::Object(k) = key {
        if let Kind::Slice(s) = &k.kind {
            let s = **s;
            let items = if let Value::Int(_) = v {
                return Err(vm.type_error(
                    "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                ));
            } else {
                bytes_from_object(vm, v)?
            };
            let len = target.borrow().len();
            let idx = vm.slice_indices(s, len)?;
            let mut t = target.borrow_mut();
            if idx.step == 1 {
                let a = idx.start.max(0) as usize;
                let b = (idx.stop.max(0) as usize).max(a);
                t.splice(a..b, items);
                return Ok(());
            }
            let ix = idx.indices();
            if ix.len() != items.len() {
                drop(t);
                return Err(vm.value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {}",
                    items.len(),
                    ix.len()
                )));
            }
            for (i, it) in ix.into_iter().zip(items) {
                t[i] = it;
            }
            return Ok(());
        }
    }
    let len = target.borrow().len();
    let i = vm.seq_index(key, len, "bytearray")?;
    let c = byte_value(vm, v)?;
    target.borrow_mut()[i] = c;
    Ok(())
}

/// `bytearray.__setitem__` (explicit calls; the interpreter assigns through `ba_setitem`).
pub fn ba_setitem_native(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__setitem__", args, 3, 3)?;
    let b = buf(vm, args, "__setitem__")?;
    ba_setitem(vm, b, args[1], args[2])?;
    Ok(Value::None)
}

/// `bytearray.__delitem__`.
pub fn ba_delitem_native(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__delitem__", args, 2, 2)?;
    let b = buf(vm, args, "__delitem__")?;
    let len = b.borrow().len();
    if let Value::Object(k) = args[1] {
        if let Kind::Slice(s) = &k.kind {
            let mut ix = vm.slice_indices(**s, len)?.indices();
            ix.sort_unstable();
            let mut bb = b.borrow_mut();
            for i in ix.into_iter().rev() {
                bb.remove(i);
            }
            return Ok(Value::None);
        }
    }
    let i = vm.seq_index(args[1], len, "bytearray")?;
    b.borrow_mut().remove(i);
    Ok(Value::None)
}
