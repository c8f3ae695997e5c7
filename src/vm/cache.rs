//! Inline caches: one `Cell<Cache>` per instruction of a code object (`CodeRt::caches`, indexed
//! by pc), created when the code is loaded and never serialised. An entry records what the
//! instruction found last time together with what must still hold for the answer to be valid;
//! a failed check falls back to the full lookup, which refills the entry.
//!
//! Global loads: a name found in the globals dict caches its entry index there (valid while that
//! entry's key is still the same interned name, which the check reads directly). A name found in
//! builtins caches the globals dict's key version too (valid while globals gained or lost no key)
//! and the builtins entry index. Dict versions come from one process-wide counter, so a version
//! seen in one dict never matches another.
//!
//! Attribute caches key on the class's address and version tag (versions are process-wide
//! unique and renewed on any mutation of the class or a base, so a freed class's address reused
//! by a new class never matches) and, for instance attributes, on the shape's address (shapes
//! hang off the root shape's transition tree and live for the whole process). Whatever such an
//! entry remembers about the class (no `__getattribute__`/`__setattr__`, no class attribute of
//! that name, the method found) holds while the version does, so a cached method `Value` is
//! still owned by the class dict whenever the check passes and is never read otherwise.

use super::ops::protocol::user_dunder;
use super::Vm;
use crate::gc::ObjRef;
use crate::runtime::class::{lookup, type_obj};
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use std::cell::Cell;
use std::fmt;

#[derive(Clone, Copy, Default, Debug)]
pub enum Cache {
    #[default]
    Empty,
    /// `LoadGlobal`: the name is entry `idx` of the globals dict.
    Global { idx: u32 },
    /// `LoadGlobal`: absent from the globals dict at address `globals` while its key version is
    /// `version`; entry `idx` of the builtins dict.
    Builtin {
        globals: usize,
        version: u64,
        idx: u32,
    },
    /// `LoadAttr`: an instance attribute of a class with no `__getattribute__` and no class
    /// attribute of that name, at slot `idx` of instances with shape `shape`.
    Slot {
        cls: usize,
        version: u64,
        shape: usize,
        idx: u32,
    },
    /// `StoreAttr`: instances of the class take the attribute into their slots (no
    /// `__setattr__`, no class attribute of that name, allowed by `__slots__`). The last add
    /// went from shape `from_shape` to `to_shape` (0: none seen), which compiled code repeats in
    /// place (`tier_up::lower`'s `attr_set`).
    Store {
        cls: usize,
        version: u64,
        from_shape: usize,
        to_shape: usize,
    },
    /// `StoreAttr` that replaces an attribute instances already have: slot `idx` of instances
    /// with shape `shape` (a `Store` site upgrades to this on its first replacing store).
    StoreSlot {
        cls: usize,
        version: u64,
        shape: usize,
        idx: u32,
    },
    /// `LoadMethod`: the class attribute `func` (a function or builtin) for instances of the
    /// class whose shape (`0`: no attributes) does not shadow it.
    Method {
        cls: usize,
        version: u64,
        shape: usize,
        func: Value,
    },
    /// `LoadAttr`/`LoadMethod` on a module: entry `idx` of its dict (checked by key identity,
    /// like `Global`).
    Module { idx: u32 },
    /// An operator on an instance: the class of its (left) operand, at `version`, has the plain
    /// Python function `func` for it. Only compiled code reads this (`tier_up::lower`).
    Dunder {
        cls: usize,
        version: u64,
        func: Value,
    },
    /// `Call`: the code objects (by address, 0 for none yet) of the Python functions of the
    /// frame's module it has called, newest last; the code tier keeps them
    /// (`tier_up::saw_call`). Only compiled code reads this (`tier_up::lower`).
    Callee { codes: [usize; MAX_CALLEES] },
}

/// The code objects a `Call` site records at most (`Cache::Callee`).
pub const MAX_CALLEES: usize = 4;

