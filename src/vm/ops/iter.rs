//! Iteration: `iter()` for every builtin iterable and user `__iter__`/`__getitem__`, and
//! advancing iterators (`None` at exhaustion, so loops never allocate a StopIteration).

use crate::gc::{roots, ObjRef};
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::iter::IterState;
use crate::runtime::object::{DictPart, Kind};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;

impl Vm {
    pub fn is_iterable(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => {
                matches!(
                    o.kind,
                    Kind::Str(_)
                        | Kind::Bytes(_)
                        | Kind::ByteArray(_)
                        | Kind::File(_)
                        | Kind::List(_)
                        | Kind::Tuple(_)
                        | Kind::Dict(_)
                        | Kind::Set(_)
                        | Kind::Range { .. }
                        | Kind::BigRange(_)
                        | Kind::Iter(_)
                        | Kind::Generator(_)
                        | Kind::DictView { .. }
                ) || super::protocol::user_dunder(o.cls.get(), "__iter__").is_some()
                    || super::protocol::user_dunder(o.cls.get(), "__getitem__").is_some()
            }
            _ => false,
        }
    }

    pub fn iter(&mut self, v: Value) -> PyResult<Value> {
        let t = types();
        let Value::Object(o) = v else {
            return Err(self.not_iterable(v));
        };
        if crate::runtime::class::type_obj(o.cls.get()).heap {
            if let Some(f) = super::protocol::user_dunder(o.cls.get(), "__iter__") {
                let it = self.call(f, &[v], &[])?;
                if !self.is_iterator(it) {
                    return Err(self.type_error(format!(
                        "iter() returned non-iterator of type '{}'",
                        type_name(it)
                    )));
                }
                return Ok(it);
            }
            if super::protocol::user_dunder(o.cls.get(), "__getitem__").is_some()
                && !matches!(
                    o.kind,
                    Kind::List(_) | Kind::Tuple(_) | Kind::Dict(_) | Kind::Str(_)
                )
            {
                return Ok(alloc::iter(
                    t.list_iterator,
                    IterState::Seq { seq: v, idx: 0 },
                ));
            }
        }
        Ok(match &o.kind {
            Kind::List(_) => alloc::iter(t.list_iterator, IterState::Seq { seq: v, idx: 0 }),
            Kind::Tuple(_) => alloc::iter(t.tuple_iterator, IterState::Seq { seq: v, idx: 0 }),
            Kind::Str(_) => alloc::iter(t.str_iterator, IterState::Seq { seq: v, idx: 0 }),
            Kind::Bytes(_) | Kind::ByteArray(_) => {
                alloc::iter(t.bytes_iterator, IterState::Seq { seq: v, idx: 0 })
            }
            Kind::Range { start, stop, step } => alloc::iter(
                t.range_iterator,
                IterState::Range {
                    cur: *start,
                    stop: *stop,
                    step: *step,
                },
            ),
            Kind::Dict(d) => {
                let len = d.borrow().len();
                alloc::iter(
                    t.dict_keyiterator,
                    IterState::Dict {
                        dict: o,
                        pos: 0,
                        part: DictPart::Keys,
                        len,
                    },
                )
            }
            Kind::DictView { dict, which } => {
                let len = self.len(Value::Object(*dict))?;
                let cls = match which {
                    DictPart::Keys => t.dict_keyiterator,
                    DictPart::Values => t.dict_valueiterator,
                    DictPart::Items => t.dict_itemiterator,
                };
                alloc::iter(
                    cls,
                    IterState::Dict {
                        dict: *dict,
                        pos: 0,
                        part: *which,
                        len,
                    },
                )
            }
            Kind::Set(s) => {
                let len = s.borrow().len();
                alloc::iter(
                    t.set_iterator,
                    IterState::Set {
                        set: o,
                        pos: 0,
                        len,
                    },
                )
            }
            Kind::Iter(_) | Kind::Generator(_) => v,
            // Indexing a big range is O(1): iterate it by index.
            Kind::BigRange(_) => alloc::iter(t.range_iterator, IterState::Seq { seq: v, idx: 0 }),
            Kind::File(_) => crate::builtins::file::iter(self, &[v], &[])?,
            _ => return Err(self.not_iterable(v)),
        })
    }

    pub fn is_iterator(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => {
                matches!(o.kind, Kind::Iter(_) | Kind::Generator(_) | Kind::File(_))
                    || super::protocol::user_dunder(o.cls.get(), "__next__").is_some()
            }
            _ => false,
        }
    }

    /// Advances an iterator whose items are pairs made for the occasion (enumerate's, a dict's
    /// items) and gives the pair itself: `Some(None)` when exhausted, `None` when `it` is not
    /// such an iterator. `for a, b in d.items()` unpacks it straight into its registers: no
    /// tuple is made, filled, read and collected per item.
    pub fn next_pair(&mut self, it: Value) -> PyResult<Option<Option<(Value, Value)>>> {
        let Value::Object(o) = it else {
            return Ok(None);
        };
        let Kind::Iter(st) = &o.kind else {
            return Ok(None);
        };
        let mut s = st.borrow_mut();
        match &mut *s {
            IterState::Enumerate { it, n } => {
                let (inner, i) = (*it, *n);
                *n += 1;
                drop(s);
                Ok(Some(self.next(inner)?.map(|v| (Value::Int(i), v))))
            }
            IterState::Dict {
                dict,
                pos,
                part: DictPart::Items,
                len,
            } => match dict_iter_entry(*dict, pos, len) {
                Ok(e) => Ok(Some(e)),
                Err(DictChanged) => {
                    drop(s);
                    Err(self.runtime_error("dictionary changed size during iteration"))
                }
            },
            _ => Ok(None),
        }
    }

    /// Advances an iterator; `None` when exhausted.
    pub fn next(&mut self, it: Value) -> PyResult<Option<Value>> {
        let Value::Object(o) = it else {
            return Err(self.type_error(format!("'{}' object is not an iterator", type_name(it))));
        };
        match &o.kind {
            Kind::Iter(st) => {
                let mut s = st.borrow_mut();
                match &mut *s {
                    IterState::Range { cur, stop, step } => {
                        if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                            let v = *cur;
                            *cur = cur.saturating_add(*step);
                            return Ok(Some(Value::Int(v)));
                        }
                        Ok(None)
                    }
                    IterState::Seq { seq, idx } => {
                        let Value::Object(so) = *seq else {
                            return Ok(None);
                        };
                        let i = *idx;
                        let r = match &so.kind {
                            // CPython's list iterator reads the storage, even of a subclass
                            // that overrides `__getitem__`.
                            Kind::List(l) => l.borrow().get(i).map(crate::gc::load_value),
                            Kind::Tuple(t) => t.get(i).copied(),
                            Kind::Str(s) => {
                                if i < s.char_len() {
                                    Some(char_value(s.char_at(i)))
                                } else {
                                    None
                                }
                            }
                            Kind::Bytes(b) => b.get(i).map(|&x| Value::Int(x as i64)),
                            Kind::ByteArray(b) => b.borrow().get(i).map(|&x| Value::Int(x as i64)),
                            _ => {
                                let seq = *seq;
                                *idx += 1;
                                drop(s);
                                return match self.getitem(seq, Value::Int(i as i64)) {
                                    Ok(v) => Ok(Some(v)),
                                    Err(e)
                                        if self.exc_matches(e, types().index_error)
                                            || self.exc_matches(e, types().stop_iteration) =>
                                    {
                                        if let Kind::Iter(st) = &o.kind {
                                            *st.borrow_mut() = IterState::Seq {
                                                seq: Value::None,
                                                idx: 0,
                                            };
                                        }
                                        Ok(None)
                                    }
                                    Err(e) => Err(e),
                                };
                            }
                        };
                        match r {
                            Some(v) => {
                                *idx += 1;
                                Ok(Some(v))
                            }
                            None => {
                                *s = IterState::Seq {
                                    seq: Value::None,
                                    idx: 0,
                                };
                                Ok(None)
                            }
                        }
                    }
                    IterState::Reversed { seq, idx } => {
                        if *idx == 0 {
                            return Ok(None);
                        }
                        *idx -= 1;
                        let (seq, i) = (*seq, *idx);
                        drop(s);
                        let n = self.len(seq)?;
                        if i >= n {
                            return Ok(None);
                        }
                        self.getitem(seq, Value::Int(i as i64)).map(Some)
                    }
                    IterState::Enumerate { .. }
                    | IterState::Dict {
                        part: DictPart::Items,
                        ..
                    } => {
                        drop(s);
                        Ok(match self.next_pair(it)? {
                            Some(pair) => pair.map(|(a, b)| alloc::tuple_of(&[a, b])),
                            None => None,
                        })
                    }
                    IterState::Dict {
                        dict,
                        pos,
                        part,
                        len,
                    } => {
                        let part = *part;
                        match dict_iter_entry(*dict, pos, len) {
                            Ok(e) => Ok(e.map(|(k, v)| if part == DictPart::Keys { k } else { v })),
                            Err(DictChanged) => {
                                drop(s);
                                Err(self.runtime_error("dictionary changed size during iteration"))
                            }
                        }
                    }
                    IterState::Set { set, pos, len } => {
                        let Kind::Set(st) = &set.kind else {
                            return Ok(None);
                        };
                        let st = st.borrow();
                        if st.len() != *len {
                            drop(st);
                            drop(s);
                            return Err(self.runtime_error("Set changed size during iteration"));
                        }
                        match st.next_from(*pos) {
                            Some((np, k)) => {
                                *pos = np;
                                Ok(Some(k))
                            }
                            None => Ok(None),
                        }
                    }
                    IterState::Zip { its, strict } => {
                        let (n, strict) = (its.len(), *strict);
                        drop(s);
                        if n == 0 {
                            return Ok(None);
                        }
                        // The items found so far stay rooted while the next iterators run. A
                        // zip of a few iterables gathers them with no vector, since the tuple
                        // keeps short items inline anyway.
                        let got = roots::root_all(&[]);
                        let mut few = [Value::None; 4];
                        let mut many = Vec::new();
                        for k in 0..n {
                            match self.next(zip_member(o, k))? {
                                Some(v) => {
                                    got.push(v);
                                    if n <= few.len() {
                                        few[k] = v;
                                    } else {
                                        many.push(v);
                                    }
                                }
                                None => {
                                    if strict && k > 0 {
                                        return Err(self.value_error(format!(
                                            "zip() argument {} is shorter than argument{} 1{}",
                                            k + 1,
                                            if k > 1 { "s" } else { "" },
                                            if k > 1 {
                                                format!("-{k}")
                                            } else {
                                                String::new()
                                            }
                                        )));
                                    }
                                    if strict && k == 0 {
                                        for j in 1..n {
                                            if self.next(zip_member(o, j))?.is_some() {
                                                return Err(self.value_error(format!(
                                                    "zip() argument {} is longer than argument{} 1{}",
                                                    j + 1,
                                                    if j > 1 { "s" } else { "" },
                                                    if j > 1 { format!("-{j}") } else { String::new() }
                                                )));
                                            }
                                        }
                                    }
                                    return Ok(None);
                                }
                            }
                        }
                        Ok(Some(if n <= few.len() {
                            alloc::tuple_of(&few[..n])
                        } else {
                            alloc::tuple(many)
                        }))
                    }
                    IterState::Map(fi) => {
                        let (f, its) = (fi.0, fi.1.clone());
                        drop(s);
                        let mut args = Vec::with_capacity(its.len());
                        let mut guards = Vec::with_capacity(its.len());
                        for &i in &its {
                            match self.next(i)? {
                                Some(v) => {
                                    guards.push(roots::root(v));
                                    args.push(v)
                                }
                                None => return Ok(None),
                            }
                        }
                        let _g = roots::root_all(&args);
                        self.call(f, &args, &[]).map(Some)
                    }
                    IterState::Filter(p) => {
                        let [f, inner] = **p;
                        drop(s);
                        while let Some(v) = self.next(inner)? {
                            let keep = if f.is_none() {
                                self.truthy(v)?
                            } else {
                                let _g = roots::root(v);
                                let r = self.call(f, &[v], &[])?;
                                self.truthy(r)?
                            };
                            if keep {
                                return Ok(Some(v));
                            }
                        }
                        Ok(None)
                    }
                    IterState::Callable(p) => {
                        let [f, sentinel] = **p;
                        drop(s);
                        let v = self.call(f, &[], &[])?;
                        if super::compare::eq(self, v, sentinel)? {
                            if let Kind::Iter(st) = &o.kind {
                                *st.borrow_mut() = IterState::Exhausted;
                            }
                            return Ok(None);
                        }
                        Ok(Some(v))
                    }
                    IterState::Exhausted => Ok(None),
                }
            }
            Kind::Generator(_) => self.gen_next(o),
            Kind::File(_) => crate::builtins::file::next_line(self, it),
            _ => {
                if let Some(f) = super::protocol::user_dunder(o.cls.get(), "__next__") {
                    return match self.call(f, &[it], &[]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if self.exc_matches(e, types().stop_iteration) => Ok(None),
                        Err(e) => Err(e),
                    };
                }
                Err(self.type_error(format!("'{}' object is not an iterator", type_name(it))))
            }
        }
    }

    /// All items of an iterable.
    /// Calls `f` with each item of `iterable` until it returns false, as a loop over
    /// `iter(iterable)` would. An exact list or tuple is read by index with no iterator object
    /// (what `sum(t)` of a short tuple spent most of its time on); a list is read afresh at
    /// each step, so one that `f` changes is seen as its iterator would see it.
    pub fn for_each(
        &mut self,
        iterable: Value,
        mut f: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
    ) -> PyResult<()> {
        if let Value::Object(o) = iterable {
            let t = types();
            let cls = o.cls.get();
            if cls.ptr_eq(t.list) || cls.ptr_eq(t.tuple) {
                let mut i = 0;
                loop {
                    let item = match &o.kind {
                        Kind::List(l) => l.borrow().get(i).map(crate::gc::load_value),
                        Kind::Tuple(items) => items.get(i).copied(),
                        _ => unreachable!("a list or tuple of another kind"),
                    };
                    let Some(x) = item else { return Ok(()) };
                    if !f(self, x)? {
                        return Ok(());
                    }
                    i += 1;
                }
            }
        }
        let it = self.iter(iterable)?;
        let _g = roots::root(it);
        while let Some(x) = self.next(it)? {
            if !f(self, x)? {
                break;
            }
        }
        Ok(())
    }

    pub fn collect_iter(&mut self, v: Value) -> PyResult<Vec<Value>> {
        if let Value::Object(o) = v {
            match &o.kind {
                Kind::List(l) if !crate::runtime::class::type_obj(o.cls.get()).heap => {
                    return Ok(l.borrow().clone())
                }
                Kind::Tuple(t) if !crate::runtime::class::type_obj(o.cls.get()).heap => {
                    return Ok(t.to_vec())
                }
                _ => {}
            }
        }
        let it = self.iter(v)?;
        let _g = roots::root(it);
        let holder = alloc::list(Vec::new());
        let _h = roots::root(holder);
        let Kind::List(l) = &holder.as_obj().expect("list").get().kind else {
            unreachable!()
        };
        // A range's length is exact: reserve it up front as CPython does, so an impossible size
        // is a MemoryError at once instead of a loop that exhausts memory.
        let n = super::protocol::range_len(v);
        if n > 0 && l.borrow_mut().try_reserve_exact(n as usize).is_err() {
            return Err(self.new_error(types().memory_error, ""));
        }
        while let Some(x) = self.next(it)? {
            l.borrow_mut().push(x);
        }
        let out = l.borrow().clone();
        Ok(out)
    }
}

