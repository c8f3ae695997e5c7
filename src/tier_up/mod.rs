//! Tier-up: hot code objects are lowered to `pylift-jit` IR (`lower`) and compiled to native
//! code, which the interpreter then enters at function entry or, through on-stack replacement,
//! at a loop header.
//!
//! Hotness: each code object has one counter (`CodeTier`) that calls and backward jumps bump;
//! when it reaches `--jit-threshold` (0: at the first call) the code is compiled with an OSR entry
//! at every loop header. Compiled code runs on the frame's own registers and always leaves
//! through an exit that names the pc where the interpreter resumes (`exits`): a planned leave
//! (return, an operation compiled code does not do), a deopt (a guard failed; the interpreter
//! redoes the operation generically), an exception raised by a helper, which the interpreter
//! then unwinds from that pc, so tracebacks are the interpreter's own, or a back-edge that
//! found the VM's attention flag set (SIGINT, a closed stdout, the execution budget), after
//! which the interpreter's backward jump polls and raises as it would have.
//!
//! Invariants:
//! - Compiled code reads and writes the frame only through its register file and never keeps a
//!   heap pointer in an IR value across a helper call; before any helper that may run Python code
//!   every unboxed value is written back, so the GC and the helper see the whole frame.
//! - The register stack is a fixed array (`vm::STACK_LEN`) and never moves, so compiled code
//!   keeps its register file's address across helper calls.
//! - Python calls of compiled callees that compiled code makes itself (`helpers`,
//!   `run_callee`) push the callee's frame exactly as the interpreter does and nest natively at
//!   most `vm::MAX_JIT_CALL_DEPTH` deep; a deeper call is handed to the interpreter.
//! - A code object that deopts too often is recompiled with the failing instructions made
//!   generic, and after `MAX_RECOMPILES` left to the interpreter for good.

pub mod exits;
pub mod helpers;
pub mod intrinsics;
pub mod lower;

use crate::bytecode::opcodes::Instr;
use crate::runtime::exception::PyResult;
use crate::runtime::value::Value;
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use exits::ExitKind;
use pylift_jit::{CompileOptions, CompiledCode, ExitReason, Jit};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Counter value (calls plus back-edges) at which code is compiled unless `--jit-threshold`
/// says otherwise. Compiling costs about a millisecond per function in a release build, which
/// 1000 interpreted iterations outweigh; not yet tuned further (see docs/jit.md).
pub const DEFAULT_THRESHOLD: u32 = 1000;
/// Deopts through one exit before the instruction behind it is made generic and the code
/// recompiled.
const DEOPTS_BEFORE_RECOMPILE: u32 = 20;
/// Recompilations of one code object before it is left to the interpreter.
const MAX_RECOMPILES: u8 = 8;

/// JIT settings from the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub enabled: bool,
    pub threshold: u32,
    pub log: bool,
    /// Compile hot code even when it does not pay (`worth_compiling`), for the tests.
    pub all: bool,
    pub dump_ir: bool,
    pub dump_clif: bool,
    pub dump_asm: bool,
    pub stats: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            enabled: true,
            threshold: DEFAULT_THRESHOLD,
            log: false,
            all: false,
            dump_ir: false,
            dump_clif: false,
            dump_asm: false,
            stats: false,
        }
    }
}

impl Config {
    /// Settings from the command line's `--no-jit`, `--jit-threshold N` and JIT flags
    /// (`jit-log`, `jit-all`, `dump-jit-ir`, `dump-clif`, `dump-asm`, `stats`).
    pub fn from_cli(no_jit: bool, threshold: Option<u32>, flags: &[String]) -> Config {
        let has = |f: &str| flags.iter().any(|x| x == f);
        Config {
            enabled: !no_jit,
            threshold: threshold.unwrap_or(DEFAULT_THRESHOLD),
            log: has("jit-log"),
            all: has("jit-all"),
            dump_ir: has("dump-jit-ir"),
            dump_clif: has("dump-clif"),
            dump_asm: has("dump-asm"),
            stats: has("stats"),
        }
    }
}

static CONFIG: OnceLock<Config> = OnceLock::new();

/// Sets the process-wide JIT settings (the CLI calls this once, before any VM is created).
pub fn configure(cfg: Config) {
    let _ = CONFIG.set(cfg);
}

/// Per code object: the hotness counter and what tier-up made of it.
#[derive(Default)]
pub struct CodeTier {
    count: Cell<u32>,
    state: RefCell<State>,
    /// Pcs whose specialised form deopted too often; lowered generically from then on.
    generic: RefCell<Vec<u32>>,
    recompiles: Cell<u8>,
    /// Pc of the last deopt, blamed when an OSR entry guard fails afterwards.
    last_deopt: Cell<Option<u32>>,
    /// Entries at the function's start and by OSR: a loop that is re-entered by OSR far more
    /// often than the function is called leaves compiled code every iteration (a Python call
    /// in the loop body), and then the interpreter alone is faster.
    entries: Cell<u32>,
    osr_entries: Cell<u32>,
    /// Exits to let the interpreter make a Python call (of an uncompiled callee, or nested too
    /// deep to make natively).
    call_leaves: Cell<u32>,
    /// The last exit was an `Attention` exit: the OSR re-entry that follows it is the same
    /// loop continuing, not a loop that keeps leaving compiled code.
    attended: Cell<bool>,
    /// Mirrors `State::Never` and leaf-only compiled code (`Compiled::leaf`), so the
    /// interpreter's hook returns at once for such code.
    never: Cell<bool>,
    /// A leaf (code that calls nothing) that would not pay entered from the interpreter, but
    /// that compiled code could call directly: it is compiled when code that calls it is
    /// (`compile`), or at once when it is hot again after a recompile.
    leaf: Cell<bool>,

