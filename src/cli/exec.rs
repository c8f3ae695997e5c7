//! Running the program the command line names inside a VM: the `__main__` module (a script,
//! `-c` code, stdin, or `-m module`), `sys.path` and the import settings, `-i` (the REPL after
//! the program, with its globals), and the exit status CPython would give.
//!
//! Invariant: everything Python-visible happens on one thread with a large stack (native
//! re-entry into the dispatch loop recurses on the Rust stack); the caller only sees the exit
//! status and whether an uncaught KeyboardInterrupt must end the process by SIGINT.

use super::Options;
use crate::import::{self, MainSpec};
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::stdlib::{module_dict, new_module};
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use std::rc::Rc;

/// How the run ended.
pub struct Outcome {
    pub status: i32,
    /// An uncaught KeyboardInterrupt: CPython ends the process by SIGINT (a shell shows 130).
    pub interrupted: bool,
}

/// What the VM thread runs as `__main__`.
pub enum Main {
    /// Source already read (a script, `-c`, stdin); `file` is `__file__`, `path0` is
    /// `sys.path[0]`.
    Source {
        source: SourceFile,
        file: Option<String>,
        path0: String,
    },
    /// `-m name`.
    Module(String),
    /// No program: the REPL only.
    Repl,
}

/// Runs `main` on a thread with the VM's stack (the caller's, when it has one); `exe` names the
/// executable in CPython-style messages.
pub fn run(opts: &Options, main: Main, exe: String) -> Outcome {
    let opts = opts.clone();
    crate::stack::with_stack("pylift-vm", crate::stack::VM_STACK, move || {
        // A panic (a pylift bug) ends the run as an uncaught error would.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_here(&opts, main, &exe)))
            .unwrap_or(Outcome {
                status: 1,
                interrupted: false,
            })
    })
}

fn run_here(opts: &Options, main: Main, exe: &str) -> Outcome {
    import::set_verbose(opts.verbose);
    let env_importtime = !opts.ignore_environment
        && std::env::var_os("PYTHONPROFILEIMPORTTIME").is_some_and(|v| !v.is_empty());
    import::set_import_time(env_importtime || opts.xoptions.iter().any(|x| x == "importtime"));
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
    crate::builtins::io::set_unbuffered(opts.unbuffered || tty);
    let argv = if opts.argv.is_empty() {
        vec![String::new()]
    } else {
        opts.argv.clone()
    };
    let mut vm = Vm::new(argv);
    if install_site(&mut vm).is_err() {
        return Outcome {
            status: 1,
            interrupted: false,
        };
    }
    let path0 = match &main {
        Main::Source { path0, .. } => path0.clone(),
        Main::Module(_) => std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Main::Repl => String::new(),
    };
    let settings = import::PathSettings {
        first: (!opts.safe_path).then_some(path0),
        ignore_environment: opts.ignore_environment,
        dont_write_bytecode: opts.dont_write_bytecode,
    };
    if import::configure(&mut vm, &settings).is_err()
        || set_xoptions(&mut vm, &opts.xoptions).is_err()
    {
        return Outcome {
            status: 1,
            interrupted: false,
        };
    }
    let mut outcome = Outcome {
        status: 0,
        interrupted: false,
    };
    let (result, globals) = match main {
        Main::Source { source, file, .. } => run_source(&mut vm, source, file),
        Main::Module(name) => match run_module(&mut vm, &name, exe) {
            Ok(r) => r,
            Err(status) => {
                crate::builtins::io::flush_stdout();
                return Outcome {
                    status,
                    interrupted: false,
                };
            }
        },
        Main::Repl => {
            let globals = main_module(&mut vm, None).ok();
            if let (Some(g), false) = (globals, opts.ignore_environment) {
                run_startup_file(&mut vm, g);
            }
            let status = match globals {
                Some(g) => super::repl::run(&mut vm, g, !opts.quiet),
                None => 1,
            };
            crate::builtins::io::flush_stdout();
            return Outcome {
                status,
                interrupted: false,
            };
        }
    };
    match result {
        Ok(()) => {}
        Err(Failure::Syntax(text)) => {
            crate::builtins::io::write_stderr(&text);
            outcome.status = 1;
        }
        Err(Failure::Raised(e)) if opts.inspect => {
            // With -i even SystemExit is only reported (CPython 3.11 prints its traceback).
            let text = vm.format_exception(e);
            crate::builtins::io::write_stderr(&text);
        }
        Err(Failure::Raised(e)) => {
            outcome.interrupted = vm.exc_matches(e, types().keyboard_interrupt);
            outcome.status = vm.exit_status(e);
        }
    }
    if let (true, Some(g)) = (opts.inspect, globals) {
        outcome.status = super::repl::run(&mut vm, g, false);
    }
    crate::builtins::io::flush_stdout();
    outcome
}

