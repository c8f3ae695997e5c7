//! `import`: `sys.modules` first, then the builtin modules of `stdlib`. (Finding `.py` modules
//! on `sys.path` belongs to the module system.)

use crate::gc::ObjRef;
use crate::runtime::exception::PyResult;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::Vm;

impl Vm {
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        let modules = Value::Object(self.modules);
        if let Some(m) = self.dict_get_str(modules, intern(name)) {
            return Ok(m);
        }
        if let Some(m) = crate::stdlib::load(self, name)? {
            self.dict_set_str(modules, name, m)?;
            return Ok(m);
        }
        let e = self.new_error(types().module_not_found_error, format!("No module named '{name}'"));
        Err(e)
    }

    pub fn import_name(&mut self, name: ObjRef, fromlist: Value, _level: u8) -> PyResult<Value> {
        let full = str_of(Value::Object(name)).unwrap_or("").to_string();
        let mut module = Value::None;
        let mut top = Value::None;
        let mut path = String::new();
        for part in full.split('.') {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
            let m = self.import_module(&path)?;
            if top.is_none() {
                top = m;
            }
            module = m;
        }
        Ok(if fromlist.is_none() { top } else { module })
    }

    pub fn import_from(&mut self, module: Value, name: ObjRef) -> PyResult<Value> {
        match self.getattr_opt(module, name)? {
            Some(v) => Ok(v),
            None => {
                let mname = match module {
                    Value::Object(o) => match &o.kind {
                        Kind::Module { name, .. } => name.clone(),
                        _ => "?".into(),
                    },
                    _ => "?".into(),
                };
                let n = str_of(Value::Object(name)).unwrap_or("?");
                Err(self.new_error(
                    types().import_error,
                    format!("cannot import name '{n}' from '{mname}' (unknown location)"),
                ))
            }
        }
    }

    pub fn import_star(&mut self, module: Value, locals: Value) -> PyResult<()> {
        let Value::Object(o) = module else { return Ok(()) };
        let Kind::Module { dict, .. } = &o.kind else { return Ok(()) };
        let d = Value::Object(*dict);
        let all = self.dict_get_str(d, intern("__all__"));
        let names: Vec<Value> = match all {
            Some(a) => self.collect_iter(a)?,
            None => self.dict_keys(d).into_iter().filter(|k| !str_of(*k).unwrap_or("_").starts_with('_')).collect(),
        };
        for n in names {
            let v = self.getitem(d, n)?;
            self.setitem(locals, n, v)?;
        }
        Ok(())
    }
}
