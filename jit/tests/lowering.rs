//! End-to-end tests of IR built by hand: each function runs natively and in the reference
//! interpreter (which must agree byte for byte, see `common::run_on`) and is also compiled for
//! aarch64. Expected values are computed independently here (Python semantics written out).

mod common;

use common::{cross, run_both, run_on, Regs};
use pylift_jit::abi::{self, PAYLOAD_OFFSET, TAG_OFFSET, VALUE_SIZE};
use pylift_jit::{
    Builder, CompileOptions, ExitId, ExitReason, ExitSource, FunctionIr, Jit, Op, Ty, Val,
};

fn off(slot: u32) -> i32 {
    slot as i32 * VALUE_SIZE
}

/// Loads register `slot` as an i64, leaving through `exit` unless its tag is `TAG_INT`.
fn load_int(b: &mut Builder, slot: u32, exit: ExitId) -> Val {
    let tag = b.load(Op::LoadU8, Val::REGS, off(slot) + TAG_OFFSET);
    let want = b.iconst(i64::from(abi::TAG_INT));
    let ok = b.binary(Op::Ieq, tag, want);
    b.guard_true(ok, exit);
    b.load(Op::LoadI64, Val::REGS, off(slot) + PAYLOAD_OFFSET)
}

fn load_float(b: &mut Builder, slot: u32, exit: ExitId) -> Val {
    let tag = b.load(Op::LoadU8, Val::REGS, off(slot) + TAG_OFFSET);
    let want = b.iconst(i64::from(abi::TAG_FLOAT));
    let ok = b.binary(Op::Ieq, tag, want);
    b.guard_true(ok, exit);
    b.load(Op::LoadF64, Val::REGS, off(slot) + PAYLOAD_OFFSET)
}

fn py_floordiv(a: i64, b: i64) -> i64 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn py_mod(a: i64, b: i64) -> i64 {
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// r0 = a, r1 = b (ints); the final exit writes every result to r2.. as ints.
fn int_ops_function() -> FunctionIr {
    let mut b = Builder::new("int_ops");
    let type_exit = b.exit(0, ExitReason::TypeGuard, &[(0, ExitSource::InMemory)]);
    let x = load_int(&mut b, 0, type_exit);
    let y = load_int(&mut b, 1, type_exit);
    let zero_div = b.exit(7, ExitReason::ZeroDivision, &[]);
    let ops = [Op::Iadd, Op::Isub, Op::Imul, Op::Iand, Op::Ior, Op::Ixor];
    let mut results: Vec<Val> = ops.iter().map(|&op| b.binary(op, x, y)).collect();
    results.push(b.unary(Op::Ineg, x));
    let three = b.iconst(3);
    results.push(b.binary(Op::Ishl, x, three));
    results.push(b.binary(Op::Ishr, x, three));
    results.push(b.checked(Op::Ifloordiv, &[x, y], zero_div));
    results.push(b.checked(Op::Imod, &[x, y], zero_div));
    let lt = b.binary(Op::Ilt, x, y);
    results.push(b.unary(Op::B2i, lt));
    let writes: Vec<(u32, ExitSource)> = results
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u32 + 2, ExitSource::Int(v)))
        .collect();
    let done = b.exit(100, ExitReason::ValueGuard, &writes);
    b.exit_now(done);
    b.finish().unwrap()
}

#[test]
fn int_arithmetic_matches_python_semantics() {
    let f = int_ops_function();
    let done_code = abi::exit_code(2);
    for (a, c) in [
        (7, 2),
        (-7, 2),
        (7, -2),
        (-7, -2),
        (6, 3),
        (0, 5),
        (i64::MAX, 7),
        (i64::MIN, 3),
    ] {
        let mut r = Regs::new(16);
        r.set_int(0, a);
        r.set_int(1, c);
        let (rc, out) = run_both(&f, None, &r);
        assert_eq!(rc, done_code, "{a} {c}");
        let want = [
            a.wrapping_add(c),
            a.wrapping_sub(c),
            a.wrapping_mul(c),
            a & c,
            a | c,
            a ^ c,
            a.wrapping_neg(),
            a << 3,
            a >> 3,
            py_floordiv(a, c),
            py_mod(a, c),
            i64::from(a < c),
        ];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(out.int(i + 2), *w, "result {i} of ({a}, {c})");
        }
    }
    cross(&f);
}

