//! Differential test of the JIT: a seeded generator of random deterministic programs (small and
//! big ints, overflow, floats, mixed arithmetic, branches, nested loops, calls, lists, caught
//! exceptions, arguments whose types change between calls) runs each program under `--no-jit`,
//! `--jit-threshold 0` and `--jit-threshold 3` and, when installed, `python3`; every run must
//! print the same. Many functions share one program file so the count stays high and the run
//! short.
//!
//! `PYLIFT_DIFF_FILES=N` (default 40 files × 50 functions = 2000 programs) and
//! `PYLIFT_DIFF_SEED=S` choose a longer or different run; a mismatch leaves the program in the
//! temp folder and names it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const FUNCS_PER_FILE: usize = 50;

/// xorshift64*: small, seedable, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

struct Gen {
    rng: Rng,
    out: String,
    /// Loop variables in scope.
    loops: Vec<String>,
}

const VARS: &[&str] = &["x", "y", "z", "w"];

impl Gen {
    fn int_lit(&mut self) -> String {
        match self.rng.below(6) {
            0 => format!("{}", self.rng.below(2_000_000_000) as i64 - 1_000_000_000),
            1 => "4611686018427387904".to_string(),
            2 => "-9223372036854775807".to_string(),
            _ => format!("{}", self.rng.below(20) as i64 - 5),
        }
    }

    fn float_lit(&mut self) -> String {
        let a = self.rng.below(2000) as f64 / 8.0 - 100.0;
        format!("{a:?}")
    }

    fn atom(&mut self) -> String {
        let mut opts: Vec<String> = VARS.iter().map(|v| v.to_string()).collect();
        opts.extend(self.loops.iter().cloned());
        match self.rng.below(10) {
            0..=5 => opts[self.rng.below(opts.len() as u64) as usize].clone(),
            6 | 7 => self.int_lit(),
            8 => self.float_lit(),
            _ => "lst[x % len(lst)]"
                .to_string()
                .replace('x', &self.var_int_index()),
        }
    }

