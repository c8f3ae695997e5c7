//! Guards and exits. A guard is a conditional branch to its exit's cold block; the exit block
//! (one per exit id, shared by all guards naming it) writes the exit's values back into the
//! register file — two stores per register, never an allocation — and returns the exit code.

use cranelift_codegen::ir::{self as cl, types, InstBuilder};

use super::Lower;
use crate::abi;
use crate::error::JitError;
use crate::ir::ExitId;

impl Lower<'_, '_> {
    /// The cold block for `exit`, created on first use and filled by `finish_exits`.
    pub(super) fn exit_block(&mut self, exit: ExitId) -> cl::Block {
        if let Some(b) = self.exits[exit.0 as usize] {
            return b;
        }
        let b = self.b.create_block();
        self.b.set_cold_block(b);
        self.exits[exit.0 as usize] = Some(b);
        b
    }

    /// Leaves through `exit` when `cond` is true (`leave_if = true`) or false.
    pub(super) fn guard(
        &mut self,
        cond: cl::Value,
        leave_if: bool,
        exit: ExitId,
    ) -> Result<(), JitError> {
        let out = self.exit_block(exit);
        let cont = self.b.create_block();
        if leave_if {
            self.b.ins().brif(cond, out, &[], cont, &[]);
        } else {
            self.b.ins().brif(cond, cont, &[], out, &[]);
        }
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// Fills every exit block that some reachable guard or terminator created.
    pub(super) fn finish_exits(&mut self) -> Result<(), JitError> {
        for i in 0..self.exits.len() {
            let Some(b) = self.exits[i] else { continue };
            self.b.switch_to_block(b);
            let desc = &self.f.exits[i];
            for w in &desc.writes {
                self.write_value(w.slot, w.source)?;
            }
            let code = self
                .b
                .ins()
                .iconst(types::I32, i64::from(abi::exit_code(i as u32)));
            if self.int_return {
                // The int entry's second result means nothing after an exit.
                let none = self.b.ins().iconst(types::I64, 0);
                self.b.ins().return_(&[code, none]);
            } else {
                self.b.ins().return_(&[code]);
            }
        }
        Ok(())
    }
}
