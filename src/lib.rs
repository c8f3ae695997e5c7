//! pylift: a Python 3 implementation with a register-based bytecode VM and a Cranelift JIT.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! source ─▶ lexer ─▶ parser ─▶ ast ─▶ symtable ─▶ compiler ─▶ bytecode ─▶ vm (+ runtime, gc)
//!                                                                           └─▶ tier_up ─▶ jit
//! ```

pub mod ast;
pub mod builtins;
pub mod bytecode;
pub mod cache;
pub mod cli;
pub mod compiler;
pub mod format;
pub mod gc;
pub mod import;
pub mod lexer;
pub mod numeric;
pub mod parser;
pub mod runtime;
pub mod source;
pub mod stack;
pub mod stdlib;
pub mod symtable;
pub mod syntax_error;
pub mod tier_up;
pub mod vm;
