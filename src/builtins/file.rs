//! `open()` and file objects: text (`TextIOWrapper`, UTF-8 by default, universal newlines)
//! and binary (`BufferedReader`/`BufferedWriter`/`BufferedRandom`) files over `std::fs::File`.
//!
//! Invariants: reads go through `rbuf[rpos..]` (bytes read ahead of the OS position) and
//! writes through `wbuf` (bytes not yet written); the two are never both non-empty, so the
//! logical position is `os_pos - unread + unwritten`. Every open file is registered (weakly)
//! in `OPEN`, so `flush_open_files` at exit writes what a program never closed; dropping a
//! file (the collector freeing it) flushes too.

use super::args::{check, kw, method_check};
use crate::gc::roots;
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::func::KwArgs;
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_name;
use crate::vm::Vm;
use std::cell::RefCell;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::{Rc, Weak};

const CHUNK: usize = 64 * 1024;

/// How line endings are translated (the `newline` argument of `open`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: `\r\n` and `\r` read as `\n`; `\n` written as is (POSIX `os.linesep`).
    Universal,
    /// `''`: lines end at any of the three, nothing is translated.
    Untranslated,
    /// `'\n'`, `'\r'` or `'\r\n'`: lines end there; `\n` is written as it.
    Fixed(&'static str),
}

pub struct FileState {
    file: Option<std::fs::File>,
    name: Box<str>,
    pub mode: String,
    binary: bool,
    readable: bool,
    writable: bool,
    append: bool,
    newline: Newline,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    eof: bool,
}

pub type FileRef = Rc<RefCell<FileState>>;

thread_local! {
    static OPEN: RefCell<Vec<Weak<RefCell<FileState>>>> = const { RefCell::new(Vec::new()) };
}

/// Writes the pending output of every file the program left open (called at exit).
pub fn flush_open_files() {
    let files: Vec<FileRef> = OPEN.with(|o| o.borrow().iter().filter_map(Weak::upgrade).collect());
    for f in files {
        if let Ok(mut f) = f.try_borrow_mut() {
            let _ = f.flush_buf();
        }
    }
}

impl Drop for FileState {
    fn drop(&mut self) {
        let _ = self.flush_buf();
    }
}

