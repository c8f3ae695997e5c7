//! Errors of the JIT. `Unsupported` reasons are one table of messages (LuaJIT's TREDEF idea),
//! so `--jit-log` can print why a function was not compiled without matching on strings.

use std::fmt;

macro_rules! reasons {
    ($($variant:ident $msg:literal;)*) => {
        /// Why a function cannot be compiled (not a bug: the VM keeps interpreting it).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Reason { $($variant),* }

        impl Reason {
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),*];

            pub fn message(self) -> &'static str {
                match self { $(Reason::$variant => $msg),* }
            }
        }
    };
}

reasons! {
    NoOsrEntry        "no OSR entry at the requested pc";
    TooManyExits      "more exits than the exit code range allows";
    CodeSpaceFull     "the JIT's code size limit has been reached";
    HostUnsupported   "Cranelift has no backend for this host";
    UnknownTarget     "unknown or unsupported target triple";
    InterpCallShape   "the reference interpreter cannot call a helper with this signature";
    InterpOutOfFuel   "the reference interpreter ran out of fuel";
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JitError {
    Unsupported(Reason),
    /// The IR broke an invariant (a tier-up bug); the message names the block and value.
    Verify(String),
    /// Cranelift rejected the lowered function.
    Codegen(String),
}

impl fmt::Display for JitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JitError::Unsupported(r) => write!(f, "unsupported: {r}"),
            JitError::Verify(m) => write!(f, "IR verification failed: {m}"),
            JitError::Codegen(m) => write!(f, "code generation failed: {m}"),
        }
    }
}

impl std::error::Error for JitError {}
