//! Fuzz target for the bytecode cache loader: arbitrary bytes are read both as a whole cache
//! file (header, checksum, payload) and as a bare payload (the checksum bypassed, so the fuzzer
//! reaches the decoder and the verifier). Any panic, hang or stack overflow is a bug; a payload
//! that loads must be verified and survive dump → load unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pylift::bytecode::{serialize, verify};
use pylift::cache::{self, SourceMeta};

fuzz_target!(|data: &[u8]| {
    let meta = SourceMeta { mtime_ns: 0, size: 0 };
    let _ = cache::decode(data, meta);
    if let Ok(code) = serialize::load(data) {
        verify::verify_all(&code).expect("loaded code is verified");
        let again = serialize::load(&serialize::dump(&code).expect("loaded code can be stored")).expect("reloads");
        assert_eq!(format!("{again:?}"), format!("{code:?}"));
    }
});
