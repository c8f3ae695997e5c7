//! The IR verifier: run before lowering (and by `Builder::finish`) so that lowering and the
//! interpreter may assume a well-formed function. Checks operand and result types against the
//! op table, immediates, helper signatures, block arguments, exit descriptors, that each block
//! has a terminator, and that every definition dominates its uses. Dominance is computed with
//! every entry (block 0 and the OSR entries) as a root, so a value used in a loop reachable
//! from an OSR entry must be defined on that path too. Unreachable blocks are type-checked but
//! never lowered.

use super::{Block, FunctionIr, Imm, ImmKind, Inst, Op, Operand, Res, Target, Terminator, Ty, Val};
use crate::error::{JitError, Reason};
use crate::exits::{ExitDescriptor, ExitSource};

fn err<T>(msg: String) -> Result<T, JitError> {
    Err(JitError::Verify(msg))
}

/// Where a value is defined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Def {
    Entry,
    Param(u32),
    Inst(u32, usize),
}

pub fn verify(f: &FunctionIr) -> Result<(), JitError> {
    if f.blocks.is_empty() {
        return err("function has no blocks".into());
    }
    if f.values.len() < 2 || f.values[0] != Ty::Ptr || f.values[1] != Ty::Ptr {
        return err("v0 (regs) and v1 (ctx) must be ptr".into());
    }
    if f.exits.len() >= u32::MAX as usize - 1 {
        return Err(JitError::Unsupported(Reason::TooManyExits));
    }
    if f.return_slot > (i32::MAX / crate::abi::VALUE_SIZE) as u32 {
        return err(format!(
            "return register r{} is out of range",
            f.return_slot
        ));
    }
    let defs = collect_defs(f)?;
    let mut entries = vec![Block(0)];
    for (i, e) in f.osr_entries.iter().enumerate() {
        if f.block(e.block).is_none() {
            return err(format!(
                "OSR entry pc {} names missing block b{}",
                e.pc, e.block.0
            ));
        }
        if f.osr_entries[..i].iter().any(|o| o.pc == e.pc) {
            return err(format!("two OSR entries at pc {}", e.pc));
        }
        entries.push(e.block);
    }
    for &b in &entries {
        if !f.blocks[b.0 as usize].params.is_empty() {
            return err(format!("entry block b{} has parameters", b.0));
        }
    }
    if let Some(b) = f.int_entry {
        let Some(data) = f.block(b) else {
            return err(format!("int entry names missing block b{}", b.0));
        };
        if b.0 == 0 || entries.contains(&b) {
            return err(format!("int entry b{} is another entry", b.0));
        }
        for &p in &data.params {
            if ty_of(f, p, "int entry")? != Ty::I64 {
                return err(format!("int entry parameter v{} is not i64", p.0));
            }
        }
        entries.push(b);
    }
    for (i, e) in f.exits.iter().enumerate() {
        check_exit(f, i, e)?;
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        for inst in &b.insts {
            check_inst(f, bi, inst)?;
        }
        match &b.term {
            None => return err(format!("b{bi} has no terminator")),
            Some(t) => check_term(f, bi, t)?,
        }
    }
    let dom = Dominators::compute(f, &entries);
    check_dominance(f, &defs, &dom)
}

fn ty_of(f: &FunctionIr, v: Val, at: &str) -> Result<Ty, JitError> {
    match f.value_ty(v) {
        Some(t) => Ok(t),
        None => err(format!("{at}: use of undefined value v{}", v.0)),
    }
}

fn collect_defs(f: &FunctionIr) -> Result<Vec<Option<Def>>, JitError> {
    let mut defs: Vec<Option<Def>> = vec![None; f.values.len()];
    defs[0] = Some(Def::Entry);
    defs[1] = Some(Def::Entry);
    let mut define = |v: Val, d: Def| -> Result<(), JitError> {
        match defs.get_mut(v.0 as usize) {
            Some(slot @ None) => {
                *slot = Some(d);
                Ok(())
            }
            Some(Some(_)) => err(format!("v{} is defined twice", v.0)),
            None => err(format!("v{} has no type", v.0)),
        }
    };
    for (bi, b) in f.blocks.iter().enumerate() {
        for &p in &b.params {
            define(p, Def::Param(bi as u32))?;
        }
        for (ii, inst) in b.insts.iter().enumerate() {
            if let Some(r) = inst.result {
                define(r, Def::Inst(bi as u32, ii))?;
            }
        }
    }
    Ok(defs)
}

