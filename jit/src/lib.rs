//! pylift-jit: the JIT backend. It takes functions in a small typed IR and returns native code
//! through Cranelift. It knows nothing of Python objects; the VM's tier-up step (`src/tier_up`
//! in `pylift`) lowers profiled bytecode into this crate's IR.
//!
//! # The contract
//!
//! **Building.** The tier-up builds a [`FunctionIr`] with [`Builder`]: blocks with typed
//! parameters (`i64`, `f64`, `bool`, `ptr`), operations from the one op table in [`ir`]
//! (constants; wrapping and overflow-checked i64 arithmetic; Python floor division and modulo;
//! f64 arithmetic and conversions; comparisons; `select`; loads and stores of i64/f64/u8/ptr at
//! byte offsets; calls to `extern "C"` helpers by address; guards), and terminators (`jump`,
//! `brif`, `return`, `exit`). `Val::REGS` (the frame's register file) and `Val::CTX` (the VM
//! context) are available everywhere. [`Builder::finish`] verifies the function; any mistake is
//! a [`JitError::Verify`], never a panic.
//!
//! **Exits.** Every guard names an exit declared with [`Builder::exit`]: the bytecode pc to
//! resume at, an [`ExitReason`], and the live values to write back, each to a register slot in a
//! representation ([`ExitSource`]: int, float, bool, object pointer, None, or already boxed in
//! memory). Leaving through exit `i` writes those registers as boxed Values (two stores each,
//! never an allocation) and returns `abi::exit_code(i)`.
//!
//! **Calling.** [`Jit::compile`] lowers the function into a code module of its own and returns
//! [`CompiledCode`], which owns the machine code: dropping it unmaps the code, so the VM must
//! keep it alive while any of its entries runs. Every entry but the int entry has the ABI of [`abi::EntryFn`]:
//! `extern "C" fn(regs, ctx) -> u32`. The result is [`abi::RETURNED`] (the return value is in
//! register `FunctionIr::return_slot`) or an exit code; [`CompiledCode::take_exit`] maps it to
//! its [`ExitDescriptor`] and counts it, so the VM can resume the interpreter at `pc` and give up
//! on code that deopts too often.
//!
//! **OSR.** A hot loop is entered mid-function through an OSR entry ([`Builder::add_osr_entry`]):
//! a parameterless block that loads (and guards) the live registers and jumps to the loop
//! header. Each OSR entry is compiled as its own native function with the same ABI, reached with
//! [`CompiledCode::osr_entry`]`(pc)`.
//!
//! **Int entry.** A function may also have an int entry ([`Builder::set_int_entry`]): a block
//! whose parameters are the code's arguments as `i64`s, compiled as its own native function that
//! takes them in machine registers and returns the result code and the returned int (the int
//! entry ABI in [`abi`]); only compiled code calls it, through `call.int`. Every return
//! reachable from it must return an int.
//!
//! **Rules the IR must follow** (DESIGN §7): no heap pointer is kept in an IR value across a
//! helper call (reload it from the register file), and compiled code only reads and writes the
//! frame through `regs`, so the register stack stays the GC's whole root set.
//!
//! **Inspection.** `FunctionIr`'s `Display` is the `--dump-jit-ir` text; [`CompileOptions`]
//! keeps the CLIF (`--dump-clif`) and disassembly (`--dump-asm`) in `CompiledCode`, which also
//! reports machine-code size and compile time. [`ir::interp::run`] executes the IR directly with
//! the same ABI, for differential tests; [`dump::compile_for_target`] compiles for another ISA.

pub mod abi;
pub mod dump;
pub mod error;
pub mod exits;
pub mod ir;
mod lower;
pub mod module;

pub use error::{JitError, Reason};
pub use exits::{ExitCounts, ExitDescriptor, ExitReason, ExitSource, ExitWrite};
pub use ir::builder::Builder;
pub use ir::{Block, ExitId, FunctionIr, HelperId, Imm, Op, Ty, Val};
pub use module::{CompileOptions, CompiledCode, Jit, JitStats};
