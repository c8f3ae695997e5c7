//! Interpreter semantics checked differentially: each snippet runs under pylift and under
//! `python3` (CPython is the oracle; no expected output is written by hand). Without `python3`
//! on PATH the tests only check that pylift runs each snippet to completion.

use std::process::Command;

fn run(cmd: &mut Command, code: &str) -> Option<(String, String, i32)> {
    let out = cmd.args(["-c", code]).output().ok()?;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err.lines().last().unwrap_or("").to_string(),
        out.status.code().unwrap_or(-1),
    ))
}

fn check(code: &str) {
    let ours = run(&mut Command::new(env!("CARGO_BIN_EXE_pylift")), code).expect("run pylift");
    match run(&mut Command::new("python3"), code) {
        Some(theirs) => assert_eq!(ours, theirs, "program:\n{code}"),
        None => assert_eq!(ours.2, 0, "program:\n{code}\nstderr: {}", ours.1),
    }
}

#[test]
fn int_overflow_promotes_and_demotes() {
    check("x = 2**62\nprint(x + x, (x + x) - x, type((x + x) - x), -(-2**63), 9223372036854775807 + 1 - 1)");
    check("print(divmod(-7, 2), -7 // 2, -7 % 2, 7 % -2, (-2)**63, 10**20 // 3, 2**64 % 1000)");
}

#[test]
fn float_repr_and_numeric_hash() {
    check("print(1e16, 1e-5, 0.1, 1/3, -0.0, 2.5e-308, float('inf'), 1e300*1e10)");
    check("print(hash(1) == hash(1.0) == hash(True), {1: 'a', 1.0: 'b', True: 'c'})");
    check("print({3, 1, 2}, {10, 2, 33, 4}, set(range(20, 0, -3)))");
}

#[test]
fn calls_bind_arguments_with_cpython_messages() {
    check("def f(a, /, b, *, c=3, **k): return (a, b, c, k)\nprint(f(1, 2), f(1, b=2, d=4))");
    check("def f(a, b): pass\nf(1)");
    check("def f(a, b): pass\nf(1, 2, 3)");
    check("def f(*, k): pass\nf()");
    check("def f(a): pass\nf(1, a=2)");
}

#[test]
fn closures_generators_and_exceptions() {
    check("def mk():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\ni = mk(); i(); print(i())");
    check("def g():\n    x = yield 1\n    print('got', x)\n    yield from range(2)\n    return 5\nit = g(); print(next(it), it.send('s'), next(it))\ntry:\n    next(it)\nexcept StopIteration as e:\n    print('stop', e.value)");
    check("try:\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise KeyError('k') from e\nexcept KeyError as e:\n    print(repr(e), repr(e.__cause__), e.__context__ is e.__cause__)");
    check("def f(n): return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print(type(e).__name__)");
}

#[test]
fn classes_dunders_and_mro() {
    check("class A:\n    def f(self): return 'A'\nclass B(A):\n    def f(self): return 'B' + super().f()\nclass C(A):\n    def f(self): return 'C' + super().f()\nclass D(B, C):\n    def f(self): return 'D' + super().f()\nprint(D().f(), [k.__name__ for k in D.__mro__])");
    check("class V:\n    def __init__(self, x): self.x = x\n    def __add__(self, o): return V(self.x + o.x)\n    def __radd__(self, o): return V(self.x + o)\n    def __repr__(self): return f'V({self.x})'\n    def __eq__(self, o): return self.x == o.x\n    __hash__ = None\nprint(V(1) + V(2), 5 + V(1), V(1) == V(1), V(1) != V(2))");
    check("class P:\n    @property\n    def x(self): return 1\n    @staticmethod\n    def s(): return 2\n    @classmethod\n    def c(cls): return cls.__name__\nprint(P().x, P.s(), P().c())");
}

#[test]
fn uncaught_errors_print_cpython_messages() {
    check("print(1 + 'a')");
    check("None[0]");
    check("[][1]");
    check("x");
    check("import sys\nsys.exit('bye')");
    check("import sys\nsys.exit(3)");
}

/// The whole traceback, not just its last line: every frame's line is the instruction that was
/// running there, whichever way the error left it (a call the loop pushed, a dunder an operator
/// pushed, `__init__`'s return, native code such as `sorted` or `sum` calling back into Python).
/// `-c` programs show no source lines, so CPython's carets do not appear either.
fn check_traceback(code: &str) {
    let run = |cmd: &mut Command| {
        let out = cmd.args(["-c", code]).output().ok()?;
        Some(String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let ours = run(&mut Command::new(env!("CARGO_BIN_EXE_pylift"))).expect("run pylift");
    assert!(
        ours.starts_with("Traceback"),
        "program:\n{code}\nstderr: {ours}"
    );
    if let Some(theirs) = run(&mut Command::new("python3")) {
        assert_eq!(ours, theirs, "program:\n{code}");
    }
}

#[test]
fn tracebacks_name_the_running_line_of_every_frame() {
    let v = "class V:\n    def __init__(self, x):\n        self.x = x\n    def __add__(self, o):\n        return V(self.x + o.x)\n    def __radd__(self, o):\n        return NotImplemented\n    def __neg__(self):\n        return self.x.foo\n";
    for main in [
        "def g(v):\n    return 1 + v\ng(V(1))",
        "def h(v):\n    w = v + 1\n    return w\nh(V(2))",
        "class I:\n    def __init__(self):\n        return 3\ndef f():\n    x = 1\n    return I()\nf()",
        "def k(v):\n    return -v\nk(V(1))",
        "def s():\n    return sorted([3, 1],\n        key=lambda x: x.bar)\ns()",
        "def c():\n    return [V(1) + 5\n        for _ in range(2)]\nc()",
        "def gen():\n    yield 1\n    yield 1 / 0\ndef t():\n    return sum(x for x in gen())\nt()",
        "def gen():\n    yield 1\n    yield 1 / 0\ndef t():\n    for x in gen():\n        pass\nt()",
        "def gen():\n    yield 1\n    raise StopIteration\ndef t():\n    for x in gen():\n        pass\nt()",
        "def r(n):\n    if n == 0:\n        raise KeyError(n)\n    return r(n - 1)\ntry:\n    r(3)\nexcept KeyError:\n    pass\nr(2)",
    ] {
        check_traceback(&format!("{v}{main}"));
    }
}
