//! Targeted deoptimisation tests: each program in `tests/jit_programs/deopt_*.py` (expected
//! output from `python3`) runs with a threshold low enough that its loops compile with feedback
//! and high enough that the feedback says something (with `--jit-all`, as some of them would not
//! pay compiled); the output must be CPython's and, where the
//! program is built to force one, `--jit-log` must show the deopt actually happened.

use std::path::Path;
use std::process::Command;

fn run(name: &str) -> (String, String) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/jit_programs")
        .join(name);
    let o = Command::new(env!("CARGO_BIN_EXE_pylift"))
        .args(["--jit-threshold", "20", "--jit-all", "--jit-log"])
        .arg(&p)
        .output()
        .expect("run pylift");
    let expected = std::fs::read_to_string(p.with_extension("out")).expect("golden");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(out, expected, "{name}: output differs from CPython's");
    (out, String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn ints_then_floats_then_strs() {
    let (_, log) = run("deopt_types.py");
    assert!(
        log.contains("deopt in combine") && log.contains("type differed"),
        "{log}"
    );
}

#[test]
fn int_overflow_mid_loop() {
    let (_, log) = run("deopt_overflow.py");
    assert!(
        log.contains("deopt in acc") && log.contains("overflowed"),
        "{log}"
    );
    let acc_deopts = log.lines().filter(|l| l.contains("deopt in acc")).count();
    assert!(
        acc_deopts < 60,
        "a deopt storm in acc(): {acc_deopts} deopts"
    );
}

#[test]
fn global_function_rebound() {
    let (_, log) = run("deopt_global.py");
    assert!(log.contains("compiled loop"), "{log}");
}

#[test]
fn method_replaced_on_the_class_mid_loop() {
    let (_, log) = run("deopt_method.py");
    assert!(log.contains("compiled loop"), "{log}");
}

#[test]
fn exception_in_compiled_loop() {
    let (_, log) = run("exceptions.py");
    assert!(
        log.contains("deopt in inner") && log.contains("division"),
        "{log}"
    );
}
