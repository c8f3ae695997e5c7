//! Expressions. The destination-register discipline of Lua's `expdesc`: `expr_to(e, dst)`
//! computes `e` straight into `dst` (so `a = b + 1` is one `ADD_K` into `a`'s register), and
//! `expr_any(e)` returns a bound local's own register without any code, or a fresh temporary.
//! Expressions that write their destination before reading all their inputs (`and`/`or`,
//! conditional expressions, chained comparisons, walrus) are computed into a temporary first
//! when the destination is a named register.

use crate::ast::{self, BoolOp, CmpOp, Expr, ExprKind, Operator, UnaryOp};
use crate::bytecode::code::Constant;
use crate::bytecode::opcodes::Instr;

use super::func::{FuncState, Label};
use super::{Compiler, NameOp, R};

impl<'a> Compiler<'a> {
    /// `e` in some register: a bound local's own register, or a new temporary.
    pub(super) fn expr_any(&mut self, e: &'a Expr) -> R<u16> {
        if let ExprKind::Name {
            id,
            ctx: ast::ExprContext::Load,
        } = &e.kind
        {
            if let NameOp::Fast(r) = self.name_op(&self.mangled(id), true) {
                self.at(e.range, |c| {
                    c.check_bound(r);
                    Ok(())
                })?;
                return Ok(r);
            }
        }
        let t = self.f().alloc()?;
        self.expr_to(e, t)?;
        Ok(t)
    }

    /// `e` into a new temporary (for call windows and builds, which need consecutive registers).
    pub(super) fn expr_temp(&mut self, e: &'a Expr) -> R<u16> {
        let t = self.f().alloc()?;
        self.expr_to(e, t)?;
        Ok(t)
    }

    pub(super) fn load_const(&mut self, c: Constant, dst: u16) -> R {
        let k = self.f().add_const(c)?;
        self.emit(Instr::LoadConst { dst, k });
        Ok(())
    }

    pub(super) fn const_temp(&mut self, c: Constant) -> R<u16> {
        let t = self.f().alloc()?;
        self.load_const(c, t)?;
        Ok(t)
    }

    /// Computes `e` into `dst`.
    pub(super) fn expr_to(&mut self, e: &'a Expr, dst: u16) -> R {
        let multi_step = matches!(
            &e.kind,
            ExprKind::BoolOp { .. } | ExprKind::IfExp { .. } | ExprKind::NamedExpr { .. }
        ) || matches!(&e.kind, ExprKind::Compare { ops, .. } if ops.len() > 1);
        if multi_step && !self.f().is_temp(dst) {
            let t = self.f().alloc()?;
            self.expr_to(e, t)?;
            self.at(e.range, |c| {
                c.emit(Instr::Move { dst, src: t });
                Ok(())
            })?;
            self.f().release_to(t);
            return Ok(());
        }
        let mark = self.f().mark();
        self.at(e.range, |c| c.expr_kind(e, dst))?;
        self.f().release_to(mark);
        Ok(())
    }

