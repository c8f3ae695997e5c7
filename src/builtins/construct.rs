//! Calling builtin types (`int(x)`, `list(it)`, `range(...)`, exceptions, `property(...)`,
//! zero-argument `super()`), and class creation (`__build_class__`, `type(name, bases, ns)`).

use super::args::{check, kw};
use crate::gc::{roots, ObjRef};
use crate::runtime::alloc;
use crate::runtime::class::{c3_mro, invalidate, is_subtype, lookup, type_obj, Layout};
use crate::runtime::exception::{ExcState, PyResult};
use crate::runtime::func::KwArgs;
use crate::runtime::int::from_bigint;
use crate::runtime::iter::IterState;
use crate::runtime::object::{Kind, Object};
use crate::runtime::str::{intern, intern_obj, str_of};
use crate::runtime::types::{new_type_obj, types};
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::frame::Ret;
use crate::vm::Vm;
use num_bigint::BigInt;
use std::cell::RefCell;

/// `int(text, base)` through the conversion kernel (syntax, digit limit, CPython's messages).
fn int_of_text(vm: &mut Vm, text: &str, base: u32) -> PyResult<Value> {
    if base == 10 {
        if let Some(i) = plain_decimal(text) {
            return Ok(Value::Int(i));
        }
    }
    match crate::format::int_from_str(text, base) {
        Ok(v) => Ok(from_bigint(v)),
        Err(e) => Err(vm.format_error(e)),
    }
}

/// Text that is only an optional sign and at most 18 ASCII digits (what most `int(s)` calls
/// get): its value fits an i64 and needs none of the kernel's copies and big-int parse.
fn plain_decimal(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0i64, |v, &d| v * 10 + i64::from(d - b'0'));
    Some(if negative { -v } else { v })
}

fn int_from(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    check(vm, "int", args, 0, 2)?;
    let base = args.get(1).copied().or(kw(kwargs, "base"));
    let Some(&x) = args.first() else {
        return Ok(Value::Int(0));
    };
    if let Some(b) = base {
        let b = vm.to_index(b)?;
        let s = match x {
            Value::Object(o) => match &o.kind {
                Kind::Str(s) => s.as_str().to_string(),
                Kind::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
            },
            _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return int_of_text(vm, &s, b as u32);
    }
    match x {
        Value::Int(_) => Ok(x),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Float(f) => vm.float_to_int(f),
        Value::Object(o) => match &o.kind {
            Kind::BigInt(b) => Ok(from_bigint(b.clone())),
            Kind::Str(s) => int_of_text(vm, s.as_str(), 10),
            Kind::Bytes(_) | Kind::ByteArray(_) => {
                let b = super::bytes_methods::data_of(x).unwrap_or_default();
                match std::str::from_utf8(&b)
                    .ok()
                    .map(|t| crate::format::int_from_str(t, 10))
                {
                    Some(Ok(v)) => Ok(from_bigint(v)),
                    _ => Err(vm.value_error(format!(
                        "invalid literal for int() with base 10: {}",
                        crate::vm::ops::repr::bytes_repr(&b)
                    ))),
                }
            }
            _ => {
                for name in ["__int__", "__index__", "__trunc__"] {
                    if let Some(f) = crate::vm::ops::protocol::dunder_of(x, name) {
                        return vm.call(f, &[x], &[]);
                    }
                }
                Err(vm.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    type_name(x)
                )))
            }
        },
        Value::None => Err(vm.type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        )),
    }
}

fn float_from(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    check(vm, "float", args, 0, 1)?;
    let Some(&x) = args.first() else {
        return Ok(Value::Float(0.0));
    };
    match x {
        Value::Float(_) => Ok(x),
        Value::Int(i) => Ok(Value::Float(i as f64)),
        Value::Bool(b) => Ok(Value::Float(b as i64 as f64)),
        Value::Object(o) => match &o.kind {
            Kind::BigInt(b) => match crate::format::int_to_f64(b) {
                Ok(f) => Ok(Value::Float(f)),
                Err(e) => Err(vm.format_error(e)),
            },
            Kind::Str(s) => match crate::format::float_from_str(s.as_str()) {
                Ok(f) => Ok(Value::Float(f)),
                Err(e) => Err(vm.format_error(e)),
            },
            _ => {
                if let Some(f) = crate::vm::ops::protocol::dunder_of(x, "__float__") {
                    return vm.call(f, &[x], &[]);
                }
                if let Some(f) = crate::vm::ops::protocol::dunder_of(x, "__index__") {
                    let i = vm.call(f, &[x], &[])?;
                    return float_from(vm, &[i]);
                }
                Err(vm.type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    type_name(x)
                )))
            }
        },
        Value::None => {
            Err(vm.type_error("float() argument must be a string or a real number, not 'NoneType'"))
        }
    }
}

