//! The boundary between the VM and compiled code, written down once. `pylift`'s `Value` imports
//! these constants and asserts its layout against them, so the interpreter and the JIT cannot
//! disagree about where a tag or a payload lives.
//!
//! ```text
//! Value (16 bytes, repr(C, u64)):
//!   offset 0: tag word (u64: the tag below, zero-extended)   offset 8: payload (i64 | f64 bits | bool as u8 | object pointer)
//! ```
//!
//! The tag is a whole word, not a byte followed by padding: with a byte tag, Rust copies the
//! seven padding bytes of every `Value` as separate partial moves, and the interpreter lost a
//! third of its time on fib to the resulting store-forwarding stalls. Tags may be read as a byte
//! (little-endian hosts) but are always written as the whole word.
//!
//! Helper ABI: helpers are `extern "C"` functions called by absolute address with the signature
//! declared in the IR. `Bool` is passed and returned as a byte (0/1), `Ptr` as a pointer-sized
//! integer, `I64` as `i64`, `F64` as `f64`. A helper that can raise signals it through its
//! result, which the IR then guards (for example `guard.false` to an `ExitReason::Exception`
//! exit); helpers never unwind into compiled code.

/// Size in bytes of one `Value`, and so the stride of the register file.
pub const VALUE_SIZE: i32 = 16;
/// Offset of the tag word within a `Value`.
pub const TAG_OFFSET: i32 = 0;
/// Offset of the payload word within a `Value`.
pub const PAYLOAD_OFFSET: i32 = 8;

/// Tag values. Immediates first; every heap object shares `TAG_OBJECT`.
pub const TAG_NONE: u8 = 0;
pub const TAG_BOOL: u8 = 1;
pub const TAG_INT: u8 = 2;
pub const TAG_FLOAT: u8 = 3;
pub const TAG_OBJECT: u8 = 4;

/// Entry signature of every compiled function (normal entry and OSR entries alike):
///
/// ```text
/// extern "C" fn(regs: *mut Value, ctx: *mut u8) -> u32
/// ```
///
/// - `regs` is the base of the frame's register file: register `r` is the `Value` at byte
///   offset `r * VALUE_SIZE`. Compiled code reads and writes registers only through it.
/// - `ctx` is the VM's context pointer, opaque to the JIT and passed through to helpers.
/// - The result is `RETURNED` or an exit code (see `exit_code`).
pub type EntryFn = unsafe extern "C" fn(regs: *mut u8, ctx: *mut u8) -> u32;

// Signature of a function's int entry (`FunctionIr::int_entry`), for callers in compiled code:
//
// ```text
// extern "C" fn(regs: *mut Value, ctx: *mut u8, arg0: i64, ...) -> (u32, i64)
// ```
//
// The arguments are the code's parameters as unboxed ints, which the callee's register file
// does not hold (its exits write them there); the results are `RETURNED` with the returned int,
// which is written nowhere, or an exit code (the second result is then meaningless). The pair
// is returned in two registers (Cranelift's multiple returns), which no Rust type names.

/// Result of a compiled function that returned normally. Its return value has been written,
/// boxed, into register `FunctionIr::return_slot` (chosen by the tier-up; 0 by default).
pub const RETURNED: u32 = 0;

/// Exit protocol: leaving through exit number `index` (its position in the function's exit
/// table) returns `index + 1`, after the exit's live values have been written into their
/// registers as boxed Values, two stores each (tag word at `TAG_OFFSET`, payload word at
/// `PAYLOAD_OFFSET`); registers not named by the exit are left as compiled code last wrote them.
pub const fn exit_code(index: u32) -> u32 {
    index + 1
}

/// The exit table index for a result code, or `None` for `RETURNED`.
pub const fn exit_index(code: u32) -> Option<u32> {
    code.checked_sub(1)
}

/// Byte offset of register `slot` in the register file.
pub const fn slot_offset(slot: u32) -> i64 {
    slot as i64 * VALUE_SIZE as i64
}