    fn expr_kind(&mut self, e: &'a Expr, dst: u16) -> R {
        if let Some(k) = self.fold(e) {
            return self.load_const(k, dst);
        }
        match &e.kind {
            ExprKind::Constant { value, .. } => {
                let k = super::fold::constant(value);
                self.load_const(k, dst)
            }
            ExprKind::Name { id, .. } => self.load_name(id, dst),
            ExprKind::BinOp { left, op, right } => {
                let a = self.expr_any(left)?;
                self.at(e.range, |c| c.binary(*op, false, a, right, dst))
            }
            ExprKind::UnaryOp { op, operand } => {
                if *op == UnaryOp::Not {
                    let src = self.expr_any(operand)?;
                    self.emit(Instr::Not { dst, src });
                    return Ok(());
                }
                let src = self.expr_any(operand)?;
                self.emit(match op {
                    UnaryOp::Invert => Instr::Invert { dst, src },
                    UnaryOp::UAdd => Instr::Pos { dst, src },
                    UnaryOp::USub => Instr::Neg { dst, src },
                    UnaryOp::Not => unreachable!("handled above"),
                });
                Ok(())
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.f().new_label();
                for (i, v) in values.iter().enumerate() {
                    self.expr_to(v, dst)?;
                    if i + 1 < values.len() {
                        let target = FuncState::target(end);
                        self.emit(match op {
                            BoolOp::And => Instr::JumpIfFalse { cond: dst, target },
                            BoolOp::Or => Instr::JumpIfTrue { cond: dst, target },
                        });
                    }
                }
                self.f().bind(end);
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.f().new_label();
                let end = self.f().new_label();
                self.jump_if(test, false, else_l)?;
                self.expr_to(body, dst)?;
                self.jump(end);
                self.f().bind(else_l);
                self.expr_to(orelse, dst)?;
                self.f().bind(end);
                Ok(())
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr_to(value, dst)?;
                let ExprKind::Name { id, .. } = &target.kind else {
                    return self.err(
                        "cannot use assignment expressions with this target",
                        target.range,
                    );
                };
                // A walrus may sit on a path that is not always taken (`a and (x := 1)`), so
                // it never makes the variable count as surely bound.
                let snapshot = self.bound_snapshot();
                self.at(target.range, |c| c.store_name(id, dst))?;
                self.bound_restore(snapshot);
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators, dst),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, dst),
            ExprKind::Attribute { value, attr, .. } => {
                let obj = self.expr_any(value)?;
                let name = self.mangled(attr).into_owned();
                let name = self.f().add_name(&name)?;
                let range = self.at_attr_name_line(e, e.range);
                self.at(range, |c| {
                    c.emit(Instr::LoadAttr { dst, obj, name });
                    Ok(())
                })
            }
            ExprKind::Subscript { value, slice, .. } => {
                let obj = self.expr_any(value)?;
                let key = self.expr_any(slice)?;
                self.at(e.range, |c| {
                    c.emit(Instr::LoadSubscr { dst, obj, key });
                    Ok(())
                })
            }
            ExprKind::Slice { lower, upper, step } => self.slice(lower, upper, step, dst),
            ExprKind::Tuple { elts, .. } => self.build_seq(elts, Seq::Tuple, dst),
            ExprKind::List { elts, .. } => self.build_seq(elts, Seq::List, dst),
            ExprKind::Set { elts } => self.build_seq(elts, Seq::Set, dst),
            ExprKind::Dict { keys, values } => self.build_dict(keys, values, dst),
            ExprKind::JoinedStr { values } => self.joined_str(values, dst),
            ExprKind::FormattedValue { .. } => self.joined_str(std::slice::from_ref(e), dst),
            ExprKind::Lambda { args, body } => self.lambda(e, args, body, dst),
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.comprehension(e, dst),
            ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }
                if !self.ur().kind.is_function_like() =>
            {
                self.err("'yield' outside function", e.range)
            }
            ExprKind::Yield { value } => {
                let src = match value {
                    Some(v) => self.expr_any(v)?,
                    None => self.const_temp(Constant::None)?,
                };
                self.emit(Instr::Yield { dst, src });
                Ok(())
            }
            ExprKind::YieldFrom { value } => {
                let v = self.expr_any(value)?;
                let it = self.f().alloc()?;
                self.emit(Instr::GetYieldFromIter { dst: it, src: v });
                self.emit(Instr::YieldFrom { dst, iter: it });
                Ok(())
            }
            ExprKind::Starred { .. } => self.err("can't use starred expression here", e.range),
        }
    }

    /// `r[dst] = r[a] <op> right`, using the constant form when `right` is a constant.
    pub(super) fn binary(
        &mut self,
        op: Operator,
        inplace: bool,
        a: u16,
        right: &'a Expr,
        dst: u16,
    ) -> R {
        if let Some(k) = self.fold(right) {
            let k = self.f().add_const(k)?;
            self.emit(binary_k(op, inplace, dst, a, k));
        } else {
            let b = self.expr_any(right)?;
            self.emit(binary_rr(op, inplace, dst, a, b));
        }
        Ok(())
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr], dst: u16) -> R {
        let mut a = self.expr_any(left)?;
        let end = self.f().new_label();
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            let last = i + 1 == ops.len();
            let k = if last { self.fold(right) } else { None };
            match (k, op) {
                (
                    Some(k),
                    CmpOp::Eq | CmpOp::NotEq | CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE,
                ) => {
                    let k = self.f().add_const(k)?;
                    self.emit(compare_k(*op, dst, a, k));
                }
                _ => {
                    // A middle operand is evaluated once and kept for the next comparison.
                    let b = if last {
                        self.expr_any(right)?
                    } else {
                        self.expr_temp(right)?
                    };
                    self.emit(compare_rr(*op, dst, a, b));
                    a = b;
                }
            }
            if !last {
                self.emit(Instr::JumpIfFalse {
                    cond: dst,
                    target: FuncState::target(end),
                });
            }
        }
        self.f().bind(end);
        Ok(())
    }

    /// Jumps to `label` when the truth of `e` equals `when`; falls through otherwise.
    pub(super) fn jump_if(&mut self, e: &'a Expr, when: bool, label: Label) -> R {
        if let Some(k) = self.fold(e) {
            if let Some(truth) = super::fold::truthiness(&k) {
                if truth == when {
                    self.jump(label);
                }
                return Ok(());
            }
        }
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !when, label),
            ExprKind::BoolOp { op, values } => {
                let is_and = *op == BoolOp::And;
                let (last, init) = values.split_last().expect("a BoolOp has operands");
                if is_and != when {
                    // `a and b` jumping when false (or `a or b` when true): any operand decides.
                    for v in init {
                        self.jump_if(v, when, label)?;
                    }
                    return self.jump_if(last, when, label);
                }
                let skip = self.f().new_label();
                for v in init {
                    self.jump_if(v, !when, skip)?;
                }
                self.jump_if(last, when, label)?;
                self.f().bind(skip);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() == 1 => {
                if let (
                    CmpOp::Is | CmpOp::IsNot,
                    ExprKind::Constant {
                        value: ast::Constant::None,
                        ..
                    },
                ) = (ops[0], &comparators[0].kind)
                {
                    let mark = self.f().mark();
                    let src = self.expr_any(left)?;
                    let is_none_jump = (ops[0] == CmpOp::Is) == when;
                    let target = FuncState::target(label);
                    self.at(e.range, |c| {
                        c.emit(if is_none_jump {
                            Instr::JumpIfNone { src, target }
                        } else {
                            Instr::JumpIfNotNone { src, target }
                        });
                        Ok(())
                    })?;
                    self.f().release_to(mark);
                    return Ok(());
                }
            }
            _ => {}
        }
        let mark = self.f().mark();
        let cond = self.expr_any(e)?;
        let target = FuncState::target(label);
        self.at(e.range, |c| {
            c.emit(if when {
                Instr::JumpIfTrue { cond, target }
            } else {
                Instr::JumpIfFalse { cond, target }
            });
            Ok(())
        })?;
        self.f().release_to(mark);
        Ok(())
    }

    pub(super) fn jump(&mut self, label: Label) {
        self.emit(Instr::Jump {
            target: FuncState::target(label),
        });
    }

    fn slice(
        &mut self,
        lower: &'a Option<Box<Expr>>,
        upper: &'a Option<Box<Expr>>,
        step: &'a Option<Box<Expr>>,
        dst: u16,
    ) -> R {
        let parts: Vec<&'a Option<Box<Expr>>> = if step.is_some() {
            vec![lower, upper, step]
        } else {
            vec![lower, upper]
        };
        let start = self.f().mark();
        for p in &parts {
            match p {
                Some(e) => self.expr_temp(e)?,
                None => self.const_temp(Constant::None)?,
            };
        }
        self.emit(Instr::BuildSlice {
            dst,
            start,
            count: parts.len() as u16,
        });
        Ok(())
    }

    /// Lists, tuples and sets, with `*iterable` items.
    fn build_seq(&mut self, elts: &'a [Expr], kind: Seq, dst: u16) -> R {
        let first_star = elts
            .iter()
            .position(|e| matches!(e.kind, ExprKind::Starred { .. }));
        let plain = first_star.unwrap_or(elts.len());
        if plain > u16::MAX as usize {
            return self.err("too many items in a display", elts[0].range);
        }
        let count = plain as u16;
        // An empty window still names an in-range register.
        let start = if count == 0 { dst } else { self.f().mark() };
        for e in &elts[..plain] {
            self.expr_temp(e)?;
        }
        if first_star.is_none() {
            self.emit(match kind {
                Seq::Tuple => Instr::BuildTuple { dst, start, count },
                Seq::List => Instr::BuildList { dst, start, count },
                Seq::Set => Instr::BuildSet { dst, start, count },
            });
            return Ok(());
        }
        // From the first starred item on: build a list (or set) and extend it item by item.
        let acc = self.f().alloc()?;
        self.emit(match kind {
            Seq::Set => Instr::BuildSet {
                dst: acc,
                start,
                count,
            },
            _ => Instr::BuildList {
                dst: acc,
                start,
                count,
            },
        });
        for e in &elts[plain..] {
            let mark = self.f().mark();
            match &e.kind {
                ExprKind::Starred { value, .. } => {
                    let src = self.expr_any(value)?;
                    self.emit(match kind {
                        Seq::Set => Instr::SetUpdate { set: acc, src },
                        _ => Instr::ListExtend { list: acc, src },
                    });
                }
                _ => {
                    let src = self.expr_any(e)?;
                    self.emit(match kind {
                        Seq::Set => Instr::SetAdd { set: acc, src },
                        _ => Instr::ListAppend { list: acc, src },
                    });
                }
            }
            self.f().release_to(mark);
        }
        self.emit(match kind {
            Seq::Tuple => Instr::ListToTuple { dst, src: acc },
            _ => Instr::Move { dst, src: acc },
        });
        Ok(())
    }

    fn build_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], dst: u16) -> R {
        let plain = keys
            .iter()
            .position(|k| k.is_none())
            .unwrap_or(keys.len())
            .min(u16::MAX as usize);
        let acc = self.f().alloc()?;
        let start = if plain == 0 { acc } else { self.f().mark() };
        for (k, v) in keys[..plain].iter().zip(values) {
            self.expr_temp(k.as_ref().expect("plain entries have keys"))?;
            self.expr_temp(v)?;
        }
        self.emit(Instr::BuildMap {
            dst: acc,
            start,
            count: plain as u16,
        });
        self.f().release_to(acc + 1);
        for (k, v) in keys[plain..].iter().zip(&values[plain..]) {
            let mark = self.f().mark();
            match k {
                Some(k) => {
                    let key = self.expr_temp(k)?;
                    let value = self.expr_any(v)?;
                    self.emit(Instr::DictSet {
                        dict: acc,
                        key,
                        value,
                    });
                }
                None => {
                    let src = self.expr_any(v)?;
                    self.at(v.range, |c| {
                        c.emit(Instr::DictUpdate { dict: acc, src });
                        Ok(())
                    })?;
                }
            }
            self.f().release_to(mark);
        }
        self.emit(Instr::Move { dst, src: acc });
        Ok(())
    }

    /// f-strings: each piece converted/formatted to a str, then joined.
    fn joined_str(&mut self, values: &'a [Expr], dst: u16) -> R {
        if let [only] = values {
            if let ExprKind::Constant {
                value: ast::Constant::Str(s),
                ..
            } = &only.kind
            {
                return self.load_const(Constant::Str(s.as_str().into()), dst);
            }
        }
        if values.is_empty() {
            return self.load_const(Constant::Str("".into()), dst);
        }
        let start = self.f().mark();
        for v in values {
            let t = self.f().alloc()?;
            match &v.kind {
                ExprKind::FormattedValue {
                    value,
                    conversion,
                    format_spec,
                } => {
                    self.at(v.range, |c| {
                        c.expr_to(value, t)?;
                        if *conversion >= 0 {
                            c.emit(Instr::ConvertValue {
                                dst: t,
                                src: t,
                                conv: *conversion as u8,
                            });
                        }
                        match format_spec {
                            Some(spec) => {
                                let s = c.expr_temp(spec)?;
                                c.emit(Instr::FormatSpec {
                                    dst: t,
                                    src: t,
                                    spec: s,
                                });
                                c.f().release_to(s);
                            }
                            None => c.emit(Instr::FormatSimple { dst: t, src: t }),
                        }
                        Ok(())
                    })?;
                }
                _ => self.expr_to(v, t)?,
            }
        }
        if values.len() == 1 {
            self.emit(Instr::Move { dst, src: start });
        } else {
            self.emit(Instr::BuildString {
                dst,
                start,
                count: values.len() as u16,
            });
        }
        Ok(())
    }

    /// Calls: method calls (`o.m(...)`) through `LoadMethod`/`CallMethod`; `*`/`**` arguments
    /// (or more than 255) through `CallEx`.
    fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
        dst: u16,
    ) -> R {
        let has_star = args
            .iter()
            .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
            || args.len() + keywords.len() > 255;
        if has_star {
            return self.call_ex(func, args, keywords, dst);
        }
        let argc = (args.len() + keywords.len()) as u8;
        let kwnames = if keywords.is_empty() {
            None
        } else {
            let names = keywords
                .iter()
                .map(|k| Constant::Str(k.arg.as_deref().unwrap_or_default().into()))
                .collect::<Vec<_>>();
            Some(self.f().add_const(Constant::Tuple(names.into()))?)
        };
        // When `dst` is the newest temporary, the call window can start at it (Lua's
        // in-place calls): no extra register and no move.
        let in_place = self.f().is_temp(dst) && dst + 1 == self.f().mark();
        if let ExprKind::Attribute {
            value,
            attr,
            ctx: ast::ExprContext::Load,
        } = &func.kind
        {
            let base = if in_place {
                self.f().alloc()?;
                dst
            } else {
                self.f().alloc_n(2)?
            };
            let obj = self.expr_any(value)?;
            let name = self.mangled(attr).into_owned();
            let name = self.f().add_name(&name)?;
            let range = self.at_attr_name_line(func, func.range);
            self.at(range, |c| {
                c.emit(Instr::LoadMethod {
                    dst: base,
                    obj,
                    name,
                });
                Ok(())
            })?;
            self.f().release_to(base + 2);
            self.call_args(args, keywords)?;
            let loc = self.f().loc;
            let range = self.at_attr_name_line(func, loc);
            return self.at(range, |c| {
                c.emit(match kwnames {
                    None => Instr::CallMethod {
                        dst,
                        func: base,
                        argc,
                    },
                    Some(kwnames) => Instr::CallMethodKw {
                        dst,
                        func: base,
                        argc,
                        kwnames,
                    },
                });
                Ok(())
            });
        }
        let base = if in_place {
            self.expr_to(func, dst)?;
            dst
        } else {
            self.expr_temp(func)?
        };
        self.call_args(args, keywords)?;
        self.emit(match kwnames {
            None => Instr::Call {
                dst,
                func: base,
                argc,
            },
            Some(kwnames) => Instr::CallKw {
                dst,
                func: base,
                argc,
                kwnames,
            },
        });
        Ok(())
    }

    fn call_args(&mut self, args: &'a [Expr], keywords: &'a [ast::Keyword]) -> R {
        for a in args {
            self.expr_temp(a)?;
        }
        for k in keywords {
            self.expr_temp(&k.value)?;
        }
        Ok(())
    }

    fn call_ex(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
        dst: u16,
    ) -> R {
        let f = if self.f().is_temp(dst) && dst + 1 == self.f().mark() {
            self.expr_to(func, dst)?;
            dst
        } else {
            self.expr_temp(func)?
        };
        self.call_ex_from(f, 0, args, keywords, dst)
    }

    /// A call through `CallEx`: `r[f]` is the callee and `r[f+1 ..= f+npre]` positional arguments
    /// already evaluated.
    pub(super) fn call_ex_from(
        &mut self,
        f: u16,
        npre: u16,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
        dst: u16,
    ) -> R {
        let pos = self.f().alloc_n(2)?;
        let kw = pos + 1;
        self.emit(Instr::BuildList {
            dst: pos,
            start: f + 1,
            count: npre,
        });
        for a in args {
            let mark = self.f().mark();
            match &a.kind {
                ExprKind::Starred { value, .. } => {
                    // CPython checks unpacked arguments in the call instruction, at the call's
                    // position.
                    let src = self.expr_any(value)?;
                    self.emit(Instr::ExtendArgs {
                        list: pos,
                        src,
                        func: f,
                    });
                }
                _ => {
                    let src = self.expr_any(a)?;
                    self.emit(Instr::ListAppend { list: pos, src });
                }
            }
            self.f().release_to(mark);
        }
        self.emit(Instr::ListToTuple { dst: pos, src: pos });
        if keywords.is_empty() {
            self.load_const(Constant::None, kw)?;
        } else {
            self.emit(Instr::BuildMap {
                dst: kw,
                start: kw,
                count: 0,
            });
            for k in keywords {
                let mark = self.f().mark();
                match &k.arg {
                    Some(name) => {
                        let key = self.const_temp(Constant::Str(name.as_str().into()))?;
                        let tmp = self.f().alloc()?;
                        self.emit(Instr::BuildMap {
                            dst: tmp,
                            start: tmp,
                            count: 0,
                        });
                        let value = self.expr_any(&k.value)?;
                        self.emit(Instr::DictSet {
                            dict: tmp,
                            key,
                            value,
                        });
                        self.emit(Instr::DictMerge {
                            dict: kw,
                            src: tmp,
                            func: f,
                        });
                    }
                    None => {
                        let src = self.expr_any(&k.value)?;
                        self.emit(Instr::DictMerge {
                            dict: kw,
                            src,
                            func: f,
                        });
                    }
                }
                self.f().release_to(mark);
            }
        }
        self.emit(Instr::CallEx {
            dst,
            func: f,
            args: pos,
        });
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    Tuple,
    List,
    Set,
}

