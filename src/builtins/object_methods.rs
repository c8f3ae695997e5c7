//! Natives in the dicts of `object`, `type`, `BaseException`, `property`, generators and the
//! numeric types: what `super().__init__()`, `object.__setattr__(...)`, `gen.send(...)` or
//! `(5).bit_length()` find.

use super::args::check;
use crate::runtime::alloc;
use crate::runtime::class::type_obj;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern_obj, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::gen::Resume;
use crate::vm::Vm;

fn name_arg(vm: &mut Vm, v: Value) -> PyResult<crate::gc::ObjRef> {
    match v {
        Value::Object(o) if matches!(o.kind, Kind::Str(_)) => Ok(intern_obj(o)),
        _ => Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            type_name(v)
        ))),
    }
}

pub fn object_init(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::None)
}

pub fn object_new(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let Some(Value::Object(cls)) = args.first().copied() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    if !matches!(cls.kind, Kind::Type(_)) {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    }
    if type_obj(cls).heap {
        vm.new_instance(cls, &args[1..], kwargs)
    } else {
        crate::builtins::construct_builtin(vm, cls, &args[1..], kwargs)
    }
}

pub fn object_repr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__repr__", args, 1, 1)?;
    let s = crate::vm::ops::repr::builtin_repr(vm, args[0])?;
    Ok(alloc::str(s))
}

pub fn object_str(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__str__", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(alloc::str(s))
}

pub fn object_eq(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__eq__", args, 2, 2)?;
    Ok(if args[0].is(args[1]) {
        Value::Bool(true)
    } else {
        Value::Object(types().not_implemented)
    })
}

pub fn object_ne(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__ne__", args, 2, 2)?;
    let r =
        crate::vm::ops::compare::compare(vm, crate::vm::ops::compare::CmpOp::Eq, args[0], args[1])?;
    if r.is(Value::Object(types().not_implemented)) {
        return Ok(r);
    }
    let t = vm.truthy(r)?;
    Ok(Value::Bool(!t))
}

pub fn object_hash(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__hash__", args, 1, 1)?;
    Ok(Value::Int(match args[0] {
        Value::Object(o) => (o.addr() >> 4) as i64,
        v => vm.hash(v)?,
    }))
}

pub fn object_getattribute(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__getattribute__", args, 2, 2)?;
    let name = name_arg(vm, args[1])?;
    match vm.generic_getattr(args[0], name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(args[0], name)),
    }
}

pub fn object_setattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__setattr__", args, 3, 3)?;
    let name = name_arg(vm, args[1])?;
    vm.generic_setattr(args[0], name, args[2])?;
    Ok(Value::None)
}

pub fn object_delattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__delattr__", args, 2, 2)?;
    let name = name_arg(vm, args[1])?;
    vm.generic_delattr(args[0], name)?;
    Ok(Value::None)
}

pub fn object_init_subclass(vm: &mut Vm, _: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(vm.type_error("object.__init_subclass__() takes no keyword arguments"));
    }
    Ok(Value::None)
}

pub fn object_format(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__format__", args, 2, 2)?;
    let spec = str_of(args[1]).unwrap_or("");
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(args[0])
        )));
    }
    let s = vm.str(args[0])?;
    Ok(alloc::str(s))
}

pub fn object_dir(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    super::functions::dir(vm, args, &[])
}

pub fn type_new(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if args.len() == 2 {
        return Ok(Value::Object(type_of(args[1])));
    }
    check(vm, "type.__new__", args, 4, 4)?;
    let Value::Object(meta) = args[0] else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    let bases = vm.seq_items(args[2]);
    super::construct::create_class(vm, meta, args[1], &bases, args[3], kwargs)
}

pub fn type_init(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::None)
}

pub fn type_mro(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "mro", args, 1, 1)?;
    let Value::Object(c) = args[0] else {
        return Err(vm.type_error("mro() needs a type"));
    };
    Ok(alloc::list(
        type_obj(c)
            .mro
            .borrow()
            .iter()
            .map(|&x| Value::Object(x))
            .collect(),
    ))
}

pub fn type_subclasses(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__subclasses__", args, 1, 1)?;
    let Value::Object(c) = args[0] else {
        return Err(vm.type_error("__subclasses__() needs a type"));
    };
    Ok(alloc::list(
        type_obj(c)
            .subclasses
            .borrow()
            .iter()
            .map(|&x| Value::Object(x))
            .collect(),
    ))
}

