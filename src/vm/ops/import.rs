//! The import instructions: `ImportName` (`__import__`: resolve a relative name, import every
//! dotted part, pull fromlist submodules of a package), `ImportFrom` (an attribute, else the
//! submodule in `sys.modules`, else CPython's ImportError) and `ImportStar`. Finding and running
//! modules is `crate::import`.

use crate::gc::ObjRef;
use crate::runtime::exception::PyResult;
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::Vm;

impl Vm {
    pub fn import_name(&mut self, name: ObjRef, fromlist: Value, level: u8) -> PyResult<Value> {
        let name = str_of(Value::Object(name)).unwrap_or("").to_string();
        let globals = match self.frames.last() {
            Some(f) => Value::Object(f.globals),
            None => Value::None,
        };
        self.import_in(&name, globals, fromlist, level as usize)
    }

    /// `__import__(name, globals, locals, fromlist, level)`: a relative name is resolved
    /// against the package `globals` belong to.
    pub fn import_in(
        &mut self,
        name: &str,
        globals: Value,
        fromlist: Value,
        level: usize,
    ) -> PyResult<Value> {
        let full = if level > 0 {
            let package = self.current_package(globals)?;
            self.resolve_name(name, &package, level)?
        } else {
            if name.is_empty() {
                return Err(self.value_error("Empty module name"));
            }
            name.to_string()
        };
        let module = self.import_module(&full)?;
        let fromlist = if fromlist.is_none() {
            Vec::new()
        } else {
            self.seq_items(fromlist)
        };
        if fromlist.is_empty() {
            // `import a.b.c` binds `a`; its parents were imported on the way.
            let top = full.split('.').next().unwrap_or(&full);
            return self.import_module(top);
        }
        let _root = crate::gc::roots::root(module);
        self.handle_fromlist(module, &fromlist, false)?;
        Ok(module)
    }

    /// `_handle_fromlist`: names in the fromlist of a package that are not attributes yet are
    /// imported as submodules; a missing one is left for `ImportFrom` to report.
    fn handle_fromlist(
        &mut self,
        module: Value,
        fromlist: &[Value],
        recursive: bool,
    ) -> PyResult<()> {
        if self.getattr_opt(module, intern("__path__"))?.is_none() {
            return Ok(());
        }
        let mname = self.module_name(module);
        for &x in fromlist {
            let Some(x) = str_of(x).map(str::to_string) else {
                continue;
            };
            if x == "*" {
                if !recursive {
                    if let Some(all) = self.getattr_opt(module, intern("__all__"))? {
                        let items = self.collect_iter(all)?;
                        let _root = crate::gc::roots::root_all(&items);
                        self.handle_fromlist(module, &items, true)?;
                    }
                }
                continue;
            }
            if self.getattr_opt(module, intern(&x))?.is_some() {
                continue;
            }
            let sub = format!("{mname}.{x}");
            if let Err(e) = self.import_module(&sub) {
                // Only the submodule itself being absent is tolerated, not a failing import
                // inside it (`_handle_fromlist` compares `exc.name`; the message says as much).
                let missing = self.exc_matches(e, types().module_not_found_error)
                    && self
                        .str(Value::Object(e.0))
                        .is_ok_and(|m| m == format!("No module named '{sub}'"));
                if !missing {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    fn module_name(&mut self, module: Value) -> String {
        match self.getattr_opt(module, intern("__name__")) {
            Ok(Some(n)) => str_of(n).unwrap_or("").to_string(),
            _ => String::new(),
        }
    }

    pub fn import_from(&mut self, module: Value, name: ObjRef) -> PyResult<Value> {
        if let Some(v) = self.getattr_opt(module, name)? {
            return Ok(v);
        }
        let n = str_of(Value::Object(name)).unwrap_or("?").to_string();
        let mname = self.module_name(module);
        let modules = Value::Object(self.modules);
        if let Some(v) = self.dict_get_str(modules, intern(&format!("{mname}.{n}"))) {
            return Ok(v);
        }
        let file = match self.getattr_opt(module, intern("__file__"))? {
            Some(f) => str_of(f).map(str::to_string),
            None => None,
        };
        let location = file
            .clone()
            .unwrap_or_else(|| "unknown location".to_string());
        let msg = if crate::import::is_initializing(&mname) {
            format!(
                "cannot import name '{n}' from partially initialized module '{mname}' \
                 (most likely due to a circular import) ({location})"
            )
        } else {
            format!("cannot import name '{n}' from '{mname}' ({location})")
        };
        Err(crate::import::import_error(
            types().import_error,
            msg,
            Some(&mname),
            file.as_deref(),
        ))
    }

    pub fn import_star(&mut self, module: Value, locals: Value) -> PyResult<()> {
        let d = crate::stdlib::module_dict(module);
        if d.is_none() {
            return Ok(());
        }
        let names: Vec<Value> = match self.dict_get_str(d, intern("__all__")) {
            Some(a) => self.collect_iter(a)?,
            None => self
                .dict_keys(d)
                .into_iter()
                .filter(|k| !str_of(*k).unwrap_or("_").starts_with('_'))
                .collect(),
        };
        let _root = crate::gc::roots::root_all(&names);
        for n in names {
            let Value::Object(key) = n else {
                return Err(self.type_error("attribute name must be string"));
            };
            let v = self.getattr(module, key)?;
            self.setitem(locals, n, v)?;
        }
        Ok(())
    }
}
