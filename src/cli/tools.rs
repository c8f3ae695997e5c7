//! pylift's tool modules for `-m`, implemented in Rust because they need no Python runtime:
//! `py_compile FILE...` and `compileall [-q] [-f] [-l] [DIR|FILE]...`, which write the bytecode
//! cache files `import` reads (always, whatever `-B` says, as CPython's tools do), with the
//! output and exit statuses of CPython 3.11's `py_compile.main` and `compileall.main`; and
//! `tokenize` / `dis`, the command-line views of the front end.

use crate::cache::{self, CacheOutcome, SourceMeta};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// Runs tool module `name` with `args` (after the module name); `None` if `name` is not a
/// tool module.
pub fn run(name: &str, args: &[String], exe: &str) -> Option<i32> {
    match name {
        "py_compile" => Some(py_compile(args)),
        "compileall" => Some(compileall(args)),
        "tokenize" => Some(dump(super::Dump::Tokens, args, exe)),
        "dis" => Some(dump(super::Dump::Dis, args, exe)),
        _ => None,
    }
}

/// `-m tokenize [FILE]` (the same rows as CPython's) and `-m dis [FILE]` (pylift's register
/// bytecode, not CPython's): the `--dump-tokens` / `--dis` views of a file or of stdin.
fn dump(what: super::Dump, args: &[String], exe: &str) -> i32 {
    let source = match args.first() {
        Some(path) => match std::fs::read(path) {
            Ok(bytes) => SourceFile::from_bytes(path.as_str(), bytes),
            Err(e) => {
                let errno = e.raw_os_error().unwrap_or(0);
                eprintln!(
                    "{exe}: [Errno {errno}] {}: '{path}'",
                    super::io_error_text(&e)
                );
                return 1;
            }
        },
        None => {
            let mut bytes = Vec::new();
            if std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).is_err() {
                return 1;
            }
            let source = SourceFile::from_bytes("<stdin>", bytes);
            if what == super::Dump::Tokens {
                // CPython tokenizes stdin as text: no ENCODING row.
                return match crate::lexer::dump_tokens(&source) {
                    Ok(rows) => {
                        let body = rows
                            .split_once('\n')
                            .filter(|(first, _)| first.contains("ENCODING"));
                        print!("{}", body.map_or(rows.as_str(), |(_, rest)| rest));
                        0
                    }
                    Err(e) => {
                        eprint!("{}", e.render(&source));
                        1
                    }
                };
            }
            source
        }
    };
    super::run_dump(what, &source)
}

/// Why one file did not compile.
enum Failure {
    /// The rendered SyntaxError, as `py_compile.PyCompileError` shows it.
    Syntax(String),
    /// `[Errno N] reason: 'path'`.
    Io(String),
}

/// Compiles `path` and writes its cache file. The code's file name is the absolute path, as
/// `import` gives it; messages use the path as written.
fn compile_file(path: &str) -> Result<(), Failure> {
    let io = |e: std::io::Error| {
        let errno = e.raw_os_error().unwrap_or(0);
        Failure::Io(format!(
            "[Errno {errno}] {}: '{path}'",
            super::io_error_text(&e)
        ))
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let meta = SourceMeta::of(Path::new(path)).map_err(io)?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
    let source = SourceFile::from_bytes(abs.to_string_lossy().into_owned(), bytes);
    let code = crate::parser::parse_module(&source)
        .and_then(|m| crate::compiler::compile_module(&m, &source))
        .map_err(|e| {
            let mut shown = source.clone();
            shown.name = path.to_string();
            Failure::Syntax(e.render(&shown))
        })?;
    cache::store(&abs, meta, &code);
    Ok(())
}

fn py_compile(args: &[String]) -> i32 {
    let names: Vec<String> = if args.is_empty() {
        std::io::stdin().lines().map_while(Result::ok).collect()
    } else {
        args.to_vec()
    };
    let mut status = 0;
    for name in names {
        match compile_file(&name) {
            Ok(()) => {}
            Err(Failure::Syntax(text)) => {
                eprint!("{text}");
                status = 1;
            }
            Err(Failure::Io(text)) => {
                // CPython writes the OSError text with no newline.
                eprint!("{text}");
                status = 1;
            }
        }
    }
    status
}

struct Walk {
    quiet: bool,
    force: bool,
    recurse: bool,
}

fn compileall(args: &[String]) -> i32 {
    let mut walk = Walk {
        quiet: false,
        force: false,
        recurse: true,
    };
    let mut targets = Vec::new();
    for a in args {
        match a.as_str() {
            "-q" => walk.quiet = true,
            "-f" => walk.force = true,
            "-l" => walk.recurse = false,
            _ if a.starts_with('-') && a.len() > 1 => {}
            _ => targets.push(a.clone()),
        }
    }
    if targets.is_empty() {
        let cwd = std::env::current_dir().map(|p| p.to_string_lossy().into_owned());
        targets.push(cwd.unwrap_or_else(|_| ".".into()));
    }
    let mut ok = true;
    for t in &targets {
        // As `compileall.main`: anything that is not a file is listed as a folder.
        ok &= if Path::new(t).is_file() {
            walk.file(t)
        } else {
            walk.dir(t)
        };
    }
    if ok {
        0
    } else {
        1
    }
}

impl Walk {
    /// `compile_dir`: sorted entries, `__pycache__` skipped, subfolders when recursing.
    fn dir(&self, dir: &str) -> bool {
        if !self.quiet {
            println!("Listing '{dir}'...");
        }
        let mut names: Vec<String> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => {
                if !self.quiet {
                    println!("Can't list '{dir}'");
                }
                return true;
            }
        };
        names.sort();
        let mut ok = true;
        for name in names {
            if name == "__pycache__" {
                continue;
            }
            let full = format!("{}/{name}", dir.trim_end_matches('/'));
            let p = Path::new(&full);
            if p.is_dir() && !p.is_symlink() {
                if self.recurse {
                    ok &= self.dir(&full);
                }
            } else if name.ends_with(".py") {
                ok &= self.file(&full);
            }
        }
        ok
    }

    /// `compile_file`: skips a file whose cache is current unless forced.
    fn file(&self, path: &str) -> bool {
        if !self.force {
            if let Ok(meta) = SourceMeta::of(Path::new(path)) {
                let abs = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
                if let CacheOutcome::Hit(_) = cache::lookup(&abs, meta) {
                    return true;
                }
            }
        }
        if !self.quiet {
            println!("Compiling '{path}'...");
        }
        match compile_file(path) {
            Ok(()) => true,
            Err(Failure::Syntax(text)) | Err(Failure::Io(text)) => {
                if self.quiet {
                    println!("*** Error compiling '{path}'...");
                } else {
                    print!("*** ");
                }
                println!("{}\n", text.trim_end_matches('\n'));
                false
            }
        }
    }
}
