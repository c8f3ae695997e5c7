//! Builder for `FunctionIr`, used by the VM's tier-up and by tests.
//!
//! The builder appends to a current block and infers result types from the op table; it does
//! not reject ill-typed input (that is `verify`'s job, run by `finish`), so a tier-up bug
//! becomes a `JitError::Verify`, never a panic.

use super::{
    Block, BlockData, ExitId, FunctionIr, Helper, HelperId, HelperSig, Imm, Inst, Op, OsrEntry,
    Res, Target, Terminator, Ty, Val,
};
use crate::error::JitError;
use crate::exits::{ExitDescriptor, ExitReason, ExitSource, ExitWrite};

pub struct Builder {
    func: FunctionIr,
    current: Block,
    calls: u32,
}

impl Builder {
    /// Starts a function whose entry is block 0 (already created and current).
    pub fn new(name: &str) -> Builder {
        Builder {
            func: FunctionIr {
                name: name.to_string(),
                values: vec![Ty::Ptr, Ty::Ptr],
                blocks: vec![BlockData::default()],
                exits: Vec::new(),
                helpers: Vec::new(),
                osr_entries: Vec::new(),
                int_entry: None,
                return_slot: 0,
            },
            current: Block(0),
            calls: 0,
        }
    }

    /// How many calls (of helpers or compiled code) were emitted so far: what a guard
    /// established stays true across straight-line code only while no call, which may run
    /// Python code, comes between.
    pub fn calls_made(&self) -> u32 {
        self.calls
    }

    /// The register file base (entry argument `regs`).
    pub fn regs(&self) -> Val {
        Val::REGS
    }

    /// The VM context (entry argument `ctx`).
    pub fn ctx(&self) -> Val {
        Val::CTX
    }

    pub fn set_return_slot(&mut self, slot: u32) {
        self.func.return_slot = slot;
    }

    fn new_val(&mut self, ty: Ty) -> Val {
        self.func.values.push(ty);
        Val(self.func.values.len() as u32 - 1)
    }

    /// Creates a block with parameters of the given types.
    pub fn create_block(&mut self, params: &[Ty]) -> Block {
        let vals = params.iter().map(|&t| self.new_val(t)).collect();
        self.func.blocks.push(BlockData {
            params: vals,
            ..BlockData::default()
        });
        Block(self.func.blocks.len() as u32 - 1)
    }

    pub fn block_params(&self, b: Block) -> &[Val] {
        self.func.block(b).map_or(&[], |d| &d.params)
    }

    pub fn switch_to(&mut self, b: Block) {
        self.current = b;
    }

    pub fn current_block(&self) -> Block {
        self.current
    }

    /// Declares an OSR entry for the loop header at `pc`, starting at `block` (which must have
    /// no parameters: it loads the live registers itself and jumps to the header).
    /// Makes `block` (whose parameters are all `i64`) the int entry (`FunctionIr::int_entry`).
    pub fn set_int_entry(&mut self, block: Block) {
        self.func.int_entry = Some(block);
    }

    pub fn add_osr_entry(&mut self, pc: u32, block: Block) {
        self.func.osr_entries.push(OsrEntry { pc, block });
    }

    /// Declares an exit; guards and `exit` terminators refer to it by the returned id.
    pub fn exit(&mut self, pc: u32, reason: ExitReason, writes: &[(u32, ExitSource)]) -> ExitId {
        let writes = writes
            .iter()
            .map(|&(slot, source)| ExitWrite { slot, source })
            .collect();
        self.func.exits.push(ExitDescriptor { pc, reason, writes });
        ExitId(self.func.exits.len() as u32 - 1)
    }

    /// Declares a runtime helper callable by address.
    pub fn helper(&mut self, name: &str, addr: usize, params: &[Ty], ret: Option<Ty>) -> HelperId {
        let sig = HelperSig {
            params: params.to_vec(),
            ret,
        };
        self.func.helpers.push(Helper {
            name: name.to_string(),
            addr,
            sig,
        });
        HelperId(self.func.helpers.len() as u32 - 1)
    }

    /// Appends `op args, imm` to the current block and returns its result (for ops without a
    /// result, a placeholder that the verifier rejects if it is ever used).
    pub fn ins(&mut self, op: Op, args: &[Val], imm: Imm) -> Val {
        let ty = match op.result() {
            Res::None => None,
            Res::Is(t) => Some(t),
            Res::Same => args
                .get(1)
                .and_then(|&a| self.func.value_ty(a))
                .or(Some(Ty::I64)),
            Res::Call => match imm {
                Imm::Helper(h) => self.func.helpers.get(h.0 as usize).and_then(|h| h.sig.ret),
                _ => None,
            },
        };
        let result = ty.map(|t| self.new_val(t));
        let inst = Inst {
            op,
            args: args.to_vec(),
            imm,
            result,
        };
        if let Some(b) = self.func.blocks.get_mut(self.current.0 as usize) {
            b.insts.push(inst);
        }
        result.unwrap_or(Val(u32::MAX))
    }

