//! Loads and stores at byte offsets, and boxing a value into a register of the register file.
//! Accesses are marked `notrap` (compiled code never relies on a fault) but not `aligned`, so
//! the tier-up may address any field of an object.

use cranelift_codegen::ir::{self as cl, types, InstBuilder, MemFlagsData};

use super::Lower;
use crate::abi;
use crate::error::JitError;
use crate::exits::ExitSource;
use crate::ir::{Imm, Inst, Op, Val};

fn flags() -> MemFlagsData {
    MemFlagsData::new().with_notrap()
}

impl Lower<'_, '_> {
    fn offset(inst: &Inst) -> i32 {
        match inst.imm {
            Imm::Offset(o) => o,
            _ => 0,
        }
    }

    pub(super) fn load(&mut self, inst: &Inst) -> Result<cl::Value, JitError> {
        let p = self.arg(inst, 0)?;
        let off = Self::offset(inst);
        Ok(match inst.op {
            Op::LoadU8 => self.b.ins().uload8(types::I64, flags(), p, off),
            Op::LoadF64 => self.b.ins().load(types::F64, flags(), p, off),
            Op::LoadPtr => self.b.ins().load(self.ptr, flags(), p, off),
            _ => self.b.ins().load(types::I64, flags(), p, off),
        })
    }

    pub(super) fn store(&mut self, inst: &Inst) -> Result<(), JitError> {
        let (p, v) = (self.arg(inst, 0)?, self.arg(inst, 1)?);
        let off = Self::offset(inst);
        if inst.op == Op::StoreU8 {
            self.b.ins().istore8(flags(), v, p, off);
        } else {
            self.b.ins().store(flags(), v, p, off);
        }
        Ok(())
    }

    /// Writes `source` as a boxed Value into register `slot`: tag word, then payload word.
    pub(super) fn write_value(&mut self, slot: u32, source: ExitSource) -> Result<(), JitError> {
        let regs = self.val(Val::REGS)?;
        let base = i32::try_from(abi::slot_offset(slot))
            .map_err(|_| JitError::Verify(format!("register r{slot} is out of range")))?;
        let (tag, payload) = match source {
            ExitSource::Int(v) => (abi::TAG_INT, Some(self.val(v)?)),
            ExitSource::Float(v) => (abi::TAG_FLOAT, Some(self.val(v)?)),
            ExitSource::Object(v) => (abi::TAG_OBJECT, Some(self.val(v)?)),
            ExitSource::Bool(v) => {
                let b = self.val(v)?;
                (abi::TAG_BOOL, Some(self.b.ins().uextend(types::I64, b)))
            }
            ExitSource::None => (abi::TAG_NONE, None),
            ExitSource::InMemory => return Ok(()),
        };
        let payload = match payload {
            Some(p) => p,
            None => self.b.ins().iconst(types::I64, 0),
        };
        let tag = self.b.ins().iconst(types::I64, i64::from(tag));
        self.b
            .ins()
            .store(flags(), tag, regs, base + abi::TAG_OFFSET);
        self.b
            .ins()
            .store(flags(), payload, regs, base + abi::PAYLOAD_OFFSET);
        Ok(())
    }
}
