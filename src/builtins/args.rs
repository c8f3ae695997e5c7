//! Argument checking for natives: counts and keyword lookup with CPython's messages.

use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// The keyword argument `name`, if passed.
pub fn kw(kwargs: KwArgs, name: &str) -> Option<Value> {
    kwargs.iter().find(|(k, _)| str_of(Value::Object(*k)) == Some(name)).map(|(_, v)| *v)
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
        format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
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
