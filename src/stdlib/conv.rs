//! Argument conversions shared by the Rust modules, with CPython's messages: a real number to
//! `f64` (`__float__`, `__index__`), an integer to `BigInt` (`__index__`), keyword lookup, and
//! the mapping of numeric-kernel errors to Python exceptions.

use crate::numeric::{MathError, MathExc};
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::int;
use crate::runtime::str::str_of;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::ops::protocol::dunder_of;
use crate::vm::Vm;
use num_bigint::BigInt;

/// Registers natives in a module namespace.
pub fn add_functions(vm: &mut Vm, d: Value, fns: &[(&'static str, NativeFn)]) -> PyResult<()> {
    for &(name, f) in fns {
        vm.dict_set_str(d, name, crate::builtins::native(name, f))?;
    }
    Ok(())
}

/// A float argument: floats, ints (OverflowError if too large), `__float__`, `__index__`.
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f),
        Value::Int(i) => Ok(i as f64),
        Value::Bool(b) => Ok(b as i64 as f64),
        _ if int::is_int(v) => match int::to_f64(v) {
            Some(f) => Ok(f),
            None => Err(vm.overflow_error("int too large to convert to float")),
        },
        _ => {
            if let Some(f) = dunder_of(v, "__float__") {
                let r = vm.call(f, &[v], &[])?;
                if let Value::Float(x) = r {
                    return Ok(x);
                }
                return Err(vm.type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    type_name(v),
                    type_name(r)
                )));
            }
            if let Some(f) = dunder_of(v, "__index__") {
                let r = vm.call(f, &[v], &[])?;
                return to_f64(vm, r);
            }
            Err(vm.type_error(format!("must be real number, not {}", type_name(v))))
        }
    }
}

/// An integer argument (`__index__` honoured).
pub fn to_bigint(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(b) = int::to_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = dunder_of(v, "__index__") {
        let r = vm.call(f, &[v], &[])?;
        if let Some(b) = int::to_bigint(r) {
            return Ok(b);
        }
        return Err(vm.type_error(format!(
            "__index__ returned non-int (type {})",
            type_name(r)
        )));
    }
    Err(vm.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    )))
}

/// The Python exception for a numeric-kernel error.
pub fn math_error(vm: &mut Vm, e: MathError) -> PyErr {
    let t = types();
    let cls = match e.kind() {
        MathExc::ValueError => t.value_error,
        MathExc::OverflowError => t.overflow_error,
        MathExc::ZeroDivisionError => t.zero_division_error,
        MathExc::IndexError => t.index_error,
        MathExc::TypeError => t.type_error,
        MathExc::MemoryError => t.memory_error,
    };
    vm.new_error(cls, e.to_string())
}

/// Positional argument `i`, else keyword `name`, else `None`.
pub fn arg(args: &[Value], kwargs: KwArgs, i: usize, name: &str) -> Option<Value> {
    args.get(i)
        .copied()
        .or_else(|| crate::builtins::args::kw(kwargs, name))
}

/// Rejects keywords other than `allowed`, with CPython's message.
pub fn check_kwargs(vm: &mut Vm, fname: &str, kwargs: KwArgs, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kwargs {
        let k = str_of(Value::Object(*k)).unwrap_or("");
        if !allowed.contains(&k) {
            return Err(vm.type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(())
}
