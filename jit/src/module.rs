//! `Jit`: the compiler of a VM (the target ISA, the reusable Cranelift contexts, the code-size
//! accounting) and `CompiledCode`, which owns the machine code of one `FunctionIr`. Cranelift
//! cannot free single functions of a `JITModule`, so every compiled function gets a module of
//! its own, freed with the `CompiledCode` (or at once by `Jit::invalidate`): a long-running
//! program that keeps making and dropping code objects does not accumulate machine code. A size
//! cap on live code turns further compiles into `Unsupported(CodeSpaceFull)`.

use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{isa::OwnedTargetIsa, Context};
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};

use crate::abi::{self, EntryFn};
use crate::error::{JitError, Reason};
use crate::exits::{ExitCounts, ExitDescriptor};
use crate::ir::{verify, Block, FunctionIr};
use crate::lower;

/// What to keep besides the machine code.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompileOptions {
    /// Keep the CLIF text of every entry (`--dump-clif`).
    pub dump_clif: bool,
    /// Keep the disassembly of every entry (`--dump-asm`).
    pub dump_asm: bool,
}

/// Cumulative figures for `--jit-stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JitStats {
    pub functions: u64,
    /// Machine code of the `CompiledCode`s still alive.
    pub code_bytes: u64,
    /// Machine code freed so far (dropped or invalidated `CompiledCode`s).
    pub freed_bytes: u64,
    pub compile_time: Duration,
}

/// Live and freed machine-code bytes, shared by a `Jit` and the code it compiled (which may
/// outlive it).
#[derive(Debug, Default)]
struct CodeBytes {
    live: AtomicU64,
    freed: AtomicU64,
}

/// The code module of one `CompiledCode`; dropping it unmaps the code, so it may be dropped
/// only when none of its functions runs or will run again.
struct CodeModule(ManuallyDrop<JITModule>);

impl CodeModule {
    fn new(isa: OwnedTargetIsa) -> CodeModule {
        let builder = JITBuilder::with_isa(isa, default_libcall_names());
        CodeModule(ManuallyDrop::new(JITModule::new(builder)))
    }
}

impl std::ops::Deref for CodeModule {
    type Target = JITModule;
    fn deref(&self) -> &JITModule {
        &self.0
    }
}

impl std::ops::DerefMut for CodeModule {
    fn deref_mut(&mut self) -> &mut JITModule {
        &mut self.0
    }
}

impl Drop for CodeModule {
    fn drop(&mut self) {
        // SAFETY: the module is taken exactly once, here. Freeing its memory is sound because of
        // the type's rule: a failed `Jit::compile` never handed out its functions, and
        // `CompiledCode::free` drops it only when no call of its code can be running or follow.
        unsafe { ManuallyDrop::take(&mut self.0).free_memory() }
    }
}

/// Native code for one `FunctionIr`: the normal entry and one entry per OSR point, plus the
/// exit table the VM needs to resume the interpreter. The machine code lives exactly as long
/// as this value (until `Jit::invalidate`, if that comes first).
pub struct CompiledCode {
    pub name: String,
    /// The code's own module; `None` once its memory has been freed.
    module: Option<CodeModule>,
    bytes: Arc<CodeBytes>,
    entry: EntryFn,
    osr: Vec<(u32, EntryFn)>,
    /// The int entry's address (`FunctionIr::int_entry`), for compiled callers only.
    int_entry: Option<usize>,
    /// The exit table: result code `abi::exit_code(i)` means `exits[i]` was taken.
    pub exits: Vec<ExitDescriptor>,
    /// How often each exit was taken (bumped by `take_exit`).
    pub exit_counts: ExitCounts,
    /// Register the normal return wrote its value into.
    pub return_slot: u32,
    /// Machine-code bytes over all entries.
    pub code_size: usize,
    pub compile_time: Duration,
    pub clif: Option<String>,
    pub asm: Option<String>,
    invalidated: bool,
}

impl std::fmt::Debug for CompiledCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledCode")
            .field("name", &self.name)
            .field("exits", &self.exits)
            .field("code_size", &self.code_size)
            .field("invalidated", &self.invalidated)
            .finish_non_exhaustive()
    }
}

impl CompiledCode {
    /// The normal entry; the pointer is valid only while this `CompiledCode` lives and is not
    /// invalidated.
    pub fn entry(&self) -> EntryFn {
        self.entry
    }

    /// The int entry's address, if the function has one (valid as `entry`'s; it has the int
    /// entry ABI of `abi`, which only compiled code calls, through `call.int`).
    pub fn int_entry(&self) -> Option<usize> {
        self.int_entry
    }

