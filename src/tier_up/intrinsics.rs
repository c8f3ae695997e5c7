//! Builtins whose calls compiled code makes itself, when the callee is known (a global or module
//! attribute behind a guard) and the arguments are unboxed numbers: ONE table maps each native
//! function to the operation lowering emits for it.

use crate::builtins::{functions, map_methods};
use crate::runtime::func::NativeFn;
use crate::stdlib::math;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intrinsic {
    /// `math.sqrt(x)`: x >= 0 natively; a negative or NaN x goes to the interpreter, which
    /// raises ValueError or returns NaN.
    Sqrt,
    /// `math.fabs(x)`.
    Fabs,
    /// `abs(x)` of an int (the interpreter takes -2**63) or a float.
    Abs,
    /// `min(a, b)` / `max(a, b)` of two ints or two floats: the first of equal values, as
    /// Python's loop keeps it.
    Min,
    Max,
    /// `len(x)` of a plain list (class-guarded; anything else goes to the interpreter).
    Len,
    /// `s.add(k)`, `s.remove(k)`, `s.discard(k)` of a set with an int or str key, by the
    /// frameless `set_op` helper (anything else goes to the interpreter).
    SetAdd,
    SetRemove,
    SetDiscard,
}

const TABLE: &[(NativeFn, Intrinsic, u8)] = &[
    (math::sqrt, Intrinsic::Sqrt, 1),
    (math::fabs, Intrinsic::Fabs, 1),
    (functions::abs, Intrinsic::Abs, 1),
    (functions::min, Intrinsic::Min, 2),
    (functions::max, Intrinsic::Max, 2),
    (functions::len, Intrinsic::Len, 1),
    (map_methods::set_add, Intrinsic::SetAdd, 2),
    (map_methods::set_remove, Intrinsic::SetRemove, 2),
    (map_methods::set_discard, Intrinsic::SetDiscard, 2),
];

/// The intrinsic for a call of native `f` with `argc` positional arguments.
pub fn of(f: NativeFn, argc: u8) -> Option<Intrinsic> {
    TABLE
        .iter()
        .find(|(g, _, n)| *g as usize == f as usize && *n == argc)
        .map(|&(_, i, _)| i)
}
