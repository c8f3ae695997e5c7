//! IR → CLIF, through cranelift-frontend.
//!
//! One native function is produced per entry (the normal entry, block 0, and each OSR entry);
//! only the blocks reachable from that entry are lowered. IR blocks become Cranelift blocks with
//! the same parameters, so IR values map one-to-one to Cranelift values (the IR is already SSA
//! and the verifier proved that definitions dominate uses). Each exit becomes one cold block,
//! shared by every guard that names it, that writes the exit's values back and returns its
//! code. The function signature is `abi::EntryFn`: `(regs: ptr, ctx: ptr) -> i32`.

mod arith;
mod calls;
mod guards;
mod memory;

use cranelift_codegen::ir::{
    self as cl, condcodes::FloatCC, condcodes::IntCC, types, AbiParam, InstBuilder, Signature,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

use crate::error::JitError;
use crate::ir::{Block, FunctionIr, Imm, Inst, Op, Terminator, Ty, Val};

/// The Cranelift signature of every compiled entry but the int entry (see `abi::EntryFn`).
pub(crate) fn entry_signature(ptr: cl::Type, call_conv: CallConv) -> Signature {
    let mut sig = Signature::new(call_conv);
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I32));
    sig
}

/// The Cranelift signature of an int entry taking `n` ints (see `abi`).
pub(crate) fn int_entry_signature(ptr: cl::Type, call_conv: CallConv, n: usize) -> Signature {
    let mut sig = entry_signature(ptr, call_conv);
    sig.params.extend((0..n).map(|_| AbiParam::new(types::I64)));
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// Every entry of `f`, each compiled as a native function of its own: the normal entry, the OSR
/// entries (with their pcs) and the int entry.
pub(crate) fn entries(f: &FunctionIr) -> Vec<(Option<u32>, Block)> {
    let mut all = vec![(None, Block(0))];
    all.extend(f.osr_entries.iter().map(|o| (Some(o.pc), o.block)));
    all.extend(f.int_entry.map(|b| (None, b)));
    all
}

/// The signature of the native function for `f`'s entry at `block`.
pub(crate) fn signature_of(
    f: &FunctionIr,
    block: Block,
    ptr: cl::Type,
    call_conv: CallConv,
) -> Signature {
    match f.int_entry.filter(|&b| b == block) {
        Some(b) => int_entry_signature(ptr, call_conv, f.blocks[b.0 as usize].params.len()),
        None => entry_signature(ptr, call_conv),
    }
}

pub(crate) fn cl_type(t: Ty, ptr: cl::Type) -> cl::Type {
    match t {
        Ty::I64 => types::I64,
        Ty::F64 => types::F64,
        Ty::Bool => types::I8,
        Ty::Ptr => ptr,
    }
}

struct Lower<'a, 'b> {
    f: &'a FunctionIr,
    b: FunctionBuilder<'b>,
    ptr: cl::Type,
    vals: Vec<Option<cl::Value>>,
    blocks: Vec<Option<cl::Block>>,
    exits: Vec<Option<cl::Block>>,
    /// Lowering the int entry: a return hands back its int unboxed.
    int_return: bool,
    /// The value each `call.int` (by its IR result) returned, for its `call.int.value`.
    int_values: std::collections::HashMap<Val, cl::Value>,
}

/// Lowers the part of `f` reachable from `entry` into `func`, whose signature must already be
/// `signature_of` that entry.
pub(crate) fn lower_entry(
    f: &FunctionIr,
    entry: Block,
    func: &mut cl::Function,
    fctx: &mut FunctionBuilderContext,
    config: TargetFrontendConfig,
) -> Result<(), JitError> {
    let result = lower_into(f, entry, func, fctx, config);
    if result.is_err() {
        // A builder abandoned mid-function leaves its context dirty; the next function needs
        // a clean one.
        *fctx = FunctionBuilderContext::new();
    }
    result
}

fn lower_into(
    f: &FunctionIr,
    entry: Block,
    func: &mut cl::Function,
    fctx: &mut FunctionBuilderContext,
    config: TargetFrontendConfig,
) -> Result<(), JitError> {
    let ptr = config.pointer_type();
    let reachable = reachable_from(f, entry);
    let mut b = FunctionBuilder::new(func, fctx);
    let mut blocks = vec![None; f.blocks.len()];
    for (i, data) in f.blocks.iter().enumerate() {
        if reachable[i] {
            let cb = b.create_block();
            for p in &data.params {
                let ty = f
                    .value_ty(*p)
                    .ok_or_else(|| JitError::Verify(format!("v{} untyped", p.0)))?;
                b.append_block_param(cb, cl_type(ty, ptr));
            }
            blocks[i] = Some(cb);
        }
    }
    let mut lw = Lower {
        f,
        b,
        ptr,
        vals: vec![None; f.values.len()],
        blocks,
        exits: vec![None; f.exits.len()],
        int_return: f.int_entry == Some(entry),
        int_values: std::collections::HashMap::new(),
    };
    let start = lw.b.create_block();
    lw.b.append_block_params_for_function_params(start);
    lw.b.switch_to_block(start);
    let params = lw.b.block_params(start).to_vec();
    lw.vals[Val::REGS.0 as usize] = Some(params[0]);
    lw.vals[Val::CTX.0 as usize] = Some(params[1]);
    let first = lw.block(entry)?;
    // An int entry's own arguments are its block's parameters.
    let args: Vec<cl::BlockArg> = params[2..]
        .iter()
        .map(|&v| cl::BlockArg::Value(v))
        .collect();
    lw.b.ins().jump(first, &args);

    for (i, data) in f.blocks.iter().enumerate() {
        let Some(cb) = lw.blocks[i] else { continue };
        lw.b.switch_to_block(cb);
        let ps = lw.b.block_params(cb).to_vec();
        for (p, v) in data.params.iter().zip(ps) {
            lw.vals[p.0 as usize] = Some(v);
        }
        for inst in &data.insts {
            lw.inst(inst)?;
        }
        match &data.term {
            Some(t) => lw.term(t)?,
            None => return Err(JitError::Verify(format!("b{i} has no terminator"))),
        }
    }
    lw.finish_exits()?;
    lw.b.seal_all_blocks();
    lw.b.finalize(config);
    Ok(())
}

fn reachable_from(f: &FunctionIr, entry: Block) -> Vec<bool> {
    let mut seen = vec![false; f.blocks.len()];
    let mut work = vec![entry];
    while let Some(b) = work.pop() {
        match seen.get_mut(b.0 as usize) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        if let Some(t) = f.block(b).and_then(|d| d.term.as_ref()) {
            work.extend(t.successors());
        }
    }
    seen
}

impl Lower<'_, '_> {
    fn val(&self, v: Val) -> Result<cl::Value, JitError> {
        self.vals
            .get(v.0 as usize)
            .copied()
            .flatten()
            .ok_or_else(|| {
                JitError::Verify(format!("v{} is used but not defined on this path", v.0))
            })
    }

    fn arg(&self, inst: &Inst, k: usize) -> Result<cl::Value, JitError> {
        match inst.args.get(k) {
            Some(&v) => self.val(v),
            None => Err(JitError::Verify(format!(
                "{} lacks operand {k}",
                inst.op.name()
            ))),
        }
    }

    fn block(&self, b: Block) -> Result<cl::Block, JitError> {
        self.blocks
            .get(b.0 as usize)
            .copied()
            .flatten()
            .ok_or_else(|| JitError::Verify(format!("b{} is not reachable", b.0)))
    }

    fn args(&self, vs: &[Val]) -> Result<Vec<cl::BlockArg>, JitError> {
        vs.iter()
            .map(|&v| self.val(v).map(cl::BlockArg::Value))
            .collect()
    }

    fn inst(&mut self, inst: &Inst) -> Result<(), JitError> {
        let result = match inst.op {
            Op::Iconst => match inst.imm {
                Imm::I64(c) => Some(self.b.ins().iconst(types::I64, c)),
                _ => None,
            },
            Op::Pconst => match inst.imm {
                Imm::I64(c) => Some(self.b.ins().iconst(self.ptr, c)),
                _ => None,
            },
            Op::Fconst => match inst.imm {
                Imm::F64(c) => Some(self.b.ins().f64const(c)),
                _ => None,
            },
            Op::Bconst => Some(
                self.b
                    .ins()
                    .iconst(types::I8, i64::from(inst.imm == Imm::Bool(true))),
            ),
            Op::Iadd
            | Op::Isub
            | Op::Imul
            | Op::Iand
            | Op::Ior
            | Op::Ixor
            | Op::Ishl
            | Op::Ishr => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                let ins = self.b.ins();
                Some(match inst.op {
                    Op::Iadd => ins.iadd(x, y),
                    Op::Isub => ins.isub(x, y),
                    Op::Imul => ins.imul(x, y),
                    Op::Iand => ins.band(x, y),
                    Op::Ior => ins.bor(x, y),
                    Op::Ixor => ins.bxor(x, y),
                    Op::Ishl => ins.ishl(x, y),
                    _ => ins.sshr(x, y),
                })
            }
            Op::Ineg => {
                let x = self.arg(inst, 0)?;
                Some(self.b.ins().ineg(x))
            }
            Op::IaddOv
            | Op::IsubOv
            | Op::ImulOv
            | Op::InegOv
            | Op::Ifloordiv
            | Op::Imod
            | Op::F2i => Some(self.checked(inst)?),
            Op::Fadd | Op::Fsub | Op::Fmul | Op::Fdiv => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                let ins = self.b.ins();
                Some(match inst.op {
                    Op::Fadd => ins.fadd(x, y),
                    Op::Fsub => ins.fsub(x, y),
                    Op::Fmul => ins.fmul(x, y),
                    _ => ins.fdiv(x, y),
                })
            }
            Op::Fneg
            | Op::Fabs
            | Op::Fsqrt
            | Op::Ffloor
            | Op::Fceil
            | Op::I2f
            | Op::B2i
            | Op::Bnot => {
                let x = self.arg(inst, 0)?;
                let ins = self.b.ins();
                Some(match inst.op {
                    Op::Fneg => ins.fneg(x),
                    Op::Fabs => ins.fabs(x),
                    Op::Fsqrt => ins.sqrt(x),
                    Op::Ffloor => ins.floor(x),
                    Op::Fceil => ins.ceil(x),
                    Op::I2f => ins.fcvt_from_sint(types::F64, x),
                    Op::B2i => ins.uextend(types::I64, x),
                    _ => ins.bxor_imm_u(x, 1),
                })
            }
            Op::Band | Op::Bor => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                Some(if inst.op == Op::Band {
                    self.b.ins().band(x, y)
                } else {
                    self.b.ins().bor(x, y)
                })
            }
            Op::Ieq | Op::Ine | Op::Ilt | Op::Ile | Op::Igt | Op::Ige | Op::Peq | Op::Pne => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                let cc = match inst.op {
                    Op::Ieq | Op::Peq => IntCC::Equal,
                    Op::Ine | Op::Pne => IntCC::NotEqual,
                    Op::Ilt => IntCC::SignedLessThan,
                    Op::Ile => IntCC::SignedLessThanOrEqual,
                    Op::Igt => IntCC::SignedGreaterThan,
                    _ => IntCC::SignedGreaterThanOrEqual,
                };
                Some(self.b.ins().icmp(cc, x, y))
            }
            Op::Feq | Op::Fne | Op::Flt | Op::Fle | Op::Fgt | Op::Fge => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                let cc = match inst.op {
                    Op::Feq => FloatCC::Equal,
                    Op::Fne => FloatCC::NotEqual,
                    Op::Flt => FloatCC::LessThan,
                    Op::Fle => FloatCC::LessThanOrEqual,
                    Op::Fgt => FloatCC::GreaterThan,
                    _ => FloatCC::GreaterThanOrEqual,
                };
                Some(self.b.ins().fcmp(cc, x, y))
            }
            Op::Padd => {
                let (x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
                Some(self.b.ins().iadd(x, y))
            }
            Op::P2i => {
                let x = self.arg(inst, 0)?;
                Some(if self.ptr == types::I64 {
                    x
                } else {
                    self.b.ins().uextend(types::I64, x)
                })
            }
            Op::Select => {
                let (c, x, y) = (self.arg(inst, 0)?, self.arg(inst, 1)?, self.arg(inst, 2)?);
                Some(self.b.ins().select(c, x, y))
            }
            Op::LoadI64 | Op::LoadF64 | Op::LoadU8 | Op::LoadPtr => Some(self.load(inst)?),
            Op::StoreI64 | Op::StoreF64 | Op::StoreU8 | Op::StorePtr => {
                self.store(inst)?;
                None
            }
            Op::Call => self.call(inst)?,
            Op::CallEntry => Some(self.call_entry(inst)?),
            Op::CallInt => Some(self.call_int(inst)?),
            Op::CallIntValue => {
                let code = inst.args.first().copied().unwrap_or(Val(u32::MAX));
                let v = self.int_values.get(&code).copied().ok_or_else(|| {
                    JitError::Verify(format!("call.int.value of v{}, no call.int", code.0))
                })?;
                Some(v)
            }
            Op::GuardTrue | Op::GuardFalse => {
                let c = self.arg(inst, 0)?;
                let Imm::Exit(e) = inst.imm else {
                    return Err(JitError::Verify("guard without exit".into()));
                };
                self.guard(c, inst.op == Op::GuardFalse, e)?;
                None
            }
        };
        if let (Some(r), Some(v)) = (inst.result, result) {
            self.vals[r.0 as usize] = Some(v);
        }
        Ok(())
    }

    fn term(&mut self, t: &Terminator) -> Result<(), JitError> {
        match t {
            Terminator::Jump(t) => {
                let (blk, args) = (self.block(t.block)?, self.args(&t.args)?);
                self.b.ins().jump(blk, &args);
            }
            Terminator::Brif { cond, then, els } => {
                let c = self.val(*cond)?;
                let (tb, ta) = (self.block(then.block)?, self.args(&then.args)?);
                let (eb, ea) = (self.block(els.block)?, self.args(&els.args)?);
                self.b.ins().brif(c, tb, &ta, eb, &ea);
            }
            Terminator::Return(s) => {
                let code = self
                    .b
                    .ins()
                    .iconst(types::I32, i64::from(crate::abi::RETURNED));
                if !self.int_return {
                    self.write_value(self.f.return_slot, *s)?;
                    self.b.ins().return_(&[code]);
                    return Ok(());
                }
                let crate::exits::ExitSource::Int(v) = *s else {
                    return Err(JitError::Verify(format!(
                        "the int entry reaches a return of {s}"
                    )));
                };
                let v = self.val(v)?;
                self.b.ins().return_(&[code, v]);
            }
            Terminator::Exit(e) => {
                let blk = self.exit_block(*e);
                self.b.ins().jump(blk, &[]);
            }
        }
        Ok(())
    }
}
