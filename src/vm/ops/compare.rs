//! Comparisons: numbers across int/float/bool/big int, str, bytes, sequences
//! lexicographically, sets by inclusion, dicts by equality, and the rich-comparison protocol
//! for user classes (reflected operand first when it is a subclass; `__ne__` defaults to the
//! negation of `__eq__`; `==`/`!=` fall back to identity).

use super::protocol::user_dunder;
use crate::runtime::class::is_subtype;
use crate::runtime::compare::fast_eq;
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::{Vm, IN_COMPARISON};
use num_traits::ToPrimitive;
use std::cmp::Ordering;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }

    fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }

    fn test(self, o: Ordering) -> bool {
        match self {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        }
    }
}

/// `a op b` for two ints or two floats, which the dispatch loop writes as a bool straight into
/// the destination register (a bool returned through `PyResult` is stored as one byte and
/// reloaded as a word, a store-forwarding stall on every comparison).
#[inline]
pub fn compare_immediate(op: CmpOp, a: Value, b: Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(op.test(x.cmp(&y))),
        (Value::Float(x), Value::Float(y)) => Some(float_test(op, x, y)),
        _ => None,
    }
}

/// `a op b` as an object (user comparisons may return anything).
#[inline]
pub fn compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    match compare_immediate(op, a, b).or_else(|| native_order(op, a, b, 0)) {
        Some(t) => Ok(Value::Bool(t)),
        None => compare_slow(vm, op, a, b),
    }
}

/// How deep `native_order` follows nested tuples before leaving them to `compare_slow`, which
/// guards the Rust stack.
const NATIVE_ORDER_DEPTH: u32 = 8;

/// `a op b` for exact strs and exact tuples whose first differing items are ints, floats,
/// exact strs or such tuples: what sort keys and dict keys mostly are. `None` for anything
/// else, including subclasses (they may define the comparison). It never calls Python, so it
/// needs no roots and copies no items, unlike the protocol path.
#[inline(never)]
fn native_order(op: CmpOp, a: Value, b: Value, depth: u32) -> Option<bool> {
    let (Value::Object(x), Value::Object(y)) = (a, b) else {
        return None;
    };
    let t = types();
    let (cx, cy) = (x.cls.get(), y.cls.get());
    if !cx.ptr_eq(cy) {
        return None;
    }
    match (&x.kind, &y.kind) {
        (Kind::Str(s), Kind::Str(u)) if cx.ptr_eq(t.str) => {
            Some(op.test(s.as_str().cmp(u.as_str())))
        }
        (Kind::Tuple(s), Kind::Tuple(u)) if cx.ptr_eq(t.tuple) && depth < NATIVE_ORDER_DEPTH => {
            // The first pair that is not identical or equal decides, as in `builtin_compare`.
            let differ = s
                .iter()
                .zip(u.iter())
                .position(|(&p, &q)| !p.is(q) && fast_eq(p, q) != Some(true));
            match differ {
                None => Some(op.test(s.len().cmp(&u.len()))),
                Some(i) => {
                    let (p, q) = (s[i], u[i]);
                    match op {
                        CmpOp::Eq | CmpOp::Ne if fast_eq(p, q).is_some() => Some(op == CmpOp::Ne),
                        _ => compare_immediate(op, p, q)
                            .or_else(|| native_order(op, p, q, depth + 1)),
                    }
                }
            }
        }
        _ => None,
    }
}

fn float_test(op: CmpOp, x: f64, y: f64) -> bool {
    match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
    }
}

/// `a == b` as a bool.
pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let Some(r) = fast_eq(a, b) {
        return Ok(r);
    }
    let r = compare_slow(vm, CmpOp::Eq, a, b)?;
    vm.truthy(r)
}

/// `a < b` as a bool (sorting, min, max).
pub fn lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => {
            if let Some(t) = native_order(CmpOp::Lt, a, b, 0) {
                return Ok(t);
            }
            let r = compare_slow(vm, CmpOp::Lt, a, b)?;
            vm.truthy(r)
        }
    }
}

