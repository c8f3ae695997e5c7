//! Creating exceptions from Rust with CPython's messages, and the type names they quote.

use super::Vm;
use crate::gc::ObjRef;
use crate::runtime::alloc;
use crate::runtime::class::type_obj;
use crate::runtime::exception::{ExcState, PyErr};
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use std::cell::RefCell;

/// The class of any value.
#[inline]
pub fn type_of(v: Value) -> ObjRef {
    let t = types();
    match v {
        Value::None => t.none_type,
        Value::Bool(_) => t.bool_,
        Value::Int(_) => t.int,
        Value::Float(_) => t.float,
        Value::Object(o) => o.cls.get(),
    }
}

/// `type(v).__name__`.
pub fn type_name(v: Value) -> String {
    type_obj(type_of(v)).name.borrow().clone()
}

impl Vm {
    /// What a class call requires of the value its `__init__` returned: None, else TypeError.
    pub fn init_returned(&mut self, v: Value) -> Result<(), PyErr> {
        if v.is_none() {
            return Ok(());
        }
        Err(self.type_error(format!(
            "__init__() should return None, not '{}'",
            type_name(v)
        )))
    }

    /// A new exception instance of `cls` with the given args.
    pub fn new_exception(&mut self, cls: ObjRef, args: Vec<Value>) -> ObjRef {
        let exc = alloc::instance_of(
            cls,
            Kind::Exception(Box::new(RefCell::new(ExcState::new(alloc::tuple(args))))),
        );
        exc.as_obj().expect("object")
    }

    pub fn new_error(&mut self, cls: ObjRef, msg: impl Into<String>) -> PyErr {
        let m = alloc::str(msg.into());
        PyErr(self.new_exception(cls, vec![m]))
    }

    pub fn type_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().type_error, msg)
    }

    pub fn value_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().value_error, msg)
    }

    pub fn index_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().index_error, msg)
    }

    pub fn attribute_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().attribute_error, msg)
    }

    pub fn zero_division(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().zero_division_error, msg)
    }

    pub fn overflow_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().overflow_error, msg)
    }

    pub fn runtime_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error(types().runtime_error, msg)
    }

    pub fn name_error(&mut self, name: &str) -> PyErr {
        self.new_error(types().name_error, format!("name '{name}' is not defined"))
    }

    pub fn key_error(&mut self, key: Value) -> PyErr {
        PyErr(self.new_exception(types().key_error, vec![key]))
    }

    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let args = if value.is_none() { vec![] } else { vec![value] };
        PyErr(self.new_exception(types().stop_iteration, args))
    }

    pub fn not_subscriptable(&mut self, v: Value) -> PyErr {
        self.type_error(format!("'{}' object is not subscriptable", type_name(v)))
    }

    pub fn not_iterable(&mut self, v: Value) -> PyErr {
        self.type_error(format!("'{}' object is not iterable", type_name(v)))
    }

    pub fn not_callable(&mut self, v: Value) -> PyErr {
        self.type_error(format!("'{}' object is not callable", type_name(v)))
    }

    /// True when the exception is an instance of `cls` (or a subclass).
    pub fn exc_matches(&self, e: PyErr, cls: ObjRef) -> bool {
        crate::runtime::class::is_subtype(e.0.cls.get(), cls)
    }
}