    /// The address of the globals dict the code's compiled versions were lowered for (0 until
    /// one is lowered with globals): compiled code reads known globals without checking the
    /// frame's, so it is entered only on frames with these (`run`), called directly only by code
    /// of the same globals (`lower`'s `direct_ready`), and never compiled for other ones.
    globals: Cell<usize>,
    /// The entry address of the compiled code when other compiled code may call it directly
    /// (`Lowered::direct`), else 0. Compiled callers read it at `DIRECT_OFFSET` at every call.
    direct: Cell<usize>,
    /// The int entry's address (`CompiledCode::int_entry`) when other compiled code may call the
    /// code directly and it has one, else 0; read at `INT_ENTRY_OFFSET` at every call made
    /// through it. A caller compiled against an int entry that is gone leaves at the call.
    int_entry: Cell<usize>,
    /// Compiled versions this code no longer runs from its entry. Direct calls run compiled code
    /// without holding it, so a version replaced while some of them are still running must stay
    /// mapped: each is kept as long as the code object (at most `MAX_RECOMPILES` of them).
    retired: RefCell<Vec<Rc<Compiled>>>,
    /// The code objects `Call` sites saw called (`tier_up::saw_call`), by pc: where the callee is
    /// not known ahead, compiled code guards on its code object (`lower`'s `Known::Held`). Weak:
    /// a code object that calls itself would otherwise keep itself alive. Never pruned: a weak
    /// reference keeps the code's allocation, so while this code (and so its compiled code)
    /// lives, no other code object can take a seen one's address and pass that guard.
    callees: RefCell<Vec<(u32, std::rc::Weak<CodeRt>)>>,
}

impl CodeTier {
    /// Whether the interpreter should record type feedback for this code: not once it is left
    /// to the interpreter for good, as nothing will read it.
    pub fn wants_feedback(&self) -> bool {
        !self.never.get()
    }

    /// Records that the `Call` at `pc` called a function with code `code`.
    pub fn saw_callee(&self, pc: u32, code: &Rc<CodeRt>) {
        let mut seen = self.callees.borrow_mut();
        if !seen
            .iter()
            .any(|(p, c)| *p == pc && std::ptr::eq(c.as_ptr(), Rc::as_ptr(code)))
        {
            seen.push((pc, Rc::downgrade(code)));
        }
    }

    /// The code objects still alive that the `Call` at `pc` saw called, oldest first.
    pub fn callees_at(&self, pc: u32) -> Vec<Rc<CodeRt>> {
        self.callees
            .borrow()
            .iter()
            .filter(|(p, _)| *p == pc)
            .filter_map(|(_, c)| c.upgrade())
            .collect()
    }

    fn set_state(&self, s: State) {
        self.never.set(match &s {
            State::Never => true,
            State::Compiled(c) => c.leaf,
            State::Cold => false,
        });

        self.direct.set(match &s {
            State::Compiled(c) if c.direct => c.code.entry() as usize,
            _ => 0,
        });
        self.int_entry.set(match &s {
            State::Compiled(c) if c.direct => c.code.int_entry().unwrap_or(0),
            _ => 0,
        });
        if let State::Compiled(old) = std::mem::replace(&mut *self.state.borrow_mut(), s) {
            self.retired.borrow_mut().push(old);
        }
    }

    /// The compiled version whose entry or int entry is at `entry`: the current one or a
    /// retired one.
    fn version_at(&self, entry: usize) -> Option<Rc<Compiled>> {
        let is = |c: &Rc<Compiled>| {
            c.code.entry() as usize == entry || c.code.int_entry() == Some(entry)
        };
        if let State::Compiled(c) = &*self.state.borrow() {
            if is(c) {
                return Some(c.clone());
            }
        }
        self.retired.borrow().iter().find(|c| is(c)).cloned()
    }
}

/// Where in a `CodeRt` compiled code finds its `CodeTier::direct` entry.
pub const DIRECT_OFFSET: usize =
    std::mem::offset_of!(CodeRt, tier) + std::mem::offset_of!(CodeTier, direct);

/// Where in a `CodeRt` compiled code finds its `CodeTier::int_entry`.
pub const INT_ENTRY_OFFSET: usize =
    std::mem::offset_of!(CodeRt, tier) + std::mem::offset_of!(CodeTier, int_entry);

/// OSR re-entries per call (and in total) beyond which a code object is left to the
/// interpreter.
const OSR_PER_CALL_LIMIT: u32 = 50;
const OSR_LIMIT: u32 = 2000;

#[derive(Default)]
enum State {
    #[default]
    Cold,
    Compiled(Rc<Compiled>),
    /// Not compilable, or deopted too often: the interpreter runs it.
    Never,
}