    /// The entry at the loop header with bytecode pc `pc`, if one was compiled (valid as
    /// `entry`'s).
    pub fn osr_entry(&self, pc: u32) -> Option<EntryFn> {
        self.osr.iter().find(|(p, _)| *p == pc).map(|&(_, f)| f)
    }

    /// Runs the normal entry (`osr_pc = None`) or the OSR entry at `osr_pc`; `None` if no such
    /// entry exists or the code was invalidated.
    ///
    /// # Safety
    /// `regs` must point to the frame's register file, large enough for every register the IR
    /// touches, holding Values of the types the IR's loads assume unless guarded; every address
    /// the IR dereferences and every helper it calls must be valid for that use.
    pub unsafe fn call(&self, osr_pc: Option<u32>, regs: *mut u8, ctx: *mut u8) -> Option<u32> {
        if self.invalidated {
            return None;
        }
        let f = match osr_pc {
            None => self.entry,
            Some(pc) => self.osr_entry(pc)?,
        };
        // SAFETY: forwarded from this function's contract; `f` has the `EntryFn` ABI because
        // lowering gave every entry `lower::entry_signature`.
        Some(unsafe { f(regs, ctx) })
    }

    /// The descriptor for a result code, counting the exit; `None` for `abi::RETURNED` or an
    /// unknown code.
    pub fn take_exit(&self, code: u32) -> Option<(&ExitDescriptor, u32)> {
        let i = abi::exit_index(code)? as usize;
        let d = self.exits.get(i)?;
        Some((d, self.exit_counts.bump(i)))
    }

    pub fn is_invalidated(&self) -> bool {
        self.invalidated
    }

    /// Unmaps the machine code and counts it as freed. No call of it is running: `call`
    /// borrows `self` and this takes `&mut self` (drop, `Jit::invalidate`); none follows, as
    /// `call` refuses invalidated code and `entry`'s pointers die with this value.
    fn free(&mut self) {
        if self.module.take().is_some() {
            let n = self.code_size as u64;
            self.bytes.live.fetch_sub(n, Relaxed);
            self.bytes.freed.fetch_add(n, Relaxed);
        }
        self.invalidated = true;
    }
}

impl Drop for CompiledCode {
    fn drop(&mut self) {
        self.free();
    }
}

/// The JIT of one VM: compiles each `FunctionIr` into a code module of its own.
pub struct Jit {
    isa: OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
    stats: JitStats,
    bytes: Arc<CodeBytes>,
    code_limit: u64,
    next_name: u64,
}

/// Cranelift settings shared by the host JIT and the cross-target check; `verify` runs Cranelift's own IR verifier on every function, which
/// costs about 40% of compile time (fannkuch: 270M -> 162M instructions at threshold 0). Our IR
/// is verified before lowering (`ir::verify`); the host JIT skips Cranelift's check in release
/// builds, and the cross-target compilation the tests run for every test function keeps it.
pub(crate) fn flag_builder(verify: bool) -> settings::Builder {
    let mut flags = settings::builder();
    // These names and values are Cranelift's own documented settings; a failure here would be
    // a Cranelift API change caught by every test.
    let _ = flags.set("opt_level", "speed");
    let _ = flags.set("preserve_frame_pointers", "true");
    let verify = if verify { "true" } else { "false" };
    let _ = flags.set("enable_verifier", verify);
    flags
}

fn host_isa() -> Result<OwnedTargetIsa, JitError> {
    let builder =
        cranelift_native::builder().map_err(|_| JitError::Unsupported(Reason::HostUnsupported))?;
    builder
        .finish(settings::Flags::new(flag_builder(cfg!(debug_assertions))))
        .map_err(|e| JitError::Codegen(e.to_string()))
}

/// Default cap on live machine code.
pub const DEFAULT_CODE_LIMIT: u64 = 64 << 20;

impl Jit {
    pub fn new() -> Result<Jit, JitError> {
        Ok(Jit {
            isa: host_isa()?,
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
            stats: JitStats::default(),
            bytes: Arc::default(),
            code_limit: DEFAULT_CODE_LIMIT,
            next_name: 0,
        })
    }

    pub fn set_code_limit(&mut self, bytes: u64) {
        self.code_limit = bytes;
    }

    pub fn stats(&self) -> JitStats {
        JitStats {
            code_bytes: self.bytes.live.load(Relaxed),
            freed_bytes: self.bytes.freed.load(Relaxed),
            ..self.stats
        }
    }

