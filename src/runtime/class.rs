//! Type objects: name, bases, C3 MRO, the class dict (interned-str keys) and a version tag that
//! changes whenever the class or one of its bases is mutated, so caches keyed on it stay valid.

use super::dict::Dict;
use super::object::Kind;
use super::value::Value;
use crate::gc::{Marker, ObjRef};
use std::cell::{Cell, RefCell};

/// What an instance of the type looks like in memory (the nearest builtin base's kind).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Exception,
    Int,
    Bool,
    Float,
    Str,
    Bytes,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Type,
    /// Builtin types whose instances Python code cannot create by calling the type.
    Opaque,
}

pub struct TypeObj {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<ObjRef>>,
    pub mro: RefCell<Vec<ObjRef>>,
    pub dict: RefCell<Dict>,
    pub version: Cell<u64>,
    pub layout: Layout,
    pub heap: bool,
    /// Subclasses, so a mutation can bump their version tags too. Weak, as CPython's
    /// `__subclasses__()`: not traced, and a dead class leaves the list when it is collected
    /// (`forget_dead`), so a base such as `object` does not keep every class ever made alive.
    pub subclasses: RefCell<Vec<ObjRef>>,
    /// With `__slots__` on every class of the MRO: the attribute names instances may have.
    pub slots: RefCell<Option<Vec<ObjRef>>>,
    /// `vm::ops::call::plain_python_init`'s answer and the version it was computed at (0:
    /// never). Valid while the version is unchanged, which also keeps the function referenced
    /// by the MRO.
    pub plain_init: Cell<(u64, Option<ObjRef>)>,
    /// The most attributes an instance of this class was seen to have (`Attrs::set_counted`),
    /// for which new instances reserve slots.
    pub attr_count: Cell<u32>,
}

thread_local! {
    static NEXT_VERSION: Cell<u64> = const { Cell::new(1) };
}

pub fn next_version() -> u64 {
    NEXT_VERSION.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    })
}

impl TypeObj {
    pub fn trace(&self, m: &mut Marker) {
        for &b in self.bases.borrow().iter() {
            m.obj(b);
        }
        for &b in self.mro.borrow().iter() {
            m.obj(b);
        }
        self.dict.borrow().trace(m);
    }
}

/// The collector found `o` unreachable: if it is a class, it leaves its bases' `subclasses`.
/// Called before any object of that collection is freed, so its bases are still allocated
/// even when they die in the same collection.
pub fn forget_dead(o: ObjRef) {
    if let Kind::Type(t) = &o.kind {
        for &b in t.bases.borrow().iter() {
            if let Kind::Type(bt) = &b.kind {
                bt.subclasses.borrow_mut().retain(|s| !s.ptr_eq(o));
            }
        }
    }
}

/// The type object inside an `ObjRef` known to be a type.
pub fn type_obj(o: ObjRef) -> &'static TypeObj {
    match &o.get().kind {
        Kind::Type(t) => t,
        _ => {
            panic!("type_obj on a non-type (a poisoned object reached through a missing GC root?)")
        }
    }
}

pub fn as_type(v: Value) -> Option<&'static TypeObj> {
    match v {
        Value::Object(o) => match &o.get().kind {
            Kind::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// Looks a name up along the MRO. `name` must be an interned str.
pub fn lookup(cls: ObjRef, name: ObjRef) -> Option<Value> {
    let t = type_obj(cls);
    let version = t.version.get();
    let slot = ((cls.addr() >> 4) ^ (name.addr() >> 4).wrapping_mul(0x9e37)) % LOOKUP_CACHE_SIZE;
    let cached = LOOKUP_CACHE.with(|c| c[slot].get());
    if cached.cls == cls.addr() && cached.name == name.addr() && cached.version == version {
        return cached.found;
    }
    let found = lookup_mro(t, name);
    LOOKUP_CACHE.with(|c| {
        c[slot].set(LookupEntry {
            cls: cls.addr(),
            name: name.addr(),
            version,
            found,
        })
    });
    found
}

fn lookup_mro(t: &TypeObj, name: ObjRef) -> Option<Value> {
    let key = Value::Object(name);
    let hash = match &name.kind {
        Kind::Str(s) => s.hash(),
        _ => return None,
    };
    for &c in t.mro.borrow().iter() {
        if let Some(v) = type_obj(c).dict.borrow().get_fast(hash, key) {
            return Some(v);
        }
    }
    None
}

/// A global method cache, as CPython's type attribute cache: MRO walks for dunders and
/// attribute misses were an eighth of object-heavy programs. An entry is valid while its type's
/// version is unchanged; versions come from one process-wide counter and every change to a type
/// dict, MRO or base bumps them (`invalidate`), so a hit is always the current answer and a
/// cached value is always still referenced by that type's MRO.
#[derive(Clone, Copy)]
struct LookupEntry {
    cls: usize,
    name: usize,
    version: u64,
    found: Option<Value>,
}

const LOOKUP_CACHE_SIZE: usize = 4096;
const NO_LOOKUP: LookupEntry = LookupEntry {
    cls: 0,
    name: 0,
    version: 0,
    found: None,
};

thread_local! {
    static LOOKUP_CACHE: Box<[Cell<LookupEntry>]> = (0..LOOKUP_CACHE_SIZE)
        .map(|_| Cell::new(NO_LOOKUP))
        .collect();
}

/// Forgets every cached lookup, for changes made to type dicts without a version bump (the
/// builtin types being filled in at start-up).
pub fn forget_lookups() {
    LOOKUP_CACHE.with(|c| {
        for e in c.iter() {
            e.set(NO_LOOKUP);
        }
    });
}

/// Bumps the version of a type and of every subclass (recursively, with a worklist).
pub fn invalidate(cls: ObjRef) {
    let mut work = vec![cls];
    while let Some(c) = work.pop() {
        let t = type_obj(c);
        t.version.set(next_version());
        work.extend(t.subclasses.borrow().iter().copied());
    }
}

pub fn is_subtype(a: ObjRef, b: ObjRef) -> bool {
    a.ptr_eq(b) || type_obj(a).mro.borrow().iter().any(|c| c.ptr_eq(b))
}

/// C3 linearisation. `None` when the bases admit no consistent order.
pub fn c3_mro(cls: ObjRef, bases: &[ObjRef]) -> Option<Vec<ObjRef>> {
    let mut seqs: Vec<Vec<ObjRef>> = bases
        .iter()
        .map(|&b| type_obj(b).mro.borrow().clone())
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs
            .iter()
            .map(|s| s[0])
            .find(|&h| !seqs.iter().any(|s| s[1..].iter().any(|x| x.ptr_eq(h))))?;
        out.push(head);
        for s in seqs.iter_mut() {
            if s[0].ptr_eq(head) {
                s.remove(0);
            }
        }
    }
}
