//! The command line: CPython's synopsis (`pylift [option] ... [-c cmd | -m mod | file | -] [arg]
//! ...`, options end at the script name), pylift's own long options, the inspection dumps, and
//! CPython's exit statuses (0 ok, 1 uncaught exception or SyntaxError, 2 usage or unopenable file).

pub mod compare;
pub mod exec;
pub mod repl;
pub mod tools;

use crate::source::SourceFile;
use crate::syntax_error::SyntaxError;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

/// What the user asked to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    File(String),
    Command(String),
    Module(String),
    Stdin,
}

/// What to do with the program instead of (or before) running it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dump {
    Tokens,
    Ast,
    Dis,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub program: Option<Program>,
    /// `sys.argv`: the script (or `-c`, `-m` name, `-`) and its arguments.
    pub argv: Vec<String>,
    pub dump: Option<Dump>,
    pub no_jit: bool,
    pub jit_threshold: Option<u32>,
    /// `--jit-log`, `--jit-all`, `--dump-jit-ir`, `--dump-clif`, `--dump-asm`, `--stats` (see
    /// `tier_up`).
    pub jit_flags: Vec<String>,
    pub dont_write_bytecode: bool,
    pub unbuffered: bool,
    pub verbose: u32,
    pub inspect: bool,
    pub xoptions: Vec<String>,
    /// `-h` anywhere among the options.
    pub help: bool,
    /// `-V` count (`-VV` adds build details).
    pub version: u32,
    /// `-E`/`-I`: ignore the `PYTHON*` environment variables.
    pub ignore_environment: bool,
    /// `-P`/`-I`/`PYTHONSAFEPATH`: no script folder (or `''`) at the front of `sys.path`.
    pub safe_path: bool,
    /// `-q`: no banner in the REPL.
    pub quiet: bool,
    /// `--compare`: time the program under `--no-jit` and with the JIT (see `compare`).
    pub compare: bool,
}

/// pylift's own long options that the environment can also set (`PYLIFT_<NAME>`, the option
/// name upper-cased with `_` for `-`); `true` when the option takes a value.
const LONG_OPTIONS: &[(&str, bool)] = &[
    ("dump-tokens", false),
    ("dump-ast", false),
    ("dis", false),
    ("no-jit", false),
    ("jit-threshold", true),
    ("jit-log", false),
    ("jit-all", false),
    ("dump-jit-ir", false),
    ("dump-clif", false),
    ("dump-asm", false),
    ("stats", false),
];

fn env_name(option: &str) -> String {
    format!("PYLIFT_{}", option.to_uppercase().replace('-', "_"))
}

/// Applies one of `LONG_OPTIONS`.
fn apply_long(opts: &mut Options, name: &str, value: Option<String>) -> Result<(), UsageError> {
    match (name, value) {
        ("dump-tokens", _) => opts.dump = Some(Dump::Tokens),
        ("dump-ast", _) => opts.dump = Some(Dump::Ast),
        ("dis", _) => opts.dump = Some(Dump::Dis),
        ("no-jit", _) => opts.no_jit = true,
        ("jit-log" | "jit-all" | "dump-jit-ir" | "dump-clif" | "dump-asm" | "stats", _) => {
            opts.jit_flags.push(name.to_string())
        }
        ("jit-threshold", Some(v)) => {
            let n = v
                .parse()
                .map_err(|_| UsageError::BadValue("--jit-threshold".into(), v.clone()))?;
            opts.jit_threshold = Some(n);
        }
        _ => return Err(UsageError::UnknownLongOption(format!("--{name}"))),
    }
    Ok(())
}

