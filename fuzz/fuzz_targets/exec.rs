//! Fuzz target for whole-program execution: arbitrary bytes are run as `__main__` in process,
//! under an execution budget whose exhaustion raises at every later safepoint (so every program
//! ends). Parse and compile errors, uncaught exceptions and `SystemExit` are ordinary outcomes;
//! any panic, abort, hang or native stack overflow is a bug. Run it from a scratch directory
//! with `-close_fd_mask=1`: fuzzed programs print, and may create files.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pylift::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    pylift::vm::signals::set_raising_budget(2_000);
    let source = SourceFile::from_bytes("fuzz.py", data.to_vec());
    let _ = pylift::vm::run_source(source, vec!["fuzz.py".to_string()]);
});
