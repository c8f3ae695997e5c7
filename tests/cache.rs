//! The bytecode cache against the whole conformance corpus: every compiled program survives
//! dump → load unchanged; truncated, bit-flipped, foreign and garbage files are rejected (or, if
//! they get past the checksum, verified) without a panic; files land atomically in
//! `__pycache__`, and an unwritable folder silently means no cache.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use pylift::bytecode::code::CodeObject;
use pylift::bytecode::{disassemble, serialize, verify};
use pylift::cache::{self, CacheOutcome, MissReason, SourceMeta, HEADER_LEN};
use pylift::source::SourceFile;

const META: SourceMeta = SourceMeta {
    mtime_ns: 1_700_000_000_123_456_789,
    size: 4242,
};

fn py_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            py_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn compile(path: &Path) -> Option<Rc<CodeObject>> {
    let src = SourceFile::new(path.display().to_string(), fs::read_to_string(path).ok()?);
    // A program the compiler rejects (or, while it is young, panics on) is skipped, not failed:
    // this test is about the cache.
    catch_unwind(AssertUnwindSafe(|| {
        let module = pylift::parser::parse_module(&src).ok()?;
        pylift::compiler::compile_module(&module, &src).ok()
    }))
    .ok()
    .flatten()
}

/// Every conformance program that compiles, with its path.
fn corpus() -> Vec<(PathBuf, Rc<CodeObject>)> {
    let mut files = Vec::new();
    py_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance")),
        &mut files,
    );
    let total = files.len();
    let compiled: Vec<_> = files
        .into_iter()
        .filter_map(|p| compile(&p).map(|c| (p, c)))
        .collect();
    eprintln!(
        "cache corpus: {} of {total} conformance programs compile",
        compiled.len()
    );
    assert!(
        compiled.len() * 2 > total,
        "fewer than half of the corpus compiles"
    );
    compiled
}

/// xorshift64*: a fixed-seed generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A cache file whose header (checksum included) is valid for `payload`, whatever it holds.
fn with_valid_header(payload: &[u8]) -> Vec<u8> {
    let mut file = Vec::with_capacity(HEADER_LEN + payload.len());
    file.extend_from_slice(&cache::MAGIC);
    file.extend_from_slice(&cache::format().to_le_bytes());
    file.extend_from_slice(&META.mtime_ns.to_le_bytes());
    file.extend_from_slice(&META.size.to_le_bytes());
    file.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    file.extend_from_slice(&cache::checksum(payload).to_le_bytes());
    file.extend_from_slice(payload);
    file
}

/// Loads a file that passed the checksum: it must be rejected, or load verified code.
fn load_unchecked(payload: &[u8]) -> bool {
    match cache::decode(&with_valid_header(payload), META) {
        Ok(code) => {
            verify::verify_all(&code).expect("loaded code passes the verifier");
            true
        }
        Err(MissReason::BadPayload(_)) => false,
        Err(other) => panic!("header built to be valid was rejected: {other}"),
    }
}

#[test]
fn every_program_round_trips() {
    let corpus = corpus();
    let mut bytes_total = 0;
    for (path, code) in &corpus {
        let file = cache::encode(code, META).unwrap();
        bytes_total += file.len();
        let loaded =
            cache::decode(&file, META).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            format!("{loaded:?}"),
            format!("{code:?}"),
            "{}",
            path.display()
        );
        assert_eq!(
            disassemble(&loaded),
            disassemble(code),
            "{}",
            path.display()
        );
        assert_eq!(
            cache::encode(&loaded, META).unwrap(),
            file,
            "{}: encoding is not stable",
            path.display()
        );
    }
    eprintln!(
        "cache round trip: {} programs, {bytes_total} bytes of cache files",
        corpus.len()
    );
}

