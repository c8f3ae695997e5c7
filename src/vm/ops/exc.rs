//! Raising and catching: instantiating exception classes, `__cause__`/`__context__` chaining,
//! `except` matching, `except*` splitting, and the `with` protocol.

use crate::gc::roots;
use crate::runtime::class::{is_subtype, lookup, type_obj, Layout};
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::str::intern;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::Vm;

fn is_exc_class(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Type(_)) && is_subtype(o, types().base_exception))
}

fn is_exc_instance(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Exception(_)))
}

impl Vm {
    /// The exception object for `raise v` (a class is instantiated).
    pub fn to_exception(&mut self, v: Value, what: &str) -> PyResult<PyErr> {
        if is_exc_instance(v) {
            return Ok(PyErr(v.as_obj().expect("object")));
        }
        if is_exc_class(v) {
            let inst = self.call(v, &[], &[])?;
            if is_exc_instance(inst) {
                return Ok(PyErr(inst.as_obj().expect("object")));
            }
            let r = self.repr(v)?;
            return Err(self.type_error(format!(
                "calling {r} should have returned an instance of BaseException, not {}",
                type_name(inst)
            )));
        }
        Err(self.type_error(what.to_string()))
    }

    pub fn make_raise(&mut self, v: Value, cause: Option<Value>) -> PyResult<PyErr> {
        let e = self.to_exception(v, "exceptions must derive from BaseException")?;
        let _g = roots::root(Value::Object(e.0));
        if let Some(c) = cause {
            let cv = if c.is_none() {
                Value::None
            } else if is_exc_class(c) || is_exc_instance(c) {
                Value::Object(self.to_exception(c, "")?.0)
            } else {
                return Err(self.type_error("exception causes must derive from BaseException"));
            };
            if let Kind::Exception(st) = &e.0.kind {
                let mut st = st.borrow_mut();
                st.cause = cv;
                st.suppress_context = true;
            }
        }
        Ok(e)
    }

    /// Sets the implicit `__context__` of an exception being raised while another is handled.
    pub fn chain_context(&mut self, e: PyErr) {
        let h = self.handled;
        if let Value::Object(ho) = h {
            if ho.ptr_eq(e.0) {
                return;
            }
            // Avoid cycles: cut the chain where `e` already appears.
            let mut cur = h;
            while let Value::Object(c) = cur {
                let next = match &c.kind {
                    Kind::Exception(st) => st.borrow().context,
                    _ => Value::None,
                };
                if let Value::Object(n) = next {
                    if n.ptr_eq(e.0) {
                        if let Kind::Exception(st) = &c.kind {
                            st.borrow_mut().context = Value::None;
                        }
                        break;
                    }
                }
                cur = next;
            }
            if let Kind::Exception(st) = &e.0.kind {
                let mut st = st.borrow_mut();
                if st.context.is_none() {
                    st.context = h;
                }
            }
        }
    }

    pub fn exc_match_op(&mut self, exc: Value, ty: Value) -> PyResult<bool> {
        let classes = match ty {
            Value::Object(o) if matches!(o.kind, Kind::Tuple(_)) => self.seq_items(ty),
            _ => vec![ty],
        };
        for c in &classes {
            if !is_exc_class(*c) {
                return Err(self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
        let cls = type_of(exc);
        Ok(classes
            .iter()
            .any(|c| is_subtype(cls, c.as_obj().expect("class"))))
    }

    /// Minimal `except*` support: a plain exception matches as a whole.
    pub fn eg_match_op(&mut self, eg: Value, ty: Value) -> PyResult<(Value, Value)> {
        if self.exc_match_op(eg, ty)? {
            let group = self
                .dict_get_str(Value::Object(self.builtins), intern("ExceptionGroup"))
                .unwrap_or(Value::None);
            let _ = group;
            Ok((eg, Value::None))
        } else {
            Ok((Value::None, eg))
        }
    }

    pub fn prep_reraise_star(&mut self, orig: Value, raised: Value) -> PyResult<Value> {
        let items = self.seq_items(raised);
        let _ = orig;
        Ok(items
            .into_iter()
            .find(|v| !v.is_none())
            .unwrap_or(Value::None))
    }

    pub fn with_enter(&mut self, mgr: Value) -> PyResult<(Value, Value)> {
        let cls = type_of(mgr);
        let enter = lookup(cls, intern("__enter__"));
        let exit = lookup(cls, intern("__exit__"));
        let (Some(enter), Some(exit)) = (enter, exit) else {
            return Err(self.type_error(format!(
                "'{}' object does not support the context manager protocol",
                type_name(mgr)
            )));
        };
        let bound_exit = self.bind(exit, mgr, cls)?;
        let _g = roots::root(bound_exit);
        let r = self.call(enter, &[mgr], &[])?;
        Ok((r, bound_exit))
    }

    pub fn with_exit(&mut self, exit: Value, exc: Value) -> PyResult<Value> {
        if exc.is_none() {
            return self.call(exit, &[Value::None, Value::None, Value::None], &[]);
        }
        let tb = self.getattr(exc, intern("__traceback__"))?;
        self.call(exit, &[Value::Object(type_of(exc)), exc, tb], &[])
    }

    /// `BaseException.__init__`-style args storage for a new exception.
    pub fn exception_args(&self, v: Value) -> Value {
        match v {
            Value::Object(o) => match &o.kind {
                Kind::Exception(st) => st.borrow().args,
                _ => Value::None,
            },
            _ => Value::None,
        }
    }

    pub fn is_exception_class(&self, v: Value) -> bool {
        is_exc_class(v)
            || matches!(v, Value::Object(o) if matches!(o.kind, Kind::Type(_)) && type_obj(o).layout == Layout::Exception)
    }
}