fn range_from(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    check(vm, "range", args, 1, 3)?;
    // Small-int arguments (nearly every `range(...)`) need no big-int arithmetic.
    let small = match *args {
        [Value::Int(stop)] => Some((0, stop, 1)),
        [Value::Int(start), Value::Int(stop)] => Some((start, stop, 1)),
        [Value::Int(start), Value::Int(stop), Value::Int(step)] => Some((start, stop, step)),
        _ => None,
    };
    if let Some((start, stop, step)) =
        small.filter(|&(a, b, c)| super::range_methods::small_range_fits(a, b, c))
    {
        if step == 0 {
            return Err(vm.value_error("range() arg 3 must not be zero"));
        }
        return Ok(alloc::obj(types().range, Kind::Range { start, stop, step }));
    }
    let mut n: Vec<BigInt> = Vec::with_capacity(3);
    for &a in args {
        n.push(match crate::runtime::int::to_bigint(a) {
            Some(b) => b,
            None => {
                if crate::vm::ops::protocol::dunder_of(a, "__index__").is_some() {
                    let r = vm.call_method(a, "__index__", &[])?;
                    match crate::runtime::int::to_bigint(r) {
                        Some(b) => b,
                        None => {
                            return Err(vm.type_error(format!(
                                "__index__ returned non-int (type {})",
                                type_name(r)
                            )))
                        }
                    }
                } else {
                    return Err(vm.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(a)
                    )));
                }
            }
        });
    }
    let one = BigInt::from(1);
    let (start, stop, step) = match n.len() {
        1 => (BigInt::from(0), n[0].clone(), one),
        2 => (n[0].clone(), n[1].clone(), one),
        _ => (n[0].clone(), n[1].clone(), n[2].clone()),
    };
    if step == BigInt::from(0) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(super::range_methods::make_range(start, stop, step))
}