pub(super) fn binary_rr(op: Operator, inplace: bool, dst: u16, a: u16, b: u16) -> Instr {
    use Operator::*;
    match (op, inplace) {
        (Add, false) => Instr::Add { dst, a, b },
        (Sub, false) => Instr::Sub { dst, a, b },
        (Mult, false) => Instr::Mul { dst, a, b },
        (MatMult, false) => Instr::MatMul { dst, a, b },
        (Div, false) => Instr::TrueDiv { dst, a, b },
        (FloorDiv, false) => Instr::FloorDiv { dst, a, b },
        (Mod, false) => Instr::Mod { dst, a, b },
        (Pow, false) => Instr::Pow { dst, a, b },
        (LShift, false) => Instr::Shl { dst, a, b },
        (RShift, false) => Instr::Shr { dst, a, b },
        (BitAnd, false) => Instr::BitAnd { dst, a, b },
        (BitOr, false) => Instr::BitOr { dst, a, b },
        (BitXor, false) => Instr::BitXor { dst, a, b },
        (Add, true) => Instr::InplaceAdd { dst, a, b },
        (Sub, true) => Instr::InplaceSub { dst, a, b },
        (Mult, true) => Instr::InplaceMul { dst, a, b },
        (MatMult, true) => Instr::InplaceMatMul { dst, a, b },
        (Div, true) => Instr::InplaceTrueDiv { dst, a, b },
        (FloorDiv, true) => Instr::InplaceFloorDiv { dst, a, b },
        (Mod, true) => Instr::InplaceMod { dst, a, b },
        (Pow, true) => Instr::InplacePow { dst, a, b },
        (LShift, true) => Instr::InplaceShl { dst, a, b },
        (RShift, true) => Instr::InplaceShr { dst, a, b },
        (BitAnd, true) => Instr::InplaceBitAnd { dst, a, b },
        (BitOr, true) => Instr::InplaceBitOr { dst, a, b },
        (BitXor, true) => Instr::InplaceBitXor { dst, a, b },
    }
}

