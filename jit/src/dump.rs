//! Text views of compiled code, and compiling for a target other than the host.
//!
//! `compile_for_target` runs the same verification and lowering as `Jit::compile`, then
//! compiles each entry with a plain `codegen::Context` for the ISA that `isa::lookup` gives for
//! the triple (no code memory, nothing runs). The tests use it to check that lowering is valid on
//! aarch64 as well as on the host; `--dump-asm` for another target could use it too.

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{Function, UserFuncName};
use cranelift_codegen::{isa, settings, Context};
use cranelift_frontend::FunctionBuilderContext;
use target_lexicon::Triple;

use crate::error::{JitError, Reason};
use crate::ir::{verify, FunctionIr};
use crate::lower;
use crate::module::{entry_label, flag_builder};

/// The result of compiling for a non-host target.
#[derive(Clone, Debug)]
pub struct TargetCode {
    pub clif: String,
    pub asm: String,
    pub code_size: usize,
}

/// Compiles every entry of `f` for `triple` (e.g. `"aarch64-unknown-linux-gnu"`).
pub fn compile_for_target(f: &FunctionIr, triple: &str) -> Result<TargetCode, JitError> {
    let triple: Triple = triple
        .parse()
        .map_err(|_| JitError::Unsupported(Reason::UnknownTarget))?;
    let isa = isa::lookup(triple)
        .map_err(|_| JitError::Unsupported(Reason::UnknownTarget))?
        .finish(settings::Flags::new(flag_builder(true)))
        .map_err(|e| JitError::Codegen(e.to_string()))?;
    verify::verify(f)?;
    let entries = lower::entries(f);
    let mut fctx = FunctionBuilderContext::new();
    let mut out = TargetCode {
        clif: String::new(),
        asm: String::new(),
        code_size: 0,
    };
    for (n, (pc, block)) in entries.into_iter().enumerate() {
        let sig = lower::signature_of(f, block, isa.pointer_type(), isa.default_call_conv());
        let mut func = Function::with_name_signature(UserFuncName::user(0, n as u32), sig);
        lower::lower_entry(f, block, &mut func, &mut fctx, isa.frontend_config())?;
        let label = entry_label(f, pc, block);
        out.clif
            .push_str(&format!("; {label}\n{}\n", func.display()));
        let mut ctx = Context::for_function(func);
        ctx.set_disasm(true);
        let code = ctx
            .compile(&*isa, &mut ControlPlane::default())
            .map_err(|e| JitError::Codegen(format!("{:?}", e.inner)))?;
        out.code_size += code.code_info().total_size as usize;
        out.asm.push_str(&format!(
            "; {label}\n{}\n",
            code.vcode.as_deref().unwrap_or("")
        ));
    }
    Ok(out)
}
