//! Standard modules written in Python (`src/stdlib/python/*.py`), embedded in the binary: ONE
//! table of name → source. A module is compiled on its first import, entered in `sys.modules`
//! before its body runs (imports among them may cycle, as in CPython) and removed again if the
//! body raises.

use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use std::rc::Rc;

macro_rules! sources {
    ($($name:literal => $file:literal,)*) => {
        /// Embedded Python modules: import name and source text.
        pub const SOURCES: &[(&str, &str)] = &[$(($name, include_str!(concat!("python/", $file))),)*];
    };
}

sources! {
    "abc" => "abc.py",
    "bisect" => "bisect.py",
    "collections" => "collections.py",
    "collections.abc" => "collections_abc.py",
    "copy" => "copy.py",
    "dataclasses" => "dataclasses.py",
    "enum" => "enum.py",
    "functools" => "functools.py",
    "heapq" => "heapq.py",
    "io" => "io.py",
    "itertools" => "itertools.py",
    "json" => "json.py",
    "json.decoder" => "json_decoder.py",
    "json.encoder" => "json_encoder.py",
    "operator" => "operator.py",
    "os" => "os.py",
    "platform" => "platform.py",
    "posixpath" => "posixpath.py",
    "random" => "random.py",
    "re" => "re.py",
    "string" => "string.py",
    "typing" => "typing.py",
}

pub fn source(name: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
}

/// Compiles and runs an embedded module; returns the module object.
pub fn exec(vm: &mut Vm, name: &str, text: &str) -> PyResult<Value> {
    let file = format!("<frozen {name}>");
    let source = SourceFile::new(file.clone(), text);
    let compiled = crate::parser::parse_module(&source)
        .and_then(|m| crate::compiler::compile_module(&m, &source));
    let code = match compiled {
        Ok(c) => c,
        Err(e) => {
            let msg = format!(
                "embedded module {name} does not compile: {}",
                e.render(&source)
            );
            return Err(vm.new_error(crate::runtime::types::types().import_error, msg));
        }
    };
    vm.sources.insert(file, Rc::new(source));
    let rt = CodeRt::new(code);
    vm.pinned_code.push(rt.clone());
    let m = super::new_module(vm, name)?;
    let _g = crate::gc::roots::root(m);
    let d = super::module_dict(m);
    vm.dict_set_str(d, "__builtins__", Value::Object(vm.builtins))?;
    let modules = Value::Object(vm.modules);
    vm.dict_set_str(modules, name, m)?;
    let Value::Object(globals) = d else {
        return Ok(m);
    };
    if let Err(e) = vm.run_code(rt, globals, d) {
        vm.dict_del(modules, alloc::str(name))?;
        return Err(e);
    }
    Ok(m)
}
