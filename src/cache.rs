//! The bytecode cache: `__pycache__/<module>.pylift-<format>.pyc` next to each imported module.
//!
//! A cache file is a 40-byte header followed by the payload of `bytecode::serialize`:
//!
//! ```text
//! offset  size  field (little-endian)
//!      0     4  magic "PYLF"
//!      4     4  format number (`format()`: a hash of the opcode table and the payload layout)
//!      8     8  source mtime, nanoseconds since the Unix epoch (i64)
//!     16     8  source size in bytes
//!     24     8  payload length
//!     32     8  FNV-1a 64 checksum of the payload
//!     40     …  payload: the module's code object and, nested in its constants, all others
//! ```
//!
//! Invariants:
//! - Reading never panics and never trusts the file: a missing, unreadable, truncated, foreign,
//!   stale or corrupt file is a `CacheOutcome::Miss` with its reason, and the caller compiles
//!   from source. Any single changed byte of the payload changes the FNV-1a checksum (each step
//!   of the hash is a bijection of its state), and whatever passes the checksum is still fully
//!   verified by `serialize::load`.
//! - Writing is atomic: a temporary file in the same folder, renamed over the cache file, so a
//!   reader sees the old file or the new one, never a partial one. Any failure (an unwritable
//!   folder, a full disk) writes nothing and is not reported as an error: no cache is a valid
//!   state. Whether to write at all (`-B`, `PYTHONDONTWRITEBYTECODE`) is the importer's decision.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use crate::bytecode::code::CodeObject;
use crate::bytecode::opcodes::Opcode;
use crate::bytecode::serialize::{self, DecodeError, EncodeError};

pub const MAGIC: [u8; 4] = *b"PYLF";
pub const HEADER_LEN: usize = 40;
pub const CACHE_DIR: &str = "__pycache__";

/// The format number: changes whenever an opcode is added, removed, reordered or redefined
/// (name, operand names and kinds, flags, semantics line) or the payload layout's `REVISION`
/// changes, so files written by another build are never misread.
pub fn format() -> u32 {
    static FORMAT: OnceLock<u32> = OnceLock::new();
    *FORMAT.get_or_init(|| {
        let mut h = Fnv1a::new();
        h.write(&serialize::REVISION.to_le_bytes());
        for &op in Opcode::ALL {
            h.write(&[op as u8]);
            h.write(op.ident().as_bytes());
            for (name, kind) in op.operands() {
                h.write(name.as_bytes());
                h.write(format!("{kind:?}").as_bytes());
            }
            h.write(&op.flags().0.to_le_bytes());
            h.write(op.semantics().as_bytes());
            h.write(&[0xff]);
        }
        let v = h.finish();
        (v ^ (v >> 32)) as u32
    })
}

/// FNV-1a, 64-bit: the payload checksum.
pub struct Fnv1a(u64);

impl Fnv1a {
    pub fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv1a {
    fn default() -> Self {
        Self::new()
    }
}

pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.write(bytes);
    h.finish()
}

/// What a cache file records about its source: a mismatch in either makes the file stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceMeta {
    pub mtime_ns: i64,
    pub size: u64,
}

impl SourceMeta {
    pub fn from_metadata(m: &fs::Metadata) -> SourceMeta {
        let mtime_ns = match m.modified().map(|t| t.duration_since(UNIX_EPOCH)) {
            Ok(Ok(after)) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
            Ok(Err(before)) => {
                i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |ns| -ns)
            }
            Err(_) => 0,
        };
        SourceMeta {
            mtime_ns,
            size: m.len(),
        }
    }

    pub fn of(source: &Path) -> io::Result<SourceMeta> {
        Ok(SourceMeta::from_metadata(&fs::metadata(source)?))
    }
}

/// Why a cache file was not used.
#[derive(Debug)]
pub enum MissReason {
    /// The source path has no file name to derive a cache name from.
    NoCachePath,
    NotFound,
    Unreadable(io::ErrorKind),
    Truncated,
    BadMagic,
    BadFormat(u32),
    Stale,
    BadChecksum,
    BadPayload(DecodeError),
}

impl fmt::Display for MissReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MissReason::NoCachePath => f.write_str("no cache file name"),
            MissReason::NotFound => f.write_str("no cache file"),
            MissReason::Unreadable(kind) => write!(f, "cache file unreadable: {kind}"),
            MissReason::Truncated => f.write_str("cache file truncated"),
            MissReason::BadMagic => f.write_str("bad magic number"),
            MissReason::BadFormat(v) => {
                write!(f, "cache format {v:08x}, expected {:08x}", format())
            }
            MissReason::Stale => f.write_str("bytecode is stale"),
            MissReason::BadChecksum => f.write_str("checksum mismatch"),
            MissReason::BadPayload(e) => write!(f, "corrupt bytecode: {e}"),
        }
    }
}

/// The result of a cache lookup, with enough detail for the importer's `-v` trace.
#[derive(Debug)]
pub enum CacheOutcome {
    Hit(Rc<CodeObject>),
    Miss(MissReason),
}

impl CacheOutcome {
    pub fn hit(self) -> Option<Rc<CodeObject>> {
        match self {
            CacheOutcome::Hit(code) => Some(code),
            CacheOutcome::Miss(_) => None,
        }
    }
}

/// `dir/__pycache__/m.pylift-<format>.pyc` for `dir/m.py` (the format as 8 hex digits).
pub fn cache_path(source: &Path) -> Option<PathBuf> {
    let stem = source.file_stem()?;
    let mut name = OsString::from(stem);
    name.push(format!(".pylift-{:08x}.pyc", format()));
    Some(
        source
            .parent()
            .unwrap_or(Path::new(""))
            .join(CACHE_DIR)
            .join(name),
    )
}

