//! `--dis` snapshots and whole-corpus compilation checks.
//!
//! - Every `tests/dis/x.py` is compiled and disassembled; the listing must equal `x.dis`. The
//!   listings are pylift's own output (a format snapshot, not behaviour): after an intended change
//!   regenerate them with `PYLIFT_BLESS=1 cargo test --test dis` and review the diff.
//! - Every conformance program compiles and its code objects pass the verifier, except the ones
//!   whose expected outcome is a SyntaxError, which must fail with CPython's message.

use std::path::{Path, PathBuf};

use pylift::source::SourceFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    out.sort();
    out
}

fn compile(path: &Path) -> Result<std::rc::Rc<pylift::bytecode::CodeObject>, String> {
    let text = std::fs::read_to_string(path).expect("readable");
    let file = SourceFile::new(path.file_name().unwrap().to_string_lossy(), text);
    pylift::parser::parse_module(&file)
        .and_then(|m| pylift::compiler::compile_module(&m, &file))
        .map_err(|e| format!("{}: {}", e.kind.name(), e.msg))
}

#[test]
fn dis_snapshots() {
    let bless = std::env::var_os("PYLIFT_BLESS").is_some_and(|v| v == "1");
    let files = py_files(&root().join("tests/dis"));
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for py in &files {
        let code = compile(py).unwrap_or_else(|e| panic!("{}: {e}", py.display()));
        let got = pylift::bytecode::disassemble(&code);
        let expected_path = py.with_extension("dis");
        if bless {
            std::fs::write(&expected_path, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{} differs from {} (first at line {}):\n  want: {}\n  got:  {}",
                py.display(),
                expected_path.display(),
                first + 1,
                want.lines().nth(first).unwrap_or("<end>"),
                got.lines().nth(first).unwrap_or("<end>"),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, regenerate with `PYLIFT_BLESS=1 cargo test --test dis` and review the diff.",
        failures.join("\n")
    );
}

/// The expected SyntaxError line of a conformance program, if its CPython run ends in one.
fn expected_syntax_error(py: &Path) -> Option<String> {
    let err = std::fs::read_to_string(py.with_extension("err")).ok()?;
    let last = err.lines().last()?.to_string();
    ["SyntaxError:", "IndentationError:", "TabError:"]
        .iter()
        .any(|k| last.starts_with(k))
        .then_some(last)
}

#[test]
fn every_conformance_program_compiles_and_verifies() {
    let dir = root().join("tests/conformance");
    let mut files = py_files(&dir);
    files.extend(py_files(&dir.join("errors")));
    assert!(files.len() > 50);
    let mut failures = Vec::new();
    for py in &files {
        match (compile(py), expected_syntax_error(py)) {
            (Ok(code), None) => {
                if let Err(e) = pylift::bytecode::verify::verify_all(&code) {
                    failures.push(format!("{}: verifier: {e}", py.display()));
                }
            }
            (Err(e), None) => failures.push(format!("{}: {e}", py.display())),
            (Ok(_), Some(want)) => {
                failures.push(format!("{}: compiled, CPython says {want}", py.display()))
            }
            // The exact wording is the parser's tests' business; here the kind must agree.
            (Err(got), Some(want)) if got.split(':').next() != want.split(':').next() => {
                failures.push(format!("{}: {got}, CPython says {want}", py.display()))
            }
            (Err(_), Some(_)) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Robustness: every conformance program with one line deleted or dedented either fails to
/// parse or compiles to verified code — never a panic (the verifier runs inside
/// `compile_module` in debug builds).
#[test]
fn mutated_programs_never_panic_the_compiler() {
    let mut compiled = 0;
    for py in py_files(&root().join("tests/conformance")) {
        let text = std::fs::read_to_string(&py).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for k in 0..lines.len() {
            for dedent in [false, true] {
                let mut ls: Vec<&str> = lines.clone();
                if dedent {
                    ls[k] = ls[k].trim_start();
                } else {
                    ls.remove(k);
                }
                let file = SourceFile::new("m.py", ls.join("\n") + "\n");
                let Ok(module) = pylift::parser::parse_module(&file) else {
                    continue;
                };
                let result = std::panic::catch_unwind(|| {
                    pylift::compiler::compile_module(&module, &file).map(|_| ())
                });
                assert!(
                    result.is_ok(),
                    "compiler panicked on {} with line {} {}",
                    py.display(),
                    k + 1,
                    if dedent { "dedented" } else { "deleted" }
                );
                compiled += 1;
            }
        }
    }
    assert!(compiled > 1000, "only {compiled} mutants parsed");
}
