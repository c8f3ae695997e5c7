//! Standard modules, by name: ONE table of modules implemented in Rust (`MODULES`: name → the
//! function filling the module's namespace) and ONE table of modules written in Python
//! (`embedded::SOURCES`: name → embedded source, compiled by pylift when first imported).
//! A Python module may import a private Rust helper module (`_name`) for its hot paths.

pub mod conv;
pub mod embedded;
pub mod gc;
pub mod json;
pub mod math;
pub mod os;
pub mod random;
pub mod re;
pub mod structseq;
pub mod sys;
pub mod sys_info;
pub mod time;

use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::Vm;

type ModuleInit = fn(&mut Vm, Value) -> PyResult<()>;

/// Builtin modules: name and the function that fills its namespace.
pub const MODULES: &[(&str, ModuleInit)] = &[
    ("_json", json::init),
    ("gc", gc::init),
    ("importlib", crate::import::importlib_init),
    ("math", math::init),
    ("_os", os::init),
    ("_random", random::init),
    ("_re", re::init),
    ("time", time::init),
];

/// A new module object with an empty namespace (plus `__name__`).
pub fn new_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let d = alloc::dict_obj();
    let m = alloc::obj(
        types().module,
        Kind::Module {
            name: name.to_string(),
            dict: d,
        },
    );
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
    let b = alloc::obj(
        types().module,
        Kind::Module {
            name: "builtins".into(),
            dict: vm.builtins,
        },
    );
    let _ = vm.dict_set_str(Value::Object(vm.modules), "builtins", b);
}

/// Loads a standard module by name, `None` if there is none. A Python module is entered in
/// `sys.modules` before its body runs (as CPython does), so imports among modules may cycle.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    if let Some(&(_, init)) = MODULES.iter().find(|(n, _)| *n == name) {
        let m = new_module(vm, name)?;
        let _g = crate::gc::roots::root(m);
        init(vm, module_dict(m))?;
        return Ok(Some(m));
    }
    match embedded::source(name) {
        Some(src) => embedded::exec(vm, name, src).map(Some),
        None => Ok(None),
    }
}
