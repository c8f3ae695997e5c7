//! The virtual machine: its state (the register stack, frames, module tables), entry points
//! for running a module, and the roots it hands the collector at safepoints.

pub mod cache;
pub mod code;
pub mod error_location;
pub mod errors;
pub mod frame;
pub mod gen;
pub mod interp;
pub mod ops;
pub mod signals;
pub mod unwind;

use crate::bytecode::code::CodeObject;
use crate::gc::{self, Marker, ObjRef};
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::str::intern;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use code::CodeRt;
use frame::{Frame, Ret};
use std::collections::HashMap;
use std::rc::Rc;

/// Native nesting (native code calling back into Python) allowed beyond the recursion limit's
/// own count, so Rust recursion stays far below the thread's stack.
const MAX_NATIVE_DEPTH: usize = 200;

/// Python calls compiled code makes itself (each a few native frames) nested in one another;
/// a deeper call is handed to the interpreter, which pushes its frame without native recursion.
/// Counted apart from `native_depth`, so a program hits the same RecursionErrors with the JIT as
/// without; the two bounds together keep the Rust stack far below the VM thread's.
pub const MAX_JIT_CALL_DEPTH: usize = 1000;

/// Suffixes of CPython's RecursionError messages, named after the C-level check that failed:
/// rich comparisons (`PyObject_RichCompare`) and calls of one-argument builtins such as `repr()`
/// and `hash()` that run a Python dunder. Which of its alternating checks overflows first is
/// what CPython reports; pylift names the native operation that re-entered Python.
pub const IN_COMPARISON: &str = " in comparison";
pub const WHILE_CALLING: &str = " while calling a Python object";

/// The register stack's fixed length, in values: a power of two, so that a register index
/// masked with `STACK_MASK` (`reg`) needs no bounds check. Frames are pushed only below it
/// (`ensure_stack`); the pages a program never reaches cost no memory.
pub const STACK_LEN: usize = 1 << 24;
pub const STACK_MASK: usize = STACK_LEN - 1;

/// The stack index of a register. Every index the interpreter forms is below `STACK_LEN`
/// already (a window lies within the stack and the verifier keeps registers within windows),
/// so the mask changes nothing but lets the compiler drop the bounds check.
#[inline(always)]
pub const fn reg(i: usize) -> usize {
    i & STACK_MASK
}

