//! Thread stacks big enough for pylift's recursion. The parser, symbol table and compiler
//! recurse over the AST (whose depth the parser bounds) and native code re-enters the dispatch
//! loop on the Rust stack (bounded by the recursion limits), so those walks need more stack than
//! a default thread has.
//!
//! A thread started here records the lowest address its code may use, so `with_stack` can run
//! work in place when enough of the current stack is left and start a thread only when it is
//! not (a thread costs a `clone`, a fresh TLS block and a wake-up: a visible share of start-up).
//! Only the pages actually touched are committed; the rest is reserved address space.

use std::cell::Cell;

/// What the VM's thread needs: the dispatch loop, re-entered from native code up to the
/// recursion limits, plus a deep AST walk on top.
pub const VM_STACK: usize = 1 << 30;

/// What one walk over an AST of the parser's maximum depth needs: nested lambdas or
/// conditional expressions take tens of megabytes in an unoptimised build.
pub const DEEP_STACK: usize = 256 << 20;

/// Room a new thread keeps beyond what it was asked for: its TLS block, which glibc carves out
/// of the stack, and the frames between the thread's start and a `with_stack` call on it (the
/// command line handling before the VM runs).
const SLACK: usize = 1 << 20;

thread_local! {
    /// The lowest stack address this thread's code may use, or 0 if unknown (a thread not
    /// started here).
    static FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// The current stack pointer, near enough: the address of a local.
#[inline(never)]
fn stack_pointer() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

/// Bytes of stack left below the caller, if this thread was started here.
fn remaining() -> Option<usize> {
    let floor = FLOOR.with(Cell::get);
    (floor != 0).then(|| stack_pointer().saturating_sub(floor))
}

/// Runs `f` with at least `bytes` of stack: in place when the current thread has that much left,
/// else on a new thread named `name`; also in place if no thread can be started.
pub fn with_stack<R: Send>(name: &str, bytes: usize, f: impl FnOnce() -> R + Send) -> R {
    if remaining().is_some_and(|left| left >= bytes) {
        return f();
    }
    let size = bytes + 2 * SLACK;
    let slot = std::sync::Mutex::new(Some(f));
    let ran = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .stack_size(size)
            .spawn_scoped(scope, || {
                FLOOR.with(|floor| floor.set(stack_pointer() + SLACK - size));
                slot.lock().ok()?.take().map(|f| f())
            });
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        }
    });
    match ran {
        Some(r) => r,
        // The thread could not be started, so the closure is still in its slot.
        None => match slot.into_inner().ok().flatten() {
            Some(f) => f(),
            None => unreachable!("a closure that ran returned its value"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_thread_runs_nested_work_in_place() {
        let outer = std::thread::current().id();
        let (first, second) = with_stack("outer", DEEP_STACK, || {
            let first = std::thread::current().id();
            let second = with_stack("inner", DEEP_STACK / 2, || std::thread::current().id());
            (first, second)
        });
        assert_ne!(first, outer);
        assert_eq!(first, second);
    }

    #[test]
    fn a_bigger_request_gets_its_own_thread() {
        let (first, second) = with_stack("outer", 8 << 20, || {
            let first = std::thread::current().id();
            let second = with_stack("inner", DEEP_STACK, || std::thread::current().id());
            (first, second)
        });
        assert_ne!(first, second);
    }

    #[test]
    fn a_thread_started_elsewhere_spawns() {
        let here = std::thread::current().id();
        assert_ne!(
            with_stack("t", 1 << 20, || std::thread::current().id()),
            here
        );
    }
}
