//! The module system: where a module comes from and how it is created and run.
//!
//! Lookup order for an absolute dotted name (CPython's `_gcd_import` with pylift's finders):
//! `sys.modules`, then the standard modules (`stdlib::load`: the Rust table, then the embedded
//! Python sources), then the file system: `sys.path` for a top-level name, the parent package's
//! `__path__` for a submodule. In each folder a package (`name/__init__.py`) wins over a module
//! (`name.py`); a folder without `__init__.py` is remembered as a namespace portion and used only
//! when no regular module or package is found anywhere on the path.
//!
//! Invariants:
//! - A module is entered in `sys.modules` before its body runs (so circular imports see the
//!   partially initialised module) and removed again if the body raises.
//! - The module returned is whatever `sys.modules[name]` holds after the body ran (a module may
//!   replace itself there), and a submodule is bound as an attribute of its parent.
//! - File modules go through the bytecode cache (`crate::cache`): read when the source's mtime and
//!   size match, written after compiling unless `sys.dont_write_bytecode` is true. The `__main__`
//!   script never goes through the cache, as in CPython.

use crate::bytecode::code::CodeObject;
use crate::cache::{self, CacheOutcome, SourceMeta};
use crate::gc::{roots, ObjRef};
use crate::runtime::alloc;
use crate::runtime::exception::{ExcState, PyErr, PyResult};
use crate::runtime::object::{Kind, Object};
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::source::TextRange;
use crate::stdlib::{module_dict, new_module};
use crate::syntax_error::{SyntaxError, SyntaxErrorKind};
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// `-v`: how verbosely imports are traced on stderr (0: not at all).
static VERBOSE: AtomicU32 = AtomicU32::new(0);

pub fn set_verbose(level: u32) {
    VERBOSE.store(level, Ordering::Relaxed);
}

fn trace(msg: impl FnOnce() -> String) {
    if VERBOSE.load(Ordering::Relaxed) > 0 {
        crate::builtins::io::flush_stdout();
        crate::builtins::io::write_stderr(&format!("{}\n", msg()));
    }
}

/// `-X importtime` / `PYTHONPROFILEIMPORTTIME`, and whether its header line was printed.
static IMPORT_TIME: AtomicBool = AtomicBool::new(false);
static IMPORT_TIME_HEADER: AtomicBool = AtomicBool::new(false);

pub fn set_import_time(on: bool) {
    IMPORT_TIME.store(on, Ordering::Relaxed);
}

thread_local! {
    /// Names of the modules whose body is running, for the "partially initialized" messages.
    static INITIALIZING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// `-X importtime`: microseconds spent in nested imports, one entry per import under way.
    static CHILD_TIME: RefCell<Vec<u128>> = const { RefCell::new(Vec::new()) };
}

pub fn is_initializing(name: &str) -> bool {
    INITIALIZING.with(|s| s.borrow().iter().any(|n| n == name))
}

/// Where a module's code lives on disk.
enum Found {
    /// `file` is `x.py` or, for a package, `x/__init__.py` with the package folder in `dir`.
    Source { file: PathBuf, dir: Option<PathBuf> },
    /// Folders named like the package with no `__init__.py` (PEP 420).
    Namespace(Vec<PathBuf>),
}

/// Searches `entries` (sys.path or a package's `__path__`) for the module `last`.
fn find(entries: &[String], last: &str) -> Option<Found> {
    let mut portions = Vec::new();
    for entry in entries {
        let base = if entry.is_empty() {
            std::env::current_dir().ok()?
        } else {
            std::path::absolute(entry).ok()?
        };
        let dir = base.join(last);
        if dir.is_dir() {
            let init = dir.join("__init__.py");
            if init.is_file() {
                return Some(Found::Source {
                    file: init,
                    dir: Some(dir),
                });
            }
        }
        let file = base.join(format!("{last}.py"));
        if file.is_file() {
            return Some(Found::Source { file, dir: None });
        }
        if dir.is_dir() {
            portions.push(dir);
        }
    }
    (!portions.is_empty()).then_some(Found::Namespace(portions))
}

