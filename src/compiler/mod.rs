//! The compiler: AST + symbol table → register bytecode (`CodeObject`s).
//!
//! One `Unit` per code object being built (module, class body, function, lambda,
//! comprehension), stacked while nested ones are compiled. Names resolve through the symbol
//! table: function locals are fixed registers (`r[0..]` = parameters, then other locals, then free
//! variables), cells and free variables go through `*Deref` instructions, module and class-body
//! variables through the namespace (`*Name`), globals through `*Global`.
//!
//! Submodules: `expr` (expressions, Lua's destination-register discipline), `stmt` (simple
//! statements, assignment targets, functions and classes), `control` (loops, try, with, the
//! fblock stack used to unwind `return`/`break`/`continue`), `pattern` (match), `fold`
//! (constant folding where CPython folds), `func` (code buffer, registers, assembly).

mod control;
mod expr;
mod fold;
pub mod func;
mod pattern;
mod stmt;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::ast::{self, Expr, ExprKind, Stmt, StmtKind};
use crate::bytecode::code::{ArgSpec, CodeFlags, CodeObject, Constant};
use crate::bytecode::opcodes::Instr;
use crate::source::{SourceFile, TextRange};
use crate::symtable::{mangle, ScopeId, ScopeKind, SymbolScope, SymbolTable};
use crate::syntax_error::SyntaxError;

use control::FBlock;
use func::{CodeMeta, FuncState};

pub(crate) type R<T = ()> = Result<T, SyntaxError>;

/// What a module is compiled for (CPython's `compile()` modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A script or imported module: returns None.
    Exec,
    /// `eval()`: the module must be one expression statement, whose value is returned.
    Eval,
    /// A REPL entry: like `Exec`, but top-level expression statements are displayed
    /// (`PrintExpr`).
    Interactive,
}

/// Compiles a whole module (scope analysis included). In debug builds every produced code
/// object is run through the verifier.
pub fn compile_module(
    module: &ast::Module,
    source: &SourceFile,
) -> Result<Rc<CodeObject>, SyntaxError> {
    compile(module, source, Mode::Exec)
}

/// Compiles a module in the given mode.
pub fn compile(
    module: &ast::Module,
    source: &SourceFile,
    mode: Mode,
) -> Result<Rc<CodeObject>, SyntaxError> {
    let table = SymbolTable::build(module)?;
    let future_annotations = module.body.iter().any(|s| {
        matches!(&s.kind, StmtKind::ImportFrom { module: Some(m), names, .. }
            if m == "__future__" && names.iter().any(|a| a.name == "annotations"))
    });
    let mut c = Compiler {
        table: &table,
        source,
        u: None,
        stack: Vec::new(),
        mode,
        future_annotations,
    };
    let code = c.module(module)?;
    #[cfg(debug_assertions)]
    if let Err(e) = crate::bytecode::verify::verify_all(&code) {
        panic!("compiler produced invalid bytecode: {e}");
    }
    Ok(code)
}

/// How a name is accessed from the current code object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameOp {
    Fast(u16),
    Deref(u16),
    /// Class body reading a free variable: the namespace first, then the cell.
    ClassDeref(u16),
    Global,
    Name,
}

struct Unit<'a> {
    scope: ScopeId,
    kind: ScopeKind,
    f: FuncState,
    /// Named registers: locals, cells and free variables.
    regs: HashMap<String, u16>,
    /// Function scopes: which local registers are surely bound at this point.
    bound: Vec<bool>,
    /// Locals that are ever deleted (`del x`, `except ... as x`): never assumed bound.
    deleted: HashSet<String>,
    /// Open blocks with the handler-stack depth at their start.
    fblocks: Vec<(FBlock<'a>, usize)>,
    qualname: String,
    /// The class whose private names (`__x`) are mangled here.
    private: Option<String>,
}

pub(crate) struct Compiler<'a> {
    table: &'a SymbolTable,
    source: &'a SourceFile,
    u: Option<Unit<'a>>,
    stack: Vec<Unit<'a>>,
    mode: Mode,
    /// `from __future__ import annotations`: annotations are stored as their source text.
    future_annotations: bool,
}