fn source_ty(s: ExitSource) -> Option<Ty> {
    match s {
        ExitSource::Int(_) => Some(Ty::I64),
        ExitSource::Float(_) => Some(Ty::F64),
        ExitSource::Bool(_) => Some(Ty::Bool),
        ExitSource::Object(_) => Some(Ty::Ptr),
        ExitSource::None | ExitSource::InMemory => None,
    }
}

fn check_source(f: &FunctionIr, s: ExitSource, at: &str) -> Result<(), JitError> {
    if let (Some(v), Some(want)) = (s.value(), source_ty(s)) {
        let got = ty_of(f, v, at)?;
        if got != want {
            return err(format!(
                "{at}: {} needs a {want} value, v{} is {got}",
                s.keyword(),
                v.0
            ));
        }
    }
    Ok(())
}

fn check_exit(f: &FunctionIr, i: usize, e: &ExitDescriptor) -> Result<(), JitError> {
    for (k, w) in e.writes.iter().enumerate() {
        check_source(f, w.source, &format!("exit e{i}"))?;
        if e.writes[..k].iter().any(|o| o.slot == w.slot) {
            return err(format!("exit e{i} writes r{} twice", w.slot));
        }
        if w.slot > (i32::MAX / crate::abi::VALUE_SIZE) as u32 {
            return err(format!("exit e{i}: register r{} is out of range", w.slot));
        }
    }
    Ok(())
}

fn check_inst(f: &FunctionIr, bi: usize, inst: &Inst) -> Result<(), JitError> {
    let at = format!("b{bi}: {}", inst.op.name());
    let of_call = |i: &Inst| i.op == Op::CallInt && i.result == inst.args.first().copied();
    if inst.op == Op::CallIntValue && !f.blocks[bi].insts.iter().any(of_call) {
        return err(format!("{at}: its operand is no call.int of this block"));
    }
    if inst.imm.kind() != inst.op.imm_kind() {
        return err(format!(
            "{at}: immediate {:?} where {:?} is expected",
            inst.imm,
            inst.op.imm_kind()
        ));
    }
    match inst.imm {
        Imm::Exit(e) if e.0 as usize >= f.exits.len() => {
            return err(format!("{at}: exit e{} is not declared", e.0))
        }
        Imm::Helper(h) if h.0 as usize >= f.helpers.len() => {
            return err(format!("{at}: helper h{} is not declared", h.0))
        }
        _ => {}
    }
    let arg_tys: Vec<Ty> = inst
        .args
        .iter()
        .map(|&a| ty_of(f, a, &at))
        .collect::<Result<_, _>>()?;
    let expected_result = if inst.op == Op::CallInt {
        let fixed = [Ty::Ptr, Ty::Ptr, Ty::Ptr];
        if arg_tys.len() < 3 || arg_tys[..3] != fixed || arg_tys[3..].iter().any(|&t| t != Ty::I64)
        {
            return err(format!(
                "{at}: operands {arg_tys:?}, expected ptr, ptr, ptr, then i64s"
            ));
        }
        Some(Ty::I64)
    } else if inst.op.imm_kind() == ImmKind::Helper {
        let Imm::Helper(h) = inst.imm else {
            unreachable!("imm kind checked above")
        };
        let sig = &f.helpers[h.0 as usize].sig;
        if arg_tys != sig.params {
            return err(format!(
                "{at}: arguments {arg_tys:?} do not match helper {:?}",
                sig.params
            ));
        }
        sig.ret
    } else {
        let opnds = inst.op.operands();
        if opnds.len() != arg_tys.len() {
            return err(format!(
                "{at}: {} operands, expected {}",
                arg_tys.len(),
                opnds.len()
            ));
        }
        let mut same: Option<Ty> = None;
        for (k, (o, &t)) in opnds.iter().zip(&arg_tys).enumerate() {
            match *o {
                Operand::Is(want) if want != t => {
                    return err(format!("{at}: operand {k} is {t}, expected {want}"));
                }
                Operand::Same => match same {
                    Some(s) if s != t => {
                        return err(format!("{at}: operand {k} is {t}, expected {s}"));
                    }
                    _ => same = Some(t),
                },
                _ => {}
            }
        }
        match inst.op.result() {
            Res::None => None,
            Res::Is(t) => Some(t),
            Res::Same => same,
            Res::Call => None,
        }
    };
    let got = inst.result.map(|r| f.value_ty(r));
    match (expected_result, got) {
        (None, None) => Ok(()),
        (Some(want), Some(Some(t))) if want == t => Ok(()),
        (want, _) => err(format!("{at}: result should be {want:?}")),
    }
}

