//! The JIT IR: a typed SSA control-flow graph of blocks with parameters.
//!
//! Every non-terminator operation is declared once in the `ir_ops!` table below (LuaJIT IRDEF
//! style): its text name, operand types, immediate kind, result type and flags. The `Op` enum,
//! the builder's type inference, the verifier, the printer, the parser and the reference
//! interpreter all read that table; lowering matches on `Op` exhaustively, so adding a row that
//! lowering forgets is a compile error.
//!
//! Invariants a verified `FunctionIr` holds (checked by `verify`):
//! - `Val(0)` is the register file base (`regs`, a `Ptr`) and `Val(1)` the VM context (`ctx`,
//!   a `Ptr`); both are defined at every entry, every other value is defined exactly once.
//! - Block 0 is the normal entry; OSR entries are further blocks; entries take no parameters,
//!   except the int entry (`FunctionIr::int_entry`), whose parameters are its `i64` arguments.
//! - Every definition dominates its uses (with all entries as roots), and every block ends in
//!   exactly one terminator.

pub mod builder;
pub mod interp;
pub mod parse;
pub mod print;
pub mod types;
pub mod verify;

pub use types::Ty;

use crate::exits::{ExitDescriptor, ExitSource};

/// An SSA value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Val(pub u32);

/// A basic block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(pub u32);

/// A numbered exit; native code returns `abi::exit_code(id)` when it leaves through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExitId(pub u32);

/// A runtime helper declared in the function (address + signature).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HelperId(pub u32);

impl Val {
    /// The register file base pointer (first argument of the entry ABI).
    pub const REGS: Val = Val(0);
    /// The VM context pointer (second argument of the entry ABI), passed through to helpers.
    pub const CTX: Val = Val(1);
}

/// How an operand is typed in the op table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Is(Ty),
    /// Any type, but every `Same` operand of one instruction has the same type.
    Same,
}

/// The result type of an op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Res {
    None,
    Is(Ty),
    /// The type of the `Same` operands.
    Same,
    /// The helper signature's return type (only `call`).
    Call,
}

/// What the immediate field of an instruction holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImmKind {
    None,
    I64,
    F64,
    Bool,
    /// A byte offset added to the `Ptr` operand of a load or store.
    Offset,
    /// The exit a guard leaves through.
    Exit,
    /// The helper a call invokes.
    Helper,
}

/// An instruction's immediate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Imm {
    None,
    I64(i64),
    F64(f64),
    Bool(bool),
    Offset(i32),
    Exit(ExitId),
    Helper(HelperId),
}

impl Imm {
    pub fn kind(self) -> ImmKind {
        match self {
            Imm::None => ImmKind::None,
            Imm::I64(_) => ImmKind::I64,
            Imm::F64(_) => ImmKind::F64,
            Imm::Bool(_) => ImmKind::Bool,
            Imm::Offset(_) => ImmKind::Offset,
            Imm::Exit(_) => ImmKind::Exit,
            Imm::Helper(_) => ImmKind::Helper,
        }
    }
}

/// Op flags (bit set).
pub mod flags {
    /// No side effects; may be removed or merged.
    pub const PURE: u8 = 1;
    /// May leave the function through its exit immediate.
    pub const GUARD: u8 = 2;
    /// Calls out of compiled code.
    pub const MAY_CALL: u8 = 4;
    pub const LOAD: u8 = 8;
    pub const STORE: u8 = 16;
}

macro_rules! ir_ops {
    ($( $variant:ident $name:literal [$($opnd:expr),*] $imm:ident -> $res:expr, $flags:expr; )*) => {
        /// Every IR operation (terminators are `Terminator`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($variant),* }

        impl Op {
            pub const ALL: &'static [Op] = &[$(Op::$variant),*];

            /// The text name used by the printer and the parser.
            pub fn name(self) -> &'static str {
                match self { $(Op::$variant => $name),* }
            }

            pub fn operands(self) -> &'static [Operand] {
                match self { $(Op::$variant => &[$($opnd),*]),* }
            }

            pub fn imm_kind(self) -> ImmKind {
                match self { $(Op::$variant => ImmKind::$imm),* }
            }

            pub fn result(self) -> Res {
                match self { $(Op::$variant => $res),* }
            }

            pub fn flags(self) -> u8 {
                match self { $(Op::$variant => $flags),* }
            }
        }
    };
}

use flags::*;
use Operand::Same as S;
const I: Operand = Operand::Is(Ty::I64);
const F: Operand = Operand::Is(Ty::F64);
const B: Operand = Operand::Is(Ty::Bool);
const P: Operand = Operand::Is(Ty::Ptr);
const RI: Res = Res::Is(Ty::I64);
const RF: Res = Res::Is(Ty::F64);
const RB: Res = Res::Is(Ty::Bool);
const RP: Res = Res::Is(Ty::Ptr);
const RN: Res = Res::None;

