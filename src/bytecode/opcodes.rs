//! THE instruction set: one `opcodes!` table from which `Opcode`, the typed `Instr`, the
//! fixed-width encoding, operand kinds, flags and names are all derived. Nothing else lists
//! opcodes: the disassembler, the verifier, the interpreter and the tier-up step match on these.
//!
//! # Notation (the semantic line of each row is the contract the VM implements)
//!
//! - `r[x]` — register `x` of the current frame. `k[x]` — constant `x` of the code object
//!   (`CodeObject::consts`). `n[x]` — name `x` (`CodeObject::names`, an identifier).
//!   `varnames[x]` — the name of named register `x` (`CodeObject::varnames`).
//! - `NULL` — the VM's "no value" marker (an unbound local, an empty cell, the missing self of
//!   `LoadMethod`). It is never visible to Python code.
//! - `locals` — the frame's namespace mapping: the globals dict for module code, the class
//!   namespace for class bodies. Function code has none (its locals are registers).
//! - A `Label` operand is an absolute instruction index: `pc = target`.
//!
//! # Encoding
//!
//! One instruction is one `u64` word ([`CodeUnit`]): bits 0..8 hold the opcode; the operands
//! follow in row order, each as wide as its kind (`Reg`, `Const`, `Name`, `Imm`: 16 bits;
//! `Imm8`: 8; `Label`: 24). A const assertion per row keeps every row within 64 bits, so there is
//! no `EXTENDED_ARG`. The compiler builds [`Instr`] values; the VM may decode words into `Instr`
//! (`CodeUnit::decode`) or read raw fields.
//!
//! # Registers
//!
//! A frame has `CodeObject::nregs` registers, all `NULL` at entry except the arguments:
//! - `r[0 .. nparams)` — the parameters, in CPython's `co_varnames` order: positional (posonly
//!   first), keyword-only, then `*args`, then `**kwargs` (see `ArgSpec`).
//! - `r[nparams .. nlocals)` — the other local variables of a function scope.
//! - `r[nlocals .. nlocals + freevars.len())` — free variables: at entry the VM copies the
//!   function's closure cells into them (`r[nlocals + i] = closure[i]`).
//! - Cell variables are locals listed in `CodeObject::cells`: at entry, after binding
//!   arguments, the VM replaces each such `r[reg]` with a new cell containing the old value
//!   (the argument for a captured parameter, else empty). Cells and free registers are read and
//!   written only through `LoadDeref`/`StoreDeref`/`DeleteDeref`/`LoadClassDeref`; a plain `Move`
//!   of such a register copies the cell object itself (that is how closures are built).
//! - Temporaries live above the named registers; they hold no meaning between statements.
//! - Module and class-body code keep their variables in `locals` (name ops); their registers
//!   are only cells (class bodies: `__class__`) and temporaries.
//! - Every instruction reads all of its inputs before it writes any output, so `dst` may be
//!   any operand register (`ADD r0, r0, r1`).
//! - Reading a local register whose variable may be unbound is preceded by `CheckBound`;
//!   other instructions may assume their register operands are not `NULL` (except where a row
//!   says otherwise).
//!
//! # Calls
//!
//! - `Call dst, f, argc`: callee in `r[f]`, positional arguments in `r[f+1 ..= f+argc]`.
//! - `CallKw dst, f, argc, kwnames`: the same window; `k[kwnames]` is a tuple of `n` str and the
//!   last `n` of the `argc` values are those keyword arguments, in order.
//! - `LoadMethod m, obj, name` fills `r[m]` (callable) and `r[m+1]` (self or `NULL`);
//!   `CallMethod dst, m, argc` then calls with arguments in `r[m+2 ..= m+1+argc]`, prepending
//!   `r[m+1]` when it is not `NULL`. `CallMethodKw` adds a kwnames tuple as `CallKw` does.
//! - `CallEx dst, f, args`: `r[args]` is a tuple of positional arguments and `r[args+1]` a dict
//!   of keyword arguments or `None` (built with `ExtendArgs`/`DictMerge`, which raise CPython's
//!   "argument after *" / "multiple values" errors naming `r[f]`).
//! - `dst` may overlap the argument window: the VM must read all inputs before writing `dst`.
//! - Class creation is a normal call: `LoadBuildClass` then `Call`/`CallKw`/`CallEx` with
//!   `(body_function, name, *bases, **keywords)`. `__build_class__` runs the body function's code
//!   with a fresh namespace dict as its `locals` (and the function's closure). The body stores
//!   `__module__`, `__qualname__` (and `__classcell__` when it has a `__class__` cell) in the
//!   namespace and returns the `__class__` cell, or `None`; `__build_class__` sets that cell to
//!   the new class. Zero-argument `super()` finds the `__class__` free variable and `r[0]` (the
//!   first argument, through its cell if it is one) in the calling frame.
//!
//! # Exceptions
//!
//! `CodeObject::exception_table` lists `(start, end, handler, exc_reg)`, innermost first. When
//! an exception is raised at `pc` (or propagates into this frame from a call at `pc`), the VM
//! takes the first entry with `start <= pc < end`, stores the exception in `r[exc_reg]` and jumps
//! to `handler`; with no entry the frame is popped and the exception propagates. Nothing else is
//! restored: there is no operand stack, and the "currently handled exception" (`sys.exc_info()`,
//! the implicit `__context__`, bare `raise`) is managed by the code itself: a handler runs
//! `PushExcInfo save, exc` first and `PopExcInfo save` on every way out, and a second table
//! entry covering the handler body does `PopExcInfo save; RaiseAgain e` when the body raises.
//!
//! # Generators
//!
//! A code object with `CodeFlags::GENERATOR` does not run when called: the call binds arguments
//! into a new frame and returns a generator owning it. `Yield` suspends it; `send(v)` resumes
//! after the `Yield` with `v` in its `dst`; `throw(e)` resumes by raising `e` at the `Yield`'s pc
//! (so the exception table applies); `close()` throws `GeneratorExit`. `Return` in a generator
//! finishes it with `StopIteration(value)`; a `StopIteration` escaping the frame becomes
//! `RuntimeError('generator raised StopIteration')`. `YieldFrom` is re-executed on every resume
//! until the sub-iterator finishes (see its row). A generator keeps its own handled exception
//! (CPython's `gi_exc_state`): suspending restores the caller's, resuming re-installs its own, so
//! `PushExcInfo`/`PopExcInfo` pairs stay balanced across `Yield`. Comprehensions are functions called once with
//! the iterator of their first `for` as the argument `.0`; generator expressions are generators.