/// CPython's `_sitebuiltins.Quitter`, which `site` installs as `exit` and `quit`.
const SITEBUILTINS: &str = "\
class Quitter(object):
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof
    def __repr__(self):
        return 'Use %s() or %s to exit' % (self.name, self.eof)
    def __call__(self, code=None):
        raise SystemExit(code)
exit = Quitter('exit', 'Ctrl-D (i.e. EOF)')
quit = Quitter('quit', 'Ctrl-D (i.e. EOF)')
";

/// Builtins that belong to the module system and `site`: `__import__`, `exit` and `quit`.
fn install_site(vm: &mut Vm) -> PyResult<()> {
    let b = Value::Object(vm.builtins);
    let import = crate::builtins::native("__import__", import::dunder_import);
    vm.dict_set_str(b, "__import__", import)?;
    let m = new_module(vm, "_sitebuiltins")?;
    vm.pinned.push(m);
    let d = module_dict(m);
    vm.dict_set_str(d, "__builtins__", b)?;
    let source = SourceFile::new("<frozen _sitebuiltins>", SITEBUILTINS);
    let code = import::compile_source(vm, &source)?;
    run_code(vm, code, d)?;
    for name in ["exit", "quit"] {
        if let Some(q) = vm.dict_get_str(d, crate::runtime::str::intern(name)) {
            vm.dict_set_str(b, name, q)?;
        }
    }
    Ok(())
}

/// `PYTHONSTARTUP`: a file run in `__main__` before the first prompt of a bare interactive
/// session; its errors are printed and the session goes on.
fn run_startup_file(vm: &mut Vm, globals: Value) {
    let Some(path) = std::env::var("PYTHONSTARTUP")
        .ok()
        .filter(|p| !p.is_empty())
    else {
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    let source = SourceFile::from_bytes(path.as_str(), bytes);
    let result = match import::compile_source(vm, &source) {
        Ok(code) => {
            vm.sources.insert(source.name.clone(), Rc::new(source));
            run_code(vm, code, globals)
        }
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        let text = vm.format_exception(e);
        crate::builtins::io::write_stderr(&text);
    }
}

/// `sys._xoptions`: `-X name=value` maps name to value, a bare `-X name` to True.
fn set_xoptions(vm: &mut Vm, xoptions: &[String]) -> PyResult<()> {
    let d = alloc::dict();
    for x in xoptions {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k, alloc::str(v)),
            None => (x.as_str(), Value::Bool(true)),
        };
        vm.dict_set(d, alloc::str(k), v)?;
    }
    let sys = module_dict(Value::Object(vm.sys));
    vm.dict_set_str(sys, "_xoptions", d)
}

/// Why the main program stopped early.
enum Failure {
    /// A SyntaxError in the main script, already rendered as CPython prints it.
    Syntax(String),
    Raised(PyErr),
}

type MainResult = (Result<(), Failure>, Option<Value>);

