//! Calls to runtime helpers by absolute address (`call_indirect` on a constant), with the
//! signature declared in the IR and the platform's C calling convention (see `abi`), and calls
//! of compiled code through an entry address computed at run time.

use cranelift_codegen::ir::{self as cl, types, AbiParam, InstBuilder, Signature};

use super::{cl_type, entry_signature, int_entry_signature, Lower};
use crate::error::JitError;
use crate::ir::{Imm, Inst, Ty};

impl Lower<'_, '_> {
    pub(super) fn call(&mut self, inst: &Inst) -> Result<Option<cl::Value>, JitError> {
        let Imm::Helper(h) = inst.imm else {
            return Err(JitError::Verify("call without helper".into()));
        };
        let helper = &self.f.helpers[h.0 as usize];
        let mut sig = Signature::new(self.b.func.signature.call_conv);
        let param = |t: Ty, ptr| {
            let p = AbiParam::new(cl_type(t, ptr));
            if t == Ty::Bool {
                p.uext()
            } else {
                p
            }
        };
        sig.params
            .extend(helper.sig.params.iter().map(|&t| param(t, self.ptr)));
        sig.returns
            .extend(helper.sig.ret.map(|t| param(t, self.ptr)));
        let sig_ref = self.b.import_signature(sig);
        let args = inst
            .args
            .iter()
            .map(|&a| self.val(a))
            .collect::<Result<Vec<_>, _>>()?;
        let callee = self.b.ins().iconst(self.ptr, helper.addr as i64);
        let call = self.b.ins().call_indirect(sig_ref, callee, &args);
        Ok(self.b.inst_results(call).first().copied())
    }

    /// `call.entry`: the callee has the entry ABI, whose `u32` result is widened to the `I64`
    /// the IR gives it.
    pub(super) fn call_entry(&mut self, inst: &Inst) -> Result<cl::Value, JitError> {
        let sig = entry_signature(self.ptr, self.b.func.signature.call_conv);
        let sig_ref = self.b.import_signature(sig);
        let callee = self.arg(inst, 0)?;
        let args = [self.arg(inst, 1)?, self.arg(inst, 2)?];
        let call = self.b.ins().call_indirect(sig_ref, callee, &args);
        let code = self.b.inst_results(call)[0];
        Ok(self.b.ins().uextend(types::I64, code))
    }

    /// `call.int`: the callee has the int entry ABI; its result code is widened to the `I64` the
    /// IR gives it, and the int it returned is kept for `call.int.value`.
    pub(super) fn call_int(&mut self, inst: &Inst) -> Result<cl::Value, JitError> {
        let n = inst.args.len().saturating_sub(3);
        let sig = int_entry_signature(self.ptr, self.b.func.signature.call_conv, n);
        let sig_ref = self.b.import_signature(sig);
        let callee = self.arg(inst, 0)?;
        let args = inst.args[1..]
            .iter()
            .map(|&a| self.val(a))
            .collect::<Result<Vec<_>, _>>()?;
        let call = self.b.ins().call_indirect(sig_ref, callee, &args);
        let (code, value) = (self.b.inst_results(call)[0], self.b.inst_results(call)[1]);
        if let Some(r) = inst.result {
            self.int_values.insert(r, value);
        }
        Ok(self.b.ins().uextend(types::I64, code))
    }
}
