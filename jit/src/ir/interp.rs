//! Reference interpreter for the IR, the second executor of the differential tests: it follows
//! the same entry ABI as native code (register file, context, result code, boxed write-back at
//! exits and returns), so a test can run one function both ways and compare the result code and
//! the register file byte for byte. Every value is held as its 64-bit pattern; memory ops and
//! helper calls touch real memory, which is why running is `unsafe`.

use super::{Block, FunctionIr, Imm, Inst, Op, Terminator, Ty, Val};
use crate::abi;
use crate::error::{JitError, Reason};
use crate::exits::ExitSource;

/// Runs `f` from its normal entry (`osr_pc = None`) or from the OSR entry at `osr_pc`, with at
/// most `fuel` instructions, and returns the same code native code would (`abi::RETURNED` or
/// an exit code).
///
/// # Safety
/// As for calling the compiled function: `regs` must point to a register file large enough
/// for every register the function touches, and every pointer the IR loads from, stores to or
/// passes to a helper must be valid for that use.
pub unsafe fn run(
    f: &FunctionIr,
    osr_pc: Option<u32>,
    regs: *mut u8,
    ctx: *mut u8,
    mut fuel: u64,
) -> Result<u32, JitError> {
    // The interpreter indexes values and exits directly; only verified IR is safe to index.
    super::verify::verify(f)?;
    let Some(mut block) = f.entry_block(osr_pc) else {
        return Err(JitError::Unsupported(Reason::NoOsrEntry));
    };
    let mut vals = vec![0u64; f.values.len()];
    vals[Val::REGS.0 as usize] = regs as u64;
    vals[Val::CTX.0 as usize] = ctx as u64;
    loop {
        let Some(data) = f.block(block) else {
            return Err(JitError::Verify(format!("b{} does not exist", block.0)));
        };
        for inst in &data.insts {
            fuel = fuel
                .checked_sub(1)
                .ok_or(JitError::Unsupported(Reason::InterpOutOfFuel))?;
            // SAFETY: forwarded from this function's contract.
            if let Some(exit) = unsafe { step(f, inst, &mut vals)? } {
                // SAFETY: as above; the register file covers the exit's slots.
                unsafe { write_exit(f, exit, regs, &vals) };
                return Ok(abi::exit_code(exit));
            }
        }
        fuel = fuel
            .checked_sub(1)
            .ok_or(JitError::Unsupported(Reason::InterpOutOfFuel))?;
        match &data.term {
            Some(Terminator::Jump(t)) => block = enter(f, t.block, &t.args, &mut vals),
            Some(Terminator::Brif { cond, then, els }) => {
                let t = if vals[cond.0 as usize] & 1 != 0 {
                    then
                } else {
                    els
                };
                block = enter(f, t.block, &t.args, &mut vals);
            }
            Some(Terminator::Return(s)) => {
                // SAFETY: the return slot is part of the register file.
                unsafe { write_value(regs, f.return_slot, *s, &vals) };
                return Ok(abi::RETURNED);
            }
            Some(Terminator::Exit(e)) => {
                // SAFETY: as for guard exits above.
                unsafe { write_exit(f, e.0, regs, &vals) };
                return Ok(abi::exit_code(e.0));
            }
            None => return Err(JitError::Verify(format!("b{} has no terminator", block.0))),
        }
    }
}

fn enter(f: &FunctionIr, b: Block, args: &[Val], vals: &mut [u64]) -> Block {
    let incoming: Vec<u64> = args.iter().map(|a| vals[a.0 as usize]).collect();
    if let Some(data) = f.block(b) {
        for (p, v) in data.params.iter().zip(incoming) {
            vals[p.0 as usize] = v;
        }
    }
    b
}

/// Writes one boxed Value into register `slot`: the same two stores native code emits.
///
/// # Safety
/// `regs + slot * VALUE_SIZE` must be a writable Value.
pub(crate) unsafe fn write_value(regs: *mut u8, slot: u32, source: ExitSource, vals: &[u64]) {
    let get = |v: Val| vals[v.0 as usize];
    let (tag, payload) = match source {
        ExitSource::Int(v) => (abi::TAG_INT, get(v)),
        ExitSource::Float(v) => (abi::TAG_FLOAT, get(v)),
        ExitSource::Bool(v) => (abi::TAG_BOOL, get(v) & 1),
        ExitSource::Object(v) => (abi::TAG_OBJECT, get(v)),
        ExitSource::None => (abi::TAG_NONE, 0),
        ExitSource::InMemory => return,
    };
    let base = regs.wrapping_offset(abi::slot_offset(slot) as isize);
    // SAFETY: the caller guarantees the Value at `base` is writable.
    unsafe {
        (base.add(abi::TAG_OFFSET as usize) as *mut u64).write_unaligned(u64::from(tag));
        (base.add(abi::PAYLOAD_OFFSET as usize) as *mut u64).write_unaligned(payload);
    }
}

