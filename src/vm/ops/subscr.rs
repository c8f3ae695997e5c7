//! Subscripts: `obj[key]`, `obj[key] = v`, `del obj[key]` for builtin sequences and mappings
//! (negative indices, slices with steps, slice assignment) and user `__getitem__` & co.

use super::protocol::dunder_of;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::int::to_bigint;
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;
use num_traits::{Signed, ToPrimitive};

/// Resolved slice bounds over a sequence of `len` items.
pub struct SliceIdx {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl SliceIdx {
    /// The positions the slice selects, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> {
        let SliceIdx { start, stop, step } = *self;
        std::iter::successors(Some(start), move |&i| i.checked_add(step))
            .take_while(move |&i| if step > 0 { i < stop } else { i > stop })
            .map(|i| i as usize)
    }

    pub fn indices(&self) -> Vec<usize> {
        self.iter().collect()
    }
}

impl Vm {
    /// An index argument as i64 (`__index__` for ints and bools).
    pub fn to_index(&mut self, v: Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            Value::Object(o) => match &o.kind {
                Kind::BigInt(b) => Ok(if b.is_negative() { i64::MIN } else { i64::MAX }),
                _ => {
                    if let Some(f) = dunder_of(v, "__index__") {
                        let r = self.call(f, &[v], &[])?;
                        return self.to_index(r);
                    }
                    Err(self.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(v)
                    )))
                }
            },
            _ => Err(self.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            ))),
        }
    }

    pub fn slice_indices(&mut self, slice: [Value; 3], len: usize) -> PyResult<SliceIdx> {
        let len = len as i64;
        let step = if slice[2].is_none() {
            1
        } else {
            self.slice_bound(slice[2])?
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let fix = |vm: &mut Vm, v: Value, default: i64| -> PyResult<i64> {
            if v.is_none() {
                return Ok(default);
            }
            let mut i = vm.slice_bound(v)?;
            if i < 0 {
                i += len;
                if i < lo {
                    i = lo;
                }
            } else if i > hi {
                i = hi;
            }
            Ok(i)
        };
        let start = fix(self, slice[0], if step < 0 { hi } else { lo })?;
        let stop = fix(self, slice[1], if step < 0 { lo } else { hi })?;
        Ok(SliceIdx { start, stop, step })
    }

    fn slice_bound(&mut self, v: Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            _ => match to_bigint(v) {
                Some(b) => Ok(b.to_i64().unwrap_or(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })),
                None => {
                    if dunder_of(v, "__index__").is_some() {
                        return self.to_index(v);
                    }
                    Err(self.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    ))
                }
            },
        }
    }

    pub fn seq_index(&mut self, key: Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match key {
            Value::Int(i) => i,
            Value::Bool(b) => b as i64,
            _ => {
                if matches!(key, Value::Object(o) if matches!(o.kind, Kind::BigInt(_))) {
                    return Err(self
                        .index_error("cannot fit 'int' into an index-sized integer".to_string()));
                }
                if dunder_of(key, "__index__").is_some() {
                    let i = self.to_index(key)?;
                    return self.seq_index(Value::Int(i), len, what);
                }
                return Err(self.type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    type_name(key)
                )));
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.index_error(format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub fn getitem(&mut self, obj: Value, key: Value) -> PyResult<Value> {
        let Value::Object(o) = obj else {
            if let Value::Object(k) = key {
                if let Kind::Type(_) = &k.kind {
                    return Err(self.not_subscriptable(obj));
                }
            }
            return Err(self.not_subscriptable(obj));
        };
        if let Some(f) = dunder_of(obj, "__getitem__") {
            return self.call(f, &[obj, key], &[]);
        }
        let slice = match key {
            Value::Object(k) => match &k.kind {
                Kind::Slice(s) => Some(**s),
                _ => None,
            },
            _ => None,
        };
        match &o.kind {
            Kind::List(l) => {
                if let Some(s) = slice {
                    // The bounds' `__index__` may shrink the list: positions past its end are
                    // left out rather than read.
                    let len = l.borrow().len();
                    let idx = self.slice_indices(s, len)?;
                    let items = l.borrow();
                    return Ok(alloc::list(
                        idx.iter().map_while(|i| items.get(i).copied()).collect(),
                    ));
                }
                let len = l.borrow().len();
                let i = self.seq_index(key, len, "list")?;
                let v = l.borrow()[i];
                Ok(v)
            }
            Kind::Tuple(t) => {
                if let Some(s) = slice {
                    let idx = self.slice_indices(s, t.len())?;
                    return Ok(alloc::tuple(idx.iter().map(|i| t[i]).collect()));
                }
                let i = self.seq_index(key, t.len(), "tuple")?;
                Ok(t[i])
            }
            Kind::Str(s) => {
                if let Some(sl) = slice {
                    let idx = self.slice_indices(sl, s.char_len())?;
                    if idx.step == 1 {
                        let (a, b) = (idx.start.max(0) as usize, idx.stop.max(0) as usize);
                        return Ok(alloc::str(if b > a { s.char_slice(a, b) } else { "" }));
                    }
                    if s.is_ascii() {
                        let bytes = s.as_str().as_bytes();
                        let out: String = idx.iter().map(|i| bytes[i] as char).collect();
                        return Ok(alloc::str(out));
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    let out: String = idx.iter().map(|i| chars[i]).collect();
                    return Ok(alloc::str(out));
                }
                let i = self.seq_index(key, s.char_len(), "string")?;
                Ok(super::iter::char_value(s.char_at(i)))
            }
            Kind::Bytes(b) => {
                if let Some(sl) = slice {
                    let idx = self.slice_indices(sl, b.len())?;
                    return Ok(alloc::bytes(idx.iter().map(|i| b[i]).collect()));
                }
                let i = self.seq_index(key, b.len(), "index")?;
                Ok(Value::Int(b[i] as i64))
            }
            Kind::ByteArray(b) => {
                let b = b.borrow().clone();
                if let Some(sl) = slice {
                    let idx = self.slice_indices(sl, b.len())?;
                    return Ok(crate::builtins::bytes_methods::bytearray(
                        idx.iter().map(|i| b[i]).collect(),
                    ));
                }
                let i = self.seq_index(key, b.len(), "bytearray")?;
                Ok(Value::Int(b[i] as i64))
            }
            Kind::BigRange(r) => crate::builtins::range_methods::big_range_getitem(self, r, key),
            Kind::Range { start, step, .. } => {
                let (start, step) = (*start, *step);
                let len = super::protocol::range_len(obj) as usize;
                if let Some(sl) = slice {
                    let idx = self.slice_indices(sl, len)?;
                    return Ok(alloc::obj(
                        types().range,
                        Kind::Range {
                            start: start + idx.start * step,
                            stop: start + idx.stop * step,
                            step: step * idx.step,
                        },
                    ));
                }
                let i = self.seq_index(key, len, "range object")?;
                Ok(Value::Int(start + i as i64 * step))
            }
            Kind::Dict(_) => match self.dict_get(obj, key)? {
                Some(v) => Ok(v),
                None => {
                    if crate::runtime::class::type_obj(o.cls.get()).heap {
                        if let Some(m) = dunder_of(obj, "__missing__") {
                            return self.call(m, &[obj, key], &[]);
                        }
                    }
                    Err(self.key_error(key))
                }
            },
            Kind::Type(_) => {
                if let Some(f) = crate::runtime::class::lookup(
                    o,
                    crate::runtime::str::intern("__class_getitem__"),
                ) {
                    let f = match f {
                        Value::Object(fo) => match &fo.kind {
                            Kind::ClassMethod(inner) => *inner,
                            _ => f,
                        },
                        _ => f,
                    };
                    return self.call(f, &[obj, key], &[]);
                }
                if o.ptr_eq(types().type_) || !crate::runtime::class::type_obj(o).heap {
                    return Ok(obj);
                }
                Err(self.type_error(format!(
                    "type '{}' is not subscriptable",
                    crate::runtime::class::type_obj(o).name.borrow()
                )))
            }
            _ => Err(self.not_subscriptable(obj)),
        }
    }

    pub fn setitem(&mut self, obj: Value, key: Value, v: Value) -> PyResult<()> {
        if let Some(f) = dunder_of(obj, "__setitem__") {
            self.call(f, &[obj, key, v], &[])?;
            return Ok(());
        }
        let Value::Object(o) = obj else {
            return Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            )));
        };
        match &o.kind {
            Kind::List(l) => {
                if let Value::Object(k) = key {
                    if let Kind::Slice(s) = &k.kind {
                        let s = **s;
                        if !self.is_iterable(v) {
                            return Err(self.type_error("can only assign an iterable"));
                        }
                        let items = self.collect_iter(v)?;
                        let len = l.borrow().len();
                        let idx = self.slice_indices(s, len)?;
                        let mut lst = l.borrow_mut();
                        if idx.step == 1 {
                            let a = idx.start.max(0) as usize;
                            let b = (idx.stop.max(0) as usize).max(a);
                            lst.splice(a..b, items);
                            return Ok(());
                        }
                        let ix = idx.indices();
                        if ix.len() != items.len() {
                            drop(lst);
                            return Err(self.value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                items.len(),
                                ix.len()
                            )));
                        }
                        for (i, it) in ix.into_iter().zip(items) {
                            lst[i] = it;
                        }
                        return Ok(());
                    }
                }
                let len = l.borrow().len();
                let i = self.seq_index(key, len, "list assignment")?;
                l.borrow_mut()[i] = v;
                Ok(())
            }
            Kind::Dict(_) => self.dict_set(obj, key, v),
            Kind::ByteArray(b) => crate::builtins::bytes_methods::ba_setitem(self, b, key, v),
            _ => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            ))),
        }
    }

    pub fn delitem(&mut self, obj: Value, key: Value) -> PyResult<()> {
        if let Some(f) = dunder_of(obj, "__delitem__") {
            self.call(f, &[obj, key], &[])?;
            return Ok(());
        }
        let Value::Object(o) = obj else {
            return Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            )));
        };
        match &o.kind {
            Kind::List(l) => {
                if let Value::Object(k) = key {
                    if let Kind::Slice(s) = &k.kind {
                        let len = l.borrow().len();
                        let idx = self.slice_indices(**s, len)?;
                        let mut ix = idx.indices();
                        ix.sort_unstable();
                        let mut lst = l.borrow_mut();
                        for i in ix.into_iter().rev() {
                            lst.remove(i);
                        }
                        return Ok(());
                    }
                }
                let len = l.borrow().len();
                let i = self.seq_index(key, len, "list assignment")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Kind::ByteArray(b) => {
                let len = b.borrow().len();
                if let Value::Object(k) = key {
                    if let Kind::Slice(s) = &k.kind {
                        let mut ix = self.slice_indices(**s, len)?.indices();
                        ix.sort_unstable();
                        let mut bb = b.borrow_mut();
                        for i in ix.into_iter().rev() {
                            bb.remove(i);
                        }
                        return Ok(());
                    }
                }
                let i = self.seq_index(key, len, "bytearray")?;
                b.borrow_mut().remove(i);
                Ok(())
            }
            Kind::Dict(_) => match self.dict_del(obj, key)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(key)),
            },
            _ => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            ))),
        }
    }
}
