//! The interactive prompt: `sys.ps1` / `sys.ps2` prompts (`>>> ` / `... `), multi-line blocks ended by an empty line,
//! expression results echoed (the compiler's interactive mode emits `PrintExpr`, which also
//! sets `builtins._`), tracebacks printed without leaving, Ctrl-C cancelling the input, Ctrl-D
//! or `exit()` leaving. With a terminal on stdin lines come from rustyline (history in
//! `~/.pylift_history`); otherwise from plain stdin with the prompts on stderr, as CPython does.
//!
//! Whether the input so far is complete is the parser's call: an entry is incomplete when
//! parsing fails only because it ends too early (an unclosed bracket or triple-quoted string,
//! a block header with no body yet, a trailing backslash), and a compound statement runs only
//! once an empty line ends it.

use crate::compiler::Mode;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::source::SourceFile;
use crate::syntax_error::SyntaxError;
use crate::vm::code::CodeRt;
use crate::vm::Vm;
use std::io::{BufRead, IsTerminal, Write};

const PS1: &str = ">>> ";
const PS2: &str = "... ";
const HISTORY_FILE: &str = ".pylift_history";

/// One read from the user.
enum Input {
    Line(String),
    Interrupted,
    Eof,
}

/// Where lines come from.
enum Reader {
    Editor(Box<rustyline::DefaultEditor>, Option<std::path::PathBuf>),
    Plain(std::io::StdinLock<'static>),
}

impl Reader {
    fn new() -> Reader {
        if std::io::stdin().is_terminal() {
            if let Ok(mut ed) = rustyline::DefaultEditor::new() {
                let history =
                    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(HISTORY_FILE));
                if let Some(h) = &history {
                    let _ = ed.load_history(h);
                }
                return Reader::Editor(Box::new(ed), history);
            }
        }
        Reader::Plain(std::io::stdin().lock())
    }

    fn read(&mut self, prompt: &str) -> Input {
        match self {
            Reader::Editor(ed, history) => match ed.readline(prompt) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = ed.add_history_entry(line.as_str());
                        if let Some(h) = history {
                            let _ = ed.append_history(h);
                        }
                    }
                    Input::Line(line)
                }
                Err(rustyline::error::ReadlineError::Interrupted) => Input::Interrupted,
                Err(_) => Input::Eof,
            },
            Reader::Plain(stdin) => {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(prompt.as_bytes());
                let _ = err.flush();
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => Input::Eof,
                    Ok(_) => Input::Line(line.trim_end_matches(['\n', '\r']).to_string()),
                }
            }
        }
    }
}

/// The first line printed by a bare `pylift` on a terminal.
pub fn banner() -> String {
    format!(
        "{} on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
        super::VERSION
    )
}

/// Runs the prompt in `globals` (the `__main__` dict) until EOF or SystemExit; returns the
/// exit status.
pub fn run(vm: &mut Vm, globals: Value, show_banner: bool) -> i32 {
    if show_banner {
        crate::builtins::io::write_stderr(&banner());
    }
    let sys = crate::stdlib::module_dict(Value::Object(vm.sys));
    for (name, text) in [("ps1", PS1), ("ps2", PS2)] {
        if vm
            .dict_get_str(sys, crate::runtime::str::intern(name))
            .is_none()
        {
            let _ = vm.dict_set_str(sys, name, crate::runtime::alloc::str(text));
        }
    }
    let mut reader = Reader::new();
    let mut buffer: Vec<String> = Vec::new();
    loop {
        crate::builtins::io::flush_stdout();
        let prompt = prompt(
            vm,
            if buffer.is_empty() {
                ("ps1", PS1)
            } else {
                ("ps2", PS2)
            },
        );
        let line = match reader.read(&prompt) {
            Input::Line(line) => line,
            Input::Interrupted => {
                crate::builtins::io::write_stderr("\nKeyboardInterrupt\n");
                buffer.clear();
                continue;
            }
            Input::Eof => {
                crate::builtins::io::write_stderr("\n");
                return 0;
            }
        };
        buffer.push(line);
        let text = buffer.join("\n") + "\n";
        match classify(&text, &buffer) {
            Entry::Empty => buffer.clear(),
            Entry::Incomplete => {}
            Entry::Invalid(e, source) => {
                crate::builtins::io::write_stderr(&e.render(&source));
                buffer.clear();
            }
            Entry::Complete(source) => {
                buffer.clear();
                if let Some(status) = execute(vm, globals, &source) {
                    return status;
                }
            }
        }
    }
}