pub fn exc_init(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::Exception(st) = &o.kind {
            st.borrow_mut().args = alloc::tuple(args[1..].to_vec());
            return Ok(Value::None);
        }
    }
    Err(vm.type_error("descriptor '__init__' requires a 'BaseException' object"))
}

pub fn exc_new(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    object_new(vm, args, kwargs)
}

pub fn exc_str(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__str__", args, 1, 1)?;
    let Value::Object(o) = args[0] else {
        return Ok(alloc::str(""));
    };
    let Kind::Exception(st) = &o.kind else {
        return Ok(alloc::str(""));
    };
    let a = st.borrow().args;
    let items = vm.seq_items(a);
    let s = match items.len() {
        0 => String::new(),
        1 => vm.str(items[0])?,
        _ => vm.repr(a)?,
    };
    Ok(alloc::str(s))
}

pub fn exc_repr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__repr__", args, 1, 1)?;
    let s = crate::vm::ops::repr::builtin_repr(vm, args[0])?;
    Ok(alloc::str(s))
}

pub fn exc_with_traceback(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "with_traceback", args, 2, 2)?;
    if let (Value::Object(o), true) = (args[0], args[1].is_none()) {
        if let Kind::Exception(st) = &o.kind {
            st.borrow_mut().traceback.clear();
        }
    }
    Ok(args[0])
}

pub fn exc_add_note(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "add_note", args, 2, 2)?;
    if let Value::Object(o) = args[0] {
        if let Kind::Exception(st) = &o.kind {
            let notes = st.borrow().notes;
            let notes = if notes.is_none() {
                let l = alloc::list(vec![]);
                st.borrow_mut().notes = l;
                l
            } else {
                notes
            };
            if let Value::Object(l) = notes {
                if let Kind::List(v) = &l.kind {
                    v.borrow_mut().push(args[1]);
                }
            }
        }
    }
    Ok(Value::None)
}

fn prop_parts(vm: &mut Vm, v: Value) -> PyResult<[Value; 4]> {
    if let Value::Object(o) = v {
        if let Kind::Property(p) = &o.kind {
            return Ok([p.get, p.set, p.del, p.doc]);
        }
    }
    Err(vm.type_error("descriptor requires a 'property' object"))
}

fn new_prop(p: [Value; 4]) -> Value {
    alloc::obj(
        types().property,
        Kind::Property(Box::new(crate::runtime::object::Property {
            get: p[0],
            set: p[1],
            del: p[2],
            doc: p[3],
        })),
    )
}

pub fn prop_getter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "getter", args, 2, 2)?;
    let mut p = prop_parts(vm, args[0])?;
    p[0] = args[1];
    Ok(new_prop(p))
}

pub fn prop_setter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "setter", args, 2, 2)?;
    let mut p = prop_parts(vm, args[0])?;
    p[1] = args[1];
    Ok(new_prop(p))
}

pub fn prop_deleter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "deleter", args, 2, 2)?;
    let mut p = prop_parts(vm, args[0])?;
    p[2] = args[1];
    Ok(new_prop(p))
}

pub fn prop_get(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__get__", args, 2, 3)?;
    let p = prop_parts(vm, args[0])?;
    if args[1].is_none() {
        return Ok(args[0]);
    }
    vm.call(p[0], &[args[1]], &[])
}

fn gen_of(vm: &mut Vm, args: &[Value]) -> PyResult<crate::gc::ObjRef> {
    match args.first() {
        Some(Value::Object(o)) if matches!(o.kind, Kind::Generator(_)) => Ok(*o),
        _ => Err(vm.type_error("descriptor requires a 'generator' object")),
    }
}

pub fn gen_send(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "send", args, 2, 2)?;
    let g = gen_of(vm, args)?;
    vm.gen_send(g, Resume::Send(args[1]))
}

pub fn gen_next(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let g = gen_of(vm, args)?;
    vm.gen_send(g, Resume::Send(Value::None))
}

pub fn gen_throw(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "throw", args, 2, 4)?;
    let g = gen_of(vm, args)?;
    let mut e = args[1];
    if args.len() >= 3
        && !args[2].is_none()
        && matches!(e, Value::Object(o) if matches!(o.kind, Kind::Type(_)))
    {
        e = vm.call(e, &[args[2]], &[])?;
    }
    let e: PyErr = vm.to_exception(
        e,
        "exceptions must be classes or instances deriving from BaseException, not",
    )?;
    vm.gen_send(g, Resume::Throw(e))
}

