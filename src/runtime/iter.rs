//! Iterator objects over builtin containers and the lazy builtins (enumerate, zip, map, filter,
//! reversed, callable iterators). Advancing them lives in `vm::ops::iter`.

use super::object::DictPart;
use super::value::Value;
use crate::gc::{Marker, ObjRef};

pub enum IterState {
    /// list, tuple, str, bytes: by index, re-reading the length each step (lists may grow).
    /// Exhausted, it stays `Seq` with `seq` None: compiled `for` loops read a list iterator's
    /// fields knowing only its class (`tier_up::helpers::list_iter_layout`).
    Seq {
        seq: Value,
        idx: usize,
    },
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Dict {
        dict: ObjRef,
        pos: usize,
        part: DictPart,
        len: usize,
    },
    Set {
        set: ObjRef,
        pos: usize,
        len: usize,
    },
    Reversed {
        seq: Value,
        idx: usize,
    },
    Enumerate {
        it: Value,
        n: i64,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    // The three below are boxed: inline they made every heap object a word larger (`Kind`
    // holds an `IterState` in a `RefCell`).
    /// The function and the iterators of its arguments.
    Map(Box<(Value, Vec<Value>)>),
    /// The predicate (None for truthiness) and the iterator.
    Filter(Box<[Value; 2]>),
    /// The function and the sentinel.
    Callable(Box<[Value; 2]>),
    Exhausted,
}

impl IterState {
    pub fn trace(&self, m: &mut Marker) {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => m.value(*seq),
            IterState::Range { .. } | IterState::Exhausted => {}
            IterState::Dict { dict, .. } => m.obj(*dict),
            IterState::Set { set, .. } => m.obj(*set),
            IterState::Enumerate { it, .. } => m.value(*it),
            IterState::Zip { its, .. } => m.values(its),
            IterState::Map(fi) => {
                m.value(fi.0);
                m.values(&fi.1);
            }
            IterState::Filter(p) | IterState::Callable(p) => m.values(&**p),
        }
    }
}