fn is_heap_val(v: Value) -> bool {
    matches!(v, Value::Object(o) if crate::runtime::class::type_obj(o.cls.get()).heap)
}

#[cold]
pub fn compare_slow(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    let ni = Value::Object(types().not_implemented);
    let (ta, tb) = (type_of(a), type_of(b));
    let right = if is_heap_val(b) {
        user_dunder(tb, op.swapped().dunder())
    } else {
        None
    };
    let mut tried_right = false;
    if let Some(rf) = right {
        if !ta.ptr_eq(tb) && is_subtype(tb, ta) {
            tried_right = true;
            let r = dunder(vm, rf, b, a)?;
            if !r.is(ni) {
                return Ok(r);
            }
        }
    }
    let left = if is_heap_val(a) {
        user_dunder(ta, op.dunder())
    } else {
        None
    };
    if let Some(f) = left {
        let r = dunder(vm, f, a, b)?;
        if !r.is(ni) {
            return Ok(r);
        }
    } else if op == CmpOp::Ne && is_heap_val(a) {
        if let Some(f) = user_dunder(ta, "__eq__") {
            let r = dunder(vm, f, a, b)?;
            if !r.is(ni) {
                let t = vm.truthy(r)?;
                return Ok(Value::Bool(!t));
            }
        }
    }
    if left.is_none() {
        // Containers compare their items recursively on the Rust stack: a self-referencing
        // pair must end in CPython's RecursionError, not a stack overflow.
        vm.enter_native_for(IN_COMPARISON)?;
        let r = builtin_compare(vm, op, a, b);
        vm.leave_native();
        if let Some(o) = r? {
            return Ok(Value::Bool(o));
        }
    }
    if let (Some(rf), false) = (right, tried_right) {
        let r = dunder(vm, rf, b, a)?;
        if !r.is(ni) {
            return Ok(r);
        }
    }
    if op == CmpOp::Ne && right.is_none() && is_heap_val(b) {
        if let Some(f) = user_dunder(tb, "__eq__") {
            let r = dunder(vm, f, b, a)?;
            if !r.is(ni) {
                let t = vm.truthy(r)?;
                return Ok(Value::Bool(!t));
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(a.is(b))),
        CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
        _ => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// A comparison dunder run for `compare_slow`: too deep, it is CPython's RecursionError
/// "... in comparison".
fn dunder(vm: &mut Vm, f: Value, x: Value, y: Value) -> PyResult<Value> {
    vm.call_for(f, &[x, y], &[], IN_COMPARISON)
}

/// A numeric comparison operand; big ints are borrowed, never copied.
enum N<'a> {
    I(i64),
    F(f64),
    B(&'a num_bigint::BigInt),
}

fn as_num<'a>(v: Value) -> Option<N<'a>> {
    match v {
        Value::Int(i) => Some(N::I(i)),
        Value::Bool(b) => Some(N::I(b as i64)),
        Value::Float(f) => Some(N::F(f)),
        Value::Object(o) => match &o.get().kind {
            Kind::BigInt(b) => Some(N::B(b)),
            _ => None,
        },
        Value::None => None,
    }
}

fn num_cmp(a: N, b: N) -> Option<Ordering> {
    match (a, b) {
        (N::I(x), N::I(y)) => Some(x.cmp(&y)),
        (N::F(x), N::F(y)) => x.partial_cmp(&y),
        (N::I(x), N::F(y)) => int_float_cmp(&num_bigint::BigInt::from(x), y),
        (N::F(x), N::I(y)) => int_float_cmp(&num_bigint::BigInt::from(y), x).map(Ordering::reverse),
        (N::B(x), N::F(y)) => int_float_cmp(x, y),
        (N::F(x), N::B(y)) => int_float_cmp(y, x).map(Ordering::reverse),
        (N::B(x), N::I(y)) => Some(x.cmp(&num_bigint::BigInt::from(y))),
        (N::I(x), N::B(y)) => Some(num_bigint::BigInt::from(x).cmp(y)),
        (N::B(x), N::B(y)) => Some(x.cmp(y)),
    }
}

fn int_float_cmp(i: &num_bigint::BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let Some(small) = i.to_i64() {
        if small.unsigned_abs() < (1 << 53) {
            return (small as f64).partial_cmp(&f);
        }
    }
    let fl = f.floor();
    let fb: num_bigint::BigInt = num_traits::FromPrimitive::from_f64(fl)?;
    match i.cmp(&fb) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// The builtin comparison, `None` when the builtin types do not define it.
pub fn builtin_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Option<bool>> {
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return Ok(Some(match num_cmp(x, y) {
            Some(o) => op.test(o),
            None => op == CmpOp::Ne,
        }));
    }
    let (Value::Object(x), Value::Object(y)) = (a, b) else {
        return Ok(None);
    };
    match (&x.kind, &y.kind) {
        (Kind::Str(s), Kind::Str(t)) => Ok(Some(op.test(s.as_str().cmp(t.as_str())))),
        (Kind::Bytes(s), Kind::Bytes(t)) => Ok(Some(op.test(s.cmp(t)))),
        (Kind::Bytes(_) | Kind::ByteArray(_), Kind::Bytes(_) | Kind::ByteArray(_)) => {
            let (s, t) = (
                crate::builtins::bytes_methods::data_of(a),
                crate::builtins::bytes_methods::data_of(b),
            );
            Ok(Some(op.test(s.cmp(&t))))
        }
        (Kind::List(_), Kind::List(_)) | (Kind::Tuple(_), Kind::Tuple(_)) => {
            let (va, vb) = (vm.seq_items(a), vm.seq_items(b));
            let _g = crate::gc::roots::root_all(&[a, b]);
            let n = va.len().min(vb.len());
            for i in 0..n {
                if !va[i].is(vb[i]) && !eq(vm, va[i], vb[i])? {
                    return match op {
                        CmpOp::Eq => Ok(Some(false)),
                        CmpOp::Ne => Ok(Some(true)),
                        _ => {
                            let r = compare(vm, op, va[i], vb[i])?;
                            Ok(Some(vm.truthy(r)?))
                        }
                    };
                }
            }
            Ok(Some(op.test(va.len().cmp(&vb.len()))))
        }
        (
            Kind::Set(_)
            | Kind::DictView {
                which:
                    crate::runtime::object::DictPart::Keys | crate::runtime::object::DictPart::Items,
                ..
            },
            Kind::Set(_)
            | Kind::DictView {
                which:
                    crate::runtime::object::DictPart::Keys | crate::runtime::object::DictPart::Items,
                ..
            },
        ) => {
            let (la, lb) = (vm.len(a)?, vm.len(b)?);
            let sub = |vm: &mut Vm, p: Value, q: Value| -> PyResult<bool> {
                for it in vm.collect_iter(p)? {
                    if !vm.contains(q, it)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            };
            Ok(Some(match op {
                CmpOp::Eq => la == lb && sub(vm, a, b)?,
                CmpOp::Ne => !(la == lb && sub(vm, a, b)?),
                CmpOp::Le => sub(vm, a, b)?,
                CmpOp::Lt => la < lb && sub(vm, a, b)?,
                CmpOp::Ge => sub(vm, b, a)?,
                CmpOp::Gt => la > lb && sub(vm, b, a)?,
            }))
        }
        (Kind::Dict(_), Kind::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let r = super::collections::dict_eq(vm, a, b)?;
            Ok(Some(if op == CmpOp::Eq { r } else { !r }))
        }
        (Kind::Slice(p), Kind::Slice(q)) => {
            let (p, q) = (
                crate::runtime::alloc::tuple(p.to_vec()),
                crate::runtime::alloc::tuple(q.to_vec()),
            );
            let _g = crate::gc::roots::root_all(&[p, q]);
            let r = compare(vm, op, p, q)?;
            Ok(Some(vm.truthy(r)?))
        }
        (Kind::Range { .. } | Kind::BigRange(_), Kind::Range { .. } | Kind::BigRange(_))
            if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
        {
            let r = crate::builtins::range_methods::range_eq(a, b).unwrap_or(false);
            Ok(Some(if op == CmpOp::Eq { r } else { !r }))
        }
        _ => Ok(None),
    }
}