impl fmt::Display for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cache::Empty => write!(f, "empty"),
            Cache::Global { idx } => write!(f, "global entry {idx}"),
            Cache::Builtin { version, idx, .. } => {
                write!(f, "builtin entry {idx} (globals v{version})")
            }
            Cache::Slot { version, idx, .. } => write!(f, "instance slot {idx} (class v{version})"),
            Cache::Store { version, .. } => write!(f, "instance store (class v{version})"),
            Cache::StoreSlot { version, idx, .. } => {
                write!(f, "instance store to slot {idx} (class v{version})")
            }
            Cache::Method { version, .. } => write!(f, "method (class v{version})"),
            Cache::Module { idx } => write!(f, "module entry {idx}"),
            Cache::Dunder { version, .. } => write!(f, "operator method (class v{version})"),
            Cache::Callee { codes } => {
                let n = codes.iter().filter(|&&c| c != 0).count();
                write!(f, "{n} callee code objects")
            }
        }
    }
}

pub fn new_caches(n: usize) -> Box<[Cell<Cache>]> {
    (0..n).map(|_| Cell::new(Cache::Empty)).collect()
}

/// The class address, class version and shape address (0: no attribute storage) of an object.
#[inline]
pub(crate) fn class_key(o: ObjRef) -> (usize, u64, usize) {
    let cls = o.cls.get();
    let version = match &cls.get().kind {
        Kind::Type(t) => t.version.get(),
        _ => 0,
    };
    let shape = o
        .attrs
        .as_ref()
        .map_or(0, |a| std::ptr::from_ref(a.borrow().shape) as usize);
    (cls.addr(), version, shape)
}

/// Objects whose attribute access is the generic instance protocol (not a type, module or super).
fn plain(o: ObjRef) -> bool {
    !matches!(
        o.kind,
        Kind::Type(_) | Kind::Module { .. } | Kind::Super { .. }
    )
}

/// A module attribute through `slot`'s entry index into the module dict.
#[inline]
fn module_hit(slot: &Cell<Cache>, obj: Value, name: ObjRef) -> Option<Value> {
    match (slot.get(), obj) {
        (Cache::Module { idx }, Value::Object(o)) => match &o.kind {
            Kind::Module { dict, .. } => {
                dict_of(*dict)?.borrow().value_at_if_key(idx as usize, name)
            }
            _ => None,
        },
        _ => None,
    }
}

/// Remembers where a module attribute lives in the module dict, when `obj` is a module.
fn module_fill(slot: &Cell<Cache>, obj: Value, name: ObjRef) {
    if let Value::Object(o) = obj {
        // A module of a user subclass may define `__getattribute__`: never cached.
        if type_obj(o.cls.get()).heap {
            return;
        }
        if let (Kind::Module { dict, .. }, Kind::Str(s)) = (&o.kind, &name.kind) {
            if let Some(i) =
                dict_of(*dict).and_then(|d| d.borrow().find_fast(s.hash(), Value::Object(name)))
            {
                slot.set(Cache::Module { idx: i as u32 });
            }
        }
    }
}

/// Which question a `ClassMemo` entry answers about (class, version, name).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Ask {
    /// Instance attribute loads go straight to the slots (answer `Bool`).
    Load,
    /// Instance attribute stores go straight to the slots (answer `Bool`).
    Store,
    /// The plain method found on the class, or `None`.
    Method,
}

/// Which answers of the `PolyTable` `PolyTable::seen` lists.
#[derive(Clone, Copy)]
pub enum Seen {
    Load,
    Store,
    Method,
}

thread_local! {
    /// What the fills learned per (class address, class version, name address, question), so an
    /// instruction that sees several classes (megamorphic) does not walk the MRO on every miss.
    /// A version never repeats, so entries never go stale; a cached method is owned by its class
    /// dict while the version holds (see the module header).
    static CLASS_MEMO: std::cell::RefCell<hashbrown::HashMap<(usize, u64, usize, Ask), Value>> =
        std::cell::RefCell::new(hashbrown::HashMap::new());
}

fn memo(o: ObjRef, name: ObjRef, ask: Ask, compute: impl FnOnce() -> Value) -> Value {
    let (c, version, _) = class_key(o);
    let key = (c, version, name.addr(), ask);
    if let Some(v) = CLASS_MEMO.with(|m| m.borrow().get(&key).copied()) {
        return v;
    }
    let v = compute();
    CLASS_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        // Entries of dead classes and of superseded versions are never asked for again; a class
        // mutated in a loop makes a new version per iteration, so without a cap they pile up.
        if m.len() >= CLASS_MEMO_CAP {
            m.clear();
        }
        m.insert(key, v);
    });
    v
}