// Semantics notes:
// - iadd/isub/imul/ineg wrap; the `.ov` forms leave through their exit on signed overflow.
// - ishl/ishr shift by the amount modulo 64 (ishr is arithmetic); Python's range checks are
//   the tier-up's guards.
// - ifloordiv/imod have Python semantics (round toward -inf, result sign follows the divisor)
//   and leave through their exit when the divisor is 0 or the quotient overflows (MIN // -1).
// - f2i truncates toward zero and leaves through its exit on NaN, infinities and values
//   outside i64. fne is true for unordered operands (Python's NaN != NaN); the others false.
// - p2i is a pointer's address as an integer (zero-extended where pointers are narrower).
// - load.u8 zero-extends; store.u8 stores the low byte. Offsets are in bytes.
// - call's operands and result come from the helper's declared signature.
// - call.entry calls compiled code through its entry (`abi::EntryFn`): operands are the
//   entry's address, the callee's register file and the context; the result is the callee's
//   `abi` result code (RETURNED or an exit code), zero-extended.
// - call.int calls compiled code through its int entry (the int entry ABI in `abi`): operands are the
//   entry's address, the callee's register file, the context and the i64 arguments; the result
//   is the `abi` result code, zero-extended, and `call.int.value` of that result is the value
//   the callee returned (meaningful only when the code is RETURNED).
ir_ops! {
    Iconst    "iconst"     []        I64    -> RI, PURE;
    Fconst    "fconst"     []        F64    -> RF, PURE;
    Bconst    "bconst"     []        Bool   -> RB, PURE;
    Pconst    "pconst"     []        I64    -> RP, PURE;
    Iadd      "iadd"       [I, I]    None   -> RI, PURE;
    Isub      "isub"       [I, I]    None   -> RI, PURE;
    Imul      "imul"       [I, I]    None   -> RI, PURE;
    Ineg      "ineg"       [I]       None   -> RI, PURE;
    IaddOv    "iadd.ov"    [I, I]    Exit   -> RI, GUARD;
    IsubOv    "isub.ov"    [I, I]    Exit   -> RI, GUARD;
    ImulOv    "imul.ov"    [I, I]    Exit   -> RI, GUARD;
    InegOv    "ineg.ov"    [I]       Exit   -> RI, GUARD;
    Ifloordiv "ifloordiv"  [I, I]    Exit   -> RI, GUARD;
    Imod      "imod"       [I, I]    Exit   -> RI, GUARD;
    Iand      "iand"       [I, I]    None   -> RI, PURE;
    Ior       "ior"        [I, I]    None   -> RI, PURE;
    Ixor      "ixor"       [I, I]    None   -> RI, PURE;
    Ishl      "ishl"       [I, I]    None   -> RI, PURE;
    Ishr      "ishr"       [I, I]    None   -> RI, PURE;
    Fadd      "fadd"       [F, F]    None   -> RF, PURE;
    Fsub      "fsub"       [F, F]    None   -> RF, PURE;
    Fmul      "fmul"       [F, F]    None   -> RF, PURE;
    Fdiv      "fdiv"       [F, F]    None   -> RF, PURE;
    Fneg      "fneg"       [F]       None   -> RF, PURE;
    Fabs      "fabs"       [F]       None   -> RF, PURE;
    Fsqrt     "fsqrt"      [F]       None   -> RF, PURE;
    Ffloor    "ffloor"     [F]       None   -> RF, PURE;
    Fceil     "fceil"      [F]       None   -> RF, PURE;
    I2f       "i2f"        [I]       None   -> RF, PURE;
    F2i       "f2i"        [F]       Exit   -> RI, GUARD;
    B2i       "b2i"        [B]       None   -> RI, PURE;
    Bnot      "bnot"       [B]       None   -> RB, PURE;
    Band      "band"       [B, B]    None   -> RB, PURE;
    Bor       "bor"        [B, B]    None   -> RB, PURE;
    Ieq       "ieq"        [I, I]    None   -> RB, PURE;
    Ine       "ine"        [I, I]    None   -> RB, PURE;
    Ilt       "ilt"        [I, I]    None   -> RB, PURE;
    Ile       "ile"        [I, I]    None   -> RB, PURE;
    Igt       "igt"        [I, I]    None   -> RB, PURE;
    Ige       "ige"        [I, I]    None   -> RB, PURE;
    Feq       "feq"        [F, F]    None   -> RB, PURE;
    Fne       "fne"        [F, F]    None   -> RB, PURE;
    Flt       "flt"        [F, F]    None   -> RB, PURE;
    Fle       "fle"        [F, F]    None   -> RB, PURE;
    Fgt       "fgt"        [F, F]    None   -> RB, PURE;
    Fge       "fge"        [F, F]    None   -> RB, PURE;
    Peq       "peq"        [P, P]    None   -> RB, PURE;
    Pne       "pne"        [P, P]    None   -> RB, PURE;
    Padd      "padd"       [P, I]    None   -> RP, PURE;
    P2i       "p2i"        [P]       None   -> RI, PURE;
    Select    "select"     [B, S, S] None   -> Res::Same, PURE;
    LoadI64   "load.i64"   [P]       Offset -> RI, LOAD;
    LoadF64   "load.f64"   [P]       Offset -> RF, LOAD;
    LoadU8    "load.u8"    [P]       Offset -> RI, LOAD;
    LoadPtr   "load.ptr"   [P]       Offset -> RP, LOAD;
    StoreI64  "store.i64"  [P, I]    Offset -> RN, STORE;
    StoreF64  "store.f64"  [P, F]    Offset -> RN, STORE;
    StoreU8   "store.u8"   [P, I]    Offset -> RN, STORE;
    StorePtr  "store.ptr"  [P, P]    Offset -> RN, STORE;
    Call      "call"       []        Helper -> Res::Call, MAY_CALL | LOAD | STORE;
    CallEntry "call.entry" [P, P, P] None   -> RI, MAY_CALL | LOAD | STORE;
    CallInt   "call.int"   []        None   -> RI, MAY_CALL | LOAD | STORE;
    CallIntValue "call.int.value" [I] None  -> RI, 0;
    GuardTrue "guard.true" [B]       Exit   -> RN, GUARD;
    GuardFalse "guard.false" [B]     Exit   -> RN, GUARD;
}