impl FileState {
    fn flush_buf(&mut self) -> std::io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.wbuf);
        match &mut self.file {
            Some(f) => {
                f.write_all(&data)?;
                f.flush()
            }
            None => Ok(()),
        }
    }

    /// Drops read-ahead, moving the OS position back to the logical one (before a write/seek).
    fn drop_readahead(&mut self) -> std::io::Result<()> {
        let unread = (self.rbuf.len() - self.rpos) as i64;
        self.rbuf.clear();
        self.rpos = 0;
        self.eof = false;
        if unread > 0 {
            if let Some(f) = &mut self.file {
                f.seek(SeekFrom::Current(-unread))?;
            }
        }
        Ok(())
    }

    /// Reads one more chunk into the read buffer; false at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.rpos > 0 {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
        }
        let Some(f) = &mut self.file else {
            return Ok(false);
        };
        let start = self.rbuf.len();
        self.rbuf.resize(start + CHUNK, 0);
        let n = loop {
            match f.read(&mut self.rbuf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.rbuf.truncate(start);
                    return Err(e);
                }
            }
        };
        self.rbuf.truncate(start + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    fn unread(&self) -> &[u8] {
        &self.rbuf[self.rpos..]
    }

    /// Reads everything that is left.
    fn read_all(&mut self) -> std::io::Result<Vec<u8>> {
        while self.fill()? {}
        let out = self.unread().to_vec();
        self.rpos = self.rbuf.len();
        Ok(out)
    }

    /// Reads up to `n` bytes.
    fn read_bytes(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        while self.unread().len() < n && self.fill()? {}
        let take = n.min(self.unread().len());
        let out = self.unread()[..take].to_vec();
        self.rpos += take;
        Ok(out)
    }

    /// Reads one line, terminator included, of at most `limit` bytes (binary files, and text
    /// files before decoding).
    fn read_line_bytes(&mut self, limit: usize) -> std::io::Result<Vec<u8>> {
        loop {
            let buf = self.unread();
            let end = match self.line_end(buf) {
                // A '\r' ending the buffer may be the first half of "\r\n": read on to know.
                Some(e)
                    if !self.binary
                        && e == buf.len()
                        && buf[e - 1] == b'\r'
                        && !self.eof
                        && e <= limit =>
                {
                    None
                }
                Some(e) => Some(e.min(limit)),
                None if buf.len() >= limit => Some(limit),
                None => None,
            };
            if let Some(e) = end {
                let out = self.unread()[..e].to_vec();
                self.rpos += e;
                return Ok(out);
            }
            if !self.fill()? && self.eof {
                let out = self.unread().to_vec();
                self.rpos = self.rbuf.len();
                return Ok(out);
            }
        }
    }

    /// Length of the first line (terminator included) in `buf`, if it is complete.
    fn line_end(&self, buf: &[u8]) -> Option<usize> {
        if self.binary {
            return buf.iter().position(|&c| c == b'\n').map(|i| i + 1);
        }
        match self.newline {
            Newline::Fixed("\r") => buf.iter().position(|&c| c == b'\r').map(|i| i + 1),
            Newline::Fixed("\r\n") => buf.windows(2).position(|w| w == b"\r\n").map(|i| i + 2),
            Newline::Fixed(_) => buf.iter().position(|&c| c == b'\n').map(|i| i + 1),
            Newline::Universal | Newline::Untranslated => {
                let i = buf.iter().position(|&c| c == b'\n' || c == b'\r')?;
                if buf[i] == b'\r' && buf.get(i + 1) == Some(&b'\n') {
                    Some(i + 2)
                } else {
                    Some(i + 1)
                }
            }
        }
    }

    fn translate_in(&self, s: String) -> String {
        if self.newline == Newline::Universal && s.contains('\r') {
            s.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            s
        }
    }

    fn write_bytes(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.drop_readahead()?;
        if self.append {
            if let Some(f) = &mut self.file {
                f.seek(SeekFrom::End(0))?;
            }
        }
        self.wbuf.extend_from_slice(data);
        if self.wbuf.len() >= CHUNK {
            self.flush_buf()?;
        }
        Ok(())
    }

    fn tell(&mut self) -> std::io::Result<u64> {
        let unwritten = self.wbuf.len() as u64;
        let unread = (self.rbuf.len() - self.rpos) as u64;
        let Some(f) = &mut self.file else {
            return Ok(0);
        };
        let pos = f.stream_position()?;
        Ok(pos + unwritten - unread)
    }
}

fn state(vm: &mut Vm, v: Value) -> PyResult<FileRef> {
    if let Value::Object(o) = v {
        if let Kind::File(f) = &o.get().kind {
            return Ok(f.clone());
        }
    }
    Err(vm.type_error(format!(
        "descriptor requires a file object, not '{}'",
        type_name(v)
    )))
}

/// The file of `args[0]`, which must be open.
fn open_state(vm: &mut Vm, args: &[Value]) -> PyResult<FileRef> {
    let f = state(vm, args.first().copied().unwrap_or(Value::None))?;
    if f.borrow().file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(f)
}

/// An OSError subclass for an I/O failure, with CPython's `[Errno N] reason: 'name'` text.
pub fn os_error(vm: &mut Vm, e: &std::io::Error, filename: Option<Value>) -> PyErr {
    use std::io::ErrorKind as K;
    let t = types();
    let cls = match e.kind() {
        K::NotFound => t.file_not_found_error,
        K::PermissionDenied => t.permission_error,
        K::AlreadyExists => t.file_exists_error,
        K::IsADirectory => t.is_a_directory_error,
        K::NotADirectory => t.not_a_directory_error,
        K::Interrupted => t.interrupted_error,
        K::BrokenPipe => t.broken_pipe_error,
        _ => t.os_error,
    };
    let errno = e.raw_os_error().unwrap_or(0) as i64;
    let reason = crate::cli::io_error_text(e);
    let args = alloc::tuple(vec![Value::Int(errno), alloc::str(reason.as_str())]);
    let state = crate::runtime::exception::ExcState::new(args);
    let exc = crate::gc::alloc(crate::runtime::object::Object::with_attrs(
        cls,
        Kind::Exception(Box::new(RefCell::new(state))),
    ));
    let obj = Value::Object(exc);
    for (k, v) in [
        ("errno", Value::Int(errno)),
        ("strerror", alloc::str(reason.as_str())),
        ("filename", filename.unwrap_or(Value::None)),
    ] {
        let _ = vm.setattr(obj, intern(k), v);
    }
    PyErr(exc)
}

