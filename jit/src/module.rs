//! `Jit`: the one long-lived `JITModule` of a VM, the reusable Cranelift contexts, and the
//! code-size accounting. Cranelift cannot free single functions, so invalidated code is only
//! unlinked (the VM stops entering it) and its bytes are counted as dead; a size cap turns
//! further compiles into `Unsupported(CodeSpaceFull)` instead of growing without bound.

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
    pub code_bytes: u64,
    /// Bytes of code that was invalidated (still mapped; Cranelift cannot free it).
    pub dead_bytes: u64,
    pub compile_time: Duration,
}

/// Native code for one `FunctionIr`: the normal entry and one entry per OSR point, plus the
/// exit table the VM needs to resume the interpreter.
#[derive(Debug)]
pub struct CompiledCode {
    pub name: String,
    entry: EntryFn,
    osr: Vec<(u32, EntryFn)>,
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

impl CompiledCode {
    /// The normal entry.
    pub fn entry(&self) -> EntryFn {
        self.entry
    }

    /// The entry at the loop header with bytecode pc `pc`, if one was compiled.
    pub fn osr_entry(&self, pc: u32) -> Option<EntryFn> {
        self.osr.iter().find(|(p, _)| *p == pc).map(|&(_, f)| f)
    }

    /// Runs the normal entry (`osr_pc = None`) or the OSR entry at `osr_pc`; `None` if no such
    /// entry exists or the code was invalidated.
    ///
    /// # Safety
    /// The `Jit` that compiled this code must still be alive; `regs` must point to the frame's
    /// register file, large enough for every register the IR touches, holding Values of the
    /// types the IR's loads assume unless guarded; every address the IR dereferences and every
    /// helper it calls must be valid for that use.
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
}

/// The JIT of one VM: compiles `FunctionIr`s into one long-lived code module.
pub struct Jit {
    module: JITModule,
    ctx: Context,
    fctx: FunctionBuilderContext,
    stats: JitStats,
    code_limit: u64,
    next_name: u64,
}

/// Cranelift settings shared by the host JIT and the cross-target check.
pub(crate) fn flag_builder() -> settings::Builder {
    let mut flags = settings::builder();
    // These names and values are Cranelift's own documented settings; a failure here would be
    // a Cranelift API change caught by every test.
    let _ = flags.set("opt_level", "speed");
    let _ = flags.set("preserve_frame_pointers", "true");
    flags
}

fn host_isa() -> Result<OwnedTargetIsa, JitError> {
    let builder =
        cranelift_native::builder().map_err(|_| JitError::Unsupported(Reason::HostUnsupported))?;
    builder
        .finish(settings::Flags::new(flag_builder()))
        .map_err(|e| JitError::Codegen(e.to_string()))
}

/// Default cap on live plus dead machine code.
pub const DEFAULT_CODE_LIMIT: u64 = 64 << 20;

impl Jit {
    pub fn new() -> Result<Jit, JitError> {
        let isa = host_isa()?;
        let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        let ctx = module.make_context();
        Ok(Jit {
            module,
            ctx,
            fctx: FunctionBuilderContext::new(),
            stats: JitStats::default(),
            code_limit: DEFAULT_CODE_LIMIT,
            next_name: 0,
        })
    }

    pub fn set_code_limit(&mut self, bytes: u64) {
        self.code_limit = bytes;
    }

    pub fn stats(&self) -> JitStats {
        self.stats
    }

    /// Verifies `f`, lowers every entry, and returns callable code.
    pub fn compile(
        &mut self,
        f: &FunctionIr,
        opts: CompileOptions,
    ) -> Result<CompiledCode, JitError> {
        let start = Instant::now();
        if self.stats.code_bytes + self.stats.dead_bytes >= self.code_limit {
            return Err(JitError::Unsupported(Reason::CodeSpaceFull));
        }
        verify::verify(f)?;
        let mut entries: Vec<(Option<u32>, Block)> = vec![(None, Block(0))];
        entries.extend(f.osr_entries.iter().map(|o| (Some(o.pc), o.block)));
        let (mut clif, mut asm) = (String::new(), String::new());
        let mut ids: Vec<(Option<u32>, FuncId)> = Vec::new();
        let mut code_size = 0usize;
        for (pc, block) in entries {
            let id = self.define_entry(f, pc, block, opts, &mut clif, &mut asm, &mut code_size)?;
            ids.push((pc, id));
        }
        self.module
            .finalize_definitions()
            .map_err(|e| JitError::Codegen(e.to_string()))?;
        let mut entry = None;
        let mut osr = Vec::new();
        for (pc, id) in ids {
            let ptr = self.module.get_finalized_function(id);
            // SAFETY: `ptr` is finalized code of a function with `lower::entry_signature`,
            // which is the `EntryFn` ABI.
            let fun: EntryFn = unsafe { std::mem::transmute::<*const u8, EntryFn>(ptr) };
            match pc {
                None => entry = Some(fun),
                Some(pc) => osr.push((pc, fun)),
            }
        }
        let entry = entry.ok_or_else(|| JitError::Codegen("no normal entry".into()))?;
        let compile_time = start.elapsed();
        self.stats.functions += 1;
        self.stats.code_bytes += code_size as u64;
        self.stats.compile_time += compile_time;
        Ok(CompiledCode {
            name: f.name.clone(),
            entry,
            osr,
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

    #[allow(clippy::too_many_arguments)]
    fn define_entry(
        &mut self,
        f: &FunctionIr,
        pc: Option<u32>,
        block: Block,
        opts: CompileOptions,
        clif: &mut String,
        asm: &mut String,
        code_size: &mut usize,
    ) -> Result<FuncId, JitError> {
        self.module.clear_context(&mut self.ctx);
        let ptr = self.module.target_config().pointer_type();
        let call_conv = self.module.target_config().default_call_conv;
        self.ctx.func.signature = lower::entry_signature(ptr, call_conv);
        lower::lower_entry(
            f,
            block,
            &mut self.ctx.func,
            &mut self.fctx,
            self.module.isa().frontend_config(),
        )?;
        let label = entry_label(&f.name, pc);
        if opts.dump_clif {
            clif.push_str(&format!("; {label}\n{}\n", self.ctx.func.display()));
        }
        self.ctx.set_disasm(opts.dump_asm);
        self.next_name += 1;
        let sym = format!("pylift_jit_{}_{}", self.next_name, sanitize(&f.name));
        let id = self
            .module
            .declare_function(&sym, Linkage::Local, &self.ctx.func.signature)
            .map_err(|e| JitError::Codegen(e.to_string()))?;
        self.module
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

    /// Unlinks `code`: it must not be entered again; its bytes are counted as dead.
    pub fn invalidate(&mut self, code: &mut CompiledCode) {
        if !code.invalidated {
            code.invalidated = true;
            self.stats.code_bytes = self.stats.code_bytes.saturating_sub(code.code_size as u64);
            self.stats.dead_bytes += code.code_size as u64;
        }
    }
}

pub(crate) fn entry_label(name: &str, pc: Option<u32>) -> String {
    match pc {
        None => format!("{name} (entry)"),
        Some(pc) => format!("{name} (OSR entry at pc {pc})"),
    }
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
