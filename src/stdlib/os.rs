//! `_os`: the operating-system calls behind the embedded `os` module (working directory,
//! directory listing, file status, creating and removing files and folders, environment,
//! process id). Failures raise the OSError subclass for the errno, as CPython does.

use super::conv;
use crate::builtins::args::check;
use crate::builtins::file::os_error;
use crate::runtime::alloc;
use crate::runtime::exception::PyResult;
use crate::runtime::func::{KwArgs, NativeFn};
use crate::runtime::object::Kind;
use crate::runtime::str::str_of;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;
use std::path::PathBuf;

/// A path argument (str; bytes are decoded as UTF-8).
fn path_arg(vm: &mut Vm, fname: &str, v: Value) -> PyResult<PathBuf> {
    if let Some(s) = str_of(v) {
        return Ok(PathBuf::from(s));
    }
    if let Some(Kind::Bytes(b)) = v.as_obj().map(|o| &o.get().kind) {
        return Ok(PathBuf::from(String::from_utf8_lossy(b).into_owned()));
    }
    if let Some(f) = crate::vm::ops::protocol::dunder_of(v, "__fspath__") {
        let r = vm.call(f, &[v], &[])?;
        return path_arg(vm, fname, r);
    }
    Err(vm.type_error(format!(
        "{fname}: path should be string, bytes or os.PathLike, not {}",
        type_name(v)
    )))
}

fn getcwd(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "getcwd", args, 0, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(alloc::str(p.display().to_string())),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

fn chdir(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "chdir", args, 1, 1)?;
    let p = path_arg(vm, "chdir", args[0])?;
    std::env::set_current_dir(&p).map_err(|e| os_error(vm, &e, Some(args[0])))?;
    Ok(Value::None)
}

fn listdir(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "listdir", args, 0, 1)?;
    let arg = args.first().copied().unwrap_or(Value::None);
    let p = if arg.is_none() {
        PathBuf::from(".")
    } else {
        path_arg(vm, "listdir", arg)?
    };
    let rd = std::fs::read_dir(&p).map_err(|e| os_error(vm, &e, Some(arg)))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| os_error(vm, &e, Some(arg)))?;
        names.push(alloc::str(entry.file_name().to_string_lossy().into_owned()));
    }
    Ok(alloc::list(names))
}

/// `_os.stat(path, follow)` → `(kind, size, mtime)` where kind is 'file', 'dir', 'link' or
/// 'other'; raises like `os.stat`.
fn stat(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "stat", args, 1, 2)?;
    let p = path_arg(vm, "stat", args[0])?;
    let follow = !matches!(args.get(1), Some(Value::Bool(false)));
    let md = if follow {
        std::fs::metadata(&p)
    } else {
        std::fs::symlink_metadata(&p)
    };
    let md = md.map_err(|e| os_error(vm, &e, Some(args[0])))?;
    let ft = md.file_type();
    let kind = if ft.is_symlink() {
        "link"
    } else if ft.is_dir() {
        "dir"
    } else if ft.is_file() {
        "file"
    } else {
        "other"
    };
    let mtime = md
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_secs_f64());
    Ok(alloc::tuple(vec![
        alloc::str(kind),
        Value::Int(md.len() as i64),
        Value::Float(mtime),
    ]))
}

/// Defines natives taking one path and running a `std::fs` operation on it.
macro_rules! path_ops {
    ($($name:ident => $op:expr;)*) => {
        $(fn $name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
            check(vm, stringify!($name), args, 1, 1)?;
            let p = path_arg(vm, stringify!($name), args[0])?;
            let op: fn(&std::path::Path) -> std::io::Result<()> = $op;
            op(&p).map_err(|e| os_error(vm, &e, Some(args[0])))?;
            Ok(Value::None)
        })*
        const PATH_OPS: &[(&str, NativeFn)] = &[$((stringify!($name), $name),)*];
    };
}

path_ops! {
    mkdir => |p| std::fs::create_dir(p);
    rmdir => |p| std::fs::remove_dir(p);
    remove => |p| std::fs::remove_file(p);
    unlink => |p| std::fs::remove_file(p);
}

fn rename(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "rename", args, 2, 2)?;
    let a = path_arg(vm, "rename", args[0])?;
    let b = path_arg(vm, "rename", args[1])?;
    std::fs::rename(&a, &b).map_err(|e| os_error(vm, &e, Some(args[0])))?;
    Ok(Value::None)
}

fn getpid(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "getpid", args, 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn cpu_count(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "cpu_count", args, 0, 0)?;
    Ok(std::thread::available_parallelism().map_or(Value::None, |n| Value::Int(n.get() as i64)))
}

fn putenv(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "putenv", args, 2, 2)?;
    let (Some(k), Some(v)) = (str_of(args[0]), str_of(args[1])) else {
        return Err(vm.type_error("str expected"));
    };
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // Single-threaded interpreter: nothing else reads the environment concurrently.
    std::env::set_var(k, v);
    Ok(Value::None)
}

fn unsetenv(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "unsetenv", args, 1, 1)?;
    let Some(k) = str_of(args[0]) else {
        return Err(vm.type_error("str expected"));
    };
    if k.is_empty() || k.contains('=') || k.contains('\0') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::remove_var(k);
    Ok(Value::None)
}

fn urandom(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    check(vm, "urandom", args, 1, 1)?;
    let n = vm.to_index(args[0])?;
    let Ok(n) = usize::try_from(n) else {
        return Err(vm.value_error("negative argument not allowed"));
    };
    use std::io::Read;
    let mut buf = vec![0u8; n];
    let r = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
    r.map_err(|e| os_error(vm, &e, None))?;
    Ok(alloc::bytes(buf))
}

/// The machine name (`uname -m`), from the target Rust was built for.
fn machine(_: &mut Vm, _: &[Value], _: KwArgs) -> PyResult<Value> {
    Ok(alloc::str(std::env::consts::ARCH))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("machine", machine),
    ("getcwd", getcwd),
    ("chdir", chdir),
    ("listdir", listdir),
    ("stat", stat),
    ("rename", rename),
    ("getpid", getpid),
    ("cpu_count", cpu_count),
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("urandom", urandom),
];

pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    conv::add_functions(vm, d, FUNCTIONS)?;
    conv::add_functions(vm, d, PATH_OPS)?;
    let env = alloc::dict();
    for (k, v) in std::env::vars_os() {
        let k = alloc::str(k.to_string_lossy().into_owned());
        let v = alloc::str(v.to_string_lossy().into_owned());
        vm.dict_set(env, k, v)?;
    }
    vm.dict_set_str(d, "environ", env)
}
