//! Methods and attributes of `int` and `float` beyond the operators: exact ratios, byte
//! conversion, hex float text, and the numbers-tower attributes (`real`, `imag`, ...).
//! Float text goes through `crate::format` so it is digit-for-digit CPython's.

use super::args::{check, kw, method_check};
use crate::format;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::int::{from_bigint, to_bigint};
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

fn this_int(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<BigInt> {
    match args.first().and_then(|&v| to_bigint(v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'int' object"))),
    }
}

fn this_float(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<f64> {
    match args.first() {
        Some(Value::Float(f)) => Ok(*f),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'float' object"))),
    }
}

/// An int value with `bool` turned into a plain int (`True.real` is `1`).
fn plain_int(b: BigInt) -> Value {
    from_bigint(b)
}

pub fn int_real(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(plain_int(this_int(vm, args, "real")?))
}

pub fn int_imag(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    this_int(vm, args, "imag")?;
    Ok(Value::Int(0))
}

pub fn int_denominator(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    this_int(vm, args, "denominator")?;
    Ok(Value::Int(1))
}

pub fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "as_integer_ratio", args, 1, 1)?;
    let b = this_int(vm, args, "as_integer_ratio")?;
    Ok(alloc::tuple(vec![plain_int(b), Value::Int(1)]))
}

pub fn int_index(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(plain_int(this_int(vm, args, "__index__")?))
}

fn byteorder(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v.map(|v| (v, str_of(v))) {
        None => Ok(false),
        Some((_, Some("big"))) => Ok(false),
        Some((_, Some("little"))) => Ok(true),
        Some((_, Some(_))) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        Some((v, None)) => Err(vm.type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            type_name(v)
        ))),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub fn int_to_bytes(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "to_bytes", args, 1, 3)?;
    let n = this_int(vm, args, "to_bytes")?;
    let length = match args.get(1).copied().or(kw(kwargs, "length")) {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = byteorder(vm, args.get(2).copied().or(kw(kwargs, "byteorder")))?;
    let signed = match kw(kwargs, "signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if n.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let length = length as usize;
    super::check_alloc(vm, length, 1)?;
    let mut bytes = n.to_signed_bytes_le();
    // Unsigned values may use the top bit: drop the sign byte two's complement adds.
    if !signed && bytes.len() > 1 && bytes.last() == Some(&0) {
        bytes.pop();
    }
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(alloc::bytes(bytes))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a classmethod: args[0] is the class).
pub fn int_from_bytes(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "from_bytes", args, 1, 3)?;
    let Some(src) = args.get(1).copied().or(kw(kwargs, "bytes")) else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let data = super::bytes_methods::bytes_from_object(vm, src)?;
    let little = byteorder(vm, args.get(2).copied().or(kw(kwargs, "byteorder")))?;
    let signed = match kw(kwargs, "signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let n = if signed {
        if little {
            BigInt::from_signed_bytes_le(&data)
        } else {
            BigInt::from_signed_bytes_be(&data)
        }
    } else if little {
        BigInt::from_bytes_le(Sign::Plus, &data)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &data)
    };
    Ok(from_bigint(n))
}

pub fn float_real(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(Value::Float(this_float(vm, args, "real")?))
}

pub fn float_imag(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    this_float(vm, args, "imag")?;
    Ok(Value::Float(0.0))
}

pub fn float_conjugate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    crate::builtins::args::method_check(vm, "conjugate", args, 1, 1)?;
    Ok(Value::Float(this_float(vm, args, "conjugate")?))
}

pub fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "as_integer_ratio", args, 1, 1)?;
    let x = this_float(vm, args, "as_integer_ratio")?;
    match format::float_as_integer_ratio(x) {
        Ok((n, d)) => Ok(alloc::tuple(vec![from_bigint(n), from_bigint(d)])),
        Err(e) => Err(vm.format_error(e)),
    }
}

pub fn float_hex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "hex", args, 1, 1)?;
    let x = this_float(vm, args, "hex")?;
    Ok(alloc::str(format::float_to_hex(x)))
}

/// `float.fromhex(s)` (a classmethod).
pub fn float_fromhex(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "fromhex", args, 2, 2)?;
    let Some(s) = str_of(args[1]) else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(args[1])
        )));
    };
    match format::float_from_hex(s) {
        Ok(f) => Ok(Value::Float(f)),
        Err(e) => Err(vm.format_error(e)),
    }
}

pub fn float_trunc(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let x = this_float(vm, args, "__trunc__")?;
    vm.float_to_int(x)
}

/// `sys.get_int_max_str_digits()`.
pub fn get_int_max_str_digits(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "get_int_max_str_digits", args, 0, 0)?;
    Ok(Value::Int(format::intstr::max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least the threshold (640).
pub fn set_int_max_str_digits(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    check(vm, "set_int_max_str_digits", args, 0, 1)?;
    let Some(v) = args.first().copied().or(kw(kwargs, "maxdigits")) else {
        return Err(
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        );
    };
    let n = vm.to_index(v)?;
    if n != 0 && n < format::intstr::MAX_STR_DIGITS_THRESHOLD as i64 {
        return Err(vm.value_error(format!(
            "maxdigits must be 0 or larger than {}",
            format::intstr::MAX_STR_DIGITS_THRESHOLD
        )));
    }
    format::intstr::set_max_str_digits(n as usize);
    Ok(Value::None)
}
