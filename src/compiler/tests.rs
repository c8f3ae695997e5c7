//! Compiler unit tests: register allocation, constant folding, instruction selection, the
//! exception table, and the compile-time errors the compiler (rather than the symtable) raises.

use std::rc::Rc;

use crate::bytecode::code::{CodeObject, Constant};
use crate::bytecode::opcodes::{Instr, Opcode};
use crate::source::SourceFile;

fn compile(src: &str) -> Rc<CodeObject> {
    let file = SourceFile::new("t.py", src);
    let module = crate::parser::parse_module(&file).expect("parses");
    super::compile_module(&module, &file).expect("compiles")
}

fn compile_err(src: &str) -> (String, u32) {
    let file = SourceFile::new("t.py", src);
    let module = crate::parser::parse_module(&file).expect("parses");
    let e = super::compile_module(&module, &file).expect_err("fails to compile");
    (e.msg, file.lines.line(e.range.start))
}

/// The first nested code object named `name` (depth first).
fn code_named(code: &Rc<CodeObject>, name: &str) -> Rc<CodeObject> {
    find_code(code, name).unwrap_or_else(|| panic!("no code object {name}"))
}

fn find_code(code: &Rc<CodeObject>, name: &str) -> Option<Rc<CodeObject>> {
    code.consts.iter().find_map(|k| match k {
        Constant::Code(c) if &*c.name == name => Some(c.clone()),
        Constant::Code(c) => find_code(c, name),
        _ => None,
    })
}

fn instrs(code: &CodeObject) -> Vec<Instr> {
    code.code
        .iter()
        .map(|u| u.decode().expect("valid"))
        .collect()
}

fn ops(code: &CodeObject) -> Vec<Opcode> {
    instrs(code).iter().map(Instr::opcode).collect()
}

#[test]
fn assignment_from_arithmetic_is_one_instruction_into_the_local() {
    let f = code_named(&compile("def f(a):\n    x = a + 1\n    return x\n"), "f");
    let is = instrs(&f);
    let x = f.varnames.iter().position(|n| &**n == "x").unwrap() as u16;
    assert!(
        matches!(is[0], Instr::AddK { dst, a: 0, .. } if dst == x),
        "{is:?}"
    );
    assert_eq!(is[1], Instr::Return { src: x });
    assert!(!ops(&f).contains(&Opcode::Move));
}

#[test]
fn locals_sit_below_temporaries() {
    let f = code_named(
        &compile("def f(a, b):\n    c = a * b + a * b\n    return c\n"),
        "f",
    );
    assert_eq!(f.varnames.len(), 3);
    // Two temporaries for the products, then the sum straight into `c`.
    assert_eq!(f.nregs, 5);
    assert!(matches!(instrs(&f)[2], Instr::Add { dst: 2, a: 3, b: 4 }));
}

#[test]
fn constants_fold_where_cpython_folds() {
    let m =
        compile("a = -1\nb = 2 ** 10\nc = 'a' + 'b'\nd = (1, 2, (3,))\ne = 2 ** 1000\nf = 1 / 0\n");
    let consts: Vec<String> = m.consts.iter().map(crate::bytecode::dis::repr).collect();
    for want in ["-1", "1024", "'ab'", "(1, 2, (3,))"] {
        assert!(consts.contains(&want.to_string()), "{want} in {consts:?}");
    }
    // Too large a result and a division by zero stay runtime operations.
    assert!(ops(&m).contains(&Opcode::PowK));
    assert!(ops(&m).contains(&Opcode::TrueDivK));
}

#[test]
fn method_calls_use_load_method() {
    let m = compile("x = []\nx.append(1)\nprint(len(x), sep='')\n");
    let o = ops(&m);
    assert!(o.contains(&Opcode::LoadMethod) && o.contains(&Opcode::CallMethod));
    assert!(o.contains(&Opcode::CallKw));
}

#[test]
fn star_arguments_use_call_ex() {
    let m = compile("f(*a, **k)\n");
    assert!(ops(&m).contains(&Opcode::CallEx));
    assert!(ops(&m).contains(&Opcode::ExtendArgs));
    assert!(ops(&m).contains(&Opcode::DictMerge));
}

#[test]
fn module_names_and_function_globals() {
    let m = compile("x = 1\ndef f():\n    return x\n");
    assert!(ops(&m).contains(&Opcode::StoreName));
    assert!(ops(&code_named(&m, "f")).contains(&Opcode::LoadGlobal));
}

