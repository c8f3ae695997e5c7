//! Differential test of the VM and the JIT: a seeded generator of random deterministic programs
//! runs each program under `--no-jit`, the default JIT settings, `--jit-threshold 0`,
//! `--jit-threshold 3 --jit-all` and, when installed, `python3`; every run must print the same.
//!
//! A program file holds a shared prelude (printing helpers, user exception classes, generated
//! classes with properties, operator dunders and a subclass using `super()`) and independent
//! functions, each followed by its calls. About four in ten functions are numeric (small and
//! big ints, overflow, floats, mixed arithmetic, branches, nested loops, calls, lists, caught
//! exceptions, arguments whose types change between calls); the rest work on strings and
//! f-strings, dicts, the generated classes, raised and caught exceptions, generators, or
//! closures. Nothing printed depends on hashing, addresses or tracebacks.
//!
//! On a mismatch the program is shrunk automatically: first to the prelude and the single
//! function that still differs, then by deleting statements while the result parses and still
//! differs. The shrunk program is written next to the failing one and printed.
//!
//! `PYLIFT_DIFF_FILES=N` (default 60 files × 50 functions = 3000 programs) and
//! `PYLIFT_DIFF_SEED=S` choose a longer or different run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const FUNCS_PER_FILE: usize = 50;
const FILES: u64 = 60;
/// Generated classes per file (each a base class and a subclass).
const CLASSES: usize = 3;

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
        match self.rng.below(10) {
            0..=3 => self.numeric_function(i),
            4 => self.string_function(i),
            5 => self.dict_function(i),
            6 => self.class_function(i),
            7 => self.exception_function(i),
            8 => self.generator_function(i),
            _ => self.closure_function(i),
        }
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

    fn numeric_function(&mut self, i: usize) {
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
    }

    fn small(&mut self) -> u64 {
        self.rng.below(9)
    }

    fn str_lit(&mut self) -> String {
        let s = self.rng.pick(&[
            "alpha",
            "Beta gamma",
            "  spaced out  ",
            "a,b,,c",
            "x-y-z-x",
            "MiXeD 42",
            "",
            "0123456789",
            "tab\\tand\\nnewline",
        ]);
        format!("\"{s}\"")
    }

    fn piece(&mut self) -> String {
        format!(
            "\"{}\"",
            self.rng.pick(&["a", "x", "-", ",", " ", "ab", "42", "Z"])
        )
    }

    /// Formats chosen so that every value the arguments take (int, big int, float) is valid
    /// most of the time; an invalid one raises ValueError, which `run` reports.
    fn fstring_field(&mut self) -> String {
        let s = self.rng.pick(&[
            "{x!r:>14}",
            "{y:.3f}",
            "{len(s):5d}",
            "{x:5d}",
            "{s!r:^12}",
            "{t[:6]:<8}|",
            "{float(y):+09.2f}",
            "{len(out):03}",
            "{x:,}",
            "{abs(int(y)):x}",
            "{s[:4]!s}",
            "{y:e}",
            "{x:.2%}",
        ]);
        s.to_string()
    }

    fn string_stmt(&mut self) {
        let p = self.piece();
        let q = self.piece();
        let (a, b) = (self.small() as i64 - 3, self.small() + 1);
        let v = self.rng.pick(&["s", "t"]);
        if self.rng.below(8) == 0 {
            let n = 20 + self.rng.below(60);
            self.line(1, &format!("for j in range({n}):"));
            self.line(2, "v = j if j % 3 else str(j) * 2");
            self.line(2, &format!("s = (s + str(v) + {p})[-{b}0:]"));
            self.line(2, "if j % 7 == 0:");
            self.line(3, "out.append(s.count(\"1\") + len(s))");
            return;
        }
        let line = match self.rng.below(20) {
            0 => format!("s = (s + t[{a}:{b}])[:40]"),
            1 => format!("t = {v}[::{}]", self.rng.pick(&["-1", "2", "-2", "1"])),
            2 => format!("out.append({v}.upper() + {v}.lower())"),
            3 => format!("{v} = {v}.replace({p}, {q})"),
            4 => format!("out.append(\"|\".join({v}.split({p})))"),
            5 => format!("out.append(({v}.find({p}), {v}.count({p}), {p} in {v}))"),
            6 => format!("out.append({v}.strip({p}) + {v}.strip())"),
            7 => format!("out.append(({v}.startswith({p}), {v}.endswith({q})))"),
            8 => {
                let f1 = self.fstring_field();
                let f2 = self.fstring_field();
                format!("out.append(f\"<{f1}:{f2}>\")")
            }
            9 => format!("out.append(str({v}.split()) + repr({v}[{a}:]))"),
            10 => format!("s = str(x) + {p} + repr(y) + {p}"),
            11 => format!("out.append(\"%s=%d\" % ({v}[:5], len({v})))"),
            12 => {
                self.line(1, &format!("for ch in {v}[:{b}]:"));
                self.line(2, "if ch.isdigit():");
                self.line(3, "out.append(int(ch) * 3)");
                self.line(2, "elif ch.isalpha():");
                self.line(3, "out.append(ch.swapcase() + str(ord(ch)))");
                return;
            }
            13 => format!("out.append(\", \".join([w.capitalize() for w in {v}.split({p}) if w]))"),
            14 => format!("out.append(({v}.isdigit(), {v}.zfill({b}), {v}.center({b}, \"*\")))"),
            15 => format!(
                "out.append(({v}.partition({p}), {v}.rsplit({p}, 1), {v}.rjust({b}, \"0\")))"
            ),
            16 => format!("out.append(({v}.splitlines(), {v}.title(), {v}.lstrip({p}).rstrip()))"),
            17 => format!("out.append({v}.index({p}) if {p} in {v} or {a} > 3 else -2)"),
            18 => {
                format!("out.append(f\"{{{v}!r}}{{len({v}) * 2:>{b}}}\" + format(y, \">{b}.1f\"))")
            }
            _ => format!("t = (t * {b})[{a}:{}]", b + 10),
        };
        self.line(1, &line);
    }

    fn string_function(&mut self, i: usize) {
        self.line(0, &format!("def f{i}(x, y):"));
        let lit = self.str_lit();
        self.line(1, &format!("s = {lit}"));
        self.line(1, "t = str(x) + \"-\" + repr(y)");
        self.line(1, "out = []");
        for _ in 0..3 + self.rng.below(5) {
            self.string_stmt();
        }
        self.line(1, "return (s, t, len(out), out[-3:])");
    }

    fn key(&mut self) -> String {
        match self.rng.below(4) {
            0 => format!("{}", self.small()),
            1 => "x".to_string(),
            _ => format!("\"{}\"", self.rng.pick(&["a", "b", "c", "key", "zz"])),
        }
    }

    fn dict_function(&mut self, i: usize) {
        self.line(0, &format!("def f{i}(x, y):"));
        let (k1, k2) = (self.key(), self.key());
        self.line(
            1,
            &format!("d = {{\"a\": 1, {k1}: x, {k2}: y, \"s\": \"str\"}}"),
        );
        self.line(1, "z, w = 3, 1.5");
        self.line(1, "acc = []");
        for _ in 0..3 + self.rng.below(5) {
            let k = self.key();
            let e = self.expr(1).replace("lst[k % len(lst)]", "len(d)");
            let n = self.small();
            match self.rng.below(14) {
                12 => {
                    self.line(1, &format!("for j in range({}):", 30 + 10 * n));
                    self.line(2, &format!("kk = j % {} if j % 4 else str(j % 3)", n + 2));
                    self.line(2, "d[kk] = d.get(kk, 0) + (j if j % 5 else 0.5)");
                    self.line(2, "if j % 11 == 10:");
                    self.line(3, "acc.append(d.pop(kk, -1))");
                }
                0 => self.line(1, &format!("d[{k}] = {e}")),
                1 => self.line(1, &format!("acc.append(d.get({k}, {n}))")),
                2 => self.line(1, &format!("acc.append(d.setdefault({k}, [{n}]))")),
                3 => self.line(1, &format!("acc.append(d.pop({k}, None))")),
                4 => {
                    self.line(1, &format!("if {k} in d:"));
                    self.line(2, &format!("del d[{k}]"));
                    self.line(1, "else:");
                    self.line(2, &format!("d[{k}] = len(d)"));
                }
                5 => {
                    self.line(1, "for kk, vv in d.items():");
                    self.line(2, "acc.append((kk, type(vv).__name__))");
                }
                6 => self.line(1, "acc.append((list(d), len(d), list(d.values())[-2:]))"),
                7 => self.line(
                    1,
                    &format!("d.update({{str(j): j * j for j in range({n}) if j % 2}})"),
                ),
                8 => {
                    self.line(1, "cnt = {}");
                    self.line(1, "for wd in \"a b a c b a d\".split():");
                    self.line(2, "cnt[wd] = cnt.get(wd, 0) + 1");
                    self.line(1, "acc.append(cnt)");
                }
                9 => {
                    self.line(1, "try:");
                    self.line(2, &format!("acc.append(d.pop({k}))"));
                    self.line(1, "except KeyError as e:");
                    self.line(2, "acc.append((\"KeyError\", e.args))");
                }
                10 => self.line(
                    1,
                    "acc.append({kk: vv for kk, vv in d.items() if not isinstance(vv, str)})",
                ),
                11 => {
                    self.line(1, "for kk in list(d.keys()):");
                    self.line(2, "if isinstance(kk, int):");
                    self.line(3, "d.pop(kk)");
                }
                _ => self.line(1, &format!("acc.append(({k} in d, {k} not in d, len(d)))")),
            }
        }
        self.line(1, "return (list(d.items()), len(acc), acc[-3:])");
    }

    /// A base class and a subclass per slot, at module level so that functions share them.
    fn classes(&mut self) {
        for c in 0..CLASSES {
            let b = self.small();
            let limit = 5 + self.rng.below(40);
            let op = self.rng.pick(&["+", "-"]);
            let code = format!(
                "class K{c}:
    count = 0

    def __init__(self, a, b={b}):
        self.a = a
        self.b = b
        K{c}.count += 1

    def m(self, t):
        self.a = self.a {op} t
        return self.a

    @property
    def total(self):
        return self.a + self.b

    @total.setter
    def total(self, v):
        self.b = v - self.a

    def __repr__(self):
        return f\"K{c}({{self.a!r}}, {{self.b!r}})\"

    def __add__(self, o):
        if isinstance(o, K{c}):
            return K{c}(self.a + o.a, self.b + o.b)
        return K{c}(self.a + o, self.b)

    def __eq__(self, o):
        return isinstance(o, K{c}) and self.a == o.a

    def __lt__(self, o):
        return self.total < o.total

    def check(self):
        if self.a > {limit}:
            raise Err1(int(self.a) % 7, \"too big\")
        return self.a


class S{c}(K{c}):
    def __init__(self, a, c):
        super().__init__(a, c * 2)
        self.c = c

    def m(self, t):
        return super().m(t) + self.c

    def __repr__(self):
        return \"S\" + super().__repr__() + str(self.c)


"
            );
            self.out.push_str(&code);
        }
    }

    fn class_function(&mut self, i: usize) {
        let c = self.rng.below(CLASSES as u64);
        self.line(0, &format!("def f{i}(x, y):"));
        self.line(1, "objs = []");
        let n = 2 + self.small();
        self.line(1, &format!("for j in range({n}):"));
        self.line(
            2,
            &format!("objs.append(K{c}(j, x) if j % 2 else S{c}(j, y))"),
        );
        self.line(1, "z, w = 3, 1.5");
        self.line(1, "acc = []");
        for _ in 0..3 + self.rng.below(5) {
            let j = self.small();
            let e = self.expr(1).replace("lst[k % len(lst)]", "len(objs)");
            match self.rng.below(15) {
                14 => {
                    self.line(1, &format!("for j in range({}):", 40 + 10 * j));
                    self.line(2, "o = objs[j % len(objs)]");
                    self.line(2, "o.a = o.a + (j if j % 4 else 0.25)");
                    self.line(2, "if o.total > 30:");
                    self.line(3, "o.total = j % 5");
                    self.line(2, "acc.append(o.m(1) if j % 9 == 0 else o.a)");
                }
                0 => self.line(1, &format!("acc.append(objs[{j} % len(objs)].m({e}))")),
                11 => self.line(
                    1,
                    &format!("acc.append((objs[0] > objs[{j} % len(objs)], objs[0] != objs[1], f\"{{objs[0]}}|{{objs[-1]!r}}\"))"),
                ),
                12 => self.line(1, "acc.append([list(vars(o)) for o in objs[:3]])"),
                13 => {
                    self.line(1, "try:");
                    self.line(2, "acc.append(objs[0] <= objs[1])");
                    self.line(1, "except TypeError:");
                    self.line(2, "acc.append(\"no <=\")");
                }
                1 => self.line(1, "acc.append(repr(objs[-1]) + str(objs[0]))"),
                2 => {
                    self.line(1, "tot = objs[0]");
                    self.line(1, "for o in objs[1:]:");
                    self.line(2, "tot = tot + o");
                    self.line(1, "acc.append((tot, tot + 1))");
                }
                3 => self.line(
                    1,
                    &format!("acc.append((objs[0] == objs[-1], objs[0] < objs[{j} % len(objs)]))"),
                ),
                4 => {
                    self.line(1, &format!("objs[{j} % len(objs)].total = {e}"));
                    self.line(1, &format!("acc.append(objs[{j} % len(objs)].b)"));
                }
                5 => self.line(1, "acc.append((sorted(objs)[0], min(objs), max(objs).total))"),
                6 => {
                    self.line(1, "for o in objs:");
                    self.line(2, "try:");
                    self.line(3, "acc.append(o.check())");
                    self.line(2, "except Err1 as e:");
                    self.line(3, "acc.append((type(e).__name__, e.args, e.code))");
                    self.line(3, "break");
                }
                7 => self.line(
                    1,
                    &format!("acc.append([(type(o).__name__, isinstance(o, S{c}), getattr(o, \"c\", None)) for o in objs])"),
                ),
                8 => {
                    self.line(1, "o = objs[-1]");
                    self.line(1, &format!("o.extra = {e}"));
                    self.line(1, "acc.append((hasattr(o, \"extra\"), o.extra, o.a, o.total))");
                }
                9 => self.line(1, &format!("acc.append(K{c}.count > 0)")),
                _ => {
                    self.line(1, &format!("objs.append(S{c}({e}, {j}))"));
                    self.line(1, "acc.append(objs[-1].m(1))");
                }
            }
        }
        self.line(1, "return (len(acc), acc[-4:])");
    }

    fn risky(&mut self) -> String {
        let n = self.small();
        match self.rng.below(10) {
            0 => format!("raise ValueError(\"bad value\", {n})"),
            1 => format!("raise Err1({n}, \"code\")"),
            2 => "raise Err0(\"plain\")".to_string(),
            3 => format!("log.append(x // {})", n % 2),
            4 => format!("log.append([1, 2, 3][{n}])"),
            5 => format!(
                "log.append({{\"a\": 1}}[\"{}\"])",
                self.rng.pick(&["a", "b"])
            ),
            6 => format!(
                "log.append(K{}(x * {n}).check())",
                self.rng.below(CLASSES as u64)
            ),
            7 => format!("raise KeyError({n})"),
            8 => "log.append(int(str(y)))".to_string(),
            _ => format!("log.append(x + {n})"),
        }
    }

    fn exception_function(&mut self, i: usize) {
        self.line(0, &format!("def f{i}(x, y):"));
        self.line(1, "log = []");
        for _ in 0..2 + self.rng.below(3) {
            let r = self.risky();
            match self.rng.below(7) {
                5 => {
                    self.line(1, "def reraiser():");
                    self.line(2, "try:");
                    self.line(3, &r);
                    self.line(2, "except Exception as e:");
                    self.line(3, "log.append((\"saw\", type(e).__name__, str(e)))");
                    self.line(3, "raise");
                    self.line(2, "finally:");
                    self.line(3, "return \"finally wins\"");
                    self.line(1, "log.append(reraiser())");
                }
                6 => {
                    self.line(1, "try:");
                    self.line(2, "log.append(\"body\")");
                    self.line(1, "except Exception:");
                    self.line(2, "log.append(\"unreachable\")");
                    self.line(1, "else:");
                    self.line(2, "try:");
                    self.line(3, &r);
                    self.line(2, "except Exception as e:");
                    self.line(3, "log.append((\"from else\", type(e).__name__, str(e)))");
                }
                0 => {
                    self.line(1, "try:");
                    self.line(2, "try:");
                    self.line(3, &r);
                    self.line(2, "except LookupError as e:");
                    self.line(3, "log.append((\"inner\", type(e).__name__, e.args))");
                    self.line(3, "raise Err0(\"wrapped\") from e");
                    self.line(2, "finally:");
                    self.line(3, "log.append(\"inner finally\")");
                    self.line(1, "except Exception as e:");
                    self.line(
                        2,
                        "log.append((type(e).__name__, e.args, type(e.__cause__).__name__))",
                    );
                }
                1 => {
                    self.line(1, "def h(v):");
                    self.line(2, "try:");
                    self.line(3, "if v > 2:");
                    self.line(4, "return v // (v - 3)");
                    self.line(3, "return -v");
                    self.line(2, "except ZeroDivisionError:");
                    self.line(3, "return \"zero\"");
                    self.line(2, "finally:");
                    self.line(3, "log.append(\"h done\")");
                    let n = self.small();
                    self.line(1, &format!("log.append([h(j) for j in range({n})])"));
                }
                2 => {
                    let n = 1 + self.small();
                    self.line(1, &format!("for j in range({n}):"));
                    self.line(2, "try:");
                    self.line(3, "if j % 3 == 1:");
                    self.line(4, "continue");
                    self.line(3, "if j == 5:");
                    self.line(4, "break");
                    self.line(3, &r);
                    self.line(2, "except (ValueError, Err0) as e:");
                    self.line(3, "log.append((j, type(e).__name__, e.args))");
                    self.line(2, "finally:");
                    self.line(3, "log.append(j)");
                }
                _ => {
                    self.line(1, "try:");
                    self.line(2, &r);
                    self.line(1, "except Err1 as e:");
                    self.line(2, "log.append((\"Err1\", e.code, e.args, str(e)))");
                    self.line(1, "except (ValueError, KeyError, IndexError) as e:");
                    self.line(2, "log.append((type(e).__name__, e.args))");
                    self.line(1, "except Exception as e:");
                    self.line(2, "log.append(type(e).__name__)");
                    self.line(1, "else:");
                    self.line(2, "log.append(\"no error\")");
                    if self.rng.below(2) == 0 {
                        self.line(1, "finally:");
                        self.line(2, "log.append(\"finally\")");
                    }
                }
            }
        }
        self.line(1, "return (len(log), log[-5:])");
    }

    fn generator_function(&mut self, i: usize) {
        let (m, c) = (2 + self.rng.below(3), self.small());
        self.line(0, &format!("def f{i}(x, y):"));
        self.line(1, "def gen(n):");
        self.line(2, "for j in range(n):");
        self.line(3, &format!("if j % {m} == 0:"));
        self.line(4, &format!("yield j * {c}"));
        self.line(3, "else:");
        self.line(4, "yield from range(j, j + 2)");
        self.line(1, "def sub(n):");
        self.line(2, "yield n");
        self.line(2, "return n * 10");
        self.line(1, "def outer():");
        self.line(2, "r = yield from sub(len(acc))");
        self.line(2, "yield r");
        self.line(1, "def summer():");
        self.line(2, "total = 0");
        self.line(2, "while True:");
        self.line(3, "v = yield total");
        self.line(3, "if v is None:");
        self.line(4, "return");
        self.line(3, "total += v");
        self.line(1, "acc = []");
        for _ in 0..3 + self.rng.below(4) {
            let n = self.small() + 1;
            let t = self.small();
            match self.rng.below(12) {
                11 => {
                    self.line(1, "tot = 0");
                    self.line(1, &format!("for v in gen({}):", 20 + 10 * n));
                    self.line(2, "tot = tot + v if v % 3 else tot * 1.5");
                    self.line(1, "acc.append(tot)");
                }
                0 => self.line(1, &format!("acc.append(list(gen({n})))")),
                9 => {
                    self.line(1, "def guarded(n):");
                    self.line(2, "try:");
                    self.line(3, "yield from range(n)");
                    self.line(2, "finally:");
                    self.line(3, "acc.append(\"closed\")");
                    self.line(1, &format!("gg = guarded({n})"));
                    self.line(1, "acc.append(next(gg))");
                    self.line(1, "gg.close()");
                    self.line(1, "acc.append(list(gg))");
                }
                10 => {
                    self.line(1, "def catcher():");
                    self.line(2, "while True:");
                    self.line(3, "try:");
                    self.line(4, "yield 1");
                    self.line(3, "except ValueError as e:");
                    self.line(4, "yield e.args");
                    self.line(1, "cg = catcher()");
                    self.line(1, "next(cg)");
                    self.line(1, &format!("acc.append(cg.throw(ValueError(\"thrown\", {t})))"));
                    self.line(1, "acc.append(next(cg))");
                }
                1 => self.line(1, &format!("acc.append(sum(v * v for v in gen({n}) if v % 2))")),
                2 => self.line(
                    1,
                    &format!("acc.append((any(v > {t} for v in gen({n})), all(v < {t} for v in gen({n}))))"),
                ),
                3 => {
                    self.line(1, "sm = summer()");
                    self.line(1, "next(sm)");
                    self.line(1, &format!("acc.append(sm.send({t}))"));
                    self.line(1, "acc.append(sm.send(x))");
                }
                4 => {
                    self.line(1, &format!("it = iter(gen({n}))"));
                    self.line(1, "acc.append((next(it, -1), next(it, -1), list(it)))");
                }
                5 => self.line(1, "acc.append(list(outer()))"),
                6 => self.line(1, &format!("acc.append(list(zip(gen({n}), \"abcdef\")))")),
                7 => self.line(1, &format!("acc.append(dict(enumerate(v + y for v in gen({n}))))")),
                _ => self.line(1, &format!("acc.append(max((v for v in gen({n})), default=x))")),
            }
        }
        self.line(1, "return (len(acc), acc[-3:])");
    }

    fn closure_function(&mut self, i: usize) {
        self.line(0, &format!("def f{i}(x, y):"));
        self.line(1, "def make_counter(start):");
        self.line(2, "c = start");
        self.line(2, "def inc(d=1):");
        self.line(3, "nonlocal c");
        self.line(3, "c += d");
        self.line(3, "return c");
        self.line(2, "return inc");
        self.line(1, "def make_adder(a):");
        self.line(2, "return lambda b: a + b");
        self.line(1, "def compose(f, g):");
        self.line(2, "return lambda v: f(g(v))");
        self.line(1, "z, w = 3, 1.5");
        self.line(1, "acc = []");
        for _ in 0..3 + self.rng.below(4) {
            let n = self.small();
            let e = self.expr(1).replace("lst[k % len(lst)]", "len(acc)");
            match self.rng.below(11) {
                10 => {
                    self.line(1, "ctr = make_counter(y)");
                    self.line(1, &format!("for j in range({}):", 30 + 10 * n));
                    self.line(2, "ctr(j if j % 2 else 0.5)");
                    self.line(1, "acc.append(ctr(0))");
                }
                8 => {
                    self.line(1, "def late_cell():");
                    self.line(2, &format!("v = {e}"));
                    self.line(2, "get = lambda: v");
                    self.line(2, &format!("v = {n}"));
                    self.line(2, "return get");
                    self.line(1, "acc.append(late_cell()())");
                }
                9 => {
                    self.line(1, "def level1():");
                    self.line(2, "a = 0");
                    self.line(2, "def level2():");
                    self.line(3, "def level3(v):");
                    self.line(4, "nonlocal a");
                    self.line(4, "a += v");
                    self.line(4, "return a");
                    self.line(3, "return level3");
                    self.line(2, "f3 = level2()");
                    self.line(2, &format!("return [f3(j) for j in range({n})], a"));
                    self.line(1, "acc.append(level1())");
                }
                0 => {
                    self.line(1, "ctr = make_counter(x)");
                    self.line(1, &format!("acc.append((ctr(), ctr({n}), ctr()))"));
                }
                1 => {
                    self.line(
                        1,
                        &format!("fs = [lambda v, j=j: v * j + {n} for j in range({})]", n + 1),
                    );
                    self.line(1, "acc.append([f(y) for f in fs])");
                }
                2 => {
                    self.line(1, &format!("late = [lambda: j for j in range({})]", n + 1));
                    self.line(1, "acc.append([f() for f in late])");
                }
                3 => {
                    self.line(1, &format!("add = make_adder({e})"));
                    self.line(1, "acc.append(add(y))");
                }
                4 => {
                    self.line(1, &format!("h = compose(make_adder({n}), lambda v: v * 2)"));
                    self.line(1, "acc.append((h(x), h(y)))");
                }
                5 => {
                    self.line(1, "def outer_fn():");
                    self.line(2, "total = 0");
                    self.line(2, "def step(v):");
                    self.line(3, "nonlocal total");
                    self.line(3, "total += v");
                    self.line(3, "return total");
                    self.line(2, &format!("for j in range({n}):"));
                    self.line(3, "step(j)");
                    self.line(2, "return step");
                    self.line(1, "st = outer_fn()");
                    self.line(1, &format!("acc.append(st({e}))"));
                }
                6 => self.line(
                    1,
                    &format!("acc.append(sorted([(j % 3, -j) for j in range({})], key=lambda p: (p[0], p[1]))[:4])", n + 2),
                ),
                _ => {
                    self.line(1, "box = []");
                    self.line(1, "push = lambda v, b=box: b.append(v) or len(b)");
                    self.line(1, &format!("acc.append((push(x), push({e}), box))"));
                }
            }
        }
        self.line(1, "return (len(acc), acc[-3:])");
    }
}