/// Native code for one code object plus what each exit means to the VM.
pub struct Compiled {
    code: CompiledCode,
    kinds: Vec<ExitKind>,
    /// A `Return` of the register the code's normal return writes (`Lowered::ret_pc`).
    ret_pc: u32,
    /// Whether other compiled code may call this directly (`Lowered::direct`).
    direct: bool,
    /// Compiled for direct calls only (`CodeTier::leaf`): the interpreter never enters it.
    leaf: bool,
    /// `Lowered::direct_targets`.
    direct_targets: std::collections::BTreeSet<usize>,
}

/// `--stats` counters.
#[derive(Default, Debug, Clone, Copy)]
pub struct Stats {
    pub compiled: u64,
    pub failed: u64,
    pub entries: u64,
    pub osr_entries: u64,
    pub deopts: u64,
    pub recompiles: u64,
    pub compile_time: Duration,
    pub code_bytes: u64,
}

/// The tier-up state of one VM.
pub struct TierUp {
    jit: Jit,
    cfg: Config,
    pub stats: Stats,
}

impl TierUp {
    /// The tier-up for a new VM, or `None` when the JIT is off (or the host has no backend).
    pub fn new() -> Option<Box<TierUp>> {
        let cfg = CONFIG.get().copied().unwrap_or_default();
        if !cfg.enabled {
            return None;
        }
        let jit = Jit::new().ok()?;
        Some(Box::new(TierUp {
            jit,
            cfg,
            stats: Stats::default(),
        }))
    }
}

impl Drop for TierUp {
    fn drop(&mut self) {
        if self.cfg.stats {
            let s = self.stats;
            eprintln!(
                "[jit] stats: {} compiled ({} failed, {} recompiled), {} entries, {} OSR entries, \
                 {} deopts, {:.3} ms compiling, {} bytes of code",
                s.compiled,
                s.failed,
                s.recompiles,
                s.entries,
                s.osr_entries,
                s.deopts,
                s.compile_time.as_secs_f64() * 1e3,
                s.code_bytes
            );
        }
    }
}

/// The interpreter's hook, called with the top frame running `code`: at its entry (`osr` None,
/// pc 0) and at every backward jump (`osr` = the jump target). Counts, compiles when hot, and
/// runs compiled code if there is an entry for that point; returns the pc the interpreter
/// continues at when compiled code ran.
#[inline]
pub fn enter(vm: &mut Vm, code: &Rc<CodeRt>, osr: Option<usize>) -> PyResult<Option<usize>> {
    if osr.is_none() {
        saw_call(vm, code);
    }
    if code.tier.never.get() {
        return Ok(None);
    }
    enter_counted(vm, code, osr.map(|pc| pc as u32))
}

fn enter_counted(vm: &mut Vm, code: &Rc<CodeRt>, osr: Option<u32>) -> PyResult<Option<usize>> {
    let tier = &code.tier;
    let compiled = match &*tier.state.borrow() {
        State::Compiled(c) => Some(c.clone()),
        State::Never => return Ok(None),
        State::Cold => None,
    };
    let compiled = match compiled {
        Some(c) => c,
        None => {
            if code.is_generator {
                // Never compiled: `Never` makes the hook return at once at every resumption
                // and back-edge (generators ran 5% more instructions counting them).
                tier.set_state(State::Never);
                return Ok(None);
            }
            let n = tier.count.get().saturating_add(1);
            tier.count.set(n);
            let threshold = vm.jit.as_ref().map_or(u32::MAX, |j| j.cfg.threshold);
            if n < threshold {
                return Ok(None);
            }
            match decide(vm, code, frame_env(vm, code), DECIDE_DEPTH) {
                Some(c) if !c.leaf => c,
                _ => return Ok(None),
            }
        }
    };
    enter_compiled(vm, code, &compiled, osr)
}

/// Compiles hot `code` for a frame with `env` if that pays, or leaves it to the interpreter
/// (for good, or until a caller compiles if it is a leaf: `CodeTier::leaf`). The hot callees
/// not yet decided on are decided first, `depth` calls deep (a deeper call chain, or a
/// recursive one, is decided from the top), so that whether `code`'s calls of them can be
/// direct is known.
fn decide(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    env: Option<lower::Env>,
    depth: u8,
) -> Option<Rc<Compiled>> {
    let (threshold, all, log) = vm.jit.as_ref().map_or((u32::MAX, false, false), |j| {
        (j.cfg.threshold, j.cfg.all, j.cfg.log)
    });
    if threshold == 0 || all {
        return compile(vm, code, env, None, false);
    }
    if depth > 0 {
        // Code being recompiled has run compiled, and its generic call sites ran then as often
        // as the deopts that brought it back (vector_ops' `render`: its loop's first hit calls
        // `__add__` and `__neg__` only once it is compiled, 20 times before the recompile): a
        // callee that has run at all is hot, or that site would stay generic for good.
        let recompiling = code.tier.recompiles.get() > 0;
        for callee in lower::callees(code, env, &vm.poly) {
            let tier = &callee.tier;
            let cold = matches!(*tier.state.borrow(), State::Cold);
            // A method of several classes is called by turns (richards' four `step`s): each
            // counts a fraction of what its caller's loop does.
            let hot = tier.count.get() >= threshold / 8 || (recompiling && tier.count.get() > 0);
            if cold && hot && !callee.is_generator && !Rc::ptr_eq(&callee, code) {
                decide(vm, &callee, env, depth - 1);
            }
        }
        // A callee that calls this code back has decided on it too.
        match &*code.tier.state.borrow() {
            State::Cold => {}
            State::Compiled(c) => return Some(c.clone()),
            State::Never => return None,
        }
    }
    // Code that would mostly call helpers is still compiled if other compiled code can call it
    // directly (fib: its calls are of itself), which costs no helper at all.
    let tier = &code.tier;
    match worth_compiling(code, env) {
        Ok(()) => compile(vm, code, env, None, false),
        Err(why) if lower::maybe_direct(code) && makes_calls(code) => {
            compile(vm, code, env, Some(why), false)
        }
        Err(why) if lower::maybe_direct(code) && tier.leaf.get() => {
            compile(vm, code, env, Some(why), true)
        }
        Err(why) => {
            let leaf = lower::maybe_direct(code);
            if log {
                let later = if leaf {
                    "; compiled for direct calls when a caller is"
                } else {
                    ""
                };
                eprintln!(
                    "[jit] left to the interpreter: {} ({}:{}): {why}{later}",
                    code.code.qualname, code.code.filename, code.code.first_line
                );
            }
            tier.leaf.set(leaf);
            tier.set_state(State::Never);
            None
        }
    }
}