/// The `k`th iterator of a zip object (read afresh each time: its state is not borrowed while
/// the iterators run).
fn zip_member(zip: ObjRef, k: usize) -> Value {
    match &zip.kind {
        Kind::Iter(st) => match &*st.borrow() {
            IterState::Zip { its, .. } => its[k],
            _ => unreachable!("a zip iterator changed kind"),
        },
        _ => unreachable!("a zip iterator changed kind"),
    }
}

/// A one-character str (ASCII ones interned, so iterating text does not allocate).
pub fn char_value(c: char) -> Value {
    if c.is_ascii() {
        Value::Object(crate::runtime::str::ascii_char(c as u8))
    } else {
        let mut buf = [0u8; 4];
        alloc::str(&*c.encode_utf8(&mut buf))
    }
}

/// A dict iterator's dict changed size since the iterator was made.
struct DictChanged;

/// The next (key, value) of a dict iterator at `pos` over `dict`, which had `len` entries.
fn dict_iter_entry(
    dict: ObjRef,
    pos: &mut usize,
    len: &mut usize,
) -> Result<Option<(Value, Value)>, DictChanged> {
    let Kind::Dict(d) = &dict.kind else {
        return Ok(None);
    };
    let d = d.borrow();
    if d.len() != *len {
        *len = d.len();
        return Err(DictChanged);
    }
    while *pos < d.capacity_index() {
        let p = *pos;
        *pos += 1;
        if let Some(e) = d.entry(p) {
            return Ok(Some((e.key, e.value)));
        }
    }
    Ok(None)
}
