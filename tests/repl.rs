//! The REPL driven through a real pseudo-terminal (expectrl): banner and prompts, a multi-line
//! function ended by an empty line, echoed results and `_`, a traceback that does not end the
//! session, Ctrl-C cancelling a half-typed entry, Ctrl-D and `exit(n)` leaving, and the history
//! file.

use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Eof, Expect, Session};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn home(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pylift-repl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp home");
    dir
}

fn spawn(home: &PathBuf) -> expectrl::session::OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pylift"));
    cmd.env("HOME", home)
        .env("TERM", "xterm")
        .env_remove("PYTHONINSPECT");
    let mut s = Session::spawn(cmd).expect("spawn pylift on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

#[test]
fn interactive_session() {
    let home = home("session");
    let mut p = spawn(&home);
    p.expect("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.")
        .unwrap();
    p.expect(">>> ").unwrap();

    p.send_line("def f(x):").unwrap();
    p.expect("... ").unwrap();
    p.send_line("    return x * 2").unwrap();
    p.expect("... ").unwrap();
    p.send_line("").unwrap();
    p.expect(">>> ").unwrap();

    p.send_line("f(21)").unwrap();
    p.expect("42").unwrap();
    p.expect(">>> ").unwrap();
    p.send_line("_ + 1").unwrap();
    p.expect("43").unwrap();
    p.expect(">>> ").unwrap();

    p.send_line("1/0").unwrap();
    p.expect("Traceback (most recent call last):").unwrap();
    p.expect("File \"<stdin>\", line 1, in <module>").unwrap();
    p.expect("ZeroDivisionError: division by zero").unwrap();
    p.expect(">>> ").unwrap();

    p.send("x = (1,").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    p.send(ControlCode::EndOfText).unwrap();
    p.expect("KeyboardInterrupt").unwrap();
    p.expect(">>> ").unwrap();
    p.send_line("print('still', 'here')").unwrap();
    p.expect("still here").unwrap();
    p.expect(">>> ").unwrap();

    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(
        p.get_process().wait().unwrap(),
        WaitStatus::Exited(p.get_process().pid(), 0)
    );
    let history = std::fs::read_to_string(home.join(".pylift_history")).expect("history file");
    assert!(
        history.contains("def f(x):") && history.contains("print('still', 'here')"),
        "{history}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn exit_leaves_with_its_status() {
    let home = home("exit");
    let mut p = spawn(&home);
    p.expect(">>> ").unwrap();
    p.send_line("exit(3)").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(
        p.get_process().wait().unwrap(),
        WaitStatus::Exited(p.get_process().pid(), 3)
    );
    let _ = std::fs::remove_dir_all(&home);
}

/// Interpreted (`--no-jit`): the SIGINT check sits at the interpreter's safepoints.
#[test]
fn ctrl_c_interrupts_running_code() {
    let home = home("interrupt");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pylift"));
    cmd.arg("--no-jit").env("HOME", &home).env("TERM", "xterm");
    let mut p = Session::spawn(cmd).expect("spawn pylift on a pty");
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    p.expect(">>> ").unwrap();
    p.send_line("while True: pass").unwrap();
    p.expect("... ").unwrap();
    p.send_line("").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    p.send(ControlCode::EndOfText).unwrap();
    p.expect("File \"<stdin>\", line 1, in <module>").unwrap();
    p.expect("KeyboardInterrupt").unwrap();
    p.expect(">>> ").unwrap();
    p.send_line("print('alive', 6 * 7)").unwrap();
    p.expect("alive 42").unwrap();
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(Eof).unwrap();
    let _ = std::fs::remove_dir_all(&home);
}
