//! Exception objects and `PyResult`: a raised exception travels through Rust as `PyErr`, a
//! reference to the exception instance (so it is one word and rooted like any object while
//! unwinding), with its traceback entries kept in the instance.

use super::value::Value;
use crate::gc::{Marker, ObjRef};
use crate::vm::code::CodeRt;
use std::rc::Rc;

#[derive(Clone, Copy, Debug)]
pub struct PyErr(pub ObjRef);

pub type PyResult<T> = Result<T, PyErr>;

/// One traceback line: the code object and the pc that was executing.
#[derive(Clone)]
pub struct TbEntry {
    pub code: Rc<CodeRt>,
    pub pc: usize,
}

pub struct ExcState {
    /// A tuple.
    pub args: Value,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    pub traceback: Vec<TbEntry>,
    /// Whether `traceback` was replaced by `with_traceback(None)` / assigned.
    pub notes: Value,
}

impl ExcState {
    pub fn new(args: Value) -> ExcState {
        ExcState {
            args,
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
            traceback: Vec::new(),
            notes: Value::None,
        }
    }

    pub fn trace(&self, m: &mut Marker) {
        m.values(&[self.args, self.cause, self.context, self.notes]);
        for e in &self.traceback {
            e.code.trace(m);
        }
    }
}