use std::fmt;

/// What an operand refers to; decides its width, how `--dis` prints it and what the verifier
/// checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A register index: `< nregs`.
    Reg,
    /// A constant index: `< consts.len()`.
    Const,
    /// A name index: `< names.len()`.
    Name,
    /// An instruction index: `< code.len()`.
    Label,
    /// An unsigned 16-bit count or code.
    Imm,
    /// An unsigned 8-bit count or code.
    Imm8,
}

impl OperandKind {
    pub const fn bits(self) -> u32 {
        match self {
            OperandKind::Reg | OperandKind::Const | OperandKind::Name | OperandKind::Imm => 16,
            OperandKind::Imm8 => 8,
            OperandKind::Label => 24,
        }
    }

    pub const fn max(self) -> u32 {
        (1u32 << self.bits()) - 1
    }
}

/// Instruction properties that drive the VM and the compiler's analyses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OpFlags(pub u16);

impl OpFlags {
    /// May raise: the VM saves pc first.
    pub const RAISES: OpFlags = OpFlags(1);
    /// May run Python code (dunder methods, calls): a safepoint.
    pub const CALLS: OpFlags = OpFlags(2);
    /// Has a `Label` operand.
    pub const JUMP: OpFlags = OpFlags(4);
    /// Never falls through to the next instruction.
    pub const TERMINATOR: OpFlags = OpFlags(8);
    /// Records operand-type feedback.
    pub const FB: OpFlags = OpFlags(16);
    /// Has an inline-cache slot.
    pub const IC: OpFlags = OpFlags(32);
    /// Suspends a generator frame.
    pub const SUSPENDS: OpFlags = OpFlags(64);

    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

macro_rules! operand_ty {
    (Reg) => {
        u16
    };
    (Const) => {
        u16
    };
    (Name) => {
        u16
    };
    (Imm) => {
        u16
    };
    (Imm8) => {
        u8
    };
    (Label) => {
        u32
    };
}

macro_rules! map_label {
    (Label, $field:ident, $f:ident) => {
        *$field = $f(*$field)
    };
    ($other:ident, $field:ident, $f:ident) => {
        let _ = $field;
    };
}

macro_rules! opcodes {
    ($( $name:ident { $($field:ident : $kind:ident),* } [$($flag:ident),*] $sem:literal; )*) => {
        /// Every instruction, in table order (the discriminant is the encoded byte).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode { $($name),* }

        /// A decoded instruction with typed operands.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Instr { $($name { $($field: operand_ty!($kind)),* }),* }

        $(const _: () = assert!(8 $(+ OperandKind::$kind.bits())* <= 64, stringify!($name));)*

        impl Opcode {
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The table's CamelCase name (`LoadAttr`).
            pub fn ident(self) -> &'static str {
                match self { $(Opcode::$name => stringify!($name)),* }
            }

            /// Operand names and kinds, in encoding order.
            pub fn operands(self) -> &'static [(&'static str, OperandKind)] {
                match self { $(Opcode::$name => &[$((stringify!($field), OperandKind::$kind)),*]),* }
            }