/// `cls(*args, **kwargs)` for a builtin class.
pub fn construct_builtin(
    vm: &mut Vm,
    cls: ObjRef,
    args: &[Value],
    kwargs: KwArgs,
) -> PyResult<Value> {
    let t = types();
    let tobj = type_obj(cls);
    if tobj.layout == Layout::Exception {
        let e = Kind::Exception(Box::new(RefCell::new(ExcState::new(alloc::tuple(
            args.to_vec(),
        )))));
        return Ok(Value::Object(crate::gc::alloc(Object::with_attrs(cls, e))));
    }
    let c = |x: ObjRef| cls.ptr_eq(x);
    if c(t.int) {
        return int_from(vm, args, kwargs);
    }
    if c(t.float) {
        return float_from(vm, args);
    }
    if c(t.str) {
        check(vm, "str", args, 0, 3)?;
        return match args.first() {
            None => Ok(alloc::str("")),
            Some(&v) => {
                if args.len() > 1 {
                    // str(bytes, encoding[, errors]) is bytes.decode.
                    if str_of(args[1]).is_none() {
                        return Err(vm.type_error(format!(
                            "str() argument 'encoding' must be str, not {}",
                            type_name(args[1])
                        )));
                    }
                    if super::bytes_methods::data_of(v).is_some() {
                        return super::bytes_methods::decode(vm, args, &[]);
                    }
                    return Err(vm.type_error(format!(
                        "decoding to str: need a bytes-like object, {} found",
                        type_name(v)
                    )));
                }
                vm.str_value(v)
            }
        };
    }
    if c(t.bool_) {
        check(vm, "bool", args, 0, 1)?;
        return Ok(Value::Bool(match args.first() {
            Some(&v) => vm.truthy(v)?,
            None => false,
        }));
    }
    if c(t.list) {
        check(vm, "list", args, 0, 1)?;
        let items = match args.first() {
            Some(&v) => vm.collect_iter(v)?,
            None => Vec::new(),
        };
        return Ok(alloc::list(items));
    }
    if c(t.tuple) {
        check(vm, "tuple", args, 0, 1)?;
        let items = match args.first() {
            Some(&v) => vm.collect_iter(v)?,
            None => Vec::new(),
        };
        return Ok(alloc::tuple(items));
    }
    if c(t.dict) {
        check(vm, "dict", args, 0, 1)?;
        let d = alloc::dict();
        let _g = roots::root(d);
        if let Some(&src) = args.first() {
            vm.dict_update(d, src)?;
        }
        for &(k, v) in kwargs {
            vm.dict_set(d, Value::Object(k), v)?;
        }
        return Ok(d);
    }
    if c(t.set) || c(t.frozenset) {
        let items = match args.first() {
            Some(&v) => vm.collect_iter(v)?,
            None => Vec::new(),
        };
        return if c(t.set) {
            vm.new_set(items)
        } else {
            vm.new_frozenset(items)
        };
    }
    if c(t.range) {
        return range_from(vm, args);
    }
    if c(t.object) {
        if !args.is_empty() {
            return Err(vm.type_error("object() takes no arguments"));
        }
        return Ok(alloc::obj(t.object, Kind::Instance));
    }
    if c(t.type_) {
        check(vm, "type", args, 1, 3)?;
        if args.len() != 3 {
            return Err(vm.type_error("type() takes 1 or 3 arguments"));
        }
        let bases = vm.seq_items(args[1]);
        return create_class(vm, t.type_, args[0], &bases, args[2], kwargs);
    }
    if c(t.slice) {
        check(vm, "slice", args, 1, 3)?;
        let s = match args.len() {
            1 => [Value::None, args[0], Value::None],
            2 => [args[0], args[1], Value::None],
            _ => [args[0], args[1], args[2]],
        };
        return Ok(alloc::obj(t.slice, Kind::Slice(Box::new(s))));
    }
    if c(t.bytes) {
        let b = super::bytes_methods::construct(vm, args, kwargs, "bytes")?;
        return Ok(alloc::bytes(b));
    }
    if c(t.bytearray) {
        let b = super::bytes_methods::construct(vm, args, kwargs, "bytearray")?;
        return Ok(super::bytes_methods::bytearray(b));
    }
    if c(t.property) {
        let g = |i: usize, name: &str| {
            args.get(i)
                .copied()
                .or(kw(kwargs, name))
                .unwrap_or(Value::None)
        };
        let (get, set, del, doc) = (g(0, "fget"), g(1, "fset"), g(2, "fdel"), g(3, "doc"));
        let doc = if doc.is_none() && !get.is_none() {
            vm.getattr_opt(get, intern("__doc__"))?
                .unwrap_or(Value::None)
        } else {
            doc
        };
        return Ok(alloc::obj(
            t.property,
            Kind::Property(Box::new(crate::runtime::object::Property {
                get,
                set,
                del,
                doc,
            })),
        ));
    }
    if c(t.staticmethod) {
        check(vm, "staticmethod", args, 1, 1)?;
        return Ok(alloc::obj(t.staticmethod, Kind::StaticMethod(args[0])));
    }
    if c(t.classmethod) {
        check(vm, "classmethod", args, 1, 1)?;
        return Ok(alloc::obj(t.classmethod, Kind::ClassMethod(args[0])));
    }
    if c(t.super_) {
        return make_super(vm, args);
    }
    if c(t.enumerate) {
        let it = args.first().copied().or(kw(kwargs, "iterable"));
        let Some(it) = it else {
            return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
        };
        let start = args
            .get(1)
            .copied()
            .or(kw(kwargs, "start"))
            .unwrap_or(Value::Int(0));
        let it = vm.iter(it)?;
        let n = vm.to_index(start)?;
        return Ok(alloc::iter(t.enumerate, IterState::Enumerate { it, n }));
    }
    if c(t.zip) {
        let strict = match kw(kwargs, "strict") {
            Some(v) => vm.truthy(v)?,
            None => false,
        };
        let mut its = Vec::with_capacity(args.len());
        let mut guards = Vec::with_capacity(args.len());
        for &a in args {
            let it = vm.iter(a).map_err(|e| {
                if vm.exc_matches(e, t.type_error) {
                    vm.type_error(format!("'{}' object is not iterable", type_name(a)))
                } else {
                    e
                }
            })?;
            guards.push(roots::root(it));
            its.push(it);
        }
        return Ok(alloc::iter(t.zip, IterState::Zip { its, strict }));
    }
    if c(t.map) {
        if args.len() < 2 {
            return Err(vm.type_error("map() must have at least two arguments."));
        }
        let mut its = Vec::new();
        let mut guards = Vec::new();
        for &a in &args[1..] {
            let it = vm.iter(a)?;
            guards.push(roots::root(it));
            its.push(it);
        }
        return Ok(alloc::iter(t.map, IterState::Map(Box::new((args[0], its)))));
    }
    if c(t.filter) {
        check(vm, "filter", args, 2, 2)?;
        let it = vm.iter(args[1])?;
        return Ok(alloc::iter(
            t.filter,
            IterState::Filter(Box::new([args[0], it])),
        ));
    }
    if c(t.reversed) {
        check(vm, "reversed", args, 1, 1)?;
        let v = args[0];
        if let Some(f) = crate::vm::ops::protocol::dunder_of(v, "__reversed__") {
            return vm.call(f, &[v], &[]);
        }
        let ok = matches!(v, Value::Object(o) if matches!(o.kind, Kind::List(_) | Kind::Tuple(_) | Kind::Str(_) | Kind::Range { .. } | Kind::Bytes(_)))
            || crate::vm::ops::protocol::dunder_of(v, "__getitem__").is_some();
        if matches!(v, Value::Object(o) if matches!(o.kind, Kind::Dict(_) | Kind::DictView { .. }))
        {
            let mut items = vm.collect_iter(v)?;
            items.reverse();
            let l = alloc::list(items);
            return Ok(alloc::iter(
                t.list_iterator,
                IterState::Seq { seq: l, idx: 0 },
            ));
        }
        if !ok {
            return Err(vm.type_error(format!("'{}' object is not reversible", type_name(v))));
        }
        if let Value::Object(o) = v {
            if let Kind::Range { start, step, .. } = o.kind {
                let n = crate::vm::ops::protocol::range_len(v);
                let last = start + (n - 1).max(0) * step;
                let st = IterState::Range {
                    cur: last,
                    stop: if n == 0 {
                        last
                    } else {
                        start.saturating_sub(step)
                    },
                    step: -step,
                };
                return Ok(alloc::iter(t.range_iterator, st));
            }
        }
        let n = vm.len(v)?;
        let cls = if matches!(v, Value::Object(o) if matches!(o.kind, Kind::List(_))) {
            t.list_reverseiterator
        } else {
            t.reversed
        };
        return Ok(alloc::iter(cls, IterState::Reversed { seq: v, idx: n }));
    }
    Err(vm.type_error(format!("cannot create '{}' instances", tobj.name.borrow())))
}