#[test]
fn division_by_zero_and_min_over_minus_one_exit() {
    let f = int_ops_function();
    for (a, c) in [(5, 0), (i64::MIN, -1)] {
        let mut r = Regs::new(16);
        r.set_int(0, a);
        r.set_int(1, c);
        let (rc, out) = run_both(&f, None, &r);
        assert_eq!(
            rc,
            abi::exit_code(1),
            "({a}, {c}) must leave through the zerodiv exit"
        );
        assert_eq!(
            out, r,
            "an exit with no writes leaves the registers untouched"
        );
    }
}

#[test]
fn type_guard_exits_before_any_write() {
    let f = int_ops_function();
    let mut r = Regs::new(16);
    r.set_float(0, 1.5);
    r.set_int(1, 2);
    let (rc, out) = run_both(&f, None, &r);
    assert_eq!(rc, abi::exit_code(0));
    assert_eq!(out, r);
}

/// Expected bytes of one boxed Value, built from the ABI constants alone.
fn value_bytes(tag: u8, payload: u64) -> Vec<u8> {
    let mut v = vec![0u8; VALUE_SIZE as usize];
    v[TAG_OFFSET as usize] = tag;
    v[PAYLOAD_OFFSET as usize..PAYLOAD_OFFSET as usize + 8].copy_from_slice(&payload.to_ne_bytes());
    v
}

#[test]
fn overflow_exit_writes_back_registers_byte_for_byte() {
    for op in [Op::IaddOv, Op::IsubOv, Op::ImulOv] {
        let mut b = Builder::new("ovf");
        let x = b.load(Op::LoadI64, Val::REGS, off(0) + PAYLOAD_OFFSET);
        let y = b.load(Op::LoadI64, Val::REGS, off(1) + PAYLOAD_OFFSET);
        let half = b.fconst(0.5);
        let t = b.bconst(true);
        let ovf = b.exit(
            12,
            ExitReason::Overflow,
            &[
                (2, ExitSource::Int(x)),
                (3, ExitSource::Float(half)),
                (4, ExitSource::Bool(t)),
                (5, ExitSource::None),
                (6, ExitSource::InMemory),
            ],
        );
        let r = b.checked(op, &[x, y], ovf);
        b.ret(ExitSource::Int(r));
        b.set_return_slot(7);
        let f = b.finish().unwrap();

        let mut regs = Regs::new(8);
        regs.set_int(0, i64::MAX);
        regs.set_int(1, if op == Op::IsubOv { -1 } else { 2 });
        regs.set_int(6, 12345);
        regs.set_int(5, 99);
        let (rc, out) = run_both(&f, None, &regs);
        assert_eq!(rc, abi::exit_code(0), "{op:?}");
        let bytes = out.bytes();
        let slot = |s: usize| bytes[s * 16..s * 16 + 16].to_vec();
        // Untouched padding keeps what was there (zeros), so whole Values can be compared.
        assert_eq!(slot(2), value_bytes(abi::TAG_INT, i64::MAX as u64));
        assert_eq!(slot(3), value_bytes(abi::TAG_FLOAT, 0.5f64.to_bits()));
        assert_eq!(slot(4), value_bytes(abi::TAG_BOOL, 1));
        assert_eq!(slot(5), value_bytes(abi::TAG_NONE, 0));
        assert_eq!(
            slot(6),
            value_bytes(abi::TAG_INT, 12345),
            "boxed: left as it was"
        );
        assert_eq!(slot(7), vec![0; 16], "no return on the exit path");

        regs.set_int(0, 40);
        let (rc, out) = run_both(&f, None, &regs);
        assert_eq!(rc, abi::RETURNED);
        let want = match op {
            Op::IaddOv => 42,
            Op::IsubOv => 41,
            _ => 80,
        };
        assert_eq!(out.int(7), want);
        assert_eq!(out.bytes()[16 * 2..16 * 7], regs.bytes()[16 * 2..16 * 7]);
        cross(&f);
    }
}

/// `r0 * 2`, leaving through exit 0 (writing nothing) when r0 is negative.
fn doubler() -> FunctionIr {
    let mut b = Builder::new("doubler");
    let neg = b.exit(5, ExitReason::ValueGuard, &[]);
    let x = load_int(&mut b, 0, neg);
    let zero = b.iconst(0);
    let ok = b.binary(Op::Ige, x, zero);
    b.guard_true(ok, neg);
    let two = b.iconst(2);
    let r = b.binary(Op::Imul, x, two);
    b.ret(ExitSource::Int(r));
    b.finish().unwrap()
}

