//! The JIT tier against the interpreter and CPython: every program in `tests/jit_programs/`
//! (expected output from `python3`, as `x.out`, plus `x.code`/`x.err` when it fails) must print
//! exactly that under `--no-jit`, `--jit-threshold 0` (everything compiled at its first call,
//! no feedback yet), `--jit-threshold 1 --jit-all` (all hot code compiled with feedback, entered
//! by OSR), `--jit-threshold 5` (only code that pays compiled) and the default; every
//! conformance program must print the same under `--jit-threshold 0` and `3 --jit-all` as under
//! `--no-jit`; and the observability flags print what they promise.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pylift(args: &[&str], script: &Path) -> Output {
    let dir = script.parent().unwrap_or(Path::new("."));
    Command::new(env!("CARGO_BIN_EXE_pylift"))
        .args(args)
        .arg(script)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run pylift")
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn programs(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("helper_"))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

const MODES: &[&[&str]] = &[
    &["--no-jit"],
    &["--jit-threshold", "0"],
    &["--jit-threshold", "1", "--jit-all"],
    &["--jit-threshold", "5"],
    &[],
];

#[test]
fn jit_programs_match_cpython_in_every_mode() {
    let mut failures = Vec::new();
    let progs = programs("tests/jit_programs");
    assert!(progs.len() >= 7, "tests/jit_programs is missing programs");
    for p in &progs {
        let expected = std::fs::read_to_string(p.with_extension("out")).expect("golden .out");
        let code: i32 = std::fs::read_to_string(p.with_extension("code"))
            .map_or(0, |s| s.trim().parse().unwrap_or(0));
        let err = std::fs::read_to_string(p.with_extension("err")).ok();
        for mode in MODES {
            let o = pylift(mode, p);
            let out = String::from_utf8_lossy(&o.stdout);
            if out != expected {
                failures.push(format!("{} {mode:?}: stdout differs:\n{out}", p.display()));
            }
            if o.status.code() != Some(code) {
                failures.push(format!(
                    "{} {mode:?}: status {:?}, expected {code}",
                    p.display(),
                    o.status.code()
                ));
            }
            if let Some(e) = &err {
                if last_line(&o.stderr) != e.trim_end() {
                    failures.push(format!(
                        "{} {mode:?}: stderr ends {:?}",
                        p.display(),
                        last_line(&o.stderr)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn conformance_programs_print_the_same_compiled() {
    let progs = programs("tests/conformance");
    assert!(progs.len() > 50, "conformance programs not found");
    let failures: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<&[PathBuf]> = progs.chunks(progs.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for p in chunk {
                        let base = pylift(&["--no-jit"], p);
                        for mode in [
                            &["--jit-threshold", "0"][..],
                            &["--jit-threshold", "3", "--jit-all"][..],
                        ] {
                            let o = pylift(mode, p);
                            if o.stdout != base.stdout
                                || o.status.code() != base.status.code()
                                || last_line(&o.stderr) != last_line(&base.stderr)
                            {
                                bad.push(format!("{} {mode:?} differs from --no-jit", p.display()));
                            }
                        }
                    }
                    bad
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Tracebacks come from the interpreter's unwinding in every mode, also when compiled code made
/// the Python calls itself: the whole of stderr matches `--no-jit`'s, not just its last line.
#[test]
fn jit_programs_print_the_interpreters_tracebacks() {
    let mut failures = Vec::new();
    for p in &programs("tests/jit_programs") {
        let base = pylift(&["--no-jit"], p);
        for mode in &MODES[1..] {
            let o = pylift(mode, p);
            if o.stderr != base.stderr {
                failures.push(format!(
                    "{} {mode:?}: stderr differs from --no-jit's:\n{}",
                    p.display(),
                    String::from_utf8_lossy(&o.stderr)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every function of the test programs lowers to IR that Cranelift accepts: a lowering bug that
/// makes a function fall back to the interpreter would otherwise go unseen, the output being the
/// same (a `len()` of a list once produced blocks in an order the translation rejected).
#[test]
fn every_function_of_the_jit_programs_compiles() {
    let mut failures = Vec::new();
    for p in &programs("tests/jit_programs") {
        for mode in [
            &["--jit-threshold", "0", "--jit-log"][..],
            &["--jit-threshold", "3", "--jit-all", "--jit-log"],
        ] {
            let o = pylift(mode, p);
            let err = String::from_utf8_lossy(&o.stderr);
            failures.extend(
                err.lines()
                    .filter(|l| l.starts_with("[jit] not compiled"))
                    .map(|l| format!("{} {mode:?}: {l}", p.display())),
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Compiled code nests its direct calls only `MAX_DIRECT_DEPTH` deep; deeper recursion goes
/// through the interpreter (so the native stack stays bounded), and a function that keeps
/// recursing that deep is then left to the interpreter.
#[test]
fn recursion_deeper_than_compiled_calls_nest_goes_through_the_interpreter() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jit_programs/calls_deep.py");
    let o = pylift(&["--jit-threshold", "1", "--jit-all", "--jit-log"], &p);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "96006\n");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("giving up on depth: it hands its Python calls to the interpreter"),
        "{err}"
    );
}

fn loop_program() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jit_programs/int_loops.py")
}

#[test]
fn jit_log_reports_compilations_with_types_and_sizes() {
    let o = pylift(&["--jit-threshold", "5", "--jit-log"], &loop_program());
    let err = String::from_utf8_lossy(&o.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("compiled tri ("))
        .unwrap_or_else(|| panic!("no compile line:\n{err}"));
    assert!(line.contains("int_loops.py:3"), "{line}");
    assert!(
        line.contains("s:int") && line.contains("bytes") && line.contains(" ms"),
        "{line}"
    );
    assert!(
        err.contains("deopt in grow"),
        "the overflow in grow() is logged:\n{err}"
    );
}

#[test]
fn stats_and_dumps() {
    let o = pylift(
        &[
            "--jit-threshold",
            "5",
            "--stats",
            "--dump-jit-ir",
            "--dump-clif",
            "--dump-asm",
        ],
        &loop_program(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[jit] stats: ") && err.contains("OSR entries") && err.contains("deopts"),
        "{err}"
    );
    assert!(
        err.contains("[jit] IR of tri") && err.contains("iadd.ov"),
        "IR dump missing"
    );
    assert!(
        err.contains("[jit] CLIF of tri") && err.contains("function"),
        "CLIF dump missing"
    );
    assert!(err.contains("[jit] asm of tri"), "asm dump missing");
    let o = pylift(&["--no-jit", "--stats"], &loop_program());
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("[jit]"),
        "--no-jit compiles nothing"
    );
}

/// Hot code that would mostly run generic helpers is left to the interpreter, and says so.
#[test]
fn code_that_would_mostly_call_helpers_is_left_to_the_interpreter() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jit_programs/not_paying.py");
    let o = pylift(&["--jit-threshold", "20", "--jit-log"], &p);
    let expected = std::fs::read_to_string(p.with_extension("out")).expect("golden");
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("left to the interpreter: count (")
            && err.contains("its innermost loops would mostly call helpers"),
        "{err}"
    );
    assert!(!err.contains("compiled count ("), "{err}");
    assert!(
        err.contains("left to the interpreter: factorial (")
            && !err.contains("compiled factorial ("),
        "{err}"
    );
}

/// Loop state that starts as small ints and outgrows i64 is not specialised as ints (every OSR
/// entry would deopt), so the loop is not compiled again and again.
#[test]
fn ints_that_outgrow_i64_are_not_recompiled_for() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jit_programs/bigint_state.py");
    let o = pylift(&["--jit-threshold", "200", "--jit-log"], &p);
    let expected = std::fs::read_to_string(p.with_extension("out")).expect("golden");
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
    let err = String::from_utf8_lossy(&o.stderr);
    let compiles = err
        .lines()
        .filter(|l| l.contains("compiled spigot ("))
        .count();
    assert!(compiles <= 1, "{compiles} compilations:\n{err}");
    assert!(!err.contains("deopts too often"), "{err}");
}

/// Binding and deleting other globals (`except ... as e` in a module-level loop) changes the
/// module dict's keys but not the entries compiled code reads: the functions that read globals
/// are not deoptimised for it (they were, over and over, until they were left to the
/// interpreter).
#[test]
fn other_globals_changing_do_not_deoptimise_global_reads() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jit_programs/direct_alloc.py");
    let o = pylift(&["--jit-log"], &p);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("[jit] compiled make ("), "{err}");
    assert!(!err.contains("deopt in make"), "{err}");
    assert!(!err.contains("left to the interpreter: make"), "{err}");
}