/// Settings from the environment, where the command line did not set them: CPython's
/// `PYTHON*` variables (unless `-E`/`-I`) and `PYLIFT_*` for pylift's long options
/// (`PYLIFT_JIT=0` also means `--no-jit`). A flag variable counts when set and non-empty.
fn apply_env(opts: &mut Options) -> Result<(), UsageError> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if !opts.ignore_environment {
        opts.dont_write_bytecode |= set("PYTHONDONTWRITEBYTECODE");
        opts.inspect |= set("PYTHONINSPECT");
        opts.unbuffered |= set("PYTHONUNBUFFERED");
        opts.safe_path |= set("PYTHONSAFEPATH");
        if set("PYTHONVERBOSE") {
            opts.verbose = opts.verbose.max(1);
        }
    }
    for &(name, takes_value) in LONG_OPTIONS {
        let Some(v) = std::env::var(env_name(name)).ok().filter(|v| !v.is_empty()) else {
            continue;
        };
        let already = match name {
            "jit-threshold" => opts.jit_threshold.is_some(),
            "dump-tokens" | "dump-ast" | "dis" => opts.dump.is_some(),
            _ => false,
        };
        if !already {
            apply_long(opts, name, takes_value.then_some(v))?;
        }
    }
    if std::env::var("PYLIFT_JIT").is_ok_and(|v| v == "0") {
        opts.no_jit = true;
    }
    Ok(())
}

/// A command-line problem, reported CPython's way with exit status 2.
#[derive(Debug, PartialEq, Eq)]
pub enum UsageError {
    UnknownOption(String),
    UnknownLongOption(String),
    MissingArgument(String),
    BadValue(String, String),
}

/// The usage line after `usage: <executable> `.
pub const SYNOPSIS: &str = "[option] ... [-c cmd | -m mod | file | -] [arg] ...";

pub const HELP: &str = "\
usage: pylift [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options (and corresponding environment variables), as CPython's:
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E and -P)
-m mod : run library module as a script (terminates option list)
-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-u     : force the stdout and stderr streams to be unbuffered; also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-X opt : set implementation-specific option; unknown ones are ignored;
         -X jit=0 means --no-jit
-b, -d, -O, -R, -s, -S, -x, -W arg : accepted for compatibility; no effect
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

pylift options (each also set by the environment variable shown):
--dump-tokens      : print the tokens of the program as `python -m tokenize` does, and exit
                     (PYLIFT_DUMP_TOKENS=x)
--dump-ast         : print the AST of the program as `ast.dump(..., indent=2)` does, and exit
                     (PYLIFT_DUMP_AST=x)
--dis              : print the register bytecode of every code object, and exit (PYLIFT_DIS=x)
--no-jit           : run the interpreter only (PYLIFT_NO_JIT=x, PYLIFT_JIT=0, -X jit=0)
--jit-threshold N  : calls or loop iterations before a function is compiled (0: at first call)
                     (PYLIFT_JIT_THRESHOLD=N)
--jit-log          : log each compilation and deopt to stderr (PYLIFT_JIT_LOG=x)
--jit-all          : compile hot code even where it would mostly call helpers, which then runs
                     slower than interpreted (for testing the JIT) (PYLIFT_JIT_ALL=x)
--dump-jit-ir      : print the JIT IR of each compiled function to stderr (PYLIFT_DUMP_JIT_IR=x)
--dump-clif        : print the Cranelift IR of each compiled function (PYLIFT_DUMP_CLIF=x)
--dump-asm         : print the machine code of each compiled function (PYLIFT_DUMP_ASM=x)
--stats            : print JIT statistics to stderr at exit (PYLIFT_STATS=x)
--compare          : run the program 3 times with --no-jit and 3 with the JIT, alternating,
                     check they print the same, show its output once, then the median times,
                     speedup and JIT statistics on stderr

Tool modules (-m): py_compile FILE..., compileall [-q] [-f] [-l] [DIR|FILE]...,
tokenize [FILE] (CPython's rows), dis [FILE] (pylift's register bytecode)
";

pub const VERSION: &str = concat!("Python 3.11.7 (pylift ", env!("CARGO_PKG_VERSION"), ")");

