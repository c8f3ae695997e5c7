//! Methods of `list` and `tuple`.

use super::args::method_check;
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::vm::ops::compare::eq;
use crate::vm::Vm;
use std::cell::RefCell;

fn list(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'static RefCell<Vec<Value>>> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::List(l) = &o.get().kind {
            return Ok(l);
        }
    }
    Err(vm.type_error(format!(
        "descriptor '{name}' for 'list' objects doesn't apply"
    )))
}

pub fn append(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "append", args, 2, 2)?;
    list(vm, args, "append")?.borrow_mut().push(args[1]);
    Ok(Value::None)
}

pub fn extend(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "extend", args, 2, 2)?;
    let l = list(vm, args, "extend")?;
    let items = vm.collect_iter(args[1])?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

pub fn insert(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "insert", args, 3, 3)?;
    let l = list(vm, args, "insert")?;
    let i = vm.to_index(args[1])?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(at as usize, args[2]);
    Ok(Value::None)
}

pub fn pop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "pop", args, 1, 2)?;
    let l = list(vm, args, "pop")?;
    let i = match args.get(1) {
        Some(&v) => vm.to_index(v)?,
        None => -1,
    };
    let n = l.borrow().len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.borrow_mut().remove(j as usize))
}

fn position(vm: &mut Vm, items: &[Value], x: Value) -> PyResult<Option<usize>> {
    for (i, &it) in items.iter().enumerate() {
        if it.is(x) || eq(vm, it, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

pub fn remove(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "remove", args, 2, 2)?;
    let l = list(vm, args, "remove")?;
    let items = l.borrow().clone();
    match position(vm, &items, args[1])? {
        Some(i) => {
            l.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn seq_items_of(vm: &mut Vm, v: Value) -> Vec<Value> {
    vm.seq_items(v)
}

pub fn index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "index", args, 2, 4)?;
    let items = seq_items_of(vm, args[0]);
    let n = items.len() as i64;
    let fix = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let a = match args.get(2) {
        Some(&v) => fix(vm.to_index(v)?),
        None => 0,
    } as usize;
    let b = match args.get(3) {
        Some(&v) => fix(vm.to_index(v)?),
        None => n,
    } as usize;
    if a < b {
        if let Some(i) = position(vm, &items[a..b], args[1])? {
            return Ok(Value::Int((a + i) as i64));
        }
    }
    let is_list = matches!(args[0], Value::Object(o) if matches!(o.kind, Kind::List(_)));
    if is_list {
        let r = vm.repr(args[1])?;
        Err(vm.value_error(format!("{r} is not in list")))
    } else {
        Err(vm.value_error("tuple.index(x): x not in tuple"))
    }
}

pub fn count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "count", args, 2, 2)?;
    let items = seq_items_of(vm, args[0]);
    let mut n = 0;
    for it in items {
        if it.is(args[1]) || eq(vm, it, args[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

pub fn sort(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let l = list(vm, args, "sort")?;
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let _g = roots::root_all(&items);
    let r = super::functions::sort_with_key(vm, &mut items, kwargs);
    let modified = !l.borrow().is_empty();
    *l.borrow_mut() = items;
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

pub fn reverse(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "reverse", args, 1, 1)?;
    list(vm, args, "reverse")?.borrow_mut().reverse();
    Ok(Value::None)
}

pub fn copy(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "copy", args, 1, 1)?;
    let items = list(vm, args, "copy")?.borrow().clone();
    Ok(alloc::list(items))
}

pub fn clear(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "clear", args, 1, 1)?;
    list(vm, args, "clear")?.borrow_mut().clear();
    Ok(Value::None)
}
