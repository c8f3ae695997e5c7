//! The builtin functions (`print`, `len`, `isinstance`, `sorted`, ...).

use super::args::{check, kw};
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::class::{is_subtype, type_obj};
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::int::{from_bigint, to_bigint};
use crate::runtime::iter::IterState;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, intern_obj, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::ops::compare::lt;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

pub fn print(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let sep = match kw(kwargs, "sep") {
        Some(v) if !v.is_none() => match str_of(v) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "sep must be None or a string, not {}",
                    type_name(v)
                )))
            }
        },
        _ => " ".to_string(),
    };
    let end = match kw(kwargs, "end") {
        Some(v) if !v.is_none() => match str_of(v) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "end must be None or a string, not {}",
                    type_name(v)
                )))
            }
        },
        _ => "\n".to_string(),
    };
    let mut out = String::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str(a)?);
    }
    out.push_str(&end);
    let file = kw(kwargs, "file").filter(|f| !f.is_none());
    match file {
        None => super::io::write_stdout(&out),
        Some(f) => {
            let s = alloc::str(out);
            vm.call_method(f, "write", &[s])?;
        }
    }
    if kw(kwargs, "flush").is_some_and(|f| matches!(f, Value::Bool(true))) {
        super::io::flush_stdout();
    }
    Ok(Value::None)
}

pub fn len(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "len", args, 1, 1)?;
    Ok(Value::Int(vm.len(args[0])? as i64))
}

pub fn repr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "repr", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(alloc::str(s))
}

pub fn ascii(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "ascii", args, 1, 1)?;
    let s = vm.repr(args[0])?;
    Ok(alloc::str(crate::vm::ops::repr::ascii(&s)))
}

fn class_list(vm: &mut Vm, v: Value, fname: &str) -> PyResult<Vec<crate::gc::ObjRef>> {
    match v {
        Value::Object(o) if matches!(o.kind, Kind::Type(_)) => Ok(vec![o]),
        Value::Object(o) if matches!(o.kind, Kind::Tuple(_)) => {
            let mut out = Vec::new();
            for it in vm.seq_items(v) {
                out.extend(class_list(vm, it, fname)?);
            }
            Ok(out)
        }
        _ => Err(vm.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

pub fn isinstance(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "isinstance", args, 2, 2)?;
    let classes = class_list(vm, args[1], "isinstance")?;
    let t = type_of(args[0]);
    Ok(Value::Bool(classes.iter().any(|&c| is_subtype(t, c))))
}

pub fn issubclass(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "issubclass", args, 2, 2)?;
    let Value::Object(c) = args[0] else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    if !matches!(c.kind, Kind::Type(_)) {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    let classes = class_list(vm, args[1], "issubclass")?;
    Ok(Value::Bool(classes.iter().any(|&k| is_subtype(c, k))))
}

pub fn hash(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "hash", args, 1, 1)?;
    Ok(Value::Int(vm.hash(args[0])?))
}

pub fn id(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "id", args, 1, 1)?;
    Ok(Value::Int(match args[0] {
        Value::Object(o) => o.addr() as i64,
        Value::Int(i) => 0x1000_0000 + i.wrapping_mul(32),
        Value::Bool(b) => 0x100 + b as i64 * 32,
        Value::None => 0x80,
        Value::Float(f) => f.to_bits() as i64 >> 1,
    }))
}

pub fn iter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "iter", args, 1, 2)?;
    if args.len() == 2 {
        return Ok(alloc::iter(
            types().callable_iterator,
            IterState::Callable(Box::new([args[0], args[1]])),
        ));
    }
    vm.iter(args[0])
}

pub fn next(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "next", args, 1, 2)?;
    if !vm.is_iterator(args[0]) {
        return Err(vm.type_error(format!(
            "'{}' object is not an iterator",
            type_name(args[0])
        )));
    }
    if let Value::Object(o) = args[0] {
        if matches!(o.kind, Kind::Generator(_)) && args.len() == 1 {
            return vm.gen_send(o, crate::vm::gen::Resume::Send(Value::None));
        }
        if crate::vm::ops::protocol::user_dunder(o.cls.get(), "__next__").is_some()
            && args.len() == 1
        {
            return vm.call_method(args[0], "__next__", &[]);
        }
    }
    match vm.next(args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.stop_iteration(Value::None)),
        },
    }
}