#[test]
fn compiled_code_calls_compiled_code_through_its_entry() {
    let mut jit = Jit::new().unwrap();
    let callee = jit.compile(&doubler(), CompileOptions::default()).unwrap();
    // The caller passes r0 to the callee in its register window (r2, above its own two
    // registers), returns the callee's result plus one, or leaves with the callee's code in r1.
    let mut b = Builder::new("caller");
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let x = load_int(&mut b, 0, te);
    let tag = b.iconst(i64::from(abi::TAG_INT));
    b.store(Op::StoreI64, Val::REGS, off(2) + TAG_OFFSET, tag);
    b.store(Op::StoreI64, Val::REGS, off(2) + PAYLOAD_OFFSET, x);
    let entry = b.pconst(callee.entry() as usize);
    let window = b.iconst(i64::from(off(2)));
    let regs = b.binary(Op::Padd, Val::REGS, window);
    let rc = b.call_entry(entry, regs, Val::CTX);
    // The window's address minus the register file's, through p2i: the window's byte offset.
    let (w, r0) = (b.unary(Op::P2i, regs), b.unary(Op::P2i, Val::REGS));
    let gap = b.binary(Op::Isub, w, r0);
    b.store(Op::StoreI64, Val::REGS, off(1) + TAG_OFFSET, tag);
    b.store(Op::StoreI64, Val::REGS, off(1) + PAYLOAD_OFFSET, gap);
    let returned = b.iconst(i64::from(abi::RETURNED));
    let ok = b.binary(Op::Ieq, rc, returned);
    let failed = b.exit(1, ExitReason::Unsupported, &[(1, ExitSource::Int(rc))]);
    b.guard_true(ok, failed);
    let y = b.load(Op::LoadI64, Val::REGS, off(2) + PAYLOAD_OFFSET);
    let one = b.iconst(1);
    let r = b.binary(Op::Iadd, y, one);
    b.ret(ExitSource::Int(r));
    let f = b.finish().unwrap();

    let mut regs = Regs::new(3);
    regs.set_int(0, 20);
    let (rc, out) = run_on(&mut jit, &f, None, &regs, std::ptr::null_mut());
    assert_eq!(rc, abi::RETURNED);
    assert_eq!(out.int(0), 41);
    assert_eq!(out.int(1), i64::from(off(2)));
    regs.set_int(0, -3);
    let (rc, out) = run_on(&mut jit, &f, None, &regs, std::ptr::null_mut());
    assert_eq!(rc, abi::exit_code(1));
    assert_eq!(out.int(1), i64::from(abi::exit_code(0)));
    cross(&f);
}

/// `doubler` with an int entry: the argument arrives unboxed (the int entry) or in r0 (the
/// normal entry), and a negative one leaves writing it back to r0.
fn int_doubler() -> FunctionIr {
    let mut b = Builder::new("int_doubler");
    let body = b.create_block(&[Ty::I64]);
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let x = load_int(&mut b, 0, te);
    b.jump(body, &[x]);
    let entry = b.create_block(&[Ty::I64]);
    b.switch_to(entry);
    let arg = b.block_params(entry)[0];
    b.jump(body, &[arg]);
    b.set_int_entry(entry);
    b.switch_to(body);
    let x = b.block_params(body)[0];
    let neg = b.exit(5, ExitReason::ValueGuard, &[(0, ExitSource::Int(x))]);
    let zero = b.iconst(0);
    let ok = b.binary(Op::Ige, x, zero);
    b.guard_true(ok, neg);
    let two = b.iconst(2);
    let r = b.binary(Op::Imul, x, two);
    b.ret(ExitSource::Int(r));
    b.finish().unwrap()
}

