//! Bytecode + type feedback → `pylift-jit` IR.
//!
//! `classify` is the one exhaustive `match` over the instruction set: it says, per opcode, how
//! compiled code handles it — natively (moves, constants, int/float arithmetic and comparisons,
//! branches, `range` loops), through the generic `exec` helper (the interpreter's own operation on
//! boxed registers), or by leaving to the interpreter at that pc (everything else: calls with
//! keywords, exceptions, generators, imports, ...). Adding an opcode without deciding is a compile
//! error.
//!
//! Lowering is an abstract interpretation over the bytecode's basic blocks: each register is
//! either boxed in the register file or an unboxed int/float/bool IR value (`exits::Loc`); block
//! entries get the join of what flows in (`exits::T`), iterated to a fixpoint, and unboxed
//! registers become block parameters, so loop variables stay in machine registers. Values read
//! from the register file are unboxed behind tag guards chosen from feedback; a failed guard, an
//! i64 overflow or a zero divisor leaves through a deopt exit at the instruction's pc and the
//! interpreter redoes it (with big ints, or raising the error).

use super::exits::{live_writes, ExitKind, Loc, T};
use super::helpers::{self, Helper, SetOp};
use super::intrinsics::{self, Intrinsic};
use crate::bytecode::code::CodeFlags;
use crate::bytecode::opcodes::Instr;
use crate::gc::ObjRef;
use crate::runtime::class::type_obj;
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::cache::{Cache, PolyTable, Seen};
use crate::vm::code::CodeRt;
use crate::vm::ops::arith::BinOp;
use crate::vm::ops::call::constructed_init;
use crate::vm::ops::compare::CmpOp;
use pylift_jit::abi::{self, TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NONE, TAG_OBJECT};
use pylift_jit::{
    Block, Builder, ExitId, ExitReason, ExitSource, FunctionIr, HelperId, Op, Ty, Val,
};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// An arithmetic or comparison operand: a register or a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opnd {
    Reg(u16),
    K(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Neg,
    Pos,
    Invert,
    Not,
}

/// How compiled code handles one instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Move {
        dst: u16,
        src: u16,
    },
    LoadConst {
        dst: u16,
        k: u16,
    },
    CheckBound {
        reg: u16,
    },
    /// `r[dst]` = the value in the cell `r[cell]` holds; an empty cell leaves to the interpreter,
    /// which raises.
    LoadDeref {
        dst: u16,
        cell: u16,
    },
    StoreDeref {
        cell: u16,
        src: u16,
    },
    Arith {
        dst: u16,
        a: Opnd,
        b: Opnd,
        op: BinOp,
        inplace: bool,
    },
    Unary {
        dst: u16,
        src: u16,
        op: Unary,
    },
    Cmp {
        dst: u16,
        a: Opnd,
        b: Opnd,
        op: CmpOp,
    },
    Jump {
        target: u32,
    },
    /// Jump to `target` when the truth of `cond` equals `when`.
    Branch {
        cond: u16,
        target: u32,
        when: bool,
    },
    /// Jump to `target` when `src is None` equals `when`.
    BranchNone {
        src: u16,
        target: u32,
        when: bool,
    },
    GetIter {
        dst: u16,
        src: u16,
    },
    ForIter {
        dst: u16,
        iter: u16,
        target: u32,
    },
    Return {
        src: u16,
    },
    /// Run by the `exec` helper; writes registers `out .. out + n`.
    Generic {
        out: u16,
        n: u16,
    },
    /// Left to the interpreter.
    Leave,
}

/// The exhaustive decision table over the instruction set.
pub fn classify(i: Instr) -> Class {
    use BinOp as B;
    use Opnd::{Reg as R, K};
    let ar = |dst, a, b, op, inplace| Class::Arith {
        dst,
        a,
        b,
        op,
        inplace,
    };
    let cmp = |dst, a, b, op| Class::Cmp { dst, a, b, op };
    let g = |out, n| Class::Generic { out, n };
    match i {
        Instr::Move { dst, src } => Class::Move { dst, src },
        Instr::LoadConst { dst, k } => Class::LoadConst { dst, k },
        Instr::CheckBound { reg } => Class::CheckBound { reg },
        Instr::LoadDeref { dst, cell } => Class::LoadDeref { dst, cell },
        Instr::StoreDeref { cell, src } => Class::StoreDeref { cell, src },
        Instr::Add { dst, a, b } => ar(dst, R(a), R(b), B::Add, false),
        Instr::Sub { dst, a, b } => ar(dst, R(a), R(b), B::Sub, false),
        Instr::Mul { dst, a, b } => ar(dst, R(a), R(b), B::Mul, false),
        Instr::MatMul { dst, a, b } => ar(dst, R(a), R(b), B::MatMul, false),
        Instr::TrueDiv { dst, a, b } => ar(dst, R(a), R(b), B::TrueDiv, false),
        Instr::FloorDiv { dst, a, b } => ar(dst, R(a), R(b), B::FloorDiv, false),
        Instr::Mod { dst, a, b } => ar(dst, R(a), R(b), B::Mod, false),
        Instr::Pow { dst, a, b } => ar(dst, R(a), R(b), B::Pow, false),
        Instr::Shl { dst, a, b } => ar(dst, R(a), R(b), B::Shl, false),
        Instr::Shr { dst, a, b } => ar(dst, R(a), R(b), B::Shr, false),
        Instr::BitAnd { dst, a, b } => ar(dst, R(a), R(b), B::And, false),
        Instr::BitOr { dst, a, b } => ar(dst, R(a), R(b), B::Or, false),
        Instr::BitXor { dst, a, b } => ar(dst, R(a), R(b), B::Xor, false),
        Instr::AddK { dst, a, k } => ar(dst, R(a), K(k), B::Add, false),
        Instr::SubK { dst, a, k } => ar(dst, R(a), K(k), B::Sub, false),
        Instr::MulK { dst, a, k } => ar(dst, R(a), K(k), B::Mul, false),
        Instr::MatMulK { dst, a, k } => ar(dst, R(a), K(k), B::MatMul, false),
        Instr::TrueDivK { dst, a, k } => ar(dst, R(a), K(k), B::TrueDiv, false),
        Instr::FloorDivK { dst, a, k } => ar(dst, R(a), K(k), B::FloorDiv, false),
        Instr::ModK { dst, a, k } => ar(dst, R(a), K(k), B::Mod, false),
        Instr::PowK { dst, a, k } => ar(dst, R(a), K(k), B::Pow, false),
        Instr::ShlK { dst, a, k } => ar(dst, R(a), K(k), B::Shl, false),
        Instr::ShrK { dst, a, k } => ar(dst, R(a), K(k), B::Shr, false),
        Instr::BitAndK { dst, a, k } => ar(dst, R(a), K(k), B::And, false),
        Instr::BitOrK { dst, a, k } => ar(dst, R(a), K(k), B::Or, false),
        Instr::BitXorK { dst, a, k } => ar(dst, R(a), K(k), B::Xor, false),
        Instr::InplaceAdd { dst, a, b } => ar(dst, R(a), R(b), B::Add, true),
        Instr::InplaceSub { dst, a, b } => ar(dst, R(a), R(b), B::Sub, true),
        Instr::InplaceMul { dst, a, b } => ar(dst, R(a), R(b), B::Mul, true),
        Instr::InplaceMatMul { dst, a, b } => ar(dst, R(a), R(b), B::MatMul, true),
        Instr::InplaceTrueDiv { dst, a, b } => ar(dst, R(a), R(b), B::TrueDiv, true),
        Instr::InplaceFloorDiv { dst, a, b } => ar(dst, R(a), R(b), B::FloorDiv, true),
        Instr::InplaceMod { dst, a, b } => ar(dst, R(a), R(b), B::Mod, true),
        Instr::InplacePow { dst, a, b } => ar(dst, R(a), R(b), B::Pow, true),
        Instr::InplaceShl { dst, a, b } => ar(dst, R(a), R(b), B::Shl, true),
        Instr::InplaceShr { dst, a, b } => ar(dst, R(a), R(b), B::Shr, true),
        Instr::InplaceBitAnd { dst, a, b } => ar(dst, R(a), R(b), B::And, true),
        Instr::InplaceBitOr { dst, a, b } => ar(dst, R(a), R(b), B::Or, true),
        Instr::InplaceBitXor { dst, a, b } => ar(dst, R(a), R(b), B::Xor, true),
        Instr::InplaceAddK { dst, a, k } => ar(dst, R(a), K(k), B::Add, true),
        Instr::InplaceSubK { dst, a, k } => ar(dst, R(a), K(k), B::Sub, true),
        Instr::InplaceMulK { dst, a, k } => ar(dst, R(a), K(k), B::Mul, true),
        Instr::InplaceMatMulK { dst, a, k } => ar(dst, R(a), K(k), B::MatMul, true),
        Instr::InplaceTrueDivK { dst, a, k } => ar(dst, R(a), K(k), B::TrueDiv, true),
        Instr::InplaceFloorDivK { dst, a, k } => ar(dst, R(a), K(k), B::FloorDiv, true),
        Instr::InplaceModK { dst, a, k } => ar(dst, R(a), K(k), B::Mod, true),
        Instr::InplacePowK { dst, a, k } => ar(dst, R(a), K(k), B::Pow, true),
        Instr::InplaceShlK { dst, a, k } => ar(dst, R(a), K(k), B::Shl, true),
        Instr::InplaceShrK { dst, a, k } => ar(dst, R(a), K(k), B::Shr, true),
        Instr::InplaceBitAndK { dst, a, k } => ar(dst, R(a), K(k), B::And, true),
        Instr::InplaceBitOrK { dst, a, k } => ar(dst, R(a), K(k), B::Or, true),
        Instr::InplaceBitXorK { dst, a, k } => ar(dst, R(a), K(k), B::Xor, true),
        Instr::Neg { dst, src } => Class::Unary {
            dst,
            src,
            op: Unary::Neg,
        },
        Instr::Pos { dst, src } => Class::Unary {
            dst,
            src,
            op: Unary::Pos,
        },
        Instr::Invert { dst, src } => Class::Unary {
            dst,
            src,
            op: Unary::Invert,
        },
        Instr::Not { dst, src } => Class::Unary {
            dst,
            src,
            op: Unary::Not,
        },
        Instr::Lt { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Lt),
        Instr::Le { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Le),
        Instr::Eq { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Eq),
        Instr::Ne { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Ne),
        Instr::Gt { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Gt),
        Instr::Ge { dst, a, b } => cmp(dst, R(a), R(b), CmpOp::Ge),
        Instr::LtK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Lt),
        Instr::LeK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Le),
        Instr::EqK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Eq),
        Instr::NeK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Ne),
        Instr::GtK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Gt),
        Instr::GeK { dst, a, k } => cmp(dst, R(a), K(k), CmpOp::Ge),
        Instr::Jump { target } => Class::Jump { target },
        Instr::JumpIfTrue { cond, target } => Class::Branch {
            cond,
            target,
            when: true,
        },
        Instr::JumpIfFalse { cond, target } => Class::Branch {
            cond,
            target,
            when: false,
        },
        Instr::JumpIfNone { src, target } => Class::BranchNone {
            src,
            target,
            when: true,
        },
        Instr::JumpIfNotNone { src, target } => Class::BranchNone {
            src,
            target,
            when: false,
        },
        Instr::GetIter { dst, src } => Class::GetIter { dst, src },
        Instr::ForIter { dst, iter, target } => Class::ForIter { dst, iter, target },
        Instr::Return { src } => Class::Return { src },
        Instr::LoadGlobal { dst, .. }
        | Instr::LoadName { dst, .. }
        | Instr::LoadAttr { dst, .. }
        | Instr::LoadSubscr { dst, .. }
        | Instr::Is { dst, .. }
        | Instr::IsNot { dst, .. }
        | Instr::In { dst, .. }
        | Instr::NotIn { dst, .. }
        | Instr::BuildTuple { dst, .. }
        | Instr::BuildList { dst, .. }
        | Instr::GetLen { dst, .. }
        | Instr::Call { dst, .. }
        | Instr::CallMethod { dst, .. } => g(dst, 1),
        Instr::LoadMethod { dst, .. } => g(dst, 2),
        Instr::UnpackSequence { dst, count, .. } => g(dst, count),
        Instr::StoreGlobal { .. }
        | Instr::StoreName { .. }
        | Instr::StoreAttr { .. }
        | Instr::StoreSubscr { .. }
        | Instr::ListAppend { .. } => g(0, 0),
        Instr::DeleteLocal { .. }
        | Instr::DeleteDeref { .. }
        | Instr::LoadClassDeref { .. }
        | Instr::DeleteGlobal { .. }
        | Instr::DeleteName { .. }
        | Instr::LoadBuildClass { .. }
        | Instr::LoadAssertionError { .. }
        | Instr::DeleteAttr { .. }
        | Instr::DeleteSubscr { .. }
        | Instr::BuildSlice { .. }
        | Instr::BuildSet { .. }
        | Instr::BuildMap { .. }
        | Instr::BuildString { .. }
        | Instr::ListExtend { .. }
        | Instr::ExtendArgs { .. }
        | Instr::ListToTuple { .. }
        | Instr::SetAdd { .. }
        | Instr::SetUpdate { .. }
        | Instr::DictSet { .. }
        | Instr::DictUpdate { .. }
        | Instr::DictMerge { .. }
        | Instr::ConvertValue { .. }
        | Instr::FormatSimple { .. }
        | Instr::FormatSpec { .. }
        | Instr::UnpackEx { .. }
        | Instr::CallKw { .. }
        | Instr::CallMethodKw { .. }
        | Instr::CallEx { .. }
        | Instr::MakeFunction { .. }
        | Instr::SetDefaults { .. }
        | Instr::SetKwDefaults { .. }
        | Instr::SetClosure { .. }
        | Instr::Yield { .. }
        | Instr::GetYieldFromIter { .. }
        | Instr::YieldFrom { .. }
        | Instr::Raise { .. }
        | Instr::RaiseFrom { .. }
        | Instr::Reraise { .. }
        | Instr::RaiseAgain { .. }
        | Instr::PushExcInfo { .. }
        | Instr::PopExcInfo { .. }
        | Instr::CheckExcMatch { .. }
        | Instr::CheckEgMatch { .. }
        | Instr::PrepReraiseStar { .. }
        | Instr::WithEnter { .. }
        | Instr::WithExit { .. }
        | Instr::ImportName { .. }
        | Instr::ImportFrom { .. }
        | Instr::ImportStar { .. }
        | Instr::MatchMapping { .. }
        | Instr::MatchSequence { .. }
        | Instr::MatchKeys { .. }
        | Instr::MatchClass { .. }
        | Instr::CopyDictWithoutKeys { .. }
        | Instr::PrintExpr { .. } => Class::Leave,
    }
}

/// How much of `code` compiles to native operations, by the interpreter's feedback: (int and
/// float arithmetic and comparisons, item stores into lists, `for` over a range; instructions
/// run by the generic helper, including arithmetic that has seen objects). Counted only up to
/// the first instruction left to the interpreter, where compiled code entered at the start
/// leaves, and the first loop header. Instructions that never ran, moves, constants, jumps,
/// unary operators, item loads (from a list natively, from a tuple by the helper) and loads of
/// globals that exist count for neither: the interpreter does them about as fast. A call of a
/// global function that compiled code calls directly is native.
pub fn mix(code: &CodeRt, env: Option<Env>) -> (usize, usize) {
    let leave = code
        .instrs
        .iter()
        .position(|&i| classify(i) == Class::Leave)
        .unwrap_or(code.instrs.len());
    // A loop with such an instruction (the only kind `mix` is asked about in code that has
    // loops) runs compiled for one iteration at most: count up to its header.
    let header = loops(code).into_keys().next().unwrap_or(leave);
    mix_of(code, 0..leave.min(header), env)
}

/// Loops by header, each ending at its last backward jump, as `lower` finds them.
fn loops(code: &CodeRt) -> BTreeMap<usize, usize> {
    let mut ends = BTreeMap::new();
    for (pc, &i) in code.instrs.iter().enumerate() {
        if let Class::Jump { target }
        | Class::Branch { target, .. }
        | Class::BranchNone { target, .. } = classify(i)
        {
            if target as usize <= pc {
                ends.insert(target as usize, pc);
            }
        }
    }
    ends
}

/// `mix` over the bodies of the innermost loops that compiled code can run, where it spends
/// its time; `None` for code without such loops.
pub fn loop_mix(code: &CodeRt, env: Option<Env>) -> Option<(usize, usize)> {
    // A loop that leaves compiled code on every iteration gets no OSR entry (see `lower`).
    let loops: Vec<(usize, usize)> = loops(code)
        .into_iter()
        .filter(|&(h, e)| {
            !code.instrs[h..=e]
                .iter()
                .any(|&i| classify(i) == Class::Leave)
        })
        .collect();
    let innermost = loops.iter().filter(|&&(h, e)| {
        !loops
            .iter()
            .any(|&(h2, e2)| (h2, e2) != (h, e) && h <= h2 && e2 <= e)
    });
    // Loops that never ran say nothing yet (their instructions have no feedback).
    let ran = |&&(h, e): &&(usize, usize)| code.feedback[h..=e].iter().any(|f| f.get() != 0);
    innermost.filter(ran).fold(None, |total, &(h, e)| {
        let (n, g) = mix_of(code, h..e + 1, env);
        let (tn, tg) = total.unwrap_or((0, 0));
        Some((tn + n, tg + g))
    })
}

/// The name index of the global that register `func` was last loaded from, shortly before the
/// call at `pc`.
fn global_load(code: &CodeRt, pc: u32, func: u16) -> Option<u16> {
    (pc.saturating_sub(12)..pc)
        .rev()
        .find_map(|p| match code.instrs[p as usize] {
            Instr::LoadGlobal { dst, name } if dst == func => Some(name),
            _ => None,
        })
}

/// Whether `code` might lower to code that other compiled code calls directly
/// (`Lowered::direct`), judged without lowering it: a plain function none of whose instructions
/// is always left to the interpreter or run by `exec` (as arithmetic on objects is, or an
/// attribute its inline cache does not vouch for). `tier_up` lowers code that would not pay
/// otherwise only if this holds.
pub fn maybe_direct(code: &CodeRt) -> bool {
    code.exact_argc != usize::MAX
        && code.instrs.iter().enumerate().all(|(pc, &i)| {
            let on_objects = code.feedback[pc].get() & FB_OBJECT != 0;
            match classify(i) {
                _ if never_ran(code, pc) => true,
                Class::Leave => false,
                Class::Arith { .. } => !on_objects || cached_dunder(code, pc).is_some(),
                Class::Cmp { .. } => !on_objects,
                Class::Generic { .. } => match i {
                    Instr::LoadAttr { .. } | Instr::StoreAttr { .. } | Instr::LoadMethod { .. } => {
                        vouched(code, pc)
                    }
                    Instr::LoadGlobal { .. }
                    | Instr::Is { .. }
                    | Instr::IsNot { .. }
                    | Instr::In { .. }
                    | Instr::NotIn { .. }
                    | Instr::Call { .. }
                    | Instr::CallMethod { .. }
                    | Instr::BuildTuple { .. }
                    | Instr::UnpackSequence { .. }
                    | Instr::LoadSubscr { .. }
                    | Instr::StoreSubscr { .. } => true,
                    _ => false,
                },
                _ => true,
            }
        })
}

/// Whether the inline cache of the attribute instruction at `pc` vouches for an instance slot or
/// a Python method, which compiled code then uses (`Emitter::cached`), or found a module
/// attribute (which compiled code reads natively from a module in a global: `Known::ModuleAttr`).
fn vouched(code: &CodeRt, pc: usize) -> bool {
    let Some(c) = code.caches.get(pc) else {
        return false;
    };
    match (code.instrs[pc], c.get()) {
        (Instr::LoadAttr { .. }, Cache::Slot { .. } | Cache::Module { .. })
        | (Instr::LoadMethod { .. }, Cache::Module { .. })
        | (Instr::StoreAttr { .. }, Cache::StoreSlot { .. } | Cache::Store { .. }) => true,
        (Instr::LoadMethod { .. }, Cache::Method { func, .. }) => {
            matches!(func, Value::Object(f) if matches!(f.kind, Kind::Function(_)) || set_method(f))
        }
        _ => false,
    }
}

/// Whether `f` is a set method compiled code calls itself (`Intrinsic::SetAdd` ...).
fn set_method(f: ObjRef) -> bool {
    matches!(&f.kind, Kind::Builtin(b) if matches!(
        intrinsics::of(b.f, 2),
        Some(Intrinsic::SetAdd | Intrinsic::SetRemove | Intrinsic::SetDiscard)
    ))
}

/// What the inline cache of the operator at `pc` found on its operand's class (`Cache::Dunder`):
/// the class and version, and the Python function.
fn cached_dunder(code: &CodeRt, pc: usize) -> Option<([i64; 2], ObjRef)> {
    match code.caches.get(pc)?.get() {
        Cache::Dunder {
            cls,
            version,
            func: Value::Object(f),
        } if matches!(f.kind, Kind::Function(_)) => Some(([cls as i64, version as i64], f)),
        _ => None,
    }
}

/// Whether the instruction at `pc` is an operator that calls a Python method (`cached_dunder`).
pub fn calls_method(code: &CodeRt, pc: usize) -> bool {
    cached_dunder(code, pc).is_some()
}

/// Whether the instruction at `pc`, which records type feedback or calls what such an
/// instruction loaded, has never run (while its code recorded feedback).
fn never_ran(code: &CodeRt, pc: usize) -> bool {
    let fb = |p: usize| code.feedback.get(p).map_or(0, |c| c.get());
    match code.instrs[pc] {
        Instr::LoadSubscr { .. }
        | Instr::StoreSubscr { .. }
        | Instr::LoadAttr { .. }
        | Instr::LoadMethod { .. } => fb(pc) == 0,
        Instr::Call { func, .. } | Instr::CallMethod { func, .. } => (pc.saturating_sub(12)..pc)
            .rev()
            .find_map(|p| match code.instrs[p] {
                Instr::LoadAttr { dst, .. } | Instr::LoadMethod { dst, .. } if dst == func => {
                    Some(fb(p) == 0)
                }
                _ => None,
            })
            .unwrap_or(false),
        i => matches!(classify(i), Class::Arith { .. } | Class::Cmp { .. }) && fb(pc) == 0,
    }
}

/// The Python method the inline cache of the `LoadMethod` into register `func` found, shortly
/// before the call at `pc`.
fn loaded_method(code: &CodeRt, pc: u32, func: u16) -> Option<ObjRef> {
    let p = (pc.saturating_sub(12)..pc).rev().find(
        |&p| matches!(code.instrs[p as usize], Instr::LoadMethod { dst, .. } if dst == func),
    )?;
    match code.caches.get(p as usize)?.get() {
        Cache::Method {
            func: Value::Object(f),
            ..
        } => Some(f),
        _ => None,
    }
}

