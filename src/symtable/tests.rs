//! Scope classification and CPython's scope errors, on parsed source.

use super::*;
use crate::source::SourceFile;

fn table(src: &str) -> SymbolTable {
    let file = SourceFile::new("t.py", src);
    let module = crate::parser::parse_module(&file).expect("parses");
    SymbolTable::build(&module).expect("scope analysis succeeds")
}

fn error(src: &str) -> (String, u32) {
    let file = SourceFile::new("t.py", src);
    let module = crate::parser::parse_module(&file).expect("parses");
    let e = SymbolTable::build(&module).expect_err("scope analysis fails");
    (e.msg, file.lines.line(e.range.start))
}

fn scope_named<'t>(t: &'t SymbolTable, name: &str) -> &'t Scope {
    t.scopes
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no scope {name}"))
}

#[test]
fn locals_globals_cells_and_frees() {
    let t = table(
        "g = 1\ndef f(a):\n    b = a\n    def h():\n        return a + g + len(b)\n    return h\n",
    );
    let f = scope_named(&t, "f");
    assert_eq!(f.scope_of("a"), SymbolScope::Cell);
    assert_eq!(f.scope_of("b"), SymbolScope::Cell);
    assert_eq!(f.scope_of("h"), SymbolScope::Local);
    let h = scope_named(&t, "h");
    assert_eq!(h.scope_of("a"), SymbolScope::Free);
    assert_eq!(h.scope_of("b"), SymbolScope::Free);
    assert_eq!(h.scope_of("g"), SymbolScope::GlobalImplicit);
    assert_eq!(h.scope_of("len"), SymbolScope::GlobalImplicit);
    assert_eq!(t.root().scope_of("g"), SymbolScope::Local);
}

#[test]
fn global_and_nonlocal_declarations() {
    let t = table("def f():\n    global x\n    x = 1\n    y = 2\n    def g():\n        nonlocal y\n        y = 3\n");
    assert_eq!(
        scope_named(&t, "f").scope_of("x"),
        SymbolScope::GlobalExplicit
    );
    assert_eq!(scope_named(&t, "f").scope_of("y"), SymbolScope::Cell);
    assert_eq!(scope_named(&t, "g").scope_of("y"), SymbolScope::Free);
}

#[test]
fn class_bindings_are_invisible_to_methods() {
    let t = table("def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n");
    assert_eq!(scope_named(&t, "m").scope_of("x"), SymbolScope::Free);
    let c = scope_named(&t, "C");
    assert_eq!(c.scope_of("x"), SymbolScope::Local);
    assert!(
        c.freevars().any(|n| n == "x"),
        "x passes through the class as a free variable"
    );
    assert_eq!(scope_named(&t, "f").scope_of("x"), SymbolScope::Cell);
}

#[test]
fn super_creates_the_class_cell() {
    let t = table("class C:\n    def m(self):\n        return super().m()\nclass D:\n    def m(self):\n        return 1\n");
    assert!(scope_named(&t, "C").needs_class_cell);
    assert!(!scope_named(&t, "D").needs_class_cell);
    let m = &t.scopes[scope_named(&t, "C").children[0]];
    assert_eq!(m.scope_of("__class__"), SymbolScope::Free);
}

#[test]
fn comprehensions_have_their_own_scope() {
    let t = table("def f(xs):\n    return [x * y for x in xs for y in range(x)]\n");
    let f = scope_named(&t, "f");
    assert_eq!(
        f.scope_of("xs"),
        SymbolScope::Local,
        "the first iterable is evaluated outside"
    );
    let comp = scope_named(&t, "listcomp");
    assert_eq!(comp.scope_of("x"), SymbolScope::Local);
    assert_eq!(comp.scope_of(".0"), SymbolScope::Local);
    assert_eq!(comp.scope_of("range"), SymbolScope::GlobalImplicit);
}

#[test]
fn walrus_in_comprehension_binds_in_the_function() {
    let t = table("def f(xs):\n    [y := x for x in xs]\n    return y\n");
    assert_eq!(scope_named(&t, "f").scope_of("y"), SymbolScope::Cell);
    assert_eq!(scope_named(&t, "listcomp").scope_of("y"), SymbolScope::Free);
    let t = table("[y := x for x in (1, 2)]\n");
    assert_eq!(
        scope_named(&t, "listcomp").scope_of("y"),
        SymbolScope::GlobalExplicit
    );
}

#[test]
fn generators_are_marked() {
    let t = table("def f():\n    yield 1\ndef g():\n    return (x for x in ())\n");
    assert!(scope_named(&t, "f").is_generator);
    assert!(!scope_named(&t, "g").is_generator);
    assert!(scope_named(&t, "genexpr").is_generator);
}

#[test]
fn errors_match_cpython() {
    let cases: &[(&str, &str, u32)] = &[
        (
            "x = 1\nnonlocal x\n",
            "name 'x' is assigned to before nonlocal declaration",
            2,
        ),
        (
            "nonlocal x\n",
            "nonlocal declaration not allowed at module level",
            1,
        ),
        (
            "def f():\n    x = 1\n    global x\n",
            "name 'x' is assigned to before global declaration",
            3,
        ),
        (
            "def f():\n    print(x)\n    global x\n",
            "name 'x' is used prior to global declaration",
            3,
        ),
        (
            "def f(x):\n    global x\n",
            "name 'x' is parameter and global",
            2,
        ),
        (
            "def f(x):\n    nonlocal x\n",
            "name 'x' is parameter and nonlocal",
            2,
        ),
        (
            "def f():\n    def g():\n        nonlocal x\n",
            "no binding for nonlocal 'x' found",
            3,
        ),
        (
            "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
            "name 'x' is nonlocal and global",
            4,
        ),
        (
            "def f(a, b, a):\n    pass\n",
            "duplicate argument 'a' in function definition",
            1,
        ),
        (
            "f = lambda a, a: 1\n",
            "duplicate argument 'a' in function definition",
            1,
        ),
        (
            "[x for x in (y := [1, 2])]\n",
            "assignment expression cannot be used in a comprehension iterable expression",
            1,
        ),
        (
            "[x := 1 for x in range(3)]\n",
            "assignment expression cannot rebind comprehension iteration variable 'x'",
            1,
        ),
        (
            "class C:\n    [y := 1 for x in range(3)]\n",
            "assignment expression within a comprehension cannot be used in a class body",
            2,
        ),
        (
            "def f():\n    from os import *\n",
            "import * only allowed at module level",
            2,
        ),
        (
            "def f():\n    return [(yield x) for x in range(3)]\n",
            "'yield' inside list comprehension",
            2,
        ),
        (
            "def f():\n    x: int = 1\n    global x\n",
            "annotated name 'x' can't be global",
            3,
        ),
    ];
    for (src, msg, line) in cases {
        assert_eq!(error(src), (msg.to_string(), *line), "{src}");
    }
}