/// Second-level answers for instructions that see several classes or shapes (a base-class
/// method run on instances of four subclasses thrashes a one-entry cache): a direct-mapped
/// table by (class, version, shape, name, question). `Load` and `Store` answer an instance slot
/// index (as an int), `Method` the function. Valid by the same rules as `Cache`: versions never
/// repeat, shapes are never freed, and a cached method is owned by its class dict while the
/// version holds.
#[derive(Clone, Copy)]
struct PolyEntry {
    cls: usize,
    version: u64,
    shape: usize,
    name: usize,
    ask: Ask,
    answer: Value,
}

impl PolyEntry {
    fn answers(&self, key: (usize, u64, usize), name: ObjRef, ask: Ask) -> bool {
        (self.cls, self.version, self.shape) == key && self.name == name.addr() && self.ask == ask
    }
}

const POLY_SIZE: usize = 2048;
const POLY_WAYS: usize = 4;

/// The table of `PolyEntry`s, empty until its first entry: filled in advance it would be 112 kB
/// written at every start (as a thread-local constant, it was copied into every thread's TLS:
/// a seventh of `pylift -c pass`'s page faults).
#[derive(Default)]
pub struct PolyTable(Box<[Cell<Option<PolyEntry>>]>);

fn poly_index(cls: usize, shape: usize, name: usize, ask: Ask) -> usize {
    ((cls >> 4)
        ^ (shape >> 3).wrapping_mul(0x9e37)
        ^ (name >> 4).wrapping_mul(0x85eb)
        ^ (ask as usize) << 5)
        % POLY_SIZE
}

impl PolyTable {
    /// The answer for `o`'s (class, version, shape) and `name`, with that key for refilling the
    /// instruction's own cache.
    #[inline]
    fn get(&self, o: ObjRef, name: ObjRef, ask: Ask) -> Option<(Value, (usize, u64, usize))> {
        let key = class_key(o);
        let set = poly_index(key.0, key.2, name.addr(), ask) & !(POLY_WAYS - 1);
        (set..set + POLY_WAYS).find_map(|i| match self.0.get(i)?.get() {
            Some(e) if e.answers(key, name, ask) => Some((e.answer, key)),
            _ => None,
        })
    }

    /// Every (class, version, shape) key the table answers for attribute `name`: the slot
    /// index for loads (`store` false) or stores, or the plain method (`method`). Compiled code
    /// guards with these keys at sites that see several classes (`tier_up::lower`).
    pub fn seen(&self, name: ObjRef, ask: Seen) -> Vec<((usize, u64, usize), Value)> {
        let ask = match ask {
            Seen::Load => Ask::Load,
            Seen::Store => Ask::Store,
            Seen::Method => Ask::Method,
        };
        self.0
            .iter()
            .filter_map(|e| e.get())
            .filter(|e| e.name == name.addr() && e.ask == ask && !e.answer.is_none())
            .map(|e| ((e.cls, e.version, e.shape), e.answer))
            .collect()
    }

    fn put(&mut self, o: ObjRef, name: ObjRef, ask: Ask, answer: Value) {
        if self.0.is_empty() {
            self.0 = (0..POLY_SIZE).map(|_| Cell::new(None)).collect();
        }
        let (cls, version, shape) = class_key(o);
        let set = poly_index(cls, shape, name.addr(), ask) & !(POLY_WAYS - 1);
        // Newest first in its set, the others moved down and the oldest dropped: keys whose
        // hashes collide (richards' task classes, by address) all stay while the set has room.
        let ways = &self.0[set..set + POLY_WAYS];
        let last = ways
            .iter()
            .position(|e| {
                e.get()
                    .is_none_or(|e| e.answers((cls, version, shape), name, ask))
            })
            .unwrap_or(POLY_WAYS - 1);
        for w in (0..last).rev() {
            ways[w + 1].set(ways[w].get());
        }
        let i = set;
        self.0[i].set(Some(PolyEntry {
            cls,
            version,
            shape,
            name: name.addr(),
            ask,
            answer,
        }));
    }
}