/// `str(sys.ps1)` / `str(sys.ps2)`, as CPython reads them before each prompt.
fn prompt(vm: &mut Vm, (name, default): (&str, &str)) -> String {
    let sys = Value::Object(vm.sys);
    match vm.getattr_str(sys, name) {
        Ok(v) => vm.str(v).unwrap_or_else(|_| default.to_string()),
        Err(_) => default.to_string(),
    }
}

enum Entry {
    /// Blank or only comments: a fresh prompt.
    Empty,
    Incomplete,
    Invalid(SyntaxError, SourceFile),
    Complete(SourceFile),
}

fn classify(text: &str, lines: &[String]) -> Entry {
    let meaningful = |l: &String| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    if !lines.iter().any(meaningful) {
        return Entry::Empty;
    }
    let last_empty = lines.last().is_some_and(|l| l.trim().is_empty());
    if lines.last().is_some_and(|l| l.ends_with('\\')) {
        return Entry::Incomplete;
    }
    let source = SourceFile::new("<stdin>", text);
    match crate::parser::parse_module(&source) {
        Ok(_) => {
            let first = lines
                .iter()
                .find(|l| meaningful(l))
                .map_or("", |l| l.trim());
            if !opens_block(first) || last_empty {
                Entry::Complete(source)
            } else {
                Entry::Incomplete
            }
        }
        Err(e) => {
            let unclosed = e.msg.contains("was never closed")
                || e.msg.starts_with("unterminated triple-quoted string");
            let no_body = e.msg.starts_with("expected an indented block") && !last_empty;
            let decorator = lines[0].trim_start().starts_with('@') && !last_empty;
            if unclosed || no_body || decorator {
                Entry::Incomplete
            } else {
                Entry::Invalid(e, source)
            }
        }
    }
}

/// A compound statement's header: its body may go on, so it needs an empty line to end.
fn opens_block(first: &str) -> bool {
    let word = first
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("");
    matches!(
        word,
        "def" | "class" | "if" | "for" | "while" | "with" | "try" | "async" | "match"
    ) || first.starts_with('@')
}

/// Compiles and runs one entry; `Some(status)` when it raised SystemExit.
fn execute(vm: &mut Vm, globals: Value, source: &SourceFile) -> Option<i32> {
    let compiled = crate::parser::parse_module(source)
        .and_then(|m| crate::compiler::compile(&m, source, Mode::Interactive));
    let code = match compiled {
        Ok(code) => code,
        Err(e) => {
            crate::builtins::io::write_stderr(&e.render(source));
            return None;
        }
    };
    let Value::Object(g) = globals else {
        return None;
    };
    let rt = CodeRt::new(code);
    vm.pinned_code.push(rt.clone());
    let result = vm.run_code(rt, g, globals);
    crate::builtins::io::flush_stdout();
    match result {
        Ok(_) => None,
        Err(e) if vm.exc_matches(e, types().system_exit) => Some(vm.exit_status(e)),
        Err(e) => {
            let text = vm.format_exception(e);
            crate::builtins::io::write_stderr(&text);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(lines: &[&str]) -> &'static str {
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        match classify(&(lines.join("\n") + "\n"), &lines) {
            Entry::Empty => "empty",
            Entry::Incomplete => "incomplete",
            Entry::Invalid(..) => "invalid",
            Entry::Complete(_) => "complete",
        }
    }

    #[test]
    fn simple_statements_run_at_once() {
        assert_eq!(kind(&["1 + 2"]), "complete");
        assert_eq!(kind(&["x = 1"]), "complete");
        assert_eq!(kind(&["   # comment"]), "empty");
    }

    #[test]
    fn blocks_wait_for_an_empty_line() {
        assert_eq!(kind(&["def f():"]), "incomplete");
        assert_eq!(kind(&["def f():", "    return 1"]), "incomplete");
        assert_eq!(kind(&["def f():", "    return 1", ""]), "complete");
        assert_eq!(kind(&["@dec"]), "incomplete");
        assert_eq!(kind(&["if x:", ""]), "invalid");
    }

    #[test]
    fn open_brackets_and_strings_continue() {
        assert_eq!(kind(&["x = (1,"]), "incomplete");
        assert_eq!(kind(&["x = (1,", "2)"]), "complete");
        assert_eq!(kind(&["s = '''a"]), "incomplete");
        assert_eq!(kind(&["x = 1 + \\"]), "incomplete");
    }

    #[test]
    fn errors_are_reported_at_once() {
        assert_eq!(kind(&["1 +* 2"]), "invalid");
        assert_eq!(kind(&[")"]), "invalid");
    }
}
