//! Operation semantics shared by the interpreter and (later) the JIT's runtime helpers.

pub mod arith;
pub mod attr;
pub mod build;
pub mod call;
pub mod collections;
pub mod compare;
pub mod exc;
pub mod format;
pub mod import;
pub mod iter;
pub mod matching;
pub mod protocol;
pub mod repr;
pub mod subscr;
