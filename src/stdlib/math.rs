//! The `math` module: argument conversion and dispatch only; every function's arithmetic and
//! error rules come from `numeric` (CPython 3.11's algorithms and messages).

use super::conv::{self, math_error, to_bigint, to_f64};
use crate::builtins::args::check;
use crate::numeric::{intmath, math as m, special, sums, MathError};
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::int::{from_bigint, is_int};
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::ops::arith::{binary, BinOp};
use crate::vm::ops::protocol::dunder_of;
use crate::vm::Vm;
use num_bigint::BigInt;

type F1 = fn(f64) -> Result<f64, MathError>;

/// Defines one native per kernel and the table registering them (names written once).
macro_rules! float_fns {
    ($table:ident, $via:ident: $($name:ident => $kernel:expr,)*) => {
        $(pub(crate) fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            $via(vm, stringify!($name), args, $kernel)
        })*
        const $table: &[(&str, NativeFn)] = &[$((stringify!($name), $name),)*];
    };
}

/// Exactly one argument; the qualified name is built only for the error message.
fn check_one(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<()> {
    if args.len() == 1 {
        return Ok(());
    }
    check(vm, &format!("math.{name}"), args, 1, 1)
}

fn unary(vm: &mut Vm, name: &str, args: &[Value], f: F1) -> PyResult<Value> {
    check_one(vm, name, args)?;
    let x = to_f64(vm, args[0])?;
    f(x).map(Value::Float).map_err(|e| math_error(vm, e))
}

fn binary2(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    f: fn(f64, f64) -> Result<f64, MathError>,
) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("{name} expected 2 arguments, got {}", args.len())));
    }
    let x = to_f64(vm, args[0])?;
    let y = to_f64(vm, args[1])?;
    f(x, y).map(Value::Float).map_err(|e| math_error(vm, e))
}

float_fns! { UNARY, unary:
    acos => m::acos,
    acosh => m::acosh,
    asin => m::asin,
    asinh => m::asinh,
    atan => m::atan,
    atanh => m::atanh,
    cbrt => m::cbrt,
    cos => m::cos,
    cosh => m::cosh,
    exp => m::exp,
    exp2 => m::exp2,
    expm1 => m::expm1,
    fabs => m::fabs,
    sin => m::sin,
    sinh => m::sinh,
    sqrt => m::sqrt,
    tan => m::tan,
    tanh => m::tanh,
    log1p => m::log1p,
    gamma => special::gamma,
    lgamma => special::lgamma,
    erf => |x| Ok(special::erf(x)),
    erfc => |x| Ok(special::erfc(x)),
    degrees => |x| Ok(m::degrees(x)),
    radians => |x| Ok(m::radians(x)),
    ulp => |x| Ok(m::ulp(x)),
}

float_fns! { BINARY, binary2:
    atan2 => m::atan2,
    copysign => m::copysign,
    remainder => m::remainder,
    fmod => m::fmod,
    pow => m::pow,
    nextafter => |x, y| Ok(m::nextafter(x, y)),
}

fn big_result(vm: &mut Vm, r: Result<BigInt, MathError>) -> PyResult<Value> {
    r.map(from_bigint).map_err(|e| math_error(vm, e))
}

/// floor/ceil/trunc: ints pass through, floats use the kernel, other objects their dunder.
fn rounding(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    dunder: &'static str,
    f: fn(f64) -> Result<BigInt, MathError>,
) -> PyResult<Value> {
    check_one(vm, name, args)?;
    let v = args[0];
    if is_int(v) {
        return Ok(match v {
            Value::Bool(b) => Value::Int(b as i64),
            _ => v,
        });
    }
    if let Value::Float(x) = v {
        return big_result(vm, f(x));
    }
    if let Some(d) = dunder_of(v, dunder) {
        return vm.call(d, &[v], &[]);
    }
    if name == "trunc" {
        return Err(vm.type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(v)
        )));
    }
    let x = to_f64(vm, v)?;
    big_result(vm, f(x))
}

fn floor(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    rounding(vm, args, "floor", "__floor__", intmath::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    rounding(vm, args, "ceil", "__ceil__", intmath::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    rounding(vm, args, "trunc", "__trunc__", intmath::trunc)
}

/// The natural log of an int or float argument (big ints do not go through float).
fn ln_of(
    vm: &mut Vm,
    v: Value,
    kernel: F1,
    int_kernel: fn(&BigInt) -> Result<f64, MathError>,
) -> PyResult<f64> {
    let r = if is_int(v) && !matches!(v, Value::Bool(_)) {
        let b = to_bigint(vm, v)?;
        int_kernel(&b)
    } else {
        let x = to_f64(vm, v)?;
        kernel(x)
    };
    r.map_err(|e| math_error(vm, e))
}

fn log(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = ln_of(vm, args[0], m::log_f64, intmath::log_int)?;
    if args.len() == 1 {
        return Ok(Value::Float(num));
    }
    let den = ln_of(vm, args[1], m::log_f64, intmath::log_int)?;
    m::log_ratio(num, den)
        .map(Value::Float)
        .map_err(|e| math_error(vm, e))
}

fn log2(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.log2", args, 1, 1)?;
    ln_of(vm, args[0], m::log2_f64, intmath::log2_int).map(Value::Float)
}

fn log10(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.log10", args, 1, 1)?;
    ln_of(vm, args[0], m::log10_f64, intmath::log10_int).map(Value::Float)
}

fn factorial(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.factorial", args, 1, 1)?;
    let n = to_bigint(vm, args[0])?;
    big_result(vm, intmath::factorial(&n))
}

fn isqrt(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.isqrt", args, 1, 1)?;
    let n = to_bigint(vm, args[0])?;
    big_result(vm, intmath::isqrt(&n))
}

fn ints(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<BigInt>> {
    args.iter().map(|&v| to_bigint(vm, v)).collect()
}

fn gcd(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let v = ints(vm, args)?;
    Ok(from_bigint(intmath::gcd(&v)))
}

fn lcm(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let v = ints(vm, args)?;
    Ok(from_bigint(intmath::lcm(&v)))
}

fn comb(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("comb expected 2 arguments, got {}", args.len())));
    }
    let v = ints(vm, args)?;
    big_result(vm, intmath::comb(&v[0], &v[1]))
}

