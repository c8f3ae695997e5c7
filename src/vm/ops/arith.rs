//! Arithmetic: the int/float fast paths (no allocation unless an int overflows i64), the builtin
//! semantics of every operator on builtin types, and the dunder protocol for user classes
//! (`__op__`, then the reflected `__rop__`, the reflected one first when the right operand's
//! class is a subclass that overrides it; in-place forms try `__iop__` first).

use crate::runtime::class::{is_subtype, lookup, type_obj};
use crate::runtime::exception::PyResult;
use crate::runtime::int::{self as pyint, floordiv_i64, mod_i64, to_bigint};
use crate::runtime::object::Kind;
use crate::runtime::str::intern_static;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::cache::Cache;
use crate::vm::errors::{type_name, type_of};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::Cell;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    Shl,
    Shr,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::MatMul,
        BinOp::TrueDiv,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::Shl,
        BinOp::Shr,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
    ];

    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            MatMul => "@",
            TrueDiv => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "** or pow()",
            Shl => "<<",
            Shr => ">>",
            And => "&",
            Or => "|",
            Xor => "^",
        }
    }

    /// (`__op__`, `__rop__`, `__iop__`)
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        use BinOp::*;
        match self {
            Add => ("__add__", "__radd__", "__iadd__"),
            Sub => ("__sub__", "__rsub__", "__isub__"),
            Mul => ("__mul__", "__rmul__", "__imul__"),
            MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            Mod => ("__mod__", "__rmod__", "__imod__"),
            Pow => ("__pow__", "__rpow__", "__ipow__"),
            Shl => ("__lshift__", "__rlshift__", "__ilshift__"),
            Shr => ("__rshift__", "__rrshift__", "__irshift__"),
            And => ("__and__", "__rand__", "__iand__"),
            Or => ("__or__", "__ror__", "__ior__"),
            Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// `a op b` (or `a op= b` when `inplace`).
#[inline]
pub fn binary(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::FloorDiv if y != 0 => floordiv_i64(x, y),
            BinOp::Mod if y != 0 => Some(mod_i64(x, y)),
            // Arithmetic shift floors, as Python's `>>` does; past 63 only the sign is left.
            BinOp::Shr if y >= 0 => Some(x >> y.min(63)),
            BinOp::Shl if (0..64).contains(&y) && (x << y) >> y == x => Some(x << y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Value::Int(r));
        }
    } else if let (Value::Float(x), Value::Float(y)) = (a, b) {
        match op {
            BinOp::Add => return Ok(Value::Float(x + y)),
            BinOp::Sub => return Ok(Value::Float(x - y)),
            BinOp::Mul => return Ok(Value::Float(x * y)),
            BinOp::TrueDiv if y != 0.0 => return Ok(Value::Float(x / y)),
            _ => {}
        }
    }
    binary_mixed(vm, op, a, b, inplace)
}

/// Int/int true division and mixed int/float arithmetic, out of line so the part of `binary`
/// inlined into every dispatch arm stays small.
#[inline(never)]
fn binary_mixed(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    // str + str (exact types, so no subclass dunder is skipped): string building is most of
    // what text programs do, and the general path checks for dunders on both sides first.
    if let (BinOp::Add, Value::Object(x), Value::Object(y)) = (op, a, b) {
        if let (Kind::Str(s), Kind::Str(t)) = (&x.get().kind, &y.get().kind) {
            let str_type = types().str;
            if x.cls.get().ptr_eq(str_type) && y.cls.get().ptr_eq(str_type) {
                return Ok(crate::runtime::alloc::obj(
                    str_type,
                    Kind::Str(crate::runtime::str::PyStr::concat(s, t)),
                ));
            }
        }
    }
    let xy = match (a, b) {
        // Both exactly representable as doubles: one correctly rounded division, as CPython.
        (Value::Int(x), Value::Int(y))
            if op == BinOp::TrueDiv
                && x.unsigned_abs() <= 1 << 53
                && y.unsigned_abs() <= 1 << 53 =>
        {
            Some((x as f64, y as f64))
        }
        // Mixed int/float converts the int (i64 -> f64 rounds to nearest even, as CPython).
        (Value::Int(x), Value::Float(y)) => Some((x as f64, y)),
        (Value::Float(x), Value::Int(y)) => Some((x, y as f64)),
        _ => None,
    };
    if let Some((x, y)) = xy {
        match op {
            BinOp::Add => return Ok(Value::Float(x + y)),
            BinOp::Sub => return Ok(Value::Float(x - y)),
            BinOp::Mul => return Ok(Value::Float(x * y)),
            BinOp::TrueDiv if y != 0.0 => return Ok(Value::Float(x / y)),
            _ => {}
        }
    }
    binary_slow(vm, op, a, b, inplace)
}

