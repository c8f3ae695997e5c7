//! `eval()` and `exec()` of source strings: parsed and compiled by the normal front end
//! (eval mode returns the expression's value) and run as module-level code with the given
//! globals and locals (the caller's when omitted). Code objects are not first-class in
//! pylift, so only strings (and bytes) are accepted.

use super::args::kw;
use crate::compiler::Mode;
use crate::gc::roots;
use crate::runtime::exception::PyResult;
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::vm::code::CodeRt;
use crate::vm::errors::type_name;
use crate::vm::Vm;

fn is_dict(v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, Kind::Dict(_)))
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
    let text = match str_of(src) {
        Some(s) => s.to_string(),
        None => match super::bytes_methods::data_of(src) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                return Err(vm.type_error(format!(
                    "{name}() arg 1 must be a string, bytes or code object, not {}",
                    type_name(src)
                )))
            }
        },
    };
    if !globals.is_none() && !is_dict(globals) {
        return Err(vm.type_error(if mode == Mode::Eval {
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
    let source = SourceFile::new("<string>", text);
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