pub fn gen_close(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let g = gen_of(vm, args)?;
    vm.gen_close(g)?;
    Ok(Value::None)
}

pub fn iter_self(_: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(args.first().copied().unwrap_or(Value::None))
}

pub fn iter_next(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__next__", args, 1, 1)?;
    match vm.next(args[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

pub fn int_bit_length(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "bit_length", args, 1, 1)?;
    let b = crate::runtime::int::to_bigint(args[0]).unwrap_or_default();
    Ok(Value::Int(b.bits() as i64))
}

pub fn int_bit_count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "bit_count", args, 1, 1)?;
    let b = crate::runtime::int::to_bigint(args[0]).unwrap_or_default();
    Ok(Value::Int(b.magnitude().count_ones() as i64))
}

pub fn int_conjugate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "conjugate", args, 1, 1)?;
    Ok(args[0])
}

pub fn float_is_integer(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "is_integer", args, 1, 1)?;
    match args.first() {
        Some(Value::Float(f)) => Ok(Value::Bool(f.is_finite() && f.fract() == 0.0)),
        _ => Err(vm.type_error("descriptor 'is_integer' requires a 'float' object")),
    }
}

pub fn bytes_decode(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::Bytes(b) = &o.kind {
            return match std::str::from_utf8(b) {
                Ok(s) => Ok(alloc::str(s)),
                Err(_) => Err(vm.new_error(
                    types().unicode_decode_error,
                    "'utf-8' codec can't decode bytes",
                )),
            };
        }
    }
    Err(vm.type_error("descriptor 'decode' requires a 'bytes' object"))
}

pub fn dict_iter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__iter__", args, 1, 1)?;
    let v = args[0];
    // Iterate the underlying builtin storage (a user subclass's own __iter__ is not consulted).
    let t = types();
    let Value::Object(o) = v else {
        return vm.iter(v);
    };
    Ok(match &o.kind {
        Kind::Dict(d) => {
            let len = d.borrow().len();
            alloc::iter(
                t.dict_keyiterator,
                crate::runtime::iter::IterState::Dict {
                    dict: o,
                    pos: 0,
                    part: crate::runtime::object::DictPart::Keys,
                    len,
                },
            )
        }
        Kind::List(_) => alloc::iter(
            t.list_iterator,
            crate::runtime::iter::IterState::Seq { seq: v, idx: 0 },
        ),
        _ => return vm.iter(v),
    })
}

pub fn len_native(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__len__", args, 1, 1)?;
    let Value::Object(o) = args[0] else {
        return Err(vm.type_error("__len__ needs an object"));
    };
    Ok(Value::Int(match &o.kind {
        Kind::Dict(d) => d.borrow().len(),
        Kind::List(l) => l.borrow().len(),
        Kind::Set(s) => s.borrow().len(),
        Kind::Tuple(t) => t.len(),
        Kind::Str(s) => s.char_len(),
        _ => return Err(vm.type_error("__len__ needs a container")),
    } as i64))
}

pub fn list_getitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__getitem__", args, 2, 2)?;
    let Value::Object(o) = args[0] else {
        return Err(vm.type_error("bad self"));
    };
    let plain = alloc::obj(
        types().list,
        Kind::List(std::cell::RefCell::new(match &o.kind {
            Kind::List(l) => l.borrow().clone(),
            _ => Vec::new(),
        })),
    );
    vm.getitem(plain, args[1])
}

pub fn list_setitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__setitem__", args, 3, 3)?;
    let Value::Object(o) = args[0] else {
        return Err(vm.type_error("bad self"));
    };
    if matches!(args[1], Value::Object(k) if matches!(k.kind, Kind::Slice(_)))
        && !crate::runtime::class::type_obj(o.cls.get()).heap
    {
        vm.setitem(args[0], args[1], args[2])?;
        return Ok(Value::None);
    }
    if let (Kind::List(l), Value::Int(i)) = (&o.kind, args[1]) {
        let n = l.borrow().len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.index_error("list assignment index out of range"));
        }
        l.borrow_mut()[j as usize] = args[2];
    }
    Ok(Value::None)
}

pub fn contains_native(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__contains__", args, 2, 2)?;
    let items = vm.seq_items(args[0]);
    for it in items {
        if crate::vm::ops::compare::eq(vm, it, args[1])? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
