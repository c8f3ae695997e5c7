//! Compile-time errors of scope analysis and the compiler against CPython: every
//! `tests/compile_errors/x.py` must fail with the line, column, kind and message CPython's
//! `compile()` reports, stored in `x.err` (generated with python3, never by pylift).

use std::path::Path;

use pylift::source::SourceFile;

fn pylift_error(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable");
    let file = SourceFile::new(path.file_name().unwrap().to_string_lossy(), text);
    let result = pylift::parser::parse_module(&file)
        .and_then(|m| pylift::compiler::compile_module(&m, &file));
    match result {
        Ok(_) => "no error".to_string(),
        Err(e) => {
            let (line, col) = file.lines.line_col(e.range.start);
            format!("{line}:{}: {}: {}\n", col + 1, e.kind.name(), e.msg)
        }
    }
}

#[test]
fn compile_errors_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compile_errors");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/compile_errors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 30, "expected the compile_errors corpus");
    let mut failures = Vec::new();
    for p in &paths {
        let want =
            std::fs::read_to_string(p.with_extension("err")).expect("every case has an .err file");
        let got = pylift_error(p);
        if got != want {
            failures.push(format!("{}:\n  want {}  got  {}", p.display(), want, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ from CPython:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
