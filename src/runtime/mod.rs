//! Objects and types: `Value`, heap object kinds, the builtin type table, and the data
//! structures behind int, float, str, dict, set, shapes and exceptions. Behaviour that may call
//! back into Python lives in `vm::ops`.

pub mod alloc;
pub mod class;
pub mod compare;
pub mod dict;
pub mod exception;
pub mod func;
pub mod hash;
pub mod int;
pub mod iter;
pub mod object;
pub mod set;
pub mod shape;
pub mod str;
pub mod tuple;
pub mod types;
pub mod value;

pub use value::Value;
