//! Hidden classes: instances with the same attribute names added in the same order share a
//! `Shape`, and keep only a slot vector. Names are interned strs, compared by pointer. Adding
//! an attribute follows (or creates) a transition; deleting one rebuilds the shape from the root.
//!
//! Shapes are never freed: the tree of transitions from the root holds every shape ever made, so
//! they are leaked, `&'static`. An instance's shape is then a plain pointer, which compiled code
//! replaces when it adds an attribute (`tier_up::lower`'s `attr_set`) without counting
//! references.

use super::value::Value;
use crate::gc::ObjRef;
use std::cell::{Cell, RefCell};

pub struct Shape {
    names: Vec<ObjRef>,
    transitions: RefCell<Vec<(ObjRef, &'static Shape)>>,
}

thread_local! {
    static ROOT: &'static Shape = Box::leak(Box::new(Shape {
        names: Vec::new(),
        transitions: RefCell::new(Vec::new()),
    }));
    /// Attribute boxes of instances the collector freed, reused for new instances: an instance
    /// costs two allocations beside its slot (the box and the values vector), which were a
    /// tenth of vector_ops' instructions with their frees.
    // The boxes themselves are what is reused: an instance's `attrs` is a `Box`.
    #[allow(clippy::vec_box)]
    static SPARE: RefCell<Vec<Box<RefCell<Attrs>>>> = const { RefCell::new(Vec::new()) };
}

/// Spare attribute boxes kept at most, and the most values a kept box may have room for.
const SPARE_BOXES: usize = 1 << 16;
const SPARE_VALUES: usize = 16;

/// A fresh attributes box with room for `n` values: a spare one if there is one.
pub fn attrs_box(n: usize) -> Box<RefCell<Attrs>> {
    let spare = SPARE.with(|s| s.try_borrow_mut().ok().and_then(|mut s| s.pop()));
    match spare {
        Some(mut b) => {
            let a = b.get_mut();
            a.shape = Shape::root();
            a.values.clear();
            a.values.reserve_exact(n);
            b
        }
        None => Box::new(RefCell::new(Attrs::with_capacity(n))),
    }
}

/// Keeps the attributes box of an instance the collector found dead, for `attrs_box`.
pub fn recycle(mut b: Box<RefCell<Attrs>>) {
    if b.get_mut().values.capacity() > SPARE_VALUES {
        return;
    }
    b.get_mut().values.clear();
    SPARE.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if s.len() < SPARE_BOXES {
                s.push(b);
            }
        }
    });
}

impl Shape {
    pub fn root() -> &'static Shape {
        ROOT.with(|r| *r)
    }

    #[inline]
    pub fn index_of(&self, name: ObjRef) -> Option<usize> {
        self.names.iter().position(|n| n.ptr_eq(name))
    }

    pub fn names(&self) -> &[ObjRef] {
        &self.names
    }

    pub fn with(&'static self, name: ObjRef) -> &'static Shape {
        if let Some(&(_, s)) = self
            .transitions
            .borrow()
            .iter()
            .find(|(n, _)| n.ptr_eq(name))
        {
            return s;
        }
        let mut names = self.names.clone();
        names.push(name);
        let s: &'static Shape = Box::leak(Box::new(Shape {
            names,
            transitions: RefCell::new(Vec::new()),
        }));
        self.transitions.borrow_mut().push((name, s));
        s
    }
}

/// An object's attributes: a shape and one value per name in it.
pub struct Attrs {
    pub shape: &'static Shape,
    pub values: Vec<Value>,
}

impl Default for Attrs {
    fn default() -> Self {
        Attrs::new()
    }
}

impl Attrs {
    pub fn new() -> Attrs {
        Attrs::with_capacity(0)
    }

    /// Attributes with room for `n` values before the vector grows.
    pub fn with_capacity(n: usize) -> Attrs {
        Attrs {
            shape: Shape::root(),
            values: Vec::with_capacity(n),
        }
    }

    /// `name` must be interned.
    #[inline]
    pub fn get(&self, name: ObjRef) -> Option<Value> {
        self.shape.index_of(name).map(|i| self.values[i])
    }

    pub fn set(&mut self, name: ObjRef, v: Value) {
        match self.shape.index_of(name) {
            Some(i) => self.values[i] = v,
            None => self.add(name, v),
        }
    }

    /// A new attribute: `name` must not be in the shape yet.
    pub fn add(&mut self, name: ObjRef, v: Value) {
        self.shape = self.shape.with(name);
        self.values.push(v);
    }

    pub fn remove(&mut self, name: ObjRef) -> Option<Value> {
        let i = self.shape.index_of(name)?;
        let names: Vec<ObjRef> = self.shape.names().to_vec();
        let old = std::mem::take(&mut self.values);
        let removed = old[i];
        self.shape = Shape::root();
        for (j, (&n, &v)) in names.iter().zip(old.iter()).enumerate() {
            if j != i {
                self.set(n, v);
            }
        }
        Some(removed)
    }

    /// `set` on the attributes of an instance of a class whose `count` is the most attributes
    /// its instances were seen to come to (`TypeObj::attr_count`), kept up to date here: new
    /// instances reserve that many slots, so adding their attributes (in `__init__`) never
    /// grows the vector, and compiled code adds them in place.
    pub fn set_counted(&mut self, name: ObjRef, v: Value, count: &Cell<u32>) {
        self.set(name, v);
        let n = self.values.len() as u32;
        if n > count.get() {
            count.set(n);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (ObjRef, Value)> + '_ {
        self.shape
            .names()
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}
