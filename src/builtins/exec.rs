//! `eval()`, `exec()` and `compile()`: source is parsed and compiled by the normal front end
//! (eval mode returns the expression's value) and run as module-level code with the given
//! globals and locals (the caller's when omitted). A `compile()` result is a `code` instance
//! that keeps its source, file name and mode (checked for syntax errors when made) and is
//! compiled again when run.

use super::args::kw;
use crate::compiler::Mode;
use crate::gc::roots;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::vm::code::CodeRt;
use crate::vm::errors::type_name;
use crate::vm::Vm;

fn is_dict(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
}

/// The text of a str or bytes source argument.
fn source_text(vm: &mut Vm, src: Value, name: &str) -> PyResult<String> {
    match str_of(src) {
        Some(s) => Ok(s.to_string()),
        None => match super::bytes_methods::data_of(src) {
            Some(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
            None => Err(vm.type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object, not {}",
                type_name(src)
            ))),
        },
    }
}

/// (source, file name, mode) of a `compile()` result.
fn code_parts(v: Value) -> Option<(String, String, Mode)> {
    let Value::Object(o) = v else { return None };
    if !o.cls.get().ptr_eq(crate::runtime::types::types().code) {
        return None;
    }
    let a = o.attrs.as_ref()?.borrow();
    let get = |k: &str| a.get(intern(k)).and_then(str_of).map(str::to_string);
    let mode = match get("_mode")?.as_str() {
        "eval" => Mode::Eval,
        "single" => Mode::Interactive,
        _ => Mode::Exec,
    };
    Some((get("_source")?, get("co_filename")?, mode))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn compile(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    super::args::check(vm, "compile", args, 0, 6)?;
    let arg = |i: usize, k: &str| args.get(i).copied().or(kw(kwargs, k));
    let (Some(src), Some(file), Some(mode)) =
        (arg(0, "source"), arg(1, "filename"), arg(2, "mode"))
    else {
        let missing = if arg(0, "source").is_none() {
            ("source", 1)
        } else if arg(1, "filename").is_none() {
            ("filename", 2)
        } else {
            ("mode", 3)
        };
        return Err(vm.type_error(format!(
            "compile() missing required argument '{}' (pos {})",
            missing.0, missing.1
        )));
    };
    if code_parts(src).is_some() {
        return Ok(src);
    }
    let text = source_text(vm, src, "compile")?;
    let filename = match str_of(file) {
        Some(f) => f.to_string(),
        None => super::bytes_methods::data_of(file)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
    };
    let (m, mode_name) = match str_of(mode) {
        Some("exec") => (Mode::Exec, "exec"),
        Some("eval") => (Mode::Eval, "eval"),
        Some("single") => (Mode::Interactive, "single"),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let checked = if m == Mode::Eval {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text.clone()
    };
    let source = SourceFile::new(filename.clone(), checked);
    crate::parser::parse_module(&source)
        .and_then(|module| crate::compiler::compile(&module, &source, m))
        .map_err(|e| crate::import::syntax_exception(vm, &e, &source))?;
    let t = crate::runtime::types::types();
    let code = crate::gc::alloc(crate::runtime::object::Object::with_attrs(
        t.code,
        Kind::Instance,
    ));
    if let Some(a) = &code.attrs {
        let mut a = a.borrow_mut();
        a.set(intern("_source"), crate::runtime::alloc::str(text));
        a.set(intern("_mode"), crate::runtime::alloc::str(mode_name));
        a.set(intern("co_filename"), crate::runtime::alloc::str(filename));
        a.set(intern("co_name"), crate::runtime::alloc::str("<module>"));
    }
    Ok(Value::Object(code))
}

fn run(vm: &mut Vm, args: &[Value], kwargs: KwArgs, name: &str, mode: Mode) -> PyResult<Value> {
    if args.is_empty() && kw(kwargs, "source").is_none() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "{name} expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    let src = args
        .first()
        .copied()
        .or(kw(kwargs, "source"))
        .unwrap_or(Value::None);
    let globals = args
        .get(1)
        .copied()
        .or(kw(kwargs, "globals"))
        .unwrap_or(Value::None);
    let locals = args
        .get(2)
        .copied()
        .or(kw(kwargs, "locals"))
        .unwrap_or(Value::None);
    let (text, filename, mode) = match code_parts(src) {
        Some((text, file, m)) => (text, file, m),
        None => (source_text(vm, src, name)?, "<string>".to_string(), mode),
    };
    if !globals.is_none() && !is_dict(globals) {
        return Err(vm.type_error(if name == "eval" {
            "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
        } else {
            format!("exec() globals must be a dict, not {}", type_name(globals))
        }));
    }
    let (globals, locals) = if globals.is_none() {
        let g = super::functions::globals(vm, &[], &[])?;
        let l = if locals.is_none() {
            super::functions::locals(vm, &[], &[])?
        } else {
            locals
        };
        (g, l)
    } else {
        (globals, if locals.is_none() { globals } else { locals })
    };
    let _g = roots::root_all(&[globals, locals]);
    let Value::Object(gobj) = globals else {
        return Err(vm.type_error(format!("{name}() globals must be a dict")));
    };
    if vm
        .dict_get_str(globals, crate::runtime::str::intern("__builtins__"))
        .is_none()
    {
        let b = Value::Object(vm.builtins);
        vm.dict_set_str(globals, "__builtins__", b)?;
    }
    // eval() ignores leading blanks, as CPython does.
    let text = if mode == Mode::Eval {
        text.trim_start_matches([' ', '\t']).to_string()
    } else {
        text
    };
    let source = SourceFile::new(filename, text);
    let code = crate::parser::parse_module(&source)
        .and_then(|m| crate::compiler::compile(&m, &source, mode))
        .map_err(|e| crate::import::syntax_exception(vm, &e, &source))?;
    let rt = CodeRt::new(code);
    let r = vm.run_code(rt, gobj, locals)?;
    Ok(if mode == Mode::Eval { r } else { Value::None })
}

pub fn eval(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    run(vm, args, kwargs, "eval", Mode::Eval)
}

pub fn exec(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    run(vm, args, kwargs, "exec", Mode::Exec)
}