unsafe fn write_exit(f: &FunctionIr, exit: u32, regs: *mut u8, vals: &[u64]) {
    if let Some(e) = f.exits.get(exit as usize) {
        for w in &e.writes {
            // SAFETY: forwarded from `run`'s contract.
            unsafe { write_value(regs, w.slot, w.source, vals) };
        }
    }
}

fn f64_of(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// Executes one instruction; `Some(exit)` when it leaves through a guard.
unsafe fn step(f: &FunctionIr, inst: &Inst, vals: &mut [u64]) -> Result<Option<u32>, JitError> {
    let a = |k: usize| inst.args.get(k).map_or(0, |v| vals[v.0 as usize]);
    let (x, y) = (a(0) as i64, a(1) as i64);
    let (fx, fy) = (f64_of(a(0)), f64_of(a(1)));
    let exit = match inst.imm {
        Imm::Exit(e) => e.0,
        _ => u32::MAX,
    };
    let off = match inst.imm {
        Imm::Offset(o) => o as isize,
        _ => 0,
    };
    let addr = (a(0) as *mut u8).wrapping_offset(off);
    let bits = |b: bool| u64::from(b);
    let checked = |r: Option<i64>| r.map(|v| v as u64).ok_or(exit);
    let result: Result<u64, u32> = match inst.op {
        Op::Iconst | Op::Pconst => match inst.imm {
            Imm::I64(c) => Ok(c as u64),
            _ => Ok(0),
        },
        Op::Fconst => match inst.imm {
            Imm::F64(c) => Ok(c.to_bits()),
            _ => Ok(0),
        },
        Op::Bconst => Ok(bits(inst.imm == Imm::Bool(true))),
        Op::Iadd => Ok(x.wrapping_add(y) as u64),
        Op::Isub => Ok(x.wrapping_sub(y) as u64),
        Op::Imul => Ok(x.wrapping_mul(y) as u64),
        Op::Ineg => Ok(x.wrapping_neg() as u64),
        Op::IaddOv => checked(x.checked_add(y)),
        Op::IsubOv => checked(x.checked_sub(y)),
        Op::ImulOv => checked(x.checked_mul(y)),
        Op::InegOv => checked(x.checked_neg()),
        Op::Ifloordiv => checked(x.checked_div(y).map(|q| {
            let r = x.wrapping_rem(y);
            if r != 0 && (r ^ y) < 0 {
                q - 1
            } else {
                q
            }
        })),
        Op::Imod => {
            if y == 0 {
                Err(exit)
            } else {
                let r = x.wrapping_rem(y);
                Ok((if r != 0 && (r ^ y) < 0 { r + y } else { r }) as u64)
            }
        }
        Op::Iand => Ok((x & y) as u64),
        Op::Ior => Ok((x | y) as u64),
        Op::Ixor => Ok((x ^ y) as u64),
        Op::Ishl => Ok(x.wrapping_shl((y & 63) as u32) as u64),
        Op::Ishr => Ok(x.wrapping_shr((y & 63) as u32) as u64),
        Op::Fadd => Ok((fx + fy).to_bits()),
        Op::Fsub => Ok((fx - fy).to_bits()),
        Op::Fmul => Ok((fx * fy).to_bits()),
        Op::Fdiv => Ok((fx / fy).to_bits()),
        Op::Fneg => Ok((-fx).to_bits()),
        Op::Fabs => Ok(fx.abs().to_bits()),
        Op::Fsqrt => Ok(fx.sqrt().to_bits()),
        Op::Ffloor => Ok(fx.floor().to_bits()),
        Op::Fceil => Ok(fx.ceil().to_bits()),
        Op::I2f => Ok((x as f64).to_bits()),
        Op::F2i => {
            if (super::F2I_MIN..super::F2I_END).contains(&fx) {
                Ok(fx as i64 as u64)
            } else {
                Err(exit)
            }
        }
        Op::B2i => Ok(a(0) & 1),
        Op::Bnot => Ok(bits(a(0) & 1 == 0)),
        Op::Band => Ok(a(0) & a(1) & 1),
        Op::Bor => Ok((a(0) | a(1)) & 1),
        Op::Ieq | Op::Peq => Ok(bits(a(0) == a(1))),
        Op::Ine | Op::Pne => Ok(bits(a(0) != a(1))),
        Op::Ilt => Ok(bits(x < y)),
        Op::Ile => Ok(bits(x <= y)),
        Op::Igt => Ok(bits(x > y)),
        Op::Ige => Ok(bits(x >= y)),
        Op::Feq => Ok(bits(fx == fy)),
        Op::Fne => Ok(bits(fx != fy)),
        Op::Flt => Ok(bits(fx < fy)),
        Op::Fle => Ok(bits(fx <= fy)),
        Op::Fgt => Ok(bits(fx > fy)),
        Op::Fge => Ok(bits(fx >= fy)),
        Op::Padd => Ok(a(0).wrapping_add(a(1))),
        Op::P2i => Ok(a(0)),
        Op::Select => Ok(if a(0) & 1 != 0 { a(1) } else { a(2) }),
        // SAFETY (all loads and stores): the caller of `run` guarantees that every address
        // the IR computes is valid for the access.
        Op::LoadI64 | Op::LoadF64 | Op::LoadPtr => {
            Ok(unsafe { (addr as *const u64).read_unaligned() })
        }
        Op::LoadU8 => Ok(u64::from(unsafe { addr.read() })),
        Op::StoreI64 | Op::StoreF64 | Op::StorePtr => {
            unsafe { (addr as *mut u64).write_unaligned(a(1)) };
            Ok(0)
        }
        Op::StoreU8 => {
            unsafe { addr.write(a(1) as u8) };
            Ok(0)
        }
        Op::Call => {
            let Imm::Helper(h) = inst.imm else {
                return Ok(None);
            };
            let helper = &f.helpers[h.0 as usize];
            let args: Vec<u64> = inst.args.iter().map(|v| vals[v.0 as usize]).collect();
            // SAFETY: forwarded from `run`'s contract (the helper address and signature are
            // the IR's declaration).
            Ok(unsafe { call_helper(helper.addr, &helper.sig.params, helper.sig.ret, &args)? })
        }
        Op::CallEntry => {
            // SAFETY: forwarded from `run`'s contract: the address is a compiled entry with
            // the `EntryFn` ABI, and the register file and context are valid for it.
            let f: crate::abi::EntryFn = unsafe { std::mem::transmute(a(0) as usize) };
            Ok(u64::from(unsafe { f(a(1) as *mut u8, a(2) as *mut u8) }))
        }
        // Int entries are native functions of their own signature, which only native code calls.
        Op::CallInt | Op::CallIntValue => {
            return Err(JitError::Unsupported(Reason::InterpCallShape));
        }
        Op::GuardTrue => {
            if a(0) & 1 != 0 {
                Ok(0)
            } else {
                Err(exit)
            }
        }
        Op::GuardFalse => {
            if a(0) & 1 == 0 {
                Ok(0)
            } else {
                Err(exit)
            }
        }
    };
    match result {
        Ok(v) => {
            if let Some(r) = inst.result {
                vals[r.0 as usize] = v;
            }
            Ok(None)
        }
        Err(e) => Ok(Some(e)),
    }
}

/// Calls a C-ABI helper whose arguments are split into integer-class (i64, ptr, bool) and
/// f64 values. On the System V x86-64 and AAPCS64 conventions the two classes travel in
/// separate register files, in order, so any signature with at most 6 integer-class and 8 f64
/// arguments can be called through one fixed pointer type; unused argument registers are ignored
/// by the callee. Other platforms or wider signatures are refused.
unsafe fn call_helper(
    addr: usize,
    params: &[Ty],
    ret: Option<Ty>,
    args: &[u64],
) -> Result<u64, JitError> {
    let shape_err = Err(JitError::Unsupported(Reason::InterpCallShape));
    if !cfg!(all(
        any(target_arch = "x86_64", target_arch = "aarch64"),
        not(windows)
    )) {
        return shape_err;
    }
    let (mut ints, mut floats) = ([0i64; 6], [0f64; 8]);
    let (mut ni, mut nf) = (0, 0);
    for (t, &v) in params.iter().zip(args) {
        if *t == Ty::F64 {
            if nf == floats.len() {
                return shape_err;
            }
            floats[nf] = f64::from_bits(v);
            nf += 1;
        } else {
            if ni == ints.len() {
                return shape_err;
            }
            ints[ni] = if *t == Ty::Bool {
                (v & 1) as i64
            } else {
                v as i64
            };
            ni += 1;
        }
    }
    let [i0, i1, i2, i3, i4, i5] = ints;
    let [f0, f1, f2, f3, f4, f5, f6, f7] = floats;
    type IntRet =
        extern "C" fn(i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64) -> i64;
    type FloatRet =
        extern "C" fn(i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64;
    // SAFETY: `addr` is an `extern "C"` function with the declared signature (caller's
    // contract); by the register-class argument above the call reaches it with its arguments
    // in the right registers, and the result register matches the declared return class.
    Ok(unsafe {
        match ret {
            Some(Ty::F64) => {
                let g: FloatRet = std::mem::transmute(addr);
                g(i0, i1, i2, i3, i4, i5, f0, f1, f2, f3, f4, f5, f6, f7).to_bits()
            }
            Some(Ty::Bool) => {
                let g: IntRet = std::mem::transmute(addr);
                u64::from(g(i0, i1, i2, i3, i4, i5, f0, f1, f2, f3, f4, f5, f6, f7) as u8 != 0)
            }
            _ => {
                let g: IntRet = std::mem::transmute(addr);
                g(i0, i1, i2, i3, i4, i5, f0, f1, f2, f3, f4, f5, f6, f7) as u64
            }
        }
    })
}