fn is_heap(v: Value) -> bool {
    matches!(v, Value::Object(o) if type_obj(o.cls.get()).heap)
}

#[cold]
pub fn binary_slow(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
    let (name, rname, iname) = op.dunders();
    let ni = types().not_implemented;
    if inplace && is_heap(a) {
        if let Some(f) = lookup(type_of(a), intern_static(iname)) {
            let r = vm.call(f, &[a, b], &[])?;
            if !r.is(Value::Object(ni)) {
                return Ok(r);
            }
        }
    } else if inplace {
        if let Some(r) = builtin_inplace(vm, op, a, b)? {
            return Ok(r);
        }
    }
    if !is_heap(a) && !is_heap(b) {
        return match builtin_binary(vm, op, a, b)? {
            Some(v) => Ok(v),
            None => Err(unsupported(vm, op, a, b, inplace)),
        };
    }
    let (ta, tb) = (type_of(a), type_of(b));
    let left = if is_heap(a) {
        lookup(ta, intern_static(name))
    } else {
        None
    };
    let right = if is_heap(b) && !ta.ptr_eq(tb) {
        lookup(tb, intern_static(rname))
    } else {
        None
    };
    let mut tried_right = false;
    if let Some(rf) = right {
        if is_subtype(tb, ta) {
            tried_right = true;
            let r = vm.call(rf, &[b, a], &[])?;
            if !r.is(Value::Object(ni)) {
                return Ok(r);
            }
        }
    }
    let r = match left {
        Some(f) => Some(vm.call(f, &[a, b], &[])?),
        None => builtin_binary(vm, op, a, b)?,
    };
    if let Some(r) = r {
        if !r.is(Value::Object(ni)) {
            return Ok(r);
        }
    }
    if let (Some(rf), false) = (right, tried_right) {
        let r = vm.call(rf, &[b, a], &[])?;
        if !r.is(Value::Object(ni)) {
            return Ok(r);
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

impl Vm {
    /// For `a op b` (or `a op= b`) where `a`'s class defines `__op__` as a plain Python
    /// function that the protocol calls first: pushes its frame with `Ret::Binary(ret)` so it
    /// runs in the dispatch loop (a native re-entry per operator was a large share of
    /// operator-overloading programs). `false` leaves the operation to `binary`.
    pub fn push_binary_dunder(
        &mut self,
        a: Value,
        b: Value,
        op: BinOp,
        inplace: bool,
        ret: usize,
        slot: Option<&Cell<Cache>>,
    ) -> PyResult<bool> {
        let Value::Object(ao) = a else {
            return Ok(false);
        };
        let ta = ao.cls.get();
        if !type_obj(ta).heap {
            return Ok(false);
        }
        let (name, rname, iname) = op.dunders();
        if inplace && lookup(ta, intern_static(iname)).is_some() {
            return Ok(false);
        }
        // A subclass operand with a reflected method goes first: the general path does that.
        if let Value::Object(bo) = b {
            let tb = bo.cls.get();
            if !tb.ptr_eq(ta)
                && type_obj(tb).heap
                && is_subtype(tb, ta)
                && lookup(tb, intern_static(rname)).is_some()
            {
                return Ok(false);
            }
        }
        let Some(f) = frame_dunder(ta, name) else {
            return Ok(false);
        };
        remember_dunder(slot, ta, f);
        self.push_operands(f, &[a, b], crate::vm::frame::Ret::Binary(ret))?;
        self.pending
            .push(crate::vm::frame::Pending::Binary { a, b, op, inplace });
        self.safepoint();
        Ok(true)
    }

    /// `-v`, `+v`, `~v` on an instance whose class defines the dunder (`name`) as a plain Python
    /// function: pushes its frame, returning to register `ret`, so the operator runs in the
    /// dispatch loop instead of a native re-entry. `false` leaves the operation to `unary`.
    pub fn push_unary_dunder(
        &mut self,
        v: Value,
        name: &'static str,
        ret: usize,
        slot: Option<&Cell<Cache>>,
    ) -> PyResult<bool> {
        let Value::Object(o) = v else {
            return Ok(false);
        };
        let cls = o.cls.get();
        if !type_obj(cls).heap {
            return Ok(false);
        }
        let Some(f) = frame_dunder(cls, name) else {
            return Ok(false);
        };
        remember_dunder(slot, cls, f);
        self.push_operands(f, &[v], crate::vm::frame::Ret::Reg(ret))?;
        self.safepoint();
        Ok(true)
    }

    /// The frame of an operator's dunder `f` with the operands as its arguments, written into
    /// the window one by one when they are exactly its parameters: `push_frame` copies them with
    /// a call to `memcpy`, and its binding path is never needed then.
    #[inline]
    fn push_operands(
        &mut self,
        f: crate::gc::ObjRef,
        operands: &[Value],
        ret: crate::vm::frame::Ret,
    ) -> PyResult<()> {
        let pushed = self.push_frame_exact(f, operands.len(), ret, |stack, base| {
            for (i, &v) in operands.iter().enumerate() {
                stack[base + i] = v;
            }
        })?;
        if !pushed {
            self.push_frame(f, operands, &[], ret)?;
        }
        Ok(())
    }
}

/// Records in the operator's inline cache, when there is a JIT to read it (`slot`), that its
/// left operand's class (now) has `f` for it, for compiled code to call (`tier_up::lower`); the
/// interpreter itself never reads it.
fn remember_dunder(slot: Option<&Cell<Cache>>, cls: crate::gc::ObjRef, f: crate::gc::ObjRef) {
    let Some(slot) = slot else {
        return;
    };
    slot.set(Cache::Dunder {
        cls: cls.addr(),
        version: type_obj(cls).version.get(),
        func: Value::Object(f),
    });
}

/// The class's `name` when it is a plain Python function (not a generator), which an operator
/// can run as a frame of the dispatch loop.
fn frame_dunder(cls: crate::gc::ObjRef, name: &'static str) -> Option<crate::gc::ObjRef> {
    match lookup(cls, intern_static(name)) {
        Some(Value::Object(f)) if matches!(&f.kind, Kind::Function(func) if !func.code.is_generator) => {
            Some(f)
        }
        _ => None,
    }
}

/// The rest of `a op b` after `a.__op__(b)` (pushed by `push_binary_dunder`) returned
/// NotImplemented: `b`'s reflected method when its class differs, else TypeError.
pub fn binary_after_left(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> PyResult<Value> {
    let (ta, tb) = (type_of(a), type_of(b));
    if is_heap(b) && !ta.ptr_eq(tb) {
        if let Some(rf) = lookup(tb, intern_static(op.dunders().1)) {
            let r = vm.call(rf, &[b, a], &[])?;
            if !r.is(Value::Object(types().not_implemented)) {
                return Ok(r);
            }
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

fn unsupported(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> crate::runtime::exception::PyErr {
    let sym = if inplace && op != BinOp::Pow {
        format!("{}=", op.symbol())
    } else {
        op.symbol().to_string()
    };
    let sym = if inplace && op == BinOp::Pow {
        "**=".to_string()
    } else {
        sym
    };
    if op == BinOp::Mul {
        let seq = |v: Value| matches!(v, Value::Object(o) if matches!(o.kind, Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_)));
        if seq(a) {
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(b)
            ));
        }
        if seq(b) && !seq(a) {
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(a)
            ));
        }
    }
    if op == BinOp::Add {
        if let Value::Object(x) = a {
            if matches!(x.kind, Kind::Str(_)) && !is_heap(b) {
                return vm.type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    type_name(b)
                ));
            }
            if matches!(x.kind, Kind::List(_)) && !is_heap(b) {
                return vm.type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    type_name(b)
                ));
            }
            if matches!(x.kind, Kind::Bytes(_) | Kind::ByteArray(_)) && !is_heap(b) {
                return vm.type_error(format!("can't concat {} to {}", type_name(b), type_name(a)));
            }
            if matches!(x.kind, Kind::Tuple(_)) && !is_heap(b) {
                return vm.type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    type_name(b)
                ));
            }
        }
    }
    vm.type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// In-place mutation of builtin containers (`list += x`, `set |= x`, ...).