pub struct Vm {
    pub stack: Box<[Value; STACK_LEN]>,
    pub frames: Vec<Frame>,
    /// The builtins module's dict.
    pub builtins: ObjRef,
    /// `sys.modules`.
    pub modules: ObjRef,
    pub sys: ObjRef,
    /// The exception being handled (`PushExcInfo`/`PopExcInfo`), for bare `raise` and
    /// `__context__`.
    pub handled: Value,
    pub recursion_limit: usize,
    /// The depth below which compiled code may make a direct call: the recursion limit or
    /// `tier_up::MAX_DIRECT_DEPTH`, whichever is lower, so that a direct call checks one bound.
    pub direct_limit: usize,
    /// The address in the register stack below which compiled code may put the windows of its
    /// direct calls (`direct_room`). Those write only their callees' arguments and locals; what
    /// the temporaries hold before refers to no freed object, because the registers from the
    /// top to here are cleared by a collection, and before they are handed out again.
    pub direct_end: usize,
    /// Python frames plus native re-entries, checked against the recursion limit.
    pub depth: usize,
    pub native_depth: usize,
    /// Python calls made by compiled code that are still running (see `MAX_JIT_CALL_DEPTH`).
    pub jit_call_depth: usize,
    /// The "no value" marker of unbound registers (never visible to Python).
    pub null: Value,
    /// Sources of the files that ran, for traceback lines.
    pub sources: HashMap<String, Rc<SourceFile>>,
    /// Values kept alive for the whole run (main module, its code constants).
    pub pinned: Vec<Value>,
    pub pinned_code: Vec<Rc<CodeRt>>,
    /// Set when the last `run_frame` ended by a generator suspending (not returning).
    pub yielded: bool,
    /// The exception being raised re-raises an existing one: add no traceback entry for the
    /// frame it is raised in.
    pub skip_tb: bool,
    /// The JIT tier (`None` under `--no-jit`).
    pub jit: Option<Box<crate::tier_up::TierUp>>,
    /// The unfinished work of `Ret::Init`, `Ret::Binary` and `Ret::Gen` frames, innermost last.
    pub pending: Vec<frame::Pending>,
    /// Attribute and method answers for instructions that see several classes or shapes.
    pub poly: cache::PolyTable,
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        let t = types();
        let null = alloc::obj(t.object, Kind::Instance);
        let mut vm = Vm {
            stack: gc::zeroed_values(),
            frames: Vec::with_capacity(256),
            builtins: alloc::dict_obj(),
            modules: alloc::dict_obj(),
            sys: alloc::dict_obj(),
            handled: Value::None,
            recursion_limit: 1000,
            direct_limit: 1000,
            direct_end: 0,
            depth: 0,
            native_depth: 0,
            jit_call_depth: 0,
            null,
            sources: HashMap::new(),
            pinned: Vec::new(),
            pinned_code: Vec::new(),
            yielded: false,
            skip_tb: false,
            jit: None,
            pending: Vec::new(),
            poly: cache::PolyTable::default(),
        };
        signals::install();
        vm.jit = crate::tier_up::TierUp::new();
        vm.set_direct_end(0);
        crate::builtins::install(&mut vm);
        crate::stdlib::install(&mut vm, argv);
        vm
    }

    #[inline]
    pub fn is_null(&self, v: Value) -> bool {
        // One tag test and one address compare: `Value::is` dispatched on both tags through a
        // jump table.
        matches!((v, self.null), (Value::Object(a), Value::Object(b)) if a.ptr_eq(b))
    }

    /// Runs a compiled module as `__main__`. Returns the exception that escaped, if any.
    pub fn run_main(&mut self, code: Rc<CodeObject>, source: Rc<SourceFile>) -> PyResult<Value> {
        self.sources.insert(source.name.clone(), source);
        let rt = CodeRt::new(code);
        self.pinned_code.push(rt.clone());
        let globals = alloc::dict_obj();
        self.pinned.push(Value::Object(globals));
        let g = Value::Object(globals);
        self.dict_set_str(g, "__name__", alloc::str("__main__"))?;
        self.dict_set_str(g, "__builtins__", Value::Object(self.builtins))?;
        self.dict_set_str(g, "__doc__", Value::None)?;
        let main = alloc::obj(
            types().module,
            Kind::Module {
                name: "__main__".into(),
                dict: globals,
            },
        );
        self.dict_set_str(Value::Object(self.modules), "__main__", main)?;
        self.run_code(rt, globals, g)
    }

    /// Runs module or class-body code with a namespace dict, to completion.
    pub fn run_code(&mut self, rt: Rc<CodeRt>, globals: ObjRef, locals: Value) -> PyResult<Value> {
        let base = self.stack_top();
        let n = rt.code.nregs as usize;
        self.ensure_stack(base + n)?;
        let null = self.null;
        self.stack[base..base + n].fill(null);
        self.depth += 1;
        self.frames.push(Frame {
            code: rt,
            func: Value::None,
            base,
            pc: 0,
            globals,
            locals,
            ret: Ret::Native,
            gen: None,
            resume: None,
        });
        self.run_frame(None)
    }

    /// One past the last register in use.
    #[inline]
    pub fn stack_top(&self) -> usize {
        match self.frames.last() {
            Some(f) => f.base + f.code.nregs,
            None => 0,
        }
    }

    /// Whether the register stack reaches index `n` (exclusive).
    #[inline]
    pub fn stack_has(&self, n: usize) -> bool {
        n <= STACK_LEN
    }

    /// Room for a window ending at `n`: only a recursion limit raised far beyond the default
    /// over frames of thousands of registers can exhaust the 16M registers.
    #[inline]
    pub fn ensure_stack(&mut self, n: usize) -> PyResult<()> {
        if self.stack_has(n) {
            Ok(())
        } else {
            Err(self.recursion_error())
        }
    }

    fn direct_end_index(&self) -> usize {
        (self.direct_end - self.stack.as_ptr() as usize) / std::mem::size_of::<Value>()
    }

    fn set_direct_end(&mut self, index: usize) {
        self.direct_end = self.stack[index..].as_ptr() as usize;
    }

    /// Lets direct calls' windows reach stack index `end` (within the stack: `stack_has`),
    /// clearing the registers newly handed out: nothing live is there, as every window in use
    /// ends below `direct_end` and every frame below the top.
    #[inline]
    pub fn direct_room(&mut self, end: usize) {
        if end > self.direct_end_index() {
            self.grow_direct_room(end);
        }
    }

    #[cold]
    fn grow_direct_room(&mut self, end: usize) {
        let from = self.direct_end_index().max(self.stack_top());
        if from < end {
            let null = self.null;
            self.stack[from..end].fill(null);
            self.set_direct_end(end);
        }
    }

    /// Every root: registers of live frames, frames, module tables, builtins, interned strings,
    /// the handled exception and pinned values.
    pub fn mark_roots(&self, m: &mut Marker) {
        let top = self.stack_top();
        m.values(&self.stack[..top]);
        for f in &self.frames {
            f.trace(m);
        }
        m.obj(self.builtins);
        m.obj(self.modules);
        m.obj(self.sys);
        m.value(self.handled);
        for p in &self.pending {
            p.trace(m);
        }
        m.value(self.null);
        m.values(&self.pinned);
        for c in &self.pinned_code {
            c.trace(m);
        }
        crate::runtime::str::mark_interned(m);
        types().mark_all(m);
    }

    /// A safepoint: collects if the allocation budget is spent.
    #[inline]
    pub fn safepoint(&mut self) {
        if gc::should_collect() {
            self.collect();
        }
    }

    #[cold]
    pub fn collect(&mut self) -> usize {
        // Registers above the top are dead. Those below `direct_end` are cleared, not just left
        // unmarked: a direct call writes only its callee's arguments and locals into its window
        // (`tier_up`), so the callee's temporaries hold whatever was there until it writes them,
        // and a collection that runs while it is on the stack (its own callee left to the
        // interpreter) marks them. Windows are handed out again from the top (`direct_room`).
        let (top, null) = (self.stack_top(), self.null);
        let end = self.direct_end_index().max(top);
        self.stack[top..end].fill(null);
        self.set_direct_end(top);
        gc::collect(|m| self.mark_roots(m))
    }

    pub fn set_recursion_limit(&mut self, n: usize) {
        self.recursion_limit = n;
        self.direct_limit = n.min(crate::tier_up::MAX_DIRECT_DEPTH);
    }

    pub fn enter_native(&mut self) -> PyResult<()> {
        self.enter_native_for("")
    }

    /// `enter_native` for a native operation whose CPython counterpart has its own recursion
    /// check: the RecursionError's message ends with that check's suffix.
    pub fn enter_native_for(&mut self, check: &'static str) -> PyResult<()> {
        self.native_depth += 1;
        if self.native_depth > MAX_NATIVE_DEPTH || self.depth > self.recursion_limit {
            self.native_depth -= 1;
            return Err(self.recursion_error_for(check));
        }
        Ok(())
    }

    pub fn leave_native(&mut self) {
        self.native_depth -= 1;
    }

    pub fn recursion_error(&mut self) -> PyErr {
        self.recursion_error_for("")
    }

    fn recursion_error_for(&mut self, check: &str) -> PyErr {
        self.new_error(
            types().recursion_error,
            format!("maximum recursion depth exceeded{check}"),
        )
    }

    pub fn intern_value(&self, s: &str) -> Value {
        Value::Object(intern(s))
    }
}

