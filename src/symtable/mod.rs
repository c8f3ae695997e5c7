//! Scope analysis, as CPython's `symtable.c`: decides for every name in every scope (module,
//! function, lambda, class body, comprehension) whether it is local, global (explicit or
//! implicit), free or a cell, before code generation.
//!
//! Two passes. `visit` walks the AST once, creating a `Scope` per block and recording how each
//! name is used there (`flags`), and raises the declaration errors CPython raises while walking
//! (`global` after use, duplicate arguments, `yield` outside a function, ...). `analyze` then
//! resolves each name top-down with the sets of names bound in enclosing function scopes,
//! bottom-up collecting free variables so that a name captured by an inner scope becomes a cell
//! in the scope that binds it (CPython's `analyze_block`).
//!
//! Class rules: names bound in a class body are not visible to its methods; a method that uses
//! `super` or `__class__` makes the class body create a `__class__` cell (`needs_class_cell`).
//! Comprehensions are scopes of their own (3.11) whose first iterable is evaluated outside.

mod visit;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::ast;
use crate::source::TextRange;
use crate::syntax_error::SyntaxError;

pub type ScopeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes keep their locals in registers.
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// How a name is used in one scope (CPython's `DEF_*` / `USE` bits).
pub mod flags {
    pub const DEF_GLOBAL: u32 = 1;
    pub const DEF_LOCAL: u32 = 2;
    pub const DEF_PARAM: u32 = 4;
    pub const DEF_NONLOCAL: u32 = 8;
    pub const USE: u32 = 16;
    /// Free in a child, and passed through this class scope which also binds it.
    pub const DEF_FREE_CLASS: u32 = 32;
    pub const DEF_IMPORT: u32 = 64;
    pub const DEF_ANNOT: u32 = 128;
    /// A comprehension iteration variable (walrus may not rebind it).
    pub const DEF_COMP_ITER: u32 = 256;
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
}

/// Where a name lives, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: String,
    pub flags: u32,
    pub scope: SymbolScope,
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub range: TextRange,
    /// In first-use order.
    pub symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    pub children: Vec<ScopeId>,
    /// Parameter names in CPython's order (positional, keyword-only, `*args`, `**kwargs`).
    pub params: Vec<String>,
    pub is_generator: bool,
    /// A class body whose methods use `super`/`__class__`: it creates a `__class__` cell.
    pub needs_class_cell: bool,
    /// Nested inside a function-like scope.
    pub nested: bool,
    /// Where each `global`/`nonlocal` statement was, for errors raised during analysis.
    decl_ranges: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, range: TextRange, nested: bool) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            range,
            symbols: Vec::new(),
            index: HashMap::new(),
            children: Vec::new(),
            params: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
            nested,
            decl_ranges: HashMap::new(),
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    pub fn flags_of(&self, name: &str) -> u32 {
        self.lookup(name).map_or(0, |s| s.flags)
    }

    fn add_flags(&mut self, name: &str, f: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].flags |= f,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags: f,
                    scope: SymbolScope::GlobalImplicit,
                });
            }
        }
    }

    /// How a name used in this scope resolves. Names never seen here are implicit globals.
    pub fn scope_of(&self, name: &str) -> SymbolScope {
        self.lookup(name)
            .map_or(SymbolScope::GlobalImplicit, |s| s.scope)
    }

    /// Cell variables, in symbol order.
    pub fn cellvars(&self) -> impl Iterator<Item = &str> {
        self.symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Cell)
            .map(|s| s.name.as_str())
    }

    /// Free variables, in symbol order, including class pass-throughs.
    pub fn freevars(&self) -> impl Iterator<Item = &str> {
        self.symbols
            .iter()
            .filter(|s| {
                s.scope == SymbolScope::Free
                    || (s.flags & flags::DEF_FREE_CLASS != 0 && self.kind == ScopeKind::Class)
            })
            .map(|s| s.name.as_str())
    }
}

/// CPython's private-name mangling: `__x` used inside class `C` (its body and everything nested
/// in it) is `_C__x`. Applied by the symbol table and the compiler alike.
pub fn mangle<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    if let Some(cls) = private {
        if name.starts_with("__") && !name.ends_with("__") && !name.contains('.') {
            let cls = cls.trim_start_matches('_');
            if !cls.is_empty() {
                return format!("_{cls}{name}").into();
            }
        }
    }
    name.into()
}

/// The scopes of one module, keyed by the AST node that opens each one.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