/// A file: the shared module prelude (helpers, exception classes, generated classes) and
/// independent functions, each followed by its calls.
struct Program {
    prelude: String,
    funcs: Vec<String>,
}

impl Program {
    fn source(&self) -> String {
        let mut s = self.prelude.clone();
        for f in &self.funcs {
            s.push_str(f);
        }
        s
    }
}

const PRELUDE: &str = "def g(a, b):
    if a < b:
        return a - b
    return a * 2 + 1


def show(v):
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, int) and abs(v) > 10**30:
        return 'big%d' % (v % 1000003)
    return repr(v)


def run(f, *args):
    for _ in range(3):
        try:
            r = f(*args)
            print(f.__name__, ' '.join(show(v) for v in r))
        except Exception as e:
            print(f.__name__, type(e).__name__, e.args)


class Err0(Exception):
    pass


class Err1(Err0):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code


";

fn program(seed: u64, funcs: usize) -> Program {
    let mut g = Gen {
        rng: Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
        out: String::from(PRELUDE),
        loops: Vec::new(),
    };
    g.classes();
    let prelude = std::mem::take(&mut g.out);
    let funcs = (0..funcs)
        .map(|i| {
            g.function(i);
            std::mem::take(&mut g.out)
        })
        .collect();
    Program { prelude, funcs }
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

/// The modes every program runs under; the first is the reference the others are compared with.
const MODES: &[&str] = &[
    "--no-jit",
    "default",
    "--jit-threshold 0",
    "--jit-threshold 3 --jit-all",
    "python3",
];

fn run_mode(mode: &str, path: &Path) -> String {
    let mut cmd = match mode {
        "python3" => Command::new("python3"),
        _ => Command::new(env!("CARGO_BIN_EXE_pylift")),
    };
    if mode != "python3" && mode != "default" {
        cmd.args(mode.split(' '));
    }
    run(cmd.arg(path))
}

/// A failure: a JIT tier disagrees with the interpreter (`tiers`), or the interpreter with
/// CPython (a VM bug).
struct Mismatch {
    tiers: bool,
    text: String,
}

fn first_difference(a: &str, b: &str) -> (usize, String, String) {
    let mut la = a.lines();
    let mut lb = b.lines();
    let mut n = 0;
    loop {
        n += 1;
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => return (n, String::new(), String::new()),
            (x, y) => {
                return (
                    n,
                    x.unwrap_or("<end>").to_string(),
                    y.unwrap_or("<end>").to_string(),
                )
            }
        }
    }
}

