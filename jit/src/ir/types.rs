//! The IR's value types. Every IR value has exactly one of these; the verifier checks every
//! operand against the op table, so lowering can map types without re-checking.

use std::fmt;

/// Type of an IR value. `Bool` is a 0/1 byte in machine code; `Ptr` is a machine address and
/// must not be held across a helper call if it points into the GC heap (DESIGN §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    I64,
    F64,
    Bool,
    Ptr,
}

impl Ty {
    pub const ALL: [Ty; 4] = [Ty::I64, Ty::F64, Ty::Bool, Ty::Ptr];

    pub fn name(self) -> &'static str {
        match self {
            Ty::I64 => "i64",
            Ty::F64 => "f64",
            Ty::Bool => "bool",
            Ty::Ptr => "ptr",
        }
    }

    pub fn from_name(s: &str) -> Option<Ty> {
        Ty::ALL.into_iter().find(|t| t.name() == s)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
