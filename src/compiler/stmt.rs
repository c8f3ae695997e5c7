//! Simple statements, assignment targets (including star-unpacking), imports, and the creation
//! of functions, lambdas, comprehensions and classes (each compiled as a nested code object).

use crate::ast::{self, Expr, ExprKind, Stmt, StmtKind};
use crate::bytecode::code::{ArgSpec, Constant};
use crate::bytecode::opcodes::Instr;
use crate::source::TextRange;
use crate::symtable::ScopeKind;

use super::func::FuncState;
use super::{docstring, Compiler, R};

/// What a comprehension accumulates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        let mark = self.f().mark();
        self.at(s.range, |c| c.stmt_kind(s))?;
        self.f().release_to(mark);
        Ok(())
    }

    fn stmt_kind(&mut self, s: &'a Stmt) -> R {
        match &s.kind {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                ..
            } => {
                let dec = self.decorators(decorator_list)?;
                let f = self.f().alloc()?;
                self.make_function(s, name, args, FnBody::Stmts(body), f)?;
                let r = self.apply_decorators(dec, decorator_list, f)?;
                self.store_name(name, r)
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => self.class_def(s, name, bases, keywords, body, decorator_list),
            StmtKind::Return { value } => self.return_stmt(value.as_deref(), s.range),
            StmtKind::Delete { targets } => targets.iter().try_for_each(|t| self.delete_target(t)),
            StmtKind::Assign { targets, value } => self.assign(targets, value),
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.assign(std::slice::from_ref(target), v)?;
                }
                // Module and class bodies record `name: annotation` in `__annotations__`
                // (dataclasses and NamedTuple read it); function-local annotations are not
                // evaluated, as in CPython.
                match &target.kind {
                    ExprKind::Name { id, .. } if *simple && !self.ur().kind.is_function_like() => {
                        let ann = if self.future_annotations {
                            let r = annotation.range;
                            let text = &self.source.text[r.start as usize..r.end as usize];
                            self.const_temp(Constant::Str(text.into()))?
                        } else {
                            self.expr_temp(annotation)?
                        };
                        let dict = self.f().alloc()?;
                        self.load_name("__annotations__", dict)?;
                        let key = self.mangled(id).into_owned();
                        let key = self.const_temp(Constant::Str(key.as_str().into()))?;
                        self.emit(Instr::StoreSubscr {
                            obj: dict,
                            key,
                            src: ann,
                        });
                        Ok(())
                    }
                    _ => Ok(()),
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_stmt(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse),
            StmtKind::If { test, body, orelse } => self.if_stmt(test, body, orelse),
            StmtKind::With { items, body } => self.with_stmt(items, body),
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Raise { exc, cause } => self.raise(exc.as_deref(), cause.as_deref()),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody, false),
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody, true),
            StmtKind::Assert { test, msg } => self.assert(test, msg.as_deref()),
            StmtKind::Import { names } => self.import(names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(module.as_deref(), names, *level, s.range),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } | StmtKind::Pass => Ok(()),
            StmtKind::Break => self.break_stmt(s.range),
            StmtKind::Continue => self.continue_stmt(s.range),
            StmtKind::Expr { value } => {
                if self.mode == super::Mode::Interactive && self.stack.is_empty() {
                    let src = self.expr_any(value)?;
                    self.emit(Instr::PrintExpr { src });
                    return Ok(());
                }
                if self.fold(value).is_some() {
                    return Ok(());
                }
                self.expr_any(value)?;
                Ok(())
            }
        }
    }

    // ---- assignment ---------------------------------------------------------------------------

    fn assign(&mut self, targets: &'a [Expr], value: &'a Expr) -> R {
        if let [target] = targets {
            if let ExprKind::Name { id, .. } = &target.kind {
                if let Some(r) = self.fast_reg(id) {
                    self.expr_to(value, r)?;
                    self.mark_bound(r);
                    return Ok(());
                }
            }
            // `a, b = b, a`: evaluate every item, then store left to right; no tuple is built.
            if let (
                ExprKind::Tuple { elts: ts, .. } | ExprKind::List { elts: ts, .. },
                ExprKind::Tuple { elts: vs, .. },
            ) = (&target.kind, &value.kind)
            {
                let starred = |es: &[Expr]| {
                    es.iter()
                        .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
                };
                if ts.len() == vs.len()
                    && !starred(ts)
                    && !starred(vs)
                    && self.fold(value).is_none()
                {
                    let start = self.f().mark();
                    for v in vs {
                        self.expr_temp(v)?;
                    }
                    for (i, t) in ts.iter().enumerate() {
                        self.store_target(t, start + i as u16)?;
                    }
                    return Ok(());
                }
            }
            let v = self.expr_any(value)?;
            return self.store_target(target, v);
        }
        // Several targets: the value is kept in a temporary so that no store clobbers it.
        let v = self.expr_temp(value)?;
        targets.iter().try_for_each(|t| self.store_target(t, v))
    }

    pub(super) fn store_target(&mut self, t: &'a Expr, src: u16) -> R {
        let mark = self.f().mark();
        self.at(t.range, |c| match &t.kind {
            ExprKind::Name { id, .. } => c.store_name(id, src),
            ExprKind::Attribute { value, attr, .. } => {
                let obj = c.expr_any(value)?;
                let name = c.mangled(attr).into_owned();
                let name = c.f().add_name(&name)?;
                c.emit(Instr::StoreAttr { obj, name, src });
                Ok(())
            }
            ExprKind::Subscript { value, slice, .. } => {
                let obj = c.expr_any(value)?;
                let key = c.expr_any(slice)?;
                c.emit(Instr::StoreSubscr { obj, key, src });
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                c.unpack(elts, src, t.range)
            }
            ExprKind::Starred { .. } => c.err(
                "starred assignment target must be in a list or tuple",
                t.range,
            ),
            _ => c.err("cannot assign to expression", t.range),
        })?;
        self.f().release_to(mark);
        Ok(())
    }

    fn unpack(&mut self, elts: &'a [Expr], src: u16, range: TextRange) -> R {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, ExprKind::Starred { .. }))
            .map(|(i, _)| i)
            .collect();
        if stars.len() > 1 {
            return self.err("multiple starred expressions in assignment", range);
        }
        let n = elts.len();
        // `a, b = ...` onto consecutive local registers unpacks straight into them.
        if stars.is_empty() && n <= u16::MAX as usize {
            let regs: Option<Vec<u16>> = elts
                .iter()
                .map(|e| match &e.kind {
                    ExprKind::Name { id, .. } => self.fast_reg(id),
                    _ => None,
                })
                .collect();
            if let Some(regs) = regs {
                if !regs.is_empty() && regs.windows(2).all(|w| w[1] == w[0] + 1) {
                    self.emit(Instr::UnpackSequence {
                        dst: regs[0],
                        src,
                        count: n as u16,
                    });
                    for r in regs {
                        self.mark_bound(r);
                    }
                    return Ok(());
                }
            }
        }
        let base = self.f().alloc_n(n as u32)?;
        match stars.first() {
            Some(&i) => {
                let after = n - i - 1;
                if i > 255 || after > 255 {
                    return self.err("too many expressions in star-unpacking assignment", range);
                }
                self.emit(Instr::UnpackEx {
                    dst: base,
                    src,
                    before: i as u8,
                    after: after as u8,
                });
            }
            None => {
                if n > u16::MAX as usize {
                    return self.err("too many expressions in assignment", range);
                }
                self.emit(Instr::UnpackSequence {
                    dst: base,
                    src,
                    count: n as u16,
                });
            }
        }
        for (i, e) in elts.iter().enumerate() {
            let target = match &e.kind {
                ExprKind::Starred { value, .. } => value,
                _ => e,
            };
            self.store_target(target, base + i as u16)?;
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: ast::Operator, value: &'a Expr) -> R {
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if let Some(r) = self.fast_reg(id) {
                    self.check_bound(r);
                    return self.binary(op, true, r, value, r);
                }
                let t = self.f().alloc()?;
                self.load_name(id, t)?;
                self.binary(op, true, t, value, t)?;
                self.store_name(id, t)
            }
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                let o = self.expr_any(obj)?;
                let name = self.mangled(attr).into_owned();
                let name = self.f().add_name(&name)?;
                let t = self.f().alloc()?;
                self.at(target.range, |c| {
                    c.emit(Instr::LoadAttr {
                        dst: t,
                        obj: o,
                        name,
                    });
                    Ok(())
                })?;
                self.binary(op, true, t, value, t)?;
                self.at(target.range, |c| {
                    c.emit(Instr::StoreAttr {
                        obj: o,
                        name,
                        src: t,
                    });
                    Ok(())
                })
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                let o = self.expr_any(obj)?;
                let key = self.expr_any(slice)?;
                let t = self.f().alloc()?;
                self.at(target.range, |c| {
                    c.emit(Instr::LoadSubscr {
                        dst: t,
                        obj: o,
                        key,
                    });
                    Ok(())
                })?;
                self.binary(op, true, t, value, t)?;
                self.at(target.range, |c| {
                    c.emit(Instr::StoreSubscr {
                        obj: o,
                        key,
                        src: t,
                    });
                    Ok(())
                })
            }
            _ => self.err(
                "'expression' is an illegal expression for augmented assignment",
                target.range,
            ),
        }
    }

    fn delete_target(&mut self, t: &'a Expr) -> R {
        let mark = self.f().mark();
        self.at(t.range, |c| match &t.kind {
            ExprKind::Name { id, .. } => c.delete_name(id),
            ExprKind::Attribute { value, attr, .. } => {
                let obj = c.expr_any(value)?;
                let name = c.mangled(attr).into_owned();
                let name = c.f().add_name(&name)?;
                c.emit(Instr::DeleteAttr { obj, name });
                Ok(())
            }
            ExprKind::Subscript { value, slice, .. } => {
                let obj = c.expr_any(value)?;
                let key = c.expr_any(slice)?;
                c.emit(Instr::DeleteSubscr { obj, key });
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                elts.iter().try_for_each(|e| c.delete_target(e))
            }
            _ => c.err("cannot delete expression", t.range),
        })?;
        self.f().release_to(mark);
        Ok(())
    }

    // ---- raise, assert, import --------------------------------------------------------------

    fn raise(&mut self, exc: Option<&'a Expr>, cause: Option<&'a Expr>) -> R {
        let Some(exc) = exc else {
            self.emit(Instr::Reraise {});
            return Ok(());
        };
        let e = self.expr_any(exc)?;
        match cause {
            Some(cause) => {
                let c = self.expr_any(cause)?;
                self.emit(Instr::RaiseFrom { exc: e, cause: c });
            }
            None => self.emit(Instr::Raise { exc: e }),
        }
        Ok(())
    }

    fn assert(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> R {
        let ok = self.f().new_label();
        self.jump_if(test, true, ok)?;
        let t = self.f().alloc()?;
        // CPython raises at the test's position.
        self.at(test.range, |c| {
            c.emit(Instr::LoadAssertionError { dst: t });
            if let Some(msg) = msg {
                c.expr_temp(msg)?;
                c.emit(Instr::Call {
                    dst: t,
                    func: t,
                    argc: 1,
                });
            }
            c.emit(Instr::Raise { exc: t });
            Ok(())
        })?;
        self.f().bind(ok);
        Ok(())
    }

    fn import(&mut self, names: &'a [ast::Alias]) -> R {
        for a in names {
            let mark = self.f().mark();
            let t = self.f().alloc()?;
            let name = self.f().add_name(&a.name)?;
            let fromlist = self.f().add_const(Constant::None)?;
            self.emit(Instr::ImportName {
                dst: t,
                name,
                fromlist,
                level: 0,
            });
            match &a.asname {
                Some(asname) => {
                    for part in a.name.split('.').skip(1) {
                        let name = self.f().add_name(part)?;
                        self.emit(Instr::ImportFrom {
                            dst: t,
                            module: t,
                            name,
                        });
                    }
                    self.store_name(asname, t)?
                }
                None => self.store_name(a.name.split('.').next().unwrap_or(&a.name), t)?,
            }
            self.f().release_to(mark);
        }
        Ok(())
    }

    fn import_from(
        &mut self,
        module: Option<&str>,
        names: &'a [ast::Alias],
        level: u32,
        range: TextRange,
    ) -> R {
        if level > 255 {
            return self.err("relative import level too deep", range);
        }
        let fromlist: Vec<Constant> = names
            .iter()
            .map(|a| Constant::Str(a.name.as_str().into()))
            .collect();
        let fromlist = self.f().add_const(Constant::Tuple(fromlist.into()))?;
        let name = self.f().add_name(module.unwrap_or(""))?;
        let m = self.f().alloc()?;
        self.emit(Instr::ImportName {
            dst: m,
            name,
            fromlist,
            level: level as u8,
        });
        for a in names {
            if a.name == "*" {
                self.emit(Instr::ImportStar { module: m });
                continue;
            }
            let mark = self.f().mark();
            let t = self.f().alloc()?;
            let name = self.f().add_name(&a.name)?;
            self.emit(Instr::ImportFrom {
                dst: t,
                module: m,
                name,
            });
            self.store_name(a.asname.as_deref().unwrap_or(&a.name), t)?;
            self.f().release_to(mark);
        }
        Ok(())
    }

    // ---- functions, lambdas, comprehensions, classes -----------------------------------------

    fn decorators(&mut self, decorators: &'a [Expr]) -> R<u16> {
        let start = self.f().mark();
        for d in decorators {
            self.expr_temp(d)?;
        }
        Ok(start)
    }

    /// Decorators sit in `start..`, the decorated object right after them (`obj`); each call
    /// leaves its result where the next decorator's argument goes. Each call is at its
    /// decorator's position, as in CPython.
    fn apply_decorators(&mut self, start: u16, decorators: &'a [Expr], obj: u16) -> R<u16> {
        for (i, d) in decorators.iter().enumerate().rev() {
            let r = start + i as u16;
            self.at(d.range, |c| {
                c.emit(Instr::Call {
                    dst: r,
                    func: r,
                    argc: 1,
                });
                Ok(())
            })?;
        }
        Ok(if decorators.is_empty() { obj } else { start })
    }

    /// CPython's `__qualname__` rule.
    fn qualname(&self, name: &str) -> String {
        let u = self.ur();
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", u.qualname),
            _ => format!("{}.<locals>.{name}", u.qualname),
        }
    }

    /// Defaults, keyword defaults, the code object and its closure: a function value in `dst`.
    fn make_function(
        &mut self,
        node: &'a Stmt,
        name: &str,
        args: &'a ast::Arguments,
        body: FnBody<'a>,
        dst: u16,
    ) -> R {
        let scope = self.table.scope_for(node).expect("every def has a scope");
        self.function_value(scope, name, args, body, node.range, dst)
    }

    fn function_value(
        &mut self,
        scope: usize,
        name: &str,
        args: &'a ast::Arguments,
        body: FnBody<'a>,
        range: TextRange,
        dst: u16,
    ) -> R {
        let mark = self.f().mark();
        let defaults = if args.defaults.is_empty() {
            None
        } else {
            let t = self.f().alloc()?;
            let folded: Option<Vec<Constant>> =
                args.defaults.iter().map(|d| self.fold(d)).collect();
            match folded {
                Some(items) => self.load_const(Constant::Tuple(items.into()), t)?,
                None => {
                    let start = self.f().mark();
                    for d in &args.defaults {
                        self.expr_temp(d)?;
                    }
                    self.emit(Instr::BuildTuple {
                        dst: t,
                        start,
                        count: args.defaults.len() as u16,
                    });
                    self.f().release_to(start);
                }
            }
            Some(t)
        };
        let kwdefaults = if args.kw_defaults.iter().all(Option::is_none) {
            None
        } else {
            let t = self.f().alloc()?;
            let start = self.f().mark();
            let mut n = 0;
            for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
                if let Some(d) = d {
                    let key = self.mangled(&a.arg).into_owned();
                    self.const_temp(Constant::Str(key.as_str().into()))?;
                    self.expr_temp(d)?;
                    n += 1;
                }
            }
            self.emit(Instr::BuildMap {
                dst: t,
                start,
                count: n,
            });
            self.f().release_to(start);
            Some(t)
        };
        let qualname = match body {
            FnBody::Lambda(_) => self.qualname("<lambda>"),
            FnBody::Stmts(_) => self.qualname(name),
        };
        let private = self.ur().private.clone();
        self.enter_unit(scope, qualname, private, range, body.stmts());
        let doc = match body {
            FnBody::Stmts(b) => docstring(b),
            FnBody::Lambda(_) => None,
        };
        match body {
            FnBody::Stmts(b) => {
                self.stmts(b)?;
                self.implicit_return(b)?;
            }
            FnBody::Lambda(e) => {
                self.at(e.range, |c| {
                    let r = c.expr_any(e)?;
                    c.emit(Instr::Return { src: r });
                    Ok(())
                })?;
            }
        }
        let spec = ArgSpec {
            argcount: (args.posonlyargs.len() + args.args.len()) as u16,
            posonlyargcount: args.posonlyargs.len() as u16,
            kwonlyargcount: args.kwonlyargs.len() as u16,
            varargs: args.vararg.is_some(),
            varkeywords: args.kwarg.is_some(),
        };
        let code_name = match body {
            FnBody::Lambda(_) => "<lambda>".to_string(),
            FnBody::Stmts(_) => name.to_string(),
        };
        let code = self.leave_unit(code_name, range, spec, doc)?;
        self.emit_function(code, dst)?;
        if let Some(src) = defaults {
            self.emit(Instr::SetDefaults { func: dst, src });
        }
        if let Some(src) = kwdefaults {
            self.emit(Instr::SetKwDefaults { func: dst, src });
        }
        self.f().release_to(mark);
        Ok(())
    }

    /// `MakeFunction` plus the closure tuple built from this unit's cells.
    fn emit_function(&mut self, code: crate::bytecode::CodeObject, dst: u16) -> R {
        let freevars: Vec<String> = code.freevars.iter().map(|s| s.to_string()).collect();
        let k = self.f().add_const(Constant::Code(std::rc::Rc::new(code)))?;
        self.emit(Instr::MakeFunction { dst, code: k });
        if !freevars.is_empty() {
            let mark = self.f().mark();
            let tuple = self.f().alloc()?;
            let start = self.f().mark();
            for name in &freevars {
                let t = self.f().alloc()?;
                let cell = self
                    .cell_reg(name)
                    .expect("a free variable of a child is a cell or free variable here");
                self.emit(Instr::Move { dst: t, src: cell });
            }
            self.emit(Instr::BuildTuple {
                dst: tuple,
                start,
                count: freevars.len() as u16,
            });
            self.emit(Instr::SetClosure {
                func: dst,
                src: tuple,
            });
            self.f().release_to(mark);
        }
        Ok(())
    }

    pub(super) fn lambda(
        &mut self,
        e: &'a Expr,
        args: &'a ast::Arguments,
        body: &'a Expr,
        dst: u16,
    ) -> R {
        let scope = self.table.scope_for(e).expect("every lambda has a scope");
        self.function_value(scope, "<lambda>", args, FnBody::Lambda(body), e.range, dst)
    }

    /// A comprehension is a function called at once with the iterator of its first iterable.
    pub(super) fn comprehension(&mut self, e: &'a Expr, dst: u16) -> R {
        let (kind, name, generators, elt, value) = match &e.kind {
            ExprKind::ListComp { elt, generators } => {
                (CompKind::List, "<listcomp>", generators, &**elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                (CompKind::Set, "<setcomp>", generators, &**elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (
                CompKind::Dict,
                "<dictcomp>",
                generators,
                &**key,
                Some(&**value),
            ),
            ExprKind::GeneratorExp { elt, generators } => {
                (CompKind::Gen, "<genexpr>", generators, &**elt, None)
            }
            _ => unreachable!("comprehension() is called on comprehensions"),
        };
        let scope = self
            .table
            .scope_for(e)
            .expect("every comprehension has a scope");
        let qualname = self.qualname(name);
        let private = self.ur().private.clone();
        self.enter_unit(scope, qualname, private, e.range, &[]);
        let res = match kind {
            CompKind::Gen => None,
            _ => {
                let r = self.f().alloc()?;
                self.emit(match kind {
                    CompKind::List => Instr::BuildList {
                        dst: r,
                        start: r,
                        count: 0,
                    },
                    CompKind::Set => Instr::BuildSet {
                        dst: r,
                        start: r,
                        count: 0,
                    },
                    _ => Instr::BuildMap {
                        dst: r,
                        start: r,
                        count: 0,
                    },
                });
                Some(r)
            }
        };
        self.comp_loop(generators, 0, kind, elt, value, res)?;
        match res {
            Some(r) => self.emit(Instr::Return { src: r }),
            None => self.return_none()?,
        }
        let spec = ArgSpec {
            argcount: 1,
            ..ArgSpec::default()
        };
        let code = self.leave_unit(name.to_string(), e.range, spec, None)?;
        let f = self.f().alloc()?;
        self.emit_function(code, f)?;
        let arg = self.f().alloc()?;
        let first = &generators[0].iter;
        let src = self.expr_any(first)?;
        self.at(first.range, |c| {
            c.emit(Instr::GetIter { dst: arg, src });
            Ok(())
        })?;
        self.emit(Instr::Call {
            dst,
            func: f,
            argc: 1,
        });
        Ok(())
    }

    fn comp_loop(
        &mut self,
        gens: &'a [ast::Comprehension],
        i: usize,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        res: Option<u16>,
    ) -> R {
        let g = &gens[i];
        let mark = self.f().mark();
        let it = if i == 0 {
            0
        } else {
            let t = self.f().alloc()?;
            let src = self.expr_any(&g.iter)?;
            self.emit(Instr::GetIter { dst: t, src });
            self.f().release_to(t + 1);
            t
        };
        let top = self.f().new_label();
        let end = self.f().new_label();
        self.f().bind(top);
        self.for_iter_into(&g.target, it, end)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, top)?;
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, kind, elt, value, res)?;
        } else {
            let m = self.f().mark();
            self.at(elt.range, |c| {
                match (kind, res) {
                    (CompKind::List, Some(list)) => {
                        let src = c.expr_any(elt)?;
                        c.emit(Instr::ListAppend { list, src });
                    }
                    (CompKind::Set, Some(set)) => {
                        let src = c.expr_any(elt)?;
                        c.emit(Instr::SetAdd { set, src });
                    }
                    (CompKind::Dict, Some(dict)) => {
                        let key = c.expr_temp(elt)?;
                        let v = c.expr_any(value.expect("dict comprehensions have a value"))?;
                        c.emit(Instr::DictSet {
                            dict,
                            key,
                            value: v,
                        });
                    }
                    _ => {
                        let src = c.expr_any(elt)?;
                        let t = c.f().alloc()?;
                        c.emit(Instr::Yield { dst: t, src });
                    }
                }
                Ok(())
            })?;
            self.f().release_to(m);
        }
        self.jump(top);
        self.f().bind(end);
        self.f().release_to(mark);
        Ok(())
    }

    /// `ForIter` straight into a local target, or through a temporary and a store.
    pub(super) fn for_iter_into(
        &mut self,
        target: &'a Expr,
        iter: u16,
        end: super::func::Label,
    ) -> R {
        let target_l = FuncState::target(end);
        if let ExprKind::Name { id, .. } = &target.kind {
            if let Some(r) = self.fast_reg(id) {
                self.emit(Instr::ForIter {
                    dst: r,
                    iter,
                    target: target_l,
                });
                self.mark_bound(r);
                return Ok(());
            }
        }
        let t = self.f().alloc()?;
        self.emit(Instr::ForIter {
            dst: t,
            iter,
            target: target_l,
        });
        self.at(target.range, |c| c.store_target(target, t))?;
        self.f().release_to(t);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn class_def(
        &mut self,
        s: &'a Stmt,
        name: &str,
        bases: &'a [Expr],
        keywords: &'a [ast::Keyword],
        body: &'a [Stmt],
        decorators: &'a [Expr],
    ) -> R {
        let dec = self.decorators(decorators)?;
        let base = self.f().alloc_n(3)?;
        self.emit(Instr::LoadBuildClass { dst: base });
        let scope = self.table.scope_for(s).expect("every class has a scope");
        let qualname = self.qualname(name);
        self.enter_unit(
            scope,
            qualname.clone(),
            Some(name.to_string()),
            s.range,
            body,
        );
        let t = self.f().alloc()?;
        self.load_name("__name__", t)?;
        self.store_name("__module__", t)?;
        self.load_const(Constant::Str(qualname.as_str().into()), t)?;
        self.store_name("__qualname__", t)?;
        let doc = docstring(body);
        if let Some(d) = doc {
            self.load_const(Constant::Str(d.into()), t)?;
            self.store_name("__doc__", t)?;
        }
        self.f().release_to(t);
        self.setup_annotations(body)?;
        self.stmts(if doc.is_some() { &body[1..] } else { body })?;
        if self.table.scopes[scope].needs_class_cell {
            let t = self.f().alloc()?;
            self.emit(Instr::Move { dst: t, src: 0 });
            self.store_name("__classcell__", t)?;
            self.emit(Instr::Return { src: t });
        } else {
            self.return_none()?;
        }
        let code = self.leave_unit(name.to_string(), s.range, ArgSpec::default(), doc)?;
        self.emit_function(code, base + 1)?;
        self.load_const(Constant::Str(name.into()), base + 2)?;
        let star = bases
            .iter()
            .any(|b| matches!(b.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
            || bases.len() + keywords.len() > 250;
        if star {
            self.call_ex_from(base, 2, bases, keywords, base)?;
        } else {
            for b in bases {
                self.expr_temp(b)?;
            }
            for k in keywords {
                self.expr_temp(&k.value)?;
            }
            let argc = (2 + bases.len() + keywords.len()) as u8;
            if keywords.is_empty() {
                self.emit(Instr::Call {
                    dst: base,
                    func: base,
                    argc,
                });
            } else {
                let names: Vec<Constant> = keywords
                    .iter()
                    .map(|k| Constant::Str(k.arg.as_deref().unwrap_or("").into()))
                    .collect();
                let kwnames = self.f().add_const(Constant::Tuple(names.into()))?;
                self.emit(Instr::CallKw {
                    dst: base,
                    func: base,
                    argc,
                    kwnames,
                });
            }
        }
        let r = self.apply_decorators(dec, decorators, base)?;
        self.store_name(name, r)
    }
}

/// The body of a function being compiled.
#[derive(Clone, Copy)]
pub(super) enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Lambda(&'a Expr),
}

impl<'a> FnBody<'a> {
    fn stmts(self) -> &'a [Stmt] {
        match self {
            FnBody::Stmts(b) => b,
            FnBody::Lambda(_) => &[],
        }
    }
}

impl Compiler<'_> {
    /// The `return None` that ends a body, attributed to its last statement as in CPython.
    pub(super) fn implicit_return(&mut self, body: &[Stmt]) -> R {
        if let Some(last) = body.last() {
            self.f().loc = last.range;
        }
        self.return_none()
    }

    /// CPython's `SETUP_ANNOTATIONS`: a module or class body with annotated names starts
    /// with an empty `__annotations__` dict in its namespace.
    pub(super) fn setup_annotations(&mut self, body: &[Stmt]) -> R {
        if !body.iter().any(has_annotation) {
            return Ok(());
        }
        let t = self.f().alloc()?;
        self.emit(Instr::BuildMap {
            dst: t,
            start: t,
            count: 0,
        });
        self.store_name("__annotations__", t)?;
        self.f().release_to(t);
        Ok(())
    }
}

/// A simple annotated name anywhere in a body's statements (not in nested scopes).
fn has_annotation(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::AnnAssign { simple, .. } => *simple,
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => body.iter().chain(orelse).any(has_annotation),
        StmtKind::With { body, .. } => body.iter().any(has_annotation),
        StmtKind::Match { cases, .. } => cases.iter().flat_map(|c| &c.body).any(has_annotation),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        }
        | StmtKind::TryStar {
            body,
            handlers,
            orelse,
            finalbody,
        } => body
            .iter()
            .chain(orelse)
            .chain(finalbody)
            .chain(handlers.iter().flat_map(|h| &h.body))
            .any(has_annotation),
        _ => false,
    }
}
