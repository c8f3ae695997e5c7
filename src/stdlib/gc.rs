//! The `gc` module: `collect()` runs a full collection and returns the number of objects freed.

use crate::builtins::native;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::value::Value;
use crate::vm::Vm;

fn collect(vm: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Int(vm.collect() as i64))
}

fn enable(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::gc::set_enabled(true);
    Ok(Value::None)
}

fn disable(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::gc::set_enabled(false);
    Ok(Value::None)
}

fn isenabled(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Bool(crate::gc::is_enabled()))
}

fn get_count(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    let (allocated, _, _) = crate::gc::counts();
    Ok(alloc::tuple(vec![
        Value::Int(allocated as i64),
        Value::Int(0),
        Value::Int(0),
    ]))
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    for (name, f) in [
        ("collect", collect as crate::runtime::func::NativeFn),
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("get_count", get_count),
    ] {
        vm.dict_set_str(d, name, native(name, f))?;
    }
    Ok(())
}