    fn var_int_index(&mut self) -> String {
        match self.loops.last() {
            Some(l) if self.rng.below(2) == 0 => l.clone(),
            _ => "k".to_string(),
        }
    }

    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.below(3) == 0 {
            return self.atom();
        }
        let a = self.expr(depth - 1);
        let b = self.expr(depth - 1);
        match self.rng.below(14) {
            0..=2 => format!("({a} + {b})"),
            3 | 4 => format!("({a} - {b})"),
            5 | 6 => format!("({a} * {b})"),
            7 => format!("({a} // ({b} or 7))"),
            8 => format!("({a} % ({b} or 5))"),
            9 if self.rng.below(4) == 0 => format!("({a} / {b})"),
            9 => format!("({a} / ({b} or 3))"),
            10 => format!("(-{a})"),
            11 => format!("(int({a}) << {})", self.rng.below(40)),
            12 => format!(
                "(int({a}) {} int({b}))",
                self.rng.pick(&["&", "|", "^", ">>"])
            ),
            _ => format!("abs({a})"),
        }
    }

    fn cond(&mut self) -> String {
        let a = self.expr(1);
        let b = self.expr(1);
        let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
        match self.rng.below(5) {
            0 => format!("{a} {op} {b} and {}", self.atom()),
            1 => format!("not ({a} {op} {b})"),
            _ => format!("{a} {op} {b}"),
        }
    }

    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn stmt(&mut self, indent: usize, depth: u32) {
        let v = VARS[self.rng.below(4) as usize];
        match self.rng.below(12) {
            0..=2 => {
                let e = self.expr(2);
                self.line(indent, &format!("{v} = {e}"));
            }
            3 | 4 => {
                let e = self.expr(1);
                let op = self.rng.pick(&["+=", "-=", "*=", "%=", "//="]);
                self.line(indent, &format!("{v} {op} {e}"));
            }
            5 if depth > 0 => {
                let c = self.cond();
                self.line(indent, &format!("if {c}:"));
                self.block(indent + 1, depth - 1);
                if self.rng.below(2) == 0 {
                    self.line(indent, "else:");
                    self.block(indent + 1, depth - 1);
                }
            }
            6 | 7 if depth > 0 => {
                let name = format!("i{}", self.loops.len());
                let n = self.rng.below(30);
                let head = match self.rng.below(3) {
                    0 => format!("for {name} in range({n}):"),
                    1 => format!(
                        "for {name} in range({}, {n}, {}):",
                        self.rng.below(5),
                        1 + self.rng.below(3)
                    ),
                    _ => format!("for {name} in range(k % {} + {n}):", 1 + self.rng.below(7)),
                };
                self.line(indent, &head);
                self.loops.push(name);
                self.block(indent + 1, depth - 1);
                self.loops.pop();
                self.reduce(indent + 1);
            }
            8 if depth > 0 => {
                self.line(indent, &format!("n{depth} = 0"));
                let n = self.rng.below(12);
                self.line(indent, &format!("while n{depth} < {n}:"));
                self.line(indent + 1, &format!("n{depth} += 1"));
                self.block(indent + 1, depth - 1);
                self.reduce(indent + 1);
                if self.rng.below(2) == 0 {
                    let c = self.cond();
                    self.line(indent + 1, &format!("if {c}:"));
                    self.line(indent + 2, "break");
                }
            }
            9 => {
                let e = self.expr(1);
                match self.rng.below(3) {
                    0 => self.line(indent, &format!("lst.append({e})")),
                    1 => {
                        let i = self.var_int_index();
                        self.line(indent, &format!("lst[{i} % len(lst)] = {e}"));
                    }
                    _ => {
                        let a = self.atom();
                        self.line(indent, &format!("{v} = g({e}, {a})"));
                    }
                }
            }
            10 => {
                let e = self.expr(2);
                self.line(indent, "try:");
                self.line(indent + 1, &format!("{v} = {e}"));
                self.line(indent, "except ZeroDivisionError:");
                self.line(indent + 1, &format!("{v} = -1"));
            }
            _ => {
                let e = self.expr(1);
                self.line(indent, &format!("k = (k + int({e})) % 97"));
            }
        }
    }

    /// Keeps values bounded inside loops (they may still overflow i64 within an iteration).
    fn reduce(&mut self, indent: usize) {
        self.line(
            indent,
            "x, y, z, w = x % 1000000007, y % 1000000009, z % 998244353, w % 1000003",
        );
    }

    fn block(&mut self, indent: usize, depth: u32) {
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            self.stmt(indent, depth);
        }
    }

    fn function(&mut self, i: usize) {
        self.line(0, &format!("def f{i}(x, y):"));
        self.line(1, "z = 3");
        self.line(1, "w = 1.5");
        self.line(1, "k = 0");
        self.line(1, "lst = [1, 2.5, 3]");
        let n = 2 + self.rng.below(4);
        for _ in 0..n {
            self.stmt(1, 2);
        }
        self.line(1, "return (x, y, z, w, len(lst), lst[-1])");
        let args = [
            "3, 4".to_string(),
            "2**40, 3".to_string(),
            "1.5, -2".to_string(),
            format!("{}, {}", self.int_lit(), self.float_lit()),
        ];
        for a in args {
            self.line(0, &format!("run(f{i}, {a})"));
        }
    }
}

fn program(seed: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
        out: String::new(),
        loops: Vec::new(),
    };
    g.out.push_str(
        "def g(a, b):\n    if a < b:\n        return a - b\n    return a * 2 + 1\n\n\
         def show(v):\n    if isinstance(v, float):\n        return repr(v)\n    if isinstance(v, int) and abs(v) > 10**30:\n        return 'big%d' % (v % 1000003)\n    return repr(v)\n\n\
         def run(f, *args):\n    for _ in range(3):\n        try:\n            r = f(*args)\n            print(f.__name__, ' '.join(show(v) for v in r))\n        except Exception as e:\n            print(f.__name__, type(e).__name__, e)\n\n",
    );
    for i in 0..FUNCS_PER_FILE {
        g.function(i);
    }
    g.out
}

