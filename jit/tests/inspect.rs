//! The verifier's rejections, the IR printer's exact text, the CLIF and disassembly dumps, and
//! the size and time figures `CompiledCode` reports.

mod common;

use pylift_jit::ir::parse::parse;
use pylift_jit::{
    dump, Block, Builder, CompileOptions, ExitReason, ExitSource, Jit, JitError, Op, Reason, Ty,
    Val,
};

fn verify_err(b: Builder) -> String {
    match b.finish() {
        Err(JitError::Verify(m)) => m,
        other => panic!("expected a verify error, got {other:?}"),
    }
}

#[test]
fn verifier_rejects_type_errors() {
    let mut b = Builder::new("t");
    let x = b.iconst(1);
    let y = b.fconst(2.0);
    let z = b.binary(Op::Iadd, x, y);
    b.ret(ExitSource::Int(z));
    assert!(verify_err(b).contains("operand 1 is f64, expected i64"));

    let mut b = Builder::new("t");
    let x = b.fconst(1.0);
    b.ret(ExitSource::Int(x));
    assert!(verify_err(b).contains("int needs a i64 value"));

    let mut b = Builder::new("t");
    let x = b.iconst(1);
    let blk = b.create_block(&[Ty::F64]);
    b.jump(blk, &[x]);
    b.switch_to(blk);
    b.ret(ExitSource::None);
    assert!(verify_err(b).contains("does not match parameter"));

    let mut b = Builder::new("t");
    let x = b.iconst(1);
    let e = b.exit(0, ExitReason::Overflow, &[]);
    b.ins(Op::IaddOv, &[x, x], pylift_jit::Imm::None);
    b.exit_now(e);
    assert!(verify_err(b).contains("immediate"));
}

#[test]
fn verifier_rejects_structural_errors() {
    let b = Builder::new("t");
    assert!(verify_err(b).contains("b0 has no terminator"));

    let mut b = Builder::new("t");
    b.jump(Block(0), &[]);
    assert!(verify_err(b).contains("entry blocks cannot be branch targets"));

    // A value from one arm used after the join does not dominate its use.
    let mut b = Builder::new("t");
    let c = b.bconst(true);
    let (t, e, j) = (
        b.create_block(&[]),
        b.create_block(&[]),
        b.create_block(&[]),
    );
    b.brif(c, t, &[], e, &[]);
    b.switch_to(t);
    let v = b.iconst(1);
    b.jump(j, &[]);
    b.switch_to(e);
    b.jump(j, &[]);
    b.switch_to(j);
    b.ret(ExitSource::Int(v));
    assert!(verify_err(b).contains("before its definition"));

    // Exits may only write values available at every guard naming them.
    let mut b = Builder::new("t");
    let x = b.iconst(1);
    let later = b.iconst(2);
    let ex = b.exit(0, ExitReason::Overflow, &[(0, ExitSource::Int(later))]);
    let mut f = {
        let y = b.checked(Op::IaddOv, &[x, x], ex);
        b.ret(ExitSource::Int(y));
        b.finish().unwrap()
    };
    f.blocks[0].insts.swap(1, 2);
    let err = pylift_jit::ir::verify::verify(&f).unwrap_err();
    assert!(err.to_string().contains("exit e0 writes v3"), "{err}");

    // A value defined on the normal path is not available from an OSR entry.
    let mut b = Builder::new("t");
    let n = b.iconst(10);
    let head = b.create_block(&[]);
    b.jump(head, &[]);
    b.switch_to(head);
    b.ret(ExitSource::Int(n));
    let osr = b.create_block(&[]);
    b.switch_to(osr);
    b.jump(head, &[]);
    b.add_osr_entry(5, osr);
    assert!(verify_err(b).contains("before its definition"));

    let mut b = Builder::new("t");
    let p = b.create_block(&[Ty::I64]);
    b.add_osr_entry(5, p);
    b.ret(ExitSource::None);
    b.switch_to(p);
    b.ret(ExitSource::None);
    assert!(verify_err(b).contains("entry block b1 has parameters"));
}

fn sample() -> pylift_jit::FunctionIr {
    let mut b = Builder::new("sample");
    let x = b.load(Op::LoadI64, Val::REGS, 8);
    let e = b.exit(
        4,
        ExitReason::Overflow,
        &[(0, ExitSource::Int(x)), (1, ExitSource::InMemory)],
    );
    let one = b.iconst(1);
    let y = b.checked(Op::IaddOv, &[x, one], e);
    let h = b.helper("sqrt", 0x1000, &[Ty::F64], Some(Ty::F64));
    let f = b.unary(Op::I2f, y);
    let r = b.call(h, &[f]);
    let half = b.fconst(0.5);
    let big = b.binary(Op::Fgt, r, half);
    let t = b.create_block(&[Ty::F64]);
    b.brif(big, t, &[r], t, &[half]);
    b.switch_to(t);
    let p = b.block_params(t)[0];
    b.ret(ExitSource::Float(p));
    b.set_return_slot(2);
    b.finish().unwrap()
}