/// Enters `compiled` (the code of `code`, on the top frame) at its start or at loop header
/// `osr`, counting the entry.
fn enter_compiled(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    compiled: &Rc<Compiled>,
    osr: Option<u32>,
) -> PyResult<Option<usize>> {
    if osr.is_some_and(|pc| compiled.code.osr_entry(pc).is_none()) {
        return Ok(None);
    }
    let (calls, osrs) = (&code.tier.entries, &code.tier.osr_entries);
    let attended = code.tier.attended.replace(false);
    match osr {
        None => calls.set(calls.get().saturating_add(1)),
        Some(_) if attended => {}
        Some(_) => {
            osrs.set(osrs.get().saturating_add(1));
            if osrs.get() > OSR_LIMIT && osrs.get() / (calls.get() + 1) > OSR_PER_CALL_LIMIT {
                if let Some(tu) = vm.jit.as_ref() {
                    if tu.cfg.log {
                        eprintln!(
                            "[jit] giving up on {}: its loops leave compiled code every iteration",
                            code.code.qualname
                        );
                    }
                }
                code.tier.set_state(State::Never);
                return Ok(None);
            }
        }
    }
    run(vm, code, compiled, osr)
}

/// Runs the frame that compiled code just pushed for a Python call (its `ret` is
/// `Ret::Native`) to its return value: in the callee's compiled code if it has some, without
/// the dispatch loop, and in the interpreter from wherever that code leaves (or from its
/// start, where the dispatch loop's own entry hook counts and compiles it).
pub fn run_callee(vm: &mut Vm) -> PyResult<Value> {
    let fi = vm.frames.len() - 1;
    let code = vm.frames[fi].code.clone();
    let compiled = match &*code.tier.state.borrow() {
        State::Compiled(c) => Some(c.clone()),
        _ => None,
    };
    let Some(compiled) = compiled else {
        return vm.run_frame(None);
    };
    match enter_compiled(vm, &code, &compiled, None) {
        Ok(Some(pc)) => {
            if let Instr::Return { src } = code.instrs[pc] {
                // What the interpreter's `Return` does for a `Ret::Native` frame that is not a
                // generator's.
                let v = vm.stack[vm.frames[fi].base + src as usize];
                vm.frames.pop();
                vm.depth -= 1;
                return Ok(v);
            }
            vm.frames[fi].pc = pc;
            vm.run_frame(None)
        }
        Ok(None) => vm.run_frame(None),
        Err(e) => vm.run_frame(Some(e)),
    }
}

/// Whether hot `code` gains from compiling (0 as the threshold and `--jit-all` compile
/// everything, for the tests). Compiled code runs arithmetic, comparisons and list subscripts
/// natively but everything else through helpers that cost a little more than the interpreter's
/// own cached forms, and entering and leaving it costs something too: it gains only where its native work
/// outnumbers its helper calls, judged on the innermost loops (where it spends its time) or,
/// for code without loops it can run, on what runs before its first exit, where it must be
/// twice as many (`eval_A` of spectral_norm: 8 to 0, twice as fast compiled; fib: 4 to 4, a
/// tenth slower). The render loop
/// of vector_ops (Vec3 objects) or the spigot of pidigits (big ints) would mostly run helpers,
/// and ran 5-20% more instructions compiled.
fn worth_compiling(code: &CodeRt, env: Option<lower::Env>) -> Result<(), String> {
    let (native, generic, what) = match lower::loop_mix(code, env) {
        Some((n, g)) if n > g => return Ok(()),
        Some((n, g)) => (n, g, "its innermost loops"),
        // Straight-line code is entered and left at every call, which its native work must
        // also pay for: it needs twice as many native operations as helper calls (str_build's
        // `checksum_of`, 17 to 11, and word_freq's `Lcg.next`, 5 to 3, ran 6% and 4% more
        // instructions compiled).
        None => match lower::mix(code, env) {
            (n, g) if n > 2 * g && n >= MIN_STRAIGHT_NATIVE => return Ok(()),
            (n, g) => (n, g, "it"),
        },
    };
    Err(format!(
        "{what} would mostly call helpers ({native} native operations, {generic} helper calls)"
    ))
}

