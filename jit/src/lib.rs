//! pylift-jit: the JIT backend. It takes functions in a small typed IR and returns native code
//! through Cranelift. It knows nothing of Python objects; the VM's tier-up step (in `pylift`)
//! lowers profiled bytecode into this crate's IR.

pub mod abi;
