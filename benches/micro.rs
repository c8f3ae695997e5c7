//! `cargo bench --bench micro`: every benchmark program (benches/*.py, benches/programs/*.py)
//! run in-process at its small size, through the same path as `pylift file.py size`
//! (`cli::exec::run`, which also installs `__import__` and `sys.path`), so a regression shows per
//! commit without process start-up in the figure.
//!
//! The small sizes are the ones CPython's golden outputs were made at
//! (benches/expected/<name>.<size>.out, written by `benches/compare --regen-expected`), so the
//! size table lives in one place. The JIT configuration is process-wide and set once, so one
//! run measures one mode: interpreted by default, with the JIT when `PYLIFT_BENCH_JIT=1`.
//! Programs print their checksums to the real stdout.

use pylift::cli::{exec, Options, Program as Prog};
use pylift::source::SourceFile;
use std::path::{Path, PathBuf};

struct Program {
    name: String,
    path: PathBuf,
    size: String,
}

impl std::fmt::Display for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} {}", self.name, self.size)
    }
}

/// Every program with a golden output, at that output's size.
fn programs() -> Vec<Program> {
    let benches = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches");
    let mut found = Vec::new();
    let entries = std::fs::read_dir(benches.join("expected")).expect("benches/expected");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some((name, size)) = file.strip_suffix(".out").and_then(|s| s.rsplit_once('.')) else {
            continue;
        };
        let path = [
            benches.join(format!("{name}.py")),
            benches.join("programs").join(format!("{name}.py")),
        ]
        .into_iter()
        .find(|p| p.exists());
        if let Some(path) = path {
            found.push(Program {
                name: name.to_string(),
                path,
                size: size.to_string(),
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

#[divan::bench(args = programs(), sample_count = 5, sample_size = 1)]
fn run(bencher: divan::Bencher, program: &Program) {
    let bytes = std::fs::read(&program.path).expect("program source");
    let path = program.path.to_string_lossy().into_owned();
    let opts = Options {
        program: Some(Prog::File(path.clone())),
        argv: vec![path.clone(), program.size.clone()],
        ..Options::default()
    };
    bencher.bench(|| {
        let main = exec::Main::Source {
            source: SourceFile::from_bytes(path.clone(), bytes.clone()),
            file: Some(path.clone()),
            path0: pylift::import::script_dir(&path),
        };
        let status = exec::run(&opts, main, "pylift".into()).status;
        assert_eq!(status, 0, "{program} exited with status {status}");
    });
}

fn main() {
    let jit = std::env::var("PYLIFT_BENCH_JIT").is_ok_and(|v| v == "1");
    pylift::tier_up::configure(pylift::tier_up::Config::from_cli(!jit, None, &[]));
    eprintln!(
        "micro: programs run {}",
        if jit {
            "with the JIT"
        } else {
            "interpreted (--no-jit)"
        }
    );
    divan::main();
}