fn builtin_inplace(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    let Value::Object(o) = a else { return Ok(None) };
    match (&o.kind, op) {
        (Kind::List(_), BinOp::Add) => {
            let items = vm.collect_iter(b)?;
            if let Kind::List(l) = &o.kind {
                l.borrow_mut().extend(items);
            }
            Ok(Some(a))
        }
        (Kind::List(l), BinOp::Mul) => {
            let Some(n) = index_of(b) else {
                return Ok(None);
            };
            let mut l = l.borrow_mut();
            let items = l.clone();
            l.clear();
            for _ in 0..n.max(0) {
                l.extend_from_slice(&items);
            }
            Ok(Some(a))
        }
        (Kind::Set(_), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
            if o.cls.get().ptr_eq(types().set) && is_setlike(b) =>
        {
            let r = super::collections::set_op(vm, op, a, b)?;
            let items = vm.collect_iter(r)?;
            if let Kind::Set(s) = &o.kind {
                s.borrow_mut().clear();
            }
            for it in items {
                vm.set_add(a, it)?;
            }
            Ok(Some(a))
        }
        (Kind::Dict(_), BinOp::Or) => {
            vm.dict_update(a, b)?;
            Ok(Some(a))
        }
        _ => Ok(None),
    }
}

fn is_setlike(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Set(_) | Kind::DictView { .. }))
}