#[test]
fn compiled_code_calls_an_int_entry_with_unboxed_arguments() {
    let mut jit = Jit::new().unwrap();
    let f = int_doubler();
    let callee = jit.compile(&f, CompileOptions::default()).unwrap();
    let int_entry = callee.int_entry().expect("an int entry");
    // The caller passes r0 unboxed to the callee, whose window is r2: it returns the callee's
    // result plus one, or leaves with the callee's code in r1 (the callee wrote r2 then).
    let mut b = Builder::new("caller");
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let x = load_int(&mut b, 0, te);
    let entry = b.pconst(int_entry);
    let window = b.iconst(i64::from(off(2)));
    let regs = b.binary(Op::Padd, Val::REGS, window);
    let (rc, y) = b.call_int(entry, regs, Val::CTX, &[x]);
    let returned = b.iconst(i64::from(abi::RETURNED));
    let ok = b.binary(Op::Ieq, rc, returned);
    let failed = b.exit(1, ExitReason::Unsupported, &[(1, ExitSource::Int(rc))]);
    b.guard_true(ok, failed);
    let one = b.iconst(1);
    let r = b.binary(Op::Iadd, y, one);
    b.ret(ExitSource::Int(r));
    let caller = b.finish().unwrap();
    let code = jit.compile(&caller, CompileOptions::default()).unwrap();

    let run = |x: i64| {
        let mut regs = Regs::new(3);
        regs.set_int(0, x);
        // SAFETY: the register file covers the caller's three registers and the callee's one;
        // the callee's code lives in `callee` until the end of the test.
        let rc = unsafe { code.call(None, regs.ptr(), std::ptr::null_mut()) };
        (rc.expect("entry exists"), regs)
    };
    let (rc, out) = run(20);
    assert_eq!(rc, abi::RETURNED);
    assert_eq!(out.int(0), 41);
    let (rc, out) = run(-3);
    assert_eq!(rc, abi::exit_code(1));
    assert_eq!(out.int(1), i64::from(abi::exit_code(1)));
    assert_eq!(out.int(2), -3, "the callee's exit wrote its argument back");
    // The normal entry still works, and the interpreter agrees with it.
    let mut regs = Regs::new(1);
    regs.set_int(0, 4);
    let (rc, out) = run_both(&f, None, &regs);
    assert_eq!((rc, out.int(0)), (abi::RETURNED, 8));
    cross(&f);
    cross(&caller);
}

#[test]
fn negation_overflow_exits() {
    let mut b = Builder::new("neg");
    let x = b.load(Op::LoadI64, Val::REGS, off(0) + PAYLOAD_OFFSET);
    let e = b.exit(3, ExitReason::Overflow, &[(1, ExitSource::Int(x))]);
    let n = b.checked(Op::InegOv, &[x], e);
    b.ret(ExitSource::Int(n));
    let f = b.finish().unwrap();
    let mut r = Regs::new(2);
    r.set_int(0, 5);
    assert_eq!(run_both(&f, None, &r).1.int(0), -5);
    r.set_int(0, i64::MIN);
    let (rc, out) = run_both(&f, None, &r);
    assert_eq!(rc, abi::exit_code(0));
    assert_eq!(out.int(1), i64::MIN);
    cross(&f);
}

#[test]
fn float_math_and_conversions() {
    let mut b = Builder::new("floats");
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let x = load_float(&mut b, 0, te);
    let y = load_float(&mut b, 1, te);
    let mut res = Vec::new();
    for op in [Op::Fadd, Op::Fsub, Op::Fmul, Op::Fdiv] {
        res.push(b.binary(op, x, y));
    }
    for op in [Op::Fneg, Op::Fabs, Op::Fsqrt, Op::Ffloor, Op::Fceil] {
        res.push(b.unary(op, x));
    }
    let seven = b.iconst(-7);
    res.push(b.unary(Op::I2f, seven));
    let mut writes: Vec<(u32, ExitSource)> = res
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u32 + 2, ExitSource::Float(v)))
        .collect();
    let mut cmps = Vec::new();
    for op in [Op::Feq, Op::Fne, Op::Flt, Op::Fle, Op::Fgt, Op::Fge] {
        cmps.push(b.binary(op, x, y));
    }
    writes.extend(
        cmps.iter()
            .enumerate()
            .map(|(i, &v)| (i as u32 + 20, ExitSource::Bool(v))),
    );
    let bad = b.exit(5, ExitReason::ValueGuard, &writes);
    let t = b.checked(Op::F2i, &[x], bad);
    writes.push((30, ExitSource::Int(t)));
    let done = b.exit(9, ExitReason::ValueGuard, &writes);
    b.exit_now(done);
    let f = b.finish().unwrap();

    let nan = f64::NAN;
    for (a, c) in [
        (2.25, 0.5),
        (-2.5, 3.0),
        (9.0, 0.0),
        (-0.0, -0.0),
        (1e300, 1e300),
        (nan, 1.0),
        (f64::INFINITY, 2.0),
        (-9.3e18, 1.0),
    ] {
        let mut r = Regs::new(32);
        r.set_float(0, a);
        r.set_float(1, c);
        let (rc, out) = run_both(&f, None, &r);
        let want = [
            a + c,
            a - c,
            a * c,
            a / c,
            -a,
            a.abs(),
            a.sqrt(),
            a.floor(),
            a.ceil(),
            -7.0,
        ];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(
                out.float(i + 2).to_bits(),
                w.to_bits(),
                "float result {i} of ({a}, {c})"
            );
        }
        let cmp = [a == c, a != c, a < c, a <= c, a > c, a >= c];
        for (i, w) in cmp.iter().enumerate() {
            assert_eq!(out.tag(i + 20), abi::TAG_BOOL);
            assert_eq!(
                out.payload(i + 20),
                u64::from(*w),
                "comparison {i} of ({a}, {c})"
            );
        }
        if a.is_finite() && a.abs() < 9.2e18 {
            assert_eq!(rc, abi::exit_code(2));
            assert_eq!(out.int(30), a as i64);
        } else {
            assert_eq!(rc, abi::exit_code(1), "f2i of {a} must exit");
        }
    }
    cross(&f);
}