/// Entries `CLASS_MEMO` holds before it starts over (about 200 kB).
const CLASS_MEMO_CAP: usize = 4096;

fn dict_of(o: ObjRef) -> Option<&'static std::cell::RefCell<crate::runtime::dict::Dict>> {
    match &o.get().kind {
        Kind::Dict(d) => Some(d),
        _ => None,
    }
}

impl Vm {
    /// `LoadGlobal` of `name` in `globals`, answered from `slot` when its checks hold.
    #[inline]
    pub fn load_global_cached(
        &mut self,
        slot: &Cell<Cache>,
        globals: ObjRef,
        name: ObjRef,
    ) -> PyResult<Value> {
        let hit = match slot.get() {
            Cache::Global { idx } => {
                dict_of(globals).and_then(|d| d.borrow().value_at_if_key(idx as usize, name))
            }
            Cache::Builtin {
                globals: ga,
                version,
                idx,
            } if ga == globals.addr() => match (dict_of(globals), dict_of(self.builtins)) {
                (Some(g), Some(b)) if g.borrow().version() == version => {
                    b.borrow().value_at_if_key(idx as usize, name)
                }
                _ => None,
            },
            _ => None,
        };
        match hit {
            Some(v) => Ok(v),
            None => self.load_global_fill(slot, globals, name),
        }
    }

    #[cold]
    fn load_global_fill(
        &mut self,
        slot: &Cell<Cache>,
        globals: ObjRef,
        name: ObjRef,
    ) -> PyResult<Value> {
        let hash = match &name.kind {
            Kind::Str(s) => s.hash(),
            _ => unreachable!("global names are interned str"),
        };
        let key = Value::Object(name);
        let (Some(g), Some(b)) = (dict_of(globals), dict_of(self.builtins)) else {
            slot.set(Cache::Empty);
            return self.load_global_uncached(globals, name);
        };
        let (gi, version) = {
            let g = g.borrow();
            (g.find_fast(hash, key), g.version())
        };
        if let Some(i) = gi {
            slot.set(Cache::Global { idx: i as u32 });
            return Ok(g.borrow().entry(i).expect("found entry").value);
        }
        let bi = b.borrow().find_fast(hash, key);
        if let Some(i) = bi {
            slot.set(Cache::Builtin {
                globals: globals.addr(),
                version,
                idx: i as u32,
            });
            return Ok(b.borrow().entry(i).expect("found entry").value);
        }
        slot.set(Cache::Empty);
        self.load_global_uncached(globals, name)
    }

    fn load_global_uncached(&mut self, globals: ObjRef, name: ObjRef) -> PyResult<Value> {
        match self.dict_get_str(Value::Object(globals), name) {
            Some(v) => Ok(v),
            None => match self.dict_get_str(Value::Object(self.builtins), name) {
                Some(v) => Ok(v),
                None => Err(self
                    .name_error(crate::runtime::str::str_of(Value::Object(name)).unwrap_or("?"))),
            },
        }
    }
}

impl Vm {
    /// `LoadAttr`: an instance slot when `slot` says where, else `getattr` (refilling `slot`).
    #[inline]
    pub fn load_attr_cached(
        &mut self,
        slot: &Cell<Cache>,
        obj: Value,
        name: ObjRef,
    ) -> PyResult<Value> {
        if let Some(v) = module_hit(slot, obj, name) {
            return Ok(v);
        }
        if let (
            Cache::Slot {
                cls,
                version,
                shape,
                idx,
            },
            Value::Object(o),
        ) = (slot.get(), obj)
        {
            if class_key(o) == (cls, version, shape) {
                if let Some(a) = &o.attrs {
                    return Ok(a.borrow().values[idx as usize]);
                }
            }
        }
        self.load_attr_fill(slot, obj, name)
    }

