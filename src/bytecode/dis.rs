//! `--dis`: a listing of every code object, driven by the opcode table's operand kinds.
//!
//! ```text
//! Disassembly of <module> (x.py, line 1):
//!   registers 3, args 0 (posonly 0, kwonly 0), flags 0x0
//!   consts: 0: 1, 1: None
//!   names: x
//!
//!   1          0  LOAD_CONST        r0, 1
//!              1  STORE_NAME        x, r0
//!   2   >>     2  ...
//! ```
//!
//! Registers print as `r3`, or `r3:name` when they hold a named variable; constants as their
//! `repr`; names as themselves; jump targets as `to N`, and instructions that are jump targets or
//! exception handlers are marked `>>`. Nested code objects follow their parent.

use std::collections::HashSet;
use std::fmt::Write;

use super::code::{CodeObject, Constant};
use super::opcodes::OperandKind;

/// Disassembles `code` and every code object among its constants, depth first.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    let mut stack = vec![code];
    let mut first = true;
    while let Some(c) = stack.pop() {
        if !first {
            out.push('\n');
        }
        first = false;
        dis_one(c, &mut out);
        for k in c.consts.iter().rev() {
            if let Constant::Code(inner) = k {
                stack.push(inner);
            }
        }
    }
    out
}

fn dis_one(code: &CodeObject, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of {} ({}, line {}):",
        code.qualname, code.filename, code.first_line
    );
    let a = &code.args;
    let _ = writeln!(
        out,
        "  registers {}, args {} (posonly {}, kwonly {}{}{}), flags {:#x}",
        code.nregs,
        a.argcount,
        a.posonlyargcount,
        a.kwonlyargcount,
        if a.varargs { ", *args" } else { "" },
        if a.varkeywords { ", **kwargs" } else { "" },
        code.flags.0
    );
    if !code.consts.is_empty() {
        let list: Vec<String> = code
            .consts
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{i}: {}", repr(k)))
            .collect();
        let _ = writeln!(out, "  consts: {}", list.join(", "));
    }
    if !code.names.is_empty() {
        let list: Vec<&str> = code.names.iter().map(|s| &**s).collect();
        let _ = writeln!(out, "  names: {}", list.join(", "));
    }
    if !code.varnames.is_empty() {
        let list: Vec<String> = code
            .varnames
            .iter()
            .enumerate()
            .map(|(i, s)| format!("r{i}:{s}"))
            .collect();
        let _ = writeln!(out, "  locals: {}", list.join(", "));
    }
    if !code.cells.is_empty() {
        let list: Vec<String> = code.cells.iter().map(|r| format!("r{r}")).collect();
        let _ = writeln!(out, "  cells: {}", list.join(", "));
    }
    if !code.freevars.is_empty() {
        let list: Vec<String> = code
            .freevars
            .iter()
            .enumerate()
            .map(|(i, s)| format!("r{}:{s}", code.free_reg(i)))
            .collect();
        let _ = writeln!(out, "  freevars: {}", list.join(", "));
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "  exception table:");
        for e in &code.exception_table {
            let _ = writeln!(
                out,
                "    {} to {} -> {} [r{}]",
                e.start, e.end, e.handler, e.exc_reg
            );
        }
    }
    out.push('\n');

    let mut targets: HashSet<u32> = code.exception_table.iter().map(|e| e.handler).collect();
    for unit in &code.code {
        if let Some(i) = unit.decode() {
            let kinds = i.opcode().operands();
            for (&(_, kind), &v) in kinds.iter().zip(i.operand_values().as_slice()) {
                if kind == OperandKind::Label {
                    targets.insert(v);
                }
            }
        }
    }
    let mut last_line = 0;
    for (pc, unit) in code.code.iter().enumerate() {
        let line = code.locations.get(pc).map_or(0, |l| l.line);
        let line_col = if line != last_line {
            last_line = line;
            line.to_string()
        } else {
            String::new()
        };
        let mark = if targets.contains(&(pc as u32)) {
            ">>"
        } else {
            ""
        };
        let Some(instr) = unit.decode() else {
            let _ = writeln!(
                out,
                "{line_col:>4} {mark:>3} {pc:>5}  <invalid {:#018x}>",
                unit.0
            );
            continue;
        };
        let op = instr.opcode();
        let operands: Vec<String> = op
            .operands()
            .iter()
            .zip(instr.operand_values().as_slice())
            .map(|(&(_, kind), &v)| operand(code, kind, v))
            .collect();
        let text = format!(
            "{line_col:>4} {mark:>3} {pc:>5}  {:<20} {}",
            op.name(),
            operands.join(", ")
        );
        let _ = writeln!(out, "{}", text.trim_end());
    }
}

fn operand(code: &CodeObject, kind: OperandKind, v: u32) -> String {
    match kind {
        OperandKind::Reg => match code.reg_name(v as u16) {
            Some(name) => format!("r{v}:{name}"),
            None => format!("r{v}"),
        },
        OperandKind::Const => code
            .consts
            .get(v as usize)
            .map_or_else(|| format!("k{v}?"), repr),
        OperandKind::Name => code
            .names
            .get(v as usize)
            .map_or_else(|| format!("n{v}?"), |s| s.to_string()),
        OperandKind::Label => format!("to {v}"),
        OperandKind::Imm | OperandKind::Imm8 => v.to_string(),
    }
}

/// Python's `repr` of a constant (close enough for a listing; floats in shortest round-trip form).
pub fn repr(k: &Constant) -> String {
    match k {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => {
            if *real == 0.0 && real.is_sign_positive() {
                format!("{}j", float_short(*imag))
            } else {
                let sign = if *imag < 0.0 || (*imag == 0.0 && imag.is_sign_negative()) {
                    '-'
                } else {
                    '+'
                };
                format!("({}{sign}{}j)", float_short(*real), float_short(imag.abs()))
            }
        }
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Code(c) => format!("<code object {} at line {}>", c.name, c.first_line),
    }
}

fn float_repr(f: f64) -> String {
    crate::format::float_repr(f)
}

/// A float without a trailing `.0` (complex parts print as `1j`, not `1.0j`).
fn float_short(f: f64) -> String {
    let s = float_repr(f);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_follow_python() {
        assert_eq!(repr(&Constant::Float(1e16)), "1e+16");
        assert_eq!(repr(&Constant::Float(1e-5)), "1e-05");
        assert_eq!(repr(&Constant::Float(0.1)), "0.1");
        assert_eq!(repr(&Constant::Float(2.0)), "2.0");
        assert_eq!(
            repr(&Constant::Complex {
                real: 0.0,
                imag: 2.0
            }),
            "2j"
        );
        assert_eq!(
            repr(&Constant::Complex {
                real: 1.0,
                imag: -2.5
            }),
            "(1-2.5j)"
        );
        assert_eq!(repr(&Constant::Str("it's".into())), "\"it's\"");
        assert_eq!(repr(&Constant::Str("a\nb".into())), "'a\\nb'");
        assert_eq!(
            repr(&Constant::Bytes(b"\x00a".as_slice().into())),
            "b'\\x00a'"
        );
        let one = Constant::Tuple(vec![Constant::Int(1)].into());
        assert_eq!(repr(&one), "(1,)");
    }
}