/// `sys.path` as strings (entries that are not str are skipped, as CPython's finders do).
fn sys_path(vm: &mut Vm) -> Vec<String> {
    let sys = Value::Object(vm.sys);
    let path = vm.getattr_str(sys, "path").unwrap_or(Value::None);
    string_list(vm, path)
}

fn string_list(vm: &mut Vm, list: Value) -> Vec<String> {
    vm.seq_items(list)
        .into_iter()
        .filter_map(|v| str_of(v).map(str::to_string))
        .collect()
}

/// What `configure` needs from the command line.
pub struct PathSettings {
    /// `sys.path[0]`: the script's folder, `''`, or the working folder; `None` under `-P`.
    pub first: Option<String>,
    /// `-E`/`-I`: `PYTHONPATH` is ignored.
    pub ignore_environment: bool,
    pub dont_write_bytecode: bool,
}

/// Fills `sys.path`: the script's folder (or `''`), then `PYTHONPATH`, made absolute as CPython
/// does; and `sys.dont_write_bytecode`.
pub fn configure(vm: &mut Vm, settings: &PathSettings) -> PyResult<()> {
    let mut entries: Vec<String> = settings.first.iter().cloned().collect();
    let pythonpath = std::env::var_os("PYTHONPATH").filter(|_| !settings.ignore_environment);
    if let Some(pp) = pythonpath {
        for p in std::env::split_paths(&pp) {
            if p.as_os_str().is_empty() {
                continue;
            }
            let p = std::path::absolute(&p).unwrap_or(p);
            entries.push(p.to_string_lossy().into_owned());
        }
    }
    let list = alloc::list(entries.into_iter().map(alloc::str).collect());
    let sys = module_dict(Value::Object(vm.sys));
    vm.dict_set_str(sys, "path", list)?;
    vm.dict_set_str(
        sys,
        "dont_write_bytecode",
        Value::Bool(settings.dont_write_bytecode),
    )
}