/// The cached code of `source` if its cache file is present, intact and up to date.
pub fn load(source: &Path, meta: SourceMeta) -> Option<Rc<CodeObject>> {
    lookup(source, meta).hit()
}

/// Like `load`, saying why the cache was not used.
pub fn lookup(source: &Path, meta: SourceMeta) -> CacheOutcome {
    let Some(path) = cache_path(source) else {
        return CacheOutcome::Miss(MissReason::NoCachePath);
    };
    match read(&path, source, meta) {
        Ok(code) => CacheOutcome::Hit(code),
        Err(reason) => CacheOutcome::Miss(reason),
    }
}

/// Reads and checks the cache file at `path`; the code reports `source` as its file name.
fn read(path: &Path, source: &Path, meta: SourceMeta) -> Result<Rc<CodeObject>, MissReason> {
    let io_miss = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => MissReason::NotFound,
        io::ErrorKind::UnexpectedEof => MissReason::Truncated,
        kind => MissReason::Unreadable(kind),
    };
    let mut file = File::open(path).map_err(io_miss)?;
    let file_len = file.metadata().map_err(io_miss)?.len();
    let mut header = [0u8; HEADER_LEN];
    file.read_exact(&mut header).map_err(io_miss)?;
    let (payload_len, sum) = check_header(&header, meta)?;
    // The header's length must match the file on disk before it sizes an allocation.
    if file_len.checked_sub(HEADER_LEN as u64) != Some(payload_len) {
        return Err(MissReason::Truncated);
    }
    let mut payload = Vec::with_capacity(payload_len as usize);
    file.take(payload_len)
        .read_to_end(&mut payload)
        .map_err(io_miss)?;
    if payload.len() as u64 != payload_len {
        return Err(MissReason::Truncated);
    }
    check_payload(&payload, sum, Some(&source.to_string_lossy()))
}

/// Decodes a whole cache file held in memory (what `load` does after reading it, except that
/// file names are kept as stored).
pub fn decode(bytes: &[u8], meta: SourceMeta) -> Result<Rc<CodeObject>, MissReason> {
    let header = bytes.get(..HEADER_LEN).ok_or(MissReason::Truncated)?;
    let (payload_len, sum) = check_header(header.try_into().expect("HEADER_LEN bytes"), meta)?;
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != payload_len {
        return Err(MissReason::Truncated);
    }
    check_payload(payload, sum, None)
}

/// The bytes of a cache file for `code` compiled from a source with `meta`.
pub fn encode(code: &CodeObject, meta: SourceMeta) -> Result<Vec<u8>, EncodeError> {
    let payload = serialize::dump(code)?;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&format().to_le_bytes());
    out.extend_from_slice(&meta.mtime_ns.to_le_bytes());
    out.extend_from_slice(&meta.size.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Writes the cache file of `source` atomically; returns its path, or `None` when nothing was
/// written (an unwritable folder, a code object too deep to store, an I/O error). `meta` must
/// be taken before the source was read, so an edit made while compiling leaves a stale file
/// rather than a file that claims to match the new source.
pub fn store(source: &Path, meta: SourceMeta, code: &CodeObject) -> Option<PathBuf> {
    let path = cache_path(source)?;
    let bytes = encode(code, meta).ok()?;
    match fs::create_dir(path.parent()?) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return None,
        _ => {}
    }
    write_atomic(&path, &bytes).ok()?;
    Some(path)
}

/// Writes a uniquely named temporary file next to `path` and renames it over `path`; on any
/// failure the temporary file is removed.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let mut tmp_name = path.file_name().map(OsString::from).unwrap_or_default();
    tmp_name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = path.with_file_name(tmp_name);
    let result = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn le_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("8 bytes"))
}

/// Checks magic, format and staleness; returns the payload length and checksum.
fn check_header(h: &[u8; HEADER_LEN], meta: SourceMeta) -> Result<(u64, u64), MissReason> {
    if h[0..4] != MAGIC {
        return Err(MissReason::BadMagic);
    }
    let fmt = u32::from_le_bytes(h[4..8].try_into().expect("4 bytes"));
    if fmt != format() {
        return Err(MissReason::BadFormat(fmt));
    }
    if le_u64(&h[8..16]) as i64 != meta.mtime_ns || le_u64(&h[16..24]) != meta.size {
        return Err(MissReason::Stale);
    }
    Ok((le_u64(&h[24..32]), le_u64(&h[32..40])))
}

/// Checks the checksum, then decodes and verifies; `filename` renames the code (see
/// `serialize::load_renamed`).
fn check_payload(
    payload: &[u8],
    sum: u64,
    filename: Option<&str>,
) -> Result<Rc<CodeObject>, MissReason> {
    if checksum(payload) != sum {
        return Err(MissReason::BadChecksum);
    }
    match filename {
        Some(name) => serialize::load_renamed(payload, name),
        None => serialize::load(payload),
    }
    .map_err(MissReason::BadPayload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_file_name() {
        let p = cache_path(Path::new("pkg/mod.py")).unwrap();
        assert_eq!(
            p,
            PathBuf::from(format!("pkg/__pycache__/mod.pylift-{:08x}.pyc", format()))
        );
        let bare = cache_path(Path::new("m.py")).unwrap();
        assert_eq!(
            bare,
            PathBuf::from(format!("__pycache__/m.pylift-{:08x}.pyc", format()))
        );
        assert!(cache_path(Path::new("/")).is_none());
    }

    #[test]
    fn fnv1a_known_values() {
        assert_eq!(checksum(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(checksum(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(checksum(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn format_is_stable_within_a_build() {
        assert_eq!(format(), format());
        assert_ne!(format(), 0);
    }
}
