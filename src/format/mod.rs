//! Text formatting shared by `repr`, `str.format`, f-strings, `format()` and `%`-formatting:
//! float repr and the format-specification mini-language, on plain Rust numbers and strings.
//!
//! Entry points, by Python feature:
//! - `repr(float)`/`str(float)`: [`float_repr`]; `float.hex`/`fromhex`/`as_integer_ratio`,
//!   `float(str|bytes)`: [`floatstr`].
//! - `format(x, spec)`/`__format__` of int, bool, float, str: [`FormatSpec::parse`] (with the
//!   value's [`Kind`] and type name), then [`format_int`], [`format_float`] or [`format_str`].
//! - `str.format`/`format_map`: [`template::format_template`] over a [`template::TemplateArgs`].
//! - `str % args`: [`percent::percent_format`] over a [`percent::Operands`].
//! - `int(str|bytes, base)`, `str(int)`, `bin`/`oct`/`hex`, `sys.set_int_max_str_digits`:
//!   [`intstr`].
//!
//! Every function here is total: any input yields a string or a typed [`FormatError`] (whose
//! [`ExcKind`] names the Python exception), never a panic, and no output grows beyond
//! [`MAX_OUTPUT_CHARS`] (CPython would try to allocate and raise `MemoryError`; so do we,
//! earlier).

pub mod error;
pub mod float;
pub mod floatstr;
pub mod intstr;
pub mod percent;
pub mod pyrepr;
pub mod render;
pub mod spec;
pub mod template;

pub use error::{ExcKind, FormatError};
pub use float::{float_repr, format_float_code, FloatCode, FloatFlags};
pub use floatstr::{
    float_as_integer_ratio, float_from_bytes, float_from_hex, float_from_str, float_to_hex,
};
pub use intstr::{int_from_bytes, int_from_str, int_to_decimal, int_to_f64, int_to_str_radix};
pub use render::{format_float, format_int, format_str, IntRef};
pub use spec::{FormatSpec, Kind};

/// Upper bound on the length of any formatted result (widths and precisions beyond it raise
/// `MemoryError`).
pub const MAX_OUTPUT_CHARS: usize = 1 << 28;
