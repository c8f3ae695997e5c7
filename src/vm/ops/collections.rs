//! dict, set, list and tuple operations that may call back into Python (hash, `__eq__`):
//! lookups resolve "ask Python" candidates with no borrow held; operators on sequences and sets.

use super::arith::BinOp;
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::dict::Probe;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::set::{Set, SetProbe};
use crate::runtime::str::{intern, PyStr};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

/// `Set::probe` or `Set::find`.
type SetLookup = fn(&Set, i64, Value, bool) -> SetProbe;

fn dict_cell(v: Value) -> &'static RefCell<crate::runtime::dict::Dict> {
    match v {
        Value::Object(o) => match &o.get().kind {
            Kind::Dict(d) => d,
            _ => panic!("dict_cell on non-dict"),
        },
        _ => panic!("dict_cell on non-dict"),
    }
}

fn set_cell(v: Value) -> &'static RefCell<crate::runtime::set::Set> {
    match v {
        Value::Object(o) => match &o.get().kind {
            Kind::Set(s) => s,
            _ => panic!("set_cell on non-set"),
        },
        _ => panic!("set_cell on non-set"),
    }
}

impl Vm {
    /// Index of the entry holding `key`, asking `__eq__` when needed. Inline with that path
    /// out of line: dicts keyed by ints and strs never take it.
    #[inline]
    fn dict_find(&mut self, d: Value, key: Value, hash: i64) -> PyResult<Option<usize>> {
        match dict_cell(d).borrow().probe(hash, key) {
            Probe::Found(i) => Ok(Some(i)),
            Probe::Absent => Ok(None),
            Probe::Ask(cands) => self.dict_find_asking(d, key, cands),
        }
    }

    #[inline(never)]
    fn dict_find_asking(
        &mut self,
        d: Value,
        key: Value,
        cands: Vec<usize>,
    ) -> PyResult<Option<usize>> {
        let _g = roots::root_all(&[d, key]);
        for i in cands {
            let Some(e) = dict_cell(d).borrow().entry(i) else {
                continue;
            };
            if super::compare::eq(self, e.key, key)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        Ok(self
            .dict_find(d, key, hash)?
            .and_then(|i| dict_cell(d).borrow().entry(i))
            .map(|e| e.value))
    }

    pub fn dict_set(&mut self, d: Value, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(key)?;
        match self.dict_find(d, key, hash)? {
            Some(i) => dict_cell(d).borrow_mut().set_value(i, value),
            None => dict_cell(d).borrow_mut().push(hash, key, value),
        }
        Ok(())
    }

    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        match self.dict_find(d, key, hash)? {
            Some(i) => Ok(dict_cell(d).borrow_mut().remove_at(i).map(|e| e.value)),
            None => Ok(None),
        }
    }

    pub fn dict_set_str(&mut self, d: Value, key: &str, value: Value) -> PyResult<()> {
        self.dict_set(d, Value::Object(intern(key)), value)
    }

    /// Lookup of an interned-str key without calling Python.
    pub fn dict_get_str(&self, d: Value, key: crate::gc::ObjRef) -> Option<Value> {
        let hash = match &key.kind {
            Kind::Str(s) => s.hash(),
            _ => return None,
        };
        dict_cell(d).borrow().get_fast(hash, Value::Object(key))
    }

    pub fn dict_keys(&self, d: Value) -> Vec<Value> {
        dict_cell(d).borrow().iter().map(|e| e.key).collect()
    }

    pub fn dict_values(&self, d: Value) -> Vec<Value> {
        dict_cell(d).borrow().iter().map(|e| e.value).collect()
    }

    pub fn dict_items_pairs(&self, d: Value) -> Vec<(Value, Value)> {
        dict_cell(d)
            .borrow()
            .iter()
            .map(|e| (e.key, e.value))
            .collect()
    }

    pub fn dict_items(&self, d: Value) -> Vec<Value> {
        self.dict_items_pairs(d)
            .into_iter()
            .map(|(k, v)| alloc::tuple_of(&[k, v]))
            .collect()
    }

