//! Reads the text form that `print` writes back into a `FunctionIr`, for file tests
//! (`tests/ir/*.jir`). Value and block numbers are taken as written, so `print(parse(t)) == t`
//! for printed text. A helper address may be written `@0x…` or `@name`, resolved by the caller
//! (file tests use names, since addresses differ between builds). Text after `;` is a comment.
//! The result is verified; malformed text is a `ParseError` with its line number, never a panic.

use std::fmt;

use super::{
    Block, BlockData, ExitId, FunctionIr, Helper, HelperId, HelperSig, Imm, ImmKind, Inst, Op,
    OsrEntry, Res, Target, Terminator, Ty, Val,
};
use crate::exits::{ExitDescriptor, ExitReason, ExitSource, ExitWrite};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

type R<T> = Result<T, String>;

/// Parses one function. `resolve` maps symbolic helper addresses (`@name`) to addresses.
pub fn parse(
    text: &str,
    resolve: &dyn Fn(&str) -> Option<usize>,
) -> Result<FunctionIr, ParseError> {
    let mut p = Parser {
        f: FunctionIr {
            name: String::new(),
            values: vec![Ty::Ptr, Ty::Ptr],
            blocks: Vec::new(),
            exits: Vec::new(),
            helpers: Vec::new(),
            osr_entries: Vec::new(),
            int_entry: None,
            return_slot: 0,
        },
        known: vec![true, true],
        pending_same: Vec::new(),
        current: None,
        resolve,
    };
    let mut last = 0;
    for (i, raw) in text.lines().enumerate() {
        last = i + 1;
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        p.line(line).map_err(|message| ParseError {
            line: i + 1,
            message,
        })?;
    }
    p.resolve_same().map_err(|message| ParseError {
        line: last,
        message,
    })?;
    super::verify::verify(&p.f).map_err(|e| ParseError {
        line: last,
        message: e.to_string(),
    })?;
    Ok(p.f)
}

fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_str = !in_str,
            ';' if !in_str => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Splits on commas outside parentheses and brackets.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let rest = s[start..].trim();
    if !rest.is_empty() || !out.is_empty() {
        out.push(rest);
    }
    out
}

fn num<T: std::str::FromStr>(s: &str, prefix: &str) -> R<T> {
    s.strip_prefix(prefix)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("expected {prefix}N, found {s:?}"))
}

fn ty(s: &str) -> R<Ty> {
    Ty::from_name(s.trim()).ok_or_else(|| format!("unknown type {s:?}"))
}

/// `name(args)` → (`name`, args).
fn call_form(s: &str) -> R<(&str, Vec<&str>)> {
    let open = s
        .find('(')
        .ok_or_else(|| format!("expected '(' in {s:?}"))?;
    let inner = s[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| format!("expected ')' in {s:?}"))?;
    Ok((s[..open].trim(), split_top(inner)))
}

struct Parser<'r> {
    f: FunctionIr,
    /// Whether each value's type is known yet.
    known: Vec<bool>,
    /// `select` results whose type follows operands that may be defined later in the text.
    pending_same: Vec<(Val, Vec<Val>)>,
    current: Option<usize>,
    resolve: &'r dyn Fn(&str) -> Option<usize>,
}

