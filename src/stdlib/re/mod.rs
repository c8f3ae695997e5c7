//! `_re`: the regular-expression core behind the embedded `re` module — a parser for Python's
//! syntax (`parse`), a compiler to a small instruction set (`compile`) and a backtracking
//! matcher (`exec`). Compiled programs live in a per-thread table (`re` caches patterns, so it
//! holds one entry per distinct pattern and flags); Python holds the index. Positions are
//! character indices, as Python's.

pub mod compile;
pub mod exec;
pub mod parse;

use super::conv;
use crate::builtins::args::check;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::Vm;
use compile::Prog;
use exec::{Matcher, UNSET};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    static PROGRAMS: RefCell<Vec<Rc<Prog>>> = const { RefCell::new(Vec::new()) };
}

fn str_arg<'a>(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'a str> {
    match str_of(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "{what} must be str, not {}",
            crate::vm::errors::type_name(v)
        ))),
    }
}

/// `compile(pattern, flags)` → `('ok', handle, groups, groupindex, flags)` or
/// `('error', message, position)`.
fn compile_fn(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "compile", args, 2, 2)?;
    let pattern = str_arg(vm, args[0], "pattern")?;
    let flags = vm.to_index(args[1])? as u32;
    let parsed = match parse::parse(pattern, flags) {
        Ok(p) => p,
        Err(e) => {
            let pos = e.pos.map_or(Value::None, |p| Value::Int(p as i64));
            return Ok(alloc::tuple(vec![
                alloc::str("error"),
                alloc::str(e.msg),
                pos,
            ]));
        }
    };
    let prog = match compile::compile(&parsed) {
        Ok(p) => p,
        Err(msg) => {
            return Ok(alloc::tuple(vec![
                alloc::str("error"),
                alloc::str(msg),
                Value::None,
            ]))
        }
    };
    let handle = PROGRAMS.with(|t| {
        let mut t = t.borrow_mut();
        t.push(Rc::new(prog));
        t.len() - 1
    });
    let index = alloc::dict();
    let mut names: Vec<(&String, &usize)> = parsed.names.iter().collect();
    names.sort_by_key(|(_, &n)| n);
    for (name, &n) in names {
        vm.dict_set(index, alloc::str(name.as_str()), Value::Int(n as i64))?;
    }
    Ok(alloc::tuple(vec![
        alloc::str("ok"),
        Value::Int(handle as i64),
        Value::Int(parsed.groups as i64),
        index,
        Value::Int(parsed.flags as i64),
    ]))
}

fn program(vm: &mut Vm, v: Value) -> PyResult<Rc<Prog>> {
    let h = vm.to_index(v)?;
    let p = PROGRAMS.with(|t| {
        usize::try_from(h)
            .ok()
            .and_then(|h| t.borrow().get(h).cloned())
    });
    p.ok_or_else(|| vm.value_error("invalid pattern handle"))
}

/// The text as chars and the clamped `(pos, endpos)` region.
fn region(vm: &mut Vm, args: &[Value]) -> PyResult<(Vec<char>, usize, usize)> {
    let text: Vec<char> = str_arg(vm, args[1], "string")?.chars().collect();
    let n = text.len() as i64;
    let pos = vm.to_index(args[2])?.clamp(0, n) as usize;
    let end = vm.to_index(args[3])?.clamp(0, n) as usize;
    Ok((text, pos, end))
}

fn spans(slots: &[usize], groups: usize) -> Value {
    let v = slots[..2 * (groups + 1)]
        .iter()
        .map(|&s| Value::Int(if s == UNSET { -1 } else { s as i64 }))
        .collect();
    alloc::tuple(v)
}

/// `exec(handle, string, pos, endpos, mode)`: mode 0 match, 1 search, 2 fullmatch → the
/// group spans as a flat tuple (-1 for unset) or None.
fn exec_fn(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "exec", args, 5, 5)?;
    let prog = program(vm, args[0])?;
    let (text, pos, end) = region(vm, args)?;
    let mode = vm.to_index(args[4])?;
    if pos > end {
        return Ok(Value::None);
    }
    let mut m = Matcher::new(&prog, &text, end);
    let found = match mode {
        0 => m.match_at(pos, false, None),
        2 => m.match_at(pos, true, None),
        _ => m.search(pos, None),
    };
    Ok(if found {
        spans(&m.slots, prog.groups)
    } else {
        Value::None
    })
}

/// `scan(handle, string, pos, endpos, limit)`: the spans of successive non-overlapping
/// matches (at most `limit` when positive), with CPython's rule: after an empty match the
/// next one may start at the same position only if it is not empty.
fn scan_fn(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "scan", args, 5, 5)?;
    let prog = program(vm, args[0])?;
    let (text, mut pos, end) = region(vm, args)?;
    let limit = vm.to_index(args[4])?;
    let mut out = Vec::new();
    if pos > end {
        return Ok(alloc::list(out));
    }
    let mut m = Matcher::new(&prog, &text, end);
    let mut not_empty_at = None;
    while pos <= end && (limit <= 0 || (out.len() as i64) < limit) {
        if !m.search(pos, not_empty_at) {
            break;
        }
        let (s, e) = (m.slots[0], m.slots[1]);
        out.push(spans(&m.slots, prog.groups));
        pos = e;
        not_empty_at = (s == e).then_some(e);
    }
    Ok(alloc::list(out))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("compile", compile_fn),
    ("exec", exec_fn),
    ("scan", scan_fn),
];

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    conv::add_functions(vm, d, FUNCTIONS)
}

#[cfg(test)]
mod tests;