fn index_of(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    }
}

/// An operand of builtin numeric arithmetic. Big ints are borrowed from their objects: no
/// operation between two values needs a copy of either (pidigits spent a quarter of its time
/// copying digit vectors).
enum Num<'a> {
    Int(&'a BigInt),
    Small(i64),
    Float(f64),
}

fn num<'a>(v: Value) -> Option<Num<'a>> {
    match v {
        Value::Int(i) => Some(Num::Small(i)),
        Value::Bool(b) => Some(Num::Small(b as i64)),
        Value::Float(f) => Some(Num::Float(f)),
        Value::Object(o) => match &o.get().kind {
            Kind::BigInt(b) => Some(Num::Int(b)),
            _ => None,
        },
        Value::None => None,
    }
}

/// The builtin meaning of `a op b`, `None` when builtin types do not support it.
pub fn builtin_binary(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::And => return Ok(Some(Value::Bool(x & y))),
            BinOp::Or => return Ok(Some(Value::Bool(x | y))),
            BinOp::Xor => return Ok(Some(Value::Bool(x ^ y))),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return numeric(vm, op, x, y).map(Some);
    }
    let ((Value::Object(_), _) | (_, Value::Object(_))) = (a, b) else {
        return Ok(None);
    };
    super::collections::sequence_binary(vm, op, a, b)
}

fn float_of(n: &Num) -> Option<f64> {
    match n {
        Num::Small(i) => Some(*i as f64),
        Num::Float(f) => Some(*f),
        Num::Int(b) => b.to_f64().filter(|f| f.is_finite()),
    }
}

fn big_of<'a>(n: &Num<'a>) -> std::borrow::Cow<'a, BigInt> {
    match n {
        Num::Small(i) => std::borrow::Cow::Owned(BigInt::from(*i)),
        Num::Int(b) => std::borrow::Cow::Borrowed(*b),
        Num::Float(_) => std::borrow::Cow::Owned(BigInt::zero()),
    }
}

fn numeric(vm: &mut Vm, op: BinOp, x: Num, y: Num) -> PyResult<Value> {
    if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
        let (Some(a), Some(b)) = (float_of(&x), float_of(&y)) else {
            return Err(vm.overflow_error("int too large to convert to float"));
        };
        return float_op(vm, op, a, b);
    }
    match (&x, &y) {
        (Num::Small(a), Num::Small(b)) => {
            if let Some(v) = small_int_op(vm, op, *a, *b)? {
                return Ok(v);
            }
        }
        // A big int with a machine int: num-bigint's scalar forms, without widening the scalar.
        (Num::Int(a), Num::Small(b)) => match op {
            BinOp::Add => return Ok(pyint::from_bigint(*a + *b)),
            BinOp::Sub => return Ok(pyint::from_bigint(*a - *b)),
            BinOp::Mul => return Ok(pyint::from_bigint(*a * *b)),
            _ => {}
        },
        (Num::Small(a), Num::Int(b)) => match op {
            BinOp::Add => return Ok(pyint::from_bigint(*a + *b)),
            BinOp::Sub => return Ok(pyint::from_bigint(*a - *b)),
            BinOp::Mul => return Ok(pyint::from_bigint(*a * *b)),
            _ => {}
        },
        _ => {}
    }
    let (a, b) = (big_of(&x), big_of(&y));
    big_int_op(vm, op, &a, &b)
}

