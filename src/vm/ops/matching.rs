//! The `match` statement's helpers: mapping/sequence tests, key extraction, class patterns.

use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::class::{is_subtype, lookup, type_obj, Layout};
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::Vm;

impl Vm {
    pub fn is_mapping(&self, v: Value) -> bool {
        matches!(v, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
    }

    pub fn is_match_sequence(&self, v: Value) -> bool {
        match v {
            Value::Object(o) => {
                matches!(o.kind, Kind::List(_) | Kind::Tuple(_) | Kind::Range { .. })
                    || (type_obj(o.cls.get()).heap
                        && matches!(type_obj(o.cls.get()).layout, Layout::List | Layout::Tuple))
            }
            _ => false,
        }
    }

    pub fn match_keys(&mut self, subject: Value, keys: Value) -> PyResult<Value> {
        let keys = self.seq_items(keys);
        let mut out = Vec::with_capacity(keys.len());
        let _g = roots::root_all(&keys);
        for k in keys {
            match self.dict_get(subject, k)? {
                Some(v) => out.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(alloc::tuple(out))
    }

    pub fn match_class(
        &mut self,
        subject: Value,
        cls: Value,
        names: Value,
        nargs: usize,
    ) -> PyResult<Value> {
        let Value::Object(c) = cls else {
            return Err(self.type_error("called match pattern must be a class"));
        };
        if !matches!(c.kind, Kind::Type(_)) {
            return Err(self.type_error("called match pattern must be a class"));
        }
        if !is_subtype(type_of(subject), c) {
            return Ok(Value::None);
        }
        let mut out = Vec::new();
        if nargs > 0 {
            let layout = type_obj(c).layout;
            let self_match = !type_obj(c).heap
                && matches!(
                    layout,
                    Layout::Int
                        | Layout::Bool
                        | Layout::Float
                        | Layout::Str
                        | Layout::Bytes
                        | Layout::List
                        | Layout::Tuple
                        | Layout::Dict
                        | Layout::Set
                        | Layout::FrozenSet
                );
            let match_args = lookup(c, intern("__match_args__"));
            match match_args {
                Some(ma) => {
                    let names_list = self.seq_items(ma);
                    if nargs > names_list.len() {
                        return Err(self.type_error(format!(
                            "{}() accepts {} positional sub-pattern{} ({nargs} given)",
                            type_obj(c).name.borrow(),
                            names_list.len(),
                            if names_list.len() == 1 { "" } else { "s" }
                        )));
                    }
                    for n in names_list.iter().take(nargs) {
                        let name = intern(str_of(*n).unwrap_or(""));
                        match self.getattr_opt(subject, name)? {
                            Some(v) => out.push(v),
                            None => return Ok(Value::None),
                        }
                    }
                }
                None if self_match && nargs == 1 => out.push(subject),
                None => {
                    return Err(self.type_error(format!(
                        "{}() accepts 0 positional sub-patterns ({nargs} given)",
                        type_obj(c).name.borrow()
                    )))
                }
            }
        }
        for n in self.seq_items(names) {
            let name = intern(str_of(n).unwrap_or(""));
            match self.getattr_opt(subject, name)? {
                Some(v) => out.push(v),
                None => return Ok(Value::None),
            }
        }
        let _ = types();
        let _ = type_name(subject);
        Ok(alloc::tuple(out))
    }

    pub fn copy_dict_without(&mut self, subject: Value, keys: Value) -> PyResult<Value> {
        let d = alloc::dict();
        let _g = roots::root(d);
        self.dict_update(d, subject)?;
        for k in self.seq_items(keys) {
            self.dict_del(d, k)?;
        }
        Ok(d)
    }
}