/// The globals and builtins of the top frame, which runs `code`.
fn frame_env(vm: &Vm, code: &Rc<CodeRt>) -> Option<lower::Env> {
    vm.frames
        .last()
        .filter(|f| Rc::ptr_eq(&f.code, code))
        .map(|f| lower::Env {
            globals: f.globals,
            builtins: vm.builtins,
        })
}

/// How many calls deep `decide` looks at callees first.
const DECIDE_DEPTH: u8 = 3;

/// Native operations below which straight-line code is not worth entering from the interpreter
/// (closures' `mix`, three int operations, ran 3% more instructions compiled).
const MIN_STRAIGHT_NATIVE: usize = 4;

/// Whether `code` calls anything (operators whose methods it calls count): code that does is
/// not a leaf (`CodeTier::leaf`), as the interpreter would still enter it (and pay for that) at
/// every call it makes.
fn makes_calls(code: &CodeRt) -> bool {
    code.instrs.iter().enumerate().any(|(pc, i)| {
        matches!(i, Instr::Call { .. } | Instr::CallMethod { .. }) || lower::calls_method(code, pc)
    })
}

/// Lowers and compiles `code` for a frame with `env`, recording the result in its `CodeTier`;
/// with `only_direct` (why it would not pay otherwise), only if other compiled code may call
/// the result directly, and with `leaf`, for direct calls only. The leaves it calls that wait
/// for a caller to compile are compiled first.
fn compile(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    env: Option<lower::Env>,
    only_direct: Option<String>,
    leaf: bool,
) -> Option<Rc<Compiled>> {
    let null = vm.null;
    vm.jit.as_ref()?;
    // A leaf calls nothing, so this recursion ends at the leaves.
    for callee in lower::callees(code, env, &vm.poly) {
        let waiting = callee.tier.leaf.get() && matches!(*callee.tier.state.borrow(), State::Never);
        if waiting && !leaf && !Rc::ptr_eq(&callee, code) {
            let why = "it would not pay entered from the interpreter".to_string();
            compile(vm, &callee, env, Some(why), true);
        }
    }
    if let Some(e) = env {
        let pinned = code.tier.globals.replace(e.globals.addr());
        if pinned != 0 && pinned != e.globals.addr() {
            code.tier.globals.set(pinned);
            if vm.jit.as_ref().is_some_and(|tu| tu.cfg.log) {
                eprintln!(
                    "[jit] left to the interpreter: {} ({}:{}): compiled for other globals",
                    code.code.qualname, code.code.filename, code.code.first_line
                );
            }
            code.tier.set_state(State::Never);
            return None;
        }
    }
    let start = Instant::now();
    let generic = code.tier.generic.borrow().clone();
    let tu = vm.jit.as_mut()?;
    let traps = tu.cfg.threshold > 0;
    // Lowered for direct calls if it can be (its fast paths then leave to the interpreter where
    // they would call `exec`); calls of itself are made directly only if it is, as otherwise
    // each would leave compiled code.
    let lower = |self_direct, frameless| {
        let learned = lower::Learned {
            generic: &generic,
            poly: &vm.poly,
        };
        lower::lower(code, learned, null, env, traps, self_direct, frameless)
    };
    let lowered = match lower(true, false) {
        Ok(l) if l.could_be_direct && !l.direct => lower(true, true),
        other => other,
    };
    let lowered = match lowered {
        Ok(l) if l.calls_itself && !l.direct => lower(false, false),
        other => other,
    };
    if let Some(why) = only_direct.filter(|_| !lowered.as_ref().is_ok_and(|l| l.direct)) {
        if tu.cfg.log {
            eprintln!(
                "[jit] left to the interpreter: {} ({}:{}): {why}",
                code.code.qualname, code.code.filename, code.code.first_line
            );
        }
        code.tier.leaf.set(false);
        code.tier.set_state(State::Never);
        return None;
    }
    let opts = CompileOptions {
        dump_clif: tu.cfg.dump_clif,
        dump_asm: tu.cfg.dump_asm,
    };
    let result = lowered.and_then(|l| {
        let c = tu.jit.compile(&l.ir, opts).map_err(|e| e.to_string())?;
        crate::gc::system_alloc::release_free_memory();
        Ok((l, c))
    });
    let where_ = format!(
        "{} ({}:{})",
        code.code.qualname, code.code.filename, code.code.first_line
    );
    match result {
        Ok((l, c)) => {
            let elapsed = start.elapsed();
            tu.stats.compiled += 1;
            tu.stats.compile_time += elapsed;
            tu.stats.code_bytes += c.code_size as u64;
            if tu.cfg.log {
                eprintln!(
                    "[jit] compiled {where_}{}: {} IR insts, {} exits, {} OSR entries, {} bytes, {:.3} ms; mix {:?}, inner loops {:?}; types: {}",
                    if leaf { " for direct calls" } else { "" },
                    l.ir.inst_count(),
                    l.ir.exits.len(),
                    l.ir.osr_entries.len(),
                    c.code_size,
                    elapsed.as_secs_f64() * 1e3,
                    lower::mix(code, env),
                    lower::loop_mix(code, env),
                    l.types
                );
            }
            if tu.cfg.dump_ir {
                eprintln!("[jit] IR of {where_}:\n{}", l.ir);
            }
            if let Some(clif) = &c.clif {
                eprintln!("[jit] CLIF of {where_}:\n{clif}");
            }
            if let Some(asm) = &c.asm {
                eprintln!("[jit] asm of {where_}:\n{asm}");
            }
            let compiled = Rc::new(Compiled {
                code: c,
                kinds: l.kinds,
                ret_pc: l.ret_pc,
                direct: l.direct,
                leaf,
                direct_targets: l.direct_targets,
            });
            code.tier.set_state(State::Compiled(compiled.clone()));
            Some(compiled)
        }
        Err(e) => {
            tu.stats.failed += 1;
            if tu.cfg.log {
                eprintln!("[jit] not compiled {where_}: {e}");
            }
            code.tier.set_state(State::Never);
            None
        }
    }
}