#[test]
fn closures_use_cells() {
    let m = compile("def f():\n    a = 1\n    def g():\n        return a\n    return g\n");
    let f = code_named(&m, "f");
    assert_eq!(f.cells.len(), 1);
    assert!(ops(&f).contains(&Opcode::SetClosure));
    assert!(ops(&f).contains(&Opcode::StoreDeref));
    let g = code_named(&m, "g");
    assert_eq!(&*g.freevars[0], "a");
    assert!(ops(&g).contains(&Opcode::LoadDeref));
    assert_eq!(&*g.qualname, "f.<locals>.g");
}

#[test]
fn maybe_unbound_locals_are_checked() {
    let f = code_named(
        &compile("def f(c):\n    if c:\n        y = 1\n    return y\n"),
        "f",
    );
    assert!(ops(&f).contains(&Opcode::CheckBound));
    let f = code_named(
        &compile("def f(c):\n    y = 1\n    if c:\n        y = 2\n    return y\n"),
        "f",
    );
    assert!(!ops(&f).contains(&Opcode::CheckBound));
}

#[test]
fn try_except_builds_an_exception_table() {
    let m = compile("try:\n    x = 1\nexcept ValueError as e:\n    pass\nfinally:\n    y = 2\n");
    assert!(m.exception_table.len() >= 3, "{:?}", m.exception_table);
    let o = ops(&m);
    for op in [
        Opcode::PushExcInfo,
        Opcode::PopExcInfo,
        Opcode::CheckExcMatch,
        Opcode::RaiseAgain,
    ] {
        assert!(o.contains(&op), "{op:?}");
    }
    // Handlers are instruction indices inside the code.
    assert!(m
        .exception_table
        .iter()
        .all(|e| (e.handler as usize) < m.code.len()));
}

#[test]
fn return_inside_finally_protected_code_inlines_the_final_body() {
    let f = code_named(
        &compile("def f():\n    try:\n        return g()\n    finally:\n        h()\n"),
        "f",
    );
    // The final body is compiled three times: return path, normal path, exception path.
    let calls_to_h = f
        .code
        .iter()
        .filter(|u| matches!(u.decode(), Some(Instr::Call { .. })))
        .count();
    assert_eq!(calls_to_h, 4, "g() once and h() three times");
}

#[test]
fn generators_and_comprehensions() {
    let m = compile("def g():\n    yield 1\n    yield from h()\nxs = [i for i in range(3)]\n");
    let g = code_named(&m, "g");
    assert!(g.flags.contains(crate::bytecode::CodeFlags::GENERATOR));
    assert!(ops(&g).contains(&Opcode::YieldFrom));
    let comp = code_named(&m, "<listcomp>");
    assert!(ops(&comp).contains(&Opcode::ListAppend));
    assert_eq!(comp.args.argcount, 1);
}

#[test]
fn match_statement_helpers() {
    let m = compile(
        "match p:\n    case [1, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0) | None:\n        pass\n    case _:\n        pass\n",
    );
    let o = ops(&m);
    for op in [
        Opcode::MatchSequence,
        Opcode::UnpackEx,
        Opcode::MatchMapping,
        Opcode::MatchKeys,
        Opcode::CopyDictWithoutKeys,
        Opcode::MatchClass,
    ] {
        assert!(o.contains(&op), "{op:?}");
    }
}

#[test]
fn compiler_errors_match_cpython() {
    let cases: &[(&str, &str, u32)] = &[
        ("x = 1\nreturn x\n", "'return' outside function", 2),
        ("class C:\n    return 1\n", "'return' outside function", 2),
        ("x = 1\nbreak\n", "'break' outside loop", 2),
        ("x = 1\nyield x\n", "'yield' outside function", 2),
        ("class C:\n    yield 1\n", "'yield' outside function", 2),
        ("break\nyield x\n", "'break' outside loop", 1),
        (
            "if True:\n    continue\n",
            "'continue' not properly in loop",
            2,
        ),
        (
            "for i in range(3):\n    def f():\n        continue\n",
            "'continue' not properly in loop",
            3,
        ),
        (
            "match 1:\n    case x:\n        pass\n    case 2:\n        pass\n",
            "name capture 'x' makes remaining patterns unreachable",
            2,
        ),
        (
            "match 1:\n    case _:\n        pass\n    case 2:\n        pass\n",
            "wildcard makes remaining patterns unreachable",
            2,
        ),
        (
            "match {}:\n    case {\"a\": 1, \"a\": 2}:\n        pass\n",
            "mapping pattern checks duplicate key ('a')",
            2,
        ),
        (
            "match (1, 2):\n    case (x, x):\n        pass\n",
            "multiple assignments to name 'x' in pattern",
            2,
        ),
        (
            "match 1:\n    case 1 | x:\n        pass\n",
            "alternative patterns bind different names",
            2,
        ),
        (
            "match []:\n    case [*a, *b]:\n        pass\n",
            "multiple starred names in sequence pattern",
            2,
        ),
        (
            "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
        ),
    ];
    for (src, msg, line) in cases {
        assert_eq!(compile_err(src), (msg.to_string(), *line), "{src}");
    }
}

