//! A stable-toolchain mutation fuzzer (seeded, coverage-less) for the three cargo-fuzz targets
//! in `fuzz/`, which need nightly: the front end (bytes → tokens → AST → bytecode → verifier →
//! serializer round trip), the cache loader (mutated cache payloads and whole cache files →
//! verified code or a clean rejection), and whole-program execution of mutated programs in a
//! child `pylift` under an execution budget (`PYLIFT_MAX_INSTRUCTIONS`), a wall-clock timeout
//! and an address-space limit.
//!
//! Seeds: the conformance programs and the benchmark programs. Each target runs a bounded number
//! of inputs by default (part of `cargo test`); `PYLIFT_FUZZ_SECONDS=N` runs each target for N
//! seconds instead and `PYLIFT_FUZZ_SEED` changes the seed. A crash (a panic in-process, or a
//! child killed by a signal or printing a Rust panic) is saved under `target/fuzz_stable/crashes/`
//! and fails the test (`PYLIFT_FUZZ_EXE` names another binary for the execution target); saved reproducers belong in `tests/fuzz_regressions/`, which every run
//! replays first. Counts go to `target/fuzz_stable/<target>.txt`.

use pylift::bytecode::{serialize, verify};
use pylift::cache::{self, SourceMeta};
use pylift::source::SourceFile;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// xorshift64*: deterministic per seed, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments the mutator inserts: Python's delimiters, keywords and lexical corner cases.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    ".",
    "...",
    "=",
    ":=",
    "->",
    "**",
    "*",
    "@",
    "\\\n",
    "\n",
    "\n    ",
    "\t",
    " ",
    "#",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}'",
    "b'",
    "r'",
    "0x",
    "1e",
    "1j",
    "_",
    "lambda ",
    "yield ",
    "await ",
    "async ",
    "def f(",
    "class C(",
    "return ",
    "global x",
    "nonlocal x",
    "del ",
    "try:",
    "except* E:",
    "finally:",
    "with ",
    "match x:\n case ",
    "if ",
    "elif ",
    "else:",
    "while ",
    "for i in ",
    "break",
    "continue",
    "import ",
    "from . import ",
    "not ",
    "and ",
    "or ",
    " is ",
    " in ",
    "\x00",
    "\u{ff}",
    "\u{feff}",
    "\u{2028}",
    "é",
    "\r",
    "\x0c",
    "10**100",
    "-1",
    "9",
    "(((((((((( ",
    "))))))))))",
    "[[[[[[[[",
    "]]]]]]]]",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = [0u8, 0xff, 0x7f, 0x80, b'\n', b' ', b'(', b'"', b'\\'][rng.below(9)];
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                data.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(128)).min(len);
                let piece = data[a..b].to_vec();
                let at = rng.below(data.len() + 1);
                data.splice(at..at, piece);
            }
            4 | 5 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                data.splice(at..at, t.iter().copied());
            }
            6 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(512)).min(other.len());
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[a..b].iter().copied());
                }
            }
            _ => {
                // Deep nesting: the parser's depth bound must turn this into a SyntaxError.
                let depth = 1 + rng.below(400);
                let at = rng.below(len + 1);
                let (open, close) = [
                    ("(", ")"),
                    ("[", "]"),
                    ("{", "}"),
                    ("-", ""),
                    ("not ", ""),
                    ("lambda:", ""),
                ][rng.below(6)];
                let mut piece = open.repeat(depth);
                piece.push('1');
                piece.push_str(&close.repeat(depth));
                data.splice(at..at, piece.bytes());
            }
        }
    }
    data.truncate(1 << 16);
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn py_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            py_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn seed_corpus() -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    py_files(&root().join("tests/conformance"), &mut files);
    py_files(&root().join("benches"), &mut files);
    let corpus: Vec<Vec<u8>> = files.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    assert!(
        corpus.len() > 50,
        "seed corpus missing ({} files)",
        corpus.len()
    );
    corpus
}

fn regressions(target: &str) -> Vec<Vec<u8>> {
    let dir = root().join("tests/fuzz_regressions");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{target}-")))
            {
                out.push(std::fs::read(&p).expect("regression file"));
            }
        }
    }
    out
}

/// How long / how many inputs each target runs.
struct Budget {
    max_inputs: usize,
    deadline: Instant,
}

