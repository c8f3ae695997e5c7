//! Hidden classes: instances with the same attribute names added in the same order share a
//! `Shape`, and keep only a slot vector. Names are interned strs, compared by pointer. Adding
//! an attribute follows (or creates) a transition; deleting one rebuilds the shape from the root.

use super::value::Value;
use crate::gc::ObjRef;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Shape {
    names: Vec<ObjRef>,
    transitions: RefCell<Vec<(ObjRef, Rc<Shape>)>>,
}

thread_local! {
    static ROOT: Rc<Shape> = Rc::new(Shape { names: Vec::new(), transitions: RefCell::new(Vec::new()) });
}

impl Shape {
    pub fn root() -> Rc<Shape> {
        ROOT.with(|r| r.clone())
    }

    #[inline]
    pub fn index_of(&self, name: ObjRef) -> Option<usize> {
        self.names.iter().position(|n| n.ptr_eq(name))
    }

    pub fn names(&self) -> &[ObjRef] {
        &self.names
    }

    pub fn with(self: &Rc<Shape>, name: ObjRef) -> Rc<Shape> {
        if let Some((_, s)) = self
            .transitions
            .borrow()
            .iter()
            .find(|(n, _)| n.ptr_eq(name))
        {
            return s.clone();
        }
        let mut names = self.names.clone();
        names.push(name);
        let s = Rc::new(Shape {
            names,
            transitions: RefCell::new(Vec::new()),
        });
        self.transitions.borrow_mut().push((name, s.clone()));
        s
    }
}

/// An object's attributes: a shape and one value per name in it.
pub struct Attrs {
    pub shape: Rc<Shape>,
    pub values: Vec<Value>,
}

impl Default for Attrs {
    fn default() -> Self {
        Attrs::new()
    }
}

impl Attrs {
    pub fn new() -> Attrs {
        Attrs {
            shape: Shape::root(),
            values: Vec::new(),
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

    pub fn iter(&self) -> impl Iterator<Item = (ObjRef, Value)> + '_ {
        self.shape
            .names()
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}
