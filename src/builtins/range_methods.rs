//! Methods and attributes of `range` and `slice`. Range membership, `index` and `count` are
//! arithmetic (no iteration), so they are O(1) on huge ranges.

use super::args::check;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::int::is_int;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::vm::ops::compare::eq;
use crate::vm::ops::protocol::range_len;
use crate::vm::Vm;

fn this_range(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<(i64, i64, i64)> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::Range { start, stop, step } = o.kind {
            return Ok((start, stop, step));
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a 'range' object")))
}

/// The position of int `x` in the range, if it is an element.
fn position(r: (i64, i64, i64), len: i64, x: i64) -> Option<i64> {
    let (start, _, step) = r;
    let off = x as i128 - start as i128;
    if off % step as i128 != 0 {
        return None;
    }
    let i = off / step as i128;
    (i >= 0 && i < len as i128).then_some(i as i64)
}

fn small_int(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    }
}

pub fn range_index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "index", args, 2, 2)?;
    let r = this_range(vm, args, "index")?;
    let len = range_len(args[0]);
    let x = args[1];
    if let Some(i) = small_int(x) {
        if let Some(p) = position(r, len, i) {
            return Ok(Value::Int(p));
        }
    } else if !is_int(x) {
        let items = vm.collect_iter(args[0])?;
        for (i, it) in items.into_iter().enumerate() {
            if eq(vm, it, x)? {
                return Ok(Value::Int(i as i64));
            }
        }
    }
    let s = vm.repr(x)?;
    Err(vm.value_error(format!("{s} is not in range")))
}

pub fn range_count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "count", args, 2, 2)?;
    let r = this_range(vm, args, "count")?;
    let len = range_len(args[0]);
    let x = args[1];
    if let Some(i) = small_int(x) {
        return Ok(Value::Int(position(r, len, i).is_some() as i64));
    }
    if is_int(x) {
        return Ok(Value::Int(0));
    }
    let items = vm.collect_iter(args[0])?;
    let mut n = 0;
    for it in items {
        if eq(vm, it, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `x in range(...)` for ints, without iterating.
pub fn range_contains(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__contains__", args, 2, 2)?;
    let r = this_range(vm, args, "__contains__")?;
    let len = range_len(args[0]);
    if let Some(i) = small_int(args[1]) {
        return Ok(Value::Bool(position(r, len, i).is_some()));
    }
    range_count(vm, args, &[]).map(|n| Value::Bool(!matches!(n, Value::Int(0))))
}

pub fn range_start(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this_range(vm, args, "start")?.0))
}

pub fn range_stop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this_range(vm, args, "stop")?.1))
}

pub fn range_step(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this_range(vm, args, "step")?.2))
}

fn this_slice(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<[Value; 3]> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::Slice(s) = &o.kind {
            return Ok(*s);
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a 'slice' object")))
}

pub fn slice_start(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(this_slice(vm, args, "start")?[0])
}

pub fn slice_stop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(this_slice(vm, args, "stop")?[1])
}

pub fn slice_step(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(this_slice(vm, args, "step")?[2])
}

/// `slice.indices(length)`: (start, stop, step) clamped as slicing a sequence of that length.
pub fn slice_indices(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "indices", args, 2, 2)?;
    let s = this_slice(vm, args, "indices")?;
    let len = vm.to_index(args[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let idx = vm.slice_indices(s, len as usize)?;
    Ok(alloc::tuple(vec![Value::Int(idx.start), Value::Int(idx.stop), Value::Int(idx.step)]))
}