/// Parses the arguments after the executable name.
pub fn parse_args(args: Vec<OsString>) -> Result<Options, UsageError> {
    use lexopt::prelude::*;
    let mut opts = Options::default();
    let mut parser = lexopt::Parser::from_args(args);
    let text = |v: OsString| v.to_string_lossy().into_owned();
    loop {
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(lexopt::Error::MissingValue { option }) => {
                return Err(UsageError::MissingArgument(option.unwrap_or_default()))
            }
            Err(e) => return Err(UsageError::UnknownOption(e.to_string())),
        };
        match arg {
            Short('c') => {
                let code = parser
                    .value()
                    .map_err(|_| UsageError::MissingArgument("-c".into()))?;
                opts.program = Some(Program::Command(text(code)));
                opts.argv.push("-c".into());
                break;
            }
            Short('m') => {
                let module = parser
                    .value()
                    .map_err(|_| UsageError::MissingArgument("-m".into()))?;
                opts.argv.push(text(module.clone()));
                opts.program = Some(Program::Module(text(module)));
                break;
            }
            Short('B') => opts.dont_write_bytecode = true,
            Short('u') => opts.unbuffered = true,
            Short('v') => opts.verbose += 1,
            Short('i') => opts.inspect = true,
            Short('h') | Short('?') => opts.help = true,
            Short('V') => opts.version += 1,
            Short('E') => opts.ignore_environment = true,
            Short('I') => {
                opts.ignore_environment = true;
                opts.safe_path = true;
            }
            Short('P') => opts.safe_path = true,
            Short('q') => opts.quiet = true,
            // Accepted as CPython accepts them; they change nothing pylift does.
            Short('O' | 's' | 'S' | 'b' | 'd' | 'R' | 'x') => {}
            Short('W') => {
                parser
                    .value()
                    .map_err(|_| UsageError::MissingArgument("-W".into()))?;
            }
            Short('X') => {
                let x = text(
                    parser
                        .value()
                        .map_err(|_| UsageError::MissingArgument("-X".into()))?,
                );
                if x == "jit=0" {
                    opts.no_jit = true;
                }
                opts.xoptions.push(x);
            }
            Long("help") => opts.help = true,
            Long("version") => opts.version += 1,
            Long("compare") => opts.compare = true,
            Long(name) => {
                let name = name.to_string();
                let takes_value = LONG_OPTIONS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|&(_, v)| v);
                let value = match takes_value {
                    Some(true) => {
                        Some(text(parser.value().map_err(|_| {
                            UsageError::MissingArgument(format!("--{name}"))
                        })?))
                    }
                    _ => None,
                };
                apply_long(&mut opts, &name, value)?;
            }
            Value(v) => {
                let v = text(v);
                opts.program = Some(if v == "-" {
                    Program::Stdin
                } else {
                    Program::File(v.clone())
                });
                opts.argv.push(v);
                break;
            }
            Short(c) => return Err(UsageError::UnknownOption(format!("-{c}"))),
        }
    }
    opts.argv.extend(
        parser
            .raw_args()
            .map_err(|e| UsageError::UnknownOption(e.to_string()))?
            .map(text),
    );
    apply_env(&mut opts)?;
    Ok(opts)
}

/// Runs the command line and returns the process exit status.
pub fn run() -> i32 {
    let mut all = std::env::args_os();
    let exe = all.next().map_or_else(
        || "pylift".to_string(),
        |a| a.to_string_lossy().into_owned(),
    );
    let args: Vec<OsString> = all.collect();
    let opts = match parse_args(args) {
        Ok(opts) => opts,
        Err(e) => {
            let what = match e {
                UsageError::UnknownOption(o) => format!("Unknown option: {o}"),
                UsageError::UnknownLongOption(o) => format!("unknown option {o}"),
                UsageError::MissingArgument(o) => format!("Argument expected for the {o} option"),
                UsageError::BadValue(o, v) => format!("Invalid value for {o}: {v}"),
            };
            eprintln!("{what}\nusage: {exe} {SYNOPSIS}\nTry `pylift -h' for more information.");
            return 2;
        }
    };
    if opts.help {
        print!("{HELP}");
        return 0;
    }
    if opts.version > 0 {
        println!("{VERSION}");
        if opts.version > 1 {
            println!(
                "[rustc, register VM{}]",
                if opts.no_jit { ", JIT off" } else { "" }
            );
        }
        return 0;
    }
    if opts.compare {
        return compare::run(&opts, &exe);
    }
    let main = match &opts.program {
        Some(Program::Module(name)) => {
            if let Some(status) = tools::run(name, &opts.argv[1..], &exe) {
                return status;
            }
            exec::Main::Module(name.clone())
        }
        None if std::io::stdin().is_terminal() || opts.inspect => exec::Main::Repl,
        _ => match load_program(&opts, &exe) {
            Ok(main) => main,
            Err(status) => return status,
        },
    };
    if let (Some(dump), exec::Main::Source { source, .. }) = (opts.dump, &main) {
        return run_dump(dump, source);
    }
    crate::tier_up::configure(crate::tier_up::Config::from_cli(
        opts.no_jit,
        opts.jit_threshold,
        &opts.jit_flags,
    ));
    let outcome = exec::run(&opts, main, exe);
    if outcome.interrupted {
        die_by_sigint();
    }
    outcome.status
}

