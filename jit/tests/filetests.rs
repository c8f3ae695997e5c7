//! File tests: every `tests/ir/*.jir` holds one function in the IR text form plus directives:
//!
//! ```text
//! ; run: f(1, 2) == 3                 returns normally; the return slot holds int 3
//! ; exit: f(MAX, 1) -> 0              leaves through exit e0
//! ; exit: f(MAX, 1) -> 0 [r2 == 5]    ... and register r2 then holds int 5
//! ; run osr=20: f(100, 51, 1275) == 5050    enters through the OSR entry at pc 20
//! ```
//!
//! Arguments go into r0, r1, … as boxed Values: integers (and `MAX`/`MIN`) as ints, numbers
//! with `.`/`e`/`inf`/`nan` as floats, `true`/`false` as bools, `none`. Each directive runs in
//! the reference interpreter and natively; the two must agree byte for byte on the register
//! file (see `common::run_on`) before the expectation is checked. Each file is also compiled for
//! aarch64, and its printed form must parse back to the same function.

mod common;

use std::path::Path;

use common::{cross, run_on, Regs};
use pylift_jit::abi::{self, TAG_BOOL, TAG_FLOAT, TAG_INT, TAG_NONE};
use pylift_jit::ir::parse::parse;
use pylift_jit::{FunctionIr, Jit};

const REGISTERS: usize = 64;

extern "C" fn add3(a: i64, b: i64, c: i64) -> i64 {
    a.wrapping_add(b).wrapping_add(c)
}

extern "C" fn fhalf(x: f64) -> f64 {
    x / 2.0
}

extern "C" fn is_neg(a: i64) -> bool {
    a < 0
}

fn resolve(name: &str) -> Option<usize> {
    Some(match name {
        "add3" => add3 as *const () as usize,
        "fhalf" => fhalf as *const () as usize,
        "is_neg" => is_neg as *const () as usize,
        _ => return None,
    })
}

#[derive(Clone, Copy, Debug)]
enum Lit {
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
}

fn lit(s: &str) -> Lit {
    let s = s.trim();
    match s {
        "MAX" => Lit::Int(i64::MAX),
        "MIN" => Lit::Int(i64::MIN),
        "true" => Lit::Bool(true),
        "false" => Lit::Bool(false),
        "none" => Lit::None,
        _ if s.contains(['.', 'e', 'n']) => {
            Lit::Float(s.parse().unwrap_or_else(|_| panic!("bad literal {s:?}")))
        }
        _ => Lit::Int(s.parse().unwrap_or_else(|_| panic!("bad literal {s:?}"))),
    }
}

fn set(r: &mut Regs, slot: usize, v: Lit) {
    match v {
        Lit::Int(i) => r.set_int(slot, i),
        Lit::Float(x) => r.set_float(slot, x),
        Lit::Bool(b) => r.set_raw(slot, TAG_BOOL, u64::from(b)),
        Lit::None => r.set_raw(slot, TAG_NONE, 0),
    }
}

fn check(r: &Regs, slot: usize, want: Lit, what: &str) {
    let (tag, payload) = (r.tag(slot), r.payload(slot));
    let ok = match want {
        Lit::Int(i) => tag == TAG_INT && payload == i as u64,
        Lit::Float(x) if x.is_nan() => tag == TAG_FLOAT && f64::from_bits(payload).is_nan(),
        Lit::Float(x) => tag == TAG_FLOAT && payload == x.to_bits(),
        Lit::Bool(b) => tag == TAG_BOOL && payload == u64::from(b),
        Lit::None => tag == TAG_NONE,
    };
    assert!(
        ok,
        "{what}: r{slot} is tag {tag} payload {payload:#x}, expected {want:?}"
    );
}

/// Runs one directive line (without the leading `;`).
fn directive(jit: &mut Jit, f: &FunctionIr, line: &str, what: &str) {
    let (head, rest) = line.split_once(':').unwrap();
    let mut words = head.split_whitespace();
    let kind = words.next().unwrap();
    let osr = words
        .next()
        .map(|w| w.strip_prefix("osr=").unwrap().parse::<u32>().unwrap());
    let rest = rest.trim();
    let open = rest.find('(').unwrap();
    let close = rest.find(')').unwrap();
    let mut regs = Regs::new(REGISTERS);
    for (i, a) in rest[open + 1..close]
        .split(',')
        .filter(|a| !a.trim().is_empty())
        .enumerate()
    {
        set(&mut regs, i, lit(a));
    }
    let expect = rest[close + 1..].trim();
    let (rc, out) = run_on(jit, f, osr, &regs, std::ptr::null_mut());
    match kind {
        "run" => {
            assert_eq!(rc, abi::RETURNED, "{what}: expected a normal return");
            let want = expect.strip_prefix("==").unwrap();
            check(&out, f.return_slot as usize, lit(want), what);
        }
        "exit" => {
            let spec = expect.strip_prefix("->").unwrap().trim();
            let (id, checks) = spec.split_once('[').unwrap_or((spec, ""));
            let id: u32 = id.trim().parse().unwrap();
            assert_eq!(rc, abi::exit_code(id), "{what}: expected exit e{id}");
            for c in checks
                .trim_end_matches(']')
                .split(',')
                .filter(|c| !c.trim().is_empty())
            {
                let (slot, want) = c.split_once("==").unwrap();
                let slot: usize = slot.trim().strip_prefix('r').unwrap().parse().unwrap();
                check(&out, slot, lit(want), what);
            }
        }
        other => panic!("{what}: unknown directive {other:?}"),
    }
}

#[test]
fn ir_file_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ir");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut directives = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jir"))
    {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let f = parse(&text, &resolve).unwrap_or_else(|e| panic!("{name}: {e}"));
        let printed = f.to_string();
        let back = parse(&printed, &resolve)
            .unwrap_or_else(|e| panic!("{name} reprinted: {e}\n{printed}"));
        assert_eq!(
            back, f,
            "{name}: print/parse round trip changed the function"
        );
        cross(&f);
        let mut jit = Jit::new().unwrap();
        for (i, line) in text.lines().enumerate() {
            let Some(d) = line.trim().strip_prefix(';') else {
                continue;
            };
            let d = d.trim();
            if d.starts_with("run") || d.starts_with("exit") {
                directive(&mut jit, &f, d, &format!("{name}:{}", i + 1));
                directives += 1;
            }
        }
    }
    assert!(
        files.len() >= 6 && directives >= 30,
        "{} files, {directives} directives",
        files.len()
    );
}