/// The `__main__` module, with CPython's namespace order for a script; returns its dict.
pub fn main_module(vm: &mut Vm, file: Option<&str>) -> PyResult<Value> {
    let m = new_module(vm, "__main__")?;
    vm.pinned.push(m);
    let d = module_dict(m);
    vm.dict_set_str(d, "__package__", Value::None)?;
    vm.dict_set_str(d, "__loader__", Value::None)?;
    vm.dict_set_str(d, "__spec__", Value::None)?;
    vm.dict_set_str(d, "__annotations__", alloc::dict())?;
    vm.dict_set_str(d, "__builtins__", Value::Object(vm.builtins))?;
    if let Some(f) = file {
        vm.dict_set_str(d, "__file__", alloc::str(f))?;
        if f != "<stdin>" {
            vm.dict_set_str(d, "__cached__", Value::None)?;
        }
    }
    let modules = Value::Object(vm.modules);
    vm.dict_set_str(modules, "__main__", m)?;
    Ok(d)
}

fn run_code(
    vm: &mut Vm,
    code: Rc<crate::bytecode::code::CodeObject>,
    globals: Value,
) -> PyResult<()> {
    let Value::Object(g) = globals else {
        return Ok(());
    };
    let rt = CodeRt::new(code);
    vm.pinned_code.push(rt.clone());
    vm.run_code(rt, g, globals).map(|_| ())
}

fn run_source(vm: &mut Vm, source: SourceFile, file: Option<String>) -> MainResult {
    let compiled = crate::parser::parse_module(&source)
        .and_then(|m| crate::compiler::compile_module(&m, &source));
    let globals = match main_module(vm, file.as_deref()) {
        Ok(g) => g,
        Err(e) => return (Err(Failure::Raised(e)), None),
    };
    let code = match compiled {
        Ok(code) => code,
        Err(e) => return (Err(Failure::Syntax(e.render(&source))), Some(globals)),
    };
    // Tracebacks quote lines of real files only: CPython shows none for `-c` or stdin.
    if file.as_deref().is_some_and(|f| f != "<stdin>") {
        vm.sources.insert(source.name.clone(), Rc::new(source));
    }
    (
        run_code(vm, code, globals).map_err(Failure::Raised),
        Some(globals),
    )
}

/// `-m name`: finds the module (a package runs its `__main__`) and runs it as `__main__` with
/// `sys.argv[0]` set to its file. `Err` is an exit status after a message CPython prints
/// without a traceback.
fn run_module(vm: &mut Vm, name: &str, exe: &str) -> Result<MainResult, i32> {
    let spec: MainSpec = match import::find_main(vm, name) {
        Ok(spec) => spec,
        Err(import::MainError::Message(msg)) => {
            crate::builtins::io::write_stderr(&format!("{exe}: {msg}\n"));
            return Err(1);
        }
        Err(import::MainError::Raised(e)) => return Ok((Err(Failure::Raised(e)), None)),
    };
    let argv0 = spec.file.clone().unwrap_or_else(|| name.to_string());
    let sys = Value::Object(vm.sys);
    if let Ok(argv) = vm.getattr_str(sys, "argv") {
        let _ = vm.setitem(argv, Value::Int(0), alloc::str(argv0));
    }
    let m = new_module(vm, "__main__").map_err(|_| 1)?;
    vm.pinned.push(m);
    let d = module_dict(m);
    let info = [
        ("__package__", alloc::str(spec.package.as_str())),
        ("__loader__", Value::None),
        ("__spec__", Value::None),
        (
            "__file__",
            spec.file.as_deref().map_or(Value::None, alloc::str),
        ),
        (
            "__cached__",
            spec.cached.as_deref().map_or(Value::None, alloc::str),
        ),
        ("__builtins__", Value::Object(vm.builtins)),
    ];
    for (k, v) in info {
        if k == "__file__" && v.is_none() {
            continue;
        }
        vm.dict_set_str(d, k, v).map_err(|_| 1)?;
    }
    let modules = Value::Object(vm.modules);
    vm.dict_set_str(modules, "__main__", m).map_err(|_| 1)?;
    Ok((run_code(vm, spec.code, d).map_err(Failure::Raised), Some(d)))
}