#[test]
fn break_and_continue_in_finally_are_allowed() {
    compile("for i in range(2):\n    try:\n        pass\n    finally:\n        break\n");
    compile("while x:\n    try:\n        continue\n    finally:\n        pass\n");
}

#[test]
fn private_names_are_mangled_consistently() {
    let m = compile("class C:\n    def f(self, __a):\n        __x = __a\n        self.__y = __x\n        return __x\n");
    let f = code_named(&m, "f");
    let names: Vec<&str> = f.varnames.iter().map(|s| &**s).collect();
    assert_eq!(names, ["self", "_C__a", "_C__x"]);
    assert!(!ops(&f).contains(&Opcode::LoadGlobal));
    assert!(f.names.iter().any(|n| &**n == "_C__y"));
}

#[test]
fn eval_and_interactive_modes() {
    let file = SourceFile::new("<string>", "1 + x");
    let module = crate::parser::parse_module(&file).unwrap();
    let code = super::compile(&module, &file, super::Mode::Eval).unwrap();
    assert_eq!(ops(&code).last(), Some(&Opcode::Return));
    assert!(ops(&code).contains(&Opcode::LoadName));

    let file = SourceFile::new("<string>", "x = 1");
    let module = crate::parser::parse_module(&file).unwrap();
    let e = super::compile(&module, &file, super::Mode::Eval).unwrap_err();
    assert_eq!(e.msg, "invalid syntax");

    let file = SourceFile::new("<stdin>", "x = 1\nx\n'doc'\n");
    let module = crate::parser::parse_module(&file).unwrap();
    let code = super::compile(&module, &file, super::Mode::Interactive).unwrap();
    assert_eq!(
        ops(&code)
            .iter()
            .filter(|&&o| o == Opcode::PrintExpr)
            .count(),
        2
    );
}

#[test]
fn class_and_module_annotations_are_recorded() {
    let m = compile("x: int = 1\nclass P:\n    a: int\n    b: str = 's'\ndef f():\n    y: int = 2\n    return y\n");
    let count_stores =
        |c: &CodeObject| ops(c).iter().filter(|&&o| o == Opcode::StoreSubscr).count();
    assert_eq!(count_stores(&m), 1);
    assert!(m.names.iter().any(|n| &**n == "__annotations__"));
    assert_eq!(count_stores(&code_named(&m, "P")), 2);
    let f = code_named(&m, "f");
    assert_eq!(count_stores(&f), 0);
    assert!(
        f.names.is_empty(),
        "local annotations are not evaluated: {:?}",
        f.names
    );
}

#[test]
fn future_annotations_are_strings() {
    let m = compile("from __future__ import annotations\nclass P:\n    a: Later\n");
    let p = code_named(&m, "P");
    assert!(p
        .consts
        .iter()
        .any(|k| matches!(k, Constant::Str(s) if &**s == "Later")));
    assert!(!p.names.iter().any(|n| &**n == "Later"));
}

#[test]
fn unpacking_onto_consecutive_locals_needs_no_moves() {
    let f = code_named(&compile("def f(p):\n    a, b = p\n    return a + b\n"), "f");
    assert_eq!(
        instrs(&f)[0],
        Instr::UnpackSequence {
            dst: 1,
            src: 0,
            count: 2
        }
    );
    assert!(!ops(&f).contains(&Opcode::Move));
}

#[test]
fn walrus_on_a_conditional_path_keeps_the_check() {
    let f = code_named(
        &compile("def f(a):\n    if a and (x := 1):\n        pass\n    return x\n"),
        "f",
    );
    assert!(ops(&f).contains(&Opcode::CheckBound));
}