fn perm(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        let n = args.len();
        let msg = if n == 0 {
            "perm expected at least 1 argument, got 0".to_string()
        } else {
            format!("perm expected at most 2 arguments, got {n}")
        };
        return Err(vm.type_error(msg));
    }
    let v = ints(vm, args)?;
    big_result(vm, intmath::perm(&v[0], v.get(1)))
}

fn floats_of(vm: &mut Vm, v: Value) -> PyResult<Vec<f64>> {
    let items = vm.collect_iter(v)?;
    let _g = crate::gc::roots::root_all(&items);
    items.into_iter().map(|x| to_f64(vm, x)).collect()
}

fn fsum(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.fsum", args, 1, 1)?;
    let xs = floats_of(vm, args[0])?;
    sums::fsum(xs)
        .map(Value::Float)
        .map_err(|e| math_error(vm, e))
}

fn hypot(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let xs: Vec<f64> = args
        .iter()
        .map(|&v| to_f64(vm, v))
        .collect::<PyResult<_>>()?;
    Ok(Value::Float(sums::hypot(&xs)))
}

fn dist(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("dist expected 2 arguments, got {}", args.len())));
    }
    let _g = crate::gc::roots::root_all(args);
    let p = floats_of(vm, args[0])?;
    let q = floats_of(vm, args[1])?;
    sums::dist(&p, &q)
        .map(Value::Float)
        .map_err(|e| math_error(vm, e))
}

fn prod(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    conv::check_kwargs(vm, "prod", kwargs, &["start"])?;
    check(vm, "prod", args, 1, 1)?;
    let mut acc = crate::builtins::args::kw(kwargs, "start").unwrap_or(Value::Int(1));
    let items = vm.collect_iter(args[0])?;
    let _g = crate::gc::roots::root_all(&items);
    for x in items {
        let _a = crate::gc::roots::root(acc);
        acc = binary(vm, BinOp::Mul, acc, x, false)?;
    }
    Ok(acc)
}

fn isclose(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    conv::check_kwargs(vm, "isclose", kwargs, &["a", "b", "rel_tol", "abs_tol"])?;
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let (Some(a), Some(b)) = (
        conv::arg(args, kwargs, 0, "a"),
        conv::arg(args, kwargs, 1, "b"),
    ) else {
        return Err(vm.type_error("isclose() missing required argument"));
    };
    let a = to_f64(vm, a)?;
    let b = to_f64(vm, b)?;
    let rel = match crate::builtins::args::kw(kwargs, "rel_tol") {
        Some(v) => to_f64(vm, v)?,
        None => 1e-9,
    };
    let abs = match crate::builtins::args::kw(kwargs, "abs_tol") {
        Some(v) => to_f64(vm, v)?,
        None => 0.0,
    };
    m::isclose(a, b, rel, abs)
        .map(Value::Bool)
        .map_err(|e| math_error(vm, e))
}

fn predicate(vm: &mut Vm, args: &[Value], name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    check_one(vm, name, args)?;
    let x = to_f64(vm, args[0])?;
    Ok(Value::Bool(f(x)))
}

fn isnan(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    predicate(vm, args, "isnan", f64::is_nan)
}

fn isinf(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    predicate(vm, args, "isinf", f64::is_infinite)
}

fn isfinite(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    predicate(vm, args, "isfinite", f64::is_finite)
}

fn modf(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.modf", args, 1, 1)?;
    let x = to_f64(vm, args[0])?;
    let (f, i) = m::modf(x);
    Ok(alloc::tuple(vec![Value::Float(f), Value::Float(i)]))
}

fn frexp(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "math.frexp", args, 1, 1)?;
    let x = to_f64(vm, args[0])?;
    let (f, e) = m::frexp(x);
    Ok(alloc::tuple(vec![Value::Float(f), Value::Int(e)]))
}

fn ldexp(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.type_error(format!("ldexp expected 2 arguments, got {}", args.len())));
    }
    let x = to_f64(vm, args[0])?;
    if !is_int(args[1]) {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    }
    // Exponents beyond i64 behave like the clamped value (overflow or underflow).
    let e = vm.to_index(args[1])?;
    m::ldexp(x, e)
        .map(Value::Float)
        .map_err(|err| math_error(vm, err))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("floor", floor),
    ("ceil", ceil),
    ("trunc", trunc),
    ("log", log),
    ("log2", log2),
    ("log10", log10),
    ("factorial", factorial),
    ("isqrt", isqrt),
    ("gcd", gcd),
    ("lcm", lcm),
    ("comb", comb),
    ("perm", perm),
    ("fsum", fsum),
    ("hypot", hypot),
    ("dist", dist),
    ("prod", prod),
    ("isclose", isclose),
    ("isnan", isnan),
    ("isinf", isinf),
    ("isfinite", isfinite),
    ("modf", modf),
    ("frexp", frexp),
    ("ldexp", ldexp),
];

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    for table in [UNARY, BINARY, FUNCTIONS] {
        conv::add_functions(vm, d, table)?;
    }
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        vm.dict_set_str(d, name, Value::Float(v))?;
    }
    Ok(())
}
