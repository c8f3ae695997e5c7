//! Constructors for builtin objects (allocation never collects, so these can be chained freely).

use super::class::Layout;
use super::dict::Dict;
use super::iter::IterState;
use super::object::{Kind, Object};
use super::set::Set;
use super::tuple::TupleItems;
use super::types::types;
use super::value::Value;
use crate::gc::{self, ObjRef};
use std::cell::RefCell;

pub fn obj(cls: ObjRef, kind: Kind) -> Value {
    Value::Object(gc::alloc(Object::new(cls, kind)))
}

/// An instance of `cls` with the given builtin kind; user subclasses get an attribute store.
pub fn instance_of(cls: ObjRef, kind: Kind) -> Value {
    let t = super::class::type_obj(cls);
    let o = if t.heap {
        Object::with_attr_slots(cls, kind, t.attr_count.get() as usize)
    } else {
        Object::new(cls, kind)
    };
    Value::Object(gc::alloc(o))
}

/// An object that carries an attribute store whatever its class (functions).
pub fn instance_of_attrs(cls: ObjRef, kind: Kind) -> Value {
    Value::Object(gc::alloc(Object::with_attrs(cls, kind)))
}

pub fn str(s: impl AsRef<str> + Into<Box<str>>) -> Value {
    super::str::new_str(s)
}

/// The decimal text of `i` as a new str, written on the stack: `i.to_string()` went through
/// the formatting machinery and a heap `String` that the str then copied and freed.
pub fn int_str(i: i64) -> Value {
    // 19 digits and a sign for `i64::MIN`.
    let mut buf = [0u8; 20];
    let mut pos = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        pos -= 1;
        buf[pos] = b'-';
    }
    str(std::str::from_utf8(&buf[pos..]).expect("ASCII digits"))
}

pub fn bytes(b: Vec<u8>) -> Value {
    obj(types().bytes, Kind::Bytes(b.into_boxed_slice()))
}

pub fn list(v: Vec<Value>) -> Value {
    obj(types().list, Kind::List(RefCell::new(v)))
}

pub fn tuple(v: Vec<Value>) -> Value {
    obj(types().tuple, Kind::Tuple(TupleItems::from_vec(v)))
}

pub fn tuple_of(v: &[Value]) -> Value {
    obj(types().tuple, Kind::Tuple(TupleItems::from_slice(v)))
}

pub fn dict_obj() -> ObjRef {
    gc::alloc(Object::new(
        types().dict,
        Kind::Dict(Box::new(RefCell::new(Dict::new()))),
    ))
}

pub fn dict() -> Value {
    Value::Object(dict_obj())
}

pub fn set() -> Value {
    obj(types().set, Kind::Set(Box::new(RefCell::new(Set::new()))))
}

pub fn frozenset() -> Value {
    obj(
        types().frozenset,
        Kind::Set(Box::new(RefCell::new(Set::new()))),
    )
}

pub fn iter(cls: ObjRef, st: IterState) -> Value {
    obj(cls, Kind::Iter(RefCell::new(st)))
}

pub fn cell(v: Value) -> Value {
    obj(types().cell, Kind::Cell(std::cell::Cell::new(v)))
}

pub fn layout_of(cls: ObjRef) -> Layout {
    super::class::type_obj(cls).layout
}