pub(super) fn binary_k(op: Operator, inplace: bool, dst: u16, a: u16, k: u16) -> Instr {
    use Operator::*;
    match (op, inplace) {
        (Add, false) => Instr::AddK { dst, a, k },
        (Sub, false) => Instr::SubK { dst, a, k },
        (Mult, false) => Instr::MulK { dst, a, k },
        (MatMult, false) => Instr::MatMulK { dst, a, k },
        (Div, false) => Instr::TrueDivK { dst, a, k },
        (FloorDiv, false) => Instr::FloorDivK { dst, a, k },
        (Mod, false) => Instr::ModK { dst, a, k },
        (Pow, false) => Instr::PowK { dst, a, k },
        (LShift, false) => Instr::ShlK { dst, a, k },
        (RShift, false) => Instr::ShrK { dst, a, k },
        (BitAnd, false) => Instr::BitAndK { dst, a, k },
        (BitOr, false) => Instr::BitOrK { dst, a, k },
        (BitXor, false) => Instr::BitXorK { dst, a, k },
        (Add, true) => Instr::InplaceAddK { dst, a, k },
        (Sub, true) => Instr::InplaceSubK { dst, a, k },
        (Mult, true) => Instr::InplaceMulK { dst, a, k },
        (MatMult, true) => Instr::InplaceMatMulK { dst, a, k },
        (Div, true) => Instr::InplaceTrueDivK { dst, a, k },
        (FloorDiv, true) => Instr::InplaceFloorDivK { dst, a, k },
        (Mod, true) => Instr::InplaceModK { dst, a, k },
        (Pow, true) => Instr::InplacePowK { dst, a, k },
        (LShift, true) => Instr::InplaceShlK { dst, a, k },
        (RShift, true) => Instr::InplaceShrK { dst, a, k },
        (BitAnd, true) => Instr::InplaceBitAndK { dst, a, k },
        (BitOr, true) => Instr::InplaceBitOrK { dst, a, k },
        (BitXor, true) => Instr::InplaceBitXorK { dst, a, k },
    }
}

