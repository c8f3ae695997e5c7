//! Numeric kernels behind the `math` and `random` modules, with CPython's algorithms and error
//! semantics, on plain Rust numbers.
