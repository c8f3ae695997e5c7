//! The tokenizer against CPython 3.11: `--dump-tokens` output for every program with a golden
//! file (tests/golden/tokens, written by `python3 -m tokenize` through regen.sh), tokenizer
//! errors against the SyntaxError python3 raises, and a bounded random test that no input makes
//! the tokenizer panic or hang.

use std::fs;
use std::path::{Path, PathBuf};

use pylift::lexer::{dump_tokens, tokenize, tokenize_with_trivia};
use pylift::source::SourceFile;
use pylift::syntax_error::SyntaxError;

const BLESS: &str = "tests/golden/tokens/regen.sh";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_with_ext(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_with_ext(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out.sort();
}

fn load(path: &Path) -> SourceFile {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    SourceFile::from_bytes(path.display().to_string(), bytes)
}

/// The first differing line of two outputs, as a small diff.
fn first_difference(expected: &str, got: &str) -> String {
    let (exp, got): (Vec<_>, Vec<_>) = (expected.lines().collect(), got.lines().collect());
    let n = exp.len().max(got.len());
    for i in 0..n {
        if exp.get(i) != got.get(i) {
            return format!(
                "  line {}:\n  - {}\n  + {}",
                i + 1,
                exp.get(i).unwrap_or(&"<end>"),
                got.get(i).unwrap_or(&"<end>")
            );
        }
    }
    "  (same lines, different line ends)".into()
}

/// Every golden token dump equals pylift's `--dump-tokens` of its program.
#[test]
fn dumps_match_python_tokenize() {
    let golden = root().join("tests/golden/tokens");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (kind, source_dir) in [
        ("conformance", "tests/conformance"),
        ("lexer_programs", "tests/lexer_programs"),
    ] {
        let mut goldens = Vec::new();
        files_with_ext(&golden.join(kind), "tokens", &mut goldens);
        for tokens_file in goldens {
            let rel = tokens_file
                .strip_prefix(golden.join(kind))
                .unwrap()
                .with_extension("py");
            let program = root().join(source_dir).join(&rel);
            let expected = fs::read_to_string(&tokens_file).unwrap();
            checked += 1;
            match dump_tokens(&load(&program)) {
                Ok(got) if got == expected => {}
                Ok(got) => failures.push(format!(
                    "{}:\n{}",
                    program.display(),
                    first_difference(&expected, &got)
                )),
                Err(e) => failures.push(format!("{}: unexpected error {e:?}", program.display())),
            }
        }
    }
    assert!(checked > 100, "only {checked} golden token files found");
    assert!(
        failures.is_empty(),
        "{} of {checked} token dumps differ from python3 -m tokenize (regenerate goldens with \
         {BLESS}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every conformance program that python3 can tokenize has a golden file.
#[test]
fn every_conformance_program_has_a_golden() {
    let mut programs = Vec::new();
    files_with_ext(&root().join("tests/conformance"), "py", &mut programs);
    let golden = root().join("tests/golden/tokens/conformance");
    let missing: Vec<_> = programs
        .iter()
        .filter(|p| {
            let rel = p.strip_prefix(root().join("tests/conformance")).unwrap();
            !golden.join(rel).with_extension("tokens").exists() && tokenize(&load(p)).is_ok()
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "no golden for (run {BLESS}): {missing:?}"
    );
}

/// `(line, 1-based column in characters)` of a byte offset, as CPython's `offset`.
fn line_and_offset(source: &SourceFile, at: u32) -> (u32, u32) {
    let (line, _) = source.lines.line_col(at);
    let start = source.lines.line_start(line).unwrap() as usize;
    let col = source.text[start..at as usize].chars().count() as u32;
    (line, col + 1)
}

fn check_error(source: &SourceFile, err: &SyntaxError, expected: &str) -> Result<(), String> {
    let fields: Vec<&str> = expected.trim_end().split('|').collect();
    let [kind, msg, lineno, offset, end_lineno, end_offset] = fields[..] else {
        return Err(format!("bad .err line {expected:?}"));
    };
    let (line, col) = line_and_offset(source, err.range.start);
    let mut got = format!("{}|{}|{line}|{col}", err.kind.name(), err.msg);
    let mut want = format!("{kind}|{msg}|{lineno}|{offset}");
    // CPython's end is only meaningful when it lies past the start on the same line.
    let (end_line, end_offset_n) = (end_lineno.parse::<u32>(), end_offset.parse::<i64>());
    if let (Ok(end_line), Ok(end_col)) = (end_line, end_offset_n) {
        if end_line.to_string() == lineno && end_col > offset.parse::<i64>().unwrap_or(0) {
            let (gl, gc) = line_and_offset(source, err.range.end);
            got.push_str(&format!("|{gl}|{gc}"));
            want.push_str(&format!("|{end_line}|{end_col}"));
        }
    }
    if got == want {
        Ok(())
    } else {
        Err(format!("  expected {want}\n  got      {got}"))
    }
}

/// Each tokenizer error case gives python3's exception type, message and caret position.
#[test]
fn errors_match_python() {
    let mut expected_files = Vec::new();
    files_with_ext(
        &root().join("tests/golden/tokens/errors"),
        "err",
        &mut expected_files,
    );
    assert!(
        expected_files.len() >= 40,
        "error goldens missing (run {BLESS})"
    );
    let mut failures = Vec::new();
    for err_file in &expected_files {
        let name = err_file.file_stem().unwrap().to_str().unwrap();
        let program = root()
            .join("tests/lexer_programs/errors")
            .join(format!("{name}.py"));
        let source = load(&program);
        let expected = fs::read_to_string(err_file).unwrap();
        match tokenize(&source) {
            Ok(_) => failures.push(format!("{name}: tokenized without error")),
            Err(e) => {
                if let Err(diff) = check_error(&source, &e, &expected) {
                    failures.push(format!("{name}:\n{diff}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} error cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let source = SourceFile::new("deep.py", "(".repeat(100_000));
    let err = tokenize(&source).unwrap_err();
    assert_eq!(err.msg, "too many nested parentheses");
    assert_eq!(err.range.start, 200);
}

/// A small deterministic PRNG (xorshift64*), so the random test needs no dependency and every
/// failure reproduces from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Interesting bytes for mutations: quotes, brackets, line ends, tabs, backslashes, digits,
/// prefix letters, and the start of multi-byte UTF-8 sequences.
const SPICE: &[u8] = b"'\"()[]{}\n\r\t\\#0x_.eEjJrbfuRBFU \x0c\xc3\xa9\xe2\x82\xac\xff\x00";

fn mutate(rng: &mut Rng, program: &[u8]) -> Vec<u8> {
    let mut bytes = program.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = if bytes.is_empty() {
            0
        } else {
            rng.below(bytes.len() + 1)
        };
        match rng.below(4) {
            0 => bytes.insert(at, SPICE[rng.below(SPICE.len())]),
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            2 if at < bytes.len() => bytes[at] = SPICE[rng.below(SPICE.len())],
            _ => {
                let len = rng.below(40).min(bytes.len() - at.min(bytes.len()));
                let chunk = bytes[at..at + len].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, chunk);
            }
        }
    }
    bytes
}

/// Tokenizing random bytes and mutated real programs never panics, terminates, and yields
/// ordered, non-overlapping tokens inside the text.
#[test]
fn random_inputs_never_panic() {
    let mut programs = Vec::new();
    files_with_ext(&root().join("tests/conformance"), "py", &mut programs);
    files_with_ext(&root().join("tests/lexer_programs"), "py", &mut programs);
    let corpus: Vec<Vec<u8>> = programs.iter().map(|p| fs::read(p).unwrap()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..3000 {
        let bytes = if case % 3 == 0 {
            let len = rng.below(200);
            (0..len)
                .map(|_| {
                    if rng.below(2) == 0 {
                        SPICE[rng.below(SPICE.len())]
                    } else {
                        rng.next() as u8
                    }
                })
                .collect()
        } else {
            let program = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, program)
        };
        let source = SourceFile::from_bytes("fuzz.py", bytes.clone());
        let result = std::panic::catch_unwind(|| {
            if let Ok(tokens) = tokenize_with_trivia(&source) {
                let mut last = 0;
                for t in &tokens {
                    assert!(t.range.start >= last && t.range.end as usize <= source.text.len());
                    last = t.range.end;
                }
            }
            let _ = dump_tokens(&source);
        });
        assert!(
            result.is_ok(),
            "case {case} panicked on input {:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
}
