//! Numeric kernels behind the `math` and `random` modules, with CPython's algorithms and error
//! semantics, on plain Rust numbers (`f64`, `i64`, `BigInt`).
//!
//! Transcendental functions go to the platform libm exactly where CPython 3.11 does (Rust's
//! `f64` methods call the same C library on Linux), and CPython's own algorithms (gamma,
//! lgamma, fsum, hypot, remainder, factorial, isqrt, …) are ported so results match bit for bit.

pub mod error;
pub mod floatops;
pub mod glibc;
pub mod intmath;
pub mod math;
pub mod random;
pub mod round;
pub mod special;
pub mod sums;

pub use error::{MathError, MathExc};
