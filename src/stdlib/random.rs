//! `_random`: the generator core behind the embedded `random` module. Generators live in a
//! per-thread table and Python's `Random` instances hold their index (a `Random` object has no
//! native payload slot); every function takes that handle first. The draws and algorithms are
//! `numeric::random`'s (CPython's Mersenne Twister, seeding and Lib/random.py 3.11), so a
//! seeded generator reproduces CPython's sequences.
//!
//! A generator's table entry lives as long as the thread (they are 2.5 KB each; programs make
//! few), so a handle is always valid once issued.

use super::conv::{self, math_error, to_bigint, to_f64};
use crate::builtins::args::check;
use crate::numeric::random::algorithms::Weights;
use crate::numeric::random::{Random, Seed};
use crate::numeric::MathError;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::int::{from_bigint, is_int};
use crate::runtime::object::Kind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::RefCell;

thread_local! {
    static GENERATORS: RefCell<Vec<Random>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on the generator behind handle `args[0]`.
fn with_rng<T>(vm: &mut Vm, args: &[Value], f: impl FnOnce(&mut Random) -> T) -> PyResult<T> {
    let h = match args.first() {
        Some(Value::Int(h)) if *h >= 0 => *h as usize,
        _ => return Err(vm.type_error("invalid generator handle")),
    };
    let r = GENERATORS.with(|g| g.borrow_mut().get_mut(h).map(f));
    r.ok_or_else(|| vm.value_error("invalid generator handle"))
}

fn seed_of(vm: &mut Vm, a: Value) -> PyResult<Option<SeedArg>> {
    Ok(Some(match a {
        Value::None => return Ok(None),
        Value::Float(_) => SeedArg::Hash(vm.hash(a)?),
        _ if is_int(a) => SeedArg::Int(to_bigint(vm, a)?),
        Value::Object(o) => match &o.kind {
            Kind::Str(s) => SeedArg::Bytes(s.as_str().as_bytes().to_vec()),
            Kind::Bytes(b) => SeedArg::Bytes(b.to_vec()),
            _ => return Err(seed_type_error(vm)),
        },
        _ => return Err(seed_type_error(vm)),
    }))
}

fn seed_type_error(vm: &mut Vm) -> crate::runtime::exception::PyErr {
    vm.type_error(
        "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
    )
}

enum SeedArg {
    Int(BigInt),
    Bytes(Vec<u8>),
    Hash(i64),
}

fn apply_seed(rng: &mut Random, s: &Option<SeedArg>) {
    rng.seed(match s {
        None => Seed::Entropy,
        Some(SeedArg::Int(n)) => Seed::Int(n),
        Some(SeedArg::Bytes(b)) => Seed::Bytes(b),
        Some(SeedArg::Hash(h)) => Seed::Hash(*h),
    });
}

/// `new(seed)` → a fresh generator's handle.
fn new(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let s = seed_of(vm, args.first().copied().unwrap_or(Value::None))?;
    let mut rng = Random::new(Seed::Int(&BigInt::from(0)));
    apply_seed(&mut rng, &s);
    let h = GENERATORS.with(|g| {
        let mut g = g.borrow_mut();
        g.push(rng);
        g.len() - 1
    });
    Ok(Value::Int(h as i64))
}

fn seed(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let s = seed_of(vm, args.get(1).copied().unwrap_or(Value::None))?;
    with_rng(vm, args, |r| apply_seed(r, &s))?;
    Ok(Value::None)
}

fn random(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    with_rng(vm, args, |r| Value::Float(r.random()))
}

fn big(vm: &mut Vm, r: Result<BigInt, MathError>) -> PyResult<Value> {
    r.map(from_bigint).map_err(|e| math_error(vm, e))
}

fn getrandbits(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "getrandbits", args, 2, 2)?;
    let k = to_bigint(vm, args[1])?;
    let r = with_rng(vm, args, |r| r.getrandbits(&k))?;
    big(vm, r)
}

fn randbelow(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "_randbelow", args, 2, 2)?;
    let n = to_bigint(vm, args[1])?;
    if n <= BigInt::from(0) {
        return Ok(Value::Int(0));
    }
    let r = with_rng(vm, args, |r| r.randbelow(&n))?;
    big(vm, r)
}

/// A randrange bound: an int, or (deprecated in 3.11) an integral float.
fn range_arg(vm: &mut Vm, v: Value, what: &'static str) -> PyResult<BigInt> {
    if let Value::Float(f) = v {
        if f.fract() == 0.0 && f.is_finite() {
            return Ok(num_traits::FromPrimitive::from_f64(f).unwrap_or_default());
        }
        return Err(math_error(vm, MathError::RangeNotInteger(what)));
    }
    to_bigint(vm, v)
}