            pub fn flags(self) -> OpFlags {
                match self { $(Opcode::$name => OpFlags(0 $(| OpFlags::$flag.0)*)),* }
            }

            /// The row's one-line semantics in register notation.
            pub fn semantics(self) -> &'static str {
                match self { $(Opcode::$name => $sem),* }
            }
        }

        impl Instr {
            pub fn opcode(&self) -> Opcode {
                match self { $(Instr::$name { .. } => Opcode::$name),* }
            }

            /// Operand values in encoding order (kinds from `Opcode::operands`).
            pub fn operand_values(&self) -> OperandValues {
                let mut out = OperandValues::default();
                match *self {
                    $(Instr::$name { $($field),* } => { $( out.push($field as u32); )* })*
                }
                out
            }

            /// Rewrites every `Label` operand (the compiler's label ids become pcs).
            pub fn map_labels(&mut self, f: impl Fn(u32) -> u32) {
                match self {
                    $(Instr::$name { $($field),* } => { $( map_label!($kind, $field, f); )* })*
                }
            }

            /// Packs the instruction into one word. Operands must fit their kinds (the typed
            /// fields guarantee it except for `Label`, checked here).
            #[allow(unused_assignments, unused_mut, unused_variables)]
            pub fn encode(&self) -> CodeUnit {
                match *self {
                    $(Instr::$name { $($field),* } => {
                        let mut word = Opcode::$name as u64;
                        let mut shift = 8;
                        $(
                            assert!(($field as u64) <= OperandKind::$kind.max() as u64,
                                "operand out of range");
                            word |= ($field as u64) << shift;
                            shift += OperandKind::$kind.bits();
                        )*
                        CodeUnit(word)
                    })*
                }
            }
        }

        impl CodeUnit {
            /// Decodes a word; `None` when the opcode byte is not in the table.
            #[allow(unused_assignments, unused_mut, unused_variables, clippy::unnecessary_cast)]
            pub fn decode(self) -> Option<Instr> {
                let word = self.0;
                let op = *Opcode::ALL.get((word & 0xff) as usize)?;
                let mut shift = 8;
                Some(match op {
                    $(Opcode::$name => Instr::$name { $($field: {
                        let v = (word >> shift) & OperandKind::$kind.max() as u64;
                        shift += OperandKind::$kind.bits();
                        v as operand_ty!($kind)
                    }),* }),*
                })
            }
        }
    };
}

/// One encoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeUnit(pub u64);

/// Up to four operand values of one instruction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OperandValues {
    vals: [u32; 4],
    len: usize,
}

impl OperandValues {
    fn push(&mut self, v: u32) {
        self.vals[self.len] = v;
        self.len += 1;
    }

    pub fn as_slice(&self) -> &[u32] {
        &self.vals[..self.len]
    }
}

