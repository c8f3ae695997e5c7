//! The `time` module's clocks and `sleep`. Wall-clock time comes from the system clock; the
//! monotonic clocks (`perf_counter`, `monotonic`) count from the first use in the process;
//! `process_time` reads the running thread's CPU time from `/proc/thread-self/schedstat`
//! (the interpreter runs on one thread), falling back to the monotonic clock elsewhere.

use super::conv::{self, to_f64};
use crate::builtins::args::check;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::int::from_bigint;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn epoch_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn monotonic_ns_raw() -> i128 {
    thread_local! {
        static START: Instant = Instant::now();
    }
    // Offset by one second so the first reading is not zero (CPython's never is).
    START.with(|s| s.elapsed().as_nanos() as i128 + 1_000_000_000)
}

fn cpu_ns() -> i128 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok();
    stat.and_then(|s| s.split_whitespace().next()?.parse::<i128>().ok())
        .unwrap_or_else(monotonic_ns_raw)
}

fn ns_value(ns: i128) -> Value {
    match i64::try_from(ns) {
        Ok(i) => Value::Int(i),
        Err(_) => from_bigint(ns.into()),
    }
}

/// Defines a float-seconds and an `_ns` native per clock, and the table of both.
macro_rules! clocks {
    ($($name:ident, $ns_name:ident => $src:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
                check(vm, stringify!($name), args, 0, 0)?;
                Ok(Value::Float($src() as f64 / 1e9))
            }
            fn $ns_name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
                check(vm, stringify!($ns_name), args, 0, 0)?;
                Ok(ns_value($src()))
            }
        )*
        const CLOCKS: &[(&str, NativeFn)] =
            &[$((stringify!($name), $name), (stringify!($ns_name), $ns_name),)*];
    };
}

clocks! {
    time, time_ns => epoch_ns;
    perf_counter, perf_counter_ns => monotonic_ns_raw;
    monotonic, monotonic_ns => monotonic_ns_raw;
    process_time, process_time_ns => cpu_ns;
    thread_time, thread_time_ns => cpu_ns;
}

fn sleep(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "sleep", args, 1, 1)?;
    let secs = to_f64(vm, args[0])?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 1e12 {
        return Err(vm.overflow_error("sleep length is too large"));
    }
    std::thread::sleep(Duration::from_secs_f64(secs));
    Ok(Value::None)
}

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    conv::add_functions(vm, d, CLOCKS)?;
    conv::add_functions(vm, d, &[("sleep", sleep)])
}