/// Whether compiled code calls Python function `f` directly (`Emitter::direct_call`), as
/// things stand, or once it is compiled with its caller (a leaf waiting for a caller to
/// compile, `CodeTier::leaf`).
fn calls_directly(f: ObjRef) -> bool {
    matches!(&f.kind, Kind::Function(f)
        if f.code.tier.direct.get() != 0 || f.code.tier.leaf.get())
}

/// The entry of the global `code` names `name` in the globals or builtins of `env`.
fn global_entry(code: &CodeRt, name: u16, env: Option<Env>) -> Option<DictEntry> {
    let env = env?;
    let name = *code.names.get(name as usize)?;
    DictEntry::find(env.globals, name).or_else(|| DictEntry::find(env.builtins, name))
}

/// The value of the module attribute the `LoadAttr` or `LoadMethod` at `pc` loads, when its
/// object was just loaded from a global module, as `env` has it now.
fn module_attr(code: &CodeRt, pc: usize, env: Option<Env>) -> Option<Value> {
    let (Instr::LoadAttr { obj, name, .. } | Instr::LoadMethod { obj, name, .. }) = code.instrs[pc]
    else {
        return None;
    };
    let module = global_entry(code, global_load(code, pc as u32, obj)?, env)?.value;
    let Kind::Module { dict, .. } = &module.as_obj()?.kind else {
        return None;
    };
    DictEntry::find(*dict, *code.names.get(name as usize)?).map(|e| e.value)
}

/// What the call at `pc` calls, as far as globals, modules and inline caches tell: a global,
/// a module attribute or a method loaded into its function register shortly before.
fn call_target(code: &CodeRt, pc: usize, env: Option<Env>) -> Option<ObjRef> {
    let (Instr::Call { func, .. } | Instr::CallMethod { func, .. }) = code.instrs[pc] else {
        return None;
    };
    let loaded = (pc.saturating_sub(12)..pc).rev().find(|&p| {
        matches!(code.instrs[p], Instr::LoadGlobal { dst, .. }
            | Instr::LoadAttr { dst, .. }
            | Instr::LoadMethod { dst, .. } if dst == func)
    })?;
    match code.instrs[loaded] {
        Instr::LoadGlobal { name, .. } => global_entry(code, name, env)?.value.as_obj(),
        _ => module_attr(code, loaded, env)
            .and_then(Value::as_obj)
            .or_else(|| loaded_method(code, pc as u32, func)),
    }
}

/// The Python function that the call or operator at `pc` runs, as far as globals, modules and
/// inline caches tell: the function called, the `__init__` of a plain class called
/// (`constructed_init`), or an operator's method (`cached_dunder`).
fn callee_at(code: &CodeRt, pc: usize, env: Option<Env>) -> Option<ObjRef> {
    let f = match classify(code.instrs[pc]) {
        Class::Arith { .. } | Class::Unary { .. } => cached_dunder(code, pc)?.1,
        _ => call_target(code, pc, env)?,
    };
    match f.kind {
        Kind::Function(_) => Some(f),
        Kind::Type(_) => constructed_init(f),
        _ => None,
    }
}

/// The code of the Python functions of `env`'s module that `code` calls (`callee_at`), and the
/// methods its method loads found on other classes (`methods_seen`).
pub fn callees(code: &CodeRt, env: Option<Env>, poly: &PolyTable) -> Vec<Rc<CodeRt>> {
    let mut found: Vec<Rc<CodeRt>> = Vec::new();
    for pc in 0..code.instrs.len() {
        let mut funcs: Vec<ObjRef> = callee_at(code, pc, env).into_iter().collect();
        if let Instr::LoadMethod { name, .. } = code.instrs[pc] {
            if let Some(&name) = code.names.get(name as usize) {
                funcs.extend(methods_seen(poly, name).into_iter().map(|(_, f)| f));
            }
        }
        for f in funcs {
            let Kind::Function(f) = &f.kind else {
                continue;
            };
            let same_module = env.is_some_and(|e| f.globals.ptr_eq(e.globals));
            if same_module && !found.iter().any(|c| Rc::ptr_eq(c, &f.code)) {
                found.push(f.code.clone());
            }
        }
        // What a `Call` of a function not known ahead called, all of this module
        // (`tier_up::saw_call`).
        if let Instr::Call { .. } = code.instrs[pc] {
            for c in code.tier.callees_at(pc as u32) {
                if !found.iter().any(|f| Rc::ptr_eq(f, &c)) {
                    found.push(c);
                }
            }
        }
    }
    found
}

/// Whether compiled code calls directly every function the `Call` at `pc` saw called, where
/// the callee is not known ahead (`Known::Held`).
fn held_directly(code: &CodeRt, pc: usize) -> bool {
    let seen = code.tier.callees_at(pc as u32);
    !seen.is_empty()
        && seen
            .iter()
            .all(|c| c.tier.direct.get() != 0 || c.tier.leaf.get())
}

/// The Python functions the interpreter's second-level table (`PolyTable::seen`) found as
/// method `name` of instances with attributes, by class key, taken only from classes still
/// alive at that version (whose dicts then own them).
fn methods_seen(poly: &PolyTable, name: ObjRef) -> Vec<([i64; 3], ObjRef)> {
    let mut seen = poly.seen(name, Seen::Method);
    if seen.is_empty() {
        return Vec::new();
    }
    seen.sort_by_key(|&(key, _)| key);
    let mut wanted: Vec<usize> = seen
        .iter()
        .filter(|&&((_, _, shape), _)| shape != 0)
        .map(|&((cls, _, _), _)| cls)
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let live = live_classes(&wanted);
    seen.into_iter()
        .filter(|&((cls, version, shape), _)| {
            shape != 0
                && live
                    .get(&cls)
                    .is_some_and(|&c| type_obj(c).version.get() == version)
        })
        .filter_map(|((cls, version, shape), f)| match f {
            Value::Object(f) if matches!(f.kind, Kind::Function(_)) => {
                Some(([cls as i64, version as i64, shape as i64], f))
            }
            _ => None,
        })
        .collect()
}

/// Whether `GetIter` at `pc` iterates `range(...)`: its source was just produced by a call of
/// the global `range` (compiled code guards the iterator it got).
fn iterates_range(code: &CodeRt, pc: u32, src: u16) -> bool {
    let Some(Instr::Call { dst, func, .. }) = pc.checked_sub(1).map(|p| code.instrs[p as usize])
    else {
        return false;
    };
    if dst != src {
        return false;
    }
    for p in (pc.saturating_sub(12)..pc - 1).rev() {
        match code.instrs[p as usize] {
            Instr::LoadGlobal { dst, name } | Instr::LoadName { dst, name } if dst == func => {
                return code
                    .code
                    .names
                    .get(name as usize)
                    .is_some_and(|n| &**n == "range");
            }
            _ => {}
        }
    }
    false
}

fn mix_of(code: &CodeRt, pcs: std::ops::Range<usize>, env: Option<Env>) -> (usize, usize) {
    let global = |name: u16| global_entry(code, name, env);
    pcs.fold((0, 0), |(native, generic), pc| {
        let fb = code.feedback.get(pc).map_or(0, |c| c.get());
        let i = code.instrs[pc];
        let is_native = match classify(i) {
            Class::Arith { .. } | Class::Cmp { .. } if fb != 0 => {
                fb & FB_OBJECT == 0
                    || cached_dunder(code, pc).is_some_and(|(_, f)| calls_directly(f))
            }
            Class::Generic { .. } => match i {
                _ if never_ran(code, pc) => return (native, generic),
                Instr::LoadGlobal { name, .. } if global(name).is_some() => {
                    return (native, generic)
                }
                Instr::LoadSubscr { .. } => return (native, generic),
                Instr::Is { .. } | Instr::IsNot { .. } => true,
                Instr::In { .. } | Instr::NotIn { .. } => fb & !(FB_INT | FB_OBJECT) == 0,
                Instr::StoreSubscr { .. } => fb == FB_OBJECT | FB_INT,
                Instr::Call { argc, .. } | Instr::CallMethod { argc, .. } => {
                    match call_target(code, pc, env).map(|f| &f.get().kind) {
                        Some(Kind::Builtin(b)) => {
                            let method = matches!(i, Instr::CallMethod { .. });
                            intrinsics::of(b.f, argc).is_some()
                                || method && intrinsics::of(b.f, argc + 1).is_some()
                        }
                        None if matches!(i, Instr::Call { .. }) => held_directly(code, pc),
                        _ => callee_at(code, pc, env).is_some_and(calls_directly),
                    }
                }
                Instr::LoadAttr { .. } | Instr::StoreAttr { .. } | Instr::LoadMethod { .. }
                    if vouched(code, pc) =>
                {
                    return (native, generic)
                }
                _ => false,
            },
            // A `for` over a range steps natively; over anything else, through the helper.
            Class::ForIter { iter, .. } => pc.checked_sub(1).is_some_and(|p| {
                matches!(code.instrs[p], Instr::GetIter { dst, src } if dst == iter
                    && iterates_range(code, p as u32, src))
            }),
            Class::GetIter { .. } => false,
            _ => return (native, generic),
        };
        if is_native {
            (native + 1, generic)
        } else {
            (native, generic + 1)
        }
    })
}

/// The result of lowering one code object.
pub struct Lowered {
    pub ir: FunctionIr,
    /// What each exit (by index) means to the VM.
    pub kinds: Vec<ExitKind>,
    /// The specialised register types at loop headers, for `--jit-log`.
    pub types: String,
    /// The pc of a `Return` of the register the normal return writes (`return_slot`): where the
    /// interpreter finishes a return compiled code made.
    pub ret_pc: u32,
    /// Whether other compiled code may call this code directly (`Emitter::direct_call`): a
    /// plain function whose compiled code calls only frameless helpers (`Helper::frameless`: a
    /// direct callee has no frame for the others to work on) and has no instruction it always
    /// leaves to the interpreter.
    pub direct: bool,
    /// Whether the code would be `direct` if lowered `frameless` (only the generic forms beside
    /// fast paths need a frame).
    pub could_be_direct: bool,
    /// Whether the code calls itself directly.
    pub calls_itself: bool,
    /// The functions it calls directly somewhere, by address, and the code objects of those it
    /// calls directly without knowing them ahead (`Known::Held`), by address.
    pub direct_targets: BTreeSet<usize>,
}

/// The first `Return` of `code` and the register it returns: compiled code's normal return
/// writes its value there (clobbering that register, whose frame is finished).
fn return_slot(code: &CodeRt) -> Option<(u32, u16)> {
    code.instrs.iter().enumerate().find_map(|(pc, &i)| match i {
        Instr::Return { src } => Some((pc as u32, src)),
        _ => None,
    })
}

/// Instructions of the longest function a call inlines.
const MAX_INLINE: usize = 40;

/// Fixpoint rounds before every block entry is made boxed (always consistent).
const MAX_ROUNDS: usize = 40;

const FB_INT: u8 = 1 << TAG_INT;
const FB_FLOAT: u8 = 1 << TAG_FLOAT;
const FB_OBJECT: u8 = 1 << TAG_OBJECT;
/// Ints with magnitude below this convert to f64 exactly.
const EXACT_F64: i64 = 1 << 53;

/// Lowers `code`; `generic` lists pcs that must not be specialised (they deopted too often).
/// `null` is the VM's unbound-register marker.
/// `traps`: instructions without feedback leave through a `Trap` exit instead of running
/// generically (off when compiling at the first call, where nothing has feedback).
/// The frame a code object is compiled for: where its global loads look.
#[derive(Clone, Copy)]
pub struct Env {
    pub globals: ObjRef,
    pub builtins: ObjRef,
}

pub fn lower(
    code: &CodeRt,
    learned: Learned<'_>,
    null: Value,
    env: Option<Env>,
    traps: bool,
    self_direct: bool,
    frameless: bool,
) -> Result<Lowered, String> {
    let n = code.instrs.len() as u32;
    let mut leaders = BTreeSet::from([0u32]);
    let mut headers = BTreeSet::new();
    let mut loop_ends: BTreeMap<u32, u32> = BTreeMap::new();
    for (pc, &i) in code.instrs.iter().enumerate() {
        let pc = pc as u32;
        let target = match classify(i) {
            Class::Jump { target }
            | Class::Branch { target, .. }
            | Class::BranchNone { target, .. } => {
                if target <= pc {
                    headers.insert(target);
                    loop_ends.insert(target, pc);
                }
                Some(target)
            }
            Class::ForIter { target, .. } => Some(target),
            Class::Return { .. } | Class::Leave => None,
            _ => continue,
        };
        leaders.extend(target.filter(|&t| t < n));
        if pc + 1 < n {
            leaders.insert(pc + 1);
        }
    }
    // A loop that hands an instruction to the interpreter on every iteration would leave and
    // re-enter compiled code each time: it gets no OSR entry (the interpreter runs it).
    headers.retain(|h| {
        let end = loop_ends.get(h).copied().unwrap_or(*h);
        !code.instrs[*h as usize..=end as usize]
            .iter()
            .any(|&i| classify(i) == Class::Leave)
    });
    let nregs = code.code.nregs as usize;
    let int_plan = int_params(code, learned.generic) && !headers.contains(&0);
    // pc 0's registers: boxed, but for an int entry's parameters.
    let start: Vec<T> = (0..nregs)
        .map(|r| match int_plan && r < code.exact_argc {
            true => T::Int,
            false => T::Mem,
        })
        .collect();
    let mut entry: BTreeMap<u32, Vec<T>> = BTreeMap::from([(0, start.clone())]);
    let mut unreached = BTreeSet::new();
    let mut self_int = int_plan;
    for round in 0..=MAX_ROUNDS {
        if round == MAX_ROUNDS {
            entry = leaders.iter().map(|&l| (l, vec![T::Mem; nregs])).collect();
        }
        let mut em = Emitter::new(code, &leaders, &entry, learned, null);
        em.traps = traps;
        em.env = env;
        em.self_direct = self_direct;
        em.frameless = frameless;
        em.headers = headers.clone();
        em.int_plan = int_plan;
        em.self_int = self_int;
        em.emit_all()?;
        let settled = em.int_entry_ok() == self_int;
        self_int = em.int_entry_ok();
        let mut next = em.incoming.clone();
        next.insert(0, start.clone());
        for &h in &unreached {
            next.entry(h).or_insert_with(|| vec![T::Mem; nregs]);
        }
        // Temporaries hold nothing between statements except iterators, so at a loop header
        // they are kept boxed: OSR entries then never guard a dead temporary's stale value.
        let temps = first_temp(code);
        for h in &headers {
            if let Some(tys) = next.get_mut(h) {
                for t in tys.iter_mut().skip(temps) {
                    if unboxed_ty(*t).is_some() {
                        *t = T::Mem;
                    }
                }
            }
        }
        if (next == entry && settled) || round == MAX_ROUNDS {
            // A loop the entry never reaches (something before it is left to the interpreter:
            // a `with`, a nested function made) is lowered from its header all the same, for its
            // OSR entry, with the types its back-edges bring, which that entry guards in the
            // frame. Only once the rest has converged: seeding a reachable header with boxed
            // types would keep its loop boxed.
            let missing: Vec<u32> = headers
                .iter()
                .filter(|h| !next.contains_key(h))
                .copied()
                .collect();
            if missing.is_empty() || round == MAX_ROUNDS {
                return em.finish(&headers);
            }
            for h in missing {
                next.insert(h, vec![T::Mem; nregs]);
                unreached.insert(h);
            }
        }
        entry = next;
    }
    Err("lowering did not converge".into())
}

/// Parameters beyond which a function gets no int entry.
const MAX_INT_PARAMS: usize = 6;

/// Whether `code` is lowered for an int entry (`FunctionIr::int_entry`), which takes its
/// parameters as unboxed ints in machine registers: a plain function of a few parameters, each
/// of them an operand of arithmetic or comparisons whose feedback saw only ints, and of none
/// that saw anything else. Its normal entry then guards and unboxes them at pc 0, which is no
/// loop header, and whose deopting too often (an argument of another type) takes the plan back.
fn int_params(code: &CodeRt, generic: &[u32]) -> bool {
    let argc = code.exact_argc;
    if argc == 0 || argc > MAX_INT_PARAMS || generic.contains(&0) {
        return false;
    }
    let fb = |pc: usize| code.feedback.get(pc).map_or(0, |c| c.get());
    let mut seen_int = vec![false; argc];
    for (pc, &i) in code.instrs.iter().enumerate() {
        let (Class::Arith { a, b, .. } | Class::Cmp { a, b, .. }) = classify(i) else {
            continue;
        };
        for o in [a, b] {
            match o {
                Opnd::Reg(r) if usize::from(r) < argc && fb(pc) == FB_INT => {
                    seen_int[usize::from(r)] = true
                }
                Opnd::Reg(r) if usize::from(r) < argc => return false,
                _ => {}
            }
        }
    }
    seen_int.iter().all(|&s| s)
}

/// The first register that is not a named local or cell: the compiler's temporaries.
fn first_temp(code: &CodeRt) -> usize {
    code.code.varnames.len() + code.code.freevars.len()
}

/// What the interpreter learned that lowering reads beyond the code's own inline caches and
/// feedback.
#[derive(Clone, Copy)]
pub struct Learned<'a> {
    /// Pcs that must not be specialised (they deopted too often).
    pub generic: &'a [u32],
    /// The second-level attribute answers: the other classes an attribute site has seen.
    pub poly: &'a PolyTable,
}

/// Class keys an attribute site guards for at most: more go to the interpreter.
const MAX_KEYS: usize = 6;

/// The classes of `wanted` (addresses) still alive, by address: found among `object` and its
/// subclasses, transitively (a dead class has left its bases' lists). The walk stops once all
/// are found; it ran for every method site judged, and building a map of every class (the
/// whole exception hierarchy included) was most of what JIT mode cost imports.py.
fn live_classes(wanted: &[usize]) -> hashbrown::HashMap<usize, ObjRef> {
    let mut live = hashbrown::HashMap::new();
    if wanted.is_empty() {
        return live;
    }
    let mut seen = hashbrown::HashSet::new();
    let mut work = vec![types().object];
    while let Some(c) = work.pop() {
        if seen.insert(c.addr()) {
            if wanted.contains(&c.addr()) {
                live.insert(c.addr(), c);
                if live.len() == wanted.len() {
                    break;
                }
            }
            work.extend(type_obj(c).subclasses.borrow().iter().copied());
        }
    }
    live
}

/// A dict entry compiled code reads behind the dict's key-version guard.
#[derive(Clone, Copy)]
struct DictEntry {
    dict: ObjRef,
    name: ObjRef,
    version: u64,
    idx: usize,
    value: Value,
}

impl DictEntry {
    /// The entry of str key `name` in dict object `dict`, found without calling Python.
    fn find(dict: ObjRef, name: ObjRef) -> Option<DictEntry> {
        let (Kind::Dict(d), Kind::Str(s)) = (&dict.kind, &name.kind) else {
            return None;
        };
        let d = d.try_borrow().ok()?;
        let idx = d.find_fast(s.hash(), Value::Object(name))?;
        Some(DictEntry {
            dict,
            name,
            version: d.version(),
            idx,
            value: d.entry(idx)?.value,
        })
    }

    fn version_of(dict: ObjRef) -> Option<u64> {
        match &dict.kind {
            Kind::Dict(d) => Some(d.try_borrow().ok()?.version()),
            _ => None,
        }
    }
}

/// What an attribute instruction's inline cache vouches for while the object has class key
/// `key` (`vm::cache::class_key`: class address, class version, shape address).
#[derive(Clone, Copy)]
enum Cached {
    /// Instance slot `idx`.
    Slot { key: [i64; 3], idx: u32 },
    /// Instance attribute stores of the class (at a version: `key`'s first two) go into the
    /// instance's slots, adding the attribute if it is new (`__init__`); the last add went from
    /// shape `adds[0]` to `adds[1]` (0: none seen).
    Store {
        key: [i64; 3],
        name: ObjRef,
        adds: [i64; 2],
    },
    /// The class's Python function `func`, not shadowed by an instance attribute.
    Method { key: [i64; 3], func: ObjRef },
}

/// What `class_key_guard` checked of a register's object: its class key, the attributes box
/// pointer, and where (IR block, `Builder::calls_made`) that holds.
type Keyed = ([i64; 3], Val, (Block, u32));

/// A generic instruction lowering specialises on what it knows ahead.
#[derive(Clone)]
enum Known {
    /// A global: in the frame's globals, or in builtins while the globals (at `shadow`'s
    /// version) do not have it.
    Global {
        dst: u16,
        entry: DictEntry,
        shadow: Option<(ObjRef, u64)>,
    },
    /// An attribute of a module a register is known to hold; `method`: a `LoadMethod`, which
    /// leaves the unbound marker beside it.
    ModuleAttr {
        dst: u16,
        entry: DictEntry,
        method: bool,
    },
    /// A call of a builtin compiled code does itself, arguments from register `args`.
    Intrinsic { dst: u16, f: Intrinsic, args: u16 },
    /// `range(...)` and the `GetIter` after it, which writes register `iter` (`range_loop`).
    RangeLoop { iter: u16, args: u16, argc: u8 },
    /// A call of a Python function whose body compiled code runs in place (`inline_plan`).
    Inline {
        dst: u16,
        code: Rc<CodeRt>,
        args: u16,
    },
    /// A call of Python function `func` through its compiled code's direct entry
    /// (`direct_plan`).
    Direct {
        dst: u16,
        func: ObjRef,
        code: Rc<CodeRt>,
        args: u16,
    },
    /// A call of whichever of several Python functions register `func` holds (`one_of`), each
    /// through its compiled code's direct entry; another leaves to the interpreter.
    OneOf {
        dst: u16,
        func: u16,
        targets: Vec<(ObjRef, Rc<CodeRt>)>,
        args: u16,
    },
    /// A call of whatever function register `func` holds, not known ahead: one whose code is one
    /// of `targets` (the code objects the interpreter saw called there, `CodeTier::callees_at`)
    /// is called directly; anything else takes the generic form (`held_call`).
    Held {
        dst: u16,
        func: u16,
        targets: Vec<Rc<CodeRt>>,
        args: u16,
    },
    /// `cls(...)` of a plain class (`construct_plan`): a new instance, then a direct call of the
    /// `__init__` `code`.
    Construct {
        dst: u16,
        class: PlainClass,
        code: Rc<CodeRt>,
        args: u16,
    },
}

/// A class whose calls compiled code makes itself (`Known::Construct`): valid while the class
/// is at `version`, which a guard checks before each call.
#[derive(Clone, Copy)]
struct PlainClass {
    cls: ObjRef,
    version: u64,
    init: ObjRef,
}

