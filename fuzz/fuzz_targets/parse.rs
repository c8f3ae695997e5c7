//! Fuzz target for the front end: arbitrary bytes are decoded as a source file, tokenized (both
//! token streams) and parsed; the AST is dumped or the SyntaxError rendered. Any panic, hang or
//! stack overflow is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pylift::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_bytes("fuzz.py", data.to_vec());
    let _ = pylift::lexer::dump_tokens(&source);
    match pylift::parser::parse_module(&source) {
        Ok(module) => drop(pylift::ast::dump::dump_module(&module)),
        Err(e) => drop(e.render(&source)),
    }
});