fn check_target(f: &FunctionIr, bi: usize, t: &Target) -> Result<(), JitError> {
    let at = format!("b{bi}: branch to b{}", t.block.0);
    let Some(dest) = f.block(t.block) else {
        return err(format!("{at}: no such block"));
    };
    if t.block.0 == 0
        || f.osr_entries.iter().any(|e| e.block == t.block)
        || f.int_entry == Some(t.block)
    {
        return err(format!("{at}: entry blocks cannot be branch targets"));
    }
    if dest.params.len() != t.args.len() {
        return err(format!(
            "{at}: {} arguments for {} parameters",
            t.args.len(),
            dest.params.len()
        ));
    }
    for (&a, &p) in t.args.iter().zip(&dest.params) {
        if ty_of(f, a, &at)? != ty_of(f, p, &at)? {
            return err(format!(
                "{at}: argument v{} does not match parameter v{}",
                a.0, p.0
            ));
        }
    }
    Ok(())
}

fn check_term(f: &FunctionIr, bi: usize, t: &Terminator) -> Result<(), JitError> {
    let at = format!("b{bi} terminator");
    match t {
        Terminator::Jump(t) => check_target(f, bi, t),
        Terminator::Brif { cond, then, els } => {
            if ty_of(f, *cond, &at)? != Ty::Bool {
                return err(format!("{at}: brif condition v{} is not bool", cond.0));
            }
            check_target(f, bi, then)?;
            check_target(f, bi, els)
        }
        Terminator::Return(s) => check_source(f, *s, &at),
        Terminator::Exit(e) if e.0 as usize >= f.exits.len() => {
            err(format!("{at}: exit e{} is not declared", e.0))
        }
        Terminator::Exit(_) => Ok(()),
    }
}

/// Immediate dominators over the CFG plus a virtual root whose successors are the entries.
pub(crate) struct Dominators {
    /// `idom[b]`, with the virtual root as `n`; `None` for unreachable blocks.
    idom: Vec<Option<usize>>,
}

impl Dominators {
    pub(crate) fn compute(f: &FunctionIr, entries: &[Block]) -> Dominators {
        let n = f.blocks.len();
        let root = n;
        let succs = |b: usize| -> Vec<usize> {
            if b == root {
                entries.iter().map(|e| e.0 as usize).collect()
            } else {
                f.blocks[b].term.as_ref().map_or(Vec::new(), |t| {
                    t.successors()
                        .iter()
                        .map(|s| s.0 as usize)
                        .filter(|&s| s < n)
                        .collect()
                })
            }
        };
        // Iterative post-order from the root.
        let mut post = Vec::new();
        let mut seen = vec![false; n + 1];
        let mut stack = vec![(root, succs(root), 0usize)];
        seen[root] = true;
        while let Some((b, ss, i)) = stack.last_mut() {
            if *i < ss.len() {
                let s = ss[*i];
                *i += 1;
                if !seen[s] {
                    seen[s] = true;
                    let next = succs(s);
                    stack.push((s, next, 0));
                }
            } else {
                post.push(*b);
                stack.pop();
            }
        }
        let rpo: Vec<usize> = post.iter().rev().copied().collect();
        let mut rpo_index = vec![usize::MAX; n + 1];
        for (i, &b) in rpo.iter().enumerate() {
            rpo_index[b] = i;
        }
        let mut preds = vec![Vec::new(); n + 1];
        for &b in &rpo {
            for s in succs(b) {
                preds[s].push(b);
            }
        }
        let mut idom: Vec<Option<usize>> = vec![None; n + 1];
        idom[root] = Some(root);
        let mut changed = true;
        while changed {
            changed = false;
            for &b in rpo.iter().skip(1) {
                let mut new: Option<usize> = None;
                for &p in &preds[b] {
                    if idom[p].is_none() {
                        continue;
                    }
                    new = Some(match new {
                        None => p,
                        Some(q) => intersect(&idom, &rpo_index, p, q),
                    });
                }
                if new.is_some() && idom[b] != new {
                    idom[b] = new;
                    changed = true;
                }
            }
        }
        Dominators { idom }
    }

