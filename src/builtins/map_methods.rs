//! Methods of `dict`, `set` and `frozenset`.

use super::args::method_check;
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::{DictPart, Kind};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::ops::arith::BinOp;
use crate::vm::Vm;

fn view(d: Value, which: DictPart) -> Value {
    let t = types();
    let cls = match which {
        DictPart::Keys => t.dict_keys,
        DictPart::Values => t.dict_values,
        DictPart::Items => t.dict_items,
    };
    alloc::obj(
        cls,
        Kind::DictView {
            dict: d.as_obj().expect("dict"),
            which,
        },
    )
}

fn is_dict(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
}

fn need_dict(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&d) if is_dict(d) => Ok(d),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'dict' objects doesn't apply"
        ))),
    }
}

pub fn keys(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "keys", args, 1, 1)?;
    Ok(view(need_dict(vm, args, "keys")?, DictPart::Keys))
}

pub fn values(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "values", args, 1, 1)?;
    Ok(view(need_dict(vm, args, "values")?, DictPart::Values))
}

pub fn items(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "items", args, 1, 1)?;
    Ok(view(need_dict(vm, args, "items")?, DictPart::Items))
}

pub fn get(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "get", args, 2, 3)?;
    let d = need_dict(vm, args, "get")?;
    Ok(vm
        .dict_get(d, args[1])?
        .unwrap_or(args.get(2).copied().unwrap_or(Value::None)))
}

pub fn setdefault(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "setdefault", args, 2, 3)?;
    let d = need_dict(vm, args, "setdefault")?;
    if let Some(v) = vm.dict_get(d, args[1])? {
        return Ok(v);
    }
    let v = args.get(2).copied().unwrap_or(Value::None);
    vm.dict_set(d, args[1], v)?;
    Ok(v)
}

pub fn pop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "pop", args, 2, 3)?;
    let d = need_dict(vm, args, "pop")?;
    match vm.dict_del(d, args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&v) => Ok(v),
            None => Err(vm.key_error(args[1])),
        },
    }
}

pub fn popitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "popitem", args, 1, 1)?;
    let d = need_dict(vm, args, "popitem")?;
    let last = vm.dict_items_pairs(d).pop();
    match last {
        Some((k, v)) => {
            vm.dict_del(d, k)?;
            Ok(alloc::tuple_of(&[k, v]))
        }
        None => Err(vm.new_error(types().key_error, "popitem(): dictionary is empty")),
    }
}

pub fn update(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "update", args, 1, 2)?;
    let d = need_dict(vm, args, "update")?;
    if let Some(&src) = args.get(1) {
        vm.dict_update(d, src)?;
    }
    for &(k, v) in kwargs {
        vm.dict_set(d, Value::Object(k), v)?;
    }
    Ok(Value::None)
}

pub fn copy(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "copy", args, 1, 1)?;
    let d = need_dict(vm, args, "copy")?;
    let n = alloc::dict();
    let _g = roots::root(n);
    vm.dict_update(n, d)?;
    Ok(n)
}

pub fn clear(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "clear", args, 1, 1)?;
    let d = need_dict(vm, args, "clear")?;
    if let Value::Object(o) = d {
        if let Kind::Dict(dd) = &o.kind {
            dd.borrow_mut().clear();
        }
    }
    Ok(Value::None)
}

pub fn fromkeys(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "fromkeys", args, 2, 3)?;
    let d = vm.call(args[0], &[], &[])?;
    let _g = roots::root(d);
    let v = args.get(2).copied().unwrap_or(Value::None);
    for k in vm.collect_iter(args[1])? {
        vm.setitem(d, k, v)?;
    }
    Ok(d)
}

pub fn getitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__getitem__", args, 2, 2)?;
    match vm.dict_get(args[0], args[1])? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(args[1])),
    }
}

pub fn setitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__setitem__", args, 3, 3)?;
    vm.dict_set(args[0], args[1], args[2])?;
    Ok(Value::None)
}

pub fn delitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__delitem__", args, 2, 2)?;
    match vm.dict_del(args[0], args[1])? {
        Some(_) => Ok(Value::None),
        None => Err(vm.key_error(args[1])),
    }
}

pub fn contains(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "__contains__", args, 2, 2)?;
    Ok(Value::Bool(vm.dict_get(args[0], args[1])?.is_some()))
}

fn is_set(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Set(_)))
}

fn need_set(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&s) if is_set(s) => Ok(s),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply"
        ))),
    }
}