/// The docstring of a body: a leading string-literal expression statement.
fn docstring(body: &[Stmt]) -> Option<&str> {
    match &body.first()?.kind {
        StmtKind::Expr { value } => match &value.kind {
            ExprKind::Constant {
                value: ast::Constant::Str(s),
                ..
            } => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Names deleted anywhere in a body (not inside nested scopes), plus `except ... as` names,
/// which are deleted at the end of their handler.
fn collect_deleted(body: &[Stmt], out: &mut HashSet<String>) {
    fn targets(e: &Expr, out: &mut HashSet<String>) {
        match &e.kind {
            ExprKind::Name { id, .. } => {
                out.insert(id.clone());
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                elts.iter().for_each(|e| targets(e, out))
            }
            _ => {}
        }
    }
    for s in body {
        match &s.kind {
            StmtKind::Delete { targets: ts } => ts.iter().for_each(|t| targets(t, out)),
            StmtKind::For { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => {
                collect_deleted(body, out);
                collect_deleted(orelse, out);
            }
            StmtKind::With { body, .. } => collect_deleted(body, out),
            StmtKind::Match { cases, .. } => {
                cases.iter().for_each(|c| collect_deleted(&c.body, out))
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
                collect_deleted(body, out);
                collect_deleted(orelse, out);
                collect_deleted(finalbody, out);
                for h in handlers {
                    if let Some(n) = &h.name {
                        out.insert(n.clone());
                    }
                    collect_deleted(&h.body, out);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Compiler<'a> {
    fn u(&mut self) -> &mut Unit<'a> {
        self.u.as_mut().expect("a unit is being compiled")
    }

    fn ur(&self) -> &Unit<'a> {
        self.u.as_ref().expect("a unit is being compiled")
    }

    fn f(&mut self) -> &mut FuncState {
        &mut self.u().f
    }

    fn emit(&mut self, i: Instr) {
        self.f().emit(i);
    }

    fn err<T>(&self, msg: impl Into<String>, range: TextRange) -> R<T> {
        Err(SyntaxError::new(msg, range))
    }

    /// CPython's `update_start_location_to_match_attr`: an instruction at `range` that loads
    /// or calls the attribute `attr` (an `Attribute` node) starts at the attribute's name when
    /// `range` starts on another line, so a traceback shows the line with the name.
    fn at_attr_name_line(&self, attr: &ast::Expr, range: TextRange) -> TextRange {
        let ast::ExprKind::Attribute { attr: name, .. } = &attr.kind else {
            return range;
        };
        let lines = &self.source.lines;
        if lines.line_col(range.start).0 == lines.line_col(attr.range.end).0 {
            return range;
        }
        let start = attr.range.end.saturating_sub(name.chars().count() as u32);
        TextRange::new(start, range.end.max(start))
    }

    /// Runs `body` with instructions attributed to `range`.
    fn at<T>(&mut self, range: TextRange, body: impl FnOnce(&mut Self) -> R<T>) -> R<T> {
        let saved = std::mem::replace(&mut self.f().loc, range);
        let r = body(self);
        self.f().loc = saved;
        r
    }

    fn module(&mut self, module: &'a ast::Module) -> R<Rc<CodeObject>> {
        self.enter_unit(
            0,
            "<module>".into(),
            None,
            TextRange::default(),
            &module.body,
        );
        if self.mode == Mode::Eval {
            let value = match module.body.as_slice() {
                [Stmt {
                    kind: StmtKind::Expr { value },
                    ..
                }] => value,
                _ => {
                    let at = module
                        .body
                        .first()
                        .map_or_else(TextRange::default, |s| s.range);
                    return self.err("invalid syntax", at);
                }
            };
            self.at(value.range, |c| {
                let r = c.expr_any(value)?;
                c.emit(Instr::Return { src: r });
                Ok(())
            })?;
            let code = self.leave_unit(
                "<module>".into(),
                TextRange::default(),
                ArgSpec::default(),
                None,
            )?;
            return Ok(Rc::new(code));
        }
        self.at(TextRange::default(), |c| c.setup_annotations(&module.body))?;
        if let Some(doc) = docstring(&module.body).filter(|_| self.mode == Mode::Exec) {
            let range = module.body[0].range;
            self.at(range, |c| {
                let r = c.f().alloc()?;
                let k = c.f().add_const(Constant::Str(doc.into()))?;
                c.emit(Instr::LoadConst { dst: r, k });
                c.store_name("__doc__", r)?;
                c.f().release_to(r);
                Ok(())
            })?;
            self.stmts(&module.body[1..])?;
        } else {
            self.stmts(&module.body)?;
        }
        self.implicit_return(&module.body)?;
        let code = self.leave_unit(
            "<module>".into(),
            TextRange::default(),
            ArgSpec::default(),
            None,
        )?;
        Ok(Rc::new(code))
    }

    /// Starts compiling a new code object for `scope`.
    fn enter_unit(
        &mut self,
        scope: ScopeId,
        qualname: String,
        private: Option<String>,
        range: TextRange,
        body: &[Stmt],
    ) {
        let s = &self.table.scopes[scope];
        let mut regs = HashMap::new();
        let add = |name: &str, regs: &mut HashMap<String, u16>| {
            let next = regs.len() as u16;
            regs.insert(name.to_string(), next);
        };
        if s.kind.is_function_like() {
            for p in &s.params {
                add(p, &mut regs);
            }
            for sym in &s.symbols {
                if matches!(sym.scope, SymbolScope::Local | SymbolScope::Cell)
                    && !regs.contains_key(&sym.name)
                {
                    add(&sym.name, &mut regs);
                }
            }
        } else if s.kind == ScopeKind::Class && s.needs_class_cell {
            add("__class__", &mut regs);
        }
        for name in s.freevars() {
            add(name, &mut regs);
        }
        let nnamed = regs.len() as u16;
        let mut bound = vec![false; nnamed as usize];
        for b in bound.iter_mut().take(s.params.len()) {
            *b = true;
        }
        let mut raw = HashSet::new();
        collect_deleted(body, &mut raw);
        let deleted: HashSet<String> = raw
            .iter()
            .map(|n| mangle(private.as_deref(), n).into_owned())
            .collect();
        for name in &deleted {
            if let Some(&r) = regs.get(name) {
                if (r as usize) < bound.len() {
                    bound[r as usize] = false;
                }
            }
        }
        let unit = Unit {
            scope,
            kind: s.kind,
            f: FuncState::new(nnamed, range),
            regs,
            bound,
            deleted,
            fblocks: Vec::new(),
            qualname,
            private,
        };
        if let Some(outer) = self.u.replace(unit) {
            self.stack.push(outer);
        }
    }

    /// Finishes the current code object and returns to the enclosing one.
    fn leave_unit(
        &mut self,
        name: String,
        range: TextRange,
        args: ArgSpec,
        doc: Option<&str>,
    ) -> R<CodeObject> {
        let unit = self.u.take().expect("a unit is being compiled");
        self.u = self.stack.pop();
        let s = &self.table.scopes[unit.scope];
        let mut flags = CodeFlags::default();
        if s.kind.is_function_like() {
            flags.insert(CodeFlags::OPTIMIZED);
            flags.insert(CodeFlags::NEWLOCALS);
        }
        if s.kind == ScopeKind::Class {
            flags.insert(CodeFlags::NEWLOCALS);
        }
        if args.varargs {
            flags.insert(CodeFlags::VARARGS);
        }
        if args.varkeywords {
            flags.insert(CodeFlags::VARKEYWORDS);
        }
        if s.nested {
            flags.insert(CodeFlags::NESTED);
        }
        if s.is_generator {
            flags.insert(CodeFlags::GENERATOR);
        }
        let nfree = s.freevars().count();
        let mut named: Vec<(u16, String)> =
            unit.regs.iter().map(|(n, &r)| (r, n.clone())).collect();
        named.sort();
        let nlocals = named.len() - nfree;
        let varnames: Vec<String> = named[..nlocals].iter().map(|(_, n)| n.clone()).collect();
        let freevars: Vec<String> = named[nlocals..].iter().map(|(_, n)| n.clone()).collect();
        let mut cells: Vec<u16> = Vec::new();
        if s.kind == ScopeKind::Class && s.needs_class_cell {
            cells.push(0);
        }
        for sym in &s.symbols {
            if sym.scope == SymbolScope::Cell {
                cells.push(unit.regs[&sym.name]);
            }
        }
        cells.sort();
        let meta = CodeMeta {
            name,
            qualname: unit.qualname.clone(),
            range,
            flags,
            args,
            varnames,
            cells,
            freevars,
            docstring: doc.map(str::to_string),
        };
        unit.f.finish(meta, self.source)
    }

    fn return_none(&mut self) -> R {
        let r = self.f().alloc()?;
        let k = self.f().add_const(Constant::None)?;
        self.emit(Instr::LoadConst { dst: r, k });
        self.emit(Instr::Return { src: r });
        self.f().release_to(r);
        Ok(())
    }

    fn mangled<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        mangle(self.ur().private.as_deref(), name)
    }

    /// How `name` is accessed in the current unit.
    fn name_op(&self, name: &str, load: bool) -> NameOp {
        let u = self.ur();
        let scope = &self.table.scopes[u.scope];
        let sc = scope.scope_of(name);
        match u.kind {
            ScopeKind::Module => match sc {
                SymbolScope::GlobalExplicit => NameOp::Global,
                _ => NameOp::Name,
            },
            ScopeKind::Class => match sc {
                SymbolScope::GlobalExplicit => NameOp::Global,
                SymbolScope::Free if load => NameOp::ClassDeref(u.regs[name]),
                SymbolScope::Free | SymbolScope::Cell => NameOp::Deref(u.regs[name]),
                _ => NameOp::Name,
            },
            _ => match sc {
                SymbolScope::Local => match u.regs.get(name) {
                    Some(&r) => NameOp::Fast(r),
                    None => NameOp::Global,
                },
                SymbolScope::Cell | SymbolScope::Free => NameOp::Deref(u.regs[name]),
                SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit => NameOp::Global,
            },
        }
    }

    /// The register of a local variable if `name` is one, for writing results straight into it.
    fn fast_reg(&self, name: &str) -> Option<u16> {
        let name = self.mangled(name);
        match self.name_op(&name, false) {
            NameOp::Fast(r) => Some(r),
            _ => None,
        }
    }

    fn mark_bound(&mut self, reg: u16) {
        let u = self.u();
        if let Some(b) = u.bound.get_mut(reg as usize) {
            let name_deleted = u
                .regs
                .iter()
                .any(|(n, &r)| r == reg && u.deleted.contains(n));
            *b = !name_deleted;
        }
    }

    /// Emits the load of a variable into `dst`.
    fn load_name(&mut self, name: &str, dst: u16) -> R {
        let name = self.mangled(name).into_owned();
        match self.name_op(&name, true) {
            NameOp::Fast(r) => {
                self.check_bound(r);
                if r != dst {
                    self.emit(Instr::Move { dst, src: r });
                }
            }
            NameOp::Deref(cell) => self.emit(Instr::LoadDeref { dst, cell }),
            NameOp::ClassDeref(cell) => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::LoadClassDeref { dst, cell, name: n })
            }
            NameOp::Global => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::LoadGlobal { dst, name: n })
            }
            NameOp::Name => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::LoadName { dst, name: n })
            }
        }
        Ok(())
    }

    /// Emits `CheckBound` unless the local is surely bound here.
    fn check_bound(&mut self, reg: u16) {
        if !self.ur().bound.get(reg as usize).copied().unwrap_or(true) {
            self.emit(Instr::CheckBound { reg });
        }
    }

    fn store_name(&mut self, name: &str, src: u16) -> R {
        let name = self.mangled(name).into_owned();
        match self.name_op(&name, false) {
            NameOp::Fast(r) => {
                if r != src {
                    self.emit(Instr::Move { dst: r, src });
                }
                self.mark_bound(r);
            }
            NameOp::Deref(cell) | NameOp::ClassDeref(cell) => {
                self.emit(Instr::StoreDeref { cell, src })
            }
            NameOp::Global => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::StoreGlobal { name: n, src })
            }
            NameOp::Name => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::StoreName { name: n, src })
            }
        }
        Ok(())
    }

    fn delete_name(&mut self, name: &str) -> R {
        let name = self.mangled(name).into_owned();
        match self.name_op(&name, false) {
            NameOp::Fast(reg) => {
                self.emit(Instr::DeleteLocal { reg });
                if let Some(b) = self.u().bound.get_mut(reg as usize) {
                    *b = false;
                }
            }
            NameOp::Deref(cell) | NameOp::ClassDeref(cell) => {
                self.emit(Instr::DeleteDeref { cell })
            }
            NameOp::Global => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::DeleteGlobal { name: n })
            }
            NameOp::Name => {
                let n = self.f().add_name(&name)?;
                self.emit(Instr::DeleteName { name: n })
            }
        }
        Ok(())
    }

    /// The register holding the cell for `name` in the current unit (to build a closure).
    fn cell_reg(&self, name: &str) -> Option<u16> {
        self.ur().regs.get(name).copied()
    }

    /// Snapshot of which locals are surely bound, to restore after conditional code.
    fn bound_snapshot(&self) -> Vec<bool> {
        self.ur().bound.clone()
    }

    fn bound_restore(&mut self, snap: Vec<bool>) {
        self.u().bound = snap;
    }

    /// After two alternative paths: bound only if bound on both.
    fn bound_meet(&mut self, other: &[bool]) {
        for (b, o) in self.u().bound.iter_mut().zip(other) {
            *b = *b && *o;
        }
    }
}
