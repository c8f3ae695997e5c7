//! Builtin modules implemented in Rust, by name (ONE registry table). This issue needs `sys`
//! and `gc`; the library issue adds the rest here.

pub mod gc;
pub mod sys;

use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::Vm;

type ModuleInit = fn(&mut Vm, Value) -> PyResult<()>;

/// Builtin modules: name and the function that fills its namespace.
pub const MODULES: &[(&str, ModuleInit)] = &[("gc", gc::init)];

/// A new module object with an empty namespace (plus `__name__`).
pub fn new_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let d = alloc::dict_obj();
    let m = alloc::obj(types().module, Kind::Module { name: name.to_string(), dict: d });
    vm.dict_set_str(Value::Object(d), "__name__", alloc::str(name))?;
    vm.dict_set_str(Value::Object(d), "__doc__", Value::None)?;
    Ok(m)
}

pub fn module_dict(m: Value) -> Value {
    match m {
        Value::Object(o) => match &o.get().kind {
            Kind::Module { dict, .. } => Value::Object(*dict),
            _ => Value::None,
        },
        _ => Value::None,
    }
}

/// Creates `sys` (always present in `sys.modules`) and the builtins module entry.
pub fn install(vm: &mut Vm, argv: Vec<String>) {
    if let Ok(m) = sys::create(vm, argv) {
        let _ = vm.dict_set_str(Value::Object(vm.modules), "sys", m);
        if let Value::Object(o) = m {
            vm.sys = o;
        }
    }
    let b = alloc::obj(types().module, Kind::Module { name: "builtins".into(), dict: vm.builtins });
    let _ = vm.dict_set_str(Value::Object(vm.modules), "builtins", b);
}

/// Loads a builtin module by name, `None` if there is none.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    for &(n, init) in MODULES {
        if n == name {
            let m = new_module(vm, name)?;
            let _g = crate::gc::roots::root(m);
            init(vm, module_dict(m))?;
            return Ok(Some(m));
        }
    }
    Ok(None)
}