/// Who a direct call (`Emitter::direct_call`) calls, and what its return value makes.
#[derive(Clone, Copy)]
enum Callee {
    /// A function, whose return value is the result.
    Func(ObjRef),
    /// The `__init__` of a new instance of a plain class, which is the result.
    Init(PlainClass),
    /// The left operand's method `func` for binary operator `op`: its return value is the
    /// result, unless NotImplemented, when the rest of the operator's protocol runs.
    Binary {
        func: ObjRef,
        op: BinOp,
        inplace: bool,
    },
    /// The function register `func` holds (`Known::Held`), whose return value is the result.
    Held { func: u16 },
}

impl Callee {
    /// The function called, when it is known ahead.
    fn func(self) -> Option<ObjRef> {
        match self {
            Callee::Func(f) | Callee::Binary { func: f, .. } => Some(f),
            Callee::Init(c) => Some(c.init),
            Callee::Held { .. } => None,
        }
    }

    /// Registers just below the callee's window that keep what its return needs: the new
    /// instance, or the operands.
    fn kept(self) -> u16 {
        match self {
            Callee::Func(_) | Callee::Held { .. } => 0,
            Callee::Init(_) => 1,
            Callee::Binary { .. } => 2,
        }
    }

    /// How `helpers::after_call` treats the return value.
    fn after(self) -> i64 {
        match self {
            Callee::Func(_) | Callee::Held { .. } => helpers::AFTER_PLAIN,
            Callee::Init(_) => helpers::AFTER_INIT,
            Callee::Binary { op, inplace, .. } => helpers::after_binary(op, inplace),
        }
    }
}

/// A value's static kind, for choosing an arithmetic form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Int,
    Float,
    Mem,
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Int,
    Float,
    Generic,
}

struct Emitter<'a> {
    code: &'a CodeRt,
    leaders: &'a BTreeSet<u32>,
    entry: &'a BTreeMap<u32, Vec<T>>,
    generic: &'a [u32],
    poly: &'a PolyTable,
    null: Value,
    b: Builder,
    locs: Vec<Loc>,
    pc: u32,
    blocks: BTreeMap<u32, Block>,
    incoming: BTreeMap<u32, Vec<T>>,
    kinds: Vec<ExitKind>,
    helpers: Vec<(Helper, HelperId)>,
    traps: bool,
    env: Option<Env>,
    /// The objects `Loc::Obj` registers are known to hold, by address.
    objs: BTreeMap<usize, ObjRef>,
    /// Registers a `LoadMethod` that saw several classes left holding one of these functions.
    one_of: BTreeMap<u16, Vec<ObjRef>>,
    /// Registers guarded earlier in the current block to hold a plain list (`list_slot`), with
    /// the list's address: a list's class cannot be assigned, so the guard holds until the
    /// register is written. Only straight-line code adds to it, so the address is defined in a
    /// block that dominates every later use in the bytecode block; code after a branch inherits
    /// the map at the branch.
    lists: BTreeMap<u16, Val>,
    /// Registers known at this block's entry to hold exact lists (`T::List`), whose address is
    /// loaded without a guard at their first use in the block.
    listed: BTreeSet<u16>,
    /// Registers whose object `class_key_guard` checked, with the class key, the attributes
    /// box pointer it loaded, and the IR block and call count then: in the same block with no
    /// call since (which could run Python code that changes a shape or a class), the object
    /// still has that key, and its next attribute of that key is read without guards (a
    /// `Vec3` method's `self.x`, `self.y`, `self.z`). An attribute add changes the shape, but
    /// it ends the block (its fast path branches).
    keyed: BTreeMap<u16, Keyed>,
    /// Loop headers, where temporaries are kept boxed (`lower`): a jump there writes none back.
    headers: BTreeSet<u32>,
    /// The callee being inlined, if any.
    inl: Option<Inline>,
    /// The pc of a `GetIter` already done with the `range` call before it.
    fused_iter: Option<u32>,
    /// Whether a call of this code itself may be made directly (`direct_plan`).
    self_direct: bool,
    calls_itself: bool,
    direct_targets: BTreeSet<usize>,
    /// Lowering for a direct callee: the generic forms beside fast paths leave to the
    /// interpreter instead of calling `exec`, which needs a frame.
    frameless: bool,
    /// Whether an instruction's main path uses a helper that needs a frame (`exec`, `cond`).
    main_generic: bool,
    /// Whether the instruction just lowered left through a trap (it never ran).
    trapped: bool,
    /// `return_slot` of the code.
    ret: Option<(u32, u16)>,
    /// Whether pc 0 takes the parameters unboxed, for an int entry (`int_params`).
    int_plan: bool,
    /// Whether this code's calls of itself go through its int entry (`lower`'s guess, checked
    /// against `int_entry_ok` until they agree).
    self_int: bool,
    /// Whether a `Return` was lowered, and whether one returned anything but an unboxed int.
    returned: bool,
    boxed_return: bool,
    /// The code's loops, as pc ranges from header to last backward jump (`loops`).
    loop_spans: Vec<std::ops::RangeInclusive<usize>>,
}

/// A call being inlined: the callee's code, and the caller's pc and registers, where every
/// exit of the callee's code goes (the interpreter then makes the call itself).
struct Inline {
    code: Rc<CodeRt>,
    pc: u32,
    locs: Vec<Loc>,
}

fn off(r: u16) -> i32 {
    abi::slot_offset(u32::from(r)) as i32
}

const PAYLOAD: i32 = abi::PAYLOAD_OFFSET;