fn budget(default_inputs: usize, default_secs: u64) -> Budget {
    match std::env::var("PYLIFT_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(s) => Budget {
            max_inputs: usize::MAX,
            deadline: Instant::now() + Duration::from_secs(s),
        },
        None => Budget {
            max_inputs: default_inputs,
            deadline: Instant::now() + Duration::from_secs(default_secs),
        },
    }
}

fn seed() -> u64 {
    std::env::var("PYLIFT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15)
}

fn out_dir() -> PathBuf {
    let d = root().join("target/fuzz_stable");
    std::fs::create_dir_all(d.join("crashes")).expect("fuzz output dir");
    d
}

fn save_crash(target: &str, data: &[u8]) -> PathBuf {
    let h = cache::checksum(data);
    let p = out_dir()
        .join("crashes")
        .join(format!("{target}-{h:016x}.bin"));
    std::fs::write(&p, data).expect("write crash");
    p
}

fn report(target: &str, execs: usize, crashes: &[PathBuf], extra: &str, start: Instant) {
    let line = format!(
        "{target}: {execs} executions in {:.1} s, {} crashes{extra}\n",
        start.elapsed().as_secs_f64(),
        crashes.len()
    );
    eprint!("{line}");
    let _ = std::fs::write(out_dir().join(format!("{target}.txt")), &line);
    assert!(crashes.is_empty(), "{target}: crashes saved: {crashes:?}");
}

/// Front end on one input; returns the serialized bytecode when it compiled.
fn front_end(data: &[u8]) -> Option<Vec<u8>> {
    let source = SourceFile::from_bytes("fuzz.py", data.to_vec());
    let _ = pylift::lexer::dump_tokens(&source);
    let module = match pylift::parser::parse_module(&source) {
        Ok(m) => m,
        Err(e) => {
            drop(e.render(&source));
            return None;
        }
    };
    drop(pylift::ast::dump::dump_module(&module));
    let code = match pylift::compiler::compile_module(&module, &source) {
        Ok(c) => c,
        Err(e) => {
            drop(e.render(&source));
            return None;
        }
    };
    verify::verify_all(&code).expect("compiled code verifies");
    // The encoder refuses code nested past its depth bound (the cache is then not written).
    let bytes = serialize::dump(&code).ok()?;
    let again = serialize::load(&bytes).expect("serialized code loads");
    assert_eq!(
        format!("{again:?}"),
        format!("{code:?}"),
        "serializer round trip"
    );
    Some(bytes)
}

fn cache_load(data: &[u8]) {
    let _ = cache::decode(
        data,
        SourceMeta {
            mtime_ns: 0,
            size: 0,
        },
    );
    if let Ok(code) = serialize::load(data) {
        verify::verify_all(&code).expect("loaded code is verified");
        let again = serialize::load(&serialize::dump(&code).expect("loaded code can be stored"))
            .expect("reloads");
        assert_eq!(format!("{again:?}"), format!("{code:?}"));
    }
}

/// Runs `f` on each input on a thread with the CLI's VM stack size, catching panics.
fn in_process(target: &str, inputs: impl FnMut(&mut Rng) -> Option<Vec<u8>>, f: fn(&[u8])) {
    let target = target.to_string();
    let mut inputs = inputs;
    let b = budget(3000, 25);
    let start = Instant::now();
    let mut rng = Rng(seed() ^ target.len() as u64);
    let mut crashes = Vec::new();
    let mut execs = 0;
    std::panic::set_hook(Box::new(|_| {}));
    while execs < b.max_inputs && Instant::now() < b.deadline {
        let Some(data) = inputs(&mut rng) else { break };
        execs += 1;
        if let Err(p) = catch_unwind(AssertUnwindSafe(|| f(&data))) {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            let path = save_crash(&target, &data);
            let _ = std::fs::write(path.with_extension("txt"), msg.unwrap_or_default());
            crashes.push(path);
        }
    }
    let _ = std::panic::take_hook();
    report(&target, execs, &crashes, "", start);
}

fn run_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("fuzz thread");
}

#[test]
fn fuzz_front_end() {
    run_big_stack(|| {
        let corpus = seed_corpus();
        let mut replay = regressions("front_end");
        replay.extend(corpus.iter().cloned());
        in_process(
            "front_end",
            move |rng| {
                if let Some(r) = replay.pop() {
                    return Some(r);
                }
                let mut d = corpus[rng.below(corpus.len())].clone();
                mutate(rng, &mut d, &corpus);
                Some(d)
            },
            |d| drop(front_end(d)),
        );
    });
}