    pub(crate) fn reachable(&self, b: usize) -> bool {
        self.idom.get(b).is_some_and(Option::is_some)
    }

    /// Whether block `a` dominates block `b` (reflexive).
    fn dominates(&self, a: usize, mut b: usize) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.idom[b] {
                Some(d) if d != b => b = d,
                _ => return false,
            }
        }
    }
}

fn intersect(idom: &[Option<usize>], rpo: &[usize], mut a: usize, mut b: usize) -> usize {
    while a != b {
        while rpo[a] > rpo[b] {
            a = idom[a].unwrap_or(a);
        }
        while rpo[b] > rpo[a] {
            b = idom[b].unwrap_or(b);
        }
    }
    a
}

fn check_dominance(f: &FunctionIr, defs: &[Option<Def>], dom: &Dominators) -> Result<(), JitError> {
    for (bi, b) in f.blocks.iter().enumerate() {
        if !dom.reachable(bi) {
            continue;
        }
        let available = |v: Val, pos: usize| -> bool {
            match defs.get(v.0 as usize).copied().flatten() {
                Some(Def::Entry) => true,
                Some(Def::Param(d)) => dom.dominates(d as usize, bi),
                Some(Def::Inst(d, i)) if d as usize == bi => i < pos,
                Some(Def::Inst(d, _)) => dom.dominates(d as usize, bi),
                None => false,
            }
        };
        let exit_ok = |e: usize, pos: usize| -> Result<(), JitError> {
            for w in &f.exits[e].writes {
                if let Some(v) = w.source.value() {
                    if !available(v, pos) {
                        return err(format!(
                            "b{bi}: exit e{e} writes v{} which is not defined on every path here",
                            v.0
                        ));
                    }
                }
            }
            Ok(())
        };
        for (ii, inst) in b.insts.iter().enumerate() {
            for &a in &inst.args {
                if !available(a, ii) {
                    return err(format!(
                        "b{bi}: {} uses v{} before its definition",
                        inst.op.name(),
                        a.0
                    ));
                }
            }
            if let Imm::Exit(e) = inst.imm {
                exit_ok(e.0 as usize, ii)?;
            }
        }
        let end = b.insts.len();
        let uses: Vec<Val> = match &b.term {
            Some(Terminator::Jump(t)) => t.args.clone(),
            Some(Terminator::Brif { cond, then, els }) => {
                let mut u = vec![*cond];
                u.extend(&then.args);
                u.extend(&els.args);
                u
            }
            Some(Terminator::Return(s)) => s.value().into_iter().collect(),
            Some(Terminator::Exit(e)) => {
                exit_ok(e.0 as usize, end)?;
                Vec::new()
            }
            None => Vec::new(),
        };
        for v in uses {
            if !available(v, end) {
                return err(format!(
                    "b{bi}: terminator uses v{} before its definition",
                    v.0
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::builder::Builder;

    /// b0 -> b1 (loop header) <-> b2, b1 -> b3; OSR entry b4 -> b1.
    fn loop_with_osr() -> FunctionIr {
        let mut b = Builder::new("d");
        let (h, body, exit, osr) = (
            b.create_block(&[]),
            b.create_block(&[]),
            b.create_block(&[]),
            b.create_block(&[]),
        );
        b.jump(h, &[]);
        b.switch_to(h);
        let c = b.bconst(true);
        b.brif(c, body, &[], exit, &[]);
        b.switch_to(body);
        b.jump(h, &[]);
        b.switch_to(exit);
        b.ret(ExitSource::None);
        b.switch_to(osr);
        b.jump(h, &[]);
        b.add_osr_entry(3, osr);
        b.finish().unwrap()
    }

    #[test]
    fn dominators_with_two_entries() {
        let f = loop_with_osr();
        let d = Dominators::compute(&f, &[Block(0), Block(4)]);
        assert!(d.dominates(1, 2) && d.dominates(1, 3));
        assert!(
            !d.dominates(0, 1),
            "the OSR entry reaches the header without b0"
        );
        assert!(!d.dominates(4, 1));
        assert!(!d.dominates(2, 1));
        let only_main = Dominators::compute(&f, &[Block(0)]);
        assert!(only_main.dominates(0, 1));
        assert!(!only_main.reachable(4));
    }
}
