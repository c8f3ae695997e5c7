//! Numeric kernels behind the `math` and `random` modules and the float/int operators, with
//! CPython's algorithms and error semantics, on plain Rust numbers (`f64`, `i64`, `BigInt`).
//!
//! - `math`: float functions in [`math`] (C-library ones with CPython's `math_1`/`math_2` error
//!   rules), [`special`] (gamma, lgamma, erf, erfc), [`sums`] (fsum, hypot, dist),
//!   [`intmath`] (gcd, lcm, factorial, comb, perm, isqrt, floor/ceil/trunc to int, log of ints).
//! - `round()`: [`round`]; float `%`, `//`, `divmod`, `**`, int `/` int: [`floatops`];
//!   `int.to_bytes`/`int.from_bytes`: [`intbytes`].
//! - `random`: [`random::Random`] (Mersenne Twister, seeding) and its Lib/random.py algorithms.
//!
//! Transcendental functions go to the platform C library exactly where CPython 3.11 does
//! (Rust's `f64` methods call glibc on Linux); where Rust's std or the `libm` crate would round
//! differently, [`glibc`] ports glibc's routine; CPython's own algorithms are ported so results
//! match bit for bit. Errors are [`MathError`]s whose [`MathExc`] names the Python exception.

pub mod error;
pub mod floatops;
pub mod glibc;
pub mod intbytes;
pub mod intmath;
pub mod math;
pub mod random;
pub mod round;
pub mod special;
pub mod sums;

pub use error::{MathError, MathExc};
