//! Buffered standard output (flushed at exit, before anything goes to stderr, and on
//! `flush=True`), so `print` in a loop is not one system call per line.

use std::cell::RefCell;
use std::io::Write;

thread_local! {
    static OUT: RefCell<std::io::BufWriter<std::io::Stdout>> =
        RefCell::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
}

pub fn write_stdout(s: &str) {
    OUT.with(|o| {
        let _ = o.borrow_mut().write_all(s.as_bytes());
    });
}

pub fn flush_stdout() {
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