#[test]
fn printer_text_is_stable_and_parses_back() {
    let f = sample();
    let want = "\
function sample {
  return r2
  helper h0 \"sqrt\" @0x1000 (f64) -> f64
  exit e0 pc=4 overflow [r0 = int v2, r1 = boxed]
b0:
  v2 = load.i64 v0, 8
  v3 = iconst 1
  v4 = iadd.ov v2, v3, e0
  v5 = i2f v4
  v6 = call h0(v5)
  v7 = fconst 0.5
  v8 = fgt v6, v7
  brif v8, b1(v6), b1(v7)
b1(v9: f64):
  return float v9
}
";
    assert_eq!(f.to_string(), want);
    assert_eq!(parse(want, &|_| None).unwrap(), f);
    let err = parse("function x {\nb0:\n  v2 = frobnicate v0\n}\n", &|_| None).unwrap_err();
    assert_eq!(
        (err.line, err.message.as_str()),
        (3, "unknown op \"frobnicate\"")
    );
}

#[test]
fn op_table_names_are_unique_and_parse_back() {
    for (i, op) in Op::ALL.iter().enumerate() {
        assert_eq!(Op::from_name(op.name()), Some(*op));
        assert!(Op::ALL[..i].iter().all(|o| o.name() != op.name()));
    }
    for r in ExitReason::ALL {
        assert_eq!(ExitReason::from_name(r.name()), Some(*r));
        assert!(!r.message().is_empty());
    }
    assert!(Reason::ALL.iter().all(|r| !r.message().is_empty()));
}

extern "C" fn fake_sqrt(x: f64) -> f64 {
    x.sqrt()
}

#[test]
fn dumps_and_figures() {
    let mut f = sample();
    f.helpers[0].addr = fake_sqrt as *const () as usize;
    let mut jit = Jit::new().unwrap();
    let code = jit
        .compile(
            &f,
            CompileOptions {
                dump_clif: true,
                dump_asm: true,
            },
        )
        .unwrap();
    let clif = code.clif.as_deref().unwrap();
    assert!(
        clif.contains("sadd_overflow") && clif.contains("call_indirect"),
        "{clif}"
    );
    assert!(clif.contains("; sample (entry)"));
    let asm = code.asm.as_deref().unwrap();
    assert!(asm.lines().count() > 10 && asm.contains("ret"), "{asm}");
    assert!(code.code_size > 0);
    assert!(code.compile_time.as_nanos() > 0);
    assert_eq!(jit.stats().functions, 1);
    let plain = jit.compile(&f, CompileOptions::default()).unwrap();
    assert!(plain.clif.is_none() && plain.asm.is_none());

    let arm = dump::compile_for_target(&f, common::AARCH64).unwrap();
    assert!(
        arm.asm.contains("ret") && arm.asm.contains("blr"),
        "{}",
        arm.asm
    );
    assert!(arm.code_size > 0);
    assert_eq!(
        dump::compile_for_target(&f, "mips-unknown-linux-gnu").unwrap_err(),
        JitError::Unsupported(Reason::UnknownTarget)
    );
    assert_eq!(
        dump::compile_for_target(&f, "not a triple").unwrap_err(),
        JitError::Unsupported(Reason::UnknownTarget)
    );
}

/// Prints the compile time of a loop function (run with `--nocapture` to see it).
#[test]
fn compile_time_of_a_loop() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/ir/loop_sum.jir"
    ))
    .unwrap();
    let f = parse(&text, &|_| None).unwrap();
    let mut jit = Jit::new().unwrap();
    let mut times = Vec::new();
    for _ in 0..20 {
        times.push(
            jit.compile(&f, CompileOptions::default())
                .unwrap()
                .compile_time,
        );
    }
    times.sort();
    let code = jit.compile(&f, CompileOptions::default()).unwrap();
    println!(
        "loop_sum: {} IR instructions, 2 entries, {} bytes, median compile {:?}",
        f.inst_count(),
        code.code_size,
        times[times.len() / 2]
    );
}

/// Mutated IR text must give a parse error or a function that compiles (or is refused with an
/// error) for both targets, never a panic. The mutated code is not run: its loads could touch
/// any address.
#[test]
fn mutated_ir_text_never_panics() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ir");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces = [
        "v2",
        "v99",
        "b1",
        "e0",
        "e7",
        "i64",
        "f64",
        "(",
        ")",
        ",",
        ":",
        "=",
        " ",
        "\n",
        "-1",
        "h0",
        "iadd.ov",
        "jump b2()",
        "osr pc=1 b0",
        "return",
        "9999999999",
    ];
    let resolve = |_: &str| Some(0usize);
    let mut jit = Jit::new().unwrap();
    let (mut parsed, mut total) = (0, 0);
    for round in 0..3000 {
        let mut t: Vec<char> = texts[round % texts.len()].chars().collect();
        for _ in 0..1 + next() % 3 {
            let at = (next() as usize) % (t.len() + 1);
            match next() % 3 {
                0 if at < t.len() => {
                    t.remove(at);
                }
                1 => {
                    let p = pieces[(next() as usize) % pieces.len()];
                    for (k, c) in p.chars().enumerate() {
                        t.insert(at + k, c);
                    }
                }
                _ if at < t.len() => t[at] = ['1', 'v', 'b', ' ', '0', ','][(next() as usize) % 6],
                _ => {}
            }
        }
        let text: String = t.into_iter().collect();
        total += 1;
        if let Ok(f) = parse(&text, &resolve) {
            parsed += 1;
            let _ = jit.compile(&f, CompileOptions::default());
            let _ = dump::compile_for_target(&f, common::AARCH64);
        }
    }
    assert!(
        parsed > 50 && parsed < total,
        "{parsed} of {total} mutants parsed"
    );
}
