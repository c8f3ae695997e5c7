//! Parser tests against CPython 3.11 as the oracle:
//! - every program in tests/conformance and tests/parser_programs dumps (`--dump-ast`) exactly
//!   as `ast.dump(ast.parse(...), indent=2)` does (goldens in tests/golden/ast, made by its
//!   regen.sh);
//! - every bad program in tests/syntax_errors renders the stderr `python3 file.py` printed
//!   (tests/syntax_errors/regen.sh), and the conformance `err_syntax_*` programs end with their
//!   `.err` line;
//! - deep nesting ends in a clean error, and random or mutated input never panics.

use std::fs;
use std::path::{Path, PathBuf};

use pylift::ast::dump::dump_module;
use pylift::parser::parse_module;
use pylift::source::SourceFile;
use pylift::syntax_error::SyntaxErrorKind;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            python_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn load(path: &Path) -> SourceFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    SourceFile::from_bytes(name, fs::read(path).expect("readable test file"))
}

/// The first differing line with two lines of context, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let i = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let from = i.saturating_sub(2);
    let show = |v: &[&str]| v[from.min(v.len())..(i + 3).min(v.len())].join("\n    ");
    format!(
        "line {}:\n  want:\n    {}\n  got:\n    {}",
        i + 1,
        show(&w),
        show(&g)
    )
}