/// The `sys.path[0]` CPython uses for a script: its folder, resolved.
pub fn script_dir(script: &str) -> String {
    let parent = Path::new(script).parent().unwrap_or(Path::new(""));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::canonicalize(parent)
        .or_else(|_| std::path::absolute(parent))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An ImportError (or subclass) with CPython's `name` and `path` attributes. Builtin
/// exception instances made in Rust carry no attribute store, so this one is given one.
pub fn import_error(cls: ObjRef, msg: String, name: Option<&str>, path: Option<&str>) -> PyErr {
    let args = alloc::tuple(vec![alloc::str(msg)]);
    let o = crate::gc::alloc(Object::with_attrs(
        cls,
        Kind::Exception(Box::new(RefCell::new(ExcState::new(args)))),
    ));
    if let Some(attrs) = &o.attrs {
        let mut attrs = attrs.borrow_mut();
        attrs.set(intern("name"), name.map_or(Value::None, alloc::str));
        attrs.set(intern("path"), path.map_or(Value::None, alloc::str));
    }
    PyErr(o)
}

fn not_found(_vm: &mut Vm, msg: String, name: &str) -> PyErr {
    import_error(types().module_not_found_error, msg, Some(name), None)
}

/// A SyntaxError from the front end as the Python exception `import` raises, with CPython's
/// args: `(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
pub fn syntax_exception(vm: &mut Vm, e: &SyntaxError, source: &SourceFile) -> PyErr {
    let t = types();
    let cls = match e.kind {
        SyntaxErrorKind::SyntaxError => t.syntax_error,
        SyntaxErrorKind::IndentationError => t.indentation_error,
        SyntaxErrorKind::TabError => t.tab_error,
        SyntaxErrorKind::MemoryError => return vm.new_error(t.memory_error, ""),
    };
    let len = source.text.len() as u32;
    let (line, col) = source.lines.line_col(e.range.start.min(len));
    let (end_line, end_col) = source.lines.line_col(e.range.end.min(len));
    let text = source
        .line_text(line)
        .map_or(Value::None, |t| alloc::str(format!("{t}\n")));
    let details = alloc::tuple(vec![
        alloc::str(source.name.as_str()),
        Value::Int(line as i64),
        Value::Int(col as i64 + 1),
        text,
        Value::Int(end_line as i64),
        Value::Int(end_col as i64 + 1),
    ]);
    PyErr(vm.new_exception(cls, vec![alloc::str(e.msg.as_str()), details]))
}

/// How the traceback printer shows a SyntaxError raised at run time (by `import`): the
/// location, source line and caret, as for a script, instead of `SyntaxError: (args...)`.
/// `None` if `e` is not a SyntaxError carrying CPython's args.
pub fn render_syntax_error(vm: &mut Vm, e: PyErr) -> Option<String> {
    let t = types();
    let kind = if vm.exc_matches(e, t.tab_error) {
        SyntaxErrorKind::TabError
    } else if vm.exc_matches(e, t.indentation_error) {
        SyntaxErrorKind::IndentationError
    } else if vm.exc_matches(e, t.syntax_error) {
        SyntaxErrorKind::SyntaxError
    } else {
        return None;
    };
    let args = vm.getattr_str(Value::Object(e.0), "args").ok()?;
    let args = vm.seq_items(args);
    let [msg, details] = args.as_slice() else {
        return None;
    };
    let details = vm.seq_items(*details);
    let [file, Value::Int(line), Value::Int(offset), text, Value::Int(end_line), Value::Int(end_offset)] =
        details.as_slice()
    else {
        return None;
    };
    let (msg, file, text) = (str_of(*msg)?, str_of(*file)?, str_of(*text)?);
    // A one-line stand-in for the file, placed at its real line, so the front end's renderer
    // draws the location, text and caret exactly as for a script.
    let line = (*line).clamp(1, 1 << 20) as usize;
    let prefix = line - 1;
    let text = text.trim_end_matches('\n');
    let at = |col: i64| (prefix + (col.max(1) as usize - 1).min(text.len())) as u32;
    let end = if end_line == &(line as i64) {
        at(*end_offset)
    } else {
        at(text.len() as i64 + 1)
    };
    let stand_in = SourceFile::new(file, format!("{}{text}\n", "\n".repeat(prefix)));
    let err = SyntaxError::with_kind(kind, msg, TextRange::new(at(*offset), end.max(at(*offset))));
    Some(err.render(&stand_in))
}

/// Parses and compiles a source file; a SyntaxError becomes the Python exception.
pub fn compile_source(vm: &mut Vm, source: &SourceFile) -> PyResult<Rc<CodeObject>> {
    crate::parser::parse_module(source)
        .and_then(|m| crate::compiler::compile_module(&m, source))
        .map_err(|e| syntax_exception(vm, &e, source))
}

/// The code of a file module: from its cache file when that is current, else compiled from
/// source (and the cache file written). Returns the code and the cache path (`__cached__`).
fn file_code(vm: &mut Vm, name: &str, file: &Path) -> PyResult<(Rc<CodeObject>, Option<PathBuf>)> {
    let display = file.to_string_lossy().into_owned();
    let meta = SourceMeta::of(file).ok();
    let cached = cache::cache_path(file);
    if let (Some(meta), Some(cpath)) = (meta, &cached) {
        match cache::lookup(file, meta) {
            CacheOutcome::Hit(code) => {
                trace(|| format!("# {} matches {display}", cpath.display()));
                trace(|| format!("# code object from '{}'", cpath.display()));
                load_source_lines(vm, file, &display);
                return Ok((code, cached));
            }
            CacheOutcome::Miss(cache::MissReason::NotFound) => {}
            CacheOutcome::Miss(reason) => trace(|| format!("# {reason} for '{name}'")),
        }
    }
    let bytes = std::fs::read(file).map_err(|e| {
        let msg = format!(
            "[Errno {}] {}: '{display}'",
            e.raw_os_error().unwrap_or(0),
            crate::cli::io_error_text(&e)
        );
        vm.new_error(types().import_error, msg)
    })?;
    let source = SourceFile::from_bytes(display.clone(), bytes);
    let code = compile_source(vm, &source)?;
    vm.sources.insert(display.clone(), Rc::new(source));
    trace(|| format!("# code object from {display}"));
    let sys = Value::Object(vm.sys);
    let dont_write = match vm.getattr_str(sys, "dont_write_bytecode") {
        Ok(v) => vm.truthy(v)?,
        Err(_) => false,
    };
    if let (false, Some(meta)) = (dont_write, meta) {
        if let Some(written) = cache::store(file, meta, &code) {
            trace(|| format!("# created '{}'", written.display()));
        }
    }
    Ok((code, cached))
}

/// Tracebacks show source lines: a module loaded from its cache still registers its source.
fn load_source_lines(vm: &mut Vm, file: &Path, display: &str) {
    if let Ok(bytes) = std::fs::read(file) {
        vm.sources.insert(
            display.to_string(),
            Rc::new(SourceFile::from_bytes(display, bytes)),
        );
    }
}

/// What a new module's namespace holds besides `__name__`, in CPython's key order.
pub struct ModuleInfo<'a> {
    pub package: Option<&'a str>,
    pub path: Option<Vec<String>>,
    pub file: Option<&'a str>,
    pub cached: Option<&'a str>,
}

