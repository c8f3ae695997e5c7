//! Struct sequences (CPython's `PyStructSequence`): tuple subclasses whose items are also
//! readable by field name and whose repr names them, e.g.
//! `sys.version_info(major=3, minor=11, micro=7, releaselevel='final', serial=0)`.
//! The type's dict holds `_fields` (read by the repr) and one property per field; instances
//! carry no attribute store, so fields cannot be assigned.

use crate::builtins::native;
use crate::runtime::alloc;
use crate::runtime::class::{type_obj, Layout};
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::object::{Kind, Object};
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::{new_type_obj, types};
use crate::runtime::value::Value;
use crate::vm::Vm;

fn item(args: &[Value], i: usize) -> Value {
    match args.first().and_then(|v| v.as_obj()).map(|o| &o.get().kind) {
        Some(Kind::Tuple(t)) => t.get(i).copied().unwrap_or(Value::None),
        _ => Value::None,
    }
}

macro_rules! getters {
    ($($i:literal => $name:ident),*) => {
        $(fn $name(_: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            Ok(item(args, $i))
        })*
        /// Field getters by index (natives carry no data, so one function per position).
        const GETTERS: &[NativeFn] = &[$($name),*];
    };
}

getters!(0 => g0, 1 => g1, 2 => g2, 3 => g3, 4 => g4, 5 => g5, 6 => g6, 7 => g7, 8 => g8,
    9 => g9, 10 => g10, 11 => g11);

fn repr(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let Some(this) = args.first().copied() else {
        return Err(vm.type_error("descriptor '__repr__' needs an argument"));
    };
    let cls = Value::Object(crate::vm::errors::type_of(this));
    let fields = vm.getattr_str(cls, "_fields")?;
    let module = vm.getattr_str(cls, "__module__")?;
    let name = vm.getattr_str(cls, "__name__")?;
    let names = vm.collect_iter(fields)?;
    let mut parts = Vec::with_capacity(names.len());
    for (i, n) in names.iter().enumerate() {
        let r = vm.repr(item(args, i))?;
        parts.push(format!("{}={r}", str_of(*n).unwrap_or("?")));
    }
    let module = str_of(module).unwrap_or("");
    let name = str_of(name).unwrap_or("");
    Ok(alloc::str(format!("{module}.{name}({})", parts.join(", "))))
}

fn put(cls: crate::gc::ObjRef, name: &str, v: Value) {
    let key = intern(name);
    let hash = match &key.kind {
        Kind::Str(s) => s.hash(),
        _ => 0,
    };
    type_obj(cls)
        .dict
        .borrow_mut()
        .push(hash, Value::Object(key), v);
    crate::runtime::class::invalidate(cls);
}

/// A new struct-sequence type `module.name` with the given fields (at most 12); pinned for
/// the whole run.
pub fn new_type(vm: &mut Vm, module: &str, name: &str, fields: &[&str]) -> crate::gc::ObjRef {
    let t = types();
    let mut tobj = new_type_obj(name, Layout::Tuple, vec![t.tuple]);
    // Marked as a heap type so the VM dispatches to the `__repr__` in its dict.
    tobj.heap = true;
    let cls = crate::gc::alloc(Object::new(t.type_, Kind::Type(tobj)));
    *type_obj(cls).mro.borrow_mut() = vec![cls, t.tuple, t.object];
    vm.pinned.push(Value::Object(cls));
    put(cls, "__module__", alloc::str(module));
    put(cls, "__repr__", native("__repr__", repr));
    let names = fields.iter().map(|f| alloc::str(*f)).collect();
    put(cls, "_fields", alloc::tuple(names));
    put(cls, "n_fields", Value::Int(fields.len() as i64));
    for (f, g) in fields.iter().zip(GETTERS) {
        let getter = native("__get__", *g);
        let prop = alloc::obj(
            t.property,
            Kind::Property(Box::new(crate::runtime::object::Property {
                get: getter,
                set: Value::None,
                del: Value::None,
                doc: Value::None,
            })),
        );
        put(cls, f, prop);
    }
    cls
}

/// An instance of a struct-sequence type.
pub fn new(cls: crate::gc::ObjRef, values: Vec<Value>) -> Value {
    alloc::obj(
        cls,
        Kind::Tuple(crate::runtime::tuple::TupleItems::from_vec(values)),
    )
}
