//! Heap objects: a class pointer, optional instance attributes (shape + slot vector) and the
//! kind-specific payload. Every builtin type's instances are one `Kind` variant; instances of
//! user classes are `Kind::Instance`, or the builtin kind of the builtin they subclass (a
//! `class D(dict)` instance is a `Kind::Dict` whose class is `D`) with `attrs` present.
//!
//! Interior mutability is per field (`RefCell`/`Cell`). Code that calls back into Python must
//! not hold a `RefCell` borrow across the call (copy out first), so re-entrant mutation can
//! never panic.

use super::class::TypeObj;
use super::dict::Dict;
use super::exception::ExcState;
use super::func::{BuiltinFn, Function};
use super::iter::IterState;
use super::set::Set;
use super::shape::Attrs;
use super::str::PyStr;
use super::tuple::TupleItems;
use super::value::Value;
use crate::gc::{Marker, ObjRef};
use crate::vm::frame::GenState;
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};

pub struct Object {
    pub cls: Cell<ObjRef>,
    /// Boxed: most objects (strs, tuples, lists) have none, and inline it would make every
    /// heap object 40 bytes larger (see `gc`'s box size test).
    pub attrs: Option<Box<RefCell<Attrs>>>,
    pub kind: Kind,
}

pub enum Kind {
    Str(PyStr),
    /// An int outside i64 (ints that fit are always `Value::Int`).
    BigInt(BigInt),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    File(crate::builtins::file::FileRef),
    List(RefCell<Vec<Value>>),
    Tuple(TupleItems),
    /// Boxed: a dict's table is the largest payload, and inline it would set every heap
    /// object's size.
    Dict(Box<RefCell<Dict>>),
    /// `set` and `frozenset` (which one is decided by the class). Boxed, as `Slice`: inline
    /// either would make every heap object a word larger.
    Set(Box<RefCell<Set>>),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    /// A range with a bound outside i64.
    BigRange(Box<crate::builtins::range_methods::BigRange>),
    Slice(Box<[Value; 3]>),
    /// Boxed, like `Type`: every heap object is as large as the largest `Kind`.
    Function(Box<Function>),
    Builtin(BuiltinFn),
    Method {
        func: Value,
        recv: Value,
    },
    Cell(Cell<Value>),
    Module {
        name: String,
        dict: ObjRef,
    },
    Type(Box<TypeObj>),
    Instance,
    /// Boxed, like `Generator`: rare objects whose state would set every object's size.
    Exception(Box<RefCell<ExcState>>),
    Generator(Box<RefCell<GenState>>),
    Iter(RefCell<IterState>),
    DictView {
        dict: ObjRef,
        which: DictPart,
    },
    /// Boxed: four values would set every heap object's size.
    Property(Box<Property>),
    StaticMethod(Value),
    ClassMethod(Value),
    Super {
        start: ObjRef,
        obj: Value,
    },
    Traceback(Value),
    NotImplemented,
    Ellipsis,
}

// Every heap object is a 64-byte box (`gc`): the class, `attrs` and this. CPython's 2-tuple
// takes 56 bytes, and a tracing heap also holds the garbage until a collection.
const _: () = assert!(std::mem::size_of::<Kind>() <= 48, "Kind grew");

/// A `property`'s accessors and doc (`None` where absent).
pub struct Property {
    pub get: Value,
    pub set: Value,
    pub del: Value,
    pub doc: Value,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

impl Object {
    pub fn new(cls: ObjRef, kind: Kind) -> Object {
        Object {
            cls: Cell::new(cls),
            attrs: None,
            kind,
        }
    }

    pub fn with_attrs(cls: ObjRef, kind: Kind) -> Object {
        Object::with_attr_slots(cls, kind, 0)
    }

    /// An object with attributes, with room for `n` of them.
    pub fn with_attr_slots(cls: ObjRef, kind: Kind, n: usize) -> Object {
        Object {
            cls: Cell::new(cls),
            attrs: Some(super::shape::attrs_box(n)),
            kind,
        }
    }

    /// Heap bytes beyond the box, approximated at allocation (for the collection threshold).
    pub fn extra_size(&self) -> usize {
        match &self.kind {
            Kind::Str(s) => s.as_str().len(),
            // The digits: a program of big ints (pidigits) made gigabytes of garbage between
            // collections while they counted for nothing.
            Kind::BigInt(b) => (b.bits() / 8) as usize,
            Kind::Bytes(b) => b.len(),
            Kind::ByteArray(b) => b.borrow().capacity(),
            Kind::List(v) => v.borrow().capacity() * 16,
            Kind::Tuple(v) => v.extra_size(),
            Kind::Dict(d) => d.borrow().len() * 48,
            _ => 0,
        }
    }

    /// `Some(extra_size)` when the object references nothing but its class (`trace` marks only
    /// that): one test of the kind for the collector, which asks it of every item of a container.
    #[inline]
    pub fn leaf_size(&self) -> Option<usize> {
        if self.attrs.is_some() {
            return None;
        }
        match &self.kind {
            Kind::Str(s) => Some(s.as_str().len()),
            Kind::BigInt(b) => Some((b.bits() / 8) as usize),
            Kind::Bytes(b) => Some(b.len()),
            Kind::Range { .. } => Some(0),
            _ => None,
        }
    }

    /// Marks everything this object references.
    pub fn trace(&self, m: &mut Marker) {
        m.obj(self.cls.get());
        if let Some(a) = &self.attrs {
            m.values(&a.borrow().values);
        }
        match &self.kind {
            Kind::Str(_)
            | Kind::BigInt(_)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
            | Kind::File(_)
            | Kind::Range { .. }
            | Kind::BigRange(_)
            | Kind::Instance
            | Kind::NotImplemented
            | Kind::Ellipsis => {}
            Kind::List(v) => m.values(&v.borrow()),
            Kind::Tuple(v) => m.values(v),
            Kind::Dict(d) => d.borrow().trace(m),
            Kind::Set(s) => s.borrow().trace(m),
            Kind::Slice(v) => m.values(&**v),
            Kind::Function(f) => f.trace(m),
            Kind::Builtin(_) => {}
            Kind::Method { func, recv } => {
                m.value(*func);
                m.value(*recv);
            }
            Kind::Cell(c) => m.value(c.get()),
            Kind::Module { dict, .. } => m.obj(*dict),
            Kind::Type(t) => t.trace(m),
            Kind::Exception(e) => e.borrow().trace(m),
            Kind::Generator(g) => g.borrow().trace(m),
            Kind::Iter(i) => i.borrow().trace(m),
            Kind::DictView { dict, .. } => m.obj(*dict),
            Kind::Property(p) => m.values(&[p.get, p.set, p.del, p.doc]),
            Kind::StaticMethod(v) | Kind::ClassMethod(v) | Kind::Traceback(v) => m.value(*v),
            Kind::Super { start, obj } => {
                m.obj(*start);
                m.value(*obj);
            }
        }
    }
}
