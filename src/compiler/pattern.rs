//! `match` statements. Each case tests its pattern against the subject (kept in a temporary)
//! and jumps to the next case on the first failed test; captures are stored as they match.
//! Sequence, mapping and class patterns use the `Match*`/`GetLen` helpers, then unpack the
//! parts into temporaries and match sub-patterns against them. CPython's compile-time checks
//! (unreachable cases, duplicate captures, or-patterns binding different names, duplicate
//! mapping keys) are raised here with CPython's messages.

use std::collections::HashSet;

use crate::ast::{Expr, MatchCase, Pattern, PatternKind};
use crate::bytecode::code::Constant;
use crate::bytecode::opcodes::Instr;
use crate::source::TextRange;

use super::func::{FuncState, Label};
use super::{Compiler, R};

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> R {
        let subj = self.expr_temp(subject)?;
        let end = self.f().new_label();
        for (i, case) in cases.iter().enumerate() {
            let p = &case.pattern;
            if i + 1 < cases.len() && case.guard.is_none() {
                if let PatternKind::MatchAs {
                    pattern: None,
                    name,
                } = &p.kind
                {
                    let msg = match name {
                        Some(n) => {
                            format!("name capture '{n}' makes remaining patterns unreachable")
                        }
                        None => "wildcard makes remaining patterns unreachable".to_string(),
                    };
                    return self.err(msg, p.range);
                }
            }
            self.check_pattern_names(p)?;
            let fail = self.f().new_label();
            let before = self.bound_snapshot();
            let mark = self.f().mark();
            self.at(p.range, |c| c.pattern(p, subj, fail))?;
            self.f().release_to(mark);
            if let Some(g) = &case.guard {
                self.jump_if(g, false, fail)?;
            }
            self.stmts(&case.body)?;
            self.jump(end);
            self.f().bind(fail);
            self.bound_restore(before);
        }
        self.f().bind(end);
        Ok(())
    }

    fn fail_unless(&mut self, cond: u16, fail: Label) {
        self.emit(Instr::JumpIfFalse {
            cond,
            target: FuncState::target(fail),
        });
    }

    fn len_check(&mut self, subj: u16, n: usize, at_least: bool, fail: Label) -> R {
        let t = self.f().alloc()?;
        self.emit(Instr::GetLen { dst: t, src: subj });
        let k = self.f().add_const(Constant::Int(n as i64))?;
        self.emit(if at_least {
            Instr::GeK { dst: t, a: t, k }
        } else {
            Instr::EqK { dst: t, a: t, k }
        });
        self.fail_unless(t, fail);
        self.f().release_to(t);
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, subj: u16, fail: Label) -> R {
        let mark = self.f().mark();
        match &p.kind {
            PatternKind::MatchValue { value } => {
                let t = self.f().alloc()?;
                match self.fold(value) {
                    Some(k) => {
                        let k = self.f().add_const(k)?;
                        self.emit(Instr::EqK { dst: t, a: subj, k });
                    }
                    None => {
                        let v = self.expr_any(value)?;
                        self.emit(Instr::Eq {
                            dst: t,
                            a: subj,
                            b: v,
                        });
                    }
                }
                self.fail_unless(t, fail);
            }
            PatternKind::MatchSingleton { value } => {
                let t = self.const_temp(super::fold::constant(value))?;
                self.emit(Instr::Is {
                    dst: t,
                    a: subj,
                    b: t,
                });
                self.fail_unless(t, fail);
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(inner) = pattern {
                    self.pattern(inner, subj, fail)?;
                }
                if let Some(n) = name {
                    self.store_name(n, subj)?;
                }
            }
            PatternKind::MatchOr { patterns } => {
                let success = self.f().new_label();
                let (last, init) = patterns
                    .split_last()
                    .expect("an or-pattern has alternatives");
                for alt in init {
                    let next = self.f().new_label();
                    self.pattern(alt, subj, next)?;
                    self.jump(success);
                    self.f().bind(next);
                }
                self.pattern(last, subj, fail)?;
                self.f().bind(success);
            }
            PatternKind::MatchSequence { patterns } => {
                self.sequence_pattern(patterns, subj, fail, p.range)?
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.mapping_pattern(keys, patterns, rest.as_deref(), subj, fail, p.range)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let w = self.f().alloc_n(3)?;
                self.emit(Instr::Move { dst: w, src: subj });
                self.expr_to(cls, w + 1)?;
                let names: Vec<Constant> = kwd_attrs
                    .iter()
                    .map(|a| Constant::Str(a.as_str().into()))
                    .collect();
                self.load_const(Constant::Tuple(names.into()), w + 2)?;
                let r = self.f().alloc()?;
                self.emit(Instr::MatchClass {
                    dst: r,
                    args: w,
                    nargs: patterns.len() as u16,
                });
                self.emit(Instr::JumpIfNone {
                    src: r,
                    target: FuncState::target(fail),
                });
                let all: Vec<&'a Pattern> = patterns.iter().chain(kwd_patterns).collect();
                self.sub_patterns(&all, r, fail)?;
            }
            PatternKind::MatchStar { .. } => {
                return self.err("can't use starred name here", p.range);
            }
        }
        self.f().release_to(mark);
        Ok(())
    }

    /// Unpacks the tuple `r[src]` into temporaries and matches each against its sub-pattern.
    fn sub_patterns(&mut self, pats: &[&'a Pattern], src: u16, fail: Label) -> R {
        if pats.is_empty() {
            return Ok(());
        }
        let base = self.f().alloc_n(pats.len() as u32)?;
        self.emit(Instr::UnpackSequence {
            dst: base,
            src,
            count: pats.len() as u16,
        });
        for (i, sp) in pats.iter().enumerate() {
            self.pattern(sp, base + i as u16, fail)?;
        }
        Ok(())
    }

    fn sequence_pattern(
        &mut self,
        patterns: &'a [Pattern],
        subj: u16,
        fail: Label,
        range: TextRange,
    ) -> R {
        let stars: Vec<usize> = patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.kind, PatternKind::MatchStar { .. }))
            .map(|(i, _)| i)
            .collect();
        if stars.len() > 1 {
            return self.err("multiple starred names in sequence pattern", range);
        }
        let t = self.f().alloc()?;
        self.emit(Instr::MatchSequence {
            dst: t,
            subject: subj,
        });
        self.fail_unless(t, fail);
        self.f().release_to(t);
        let n = patterns.len();
        self.len_check(subj, n - stars.len(), !stars.is_empty(), fail)?;
        if n == 0 {
            return Ok(());
        }
        let base = self.f().alloc_n(n as u32)?;
        match stars.first() {
            Some(&i) => {
                let after = n - i - 1;
                if i > 255 || after > 255 {
                    return self.err("too many sub-patterns in sequence pattern", range);
                }
                self.emit(Instr::UnpackEx {
                    dst: base,
                    src: subj,
                    before: i as u8,
                    after: after as u8,
                });
            }
            None => self.emit(Instr::UnpackSequence {
                dst: base,
                src: subj,
                count: n as u16,
            }),
        }
        for (i, sp) in patterns.iter().enumerate() {
            match &sp.kind {
                PatternKind::MatchStar { name: Some(n) } => self.store_name(n, base + i as u16)?,
                PatternKind::MatchStar { name: None } => {}
                _ => self.pattern(sp, base + i as u16, fail)?,
            }
        }
        Ok(())
    }

    fn mapping_pattern(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&str>,
        subj: u16,
        fail: Label,
        range: TextRange,
    ) -> R {
        let t = self.f().alloc()?;
        self.emit(Instr::MatchMapping {
            dst: t,
            subject: subj,
        });
        self.fail_unless(t, fail);
        self.f().release_to(t);
        if !keys.is_empty() {
            self.len_check(subj, keys.len(), true, fail)?;
        }
        let mut seen: Vec<Constant> = Vec::new();
        let mut folded = Vec::new();
        for k in keys {
            if let Some(c) = self.fold(k) {
                if seen.iter().any(|s| s.same(&c)) {
                    return self.err(
                        format!("mapping pattern checks duplicate key ({})", const_repr(&c)),
                        range,
                    );
                }
                seen.push(c.clone());
                folded.push(Some(c));
            } else {
                folded.push(None);
            }
        }
        let keys_reg = self.f().alloc()?;
        if folded.iter().all(Option::is_some) {
            let tuple: Vec<Constant> = folded.into_iter().flatten().collect();
            self.load_const(Constant::Tuple(tuple.into()), keys_reg)?;
        } else {
            let start = self.f().mark();
            for k in keys {
                self.expr_temp(k)?;
            }
            self.emit(Instr::BuildTuple {
                dst: keys_reg,
                start,
                count: keys.len() as u16,
            });
            self.f().release_to(start);
        }
        if !keys.is_empty() {
            let vals = self.f().alloc()?;
            self.emit(Instr::MatchKeys {
                dst: vals,
                subject: subj,
                keys: keys_reg,
            });
            self.emit(Instr::JumpIfNone {
                src: vals,
                target: FuncState::target(fail),
            });
            let pats: Vec<&'a Pattern> = patterns.iter().collect();
            self.sub_patterns(&pats, vals, fail)?;
        }
        if let Some(rest) = rest {
            let r = self.f().alloc()?;
            self.emit(Instr::CopyDictWithoutKeys {
                dst: r,
                subject: subj,
                keys: keys_reg,
            });
            self.store_name(rest, r)?;
        }
        Ok(())
    }

    /// Captured names: no name twice in one pattern; all alternatives of `|` bind the same set.
    fn check_pattern_names(&self, p: &Pattern) -> R {
        let mut seen = Vec::new();
        self.pattern_names(p, &mut seen)
    }

    fn pattern_names(&self, p: &Pattern, out: &mut Vec<String>) -> R {
        let bind = |name: &Option<String>, out: &mut Vec<String>| -> R {
            if let Some(n) = name {
                if out.contains(n) {
                    return self.err(
                        format!("multiple assignments to name '{n}' in pattern"),
                        p.range,
                    );
                }
                out.push(n.clone());
            }
            Ok(())
        };
        match &p.kind {
            PatternKind::MatchValue { .. } | PatternKind::MatchSingleton { .. } => Ok(()),
            PatternKind::MatchAs { pattern, name } => {
                if let Some(inner) = pattern {
                    self.pattern_names(inner, out)?;
                }
                bind(name, out)
            }
            PatternKind::MatchStar { name } => bind(name, out),
            PatternKind::MatchSequence { patterns } => {
                patterns.iter().try_for_each(|p| self.pattern_names(p, out))
            }
            PatternKind::MatchMapping { patterns, rest, .. } => {
                patterns
                    .iter()
                    .try_for_each(|p| self.pattern_names(p, out))?;
                bind(rest, out)
            }
            PatternKind::MatchClass {
                patterns,
                kwd_patterns,
                ..
            } => patterns
                .iter()
                .chain(kwd_patterns)
                .try_for_each(|p| self.pattern_names(p, out)),
            PatternKind::MatchOr { patterns } => {
                let mut first: Option<HashSet<String>> = None;
                for alt in patterns {
                    let mut names = Vec::new();
                    self.pattern_names(alt, &mut names)?;
                    let set: HashSet<String> = names.into_iter().collect();
                    match &first {
                        None => first = Some(set),
                        Some(f) if *f != set => {
                            return self.err("alternative patterns bind different names", alt.range)
                        }
                        Some(_) => {}
                    }
                }
                for n in first.unwrap_or_default() {
                    bind(&Some(n), out)?;
                }
                Ok(())
            }
        }
    }
}

/// `repr()` of a constant key for the duplicate-key message.
fn const_repr(c: &Constant) -> String {
    match c {
        Constant::Str(s) => format!("'{s}'"),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::None => "None".into(),
        Constant::Float(f) => format!("{f:?}"),
        _ => "...".into(),
    }
}