pub fn abs(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "abs", args, 1, 1)?;
    match args[0] {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => from_bigint(BigInt::from(i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v => {
            if let Some(b) = to_bigint(v) {
                return Ok(from_bigint(b.abs()));
            }
            if let Some(f) = crate::vm::ops::protocol::dunder_of(v, "__abs__") {
                return vm.call(f, &[v], &[]);
            }
            Err(vm.type_error(format!("bad operand type for abs(): '{}'", type_name(v))))
        }
    }
}

fn minmax(
    vm: &mut Vm,
    args: &[Value],
    kwargs: KwArgs,
    name: &str,
    want_max: bool,
) -> PyResult<Value> {
    let key = kw(kwargs, "key").filter(|k| !k.is_none());
    let default = kw(kwargs, "default");
    if default.is_some() && args.len() > 1 {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    if args.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    // Streamed as CPython does (each item's key, then `key < best` or `key > best`):
    // collecting first held up to four copies of a long iterable's items.
    let src = if args.len() == 1 {
        args[0]
    } else {
        alloc::tuple_of(args)
    };
    let _s = roots::root(src);
    let mut best: Option<(Value, Value)> = None;
    // The best item and its key while they are objects, kept alive across the calls into
    // Python that produce and key the next items.
    let mut kept = None;
    // Immediates (ints, floats) need no root.
    let root_obj = |v: Value| matches!(v, Value::Object(_)).then(|| roots::root(v));
    vm.for_each(src, |vm, x| {
        let (better, kx) = {
            let _x = root_obj(x);
            let kx = match key {
                Some(k) => vm.call(k, &[x], &[])?,
                None => x,
            };
            let better = match (best, kx) {
                (None, _) => true,
                // Ints compare without the comparison protocol.
                (Some((_, Value::Int(b))), Value::Int(a)) => {
                    if want_max {
                        a > b
                    } else {
                        a < b
                    }
                }
                (Some((_, kb)), _) => {
                    let _k = root_obj(kx);
                    if want_max {
                        let r = crate::vm::ops::compare::compare(
                            vm,
                            crate::vm::ops::compare::CmpOp::Gt,
                            kx,
                            kb,
                        )?;
                        vm.truthy(r)?
                    } else {
                        lt(vm, kx, kb)?
                    }
                }
            };
            (better, kx)
        };
        if better {
            best = Some((x, kx));
            // Released before the new roots are pushed: root guards release in stack order.
            kept = None;
            if matches!(x, Value::Object(_)) || matches!(kx, Value::Object(_)) {
                kept = Some(roots::root_all(&[x, kx]));
            }
        }
        Ok(true)
    })?;
    match (best, default) {
        (Some((x, _)), _) => Ok(x),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub fn min(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    minmax(vm, args, kwargs, "min", false)
}

pub fn max(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    minmax(vm, args, kwargs, "max", true)
}

pub fn sum(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if args.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let mut acc = args
        .get(1)
        .copied()
        .or(kw(kwargs, "start"))
        .unwrap_or(Value::Int(0));
    if str_of(acc).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    // The running total while it is an object, kept alive across the next item's production
    // (the start value is the caller's until then).
    let mut kept = None;
    vm.for_each(args[0], |vm, x| {
        // Ints and floats need no root and add without the operator protocol (CPython 3.11's
        // sum adds floats plainly too, with no compensation).
        acc = match (acc, x) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(b).is_some() => Value::Int(a + b),
            (Value::Float(a), Value::Float(b)) => Value::Float(a + b),
            _ => {
                let _x = roots::root(x);
                crate::vm::ops::arith::binary(vm, crate::vm::ops::arith::BinOp::Add, acc, x, false)?
            }
        };
        // Dropped before the new root is pushed: root guards release in stack order.
        kept = None;
        if let Value::Object(_) = acc {
            kept = Some(roots::root(acc));
        }
        Ok(true)
    })?;
    Ok(acc)
}

/// Stable merge sort by a fallible `<` (CPython's list.sort is stable; so is this).
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    keys: Option<Vec<Value>>,
    reverse: bool,
) -> PyResult<()> {
    let n = items.len();
    let keys = keys.unwrap_or_else(|| items.clone());
    let _g = roots::root_all(&keys);
    let _h = roots::root_all(items);
    let mut idx: Vec<usize> = (0..n).collect();
    let mut buf = idx.clone();
    let mut width = 1;
    // Bottom-up merge sort; `reverse` compares the other way but keeps equal items in order.
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                let take_b = if reverse {
                    lt(vm, keys[idx[a]], keys[idx[b]])?
                } else {
                    lt(vm, keys[idx[b]], keys[idx[a]])?
                };
                if take_b {
                    buf[k] = idx[b];
                    b += 1;
                } else {
                    buf[k] = idx[a];
                    a += 1;
                }
                k += 1;
            }
            while a < mid {
                buf[k] = idx[a];
                a += 1;
                k += 1;
            }
            while b < hi {
                buf[k] = idx[b];
                b += 1;
                k += 1;
            }
            i += 2 * width;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    let sorted: Vec<Value> = idx.into_iter().map(|i| items[i]).collect();
    *items = sorted;
    Ok(())
}

pub fn sort_with_key(vm: &mut Vm, items: &mut Vec<Value>, kwargs: KwArgs) -> PyResult<()> {
    let key = kw(kwargs, "key").filter(|k| !k.is_none());
    let reverse = match kw(kwargs, "reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    let keys = match key {
        Some(k) => {
            let holder = alloc::list(Vec::new());
            let _h = roots::root(holder);
            let _i = roots::root_all(items);
            let mut ks = Vec::with_capacity(items.len());
            for &it in items.iter() {
                let kv = vm.call(k, &[it], &[])?;
                if let Value::Object(h) = holder {
                    if let Kind::List(l) = &h.kind {
                        l.borrow_mut().push(kv);
                    }
                }
                ks.push(kv);
            }
            Some(ks)
        }
        None => None,
    };
    sort_values(vm, items, keys, reverse)
}

pub fn sorted(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    if let Some((k, _)) = kwargs
        .iter()
        .find(|(k, _)| !matches!(str_of(Value::Object(*k)), Some("key" | "reverse")))
    {
        let k = str_of(Value::Object(*k)).unwrap_or("");
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for sort()")));
    }
    let mut items = vm.collect_iter(args[0])?;
    sort_with_key(vm, &mut items, kwargs)?;
    Ok(alloc::list(items))
}

pub fn callable(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "callable", args, 1, 1)?;
    Ok(Value::Bool(match args[0] {
        Value::Object(o) => {
            matches!(
                o.kind,
                Kind::Function(_) | Kind::Builtin(_) | Kind::Method { .. } | Kind::Type(_)
            ) || crate::vm::ops::protocol::user_dunder(o.cls.get(), "__call__").is_some()
        }
        _ => false,
    }))
}

