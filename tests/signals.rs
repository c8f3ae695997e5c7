//! Asynchronous events against a running `pylift` child: SIGINT raises `KeyboardInterrupt` at the
//! next safepoint (it can be caught; uncaught, it prints CPython's traceback and the process ends
//! by SIGINT, as CPython does), and a closed stdout ends the program with CPython's
//! `BrokenPipeError` traceback and status 1, never a panic or an endless run. JIT-compiled loops
//! check the same flag at their back-edges and leave to the interpreter's own poll, so their
//! tracebacks are the interpreter's, byte for byte. The expected outcomes were checked against
//! python3 3.11 (see docs/reliability.md).

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Tests run in parallel threads of one process: every program gets its own file.
static PROGRAMS: AtomicUsize = AtomicUsize::new(0);

fn spawn(args: &[&str], code: &str) -> Child {
    spawn_env(args, code, &[])
}

fn spawn_env(args: &[&str], code: &str, env: &[(&str, &str)]) -> Child {
    let dir = std::env::temp_dir().join(format!("pylift-signals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("p{}.py", PROGRAMS.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, code).expect("write program");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pylift"));
    cmd.envs(env.iter().copied());
    // SAFETY: between fork and exec only `signal` runs, which is async-signal-safe. A test
    // runner started in the background inherits SIGINT ignored, which the child would keep.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    cmd.args(args)
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pylift")
}

