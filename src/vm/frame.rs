//! Frames and suspended generator frames. A frame is a window `[base, base + nregs)` of the one
//! register stack; calls push frames without Rust recursion. A generator owns its registers
//! while suspended (copied out on `Yield`, back in on resume).

use super::code::CodeRt;
use crate::gc::{Marker, ObjRef};
use crate::runtime::value::Value;
use std::rc::Rc;

/// Where a returning frame's value goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ret {
    /// Into the caller's register (an absolute stack index).
    Reg(usize),
    /// Out of the dispatch loop, to the native code that started this frame.
    Native,
    /// The frame is `__init__` called by `cls(...)` from the dispatch loop: it must return
    /// None, and the caller's register receives the instance (its `Pending::Init`).
    Init(usize),
    /// The frame is `a.__op__(b)` run by a binary operator from the dispatch loop: its value
    /// goes to the caller's register unless it is NotImplemented, when the rest of the
    /// protocol (the reflected method, then TypeError) runs on its `Pending::Binary`.
    Binary(usize),
    /// The frame is a generator resumed by `ForIter` in the dispatch loop: a value it yields
    /// goes to the caller's register and the caller continues after its `ForIter`; when it
    /// returns, the caller's loop ends (its `Pending::Gen` restores the caller's handled
    /// exception either way).
    Gen(usize),
}

/// What a `Ret::Init`, `Ret::Binary` or `Ret::Gen` frame's return still has to do, innermost last on
/// `Vm::pending` (one entry per such frame, popped when it returns or unwinds).
#[derive(Clone, Copy)]
pub enum Pending {
    Init(Value),
    Binary {
        a: Value,
        b: Value,
        op: crate::vm::ops::arith::BinOp,
        inplace: bool,
    },
    /// The exception the caller was handling when the generator resumed.
    Gen(Value),
}

impl Pending {
    pub fn trace(&self, m: &mut Marker) {
        match *self {
            Pending::Init(v) | Pending::Gen(v) => m.value(v),
            Pending::Binary { a, b, .. } => {
                m.value(a);
                m.value(b);
            }
        }
    }
}

pub struct Frame {
    pub code: Rc<CodeRt>,
    /// The function object (or None for module code).
    pub func: Value,
    pub base: usize,
    pub pc: usize,
    pub globals: ObjRef,
    /// The namespace dict of module and class-body code; None for functions.
    pub locals: Value,
    pub ret: Ret,
    /// The generator this frame runs, if any.
    pub gen: Option<ObjRef>,
    /// For a resumed generator: the value sent in (read by `YieldFrom`).
    pub resume: Option<Value>,
}

impl Frame {
    /// Pushes the frame `make` builds straight into the vector's memory. `push(Frame { .. })`
    /// assembles it on the Rust stack with narrow stores and copies it with wide loads, which
    /// cannot be forwarded from those stores and wait for them to reach the cache.
    #[inline(always)]
    pub fn push_onto(frames: &mut Vec<Frame>, make: impl FnOnce() -> Frame) {
        frames.extend(std::iter::once_with(make));
    }

    pub fn trace(&self, m: &mut Marker) {
        m.value(self.func);
        m.obj(self.globals);
        m.value(self.locals);
        self.code.trace(m);
        if let Some(g) = self.gen {
            m.obj(g);
        }
        if let Some(r) = self.resume {
            m.value(r);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenStatus {
    Created,
    Suspended,
    Running,
    Done,
}

pub struct GenState {
    pub code: Rc<CodeRt>,
    pub func: Value,
    pub globals: ObjRef,
    pub regs: Vec<Value>,
    pub pc: usize,
    pub status: GenStatus,
    /// The register the pending `Yield` writes the sent value into.
    pub yield_dst: Option<u16>,
    pub name: Value,
    pub qualname: Value,
}

impl GenState {
    pub fn trace(&self, m: &mut Marker) {
        m.value(self.func);
        m.obj(self.globals);
        m.values(&self.regs);
        self.code.trace(m);
        m.value(self.name);
        m.value(self.qualname);
    }
}
