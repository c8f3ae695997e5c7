//! Methods and attributes of `range` and `slice`, and ranges beyond i64 (`BigRange`). Range
//! membership, `index` and `count` of ints are arithmetic (no iteration), so they are O(1) on
//! huge ranges.

use super::args::method_check;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::int::{from_bigint, to_bigint};
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::vm::ops::compare::eq;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

fn this_range(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<(BigInt, BigInt, BigInt)> {
    match args.first().and_then(|&v| range_parts(v)) {
        Some(p) => Ok(p),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'range' object"))),
    }
}

/// The position of int `x` in the range, if it is an element.
fn position(r: &(BigInt, BigInt, BigInt), x: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    let (start, stop, step) = r;
    let inside = if step.is_positive() {
        start <= x && x < stop
    } else {
        stop < x && x <= start
    };
    let (q, m) = (x - start).div_mod_floor(step);
    (inside && m.is_zero()).then_some(q)
}

pub fn range_index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "index", args, 2, 2)?;
    let r = this_range(vm, args, "index")?;
    let x = args[1];
    if let Some(i) = to_bigint(x) {
        if let Some(p) = position(&r, &i) {
            return Ok(from_bigint(p));
        }
    } else {
        let items = vm.collect_iter(args[0])?;
        let _g = crate::gc::roots::root_all(&items);
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
    method_check(vm, "count", args, 2, 2)?;
    let r = this_range(vm, args, "count")?;
    let x = args[1];
    if let Some(i) = to_bigint(x) {
        return Ok(Value::Int(position(&r, &i).is_some() as i64));
    }
    let items = vm.collect_iter(args[0])?;
    let _g = crate::gc::roots::root_all(&items);
    let mut n = 0;
    for it in items {
        if eq(vm, it, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

pub fn range_start(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(from_bigint(this_range(vm, args, "start")?.0))
}

pub fn range_stop(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(from_bigint(this_range(vm, args, "stop")?.1))
}

pub fn range_step(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(from_bigint(this_range(vm, args, "step")?.2))
}

fn this_slice(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<[Value; 3]> {
    if let Some(Value::Object(o)) = args.first() {
        if let Kind::Slice(s) = &o.kind {
            return Ok(**s);
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
    method_check(vm, "indices", args, 2, 2)?;
    let s = this_slice(vm, args, "indices")?;
    let len = vm.to_index(args[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let idx = vm.slice_indices(s, len as usize)?;
    Ok(alloc::tuple(vec![
        Value::Int(idx.start),
        Value::Int(idx.stop),
        Value::Int(idx.step),
    ]))
}

/// A range whose bounds do not all fit in i64 (`range(10**30)`): CPython's ranges are
/// unbounded, ours are `Kind::Range` (i64) unless a bound needs more. Results that fit are
/// demoted back to `Kind::Range`.
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

/// A range object from arbitrary int bounds (the canonical kind for its size).
pub fn make_range(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    use num_traits::ToPrimitive;
    let t = crate::runtime::types::types();
    if let (Some(a), Some(b), Some(c)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
        if !small_range_fits(a, b, c) {
            return alloc::obj(
                t.range,
                Kind::BigRange(Box::new(BigRange { start, stop, step })),
            );
        }
        return alloc::obj(
            t.range,
            Kind::Range {
                start: a,
                stop: b,
                step: c,
            },
        );
    }
    alloc::obj(
        t.range,
        Kind::BigRange(Box::new(BigRange { start, stop, step })),
    )
}

/// Whether a range of i64 bounds also has an i64 length, so that `Kind::Range` (whose length
/// and item arithmetic are done in i64) can hold it.
pub fn small_range_fits(start: i64, stop: i64, step: i64) -> bool {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let len = if step > 0 && stop > start {
        (stop - start + step - 1) / step
    } else if step < 0 && stop < start {
        (start - stop - step - 1) / -step
    } else {
        0
    };
    len <= i64::MAX as i128
}

/// (start, stop, step) of either range kind.
pub fn range_parts(v: Value) -> Option<(BigInt, BigInt, BigInt)> {
    let Value::Object(o) = v else { return None };
    match &o.get().kind {
        Kind::Range { start, stop, step } => Some((
            BigInt::from(*start),
            BigInt::from(*stop),
            BigInt::from(*step),
        )),
        Kind::BigRange(r) => Some((r.start.clone(), r.stop.clone(), r.step.clone())),
        _ => None,
    }
}

/// The number of elements (CPython's `compute_range_length`).
pub fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    use num_integer::Integer;
    let (lo, hi, st) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        return BigInt::zero();
    }
    (hi - lo - 1u32).div_floor(&st) + 1u32
}

/// `len()` of a big range: OverflowError beyond a C ssize_t.
pub fn big_range_len(vm: &mut Vm, r: &BigRange) -> PyResult<usize> {
    use num_traits::ToPrimitive;
    match big_len(&r.start, &r.stop, &r.step).to_i64() {
        Some(n) => Ok(n as usize),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

pub fn big_range_repr(r: &BigRange) -> String {
    if r.step == BigInt::from(1) {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

pub fn big_range_contains(r: &BigRange, x: Value) -> Option<bool> {
    use num_integer::Integer;
    let x = to_bigint(x)?;
    let inside = if r.step.is_positive() {
        r.start <= x && x < r.stop
    } else {
        r.stop < x && x <= r.start
    };
    Some(inside && (&x - &r.start).mod_floor(&r.step).is_zero())
}

/// `r[key]` for a big range: an int index or a slice (another range).
pub fn big_range_getitem(vm: &mut Vm, r: &BigRange, key: Value) -> PyResult<Value> {
    let len = big_len(&r.start, &r.stop, &r.step);
    if let Value::Object(k) = key {
        if let Kind::Slice(s) = &k.kind {
            let [a, b, c] = &**s;
            let step = if c.is_none() {
                BigInt::from(1)
            } else {
                slice_int(vm, *c)?
            };
            if step.is_zero() {
                return Err(vm.value_error("slice step cannot be zero"));
            }
            let neg = step.is_negative();
            let (lower, upper) = if neg {
                (BigInt::from(-1), &len - 1u32)
            } else {
                (BigInt::zero(), len.clone())
            };
            let clamp = |vm: &mut Vm, v: Value, dflt: &BigInt| -> PyResult<BigInt> {
                if v.is_none() {
                    return Ok(dflt.clone());
                }
                let mut i = slice_int(vm, v)?;
                if i.is_negative() {
                    i += &len;
                    if i < lower {
                        i = lower.clone();
                    }
                } else if i > upper {
                    i = upper.clone();
                }
                Ok(i)
            };
            let start = clamp(vm, *a, if neg { &upper } else { &lower })?;
            let stop = clamp(vm, *b, if neg { &lower } else { &upper })?;
            return Ok(make_range(
                &r.start + &start * &r.step,
                &r.start + &stop * &r.step,
                &r.step * &step,
            ));
        }
    }
    let mut i = match to_bigint(key) {
        Some(b) => b,
        None if crate::vm::ops::protocol::dunder_of(key, "__index__").is_some() => {
            BigInt::from(vm.to_index(key)?)
        }
        None => {
            return Err(vm.type_error(format!(
                "range indices must be integers or slices, not {}",
                crate::vm::errors::type_name(key)
            )))
        }
    };
    if i.is_negative() {
        i += &len;
    }
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(from_bigint(&r.start + i * &r.step))
}

fn slice_int(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    match to_bigint(v) {
        Some(b) => Ok(b),
        None => Ok(BigInt::from(vm.to_index(v)?)),
    }
}

/// `==` of two ranges: the same sequence of values (not the same arguments).
pub fn range_eq(a: Value, b: Value) -> Option<bool> {
    let (p, q) = (range_parts(a)?, range_parts(b)?);
    let (lp, lq) = (big_len(&p.0, &p.1, &p.2), big_len(&q.0, &q.1, &q.2));
    Some(if lp != lq {
        false
    } else if lp.is_zero() {
        true
    } else if lp == BigInt::from(1) {
        p.0 == q.0
    } else {
        p.0 == q.0 && p.2 == q.2
    })
}

/// `hash(range)`: the hash of (len, start, step) with CPython's None placeholders.
pub fn range_hash_key(v: Value) -> Option<Value> {
    let (start, stop, step) = range_parts(v)?;
    let n = big_len(&start, &stop, &step);
    Some(if n.is_zero() {
        alloc::tuple(vec![Value::Int(0), Value::None, Value::None])
    } else if n == BigInt::from(1) {
        alloc::tuple(vec![Value::Int(1), from_bigint(start), Value::None])
    } else {
        alloc::tuple(vec![from_bigint(n), from_bigint(start), from_bigint(step)])
    })
}