/// Parses, compiles and runs a program as `__main__` on a thread with a large stack (native
/// re-entry into the dispatch loop recurses on the Rust stack). Prints a SyntaxError or an
/// uncaught exception's traceback; returns the exit status (SystemExit's code, 1 after an
/// error, else 0).
pub fn run_source(source: SourceFile, argv: Vec<String>) -> i32 {
    let handle = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let module = match crate::parser::parse_module(&source) {
                Ok(m) => m,
                Err(e) => {
                    eprint!("{}", e.render(&source));
                    return 1;
                }
            };
            let code = match crate::compiler::compile_module(&module, &source) {
                Ok(c) => c,
                Err(e) => {
                    eprint!("{}", e.render(&source));
                    return 1;
                }
            };
            drop(module);
            let mut vm = Vm::new(argv);
            let status = match vm.run_main(code, Rc::new(source)) {
                Ok(_) => 0,
                Err(e) => vm.exit_status(e),
            };
            crate::builtins::io::flush_stdout();
            status
        });
    match handle {
        Ok(h) => h.join().unwrap_or(1),
        Err(_) => 1,
    }
}

impl Vm {
    /// The exit status for an uncaught exception, printing what CPython prints.
    pub fn exit_status(&mut self, e: PyErr) -> i32 {
        if self.exc_matches(e, types().system_exit) {
            let code = self
                .getattr_str(Value::Object(e.0), "code")
                .unwrap_or(Value::None);
            return match code {
                Value::None => 0,
                Value::Int(i) => i as i32,
                Value::Bool(b) => b as i32,
                other => {
                    let s = self.str(other).unwrap_or_default();
                    crate::builtins::io::write_stderr(&format!("{s}\n"));
                    1
                }
            };
        }
        let text = self.format_exception(e);
        crate::builtins::io::write_stderr(&text);
        1
    }
}