/// A module object with CPython's dunder attributes.
pub fn create_module(vm: &mut Vm, name: &str, info: &ModuleInfo) -> PyResult<Value> {
    let m = new_module(vm, name)?;
    let d = module_dict(m);
    let opt_str = |s: Option<&str>| s.map_or(Value::None, alloc::str);
    vm.dict_set_str(d, "__package__", opt_str(info.package))?;
    vm.dict_set_str(d, "__loader__", Value::None)?;
    vm.dict_set_str(d, "__spec__", Value::None)?;
    if let Some(path) = &info.path {
        let list = alloc::list(path.iter().map(|p| alloc::str(p.as_str())).collect());
        vm.dict_set_str(d, "__path__", list)?;
    }
    if info.file.is_some() {
        vm.dict_set_str(d, "__file__", opt_str(info.file))?;
        vm.dict_set_str(d, "__cached__", opt_str(info.cached))?;
    }
    vm.dict_set_str(d, "__builtins__", Value::Object(vm.builtins))?;
    Ok(m)
}

/// Runs `code` as the body of module `m`, entered in `sys.modules` under `key` for the
/// duration (and left there on success). On failure the entry is removed.
pub fn exec_module(vm: &mut Vm, key: &str, m: Value, code: Rc<CodeObject>) -> PyResult<Value> {
    let _root = roots::root(m);
    let modules = Value::Object(vm.modules);
    vm.dict_set_str(modules, key, m)?;
    // Not pinned: the frame keeps the module's code alive while it runs, and its functions keep
    // theirs, so a module removed from sys.modules is freed with everything it made.
    let rt = CodeRt::new(code);
    let d = module_dict(m);
    let Value::Object(globals) = d else {
        return Ok(m);
    };
    INITIALIZING.with(|s| s.borrow_mut().push(key.to_string()));
    let result = vm.run_code(rt, globals, d);
    INITIALIZING.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(i) = s.iter().rposition(|n| n == key) {
            s.remove(i);
        }
    });
    if let Err(e) = result {
        let _ = vm.dict_del(modules, alloc::str(key));
        return Err(e);
    }
    Ok(vm.dict_get_str(modules, intern(key)).unwrap_or(m))
}