/// sum(1..=n) with a loop whose header has block parameters (i, acc); OSR entry at pc 20
/// resumes from registers r1 = i, r2 = acc.
fn sum_function() -> FunctionIr {
    let mut b = Builder::new("sum");
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let n = load_int(&mut b, 0, te);
    let one = b.iconst(1);
    let zero = b.iconst(0);
    let header = b.create_block(&[Ty::I64, Ty::I64, Ty::I64]);
    let body = b.create_block(&[]);
    let done = b.create_block(&[]);
    b.jump(header, &[n, one, zero]);

    let (hn, i, acc) = {
        let p = b.block_params(header);
        (p[0], p[1], p[2])
    };
    b.switch_to(header);
    let more = b.binary(Op::Ile, i, hn);
    b.brif(more, body, &[], done, &[]);

    b.switch_to(body);
    let ovf = b.exit(
        22,
        ExitReason::Overflow,
        &[
            (0, ExitSource::Int(hn)),
            (1, ExitSource::Int(i)),
            (2, ExitSource::Int(acc)),
        ],
    );
    let acc2 = b.checked(Op::IaddOv, &[acc, i], ovf);
    let one_b = b.iconst(1);
    let i2 = b.checked(Op::IaddOv, &[i, one_b], ovf);
    b.jump(header, &[hn, i2, acc2]);

    b.switch_to(done);
    b.ret(ExitSource::Int(acc));

    let osr = b.create_block(&[]);
    b.switch_to(osr);
    let on = load_int(&mut b, 0, te);
    let oi = load_int(&mut b, 1, te);
    let oacc = load_int(&mut b, 2, te);
    b.jump(header, &[on, oi, oacc]);
    b.add_osr_entry(20, osr);
    b.set_return_slot(3);
    b.finish().unwrap()
}

#[test]
fn loop_with_block_params_sums() {
    let f = sum_function();
    for n in [0i64, 1, 10, 1000, 100_000] {
        let mut r = Regs::new(4);
        r.set_int(0, n);
        let (rc, out) = run_both(&f, None, &r);
        assert_eq!(rc, abi::RETURNED);
        assert_eq!(out.int(3), n * (n + 1) / 2);
    }
    // Overflow, entered through the OSR entry close to the limit so both executors get there.
    let mut r = Regs::new(4);
    r.set_int(0, i64::MAX);
    r.set_int(1, 3_000_000_000);
    r.set_int(2, i64::MAX - 7_000_000_000);
    let (rc, out) = run_both(&f, Some(20), &r);
    assert_eq!(rc, abi::exit_code(1));
    let (i, acc) = (out.int(1), out.int(2));
    assert_eq!(
        (i, acc),
        (3_000_000_002, i64::MAX - 7_000_000_000 + 6_000_000_001)
    );
    assert!(
        acc.checked_add(i).is_none(),
        "the exit holds the values before the overflowing add"
    );
    let mut jit = Jit::new().unwrap();
    let code = jit.compile(&f, CompileOptions::default()).unwrap();
    let mut regs = r.clone();
    let rc = unsafe { code.call(Some(20), regs.ptr(), std::ptr::null_mut()) }.unwrap();
    let (d, count) = code.take_exit(rc).expect("overflow exit");
    assert_eq!((d.pc, d.reason, count), (22, ExitReason::Overflow, 1));
    cross(&f);
}