/// Writes `src` to `path` and reports whether modes `a` and `b` print differently.
fn differs(path: &Path, src: &str, a: &str, b: &str, with_python: bool) -> bool {
    if std::fs::write(path, src).is_err() {
        return false;
    }
    // A candidate that is not Python any more would only measure two error messages.
    if with_python
        && !Command::new("python3")
            .args(["-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())"])
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success())
    {
        return false;
    }
    run_mode(a, path) != run_mode(b, path)
}

/// The end (exclusive) of the statement starting at line `i`: its line and every following
/// line indented deeper (its body), blank lines included.
fn block_end(lines: &[String], i: usize) -> usize {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(&lines[i]);
    let mut j = i + 1;
    while j < lines.len() && (lines[j].trim().is_empty() || indent(&lines[j]) > base) {
        j += 1;
    }
    j
}

/// Reduces a program on which modes `a` and `b` differ: first to the prelude plus the one
/// function that still shows the difference alone, then by deleting statements (a line with
/// its indented body, or the body replaced by `pass`) while the result parses and still
/// differs, until no deletion is accepted.
fn shrink(path: &Path, prog: &Program, a: &str, b: &str, with_python: bool) -> String {
    let mut src = prog.source();
    for f in &prog.funcs {
        let candidate = format!("{}{f}", prog.prelude);
        if differs(path, &candidate, a, b, with_python) {
            src = candidate;
            break;
        }
    }
    let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
    let mut budget = 3000;
    let mut changed = true;
    while changed && budget > 0 {
        changed = false;
        let mut i = 0;
        while i < lines.len() && budget > 0 {
            let end = block_end(&lines, i);
            let mut tries: Vec<Vec<String>> = Vec::new();
            let mut removed = lines.clone();
            removed.drain(i..end);
            tries.push(removed);
            if end - i > 1 {
                let indent = lines[i].len() - lines[i].trim_start().len();
                let mut passed = lines.clone();
                passed.splice(i..end, [format!("{}pass", " ".repeat(indent))]);
                tries.push(passed);
            }
            let mut accepted = false;
            for t in tries {
                budget -= 1;
                if differs(path, &(t.join("\n") + "\n"), a, b, with_python) {
                    lines = t;
                    accepted = true;
                    changed = true;
                    break;
                }
            }
            if !accepted {
                i += 1;
            }
        }
    }
    let small = lines.join("\n") + "\n";
    let _ = std::fs::write(path, &small);
    small
}

