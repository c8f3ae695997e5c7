//! Shared harness for the JIT tests: a register file with the ABI's Value layout, and
//! `run_both`, which runs one function natively and in the reference interpreter on identical
//! register files, asserts that the result codes and the register files agree byte for byte,
//! and compiles the function for aarch64 as well (compile only).

#![allow(dead_code)]

use pylift_jit::abi::{PAYLOAD_OFFSET, TAG_OFFSET, VALUE_SIZE};
use pylift_jit::ir::interp;
use pylift_jit::{dump, CompileOptions, FunctionIr, Jit};

pub const AARCH64: &str = "aarch64-unknown-linux-gnu";

/// A register file of `n` Values, 8-byte aligned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regs(Vec<u64>);

impl Regs {
    pub fn new(n: usize) -> Regs {
        Regs(vec![0; n * VALUE_SIZE as usize / 8])
    }

    pub fn ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr() as *mut u8
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    pub fn set_raw(&mut self, slot: usize, tag: u8, payload: u64) {
        let mut b = self.bytes();
        let base = slot * VALUE_SIZE as usize;
        b[base + TAG_OFFSET as usize] = tag;
        b[base + PAYLOAD_OFFSET as usize..base + PAYLOAD_OFFSET as usize + 8]
            .copy_from_slice(&payload.to_ne_bytes());
        self.0 = b
            .chunks(8)
            .map(|c| u64::from_ne_bytes(c.try_into().unwrap()))
            .collect();
    }

    pub fn set_int(&mut self, slot: usize, v: i64) {
        self.set_raw(slot, pylift_jit::abi::TAG_INT, v as u64);
    }

    pub fn set_float(&mut self, slot: usize, v: f64) {
        self.set_raw(slot, pylift_jit::abi::TAG_FLOAT, v.to_bits());
    }

    pub fn tag(&self, slot: usize) -> u8 {
        self.bytes()[slot * VALUE_SIZE as usize + TAG_OFFSET as usize]
    }

    pub fn payload(&self, slot: usize) -> u64 {
        let b = self.bytes();
        let at = slot * VALUE_SIZE as usize + PAYLOAD_OFFSET as usize;
        u64::from_ne_bytes(b[at..at + 8].try_into().unwrap())
    }

    /// The bytes with every float NaN payload replaced by one canonical NaN: which NaN an
    /// operation yields depends on operand order (x86 propagates the first NaN operand), which
    /// Cranelift may commute; Python cannot observe the difference when printing.
    pub fn nan_canonical(&self) -> Vec<u8> {
        let mut r = self.clone();
        for slot in 0..self.0.len() / 2 {
            if r.tag(slot) == pylift_jit::abi::TAG_FLOAT && f64::from_bits(r.payload(slot)).is_nan()
            {
                r.set_raw(slot, pylift_jit::abi::TAG_FLOAT, f64::NAN.to_bits());
            }
        }
        r.bytes()
    }

    pub fn int(&self, slot: usize) -> i64 {
        assert_eq!(
            self.tag(slot),
            pylift_jit::abi::TAG_INT,
            "r{slot} is not an int"
        );
        self.payload(slot) as i64
    }

    pub fn float(&self, slot: usize) -> f64 {
        assert_eq!(
            self.tag(slot),
            pylift_jit::abi::TAG_FLOAT,
            "r{slot} is not a float"
        );
        f64::from_bits(self.payload(slot))
    }
}

/// Runs `f` natively (in `jit`) and in the interpreter from the same register file and
/// context; asserts they agree; returns the result code and the final register file.
pub fn run_on(
    jit: &mut Jit,
    f: &FunctionIr,
    osr: Option<u32>,
    regs: &Regs,
    ctx: *mut u8,
) -> (u32, Regs) {
    let code = jit
        .compile(f, CompileOptions::default())
        .unwrap_or_else(|e| panic!("{e}\n{f}"));
    let mut native = regs.clone();
    let mut interp_regs = regs.clone();
    // SAFETY: the test's register file covers every register its IR touches, and its helpers
    // and pointers are valid.
    let rc_native = unsafe { code.call(osr, native.ptr(), ctx) }.expect("entry exists");
    let rc_interp = unsafe { interp::run(f, osr, interp_regs.ptr(), ctx, 10_000_000) }.unwrap();
    assert_eq!(
        rc_native, rc_interp,
        "native and interpreter disagree on the result\n{f}"
    );
    assert_eq!(
        native.nan_canonical(),
        interp_regs.nan_canonical(),
        "register files differ\n{f}"
    );
    (rc_native, native)
}

pub fn run_both(f: &FunctionIr, osr: Option<u32>, regs: &Regs) -> (u32, Regs) {
    let mut jit = Jit::new().unwrap();
    run_on(&mut jit, f, osr, regs, std::ptr::null_mut())
}

/// Compiles `f` for aarch64 and returns the disassembly.
pub fn cross(f: &FunctionIr) -> String {
    let t = dump::compile_for_target(f, AARCH64).unwrap_or_else(|e| panic!("aarch64: {e}\n{f}"));
    assert!(t.code_size > 0);
    t.asm
}