opcodes! {
    // ---- registers, constants, variables ------------------------------------------------------
    Move { dst: Reg, src: Reg } [] "r[dst] = r[src]";
    LoadConst { dst: Reg, k: Const } [] "r[dst] = k[k]";
    CheckBound { reg: Reg } [RAISES]
        "if r[reg] is NULL: raise UnboundLocalError(\"cannot access local variable 'varnames[reg]' where it is not associated with a value\")";
    DeleteLocal { reg: Reg } [RAISES]
        "if r[reg] is NULL: raise UnboundLocalError as CheckBound; r[reg] = NULL";
    LoadDeref { dst: Reg, cell: Reg } [RAISES]
        "r[dst] = contents of cell r[cell]; if empty: a cell variable raises UnboundLocalError as CheckBound, a free one NameError(\"cannot access free variable 'x' where it is not associated with a value in enclosing scope\")";
    StoreDeref { cell: Reg, src: Reg } [] "contents of cell r[cell] = r[src]";
    DeleteDeref { cell: Reg } [RAISES] "if cell r[cell] is empty: raise as LoadDeref; empty cell r[cell]";
    LoadClassDeref { dst: Reg, cell: Reg, name: Name } [RAISES, CALLS]
        "r[dst] = locals[n[name]] if present, else as LoadDeref (class bodies reading a free variable)";
    LoadGlobal { dst: Reg, name: Name } [RAISES, IC]
        "r[dst] = globals[n[name]], else builtins[n[name]], else raise NameError(\"name 'x' is not defined\")";
    StoreGlobal { name: Name, src: Reg } [] "globals[n[name]] = r[src]";
    DeleteGlobal { name: Name } [RAISES] "del globals[n[name]]; NameError(\"name 'x' is not defined\") if absent";
    LoadName { dst: Reg, name: Name } [RAISES, CALLS]
        "r[dst] = locals[n[name]], else globals[n[name]], else builtins[n[name]], else raise NameError(\"name 'x' is not defined\")";
    StoreName { name: Name, src: Reg } [RAISES, CALLS] "locals[n[name]] = r[src]";
    DeleteName { name: Name } [RAISES, CALLS] "del locals[n[name]]; NameError(\"name 'x' is not defined\") if absent";
    LoadBuildClass { dst: Reg } [RAISES] "r[dst] = builtins.__build_class__";
    LoadAssertionError { dst: Reg } [] "r[dst] = the builtin AssertionError type (not looked up by name)";

    // ---- attributes, subscripts ---------------------------------------------------------------
    LoadAttr { dst: Reg, obj: Reg, name: Name } [RAISES, CALLS, FB, IC] "r[dst] = getattr(r[obj], n[name])";
    StoreAttr { obj: Reg, name: Name, src: Reg } [RAISES, CALLS, IC] "setattr(r[obj], n[name], r[src])";
    DeleteAttr { obj: Reg, name: Name } [RAISES, CALLS] "delattr(r[obj], n[name])";
    LoadMethod { dst: Reg, obj: Reg, name: Name } [RAISES, CALLS, FB, IC]
        "if type(r[obj]) has a plain function n[name] not shadowed by an instance attribute: r[dst] = that function, r[dst+1] = r[obj]; else r[dst] = getattr(r[obj], n[name]), r[dst+1] = NULL";
    LoadSubscr { dst: Reg, obj: Reg, key: Reg } [RAISES, CALLS, FB] "r[dst] = r[obj][r[key]]";
    StoreSubscr { obj: Reg, key: Reg, src: Reg } [RAISES, CALLS, FB] "r[obj][r[key]] = r[src]";
    DeleteSubscr { obj: Reg, key: Reg } [RAISES, CALLS] "del r[obj][r[key]]";
    BuildSlice { dst: Reg, start: Reg, count: Imm }
        [] "r[dst] = slice(r[start], r[start+1]) if count == 2 else slice(r[start], r[start+1], r[start+2])";

    // ---- arithmetic: `K` forms take the right operand from k[], `Inplace` forms try __i*__ first
    Add { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] + r[b]";
    Sub { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] - r[b]";
    Mul { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] * r[b]";
    MatMul { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] @ r[b]";
    TrueDiv { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] / r[b]";
    FloorDiv { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] // r[b]";
    Mod { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] % r[b]";
    Pow { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] ** r[b]";
    Shl { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] << r[b]";
    Shr { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] >> r[b]";
    BitAnd { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] & r[b]";
    BitOr { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] | r[b]";
    BitXor { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] ^ r[b]";
    AddK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] + k[k]";
    SubK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] - k[k]";
    MulK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] * k[k]";
    MatMulK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] @ k[k]";
    TrueDivK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] / k[k]";
    FloorDivK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] // k[k]";
    ModK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] % k[k]";
    PowK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] ** k[k]";
    ShlK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] << k[k]";
    ShrK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] >> k[k]";
    BitAndK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] & k[k]";
    BitOrK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] | k[k]";
    BitXorK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] ^ k[k]";
    InplaceAdd { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] += r[b] (__iadd__, then as Add)";
    InplaceSub { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] -= r[b]";
    InplaceMul { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] *= r[b]";
    InplaceMatMul { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] @= r[b]";
    InplaceTrueDiv { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] /= r[b]";
    InplaceFloorDiv { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] //= r[b]";
    InplaceMod { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] %= r[b]";
    InplacePow { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] **= r[b]";
    InplaceShl { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] <<= r[b]";
    InplaceShr { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] >>= r[b]";
    InplaceBitAnd { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] &= r[b]";
    InplaceBitOr { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] |= r[b]";
    InplaceBitXor { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] ^= r[b]";
    InplaceAddK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] += k[k]";
    InplaceSubK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] -= k[k]";
    InplaceMulK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] *= k[k]";
    InplaceMatMulK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] @= k[k]";
    InplaceTrueDivK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] /= k[k]";
    InplaceFloorDivK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] //= k[k]";
    InplaceModK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] %= k[k]";
    InplacePowK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] **= k[k]";
    InplaceShlK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] <<= k[k]";
    InplaceShrK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] >>= k[k]";
    InplaceBitAndK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] &= k[k]";
    InplaceBitOrK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] |= k[k]";
    InplaceBitXorK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] ^= k[k]";
    Neg { dst: Reg, src: Reg } [RAISES, CALLS, FB] "r[dst] = -r[src]";
    Pos { dst: Reg, src: Reg } [RAISES, CALLS, FB] "r[dst] = +r[src]";
    Invert { dst: Reg, src: Reg } [RAISES, CALLS, FB] "r[dst] = ~r[src]";
    Not { dst: Reg, src: Reg } [RAISES, CALLS] "r[dst] = not r[src] (a bool)";

    // ---- comparisons (rich comparisons return any object) -------------------------------------
    Lt { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] < r[b]";
    Le { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] <= r[b]";
    Eq { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] == r[b]";
    Ne { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] != r[b]";
    Gt { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] > r[b]";
    Ge { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] >= r[b]";
    LtK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] < k[k]";
    LeK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] <= k[k]";
    EqK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] == k[k]";
    NeK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] != k[k]";
    GtK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] > k[k]";
    GeK { dst: Reg, a: Reg, k: Const } [RAISES, CALLS, FB] "r[dst] = r[a] >= k[k]";
    Is { dst: Reg, a: Reg, b: Reg } [] "r[dst] = r[a] is r[b]";
    IsNot { dst: Reg, a: Reg, b: Reg } [] "r[dst] = r[a] is not r[b]";
    In { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] in r[b]";
    NotIn { dst: Reg, a: Reg, b: Reg } [RAISES, CALLS, FB] "r[dst] = r[a] not in r[b]";

    // ---- jumps --------------------------------------------------------------------------------
    Jump { target: Label } [JUMP, TERMINATOR] "pc = target";
    JumpIfTrue { cond: Reg, target: Label } [JUMP, RAISES, CALLS] "if r[cond] is truthy (bool(), may call __bool__/__len__): pc = target";
    JumpIfFalse { cond: Reg, target: Label } [JUMP, RAISES, CALLS] "if r[cond] is falsy: pc = target";
    JumpIfNone { src: Reg, target: Label } [JUMP] "if r[src] is None: pc = target";
    JumpIfNotNone { src: Reg, target: Label } [JUMP] "if r[src] is not None: pc = target";

    // ---- building containers and strings ------------------------------------------------------
    BuildTuple { dst: Reg, start: Reg, count: Imm } [] "r[dst] = (r[start], ..., r[start+count-1])";
    BuildList { dst: Reg, start: Reg, count: Imm } [] "r[dst] = [r[start], ..., r[start+count-1]]";
    BuildSet { dst: Reg, start: Reg, count: Imm } [RAISES, CALLS] "r[dst] = {r[start], ..., r[start+count-1]}";
    BuildMap { dst: Reg, start: Reg, count: Imm } [RAISES, CALLS]
        "r[dst] = {r[start]: r[start+1], ..., r[start+2*count-2]: r[start+2*count-1]} (count pairs, inserted left to right)";
    BuildString { dst: Reg, start: Reg, count: Imm } [] "r[dst] = ''.join(r[start .. start+count]) (all str)";
    ListAppend { list: Reg, src: Reg } [] "r[list].append(r[src])";
    ListExtend { list: Reg, src: Reg } [RAISES, CALLS] "r[list].extend(r[src])";
    ExtendArgs { list: Reg, src: Reg, func: Reg } [RAISES, CALLS]
        "r[list].extend(r[src]); a non-iterable raises TypeError(\"<func>() argument after * must be an iterable, not <type>\") naming r[func]";
    ListToTuple { dst: Reg, src: Reg } [] "r[dst] = tuple(r[src]) (r[src] is a list)";
    SetAdd { set: Reg, src: Reg } [RAISES, CALLS] "r[set].add(r[src])";
    SetUpdate { set: Reg, src: Reg } [RAISES, CALLS] "r[set].update(r[src])";
    DictSet { dict: Reg, key: Reg, value: Reg } [RAISES, CALLS] "r[dict][r[key]] = r[value] (r[dict] is a dict)";
    DictUpdate { dict: Reg, src: Reg } [RAISES, CALLS]
        "r[dict].update(r[src]); a non-mapping raises TypeError(\"'<type>' object is not a mapping\")";
    DictMerge { dict: Reg, src: Reg, func: Reg } [RAISES, CALLS]
        "as DictUpdate for `**` call arguments: TypeError(\"<func>() argument after ** must be a mapping, not <type>\") or (\"<func>() got multiple values for keyword argument 'k'\") naming r[func]";
    ConvertValue { dst: Reg, src: Reg, conv: Imm8 } [RAISES, CALLS]
        "r[dst] = str(r[src]) if conv == 115 ('s'), repr(r[src]) if 114 ('r'), ascii(r[src]) if 97 ('a')";
    FormatSimple { dst: Reg, src: Reg } [RAISES, CALLS] "r[dst] = format(r[src], '')";
    FormatSpec { dst: Reg, src: Reg, spec: Reg } [RAISES, CALLS] "r[dst] = format(r[src], r[spec])";

    // ---- unpacking, iteration -----------------------------------------------------------------
    UnpackSequence { dst: Reg, src: Reg, count: Imm } [RAISES, CALLS]
        "r[dst .. dst+count] = the items of r[src]; ValueError/TypeError with CPython's unpack messages, writing no register on error";
    UnpackEx { dst: Reg, src: Reg, before: Imm8, after: Imm8 } [RAISES, CALLS]
        "items = list(r[src]); r[dst .. dst+before] = first before items, r[dst+before] = list of the middle, r[dst+before+1 ..= dst+before+after] = last after items";
    GetIter { dst: Reg, src: Reg } [RAISES, CALLS, FB] "r[dst] = iter(r[src])";
    ForIter { dst: Reg, iter: Reg, target: Label } [JUMP, RAISES, CALLS, FB]
        "r[dst] = next(r[iter]); on exhaustion (StopIteration, consumed) pc = target and r[dst] is unchanged";

    // ---- calls and functions ------------------------------------------------------------------
    Call { dst: Reg, func: Reg, argc: Imm8 } [RAISES, CALLS, FB, IC] "r[dst] = r[func](r[func+1], ..., r[func+argc])";
    CallKw { dst: Reg, func: Reg, argc: Imm8, kwnames: Const } [RAISES, CALLS, FB, IC]
        "r[dst] = r[func](r[func+1 ..= func+argc]) where the last len(k[kwnames]) arguments are passed by the names in k[kwnames]";
    CallMethod { dst: Reg, func: Reg, argc: Imm8 } [RAISES, CALLS, FB, IC]
        "r[dst] = r[func](r[func+1], r[func+2], ..., r[func+1+argc]), leaving out r[func+1] when it is NULL";
    CallMethodKw { dst: Reg, func: Reg, argc: Imm8, kwnames: Const } [RAISES, CALLS, FB, IC]
        "as CallMethod, the last len(k[kwnames]) of the argc arguments passed by name";
    CallEx { dst: Reg, func: Reg, args: Reg } [RAISES, CALLS, FB]
        "r[dst] = r[func](*r[args], **(r[args+1] or {})) (r[args] a tuple, r[args+1] a dict or None)";
    MakeFunction { dst: Reg, code: Const } [] "r[dst] = new function of code k[code] with the current globals, no defaults, no closure";
    SetDefaults { func: Reg, src: Reg } [] "r[func].__defaults__ = r[src] (a tuple)";
    SetKwDefaults { func: Reg, src: Reg } [] "r[func].__kwdefaults__ = r[src] (a dict)";
    SetClosure { func: Reg, src: Reg } [] "r[func].__closure__ = r[src] (a tuple of cells, in the order of the code's freevars)";
    Return { src: Reg } [TERMINATOR] "return r[src] from this frame";

    // ---- generators ---------------------------------------------------------------------------
    Yield { dst: Reg, src: Reg } [SUSPENDS, RAISES]
        "suspend the generator yielding r[src]; when resumed, r[dst] = the value sent (None for next()), or raise the thrown exception here";
    GetYieldFromIter { dst: Reg, src: Reg } [RAISES, CALLS] "r[dst] = r[src] if it is a generator, else iter(r[src])";
    YieldFrom { dst: Reg, iter: Reg } [SUSPENDS, RAISES, CALLS]
        "v = the resume value (None on first execution); res = r[iter].send(v) (next() if v is None or r[iter] is not a generator; a throw(e)/close() on this frame is forwarded as r[iter].throw(e)/close()); if res is yielded: suspend yielding it and re-execute this instruction on resume; if StopIteration(value): r[dst] = value, continue";

    // ---- exceptions ---------------------------------------------------------------------------
    Raise { exc: Reg } [RAISES, TERMINATOR]
        "raise r[exc] (a class is instantiated; TypeError('exceptions must derive from BaseException') otherwise); __context__ = the handled exception";
    RaiseFrom { exc: Reg, cause: Reg } [RAISES, TERMINATOR]
        "as Raise, with __cause__ = r[cause] (instantiated if a class; None allowed) and __suppress_context__ = True";
    Reraise { } [RAISES, TERMINATOR] "bare `raise`: re-raise the handled exception, or RuntimeError('No active exception to reraise')";
    RaiseAgain { exc: Reg } [RAISES, TERMINATOR] "re-raise r[exc] unchanged, adding no traceback entry (cleanup handlers)";
    PushExcInfo { save: Reg, exc: Reg } [] "r[save] = the handled exception (None if none); the handled exception = r[exc]";
    PopExcInfo { save: Reg } [] "the handled exception = r[save]";
    CheckExcMatch { dst: Reg, exc: Reg, ty: Reg } [RAISES, CALLS]
        "r[dst] = isinstance(r[exc], r[ty]); TypeError('catching classes that do not inherit from BaseException is not allowed') unless r[ty] is an exception class or a tuple of them";
    CheckEgMatch { dst: Reg, eg: Reg, ty: Reg } [RAISES, CALLS]
        "except* split (CPython's CHECK_EG_MATCH): r[dst] = the matching part of r[eg] or None (a bare matching exception is wrapped in ExceptionGroup('', [e])); r[eg] = the rest or None";
    PrepReraiseStar { dst: Reg, orig: Reg, raised: Reg } [RAISES, CALLS]
        "r[dst] = the exception group to re-raise after except* blocks (CPython's PREP_RERAISE_STAR) from the original r[orig] and the list r[raised] of exceptions raised or left unhandled by the blocks, or None if nothing remains";

    // ---- with ---------------------------------------------------------------------------------
    WithEnter { dst: Reg, mgr: Reg } [RAISES, CALLS]
        "r[dst+1] = bound type(r[mgr]).__exit__; r[dst] = type(r[mgr]).__enter__(r[mgr]); TypeError(\"'T' object does not support the context manager protocol\") if either is missing";
    WithExit { dst: Reg, exit: Reg, exc: Reg } [RAISES, CALLS]
        "r[dst] = r[exit](None, None, None) if r[exc] is None, else r[exit](type(r[exc]), r[exc], r[exc].__traceback__)";

    // ---- imports ------------------------------------------------------------------------------
    ImportName { dst: Reg, name: Name, fromlist: Const, level: Imm8 } [RAISES, CALLS]
        "r[dst] = __import__(n[name], globals, None, k[fromlist], level) (the top package when k[fromlist] is None, as CPython)";
    ImportFrom { dst: Reg, module: Reg, name: Name } [RAISES, CALLS]
        "r[dst] = getattr(r[module], n[name]), else sys.modules[module.__name__ + '.' + n[name]], else ImportError(\"cannot import name 'x' from 'm' (path)\")";
    ImportStar { module: Reg } [RAISES, CALLS] "copy r[module]'s __all__ names (or its names not starting with '_') into locals";

    // ---- match statement helpers --------------------------------------------------------------
    GetLen { dst: Reg, src: Reg } [RAISES, CALLS] "r[dst] = len(r[src])";
    MatchMapping { dst: Reg, subject: Reg } [] "r[dst] = isinstance(r[subject], collections.abc.Mapping) (a bool)";
    MatchSequence { dst: Reg, subject: Reg } [] "r[dst] = r[subject] is a Sequence other than str, bytes, bytearray (a bool)";
    MatchKeys { dst: Reg, subject: Reg, keys: Reg } [RAISES, CALLS]
        "r[dst] = tuple(r[subject].get(k) for k in r[keys]) if every key is present, else None";
    MatchClass { dst: Reg, args: Reg, nargs: Imm } [RAISES, CALLS]
        "subject, cls, names = r[args], r[args+1], r[args+2]; if isinstance(subject, cls): r[dst] = tuple of the nargs attributes named by cls.__match_args__ then those in names (None if one is missing), else None; CPython's TypeErrors";
    CopyDictWithoutKeys { dst: Reg, subject: Reg, keys: Reg } [RAISES, CALLS]
        "r[dst] = dict(r[subject]) without the keys in the tuple r[keys]";

    // ---- interactive --------------------------------------------------------------------------
    PrintExpr { src: Reg } [RAISES, CALLS] "sys.displayhook(r[src]) (interactive statements)";
}

