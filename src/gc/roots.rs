//! The root stack for Rust code: a value pushed here stays alive until its guard is dropped,
//! so a builtin can hold objects across a call back into Python (a `key=` function, `__eq__`,
//! an iterator's `__next__`) even though that call may reach a safepoint and collect.

use super::Marker;
use crate::runtime::value::Value;
use std::cell::RefCell;

thread_local! {
    static ROOTS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the values pushed by `root`/`root_all` alive until dropped (stack order).
#[must_use]
pub struct RootGuard {
    len: usize,
}

impl Drop for RootGuard {
    fn drop(&mut self) {
        ROOTS.with(|r| r.borrow_mut().truncate(self.len));
    }
}

impl RootGuard {
    /// Roots one more value until this guard is dropped; only while this is the innermost
    /// guard (an inner one's drop would truncate the value away).
    pub fn push(&self, v: Value) {
        ROOTS.with(|r| r.borrow_mut().push(v));
    }
}

/// Roots one value for the guard's lifetime.
pub fn root(v: Value) -> RootGuard {
    ROOTS.with(|r| {
        let mut r = r.borrow_mut();
        let len = r.len();
        r.push(v);
        RootGuard { len }
    })
}

/// Roots several values for the guard's lifetime.
pub fn root_all(vs: &[Value]) -> RootGuard {
    ROOTS.with(|r| {
        let mut r = r.borrow_mut();
        let len = r.len();
        r.extend_from_slice(vs);
        RootGuard { len }
    })
}

pub(super) fn mark_root_stack(m: &mut Marker) {
    ROOTS.with(|r| m.values(&r.borrow()));
}
