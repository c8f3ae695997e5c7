//! The `pylift` executable. The whole pipeline runs on one thread with a large stack: the
//! parser, symbol table and compiler recurse over the AST, whose depth the parser bounds, and
//! that bound must fit in debug builds too.

/// Python programs allocate many small, short-lived blocks (string data, list buffers, dict
/// tables); mimalloc serves them markedly faster than glibc's malloc (see benches/RESULTS.md).
#[global_allocator]
static GLOBAL: pylift::gc::system_alloc::Mimalloc = pylift::gc::system_alloc::Mimalloc;

const STACK_SIZE: usize = 256 << 20;

fn main() {
    let status = std::thread::Builder::new()
        .name("pylift".into())
        .stack_size(STACK_SIZE)
        .spawn(pylift::cli::run)
        .and_then(|t| {
            t.join()
                .map_err(|_| std::io::Error::other("pylift thread panicked"))
        })
        .unwrap_or(70);
    std::process::exit(status);
}