/// `super()` / `super(cls, obj)`.
fn make_super(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let (start, obj) = if args.len() == 2 {
        match args[0] {
            Value::Object(o) if matches!(o.kind, Kind::Type(_)) => (o, args[1]),
            _ => return Err(vm.type_error("super() argument 1 must be a type")),
        }
    } else {
        let Some(f) = vm.frames.last() else {
            return Err(vm.runtime_error("super(): no arguments"));
        };
        let code = f.code.clone();
        let base = f.base;
        let Some(i) = code.code.freevars.iter().position(|n| &**n == "__class__") else {
            return Err(vm.runtime_error("super(): __class__ cell not found"));
        };
        let cell = vm.stack[base + code.code.free_reg(i)];
        let cls = match cell {
            Value::Object(c) => match &c.kind {
                Kind::Cell(cv) => cv.get(),
                _ => Value::None,
            },
            _ => Value::None,
        };
        let Value::Object(cls) = cls else {
            return Err(vm.runtime_error("super(): empty __class__ cell"));
        };
        if code.code.args.argcount == 0 && !code.code.args.varargs {
            return Err(vm.runtime_error("super(): no arguments"));
        }
        let mut first = vm.stack[base];
        if code.code.cells.contains(&0) {
            if let Value::Object(c) = first {
                if let Kind::Cell(cv) = &c.kind {
                    first = cv.get();
                }
            }
        }
        (cls, first)
    };
    Ok(alloc::obj(types().super_, Kind::Super { start, obj }))
}