impl Vm {
    /// Imports the absolute dotted `name` (and its parents) and returns that module.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        let modules = Value::Object(self.modules);
        if let Some(m) = self.dict_get_str(modules, intern(name)) {
            if m.is_none() {
                let msg = format!("import of {name} halted; None in sys.modules");
                return Err(not_found(self, msg, name));
            }
            return Ok(m);
        }
        self.import_timed(name)
    }

    /// `import_fresh`, timed for `-X importtime`: CPython's line per module (self and
    /// cumulative microseconds, the name indented by nesting depth), on stderr.
    fn import_timed(&mut self, name: &str) -> PyResult<Value> {
        if !IMPORT_TIME.load(Ordering::Relaxed) {
            return self.import_fresh(name);
        }
        let start = std::time::Instant::now();
        let depth = CHILD_TIME.with(|t| {
            let mut t = t.borrow_mut();
            t.push(0);
            t.len() - 1
        });
        let result = self.import_fresh(name);
        let total = start.elapsed().as_micros();
        let children = CHILD_TIME.with(|t| {
            let mut t = t.borrow_mut();
            let children = t.pop().unwrap_or(0);
            if let Some(outer) = t.last_mut() {
                *outer += total;
            }
            children
        });
        let mut line = String::new();
        if !IMPORT_TIME_HEADER.swap(true, Ordering::Relaxed) {
            line.push_str("import time: self [us] | cumulative | imported package\n");
        }
        let own = total.saturating_sub(children);
        line.push_str(&format!(
            "import time: {own:>9} | {total:>10} | {}{name}\n",
            "  ".repeat(depth)
        ));
        crate::builtins::io::write_stderr(&line);
        result
    }

    /// Imports a module that is not in `sys.modules` yet (its parents first).
    fn import_fresh(&mut self, name: &str) -> PyResult<Value> {
        let modules = Value::Object(self.modules);
        let (parent, last) = match name.rsplit_once('.') {
            Some((p, l)) => (Some(p), l),
            None => (None, name),
        };
        let mut search = None;
        let mut parent_module = None;
        if let Some(parent) = parent {
            let pm = self.import_module(parent)?;
            if let Some(m) = self.dict_get_str(modules, intern(name)) {
                return Ok(m);
            }
            let path = match self.getattr_opt(pm, intern("__path__"))? {
                Some(p) => string_list(self, p),
                None => {
                    let msg = format!("No module named '{name}'; '{parent}' is not a package");
                    return Err(not_found(self, msg, name));
                }
            };
            search = Some(path);
            parent_module = Some(pm);
        }
        let module = self.load_module(name, parent, last, search)?;
        if let Some(pm) = parent_module {
            let _root = roots::root(module);
            self.setattr(pm, intern(last), module)?;
        }
        Ok(module)
    }

    fn load_module(
        &mut self,
        name: &str,
        parent: Option<&str>,
        last: &str,
        search: Option<Vec<String>>,
    ) -> PyResult<Value> {
        let modules = Value::Object(self.modules);
        if let Some(m) = crate::stdlib::load(self, name)? {
            if self.dict_get_str(modules, intern(name)).is_none() {
                self.dict_set_str(modules, name, m)?;
            }
            let kind = if crate::stdlib::MODULES.iter().any(|(n, _)| *n == name) {
                "_frozen_importlib.BuiltinImporter"
            } else {
                "_frozen_importlib.FrozenImporter"
            };
            trace(|| format!("import '{name}' # <class '{kind}'>"));
            return Ok(self.dict_get_str(modules, intern(name)).unwrap_or(m));
        }
        let entries = match search {
            Some(s) => s,
            None => sys_path(self),
        };
        let found = find(&entries, last)
            .ok_or_else(|| not_found(self, format!("No module named '{name}'"), name))?;
        let m = match found {
            Found::Namespace(dirs) => {
                let path = dirs
                    .iter()
                    .map(|d| d.to_string_lossy().into_owned())
                    .collect();
                let info = ModuleInfo {
                    package: Some(name),
                    path: Some(path),
                    file: None,
                    cached: None,
                };
                let m = create_module(self, name, &info)?;
                self.dict_set_str(module_dict(m), "__file__", Value::None)?;
                self.dict_set_str(modules, name, m)?;
                trace(|| format!("import '{name}' # namespace package"));
                return Ok(m);
            }
            Found::Source { file, dir } => {
                let (code, cached) = file_code(self, name, &file)?;
                let file_s = file.to_string_lossy().into_owned();
                let cached_s = cached.map(|c| c.to_string_lossy().into_owned());
                let package = if dir.is_some() { Some(name) } else { parent };
                let info = ModuleInfo {
                    package: Some(package.unwrap_or("")),
                    path: dir.map(|d| vec![d.to_string_lossy().into_owned()]),
                    file: Some(&file_s),
                    cached: cached_s.as_deref(),
                };
                let m = create_module(self, name, &info)?;
                let m = exec_module(self, name, m, code)?;
                trace(|| format!("import '{name}' # <pylift source file loader: {file_s}>"));
                m
            }
        };
        Ok(m)
    }

    /// The package a relative import in the running frame is relative to (`__package__`, else
    /// derived from `__name__` and `__path__`), as `importlib._bootstrap._calc___package__`.
    pub fn current_package(&mut self, globals: Value) -> PyResult<String> {
        let get =
            |vm: &mut Vm, k: &str| vm.dict_get_str(globals, intern(k)).filter(|v| !v.is_none());
        if let Some(p) = get(self, "__package__") {
            return match str_of(p) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error("package must be a string")),
            };
        }
        let Some(name) = get(self, "__name__").and_then(|n| str_of(n).map(str::to_string)) else {
            return Err(self.new_error(types().key_error, "'__name__' not in globals"));
        };
        if get(self, "__path__").is_some() {
            return Ok(name);
        }
        Ok(name
            .rsplit_once('.')
            .map_or(String::new(), |(p, _)| p.to_string()))
    }

    /// The absolute name of a relative import (`_resolve_name`).
    pub fn resolve_name(&mut self, name: &str, package: &str, level: usize) -> PyResult<String> {
        if package.is_empty() {
            return Err(self.new_error(
                types().import_error,
                "attempted relative import with no known parent package",
            ));
        }
        let parts: Vec<&str> = package.split('.').collect();
        if level > parts.len() {
            return Err(self.new_error(
                types().import_error,
                "attempted relative import beyond top-level package",
            ));
        }
        let base = parts[..parts.len() + 1 - level].join(".");
        Ok(if name.is_empty() {
            base
        } else {
            format!("{base}.{name}")
        })
    }
}

