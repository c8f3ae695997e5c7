//! Register bytecode: the instruction table (`opcodes`), code objects (`code`), the
//! disassembler (`dis`) and the bounds verifier (`verify`), all driven by the one table.

pub mod code;
pub mod dis;
pub mod opcodes;
pub mod serialize;
pub mod verify;

pub use code::{ArgSpec, CodeFlags, CodeObject, Constant, ExceptionEntry, Location};
pub use dis::disassemble;
pub use opcodes::{CodeUnit, Instr, OpFlags, Opcode, OperandKind};