impl Op {
    pub fn from_name(name: &str) -> Option<Op> {
        Op::ALL.iter().copied().find(|op| op.name() == name)
    }
}

/// One instruction: `result = op args, imm`.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    pub op: Op,
    pub args: Vec<Val>,
    pub imm: Imm,
    pub result: Option<Val>,
}

/// A block target with the arguments passed to its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub block: Block,
    pub args: Vec<Val>,
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq)]
pub enum Terminator {
    Jump(Target),
    Brif {
        cond: Val,
        then: Target,
        els: Target,
    },
    /// Write the value into register `FunctionIr::return_slot` and return `abi::RETURNED`.
    Return(ExitSource),
    /// Leave unconditionally through an exit.
    Exit(ExitId),
}

impl Terminator {
    pub fn successors(&self) -> Vec<Block> {
        match self {
            Terminator::Jump(t) => vec![t.block],
            Terminator::Brif { then, els, .. } => vec![then.block, els.block],
            Terminator::Return(_) | Terminator::Exit(_) => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockData {
    pub params: Vec<Val>,
    pub insts: Vec<Inst>,
    pub term: Option<Terminator>,
}

/// Signature of a runtime helper. Helpers use the platform C ABI (`extern "C"`); `Bool`
/// travels as a byte, `Ptr` as a pointer-sized integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelperSig {
    pub params: Vec<Ty>,
    pub ret: Option<Ty>,
}

/// A runtime helper called by absolute address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Helper {
    pub name: String,
    pub addr: usize,
    pub sig: HelperSig,
}

/// An extra entry at a loop header (on-stack replacement): compiled as its own native entry
/// point whose first block is `block`; `pc` is the bytecode pc of the loop header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OsrEntry {
    pub pc: u32,
    pub block: Block,
}

/// A function in the JIT IR, as produced by `Builder::finish`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionIr {
    pub name: String,
    /// Type of every value, indexed by `Val`.
    pub values: Vec<Ty>,
    pub blocks: Vec<BlockData>,
    pub exits: Vec<ExitDescriptor>,
    pub helpers: Vec<Helper>,
    pub osr_entries: Vec<OsrEntry>,
    /// An entry taking the code's arguments as unboxed ints (the int entry ABI in `abi`), compiled as its
    /// own native function from this block, whose parameters are the arguments: every return
    /// reachable from it must return an int, which it hands back unboxed.
    pub int_entry: Option<Block>,
    /// Register the normal return writes its value into (see `abi`).
    pub return_slot: u32,
}

impl FunctionIr {
    pub fn value_ty(&self, v: Val) -> Option<Ty> {
        self.values.get(v.0 as usize).copied()
    }

    pub fn block(&self, b: Block) -> Option<&BlockData> {
        self.blocks.get(b.0 as usize)
    }

    /// The block where native code for `entry` starts: `None` is the normal entry (block 0).
    pub fn entry_block(&self, osr_pc: Option<u32>) -> Option<Block> {
        match osr_pc {
            None => Some(Block(0)),
            Some(pc) => self
                .osr_entries
                .iter()
                .find(|e| e.pc == pc)
                .map(|e| e.block),
        }
    }

    /// Number of instructions, for logs.
    pub fn inst_count(&self) -> usize {
        self.blocks.iter().map(|b| b.insts.len() + 1).sum()
    }
}

/// `f2i` accepts exactly the f64 values in `[F2I_MIN, F2I_END)`, i.e. [-2^63, 2^63).
pub(crate) const F2I_MIN: f64 = i64::MIN as f64;
pub(crate) const F2I_END: f64 = -(i64::MIN as f64);