    #[cold]
    fn load_attr_fill(&mut self, slot: &Cell<Cache>, obj: Value, name: ObjRef) -> PyResult<Value> {
        if let Value::Object(o) = obj {
            if let (Some((Value::Int(idx), (cls, version, shape))), Some(a)) =
                (self.poly.get(o, name, Ask::Load), &o.attrs)
            {
                slot.set(Cache::Slot {
                    cls,
                    version,
                    shape,
                    idx: idx as u32,
                });
                return Ok(a.borrow().values[idx as usize]);
            }
        }
        slot.set(Cache::Empty);
        module_fill(slot, obj, name);
        if let Value::Object(o) = obj {
            let cls = o.cls.get();
            let direct = plain(o)
                && o.attrs.is_some()
                && memo(o, name, Ask::Load, || {
                    Value::Bool(
                        type_obj(cls).heap
                            && user_dunder(cls, "__getattribute__").is_none()
                            && lookup(cls, name).is_none(),
                    )
                })
                .is(Value::Bool(true));
            if let (true, Some(a)) = (direct, &o.attrs) {
                let a = a.borrow();
                if let Some(idx) = a.shape.index_of(name) {
                    let (c, version, shape) = class_key(o);
                    slot.set(Cache::Slot {
                        cls: c,
                        version,
                        shape,
                        idx: idx as u32,
                    });
                    self.poly.put(o, name, Ask::Load, Value::Int(idx as i64));
                    return Ok(a.values[idx]);
                }
            }
        }
        self.getattr(obj, name)
    }

    /// `StoreAttr`: straight into the instance's slots when `slot` vouches for the class.
    #[inline]
    pub fn store_attr_cached(
        &mut self,
        slot: &Cell<Cache>,
        obj: Value,
        name: ObjRef,
        v: Value,
    ) -> PyResult<()> {
        match (slot.get(), obj) {
            (
                Cache::StoreSlot {
                    cls,
                    version,
                    shape,
                    idx,
                },
                Value::Object(o),
            ) if class_key(o) == (cls, version, shape) => {
                if let Some(a) = &o.attrs {
                    a.borrow_mut().values[idx as usize] = v;
                    return Ok(());
                }
            }
            (
                Cache::Store {
                    cls,
                    version,
                    from_shape,
                    to_shape,
                },
                Value::Object(o),
            ) => {
                let (c, ver, shape) = class_key(o);
                if (c, ver) == (cls, version) {
                    if let Some(a) = &o.attrs {
                        let mut a = a.borrow_mut();
                        match a.shape.index_of(name) {
                            Some(idx) => {
                                a.values[idx] = v;
                                drop(a);
                                slot.set(Cache::StoreSlot {
                                    cls,
                                    version,
                                    shape,
                                    idx: idx as u32,
                                });
                                // Compiled code guards with the keys the table holds.
                                self.poly.put(o, name, Ask::Store, Value::Int(idx as i64));
                            }
                            None => {
                                let from = std::ptr::from_ref(a.shape) as usize;
                                a.set_counted(name, v, &type_obj(o.cls.get()).attr_count);
                                let to = std::ptr::from_ref(a.shape) as usize;
                                if (from_shape, to_shape) != (from, to) {
                                    slot.set(Cache::Store {
                                        cls,
                                        version,
                                        from_shape: from,
                                        to_shape: to,
                                    });
                                }
                            }
                        }
                        return Ok(());
                    }
                }
            }
            _ => {}
        }
        self.store_attr_fill(slot, obj, name, v)
    }