impl Opcode {
    /// The name `--dis` prints: UPPER_SNAKE (`LoadAttr` -> `LOAD_ATTR`, `AddK` -> `ADD_K`).
    pub fn name(self) -> &'static str {
        static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        let names = NAMES.get_or_init(|| {
            Opcode::ALL
                .iter()
                .map(|op| upper_snake(op.ident()))
                .collect()
        });
        &names[self as usize]
    }
}

fn upper_snake(ident: &str) -> String {
    let mut out = String::new();
    for (i, c) in ident.char_indices() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(std::mem::size_of::<CodeUnit>(), 8);
        assert!(Opcode::ALL.len() <= 256);
    }

    #[test]
    fn encode_decode_roundtrip_every_opcode() {
        for &op in Opcode::ALL {
            // Fill every operand with a distinct in-range value and check it survives.
            let ops = op.operands();
            let mut word = op as u64;
            let mut shift = 8;
            for (i, (_, kind)) in ops.iter().enumerate() {
                let v = (kind.max() as u64).min(i as u64 * 37 + 5);
                word |= v << shift;
                shift += kind.bits();
            }
            let instr = CodeUnit(word).decode().expect("decodes");
            assert_eq!(instr.opcode(), op);
            assert_eq!(instr.encode(), CodeUnit(word));
            assert_eq!(instr.operand_values().as_slice().len(), ops.len());
        }
        assert_eq!(CodeUnit(255).decode(), None);
    }

    #[test]
    fn names_are_upper_snake() {
        assert_eq!(Opcode::LoadAttr.name(), "LOAD_ATTR");
        assert_eq!(Opcode::AddK.name(), "ADD_K");
        assert_eq!(Opcode::InplaceAddK.name(), "INPLACE_ADD_K");
        assert_eq!(Opcode::Shl.name(), "SHL");
    }

    #[test]
    fn jump_flag_matches_label_operands() {
        for &op in Opcode::ALL {
            let has_label = op.operands().iter().any(|(_, k)| *k == OperandKind::Label);
            assert_eq!(op.flags().contains(OpFlags::JUMP), has_label, "{op:?}");
        }
    }
}