fn small_int_op(vm: &mut Vm, op: BinOp, a: i64, b: i64) -> PyResult<Option<Value>> {
    Ok(match op {
        BinOp::Add => a.checked_add(b).map(Value::Int),
        BinOp::Sub => a.checked_sub(b).map(Value::Int),
        BinOp::Mul => a.checked_mul(b).map(Value::Int),
        BinOp::TrueDiv => {
            if b == 0 {
                return Err(vm.zero_division("division by zero"));
            }
            None
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            floordiv_i64(a, b).map(Value::Int)
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            Some(Value::Int(mod_i64(a, b)))
        }
        BinOp::And => Some(Value::Int(a & b)),
        BinOp::Or => Some(Value::Int(a | b)),
        BinOp::Xor => Some(Value::Int(a ^ b)),
        BinOp::Shr => {
            if b < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            Some(Value::Int(if b >= 64 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> b
            }))
        }
        BinOp::Shl => {
            if b < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            if b < 63 && (a << b) >> b == a {
                Some(Value::Int(a << b))
            } else {
                None
            }
        }
        BinOp::Pow if b >= 0 => {
            let mut acc: i64 = 1;
            let mut ok = true;
            for _ in 0..b.min(64) {
                match acc.checked_mul(a) {
                    Some(v) => acc = v,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok && (b <= 64 || a == 0 || a == 1) {
                Some(Value::Int(if b > 64 && a == 0 { 0 } else { acc }))
            } else if ok && a == -1 {
                Some(Value::Int(if b % 2 == 0 { 1 } else { -1 }))
            } else {
                None
            }
        }
        _ => None,
    })
}

fn big_int_op(vm: &mut Vm, op: BinOp, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::And => a & b,
        BinOp::Or => a | b,
        BinOp::Xor => a ^ b,
        BinOp::TrueDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            return match pyint::true_div(a, b) {
                Some(f) => Ok(Value::Float(f)),
                None => Err(vm.overflow_error("integer division result too large for a float")),
            };
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            pyint::floordiv_big(a, b)
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            pyint::mod_big(a, b)
        }
        BinOp::Shl | BinOp::Shr => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = b.to_usize().unwrap_or(usize::MAX);
            if op == BinOp::Shl {
                if n > 1 << 32 {
                    return Err(vm.overflow_error("too many digits in integer"));
                }
                a << n
            } else if n > 1 << 32 {
                if a.is_negative() {
                    BigInt::from(-1)
                } else {
                    BigInt::zero()
                }
            } else {
                a >> n
            }
        }
        BinOp::Pow => {
            if b.is_negative() {
                let (Some(x), Some(y)) = (a.to_f64(), b.to_f64()) else {
                    return Err(vm.overflow_error("int too large to convert to float"));
                };
                if x == 0.0 {
                    return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(x.powf(y)));
            }
            let e = b.to_u64().unwrap_or(u64::MAX);
            if a.magnitude().bits() as u128 * e as u128 > 64 * 1024 * 1024 {
                return Err(vm.overflow_error("exponent too large"));
            }
            pyint::pow_big(a, e)
        }
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"));
        }
    };
    Ok(pyint::from_bigint(r))
}

pub fn float_op(vm: &mut Vm, op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return Err(vm.value_error("math domain error"));
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(vm.new_error(
                    types().overflow_error,
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        _ => {
            let (ta, tb) = ("float", "float");
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
                op.symbol()
            )));
        }
    };
    Ok(Value::Float(r))
}

/// CPython's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// Unary `-`, `+`, `~`.
pub fn unary(vm: &mut Vm, op: &str, v: Value) -> PyResult<Value> {
    match (op, v) {
        ("-", Value::Int(i)) => {
            return Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => pyint::from_bigint(-BigInt::from(i)),
            })
        }
        ("-", Value::Float(f)) => return Ok(Value::Float(-f)),
        ("-", Value::Bool(b)) => return Ok(Value::Int(-(b as i64))),
        ("+", Value::Int(_) | Value::Float(_)) => return Ok(v),
        ("+", Value::Bool(b)) => return Ok(Value::Int(b as i64)),
        ("~", Value::Int(i)) => return Ok(Value::Int(!i)),
        ("~", Value::Bool(b)) => return Ok(Value::Int(!(b as i64))),
        _ => {}
    }
    if let Some(b) = to_bigint(v).filter(|_| !is_heap(v)) {
        return Ok(pyint::from_bigint(match op {
            "-" => -b,
            "+" => b,
            _ => !b,
        }));
    }
    let name = match op {
        "-" => "__neg__",
        "+" => "__pos__",
        _ => "__invert__",
    };
    if let Some(f) = lookup(type_of(v), intern_static(name)) {
        return vm.call(f, &[v], &[]);
    }
    Err(vm.type_error(format!(
        "bad operand type for unary {op}: '{}'",
        type_name(v)
    )))
}