impl<'a> Emitter<'a> {
    fn new(
        code: &'a CodeRt,
        leaders: &'a BTreeSet<u32>,
        entry: &'a BTreeMap<u32, Vec<T>>,
        learned: Learned<'a>,
        null: Value,
    ) -> Emitter<'a> {
        let ret = return_slot(code);
        Emitter {
            ret,
            loop_spans: loops(code).into_iter().map(|(h, e)| h..=e).collect(),
            code,
            leaders,
            entry,
            generic: learned.generic,
            poly: learned.poly,
            null,
            b: {
                let mut b = Builder::new(&code.code.qualname);
                b.set_return_slot(ret.map_or(0, |(_, r)| u32::from(r)));
                b
            },
            locs: Vec::new(),
            pc: 0,
            blocks: BTreeMap::new(),
            incoming: BTreeMap::new(),
            kinds: Vec::new(),
            helpers: Vec::new(),
            traps: false,
            env: None,
            objs: BTreeMap::new(),
            one_of: BTreeMap::new(),
            lists: BTreeMap::new(),
            listed: BTreeSet::new(),
            keyed: BTreeMap::new(),
            headers: BTreeSet::new(),
            inl: None,
            fused_iter: None,
            self_direct: false,
            calls_itself: false,
            direct_targets: BTreeSet::new(),
            frameless: false,
            main_generic: false,
            trapped: false,
            int_plan: false,
            self_int: false,
            returned: false,
            boxed_return: false,
        }
    }

    fn emit_all(&mut self) -> Result<(), String> {
        for (&pc, tys) in self.entry {
            let params: Vec<Ty> = tys.iter().filter_map(|t| unboxed_ty(*t)).collect();
            let blk = self.b.create_block(&params);
            self.blocks.insert(pc, blk);
        }
        self.normal_entry();
        let reachable: Vec<u32> = self.entry.keys().copied().collect();
        for l in reachable {
            self.emit_block(l)?;
        }
        Ok(())
    }

    /// The normal entry: parameters pc 0 takes unboxed (`int_params`) are guarded and unboxed
    /// from the register file.
    fn normal_entry(&mut self) {
        let ints: Vec<u16> = (0..self.entry[&0].len() as u16)
            .filter(|&r| self.entry[&0][r as usize] == T::Int)
            .collect();
        let mut args = Vec::new();
        if !ints.is_empty() {
            let fail = self.exit(0, ExitReason::TypeGuard, ExitKind::Deopt);
            for r in ints {
                args.push(self.unbox_with(r, TAG_INT, Op::LoadI64, fail));
            }
        }
        let first = self.blocks[&0];
        self.b.jump(first, &args);
    }

    /// Whether the code gets its int entry: pc 0 takes the parameters unboxed and every return
    /// returns an unboxed int.
    fn int_entry_ok(&self) -> bool {
        let argc = self.code.exact_argc;
        self.int_plan
            && self.returned
            && !self.boxed_return
            && self.entry[&0].iter().take(argc).all(|&t| t == T::Int)
    }

    /// The int entry: its parameters go to pc 0's block as they are.
    fn int_entry(&mut self) {
        let params = vec![Ty::I64; self.code.exact_argc];
        let blk = self.b.create_block(&params);
        self.b.switch_to(blk);
        let args = self.b.block_params(blk).to_vec();
        let first = self.blocks[&0];
        self.b.jump(first, &args);
        self.b.set_int_entry(blk);
    }

    fn finish(mut self, headers: &BTreeSet<u32>) -> Result<Lowered, String> {
        let mut types = Vec::new();
        for &h in headers {
            let Some(tys) = self.entry.get(&h) else {
                continue;
            };
            let tys = tys.clone();
            let desc: Vec<String> = tys
                .iter()
                .enumerate()
                .filter(|(_, t)| !matches!(t, T::Mem))
                .map(|(r, t)| {
                    let name = self.code.code.reg_name(r as u16).unwrap_or("tmp");
                    format!("{name}:{}", t.name())
                })
                .collect();
            types.push(format!("loop@{h}[{}]", desc.join(" ")));
            self.osr_entry(h, &tys);
        }
        let types = if types.is_empty() {
            "no loops".to_string()
        } else {
            types.join(", ")
        };
        if self.int_entry_ok() {
            self.int_entry();
        }
        let ret = self.ret;
        let code = self.code;
        let plain = code.exact_argc != usize::MAX
            && ret.is_some()
            && !code.instrs.iter().any(|&i| classify(i) == Class::Leave);
        let direct = plain && self.helpers.iter().all(|&(h, _)| h.frameless());
        let could_be_direct = plain && !self.main_generic;
        let ir = self.b.finish().map_err(|e| e.to_string())?;
        Ok(Lowered {
            ir,
            kinds: self.kinds,
            types,
            ret_pc: ret.map_or(0, |(pc, _)| pc),
            direct,
            could_be_direct,
            calls_itself: self.calls_itself,
            direct_targets: self.direct_targets,
        })
    }

    /// An entry at loop header `h` from the interpreter: guard and unbox what the header keeps
    /// unboxed, then jump in.
    fn osr_entry(&mut self, h: u32, tys: &[T]) {
        let blk = self.b.create_block(&[]);
        self.b.switch_to(blk);
        self.pc = h;
        self.locs = vec![Loc::Mem; tys.len()];
        let fail = self.exit(h, ExitReason::TypeGuard, ExitKind::EntryGuard);
        let mut args = Vec::new();
        for (r, t) in tys.iter().enumerate() {
            let r = r as u16;
            match t {
                T::Int => args.push(self.unbox_with(r, TAG_INT, Op::LoadI64, fail)),
                T::Float => args.push(self.unbox_with(r, TAG_FLOAT, Op::LoadF64, fail)),
                T::Bool => {
                    let raw = self.unbox_with(r, TAG_BOOL, Op::LoadU8, fail);
                    let zero = self.b.iconst(0);
                    args.push(self.b.binary(Op::Ine, raw, zero));
                }
                T::Range => self.range_guard(r, fail),
                T::List => {
                    self.list_guard(r, fail);
                }
                T::Mem | T::Bot => {}
            }
        }
        let target = self.blocks[&h];
        self.b.jump(target, &args);
        self.b.add_osr_entry(h, blk);
    }

    // ---- exits ------------------------------------------------------------------------------

    fn exit(&mut self, pc: u32, reason: ExitReason, kind: ExitKind) -> ExitId {
        if let Some(inl) = &self.inl {
            // Inlined code has no side effects: the interpreter makes the whole call again.
            let writes = live_writes(&inl.locs);
            self.kinds.push(ExitKind::Deopt);
            return self.b.exit(inl.pc, reason, &writes);
        }
        let writes = live_writes(&self.locs);
        self.kinds.push(kind);
        self.b.exit(pc, reason, &writes)
    }

    /// Leaves through `e` unconditionally; what lowering emits next goes into an unreachable
    /// block.
    /// Goes on in a new block when `ok`, else branches to `otherwise`.
    fn continue_if(&mut self, ok: Val, otherwise: Block) {
        let yes = self.b.create_block(&[]);
        self.b.brif(ok, yes, &[], otherwise, &[]);
        self.b.switch_to(yes);
    }

    fn exit_always(&mut self, e: ExitId) {
        self.b.exit_now(e);
        let dead = self.b.create_block(&[]);
        self.b.switch_to(dead);
    }

    fn deopt(&mut self, reason: ExitReason) -> ExitId {
        self.exit(self.pc, reason, ExitKind::Deopt)
    }

    fn leave_at(&mut self, pc: u32) -> ExitId {
        self.exit(pc, ExitReason::Unsupported, ExitKind::Leave)
    }

    fn helper(&mut self, h: Helper) -> HelperId {
        if let Some(&(_, id)) = self.helpers.iter().find(|(x, _)| *x == h) {
            return id;
        }
        let id = self
            .b
            .helper(h.name(), h.addr(), &h.params(), Some(Ty::I64));
        self.helpers.push((h, id));
        id
    }

    // ---- the register file ------------------------------------------------------------------

    fn tag(&mut self, r: u16) -> Val {
        self.b.load(Op::LoadU8, Val::REGS, off(r))
    }

    fn tag_is(&mut self, r: u16, tag: u8) -> Val {
        let t = self.tag(r);
        let k = self.b.iconst(i64::from(tag));
        self.b.binary(Op::Ieq, t, k)
    }

    fn unbox_with(&mut self, r: u16, tag: u8, load: Op, fail: ExitId) -> Val {
        let ok = self.tag_is(r, tag);
        self.b.guard_true(ok, fail);
        self.b.load(load, Val::REGS, off(r) + PAYLOAD)
    }

    fn range_guard(&mut self, r: u16, fail: ExitId) {
        let h = self.helper(Helper::RangeCheck);
        let reg = self.b.iconst(i64::from(r));
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let res = self.b.call(h, &[Val::CTX, regs, reg]);
        let zero = self.b.iconst(0);
        let ok = self.b.binary(Op::Ine, res, zero);
        self.b.guard_true(ok, fail);
    }

    fn store_raw(&mut self, r: u16, tag: u8, payload: Val) {
        let t = self.b.iconst(i64::from(tag));
        self.b.store(Op::StoreI64, Val::REGS, off(r), t);
        self.b
            .store(Op::StoreI64, Val::REGS, off(r) + PAYLOAD, payload);
    }

    /// Writes register `r`'s unboxed value to the register file if it is newer.
    fn spill(&mut self, r: u16) {
        match self.locs[r as usize] {
            Loc::Int(v, true) => self.store_raw(r, TAG_INT, v),
            Loc::Float(v, true) => {
                let t = self.b.iconst(i64::from(TAG_FLOAT));
                self.b.store(Op::StoreI64, Val::REGS, off(r), t);
                self.b.store(Op::StoreF64, Val::REGS, off(r) + PAYLOAD, v);
            }
            Loc::Bool(v, true) => {
                let p = self.b.unary(Op::B2i, v);
                self.store_raw(r, TAG_BOOL, p);
            }
            _ => return,
        }
        self.locs[r as usize] = self.locs[r as usize].clean();
    }

    /// Writes every newer unboxed value back (before a helper that may run Python code).
    fn flush(&mut self) {
        self.flush_except(&[]);
    }

    /// `flush`, but for the registers `dead`, which are read by no instruction from here on.
    fn flush_except(&mut self, dead: &[u16]) {
        for r in 0..self.locs.len() as u16 {
            if !dead.contains(&r) {
                self.spill(r);
            }
        }
    }

    // ---- blocks and edges -------------------------------------------------------------------

    fn emit_block(&mut self, start: u32) -> Result<(), String> {
        let blk = self.blocks[&start];
        self.b.switch_to(blk);
        self.one_of.clear();
        self.lists.clear();
        self.keyed.clear();
        let params = self.b.block_params(blk).to_vec();
        let mut params = params.into_iter();
        let tys = &self.entry[&start];
        self.listed = (0..tys.len() as u16)
            .filter(|&r| tys[r as usize] == T::List)
            .collect();
        self.locs = tys
            .iter()
            .map(|t| match t {
                T::Int => Loc::Int(params.next().unwrap_or(Val(0)), true),
                T::Float => Loc::Float(params.next().unwrap_or(Val(0)), true),
                T::Bool => Loc::Bool(params.next().unwrap_or(Val(0)), true),
                T::Range => Loc::Range,
                T::List | T::Mem | T::Bot => Loc::Mem,
            })
            .collect();
        let n = self.code.instrs.len() as u32;
        let mut pc = start;
        loop {
            if pc >= n {
                let e = self.leave_at(pc.min(n.saturating_sub(1)));
                self.b.exit_now(e);
                return Ok(());
            }
            if pc != start && self.leaders.contains(&pc) {
                self.goto(pc);
                return Ok(());
            }
            self.pc = pc;
            if !self.instr(pc)? {
                return Ok(());
            }
            if std::mem::take(&mut self.trapped) {
                // The rest of the block never ran either.
                let e = self.leave_at(pc);
                self.b.exit_now(e);
                return Ok(());
            }
            pc += 1;
        }
    }

    /// Ends the current block with a jump to the block at bytecode `target`, bringing the
    /// registers into the form that block expects.
    fn goto(&mut self, target: u32) {
        if target <= self.pc {
            self.check_attention(target);
        }
        let cur: Vec<T> = (0..self.locs.len() as u16).map(|r| self.ty_of(r)).collect();
        match self.incoming.get_mut(&target) {
            Some(tys) => tys.iter_mut().zip(&cur).for_each(|(a, b)| *a = a.join(*b)),
            None => {
                self.incoming.insert(target, cur.clone());
            }
        }
        let Some(tys) = self.entry.get(&target) else {
            let e = self.leave_at(target);
            self.b.exit_now(e);
            return;
        };
        let consistent = tys.iter().zip(&cur).all(|(t, now)| match t {
            T::Mem | T::Bot => true,
            t => now == t,
        });
        if !consistent {
            let e = self.leave_at(target);
            self.b.exit_now(e);
            return;
        }
        let mut args = Vec::new();
        // A temporary is dead at a loop header: whatever it holds need not be written back.
        let live = if self.headers.contains(&target) {
            first_temp(self.code)
        } else {
            tys.len()
        };
        for (r, t) in tys.clone().iter().enumerate() {
            match (t, self.locs[r]) {
                (T::Mem | T::Bot, _) if r >= live => {}
                (T::Mem | T::Bot, _) => self.spill(r as u16),
                (_, Loc::Int(v, _) | Loc::Float(v, _) | Loc::Bool(v, _)) => args.push(v),
                _ => {}
            }
        }
        let blk = self.blocks[&target];
        self.b.jump(blk, &args);
    }

    /// On a back-edge to `target`: leaves when the VM's attention flag is set (a SIGINT, a
    /// closed stdout, the execution budget), one byte load and a guard per iteration. The exit
    /// resumes at the backward jump itself, whose own poll then raises exactly as in the
    /// interpreter; a condition tested by the `cond` helper may have run `__bool__`, so such a
    /// branch resumes at `target` instead and the interpreter polls at its next safepoint.
    fn check_attention(&mut self, target: u32) {
        let helper_tested = matches!(
            classify(self.code.instrs[self.pc as usize]),
            Class::Branch { cond, .. } if matches!(self.locs[cond as usize], Loc::Mem | Loc::Range | Loc::Obj(_))
        );
        let resume = if helper_tested { target } else { self.pc };
        // Only a loop that may allocate through a frameless helper (a tuple, a range iterator)
        // needs the collector's flag: other helpers reach a safepoint of their own.
        let allocates = self.code.instrs[target as usize..=self.pc as usize]
            .iter()
            .any(|i| matches!(i, Instr::BuildTuple { .. } | Instr::GetIter { .. }));
        let on = self.attention(allocates);
        let e = self.exit(resume, ExitReason::Interrupt, ExitKind::Attention);
        self.b.guard_false(on, e);
    }

    /// Whether the interpreter must come in: the VM's attention flag (SIGINT, a closed stdout,
    /// the execution budget) or, with `gc`, the collector's (a safepoint may have to collect,
    /// and compiled code that allocates without a frame reaches none of its own).
    fn attention(&mut self, gc: bool) -> Val {
        let flag = self.b.pconst(crate::vm::signals::attention_addr());
        let mut set = self.b.load(Op::LoadU8, flag, 0);
        if gc {
            let at = self.b.pconst(crate::gc::may_collect_addr());
            let due = self.b.load(Op::LoadU8, at, 0);
            set = self.b.binary(Op::Ior, set, due);
        }
        let zero = self.b.iconst(0);
        self.b.binary(Op::Ine, set, zero)
    }

    /// Ends the current block with a two-way branch to bytecode `then` / `els`.
    fn branch(&mut self, cond: Val, then: u32, els: u32) {
        let t = self.b.create_block(&[]);
        let e = self.b.create_block(&[]);
        self.b.brif(cond, t, &[], e, &[]);
        let saved = self.locs.clone();
        self.b.switch_to(t);
        self.goto(then);
        self.locs = saved;
        self.b.switch_to(e);
        self.goto(els);
    }

    /// Calls a status-returning helper after writing every unboxed value back; continues in a
    /// new block when the status is `OK` (or jumps to `on_branch` for `BRANCH`), and otherwise
    /// leaves: raising, handing the instruction over, or (stack reallocated) resuming after it.
    fn call_status(&mut self, h: Helper, args: &[i64], on_branch: Option<u32>) -> Block {
        self.flush();
        let id = self.helper(h);
        let mut vals = vec![Val::CTX];
        vals.extend(args.iter().map(|&a| self.b.iconst(a)));
        let res = self.b.call(id, &vals);
        let ok = self.b.create_block(&[]);
        let not_ok = self.b.create_block(&[]);
        let k = self.b.iconst(helpers::OK);
        let is_ok = self.b.binary(Op::Ieq, res, k);
        self.b.brif(is_ok, ok, &[], not_ok, &[]);
        self.b.switch_to(not_ok);
        let pc = self.pc;
        if let Some(target) = on_branch {
            let br = self.b.create_block(&[]);
            let slow = self.b.create_block(&[]);
            let k = self.b.iconst(helpers::BRANCH);
            let is_br = self.b.binary(Op::Ieq, res, k);
            self.b.brif(is_br, br, &[], slow, &[]);
            self.b.switch_to(br);
            self.goto(target);
            self.b.switch_to(slow);
        }
        let raise = self.exit(pc, ExitReason::Exception, ExitKind::Raise);
        let k = self.b.iconst(helpers::EXC);
        let c = self.b.binary(Op::Ieq, res, k);
        self.b.guard_false(c, raise);
        let leave = self.leave_at(pc);
        let k = self.b.iconst(helpers::LEAVE);
        let c = self.b.binary(Op::Ieq, res, k);
        self.b.guard_false(c, leave);
        let after = self.leave_at(pc + 1);
        self.b.exit_now(after);
        self.b.switch_to(ok);
        ok
    }

    /// The generic form of the current instruction, writing registers `out .. out + n`; for a
    /// feedback-recording instruction that never ran, a trap to the interpreter instead.
    fn generic_op(&mut self, out: u16, n: u16) {
        for r in out..out + n {
            self.forget(r);
        }
        if self.inl.is_some() {
            // `inline_plan` admits only what lowers natively; should that ever differ, the
            // call is made by the interpreter rather than a helper run on the wrong frame.
            let e = self.deopt(ExitReason::Unsupported);
            self.exit_always(e);
            for r in out..out + n {
                self.locs[r as usize] = Loc::Mem;
            }
            return;
        }
        if self.traps && never_ran(self.code, self.pc as usize) && !self.generic.contains(&self.pc)
        {
            let e = self.exit(self.pc, ExitReason::Unsupported, ExitKind::Trap);
            self.exit_always(e);
            self.trapped = true;
            for r in out..out + n {
                if let Some(l) = self.locs.get_mut(r as usize) {
                    *l = Loc::Mem;
                }
            }
            return;
        }
        self.main_generic = true;
        self.call_status(Helper::Exec, &[i64::from(self.pc)], None);
        for r in out..out + n {
            if let Some(l) = self.locs.get_mut(r as usize) {
                *l = Loc::Mem;
            }
        }
    }

    // ---- operands ---------------------------------------------------------------------------

    /// The code whose instructions are being lowered: the callee while one is inlined.
    fn cur(&self) -> &CodeRt {
        self.inl.as_ref().map_or(self.code, |i| &i.code)
    }

    fn konst(&self, k: u16) -> Option<Value> {
        self.cur().consts.get(k as usize).copied()
    }

    /// Whether the current instruction must run generically (it deopted too often).
    fn forced_generic(&self) -> bool {
        self.inl.is_none() && self.generic.contains(&self.pc)
    }

    fn fb(&self) -> u8 {
        self.cur()
            .feedback
            .get(self.pc as usize)
            .map_or(0, |c| c.get())
    }

    fn kind(&self, o: Opnd) -> K {
        match o {
            Opnd::Reg(r) => match self.locs[r as usize] {
                Loc::Int(..) => K::Int,
                Loc::Float(..) => K::Float,
                Loc::Mem => K::Mem,
                Loc::Bool(..) | Loc::Range | Loc::Obj(_) => K::Other,
            },
            Opnd::K(k) => match self.konst(k) {
                Some(Value::Int(_)) => K::Int,
                Some(Value::Float(_)) => K::Float,
                _ => K::Other,
            },
        }
    }

    /// The operand as an i64 (unboxing a register behind a tag guard).
    fn int(&mut self, o: Opnd) -> Val {
        match o {
            Opnd::K(k) => match self.konst(k) {
                Some(Value::Int(i)) => self.b.iconst(i),
                _ => self.b.iconst(0),
            },
            Opnd::Reg(r) => match self.locs[r as usize] {
                Loc::Int(v, _) => v,
                _ => {
                    let fail = self.deopt(ExitReason::TypeGuard);
                    let v = self.unbox_with(r, TAG_INT, Op::LoadI64, fail);
                    self.locs[r as usize] = Loc::Int(v, false);
                    v
                }
            },
        }
    }

    /// The operand as an f64: floats as they are, ints converted (exactly only below 2**53, so
    /// comparisons pass `exact` and guard that), registers unboxed behind a tag guard.
    fn float(&mut self, o: Opnd, exact: bool) -> Val {
        match o {
            Opnd::K(k) => match self.konst(k) {
                Some(Value::Float(f)) => self.b.fconst(f),
                Some(Value::Int(i)) if !exact || i.unsigned_abs() < EXACT_F64 as u64 => {
                    self.b.fconst(i as f64)
                }
                _ => {
                    let e = self.deopt(ExitReason::TypeGuard);
                    self.exit_always(e);
                    self.b.fconst(0.0)
                }
            },
            Opnd::Reg(r) => match self.locs[r as usize] {
                Loc::Float(v, _) => v,
                Loc::Int(v, _) => {
                    if exact {
                        self.guard_exact(v);
                    }
                    self.b.unary(Op::I2f, v)
                }
                _ if self.fb() & FB_INT == 0 || exact => {
                    let fail = self.deopt(ExitReason::TypeGuard);
                    let v = self.unbox_with(r, TAG_FLOAT, Op::LoadF64, fail);
                    self.locs[r as usize] = Loc::Float(v, false);
                    v
                }
                _ => {
                    // Feedback saw ints and floats here: accept either, converting ints.
                    let fail = self.deopt(ExitReason::TypeGuard);
                    let is_f = self.tag_is(r, TAG_FLOAT);
                    let is_i = self.tag_is(r, TAG_INT);
                    let either = self.b.binary(Op::Bor, is_f, is_i);
                    self.b.guard_true(either, fail);
                    let f = self.b.load(Op::LoadF64, Val::REGS, off(r) + PAYLOAD);
                    let i = self.b.load(Op::LoadI64, Val::REGS, off(r) + PAYLOAD);
                    let c = self.b.unary(Op::I2f, i);
                    self.b.select(is_f, f, c)
                }
            },
        }
    }

    fn guard_exact(&mut self, v: Val) {
        let fail = self.deopt(ExitReason::ValueGuard);
        let hi = self.b.iconst(EXACT_F64);
        let lo = self.b.iconst(-EXACT_F64);
        let a = self.b.binary(Op::Ilt, v, hi);
        let b = self.b.binary(Op::Igt, v, lo);
        let ok = self.b.binary(Op::Band, a, b);
        self.b.guard_true(ok, fail);
    }

    fn mode(&self, a: Opnd, b: Opnd, int_ok: bool, float_ok: bool) -> Mode {
        if self.forced_generic() {
            return Mode::Generic;
        }
        let (ka, kb) = (self.kind(a), self.kind(b));
        if ka == K::Other || kb == K::Other {
            return Mode::Generic;
        }
        let fb = self.fb();
        let mem_int = fb == FB_INT;
        let mem_num = fb != 0 && fb & !(FB_INT | FB_FLOAT) == 0;
        let is_int = |k| k == K::Int || (k == K::Mem && mem_int);
        // Operands the interpreter has seen as objects here, though lowering derives ints for
        // them, are ints that outgrew i64 (pidigits' state starts at 0 and 1): specialised,
        // every entry and every iteration would deopt.
        if fb & FB_OBJECT != 0 {
            return Mode::Generic;
        }
        if int_ok && is_int(ka) && is_int(kb) {
            return Mode::Int;
        }
        // The result is a float only if an operand surely is one: a known float, or boxed
        // operands that have only ever been floats.
        let is_num = |k| k != K::Mem || mem_num;
        let has_float = ka == K::Float || kb == K::Float || fb == FB_FLOAT;
        if float_ok && is_num(ka) && is_num(kb) && has_float {
            return Mode::Float;
        }
        Mode::Generic
    }

    fn set(&mut self, dst: u16, l: Loc) {
        self.locs[dst as usize] = l;
        self.forget(dst);
    }

    /// Drops what guards established about register `r`, about to be written.
    fn forget(&mut self, r: u16) {
        self.one_of.remove(&r);
        self.lists.remove(&r);
        self.listed.remove(&r);
        self.keyed.remove(&r);
    }

    /// Register `r`'s type as a block entry sees it: a boxed register guarded as a list here or
    /// on every path to this block is a list.
    fn ty_of(&self, r: u16) -> T {
        match self.locs[r as usize] {
            Loc::Mem if self.lists.contains_key(&r) || self.listed.contains(&r) => T::List,
            l => l.ty(),
        }
    }

    // ---- instructions -----------------------------------------------------------------------

    /// Emits the instruction at `pc`; false when it ended the block.
    fn instr(&mut self, pc: u32) -> Result<bool, String> {
        let i = self.code.instrs[pc as usize];
        match classify(i) {
            Class::Move { dst, src } => {
                let l = self.locs[src as usize];
                match l {
                    Loc::Int(v, _) => self.set(dst, Loc::Int(v, true)),
                    Loc::Float(v, _) => self.set(dst, Loc::Float(v, true)),
                    Loc::Bool(v, _) => self.set(dst, Loc::Bool(v, true)),
                    Loc::Mem | Loc::Range | Loc::Obj(_) => {
                        let t = self.b.load(Op::LoadI64, Val::REGS, off(src));
                        let p = self.b.load(Op::LoadI64, Val::REGS, off(src) + PAYLOAD);
                        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
                        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, p);
                        let known = if let Loc::Obj(_) = l { l } else { Loc::Mem };
                        self.set(dst, known);
                        if let Some(&p) = self.lists.get(&src) {
                            self.lists.insert(dst, p);
                        }
                        if self.listed.contains(&src) {
                            self.listed.insert(dst);
                        }
                    }
                }
            }
            Class::LoadConst { dst, k } => {
                let v = self
                    .code
                    .consts
                    .get(k as usize)
                    .copied()
                    .unwrap_or(Value::None);
                match v {
                    Value::Int(x) => {
                        let c = self.b.iconst(x);
                        self.set(dst, Loc::Int(c, true));
                    }
                    Value::Float(x) => {
                        let c = self.b.fconst(x);
                        self.set(dst, Loc::Float(c, true));
                    }
                    Value::Bool(x) => {
                        let c = self.b.bconst(x);
                        self.set(dst, Loc::Bool(c, true));
                    }
                    other => {
                        let (tag, payload) = helpers::value_bits(other);
                        let p = self.b.iconst(payload);
                        self.store_raw(dst, tag, p);
                        self.set(dst, Loc::Mem);
                    }
                }
            }
            Class::CheckBound { reg } => {
                if matches!(self.locs[reg as usize], Loc::Mem) {
                    let (_, null) = helpers::value_bits(self.null);
                    let is_obj = self.tag_is(reg, TAG_OBJECT);
                    let p = self.b.load(Op::LoadI64, Val::REGS, off(reg) + PAYLOAD);
                    let n = self.b.iconst(null);
                    let is_null = self.b.binary(Op::Ieq, p, n);
                    let unbound = self.b.binary(Op::Band, is_obj, is_null);
                    let e = self.leave_at(pc);
                    self.b.guard_false(unbound, e);
                }
            }
            Class::LoadDeref { dst, cell } => self.load_deref(dst, cell),
            Class::StoreDeref { cell, src } => self.store_deref(cell, src),
            Class::Arith {
                dst,
                a,
                b,
                op,
                inplace,
            } => self.arith(dst, a, b, op, inplace),
            Class::Cmp { dst, a, b, op } => self.compare(dst, a, b, op),
            Class::Unary { dst, src, op } => self.unary(dst, src, op),
            Class::Jump { target } => {
                self.goto(target);
                return Ok(false);
            }
            Class::Branch { cond, target, when } => {
                let c = match self.locs[cond as usize] {
                    Loc::Bool(v, _) => v,
                    Loc::Int(v, _) => {
                        let z = self.b.iconst(0);
                        self.b.binary(Op::Ine, v, z)
                    }
                    Loc::Float(v, _) => {
                        let z = self.b.fconst(0.0);
                        self.b.binary(Op::Fne, v, z)
                    }
                    Loc::Mem | Loc::Range | Loc::Obj(_) => {
                        let (on_true, on_false) = if when {
                            (target, pc + 1)
                        } else {
                            (pc + 1, target)
                        };
                        self.boxed_truth(cond, on_true, on_false);
                        return Ok(false);
                    }
                };
                if when {
                    self.branch(c, target, pc + 1);
                } else {
                    self.branch(c, pc + 1, target);
                }
                return Ok(false);
            }
            Class::BranchNone { src, target, when } => {
                let is_none = match self.locs[src as usize] {
                    Loc::Mem => self.tag_is(src, TAG_NONE),
                    _ => self.b.bconst(false),
                };
                if when {
                    self.branch(is_none, target, pc + 1);
                } else {
                    self.branch(is_none, pc + 1, target);
                }
                return Ok(false);
            }
            Class::GetIter { .. } if self.fused_iter == Some(pc) => self.fused_iter = None,
            Class::GetIter { dst, src } => {
                self.generic_op(dst, 1);
                if iterates_range(self.code, pc, src)
                    && !self.generic.contains(&(pc + 1))
                    && helpers::range_layout().is_some()
                {
                    let fail = self.exit(pc + 1, ExitReason::TypeGuard, ExitKind::Deopt);
                    self.range_guard(dst, fail);
                    self.set(dst, Loc::Range);
                }
            }
            Class::ForIter { dst, iter, target } => {
                self.for_iter(dst, iter, target);
                return Ok(false);
            }
            Class::Return { src } => {
                self.ret(src);
                return Ok(false);
            }
            Class::Generic { out, n } => match i {
                _ if self.known(i).is_some() => {
                    if let Some(k) = self.known(i) {
                        self.emit_known(k);
                    }
                }
                Instr::LoadSubscr { dst, obj, key } if self.list_fast(obj, key) => {
                    let slot = self.list_slot(obj, key);
                    if let Some(tag) = self.number_use(dst) {
                        let t = self.b.load(Op::LoadU8, slot, 0);
                        let k = self.b.iconst(i64::from(tag));
                        let is = self.b.binary(Op::Ieq, t, k);
                        let fail = self.deopt(ExitReason::TypeGuard);
                        self.b.guard_true(is, fail);
                        let l = if tag == TAG_FLOAT {
                            Loc::Float(self.b.load(Op::LoadF64, slot, PAYLOAD), true)
                        } else {
                            Loc::Int(self.b.load(Op::LoadI64, slot, PAYLOAD), true)
                        };
                        self.set(dst, l);
                    } else {
                        let t = self.b.load(Op::LoadI64, slot, 0);
                        let p = self.b.load(Op::LoadI64, slot, PAYLOAD);
                        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
                        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, p);
                        self.set(dst, Loc::Mem);
                    }
                }
                Instr::StoreSubscr { obj, key, src } if self.list_fast(obj, key) => {
                    let slot = self.list_slot(obj, key);
                    self.store_boxed(slot, 0, src);
                }
                Instr::UnpackSequence { dst, src, count } if !self.generic.contains(&pc) => {
                    self.unpack(dst, src, count);
                }
                Instr::BuildTuple { dst, start, count } => self.build_tuple(dst, start, count),
                Instr::Is { dst, a, b } => self.identity(dst, a, b, false),
                Instr::In { dst, a, b } | Instr::NotIn { dst, a, b } if self.keyed_set() => {
                    let negate = matches!(i, Instr::NotIn { .. });
                    self.set_op(dst, b, a, SetOp::Contains, negate);
                }
                Instr::IsNot { dst, a, b } => self.identity(dst, a, b, true),
                Instr::LoadAttr { dst, obj, .. } | Instr::StoreAttr { obj, src: dst, .. }
                    if self.cached(pc).is_some() =>
                {
                    if let Some(c) = self.cached(pc) {
                        self.attr(i, c, obj, dst);
                    }
                }
                Instr::LoadMethod { dst, obj, .. } if self.cached(pc).is_some() => {
                    if let Some(c) = self.cached(pc) {
                        self.method(c, obj, dst);
                    }
                }
                _ => self.generic_op(out, n),
            },
            Class::Leave => {
                let e = self.leave_at(pc);
                self.b.exit_now(e);
                return Ok(false);
            }
        }
        Ok(true)
    }

    // ---- known globals, module attributes and builtins ----------------------------------------

    /// What lowering knows ahead about generic instruction `i` from the frame's globals and
    /// from registers known to hold a given object.
    fn known(&self, i: Instr) -> Option<Known> {
        if self.generic.contains(&self.pc) {
            return None;
        }
        let env = self.env?;
        helpers::dict_layout()?;
        match i {
            Instr::LoadGlobal { dst, name } => {
                let name = self.code.names[name as usize];
                if let Some(entry) = DictEntry::find(env.globals, name) {
                    return Some(Known::Global {
                        dst,
                        entry,
                        shadow: None,
                    });
                }
                let shadow = DictEntry::version_of(env.globals)?;
                let entry = DictEntry::find(env.builtins, name)?;
                Some(Known::Global {
                    dst,
                    entry,
                    shadow: Some((env.globals, shadow)),
                })
            }
            Instr::LoadAttr { dst, obj, name } | Instr::LoadMethod { dst, obj, name } => {
                let Loc::Obj(a) = self.locs[obj as usize] else {
                    return None;
                };
                let m = self.objs[&a];
                // A module of a user subclass may define `__getattribute__`.
                let Kind::Module { dict, .. } = &m.kind else {
                    return None;
                };
                if type_obj(m.cls.get()).heap {
                    return None;
                }
                let entry = DictEntry::find(*dict, self.code.names[name as usize])?;
                let method = matches!(i, Instr::LoadMethod { .. });
                Some(Known::ModuleAttr { dst, entry, method })
            }
            Instr::Call { dst, func, argc } => self
                .known_call(dst, func, func + 1, argc)
                .or_else(|| self.held_plan(dst, func, argc)),
            Instr::CallMethod { dst, func, argc } => {
                if self.locs[func as usize + 1] == self.null_loc()? {
                    return self.known_call(dst, func, func + 2, argc);
                }
                if let Some(funcs) = self.one_of.get(&func) {
                    let argc = argc.checked_add(1)?;
                    let targets: Vec<(ObjRef, Rc<CodeRt>)> = funcs
                        .iter()
                        .filter_map(|&f| match &f.kind {
                            Kind::Function(pf) => self.direct_plan(pf, argc).map(|c| (f, c)),
                            _ => None,
                        })
                        .collect();
                    return (!targets.is_empty()).then_some(Known::OneOf {
                        dst,
                        func,
                        targets,
                        args: func + 1,
                    });
                }
                // A method with its receiver (`method`): a Python function called with it first.
                let Loc::Obj(a) = self.locs[func as usize] else {
                    return None;
                };
                let f = self.objs[&a];
                if !matches!(f.kind, Kind::Function(_)) && !set_method(f) {
                    return None;
                }
                self.known_call(dst, func, func + 1, argc.checked_add(1)?)
            }
            _ => None,
        }
    }

    /// `Loc::Obj` of the VM's unbound-register marker, which a `LoadMethod` of a module
    /// attribute leaves beside the function.
    fn null_loc(&self) -> Option<Loc> {
        match self.null {
            Value::Object(o) => Some(Loc::Obj(o.addr())),
            _ => None,
        }
    }

    fn known_call(&self, dst: u16, func: u16, args: u16, argc: u8) -> Option<Known> {
        let Loc::Obj(a) = self.locs[func as usize] else {
            return None;
        };
        let callee = self.objs[&a];
        if callee == types().range {
            return self.range_loop(dst, args, argc);
        }
        let b = match &callee.kind {
            Kind::Builtin(b) => b,
            Kind::Function(f) => {
                return match self.inline_plan(&f.code, args, argc) {
                    Some(code) => Some(Known::Inline { dst, code, args }),
                    None => self.direct_plan(f, argc).map(|code| Known::Direct {
                        dst,
                        func: callee,
                        code,
                        args,
                    }),
                };
            }
            Kind::Type(t) => {
                let init = constructed_init(callee)?;
                let Kind::Function(f) = &init.kind else {
                    return None;
                };
                let class = PlainClass {
                    cls: callee,
                    version: t.version.get(),
                    init,
                };
                let code = self.direct_plan(f, argc.checked_add(1)?)?;
                return Some(Known::Construct {
                    dst,
                    class,
                    code,
                    args,
                });
            }
            _ => return None,
        };
        let f = intrinsics::of(b.f, argc)?;
        let k = |r: u16| self.kind(Opnd::Reg(r));
        let ok = match f {
            Intrinsic::Sqrt | Intrinsic::Fabs => true,
            Intrinsic::Abs => matches!(k(args), K::Int | K::Float),
            Intrinsic::Min | Intrinsic::Max => {
                matches!(
                    (k(args), k(args + 1)),
                    (K::Int, K::Int) | (K::Float, K::Float)
                )
            }
            Intrinsic::Len => k(args) == K::Mem && helpers::list_layout().is_some(),
            Intrinsic::SetAdd | Intrinsic::SetRemove | Intrinsic::SetDiscard => true,
        };
        ok.then_some(Known::Intrinsic { dst, f, args })
    }

    fn emit_known(&mut self, k: Known) {
        match k {
            Known::Global { dst, entry, shadow } => {
                // No check that the frame's globals are `env`'s: code runs only on frames with
                // the globals it was lowered for (`CodeTier::globals`).
                let fail = self.deopt(ExitReason::ValueGuard);
                if let Some((dict, version)) = shadow {
                    let args = [dict.addr() as i64, entry.name.addr() as i64];
                    self.version_guard(dict, version, fail, Helper::GlobalAbsent, &args);
                }
                self.load_entry(dst, entry, fail);
            }
            Known::ModuleAttr { dst, entry, method } => {
                let fail = self.deopt(ExitReason::ValueGuard);
                self.load_entry(dst, entry, fail);
                if method {
                    let (tag, null) = helpers::value_bits(self.null);
                    let p = self.b.iconst(null);
                    self.store_raw(dst + 1, tag, p);
                    let l = self.null_loc().unwrap_or(Loc::Mem);
                    self.set(dst + 1, l);
                }
            }
            Known::Intrinsic { dst, f, args } => self.intrinsic(dst, f, args),
            Known::Inline { dst, code, args } => self.inline_call(dst, code, args),
            Known::Direct {
                dst,
                func,
                code,
                args,
            } => {
                let args: Vec<Opnd> = (args..args + code.exact_argc as u16)
                    .map(Opnd::Reg)
                    .collect();
                self.direct_call(dst, Callee::Func(func), code, &args, true);
            }
            Known::OneOf {
                dst,
                func,
                targets,
                args,
            } => self.one_of_call(dst, func, targets, args),
            Known::Held {
                dst,
                func,
                targets,
                args,
            } => self.held_call(dst, func, targets, args),
            Known::Construct {
                dst,
                class,
                code,
                args,
            } => {
                let args: Vec<Opnd> = (args..args + code.exact_argc as u16 - 1)
                    .map(Opnd::Reg)
                    .collect();
                self.direct_call(dst, Callee::Init(class), code, &args, false);
            }
            Known::RangeLoop { iter, args, argc } => {
                let int = |em: &mut Self, r: u16| em.int(Opnd::Reg(r));
                let (start, stop, step) = match argc {
                    1 => (self.b.iconst(0), int(self, args), self.b.iconst(1)),
                    2 => (int(self, args), int(self, args + 1), self.b.iconst(1)),
                    _ => (int(self, args), int(self, args + 1), int(self, args + 2)),
                };
                self.flush();
                let h = self.helper(Helper::RangeIter);
                let d = self.b.iconst(i64::from(iter));
                let regs = self.b.unary(Op::P2i, Val::REGS);
                let res = self.b.call(h, &[Val::CTX, regs, d, start, stop, step]);
                let ok = self.b.iconst(helpers::OK);
                let is_ok = self.b.binary(Op::Ieq, res, ok);
                let e = self.leave_at(self.pc);
                self.b.guard_true(is_ok, e);
                self.set(iter, Loc::Range);
                self.fused_iter = Some(self.pc + 1);
            }
        }
    }

    /// `range(...)` of ints whose result the next instruction iterates (`for i in
    /// range(...)`): the iterator is made at once, without the range object. An argument held
    /// boxed (a parameter, say) is unboxed behind a tag guard.
    fn range_loop(&self, dst: u16, args: u16, argc: u8) -> Option<Known> {
        let next = self.pc + 1;
        let Some(&Instr::GetIter { dst: iter, src }) = self.code.instrs.get(next as usize) else {
            return None;
        };
        let ints = (args..args + u16::from(argc))
            .all(|r| matches!(self.locs[r as usize], Loc::Int(..) | Loc::Mem));
        (src == dst
            && (1..=3).contains(&argc)
            && ints
            && !self.leaders.contains(&next)
            && !self.generic.contains(&next)
            && helpers::range_layout().is_some())
        .then_some(Known::RangeLoop { iter, args, argc })
    }

    /// The code of function `f` if a call of it with `argc` arguments can be direct
    /// (`direct_call`): it is a plain function of this module, called with exactly its
    /// positional parameters, whose compiled code may be called directly, or this code itself
    /// (which will be, if it compiles so).
    fn direct_plan(&self, f: &crate::runtime::func::Function, argc: u8) -> Option<Rc<CodeRt>> {
        let env = self.env?;
        (f.globals.ptr_eq(env.globals) && self.direct_ready(&f.code, argc)).then(|| f.code.clone())
    }

    /// Whether a function of `code` (of this module) called with `argc` arguments can be called
    /// directly (`direct_plan`).
    fn direct_ready(&self, code: &Rc<CodeRt>, argc: u8) -> bool {
        let itself = std::ptr::eq(Rc::as_ptr(code), self.code);
        let ready = code.tier.direct.get() != 0 || (itself && self.self_direct);
        // The callee runs on this frame's `Ctx`, so its compiled code must have been lowered for
        // these globals (its global loads do not check them).
        let same_globals = itself
            || self
                .env
                .is_some_and(|e| code.tier.globals.get() == e.globals.addr());
        self.inl.is_none()
            && same_globals
            && ready
            && code.exact_argc == usize::from(argc)
            && return_slot(code).is_some()
    }

    /// `Known::Held` for the `Call` of register `func` at this pc, when the function it holds is
    /// not known ahead and the interpreter saw functions called there that can be called
    /// directly.
    fn held_plan(&self, dst: u16, func: u16, argc: u8) -> Option<Known> {
        self.env?;
        if self.inl.is_some() || self.locs[func as usize] != Loc::Mem {
            return None;
        }
        let targets: Vec<Rc<CodeRt>> = self
            .code
            .tier
            .callees_at(self.pc)
            .into_iter()
            .filter(|c| self.direct_ready(c, argc))
            .collect();
        helpers::function_layout(targets.first()?)?;
        Some(Known::Held {
            dst,
            func,
            targets,
            args: func + 1,
        })
    }

    /// `Known::Held`: the class, globals and code of the function in register `func` pick the
    /// direct call made (a function of another module runs with its own globals, which a direct
    /// callee, running on this frame's `Ctx`, would not see); anything else, a builtin, a class,
    /// a bound method, a function of other code, is called by the generic form.
    fn held_call(&mut self, dst: u16, func: u16, targets: Vec<Rc<CodeRt>>, args: u16) {
        let (Some(lay), Some(env)) = (targets.first().and_then(helpers::function_layout), self.env)
        else {
            self.generic_op(dst, 1);
            return;
        };
        self.flush();
        let (slow, join) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let is_obj = self.tag_is(func, TAG_OBJECT);
        self.continue_if(is_obj, slow);
        let f = self.b.load(Op::LoadPtr, Val::REGS, off(func) + PAYLOAD);
        let cls = self.b.load(Op::LoadI64, f, lay.cls);
        let want = self.b.iconst(lay.function_type);
        let is_function = self.b.binary(Op::Ieq, cls, want);
        self.continue_if(is_function, slow);
        let boxed = self.b.load(Op::LoadPtr, f, lay.func);
        let globals = self.b.load(Op::LoadI64, boxed, lay.globals);
        let want = self.b.iconst(env.globals.addr() as i64);
        let same = self.b.binary(Op::Ieq, globals, want);
        self.continue_if(same, slow);
        let word = self.b.load(Op::LoadI64, boxed, lay.code);
        let cands = targets
            .into_iter()
            .map(|code| (helpers::rc_word(&code), Callee::Held { func }, code));
        self.direct_call_each(word, cands, dst, args, join);
        self.b.jump(slow, &[]);
        self.exec_beside(slow, join);
        self.set(dst, Loc::Mem);
    }

    /// Loads the VM's call depth, leaving through `fail` unless it is below the limit at
    /// `limit_at` in the VM (`Ctx::LIMIT_OFFSET`: the interpreter's recursion check;
    /// `Ctx::DIRECT_LIMIT_OFFSET`: that and `MAX_DIRECT_DEPTH`); returns the VM pointer and the
    /// depth.
    fn depth_room(&mut self, limit_at: i32, fail: ExitId) -> (Val, Val) {
        let vm = self.b.load(Op::LoadPtr, Val::CTX, helpers::Ctx::VM_OFFSET);
        let depth = self.b.load(Op::LoadI64, vm, helpers::Ctx::DEPTH_OFFSET);
        let limit = self.b.load(Op::LoadI64, vm, limit_at);
        let room = self.b.binary(Op::Ilt, depth, limit);
        self.b.guard_true(room, fail);
        (vm, depth)
    }

    /// The call of `code`'s function (`callee`) with arguments `args`, made by calling its
    /// compiled code's direct entry (`CodeTier::direct`) on a register window just above this
    /// frame's, with no frame: the arguments and NULLs go into the window, the VM's depth is
    /// counted as a frame push would, and the callee's normal return leaves its value in the
    /// window's return slot. Should the callee leave its compiled code instead, `direct_exit`
    /// makes its frame and lets the interpreter finish it. The interpreter makes the call
    /// instead (this code leaves at the call) when the callee has no direct entry now, at the
    /// recursion limit or `MAX_DIRECT_DEPTH`, when the attention flag is set, and when the
    /// window would not fit in the register stack.
    ///
    /// What the callee returns may need more work (`Callee`): the values that takes are kept in
    /// the registers just below the window (`Callee::kept`), where the callee cannot rebind
    /// them and, being below any frame `direct_exit` makes, the collector sees them.
    ///
    /// `consumed`: the argument registers are the `Call`'s own window, temporaries dead once the
    /// call is made. Their unboxed values go to the callee's window only (and to the exit that
    /// leaves the call to the interpreter), not to this frame's registers as well.
    fn direct_call(
        &mut self,
        dst: u16,
        callee: Callee,
        code: Rc<CodeRt>,
        args: &[Opnd],
        consumed: bool,
    ) {
        if std::ptr::eq(Rc::as_ptr(&code), self.code) {
            self.calls_itself = true;
        }
        self.direct_targets.insert(match callee.func() {
            Some(f) => f.addr(),
            None => Rc::as_ptr(&code) as usize,
        });
        let Some((_, ret_slot)) = return_slot(&code) else {
            return;
        };
        let (argc, nregs) = (code.exact_argc as u16, code.code.nregs);
        let receiver = u16::from(matches!(callee, Callee::Init(_)));
        let own = self.code.code.nregs;
        let pc = self.pc;
        // Unboxed values are written back first: should the callee leave, the interpreter may
        // move the register stack (a deeper call outgrowing it), after which this code leaves
        // at once without writes. (Kept unboxed across the call and written at the exits, they
        // saved fib 0.1% of its instructions but cost vector_ops 8% more compiling.)
        let dead: Vec<u16> = match consumed {
            true => args
                .iter()
                .filter_map(|a| match a {
                    Opnd::Reg(r) => Some(*r),
                    Opnd::K(_) => None,
                })
                .collect(),
            false => Vec::new(),
        };
        self.flush_except(&dead);
        let slow = self.leave_at(pc);
        let ints = match consumed {
            true => self.int_args(&code, args),
            false => None,
        };
        let at = match ints {
            Some(_) => super::INT_ENTRY_OFFSET,
            None => super::DIRECT_OFFSET,
        };
        let slot = self.b.pconst(Rc::as_ptr(&code) as usize + at);
        let entry = self.b.load(Op::LoadPtr, slot, 0);
        let none = self.b.pconst(0);
        let compiled = self.b.binary(Op::Pne, entry, none);
        self.b.guard_true(compiled, slow);
        let (vm, depth) = self.depth_room(helpers::Ctx::DIRECT_LIMIT_OFFSET, slow);
        let on = self.attention(true);
        self.b.guard_false(on, slow);
        let start = self.b.iconst(i64::from(off(own + callee.kept())));
        let window = self.b.binary(Op::Padd, Val::REGS, start);
        let size = self.b.iconst(i64::from(off(nregs)));
        let end = self.b.binary(Op::Padd, window, size);
        let end = self.b.unary(Op::P2i, end);
        let bound = self
            .b
            .load(Op::LoadI64, vm, helpers::Ctx::DIRECT_END_OFFSET);
        let fits = self.b.binary(Op::Ile, end, bound);
        self.b.guard_true(fits, slow);
        if let Callee::Init(class) = callee {
            self.new_instance(class, slow);
        }
        for (i, &a) in args.iter().enumerate().filter(|_| ints.is_none()) {
            let r = i as u16 + receiver;
            let mut to = vec![(window, off(r))];
            if let Callee::Binary { .. } = callee {
                to.push((Val::REGS, off(own + i as u16)));
            }
            match a {
                Opnd::Reg(src) => to
                    .into_iter()
                    .for_each(|(b, at)| self.store_boxed(b, at, src)),
                Opnd::K(k) => {
                    let (t, p) = helpers::value_bits(self.konst(k).unwrap_or(Value::None));
                    let (t, p) = (self.b.iconst(i64::from(t)), self.b.iconst(p));
                    for (b, at) in to {
                        self.b.store(Op::StoreI64, b, at, t);
                        self.b.store(Op::StoreI64, b, at + PAYLOAD, p);
                    }
                }
            }
        }
        let (tag, null) = helpers::value_bits(self.null);
        let (tag, null) = (self.b.iconst(i64::from(tag)), self.b.iconst(null));
        // The callee's free variables get the function's closure cells, as its frame push would
        // give them (`push_frame_exact`); a function's closure never changes once it is made.
        // Its other locals start unbound, as the interpreter expects should the callee leave.
        // Temporaries are not filled: the callee writes each before reading it, and what they
        // hold before refers to no freed object (`Vm::direct_end`), so a collection that runs
        // while this window is on the stack may mark them.
        let nlocals = code.code.nlocals() as u16;
        let free = nlocals..nlocals + code.code.freevars.len() as u16;
        for r in argc..nlocals {
            self.b.store(Op::StoreI64, window, off(r), tag);
            self.b.store(Op::StoreI64, window, off(r) + PAYLOAD, null);
        }
        let obj = self.b.iconst(i64::from(TAG_OBJECT));
        let known = callee.func();
        match (callee, known.as_ref().map(|f| &f.kind)) {
            (_, Some(Kind::Function(f))) => {
                for (r, cell) in free.zip(f.closure.borrow().iter()) {
                    let p = self.b.iconst(cell.addr() as i64);
                    self.b.store(Op::StoreI64, window, off(r), obj);
                    self.b.store(Op::StoreI64, window, off(r) + PAYLOAD, p);
                }
            }
            (Callee::Held { func }, _) if !free.is_empty() => {
                // `held_plan` measured the layout.
                if let Some(lay) = helpers::function_layout(&code) {
                    let f = self.b.load(Op::LoadPtr, Val::REGS, off(func) + PAYLOAD);
                    let boxed = self.b.load(Op::LoadPtr, f, lay.func);
                    let cells = self.b.load(Op::LoadPtr, boxed, lay.closure);
                    for (i, r) in free.enumerate() {
                        let p = self.b.load(Op::LoadI64, cells, 8 * i as i32);
                        self.b.store(Op::StoreI64, window, off(r), obj);
                        self.b.store(Op::StoreI64, window, off(r) + PAYLOAD, p);
                    }
                }
            }
            _ => {}
        }
        let one = self.b.iconst(1);
        let deeper = self.b.binary(Op::Iadd, depth, one);
        self.b
            .store(Op::StoreI64, vm, helpers::Ctx::DEPTH_OFFSET, deeper);
        let (rc, value) = match &ints {
            Some(ints) => {
                let (rc, value) = self.b.call_int(entry, window, Val::CTX, ints);
                (rc, Some(value))
            }
            None => (self.b.call_entry(entry, window, Val::CTX), None),
        };
        self.b
            .store(Op::StoreI64, vm, helpers::Ctx::DEPTH_OFFSET, depth);
        if let (Some(value), Some(func)) = (value, callee.func()) {
            self.int_result(dst, &dead, (rc, value), func, window, entry);
            return;
        }
        let returned = self.b.iconst(i64::from(abi::RETURNED));
        let returned = self.b.binary(Op::Ieq, rc, returned);
        let (fast, left) = (self.b.create_block(&[]), self.b.create_block(&[]));
        self.b.brif(returned, fast, &[], left, &[]);
        self.b.switch_to(left);
        let f = match callee {
            Callee::Held { func } => self.b.load(Op::LoadI64, Val::REGS, off(func) + PAYLOAD),
            _ => self.b.iconst(callee.func().map_or(0, |f| f.addr() as i64)),
        };
        let raise = self.finish_left_callee(f, window, dst, entry, rc, callee.after());
        let join = self.b.create_block(&[]);
        self.b.jump(join, &[]);
        self.b.switch_to(fast);
        if let Some(odd) = self.odd_return(callee, window, ret_slot) {
            let (odd_b, normal) = (self.b.create_block(&[]), self.b.create_block(&[]));
            self.b.brif(odd, odd_b, &[], normal, &[]);
            self.b.switch_to(odd_b);
            let h = self.helper(Helper::DirectResult);
            let caller = self.b.unary(Op::P2i, Val::REGS);
            let callee_regs = self.b.unary(Op::P2i, window);
            let (d, after, r) = (
                self.b.iconst(i64::from(dst)),
                self.b.iconst(callee.after()),
                self.b.iconst(i64::from(ret_slot)),
            );
            let res = self
                .b
                .call(h, &[Val::CTX, caller, callee_regs, d, after, r]);
            let exc = self.b.iconst(helpers::EXC);
            let is_exc = self.b.binary(Op::Ieq, res, exc);
            self.b.guard_false(is_exc, raise);
            self.b.jump(join, &[]);
            self.b.switch_to(normal);
        }
        let (from, at) = match callee {
            Callee::Init(_) => (Val::REGS, off(own)),
            _ => (window, off(ret_slot)),
        };
        let t = self.b.load(Op::LoadI64, from, at);
        let p = self.b.load(Op::LoadI64, from, at + PAYLOAD);
        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, p);
        self.b.jump(join, &[]);
        self.b.switch_to(join);
        // Dead now: no exit need write them, and their values need not live across the call.
        for r in dead {
            self.set(r, Loc::Mem);
        }
        self.set(dst, Loc::Mem);
    }

    /// The arguments of a direct call of `code` for its int entry (`int_params`), if it has one
    /// (or will have: this code calling itself) and every argument is an int unboxed here.
    fn int_args(&self, code: &Rc<CodeRt>, args: &[Opnd]) -> Option<Vec<Val>> {
        let itself = std::ptr::eq(Rc::as_ptr(code), self.code);
        let has = match itself {
            true => self.self_int,
            false => code.tier.int_entry.get() != 0,
        };
        // An int the callee's slow path did not return left after the call (`int_result`).
        if !has || self.generic.contains(&(self.pc + 1)) {
            return None;
        }
        args.iter()
            .map(|&a| match a {
                Opnd::Reg(r) => match self.locs[r as usize] {
                    Loc::Int(v, _) => Some(v),
                    _ => None,
                },
                Opnd::K(_) => None,
            })
            .collect()
    }

    /// A direct callee (function object `f`) that left its compiled code with `rc`: the
    /// `direct_exit` helper finishes it in the interpreter and writes its result into `dst`; an
    /// exception leaves at this call, through the exit returned.
    fn finish_left_callee(
        &mut self,
        f: Val,
        window: Val,
        dst: u16,
        entry: Val,
        rc: Val,
        after: i64,
    ) -> ExitId {
        let h = self.helper(Helper::DirectExit);
        let caller = self.b.unary(Op::P2i, Val::REGS);
        let callee_regs = self.b.unary(Op::P2i, window);
        let d = self.b.iconst(i64::from(dst));
        let at = self.b.unary(Op::P2i, entry);
        let after = self.b.iconst(after);
        let res = self
            .b
            .call(h, &[Val::CTX, f, caller, callee_regs, d, at, rc, after]);
        let raise = self.exit(self.pc, ExitReason::Exception, ExitKind::Raise);
        let exc = self.b.iconst(helpers::EXC);
        let is_exc = self.b.binary(Op::Ieq, res, exc);
        self.b.guard_false(is_exc, raise);
        raise
    }

    /// The end of a direct call of `func` made through its int entry: the int it returned
    /// (`value`, when `rc` says it returned) is register `dst`'s, unboxed. A callee that left
    /// its compiled code is finished by `direct_exit`, which writes its result into `dst`
    /// boxed; anything but an int there (the callee was recompiled to return other values)
    /// leaves after the call.
    fn int_result(
        &mut self,
        dst: u16,
        dead: &[u16],
        (rc, value): (Val, Val),
        func: ObjRef,
        window: Val,
        entry: Val,
    ) {
        let pc = self.pc;
        for &r in dead {
            self.set(r, Loc::Mem);
        }
        self.set(dst, Loc::Mem);
        let returned = self.b.iconst(i64::from(abi::RETURNED));
        let returned = self.b.binary(Op::Ieq, rc, returned);
        let (join, left) = (self.b.create_block(&[Ty::I64]), self.b.create_block(&[]));
        self.b.brif(returned, join, &[value], left, &[]);
        self.b.switch_to(left);
        let f = self.b.iconst(func.addr() as i64);
        self.finish_left_callee(f, window, dst, entry, rc, Callee::Func(func).after());
        let other = self.exit(pc + 1, ExitReason::TypeGuard, ExitKind::Deopt);
        let v = self.unbox_with(dst, TAG_INT, Op::LoadI64, other);
        self.b.jump(join, &[v]);
        self.b.switch_to(join);
        let v = self.b.block_params(join)[0];
        self.set(dst, Loc::Int(v, true));
    }

    /// For each candidate whose word equals `word`, the direct call of its code with the
    /// registers from `args` on, joining at `join`; the code continues where none matched.
    fn direct_call_each(
        &mut self,
        word: Val,
        cands: impl Iterator<Item = (i64, Callee, Rc<CodeRt>)>,
        dst: u16,
        args: u16,
        join: Block,
    ) {
        for (want, callee, code) in cands {
            let want = self.b.iconst(want);
            let hit = self.b.binary(Op::Ieq, word, want);
            let (yes, no) = (self.b.create_block(&[]), self.b.create_block(&[]));
            self.b.brif(hit, yes, &[], no, &[]);
            self.b.switch_to(yes);
            let argv: Vec<Opnd> = (args..args + code.exact_argc as u16)
                .map(Opnd::Reg)
                .collect();
            self.direct_call(dst, callee, code, &argv, false);
            self.b.jump(join, &[]);
            self.b.switch_to(no);
        }
    }

    /// `Known::OneOf`: the function in register `func` picks the direct call made; the calls
    /// join with the result in `dst`.
    fn one_of_call(&mut self, dst: u16, func: u16, targets: Vec<(ObjRef, Rc<CodeRt>)>, args: u16) {
        let pc = self.pc;
        self.flush();
        let f = self.b.load(Op::LoadI64, Val::REGS, off(func) + PAYLOAD);
        let join = self.b.create_block(&[]);
        let cands = targets
            .into_iter()
            .map(|(target, code)| (target.addr() as i64, Callee::Func(target), code));
        self.direct_call_each(f, cands, dst, args, join);
        let other = self.leave_at(pc);
        self.b.exit_now(other);
        self.b.switch_to(join);
        self.set(dst, Loc::Mem);
    }

    /// Whether the value a direct call of `callee` returned into `window`'s register `slot`
    /// needs `direct_result`: an `__init__`'s other than None, an operator method's
    /// NotImplemented.
    fn odd_return(&mut self, callee: Callee, window: Val, slot: u16) -> Option<Val> {
        match callee {
            Callee::Func(_) | Callee::Held { .. } => None,
            Callee::Init(_) => {
                let t = self.b.load(Op::LoadU8, window, off(slot));
                let none = self.b.iconst(i64::from(TAG_NONE));
                Some(self.b.binary(Op::Ine, t, none))
            }
            Callee::Binary { .. } => {
                let t = self.b.load(Op::LoadU8, window, off(slot));
                let obj = self.b.iconst(i64::from(TAG_OBJECT));
                let is_obj = self.b.binary(Op::Ieq, t, obj);
                let p = self.b.load(Op::LoadI64, window, off(slot) + PAYLOAD);
                let ni = self.b.iconst(types().not_implemented.addr() as i64);
                let is_ni = self.b.binary(Op::Ieq, p, ni);
                Some(self.b.binary(Op::Band, is_obj, is_ni))
            }
        }
    }

    /// Guards that `class` is still at its version (so `cls(...)` still means `__init__` on a
    /// plain instance), then makes the instance into the register just above this code's own
    /// and the first of the window above it.
    fn new_instance(&mut self, class: PlainClass, fail: ExitId) {
        let Some(lay) = helpers::attr_layout() else {
            self.exit_always(fail);
            return;
        };
        let c = self.b.pconst(class.cls.addr());
        let t = self.b.load(Op::LoadPtr, c, lay.type_box);
        let v = self.b.load(Op::LoadI64, t, lay.version);
        let want = self.b.iconst(class.version as i64);
        let same = self.b.binary(Op::Ieq, v, want);
        self.b.guard_true(same, fail);
        let h = self.helper(Helper::NewInstance);
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let at = self.b.iconst(i64::from(self.code.code.nregs));
        let cls = self.b.iconst(class.cls.addr() as i64);
        self.b.call(h, &[Val::CTX, regs, at, cls]);
    }

    /// A return: the value goes to the return slot (`return_slot`) and compiled code returns.
    fn ret(&mut self, src: u16) {
        let Some((_, slot)) = self.ret else {
            let e = self.leave_at(self.pc);
            self.b.exit_now(e);
            return;
        };
        self.returned = true;
        self.boxed_return |= !matches!(self.locs[src as usize], Loc::Int(..));
        let value = match self.locs[src as usize] {
            Loc::Int(v, _) => ExitSource::Int(v),
            Loc::Float(v, _) => ExitSource::Float(v),
            Loc::Bool(v, _) => ExitSource::Bool(v),
            Loc::Mem | Loc::Range | Loc::Obj(_) => {
                if src != slot {
                    let t = self.b.load(Op::LoadI64, Val::REGS, off(src));
                    let p = self.b.load(Op::LoadI64, Val::REGS, off(src) + PAYLOAD);
                    self.b.store(Op::StoreI64, Val::REGS, off(slot), t);
                    self.b
                        .store(Op::StoreI64, Val::REGS, off(slot) + PAYLOAD, p);
                }
                ExitSource::InMemory
            }
        };
        self.b.ret(value);
    }

    /// `code` if a call of it with the `argc` arguments in registers `args ..` can be inlined:
    /// a short straight-line function of numbers (moves, number constants, and int and float
    /// arithmetic, comparisons and unary operators that its feedback never saw on objects),
    /// called with exactly its positional parameters, all of them unboxed. Such code has no
    /// side effects, so every guard in it can leave to the interpreter's own call.
    fn inline_plan(&self, code: &Rc<CodeRt>, args: u16, argc: u8) -> Option<Rc<CodeRt>> {
        let c = &code.code;
        let spec = c.args;
        if self.inl.is_some()
            || code.instrs.len() > MAX_INLINE
            || c.flags.contains(CodeFlags::GENERATOR)
            || spec.argcount != u16::from(argc)
            || spec.varargs
            || spec.varkeywords
            || spec.kwonlyargcount != 0
            || !c.cells.is_empty()
            || !c.freevars.is_empty()
        {
            return None;
        }
        let mut kinds = vec![None; c.nregs as usize];
        for i in 0..u16::from(argc) {
            kinds[i as usize] = match self.locs[(args + i) as usize] {
                Loc::Int(..) => Some(K::Int),
                Loc::Float(..) => Some(K::Float),
                _ => return None,
            };
        }
        let kind = |kinds: &[Option<K>], o: Opnd| match o {
            Opnd::Reg(r) => kinds[r as usize],
            Opnd::K(k) => match code.consts.get(k as usize) {
                Some(Value::Int(_)) => Some(K::Int),
                Some(Value::Float(_)) => Some(K::Float),
                _ => None,
            },
        };
        for (pc, &i) in code.instrs.iter().enumerate() {
            let on_objects = code.feedback[pc].get() & FB_OBJECT != 0;
            match classify(i) {
                Class::Move { dst, src } => kinds[dst as usize] = Some(kinds[src as usize]?),
                Class::LoadConst { dst, k } => kinds[dst as usize] = kind(&kinds, Opnd::K(k)),
                Class::Arith { dst, a, b, op, .. } if !on_objects => {
                    let (x, y) = (kind(&kinds, a)?, kind(&kinds, b)?);
                    let both_int = x == K::Int && y == K::Int;
                    kinds[dst as usize] = Some(match op {
                        BinOp::TrueDiv => K::Float,
                        _ if both_int && int_native(op) => K::Int,
                        _ if float_native(op) => K::Float,
                        _ => return None,
                    });
                }
                Class::Cmp { dst, a, b, .. } if !on_objects => {
                    kind(&kinds, a)?;
                    kind(&kinds, b)?;
                    kinds[dst as usize] = Some(K::Other);
                }
                Class::Unary { dst, src, op } => {
                    kinds[dst as usize] = match (op, kinds[src as usize]?) {
                        (Unary::Neg | Unary::Pos, k @ (K::Int | K::Float)) => Some(k),
                        (Unary::Invert, K::Int) => Some(K::Int),
                        _ => return None,
                    }
                }
                Class::Return { src } => {
                    kinds[src as usize]?;
                    return Some(code.clone());
                }
                _ => return None,
            }
        }
        None
    }

    /// The body of `code` (accepted by `inline_plan`) lowered in place of the call, its result
    /// unboxed into `dst`.
    fn inline_call(&mut self, dst: u16, code: Rc<CodeRt>, args: u16) {
        let fail = self.deopt(ExitReason::ValueGuard);
        self.depth_room(helpers::Ctx::LIMIT_OFFSET, fail);
        let mut locs = vec![Loc::Mem; code.code.nregs as usize];
        let argc = code.code.args.argcount as usize;
        locs[..argc].copy_from_slice(&self.locs[args as usize..args as usize + argc]);
        let pc = self.pc;
        let caller = std::mem::replace(&mut self.locs, locs);
        self.inl = Some(Inline {
            code: code.clone(),
            pc,
            locs: caller,
        });
        let mut result = Loc::Mem;
        for (cpc, &i) in code.instrs.iter().enumerate() {
            self.pc = cpc as u32;
            match classify(i) {
                Class::Move { dst, src } => self.locs[dst as usize] = self.locs[src as usize],
                Class::LoadConst { dst, k } => {
                    let l = match self.konst(k) {
                        Some(Value::Float(x)) => Loc::Float(self.b.fconst(x), true),
                        Some(Value::Int(x)) => Loc::Int(self.b.iconst(x), true),
                        _ => Loc::Mem,
                    };
                    self.locs[dst as usize] = l;
                }
                Class::Arith {
                    dst,
                    a,
                    b,
                    op,
                    inplace,
                } => self.arith(dst, a, b, op, inplace),
                Class::Cmp { dst, a, b, op } => self.compare(dst, a, b, op),
                Class::Unary { dst, src, op } => self.unary(dst, src, op),
                Class::Return { src } => {
                    result = self.locs[src as usize];
                    break;
                }
                _ => {}
            }
        }
        let inl = self.inl.take().map(|i| i.locs).unwrap_or_default();
        self.locs = inl;
        self.pc = pc;
        let l = match result {
            Loc::Int(v, _) => Loc::Int(v, true),
            Loc::Float(v, _) => Loc::Float(v, true),
            Loc::Bool(v, _) => Loc::Bool(v, true),
            _ => {
                let e = self.deopt(ExitReason::Unsupported);
                self.exit_always(e);
                Loc::Mem
            }
        };
        self.set(dst, l);
    }

    /// Continues in a new block, returning the object's pointer, when register `r` holds an
    /// object whose class is `cls` (by address); anything else goes to `other`. Blocks that use
    /// the pointer must be created after this (see `list_len`).
    fn branch_exact(&mut self, r: u16, cls: i64, cls_at: i32, other: Block) -> Val {
        let is_obj = self.tag_is(r, TAG_OBJECT);
        let (obj, exact) = (self.b.create_block(&[]), self.b.create_block(&[]));
        self.b.brif(is_obj, obj, &[], other, &[]);
        self.b.switch_to(obj);
        let p = self.b.load(Op::LoadPtr, Val::REGS, off(r) + PAYLOAD);
        let c = self.b.load(Op::LoadI64, p, cls_at);
        let want = self.b.iconst(cls);
        let same = self.b.binary(Op::Ieq, c, want);
        self.b.brif(same, exact, &[], other, &[]);
        self.b.switch_to(exact);
        p
    }

    /// `len(r[arg])` into `dst`: read from a plain list natively, for anything else (a str, a
    /// dict) made by the generic call; the two paths join with the result boxed.
    fn list_len(&mut self, dst: u16, arg: u16) {
        let Some(lay) = helpers::list_layout() else {
            return self.generic_op(dst, 1);
        };
        // Blocks are created in the order their values are defined: lowering to Cranelift
        // translates them in that order.
        let (slow, after) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let p = self.branch_exact(arg, lay.list_type, lay.cls, slow);
        let n = self.b.load(Op::LoadI64, p, lay.len);
        self.store_raw(dst, TAG_INT, n);
        self.b.jump(after, &[]);
        self.exec_beside(slow, after);
        self.set(dst, Loc::Mem);
    }

    /// Emits block `slow` as the generic form of the current instruction, joining the fast path
    /// at `after`, and continues there. The slow path writes every unboxed value back; the
    /// registers after the join are the fast path's, whose pending writes only repeat those.
    fn exec_beside(&mut self, slow: Block, after: Block) {
        let saved = self.locs.clone();
        self.b.switch_to(slow);
        if self.frameless {
            let e = self.leave_at(self.pc);
            self.b.exit_now(e);
        } else {
            self.call_status(Helper::Exec, &[i64::from(self.pc)], None);
            self.b.jump(after, &[]);
        }
        self.locs = saved;
        self.b.switch_to(after);
    }

    /// Guards that `dict` (an object alive while the guard is checked: the frame's globals,
    /// builtins, or the dict of a module a register holds) still has key version `version` or,
    /// when its keys changed, that `recheck` holds: a frameless helper that asks the dict itself
    /// (`args` give it the dict and name addresses) whether the entry compiled code reads still
    /// has its key, or a name is still absent. A module whose code binds and deletes other names
    /// in a loop (`except ... as e`) then keeps its compiled readers.
    fn version_guard(
        &mut self,
        dict: ObjRef,
        version: u64,
        fail: ExitId,
        recheck: Helper,
        args: &[i64],
    ) {
        let (Some(lay), Some(base)) = (helpers::dict_layout(), helpers::dict_base(dict)) else {
            return;
        };
        let p = self.b.pconst(base);
        let v = self.b.load(Op::LoadI64, p, lay.version);
        let want = self.b.iconst(version as i64);
        let same = self.b.binary(Op::Ieq, v, want);
        // In a loop the plain guard: the recheck's extra block cost spectral_norm's inner loop
        // 2% more instructions, and a function whose globals churn is entered again and again
        // at its start, where the recheck is.
        let pc = self.pc as usize;
        if self.loop_spans.iter().any(|l| l.contains(&pc)) {
            self.b.guard_true(same, fail);
            return;
        }
        let (ok, changed) = (self.b.create_block(&[]), self.b.create_block(&[]));
        self.b.brif(same, ok, &[], changed, &[]);
        self.b.switch_to(changed);
        let h = self.helper(recheck);
        let mut vals = vec![Val::CTX];
        vals.extend(args.iter().map(|&a| self.b.iconst(a)));
        let res = self.b.call(h, &vals);
        let zero = self.b.iconst(0);
        let holds = self.b.binary(Op::Ine, res, zero);
        self.b.guard_true(holds, fail);
        self.b.jump(ok, &[]);
        self.b.switch_to(ok);
    }

    /// Loads `entry`'s current value into register `dst` behind its dict's version guard, and
    /// when it is a function, builtin or module, guards that it is still the same object, so
    /// that what follows may specialise on it.
    fn load_entry(&mut self, dst: u16, entry: DictEntry, fail: ExitId) {
        let (Some(lay), Some(base)) = (helpers::dict_layout(), helpers::dict_base(entry.dict))
        else {
            return;
        };
        let args = [
            entry.dict.addr() as i64,
            entry.idx as i64,
            entry.name.addr() as i64,
        ];
        self.version_guard(entry.dict, entry.version, fail, Helper::GlobalAt, &args);
        let p = self.b.pconst(base);
        let items = self.b.load(Op::LoadPtr, p, lay.entries);
        let at = entry.idx as i64 * i64::from(lay.stride) + i64::from(lay.value);
        let at = self.b.iconst(at);
        let slot = self.b.binary(Op::Padd, items, at);
        let t = self.b.load(Op::LoadI64, slot, 0);
        // A number (a constant such as MAX_ITER, read in a loop condition) is unboxed behind a
        // tag guard; anything else goes to the register file.
        let unboxed = match entry.value {
            Value::Int(_) => Some((TAG_INT, Op::LoadI64)),
            Value::Float(_) => Some((TAG_FLOAT, Op::LoadF64)),
            _ => None,
        };
        if let Some((tag, load)) = unboxed {
            let want = self.b.iconst(i64::from(tag));
            let same = self.b.binary(Op::Ieq, t, want);
            self.b.guard_true(same, fail);
            let v = self.b.load(load, slot, PAYLOAD);
            let l = if tag == TAG_INT {
                Loc::Int(v, true)
            } else {
                Loc::Float(v, true)
            };
            self.set(dst, l);
            return;
        }
        let v = self.b.load(Op::LoadI64, slot, PAYLOAD);
        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, v);
        let known = match entry.value {
            Value::Object(o)
                if matches!(
                    o.kind,
                    Kind::Function(_) | Kind::Builtin(_) | Kind::Module { .. }
                ) || o == types().range
                    || constructed_init(o).is_some() =>
            {
                o
            }
            _ => {
                self.set(dst, Loc::Mem);
                return;
            }
        };
        // Two guards, not one on their conjunction: two compares and branches instead of
        // two compares, two `set`s, a `test` and a branch.
        let want_t = self.b.iconst(i64::from(TAG_OBJECT));
        let same_t = self.b.binary(Op::Ieq, t, want_t);
        self.b.guard_true(same_t, fail);
        let want_v = self.b.iconst(known.addr() as i64);
        let same_v = self.b.binary(Op::Ieq, v, want_v);
        self.b.guard_true(same_v, fail);
        self.objs.insert(known.addr(), known);
        self.set(dst, Loc::Obj(known.addr()));
    }

    fn intrinsic(&mut self, dst: u16, f: Intrinsic, args: u16) {
        let (a, b) = (Opnd::Reg(args), Opnd::Reg(args + 1));
        let l = match f {
            Intrinsic::Len => {
                self.list_len(dst, args);
                return;
            }
            Intrinsic::SetAdd => return self.set_op(dst, args, args + 1, SetOp::Add, false),
            Intrinsic::SetRemove => return self.set_op(dst, args, args + 1, SetOp::Remove, false),
            Intrinsic::SetDiscard => {
                return self.set_op(dst, args, args + 1, SetOp::Discard, false)
            }
            Intrinsic::Sqrt => {
                let x = self.float(a, false);
                let zero = self.b.fconst(0.0);
                let ok = self.b.binary(Op::Fge, x, zero);
                let fail = self.deopt(ExitReason::ValueGuard);
                self.b.guard_true(ok, fail);
                Loc::Float(self.b.unary(Op::Fsqrt, x), true)
            }
            Intrinsic::Fabs => {
                let x = self.float(a, false);
                Loc::Float(self.b.unary(Op::Fabs, x), true)
            }
            Intrinsic::Abs if self.kind(a) == K::Float => {
                let x = self.float(a, false);
                Loc::Float(self.b.unary(Op::Fabs, x), true)
            }
            Intrinsic::Abs => {
                let x = self.int(a);
                let ov = self.deopt(ExitReason::Overflow);
                let neg = self.b.checked(Op::InegOv, &[x], ov);
                let zero = self.b.iconst(0);
                let is_neg = self.b.binary(Op::Ilt, x, zero);
                Loc::Int(self.b.select(is_neg, neg, x), true)
            }
            Intrinsic::Min | Intrinsic::Max => {
                // min keeps `a` unless `b < a`; max keeps `a` unless `a < b`.
                let (lo, hi) = if f == Intrinsic::Min { (b, a) } else { (a, b) };
                if self.kind(a) == K::Float {
                    let (x, y) = (self.float(lo, false), self.float(hi, false));
                    let take_b = self.b.binary(Op::Flt, x, y);
                    let (va, vb) = (self.float(a, false), self.float(b, false));
                    Loc::Float(self.b.select(take_b, vb, va), true)
                } else {
                    let (x, y) = (self.int(lo), self.int(hi));
                    let take_b = self.b.binary(Op::Ilt, x, y);
                    let (va, vb) = (self.int(a), self.int(b));
                    Loc::Int(self.b.select(take_b, vb, va), true)
                }
            }
        };
        self.set(dst, l);
    }

    /// Whether the `in` at the current pc has only seen ints or objects (a set and an int or str
    /// key, `set_op` finds out).
    fn keyed_set(&self) -> bool {
        let fb = self.fb();
        !self.generic.contains(&self.pc)
            && fb & (1 << TAG_OBJECT) != 0
            && fb & !(FB_INT | FB_OBJECT) == 0
    }

    /// `key in set` (`SetOp::Contains`, into `dst` as a bool; `negate`: `not in`) or a set
    /// method called with the receiver in `set` (None into `dst`), by the frameless `set_op`;
    /// what it does not do runs beside it generically (by the interpreter in a direct callee).
    fn set_op(&mut self, dst: u16, set: u16, key: u16, op: SetOp, negate: bool) {
        self.spill(set);
        self.spill(key);
        let h = self.helper(Helper::SetOp);
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let args = [
            Val::CTX,
            regs,
            self.b.iconst(op.code()),
            self.b.iconst(i64::from(set)),
            self.b.iconst(i64::from(key)),
        ];
        let res = self.b.call(h, &args);
        let (slow, after) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let leave = self.b.iconst(helpers::LEAVE);
        let done = self.b.binary(Op::Ine, res, leave);
        let fast = self.b.create_block(&[]);
        self.b.brif(done, fast, &[], slow, &[]);
        self.b.switch_to(fast);
        if op == SetOp::Contains {
            let found = self.b.iconst(helpers::BRANCH);
            let t = self.b.binary(Op::Ieq, res, found);
            let t = if negate { self.b.unary(Op::Bnot, t) } else { t };
            let bit = self.b.unary(Op::B2i, t);
            self.store_raw(dst, TAG_BOOL, bit);
        } else {
            let (tag, payload) = helpers::value_bits(Value::None);
            let p = self.b.iconst(payload);
            self.store_raw(dst, tag, p);
        }
        self.b.jump(after, &[]);
        self.exec_beside(slow, after);
        self.set(dst, Loc::Mem);
    }

    /// Whether a subscript at the current pc has only seen an object indexed by an int (a list,
    /// guarded by `list_slot`).
    fn list_fast(&self, obj: u16, key: u16) -> bool {
        let fb = self.fb();
        !self.generic.contains(&self.pc)
            && fb == (1 << TAG_OBJECT) | FB_INT
            && self.locs[obj as usize] == Loc::Mem
            && matches!(self.locs[key as usize], Loc::Int(..) | Loc::Mem)
            && helpers::list_layout().is_some()
    }

    /// The tag (int or float) of the value the current instruction writes to `dst` when it is
    /// next read, in this block, by arithmetic or a comparison that has seen only that type: a
    /// list item loaded for it is then unboxed at once, behind a tag guard, instead of going
    /// through the register file.
    fn number_use(&self, dst: u16) -> Option<u8> {
        let reads = |o: Opnd| o == Opnd::Reg(dst);
        for pc in self.pc + 1..(self.pc + 8).min(self.code.instrs.len() as u32) {
            if self.leaders.contains(&pc) {
                return None;
            }
            let seen = self.cur().feedback.get(pc as usize).map(|c| c.get());
            match classify(self.code.instrs[pc as usize]) {
                Class::Arith { dst: d, a, b, .. } | Class::Cmp { dst: d, a, b, .. } => {
                    if reads(a) || reads(b) {
                        return match seen {
                            Some(FB_FLOAT) => Some(TAG_FLOAT),
                            Some(FB_INT) => Some(TAG_INT),
                            _ => None,
                        };
                    }
                    if d == dst {
                        return None;
                    }
                }
                Class::Move { dst: d, src } if d == dst || src == dst => return None,
                Class::Move { .. } => {}
                Class::LoadConst { dst: d, .. } if d == dst => return None,
                Class::LoadConst { .. } => {}
                Class::Generic { out, n } if !(out..out + n).contains(&dst) => {}
                _ => return None,
            }
        }
        None
    }

    /// Guards that register `r` holds an exact list, leaving through `fail` otherwise; returns
    /// the list's address.
    fn list_guard(&mut self, r: u16, fail: ExitId) -> Val {
        let Some(lay) = helpers::list_layout() else {
            self.exit_always(fail);
            return Val::REGS;
        };
        let (p, c) = self.object_class(r, lay.cls, fail);
        let cls = self.b.unary(Op::P2i, c);
        let list = self.b.iconst(lay.list_type);
        let same = self.b.binary(Op::Ieq, cls, list);
        self.b.guard_true(same, fail);
        p
    }

    /// The address of item `r[key]` of the plain list in `r[obj]`, behind class and bounds
    /// guards (negative indices count from the end, as in Python). The slot's address lives only
    /// until the caller's load or store (a helper may resize the list); the list's own address
    /// stays in `lists` while the register holds it.
    fn list_slot(&mut self, obj: u16, key: u16) -> Val {
        let Some(lay) = helpers::list_layout() else {
            return Val::REGS;
        };
        let i = self.int(Opnd::Reg(key));
        let p = match self.lists.get(&obj) {
            Some(&p) => p,
            None if self.listed.contains(&obj) => {
                let p = self.b.load(Op::LoadPtr, Val::REGS, off(obj) + PAYLOAD);
                self.lists.insert(obj, p);
                p
            }
            None => {
                let fail = self.deopt(ExitReason::TypeGuard);
                let p = self.list_guard(obj, fail);
                self.lists.insert(obj, p);
                p
            }
        };
        let len = self.b.load(Op::LoadI64, p, lay.len);
        let zero = self.b.iconst(0);
        let neg = self.b.binary(Op::Ilt, i, zero);
        let wrapped = self.b.binary(Op::Iadd, i, len);
        let j = self.b.select(neg, wrapped, i);
        let ge = self.b.binary(Op::Ige, j, zero);
        let lt = self.b.binary(Op::Ilt, j, len);
        let ok = self.b.binary(Op::Band, ge, lt);
        let oob = self.deopt(ExitReason::BoundsGuard);
        self.b.guard_true(ok, oob);
        let data = self.b.load(Op::LoadPtr, p, lay.data);
        let size = self.b.iconst(i64::from(abi::VALUE_SIZE));
        let byte = self.b.binary(Op::Imul, j, size);
        self.b.binary(Op::Padd, data, byte)
    }

    /// Stores register `src` as a boxed Value at `slot`.
    /// The address of the value of the cell register `cell` holds (a cell variable's or a free
    /// variable's register holds its cell from frame entry on; see `direct_call`), or `None`
    /// when its layout is unknown.
    fn cell_slot(&mut self, cell: u16) -> Option<Val> {
        let at = helpers::cell_layout()?;
        if !matches!(self.locs[cell as usize], Loc::Mem) {
            return None;
        }
        let c = self.b.load(Op::LoadPtr, Val::REGS, off(cell) + PAYLOAD);
        let at = self.b.iconst(i64::from(at));
        Some(self.b.binary(Op::Padd, c, at))
    }

    fn load_deref(&mut self, dst: u16, cell: u16) {
        let e = self.leave_at(self.pc);
        let Some(slot) = self.cell_slot(cell) else {
            self.exit_always(e);
            return;
        };
        // An empty cell holds the unbound marker: the interpreter raises the NameError (a free
        // variable) or UnboundLocalError (a cell variable) itself.
        let (null_tag, null) = helpers::value_bits(self.null);
        let t = self.b.load(Op::LoadU8, slot, 0);
        let p = self.b.load(Op::LoadI64, slot, PAYLOAD);
        let nt = self.b.iconst(i64::from(null_tag));
        let is_obj = self.b.binary(Op::Ieq, t, nt);
        let n = self.b.iconst(null);
        let is_null = self.b.binary(Op::Ieq, p, n);
        let unbound = self.b.binary(Op::Band, is_obj, is_null);
        self.b.guard_false(unbound, e);
        let t = self.b.load(Op::LoadI64, slot, 0);
        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, p);
        self.set(dst, Loc::Mem);
    }

    fn store_deref(&mut self, cell: u16, src: u16) {
        match self.cell_slot(cell) {
            Some(slot) => self.store_boxed(slot, 0, src),
            None => {
                let e = self.leave_at(self.pc);
                self.exit_always(e);
            }
        }
    }

    /// Writes register `src`'s value, boxed, at `base + at`, from wherever it is now.
    fn store_boxed(&mut self, base: Val, at: i32, src: u16) {
        let (tag, payload) = match self.locs[src as usize] {
            Loc::Int(v, _) => (TAG_INT, v),
            Loc::Bool(v, _) => (TAG_BOOL, self.b.unary(Op::B2i, v)),
            Loc::Float(v, _) => {
                let t = self.b.iconst(i64::from(TAG_FLOAT));
                self.b.store(Op::StoreI64, base, at, t);
                self.b.store(Op::StoreF64, base, at + PAYLOAD, v);
                return;
            }
            Loc::Mem | Loc::Range | Loc::Obj(_) => {
                let t = self.b.load(Op::LoadI64, Val::REGS, off(src));
                let p = self.b.load(Op::LoadI64, Val::REGS, off(src) + PAYLOAD);
                self.b.store(Op::StoreI64, base, at, t);
                self.b.store(Op::StoreI64, base, at + PAYLOAD, p);
                return;
            }
        };
        let t = self.b.iconst(i64::from(tag));
        self.b.store(Op::StoreI64, base, at, t);
        self.b.store(Op::StoreI64, base, at + PAYLOAD, payload);
    }

    /// Tests the truth of boxed register `reg` where it needs no Python: for a bool, an int or
    /// None the code continues in the first block returned, whose parameter is whether the
    /// value is false; anything else continues in the second.
    fn simple_falsy(&mut self, reg: u16) -> (Block, Block) {
        let tag = self.tag(reg);
        let (known, other) = (self.b.create_block(&[Ty::Bool]), self.b.create_block(&[]));
        for (t, load) in [(TAG_BOOL, Op::LoadU8), (TAG_INT, Op::LoadI64)] {
            let k = self.b.iconst(i64::from(t));
            let is = self.b.binary(Op::Ieq, tag, k);
            let (yes, no) = (self.b.create_block(&[]), self.b.create_block(&[]));
            self.b.brif(is, yes, &[], no, &[]);
            self.b.switch_to(yes);
            let p = self.b.load(load, Val::REGS, off(reg) + PAYLOAD);
            let zero = self.b.iconst(0);
            let falsy = self.b.binary(Op::Ieq, p, zero);
            self.b.jump(known, &[falsy]);
            self.b.switch_to(no);
        }
        let k = self.b.iconst(i64::from(TAG_NONE));
        let is_none = self.b.binary(Op::Ieq, tag, k);
        let yes = self.b.create_block(&[]);
        self.b.brif(is_none, yes, &[], other, &[]);
        self.b.switch_to(yes);
        let t = self.b.bconst(true);
        self.b.jump(known, &[t]);
        (known, other)
    }

    /// Branches on the truth of a boxed register: bools, ints (a list of flags, a count) and
    /// None inline (`simple_falsy`), anything else by the `cond` helper, which may run
    /// `__bool__`/`__len__`.
    fn boxed_truth(&mut self, reg: u16, on_true: u32, on_false: u32) {
        let saved = self.locs.clone();
        let (known, other) = self.simple_falsy(reg);
        self.b.switch_to(known);
        let falsy = self.b.block_params(known)[0];
        let truth = self.b.unary(Op::Bnot, falsy);
        self.branch(truth, on_true, on_false);
        self.locs = saved;
        self.b.switch_to(other);
        // Other objects' truth may run Python code (`__bool__`, `__len__`): beside the fast
        // paths, by the interpreter for a direct callee, which has no frame for `cond`.
        if self.frameless {
            let e = self.leave_at(self.pc);
            self.b.exit_now(e);
            return;
        }
        let main = self.main_generic;
        self.cond_helper(reg, on_true, on_false);
        self.main_generic = main;
    }

    /// `not` of a boxed value: natively for bools, ints and None, beside the generic form.
    fn boxed_not(&mut self, dst: u16, src: u16) {
        let (known, other) = self.simple_falsy(src);
        let after = self.b.create_block(&[]);
        self.b.switch_to(known);
        let falsy = self.b.block_params(known)[0];
        let bit = self.b.unary(Op::B2i, falsy);
        self.store_raw(dst, TAG_BOOL, bit);
        self.b.jump(after, &[]);
        self.exec_beside(other, after);
        self.set(dst, Loc::Mem);
    }

    fn cond_helper(&mut self, reg: u16, on_true: u32, on_false: u32) {
        self.main_generic = true;
        self.flush();
        let id = self.helper(Helper::Cond);
        let pc = self.b.iconst(i64::from(self.pc));
        let r = self.b.iconst(i64::from(reg));
        let res = self.b.call(id, &[Val::CTX, pc, r]);
        let two = self.b.iconst(2);
        let fast = self.b.binary(Op::Ilt, res, two);
        let (f, slow) = (self.b.create_block(&[]), self.b.create_block(&[]));
        self.b.brif(fast, f, &[], slow, &[]);
        self.b.switch_to(slow);
        let raise = self.exit(self.pc, ExitReason::Exception, ExitKind::Raise);
        self.b.exit_now(raise);
        self.b.switch_to(f);
        let one = self.b.iconst(helpers::BRANCH);
        let t = self.b.binary(Op::Ieq, res, one);
        self.branch(t, on_true, on_false);
    }

    fn for_iter(&mut self, dst: u16, iter: u16, target: u32) {
        let pc = self.pc;
        let layout = helpers::range_layout();
        if let (Loc::Range, Some([cur_off, stop_off, step_off])) =
            (self.locs[iter as usize], layout)
        {
            let obj = self.b.load(Op::LoadPtr, Val::REGS, off(iter) + PAYLOAD);
            let cur = self.b.load(Op::LoadI64, obj, cur_off);
            let stop = self.b.load(Op::LoadI64, obj, stop_off);
            let more = self.b.binary(Op::Ilt, cur, stop);
            let (body, done) = (self.b.create_block(&[]), self.b.create_block(&[]));
            self.b.brif(more, body, &[], done, &[]);
            let saved = self.locs.clone();
            self.b.switch_to(body);
            let step = self.b.load(Op::LoadI64, obj, step_off);
            let ov = self.deopt(ExitReason::Overflow);
            let next = self.b.checked(Op::IaddOv, &[cur, step], ov);
            self.b.store(Op::StoreI64, obj, cur_off, next);
            self.set(dst, Loc::Int(cur, true));
            self.goto(pc + 1);
            self.locs = saved;
            self.b.switch_to(done);
            self.goto(target);
            return;
        }
        if !self.generic.contains(&pc) {
            self.seq_next(dst, iter, target);
            return;
        }
        self.main_generic = true;
        self.call_status(Helper::Exec, &[i64::from(pc)], Some(target));
        self.set(dst, Loc::Mem);
        self.goto(pc + 1);
    }

    /// The next item of the list iterator in register `iter` into `dst`, when it is one over a
    /// plain list with an item left; returns the block the code continues in otherwise, with
    /// nothing changed. An exhausted list iterator holds None instead of its list
    /// (`IterState::Seq`), so the class alone says where its index and list are.
    fn list_iter_next(
        &mut self,
        dst: u16,
        iter: u16,
        lay: helpers::ListIterLayout,
        list: helpers::ListLayout,
    ) -> Block {
        let slow = self.b.create_block(&[]);
        let it = self.branch_exact(iter, lay.list_iterator, list.cls, slow);
        let (is_list, more) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let tag = self.b.load(Op::LoadU8, it, lay.seq);
        let k = self.b.iconst(i64::from(TAG_OBJECT));
        let seq_obj = self.b.binary(Op::Ieq, tag, k);
        self.b.brif(seq_obj, is_list, &[], slow, &[]);
        self.b.switch_to(is_list);
        let seq = self.b.load(Op::LoadPtr, it, lay.seq + PAYLOAD);
        let cls = self.b.load(Op::LoadI64, seq, list.cls);
        let want = self.b.iconst(list.list_type);
        let plain = self.b.binary(Op::Ieq, cls, want);
        let idx = self.b.load(Op::LoadI64, it, lay.idx);
        let len = self.b.load(Op::LoadI64, seq, list.len);
        let left = self.b.binary(Op::Ilt, idx, len);
        let go = self.b.binary(Op::Band, plain, left);
        self.b.brif(go, more, &[], slow, &[]);
        self.b.switch_to(more);
        let data = self.b.load(Op::LoadPtr, seq, list.data);
        let size = self.b.iconst(i64::from(abi::VALUE_SIZE));
        let byte = self.b.binary(Op::Imul, idx, size);
        let slot = self.b.binary(Op::Padd, data, byte);
        let t = self.b.load(Op::LoadI64, slot, 0);
        let p = self.b.load(Op::LoadI64, slot, PAYLOAD);
        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
        self.b.store(Op::StoreI64, Val::REGS, off(dst) + PAYLOAD, p);
        let one = self.b.iconst(1);
        let next = self.b.binary(Op::Iadd, idx, one);
        self.b.store(Op::StoreI64, it, lay.idx, next);
        self.set(dst, Loc::Mem);
        slow
    }

    /// `ForIter` of a list iterator natively while an item is left; past the end, and for any
    /// other iterator, by the `seq_next` helper (lists and tuples, nothing written back first),
    /// and by `exec` for the rest.
    fn seq_next(&mut self, dst: u16, iter: u16, target: u32) {
        let pc = self.pc;
        let saved = self.locs.clone();
        if let (Some(lay), Some(list)) = (helpers::list_iter_layout(), helpers::list_layout()) {
            let slow = self.list_iter_next(dst, iter, lay, list);
            self.goto(pc + 1);
            self.locs = saved.clone();
            self.b.switch_to(slow);
        }
        let h = self.helper(Helper::SeqNext);
        let (i, d) = (
            self.b.iconst(i64::from(iter)),
            self.b.iconst(i64::from(dst)),
        );
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let res = self.b.call(h, &[Val::CTX, regs, i, d]);
        let (next, other) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let k = self.b.iconst(helpers::OK);
        let is_ok = self.b.binary(Op::Ieq, res, k);
        self.b.brif(is_ok, next, &[], other, &[]);
        self.b.switch_to(next);
        self.set(dst, Loc::Mem);
        self.goto(pc + 1);
        self.locs = saved.clone();
        self.b.switch_to(other);
        let (done, slow) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let k = self.b.iconst(helpers::BRANCH);
        let is_done = self.b.binary(Op::Ieq, res, k);
        self.b.brif(is_done, done, &[], slow, &[]);
        self.b.switch_to(done);
        self.goto(target);
        self.locs = saved;
        self.b.switch_to(slow);
        if self.frameless {
            let e = self.leave_at(pc);
            self.b.exit_now(e);
            return;
        }
        self.call_status(Helper::Exec, &[i64::from(pc)], Some(target));
        self.set(dst, Loc::Mem);
        self.goto(pc + 1);
    }

    /// What the interpreter's inline cache of the instruction at `pc` vouches for, if compiled code
    /// can use it (`attr`, `method`): an instance slot loaded or stored, or a Python method.
    fn cached(&self, pc: u32) -> Option<Cached> {
        if self.generic.contains(&pc) || self.inl.is_some() {
            return None;
        }
        let cache = self.code.caches.get(pc as usize)?.get();
        match (self.code.instrs[pc as usize], cache) {
            (
                Instr::LoadAttr { .. },
                Cache::Slot {
                    cls,
                    version,
                    shape,
                    idx,
                },
            )
            | (
                Instr::StoreAttr { .. },
                Cache::StoreSlot {
                    cls,
                    version,
                    shape,
                    idx,
                },
            ) => Some(Cached::Slot {
                key: [cls as i64, version as i64, shape as i64],
                idx,
            }),
            (
                Instr::StoreAttr { name, .. },
                Cache::Store {
                    cls,
                    version,
                    from_shape,
                    to_shape,
                },
            ) => Some(Cached::Store {
                key: [cls as i64, version as i64, 0],
                name: *self.code.names.get(name as usize)?,
                adds: [from_shape as i64, to_shape as i64],
            }),
            (
                Instr::LoadMethod { .. },
                Cache::Method {
                    cls,
                    version,
                    shape,
                    func: Value::Object(f),
                },
            ) if matches!(f.kind, Kind::Function(_)) || set_method(f) => Some(Cached::Method {
                key: [cls as i64, version as i64, shape as i64],
                func: f,
            }),
            _ => None,
        }
    }

    /// Guards that register `obj` holds an object with class key `key` (`vm::cache::class_key`:
    /// class, class version, shape), reading what the interpreter's `class_key` reads; returns
    /// its attributes box pointer. The class word is checked first: once it matches, the object
    /// keeps the class, whose version is read next, alive.
    fn class_key_guard(&mut self, obj: u16, key: [i64; 3], fail: ExitId) -> Option<Val> {
        let here = (self.b.current_block(), self.b.calls_made());
        if let Some(&(k, a, at)) = self.keyed.get(&obj) {
            if k == key && at == here {
                return Some(a);
            }
        }
        let a = self.class_key_check(obj, key, fail)?;
        self.keyed.insert(obj, (key, a, here));
        Some(a)
    }

    /// `class_key_guard`'s checks.
    fn class_key_check(&mut self, obj: u16, key: [i64; 3], fail: ExitId) -> Option<Val> {
        let lay = helpers::attr_layout()?;
        let p = self.class_guard(obj, [key[0], key[1]], fail)?;
        let a = self.b.load(Op::LoadPtr, p, lay.attrs);
        let none = self.b.pconst(0);
        if key[2] == 0 {
            let absent = self.b.binary(Op::Peq, a, none);
            self.b.guard_true(absent, fail);
            return Some(a);
        }
        let present = self.b.binary(Op::Pne, a, none);
        self.b.guard_true(present, fail);
        let s = self.b.load(Op::LoadI64, a, lay.shape);
        let want = self.b.iconst(key[2]);
        let same = self.b.binary(Op::Ieq, s, want);
        self.b.guard_true(same, fail);
        Some(a)
    }

    /// Guards that register `r` holds an object, leaving through `fail` otherwise; returns the
    /// object's pointer and its class pointer (the word at `cls_at`).
    fn object_class(&mut self, r: u16, cls_at: i32, fail: ExitId) -> (Val, Val) {
        let is_obj = self.tag_is(r, TAG_OBJECT);
        self.b.guard_true(is_obj, fail);
        let p = self.b.load(Op::LoadPtr, Val::REGS, off(r) + PAYLOAD);
        let c = self.b.load(Op::LoadPtr, p, cls_at);
        (p, c)
    }

    /// Guards that register `obj` holds an object of class `key[0]` at version `key[1]`;
    /// returns the object pointer. The class word is checked first: once it matches, the
    /// object keeps the class, whose version is read next, alive.
    fn class_guard(&mut self, obj: u16, key: [i64; 2], fail: ExitId) -> Option<Val> {
        let lay = helpers::attr_layout()?;
        let (p, c) = self.object_class(obj, lay.cls, fail);
        let ci = self.b.unary(Op::P2i, c);
        let want = self.b.iconst(key[0]);
        let same = self.b.binary(Op::Ieq, ci, want);
        self.b.guard_true(same, fail);
        let t = self.b.load(Op::LoadPtr, c, lay.type_box);
        let v = self.b.load(Op::LoadI64, t, lay.version);
        let want = self.b.iconst(key[1]);
        let same = self.b.binary(Op::Ieq, v, want);
        self.b.guard_true(same, fail);
        Some(p)
    }

    /// `LoadAttr` into `reg` or `StoreAttr` from `reg` of the instance slot the inline cache
    /// found, natively behind the class key guard; another class, version or shape deopts.
    /// Nothing here may need a frame, so direct callees use it too.
    fn attr(&mut self, i: Instr, c: Cached, obj: u16, reg: u16) {
        let load = matches!(i, Instr::LoadAttr { .. });
        let ask = if load { Seen::Load } else { Seen::Store };
        let (key, idx, seen) = match c {
            Cached::Slot { key, idx } => (
                key,
                idx,
                self.keys_seen(key, Value::Int(i64::from(idx)), ask),
            ),
            Cached::Store { key, name, adds } => {
                // The site last added the attribute, but other classes' instances that had it
                // already may come too (a base-class method replacing it): their slots, if the
                // table knows them; else adding it is all compiled code does.
                let mut seen = self.keys_seen(key, Value::None, ask);
                seen.remove(0);
                match seen.first() {
                    Some(&(k, Value::Int(idx))) if seen.len() > 1 => (k, idx as u32, seen),
                    _ => return self.attr_set(obj, reg, key, name, adds),
                }
            }
            Cached::Method { .. } => return,
        };
        let Some(lay) = helpers::attr_layout() else {
            return self.generic_op(reg, 1);
        };
        self.spill(obj);
        let fail = self.deopt(ExitReason::ShapeGuard);
        let keys: Vec<([i64; 3], i64)> = seen
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::Int(idx) => Some((k, abi::slot_offset(idx as u32) as i64)),
                _ => None,
            })
            .collect();
        let (values, at) = if keys.len() > 1 {
            let Some((a, at)) = self.class_key_switch(obj, &keys, fail) else {
                return self.generic_op(reg, 1);
            };
            let values = self.b.load(Op::LoadPtr, a, lay.values);
            (self.b.binary(Op::Padd, values, at), 0)
        } else {
            let Some(a) = self.class_key_guard(obj, key, fail) else {
                return self.generic_op(reg, 1);
            };
            let values = self.b.load(Op::LoadPtr, a, lay.values);
            (values, abi::slot_offset(idx) as i32)
        };
        if load {
            let t = self.b.load(Op::LoadI64, values, at);
            let p = self.b.load(Op::LoadI64, values, at + PAYLOAD);
            self.b.store(Op::StoreI64, Val::REGS, off(reg), t);
            self.b.store(Op::StoreI64, Val::REGS, off(reg) + PAYLOAD, p);
            self.set(reg, Loc::Mem);
        } else {
            self.spill(reg);
            let t = self.b.load(Op::LoadI64, Val::REGS, off(reg));
            let p = self.b.load(Op::LoadI64, Val::REGS, off(reg) + PAYLOAD);
            self.b.store(Op::StoreI64, values, at, t);
            self.b.store(Op::StoreI64, values, at + PAYLOAD, p);
        }
    }

    /// The class keys, with their answers, the attribute instruction at the current pc may
    /// see: its own inline cache's `key` and `answer` first, then up to `MAX_KEYS` in all of
    /// those the interpreter's second-level table (`PolyTable::seen`) holds for its name, of
    /// instances that have attributes. A method (`Seen::Method`) is taken only from a class
    /// still alive at that version, whose dict then owns it.
    fn keys_seen(&self, key: [i64; 3], answer: Value, ask: Seen) -> Vec<([i64; 3], Value)> {
        let mut keys = vec![(key, answer)];
        let (Instr::LoadAttr { name, .. }
        | Instr::StoreAttr { name, .. }
        | Instr::LoadMethod { name, .. }) = self.code.instrs[self.pc as usize]
        else {
            return keys;
        };
        let Some(&name) = self.code.names.get(name as usize) else {
            return keys;
        };
        let seen: Vec<([i64; 3], Value)> = match ask {
            Seen::Method => methods_seen(self.poly, name)
                .into_iter()
                .map(|(k, f)| (k, Value::Object(f)))
                .collect(),
            _ => {
                let mut seen = self.poly.seen(name, ask);
                seen.sort_by_key(|&(key, _)| key);
                seen.into_iter()
                    .filter(|&((_, _, shape), _)| shape != 0)
                    .map(|((cls, version, shape), v)| {
                        ([cls as i64, version as i64, shape as i64], v)
                    })
                    .collect()
            }
        };
        for (k, v) in seen {
            if keys.len() < MAX_KEYS && !keys.iter().any(|(have, _)| *have == k) {
                keys.push((k, v));
            }
        }
        if keys[0].0[2] == 0 && !matches!(ask, Seen::Store) {
            keys.truncate(1);
        }
        keys
    }

    /// Guards that register `obj` holds an object with one of the class keys `keys` (each of an
    /// instance with attributes), returning its attributes box pointer and the key's `i64`
    /// answer. Class and shape pick the key; its version is checked after.
    fn class_key_switch(
        &mut self,
        obj: u16,
        keys: &[([i64; 3], i64)],
        fail: ExitId,
    ) -> Option<(Val, Val)> {
        let lay = helpers::attr_layout()?;
        let (p, c) = self.object_class(obj, lay.cls, fail);
        let ci = self.b.unary(Op::P2i, c);
        let a = self.b.load(Op::LoadPtr, p, lay.attrs);
        let none = self.b.pconst(0);
        let present = self.b.binary(Op::Pne, a, none);
        self.b.guard_true(present, fail);
        let s = self.b.load(Op::LoadI64, a, lay.shape);
        let join = self.b.create_block(&[Ty::I64]);
        for &(key, answer) in keys {
            let want = self.b.iconst(key[0]);
            let same_cls = self.b.binary(Op::Ieq, ci, want);
            let want = self.b.iconst(key[2]);
            let same_shape = self.b.binary(Op::Ieq, s, want);
            let hit = self.b.binary(Op::Band, same_cls, same_shape);
            let (yes, no) = (self.b.create_block(&[]), self.b.create_block(&[]));
            self.b.brif(hit, yes, &[], no, &[]);
            self.b.switch_to(yes);
            let t = self.b.load(Op::LoadPtr, c, lay.type_box);
            let v = self.b.load(Op::LoadI64, t, lay.version);
            let want = self.b.iconst(key[1]);
            let same = self.b.binary(Op::Ieq, v, want);
            self.b.guard_true(same, fail);
            let answer = self.b.iconst(answer);
            self.b.jump(join, &[answer]);
            self.b.switch_to(no);
        }
        self.b.exit_now(fail);
        self.b.switch_to(join);
        let answer = self.b.block_params(join)[0];
        Some((a, answer))
    }

    /// `StoreAttr` that may add the attribute (`Cached::Store`), by a frameless helper; another
    /// class or version deopts. The add the site last made (shape `adds[0]` to `adds[1]`) is
    /// made in place when the instance has that shape and room for one more value (new
    /// instances reserve their class's count of attributes: `TypeObj::attr_count`).
    fn attr_set(&mut self, obj: u16, src: u16, key: [i64; 3], name: ObjRef, adds: [i64; 2]) {
        self.spill(obj);
        self.spill(src);
        let fail = self.deopt(ExitReason::ShapeGuard);
        let done = self.b.create_block(&[]);
        if adds[0] != 0 {
            if let Some(p) = self.class_guard(obj, [key[0], key[1]], fail) {
                let slow = self.b.create_block(&[]);
                self.add_in_place(p, src, adds, slow);
                self.b.jump(done, &[]);
                self.b.switch_to(slow);
            }
        }
        let h = self.helper(Helper::AttrSet);
        let mut args = vec![Val::CTX, self.b.unary(Op::P2i, Val::REGS)];
        for a in [
            i64::from(obj),
            i64::from(src),
            key[0],
            key[1],
            name.addr() as i64,
        ] {
            args.push(self.b.iconst(a));
        }
        let res = self.b.call(h, &args);
        let zero = self.b.iconst(0);
        let stored = self.b.binary(Op::Ine, res, zero);
        self.b.guard_true(stored, fail);
        self.b.jump(done, &[]);
        self.b.switch_to(done);
    }

    /// The add of attribute `r[src]` to the object at `p` (of the guarded class) from shape
    /// `adds[0]` to `adds[1]`, in place; branches to `slow` unless the object has attributes of
    /// that shape and room for one more value.
    fn add_in_place(&mut self, p: Val, src: u16, adds: [i64; 2], slow: Block) {
        let Some(lay) = helpers::attr_layout() else {
            self.b.jump(slow, &[]);
            return;
        };
        let a = self.b.load(Op::LoadPtr, p, lay.attrs);
        let none = self.b.pconst(0);
        let present = self.b.binary(Op::Pne, a, none);
        self.continue_if(present, slow);
        let s = self.b.load(Op::LoadI64, a, lay.shape);
        let from = self.b.iconst(adds[0]);
        let same = self.b.binary(Op::Ieq, s, from);
        self.continue_if(same, slow);
        let len = self.b.load(Op::LoadI64, a, lay.len);
        let cap = self.b.load(Op::LoadI64, a, lay.cap);
        let room = self.b.binary(Op::Ilt, len, cap);
        self.continue_if(room, slow);
        let values = self.b.load(Op::LoadPtr, a, lay.values);
        let size = self.b.iconst(abi::slot_offset(1));
        let at = self.b.binary(Op::Imul, len, size);
        let slot = self.b.binary(Op::Padd, values, at);
        let t = self.b.load(Op::LoadI64, Val::REGS, off(src));
        let v = self.b.load(Op::LoadI64, Val::REGS, off(src) + PAYLOAD);
        self.b.store(Op::StoreI64, slot, 0, t);
        self.b.store(Op::StoreI64, slot, PAYLOAD, v);
        let one = self.b.iconst(1);
        let len = self.b.binary(Op::Iadd, len, one);
        self.b.store(Op::StoreI64, a, lay.len, len);
        let to = self.b.iconst(adds[1]);
        self.b.store(Op::StoreI64, a, lay.shape, to);
    }

    /// `LoadMethod` of the Python method the inline cache found, behind the class key guard:
    /// the register is then known to hold that function (`Loc::Obj`), so the call that follows
    /// may be direct or inlined (`known_call`).
    fn method(&mut self, c: Cached, obj: u16, dst: u16) {
        let Cached::Method { key, func } = c else {
            return;
        };
        self.spill(obj);
        let fail = self.deopt(ExitReason::ShapeGuard);
        let keys: Vec<([i64; 3], ObjRef)> = self
            .keys_seen(key, Value::Object(func), Seen::Method)
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::Object(f) if matches!(f.kind, Kind::Function(_)) || set_method(f) => {
                    Some((k, f))
                }
                _ => None,
            })
            .collect();
        let f = if keys.len() > 1 {
            let answers: Vec<([i64; 3], i64)> =
                keys.iter().map(|&(k, f)| (k, f.addr() as i64)).collect();
            let Some((_, f)) = self.class_key_switch(obj, &answers, fail) else {
                return self.generic_op(dst, 2);
            };
            f
        } else {
            if self.class_key_guard(obj, key, fail).is_none() {
                return self.generic_op(dst, 2);
            }
            self.b.iconst(func.addr() as i64)
        };
        let t = self.b.load(Op::LoadI64, Val::REGS, off(obj));
        let p = self.b.load(Op::LoadI64, Val::REGS, off(obj) + PAYLOAD);
        self.b.store(Op::StoreI64, Val::REGS, off(dst + 1), t);
        self.b
            .store(Op::StoreI64, Val::REGS, off(dst + 1) + PAYLOAD, p);
        self.store_raw(dst, TAG_OBJECT, f);
        self.set(dst + 1, Loc::Mem);
        let mut funcs: Vec<ObjRef> = keys.iter().map(|&(_, f)| f).collect();
        funcs.sort_by_key(|f| f.addr());
        funcs.dedup_by_key(|f| f.addr());
        match funcs[..] {
            [one] => {
                self.objs.insert(one.addr(), one);
                self.set(dst, Loc::Obj(one.addr()));
            }
            _ => {
                self.set(dst, Loc::Mem);
                self.one_of.insert(dst, funcs);
            }
        }
    }

    /// `BuildTuple` by its own helper, which needs only its items written back.
    fn build_tuple(&mut self, dst: u16, start: u16, count: u16) {
        for r in start..start + count {
            self.spill(r);
        }
        let h = self.helper(Helper::BuildTuple);
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let args = [dst, start, count].map(|a| self.b.iconst(i64::from(a)));
        self.b.call(h, &[Val::CTX, regs, args[0], args[1], args[2]]);
        self.set(dst, Loc::Mem);
    }

    /// `UnpackSequence` by the `unpack` helper (exact-length tuples and lists, nothing written
    /// back first), and by `exec` otherwise.
    fn unpack(&mut self, dst: u16, src: u16, count: u16) {
        // Both ways read the source from the register file.
        self.spill(src);
        let short = usize::from(count) <= crate::runtime::tuple::INLINE;
        if let (true, Some(lay), Some(list)) =
            (short, helpers::tuple_layout(), helpers::list_layout())
        {
            let (by_helper, after) = (self.b.create_block(&[]), self.b.create_block(&[]));
            let p = self.branch_exact(src, lay.tuple_type, list.cls, by_helper);
            let items = self.b.create_block(&[]);
            let tag = self.b.load(Op::LoadU8, p, lay.tag);
            let inline = self.b.iconst(helpers::TupleLayout::INLINE_TAG);
            let here = self.b.binary(Op::Ieq, tag, inline);
            let len = self.b.load(Op::LoadU8, p, lay.len);
            let n = self.b.iconst(i64::from(count));
            let fits = self.b.binary(Op::Ieq, len, n);
            let ok = self.b.binary(Op::Band, here, fits);
            self.b.brif(ok, items, &[], by_helper, &[]);
            self.b.switch_to(items);
            for i in 0..count {
                let at = lay.items + i32::from(i) * abi::VALUE_SIZE;
                let t = self.b.load(Op::LoadI64, p, at);
                let v = self.b.load(Op::LoadI64, p, at + PAYLOAD);
                self.b.store(Op::StoreI64, Val::REGS, off(dst + i), t);
                self.b
                    .store(Op::StoreI64, Val::REGS, off(dst + i) + PAYLOAD, v);
            }
            self.b.jump(after, &[]);
            self.b.switch_to(by_helper);
            self.unpack_by_helper(dst, src, count, after);
        } else {
            let after = self.b.create_block(&[]);
            self.unpack_by_helper(dst, src, count, after);
        }
        for r in dst..dst + count {
            self.set(r, Loc::Mem);
        }
    }

    /// `UnpackSequence` by the `unpack` helper, or by `exec` for what it does not take; the
    /// code continues at `after`.
    fn unpack_by_helper(&mut self, dst: u16, src: u16, count: u16, after: Block) {
        let h = self.helper(Helper::Unpack);
        let args = [i64::from(src), i64::from(dst), i64::from(count)].map(|a| self.b.iconst(a));
        let regs = self.b.unary(Op::P2i, Val::REGS);
        let res = self.b.call(h, &[Val::CTX, regs, args[0], args[1], args[2]]);
        let (fast, slow) = (self.b.create_block(&[]), self.b.create_block(&[]));
        let k = self.b.iconst(helpers::OK);
        let is_ok = self.b.binary(Op::Ieq, res, k);
        self.b.brif(is_ok, fast, &[], slow, &[]);
        self.b.switch_to(fast);
        self.b.jump(after, &[]);
        self.exec_beside(slow, after);
    }

    fn arith(&mut self, dst: u16, a: Opnd, b: Opnd, op: BinOp, inplace: bool) {
        match self.mode(a, b, int_native(op), float_native(op)) {
            Mode::Int if op == BinOp::TrueDiv => {
                let (x, y) = (self.int(a), self.int(b));
                self.guard_exact(x);
                self.guard_exact(y);
                let zero = self.b.iconst(0);
                let nz = self.b.binary(Op::Ine, y, zero);
                let e = self.deopt(ExitReason::ZeroDivision);
                self.b.guard_true(nz, e);
                let (fx, fy) = (self.b.unary(Op::I2f, x), self.b.unary(Op::I2f, y));
                let r = self.b.binary(Op::Fdiv, fx, fy);
                self.set(dst, Loc::Float(r, true));
            }
            Mode::Int => {
                let (x, y) = (self.int(a), self.int(b));
                let r = self.int_op(op, x, y);
                self.set(dst, Loc::Int(r, true));
            }
            Mode::Float => {
                let (x, y) = (self.float(a, false), self.float(b, false));
                let r = match op {
                    BinOp::Add => self.b.binary(Op::Fadd, x, y),
                    BinOp::Sub => self.b.binary(Op::Fsub, x, y),
                    BinOp::Mul => self.b.binary(Op::Fmul, x, y),
                    _ => {
                        let z = self.b.fconst(0.0);
                        let nz = self.b.binary(Op::Fne, y, z);
                        let e = self.deopt(ExitReason::ZeroDivision);
                        self.b.guard_true(nz, e);
                        self.b.binary(Op::Fdiv, x, y)
                    }
                };
                self.set(dst, Loc::Float(r, true));
            }
            Mode::Generic => match self.dunder_plan(a) {
                Some((key, func, code)) => {
                    let fail = self.deopt(ExitReason::ShapeGuard);
                    if let Opnd::Reg(a) = a {
                        self.class_guard(a, key, fail);
                    }
                    self.same_class_or_number(b, key, fail);
                    let callee = Callee::Binary { func, op, inplace };
                    self.direct_call(dst, callee, code, &[a, b], false);
                }
                None => self.generic_op(dst, 1),
            },
        }
    }

    /// The Python method the operator at this pc found on its left operand's class (`Cache::
    /// Dunder`: class and version as `key`), when operand `a` is a boxed object and the method
    /// can be called directly.
    fn dunder_plan(&self, a: Opnd) -> Option<([i64; 2], ObjRef, Rc<CodeRt>)> {
        let Opnd::Reg(r) = a else {
            return None;
        };
        if self.generic.contains(&self.pc) || self.locs[r as usize] != Loc::Mem {
            return None;
        }
        let (key, func) = cached_dunder(self.code, self.pc as usize)?;
        let Kind::Function(f) = &func.kind else {
            return None;
        };
        let argc = if matches!(
            classify(self.code.instrs[self.pc as usize]),
            Class::Unary { .. }
        ) {
            1
        } else {
            2
        };
        let code = self.direct_plan(f, argc)?;
        Some((key, func, code))
    }

    /// `-r[src]` of a boxed float natively (the interpreter records no feedback for unary
    /// operators, so the tag decides), of anything else generically beside.
    fn boxed_float_neg(&mut self, dst: u16, src: u16) {
        let is_float = self.tag_is(src, TAG_FLOAT);
        let (fast, slow, after) = (
            self.b.create_block(&[]),
            self.b.create_block(&[]),
            self.b.create_block(&[]),
        );
        self.b.brif(is_float, fast, &[], slow, &[]);
        self.b.switch_to(fast);
        let v = self.b.load(Op::LoadF64, Val::REGS, off(src) + PAYLOAD);
        let n = self.b.unary(Op::Fneg, v);
        let t = self.b.iconst(i64::from(TAG_FLOAT));
        self.b.store(Op::StoreI64, Val::REGS, off(dst), t);
        self.b.store(Op::StoreF64, Val::REGS, off(dst) + PAYLOAD, n);
        self.b.jump(after, &[]);
        self.exec_beside(slow, after);
        self.set(dst, Loc::Mem);
    }

    /// Guards that operand `b` of a binary operator whose left operand has class key `key` is no
    /// instance of another class (whose reflected method could come first or next): an
    /// instance of the same class, or a number.
    fn same_class_or_number(&mut self, b: Opnd, key: [i64; 2], fail: ExitId) {
        let r = match b {
            Opnd::K(k) => {
                if let Some(Value::Object(o)) = self.konst(k) {
                    if o.cls.get().addr() as i64 != key[0] {
                        self.exit_always(fail);
                    }
                }
                return;
            }
            Opnd::Reg(r) if self.locs[r as usize] == Loc::Mem => r,
            Opnd::Reg(_) => return,
        };
        let Some(lay) = helpers::attr_layout() else {
            self.exit_always(fail);
            return;
        };
        let is_obj = self.tag_is(r, TAG_OBJECT);
        let (obj, done) = (self.b.create_block(&[]), self.b.create_block(&[]));
        self.b.brif(is_obj, obj, &[], done, &[]);
        self.b.switch_to(obj);
        let p = self.b.load(Op::LoadPtr, Val::REGS, off(r) + PAYLOAD);
        let c = self.b.load(Op::LoadPtr, p, lay.cls);
        let ci = self.b.unary(Op::P2i, c);
        let want = self.b.iconst(key[0]);
        let same = self.b.binary(Op::Ieq, ci, want);
        self.b.guard_true(same, fail);
        self.b.jump(done, &[]);
        self.b.switch_to(done);
    }

    fn int_op(&mut self, op: BinOp, x: Val, y: Val) -> Val {
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                let e = self.deopt(ExitReason::Overflow);
                let o = match op {
                    BinOp::Add => Op::IaddOv,
                    BinOp::Sub => Op::IsubOv,
                    _ => Op::ImulOv,
                };
                self.b.checked(o, &[x, y], e)
            }
            BinOp::FloorDiv | BinOp::Mod => {
                let e = self.deopt(ExitReason::ZeroDivision);
                let o = if op == BinOp::Mod {
                    Op::Imod
                } else {
                    Op::Ifloordiv
                };
                self.b.checked(o, &[x, y], e)
            }
            BinOp::Shl => {
                let e = self.deopt(ExitReason::Overflow);
                let zero = self.b.iconst(0);
                let sixty4 = self.b.iconst(64);
                let ge = self.b.binary(Op::Ige, y, zero);
                let lt = self.b.binary(Op::Ilt, y, sixty4);
                let in_range = self.b.binary(Op::Band, ge, lt);
                self.b.guard_true(in_range, e);
                let r = self.b.binary(Op::Ishl, x, y);
                let back = self.b.binary(Op::Ishr, r, y);
                let same = self.b.binary(Op::Ieq, back, x);
                self.b.guard_true(same, e);
                r
            }
            BinOp::Shr => {
                let e = self.deopt(ExitReason::ValueGuard);
                let zero = self.b.iconst(0);
                let ge = self.b.binary(Op::Ige, y, zero);
                self.b.guard_true(ge, e);
                let max = self.b.iconst(63);
                let big = self.b.binary(Op::Igt, y, max);
                let sh = self.b.select(big, max, y);
                self.b.binary(Op::Ishr, x, sh)
            }
            BinOp::And => self.b.binary(Op::Iand, x, y),
            BinOp::Or => self.b.binary(Op::Ior, x, y),
            _ => self.b.binary(Op::Ixor, x, y),
        }
    }

    fn compare(&mut self, dst: u16, a: Opnd, b: Opnd, op: CmpOp) {
        let (ka, kb) = (self.kind(a), self.kind(b));
        let fb = self.fb();
        let mode = match self.mode(a, b, true, true) {
            // A boxed operand compared as a float must have been a float every time.
            Mode::Float if (ka == K::Mem || kb == K::Mem) && fb & FB_INT != 0 => Mode::Generic,
            m => m,
        };
        let r = match mode {
            Mode::Int => {
                let (x, y) = (self.int(a), self.int(b));
                let o = match op {
                    CmpOp::Lt => Op::Ilt,
                    CmpOp::Le => Op::Ile,
                    CmpOp::Eq => Op::Ieq,
                    CmpOp::Ne => Op::Ine,
                    CmpOp::Gt => Op::Igt,
                    CmpOp::Ge => Op::Ige,
                };
                self.b.binary(o, x, y)
            }
            Mode::Float => {
                let (x, y) = (self.float(a, true), self.float(b, true));
                let o = match op {
                    CmpOp::Lt => Op::Flt,
                    CmpOp::Le => Op::Fle,
                    CmpOp::Eq => Op::Feq,
                    CmpOp::Ne => Op::Fne,
                    CmpOp::Gt => Op::Fgt,
                    CmpOp::Ge => Op::Fge,
                };
                self.b.binary(o, x, y)
            }
            Mode::Generic => {
                self.generic_op(dst, 1);
                return;
            }
        };
        self.set(dst, Loc::Bool(r, true));
    }

    /// `a is b` (`negate`: `is not`) as `Value::is` decides it: same tag, and the same payload,
    /// of which a bool has one byte and None none.
    fn identity(&mut self, dst: u16, a: u16, b: u16, negate: bool) {
        self.spill(a);
        self.spill(b);
        let (ta, tb) = (self.tag(a), self.tag(b));
        let same_tag = self.b.binary(Op::Ieq, ta, tb);
        let pa = self.b.load(Op::LoadI64, Val::REGS, off(a) + PAYLOAD);
        let pb = self.b.load(Op::LoadI64, Val::REGS, off(b) + PAYLOAD);
        let same_word = self.b.binary(Op::Ieq, pa, pb);
        let ba = self.b.load(Op::LoadU8, Val::REGS, off(a) + PAYLOAD);
        let bb = self.b.load(Op::LoadU8, Val::REGS, off(b) + PAYLOAD);
        let same_byte = self.b.binary(Op::Ieq, ba, bb);
        let bool_tag = self.b.iconst(i64::from(TAG_BOOL));
        let is_bool = self.b.binary(Op::Ieq, ta, bool_tag);
        let same = self.b.select(is_bool, same_byte, same_word);
        let none_tag = self.b.iconst(i64::from(TAG_NONE));
        let is_none = self.b.binary(Op::Ieq, ta, none_tag);
        let same = self.b.binary(Op::Bor, is_none, same);
        let r = self.b.binary(Op::Band, same_tag, same);
        let r = if negate { self.b.unary(Op::Bnot, r) } else { r };
        self.set(dst, Loc::Bool(r, true));
    }

    fn unary(&mut self, dst: u16, src: u16, op: Unary) {
        let l = self.locs[src as usize];
        let forced = self.forced_generic();
        let r = match (op, l) {
            _ if forced => None,
            (Unary::Neg, Loc::Int(v, _)) => {
                let e = self.deopt(ExitReason::Overflow);
                Some(Loc::Int(self.b.checked(Op::InegOv, &[v], e), true))
            }
            (Unary::Neg, Loc::Float(v, _)) => Some(Loc::Float(self.b.unary(Op::Fneg, v), true)),
            (Unary::Pos, Loc::Int(v, _)) => Some(Loc::Int(v, true)),
            (Unary::Pos, Loc::Float(v, _)) => Some(Loc::Float(v, true)),
            (Unary::Invert, Loc::Int(v, _)) => {
                let m = self.b.iconst(-1);
                Some(Loc::Int(self.b.binary(Op::Ixor, v, m), true))
            }
            (Unary::Not, Loc::Bool(v, _)) => Some(Loc::Bool(self.b.unary(Op::Bnot, v), true)),
            (Unary::Not, Loc::Int(v, _)) => {
                let z = self.b.iconst(0);
                Some(Loc::Bool(self.b.binary(Op::Ieq, v, z), true))
            }
            (Unary::Not, Loc::Float(v, _)) => {
                let z = self.b.fconst(0.0);
                Some(Loc::Bool(self.b.binary(Op::Feq, v, z), true))
            }
            _ => None,
        };
        match r {
            Some(l) => self.set(dst, l),
            None if op == Unary::Not && l == Loc::Mem && !forced => self.boxed_not(dst, src),
            None if op == Unary::Not => self.generic_op(dst, 1),
            None => match self.dunder_plan(Opnd::Reg(src)) {
                Some((key, func, code)) => {
                    let fail = self.deopt(ExitReason::ShapeGuard);
                    self.class_guard(src, key, fail);
                    self.direct_call(dst, Callee::Func(func), code, &[Opnd::Reg(src)], false);
                }
                None if op == Unary::Neg && l == Loc::Mem => self.boxed_float_neg(dst, src),
                None => self.generic_op(dst, 1),
            },
        }
    }
}

/// Int operators compiled code does on i64 (int `/` gives a float).
fn int_native(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::FloorDiv
            | BinOp::Mod
            | BinOp::Shl
            | BinOp::Shr
            | BinOp::And
            | BinOp::Or
            | BinOp::Xor
            | BinOp::TrueDiv
    )
}

/// Operators compiled code does on f64 (an int operand is converted).
fn float_native(op: BinOp) -> bool {
    matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv)
}

fn unboxed_ty(t: T) -> Option<Ty> {
    match t {
        T::Int => Some(Ty::I64),
        T::Float => Some(Ty::F64),
        T::Bool => Some(Ty::Bool),
        T::Mem | T::Range | T::List | T::Bot => None,
    }
}