#[test]
fn fuzz_cache_loader() {
    run_big_stack(|| {
        let corpus = seed_corpus();
        let meta = SourceMeta {
            mtime_ns: 7,
            size: 11,
        };
        let mut seeds: Vec<Vec<u8>> = Vec::new();
        for src in &corpus {
            if let Some(payload) = front_end(src) {
                let source = SourceFile::from_bytes("seed.py", src.clone());
                let module = pylift::parser::parse_module(&source).expect("parsed before");
                let code =
                    pylift::compiler::compile_module(&module, &source).expect("compiled before");
                seeds.push(cache::encode(&code, meta).expect("encodes"));
                seeds.push(payload);
            }
        }
        assert!(seeds.len() > 50, "cache seeds: {}", seeds.len());
        let mut replay = regressions("cache_load");
        in_process(
            "cache_load",
            move |rng| {
                if let Some(r) = replay.pop() {
                    return Some(r);
                }
                let mut d = seeds[rng.below(seeds.len())].clone();
                // Byte-level mutations only: tokens would mostly break the first field.
                for _ in 0..1 + rng.below(3) {
                    let len = d.len();
                    match rng.below(4) {
                        0 if len > 0 => {
                            let i = rng.below(len);
                            d[i] ^= 1 << rng.below(8);
                        }
                        1 if len > 0 => {
                            let i = rng.below(len);
                            d[i] = [0u8, 1, 0x7f, 0x80, 0xff][rng.below(5)];
                        }
                        2 if len > 0 => {
                            let a = rng.below(len);
                            d.truncate(a.max(1));
                        }
                        _ if len > 4 => {
                            let a = rng.below(len - 4);
                            let v = [0u32, 1, 0xffff_ffff, 0x7fff_ffff, 1 << 20][rng.below(5)];
                            d[a..a + 4].copy_from_slice(&v.to_le_bytes());
                        }
                        _ => {}
                    }
                }
                Some(d)
            },
            cache_load,
        );
    });
}

/// What one child run shows: a crash is death by a signal we did not send or a Rust panic.
enum ExecOutcome {
    Ok,
    Timeout,
    Crash,
}

fn run_child(exe: &Path, dir: &Path, data: &[u8]) -> ExecOutcome {
    let prog = dir.join("prog.py");
    std::fs::write(&prog, data).expect("write program");
    // The shell sets the address-space limit (allocation-heavy mutants hit MemoryError or a
    // clean abort-free failure instead of swapping); the VM thread reserves 1 GiB of stack.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 6000000; exec \"$0\" prog.py")
        .arg(exe)
        .current_dir(dir)
        .env("PYLIFT_MAX_INSTRUCTIONS", "20000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pylift");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait().expect("wait") {
            Some(status) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                use std::os::unix::process::ExitStatusExt;
                let panicked = err.contains("panicked at")
                    || err.contains("stack overflow")
                    || err.contains("RUST_BACKTRACE");
                return if status.signal().is_some() || panicked {
                    ExecOutcome::Crash
                } else {
                    ExecOutcome::Ok
                };
            }
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return ExecOutcome::Timeout;
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

#[test]
fn fuzz_exec() {
    // Long local runs pass a private copy (`PYLIFT_FUZZ_EXE`): the shared target dir's binary
    // is rebuilt under a running fuzzer.
    let exe = std::env::var_os("PYLIFT_FUZZ_EXE").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_pylift")),
        PathBuf::from,
    );
    let corpus = seed_corpus();
    let dir = out_dir().join("exec_work");
    std::fs::create_dir_all(&dir).expect("work dir");
    let b = budget(400, 25);
    let start = Instant::now();
    let mut rng = Rng(seed() ^ 0xE8EC);
    let (mut execs, mut timeouts) = (0usize, 0usize);
    let mut crashes = Vec::new();
    let mut replay = regressions("exec");
    while execs < b.max_inputs && Instant::now() < b.deadline {
        let data = replay.pop().unwrap_or_else(|| {
            let mut d = corpus[rng.below(corpus.len())].clone();
            mutate(&mut rng, &mut d, &corpus);
            d
        });
        execs += 1;
        match run_child(&exe, &dir, &data) {
            ExecOutcome::Ok => {}
            ExecOutcome::Timeout => timeouts += 1,
            ExecOutcome::Crash => crashes.push(save_crash("exec", &data)),
        }
    }
    report(
        "exec",
        execs,
        &crashes,
        &format!(", {timeouts} timeouts (5 s wall clock)"),
        start,
    );
}
