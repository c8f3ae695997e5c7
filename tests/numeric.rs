//! Golden tests for `pylift::numeric` (the `math` and `random` kernels) against CPython 3.11
//! output stored in tests/golden/numeric (regenerate with the gen_*.py scripts there).

use num_bigint::BigInt;
use pylift::format::float_repr;
use pylift::numeric::{intmath, math, special, sums, MathError};
use std::path::PathBuf;

fn golden(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "golden",
        "numeric",
        name,
    ]
    .iter()
    .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(Clone, Debug)]
enum Arg {
    F(f64),
    I(BigInt),
}

impl Arg {
    fn f(&self) -> f64 {
        match self {
            Arg::F(x) => *x,
            Arg::I(n) => pylift::format::int_to_f64(n).unwrap_or(f64::INFINITY),
        }
    }
    fn i(&self) -> BigInt {
        match self {
            Arg::I(n) => n.clone(),
            Arg::F(_) => panic!("int argument expected"),
        }
    }
}

fn parse_args(s: &str) -> Vec<Arg> {
    s.split(',')
        .filter(|a| !a.is_empty())
        .map(|a| match a.split_at(2) {
            ("f:", h) => Arg::F(f64::from_bits(u64::from_str_radix(h, 16).expect("hex"))),
            (_, n) => Arg::I(n.parse().expect("int")),
        })
        .collect()
}

/// A Python-style rendering of a result, as `repr()` prints it.
enum Out {
    F(f64),
    I(BigInt),
    B(bool),
    FF(f64, f64),
    FI(f64, i64),
}

fn render(r: Result<Out, MathError>) -> String {
    let py_bool = |b: bool| if b { "True" } else { "False" };
    match r {
        Ok(Out::F(x)) => format!("ok\t{}", float_repr(x)),
        Ok(Out::I(n)) => format!("ok\t{n}"),
        Ok(Out::B(b)) => format!("ok\t{}", py_bool(b)),
        Ok(Out::FF(a, b)) => format!("ok\t({}, {})", float_repr(a), float_repr(b)),
        Ok(Out::FI(a, b)) => format!("ok\t({}, {b})", float_repr(a)),
        Err(e) => format!("err\t{:?}: {e}", e.kind()),
    }
}

fn call_math(name: &str, a: &[Arg]) -> Result<Out, MathError> {
    use Out::*;
    let x = || a[0].f();
    let y = || a[1].f();
    let floats = || a.iter().map(Arg::f).collect::<Vec<_>>();
    Ok(match name {
        "acos" => F(math::acos(x())?),
        "acosh" => F(math::acosh(x())?),
        "asin" => F(math::asin(x())?),
        "asinh" => F(math::asinh(x())?),
        "atan" => F(math::atan(x())?),
        "atanh" => F(math::atanh(x())?),
        "cbrt" => F(math::cbrt(x())?),
        "cos" => F(math::cos(x())?),
        "cosh" => F(math::cosh(x())?),
        "exp" => F(math::exp(x())?),
        "exp2" => F(math::exp2(x())?),
        "expm1" => F(math::expm1(x())?),
        "fabs" => F(math::fabs(x())?),
        "sin" => F(math::sin(x())?),
        "sinh" => F(math::sinh(x())?),
        "sqrt" => F(math::sqrt(x())?),
        "tan" => F(math::tan(x())?),
        "tanh" => F(math::tanh(x())?),
        "log1p" => F(math::log1p(x())?),
        "log" if a.len() == 2 => F(math::log_ratio(math::log_f64(x())?, math::log_f64(y())?)?),
        "log" => F(math::log_f64(x())?),
        "log2" => F(math::log2_f64(x())?),
        "log10" => F(math::log10_f64(x())?),
        "gamma" => F(special::gamma(x())?),
        "lgamma" => F(special::lgamma(x())?),
        "erf" => F(special::erf(x())),
        "erfc" => F(special::erfc(x())),
        "degrees" => F(math::degrees(x())),
        "radians" => F(math::radians(x())),
        "floor" => I(intmath::floor(x())?),
        "ceil" => I(intmath::ceil(x())?),
        "trunc" => I(intmath::trunc(x())?),
        "modf" => {
            let (f, i) = math::modf(x());
            FF(f, i)
        }
        "frexp" => {
            let (m, e) = math::frexp(x());
            FI(m, e)
        }
        "ulp" => F(math::ulp(x())),
        "isfinite" => B(x().is_finite()),
        "isinf" => B(x().is_infinite()),
        "isnan" => B(x().is_nan()),
        "atan2" => F(math::atan2(x(), y())?),
        "copysign" => F(math::copysign(x(), y())?),
        "remainder" => F(math::remainder(x(), y())?),
        "fmod" => F(math::fmod(x(), y())?),
        "pow" => F(math::pow(x(), y())?),
        "nextafter" => F(math::nextafter(x(), y())),
        "isclose" => B(math::isclose(x(), y(), 1e-9, 0.0)?),
        "isclose_tol" => B(math::isclose(x(), y(), a[2].f(), a[3].f())?),
        "ldexp" => F(math::ldexp(
            x(),
            a[1].i()
                .try_into()
                .unwrap_or(if a[1].i() < BigInt::from(0) {
                    i64::MIN
                } else {
                    i64::MAX
                }),
        )?),
        "log_int" => F(intmath::log_int(&a[0].i())?),
        "log2_int" => F(intmath::log2_int(&a[0].i())?),
        "log10_int" => F(intmath::log10_int(&a[0].i())?),
        "log_int_base" => F(math::log_ratio(
            intmath::log_int(&a[0].i())?,
            math::log_f64(y())?,
        )?),
        "factorial_int" | "factorial" => I(intmath::factorial(&a[0].i())?),
        "isqrt_int" => I(intmath::isqrt(&a[0].i())?),
        "comb" => I(intmath::comb(&a[0].i(), &a[1].i())?),
        "perm" => I(intmath::perm(&a[0].i(), Some(&a[1].i()))?),
        "perm1" => I(intmath::perm(&a[0].i(), None)?),
        "gcd" => I(intmath::gcd(&a.iter().map(Arg::i).collect::<Vec<_>>())),
        "lcm" => I(intmath::lcm(&a.iter().map(Arg::i).collect::<Vec<_>>())),
        "fsum" => F(sums::fsum(floats())?),
        "hypot" => F(sums::hypot(&floats())),
        "dist" => {
            let v = floats();
            let half = v.len() / 2;
            F(sums::dist(&v[..half], &v[half..2 * half])?)
        }
        "dist_bad" => {
            let v = floats();
            F(sums::dist(&v[..2], &v[2..])?)
        }
        _ => panic!("unknown function {name}"),
    })
}

#[test]
fn math_golden() {
    let text = golden("math.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.splitn(3, '\t').collect();
        let got = render(call_math(f[0], &parse_args(f[1])));
        if got != f[2] {
            failures.push(format!("{}({}): got {got:?}, want {:?}", f[0], f[1], f[2]));
        }
        n += 1;
    }
    assert!(n > 13000);
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures[..failures.len().min(400)].join("\n")
    );
}
