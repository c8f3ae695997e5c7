//! Unpacking and the argument-building instructions (`*args`, `**kwargs` merging) with
//! CPython's error messages.

use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;

impl Vm {
    /// The name CPython uses for a callable in argument errors (`f()`, `A.m()`).
    /// How CPython's `_PyObject_FunctionStr` names a callee in call errors: `module.qualname()`,
    /// without the module for builtins.
    pub fn func_desc(&mut self, f: Value) -> String {
        let qualified = |module: Option<&str>, qualname: &str| match module {
            Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
            _ => format!("{qualname}()"),
        };
        if let Value::Object(o) = f {
            match &o.kind {
                Kind::Function(fun) => {
                    return qualified(
                        str_of(fun.module.get()),
                        str_of(fun.qualname.get()).unwrap_or("?"),
                    )
                }
                Kind::Builtin(b) => return format!("{}()", b.name),
                Kind::Method { func, .. } => return self.func_desc(*func),
                Kind::Type(t) => {
                    let module = if t.heap {
                        crate::runtime::class::lookup(
                            o,
                            crate::runtime::str::intern_static("__module__"),
                        )
                        .and_then(str_of)
                    } else {
                        None
                    };
                    return qualified(module, &t.qualname.borrow());
                }
                _ => {}
            }
        }
        format!("{} object", type_name(f))
    }

    pub fn star_args_error(&mut self, f: Value, s: Value) -> PyErr {
        let d = self.func_desc(f);
        self.type_error(format!(
            "{d} argument after * must be an iterable, not {}",
            type_name(s)
        ))
    }

    pub fn unpack(&mut self, v: Value, n: usize) -> PyResult<Vec<Value>> {
        if let Value::Object(o) = v {
            if let Kind::Tuple(t) = &o.kind {
                // A subclass's own `__iter__` decides what unpacking it gives.
                if t.len() == n && super::protocol::user_dunder(o.cls.get(), "__iter__").is_none() {
                    return Ok(t.to_vec());
                }
            }
        }
        if !self.is_iterable(v) {
            return Err(self.type_error(format!(
                "cannot unpack non-iterable {} object",
                type_name(v)
            )));
        }
        let it = self.iter(v)?;
        let _g = roots::root(it);
        let mut out = Vec::with_capacity(n);
        let holder = alloc::list(Vec::new());
        let _h = roots::root(holder);
        while out.len() < n {
            match self.next(it)? {
                Some(x) => {
                    out.push(x);
                    if let Value::Object(h) = holder {
                        if let Kind::List(l) = &h.kind {
                            l.borrow_mut().push(x);
                        }
                    }
                }
                None => {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        out.len()
                    )))
                }
            }
        }
        if self.next(it)?.is_some() {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        Ok(out)
    }

    pub fn unpack_ex(&mut self, v: Value, before: usize, after: usize) -> PyResult<Vec<Value>> {
        if !self.is_iterable(v) {
            return Err(self.type_error(format!(
                "cannot unpack non-iterable {} object",
                type_name(v)
            )));
        }
        let items = self.collect_iter(v)?;
        if items.len() < before + after {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let mut out = items[..before].to_vec();
        out.push(alloc::list(items[before..items.len() - after].to_vec()));
        out.extend_from_slice(&items[items.len() - after..]);
        Ok(out)
    }

    pub fn dict_update_op(&mut self, d: Value, src: Value) -> PyResult<()> {
        let is_mapping = matches!(src, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
            || self
                .getattr_opt(src, crate::runtime::str::intern("keys"))?
                .is_some();
        if !is_mapping {
            return Err(self.type_error(format!("'{}' object is not a mapping", type_name(src))));
        }
        self.dict_update(d, src)
    }

    pub fn dict_merge_op(&mut self, d: Value, src: Value, f: Value) -> PyResult<()> {
        let is_mapping = matches!(src, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
            || self
                .getattr_opt(src, crate::runtime::str::intern("keys"))?
                .is_some();
        if !is_mapping {
            let desc = self.func_desc(f);
            return Err(self.type_error(format!(
                "{desc} argument after ** must be a mapping, not {}",
                type_name(src)
            )));
        }
        let tmp = alloc::dict();
        let _g = roots::root(tmp);
        self.dict_update(tmp, src)?;
        for (k, v) in self.dict_items_pairs(tmp) {
            if str_of(k).is_none() {
                return Err(self.type_error("keywords must be strings"));
            }
            if self.dict_get(d, k)?.is_some() {
                let desc = self.func_desc(f);
                return Err(self.type_error(format!(
                    "{desc} got multiple values for keyword argument '{}'",
                    str_of(k).unwrap_or("?")
                )));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }
}
