//! Immutable strings with a cached hash and a cached character count (so an ASCII string
//! indexes in O(1)), and the intern table: identifiers and attribute names are interned, so
//! shapes and class dictionaries compare names by pointer.

use super::object::{Kind, Object};
use super::types::types;
use super::value::Value;
use crate::gc::text::Text;
use crate::gc::{self, Marker, ObjRef};
use hashbrown::HashMap;
use std::cell::{Cell, RefCell};

pub struct PyStr {
    s: Text,
    /// `NO_HASH` until computed (no str hashes to -1, as in CPython): an `Option` would take
    /// eight bytes more, which short texts keep inline instead.
    hash: Cell<i64>,
}

const NO_HASH: i64 = -1;

impl PyStr {
    /// Short text is copied into the object, so a borrowed one costs no allocation and an
    /// owned one is freed now rather than with the object.
    pub fn new(s: impl AsRef<str> + Into<Box<str>>) -> PyStr {
        let t = s.as_ref();
        let chars = if t.is_ascii() {
            t.len()
        } else {
            t.chars().count()
        };
        PyStr {
            s: Text::new(s, chars),
            hash: Cell::new(NO_HASH),
        }
    }

    /// `a + b`, whose character count is known without scanning the result.
    pub fn concat(a: &PyStr, b: &PyStr) -> PyStr {
        PyStr {
            s: Text::concat(a.as_str(), b.as_str(), a.char_len() + b.char_len()),
            hash: Cell::new(NO_HASH),
        }
    }

    /// The strs among `parts` joined (anything else counts as empty): their character counts
    /// are added, not rescanned, and a short result is assembled in the object with no
    /// `String` between.
    pub fn concat_all(parts: &[Value]) -> PyStr {
        let strs = || {
            parts.iter().filter_map(|&v| match v {
                Value::Object(o) => match &o.get().kind {
                    Kind::Str(s) => Some(s),
                    _ => None,
                },
                _ => None,
            })
        };
        let chars = strs().map(PyStr::char_len).sum();
        PyStr {
            s: Text::concat_all(|| strs().map(PyStr::as_str), chars),
            hash: Cell::new(NO_HASH),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        self.s.as_str()
    }

    /// Length in characters (code points), as `len()` reports.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.s.chars()
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len() == self.as_str().len()
    }

    /// The character at a (non-negative, in range) index.
    pub fn char_at(&self, i: usize) -> char {
        let s = self.as_str();
        if self.is_ascii() {
            s.as_bytes()[i] as char
        } else {
            s.chars().nth(i).unwrap_or('\0')
        }
    }

    /// The substring of characters `[from, to)`.
    pub fn char_slice(&self, from: usize, to: usize) -> &str {
        let s = self.as_str();
        if self.is_ascii() {
            &s[from..to]
        } else {
            let mut idx = s
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(s.len()));
            let a = idx.nth(from).unwrap_or(s.len());
            let b = if to > from {
                idx.nth(to - from - 1).unwrap_or(s.len())
            } else {
                a
            };
            &s[a..b]
        }
    }

    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != NO_HASH {
            return h;
        }
        self.hash_first()
    }

    #[inline(never)]
    fn hash_first(&self) -> i64 {
        let h = hash_str(self.as_str());
        self.hash.set(h);
        h
    }
}

/// FNV-1a over the UTF-8 bytes. CPython randomises string hashes per process, so no program
/// can depend on the values; only the never-`-1` rule matters.
pub fn hash_str(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// A new (not interned) str object.
pub fn new_str(s: impl AsRef<str> + Into<Box<str>>) -> Value {
    Value::Object(gc::alloc(Object::new(
        types().str,
        Kind::Str(PyStr::new(s)),
    )))
}

thread_local! {
    static INTERNED: RefCell<HashMap<Box<str>, ObjRef>> = RefCell::new(HashMap::new());
}

/// Recent `intern` answers by the address and length of the text asked for: the runtime interns
/// the same literal names (`"__init__"`, `"__add__"`) over and over, and hashing them each time
/// was a twentieth of object-heavy programs. A hit is checked against the text itself, so a
/// reused address with other contents simply misses.
const RECENT_SIZE: usize = 256;

thread_local! {
    static RECENT: [Cell<(usize, usize, Option<ObjRef>)>; RECENT_SIZE] =
        const { [const { Cell::new((0, 0, None)) }; RECENT_SIZE] };
}

thread_local! {
    static STATIC_NAMES: [Cell<(usize, usize, Option<ObjRef>)>; RECENT_SIZE] =
        const { [const { Cell::new((0, 0, None)) }; RECENT_SIZE] };
}

/// `intern` for text in the program's own static data (the runtime's dunder and attribute
/// names): such an address never holds other text, so a cache hit needs no comparison of
/// contents, which was most of `intern`'s cost on operator-overloading programs.
pub fn intern_static(s: &'static str) -> ObjRef {
    let (addr, len) = (s.as_ptr() as usize, s.len());
    let slot = (addr >> 3 ^ len) % RECENT_SIZE;
    STATIC_NAMES.with(|c| match c[slot].get() {
        (a, l, Some(o)) if a == addr && l == len => o,
        _ => {
            let o = intern(s);
            c[slot].set((addr, len, Some(o)));
            o
        }
    })
}

thread_local! {
    /// The one-character ASCII strs, which indexing and iterating over text make constantly.
    static ASCII_CHARS: [Cell<Option<ObjRef>>; 128] = const { [const { Cell::new(None) }; 128] };
}

/// The interned one-character str for an ASCII byte.
pub fn ascii_char(b: u8) -> ObjRef {
    ASCII_CHARS.with(|t| {
        let slot = &t[(b & 0x7f) as usize];
        match slot.get() {
            Some(o) => o,
            None => {
                let o = intern(std::str::from_utf8(&[b & 0x7f]).unwrap_or(""));
                slot.set(Some(o));
                o
            }
        }
    })
}

/// The interned str object with this text (created on first use, never freed).
pub fn intern(s: &str) -> ObjRef {
    let (addr, len) = (s.as_ptr() as usize, s.len());
    let slot = (addr >> 3 ^ len) % RECENT_SIZE;
    if let (a, l, Some(o)) = RECENT.with(|r| r[slot].get()) {
        if a == addr && l == len && str_of(Value::Object(o)) == Some(s) {
            return o;
        }
    }
    let o = match INTERNED.with(|t| t.borrow().get(s).copied()) {
        Some(o) => o,
        None => {
            let o = gc::alloc(Object::new(types().str, Kind::Str(PyStr::new(s))));
            INTERNED.with(|t| t.borrow_mut().insert(s.into(), o));
            o
        }
    };
    RECENT.with(|r| r[slot].set((addr, len, Some(o))));
    o
}

/// The interned str equal to a str object (itself when already interned).
pub fn intern_obj(o: ObjRef) -> ObjRef {
    match &o.kind {
        Kind::Str(s) => {
            let found = INTERNED.with(|t| t.borrow().get(s.as_str()).copied());
            match found {
                Some(i) => i,
                None => {
                    INTERNED.with(|t| t.borrow_mut().insert(s.as_str().into(), o));
                    o
                }
            }
        }
        _ => o,
    }
}

pub fn mark_interned(m: &mut Marker) {
    INTERNED.with(|t| {
        for &o in t.borrow().values() {
            m.obj(o);
        }
    });
}

/// The text of a str object.
pub fn str_of(v: Value) -> Option<&'static str> {
    match v {
        Value::Object(o) => match &o.get().kind {
            Kind::Str(s) => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}