/// `__build_class__(func, name, *bases, **kwargs)`.
pub fn build_class(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let (func, name) = (args[0], args[1]);
    let bases: Vec<Value> = args[2..].to_vec();
    let mut kw: Vec<(ObjRef, Value)> = kwargs.to_vec();
    let mut meta = match kw
        .iter()
        .position(|(k, _)| str_of(Value::Object(*k)) == Some("metaclass"))
    {
        Some(i) => kw.remove(i).1,
        None => Value::Object(types().type_),
    };
    for &b in &bases {
        let bt = Value::Object(type_of(b));
        if let (Value::Object(m), Value::Object(btc)) = (meta, bt) {
            if is_subtype(btc, m) {
                meta = bt;
            }
        }
    }
    let ns = alloc::dict();
    let _g = roots::root_all(&[ns, func, meta]);
    let Value::Object(fobj) = func else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    vm.enter_native()?;
    let cell = match vm.push_frame(fobj, &[], &[], Ret::Native) {
        Ok(()) => {
            if let Some(f) = vm.frames.last_mut() {
                f.locals = ns;
            }
            vm.run_frame(None)
        }
        Err(e) => Err(e),
    };
    vm.leave_native();
    let cell = cell?;
    let _c = roots::root(cell);
    let bt = alloc::tuple(bases.clone());
    let _b = roots::root(bt);
    let cls = if meta.is(Value::Object(types().type_)) {
        create_class(vm, types().type_, name, &bases, ns, &kw)?
    } else {
        vm.call(meta, &[name, bt, ns], &kw)?
    };
    if let Value::Object(c) = cell {
        if let Kind::Cell(cv) = &c.kind {
            cv.set(cls);
        }
    }
    Ok(cls)
}

