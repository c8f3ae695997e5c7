//! Resource limits end in Python exceptions, never a crash: recursion through Python calls, through
//! native re-entry (`__repr__`, `__eq__`, `__hash__`, `__getattr__`, container comparison),
//! through the compiler (deep nesting), with a raised recursion limit, huge allocations, and the
//! printing of self-referencing containers. Each program in `tests/limits/` runs under `pylift`
//! and is compared with CPython's golden files made by python3: stdout (`.out`), exit status
//! (`.code`) and the last stderr line (`.err`).
//!
//! `DIFFERENCES` lists the outcomes where pylift is clean but not yet CPython's; for those only
//! the absence of a crash is checked, and the test fails once the difference disappears so the
//! entry gets removed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (program, what differs from CPython's outcome).
const DIFFERENCES: &[(&str, &str)] = &[(
    "nesting_unary",
    "1+1+...+1 past the parser's depth is MemoryError; CPython's compiler gives RecursionError",
)];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/limits")
}

struct Run {
    stdout: String,
    last_err: String,
    code: i32,
}

fn run(program: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pylift"))
        .arg(program.file_name().expect("name"))
        .current_dir(dir())
        .output()
        .expect("run pylift");
    let stderr = String::from_utf8_lossy(&out.stderr);
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.signal().is_none()
            && !stderr.contains("panicked")
            && !stderr.contains("stack overflow"),
        "{}: crashed ({:?}):\n{stderr}",
        program.display(),
        out.status
    );
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        last_err: stderr.lines().last().unwrap_or("").to_string(),
        code: out.status.code().expect("exit status"),
    }
}

fn golden(program: &Path, ext: &str) -> String {
    std::fs::read_to_string(program.with_extension(ext))
        .unwrap_or_else(|_| panic!("golden {ext} of {}", program.display()))
}

#[test]
fn limits_match_cpython() {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/limits")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 10, "limit programs missing");
    let mut failures = Vec::new();
    for p in &programs {
        let name = p.file_stem().expect("stem").to_string_lossy().into_owned();
        let r = run(p);
        let (out, err) = (golden(p, "out"), golden(p, "err"));
        let code: i32 = golden(p, "code").trim().parse().expect("code");
        let exact = r.stdout == out && r.last_err == err.trim_end_matches('\n') && r.code == code;
        let known = DIFFERENCES.iter().any(|(n, _)| *n == name);
        eprintln!("{name}: exit {} | {}", r.code, r.last_err);
        if known {
            if exact {
                failures.push(format!(
                    "{name}: now matches CPython; remove it from DIFFERENCES"
                ));
            }
        } else if !exact {
            failures.push(format!(
                "{name}: exit {} / '{}' / stdout:\n{}\nCPython: exit {code} / '{}' / stdout:\n{out}",
                r.code,
                r.last_err,
                r.stdout,
                err.trim_end()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
