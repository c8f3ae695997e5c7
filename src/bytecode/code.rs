//! Code objects: what the compiler produces for each module, function, class body, lambda and
//! comprehension, and what the VM executes. Register layout, call, exception and generator
//! conventions are documented in `opcodes.rs`; this file holds the data.
//!
//! Invariants (checked by `verify::verify`): every operand is in range for its kind; `code`,
//! `locations` have equal length; exception-table ranges and handlers lie inside `code`;
//! `nparams <= nlocals`, `nlocals + freevars.len() <= nregs`, `varnames.len() == nlocals`;
//! `cells` are distinct registers `< nlocals`.

use std::rc::Rc;

use num_bigint::BigInt;

use super::opcodes::{CodeUnit, Instr};

/// A compile-time constant. Ints are canonical: `Int` whenever the value fits in i64.
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    Ellipsis,
    Code(Rc<CodeObject>),
}

impl Constant {
    /// Identity for de-duplication in a constant pool: equal values of different types
    /// (`1`, `1.0`, `True`) and `0.0`/`-0.0` stay distinct, as in CPython's `co_consts`.
    pub fn same(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { real: a, imag: b }, Complex { real: c, imag: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same(y))
            }
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// `co_flags`, with CPython's bit values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Function scope: locals are registers (not a namespace mapping).
    pub const OPTIMIZED: CodeFlags = CodeFlags(0x1);
    /// A new frame namespace is created per call (functions, class bodies).
    pub const NEWLOCALS: CodeFlags = CodeFlags(0x2);
    pub const VARARGS: CodeFlags = CodeFlags(0x4);
    pub const VARKEYWORDS: CodeFlags = CodeFlags(0x8);
    /// Defined inside another function.
    pub const NESTED: CodeFlags = CodeFlags(0x10);
    pub const GENERATOR: CodeFlags = CodeFlags(0x20);

    pub fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: CodeFlags) {
        self.0 |= other.0;
    }
}

/// The parameters of a function: `r[0 .. nparams())` in CPython's order — `argcount` positional
/// (the first `posonlyargcount` of them positional-only), `kwonlyargcount` keyword-only, then
/// `*args` if `varargs`, then `**kwargs` if `varkeywords`. Their names are `varnames[..nparams()]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArgSpec {
    pub argcount: u16,
    pub posonlyargcount: u16,
    pub kwonlyargcount: u16,
    pub varargs: bool,
    pub varkeywords: bool,
}

impl ArgSpec {
    pub fn nparams(&self) -> usize {
        self.argcount as usize
            + self.kwonlyargcount as usize
            + self.varargs as usize
            + self.varkeywords as usize
    }
}

/// Source span of one instruction: 1-based lines, 0-based UTF-8 byte columns (CPython's
/// `co_positions()`); enough to print tracebacks with `^^^^` carets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One exception-table entry: an exception raised at `start <= pc < end` is stored in
/// `r[exc_reg]` and execution continues at `handler`. Entries are ordered innermost first; the
/// first that covers `pc` applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub exc_reg: u16,
}

#[derive(Debug)]
pub struct CodeObject {
    /// `co_name`: the function or class name, `<module>`, `<lambda>`, `<listcomp>`, ...
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub flags: CodeFlags,
    pub args: ArgSpec,
    pub code: Vec<CodeUnit>,
    /// One per instruction.
    pub locations: Vec<Location>,
    pub consts: Vec<Constant>,
    /// Identifiers used by name, global, attribute and import instructions.
    pub names: Vec<Rc<str>>,
    /// Names of the local registers `r[0 .. nlocals)`, parameters first.
    pub varnames: Vec<Rc<str>>,
    /// Registers (`< nlocals`) that hold cells: at entry the VM wraps their value in a new cell.
    pub cells: Vec<u16>,
    /// Names of the free variables, held in `r[nlocals + i]` (closure cell `i`).
    pub freevars: Vec<Rc<str>>,
    pub nregs: u16,
    pub exception_table: Vec<ExceptionEntry>,
    /// The docstring (first statement a string literal) of a function, class or module.
    pub docstring: Option<Rc<str>>,
}

impl CodeObject {
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    /// The register of free variable `i`.
    pub fn free_reg(&self, i: usize) -> usize {
        self.nlocals() + i
    }

    /// The name of a named register (local, cell or free), for error messages.
    pub fn reg_name(&self, reg: u16) -> Option<&str> {
        let reg = reg as usize;
        self.varnames
            .get(reg)
            .or_else(|| self.freevars.get(reg.wrapping_sub(self.nlocals())))
            .map(|s| &**s)
    }

    /// True when `reg` holds a free variable (as opposed to a cell of this frame).
    pub fn is_free_reg(&self, reg: u16) -> bool {
        let reg = reg as usize;
        reg >= self.nlocals() && reg < self.nlocals() + self.freevars.len()
    }

    pub fn instr(&self, pc: usize) -> Option<Instr> {
        self.code.get(pc)?.decode()
    }

    /// The innermost exception handler covering `pc`.
    pub fn handler_for(&self, pc: u32) -> Option<&ExceptionEntry> {
        self.exception_table
            .iter()
            .find(|e| e.start <= pc && pc < e.end)
    }
}
