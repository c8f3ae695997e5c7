//! Text formatting shared by `repr`, `str.format`, f-strings, `format()` and `%`-formatting:
//! float repr and the format-specification mini-language, on plain Rust numbers and strings.

pub mod float;

pub use float::{float_repr, format_float_code, FloatCode, FloatFlags};