#[test]
fn osr_entry_resumes_the_loop_from_registers() {
    let f = sum_function();
    let mut r = Regs::new(4);
    r.set_int(0, 100);
    r.set_int(1, 51);
    r.set_int(2, 51 * 50 / 2);
    let (rc, out) = run_both(&f, Some(20), &r);
    assert_eq!(rc, abi::RETURNED);
    assert_eq!(out.int(3), 5050);
    let mut jit = Jit::new().unwrap();
    let code = jit.compile(&f, CompileOptions::default()).unwrap();
    assert!(code.osr_entry(20).is_some());
    assert!(code.osr_entry(21).is_none());
}

#[test]
fn branches_select_and_bools() {
    let mut b = Builder::new("max");
    let te = b.exit(0, ExitReason::TypeGuard, &[]);
    let x = load_int(&mut b, 0, te);
    let y = load_int(&mut b, 1, te);
    let gt = b.binary(Op::Igt, x, y);
    let then = b.create_block(&[Ty::I64]);
    let join = b.create_block(&[Ty::I64, Ty::Bool]);
    b.brif(gt, then, &[x], join, &[y, gt]);
    b.switch_to(then);
    let p = b.block_params(then)[0];
    let t = b.bconst(true);
    b.jump(join, &[p, t]);
    b.switch_to(join);
    let (m, flag) = (b.block_params(join)[0], b.block_params(join)[1]);
    let neg = b.unary(Op::Bnot, flag);
    let both = b.binary(Op::Band, neg, flag);
    let either = b.binary(Op::Bor, neg, flag);
    let zero = b.iconst(0);
    let s = b.select(either, m, zero);
    let done = b.exit(
        1,
        ExitReason::ValueGuard,
        &[
            (2, ExitSource::Int(s)),
            (3, ExitSource::Bool(flag)),
            (4, ExitSource::Bool(both)),
        ],
    );
    b.exit_now(done);
    let f = b.finish().unwrap();
    for (a, c) in [(3, 9), (9, 3), (-1, -1)] {
        let mut r = Regs::new(5);
        r.set_int(0, a);
        r.set_int(1, c);
        let (_, out) = run_both(&f, None, &r);
        assert_eq!(out.int(2), a.max(c));
        assert_eq!(out.payload(3), u64::from(a > c));
        assert_eq!(out.payload(4), 0);
    }
    cross(&f);
}

extern "C" fn helper_mix(a: i64, x: f64, b: i64) -> i64 {
    a * 1000 + (x * 10.0) as i64 + b
}

extern "C" fn helper_hypot(x: f64, y: f64) -> f64 {
    x.hypot(y)
}

extern "C" fn helper_is_even(a: i64) -> bool {
    a % 2 == 0
}

/// Writes `v` through the VM context pointer: helpers see the same `ctx` compiled code got.
extern "C" fn helper_record(ctx: *mut u8, v: i64) {
    // SAFETY: the tests pass a pointer to an i64 as ctx.
    unsafe { *(ctx as *mut i64) = v };
}

#[test]
fn helper_calls_by_address() {
    let mut b = Builder::new("calls");
    let mix = b.helper(
        "mix",
        helper_mix as *const () as usize,
        &[Ty::I64, Ty::F64, Ty::I64],
        Some(Ty::I64),
    );
    let hyp = b.helper(
        "hypot",
        helper_hypot as *const () as usize,
        &[Ty::F64, Ty::F64],
        Some(Ty::F64),
    );
    let even = b.helper(
        "is_even",
        helper_is_even as *const () as usize,
        &[Ty::I64],
        Some(Ty::Bool),
    );
    let rec = b.helper(
        "record",
        helper_record as *const () as usize,
        &[Ty::Ptr, Ty::I64],
        None,
    );
    let x = b.load(Op::LoadI64, Val::REGS, PAYLOAD_OFFSET);
    let h = b.fconst(4.5);
    let seven = b.iconst(7);
    let m = b.call(mix, &[x, h, seven]);
    let three = b.fconst(3.0);
    let four = b.fconst(4.0);
    let hy = b.call(hyp, &[three, four]);
    let ev = b.call(even, &[m]);
    b.call(rec, &[Val::CTX, m]);
    let done = b.exit(
        0,
        ExitReason::ValueGuard,
        &[
            (1, ExitSource::Int(m)),
            (2, ExitSource::Float(hy)),
            (3, ExitSource::Bool(ev)),
        ],
    );
    b.exit_now(done);
    let f = b.finish().unwrap();
    let mut r = Regs::new(4);
    r.set_int(0, 2);
    let mut slot = 0i64;
    let mut jit = Jit::new().unwrap();
    let (rc, out) = run_on(&mut jit, &f, None, &r, &mut slot as *mut i64 as *mut u8);
    assert_eq!(rc, abi::exit_code(0));
    assert_eq!(out.int(1), 2052);
    assert_eq!(out.float(2), 5.0);
    assert_eq!(out.payload(3), 1);
    assert_eq!(slot, 2052);
    cross(&f);
}

