//! Operator dunders of builtin types (`(1).__add__(2)`, `'ab'.__len__()`, `[].__contains__`),
//! for explicit calls and for `super().__add__(...)` in subclasses. The interpreter never
//! looks these up for builtin operands (their behaviour is native); each delegates to the
//! same builtin semantics and answers `NotImplemented` where the operator would fall through.

use super::args::check;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::int::{from_bigint, to_bigint};
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::ops::arith::{builtin_binary, BinOp};
use crate::vm::ops::compare::{builtin_compare, CmpOp};
use crate::vm::Vm;

fn not_implemented() -> Value {
    Value::Object(types().not_implemented)
}

/// `int.__op__(float)` is NotImplemented: int methods only handle ints.
fn int_with_float(args: &[Value]) -> bool {
    !matches!(args[0], Value::Float(_)) && matches!(args[1], Value::Float(_))
}

fn binop(vm: &mut Vm, args: &[Value], name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    check(vm, name, args, 2, 2)?;
    if int_with_float(args) {
        return Ok(not_implemented());
    }
    let (a, b) = if reflected {
        (args[1], args[0])
    } else {
        (args[0], args[1])
    };
    Ok(builtin_binary(vm, op, a, b)?.unwrap_or_else(not_implemented))
}

fn cmpop(vm: &mut Vm, args: &[Value], name: &str, op: CmpOp) -> PyResult<Value> {
    check(vm, name, args, 2, 2)?;
    if int_with_float(args) {
        return Ok(not_implemented());
    }
    Ok(match builtin_compare(vm, op, args[0], args[1])? {
        Some(b) => Value::Bool(b),
        None => not_implemented(),
    })
}

macro_rules! binary_dunders {
    ($($f:ident, $rf:ident, $name:literal, $rname:literal, $op:ident;)*) => {
        $(
            pub fn $f(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
                binop(vm, args, $name, BinOp::$op, false)
            }
            pub fn $rf(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
                binop(vm, args, $rname, BinOp::$op, true)
            }
        )*
    };
}

binary_dunders! {
    add, radd, "__add__", "__radd__", Add;
    sub, rsub, "__sub__", "__rsub__", Sub;
    mul, rmul, "__mul__", "__rmul__", Mul;
    truediv, rtruediv, "__truediv__", "__rtruediv__", TrueDiv;
    floordiv, rfloordiv, "__floordiv__", "__rfloordiv__", FloorDiv;
    mod_, rmod, "__mod__", "__rmod__", Mod;
    pow, rpow, "__pow__", "__rpow__", Pow;
    lshift, rlshift, "__lshift__", "__rlshift__", Shl;
    rshift, rrshift, "__rshift__", "__rrshift__", Shr;
    and, rand, "__and__", "__rand__", And;
    or, ror, "__or__", "__ror__", Or;
    xor, rxor, "__xor__", "__rxor__", Xor;
}

macro_rules! compare_dunders {
    ($($f:ident, $name:literal, $op:ident;)*) => {
        $(
            pub fn $f(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
                cmpop(vm, args, $name, CmpOp::$op)
            }
        )*
    };
}

compare_dunders! {
    lt, "__lt__", Lt;
    le, "__le__", Le;
    eq, "__eq__", Eq;
    ne, "__ne__", Ne;
    gt, "__gt__", Gt;
    ge, "__ge__", Ge;
}

fn number(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    check(vm, name, args, 1, 1)?;
    Ok(args[0])
}

pub fn neg(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match number(vm, args, "__neg__")? {
        Value::Float(f) => Ok(Value::Float(-f)),
        v => match to_bigint(v) {
            Some(b) => Ok(from_bigint(-b)),
            None => Err(vm.type_error(format!("bad operand type for unary -: '{}'", type_name(v)))),
        },
    }
}

pub fn pos(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match number(vm, args, "__pos__")? {
        Value::Float(f) => Ok(Value::Float(f)),
        v => match to_bigint(v) {
            Some(b) => Ok(from_bigint(b)),
            None => Err(vm.type_error(format!("bad operand type for unary +: '{}'", type_name(v)))),
        },
    }
}

pub fn invert(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let v = number(vm, args, "__invert__")?;
    match to_bigint(v) {
        Some(b) => Ok(from_bigint(!b)),
        None => Err(vm.type_error(format!("bad operand type for unary ~: '{}'", type_name(v)))),
    }
}

pub fn abs(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    number(vm, args, "__abs__")?;
    super::functions::abs(vm, args, &[])
}

pub fn bool_(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let v = number(vm, args, "__bool__")?;
    Ok(Value::Bool(match v {
        Value::Float(f) => f != 0.0,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        _ => true,
    }))
}

pub fn int_(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match number(vm, args, "__int__")? {
        Value::Float(f) => vm.float_to_int(f),
        v => Ok(to_bigint(v).map_or(v, from_bigint)),
    }
}

pub fn float_(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match number(vm, args, "__float__")? {
        Value::Float(f) => Ok(Value::Float(f)),
        v => match crate::runtime::int::to_f64(v) {
            Some(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
    }
}

/// The value itself, or for an instance of a user subclass a copy in its builtin base type,
/// so delegating to the interpreter's operation does not dispatch back to the subclass.
fn plain(v: Value) -> Value {
    let Value::Object(o) = v else { return v };
    if !crate::runtime::class::type_obj(o.cls.get()).heap {
        return v;
    }
    match &o.kind {
        Kind::Str(s) => alloc::str(s.as_str()),
        Kind::Tuple(t) => alloc::tuple(t.to_vec()),
        Kind::Bytes(b) => alloc::bytes(b.to_vec()),
        Kind::List(l) => alloc::list(l.borrow().clone()),
        _ => v,
    }
}

pub fn len(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__len__", args, 1, 1)?;
    let v = plain(args[0]);
    Ok(Value::Int(vm.len(v)? as i64))
}

pub fn contains(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__contains__", args, 2, 2)?;
    let v = plain(args[0]);
    Ok(Value::Bool(vm.contains(v, args[1])?))
}

pub fn getitem(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__getitem__", args, 2, 2)?;
    let v = plain(args[0]);
    vm.getitem(v, args[1])
}

pub fn iter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "__iter__", args, 1, 1)?;
    let v = plain(args[0]);
    vm.iter(v)
}
