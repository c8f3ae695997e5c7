//! Pass 1 of scope analysis: one walk over the AST that opens a scope per block, records each
//! name's use flags in the scope where it occurs, and raises the errors CPython's symtable raises
//! while walking (declaration order, duplicate arguments, misplaced `yield`, `import *`, walrus
//! inside comprehensions), with CPython's messages and positions.

use super::flags::*;
use super::{node_key, ScopeId, ScopeKind, SymbolTable};
use crate::ast::{self, Expr, ExprKind, Stmt, StmtKind};
use crate::source::TextRange;
use crate::syntax_error::SyntaxError;

type R = Result<(), SyntaxError>;

pub(super) fn visit_module(table: &mut SymbolTable, module: &ast::Module) -> R {
    let root = table.new_scope(
        None,
        ScopeKind::Module,
        "top",
        TextRange::default(),
        node_key(module),
    );
    let mut v = Visitor {
        t: table,
        stack: vec![root],
        comp_iter_expr: 0,
        comp_iter_target: false,
        private: None,
    };
    v.stmts(&module.body)
}

struct Visitor<'t> {
    t: &'t mut SymbolTable,
    stack: Vec<ScopeId>,
    /// Inside a comprehension's iterable expression (walrus is not allowed there).
    comp_iter_expr: u32,
    /// Visiting a comprehension's target: names get `DEF_COMP_ITER`.
    comp_iter_target: bool,
    /// The innermost enclosing class, whose private names are mangled.
    private: Option<String>,
}

fn err(msg: String, range: TextRange) -> R {
    Err(SyntaxError::new(msg, range))
}

