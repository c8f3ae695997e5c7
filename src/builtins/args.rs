//! Argument checking for natives: counts and keyword lookup with CPython's messages.

use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::func::KwArgs;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// The keyword argument `name`, if passed.
pub fn kw(kwargs: KwArgs, name: &str) -> Option<Value> {
    kwargs
        .iter()
        .find(|(k, _)| str_of(Value::Object(*k)) == Some(name))
        .map(|(_, v)| *v)
}

/// Checks `min <= args.len() <= max` for `name()`.
pub fn check(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(vm.type_error(msg))
}

pub fn no_kwargs(vm: &mut Vm, name: &str, kwargs: KwArgs) -> PyResult<()> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// Argument count check for a method of a builtin type: `args[0]` is self, and `min`/`max`
/// count it. Messages follow CPython's calling conventions: `list.append() takes exactly one
/// argument (0 given)`, `str.upper() takes no arguments (1 given)`, `pop expected at least 1
/// argument, got 0`.
///
/// Inline because every call of a builtin method checks its count and nearly always passes.
#[inline]
pub fn method_check(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(method_count_error(vm, name, args, min, max))
}

#[cold]
fn method_count_error(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyErr {
    let n = args.len();
    let (given, min, max) = (
        n.saturating_sub(1),
        min.saturating_sub(1),
        max.saturating_sub(1),
    );
    let ty = args
        .first()
        .map_or_else(String::new, |&v| crate::vm::errors::type_name(v));
    let msg = match (min, max) {
        (0, 0) => format!("{ty}.{name}() takes no arguments ({given} given)"),
        (1, 1) => format!("{ty}.{name}() takes exactly one argument ({given} given)"),
        _ if given < min => format!(
            "{name} expected at least {min} argument{}, got {given}",
            if min == 1 { "" } else { "s" }
        ),
        _ => format!(
            "{name} expected at most {max} argument{}, got {given}",
            if max == 1 { "" } else { "s" }
        ),
    };
    vm.type_error(msg)
}
