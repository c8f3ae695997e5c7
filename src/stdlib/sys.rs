//! The `sys` module: argv, exit, the recursion limit, the standard streams and the constants
//! programs commonly read.

use crate::builtins::native;
use crate::runtime::alloc;
use crate::runtime::class::type_obj;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::{Kind, Object};
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::{new_type_obj, types};
use crate::runtime::value::Value;
use crate::vm::Vm;

fn exit(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let e = vm.new_exception(types().system_exit, args.to_vec());
    Err(crate::runtime::exception::PyErr(e))
}

fn getrecursionlimit(vm: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::check(vm, "setrecursionlimit", args, 1, 1)?;
    let n = vm.to_index(args[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.set_recursion_limit(n.min(100_000) as usize);
    Ok(Value::None)
}

fn stream_fd(v: Value) -> i64 {
    match v {
        Value::Object(o) => match &o.attrs {
            Some(a) => match a.borrow().get(intern("_fd")) {
                Some(Value::Int(fd)) => fd,
                _ => 1,
            },
            None => 1,
        },
        _ => 1,
    }
}

fn write(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::check(vm, "write", args, 2, 2)?;
    let Some(s) = str_of(args[1]) else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            crate::vm::errors::type_name(args[1])
        )));
    };
    if stream_fd(args[0]) == 2 {
        crate::builtins::io::write_stderr(s);
    } else {
        crate::builtins::io::write_stdout(s);
    }
    Ok(Value::Int(s.chars().count() as i64))
}

fn flush(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::io::flush_stdout();
    Ok(Value::None)
}

fn intern_fn(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::check(vm, "intern", args, 1, 1)?;
    match args[0] {
        Value::Object(o) if matches!(o.kind, Kind::Str(_)) => {
            Ok(Value::Object(crate::runtime::str::intern_obj(o)))
        }
        _ => Err(vm.type_error("intern() argument must be str")),
    }
}

pub fn create(vm: &mut Vm, argv: Vec<String>) -> PyResult<Value> {
    let m = super::new_module(vm, "sys")?;
    let d = super::module_dict(m);
    let argv = alloc::list(argv.into_iter().map(alloc::str).collect());
    vm.dict_set_str(d, "argv", argv)?;
    for (name, f) in [
        ("exit", exit as crate::runtime::func::NativeFn),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("intern", intern_fn),
        (
            "get_int_max_str_digits",
            crate::builtins::num_methods::get_int_max_str_digits,
        ),
        (
            "set_int_max_str_digits",
            crate::builtins::num_methods::set_int_max_str_digits,
        ),
    ] {
        vm.dict_set_str(d, name, native(name, f))?;
    }
    vm.dict_set_str(d, "maxsize", Value::Int(i64::MAX))?;
    vm.dict_set_str(d, "byteorder", alloc::str("little"))?;
    vm.dict_set_str(d, "platform", alloc::str("linux"))?;
    super::sys_info::init(vm, d)?;
    vm.dict_set_str(d, "modules", Value::Object(vm.modules))?;
    vm.dict_set_str(d, "path", alloc::list(vec![]))?;
    // The standard streams: one small builtin class with write/flush.
    let mut tobj = new_type_obj(
        "TextIOWrapper",
        crate::runtime::class::Layout::Opaque,
        vec![types().object],
    );
    tobj.heap = false;
    let cls = crate::gc::alloc(Object::new(types().type_, Kind::Type(tobj)));
    *type_obj(cls).mro.borrow_mut() = vec![cls, types().object];
    vm.pinned.push(Value::Object(cls));
    for (name, f) in [
        ("write", write as crate::runtime::func::NativeFn),
        ("flush", flush),
    ] {
        let key = intern(name);
        let hash = match &key.kind {
            Kind::Str(s) => s.hash(),
            _ => 0,
        };
        type_obj(cls)
            .dict
            .borrow_mut()
            .push(hash, Value::Object(key), native(name, f));
    }
    for (name, fd) in [("stdout", 1), ("stderr", 2), ("stdin", 0)] {
        let s = crate::gc::alloc(Object::with_attrs(cls, Kind::Instance));
        if let Some(a) = &s.attrs {
            a.borrow_mut().set(intern("_fd"), Value::Int(fd));
        }
        vm.dict_set_str(d, name, Value::Object(s))?;
        vm.dict_set_str(d, &format!("__{name}__"), Value::Object(s))?;
    }
    Ok(m)
}
