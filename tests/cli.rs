//! The command line and the import system, checked against CPython: each case runs `python3`
//! (3.11, the oracle) and pylift with the same arguments, stdin and working folder
//! (`tests/imports`, the fixture packages) and compares stdout, stderr and the exit status or
//! signal. The executables' paths and CPython's "Try `python -h'" are normalised first.
//! Cases that depend on pylift's own text (`--help`, `--version`) and on the bytecode cache are
//! checked against fixed expectations instead.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

const PYLIFT: &str = env!("CARGO_BIN_EXE_pylift");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports")
}

/// The real CPython executable (not a pyenv shim), so its messages name a stable path.
fn python() -> Option<&'static str> {
    static PY: OnceLock<Option<String>> = OnceLock::new();
    PY.get_or_init(|| {
        let out = Command::new("python3")
            .args([
                "-c",
                "import sys; print(sys.executable, sys.version_info[:2] == (3, 11))",
            ])
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        let (exe, is_311) = text.trim().rsplit_once(' ')?;
        (is_311 == "True").then(|| exe.to_string())
    })
    .as_deref()
}

#[derive(Debug, PartialEq)]
struct Output {
    stdout: String,
    stderr: String,
    code: Option<i32>,
    signal: Option<i32>,
}

fn run(exe: &str, args: &[&str], stdin: &str, env: &[(&str, &str)], cwd: &Path) -> Output {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in [
        "PYTHONPATH",
        "PYTHONINSPECT",
        "PYTHONVERBOSE",
        "PYTHONSAFEPATH",
        "PYTHONHOME",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("PYTHONDONTWRITEBYTECODE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let out = child.wait_with_output().expect("wait");
    let normalise = |bytes: Vec<u8>| {
        String::from_utf8_lossy(&bytes)
            .replace(exe, "EXE")
            .replace("Try `python -h'", "Try `EXE -h'")
            .replace("Try `pylift -h'", "Try `EXE -h'")
    };
    Output {
        stdout: normalise(out.stdout),
        stderr: normalise(out.stderr),
        code: out.status.code(),
        signal: out.status.signal(),
    }
}

/// Arguments, stdin and extra environment of one invocation compared with CPython.
type Case = (
    &'static [&'static str],
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    (&["-c", "print(1 + 1)"], "", &[]),
    (
        &["-c", "import sys; print(sys.argv)", "a", "-b", "--c"],
        "",
        &[],
    ),
    (&["-cprint('attached')"], "", &[]),
    (&["-c", "import sys; sys.exit(3)"], "", &[]),
    (&["-c", "import sys; sys.exit('bye now')"], "", &[]),
    (&["-c", "raise SystemExit(None)"], "", &[]),
    (&["-c", "raise SystemExit(True)"], "", &[]),
    (&["-c", "import sys; sys.exit(-1)"], "", &[]),
    (&["-c", "exit(4)"], "", &[]),
    (&["-c", "quit()"], "", &[]),
    (&["-c", "print(exit, quit, type(exit))"], "", &[]),
    (&["-q", "-i"], "exit\nquit(5)\n", &[]),
    (&["-c", "1/0"], "", &[]),
    (&["-c", "raise KeyboardInterrupt"], "", &[]),
    (
        &["-c", "import sys; print(sys.path[0] == '', __name__)"],
        "",
        &[],
    ),
    (&["-c", "print(globals().get('__file__'))"], "", &[]),
    (&["-c", "def f(:\n  pass"], "", &[]),
    (&["no_such_script.py"], "", &[]),
    (&["-Z"], "", &[]),
    (&["--no-such-long-option"], "", &[]),
    (&["-c"], "", &[]),
    (&["-m"], "", &[]),
    (&["-X"], "", &[]),
    (
        &["-X", "whatever", "-X", "jit=0", "-c", "print('x ok')"],
        "",
        &[],
    ),
    (
        &["-B", "-u", "-E", "-s", "-S", "-c", "print('flags ok')"],
        "",
        &[],
    ),
    (&["-W", "ignore", "-O", "-c", "print('W ok')"], "", &[]),
    (&["t_star.py", "-O", "--dis", "x"], "", &[]),
    (&["t_packages.py"], "", &[]),
    (&["t_circular.py"], "", &[]),
    (&["t_modules.py"], "", &[]),
    (&["t_syntax_import.py"], "", &[]),
    (&["t_uncaught_import.py"], "", &[]),
    (&["t_argv.py", "one", "-c", "two"], "", &[]),
    (&["./t_argv.py"], "", &[]),
    (
        &["-"],
        "import sys\nprint('stdin', sys.argv, __file__)\n",
        &[],
    ),
    (&["-", "a", "b"], "import sys\nprint(sys.argv)\n", &[]),
    (&[], "print('program from a pipe')\n", &[]),
    (&[], "1/0\n", &[]),
    (&["-m", "runme", "x", "-y"], "", &[]),
    (&["-m", "pkg.inner.deep"], "", &[]),
    (&["-m", "plain_main", "arg"], "", &[]),
    (&["-m", "no_such_module"], "", &[]),
    (&["-m", "no_such_pkg.sub"], "", &[]),
    (&["-m", "nspkg"], "", &[]),
    (&["-m", "pkg"], "", &[]),
    (&["-m", "plain.sub"], "", &[]),
    (&["-m", "sys"], "", &[]),
    (
        &["-c", "import from_pythonpath; print(from_pythonpath.WHERE)"],
        "",
        &[("PYTHONPATH", "pp_dir")],
    ),
    (
        &["-E", "-c", "import from_pythonpath"],
        "",
        &[("PYTHONPATH", "pp_dir")],
    ),
    (&["-I", "-c", "import sys; print('' in sys.path)"], "", &[]),
    (
        &["-i", "-c", "x = 41"],
        "print(x + 1)\nx\ndef f():\n  return 5\n\nf()\n1/0\nimport sys\nsys.exit(3)\n",
        &[],
    ),
    (
        &["-i", "-c", "raise ValueError('in script')"],
        "print('after')\n",
        &[],
    ),
    (&["-i", "-c", "import sys; sys.exit(2)"], "", &[]),
    (&["-q", "-i"], "2 ** 10\n", &[]),
    (&["-q", "-i"], "import sys\nsys.ps1 = 'py> '\n1\n", &[]),
    (&["-q", "-i"], "print(STARTUP)\n", &[("PYTHONSTARTUP", "startup.py")]),
    (&["t_repr.py"], "", &[]),
    (&["-m", "tokenize", "plain.py"], "", &[]),
    (&["-m", "tokenize"], "x = (1,\n  2)  # c\n", &[]),
    (&["-c", "print(__import__('plain').X, __import__('pkg.sub').__name__, __import__('pkg.sub', fromlist=['helper']).helper(1))"], "", &[]),
    (&["-c", "import importlib, plain\nplain.X = 0\nprint(importlib.reload(plain) is plain, plain.X)"], "", &[]),
    (&["-X", "a=1", "-X", "flag", "-c", "import sys; print(sys._xoptions)"], "", &[]),
    (&["-c", "import sys; print(sys.modules['__main__'])"], "", &[]),
    (&["-c", "from . import x"], "", &[]),
    (&["-c", "import importlib\ntry: importlib.import_module('.x')\nexcept TypeError as e: print(e)"], "", &[]),
    (&["-c", "import sys; sys.modules['fake'] = 5; import fake; print(fake)"], "", &[]),
    (&["-c", "import sys; sys.modules['gone'] = None; import gone"], "", &[]),
    (&["-c", "import sys; sys.path.insert(0, 'pp_dir'); import from_pythonpath as f; print(f.__file__)"], "", &[]),
    (&["-c", "import pkg.inner.deep, sys; print(sys.modules['pkg.inner'].deep is pkg.inner.deep)"], "", &[]),
    // Tracebacks with their error-location lines.
    (&["carets/assert_test.py"], "", &[]),
    (&["carets/attribute.py"], "", &[]),
    (&["carets/aug_subscript.py"], "", &[]),
    (&["carets/binop.py"], "", &[]),
    (&["carets/call.py"], "", &[]),
    (&["carets/decorator.py"], "", &[]),
    (&["carets/double_star_args.py"], "", &[]),
    (&["carets/for_iter.py"], "", &[]),
    (&["carets/multi_line.py"], "", &[]),
    (&["carets/multi_line_attribute.py"], "", &[]),
    (&["carets/multi_line_call.py"], "", &[]),
    (&["carets/multi_line_method.py"], "", &[]),
    (&["carets/nested_call.py"], "", &[]),
    (&["carets/non_ascii.py"], "", &[]),
    (&["carets/paren_operands.py"], "", &[]),
    (&["carets/paren_operator.py"], "", &[]),
    (&["carets/star_args.py"], "", &[]),
    (&["carets/subscript.py"], "", &[]),
    (&["carets/tabs.py"], "", &[]),
    (&["carets/trailing_space.py"], "", &[]),
    (&["carets/two_char_operator.py"], "", &[]),
    (&["carets/whole_line.py"], "", &[]),
];

#[test]
fn command_line_matches_cpython() {
    let Some(py) = python() else {
        eprintln!("python3 3.11 not found: skipping the CPython comparison");
        return;
    };
    let dir = fixtures();
    let mut failures = Vec::new();
    for (args, stdin, env) in CASES {
        let expected = run(py, args, stdin, env, &dir);
        let got = run(PYLIFT, args, stdin, env, &dir);
        if expected != got {
            failures.push(format!(
                "pylift {args:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invocations differ from CPython:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn version_and_help() {
    let dir = fixtures();
    let v = run(PYLIFT, &["-V"], "", &[], &dir);
    assert_eq!(
        v.stdout,
        format!("Python 3.11.7 (pylift {})\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(run(PYLIFT, &["--version"], "", &[], &dir).stdout, v.stdout);
    assert_eq!(v.code, Some(0));
    let h = run(PYLIFT, &["-h"], "", &[], &dir);
    let snapshot = std::fs::read_to_string(dir.join("help.txt")).expect("tests/imports/help.txt");
    assert_eq!(h.stdout, snapshot);
    assert_eq!(h.code, Some(0));
    assert_eq!(
        run(PYLIFT, &["-B", "--help"], "", &[], &dir).stdout,
        snapshot
    );
}

#[test]
fn pylift_env_equivalents_of_long_options() {
    let dir = fixtures();
    let with_env = run(PYLIFT, &["-c", "x = 1"], "", &[("PYLIFT_DIS", "1")], &dir);
    let with_flag = run(PYLIFT, &["--dis", "-c", "x = 1"], "", &[], &dir);
    assert!(!with_flag.stdout.is_empty());
    assert_eq!(with_env, with_flag);
    let bad = run(
        PYLIFT,
        &["-c", "pass"],
        "",
        &[("PYLIFT_JIT_THRESHOLD", "many")],
        &dir,
    );
    assert_eq!(bad.code, Some(2));
}

/// A fresh folder under the system temp dir holding `files` (path, text).
fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pylift-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    dir
}

fn cache_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    let rd = std::fs::read_dir(dir.join("__pycache__")).ok()?;
    rd.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("{stem}.pylift-")))
    })
}

/// Writing allowed: PYTHONDONTWRITEBYTECODE set but empty counts as unset, as in CPython.
const WRITE: &[(&str, &str)] = &[("PYTHONDONTWRITEBYTECODE", "")];

#[test]
fn imported_modules_go_through_the_cache() {
    let dir = scratch(
        "cache",
        &[
            ("m.py", "print('m body')\nX = 1\n"),
            ("main.py", "import m\nprint(m.X)\n"),
        ],
    );
    let m = dir.join("m.py").display().to_string();
    let first = run(PYLIFT, &["-v", "main.py"], "", WRITE, &dir);
    assert_eq!(first.stdout, "m body\n1\n");
    assert!(
        first.stderr.contains(&format!("# code object from {m}\n")),
        "{}",
        first.stderr
    );
    let cached = cache_file(&dir, "m").expect("cache file written");
    assert!(
        first
            .stderr
            .contains(&format!("# created '{}'", cached.display())),
        "{}",
        first.stderr
    );
    assert!(
        cache_file(&dir, "main").is_none(),
        "the main script is never cached"
    );

    let second = run(PYLIFT, &["-v", "main.py"], "", WRITE, &dir);
    assert_eq!(second.stdout, "m body\n1\n");
    assert!(
        second
            .stderr
            .contains(&format!("# {} matches {m}\n", cached.display())),
        "{}",
        second.stderr
    );
    assert!(second
        .stderr
        .contains(&format!("# code object from '{}'\n", cached.display())));

    std::fs::write(dir.join("m.py"), "print('m body, edited')\nX = 22\n").unwrap();
    let third = run(PYLIFT, &["-v", "main.py"], "", WRITE, &dir);
    assert_eq!(third.stdout, "m body, edited\n22\n");
    assert!(
        third.stderr.contains("# bytecode is stale for 'm'\n"),
        "{}",
        third.stderr
    );

    // Damaged cache files: every truncation and a flipped byte at many offsets still run the
    // program from source, and the file is rewritten.
    let good = std::fs::read(&cached).unwrap();
    let step = (good.len() / 40).max(1);
    for cut in (0..good.len()).step_by(step) {
        std::fs::write(&cached, &good[..cut]).unwrap();
        let out = run(PYLIFT, &["main.py"], "", WRITE, &dir);
        assert_eq!(
            (out.stdout.as_str(), out.code),
            ("m body, edited\n22\n", Some(0)),
            "cut at {cut}"
        );
        assert_eq!(
            std::fs::read(&cached).unwrap(),
            good,
            "rewritten after a cut at {cut}"
        );
    }
    for at in (0..good.len()).step_by(step) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        std::fs::write(&cached, &bad).unwrap();
        let out = run(PYLIFT, &["main.py"], "", WRITE, &dir);
        assert_eq!(
            (out.stdout.as_str(), out.code),
            ("m body, edited\n22\n", Some(0)),
            "flip at {at}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_cache_with_dash_b_env_or_unwritable_folder() {
    let files = [("m.py", "X = 5\n"), ("main.py", "import m\nprint(m.X)\n")];
    let dir = scratch("nocache", &files);
    let out = run(PYLIFT, &["-B", "main.py"], "", WRITE, &dir);
    assert_eq!(out.stdout, "5\n");
    assert!(!dir.join("__pycache__").exists());
    let out = run(
        PYLIFT,
        &["main.py"],
        "",
        &[("PYTHONDONTWRITEBYTECODE", "1")],
        &dir,
    );
    assert_eq!(out.stdout, "5\n");
    assert!(!dir.join("__pycache__").exists());
    // A file where the cache folder should be: nothing can be written, the import still works.
    std::fs::write(dir.join("__pycache__"), "not a folder").unwrap();
    let out = run(PYLIFT, &["-v", "main.py"], "", WRITE, &dir);
    assert_eq!((out.stdout.as_str(), out.code), ("5\n", Some(0)));
    assert!(!out.stderr.contains("# created"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn py_compile_and_compileall_match_cpython_and_write_cache_files() {
    let files = [
        ("tree/a.py", "x = 1\n"),
        ("tree/bad.py", "def (\n"),
        ("tree/notes.txt", "not python\n"),
        ("tree/sub/b.py", "y = 2\n"),
    ];
    let ours = scratch("compile-ours", &files);
    assert_eq!(
        run(PYLIFT, &["-m", "py_compile", "tree/a.py"], "", &[], &ours).code,
        Some(0)
    );
    assert!(cache_file(&ours.join("tree"), "a").is_some());
    let all = run(PYLIFT, &["-m", "compileall", "tree"], "", &[], &ours);
    assert!(cache_file(&ours.join("tree/sub"), "b").is_some());
    assert!(cache_file(&ours.join("tree"), "bad").is_none());
    let Some(py) = python() else { return };
    let theirs = scratch("compile-cpython", &files);
    assert_eq!(
        run(py, &["-m", "py_compile", "tree/a.py"], "", &[], &theirs).code,
        Some(0)
    );
    assert_eq!(
        run(py, &["-m", "compileall", "tree"], "", &[], &theirs),
        all
    );
    for args in [
        &["-m", "py_compile", "tree/bad.py", "tree/a.py"][..],
        &["-m", "py_compile", "missing.py"],
        &["-m", "compileall", "-q", "tree"],
        &["-m", "compileall", "-f", "-l", "tree"],
        &["-m", "compileall", "no_such_dir"],
    ] {
        assert_eq!(
            run(py, args, "", &[], &theirs),
            run(PYLIFT, args, "", &[], &ours),
            "{args:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&ours);
    let _ = std::fs::remove_dir_all(&theirs);
}

#[test]
fn import_time_lists_the_same_nesting_as_cpython() {
    let dir = fixtures();
    let args = ["-X", "importtime", "-c", "import pkg.inner.deep"];
    let names = |o: Output| -> Vec<String> {
        o.stderr
            .lines()
            .filter_map(|l| l.strip_prefix("import time:"))
            .filter_map(|l| l.rsplit_once(" | ").map(|(_, name)| name.to_string()))
            .filter(|n| n.trim_start().starts_with("pkg") || n == "imported package")
            .collect()
    };
    let ours = names(run(PYLIFT, &args, "", &[], &dir));
    assert_eq!(ours.first().map(String::as_str), Some("imported package"));
    assert!(ours.contains(&"    pkg".to_string()), "{ours:?}");
    if let Some(py) = python() {
        assert_eq!(names(run(py, &args, "", &[], &dir)), ours);
    }
}
