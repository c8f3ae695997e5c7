//! The bytecode verifier: every operand in range for its kind (driven by the opcode table),
//! every register window of a call, build or unpack inside the frame, every jump and exception
//! handler on an instruction, the register layout consistent. Run on compiler output in debug
//! builds and on every code object loaded from a cache file, so no bytecode can make the VM index
//! out of bounds.

use std::fmt;

use super::code::{CodeObject, Constant};
use super::opcodes::{Instr, OpFlags, OperandKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub code: String,
    pub pc: Option<usize>,
    pub msg: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pc {
            Some(pc) => write!(f, "{} at pc {pc}: {}", self.code, self.msg),
            None => write!(f, "{}: {}", self.code, self.msg),
        }
    }
}

/// Verifies `code` and every code object among its constants, recursively.
pub fn verify_all(code: &CodeObject) -> Result<(), VerifyError> {
    let mut stack = vec![code];
    while let Some(c) = stack.pop() {
        verify(c)?;
        for k in &c.consts {
            if let Constant::Code(inner) = k {
                stack.push(inner);
            }
        }
    }
    Ok(())
}

/// The consecutive registers an instruction reads or writes beyond its single-register operands.
fn reg_window(i: &Instr) -> Option<(u16, u32)> {
    use Instr::*;
    Some(match *i {
        Call { func, argc, .. } => (func, argc as u32 + 1),
        CallKw { func, argc, .. } => (func, argc as u32 + 1),
        CallMethod { func, argc, .. } | CallMethodKw { func, argc, .. } => (func, argc as u32 + 2),
        CallEx { args, .. } => (args, 2),
        BuildTuple { start, count, .. }
        | BuildList { start, count, .. }
        | BuildSet { start, count, .. }
        | BuildString { start, count, .. }
        | BuildSlice { start, count, .. } => (start, count as u32),
        BuildMap { start, count, .. } => (start, 2 * count as u32),
        UnpackSequence { dst, count, .. } => (dst, count as u32),
        UnpackEx {
            dst, before, after, ..
        } => (dst, before as u32 + after as u32 + 1),
        LoadMethod { dst, .. } | WithEnter { dst, .. } => (dst, 2),
        MatchClass { args, .. } => (args, 3),
        _ => return None,
    })
}

pub fn verify(code: &CodeObject) -> Result<(), VerifyError> {
    let fail = |pc: Option<usize>, msg: String| {
        Err(VerifyError {
            code: code.qualname.to_string(),
            pc,
            msg,
        })
    };
    let nregs = code.nregs as u32;
    let n = code.code.len();
    if code.locations.len() != n {
        return fail(
            None,
            format!("{} locations for {n} instructions", code.locations.len()),
        );
    }
    let nlocals = code.varnames.len();
    if code.args.nparams() > nlocals {
        return fail(None, "more parameters than local variables".into());
    }
    if (nlocals + code.freevars.len()) as u32 > nregs {
        return fail(None, "named registers exceed the register count".into());
    }
    if let Some(&c) = code.cells.iter().find(|&&c| c as usize >= nlocals) {
        return fail(None, format!("cell register r{c} is not a local"));
    }
    for (pc, unit) in code.code.iter().enumerate() {
        let Some(instr) = unit.decode() else {
            return fail(Some(pc), format!("unknown opcode byte {}", unit.0 & 0xff));
        };
        let op = instr.opcode();
        for (&(name, kind), &v) in op.operands().iter().zip(instr.operand_values().as_slice()) {
            let (ok, what) = match kind {
                OperandKind::Reg => (v < nregs, "register"),
                OperandKind::Const => ((v as usize) < code.consts.len(), "constant"),
                OperandKind::Name => ((v as usize) < code.names.len(), "name"),
                OperandKind::Label => ((v as usize) < n, "jump target"),
                OperandKind::Imm | OperandKind::Imm8 => (true, ""),
            };
            if !ok {
                return fail(
                    Some(pc),
                    format!("{} operand {name} = {v}: {what} out of range", op.name()),
                );
            }
        }
        if let Some((start, len)) = reg_window(&instr) {
            if start as u32 + len > nregs {
                return fail(
                    Some(pc),
                    format!("{} register window r{start}+{len} out of range", op.name()),
                );
            }
        }
    }
    match code.code.last().and_then(|u| u.decode()) {
        Some(last) if last.opcode().flags().contains(OpFlags::TERMINATOR) => {}
        _ => return fail(None, "execution can run off the end of the code".into()),
    }
    for e in &code.exception_table {
        if e.start >= e.end
            || e.end as usize > n
            || e.handler as usize >= n
            || e.exc_reg as u32 >= nregs
        {
            return fail(None, format!("bad exception table entry {e:?}"));
        }
    }
    Ok(())
}