fn attr_name(vm: &mut Vm, v: Value, f: &str) -> PyResult<crate::gc::ObjRef> {
    match v {
        Value::Object(o) if matches!(o.kind, Kind::Str(_)) => Ok(intern_obj(o)),
        _ => {
            let _ = f;
            Err(vm.type_error(format!(
                "attribute name must be string, not '{}'",
                type_name(v)
            )))
        }
    }
}

pub fn getattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "getattr", args, 2, 3)?;
    let name = attr_name(vm, args[1], "getattr")?;
    let name = intern(str_of(Value::Object(name)).unwrap_or(""));
    match args.get(2) {
        Some(&d) => Ok(vm.getattr_opt(args[0], name)?.unwrap_or(d)),
        None => vm.getattr(args[0], name),
    }
}

pub fn setattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, args[1], "setattr")?;
    let name = intern(str_of(Value::Object(name)).unwrap_or(""));
    vm.setattr(args[0], name, args[2])?;
    Ok(Value::None)
}

pub fn hasattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, args[1], "hasattr")?;
    let name = intern(str_of(Value::Object(name)).unwrap_or(""));
    Ok(Value::Bool(vm.getattr_opt(args[0], name)?.is_some()))
}

pub fn delattr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, args[1], "delattr")?;
    let name = intern(str_of(Value::Object(name)).unwrap_or(""));
    vm.delattr(args[0], name)?;
    Ok(Value::None)
}

