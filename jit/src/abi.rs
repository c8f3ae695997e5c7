//! The boundary between the VM and compiled code, written down once. `pylift`'s `Value` imports
//! these constants and asserts its layout against them, so the interpreter and the JIT cannot
//! disagree about where a tag or a payload lives.
//!
//! ```text
//! Value (16 bytes, repr(C)):
//!   offset 0: tag (u8, then padding)   offset 8: payload (i64 | f64 bits | bool as u8 | object pointer)
//! ```

/// Size in bytes of one `Value`, and so the stride of the register file.
pub const VALUE_SIZE: i32 = 16;
/// Offset of the tag byte within a `Value`.
pub const TAG_OFFSET: i32 = 0;
/// Offset of the payload word within a `Value`.
pub const PAYLOAD_OFFSET: i32 = 8;

/// Tag values. Immediates first; every heap object shares `TAG_OBJECT`.
pub const TAG_NONE: u8 = 0;
pub const TAG_BOOL: u8 = 1;
pub const TAG_INT: u8 = 2;
pub const TAG_FLOAT: u8 = 3;
pub const TAG_OBJECT: u8 = 4;