impl Visitor<'_> {
    fn cur(&self) -> ScopeId {
        *self.stack.last().expect("scope stack is never empty")
    }

    fn kind(&self) -> ScopeKind {
        self.t.scopes[self.cur()].kind
    }

    fn m(&self, name: &str) -> String {
        super::mangle(self.private.as_deref(), name).into_owned()
    }

    fn flags_here(&self, name: &str) -> u32 {
        self.t.scopes[self.cur()].flags_of(&self.m(name))
    }

    fn add(&mut self, name: &str, f: u32) {
        let name = &self.m(name);
        let f = if self.comp_iter_target && f & DEF_LOCAL != 0 {
            f | DEF_COMP_ITER
        } else {
            f
        };
        let cur = self.cur();
        self.t.scopes[cur].add_flags(name, f);
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange, key: usize) {
        let parent = self.cur();
        let id = self.t.new_scope(Some(parent), kind, name, range, key);
        self.stack.push(id);
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e),
            None => Ok(()),
        }
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
            } => {
                self.exprs(decorator_list)?;
                self.arg_defaults(args)?;
                self.annotations(args)?;
                self.opt(returns)?;
                self.add(name, DEF_LOCAL);
                self.enter(ScopeKind::Function, name, s.range, node_key(s));
                self.params(args)?;
                self.stmts(body)?;
                self.leave();
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.exprs(decorator_list)?;
                self.exprs(bases)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                self.add(name, DEF_LOCAL);
                self.enter(ScopeKind::Class, name, s.range, node_key(s));
                let outer = self.private.replace(name.clone());
                self.stmts(body)?;
                self.private = outer;
                self.leave();
            }
            StmtKind::Return { value } => self.opt(value)?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.flags_here(id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && self.kind() != ScopeKind::Module
                        && *simple
                    {
                        let what = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return err(format!("annotated name '{id}' can't be {what}"), s.range);
                    }
                    if *simple {
                        self.add(id, DEF_ANNOT | DEF_LOCAL);
                    } else if value.is_some() {
                        self.add(id, DEF_LOCAL);
                    }
                } else {
                    self.expr(target)?;
                }
                self.expr(annotation)?;
                self.opt(value)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context_expr)?;
                    self.opt(&item.optional_vars)?;
                }
                self.stmts(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases {
                    self.pattern(&case.pattern)?;
                    self.opt(&case.guard)?;
                    self.stmts(&case.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc)?;
                self.opt(cause)?;
            }
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
            } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    self.opt(&h.type_)?;
                    if let Some(name) = &h.name {
                        self.add(name, DEF_LOCAL);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            StmtKind::Import { names } => {
                for a in names {
                    let bound = a
                        .asname
                        .as_deref()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or(""));
                    self.add(bound, DEF_IMPORT);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.kind() != ScopeKind::Module {
                            return err("import * only allowed at module level".into(), a.range);
                        }
                        continue;
                    }
                    self.add(a.asname.as_deref().unwrap_or(&a.name), DEF_IMPORT);
                }
            }
            StmtKind::Global { names } => self.declare(names, s.range, DEF_GLOBAL)?,
            StmtKind::Nonlocal { names } => self.declare(names, s.range, DEF_NONLOCAL)?,
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// `global`/`nonlocal`: CPython checks prior uses in this scope in this order.
    fn declare(&mut self, names: &[String], range: TextRange, f: u32) -> R {
        let what = if f == DEF_GLOBAL {
            "global"
        } else {
            "nonlocal"
        };
        let cur = self.cur();
        for name in names {
            let name = &self.m(name);
            let flags = self.t.scopes[cur].flags_of(name);
            if flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if flags & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {what}")
                } else if flags & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if flags & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {what}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return err(msg, range);
            }
            let scope = &mut self.t.scopes[cur];
            scope.decl_ranges.entry(name.clone()).or_insert(range);
            scope.add_flags(name, f);
        }
        Ok(())
    }

    fn arg_defaults(&mut self, args: &ast::Arguments) -> R {
        self.exprs(&args.defaults)?;
        args.kw_defaults
            .iter()
            .flatten()
            .try_for_each(|e| self.expr(e))
    }

    fn annotations(&mut self, args: &ast::Arguments) -> R {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for a in all {
            self.opt(&a.annotation)?;
        }
        Ok(())
    }

    /// Parameters in CPython's `co_varnames` order.
    fn params(&mut self, args: &ast::Arguments) -> R {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwarg);
        let cur = self.cur();
        for a in all {
            let name = self.m(&a.arg);
            if self.t.scopes[cur].flags_of(&name) & DEF_PARAM != 0 {
                return err(
                    format!("duplicate argument '{}' in function definition", a.arg),
                    a.range,
                );
            }
            self.t.scopes[cur].add_flags(&name, DEF_PARAM);
            self.t.scopes[cur].params.push(name);
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Name { id, ctx } => {
                if *ctx == ast::ExprContext::Load {
                    self.add(id, USE);
                    if id == "super" && self.kind().is_function_like() {
                        self.add("__class__", USE);
                    }
                } else {
                    self.add(id, DEF_LOCAL);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                if self.comp_iter_expr > 0 {
                    return err(
                        "assignment expression cannot be used in a comprehension iterable expression".into(),
                        e.range,
                    );
                }
                if self.kind() == ScopeKind::Comprehension {
                    self.extend_namedexpr_scope(target)?;
                }
                self.expr(value)?;
                self.expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.arg_defaults(args)?;
                self.enter(ScopeKind::Lambda, "lambda", e.range, node_key(e));
                self.params(args)?;
                self.expr(body)?;
                self.leave();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().try_for_each(|k| self.expr(k))?;
                self.exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", generators, elt, None)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "genexpr", generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "dictcomp", generators, key, Some(value))?,
            ExprKind::Yield { value } => {
                self.opt(value)?;
                self.mark_yield(e.range)?;
            }
            ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                self.mark_yield(e.range)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))?;
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt(format_spec)?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
        }
        Ok(())
    }

    fn mark_yield(&mut self, range: TextRange) -> R {
        let cur = self.cur();
        let scope = &mut self.t.scopes[cur];
        match scope.kind {
            // CPython's compiler, not its symtable, rejects these (after other compiler errors).
            ScopeKind::Module | ScopeKind::Class => Ok(()),
            ScopeKind::Comprehension => {
                let what = match scope.name.as_str() {
                    "listcomp" => "list comprehension",
                    "setcomp" => "set comprehension",
                    "dictcomp" => "dict comprehension",
                    _ => "generator expression",
                };
                err(format!("'yield' inside {what}"), range)
            }
            ScopeKind::Function | ScopeKind::Lambda => {
                scope.is_generator = true;
                Ok(())
            }
        }
    }

    /// The first iterable is evaluated in the enclosing scope; the rest inside the new one, which
    /// receives the first iterator as its parameter `.0`.
    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.comp_iter_expr -= 1;
        r?;
        self.enter(ScopeKind::Comprehension, name, e.range, node_key(e));
        let cur = self.cur();
        self.t.scopes[cur].is_generator = name == "genexpr";
        self.t.scopes[cur].add_flags(".0", DEF_PARAM);
        self.t.scopes[cur].params.push(".0".into());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.comp_iter_expr += 1;
                let r = self.expr(&g.iter);
                self.comp_iter_expr -= 1;
                r?;
            }
            self.comp_iter_target = true;
            let r = self.expr(&g.target);
            self.comp_iter_target = false;
            r?;
            self.exprs(&g.ifs)?;
        }
        if let Some(v) = value {
            self.expr(elt)?;
            self.expr(v)?;
        } else {
            self.expr(elt)?;
        }
        self.leave();
        Ok(())
    }

    /// A walrus in a comprehension binds in the nearest enclosing function or module scope.
    fn extend_namedexpr_scope(&mut self, target: &Expr) -> R {
        let ExprKind::Name { id, .. } = &target.kind else {
            return Ok(());
        };
        let mangled = self.m(id);
        let id = &mangled;
        for &sid in self.stack.iter().rev() {
            let scope = &self.t.scopes[sid];
            match scope.kind {
                ScopeKind::Comprehension => {
                    if scope.flags_of(id) & DEF_COMP_ITER != 0 {
                        return err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                            target.range,
                        );
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let global = scope.flags_of(id) & DEF_GLOBAL != 0;
                    let (here, there) = if global {
                        (DEF_GLOBAL, DEF_GLOBAL)
                    } else {
                        (DEF_NONLOCAL, DEF_LOCAL)
                    };
                    self.add(id, here);
                    self.t.scopes[sid].add_flags(id, there);
                    return Ok(());
                }
                ScopeKind::Module => {
                    self.add(id, DEF_GLOBAL);
                    self.t.scopes[sid].add_flags(id, DEF_GLOBAL);
                    return Ok(());
                }
                ScopeKind::Class => {
                    return err(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        target.range,
                    );
                }
            }
        }
        Ok(())
    }

    fn pattern(&mut self, p: &ast::Pattern) -> R {
        use ast::PatternKind::*;
        match &p.kind {
            MatchValue { value } => self.expr(value),
            MatchSingleton { .. } => Ok(()),
            MatchSequence { patterns } | MatchOr { patterns } => {
                patterns.iter().try_for_each(|p| self.pattern(p))
            }
            MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(r) = rest {
                    self.add(r, DEF_LOCAL);
                }
                Ok(())
            }
            MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                patterns
                    .iter()
                    .chain(kwd_patterns)
                    .try_for_each(|p| self.pattern(p))
            }
            MatchStar { name } => {
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
                Ok(())
            }
            MatchAs { pattern, name } => {
                if let Some(p) = pattern {
                    self.pattern(p)?;
                }
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
                Ok(())
            }
        }
    }
}
