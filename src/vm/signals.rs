//! Asynchronous events polled at the interpreter's safepoints (backward jumps and Python
//! calls; compiled loops test `ATTENTION` at their back-edges and leave to the interpreter's
//! backward jump, which then polls): SIGINT, which raises `KeyboardInterrupt` in the running frame; a write to a closed
//! stdout, which raises `BrokenPipeError` (CPython raises it from the `print` whose flush
//! failed; stdout is buffered here, so the error surfaces at the next safepoint); and the optional
//! execution budget `PYLIFT_MAX_INSTRUCTIONS=N`, which ends any program after N safepoints
//! (so fuzzed programs always terminate).
//!
//! Invariants: the signal handler only stores to atomics (async-signal-safe); everything else
//! happens on the VM thread when `poll` sees `ATTENTION`. `ATTENTION` is true whenever either
//! event is armed, so the fast path is one relaxed load and a branch.

use super::Vm;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::types::types;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed, Ordering::SeqCst};
use std::sync::Once;

static ATTENTION: AtomicBool = AtomicBool::new(false);
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static STDOUT_BROKEN: AtomicBool = AtomicBool::new(false);
static BUDGETED: AtomicBool = AtomicBool::new(false);
static BUDGET: AtomicU64 = AtomicU64::new(0);
static LIMIT: AtomicU64 = AtomicU64::new(0);
static RAISE_WHEN_SPENT: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Exit status when the execution budget runs out (distinct from 1, an uncaught exception).
pub const BUDGET_EXIT: i32 = 125;

extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPTED.store(true, Relaxed);
    ATTENTION.store(true, Relaxed);
}

/// Installs the SIGINT handler (unless SIGINT is ignored, as CPython leaves it) and reads the
/// execution budget from the environment. Idempotent.
pub fn install() {
    INSTALL.call_once(|| {
        if let Some(n) = std::env::var("PYLIFT_MAX_INSTRUCTIONS")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
        {
            LIMIT.store(n, Relaxed);
            BUDGET.store(n, Relaxed);
            BUDGETED.store(true, Relaxed);
            ATTENTION.store(true, Relaxed);
        }
        let handler = on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only performs relaxed atomic stores, which are async-signal-safe;
        // re-installing SIG_IGN restores exactly the disposition we found.
        unsafe {
            if libc::signal(libc::SIGINT, handler) == libc::SIG_IGN {
                libc::signal(libc::SIGINT, libc::SIG_IGN);
            }
        }
    });
}

/// Gives the calling process a fresh budget of `n` safepoints whose exhaustion raises
/// `RuntimeError` at every later safepoint instead of exiting, so an in-process driver (the
/// execution fuzz target) survives it and the program unwinds to its end.
pub fn set_raising_budget(n: u64) {
    LIMIT.store(n, Relaxed);
    BUDGET.store(n, Relaxed);
    RAISE_WHEN_SPENT.store(true, Relaxed);
    BUDGETED.store(true, Relaxed);
    ATTENTION.store(true, Relaxed);
}

/// Records that a write to stdout failed with EPIPE (the reader is gone).
pub fn stdout_broken() {
    STDOUT_BROKEN.store(true, Relaxed);
    ATTENTION.store(true, Relaxed);
}

/// The address of `ATTENTION` as a byte (0 or 1), which compiled loops load at every back-edge
/// (`tier_up::lower`): a plain byte load from the address of a static is what the relaxed
/// `load` in `poll` compiles to, and the static never moves.
pub fn attention_addr() -> usize {
    ATTENTION.as_ptr() as usize
}

/// Checks for a pending SIGINT or a spent budget; called at every safepoint.
#[inline]
pub fn poll(vm: &mut Vm) -> PyResult<()> {
    if ATTENTION.load(Relaxed) {
        return attend(vm);
    }
    Ok(())
}

#[cold]
fn attend(vm: &mut Vm) -> PyResult<()> {
    if INTERRUPTED.swap(false, Relaxed) {
        rearm();
        let exc = vm.new_exception(types().keyboard_interrupt, Vec::new());
        return Err(PyErr(exc));
    }
    if STDOUT_BROKEN.swap(false, Relaxed) {
        rearm();
        let e = std::io::Error::from_raw_os_error(libc::EPIPE);
        return Err(crate::builtins::file::os_error(vm, &e, None));
    }
    if BUDGETED.load(Relaxed) {
        let left = BUDGET.load(Relaxed);
        if left == 0 {
            if RAISE_WHEN_SPENT.load(Relaxed) {
                return Err(vm.new_error(types().runtime_error, "execution budget exhausted"));
            }
            exhausted();
        }
        BUDGET.store(left - 1, Relaxed);
    }
    Ok(())
}

/// Clears `ATTENTION` unless an event is still armed. Clearing first and re-checking after
/// means a SIGINT arriving in between is never lost.
fn rearm() {
    ATTENTION.store(false, SeqCst);
    if INTERRUPTED.load(SeqCst) || STDOUT_BROKEN.load(SeqCst) || BUDGETED.load(SeqCst) {
        ATTENTION.store(true, SeqCst);
    }
}

/// The budget is spent: the program ends here, uncatchably, with what it printed so far.
fn exhausted() -> ! {
    crate::builtins::io::flush_stdout();
    crate::builtins::io::write_stderr(&format!(
        "pylift: execution budget exhausted (PYLIFT_MAX_INSTRUCTIONS={})\n",
        LIMIT.load(Relaxed)
    ));
    std::process::exit(BUDGET_EXIT);
}