#[repr(C)]
struct Obj {
    kind: u8,
    count: i64,
    ratio: f64,
    next: *const Obj,
}

#[test]
fn loads_and_stores_at_offsets() {
    let tail = Obj {
        kind: 9,
        count: 5,
        ratio: 0.0,
        next: std::ptr::null(),
    };
    let mut head = Obj {
        kind: 1,
        count: 40,
        ratio: 1.25,
        next: &tail,
    };
    let base = &mut head as *mut Obj as usize;
    let (o_kind, o_count, o_ratio, o_next) = (0, 8, 16, 24);
    assert_eq!(std::mem::offset_of!(Obj, next), o_next as usize);

    let mut b = Builder::new("fields");
    let p = b.pconst(base);
    let cnt = b.load(Op::LoadI64, p, o_count);
    let nxt = b.load(Op::LoadPtr, p, o_next);
    let cnt2 = b.load(Op::LoadI64, nxt, o_count);
    let kind2 = b.load(Op::LoadU8, nxt, o_kind);
    let sum = b.binary(Op::Iadd, cnt, cnt2);
    b.store(Op::StoreI64, p, o_count, sum);
    let r = b.load(Op::LoadF64, p, o_ratio);
    let r2 = b.binary(Op::Fmul, r, r);
    b.store(Op::StoreF64, p, o_ratio, r2);
    let k = b.iconst(0x107);
    b.store(Op::StoreU8, p, o_kind, k);
    let null = b.pconst(0);
    b.store(Op::StorePtr, p, o_next, null);
    let is_null = b.binary(Op::Peq, nxt, null);
    let eight = b.iconst(8);
    let addr = b.binary(Op::Padd, p, eight);
    let again = b.load(Op::LoadI64, addr, 0);
    let done = b.exit(
        0,
        ExitReason::ValueGuard,
        &[
            (0, ExitSource::Int(kind2)),
            (1, ExitSource::Bool(is_null)),
            (2, ExitSource::Int(again)),
            (3, ExitSource::Object(nxt)),
        ],
    );
    b.exit_now(done);
    let f = b.finish().unwrap();

    let mut jit = Jit::new().unwrap();
    let code = jit.compile(&f, CompileOptions::default()).unwrap();
    let mut regs = Regs::new(4);
    let rc = unsafe { code.call(None, regs.ptr(), std::ptr::null_mut()) }.unwrap();
    assert_eq!(rc, abi::exit_code(0));
    assert_eq!((head.kind, head.count, head.ratio), (7, 45, 1.5625));
    assert!(head.next.is_null());
    assert_eq!(regs.int(0), 9);
    assert_eq!((regs.tag(1), regs.payload(1)), (abi::TAG_BOOL, 0));
    assert_eq!(regs.int(2), 45);
    assert_eq!(
        (regs.tag(3), regs.payload(3)),
        (abi::TAG_OBJECT, &tail as *const Obj as u64)
    );

    // The interpreter on a fresh object gives the same memory effects.
    head = Obj {
        kind: 1,
        count: 40,
        ratio: 1.25,
        next: &tail,
    };
    let mut iregs = Regs::new(4);
    let rc =
        unsafe { pylift_jit::ir::interp::run(&f, None, iregs.ptr(), std::ptr::null_mut(), 1000) };
    assert_eq!(rc, Ok(abi::exit_code(0)));
    assert_eq!((head.kind, head.count, head.ratio), (7, 45, 1.5625));
    assert_eq!(iregs, regs);
    cross(&f);
}