fn compare_rr(op: CmpOp, dst: u16, a: u16, b: u16) -> Instr {
    match op {
        CmpOp::Eq => Instr::Eq { dst, a, b },
        CmpOp::NotEq => Instr::Ne { dst, a, b },
        CmpOp::Lt => Instr::Lt { dst, a, b },
        CmpOp::LtE => Instr::Le { dst, a, b },
        CmpOp::Gt => Instr::Gt { dst, a, b },
        CmpOp::GtE => Instr::Ge { dst, a, b },
        CmpOp::Is => Instr::Is { dst, a, b },
        CmpOp::IsNot => Instr::IsNot { dst, a, b },
        CmpOp::In => Instr::In { dst, a, b },
        CmpOp::NotIn => Instr::NotIn { dst, a, b },
    }
}

fn compare_k(op: CmpOp, dst: u16, a: u16, k: u16) -> Instr {
    match op {
        CmpOp::Eq => Instr::EqK { dst, a, k },
        CmpOp::NotEq => Instr::NeK { dst, a, k },
        CmpOp::Lt => Instr::LtK { dst, a, k },
        CmpOp::LtE => Instr::LeK { dst, a, k },
        CmpOp::Gt => Instr::GtK { dst, a, k },
        _ => Instr::GeK { dst, a, k },
    }
}
