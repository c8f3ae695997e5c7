//! Golden tests for `pylift::format` against CPython 3.11 output stored in tests/golden/format
//! (regenerate with `python3 tests/golden/format/gen.py`). When python3 is on PATH, float repr
//! is additionally checked on 100 000 fresh random doubles.

use num_bigint::BigInt;
use pylift::format::{
    float_as_integer_ratio, float_from_hex, float_from_str, float_repr, float_to_hex, format_float,
    format_int, format_str, int_from_str, int_to_str_radix, FormatError, FormatSpec, IntRef, Kind,
};
use std::path::PathBuf;
use std::process::Command;

fn golden(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "format",
        name,
    ]
    .iter()
    .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn f64_from_hex(h: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(h, 16).expect("hex bit pattern"))
}

/// Checks `bits<TAB>repr` lines; returns how many were checked.
fn check_float_repr_lines(text: &str) -> usize {
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let (h, want) = line.split_once('\t').expect("two fields");
        let got = float_repr(f64_from_hex(h));
        if got != want {
            failures.push(format!("{h}: got {got}, want {want}"));
        }
        n += 1;
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    n
}

#[test]
fn float_repr_golden() {
    assert!(check_float_repr_lines(&golden("float_repr.txt")) > 3000);
}

#[test]
fn float_repr_fresh_random_against_python3() {
    let script: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "format",
        "gen.py",
    ]
    .iter()
    .collect();
    let Ok(out) = Command::new("python3")
        .arg(&script)
        .args(["float_repr", "100000", "7"])
        .output()
    else {
        eprintln!("python3 not found: skipping the 100 000-double check");
        return;
    };
    assert!(
        out.status.success(),
        "gen.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        check_float_repr_lines(&String::from_utf8_lossy(&out.stdout)),
        100_000
    );
}

fn outcome<E: std::fmt::Display>(r: Result<String, E>, kind: impl Fn(&E) -> String) -> String {
    match r {
        Ok(s) => format!("ok\t{s}"),
        Err(e) => format!("err\t{}: {e}", kind(&e)),
    }
}

fn exc(e: &FormatError) -> String {
    format!("{:?}", e.kind())
}

fn format_value(kind: &str, value: &str, spec: &str) -> Result<String, FormatError> {
    match kind {
        "int" => {
            let v: BigInt = value.parse().expect("int");
            let spec = FormatSpec::parse(spec, Kind::Int, "int")?;
            format_int(IntRef::Big(&v), &spec)
        }
        "float" => {
            let spec = FormatSpec::parse(spec, Kind::Float, "float")?;
            format_float(f64_from_hex(value), &spec)
        }
        _ => {
            let spec = FormatSpec::parse(spec, Kind::Str, "str")?;
            format_str(value, &spec)
        }
    }
}

#[test]
fn format_spec_golden() {
    let text = golden("spec.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let got = outcome(format_value(f[0], f[1], f[2]), exc);
        if got != f[3] {
            failures.push(format!(
                "format({} {:?}, {:?}): got {got:?}, want {:?}",
                f[0], f[1], f[2], f[3]
            ));
        }
        n += 1;
    }
    assert!(n > 9000);
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(25)].join("\n")
    );
}

fn conversion(op: &str, arg: &str, input: &str) -> Result<String, FormatError> {
    match op {
        "int" => {
            let v = int_from_str(input, arg.parse().expect("base"))?;
            Ok(if input.len() < 4000 {
                v.to_string()
            } else {
                v.to_str_radix(16)
            })
        }
        "radix" => {
            let n = BigInt::parse_bytes(input.as_bytes(), 16).expect("hex int");
            int_to_str_radix(&n, arg.parse().expect("radix"))
        }
        "float" => float_from_str(input).map(float_repr),
        "hex" => Ok(float_to_hex(f64_from_hex(input))),
        "ratio" => float_as_integer_ratio(f64_from_hex(input)).map(|(n, d)| format!("{n}/{d}")),
        "fromhex" => float_from_hex(input).map(float_repr),
        _ => panic!("unknown op {op}"),
    }
}

#[test]
fn conversions_golden() {
    let text = golden("conversions.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.splitn(4, '\t').collect();
        let got = outcome(conversion(f[0], f[1], f[2]), exc);
        if got != f[3] {
            let short = |s: &str| s.chars().take(120).collect::<String>();
            failures.push(format!(
                "{} {} {:?}: got {:?}, want {:?}",
                f[0],
                f[1],
                short(f[2]),
                short(&got),
                short(f[3])
            ));
        }
        n += 1;
    }
    assert!(n > 1000);
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(25)].join("\n")
    );
}