#[test]
fn exit_counts_and_invalidation() {
    let f = int_ops_function();
    let mut jit = Jit::new().unwrap();
    let mut code = jit.compile(&f, CompileOptions::default()).unwrap();
    let mut r = Regs::new(16);
    r.set_float(0, 0.0);
    for n in 1..=3 {
        let rc = unsafe { code.call(None, r.ptr(), std::ptr::null_mut()) }.unwrap();
        let (d, count) = code.take_exit(rc).unwrap();
        assert_eq!((d.pc, d.reason, count), (0, ExitReason::TypeGuard, n));
    }
    assert_eq!(code.exit_counts.get(0), 3);
    assert_eq!(code.exit_counts.total(), 3);
    assert!(code.take_exit(abi::RETURNED).is_none());
    let live = jit.stats().code_bytes;
    assert!(live > 0 && live == code.code_size as u64);
    jit.invalidate(&mut code);
    assert_eq!(jit.stats().code_bytes, 0);
    assert_eq!(jit.stats().freed_bytes, live);
    assert!(unsafe { code.call(None, r.ptr(), std::ptr::null_mut()) }.is_none());
}

/// Every compiled function owns its machine code: dropping it frees the code, also after the
/// `Jit` itself is gone.
#[test]
fn dropping_compiled_code_frees_it() {
    let f = int_ops_function();
    let mut jit = Jit::new().unwrap();
    let a = jit.compile(&f, CompileOptions::default()).unwrap();
    let b = jit.compile(&f, CompileOptions::default()).unwrap();
    let size = a.code_size as u64;
    assert_eq!(jit.stats().code_bytes, 2 * size);
    drop(a);
    assert_eq!(
        (jit.stats().code_bytes, jit.stats().freed_bytes),
        (size, size)
    );
    let mut r = Regs::new(16);
    r.set_float(0, 0.0);
    let rc = unsafe { b.call(None, r.ptr(), std::ptr::null_mut()) }.unwrap();
    assert_eq!(
        b.take_exit(rc).map(|(d, _)| d.reason),
        Some(ExitReason::TypeGuard)
    );
    drop(jit);
    assert!(unsafe { b.call(None, r.ptr(), std::ptr::null_mut()) }.is_some());
}

#[test]
fn code_limit_refuses_further_compiles() {
    let f = int_ops_function();
    let mut jit = Jit::new().unwrap();
    jit.set_code_limit(1);
    let first = jit.compile(&f, CompileOptions::default()).unwrap();
    let err = jit.compile(&f, CompileOptions::default()).unwrap_err();
    assert_eq!(
        err,
        pylift_jit::JitError::Unsupported(pylift_jit::Reason::CodeSpaceFull)
    );
    drop(first);
    assert!(jit.compile(&f, CompileOptions::default()).is_ok());
}

/// A loop whose back-edge checks an interrupt byte in the VM context (DESIGN §7: Ctrl-C
/// stops compiled loops). Another thread sets the byte; the loop must leave through its
/// `Interrupt` exit with the counter written back.
#[test]
fn back_edge_interrupt_check_stops_a_running_loop() {
    use std::sync::atomic::{AtomicU8, Ordering};
    let mut b = Builder::new("spin");
    let zero = b.iconst(0);
    let head = b.create_block(&[Ty::I64]);
    b.jump(head, &[zero]);
    b.switch_to(head);
    let i = b.block_params(head)[0];
    let stop = b.exit(7, ExitReason::Interrupt, &[(0, ExitSource::Int(i))]);
    let flag = b.load(Op::LoadU8, Val::CTX, 0);
    let z = b.iconst(0);
    let set = b.binary(Op::Ine, flag, z);
    b.guard_false(set, stop);
    let one = b.iconst(1);
    let next = b.binary(Op::Iadd, i, one);
    b.jump(head, &[next]);
    let f = b.finish().unwrap();
    cross(&f);

    static FLAG: AtomicU8 = AtomicU8::new(0);
    let mut jit = Jit::new().unwrap();
    let code = jit.compile(&f, CompileOptions::default()).unwrap();
    let setter = std::thread::spawn(|| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        FLAG.store(1, Ordering::Relaxed);
    });
    let mut regs = Regs::new(1);
    let rc = unsafe { code.call(None, regs.ptr(), FLAG.as_ptr()) }.unwrap();
    setter.join().unwrap();
    let (d, _) = code.take_exit(rc).unwrap();
    assert_eq!((d.pc, d.reason), (7, ExitReason::Interrupt));
    assert!(regs.int(0) > 0, "the loop ran before it was stopped");
}
