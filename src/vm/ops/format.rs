//! `format(value, spec)` (builtin types through `crate::format`, user `__format__`) and
//! `str % args`.

use super::protocol::dunder_of;
use crate::format::{self as fmt, FloatCode, FloatFlags, FormatError, FormatSpec, IntRef};
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;

impl Vm {
    pub fn format_error(&mut self, e: FormatError) -> PyErr {
        let cls = match e.kind() {
            fmt::ExcKind::ValueError => types().value_error,
            fmt::ExcKind::OverflowError => types().overflow_error,
            fmt::ExcKind::TypeError => types().type_error,
            fmt::ExcKind::MemoryError => types().memory_error,
        };
        self.new_error(cls, e.to_string())
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        if let Some(f) = dunder_of(v, "__format__") {
            let r = self.call(f, &[v, alloc::str(spec)], &[])?;
            return match str_of(r) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error(format!("__format__ must return a str, not {}", type_name(r)))),
            };
        }
        if spec.is_empty() {
            return self.str(v);
        }
        let tn = type_name(v);
        let r = match v {
            Value::Int(i) => FormatSpec::parse(spec, fmt::Kind::Int, &tn).and_then(|s| fmt::format_int(IntRef::Small(i), &s)),
            Value::Bool(b) => FormatSpec::parse(spec, fmt::Kind::Int, &tn).and_then(|s| {
                if s.ty == Some('s') || s.ty.is_none() {
                    fmt::format_str(if b { "True" } else { "False" }, &s)
                } else {
                    fmt::format_int(IntRef::Small(b as i64), &s)
                }
            }),
            Value::Float(f) => FormatSpec::parse(spec, fmt::Kind::Float, &tn).and_then(|s| fmt::format_float(f, &s)),
            Value::Object(o) => match &o.kind {
                Kind::BigInt(b) => FormatSpec::parse(spec, fmt::Kind::Int, &tn).and_then(|s| fmt::format_int(IntRef::Big(b), &s)),
                Kind::Str(s) => FormatSpec::parse(spec, fmt::Kind::Str, &tn).and_then(|sp| fmt::format_str(s.as_str(), &sp)),
                _ => {
                    return Err(self.type_error(format!("unsupported format string passed to {tn}.__format__")));
                }
            },
            Value::None => {
                return Err(self.type_error("unsupported format string passed to NoneType.__format__"));
            }
        };
        r.map_err(|e| self.format_error(e))
    }
}