#[test]
fn truncation_at_every_length_is_rejected() {
    let mut corpus = corpus();
    corpus.sort_by_key(|(_, c)| serialize::dump(c).unwrap().len());
    let mut checked = 0;
    // The whole file truncated: caught by the length in the header.
    for (_, code) in corpus.iter().rev().take(10) {
        let file = cache::encode(code, META).unwrap();
        for len in 0..file.len() {
            assert!(
                cache::decode(&file[..len], META).is_err(),
                "accepted {len} of {} bytes",
                file.len()
            );
            checked += 1;
        }
    }
    // The payload truncated behind a header made valid for it: caught by the decoder.
    let mut unchecked = 0;
    for (_, code) in corpus.iter().rev().take(3) {
        let payload = serialize::dump(code).unwrap();
        for len in 0..payload.len() {
            assert!(
                !load_unchecked(&payload[..len]),
                "accepted a payload prefix of {len} bytes"
            );
            unchecked += 1;
        }
    }
    eprintln!("truncations rejected: {checked} files, {unchecked} payloads behind a valid header");
}

#[test]
fn random_byte_flips_are_rejected_or_verified() {
    let corpus = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut rejected, mut unchecked_rejected, mut unchecked_loaded) = (0, 0, 0);
    for _ in 0..5000 {
        let (_, code) = &corpus[rng.below(corpus.len())];
        let mut file = cache::encode(code, META).unwrap();
        let at = rng.below(file.len());
        let flip = 1 + rng.below(255) as u8;
        file[at] ^= flip;
        assert!(
            cache::decode(&file, META).is_err(),
            "a flip at byte {at} was accepted"
        );
        rejected += 1;
        if at >= HEADER_LEN {
            if load_unchecked(&file[HEADER_LEN..]) {
                unchecked_loaded += 1;
            } else {
                unchecked_rejected += 1;
            }
        }
    }
    eprintln!(
        "byte flips: {rejected} rejected by checks; behind a valid checksum {unchecked_rejected} rejected, \
         {unchecked_loaded} loaded and verified"
    );
}

#[test]
fn garbage_payloads_behind_a_valid_header_never_panic() {
    let corpus = corpus();
    let mut rng = Rng(12345);
    let mut loaded = 0;
    for i in 0..3000 {
        let payload: Vec<u8> = if i % 2 == 0 {
            (0..rng.below(400)).map(|_| rng.next() as u8).collect()
        } else {
            // A real payload with a random tail: gets further into the decoder.
            let mut p = serialize::dump(&corpus[rng.below(corpus.len())].1).unwrap();
            let cut = rng.below(p.len());
            p.truncate(cut);
            p.extend((0..rng.below(64)).map(|_| rng.next() as u8));
            p
        };
        loaded += load_unchecked(&payload) as usize;
    }
    eprintln!("garbage payloads: {loaded} of 3000 loaded (and verified)");
}

#[test]
fn wrong_magic_format_and_stale_sources_are_rejected() {
    let (_, code) = &corpus()[0];
    let file = cache::encode(code, META).unwrap();
    assert!(cache::decode(&file, META).is_ok());

    let mut magic = file.clone();
    magic[..4].copy_from_slice(b"PYLG");
    assert!(matches!(
        cache::decode(&magic, META),
        Err(MissReason::BadMagic)
    ));

    let mut format = file.clone();
    format[4..8].copy_from_slice(&cache::format().wrapping_add(1).to_le_bytes());
    assert!(matches!(
        cache::decode(&format, META),
        Err(MissReason::BadFormat(_))
    ));

    let newer = SourceMeta {
        mtime_ns: META.mtime_ns + 1,
        ..META
    };
    assert!(matches!(
        cache::decode(&file, newer),
        Err(MissReason::Stale)
    ));
    let longer = SourceMeta {
        size: META.size + 1,
        ..META
    };
    assert!(matches!(
        cache::decode(&file, longer),
        Err(MissReason::Stale)
    ));

    let mut checksum = file.clone();
    checksum[32] ^= 1;
    assert!(matches!(
        cache::decode(&checksum, META),
        Err(MissReason::BadChecksum)
    ));
}

/// A fresh directory under the system temp dir, removed (writable again) on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "pylift-cache-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        set_mode(&self.0, 0o755);
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
}

