//! The stable text form of the IR (`--dump-jit-ir`), also read back by `parse` for file tests.
//!
//! ```text
//! function add {
//!   return r0
//!   helper h0 "name" @0x1000 (i64, i64) -> i64
//!   exit e0 pc=4 overflow [r1 = int v2, r2 = boxed]
//!   osr pc=8 b2
//! b0:
//!   v2 = load.i64 v0, 8
//!   v3 = iadd.ov v2, v2, e0
//!   v4 = call h0(v3, v3)
//!   brif v5, b1(v3), b2()
//! }
//! ```
//! Immediates come last; `call` is written `call hN(args)`.

use std::fmt::{self, Write};

use super::{FunctionIr, Imm, Inst, Op, Target, Terminator};

impl fmt::Display for FunctionIr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "function {} {{", self.name)?;
        writeln!(f, "  return r{}", self.return_slot)?;
        for (i, h) in self.helpers.iter().enumerate() {
            let params: Vec<&str> = h.sig.params.iter().map(|t| t.name()).collect();
            write!(
                f,
                "  helper h{i} {:?} @{:#x} ({})",
                h.name,
                h.addr,
                params.join(", ")
            )?;
            match h.sig.ret {
                Some(t) => writeln!(f, " -> {t}")?,
                None => writeln!(f)?,
            }
        }
        for (i, e) in self.exits.iter().enumerate() {
            let writes: Vec<String> = e
                .writes
                .iter()
                .map(|w| format!("r{} = {}", w.slot, w.source))
                .collect();
            writeln!(
                f,
                "  exit e{i} pc={} {} [{}]",
                e.pc,
                e.reason.name(),
                writes.join(", ")
            )?;
        }
        for o in &self.osr_entries {
            writeln!(f, "  osr pc={} b{}", o.pc, o.block.0)?;
        }
        if let Some(b) = self.int_entry {
            writeln!(f, "  int_entry b{}", b.0)?;
        }
        for (bi, b) in self.blocks.iter().enumerate() {
            write!(f, "b{bi}")?;
            if !b.params.is_empty() {
                let ps: Vec<String> = b
                    .params
                    .iter()
                    .map(|p| format!("v{}: {}", p.0, self.value_ty(*p).map_or("?", |t| t.name())))
                    .collect();
                write!(f, "({})", ps.join(", "))?;
            }
            writeln!(f, ":")?;
            for inst in &b.insts {
                writeln!(f, "  {}", inst_text(inst))?;
            }
            match &b.term {
                Some(t) => writeln!(f, "  {}", term_text(t))?,
                None => writeln!(f, "  <no terminator>")?,
            }
        }
        writeln!(f, "}}")
    }
}

fn vals(vs: &[super::Val]) -> String {
    vs.iter()
        .map(|v| format!("v{}", v.0))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn imm_text(imm: Imm) -> Option<String> {
    match imm {
        Imm::None => None,
        Imm::I64(x) => Some(x.to_string()),
        Imm::F64(x) => Some(format!("{x:?}")),
        Imm::Bool(b) => Some(b.to_string()),
        Imm::Offset(o) => Some(o.to_string()),
        Imm::Exit(e) => Some(format!("e{}", e.0)),
        Imm::Helper(h) => Some(format!("h{}", h.0)),
    }
}

pub fn inst_text(inst: &Inst) -> String {
    let mut s = String::new();
    if let Some(r) = inst.result {
        let _ = write!(s, "v{} = ", r.0);
    }
    s.push_str(inst.op.name());
    if inst.op == Op::Call {
        let _ = write!(
            s,
            " {}({})",
            imm_text(inst.imm).unwrap_or_default(),
            vals(&inst.args)
        );
        return s;
    }
    let mut parts: Vec<String> = inst.args.iter().map(|v| format!("v{}", v.0)).collect();
    parts.extend(imm_text(inst.imm));
    if !parts.is_empty() {
        s.push(' ');
        s.push_str(&parts.join(", "));
    }
    s
}

fn target_text(t: &Target) -> String {
    format!("b{}({})", t.block.0, vals(&t.args))
}

pub fn term_text(t: &Terminator) -> String {
    match t {
        Terminator::Jump(t) => format!("jump {}", target_text(t)),
        Terminator::Brif { cond, then, els } => {
            format!(
                "brif v{}, {}, {}",
                cond.0,
                target_text(then),
                target_text(els)
            )
        }
        Terminator::Return(s) => format!("return {s}"),
        Terminator::Exit(e) => format!("exit e{}", e.0),
    }
}
