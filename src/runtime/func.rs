//! Functions (code + globals + defaults + closure cells) and native builtins.

use super::value::Value;
use crate::gc::{Marker, ObjRef};
use crate::runtime::exception::PyResult;
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Function {
    pub code: Rc<CodeRt>,
    pub globals: ObjRef,
    pub name: Cell<Value>,
    pub qualname: Cell<Value>,
    pub defaults: RefCell<Box<[Value]>>,
    /// A dict of keyword-only defaults, or None.
    pub kwdefaults: Cell<Value>,
    pub closure: RefCell<Box<[ObjRef]>>,
    pub doc: Cell<Value>,
    pub module: Cell<Value>,
}

impl Function {
    pub fn trace(&self, m: &mut Marker) {
        m.obj(self.globals);
        m.value(self.name.get());
        m.value(self.qualname.get());
        m.values(&self.defaults.borrow());
        m.value(self.kwdefaults.get());
        m.value(self.doc.get());
        m.value(self.module.get());
        for &c in self.closure.borrow().iter() {
            m.obj(c);
        }
        self.code.trace(m);
    }
}

/// Keyword arguments as passed to natives: (interned name, value).
pub type KwArgs<'a> = &'a [(ObjRef, Value)];

/// A native function. Methods of builtin types receive `self` as `args[0]`.
pub type NativeFn = fn(&mut Vm, &[Value], KwArgs) -> PyResult<Value>;

pub struct BuiltinFn {
    pub name: &'static str,
    pub f: NativeFn,
}
