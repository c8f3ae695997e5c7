//! The benchmark programs (benches/*.py, benches/programs/*.py) print exactly what CPython
//! prints, at their small sizes, both interpreted (`--no-jit`) and with the JIT; and
//! `pylift --compare` shows a script's output once followed by its timing table.
//!
//! The expected outputs are CPython's, stored as benches/expected/<name>.<size>.out by
//! `benches/compare --regen-expected`; this test never runs python3 itself.

use std::path::{Path, PathBuf};
use std::process::Command;

const PYLIFT: &str = env!("CARGO_BIN_EXE_pylift");

fn benches() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches")
}

/// Every benchmark program: (name, path).
fn programs() -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    for dir in [benches(), benches().join("programs")] {
        for entry in std::fs::read_dir(&dir).expect("benches folder") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "py") {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                found.push((name, path));
            }
        }
    }
    found.sort();
    found
}

/// Every golden file: (program name, size, expected stdout).
fn goldens() -> Vec<(String, String, Vec<u8>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(benches().join("expected")).expect("benches/expected") {
        let path = entry.expect("dir entry").path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = file.strip_suffix(".out") else {
            continue;
        };
        let (name, size) = stem.rsplit_once('.').expect("<name>.<size>.out");
        let text = std::fs::read(&path).expect("golden file");
        found.push((name.to_string(), size.to_string(), text));
    }
    found.sort();
    found
}

#[test]
fn every_program_has_a_golden_output() {
    let have: Vec<String> = goldens().into_iter().map(|(n, ..)| n).collect();
    let missing: Vec<String> = programs()
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| !have.contains(n))
        .collect();
    assert!(
        missing.is_empty(),
        "no benches/expected/<name>.<size>.out for {missing:?}: add a QUICK_SIZES row to \
         benches/compare and run `benches/compare --regen-expected`"
    );
}

#[test]
fn every_program_prints_cpythons_output() {
    let paths: std::collections::HashMap<String, PathBuf> = programs().into_iter().collect();
    let jobs: Vec<(String, String, Vec<u8>, &'static str)> = goldens()
        .into_iter()
        .flat_map(|(n, s, t)| {
            [
                (n.clone(), s.clone(), t.clone(), "--no-jit"),
                (n, s, t, "--jit-threshold=0"),
            ]
        })
        .collect();
    assert!(jobs.len() >= 2 * 20, "only {} golden runs", jobs.len());
    // Two workers: the suite's machines have two cores.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((name, size, expected, mode)) = jobs.get(i) else {
                    break;
                };
                let Some(path) = paths.get(name) else {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{name}: golden file for a missing program"));
                    continue;
                };
                let mut cmd = Command::new(PYLIFT);
                match mode.split_once('=') {
                    Some((flag, value)) => cmd.args([flag, value]),
                    None => cmd.arg(mode),
                };
                let out = cmd.arg(path).arg(size).output().expect("run pylift");
                if out.stdout != *expected || !out.status.success() {
                    failures.lock().unwrap().push(format!(
                        "{name} {size} ({mode}): status {:?}\n--- expected\n{}--- got\n{}--- stderr\n{}",
                        out.status.code(),
                        String::from_utf8_lossy(expected),
                        String::from_utf8_lossy(&out.stdout),
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} runs differ from CPython:\n{}",
        failures.len(),
        jobs.len(),
        failures.join("\n")
    );
}

#[test]
fn compare_shows_the_output_once_then_a_table() {
    let dir = std::env::temp_dir().join(format!("pylift_compare_test_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("tiny.py");
    std::fs::write(
        &script,
        "import sys\n\
         def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n\
         print('sum', f(int(sys.argv[1])))\n",
    )
    .unwrap();
    let out = Command::new(PYLIFT)
        .arg("--compare")
        .arg(&script)
        .arg("3000")
        .output()
        .expect("run pylift --compare");
    std::fs::remove_dir_all(&dir).unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stdout, "sum 4498500\n");
    assert!(
        stderr.contains("3 runs of each mode, alternating; outputs identical"),
        "{stderr}"
    );
    for row in ["--no-jit ", "JIT ", "speedup ", "JIT, per run: "] {
        assert!(
            stderr.lines().any(|l| l.starts_with(row)),
            "no {row:?} row in:\n{stderr}"
        );
    }
    assert!(!stderr.contains("[jit] stats"), "{stderr}");
}

#[test]
fn compare_without_a_program_is_a_usage_error() {
    let out = Command::new(PYLIFT)
        .args(["--compare", "-m", "json"])
        .output()
        .expect("run pylift --compare");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compare needs a script file"));
}