/// Waits for `child` to end, killing it and panicking with `why` after 20 s.
fn wait(child: &mut Child, why: &str) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(s) = child.try_wait().expect("wait") {
            return s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{why}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn read_stderr(child: &mut Child) -> String {
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    err
}

/// What an interrupted child left: stdout after its ready line, stderr, exit status, and the
/// time from the signal to its exit.
struct Interrupted {
    out: String,
    err: String,
    status: ExitStatus,
    latency: Duration,
}

/// Waits for the child's ready line, sends SIGINT 200 ms later (time enough for any loop to be
/// compiled), and collects what the child leaves. Panics if it does not end within 20 s.
fn interrupt(mut child: Child) -> Interrupted {
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("ready line");
    assert_eq!(line, "ready\n");
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    // SAFETY: kill only delivers a signal to the child we spawned.
    let rc = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(rc, 0);
    let status = wait(&mut child, "child did not react to SIGINT");
    let latency = sent.elapsed();
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("stdout");
    let err = read_stderr(&mut child);
    Interrupted {
        out: rest,
        err,
        status,
        latency,
    }
}

/// Stderr without the JIT's own `[jit]` lines (`--jit-log`, `--stats`).
fn without_jit_lines(err: &str) -> String {
    err.lines()
        .filter(|l| !l.starts_with("[jit]"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A traceback with every file name made `prog.py` (each run gets its own program file).
fn same_file(tb: &str) -> String {
    tb.lines()
        .map(
            |l| match l.strip_prefix("  File \"").and_then(|r| r.split_once('"')) {
                Some((_, rest)) => format!("  File \"prog.py\"{rest}\n"),
                None => format!("{l}\n"),
            },
        )
        .collect()
}

const LOOP: &str = "print('ready', flush=True)\nwhile True: pass\n";

#[test]
fn sigint_uncaught_in_interpreted_loop() {
    let r = interrupt(spawn(&["--no-jit"], LOOP));
    assert!(
        r.err.ends_with("    while True: pass\nKeyboardInterrupt\n"),
        "stderr: {}",
        r.err
    );
    assert!(
        r.err.starts_with("Traceback (most recent call last):\n"),
        "stderr: {}",
        r.err
    );
    assert_eq!(r.status.signal(), Some(libc::SIGINT), "{:?}", r.status);
}

#[test]
fn sigint_caught_in_python_calls() {
    let code = "def f(n):\n    return n + 1\nprint('ready', flush=True)\ntry:\n    i = 0\n    while True:\n        i = f(i)\nexcept KeyboardInterrupt as e:\n    print('caught', type(e).__name__, e.args)\n";
    let r = interrupt(spawn(&["--no-jit"], code));
    assert_eq!(r.out, "caught KeyboardInterrupt ()\n");
    assert_eq!(r.err, "");
    assert_eq!(r.status.code(), Some(0));
}

/// The loop of `f` runs as native code from its first call (`--jit-threshold 0`): an unboxed
/// counter, no helper call, no store.
const COMPILED_LOOP: &str =
    "def f():\n    i = 0\n    while True:\n        i += 1\nprint('ready', flush=True)\nf()\n";

/// Checks that `--jit-log` in `err` reports compiling `what` with a loop header (`loop@pc[..]`
/// in its types; code after an instruction left to the interpreter is not compiled).
fn assert_loop_compiled(err: &str, what: &str) {
    let line = err
        .lines()
        .find(|l| l.starts_with(&format!("[jit] compiled {what} (")))
        .unwrap_or_else(|| panic!("{what} was not compiled:\n{err}"));
    assert!(line.contains("loop@"), "no compiled loop: {line}");
}

/// Checks that an interrupted compiled run left the interpreter's traceback and status, and
/// that `--jit-log` reported compiling the loop of `what`.
fn assert_like_interpreter(compiled: &Interrupted, interpreted: &Interrupted, what: &str) {
    assert_loop_compiled(&compiled.err, what);
    assert_eq!(
        same_file(&without_jit_lines(&compiled.err)),
        same_file(&interpreted.err)
    );
    assert!(
        interpreted.err.ends_with("KeyboardInterrupt\n"),
        "{}",
        interpreted.err
    );
    assert_eq!(compiled.status.signal(), Some(libc::SIGINT));
    assert_eq!(interpreted.status.signal(), Some(libc::SIGINT));
}

/// The requirement is 100 ms; measured 2-20 ms (most of it process exit). The bound leaves
/// room for a loaded test machine while still catching a loop that only stops at its end.
const MAX_LATENCY: Duration = Duration::from_secs(1);

#[test]
fn sigint_in_jit_compiled_loop() {
    let interpreted = interrupt(spawn(&["--no-jit"], COMPILED_LOOP));
    let compiled = interrupt(spawn(&["--jit-threshold", "0", "--jit-log"], COMPILED_LOOP));
    assert_like_interpreter(&compiled, &interpreted, "f");
    assert!(
        interpreted
            .err
            .ends_with("    while True:\nKeyboardInterrupt\n"),
        "{}",
        interpreted.err
    );
    assert!(
        compiled.latency < MAX_LATENCY,
        "took {:?}",
        compiled.latency
    );
}

/// A loop compiled when hot (default threshold) and entered by OSR in the middle of its only
/// call.
#[test]
fn sigint_in_osr_compiled_loop() {
    let code = "def f():\n    n = 0\n    while True:\n        n = n + 1\nprint('ready', flush=True)\nf()\n";
    let interpreted = interrupt(spawn(&["--no-jit"], code));
    let compiled = interrupt(spawn(&["--jit-log", "--stats"], code));
    assert_like_interpreter(&compiled, &interpreted, "f");
    assert!(
        compiled.err.contains(", 1 OSR entries,"),
        "not entered by OSR:\n{}",
        compiled.err
    );
    assert!(
        compiled.latency < MAX_LATENCY,
        "took {:?}",
        compiled.latency
    );
}

/// Recursion without loops made of direct calls between compiled code (no frame pushes, no
/// back-edges): each call checks the attention flag, so SIGINT stops it as promptly.
#[test]
fn sigint_in_direct_recursion() {
    let code = "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nprint('ready', flush=True)\nfib(60)\n";
    let interpreted = interrupt(spawn(&["--no-jit"], code));
    let compiled = interrupt(spawn(&["--jit-log"], code));
    assert!(
        compiled.err.contains("[jit] compiled fib ("),
        "fib not compiled:\n{}",
        compiled.err
    );
    assert!(
        without_jit_lines(&compiled.err).ends_with("KeyboardInterrupt\n"),
        "{}",
        compiled.err
    );
    assert_eq!(compiled.status.signal(), interpreted.status.signal());
    assert!(
        compiled.latency < MAX_LATENCY,
        "took {:?}",
        compiled.latency
    );
}

/// Leaving compiled code for a SIGINT is not a deopt: nothing is recompiled or counted.
#[test]
fn sigint_caught_in_compiled_loop_is_not_a_deopt() {
    let code = "def f():\n    i = 0\n    while True:\n        i += 1\nprint('ready', flush=True)\ntry:\n    f()\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let r = interrupt(spawn(&["--jit-threshold", "0", "--stats"], code));
    assert_eq!(r.out, "caught\n");
    assert_eq!(r.status.code(), Some(0));
    let stats = r
        .err
        .lines()
        .find(|l| l.starts_with("[jit] stats: "))
        .unwrap_or_else(|| panic!("no stats: {}", r.err));
    assert!(
        stats.contains(" 0 recompiled") && stats.contains(" 0 deopts"),
        "{stats}"
    );
}

/// The execution budget keeps the attention flag set, so a compiled endless loop leaves at
/// every back-edge and the budget runs out as in the interpreter.
#[test]
fn budget_ends_a_compiled_endless_loop() {
    for args in [&["--jit-threshold", "0"][..], &[]] {
        let mut child = spawn_env(
            args,
            COMPILED_LOOP,
            &[("PYLIFT_MAX_INSTRUCTIONS", "200000")],
        );
        let status = wait(&mut child, "the budget did not end a compiled loop");
        let err = read_stderr(&mut child);
        assert_eq!(status.code(), Some(125), "{args:?}: {err}");
        assert!(
            err.ends_with("pylift: execution budget exhausted (PYLIFT_MAX_INSTRUCTIONS=200000)\n"),
            "{err}"
        );
    }
}

/// Reads one byte of the child's stdout, closes it, and returns the child's stderr and status.
fn close_stdout_early(args: &[&str], code: &str) -> (String, ExitStatus) {
    let mut child = spawn(args, code);
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 1];
    out.read_exact(&mut first).expect("first byte");
    drop(out);
    let status = wait(&mut child, "program kept running after its reader left");
    (read_stderr(&mut child), status)
}

/// CPython's outcome: a `BrokenPipeError` traceback and status 1.
fn assert_broken_pipe(err: &str, status: ExitStatus) {
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "stderr: {err}"
    );
    assert!(
        err.ends_with("BrokenPipeError: [Errno 32] Broken pipe\n"),
        "stderr: {err}"
    );
    assert_eq!(status.code(), Some(1));
}

const PRINT_FOREVER: &str = "while True:\n    print('y')\n";
const PRINT_RANGE: &str = "for i in range(100000):\n    print(i)\n";

#[test]
fn closed_stdout_ends_like_cpython() {
    for code in [PRINT_RANGE, PRINT_FOREVER] {
        let (err, status) = close_stdout_early(&["--no-jit"], code);
        assert_broken_pipe(&err, status);
    }
}

/// The print loops of `main` are compiled at its first call; `print` runs through the `exec`
/// helper, the failed flush sets the attention flag, and the next back-edge leaves.
#[test]
fn closed_stdout_in_jit_compiled_loop() {
    let programs = [
        "def main():\n    for i in range(10**8):\n        print(i)\nmain()\n",
        "def main():\n    while True:\n        print('y')\nmain()\n",
    ];
    for code in programs {
        let (interpreted, _) = close_stdout_early(&["--no-jit"], code);
        let (err, status) = close_stdout_early(&["--jit-threshold", "0", "--jit-log"], code);
        assert_loop_compiled(&err, "main");
        let err = without_jit_lines(&err);
        assert_broken_pipe(&err, status);
        assert_eq!(same_file(&err), same_file(&interpreted));
    }
}