impl Parser<'_> {
    fn val(&mut self, s: &str) -> R<Val> {
        let n: u32 = num(s.trim(), "v")?;
        if n > 1_000_000 {
            return Err(format!("value number {n} is too large"));
        }
        if self.f.values.len() <= n as usize {
            self.f.values.resize(n as usize + 1, Ty::I64);
            self.known.resize(n as usize + 1, false);
        }
        Ok(Val(n))
    }

    fn define(&mut self, s: &str, t: Ty) -> R<Val> {
        let v = self.val(s)?;
        self.f.values[v.0 as usize] = t;
        self.known[v.0 as usize] = true;
        Ok(v)
    }

    fn block_ref(&mut self, n: u32) -> R<Block> {
        if n > 100_000 {
            return Err(format!("block number {n} is too large"));
        }
        if self.f.blocks.len() <= n as usize {
            self.f.blocks.resize(n as usize + 1, BlockData::default());
        }
        Ok(Block(n))
    }

    fn target(&mut self, s: &str) -> R<Target> {
        let (name, args) = call_form(s)?;
        let block = self.block_ref(num(name, "b")?)?;
        let args = args.into_iter().map(|a| self.val(a)).collect::<R<_>>()?;
        Ok(Target { block, args })
    }

    fn source(&mut self, s: &str) -> R<ExitSource> {
        let mut parts = s.split_whitespace();
        let kw = parts.next().unwrap_or("");
        let v = parts.next();
        let mut value = || -> R<Val> { self.val(v.ok_or_else(|| format!("{kw} needs a value"))?) };
        Ok(match kw {
            "int" => ExitSource::Int(value()?),
            "float" => ExitSource::Float(value()?),
            "bool" => ExitSource::Bool(value()?),
            "obj" => ExitSource::Object(value()?),
            "none" => ExitSource::None,
            "boxed" => ExitSource::InMemory,
            _ => return Err(format!("unknown value representation {kw:?}")),
        })
    }

    fn line(&mut self, line: &str) -> R<()> {
        if let Some(rest) = line.strip_prefix("function ") {
            self.f.name = rest.trim_end_matches('{').trim().to_string();
            return Ok(());
        }
        if line == "}" {
            return Ok(());
        }
        if let Some(label) = line.strip_suffix(':') {
            return self.label(label);
        }
        let Some(cur) = self.current else {
            return self.header(line);
        };
        let (result, body) = match line.split_once(" = ") {
            Some((r, b)) if r.trim().starts_with('v') && !r.contains(' ') => {
                (Some(r.trim()), b.trim())
            }
            _ => (None, line),
        };
        let (word, rest) = body.split_once(' ').unwrap_or((body, ""));
        let rest = rest.trim();
        let term = match (result, word) {
            (None, "jump") => Some(Terminator::Jump(self.target(rest)?)),
            (None, "brif") => {
                let parts = split_top(rest);
                let [c, t, e] = parts.as_slice() else {
                    return Err("brif takes 3 operands".into());
                };
                let cond = self.val(c)?;
                Some(Terminator::Brif {
                    cond,
                    then: self.target(t)?,
                    els: self.target(e)?,
                })
            }
            (None, "return") => Some(Terminator::Return(self.source(rest)?)),
            (None, "exit") => Some(Terminator::Exit(ExitId(num(rest, "e")?))),
            _ => None,
        };
        if let Some(t) = term {
            self.f.blocks[cur].term = Some(t);
            return Ok(());
        }
        let op = Op::from_name(word).ok_or_else(|| format!("unknown op {word:?}"))?;
        self.inst(cur, op, result, rest)
    }

    fn label(&mut self, label: &str) -> R<()> {
        let (name, params) = match label.find('(') {
            Some(_) => {
                let (n, ps) = call_form(label)?;
                (n, ps)
            }
            None => (label, Vec::new()),
        };
        let b = self.block_ref(num(name, "b")?)?;
        let mut vals = Vec::new();
        for p in params {
            let (v, t) = p
                .split_once(':')
                .ok_or_else(|| format!("parameter {p:?} needs a type"))?;
            vals.push(self.define(v, ty(t)?)?);
        }
        self.f.blocks[b.0 as usize].params = vals;
        self.current = Some(b.0 as usize);
        Ok(())
    }

    fn header(&mut self, line: &str) -> R<()> {
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "return" => self.f.return_slot = num(rest.trim(), "r")?,
            "helper" => {
                // helper hN "name" @addr (tys) -> ty
                let rest = rest.trim();
                let (id, rest) = rest.split_once(' ').ok_or("helper needs a name")?;
                if num::<usize>(id, "h")? != self.f.helpers.len() {
                    return Err(format!("helpers must be numbered in order, found {id}"));
                }
                let rest = rest
                    .trim()
                    .strip_prefix('"')
                    .ok_or("helper name must be quoted")?;
                let (name, rest) = rest.split_once('"').ok_or("unterminated helper name")?;
                let rest = rest
                    .trim()
                    .strip_prefix('@')
                    .ok_or("helper needs @address")?;
                let (addr, rest) = rest.split_once(' ').ok_or("helper needs a signature")?;
                let addr = match addr.strip_prefix("0x") {
                    Some(hex) => usize::from_str_radix(hex, 16).map_err(|e| e.to_string())?,
                    None => (self.resolve)(addr)
                        .ok_or_else(|| format!("unknown helper symbol {addr:?}"))?,
                };
                let (params, ret) = match rest.split_once("->") {
                    Some((p, r)) => (p, Some(ty(r)?)),
                    None => (rest, None),
                };
                let inner = params
                    .trim()
                    .strip_prefix('(')
                    .and_then(|p| p.strip_suffix(')'));
                let inner = inner.ok_or("helper parameters must be parenthesised")?;
                let params = split_top(inner).into_iter().map(ty).collect::<R<_>>()?;
                let sig = HelperSig { params, ret };
                self.f.helpers.push(Helper {
                    name: name.to_string(),
                    addr,
                    sig,
                });
            }
            "exit" => {
                // exit eN pc=N reason [rS = kw vN, ...]
                let (head, list) = rest.split_once('[').ok_or("exit needs a [write list]")?;
                let list = list.trim().strip_suffix(']').ok_or("exit list needs ']'")?;
                let mut h = head.split_whitespace();
                let id: usize = num(h.next().unwrap_or(""), "e")?;
                if id != self.f.exits.len() {
                    return Err(format!("exits must be numbered in order, found e{id}"));
                }
                let pc = num(h.next().unwrap_or(""), "pc=")?;
                let r = h.next().unwrap_or("");
                let reason =
                    ExitReason::from_name(r).ok_or_else(|| format!("unknown exit reason {r:?}"))?;
                let mut writes = Vec::new();
                for w in split_top(list) {
                    let (slot, src) = w
                        .split_once('=')
                        .ok_or_else(|| format!("bad write {w:?}"))?;
                    writes.push(ExitWrite {
                        slot: num(slot.trim(), "r")?,
                        source: self.source(src.trim())?,
                    });
                }
                self.f.exits.push(ExitDescriptor { pc, reason, writes });
            }
            "osr" => {
                let mut parts = rest.split_whitespace();
                let pc = num(parts.next().unwrap_or(""), "pc=")?;
                let block = self.block_ref(num(parts.next().unwrap_or(""), "b")?)?;
                self.f.osr_entries.push(OsrEntry { pc, block });
            }
            "int_entry" => {
                let block = self.block_ref(num(rest.trim(), "b")?)?;
                self.f.int_entry = Some(block);
            }
            _ => return Err(format!("unexpected {word:?} before the first block")),
        }
        Ok(())
    }

    fn inst(&mut self, cur: usize, op: Op, result: Option<&str>, rest: &str) -> R<()> {
        let (imm, args): (Imm, Vec<Val>) = if op == Op::Call {
            let (h, args) = call_form(rest)?;
            let h = HelperId(num(h, "h")?);
            (
                Imm::Helper(h),
                args.into_iter().map(|a| self.val(a)).collect::<R<_>>()?,
            )
        } else {
            let mut parts = split_top(rest);
            let imm_kind = op.imm_kind();
            let imm = if imm_kind == ImmKind::None {
                Imm::None
            } else {
                let last = parts
                    .pop()
                    .ok_or_else(|| format!("{} needs an immediate", op.name()))?;
                let bad = |_| format!("bad immediate {last:?}");
                match imm_kind {
                    ImmKind::I64 => Imm::I64(last.parse().map_err(bad)?),
                    ImmKind::F64 => {
                        Imm::F64(last.parse().map_err(|_| format!("bad float {last:?}"))?)
                    }
                    ImmKind::Bool => {
                        Imm::Bool(last.parse().map_err(|_| format!("bad bool {last:?}"))?)
                    }
                    ImmKind::Offset => Imm::Offset(last.parse().map_err(bad)?),
                    ImmKind::Exit => Imm::Exit(ExitId(num(last, "e")?)),
                    ImmKind::Helper | ImmKind::None => Imm::None,
                }
            };
            (
                imm,
                parts.into_iter().map(|a| self.val(a)).collect::<R<_>>()?,
            )
        };
        let res_ty = match op.result() {
            Res::None => None,
            Res::Is(t) => Some(t),
            Res::Same => Some(Ty::I64),
            Res::Call => match imm {
                Imm::Helper(h) => {
                    self.f
                        .helpers
                        .get(h.0 as usize)
                        .ok_or_else(|| format!("helper h{} is not declared", h.0))?
                        .sig
                        .ret
                }
                _ => None,
            },
        };
        let result = match (result, res_ty) {
            (Some(r), Some(t)) => Some(self.define(r, t)?),
            (None, None) => None,
            (Some(_), None) => return Err(format!("{} has no result", op.name())),
            (None, Some(_)) => return Err(format!("{} needs a result value", op.name())),
        };
        if let (Some(r), Res::Same) = (result, op.result()) {
            self.known[r.0 as usize] = false;
            self.pending_same.push((r, args.clone()));
        }
        self.f.blocks[cur].insts.push(Inst {
            op,
            args,
            imm,
            result,
        });
        Ok(())
    }

    /// Gives `select` results the type of their operands, repeating while that resolves more.
    fn resolve_same(&mut self) -> R<()> {
        while !self.pending_same.is_empty() {
            let before = self.pending_same.len();
            let pending = std::mem::take(&mut self.pending_same);
            for (r, args) in pending {
                match args.get(1) {
                    Some(a) if self.known[a.0 as usize] => {
                        self.f.values[r.0 as usize] = self.f.values[a.0 as usize];
                        self.known[r.0 as usize] = true;
                    }
                    Some(_) => self.pending_same.push((r, args)),
                    None => {}
                }
            }
            if self.pending_same.len() == before {
                return Err("select operands have no known type".into());
            }
        }
        Ok(())
    }
}
