//! Exit building: what compiled code writes back when it leaves, and what each exit means to
//! the VM.
//!
//! Lowering tracks where every register's current value lives (`Loc`): in the register file
//! (boxed, as the interpreter left it) or in an IR value (unboxed int, float or bool). An exit
//! writes exactly the unboxed values the register file does not already hold, so after any exit
//! the frame is what the interpreter would have produced at the exit's pc.

use pylift_jit::{ExitSource, Val};

/// Where a register's value is, during lowering.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Loc {
    /// Boxed in the register file.
    Mem,
    /// Boxed in the register file and known to be a range iterator with a positive step.
    Range,
    /// Boxed in the register file and known, by a guard, to be the object at this address: a
    /// function, builtin or module loaded from a global, whose calls can then be specialised.
    Obj(usize),
    /// Unboxed; `dirty` means the register file holds something older.
    Int(Val, bool),
    Float(Val, bool),
    Bool(Val, bool),
}

impl Loc {
    /// The write that brings the register file up to date, if one is needed.
    pub fn writeback(self) -> Option<ExitSource> {
        match self {
            Loc::Int(v, true) => Some(ExitSource::Int(v)),
            Loc::Float(v, true) => Some(ExitSource::Float(v)),
            Loc::Bool(v, true) => Some(ExitSource::Bool(v)),
            _ => None,
        }
    }

    pub fn clean(self) -> Loc {
        match self {
            Loc::Int(v, _) => Loc::Int(v, false),
            Loc::Float(v, _) => Loc::Float(v, false),
            Loc::Bool(v, _) => Loc::Bool(v, false),
            other => other,
        }
    }

    pub fn ty(self) -> T {
        match self {
            Loc::Mem | Loc::Obj(_) => T::Mem,
            Loc::Range => T::Range,
            Loc::Int(..) => T::Int,
            Loc::Float(..) => T::Float,
            Loc::Bool(..) => T::Bool,
        }
    }
}

/// A register's type at a block entry (the lattice the lowering's fixpoint works on:
/// `Bot` below everything, `Mem` on top).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    Bot,
    Mem,
    Range,
    /// Boxed and known, by a guard on every path, to be an exact list (`Emitter::listed`).
    List,
    Int,
    Float,
    Bool,
}

impl T {
    pub fn join(self, other: T) -> T {
        match (self, other) {
            (T::Bot, x) | (x, T::Bot) => x,
            (a, b) if a == b => a,
            _ => T::Mem,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            T::Bot => "-",
            T::Mem => "boxed",
            T::Range => "range_iter",
            T::List => "list",
            T::Int => "int",
            T::Float => "float",
            T::Bool => "bool",
        }
    }
}

/// The writes an exit needs for the current register locations.
pub fn live_writes(locs: &[Loc]) -> Vec<(u32, ExitSource)> {
    locs.iter()
        .enumerate()
        .filter_map(|(r, l)| l.writeback().map(|s| (r as u32, s)))
        .collect()
}

/// What leaving through an exit means to the VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitKind {
    /// Planned: the interpreter continues at the pc (a return, or an operation compiled code
    /// leaves to the interpreter).
    Leave,
    /// A guard failed; the interpreter redoes the instruction at the pc. Counted.
    Deopt,
    /// A helper raised: the exception is in the call's context, raised at the pc.
    Raise,
    /// An OSR entry's guard failed: a value the loop keeps unboxed has another type now,
    /// usually because of the code's last deopt (an overflow into a big int, say). Counted.
    EntryGuard,
    /// An instruction that had never run when the code was compiled (no feedback): the
    /// interpreter runs it, and once the exit has been taken as often as a deopt's, the code
    /// is compiled again with the feedback it leaves.
    Trap,
    /// A back-edge found the VM's attention flag set (SIGINT, a closed stdout, the execution
    /// budget): the interpreter resumes at the backward jump and polls there itself. Not a
    /// deopt: the code stays as it is.
    Attention,
}