fn pad(s: String, width: usize, left: bool, zero: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s;
    }
    let fill = width - n;
    if left {
        format!("{s}{}", " ".repeat(fill))
    } else if zero {
        let (sign, digits) = match s.strip_prefix(['-', '+', ' ']) {
            Some(rest) => (&s[..1], rest),
            None => ("", s.as_str()),
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, f: &str, args: Value) -> PyResult<Value> {
    let is_tuple = matches!(args, Value::Object(o) if matches!(o.kind, Kind::Tuple(_)));
    let items = if is_tuple { vm.seq_items(args) } else { vec![args] };
    let is_map = matches!(args, Value::Object(o) if matches!(o.kind, Kind::Dict(_)));
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    let mut used_map = false;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let start = i + 1;
            let mut depth = 1;
            let mut j = start;
            while j < chars.len() && depth > 0 {
                if chars[j] == '(' {
                    depth += 1;
                } else if chars[j] == ')' {
                    depth -= 1;
                }
                j += 1;
            }
            key = Some(chars[start..j - 1].iter().collect::<String>());
            i = j;
        }
        let (mut left, mut zero, mut plus, mut space, mut alt) = (false, false, false, false, false);
        while let Some(&fc) = chars.get(i) {
            match fc {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                _ => break,
            }
            i += 1;
        }
        let mut take = |vm: &mut Vm| -> PyResult<Value> {
            if let Some(k) = &key {
                used_map = true;
                let kv = alloc::str(k.as_str());
                return vm.getitem(args, kv);
            }
            match items.get(next) {
                Some(&v) => {
                    next += 1;
                    Ok(v)
                }
                None => Err(vm.type_error("not enough arguments for format string")),
            }
        };
        let mut width = 0usize;
        if chars.get(i) == Some(&'*') {
            i += 1;
            let w = take(vm)?;
            width = vm.to_index(w)?.max(0) as usize;
        } else {
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                width = width * 10 + d as usize;
                i += 1;
            }
        }
        let mut prec = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            let mut p = 0usize;
            if chars.get(i) == Some(&'*') {
                i += 1;
                let w = take(vm)?;
                p = vm.to_index(w)?.max(0) as usize;
            } else {
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    p = p * 10 + d as usize;
                    i += 1;
                }
            }
            prec = Some(p);
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = take(vm)?;
        let sign = |neg: bool| if neg { "-" } else if plus { "+" } else if space { " " } else { "" };
        let body = match conv {
            's' => {
                let s = vm.str(v)?;
                match prec {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                }
            }
            'r' | 'a' => vm.repr(v)?,
            'd' | 'i' | 'u' => {
                let n = match v {
                    Value::Float(fl) => {
                        crate::runtime::int::to_bigint(vm.float_to_int(fl)?).unwrap_or_default()
                    }
                    _ => match crate::runtime::int::to_bigint(v) {
                        Some(b) => b,
                        None => {
                            return Err(vm.type_error(format!(
                                "%{conv} format: a real number is required, not {}",
                                type_name(v)
                            )))
                        }
                    },
                };
                let neg = n < num_bigint::BigInt::from(0);
                let digits = n.magnitude().to_string();
                let digits = match prec {
                    Some(p) if digits.len() < p => format!("{}{digits}", "0".repeat(p - digits.len())),
                    _ => digits,
                };
                format!("{}{digits}", sign(neg))
            }
            'x' | 'X' | 'o' => {
                let Some(n) = crate::runtime::int::to_bigint(v) else {
                    return Err(vm.type_error(format!("%{conv} format: an integer is required, not {}", type_name(v))));
                };
                let neg = n < num_bigint::BigInt::from(0);
                let m = n.magnitude();
                let digits = match conv {
                    'x' => format!("{m:x}"),
                    'X' => format!("{m:X}"),
                    _ => format!("{m:o}"),
                };
                let prefix = if alt {
                    match conv {
                        'x' => "0x",
                        'X' => "0X",
                        _ => "0o",
                    }
                } else {
                    ""
                };
                format!("{}{prefix}{digits}", sign(neg))
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match v {
                    Value::Float(x) => x,
                    _ => match crate::runtime::int::to_f64(v) {
                        Some(x) => x,
                        None => {
                            return Err(vm.type_error(format!(
                                "must be real number, not {}",
                                type_name(v)
                            )))
                        }
                    },
                };
                let code = match conv {
                    'e' | 'E' => FloatCode::Exp,
                    'f' | 'F' => FloatCode::Fixed,
                    _ => FloatCode::General,
                };
                let flags = FloatFlags { sign: plus, alt, upper: conv.is_ascii_uppercase(), ..Default::default() };
                let s = fmt::format_float_code(x, code, prec.unwrap_or(6), flags);
                if space && !s.starts_with('-') && !plus {
                    format!(" {s}")
                } else {
                    s
                }
            }
            'c' => match v {
                Value::Int(n) => char::from_u32(n as u32).map(String::from).unwrap_or_default(),
                _ => vm.str(v)?,
            },
            _ => {
                return Err(vm.value_error(format!(
                    "unsupported format character '{conv}' (0x{:x}) at index {}",
                    conv as u32,
                    i - 1
                )))
            }
        };
        let numeric = matches!(conv, 'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G');
        out.push_str(&pad(body, width, left, zero && numeric && !left));
    }
    if !is_map && !used_map && next < items.len() && (is_tuple || next == 0) {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(alloc::str(out))
}