/// `randrange(h, start, stop, step)` with `None` for an absent stop/step.
fn randrange(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "randrange", args, 4, 4)?;
    let start = range_arg(vm, args[1], "arg 1")?;
    let stop = if args[2].is_none() {
        None
    } else {
        Some(range_arg(vm, args[2], "stop")?)
    };
    let step = if args[3].is_none() {
        None
    } else {
        Some(range_arg(vm, args[3], "step")?)
    };
    let r = with_rng(vm, args, |r| {
        r.randrange(&start, stop.as_ref(), step.as_ref())
    })?;
    big(vm, r)
}

fn usize_arg(vm: &mut Vm, v: Value) -> PyResult<usize> {
    let n = vm.to_index(v)?;
    usize::try_from(n).map_err(|_| vm.value_error("negative count"))
}

/// `choice(h, n)` → the index to take from a sequence of length `n`.
fn choice(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "choice", args, 2, 2)?;
    let n = usize_arg(vm, args[1])?;
    let r = with_rng(vm, args, |r| r.choice(n))?;
    r.map(|i| Value::Int(i as i64))
        .map_err(|e| math_error(vm, e))
}

/// `shuffle(h, lst)` for a list, in place.
fn shuffle(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "shuffle", args, 2, 2)?;
    let Some(Kind::List(l)) = args[1].as_obj().map(|o| &o.get().kind) else {
        return Err(vm.type_error("shuffle() needs a list"));
    };
    let mut items = l.borrow().clone();
    with_rng(vm, args, |r| r.shuffle(&mut items))?;
    *l.borrow_mut() = items;
    Ok(Value::None)
}

fn index_list(ix: Vec<usize>) -> Value {
    alloc::list(ix.into_iter().map(|i| Value::Int(i as i64)).collect())
}

/// `sample(h, n, k, counts)` → the chosen indices (into `range(n)`, or into the population
/// weighted by `counts` when that is a list).
fn sample(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "sample", args, 4, 4)?;
    let n = usize_arg(vm, args[1])?;
    let k = to_bigint(vm, args[2])?;
    let r = if args[3].is_none() {
        with_rng(vm, args, |r| r.sample(n, &k))?
    } else {
        let items = vm.collect_iter(args[3])?;
        let mut counts = Vec::with_capacity(n);
        for c in items {
            if !is_int(c) {
                return Err(math_error(vm, MathError::CountsIntegers));
            }
            counts.push(to_bigint(vm, c)?);
        }
        with_rng(vm, args, |r| r.sample_counts(n, &counts, &k))?
    };
    r.map(index_list).map_err(|e| math_error(vm, e))
}

/// `choices(h, n, weights, cum_weights, k)` → indices.
fn choices(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "choices", args, 5, 5)?;
    let n = usize_arg(vm, args[1])?;
    let k = usize_arg(vm, args[4])?;
    let floats = |vm: &mut Vm, v: Value| -> PyResult<Option<Vec<f64>>> {
        if v.is_none() {
            return Ok(None);
        }
        let items = vm.collect_iter(v)?;
        let _g = crate::gc::roots::root_all(&items);
        items
            .into_iter()
            .map(|x| to_f64(vm, x))
            .collect::<PyResult<Vec<_>>>()
            .map(Some)
    };
    let w = floats(vm, args[2])?;
    let cw = floats(vm, args[3])?;
    let weights = match (&w, &cw) {
        (None, None) => Weights::None,
        (Some(w), None) => Weights::Relative(w),
        (None, Some(c)) => Weights::Cumulative(c),
        (Some(_), Some(_)) => return Err(math_error(vm, MathError::WeightsWithCum)),
    };
    // CPython fails indexing the empty cumulative list; without weights the caller's own
    // indexing of the empty population fails.
    if n == 0 && !matches!(weights, Weights::None) {
        return Err(vm.index_error("list index out of range"));
    }
    let r = with_rng(vm, args, |r| r.choices(n, weights, k))?;
    r.map(index_list).map_err(|e| math_error(vm, e))
}

fn randbytes(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "randbytes", args, 2, 2)?;
    let n = usize_arg(vm, args[1])?;
    let r = with_rng(vm, args, |r| r.randbytes(n))?;
    r.map(alloc::bytes).map_err(|e| math_error(vm, e))
}

/// Distributions: handle plus float parameters.
fn floats(vm: &mut Vm, name: &str, args: &[Value], n: usize) -> PyResult<Vec<f64>> {
    check(vm, name, args, n + 1, n + 1)?;
    args[1..].iter().map(|&v| to_f64(vm, v)).collect()
}