    /// `d.update(src)` for a mapping or an iterable of pairs.
    pub fn dict_update(&mut self, d: Value, src: Value) -> PyResult<()> {
        let _g = roots::root_all(&[d, src]);
        if let Value::Object(o) = src {
            if let Kind::Dict(_) = o.kind {
                for (k, v) in self.dict_items_pairs(src) {
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            if let Some(keys) = self.getattr_opt(src, intern("keys"))? {
                let ks = self.call(keys, &[], &[])?;
                let ks = self.collect_iter(ks)?;
                let _k = roots::root_all(&ks);
                for k in ks {
                    let v = self.getitem(src, k)?;
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
        }
        let items = self.collect_iter(src)?;
        let _k = roots::root_all(&items);
        for (n, it) in items.into_iter().enumerate() {
            let pair = self.collect_iter(it).map_err(|_| {
                self.type_error(format!(
                    "cannot convert dictionary update sequence element #{n} to a sequence"
                ))
            })?;
            if pair.len() != 2 {
                return Err(self.value_error(format!(
                    "dictionary update sequence element #{n} has length {}; 2 is required",
                    pair.len()
                )));
            }
            self.dict_set(d, pair[0], pair[1])?;
        }
        Ok(())
    }

    /// Inline with the `__eq__` path out of line: sets of ints and strs never take it.
    /// `how` is `Set::probe` for an insertion, `Set::find` for a lookup.
    #[inline]
    fn set_find(&mut self, s: Value, key: Value, hash: i64, how: SetLookup) -> PyResult<SetProbe> {
        match how(&set_cell(s).borrow(), hash, key, false) {
            SetProbe::Ask(cands) => self.set_find_asking(s, key, hash, cands, how),
            probe => Ok(probe),
        }
    }

    #[inline(never)]
    fn set_find_asking(
        &mut self,
        s: Value,
        key: Value,
        hash: i64,
        cands: Vec<usize>,
        how: SetLookup,
    ) -> PyResult<SetProbe> {
        let _g = roots::root_all(&[s, key]);
        for slot in cands {
            let k = set_cell(s).borrow().next_from(slot).map(|(_, k)| k);
            if let Some(k) = k {
                if super::compare::eq(self, k, key)? {
                    return Ok(SetProbe::Found(slot));
                }
            }
        }
        Ok(how(&set_cell(s).borrow(), hash, key, true))
    }

    pub fn set_add(&mut self, s: Value, key: Value) -> PyResult<()> {
        let hash = self.hash(key)?;
        if let SetProbe::Absent(slot) = self.set_find(s, key, hash, Set::probe)? {
            set_cell(s).borrow_mut().insert_at(slot, hash, key);
        }
        Ok(())
    }

    pub fn set_contains(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hash = match self.hash(key) {
            Ok(h) => h,
            Err(e) => return self.set_contains_unhashable(s, key, e),
        };
        Ok(matches!(
            self.set_find(s, key, hash, Set::find)?,
            SetProbe::Found(_)
        ))
    }

    /// `{1} in set_of_frozensets` style lookups: a set key is looked up as a frozenset.
    #[cold]
    fn set_contains_unhashable(&mut self, s: Value, key: Value, e: PyErr) -> PyResult<bool> {
        if matches!(key, Value::Object(o) if matches!(o.kind, Kind::Set(_))) {
            let items = self.collect_iter(key)?;
            let fs = self.new_frozenset(items)?;
            return self.set_contains(s, fs);
        }
        Err(e)
    }

    pub fn set_discard(&mut self, s: Value, key: Value) -> PyResult<bool> {
        let hash = self.hash(key)?;
        if let SetProbe::Found(slot) = self.set_find(s, key, hash, Set::find)? {
            set_cell(s).borrow_mut().remove_at(slot);
            return Ok(true);
        }
        Ok(false)
    }

    pub fn set_items(&self, s: Value) -> Vec<Value> {
        set_cell(s).borrow().iter().map(|(_, k)| k).collect()
    }

    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let s = alloc::set();
        let _g = roots::root_all(&items);
        let _s = roots::root(s);
        for it in items {
            self.set_add(s, it)?;
        }
        Ok(s)
    }

    pub fn new_frozenset(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let s = alloc::frozenset();
        let _g = roots::root_all(&items);
        let _s = roots::root(s);
        for it in items {
            self.set_add(s, it)?;
        }
        Ok(s)
    }

    /// The items of a list or tuple (a copy), or empty for anything else.
    pub fn seq_items(&self, v: Value) -> Vec<Value> {
        match v {
            Value::Object(o) => match &o.get().kind {
                Kind::List(l) => l.borrow().clone(),
                Kind::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

pub fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if vm.len(a)? != vm.len(b)? {
        return Ok(false);
    }
    let _g = roots::root_all(&[a, b]);
    for (k, v) in vm.dict_items_pairs(a) {
        match vm.dict_get(b, k)? {
            Some(w) => {
                if !super::compare::eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn repeat(items: &[Value], n: i64) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n.max(0) as usize);
    for _ in 0..n.max(0) {
        out.extend_from_slice(items);
    }
    out
}

/// The kinds `*` repeats (sequence repetition).
fn repeatable(k: &Kind) -> bool {
    matches!(
        k,
        Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_) | Kind::ByteArray(_)
    )
}

fn count(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b as i64),
        _ => None,
    }
}

/// Operators on builtin sequences, sets and dicts; `None` when unsupported.
pub fn sequence_binary(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Option<Value>> {
    let ka = a.as_obj().map(|o| &o.get().kind);
    let kb = b.as_obj().map(|o| &o.get().kind);
    Ok(Some(match (op, ka, kb) {
        (BinOp::Add, Some(Kind::Str(x)), Some(Kind::Str(y))) => {
            alloc::obj(types().str, Kind::Str(PyStr::concat(x, y)))
        }
        (BinOp::Add, Some(Kind::List(x)), Some(Kind::List(y))) => {
            let mut v = x.borrow().clone();
            v.extend_from_slice(&y.borrow());
            alloc::list(v)
        }
        (BinOp::Add, Some(Kind::Tuple(x)), Some(Kind::Tuple(y))) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            alloc::tuple(v)
        }
        (BinOp::Add, Some(Kind::Bytes(x)), Some(Kind::Bytes(y))) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            alloc::bytes(v)
        }
        (
            BinOp::Add,
            Some(Kind::Bytes(_) | Kind::ByteArray(_)),
            Some(Kind::Bytes(_) | Kind::ByteArray(_)),
        ) => {
            use crate::builtins::bytes_methods::{bytearray, data_of};
            let mut v = data_of(a).unwrap_or_default();
            v.extend(data_of(b).unwrap_or_default());
            if matches!(ka, Some(Kind::ByteArray(_))) {
                bytearray(v)
            } else {
                alloc::bytes(v)
            }
        }
        (BinOp::Mul, Some(k), Some(Kind::BigInt(_)))
        | (BinOp::Mul, Some(Kind::BigInt(_)), Some(k))
            if repeatable(k) =>
        {
            return Err(vm.new_error(
                types().overflow_error,
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        (BinOp::Mul, Some(k), None) | (BinOp::Mul, None, Some(k)) => {
            let n = if ka.is_some() { count(b) } else { count(a) };
            let Some(n) = n else { return Ok(None) };
            // Refuse results beyond 16 GiB up front (CPython fails the allocation: MemoryError).
            let unit = match k {
                Kind::Str(s) => s.as_str().len(),
                Kind::List(l) => l.borrow().len() * 16,
                Kind::Tuple(t) => t.len() * 16,
                Kind::Bytes(b) => b.len(),
                Kind::ByteArray(b) => b.borrow().len(),
                _ => 0,
            };
            if n > 0 && unit.saturating_mul(n as usize) > 1 << 34 {
                return Err(vm.new_error(types().memory_error, ""));
            }
            match k {
                Kind::Str(s) => {
                    if n > 0 && s.as_str().len().saturating_mul(n as usize) > 1 << 34 {
                        return Err(vm.new_error(types().memory_error, ""));
                    }
                    alloc::str(s.as_str().repeat(n.max(0) as usize))
                }
                Kind::List(l) => {
                    let items = l.borrow().clone();
                    alloc::list(repeat(&items, n))
                }
                Kind::Tuple(t) => alloc::tuple(repeat(t, n)),
                Kind::Bytes(b) => alloc::bytes(b.repeat(n.max(0) as usize)),
                Kind::ByteArray(b) => {
                    crate::builtins::bytes_methods::bytearray(b.borrow().repeat(n.max(0) as usize))
                }
                _ => return Ok(None),
            }
        }
        (BinOp::Mod, Some(Kind::Bytes(_) | Kind::ByteArray(_)), _) => {
            return crate::builtins::percent::format_bytes(vm, a, b).map(Some);
        }
        (BinOp::Mod, Some(Kind::Str(s)), _) => {
            let s = s.as_str().to_string();
            return super::format::percent_format(vm, &s, b).map(Some);
        }
        (
            BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
            Some(Kind::Set(_) | Kind::DictView { .. }),
            Some(Kind::Set(_) | Kind::DictView { .. }),
        ) => set_op(vm, op, a, b)?,
        (BinOp::Or, Some(Kind::Dict(_)), Some(Kind::Dict(_))) => {
            let d = alloc::dict();
            let _g = roots::root(d);
            vm.dict_update(d, a)?;
            vm.dict_update(d, b)?;
            d
        }
        _ => return Ok(None),
    }))
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` on sets (the result has `a`'s set type).
pub fn set_op(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    let _g = roots::root_all(&[a, b]);
    let xa = vm.collect_iter(a)?;
    let xb = vm.collect_iter(b)?;
    let _h = roots::root_all(&xa);
    let _i = roots::root_all(&xb);
    let sb = vm.new_set(xb.clone())?;
    let _j = roots::root(sb);
    let frozen = matches!(a, Value::Object(o) if crate::runtime::class::is_subtype(o.cls.get(), types().frozenset));
    let mut out = Vec::new();
    match op {
        BinOp::Or => {
            out.extend(xa.iter().copied());
            out.extend(xb.iter().copied());
        }
        BinOp::And => {
            for &x in &xa {
                if vm.set_contains(sb, x)? {
                    out.push(x);
                }
            }
        }
        BinOp::Sub => {
            for &x in &xa {
                if !vm.set_contains(sb, x)? {
                    out.push(x);
                }
            }
        }
        _ => {
            // CPython's order: a copy of `b`, then each item of `a` toggled in or out.
            let r = vm.new_set(xb.clone())?;
            let _k = roots::root(r);
            for &x in &xa {
                if !vm.set_discard(r, x)? {
                    vm.set_add(r, x)?;
                }
            }
            if frozen {
                let items = vm.set_items(r);
                return vm.new_frozenset(items);
            }
            return Ok(r);
        }
    }
    if frozen {
        vm.new_frozenset(out)
    } else {
        vm.new_set(out)
    }
}