/// A node that opens a scope, keyed by address: the table is only valid for the AST it was
/// built from, which must not move while the table is used.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymbolTable {
    /// Builds and analyses the table for a module.
    pub fn build(module: &ast::Module) -> Result<SymbolTable, SyntaxError> {
        let mut table = SymbolTable {
            scopes: Vec::new(),
            by_node: HashMap::new(),
        };
        visit::visit_module(&mut table, module)?;
        let mut free = HashSet::new();
        table.analyze(0, &HashSet::new(), &mut HashSet::new(), &mut free)?;
        Ok(table)
    }

    pub fn root(&self) -> &Scope {
        &self.scopes[0]
    }

    /// The scope opened by a FunctionDef/ClassDef statement or a Lambda/comprehension expression.
    pub fn scope_for<T>(&self, node: &T) -> Option<ScopeId> {
        self.by_node.get(&node_key(node)).copied()
    }

    fn new_scope(
        &mut self,
        parent: Option<ScopeId>,
        kind: ScopeKind,
        name: &str,
        range: TextRange,
        key: usize,
    ) -> ScopeId {
        let nested = parent.is_some_and(|p| {
            let p = &self.scopes[p];
            p.kind.is_function_like() || p.nested
        });
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, range, nested));
        if let Some(p) = parent {
            self.scopes[p].children.push(id);
        }
        self.by_node.insert(key, id);
        id
    }

    /// CPython's `analyze_block`: resolves the names of `id` given the names bound in enclosing
    /// function scopes (`bound`) and declared global (`global`); returns through `free` the
    /// names free in this scope (to become cells or pass-throughs above).
    fn analyze(
        &mut self,
        id: ScopeId,
        bound: &HashSet<String>,
        global: &mut HashSet<String>,
        free: &mut HashSet<String>,
    ) -> Result<(), SyntaxError> {
        use flags::*;
        let kind = self.scopes[id].kind;
        let mut local = HashSet::new();
        let mut bound_here = bound.clone();
        for i in 0..self.scopes[id].symbols.len() {
            let (name, f) = {
                let s = &self.scopes[id].symbols[i];
                (s.name.clone(), s.flags)
            };
            let directive = || {
                self.scopes[id]
                    .decl_ranges
                    .get(&name)
                    .copied()
                    .unwrap_or_default()
            };
            let scope = if f & DEF_GLOBAL != 0 {
                if f & DEF_NONLOCAL != 0 {
                    return Err(SyntaxError::new(
                        format!("name '{name}' is nonlocal and global"),
                        directive(),
                    ));
                }
                global.insert(name.clone());
                bound_here.remove(&name);
                SymbolScope::GlobalExplicit
            } else if f & DEF_NONLOCAL != 0 {
                if kind == ScopeKind::Module {
                    return Err(SyntaxError::new(
                        "nonlocal declaration not allowed at module level",
                        directive(),
                    ));
                }
                if !bound.contains(&name) {
                    return Err(SyntaxError::new(
                        format!("no binding for nonlocal '{name}' found"),
                        directive(),
                    ));
                }
                free.insert(name.clone());
                SymbolScope::Free
            } else if f & DEF_BOUND != 0 {
                local.insert(name.clone());
                global.remove(&name);
                SymbolScope::Local
            } else if kind != ScopeKind::Module && bound.contains(&name) {
                free.insert(name.clone());
                SymbolScope::Free
            } else {
                SymbolScope::GlobalImplicit
            };
            self.scopes[id].symbols[i].scope = scope;
        }

        // What children see: function locals are visible to nested scopes; class and module
        // bindings are not (module ones are globals). Class bodies provide `__class__`.
        let mut new_bound: HashSet<String> = bound_here;
        let mut new_global = global.clone();
        match kind {
            ScopeKind::Class => {
                new_bound.insert("__class__".to_string());
            }
            ScopeKind::Module => {}
            _ => {
                for name in &local {
                    new_bound.insert(name.clone());
                    new_global.remove(name);
                }
            }
        }

        let mut child_free = HashSet::new();
        for child in self.scopes[id].children.clone() {
            let mut g = new_global.clone();
            self.analyze(child, &new_bound, &mut g, &mut child_free)?;
        }

        let scope = &mut self.scopes[id];
        if kind.is_function_like() {
            for s in &mut scope.symbols {
                if s.scope == SymbolScope::Local && child_free.remove(&s.name) {
                    s.scope = SymbolScope::Cell;
                }
            }
        }
        if kind == ScopeKind::Class && child_free.remove("__class__") {
            scope.needs_class_cell = true;
        }
        // Names free in children but not resolved here pass through this scope.
        let mut names: Vec<&String> = child_free.iter().collect();
        names.sort();
        for name in names {
            match scope.lookup(name).map(|s| s.flags) {
                Some(f) if kind == ScopeKind::Class && f & DEF_BOUND != 0 => {
                    let i = scope.index[name.as_str()];
                    scope.symbols[i].flags |= DEF_FREE_CLASS;
                }
                Some(_) => {}
                None if kind != ScopeKind::Module => {
                    scope.add_flags(name, 0);
                    let i = scope.index[name.as_str()];
                    scope.symbols[i].scope = SymbolScope::Free;
                }
                None => {}
            }
        }
        if kind != ScopeKind::Module {
            free.extend(child_free);
        }
        Ok(())
    }
}