pub fn chr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "chr", args, 1, 1)?;
    let i = vm.to_index(args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(crate::vm::ops::iter::char_value(c)),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

pub fn ord(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "ord", args, 1, 1)?;
    if let Some(s) = str_of(args[0]) {
        let mut cs = s.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return Ok(Value::Int(c as i64));
        }
        let n = s.chars().count();
        return Err(vm.type_error(format!(
            "ord() expected a character, but string of length {n} found"
        )));
    }
    if let Value::Object(o) = args[0] {
        if let Kind::Bytes(b) = &o.kind {
            if b.len() == 1 {
                return Ok(Value::Int(b[0] as i64));
            }
        }
    }
    Err(vm.type_error(format!(
        "ord() expected string of length 1, but {} found",
        type_name(args[0])
    )))
}

pub fn divmod(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "divmod", args, 2, 2)?;
    use crate::vm::ops::arith::{binary, BinOp};
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (args[0], args[1]) {
        let (a, b) = (num_f64(vm, args[0])?, num_f64(vm, args[1])?);
        if b == 0.0 {
            return Err(vm.zero_division("float divmod()"));
        }
        let (q, r) = crate::vm::ops::arith::float_divmod(a, b);
        return Ok(alloc::tuple(vec![Value::Float(q), Value::Float(r)]));
    }
    if let (Some(_), Some(b)) = (to_bigint(args[0]), to_bigint(args[1])) {
        if b.is_zero() {
            return Err(vm.zero_division("integer division or modulo by zero"));
        }
    }
    if let Some(f) = crate::vm::ops::protocol::dunder_of(args[0], "__divmod__") {
        return vm.call(f, &[args[0], args[1]], &[]);
    }
    let q = binary(vm, BinOp::FloorDiv, args[0], args[1], false)?;
    let r = binary(vm, BinOp::Mod, args[0], args[1], false)?;
    Ok(alloc::tuple(vec![q, r]))
}

fn num_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f),
        _ => match crate::runtime::int::to_f64(v) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!("must be real number, not {}", type_name(v)))),
        },
    }
}