/// The builtin `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn dunder_import(
    vm: &mut Vm,
    args: &[Value],
    kwargs: crate::runtime::func::KwArgs,
) -> PyResult<Value> {
    crate::builtins::args::check(vm, "__import__", args, 1, 5)?;
    let mut slots = [
        Value::None,
        Value::None,
        Value::None,
        Value::None,
        Value::Int(0),
    ];
    slots[..args.len()].copy_from_slice(args);
    for &(k, v) in kwargs {
        match str_of(Value::Object(k)).unwrap_or("") {
            "globals" => slots[1] = v,
            "locals" => slots[2] = v,
            "fromlist" => slots[3] = v,
            "level" => slots[4] = v,
            other => {
                let msg = format!("'{other}' is an invalid keyword argument for __import__()");
                return Err(vm.type_error(msg));
            }
        }
    }
    let Some(name) = str_of(slots[0]).map(str::to_string) else {
        return Err(vm.type_error(
            "module name must be str, not ".to_string() + &crate::vm::errors::type_name(slots[0]),
        ));
    };
    let level = vm.to_index(slots[4])?;
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    vm.import_in(&name, slots[1], slots[3], level as usize)
}

/// The `importlib` module: `import_module(name, package=None)` and `reload(module)`.
pub fn importlib_init(vm: &mut Vm, d: Value) -> PyResult<()> {
    fn import_module(
        vm: &mut Vm,
        args: &[Value],
        _: crate::runtime::func::KwArgs,
    ) -> PyResult<Value> {
        crate::builtins::args::check(vm, "import_module", args, 1, 2)?;
        let Some(name) = str_of(args[0]).map(str::to_string) else {
            return Err(vm.type_error("the 'name' argument must be a str"));
        };
        let level = name.len() - name.trim_start_matches('.').len();
        let full = if level > 0 {
            let package = match args.get(1).and_then(|p| str_of(*p)) {
                Some(p) => p.to_string(),
                None => {
                    let msg = format!(
                        "the 'package' argument is required to perform a relative import for '{name}'"
                    );
                    return Err(vm.type_error(msg));
                }
            };
            vm.resolve_name(&name[level..], &package, level)?
        } else {
            name
        };
        vm.import_module(&full)
    }
    /// Runs a file module's current source again in its own namespace.
    fn reload(vm: &mut Vm, args: &[Value], _: crate::runtime::func::KwArgs) -> PyResult<Value> {
        crate::builtins::args::check(vm, "reload", args, 1, 1)?;
        let m = args[0];
        let d = module_dict(m);
        let name = vm
            .dict_get_str(d, intern("__name__"))
            .and_then(|n| str_of(n).map(str::to_string));
        let Some(name) = name else {
            return Err(vm.type_error("reload() argument must be a module"));
        };
        let modules = Value::Object(vm.modules);
        if vm
            .dict_get_str(modules, intern(&name))
            .is_none_or(|x| !x.is(m))
        {
            let e = vm.new_error(
                types().import_error,
                format!("module {name} not in sys.modules"),
            );
            return Err(e);
        }
        let file = vm
            .dict_get_str(d, intern("__file__"))
            .and_then(|f| str_of(f).map(str::to_string));
        let Some(file) = file.filter(|f| f.ends_with(".py")) else {
            return Ok(m);
        };
        let (code, _) = file_code(vm, &name, Path::new(&file))?;
        exec_module(vm, &name, m, code)
    }
    let import_module = crate::builtins::native("import_module", import_module);
    vm.dict_set_str(d, "import_module", import_module)?;
    vm.dict_set_str(d, "reload", crate::builtins::native("reload", reload))
}

