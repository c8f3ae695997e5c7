//! `str % args` and `bytes % args`: the object side of `crate::format::percent` (str/repr,
//! `int()`, `__index__`, `float()` of each argument, mapping lookups). `bytes % args` runs the
//! same kernel over a Latin-1 view of the bytes (one char per byte) and encodes back, so both
//! share CPython's parser and layout.

use crate::format::percent::{percent_format, Args, Operand, Operands};
use crate::format::FormatError;
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::int::to_bigint;
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::ops::protocol::dunder_of;
use crate::vm::Vm;
use num_bigint::BigInt;

/// A Python exception raised by an operand, or a kernel error still to be raised.
enum Err {
    Py(PyErr),
    Fmt(FormatError),
}

struct Ops<'a> {
    vm: &'a mut Vm,
    bytes: bool,
}

fn fail(e: FormatError) -> Err {
    Err::Fmt(e)
}

fn py<T>(r: PyResult<T>) -> Result<T, Err> {
    r.map_err(Err::Py)
}

impl Ops<'_> {
    /// `%s` of a bytes format: the bytes of a bytes-like object (or `__bytes__`), as Latin-1.
    fn bytes_text(&mut self, v: Value) -> Result<String, Err> {
        if let Some(b) = super::bytes_methods::data_of(v) {
            return Ok(latin1(&b));
        }
        if let Some(f) = dunder_of(v, "__bytes__") {
            let r = py(self.vm.call(f, &[v], &[]))?;
            if let Some(b) = super::bytes_methods::data_of(r) {
                return Ok(latin1(&b));
            }
        }
        let e = self.vm.type_error(format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            type_name(v)
        ));
        Err(Err::Py(e))
    }
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

impl From<FormatError> for Err {
    fn from(e: FormatError) -> Err {
        Err::Fmt(e)
    }
}

impl Operands<Value> for Ops<'_> {
    type Error = Err;

    fn lookup(&mut self, mapping: &Value, key: &str) -> Result<Value, Err> {
        let k = if self.bytes {
            alloc::bytes(key.chars().map(|c| c as u8).collect())
        } else {
            alloc::str(key)
        };
        let r = self.vm.getitem(*mapping, k);
        py(r)
    }

    fn convert(&mut self, v: &Value, code: char) -> Result<Operand, Err> {
        let v = *v;
        match code {
            's' | 'b' if self.bytes => Ok(Operand::Text(self.bytes_text(v)?)),
            's' => Ok(Operand::Text(py(self.vm.str(v))?)),
            'r' | 'a' => {
                let r = py(self.vm.repr(v))?;
                Ok(Operand::Text(if code == 'a' || self.bytes {
                    crate::vm::ops::repr::ascii(&r)
                } else {
                    r
                }))
            }
            'c' => {
                if self.bytes {
                    if let Some(b) = super::bytes_methods::data_of(v) {
                        if b.len() == 1 {
                            return Ok(Operand::Text(latin1(&b)));
                        }
                    }
                    return match to_bigint(v) {
                        Some(i) if i >= BigInt::from(0) && i < BigInt::from(256) => {
                            Ok(Operand::Int(i))
                        }
                        Some(_) => {
                            let e = self.vm.overflow_error("%c arg not in range(256)");
                            Err(Err::Py(e))
                        }
                        None => {
                            let e = self.vm.type_error(
                                "%c requires an integer in range(256) or a single byte",
                            );
                            Err(Err::Py(e))
                        }
                    };
                }
                if let Some(s) = str_of(v) {
                    return Ok(Operand::Text(s.to_string()));
                }
                match to_bigint(v) {
                    Some(i) => Ok(Operand::Int(i)),
                    None => Err(fail(FormatError::PercentCRequiresIntOrChar)),
                }
            }
            'd' | 'i' | 'u' => match v {
                Value::Float(f) => {
                    let i = py(self.vm.float_to_int(f))?;
                    Ok(Operand::Int(to_bigint(i).unwrap_or_default()))
                }
                _ => match to_bigint(v) {
                    Some(b) => Ok(Operand::Int(b)),
                    None => {
                        for name in ["__int__", "__index__"] {
                            if let Some(f) = dunder_of(v, name) {
                                let r = py(self.vm.call(f, &[v], &[]))?;
                                if let Some(b) = to_bigint(r) {
                                    return Ok(Operand::Int(b));
                                }
                            }
                        }
                        Err(fail(FormatError::RealNumberRequired {
                            code,
                            type_name: type_name(v),
                        }))
                    }
                },
            },
            'o' | 'x' | 'X' => match to_bigint(v) {
                Some(b) => Ok(Operand::Int(b)),
                None => {
                    if dunder_of(v, "__index__").is_some() {
                        let i = py(self.vm.to_index(v))?;
                        return Ok(Operand::Int(BigInt::from(i)));
                    }
                    Err(fail(FormatError::IntegerRequired {
                        code,
                        type_name: type_name(v),
                    }))
                }
            },
            _ => match v {
                Value::Float(f) => Ok(Operand::Float(f)),
                _ => {
                    if let Some(b) = to_bigint(v) {
                        return match crate::format::int_to_f64(&b) {
                            Ok(f) => Ok(Operand::Float(f)),
                            Err(e) => Err(fail(e)),
                        };
                    }
                    if let Some(f) = dunder_of(v, "__float__") {
                        if let Value::Float(x) = py(self.vm.call(f, &[v], &[]))? {
                            return Ok(Operand::Float(x));
                        }
                    }
                    Err(fail(FormatError::MustBeRealNumber {
                        type_name: type_name(v),
                    }))
                }
            },
        }
    }

    fn star_int(&mut self, v: &Value) -> Option<BigInt> {
        to_bigint(*v)
    }
}

fn args_of(vm: &Vm, args: Value) -> Args<Value> {
    if let Value::Object(o) = args {
        if let Kind::Tuple(t) = &o.kind {
            return Args::Tuple(t.to_vec());
        }
    }
    let is_mapping = match args {
        Value::Object(o) => {
            matches!(o.kind, Kind::Dict(_))
                || (!matches!(o.kind, Kind::Str(_) | Kind::Tuple(_)) && {
                    let cls = o.cls.get();
                    crate::runtime::class::lookup(cls, crate::runtime::str::intern("__getitem__"))
                        .is_some()
                })
        }
        _ => false,
    };
    let _ = vm;
    Args::Single {
        value: args,
        is_mapping,
    }
}

fn run(vm: &mut Vm, fmt: &str, args: Value, bytes: bool) -> PyResult<String> {
    let _g = roots::root(args);
    let a = args_of(vm, args);
    let mut ops = Ops {
        vm: &mut *vm,
        bytes,
    };
    let r = percent_format(fmt, a, &mut ops);
    match r {
        Ok(s) => Ok(s),
        Err(Err::Py(e)) => Err(e),
        Err(Err::Fmt(e)) => Err(vm.format_error(e)),
    }
}

/// `fmt % args` for a str format.
pub fn format_str(vm: &mut Vm, fmt: &str, args: Value) -> PyResult<Value> {
    run(vm, fmt, args, false).map(alloc::str)
}

/// `fmt % args` for a bytes or bytearray format (the result has the format's type).
pub fn format_bytes(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let data = super::bytes_methods::data_of(fmt).unwrap_or_default();
    let out = run(vm, &latin1(&data), args, true)?;
    let b: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
    Ok(
        if matches!(fmt, Value::Object(o) if matches!(o.kind, Kind::ByteArray(_))) {
            super::bytes_methods::bytearray(b)
        } else {
            alloc::bytes(b)
        },
    )
}