pub fn pow(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    let mut all = args.to_vec();
    for (i, name) in ["base", "exp", "mod"].into_iter().enumerate() {
        if let Some(v) = kw(kwargs, name) {
            if i < args.len() {
                return Err(vm.type_error(format!(
                    "argument for pow() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            all.resize(i + 1, Value::None);
            all[i] = v;
        }
    }
    let args = &all[..];
    check(vm, "pow", args, 2, 3)?;
    if args.len() == 3 && !args[2].is_none() {
        let (Some(b), Some(e), Some(m)) =
            (to_bigint(args[0]), to_bigint(args[1]), to_bigint(args[2]))
        else {
            return Err(
                vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
            );
        };
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let r = if e.is_negative() {
            let inv = mod_inverse(&b, &m);
            match inv {
                Some(inv) => inv.modpow(&(-e), &m.abs()),
                None => return Err(vm.value_error("base is not invertible for the given modulus")),
            }
        } else {
            b.modpow(&e, &m.abs())
        };
        let r = if m.is_negative() && !r.is_zero() {
            r + &m
        } else {
            r
        };
        return Ok(from_bigint(r));
    }
    crate::vm::ops::arith::binary(
        vm,
        crate::vm::ops::arith::BinOp::Pow,
        args[0],
        args[1],
        false,
    )
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let m = m.abs();
    let g = a.mod_floor(&m).extended_gcd(&m);
    if g.gcd != BigInt::from(1) {
        return None;
    }
    Some(g.x.mod_floor(&m))
}

pub fn round(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    check(vm, "round", args, 1, 2)?;
    let nd = args
        .get(1)
        .copied()
        .or(kw(kwargs, "ndigits"))
        .filter(|v| !v.is_none());
    match args[0] {
        Value::Float(x) => match nd {
            None => {
                if x.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if x.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = x.round_ties_even();
                vm.float_to_int(r)
            }
            Some(n) => {
                let n = vm.to_index(n)?;
                Ok(Value::Float(round_float(x, n)))
            }
        },
        v if crate::runtime::int::is_int(v) => match nd {
            None => Ok(match v {
                Value::Bool(b) => Value::Int(b as i64),
                _ => v,
            }),
            Some(n) => {
                let n = vm.to_index(n)?;
                if n >= 0 {
                    return Ok(v);
                }
                let b = to_bigint(v).unwrap_or_default();
                // 10^-n beyond twice |b| rounds everything to zero (and must not be built).
                if n.unsigned_abs() > b.bits() * 31 / 100 + 2 {
                    return Ok(Value::Int(0));
                }
                let p = num_traits::pow::Pow::pow(BigInt::from(10), n.unsigned_abs());
                use num_integer::Integer;
                let (q, r) = b.div_mod_floor(&p);
                let twice = &r * 2;
                let q = if twice > p || (twice == p && q.is_odd()) {
                    q + 1
                } else {
                    q
                };
                Ok(from_bigint(q * p))
            }
        },
        v => {
            if let Some(f) = crate::vm::ops::protocol::dunder_of(v, "__round__") {
                let mut a = vec![v];
                if let Some(n) = nd {
                    a.push(n);
                }
                return vm.call(f, &a, &[]);
            }
            Err(vm.type_error(format!(
                "type {} doesn't define __round__ method",
                type_name(v)
            )))
        }
    }
}

/// `round(x, n)` for floats, correctly rounded through the decimal string like CPython.
pub fn round_float(x: f64, n: i64) -> f64 {
    if !x.is_finite() || n > 330 {
        return x;
    }
    if n < -330 {
        return 0.0 * x.signum();
    }
    if n >= 0 {
        let s = format!("{:.*}", n as usize, x);
        // Rust rounds the exact binary value half-to-even, as CPython's dtoa-based round does.
        s.parse().unwrap_or(x)
    } else {
        // Exact: x = num/den; q = round-half-even(num / (den * 10^-n)); result q * 10^-n.
        use num_integer::Integer;
        let Ok((num, den)) = crate::format::float_as_integer_ratio(x) else {
            return x;
        };
        let p = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u64);
        let d = den * &p;
        let (q, r) = num.div_mod_floor(&d);
        let twice = r * 2;
        let q = if twice > d || (twice == d && q.is_odd()) {
            q + 1
        } else {
            q
        };
        let y = crate::format::int_to_f64(&(q * p)).unwrap_or(x);
        if y == 0.0 {
            0.0 * x.signum()
        } else {
            y
        }
    }
}

fn int_prefix(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    radix: u32,
    prefix: &str,
) -> PyResult<Value> {
    check(vm, name, args, 1, 1)?;
    let v = args[0];
    let b = match to_bigint(v) {
        Some(b) => b,
        None => {
            if crate::vm::ops::protocol::dunder_of(v, "__index__").is_some() {
                BigInt::from(vm.to_index(v)?)
            } else {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(v)
                )));
            }
        }
    };
    let digits = b.magnitude().to_str_radix(radix);
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(alloc::str(format!("{sign}{prefix}{digits}")))
}

pub fn hex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    int_prefix(vm, args, "hex", 16, "0x")
}

pub fn oct(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    int_prefix(vm, args, "oct", 8, "0o")
}

