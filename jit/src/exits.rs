//! Exits: the data that lets the interpreter resume after compiled code leaves.
//!
//! An exit is described once, as data (LuaJIT's SnapShot idea): the bytecode pc to resume at,
//! why the code left, and which live IR values go back into which registers in which
//! representation. Lowering turns each descriptor into one cold block of tag/payload stores;
//! nothing at an exit allocates, so an exit can never trigger a GC. Per-exit counters let the
//! VM decide that a function deopts too often.

use std::cell::Cell;
use std::fmt;

use crate::ir::Val;

macro_rules! exit_reasons {
    ($($variant:ident $name:literal $msg:literal;)*) => {
        /// Why compiled code left through an exit; `--jit-log` prints `message()`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ExitReason { $($variant),* }

        impl ExitReason {
            pub const ALL: &'static [ExitReason] = &[$(ExitReason::$variant),*];

            /// Short name used in the IR text form.
            pub fn name(self) -> &'static str {
                match self { $(ExitReason::$variant => $name),* }
            }

            pub fn message(self) -> &'static str {
                match self { $(ExitReason::$variant => $msg),* }
            }
        }
    };
}

exit_reasons! {
    Overflow     "overflow"   "int arithmetic overflowed i64";
    ZeroDivision "zerodiv"    "division or modulo by zero";
    TypeGuard    "type"       "a value's type differed from the profiled one";
    ShapeGuard   "shape"      "an object's class or shape changed";
    GlobalGuard  "global"     "a global or builtin was rebound";
    BoundsGuard  "bounds"     "an index was out of range";
    ValueGuard   "value"      "a value differed from the one compiled in";
    Exception    "exception"  "a helper raised an exception";
    Interrupt    "interrupt"  "the interrupt flag was set";
    Unsupported  "unsupported" "an operation the compiled code does not handle";
}

impl ExitReason {
    pub fn from_name(s: &str) -> Option<ExitReason> {
        ExitReason::ALL.iter().copied().find(|r| r.name() == s)
    }
}

/// What is written into a register at an exit (and at a normal return).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitSource {
    /// An `I64` value, written as an int Value (`TAG_INT`, payload = the i64).
    Int(Val),
    /// An `F64` value, written as a float Value (`TAG_FLOAT`, payload = the f64 bits).
    Float(Val),
    /// A `Bool` value, written as a bool Value (`TAG_BOOL`, payload word = 0 or 1).
    Bool(Val),
    /// A `Ptr` to a heap object, written as `TAG_OBJECT` + the pointer.
    Object(Val),
    /// Python's `None` (`TAG_NONE`, payload word 0).
    None,
    /// The register already holds the right boxed Value in memory; nothing is written.
    InMemory,
}

impl ExitSource {
    pub fn value(self) -> Option<Val> {
        match self {
            ExitSource::Int(v)
            | ExitSource::Float(v)
            | ExitSource::Bool(v)
            | ExitSource::Object(v) => Some(v),
            ExitSource::None | ExitSource::InMemory => None,
        }
    }

    /// The text-form keyword (`int v3`, `none`, `boxed`).
    pub fn keyword(self) -> &'static str {
        match self {
            ExitSource::Int(_) => "int",
            ExitSource::Float(_) => "float",
            ExitSource::Bool(_) => "bool",
            ExitSource::Object(_) => "obj",
            ExitSource::None => "none",
            ExitSource::InMemory => "boxed",
        }
    }
}

impl fmt::Display for ExitSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            Some(v) => write!(f, "{} v{}", self.keyword(), v.0),
            None => f.write_str(self.keyword()),
        }
    }
}

/// One register written back at an exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExitWrite {
    /// Register index in the frame's register file (byte offset `slot * VALUE_SIZE`).
    pub slot: u32,
    pub source: ExitSource,
}

/// Everything the VM needs to resume the interpreter after an exit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExitDescriptor {
    /// Bytecode pc the interpreter resumes at.
    pub pc: u32,
    pub reason: ExitReason,
    pub writes: Vec<ExitWrite>,
}

/// How many times each exit of one compiled function was taken.
#[derive(Debug, Default)]
pub struct ExitCounts {
    counts: Vec<Cell<u32>>,
}

impl ExitCounts {
    pub fn new(exits: usize) -> ExitCounts {
        ExitCounts {
            counts: (0..exits).map(|_| Cell::new(0)).collect(),
        }
    }

    /// Counts one more exit through `index` and returns the new count (saturating).
    pub fn bump(&self, index: usize) -> u32 {
        match self.counts.get(index) {
            Some(c) => {
                c.set(c.get().saturating_add(1));
                c.get()
            }
            None => 0,
        }
    }

    pub fn get(&self, index: usize) -> u32 {
        self.counts.get(index).map_or(0, Cell::get)
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| u64::from(c.get())).sum()
    }
}