    #[cold]
    fn store_attr_fill(
        &mut self,
        slot: &Cell<Cache>,
        obj: Value,
        name: ObjRef,
        v: Value,
    ) -> PyResult<()> {
        if let Value::Object(o) = obj {
            if let (Some((Value::Int(idx), (cls, version, shape))), Some(a)) =
                (self.poly.get(o, name, Ask::Store), &o.attrs)
            {
                slot.set(Cache::StoreSlot {
                    cls,
                    version,
                    shape,
                    idx: idx as u32,
                });
                a.borrow_mut().values[idx as usize] = v;
                return Ok(());
            }
        }
        slot.set(Cache::Empty);
        if let Value::Object(o) = obj {
            let cls = o.cls.get();
            let direct = matches!(o.kind, Kind::Instance)
                && o.attrs.is_some()
                && memo(o, name, Ask::Store, || {
                    let t = type_obj(cls);
                    let allowed = t
                        .slots
                        .borrow()
                        .as_ref()
                        .is_none_or(|s| s.iter().any(|n| n.ptr_eq(name)));
                    // `__class__` is a data descriptor of `object` in CPython (our `object` has
                    // no dict entry for it): assigning it changes the class.
                    let class_attr = name.ptr_eq(crate::runtime::str::intern_static("__class__"));
                    Value::Bool(
                        t.heap
                            && allowed
                            && !class_attr
                            && user_dunder(cls, "__setattr__").is_none()
                            && lookup(cls, name).is_none(),
                    )
                })
                .is(Value::Bool(true));
            if let (true, Some(a)) = (direct, &o.attrs) {
                let (c, version, from) = class_key(o);
                let existing = a.borrow().shape.index_of(name);
                if let Some(idx) = existing {
                    self.poly.put(o, name, Ask::Store, Value::Int(idx as i64));
                }
                a.borrow_mut()
                    .set_counted(name, v, &type_obj(cls).attr_count);
                let (_, _, to) = class_key(o);
                let (from_shape, to_shape) = if existing.is_some() {
                    (0, 0)
                } else {
                    (from, to)
                };
                slot.set(Cache::Store {
                    cls: c,
                    version,
                    from_shape,
                    to_shape,
                });
                return Ok(());
            }
        }
        self.setattr(obj, name, v)
    }

    /// `LoadMethod`: the cached function with `obj` as receiver when `slot`'s checks hold.
    #[inline]
    pub fn load_method_cached(
        &mut self,
        slot: &Cell<Cache>,
        obj: Value,
        name: ObjRef,
    ) -> PyResult<(Value, Option<Value>)> {
        if let Some(v) = module_hit(slot, obj, name) {
            return Ok((v, None));
        }
        if let (
            Cache::Method {
                cls,
                version,
                shape,
                func,
            },
            Value::Object(o),
        ) = (slot.get(), obj)
        {
            if class_key(o) == (cls, version, shape) {
                return Ok((func, Some(obj)));
            }
        }
        self.load_method_fill(slot, obj, name)
    }

    #[cold]
    fn load_method_fill(
        &mut self,
        slot: &Cell<Cache>,
        obj: Value,
        name: ObjRef,
    ) -> PyResult<(Value, Option<Value>)> {
        if let Value::Object(o) = obj {
            if let Some((func, (cls, version, shape))) = self.poly.get(o, name, Ask::Method) {
                slot.set(Cache::Method {
                    cls,
                    version,
                    shape,
                    func,
                });
                return Ok((func, Some(obj)));
            }
        }
        slot.set(Cache::Empty);
        module_fill(slot, obj, name);
        if let Value::Object(o) = obj {
            let cls = o.cls.get();
            let func = if plain(o) {
                memo(o, name, Ask::Method, || {
                    let hooked =
                        type_obj(cls).heap && user_dunder(cls, "__getattribute__").is_some();
                    match lookup(cls, name) {
                        Some(d @ Value::Object(f))
                            if !hooked
                                && matches!(f.kind, Kind::Function(_) | Kind::Builtin(_)) =>
                        {
                            d
                        }
                        _ => Value::None,
                    }
                })
            } else {
                Value::None
            };
            let shadowed = o
                .attrs
                .as_ref()
                .is_some_and(|a| a.borrow().get(name).is_some());
            if !func.is_none() && !shadowed {
                let (c, version, shape) = class_key(o);
                slot.set(Cache::Method {
                    cls: c,
                    version,
                    shape,
                    func,
                });
                self.poly.put(o, name, Ask::Method, func);
                return Ok((func, Some(obj)));
            }
        }
        let r = self.load_method(obj, name)?;
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert!(
            std::mem::size_of::<crate::runtime::object::Object>() <= 176,
            "heap objects grew"
        );
        assert!(
            std::mem::size_of::<super::Cache>() <= 40,
            "cache entries grew"
        );
        use crate::runtime::object::{Kind, Object};
        eprintln!(
            "SIZES cache={} object={} kind={} typeobj={} function={}",
            std::mem::size_of::<super::Cache>(),
            std::mem::size_of::<Object>(),
            std::mem::size_of::<Kind>(),
            std::mem::size_of::<crate::runtime::class::TypeObj>(),
            std::mem::size_of::<crate::runtime::func::Function>()
        );
    }
}