    /// Verifies `f`, lowers every entry, and returns callable code.
    pub fn compile(
        &mut self,
        f: &FunctionIr,
        opts: CompileOptions,
    ) -> Result<CompiledCode, JitError> {
        let start = Instant::now();
        if self.bytes.live.load(Relaxed) >= self.code_limit {
            return Err(JitError::Unsupported(Reason::CodeSpaceFull));
        }
        verify::verify(f)?;
        let mut module = CodeModule::new(self.isa.clone());
        let entries = lower::entries(f);
        let (mut clif, mut asm) = (String::new(), String::new());
        let mut ids: Vec<(Option<u32>, Block, FuncId)> = Vec::new();
        let mut code_size = 0usize;
        for (pc, block) in entries {
            let id = self.define_entry(
                &mut module,
                f,
                (pc, block),
                opts,
                (&mut clif, &mut asm),
                &mut code_size,
            )?;
            ids.push((pc, block, id));
        }
        module
            .finalize_definitions()
            .map_err(|e| JitError::Codegen(e.to_string()))?;
        let (mut entry, mut int_entry) = (None, None);
        let mut osr = Vec::new();
        for (pc, block, id) in ids {
            let ptr = module.get_finalized_function(id);
            if f.int_entry == Some(block) {
                int_entry = Some(ptr as usize);
                continue;
            }
            // SAFETY: `ptr` is finalized code of a function with `lower::entry_signature` (every
            // entry but the int entry), which is the `EntryFn` ABI.
            let fun: EntryFn = unsafe { std::mem::transmute::<*const u8, EntryFn>(ptr) };
            match pc {
                None => entry = Some(fun),
                Some(pc) => osr.push((pc, fun)),
            }
        }
        let entry = entry.ok_or_else(|| JitError::Codegen("no normal entry".into()))?;
        // Contexts keep the capacity of the largest function they compiled for as long as the
        // VM lives: binary_trees' `main` (three entries) left about 2 MiB of them beside its
        // heap. Fresh ones cost a few allocations per compile.
        self.ctx = Context::new();
        self.fctx = FunctionBuilderContext::new();
        let compile_time = start.elapsed();
        self.stats.functions += 1;
        self.stats.compile_time += compile_time;
        self.bytes.live.fetch_add(code_size as u64, Relaxed);
        Ok(CompiledCode {
            name: f.name.clone(),
            module: Some(module),
            bytes: self.bytes.clone(),
            entry,
            osr,
            int_entry,
            exits: f.exits.clone(),
            exit_counts: ExitCounts::new(f.exits.len()),
            return_slot: f.return_slot,
            code_size,
            compile_time,
            clif: opts.dump_clif.then_some(clif),
            asm: opts.dump_asm.then_some(asm),
            invalidated: false,
        })
    }

    /// Lowers and defines the entry starting at `block` (`pc`: its OSR loop header) in
    /// `module`, appending its CLIF and disassembly to `text` when asked to.
    fn define_entry(
        &mut self,
        module: &mut JITModule,
        f: &FunctionIr,
        (pc, block): (Option<u32>, Block),
        opts: CompileOptions,
        (clif, asm): (&mut String, &mut String),
        code_size: &mut usize,
    ) -> Result<FuncId, JitError> {
        module.clear_context(&mut self.ctx);
        let ptr = module.target_config().pointer_type();
        let call_conv = module.target_config().default_call_conv;
        self.ctx.func.signature = lower::signature_of(f, block, ptr, call_conv);
        lower::lower_entry(
            f,
            block,
            &mut self.ctx.func,
            &mut self.fctx,
            module.isa().frontend_config(),
        )?;
        let label = entry_label(f, pc, block);
        if opts.dump_clif {
            clif.push_str(&format!("; {label}\n{}\n", self.ctx.func.display()));
        }
        self.ctx.set_disasm(opts.dump_asm);
        self.next_name += 1;
        let sym = format!("pylift_jit_{}_{}", self.next_name, sanitize(&f.name));
        let id = module
            .declare_function(&sym, Linkage::Local, &self.ctx.func.signature)
            .map_err(|e| JitError::Codegen(e.to_string()))?;
        module
            .define_function(id, &mut self.ctx)
            .map_err(|e| JitError::Codegen(format!("{e:?}")))?;
        if let Some(code) = self.ctx.compiled_code() {
            *code_size += code.code_info().total_size as usize;
            if opts.dump_asm {
                asm.push_str(&format!(
                    "; {label}\n{}\n",
                    code.vcode.as_deref().unwrap_or("")
                ));
            }
        }
        Ok(id)
    }

    /// Frees `code`'s machine code now: it is not entered again.
    pub fn invalidate(&mut self, code: &mut CompiledCode) {
        code.free();
    }
}

pub(crate) fn entry_label(f: &FunctionIr, pc: Option<u32>, block: Block) -> String {
    let name = &f.name;
    match pc {
        _ if f.int_entry == Some(block) => format!("{name} (int entry)"),
        None => format!("{name} (entry)"),
        Some(pc) => format!("{name} (OSR entry at pc {pc})"),
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