pub fn bin(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    int_prefix(vm, args, "bin", 2, "0b")
}

pub fn format(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(&s) => match str_of(s) {
            Some(t) => t.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "format() argument 2 must be str, not {}",
                    type_name(s)
                )))
            }
        },
        None => String::new(),
    };
    let s = vm.format(args[0], &spec)?;
    Ok(alloc::str(s))
}

pub fn any(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "any", args, 1, 1)?;
    let mut found = false;
    vm.for_each(args[0], |vm, x| {
        found = vm.truthy(x)?;
        Ok(!found)
    })?;
    Ok(Value::Bool(found))
}

pub fn all(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "all", args, 1, 1)?;
    let mut all = true;
    vm.for_each(args[0], |vm, x| {
        all = vm.truthy(x)?;
        Ok(all)
    })?;
    Ok(Value::Bool(all))
}

pub fn vars(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "vars", args, 0, 1)?;
    match args.first() {
        Some(&v) => match vm.getattr_opt(v, intern("__dict__"))? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
        None => locals(vm, args, &[]),
    }
}

pub fn dir(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "dir", args, 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    match args.first() {
        None => {
            let l = locals(vm, &[], &[])?;
            for k in vm.dict_keys(l) {
                names.push(vm.str(k)?);
            }
        }
        Some(&v) => {
            if let Value::Object(o) = v {
                if let Some(a) = &o.attrs {
                    for (k, _) in a.borrow().iter() {
                        names.push(str_of(Value::Object(k)).unwrap_or("").to_string());
                    }
                }
                if let Kind::Module { dict, .. } = &o.kind {
                    for k in vm.dict_keys(Value::Object(*dict)) {
                        names.push(vm.str(k)?);
                    }
                }
            }
            let cls = match v {
                Value::Object(o) if matches!(o.kind, Kind::Type(_)) => o,
                _ => type_of(v),
            };
            if !matches!(v, Value::Object(o) if matches!(o.kind, Kind::Module { .. })) {
                for &c in type_obj(cls).mro.borrow().iter() {
                    for e in type_obj(c).dict.borrow().iter() {
                        names.push(str_of(e.key).unwrap_or("").to_string());
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(alloc::list(names.into_iter().map(alloc::str).collect()))
}

pub fn globals(vm: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(vm
        .frames
        .last()
        .map_or(Value::None, |f| Value::Object(f.globals)))
}

pub fn locals(vm: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    let Some(f) = vm.frames.last() else {
        return Ok(Value::None);
    };
    if !f.locals.is_none() {
        return Ok(f.locals);
    }
    let (code, base) = (f.code.clone(), f.base);
    let d = alloc::dict();
    let _g = roots::root(d);
    for (i, &n) in code.varnames.iter().enumerate() {
        let mut v = vm.stack[base + i];
        if code.code.cells.contains(&(i as u16)) {
            if let Value::Object(c) = v {
                if let Kind::Cell(cv) = &c.kind {
                    v = cv.get();
                }
            }
        }
        if !vm.is_null(v) {
            vm.dict_set(d, Value::Object(n), v)?;
        }
    }
    Ok(d)
}

pub fn build_class(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    super::construct::build_class(vm, args, kwargs)
}

pub fn input(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if let Some(&p) = args.first() {
        let s = vm.str(p)?;
        super::io::write_stdout(&s);
    }
    super::io::flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error(types().eof_error, "EOF when reading a line")),
        Ok(_) => Ok(alloc::str(line.trim_end_matches(['\n', '\r']))),
        Err(e) => Err(vm.new_error(types().os_error, e.to_string())),
    }
}

impl Vm {
    /// `int(f)` for a finite float.
    pub fn float_to_int(&mut self, f: f64) -> PyResult<Value> {
        if f.is_nan() {
            return Err(self.value_error("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(self.overflow_error("cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9.2e18 {
            return Ok(Value::Int(t as i64));
        }
        let b: BigInt = num_traits::FromPrimitive::from_f64(t).unwrap_or_default();
        Ok(from_bigint(b))
    }
}