    pub fn iconst(&mut self, x: i64) -> Val {
        self.ins(Op::Iconst, &[], Imm::I64(x))
    }

    pub fn fconst(&mut self, x: f64) -> Val {
        self.ins(Op::Fconst, &[], Imm::F64(x))
    }

    pub fn bconst(&mut self, x: bool) -> Val {
        self.ins(Op::Bconst, &[], Imm::Bool(x))
    }

    pub fn pconst(&mut self, addr: usize) -> Val {
        self.ins(Op::Pconst, &[], Imm::I64(addr as i64))
    }

    pub fn unary(&mut self, op: Op, a: Val) -> Val {
        self.ins(op, &[a], Imm::None)
    }

    pub fn binary(&mut self, op: Op, a: Val, b: Val) -> Val {
        self.ins(op, &[a, b], Imm::None)
    }

    /// A guarded op with one or two operands (`iadd.ov`, `ifloordiv`, `f2i`, …).
    pub fn checked(&mut self, op: Op, args: &[Val], exit: ExitId) -> Val {
        self.ins(op, args, Imm::Exit(exit))
    }

    pub fn select(&mut self, cond: Val, a: Val, b: Val) -> Val {
        self.ins(Op::Select, &[cond, a, b], Imm::None)
    }

    pub fn load(&mut self, op: Op, ptr: Val, offset: i32) -> Val {
        self.ins(op, &[ptr], Imm::Offset(offset))
    }

    pub fn store(&mut self, op: Op, ptr: Val, offset: i32, value: Val) {
        self.ins(op, &[ptr, value], Imm::Offset(offset));
    }

    pub fn call(&mut self, helper: HelperId, args: &[Val]) -> Val {
        self.calls += 1;
        self.ins(Op::Call, args, Imm::Helper(helper))
    }

    /// Calls compiled code at entry address `entry` on register file `regs` (`call.entry`);
    /// the result is the callee's `abi` result code.
    pub fn call_entry(&mut self, entry: Val, regs: Val, ctx: Val) -> Val {
        self.calls += 1;
        self.ins(Op::CallEntry, &[entry, regs, ctx], Imm::None)
    }

    /// Calls compiled code at int entry address `entry` on register file `regs` with the int
    /// arguments `args` (`call.int`); the results are the callee's `abi` result code and, when
    /// that is `RETURNED`, the int it returned.
    pub fn call_int(&mut self, entry: Val, regs: Val, ctx: Val, args: &[Val]) -> (Val, Val) {
        self.calls += 1;
        let mut all = vec![entry, regs, ctx];
        all.extend_from_slice(args);
        let code = self.ins(Op::CallInt, &all, Imm::None);
        let value = self.ins(Op::CallIntValue, &[code], Imm::None);
        (code, value)
    }

    /// Leaves through `exit` unless `cond` is true.
    pub fn guard_true(&mut self, cond: Val, exit: ExitId) {
        self.ins(Op::GuardTrue, &[cond], Imm::Exit(exit));
    }

    /// Leaves through `exit` unless `cond` is false.
    pub fn guard_false(&mut self, cond: Val, exit: ExitId) {
        self.ins(Op::GuardFalse, &[cond], Imm::Exit(exit));
    }

    fn terminate(&mut self, t: Terminator) {
        if let Some(b) = self.func.blocks.get_mut(self.current.0 as usize) {
            b.term = Some(t);
        }
    }

    pub fn jump(&mut self, block: Block, args: &[Val]) {
        self.terminate(Terminator::Jump(Target {
            block,
            args: args.to_vec(),
        }));
    }

    pub fn brif(
        &mut self,
        cond: Val,
        then: Block,
        then_args: &[Val],
        els: Block,
        els_args: &[Val],
    ) {
        let then = Target {
            block: then,
            args: then_args.to_vec(),
        };
        let els = Target {
            block: els,
            args: els_args.to_vec(),
        };
        self.terminate(Terminator::Brif { cond, then, els });
    }

    pub fn ret(&mut self, value: ExitSource) {
        self.terminate(Terminator::Return(value));
    }

    pub fn exit_now(&mut self, exit: ExitId) {
        self.terminate(Terminator::Exit(exit));
    }

    /// Verifies and returns the function.
    pub fn finish(self) -> Result<FunctionIr, JitError> {
        super::verify::verify(&self.func)?;
        Ok(self.func)
    }

    /// Returns the function without verifying it (for tests of the verifier itself).
    pub fn finish_unverified(self) -> FunctionIr {
        self.func
    }
}
