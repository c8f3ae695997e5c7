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

use super::Vm;
use crate::gc::ObjRef;
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
    Builtin { globals: usize, version: u64, idx: u32 },
}

impl fmt::Display for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cache::Empty => write!(f, "empty"),
            Cache::Global { idx } => write!(f, "global entry {idx}"),
            Cache::Builtin { version, idx, .. } => write!(f, "builtin entry {idx} (globals v{version})"),
        }
    }
}

pub fn new_caches(n: usize) -> Box<[Cell<Cache>]> {
    (0..n).map(|_| Cell::new(Cache::Empty)).collect()
}

fn dict_of(o: ObjRef) -> Option<&'static std::cell::RefCell<crate::runtime::dict::Dict>> {
    match &o.get().kind {
        Kind::Dict(d) => Some(d),
        _ => None,
    }
}

impl Vm {
    /// `LoadGlobal` of `name` in `globals`, answered from `slot` when its checks hold.
    #[inline]
    pub fn load_global_cached(&mut self, slot: &Cell<Cache>, globals: ObjRef, name: ObjRef) -> PyResult<Value> {
        let hit = match slot.get() {
            Cache::Global { idx } => dict_of(globals).and_then(|d| d.borrow().value_at_if_key(idx as usize, name)),
            Cache::Builtin { globals: ga, version, idx } if ga == globals.addr() => {
                match (dict_of(globals), dict_of(self.builtins)) {
                    (Some(g), Some(b)) if g.borrow().version() == version => b.borrow().value_at_if_key(idx as usize, name),
                    _ => None,
                }
            }
            _ => None,
        };
        match hit {
            Some(v) => Ok(v),
            None => self.load_global_fill(slot, globals, name),
        }
    }

    #[cold]
    fn load_global_fill(&mut self, slot: &Cell<Cache>, globals: ObjRef, name: ObjRef) -> PyResult<Value> {
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
            slot.set(Cache::Builtin { globals: globals.addr(), version, idx: i as u32 });
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
                None => Err(self.name_error(crate::runtime::str::str_of(Value::Object(name)).unwrap_or("?"))),
            },
        }
    }
}