/// The module `-m` runs as `__main__`.
pub struct MainSpec {
    pub code: Rc<CodeObject>,
    pub file: Option<String>,
    pub cached: Option<String>,
    /// `__package__`: the parent package (`''` for a top-level module).
    pub package: String,
}

/// Why `-m` cannot run a module.
pub enum MainError {
    /// A message CPython prints after the executable's name, exit status 1.
    Message(String),
    /// An exception while importing the parents or compiling, printed as a traceback.
    Raised(PyErr),
}

/// Finds the code `-m name` runs (runpy's `_get_module_details`): the parents are imported
/// first, a package runs its `__main__` submodule.
pub fn find_main(vm: &mut Vm, name: &str) -> Result<MainSpec, MainError> {
    let (parent, last) = match name.rsplit_once('.') {
        Some((p, l)) => (p, l),
        None => ("", name),
    };
    let spec_error = |vm: &mut Vm, e: PyErr| {
        let kind = crate::vm::errors::type_name(Value::Object(e.0));
        let msg = vm.str(Value::Object(e.0)).unwrap_or_default();
        MainError::Message(format!(
            "Error while finding module specification for '{name}' ({kind}: {msg})"
        ))
    };
    let entries = if parent.is_empty() {
        sys_path(vm)
    } else {
        let pm = match vm.import_module(parent) {
            Ok(pm) => pm,
            Err(e) if vm.exc_matches(e, types().import_error) => return Err(spec_error(vm, e)),
            Err(e) => return Err(MainError::Raised(e)),
        };
        match vm.getattr_opt(pm, intern("__path__")) {
            Ok(Some(p)) => string_list(vm, p),
            _ => {
                return Err(MainError::Message(format!(
                    "Error while finding module specification for '{name}' (ModuleNotFoundError: \
                     __path__ attribute not found on '{parent}' while trying to find '{name}')"
                )))
            }
        }
    };
    if crate::stdlib::MODULES.iter().any(|(n, _)| *n == name) || name == "sys" || name == "builtins"
    {
        return Err(MainError::Message(format!(
            "No code object available for {name}"
        )));
    }
    if let Some(text) = crate::stdlib::embedded::source(name) {
        let source = SourceFile::new(format!("<frozen {name}>"), text);
        let code = compile_source(vm, &source).map_err(MainError::Raised)?;
        vm.sources.insert(source.name.clone(), Rc::new(source));
        return Ok(MainSpec {
            code,
            file: None,
            cached: None,
            package: parent.to_string(),
        });
    }
    let package_main = |vm: &mut Vm| -> Result<MainSpec, MainError> {
        vm.import_module(name).map_err(MainError::Raised)?;
        let sub = format!("{name}.__main__");
        find_main(vm, &sub).map_err(|e| match e {
            MainError::Message(m) if m == format!("No module named {sub}") => MainError::Message(
                format!("{m}; '{name}' is a package and cannot be directly executed"),
            ),
            other => other,
        })
    };
    match find(&entries, last) {
        None => Err(MainError::Message(format!("No module named {name}"))),
        Some(Found::Namespace(_)) | Some(Found::Source { dir: Some(_), .. }) => package_main(vm),
        Some(Found::Source { file, dir: None }) => {
            let (code, cached) = file_code(vm, name, &file).map_err(MainError::Raised)?;
            Ok(MainSpec {
                code,
                file: Some(file.to_string_lossy().into_owned()),
                cached: cached.map(|c| c.to_string_lossy().into_owned()),
                package: parent.to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pylift-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in files {
            let p = dir.join(f);
            if f.ends_with('/') {
                std::fs::create_dir_all(p).unwrap();
            } else {
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, "").unwrap();
            }
        }
        dir
    }

    fn found(entries: &[PathBuf], last: &str) -> String {
        let entries: Vec<String> = entries
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        match find(&entries, last) {
            None => "none".into(),
            Some(Found::Namespace(dirs)) => format!("namespace {}", dirs.len()),
            Some(Found::Source { file, dir }) => {
                format!(
                    "{} package={}",
                    file.file_name().unwrap().to_string_lossy(),
                    dir.is_some()
                )
            }
        }
    }

    #[test]
    fn packages_win_over_modules_and_earlier_entries_win() {
        let a = tree("a", &["m.py", "m/__init__.py", "only_a.py", "ns/"]);
        let b = tree("b", &["only_b.py", "ns/", "ns_then_mod.py"]);
        let both = [a.clone(), b.clone()];
        assert_eq!(found(&both, "m"), "__init__.py package=true");
        assert_eq!(found(&both, "only_b"), "only_b.py package=false");
        assert_eq!(found(&both, "ns"), "namespace 2");
        assert_eq!(found(&both, "missing"), "none");
        let _ = std::fs::remove_dir_all(a);
        let _ = std::fs::remove_dir_all(b);
    }

    #[test]
    fn a_regular_module_later_on_the_path_beats_a_namespace_portion() {
        let a = tree("c", &["x/"]);
        let b = tree("d", &["x.py"]);
        assert_eq!(found(&[a.clone(), b.clone()], "x"), "x.py package=false");
        let _ = std::fs::remove_dir_all(a);
        let _ = std::fs::remove_dir_all(b);
    }

    #[test]
    fn script_dir_is_resolved() {
        let d = tree("e", &["sub/s.py"]);
        let script = d.join("sub/../sub/s.py");
        let resolved = std::fs::canonicalize(d.join("sub")).unwrap();
        assert_eq!(
            script_dir(&script.to_string_lossy()),
            resolved.to_string_lossy()
        );
        let _ = std::fs::remove_dir_all(d);
    }
}