/// Runs compiled code on the top frame (whose code is `code`) and maps its exit to the pc the
/// interpreter resumes at, or to the exception a helper raised there.
fn run(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    c: &Rc<Compiled>,
    osr: Option<u32>,
) -> PyResult<Option<usize>> {
    let fi = vm.frames.len() - 1;
    let base = vm.frames[fi].base;
    let pinned = code.tier.globals.get();
    if pinned != 0 && vm.frames[fi].globals.addr() != pinned {
        return Ok(None);
    }
    if let Some(tu) = vm.jit.as_mut() {
        match osr {
            Some(_) => tu.stats.osr_entries += 1,
            None => tu.stats.entries += 1,
        }
    }
    if !vm.stack_has(base + code.code.nregs as usize + DIRECT_WINDOWS) {
        return Ok(None);
    }
    vm.direct_room(base + code.code.nregs as usize + DIRECT_WINDOWS);
    let mut ctx = helpers::Ctx::new(vm, fi, base);
    // SAFETY: `base + nregs` is within the stack (checked above); the pointer is the frame's
    // register file for the whole call, because the stack never moves. `ctx` outlives the call, and so does `c`, which owns
    // the machine code (a recompile only drops the code tier's own reference). `vm` is only
    // reached through `ctx.vm` until the call returns.
    let result = unsafe {
        let regs = vm.stack.as_mut_ptr().add(base) as *mut u8;
        c.code
            .call(osr, regs, &mut ctx as *mut helpers::Ctx as *mut u8)
    };
    let Some(result) = result else {
        return Ok(None);
    };
    resume_at(vm, code, c, result, ctx.take_error())
}

/// Room in the register stack above a frame entering compiled code, for the register windows of
/// the calls it makes directly (which must end below `Vm::direct_end`).
const DIRECT_WINDOWS: usize = 1 << 13;

/// Direct calls nested deeper than this (in Python frames) are made by the interpreter, which
/// needs no native stack for them; the bound keeps the native recursion of compiled code far
/// below the VM thread's stack whatever the recursion limit.
pub const MAX_DIRECT_DEPTH: usize = 20_000;

/// Maps compiled code `c`'s `result`, which ran on the top frame, to the pc the interpreter
/// resumes at, or to the exception `err` a helper raised there (the pc is then saved in the
/// frame). Counts deopts, and recompiles or gives up on code that deopts too often.
fn resume_at(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    c: &Rc<Compiled>,
    result: u32,
    err: Option<crate::runtime::exception::PyErr>,
) -> PyResult<Option<usize>> {
    if result == pylift_jit::abi::RETURNED {
        return Ok(Some(c.ret_pc as usize));
    }
    let fi = vm.frames.len() - 1;
    let Some((desc, count)) = c.code.take_exit(result) else {
        return Ok(None);
    };
    let pc = desc.pc as usize;
    let index = pylift_jit::abi::exit_index(result).unwrap_or(0) as usize;
    match c.kinds.get(index).copied().unwrap_or(ExitKind::Leave) {
        ExitKind::Leave => {
            // A Python call handed to the interpreter (the callee has no compiled code, or
            // compiled calls are nested too deep): past `OSR_LIMIT` of them the caller is left
            // to the interpreter, for which leaving and re-entering compiled code at every call
            // costs more than interpreting it.
            let callee = match code.instrs[pc] {
                Instr::Call { func, .. } | Instr::CallMethod { func, .. } => {
                    Some(vm.stack[vm.frames[fi].base + func as usize])
                }
                _ => None,
            };
            if let Some(Value::Object(f)) = callee {
                callee_ready(vm, f);
            }
            // A callee compiled since this code was: compiled again, the call is direct.
            let new_target = callee.is_some_and(|f| {
                has_direct_entry(f) && f.as_obj().is_some_and(|f| !calls_directly(c, f))
            });
            if new_target && is_current(code, c) {
                if vm.jit.as_ref().is_some_and(|t| t.cfg.log) {
                    eprintln!(
                        "[jit] recompiling {}: a function it calls at pc {pc} is compiled now",
                        code.code.qualname
                    );
                }
                recompile(vm, code, c, None);
                return Ok(Some(pc));
            }
            let calls = &code.tier.call_leaves;
            if callee.is_some() {
                calls.set(calls.get().saturating_add(1));
                if calls.get() > OSR_LIMIT {
                    if vm.jit.as_ref().is_some_and(|t| t.cfg.log) {
                        eprintln!(
                            "[jit] giving up on {}: it hands its Python calls to the interpreter",
                            code.code.qualname
                        );
                    }
                    code.tier.set_state(State::Never);
                }
            }
            Ok(Some(pc))
        }
        ExitKind::Attention => {
            code.tier.attended.set(true);
            Ok(Some(pc))
        }
        ExitKind::Trap => {
            if !is_current(code, c) {
                return Ok(Some(pc));
            }
            if let Some(tu) = vm.jit.as_mut() {
                tu.stats.deopts += 1;
                if tu.cfg.log {
                    eprintln!(
                        "[jit] deopt in {} at pc {pc} (line {}): not run before compiling ({count} times)",
                        code.code.qualname,
                        code.line(pc)
                    );
                }
            }
            // As often as a deopt, not at once: code reached a few times in a whole run (the
            // `print` after each of binary_trees' seven inner loops) is not worth a compilation
            // (binary_trees recompiled its `main` for it, 8-23 ms and its peak RSS).
            if count >= DEOPTS_BEFORE_RECOMPILE {
                recompile(vm, code, c, None);
            }
            Ok(Some(pc))
        }
        ExitKind::Raise => {
            vm.frames[fi].pc = pc;
            match err {
                Some(e) => Err(e),
                None => Ok(Some(pc)),
            }
        }
        kind @ (ExitKind::Deopt | ExitKind::EntryGuard) => {
            let reason = desc.reason;
            let blame = match kind {
                ExitKind::EntryGuard => code.tier.last_deopt.get().unwrap_or(desc.pc),
                _ => {
                    code.tier.last_deopt.set(Some(desc.pc));
                    desc.pc
                }
            };
            if let Some(tu) = vm.jit.as_mut() {
                tu.stats.deopts += 1;
                if tu.cfg.log {
                    eprintln!(
                        "[jit] deopt in {} at pc {pc} (line {}): {} (exit #{index}, {count} times)",
                        code.code.qualname,
                        code.line(pc),
                        reason.message()
                    );
                }
            }
            if reason == ExitReason::ShapeGuard {
                // The interpreter's fill then records the class it meets in the second-level
                // table, which the recompiled code's guards are built from.
                if let Some(c) = code.caches.get(pc) {
                    c.set(crate::vm::cache::Cache::Empty);
                }
            }
            if count >= DEOPTS_BEFORE_RECOMPILE {
                let reason = (kind == ExitKind::Deopt).then_some(reason);
                recompile(vm, code, c, Some((blame, reason)));
            }
            Ok(Some(pc))
        }
    }
}