/// Ends the process by SIGINT with the default disposition, as CPython does after an uncaught
/// KeyboardInterrupt (a shell then reports status 130). Returns only if the signal is blocked.
fn die_by_sigint() {
    crate::builtins::io::flush_stdout();
    // SAFETY: `signal` with SIG_DFL installs no handler code, and `kill` on our own pid only
    // delivers that signal; neither touches memory owned by Rust.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
}

/// Reads the program text: a file, `-c` code or stdin, with its `__file__` and `sys.path[0]`.
fn load_program(opts: &Options, exe: &str) -> Result<exec::Main, i32> {
    match &opts.program {
        Some(Program::File(path)) => match std::fs::read(path) {
            Ok(bytes) => Ok(exec::Main::Source {
                source: SourceFile::from_bytes(script_path(path), bytes),
                file: Some(script_path(path)),
                path0: crate::import::script_dir(path),
            }),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                let reason = io_error_text(&e);
                eprintln!(
                    "{exe}: can't open file '{}': [Errno {errno}] {reason}",
                    absolute(path)
                );
                Err(2)
            }
        },
        Some(Program::Command(code)) => Ok(exec::Main::Source {
            source: SourceFile::new("<string>", code.clone()),
            file: None,
            path0: String::new(),
        }),
        Some(Program::Stdin) | None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|_| 1)?;
            Ok(exec::Main::Source {
                source: SourceFile::from_bytes("<stdin>", bytes),
                file: Some("<stdin>".into()),
                path0: String::new(),
            })
        }
        Some(Program::Module(_)) => Ok(exec::Main::Repl),
    }
}

/// The script's name as CPython reports it in tracebacks and `__file__`: joined to the current
/// directory when relative, but not normalised (`./x.py` stays `/cwd/./x.py`).
fn script_path(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{path}", cwd.to_string_lossy().trim_end_matches('/')),
        Err(_) => path.to_string(),
    }
}

fn absolute(path: &str) -> String {
    std::path::absolute(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string())
}

/// The strerror text CPython shows for an OS error.
pub fn io_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn run_dump(dump: Dump, source: &SourceFile) -> i32 {
    let result: Result<String, SyntaxError> = match dump {
        Dump::Tokens => crate::lexer::dump_tokens(source),
        Dump::Ast => crate::parser::parse_module(source).map(|m| crate::ast::dump::dump_module(&m)),
        Dump::Dis => crate::parser::parse_module(source)
            .and_then(|m| crate::compiler::compile_module(&m, source))
            .map(|code| crate::bytecode::disassemble(&code)),
    };
    match result {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            0
        }
        Err(e) => {
            eprint!("{}", e.render(source));
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, UsageError> {
        parse_args(args.iter().map(OsString::from).collect())
    }

    #[test]
    fn options_end_at_the_script_name() {
        let o = parse(&["--no-jit", "s.py", "-O", "--dis"]).unwrap();
        assert_eq!(o.program, Some(Program::File("s.py".into())));
        assert_eq!(o.argv, ["s.py", "-O", "--dis"]);
        assert!(o.no_jit);
        assert_eq!(o.dump, None);
    }

    #[test]
    fn dash_c_takes_the_rest_as_argv() {
        let o = parse(&["-c", "print(1)", "a", "-b"]).unwrap();
        assert_eq!(o.program, Some(Program::Command("print(1)".into())));
        assert_eq!(o.argv, ["-c", "a", "-b"]);
    }

    #[test]
    fn x_jit_0_disables_the_jit_and_unknown_x_is_accepted() {
        let o = parse(&["-X", "jit=0", "-X", "whatever", "-"]).unwrap();
        assert!(o.no_jit);
        assert_eq!(o.program, Some(Program::Stdin));
    }

    #[test]
    fn unknown_option_is_a_usage_error() {
        assert!(matches!(parse(&["-Z"]), Err(UsageError::UnknownOption(_))));
        assert!(matches!(
            parse(&["--jit-threshold", "x", "a.py"]),
            Err(UsageError::BadValue(..))
        ));
    }
}