fn run(cmd: &mut Command) -> String {
    match cmd.output() {
        Ok(o) => {
            let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
            let _ = write!(
                s,
                "\n[status {:?}]\n{}",
                o.status.code(),
                last_line(&o.stderr)
            );
            s
        }
        Err(e) => format!("[could not run: {e}]"),
    }
}

fn last_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

fn python3_available() -> bool {
    Command::new("python3")
        .arg("-c")
        .arg("pass")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A failure: the JIT tiers disagree with the interpreter (`tiers`), or the interpreter with
/// CPython (a VM bug, reported but not the JIT's).
struct Mismatch {
    tiers: bool,
    text: String,
}

fn check_file(dir: &Path, seed: u64, with_python: bool) -> Result<(), Mismatch> {
    let src = program(seed);
    let path: PathBuf = dir.join(format!("diff_{seed}.py"));
    std::fs::write(&path, &src).map_err(|e| Mismatch {
        tiers: true,
        text: e.to_string(),
    })?;
    let bin = env!("CARGO_BIN_EXE_pylift");
    let base = run(Command::new(bin).arg("--no-jit").arg(&path));
    let mut modes: Vec<(&str, String)> = vec![
        (
            "--jit-threshold 0",
            run(Command::new(bin).args(["--jit-threshold", "0"]).arg(&path)),
        ),
        (
            "--jit-threshold 3",
            run(Command::new(bin).args(["--jit-threshold", "3"]).arg(&path)),
        ),
    ];
    if with_python {
        modes.push(("python3", run(Command::new("python3").arg(&path))));
    }
    for (name, out) in modes {
        if out != base {
            let first = base
                .lines()
                .zip(out.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let text = format!(
                "{}: `{name}` differs from --no-jit at output line {}:\n  no-jit: {}\n  {name}: {}",
                path.display(),
                first + 1,
                base.lines().nth(first).unwrap_or(""),
                out.lines().nth(first).unwrap_or("")
            );
            return Err(Mismatch {
                tiers: name != "python3",
                text,
            });
        }
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

#[test]
fn random_programs_print_the_same_in_every_tier() {
    let files: u64 = std::env::var("PYLIFT_DIFF_FILES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let seed0: u64 = std::env::var("PYLIFT_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let with_python = python3_available();
    if !with_python {
        eprintln!("python3 not found: comparing pylift's tiers with each other only");
    }
    let dir = std::env::temp_dir().join(format!("pylift-differential-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seeds: Vec<u64> = (seed0..seed0 + files).collect();
    let failures: Vec<Mismatch> = std::thread::scope(|s| {
        let chunks: Vec<&[u64]> = seeds.chunks(seeds.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let dir = dir.clone();
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|&seed| check_file(&dir, seed, with_python).err())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let (tiers, vm): (Vec<Mismatch>, Vec<Mismatch>) = failures.into_iter().partition(|m| m.tiers);
    eprintln!(
        "{} programs in {files} files: {} files where a JIT tier differs from --no-jit, {} where \
         --no-jit differs from python3",
        files as usize * FUNCS_PER_FILE,
        tiers.len(),
        vm.len()
    );
    for m in &vm {
        eprintln!("interpreter vs CPython (not a JIT failure): {}", m.text);
    }
    let text: Vec<&str> = tiers.iter().map(|m| m.text.as_str()).collect();
    assert!(tiers.is_empty(), "{}", text.join("\n"));
}

#[test]
#[ignore = "prints one generated program (PYLIFT_DIFF_SEED) for inspection"]
fn print_program() {
    let seed = std::env::var("PYLIFT_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    println!("{}", program(seed));
}
