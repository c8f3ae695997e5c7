//! The object protocols every builtin needs: truth, len, hash, repr, str, containment, and
//! finding a user-defined dunder (one defined by a Python class before any builtin class in
//! the MRO; builtin behaviour is native and needs no lookup).

use crate::gc::ObjRef;
use crate::runtime::alloc;
use crate::runtime::class::{type_obj, Layout};
use crate::runtime::exception::PyResult;
use crate::runtime::hash::{hash_bigint, hash_float, hash_int};
use crate::runtime::object::{DictPart, Kind};
use crate::runtime::str::{intern, intern_static};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::Vm;

/// A dunder defined by a Python class in `cls`'s MRO before the first builtin class.
/// Inline so that the common answer for builtin classes (none) costs one load and a branch:
/// `x in s`, `hash(k)` and truth tests ask for every builtin operand.
#[inline]
pub fn user_dunder(cls: ObjRef, name: &'static str) -> Option<Value> {
    if !type_obj(cls).heap {
        return None;
    }
    heap_dunder(cls, name)
}

fn heap_dunder(cls: ObjRef, name: &'static str) -> Option<Value> {
    let t = type_obj(cls);
    let key = intern_static(name);
    let hash = match &key.kind {
        Kind::Str(s) => s.hash(),
        _ => return None,
    };
    for &c in t.mro.borrow().iter() {
        let ct = type_obj(c);
        if !ct.heap {
            return None;
        }
        if let Some(v) = ct.dict.borrow().get_fast(hash, Value::Object(key)) {
            return Some(v);
        }
    }
    None
}

/// `user_dunder` on the value's class.
#[inline]
pub fn dunder_of(v: Value, name: &'static str) -> Option<Value> {
    match v {
        Value::Object(o) => user_dunder(o.cls.get(), name),
        _ => None,
    }
}

const TUPLE_PRIME_1: u64 = 11400714785074694791;
const TUPLE_PRIME_2: u64 = 14029467366897019727;
const TUPLE_PRIME_5: u64 = 2870177450012600261;

