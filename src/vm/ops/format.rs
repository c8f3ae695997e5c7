//! `format(value, spec)` (builtin types through `crate::format`, user `__format__`) and
//! `str % args`.

use super::protocol::dunder_of;
use crate::format::{self as fmt, FormatError, FormatSpec, IntRef};
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
            fmt::ExcKind::IndexError => types().index_error,
        };
        self.new_error(cls, e.to_string())
    }

    /// `f"{v}"`: an exact str as it is, an int's digits without the format machinery (an int's
    /// `__format__` with an empty spec is `str`), anything else `format(v, "")`.
    pub fn format_simple(&mut self, v: Value) -> PyResult<Value> {
        match v {
            Value::Object(o)
                if matches!(o.kind, Kind::Str(_)) && o.cls.get().ptr_eq(types().str) =>
            {
                Ok(v)
            }
            Value::Int(i) => Ok(alloc::int_str(i)),
            _ => Ok(alloc::str(self.format(v, "")?)),
        }
    }

    /// `f"{v:spec}"` with `spec` already a str (the compiler's constant or a built one).
    pub fn format_with_spec(&mut self, v: Value, spec: Value) -> PyResult<Value> {
        // Borrowed from the spec object, which the caller's register keeps alive.
        let spec = str_of(spec).unwrap_or("");
        let s = self.format(v, spec)?;
        Ok(alloc::str(s))
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        if let Some(f) = dunder_of(v, "__format__") {
            let r = self.call(f, &[v, alloc::str(spec)], &[])?;
            return match str_of(r) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error(format!(
                    "__format__ must return a str, not {}",
                    type_name(r)
                ))),
            };
        }
        if spec.is_empty() {
            return self.str(v);
        }
        // Immediates name their exact type without building the name (it only appears in errors).
        let tn: std::borrow::Cow<'static, str> = match v {
            Value::Int(_) => "int".into(),
            Value::Bool(_) => "bool".into(),
            Value::Float(_) => "float".into(),
            _ => type_name(v).into(),
        };
        let r = match v {
            Value::Int(i) => FormatSpec::parse(spec, fmt::Kind::Int, tn)
                .and_then(|s| fmt::format_int(IntRef::Small(i), &s)),
            Value::Bool(b) => FormatSpec::parse(spec, fmt::Kind::Int, tn).and_then(|s| {
                if s.ty == Some('s') || s.ty.is_none() {
                    fmt::format_str(if b { "True" } else { "False" }, &s)
                } else {
                    fmt::format_int(IntRef::Small(b as i64), &s)
                }
            }),
            Value::Float(f) => {
                FormatSpec::parse(spec, fmt::Kind::Float, tn).and_then(|s| fmt::format_float(f, &s))
            }
            Value::Object(o) => match &o.kind {
                Kind::BigInt(b) => FormatSpec::parse(spec, fmt::Kind::Int, tn)
                    .and_then(|s| fmt::format_int(IntRef::Big(b), &s)),
                Kind::Str(s) => FormatSpec::parse(spec, fmt::Kind::Str, tn)
                    .and_then(|sp| fmt::format_str(s.as_str(), &sp)),
                _ => {
                    return Err(self.type_error(format!(
                        "unsupported format string passed to {tn}.__format__"
                    )));
                }
            },
            Value::None => {
                return Err(
                    self.type_error("unsupported format string passed to NoneType.__format__")
                );
            }
        };
        r.map_err(|e| self.format_error(e))
    }
}

/// `fmt % args` (the object side lives with the builtins, the layout in `crate::format`).
pub fn percent_format(vm: &mut Vm, f: &str, args: Value) -> PyResult<Value> {
    crate::builtins::percent::format_str(vm, f, args)
}