macro_rules! distributions {
    ($($name:ident($($p:ident),*) => $body:expr;)*) => {
        $(fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            let n = [$(stringify!($p)),*].len();
            let xs = floats(vm, stringify!($name), args, n)?;
            let mut it = xs.into_iter();
            $(let $p = it.next().unwrap_or(0.0);)*
            let r: Result<f64, MathError> = with_rng(vm, args, |r| $body(r, $($p),*))?;
            r.map(Value::Float).map_err(|e| math_error(vm, e))
        })*
        const DISTRIBUTIONS: &[(&str, NativeFn)] = &[$((stringify!($name), $name),)*];
    };
}

distributions! {
    uniform(a, b) => |r: &mut Random, a, b| Ok(r.uniform(a, b));
    normalvariate(mu, sigma) => |r: &mut Random, mu, sigma| Ok(r.normalvariate(mu, sigma));
    gauss(mu, sigma) => |r: &mut Random, mu, sigma| Ok(r.gauss(mu, sigma));
    lognormvariate(mu, sigma) => |r: &mut Random, mu, sigma| Ok(r.lognormvariate(mu, sigma));
    expovariate(lambd) => |r: &mut Random, l| r.expovariate(l);
    vonmisesvariate(mu, kappa) => |r: &mut Random, mu, kappa| Ok(r.vonmisesvariate(mu, kappa));
    gammavariate(alpha, beta) => |r: &mut Random, a, b| r.gammavariate(a, b);
    betavariate(alpha, beta) => |r: &mut Random, a, b| r.betavariate(a, b);
    paretovariate(alpha) => |r: &mut Random, a| r.paretovariate(a);
    weibullvariate(alpha, beta) => |r: &mut Random, a, b| r.weibullvariate(a, b);
}

/// `triangular(h, low, high, mode)` with `mode` possibly `None`.
fn triangular(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "triangular", args, 4, 4)?;
    let low = to_f64(vm, args[1])?;
    let high = to_f64(vm, args[2])?;
    let mode = if args[3].is_none() {
        None
    } else {
        Some(to_f64(vm, args[3])?)
    };
    with_rng(vm, args, |r| Value::Float(r.triangular(low, high, mode)))
}

/// `getstate(h)` → `(3, (624 words..., index), gauss_next)` as CPython.
fn getstate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let (mt, index, gauss_next) = with_rng(vm, args, |r| {
        let (mt, index) = r.state();
        (mt, index, r.gauss_next)
    })?;
    let mut words: Vec<Value> = mt.iter().map(|&w| Value::Int(w as i64)).collect();
    words.push(Value::Int(index as i64));
    let g = gauss_next.map_or(Value::None, Value::Float);
    Ok(alloc::tuple(vec![Value::Int(3), alloc::tuple(words), g]))
}

fn setstate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "setstate", args, 2, 2)?;
    let parts = vm.collect_iter(args[1])?;
    let bad = |vm: &mut Vm| vm.value_error("state vector is the wrong size");
    // Version 2 states (Python 2.x pickles) have the same layout once read back.
    if parts.len() != 3 || !matches!(parts[0], Value::Int(2 | 3)) {
        let version = vm.repr(parts.first().copied().unwrap_or(Value::None))?;
        return Err(vm.value_error(format!(
            "state with version {version} passed to Random.setstate() of version 3"
        )));
    }
    let words = vm.collect_iter(parts[1])?;
    if words.len() != 625 {
        return Err(bad(vm));
    }
    let mut mt = [0u32; 624];
    for (slot, &w) in mt.iter_mut().zip(&words) {
        *slot = to_bigint(vm, w)?.to_u32().ok_or_else(|| bad(vm))?;
    }
    let index = to_bigint(vm, words[624])?
        .to_usize()
        .ok_or_else(|| bad(vm))?;
    if index > 624 {
        return Err(vm.value_error("invalid state"));
    }
    let g = match parts[2] {
        Value::None => None,
        v => Some(to_f64(vm, v)?),
    };
    with_rng(vm, args, |r| {
        r.set_state(mt, index);
        r.gauss_next = g;
    })?;
    Ok(Value::None)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("new", new),
    ("seed", seed),
    ("random", random),
    ("getrandbits", getrandbits),
    ("randbelow", randbelow),
    ("randrange", randrange),
    ("choice", choice),
    ("shuffle", shuffle),
    ("sample", sample),
    ("choices", choices),
    ("randbytes", randbytes),
    ("triangular", triangular),
    ("getstate", getstate),
    ("setstate", setstate),
];

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    conv::add_functions(vm, d, FUNCTIONS)?;
    conv::add_functions(vm, d, DISTRIBUTIONS)
}