impl Vm {
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        match v {
            Value::None => Ok(false),
            Value::Bool(b) => Ok(b),
            Value::Int(i) => Ok(i != 0),
            Value::Float(f) => Ok(f != 0.0),
            Value::Object(o) => {
                if type_obj(o.cls.get()).heap {
                    if let Some(f) = user_dunder(o.cls.get(), "__bool__") {
                        let r = self.call(f, &[v], &[])?;
                        return match r {
                            Value::Bool(b) => Ok(b),
                            _ => Err(self.type_error(format!(
                                "__bool__ should return bool, returned {}",
                                type_name(r)
                            ))),
                        };
                    }
                    if user_dunder(o.cls.get(), "__len__").is_some() {
                        return Ok(self.len(v)? != 0);
                    }
                }
                Ok(match &o.kind {
                    Kind::Str(s) => s.char_len() != 0,
                    Kind::BigInt(_) => true,
                    Kind::Bytes(b) => !b.is_empty(),
                    Kind::ByteArray(b) => !b.borrow().is_empty(),
                    Kind::List(l) => !l.borrow().is_empty(),
                    Kind::Tuple(t) => !t.is_empty(),
                    Kind::Dict(d) => !d.borrow().is_empty(),
                    Kind::Set(s) => !s.borrow().is_empty(),
                    Kind::Range { .. } => range_len(v) != 0,
                    Kind::BigRange(r) => {
                        crate::builtins::range_methods::big_len(&r.start, &r.stop, &r.step)
                            != num_bigint::BigInt::from(0)
                    }
                    Kind::DictView { dict, .. } => self.len(Value::Object(*dict))? != 0,
                    _ => true,
                })
            }
        }
    }

    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if let Value::Object(o) = v {
            if let Some(f) = dunder_of(v, "__len__") {
                let r = self.call(f, &[v], &[])?;
                return match r {
                    Value::Int(i) if i >= 0 => Ok(i as usize),
                    Value::Int(_) => Err(self.value_error("__len__() should return >= 0")),
                    Value::Bool(b) => Ok(b as usize),
                    _ => Err(self.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(r)
                    ))),
                };
            }
            let n = match &o.kind {
                Kind::Str(s) => Some(s.char_len()),
                Kind::Bytes(b) => Some(b.len()),
                Kind::ByteArray(b) => Some(b.borrow().len()),
                Kind::List(l) => Some(l.borrow().len()),
                Kind::Tuple(t) => Some(t.len()),
                Kind::Dict(d) => Some(d.borrow().len()),
                Kind::Set(s) => Some(s.borrow().len()),
                Kind::Range { .. } => Some(range_len(v) as usize),
                Kind::BigRange(r) => Some(crate::builtins::range_methods::big_range_len(self, r)?),
                Kind::DictView { dict, .. } => match &dict.kind {
                    Kind::Dict(d) => Some(d.borrow().len()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(n) = n {
                return Ok(n);
            }
        }
        Err(self.type_error(format!("object of type '{}' has no len()", type_name(v))))
    }

    /// `hash(v)`: ints and exact strs (most dict and set keys) inline, the rest out of line.
    #[inline]
    pub fn hash(&mut self, v: Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(hash_int(i)),
            Value::Object(o) => match &o.kind {
                Kind::Str(s) if o.cls.get().ptr_eq(types().str) => Ok(s.hash()),
                _ => self.hash_slow(v),
            },
            _ => self.hash_slow(v),
        }
    }

    #[inline(never)]
    fn hash_slow(&mut self, v: Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(hash_int(i)),
            Value::Bool(b) => Ok(b as i64),
            Value::Float(f) => Ok(hash_float(f)),
            Value::None => Ok(-0x1_0000_0000_0000 >> 4),
            Value::Object(o) => {
                if type_obj(o.cls.get()).heap {
                    if let Some(f) = user_dunder(o.cls.get(), "__hash__") {
                        if f.is_none() {
                            return Err(
                                self.type_error(format!("unhashable type: '{}'", type_name(v)))
                            );
                        }
                        let r = self.call_for(f, &[v], &[], crate::vm::WHILE_CALLING)?;
                        return match r {
                            Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                            Value::Bool(b) => Ok(b as i64),
                            _ => match &r.as_obj().map(|o| &o.get().kind) {
                                Some(Kind::BigInt(b)) => Ok(hash_bigint(b)),
                                _ => {
                                    Err(self.type_error("__hash__ method should return an integer"))
                                }
                            },
                        };
                    }
                }
                match &o.kind {
                    Kind::Str(s) => Ok(s.hash()),
                    Kind::BigInt(b) => Ok(hash_bigint(b)),
                    Kind::Bytes(b) => {
                        Ok(crate::runtime::str::hash_str(&String::from_utf8_lossy(b)))
                    }
                    Kind::Tuple(items) => {
                        let mut acc = TUPLE_PRIME_5;
                        for &it in items.iter() {
                            let lane = self.hash(it)? as u64;
                            acc = acc.wrapping_add(lane.wrapping_mul(TUPLE_PRIME_2));
                            acc = acc.rotate_left(31);
                            acc = acc.wrapping_mul(TUPLE_PRIME_1);
                        }
                        acc = acc.wrapping_add((items.len() as u64) ^ (TUPLE_PRIME_5 ^ 3527539));
                        Ok(if acc as i64 == -1 {
                            1546275796
                        } else {
                            acc as i64
                        })
                    }
                    Kind::Set(_)
                        if o.cls.get().ptr_eq(types().frozenset)
                            || type_obj(o.cls.get()).layout == Layout::FrozenSet =>
                    {
                        let mut h: u64 = 0;
                        for it in self.collect_iter(v)? {
                            let x = self.hash(it)? as u64;
                            h ^= ((x ^ 89869747) ^ (x << 16)).wrapping_mul(3644798167);
                        }
                        h ^= ((self.len(v)? as u64) + 1).wrapping_mul(1927868237);
                        h ^= (h >> 11) ^ (h >> 25);
                        h = h.wrapping_mul(69069).wrapping_add(907133923);
                        Ok(if h as i64 == -1 { 590923713 } else { h as i64 })
                    }
                    Kind::List(_) | Kind::Dict(_) | Kind::Set(_) | Kind::ByteArray(_) => {
                        Err(self.type_error(format!("unhashable type: '{}'", type_name(v))))
                    }
                    Kind::Range { .. } | Kind::BigRange(_) => {
                        let key = crate::builtins::range_methods::range_hash_key(v)
                            .unwrap_or(Value::None);
                        self.hash(key)
                    }
                    _ => Ok((o.addr() >> 4) as i64),
                }
            }
        }
    }

    pub fn repr(&mut self, v: Value) -> PyResult<String> {
        match v {
            Value::None => return Ok("None".into()),
            Value::Bool(b) => return Ok(if b { "True" } else { "False" }.into()),
            Value::Int(i) => return Ok(i.to_string()),
            Value::Float(f) => return Ok(crate::format::float_repr(f)),
            Value::Object(_) => {}
        }
        let Value::Object(o) = v else { unreachable!() };
        if let Some(f) = user_dunder(o.cls.get(), "__repr__") {
            let r = self.call_for(f, &[v], &[], crate::vm::WHILE_CALLING)?;
            return match crate::runtime::str::str_of(r) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    type_name(r)
                ))),
            };
        }
        self.enter_native()?;
        let r = super::repr::builtin_repr(self, v);
        self.leave_native();
        r
    }

    pub fn str(&mut self, v: Value) -> PyResult<String> {
        if let Value::Object(o) = v {
            if let Kind::Str(s) = &o.kind {
                return Ok(s.as_str().to_string());
            }
            if let Some(f) = user_dunder(o.cls.get(), "__str__") {
                let r = self.call(f, &[v], &[])?;
                return match crate::runtime::str::str_of(r) {
                    Some(s) => Ok(s.to_string()),
                    None => Err(self.type_error(format!(
                        "__str__ returned non-string (type {})",
                        type_name(r)
                    ))),
                };
            }
            if let Kind::Exception(e) = &o.kind {
                let args = e.borrow().args;
                let items = self.seq_items(args);
                if (2..=5).contains(&items.len())
                    && crate::runtime::int::is_int(items[0])
                    && crate::runtime::class::is_subtype(o.cls.get(), types().os_error)
                {
                    // OSError_str: "[Errno N] strerror" plus ": 'filename'" when one is set.
                    let (errno, strerror) = (self.str(items[0])?, self.str(items[1])?);
                    let filename = o
                        .attrs
                        .as_ref()
                        .and_then(|a| a.borrow().get(intern("filename")));
                    return Ok(match filename.filter(|f| !f.is_none()) {
                        Some(f) => format!("[Errno {errno}] {strerror}: {}", self.repr(f)?),
                        None => format!("[Errno {errno}] {strerror}"),
                    });
                }
                if items.len() == 2
                    && crate::runtime::class::is_subtype(o.cls.get(), types().syntax_error)
                {
                    // SyntaxError_str: "msg (filename, line N)".
                    let details = self.seq_items(items[1]);
                    if let [file, line, ..] = details[..] {
                        let msg = self.str(items[0])?;
                        let file = self.str(file)?;
                        let base = file.rsplit('/').next().unwrap_or("").to_string();
                        return Ok(format!("{msg} ({base}, line {})", self.str(line)?));
                    }
                }
                return match items.len() {
                    0 => Ok(String::new()),
                    1 if crate::runtime::class::is_subtype(o.cls.get(), types().key_error) => {
                        self.repr(items[0])
                    }
                    1 => self.str(items[0]),
                    _ => self.repr(args),
                };
            }
        }
        self.repr(v)
    }

    /// A str object for `str(v)`.
    pub fn str_value(&mut self, v: Value) -> PyResult<Value> {
        match v {
            Value::Object(o) if o.cls.get().ptr_eq(types().str) => return Ok(v),
            Value::Int(i) => return Ok(alloc::int_str(i)),
            _ => {}
        }
        let s = self.str(v)?;
        Ok(alloc::str(s))
    }

    /// `item in container`. Exact sets and dicts, what most `in` tests ask, go straight to their
    /// lookup: the general path's dunder lookup and kind dispatch cost as much as a probe.
    #[inline]
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        if let Value::Object(o) = container {
            let (cls, t) = (o.cls.get(), types());
            if cls.ptr_eq(t.set) || cls.ptr_eq(t.frozenset) {
                return self.set_contains(container, item);
            }
            if cls.ptr_eq(t.dict) {
                return Ok(self.dict_get(container, item)?.is_some());
            }
        }
        self.contains_general(container, item)
    }

    #[inline(never)]
    fn contains_general(&mut self, container: Value, item: Value) -> PyResult<bool> {
        if let Value::Object(o) = container {
            if let Some(f) = dunder_of(container, "__contains__") {
                let r = self.call(f, &[container, item], &[])?;
                return self.truthy(r);
            }
            match &o.kind {
                Kind::Str(s) => {
                    return match crate::runtime::str::str_of(item) {
                        Some(needle) => Ok(s.as_str().contains(needle)),
                        None => Err(self.type_error(format!(
                            "'in <string>' requires string as left operand, not {}",
                            type_name(item)
                        ))),
                    }
                }
                Kind::Dict(_) => return Ok(self.dict_get(container, item)?.is_some()),
                Kind::Set(_) => return self.set_contains(container, item),
                Kind::DictView {
                    dict,
                    which: DictPart::Keys,
                } => return Ok(self.dict_get(Value::Object(*dict), item)?.is_some()),
                Kind::BigRange(r) => {
                    if let Some(b) = crate::builtins::range_methods::big_range_contains(r, item) {
                        return Ok(b);
                    }
                }
                Kind::Range { start, stop, step } => {
                    if let Value::Int(i) = item {
                        let (start, stop, step) = (*start, *stop, *step);
                        let inr = if step > 0 {
                            i >= start && i < stop
                        } else {
                            i <= start && i > stop
                        };
                        return Ok(inr && (i - start) % step == 0);
                    }
                }
                Kind::List(_) | Kind::Tuple(_) => {
                    let items = self.seq_items(container);
                    for x in items {
                        if x.is(item) || super::compare::eq(self, x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Kind::ByteArray(_) => {
                    if let (Some(hay), Some(needle)) = (
                        crate::builtins::bytes_methods::data_of(container),
                        crate::builtins::bytes_methods::data_of(item),
                    ) {
                        return Ok(needle.is_empty()
                            || hay.windows(needle.len()).any(|w| w == &needle[..]));
                    }
                    if let Value::Int(i) = item {
                        return Ok(crate::builtins::bytes_methods::data_of(container)
                            .is_some_and(|h| h.contains(&(i as u8))));
                    }
                }
                Kind::Bytes(b) => {
                    if let Value::Int(i) = item {
                        return Ok(b.contains(&(i as u8)));
                    }
                    if let Value::Object(n) = item {
                        if let Kind::Bytes(nb) = &n.kind {
                            return Ok(nb.is_empty() || b.windows(nb.len()).any(|w| w == &nb[..]));
                        }
                    }
                }
                _ => {}
            }
        }
        if self.is_iterable(container) {
            let it = self.iter(container)?;
            let _g = crate::gc::roots::root(it);
            while let Some(x) = self.next(it)? {
                if x.is(item) || super::compare::eq(self, x, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(self.type_error(format!(
            "argument of type '{}' is not iterable",
            type_name(container)
        )))
    }

    pub fn class_name(&self, v: Value) -> String {
        type_name(v)
    }

    /// `type(v).__module__`-qualified name as `repr` of a class shows it.
    pub fn type_of(&self, v: Value) -> ObjRef {
        type_of(v)
    }
}

pub fn range_len(v: Value) -> i64 {
    let Value::Object(o) = v else { return 0 };
    let Kind::Range { start, stop, step } = o.kind else {
        return 0;
    };
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}