/// A function that compiled code called directly (without a frame, on the register window at
/// stack index `base`) left its compiled code at `entry` through exit `result`, `err` being the
/// exception a helper raised there: its frame is pushed now, and the interpreter runs it from
/// the exit's pc to its return. The direct call has restored `Vm::depth` to its own count by
/// then, so the frame is counted here as any pushed frame is, and uncounted when it is popped.
pub fn finish_direct(
    vm: &mut Vm,
    func: crate::gc::ObjRef,
    base: usize,
    entry: usize,
    result: u32,
    err: Option<crate::runtime::exception::PyErr>,
) -> PyResult<Value> {
    let crate::runtime::object::Kind::Function(f) = &func.kind else {
        unreachable!("direct calls are made to functions")
    };
    let code = f.code.clone();
    let compiled = code
        .tier
        .version_at(entry)
        .expect("every compiled version stays mapped");
    vm.depth += 1;
    vm.frames.push(crate::vm::frame::Frame {
        code: code.clone(),
        func: Value::Object(func),
        base,
        pc: 0,
        globals: f.globals,
        locals: Value::None,
        ret: crate::vm::frame::Ret::Native,
        gen: None,
        resume: None,
    });
    let pending = match resume_at(vm, &code, &compiled, result, err) {
        Ok(pc) => {
            let fi = vm.frames.len() - 1;
            vm.frames[fi].pc = pc.unwrap_or(0);
            None
        }
        Err(e) => Some(e),
    };
    vm.run_frame(pending)
}

/// Compiles Python function `f`, which compiled code just handed to the interpreter to call,
/// if it would be called directly: code is compiled before what it calls is hot enough to be
/// judged (richards' scheduler loop, before the fourth task's `step`), and a leaf waits for a
/// caller to compile.
fn callee_ready(vm: &mut Vm, f: crate::gc::ObjRef) {
    let crate::runtime::object::Kind::Function(pf) = &f.kind else {
        return;
    };
    let code = pf.code.clone();
    if code.is_generator || code.tier.direct.get() != 0 {
        return;
    }
    let env = Some(lower::Env {
        globals: pf.globals,
        builtins: vm.builtins,
    });
    if matches!(*code.tier.state.borrow(), State::Cold) {
        decide(vm, &code, env, DECIDE_DEPTH);
    }
    let waiting = code.tier.leaf.get() && matches!(*code.tier.state.borrow(), State::Never);
    if waiting {
        let why = "it would not pay entered from the interpreter".to_string();
        compile(vm, &code, env, Some(why), true);
    }
}