/// A module source on disk and its compiled code.
fn module_in(dir: &Path) -> (PathBuf, SourceMeta, Rc<CodeObject>) {
    let text = "def f(x):\n    return [x * i for i in range(3)]\n\nprint(f(2), 1.5, 10**30)\n";
    let path = dir.join("mod.py");
    fs::write(&path, text).unwrap();
    let src = SourceFile::new(path.display().to_string(), text.to_string());
    let code = pylift::compiler::compile_module(&pylift::parser::parse_module(&src).unwrap(), &src)
        .unwrap();
    (path.clone(), SourceMeta::of(&path).unwrap(), code)
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn store_and_load_through_pycache() {
    let tmp = TempDir::new();
    let (source, meta, code) = module_in(&tmp.0);
    assert!(matches!(
        cache::lookup(&source, meta),
        CacheOutcome::Miss(MissReason::NotFound)
    ));

    let written = cache::store(&source, meta, &code).expect("cache written");
    assert_eq!(written, cache::cache_path(&source).unwrap());
    assert_eq!(
        dir_names(&tmp.0.join("__pycache__")),
        [format!("mod.pylift-{:08x}.pyc", cache::format())]
    );
    let loaded = cache::load(&source, meta).expect("cache hit");
    assert_eq!(format!("{loaded:?}"), format!("{code:?}"));

    // Reached by another path (a moved folder, another sys.path entry), the code names it.
    let other = tmp.0.join(".").join("mod.py");
    let renamed = cache::load(&other, meta).expect("cache hit through another path");
    assert_eq!(&*renamed.filename, other.to_str().unwrap());
    assert_ne!(renamed.filename, code.filename);

    // Rewriting replaces the file and leaves no temporary behind.
    assert!(cache::store(&source, meta, &code).is_some());
    assert_eq!(dir_names(&tmp.0.join("__pycache__")).len(), 1);

    // Editing the source makes the file stale.
    let edited = SourceMeta {
        size: meta.size + 1,
        ..meta
    };
    assert!(matches!(
        cache::lookup(&source, edited),
        CacheOutcome::Miss(MissReason::Stale)
    ));

    // A file cut short on disk, at every length, is a miss.
    let full = fs::read(&written).unwrap();
    for len in 0..full.len() {
        fs::write(&written, &full[..len]).unwrap();
        assert!(
            cache::load(&source, meta).is_none(),
            "accepted {len} bytes on disk"
        );
    }
    // A file longer than its header says is a miss too.
    let mut long = full.clone();
    long.push(0);
    fs::write(&written, &long).unwrap();
    assert!(matches!(
        cache::lookup(&source, meta),
        CacheOutcome::Miss(MissReason::Truncated)
    ));
}

#[test]
fn unwritable_folder_means_no_cache() {
    // `__pycache__` taken by a plain file: no cache can be written, even as root.
    let tmp = TempDir::new();
    let (source, meta, code) = module_in(&tmp.0);
    fs::write(tmp.0.join("__pycache__"), b"not a folder").unwrap();
    assert_eq!(cache::store(&source, meta, &code), None);
    assert_eq!(dir_names(&tmp.0), ["__pycache__", "mod.py"]);
    assert!(cache::load(&source, meta).is_none());

    // A read-only folder.
    let tmp = TempDir::new();
    let (source, meta, code) = module_in(&tmp.0);
    set_mode(&tmp.0, 0o555);
    if fs::write(tmp.0.join("probe"), b"").is_ok() {
        eprintln!("note: running with privileges that ignore folder permissions; read-only folder check skipped");
        return;
    }
    assert_eq!(cache::store(&source, meta, &code), None);
    assert_eq!(dir_names(&tmp.0), ["mod.py"]);

    // A read-only `__pycache__`: nothing written, no temporary left.
    set_mode(&tmp.0, 0o755);
    fs::create_dir(tmp.0.join("__pycache__")).unwrap();
    set_mode(&tmp.0.join("__pycache__"), 0o555);
    assert_eq!(cache::store(&source, meta, &code), None);
    assert!(dir_names(&tmp.0.join("__pycache__")).is_empty());
    set_mode(&tmp.0.join("__pycache__"), 0o755);
}
