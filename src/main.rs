//! The `pylift` executable. The whole pipeline runs on one thread with the VM's large stack
//! (see `pylift::stack`), started here so that the command line handling, the front end and
//! the VM all run on it without starting another.

/// Python programs allocate many small, short-lived blocks (string data, list buffers, dict
/// tables); mimalloc serves them markedly faster than glibc's malloc (see benches/RESULTS.md).
#[global_allocator]
static GLOBAL: pylift::gc::system_alloc::Mimalloc = pylift::gc::system_alloc::Mimalloc;

fn main() {
    let status = pylift::stack::with_stack("pylift", pylift::stack::VM_STACK, || {
        std::panic::catch_unwind(pylift::cli::run).unwrap_or(70)
    });
    std::process::exit(status);
}