fn check_file(dir: &Path, seed: u64, funcs: usize, with_python: bool) -> Result<(), Mismatch> {
    let prog = program(seed, funcs);
    let path: PathBuf = dir.join(format!("diff_{seed}.py"));
    std::fs::write(&path, prog.source()).map_err(|e| Mismatch {
        tiers: true,
        text: e.to_string(),
    })?;
    let base = run_mode(MODES[0], &path);
    for &mode in &MODES[1..] {
        if mode == "python3" && !with_python {
            continue;
        }
        let out = run_mode(mode, &path);
        if out == base {
            continue;
        }
        let (line, ours, theirs) = first_difference(&base, &out);
        let small_path = dir.join(format!("diff_{seed}_shrunk.py"));
        let small = shrink(&small_path, &prog, MODES[0], mode, with_python);
        let (small_out, small_theirs) =
            (run_mode(MODES[0], &small_path), run_mode(mode, &small_path));
        let rerun = if small_out == small_theirs {
            "no difference on a rerun: nondeterministic?".to_string()
        } else {
            let (_, a, b) = first_difference(&small_out, &small_theirs);
            format!("{}: {a} / {mode}: {b}", MODES[0])
        };
        let text = format!(
            "{}: `{mode}` differs from `{}` at output line {line}:\n  {}: {ours}\n  {mode}: \
             {theirs}\nshrunk to {} ({rerun}):\n{small}",
            path.display(),
            MODES[0],
            MODES[0],
            small_path.display(),
        );
        return Err(Mismatch {
            tiers: mode != "python3",
            text,
        });
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_programs_print_the_same_in_every_tier() {
    let files = env_u64("PYLIFT_DIFF_FILES", FILES);
    let seed0 = env_u64("PYLIFT_DIFF_SEED", 1);
    let with_python = python3_available();
    if !with_python {
        eprintln!("python3 not found on PATH: skipping the python3 mode, comparing pylift's modes with each other only");
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
                        .filter_map(|&seed| {
                            check_file(&dir, seed, FUNCS_PER_FILE, with_python).err()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    // Only succeeds when every program passed and so left nothing behind.
    let _ = std::fs::remove_dir(&dir);
    let modes = MODES.len() - usize::from(!with_python);
    let (tiers, vm): (Vec<Mismatch>, Vec<Mismatch>) = failures.into_iter().partition(|m| m.tiers);
    eprintln!(
        "{} programs in {files} files, each run in {modes} modes ({}): {} files where a JIT \
         mode differs from --no-jit, {} where --no-jit differs from python3",
        files as usize * FUNCS_PER_FILE,
        MODES[..modes].join(", "),
        tiers.len(),
        vm.len()
    );
    let text: Vec<&str> = tiers.iter().chain(&vm).map(|m| m.text.as_str()).collect();
    assert!(text.is_empty(), "{}", text.join("\n"));
}

#[test]
#[ignore = "prints one generated program (PYLIFT_DIFF_SEED) for inspection"]
fn print_program() {
    println!(
        "{}",
        program(env_u64("PYLIFT_DIFF_SEED", 1), FUNCS_PER_FILE).source()
    );
}