pub fn set_add(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "add", args, 2, 2)?;
    let s = need_set(vm, args, "add")?;
    vm.set_add(s, args[1])?;
    Ok(Value::None)
}

pub fn set_remove(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "remove", args, 2, 2)?;
    let s = need_set(vm, args, "remove")?;
    if !vm.set_discard(s, args[1])? {
        return Err(vm.key_error(args[1]));
    }
    Ok(Value::None)
}

pub fn set_discard(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "discard", args, 2, 2)?;
    let s = need_set(vm, args, "discard")?;
    vm.set_discard(s, args[1])?;
    Ok(Value::None)
}

pub fn set_pop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let s = need_set(vm, args, "pop")?;
    let r = match s {
        Value::Object(o) => match &o.kind {
            Kind::Set(st) => st.borrow_mut().pop(),
            _ => None,
        },
        _ => None,
    };
    match r {
        Some(v) => Ok(v),
        None => Err(vm.new_error(types().key_error, "pop from an empty set")),
    }
}

pub fn set_clear(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "clear", args, 1, 1)?;
    let s = need_set(vm, args, "clear")?;
    if let Value::Object(o) = s {
        if let Kind::Set(st) = &o.kind {
            st.borrow_mut().clear();
        }
    }
    Ok(Value::None)
}

pub fn set_copy(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "copy", args, 1, 1)?;
    let s = need_set(vm, args, "copy")?;
    let items = vm.set_items(s);
    let frozen = matches!(s, Value::Object(o) if o.cls.get().ptr_eq(types().frozenset));
    if frozen {
        vm.new_frozenset(items)
    } else {
        vm.new_set(items)
    }
}

pub fn set_update(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let s = need_set(vm, args, "update")?;
    for &other in &args[1..] {
        let items = vm.collect_iter(other)?;
        let _g = roots::root_all(&items);
        for it in items {
            vm.set_add(s, it)?;
        }
    }
    Ok(Value::None)
}

fn set_binop(vm: &mut Vm, args: &[Value], name: &str, op: BinOp) -> PyResult<Value> {
    let s = need_set(vm, args, name)?;
    let mut acc = s;
    if args.len() == 1 {
        return set_copy(vm, args, &[]);
    }
    for &other in &args[1..] {
        let _g = roots::root(acc);
        let o = if is_set(other) {
            other
        } else {
            let items = vm.collect_iter(other)?;
            vm.new_set(items)?
        };
        acc = crate::vm::ops::collections::set_op(vm, op, acc, o)?;
    }
    Ok(acc)
}

pub fn union(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_binop(vm, args, "union", BinOp::Or)
}

pub fn intersection(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_binop(vm, args, "intersection", BinOp::And)
}

pub fn difference(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_binop(vm, args, "difference", BinOp::Sub)
}

pub fn symmetric_difference(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_binop(vm, args, "symmetric_difference", BinOp::Xor)
}

fn set_inplace(vm: &mut Vm, args: &[Value], name: &str, op: BinOp) -> PyResult<Value> {
    let s = need_set(vm, args, name)?;
    let r = set_binop(vm, args, name, op)?;
    let items = vm.set_items(r);
    if let Value::Object(o) = s {
        if let Kind::Set(st) = &o.kind {
            st.borrow_mut().clear();
        }
    }
    let _g = roots::root_all(&items);
    for it in items {
        vm.set_add(s, it)?;
    }
    Ok(Value::None)
}

pub fn intersection_update(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, "intersection_update", BinOp::And)
}

pub fn difference_update(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, "difference_update", BinOp::Sub)
}

pub fn symmetric_difference_update(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    set_inplace(vm, args, "symmetric_difference_update", BinOp::Xor)
}

fn all_in(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let items = vm.collect_iter(a)?;
    let _i = roots::root_all(&items);
    let bset = if is_set(b) {
        b
    } else {
        let bi = vm.collect_iter(b)?;
        vm.new_set(bi)?
    };
    let _g = roots::root(bset);
    for it in items {
        if !vm.set_contains(bset, it)? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn issubset(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "issubset", args, 2, 2)?;
    Ok(Value::Bool(all_in(vm, args[0], args[1])?))
}

pub fn issuperset(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "issuperset", args, 2, 2)?;
    Ok(Value::Bool(all_in(vm, args[1], args[0])?))
}

/// `isdisjoint` of sets and of dict key/item views.
pub fn isdisjoint(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "isdisjoint", args, 2, 2)?;
    let items = vm.collect_iter(args[1])?;
    let _g = roots::root_all(&items);
    for it in items {
        if vm.contains(args[0], it)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