fn io_err(vm: &mut Vm, e: std::io::Error) -> PyErr {
    os_error(vm, &e, None)
}

fn unsupported(vm: &mut Vm, what: &str) -> PyErr {
    // CPython's io.UnsupportedOperation also derives from ValueError; here it is an OSError.
    vm.new_error(types().unsupported_operation, what.to_string())
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True)`.
pub fn open(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    check(vm, "open", args, 0, 7)?;
    let arg = |i: usize, name: &str| args.get(i).copied().or(kw(kwargs, name));
    let Some(file) = arg(0, "file") else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    let mode = match arg(1, "mode") {
        Some(m) => match str_of(m) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    type_name(m)
                )))
            }
        },
        None => "r".to_string(),
    };
    let encoding = arg(3, "encoding").filter(|v| !v.is_none());
    let newline = arg(5, "newline").filter(|v| !v.is_none());
    let path = match str_of(file) {
        Some(p) => p.to_string(),
        None => match super::bytes_methods::data_of(file) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                return Err(vm.type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    type_name(file)
                )))
            }
        },
    };
    let (mut r, mut w, mut a, mut x, mut plus, mut b, mut t) = (0, 0, 0, 0, 0, 0, 0);
    for c in mode.chars() {
        let slot = match c {
            'r' => &mut r,
            'w' => &mut w,
            'a' => &mut a,
            'x' => &mut x,
            '+' => &mut plus,
            'b' => &mut b,
            't' => &mut t,
            _ => return Err(vm.value_error(format!("invalid mode: '{mode}'"))),
        };
        *slot += 1;
    }
    if r + w + a + x + plus + b + t != mode.chars().count()
        || [r, w, a, x, plus, b, t].iter().any(|&n| n > 1)
    {
        return Err(vm.value_error(format!("invalid mode: '{mode}'")));
    }
    if r + w + a + x != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if b == 1 && t == 1 {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    let binary = b == 1;
    if binary && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if binary && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if let Some(e) = encoding {
        let name = str_of(e)
            .unwrap_or("")
            .to_ascii_lowercase()
            .replace(['-', '_'], "");
        if !matches!(
            name.as_str(),
            "utf8" | "ascii" | "latin1" | "iso88591" | "utf8sig"
        ) {
            let shown = str_of(e).unwrap_or("").to_string();
            return Err(vm.new_error(types().lookup_error, format!("unknown encoding: {shown}")));
        }
    }
    let newline = match newline.map(str_of) {
        None => Newline::Universal,
        Some(Some("")) => Newline::Untranslated,
        Some(Some("\n")) => Newline::Fixed("\n"),
        Some(Some("\r")) => Newline::Fixed("\r"),
        Some(Some("\r\n")) => Newline::Fixed("\r\n"),
        Some(Some(other)) => return Err(vm.value_error(format!("illegal newline value: {other}"))),
        Some(None) => {
            let n = newline.unwrap_or(Value::None);
            return Err(vm.type_error(format!(
                "open() argument 'newline' must be str or None, not {}",
                type_name(n)
            )));
        }
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.read(r == 1 || plus == 1);
    opts.write(w == 1 || a == 1 || x == 1 || plus == 1);
    if w == 1 {
        opts.create(true).truncate(true);
    }
    if a == 1 {
        opts.create(true).append(true);
    }
    if x == 1 {
        opts.create_new(true);
    }
    let f = match opts.open(&path) {
        Ok(f) => f,
        Err(e) => return Err(os_error(vm, &e, Some(file))),
    };
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(vm, &e, Some(file)));
    }
    let t = types();
    let cls = match (binary, r + plus == 0, w + a + x + plus == 0) {
        (false, _, _) => t.text_io_wrapper,
        (true, true, _) => t.buffered_writer,
        (true, _, true) => t.buffered_reader,
        _ => t.buffered_random,
    };
    let st = Rc::new(RefCell::new(FileState {
        file: Some(f),
        name: path.clone().into_boxed_str(),
        mode: mode.clone(),
        binary,
        readable: r == 1 || plus == 1,
        writable: w + a + x + plus > 0,
        append: a == 1,
        newline,
        rbuf: Vec::new(),
        rpos: 0,
        wbuf: Vec::new(),
        eof: false,
    }));
    OPEN.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|w| w.strong_count() > 0);
        o.push(Rc::downgrade(&st));
    });
    Ok(alloc::obj(cls, Kind::File(st)))
}

fn need_readable(vm: &mut Vm, f: &FileRef) -> PyResult<()> {
    if f.borrow().readable {
        Ok(())
    } else {
        Err(unsupported(vm, "not readable"))
    }
}

fn need_writable(vm: &mut Vm, f: &FileRef) -> PyResult<()> {
    if f.borrow().writable {
        Ok(())
    } else {
        Err(unsupported(vm, "not writable"))
    }
}

fn size_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(v) => vm.to_index(v),
    }
}

fn decode(vm: &mut Vm, b: Vec<u8>) -> PyResult<String> {
    match String::from_utf8(b) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let v = alloc::bytes(bytes);
            let _g = roots::root(v);
            super::bytes_methods::decode(vm, &[v], &[]).map(|s| str_of(s).unwrap_or("").to_string())
        }
    }
}

/// Reads `n` characters (all when negative) of a text file.
fn read_text(vm: &mut Vm, f: &FileRef, n: i64) -> PyResult<String> {
    if n < 0 {
        let data = f.borrow_mut().read_all().map_err(|e| io_err(vm, e))?;
        let s = decode(vm, data)?;
        return Ok(f.borrow().translate_in(s));
    }
    let mut out = String::new();
    while (out.chars().count() as i64) < n {
        let line = f
            .borrow_mut()
            .read_line_bytes(usize::MAX)
            .map_err(|e| io_err(vm, e))?;
        if line.is_empty() {
            break;
        }
        let s = decode(vm, line)?;
        out.push_str(&f.borrow().translate_in(s));
    }
    // Give back what was read beyond `n` characters.
    let cut = out.char_indices().nth(n as usize).map(|(i, _)| i);
    if let Some(i) = cut {
        let extra = out[i..].to_string();
        out.truncate(i);
        let mut st = f.borrow_mut();
        let mut rest = extra.into_bytes();
        rest.extend_from_slice(st.unread());
        st.rbuf = rest;
        st.rpos = 0;
    }
    Ok(out)
}

pub fn read(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "read", args, 1, 2)?;
    let f = open_state(vm, args)?;
    need_readable(vm, &f)?;
    let n = size_arg(vm, args.get(1).copied().or(kw(kwargs, "size")))?;
    f.borrow_mut().flush_buf().map_err(|e| io_err(vm, e))?;
    if f.borrow().binary {
        let r = if n < 0 {
            f.borrow_mut().read_all()
        } else {
            f.borrow_mut().read_bytes(n as usize)
        };
        let data = r.map_err(|e| io_err(vm, e))?;
        return Ok(alloc::bytes(data));
    }
    let s = read_text(vm, &f, n)?;
    Ok(alloc::str(s))
}

fn readline_value(vm: &mut Vm, f: &FileRef, limit: i64) -> PyResult<Value> {
    f.borrow_mut().flush_buf().map_err(|e| io_err(vm, e))?;
    let binary = f.borrow().binary;
    if binary {
        let lim = if limit < 0 {
            usize::MAX
        } else {
            limit as usize
        };
        let line = f
            .borrow_mut()
            .read_line_bytes(lim)
            .map_err(|e| io_err(vm, e))?;
        return Ok(alloc::bytes(line));
    }
    let line = f
        .borrow_mut()
        .read_line_bytes(usize::MAX)
        .map_err(|e| io_err(vm, e))?;
    let s = decode(vm, line)?;
    let mut s = f.borrow().translate_in(s);
    if limit >= 0 {
        if let Some((i, _)) = s.char_indices().nth(limit as usize) {
            let extra = s[i..].to_string();
            s.truncate(i);
            let mut st = f.borrow_mut();
            let mut rest = extra.into_bytes();
            rest.extend_from_slice(st.unread());
            st.rbuf = rest;
            st.rpos = 0;
        }
    }
    Ok(alloc::str(s))
}

pub fn readline(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "readline", args, 1, 2)?;
    let f = open_state(vm, args)?;
    need_readable(vm, &f)?;
    let n = size_arg(vm, args.get(1).copied().or(kw(kwargs, "size")))?;
    readline_value(vm, &f, n)
}

fn is_empty_line(v: Value) -> bool {
    match v {
        Value::Object(o) => match &o.kind {
            Kind::Str(s) => s.as_str().is_empty(),
            Kind::Bytes(b) => b.is_empty(),
            _ => true,
        },
        _ => true,
    }
}

pub fn readlines(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    method_check(vm, "readlines", args, 1, 2)?;
    let f = open_state(vm, args)?;
    need_readable(vm, &f)?;
    let hint = size_arg(vm, args.get(1).copied().or(kw(kwargs, "hint")))?;
    let out = alloc::list(Vec::new());
    let _g = roots::root(out);
    let mut total = 0i64;
    loop {
        let line = readline_value(vm, &f, -1)?;
        if is_empty_line(line) {
            break;
        }
        total += vm.len(line)? as i64;
        if let Value::Object(o) = out {
            if let Kind::List(l) = &o.kind {
                l.borrow_mut().push(line);
            }
        }
        if hint > 0 && total >= hint {
            break;
        }
    }
    Ok(out)
}

/// Encodes one write's data; returns (bytes, the count `write` reports).
fn encode_write(vm: &mut Vm, f: &FileRef, v: Value) -> PyResult<(Vec<u8>, i64)> {
    let st = f.borrow();
    if st.binary {
        drop(st);
        return match super::bytes_methods::data_of(v) {
            Some(b) => {
                let n = b.len() as i64;
                Ok((b, n))
            }
            None => Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))),
        };
    }
    let Some(s) = str_of(v) else {
        drop(st);
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            type_name(v)
        )));
    };
    let n = s.chars().count() as i64;
    let data = match st.newline {
        Newline::Fixed(nl) if nl != "\n" => s.replace('\n', nl).into_bytes(),
        _ => s.as_bytes().to_vec(),
    };
    Ok((data, n))
}

pub fn write(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "write", args, 2, 2)?;
    let f = open_state(vm, args)?;
    need_writable(vm, &f)?;
    let (data, n) = encode_write(vm, &f, args[1])?;
    f.borrow_mut()
        .write_bytes(&data)
        .map_err(|e| io_err(vm, e))?;
    Ok(Value::Int(n))
}

pub fn writelines(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "writelines", args, 2, 2)?;
    let f = open_state(vm, args)?;
    need_writable(vm, &f)?;
    let it = vm.iter(args[1])?;
    let _g = roots::root(it);
    while let Some(line) = vm.next(it)? {
        let (data, _) = encode_write(vm, &f, line)?;
        f.borrow_mut()
            .write_bytes(&data)
            .map_err(|e| io_err(vm, e))?;
    }
    Ok(Value::None)
}

pub fn flush(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = open_state(vm, args)?;
    f.borrow_mut().flush_buf().map_err(|e| io_err(vm, e))?;
    Ok(Value::None)
}

pub fn close(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = state(vm, args.first().copied().unwrap_or(Value::None))?;
    let r = f.borrow_mut().flush_buf();
    f.borrow_mut().file = None;
    r.map_err(|e| io_err(vm, e))?;
    Ok(Value::None)
}

pub fn seek(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "seek", args, 2, 3)?;
    let f = open_state(vm, args)?;
    let off = vm.to_index(args[1])?;
    let whence = match args.get(2) {
        Some(&w) => vm.to_index(w)?,
        None => 0,
    };
    let binary = f.borrow().binary;
    let pos = match whence {
        0 if off < 0 => return Err(vm.value_error(format!("negative seek position {off}"))),
        0 => SeekFrom::Start(off as u64),
        1 if !binary && off != 0 => {
            return Err(unsupported(vm, "can't do nonzero cur-relative seeks"))
        }
        1 => SeekFrom::Current(off),
        2 if !binary && off != 0 => {
            return Err(unsupported(vm, "can't do nonzero end-relative seeks"))
        }
        2 => SeekFrom::End(off),
        _ => return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let r = (|| {
        let mut st = f.borrow_mut();
        st.flush_buf()?;
        let here = st.tell()?;
        st.drop_readahead()?;
        let file = st
            .file
            .as_mut()
            .ok_or_else(|| std::io::Error::from_raw_os_error(9))?;
        let pos = match pos {
            SeekFrom::Current(d) => SeekFrom::Start((here as i64 + d).max(0) as u64),
            p => p,
        };
        file.seek(pos)
    })();
    let p = r.map_err(|e| io_err(vm, e))?;
    Ok(Value::Int(p as i64))
}

pub fn tell(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = open_state(vm, args)?;
    let p = f.borrow_mut().tell().map_err(|e| io_err(vm, e))?;
    Ok(Value::Int(p as i64))
}

pub fn truncate(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    method_check(vm, "truncate", args, 1, 2)?;
    let f = open_state(vm, args)?;
    need_writable(vm, &f)?;
    let r = (|| {
        let mut st = f.borrow_mut();
        st.flush_buf()?;
        let here = st.tell()?;
        st.drop_readahead()?;
        Ok::<u64, std::io::Error>(here)
    })();
    let here = r.map_err(|e| io_err(vm, e))?;
    let size = match args.get(1) {
        Some(&v) if !v.is_none() => vm.to_index(v)?.max(0) as u64,
        _ => here,
    };
    let r = f.borrow_mut().file.as_mut().map(|file| file.set_len(size));
    if let Some(Err(e)) = r {
        return Err(io_err(vm, e));
    }
    Ok(Value::Int(size as i64))
}

pub fn enter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    open_state(vm, args)?;
    Ok(args[0])
}

pub fn exit(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    close(vm, &args[..1.min(args.len())], &[])?;
    Ok(Value::None)
}

pub fn iter(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    open_state(vm, args)?;
    Ok(args[0])
}

/// The next line for iteration; `None` at end of file.
pub fn next_line(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    let f = open_state(vm, &[v])?;
    need_readable(vm, &f)?;
    let line = readline_value(vm, &f, -1)?;
    Ok((!is_empty_line(line)).then_some(line))
}

pub fn next(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    match next_line(vm, args.first().copied().unwrap_or(Value::None))? {
        Some(line) => Ok(line),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn flag(vm: &mut Vm, args: &[Value], get: fn(&FileState) -> bool) -> PyResult<Value> {
    let f = open_state(vm, args)?;
    let b = get(&f.borrow());
    Ok(Value::Bool(b))
}

pub fn readable(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    flag(vm, args, |s| s.readable)
}

pub fn writable(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    flag(vm, args, |s| s.writable)
}

pub fn seekable(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    flag(vm, args, |_| true)
}

pub fn isatty(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    flag(vm, args, |_| false)
}

pub fn fileno(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    use std::os::fd::AsRawFd;
    let f = open_state(vm, args)?;
    let fd = f.borrow().file.as_ref().map_or(-1, |f| f.as_raw_fd());
    Ok(Value::Int(fd as i64))
}

pub fn closed(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = state(vm, args.first().copied().unwrap_or(Value::None))?;
    let c = f.borrow().file.is_none();
    Ok(Value::Bool(c))
}

pub fn name(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = state(vm, args.first().copied().unwrap_or(Value::None))?;
    let n = alloc::str(f.borrow().name.clone());
    Ok(n)
}

pub fn mode(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    let f = state(vm, args.first().copied().unwrap_or(Value::None))?;
    let st = f.borrow();
    // Binary files report the mode CPython's buffered objects do ('rb', 'wb', 'rb+', ...).
    let m = if st.binary {
        st.mode.clone()
    } else {
        st.mode.replace('t', "")
    };
    Ok(alloc::str(m))
}

pub fn encoding(vm: &mut Vm, args: &[Value], _: KwArgs) -> PyResult<Value> {
    state(vm, args.first().copied().unwrap_or(Value::None))?;
    Ok(alloc::str("UTF-8"))
}

/// `repr()` of a file object, as CPython's `_io` classes write it.
pub fn repr_text(vm: &mut Vm, v: Value) -> PyResult<String> {
    let f = state(vm, v)?;
    let cls = vm.class_name(v);
    let st = f.borrow();
    let n = crate::vm::ops::repr::str_repr(&st.name);
    Ok(if st.file.is_none() {
        format!("<_io.{cls} name={n} closed>")
    } else if st.binary {
        format!("<_io.{cls} name={n}>")
    } else {
        format!(
            "<_io.{cls} name={n} mode='{}' encoding='UTF-8'>",
            st.mode.replace('t', "")
        )
    })
}
