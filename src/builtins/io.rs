//! Buffered standard output (flushed at exit, before anything goes to stderr, and on
//! `flush=True`), so `print` in a loop is not one system call per line. Flushing stdout also
//! flushes open files, so a program's file output is complete at exit.

use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static OUT: RefCell<std::io::BufWriter<std::io::Stdout>> =
        RefCell::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
}

/// `-u` / `PYTHONUNBUFFERED`, or stdout is a terminal: every write reaches stdout at once.
static UNBUFFERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_unbuffered(on: bool) {
    UNBUFFERED.store(on, std::sync::atomic::Ordering::Relaxed);
}

pub fn write_stdout(s: &str) {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        let mut r = o.write_all(s.as_bytes());
        if r.is_ok() && UNBUFFERED.load(std::sync::atomic::Ordering::Relaxed) {
            r = o.flush();
        }
        if matches!(&r, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
            crate::vm::signals::stdout_broken();
        }
    });
}

/// Flushes stdout. Every exit path calls this, so it also writes what files the program
/// left open have buffered (CPython flushes them at shutdown).
pub fn flush_stdout() {
    super::file::flush_open_files();
    OUT.with(|o| {
        let _ = o.borrow_mut().flush();
    });
}

pub fn write_stderr(s: &str) {
    flush_stdout();
    let mut e = std::io::stderr().lock();
    let _ = e.write_all(s.as_bytes());
    let _ = e.flush();
}
