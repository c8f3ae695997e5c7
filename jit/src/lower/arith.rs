//! Guarded arithmetic: overflow-checked i64 ops, Python floor division and modulo, and the
//! float → int truncation, each branching to its exit's cold block before the unchecked
//! machine operation could trap or wrap.

use cranelift_codegen::ir::{self as cl, condcodes::FloatCC, condcodes::IntCC, types, InstBuilder};

use super::Lower;
use crate::error::JitError;
use crate::ir::{Imm, Inst, Op};

impl Lower<'_, '_> {
    pub(super) fn checked(&mut self, inst: &Inst) -> Result<cl::Value, JitError> {
        let Imm::Exit(exit) = inst.imm else {
            return Err(JitError::Verify(format!("{} without exit", inst.op.name())));
        };
        let x = self.arg(inst, 0)?;
        match inst.op {
            Op::IaddOv | Op::IsubOv | Op::ImulOv => {
                let y = self.arg(inst, 1)?;
                let ins = self.b.ins();
                let (r, of) = match inst.op {
                    Op::IaddOv => ins.sadd_overflow(x, y),
                    Op::IsubOv => ins.ssub_overflow(x, y),
                    _ => ins.smul_overflow(x, y),
                };
                self.guard(of, true, exit)?;
                Ok(r)
            }
            Op::InegOv => {
                let is_min = self.b.ins().icmp_imm_s(IntCC::Equal, x, i64::MIN);
                self.guard(is_min, true, exit)?;
                Ok(self.b.ins().ineg(x))
            }
            Op::Ifloordiv | Op::Imod => {
                let y = self.arg(inst, 1)?;
                let zero = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
                let fail = if inst.op == Op::Ifloordiv {
                    let x_min = self.b.ins().icmp_imm_s(IntCC::Equal, x, i64::MIN);
                    let y_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                    let ovf = self.b.ins().band(x_min, y_m1);
                    self.b.ins().bor(zero, ovf)
                } else {
                    zero
                };
                self.guard(fail, true, exit)?;
                // Python rounds toward -inf: when the remainder is nonzero and its sign differs
                // from the divisor's, the truncated quotient is one too high (and the remainder
                // must move by one divisor).
                let ins = self.b.ins();
                let r = ins.srem(x, y);
                let r_nz = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
                let sign = self.b.ins().bxor(r, y);
                let differs = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, sign, 0);
                let adjust = self.b.ins().band(r_nz, differs);
                if inst.op == Op::Ifloordiv {
                    let q = self.b.ins().sdiv(x, y);
                    let one = self.b.ins().uextend(types::I64, adjust);
                    Ok(self.b.ins().isub(q, one))
                } else {
                    let moved = self.b.ins().iadd(r, y);
                    Ok(self.b.ins().select(adjust, moved, r))
                }
            }
            Op::F2i => {
                // NaN compares false with both bounds, so one test covers NaN, ±inf and range.
                let lo = self.b.ins().f64const(crate::ir::F2I_MIN);
                let hi = self.b.ins().f64const(crate::ir::F2I_END);
                let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, x, lo);
                let lt = self.b.ins().fcmp(FloatCC::LessThan, x, hi);
                let ok = self.b.ins().band(ge, lt);
                self.guard(ok, false, exit)?;
                Ok(self.b.ins().fcvt_to_sint_sat(types::I64, x))
            }
            other => Err(JitError::Verify(format!(
                "{} is not a checked op",
                other.name()
            ))),
        }
    }
}
