//! `FuncState`: everything being built for one code object — the instruction buffer with a
//! location and an exception handler per instruction, the constant and name pools, labels, and
//! the register allocator — and `finish`, which resolves labels, turns per-instruction handlers
//! into the exception table and assembles the `CodeObject`.
//!
//! Registers: named registers (locals, cells, free variables) are fixed at the bottom; temporaries
//! are allocated above them strictly LIFO (`alloc`/`release_to`, asserted), and the high-water
//! mark becomes `nregs` (Lua's `freereg`/`maxstacksize`).

use std::collections::HashMap;
use std::rc::Rc;

use crate::bytecode::code::{ArgSpec, CodeFlags, CodeObject, Constant, ExceptionEntry, Location};
use crate::bytecode::opcodes::Instr;
use crate::source::{SourceFile, TextRange};
use crate::syntax_error::SyntaxError;

/// A jump target not yet placed: an index into `FuncState::labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// Where an exception raised by an instruction goes: the handler label and the register that
/// receives the exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub label: Label,
    pub exc_reg: u16,
}

pub struct FuncState {
    pub code: Vec<Instr>,
    pub ranges: Vec<TextRange>,
    handlers_of: Vec<Option<Handler>>,
    /// Innermost last; the top applies to every instruction emitted.
    pub handler_stack: Vec<Handler>,
    labels: Vec<Option<u32>>,
    pub consts: Vec<Constant>,
    pub names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u16>,
    /// Number of named registers; temporaries start here.
    pub nnamed: u16,
    free_reg: u16,
    max_reg: u16,
    /// The source range instructions are attributed to.
    pub loc: TextRange,
}

pub const MAX_REGS: u32 = u16::MAX as u32;

impl FuncState {
    pub fn new(nnamed: u16, loc: TextRange) -> Self {
        FuncState {
            code: Vec::new(),
            ranges: Vec::new(),
            handlers_of: Vec::new(),
            handler_stack: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            nnamed,
            free_reg: nnamed,
            max_reg: nnamed,
            loc,
        }
    }

    pub fn emit(&mut self, instr: Instr) {
        self.code.push(instr);
        self.ranges.push(self.loc);
        self.handlers_of.push(self.handler_stack.last().copied());
    }

    pub fn pc(&self) -> usize {
        self.code.len()
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Places `label` at the next instruction.
    pub fn bind(&mut self, label: Label) {
        debug_assert!(self.labels[label.0 as usize].is_none(), "label bound twice");
        self.labels[label.0 as usize] = Some(self.code.len() as u32);
    }

    /// Labels are stored in jump operands as label ids until `finish` resolves them.
    pub fn target(label: Label) -> u32 {
        label.0
    }

    // ---- registers ------------------------------------------------------------------------

    /// Allocates `n` consecutive temporaries.
    pub fn alloc_n(&mut self, n: u32) -> Result<u16, SyntaxError> {
        let start = self.free_reg;
        let end = start as u32 + n;
        if end >= MAX_REGS {
            return Err(SyntaxError::new(
                "too many registers needed (expression too complex)",
                self.loc,
            ));
        }
        self.free_reg = end as u16;
        self.max_reg = self.max_reg.max(self.free_reg);
        Ok(start)
    }

    pub fn alloc(&mut self) -> Result<u16, SyntaxError> {
        self.alloc_n(1)
    }

    /// The allocation mark: temporaries allocated after it are released by `release_to`.
    pub fn mark(&self) -> u16 {
        self.free_reg
    }

    /// Frees every temporary above `mark` (LIFO: never raises the mark).
    pub fn release_to(&mut self, mark: u16) {
        assert!(
            mark <= self.free_reg && mark >= self.nnamed,
            "register release out of LIFO order"
        );
        self.free_reg = mark;
    }

    pub fn is_temp(&self, reg: u16) -> bool {
        reg >= self.nnamed
    }

    // ---- pools ----------------------------------------------------------------------------

    pub fn add_const(&mut self, c: Constant) -> Result<u16, SyntaxError> {
        if let Some(i) = self.consts.iter().position(|k| k.same(&c)) {
            return Ok(i as u16);
        }
        if self.consts.len() >= u16::MAX as usize {
            return Err(SyntaxError::new(
                "too many constants in one code object",
                self.loc,
            ));
        }
        self.consts.push(c);
        Ok(self.consts.len() as u16 - 1)
    }

    pub fn add_name(&mut self, name: &str) -> Result<u16, SyntaxError> {
        if let Some(&i) = self.name_index.get(name) {
            return Ok(i);
        }
        if self.names.len() >= u16::MAX as usize {
            return Err(SyntaxError::new(
                "too many names in one code object",
                self.loc,
            ));
        }
        let rc: Rc<str> = name.into();
        let i = self.names.len() as u16;
        self.names.push(rc.clone());
        self.name_index.insert(rc, i);
        Ok(i)
    }

    /// Resolves labels and builds the code object.
    pub fn finish(self, meta: CodeMeta, source: &SourceFile) -> Result<CodeObject, SyntaxError> {
        let resolve = |l: u32| -> u32 {
            self.labels[l as usize].expect("every label is bound before finish")
        };
        if self.code.len() >= (1 << 24) {
            return Err(SyntaxError::new("function too large", meta.range));
        }
        let mut code = Vec::with_capacity(self.code.len());
        for instr in &self.code {
            let mut i = *instr;
            i.map_labels(resolve);
            code.push(i.encode());
        }
        let locations = self
            .ranges
            .iter()
            .map(|r| {
                let (line, col) = source.lines.line_col(r.start);
                let (end_line, end_col) = source.lines.line_col(r.end);
                Location {
                    line,
                    end_line,
                    col,
                    end_col,
                }
            })
            .collect();
        let mut exception_table: Vec<ExceptionEntry> = Vec::new();
        for (pc, h) in self.handlers_of.iter().enumerate() {
            let Some(h) = h else { continue };
            let handler = resolve(h.label.0);
            match exception_table.last_mut() {
                Some(e) if e.end == pc as u32 && e.handler == handler && e.exc_reg == h.exc_reg => {
                    e.end += 1
                }
                _ => exception_table.push(ExceptionEntry {
                    start: pc as u32,
                    end: pc as u32 + 1,
                    handler,
                    exc_reg: h.exc_reg,
                }),
            }
        }
        Ok(CodeObject {
            name: meta.name.into(),
            qualname: meta.qualname.into(),
            filename: source.name.as_str().into(),
            first_line: source.lines.line(meta.range.start),
            flags: meta.flags,
            args: meta.args,
            code,
            locations,
            consts: self.consts,
            names: self.names,
            varnames: meta.varnames.iter().map(|s| s.as_str().into()).collect(),
            cells: meta.cells,
            freevars: meta.freevars.iter().map(|s| s.as_str().into()).collect(),
            nregs: self.max_reg,
            exception_table,
            docstring: meta.docstring.map(|s| s.as_str().into()),
        })
    }
}

/// What `finish` needs besides the instruction stream.
pub struct CodeMeta {
    pub name: String,
    pub qualname: String,
    pub range: TextRange,
    pub flags: CodeFlags,
    pub args: ArgSpec,
    pub varnames: Vec<String>,
    pub cells: Vec<u16>,
    pub freevars: Vec<String>,
    pub docstring: Option<String>,
}