/// `type.__new__(meta, name, bases, ns)`: a new heap class.
pub fn create_class(
    vm: &mut Vm,
    meta: ObjRef,
    name: Value,
    bases: &[Value],
    ns: Value,
    kwargs: KwArgs,
) -> PyResult<Value> {
    let t = types();
    let name_s = str_of(name).unwrap_or("?").to_string();
    let mut base_refs = Vec::new();
    for &b in bases {
        match b {
            Value::Object(o) if matches!(o.kind, Kind::Type(_)) => base_refs.push(o),
            _ => return Err(vm.type_error("bases must be types")),
        }
    }
    if base_refs.is_empty() {
        base_refs.push(t.object);
    }
    let mut layout = Layout::Object;
    for &b in &base_refs {
        let l = type_obj(b).layout;
        if l == Layout::Opaque || b.ptr_eq(t.bool_) {
            return Err(vm.type_error(format!(
                "type '{}' is not an acceptable base type",
                type_obj(b).name.borrow()
            )));
        }
        if l != Layout::Object {
            if layout != Layout::Object
                && layout != l
                && !(layout == Layout::Exception && l == Layout::Exception)
            {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
            layout = l;
        }
    }
    let mut tobj = new_type_obj(&name_s, layout, base_refs.clone());
    tobj.heap = true;
    let qual = vm
        .dict_get_str(ns, intern("__qualname__"))
        .and_then(str_of)
        .unwrap_or(&name_s)
        .to_string();
    *tobj.qualname.borrow_mut() = qual;
    let cls = crate::gc::alloc(Object::new(meta, Kind::Type(tobj)));
    let _g = roots::root(Value::Object(cls));
    let mro = match c3_mro(cls, &base_refs) {
        Some(m) => m,
        None => {
            let names: Vec<String> = base_refs
                .iter()
                .map(|b| type_obj(*b).name.borrow().clone())
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        }
    };
    *type_obj(cls).mro.borrow_mut() = mro;
    for &b in &base_refs {
        type_obj(b).subclasses.borrow_mut().push(cls);
    }
    let tt = type_obj(cls);
    let entries = vm.dict_items_pairs(ns);
    let mut has_eq = false;
    let mut has_hash = false;
    let mut slots = None;
    for (k, v) in entries {
        let Value::Object(ko) = k else { continue };
        let key = intern_obj(ko);
        let kname = str_of(Value::Object(key)).unwrap_or("");
        let v = match (kname, v) {
            ("__new__", Value::Object(f)) if matches!(f.kind, Kind::Function(_)) => {
                alloc::obj(t.staticmethod, Kind::StaticMethod(v))
            }
            ("__init_subclass__" | "__class_getitem__", Value::Object(f))
                if matches!(f.kind, Kind::Function(_)) =>
            {
                alloc::obj(t.classmethod, Kind::ClassMethod(v))
            }
            _ => v,
        };
        if kname == "__eq__" {
            has_eq = true;
        }
        if kname == "__hash__" {
            has_hash = true;
        }
        if kname == "__slots__" {
            let names = match str_of(v) {
                Some(s) => vec![intern(s)],
                None => vm
                    .collect_iter(v)?
                    .into_iter()
                    .filter_map(|n| n.as_obj().map(intern_obj))
                    .collect(),
            };
            slots = Some(names);
        }
        let hash = match &key.kind {
            Kind::Str(s) => s.hash(),
            _ => 0,
        };
        tt.dict.borrow_mut().push(hash, Value::Object(key), v);
    }
    if has_eq && !has_hash {
        let key = intern("__hash__");
        let hash = match &key.kind {
            Kind::Str(s) => s.hash(),
            _ => 0,
        };
        tt.dict
            .borrow_mut()
            .push(hash, Value::Object(key), Value::None);
    }
    // The dict was filled after the type object (and its version) was made.
    crate::runtime::class::invalidate(cls);
    if let Some(mut names) = slots {
        let mut all_slotted = true;
        for &b in &base_refs {
            let bt = type_obj(b);
            if bt.heap {
                match &*bt.slots.borrow() {
                    Some(s) => names.extend(s.iter().copied()),
                    None => all_slotted = false,
                }
            }
        }
        if all_slotted
            && !names
                .iter()
                .any(|n| str_of(Value::Object(*n)) == Some("__dict__"))
        {
            *tt.slots.borrow_mut() = Some(names);
        }
    }
    invalidate(cls);
    // __init_subclass__ of the nearest base that defines it.
    let mro = tt.mro.borrow().clone();
    let key = intern("__init_subclass__");
    for &c in &mro[1..] {
        let found = {
            let ct = type_obj(c);
            let hash = match &key.kind {
                Kind::Str(s) => s.hash(),
                _ => 0,
            };
            ct.dict.borrow().get_fast(hash, Value::Object(key))
        };
        if let Some(f) = found {
            let f = match f {
                Value::Object(o) => match &o.kind {
                    Kind::ClassMethod(inner) => *inner,
                    _ => f,
                },
                _ => f,
            };
            if matches!(f, Value::Object(o) if matches!(o.kind, Kind::Builtin(_))) {
                if !kwargs.is_empty() {
                    return Err(vm.type_error(format!(
                        "{name_s}.__init_subclass__() takes no keyword arguments"
                    )));
                }
            } else {
                vm.call(f, &[Value::Object(cls)], kwargs)?;
            }
            break;
        }
    }
    // __set_name__ on descriptors.
    for e in tt.dict.borrow().iter().collect::<Vec<_>>() {
        if let Value::Object(o) = e.value {
            if type_obj(o.cls.get()).heap {
                if let Some(sn) = lookup(o.cls.get(), intern("__set_name__")) {
                    vm.call(sn, &[e.value, Value::Object(cls), e.key], &[])?;
                }
            }
        }
    }
    Ok(Value::Object(cls))
}