/// Records, for the `Call` whose function the top frame (running `code`) runs, the callee's
/// code in that instruction's inline cache (`Cache::Callee`) and in the caller's code tier
/// (`CodeTier::saw_callee`), if it is a function of the caller's module: where the callee is not
/// known ahead, compiled code guards on its code object (`lower`'s `Known::Held`). Done at the
/// callee's entry, which only the JIT hooks, so the interpreter's `Call` pays nothing for it.
#[inline(never)]
fn saw_call(vm: &Vm, code: &Rc<CodeRt>) {
    use crate::vm::cache::{Cache, MAX_CALLEES};
    let [.., caller, top] = &vm.frames[..] else {
        return;
    };
    let (pc, ccode) = (caller.pc, &caller.code);
    if !ccode.tier.wants_feedback() {
        return;
    }
    let Some(slot) = ccode.caches.get(pc) else {
        return;
    };
    let addr = Rc::as_ptr(code) as usize;
    // The common case, a site calling code it has seen, decides on the cache alone.
    let mut codes = match slot.get() {
        Cache::Callee { codes } if !codes.contains(&addr) => codes,
        Cache::Empty => [0; MAX_CALLEES],
        _ => return,
    };
    let Some(&Instr::Call { func, .. }) = ccode.instrs.get(pc) else {
        return;
    };
    // A frame a builtin pushed (a `key=` function) is not the call's.
    let called = vm.stack.get(caller.base + func as usize).copied();
    if !top.globals.ptr_eq(caller.globals) || !called.is_some_and(|f| f.is(top.func)) {
        return;
    }
    let Some(free) = codes.iter().position(|&c| c == 0) else {
        return;
    };
    codes[free] = addr;
    slot.set(Cache::Callee { codes });
    ccode.tier.saw_callee(pc as u32, code);
}

/// Whether compiled code `c` calls function `f` directly somewhere: by name, or by its code
/// object where the callee is not known ahead (`Lowered::direct_targets`).
fn calls_directly(c: &Compiled, f: crate::gc::ObjRef) -> bool {
    c.direct_targets.contains(&f.addr())
        || matches!(&f.kind, crate::runtime::object::Kind::Function(pf)
            if c.direct_targets.contains(&(Rc::as_ptr(&pf.code) as usize)))
}

/// Whether `v` is a Python function whose compiled code other compiled code can call directly.
fn has_direct_entry(v: Value) -> bool {
    matches!(v, Value::Object(f)
        if matches!(&f.kind, crate::runtime::object::Kind::Function(pf) if pf.code.tier.direct.get() != 0))
}

/// Whether `code` has compiled code now.
pub fn is_compiled(code: &CodeRt) -> bool {
    matches!(&*code.tier.state.borrow(), State::Compiled(_))
}

/// Whether `c` is still the code's compiled version. Recursive calls run one version in many
/// frames at once: after the first of them had it recompiled (or given up), the others' exits
/// say nothing new.
fn is_current(code: &CodeRt, c: &Rc<Compiled>) -> bool {
    matches!(&*code.tier.state.borrow(), State::Compiled(cur) if Rc::ptr_eq(cur, c))
}

/// The object register an item load or store indexes.
fn subscripted(i: Instr) -> Option<u16> {
    match i {
        Instr::LoadSubscr { obj, .. } | Instr::StoreSubscr { obj, .. } => Some(obj),
        _ => None,
    }
}

/// The object register of an attribute load, store or method load.
fn attributed(i: Instr) -> Option<u16> {
    match i {
        Instr::LoadAttr { obj, .. }
        | Instr::StoreAttr { obj, .. }
        | Instr::LoadMethod { obj, .. } => Some(obj),
        _ => None,
    }
}

/// Unlinks the code so that the next entry compiles it again: with instruction `widen` made
/// generic (it deopted too often, for the given reason when a guard of its own failed), or with
/// new feedback; gives up after `MAX_RECOMPILES`.
fn recompile(
    vm: &mut Vm,
    code: &Rc<CodeRt>,
    c: &Rc<Compiled>,
    widen: Option<(u32, Option<ExitReason>)>,
) {
    let tier = &code.tier;
    if !is_current(code, c) {
        return;
    }
    if let Some((pc, reason)) = widen {
        let mut generic = tier.generic.borrow_mut();
        generic.push(pc);
        // The other subscripts of an object that was not a list are no lists either (a str
        // indexed three times in str_build's `checksum_of` cost three recompilations), and the
        // other attributes of an object of several classes (a base-class method run on
        // instances of four subclasses, in richards) see those classes too.
        let same = match reason {
            Some(ExitReason::TypeGuard) => subscripted,
            Some(ExitReason::ShapeGuard) => attributed,
            _ => |_| None,
        };
        if let Some(obj) = same(code.instrs[pc as usize]) {
            generic.extend(
                (0..code.instrs.len() as u32)
                    .filter(|&p| p != pc && same(code.instrs[p as usize]) == Some(obj)),
            );
        }
    }
    let n = tier.recompiles.get() + 1;
    tier.recompiles.set(n);
    let give_up = n > MAX_RECOMPILES;
    if let Some(tu) = vm.jit.as_mut() {
        tu.stats.code_bytes = tu.stats.code_bytes.saturating_sub(c.code.code_size as u64);
        if give_up {
            if tu.cfg.log {
                eprintln!(
                    "[jit] giving up on {}: deopts too often",
                    code.code.qualname
                );
            }
        } else {
            tu.stats.recompiles += 1;
        }
    }
    let threshold = vm.jit.as_ref().map_or(0, |j| j.cfg.threshold);
    tier.count.set(threshold.saturating_sub(1));
    // The new code leaves where the old did only if it must: it is judged afresh (at most
    // `MAX_RECOMPILES` times).
    tier.osr_entries.set(0);
    tier.call_leaves.set(0);
    tier.set_state(if give_up { State::Never } else { State::Cold });
}

#[cfg(test)]
mod tests;
