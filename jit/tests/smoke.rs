//! Smoke test for the Cranelift toolchain itself (foundation issue): build an i64 add with an
//! overflow check through cranelift-frontend, compile it with cranelift-jit for the host ISA that
//! cranelift-native detects, call it, and check both the normal and the overflow path. If this
//! fails, nothing in pylift-jit can work, so it is kept independent of the crate's own IR.

use cranelift_codegen::ir::{types, AbiParam, InstBuilder};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};

/// Compiles `fn(a: i64, b: i64, out: *mut i64) -> u32` that stores `a + b` to `*out` and returns
/// 0, or returns 1 without storing when the addition overflows.
fn compile_checked_add() -> (JITModule, *const u8) {
    let mut flags = settings::builder();
    flags.set("opt_level", "speed").unwrap();
    let isa = cranelift_native::builder()
        .unwrap()
        .finish(settings::Flags::new(flags))
        .unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));

    let mut ctx = module.make_context();
    let ptr = module.target_config().pointer_type();
    ctx.func.signature.params.push(AbiParam::new(types::I64));
    ctx.func.signature.params.push(AbiParam::new(types::I64));
    ctx.func.signature.params.push(AbiParam::new(ptr));
    ctx.func.signature.returns.push(AbiParam::new(types::I32));

    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let entry = b.create_block();
    let ok = b.create_block();
    let overflow = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let (x, y, out) = (
        b.block_params(entry)[0],
        b.block_params(entry)[1],
        b.block_params(entry)[2],
    );
    let (sum, of) = b.ins().sadd_overflow(x, y);
    b.ins().brif(of, overflow, &[], ok, &[]);
    b.switch_to_block(ok);
    b.ins()
        .store(cranelift_codegen::ir::MemFlagsData::trusted(), sum, out, 0);
    let zero = b.ins().iconst(types::I32, 0);
    b.ins().return_(&[zero]);
    b.switch_to_block(overflow);
    let one = b.ins().iconst(types::I32, 1);
    b.ins().return_(&[one]);
    b.seal_all_blocks();
    b.finalize(module.isa().frontend_config());

    let id = module
        .declare_function("checked_add", Linkage::Local, &ctx.func.signature)
        .unwrap();
    module.define_function(id, &mut ctx).unwrap();
    module.finalize_definitions().unwrap();
    let code = module.get_finalized_function(id);
    (module, code)
}

#[test]
fn cranelift_checked_add_runs_natively() {
    let (_module, code) = compile_checked_add();
    // SAFETY: `code` was compiled above with exactly this signature, and `_module` (which owns
    // the code memory) outlives every call.
    let f: extern "C" fn(i64, i64, *mut i64) -> u32 = unsafe { std::mem::transmute(code) };
    let mut out = 0i64;
    assert_eq!(f(40, 2, &mut out), 0);
    assert_eq!(out, 42);
    assert_eq!(f(-7, -8, &mut out), 0);
    assert_eq!(out, -15);
    out = 99;
    assert_eq!(f(i64::MAX, 1, &mut out), 1);
    assert_eq!(out, 99, "the overflow path must not store");
    assert_eq!(f(i64::MIN, -1, &mut out), 1);
}