#[test]
fn ast_dumps_match_cpython() {
    let mut programs = Vec::new();
    python_files(&root().join("tests/conformance"), &mut programs);
    python_files(&root().join("tests/parser_programs"), &mut programs);
    let golden_dir = root().join("tests/golden/ast");
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in &programs {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = load(path);
        let result = parse_module(&source);
        match fs::read_to_string(golden_dir.join(format!("{stem}.ast"))) {
            Ok(want) => {
                compared += 1;
                match result {
                    Ok(module) => {
                        let got = dump_module(&module);
                        if got != want {
                            failures.push(format!(
                                "{}: {}",
                                path.display(),
                                first_difference(&want, &got)
                            ));
                        }
                    }
                    Err(e) => failures.push(format!(
                        "{}: rejected:\n{}",
                        path.display(),
                        e.render(&source)
                    )),
                }
            }
            Err(_) if result.is_ok() => failures.push(format!(
                "{}: no golden (run tests/golden/ast/regen.sh)",
                path.display()
            )),
            Err(_) => {}
        }
    }
    assert!(compared >= 100, "only {compared} golden dumps found");
    assert!(
        failures.is_empty(),
        "{} of {compared} dumps differ from CPython:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn syntax_errors_render_like_cpython() {
    let mut programs = Vec::new();
    python_files(&root().join("tests/syntax_errors"), &mut programs);
    assert!(programs.len() >= 50, "syntax error programs missing");
    let mut failures = Vec::new();
    for path in &programs {
        let want =
            fs::read_to_string(path.with_extension("stderr")).expect("expected .stderr (regen.sh)");
        let source = load(path);
        match parse_module(&source) {
            Ok(_) => failures.push(format!("{}: parsed without error", path.display())),
            Err(e) => {
                let got = e.render(&source);
                if got != want {
                    failures.push(format!(
                        "{}:\n--- want\n{want}--- got\n{got}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

#[test]
fn conformance_syntax_errors_end_with_cpython_line() {
    let mut programs = Vec::new();
    python_files(&root().join("tests/conformance/errors"), &mut programs);
    let mut checked = 0;
    for path in &programs {
        let Ok(want) = fs::read_to_string(path.with_extension("err")) else {
            continue;
        };
        let want = want.trim_end();
        let compile_time = want.starts_with("SyntaxError") || want.starts_with("IndentationError");
        let source = load(path);
        match parse_module(&source) {
            Err(e) => {
                let rendered = e.render(&source);
                assert_eq!(
                    rendered.trim_end().lines().last(),
                    Some(want),
                    "{}",
                    path.display()
                );
                checked += 1;
            }
            Ok(_) => assert!(!compile_time, "{} should not parse", path.display()),
        }
    }
    assert!(
        checked >= 3,
        "expected the err_syntax_* programs to be checked"
    );
}

fn parse_text(text: &str) -> Result<pylift::ast::Module, pylift::syntax_error::SyntaxError> {
    parse_module(&SourceFile::new("deep.py", text))
}

#[test]
fn deep_nesting_ends_in_a_clean_error() {
    let n = 100_000;
    let cases = [
        format!("x = {}1\n", "-".repeat(n)),
        format!("x = {}1\n", "not ".repeat(n)),
        format!("x = {}1\n", "lambda:".repeat(n)),
        format!("x = a{}\n", ".b".repeat(n)),
        format!("x = a{}\n", "**a".repeat(n)),
        format!("x = 1{}\n", "+1".repeat(n)),
        format!("x = {}1\n", "a if b else ".repeat(n)),
        format!("x = f{}\n", "()".repeat(n)),
        format!("x = a{}\n", "[0]".repeat(n)),
    ];
    for text in &cases {
        let e = parse_text(text).expect_err("nesting past the limit must fail");
        assert_eq!(e.kind, SyntaxErrorKind::MemoryError, "{}", &text[..20]);
        assert_eq!(
            e.render(&SourceFile::new("deep.py", text.as_str())),
            "MemoryError\n"
        );
    }
    let brackets = format!("x = {}{}\n", "(".repeat(n), ")".repeat(n));
    let e = parse_text(&brackets).expect_err("200 nested brackets at most");
    assert_eq!(e.msg, "too many nested parentheses");
    let fstrings = format!("x = {}\n", "f'{".repeat(50) + "x" + &"}'".repeat(50));
    assert!(parse_text(&fstrings).is_err());
}

#[test]
fn nesting_below_the_limit_parses_and_dumps() {
    let texts = [
        format!("x = {}1\n", "-".repeat(900)),
        format!("x = {}1\n", "lambda:".repeat(900)),
        format!("x = a{}\n", ".b".repeat(900)),
        format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199)),
        format!("x = {}1{}\n", "[-(".repeat(66), ")]".repeat(66)),
    ];
    for text in &texts {
        let module = parse_text(text).expect("within the nesting limit");
        assert!(dump_module(&module).starts_with("Module("));
    }
}

/// xorshift64*: a small deterministic generator so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
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
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "|",
    "&",
    "^",
    "~",
    "<",
    ">",
    "->",
    ":=",
    "!",
    "...",
    " ",
    "  ",
    "\n",
    "\n    ",
    "\t",
    "\\\n",
    "#c\n",
    "x",
    "y1",
    "_",
    "0",
    "1.5e3",
    "0x1F",
    "2j",
    "'s'",
    "\"d\"",
    "'''t'''",
    "b'b'",
    "r'\\d'",
    "f'{x}'",
    "f'{x!r:>{w}}'",
    "f'{x=}'",
    "'\\N{BULLET}'",
    "'\\x4'",
    "if",
    "else",
    "elif",
    "for",
    "in",
    "while",
    "def",
    "class",
    "return",
    "yield",
    "lambda",
    "not",
    "and",
    "or",
    "is",
    "try",
    "except",
    "except*",
    "finally",
    "with",
    "as",
    "match",
    "case",
    "import",
    "from",
    "global",
    "nonlocal",
    "del",
    "pass",
    "break",
    "async",
    "await",
    "é",
    "\r\n",
    "\u{0}",
    "\u{feff}",
    "$",
    "?",
    "`",
];

fn random_program(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.below(60) {
        if rng.below(10) == 0 {
            out.push(rng.next() as u8);
        } else {
            out.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes());
        }
    }
    out
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(20)).min(out.len());
                out.drain(at..end);
            }
            1 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                out.splice(at..at, frag.iter().copied());
            }
            2 if at < out.len() => out[at] = rng.next() as u8,
            _ => {
                let from = rng.below(out.len() + 1);
                let end = (from + rng.below(40)).min(out.len());
                let chunk = out[from..end].to_vec();
                out.splice(at..at, chunk);
            }
        }
    }
    out
}

fn parse_must_not_panic(bytes: Vec<u8>) {
    let source = SourceFile::from_bytes("fuzz.py", bytes);
    let outcome = std::panic::catch_unwind(|| match parse_module(&source) {
        Ok(module) => drop(dump_module(&module)),
        Err(e) => drop(e.render(&source)),
    });
    assert!(outcome.is_ok(), "panic on input {:?}", source.text);
}

#[test]
fn random_and_mutated_inputs_never_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..3000 {
        parse_must_not_panic(random_program(&mut rng));
    }
    let mut programs = Vec::new();
    python_files(&root().join("tests/conformance"), &mut programs);
    python_files(&root().join("tests/parser_programs"), &mut programs);
    let bases: Vec<Vec<u8>> = programs.iter().filter_map(|p| fs::read(p).ok()).collect();
    assert!(!bases.is_empty());
    for _ in 0..1500 {
        let base = &bases[rng.below(bases.len())];
        parse_must_not_panic(mutate(&mut rng, base));
    }
}
