//! Code objects <-> bytes: the payload of a `__pycache__` file (`crate::cache` adds the header).
//!
//! The format is hand-written and little-endian. Integers are LEB128 varints (signed ones
//! zigzag-encoded); every string, byte string and sequence is length-prefixed. Instructions are
//! written as the opcode byte followed by each operand in the width of its kind, so the layout
//! of an instruction comes from the opcode table alone (`Opcode::operands`), and its unused bits
//! never reach the file.
//!
//! Invariants of `load` (what makes a crafted file harmless):
//! - Every length is checked against the remaining input before anything is allocated, so the
//!   memory a file can make us allocate is proportional to its size.
//! - Nesting of code objects and constant tuples is bounded by `MAX_DEPTH`, so recursion is too.
//! - Nothing is returned before `verify::verify_all` accepted every code object (operands in range
//!   for their kinds, jump targets and exception handlers inside the code, register windows inside
//!   the frame) and `check_constant_operands` accepted the kinds of the constants that
//!   instructions rely on. Big ints are canonical (an int that fits in i64 is never a `BigInt`).
//! - Anything left after the top-level code object is an error.
//!
//! Not verified: the types registers hold at run time (that `DictSet` finds a dict, `RaiseAgain`
//! an exception). They are compiler guarantees the interpreter asserts, so a deliberately
//! crafted file (one that also carries a matching checksum) can end in a Rust panic, though
//! never in an out-of-bounds access; an infinite loop is as possible as in CPython's `.pyc`.
//!
//! `dump` refuses what `load` would reject for depth, so code that passes the verifier always
//! loads back.

use std::fmt;
use std::rc::Rc;

use num_bigint::BigInt;

use super::code::{ArgSpec, CodeFlags, CodeObject, Constant, ExceptionEntry, Location};
use super::opcodes::{CodeUnit, Instr, Opcode, OperandKind};
use super::verify::{verify_all, VerifyError};

/// Deepest nesting of code objects and constant tuples (each level is one level of recursion
/// in `load` and `dump`). Real programs stay far below: the parser limits nesting of blocks
/// and brackets.
pub const MAX_DEPTH: usize = 200;

/// The serializer's own revision: bump it when the byte layout below changes. `crate::cache`
/// folds it into the format number together with the opcode table.
pub const REVISION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input ends inside a value, or a length exceeds what is left of the input.
    Truncated,
    /// A varint does not fit the field it encodes.
    Overflow,
    /// An unknown constant tag or flag bits that must be zero.
    BadTag(u8),
    BadUtf8,
    BadOpcode(u8),
    /// A `BigInt` constant that fits in i64 (ints must be canonical).
    NonCanonicalInt,
    TooDeep,
    TrailingBytes,
    /// A structurally valid code object that breaks a bytecode invariant.
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Truncated => f.write_str("truncated data"),
            DecodeError::Overflow => f.write_str("integer out of range"),
            DecodeError::BadTag(t) => write!(f, "bad tag {t}"),
            DecodeError::BadUtf8 => f.write_str("invalid UTF-8 in a string"),
            DecodeError::BadOpcode(b) => write!(f, "unknown opcode byte {b}"),
            DecodeError::NonCanonicalInt => f.write_str("non-canonical big int"),
            DecodeError::TooDeep => f.write_str("code objects nested too deeply"),
            DecodeError::TrailingBytes => f.write_str("trailing bytes after the code object"),
            DecodeError::Invalid(msg) => write!(f, "invalid bytecode: {msg}"),
        }
    }
}

impl std::error::Error for DecodeError {}

impl From<VerifyError> for DecodeError {
    fn from(e: VerifyError) -> Self {
        DecodeError::Invalid(e.to_string())
    }
}

/// Why a code object cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    BadOpcode { pc: usize },
    TooDeep,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::BadOpcode { pc } => write!(f, "undecodable instruction at pc {pc}"),
            EncodeError::TooDeep => f.write_str("code objects nested too deeply"),
        }
    }
}

impl std::error::Error for EncodeError {}

mod tag {
    pub const NONE: u8 = 0;
    pub const FALSE: u8 = 1;
    pub const TRUE: u8 = 2;
    pub const INT: u8 = 3;
    pub const BIG_INT: u8 = 4;
    pub const FLOAT: u8 = 5;
    pub const COMPLEX: u8 = 6;
    pub const STR: u8 = 7;
    pub const BYTES: u8 = 8;
    pub const TUPLE: u8 = 9;
    pub const ELLIPSIS: u8 = 10;
    pub const CODE: u8 = 11;
}

const SAME_FILENAME: u8 = 0;
const NEW_FILENAME: u8 = 1;
const ARG_VARARGS: u8 = 1;
const ARG_VARKEYWORDS: u8 = 2;

/// The bytes of `code` and of every code object nested among its constants.
pub fn dump(code: &CodeObject) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::new();
    w.code(code, 0)?;
    Ok(w.out)
}

/// Reads a code object written by `dump`, verifying it (see the module docs).
pub fn load(bytes: &[u8]) -> Result<Rc<CodeObject>, DecodeError> {
    load_impl(bytes, None)
}

/// As `load`, with the file name of the top-level code object, and of every nested one that
/// shares it, replaced by `filename`: a module whose cache file was written when its source was
/// reached by another path reports its current path, as CPython's `_fix_co_filename` does.
pub fn load_renamed(bytes: &[u8], filename: &str) -> Result<Rc<CodeObject>, DecodeError> {
    load_impl(bytes, Some(filename.into()))
}

fn load_impl(bytes: &[u8], rename: Option<Rc<str>>) -> Result<Rc<CodeObject>, DecodeError> {
    let mut r = Reader {
        bytes,
        pos: 0,
        filename: None,
        rename,
    };
    let code = r.code(0)?;
    if r.pos != bytes.len() {
        return Err(DecodeError::TrailingBytes);
    }
    verify_all(&code)?;
    check_constant_operands(&code)?;
    Ok(code)
}

/// The constants the interpreter takes for granted: `MakeFunction` names a code object,
/// keyword-name tuples hold only str, `ImportName`'s fromlist is None or a tuple of str. The
/// compiler always emits them so; a crafted file must not be able to break them.
fn check_constant_operands(code: &CodeObject) -> Result<(), DecodeError> {
    fn str_tuple(k: &Constant) -> bool {
        matches!(k, Constant::Tuple(items) if items.iter().all(|i| matches!(i, Constant::Str(_))))
    }
    let mut stack = vec![code];
    while let Some(c) = stack.pop() {
        for (pc, unit) in c.code.iter().enumerate() {
            // `verify_all` has checked that every word decodes and every constant index is in range.
            let (k, ok): (u16, fn(&Constant) -> bool) = match unit.decode() {
                Some(Instr::MakeFunction { code, .. }) => {
                    (code, |k| matches!(k, Constant::Code(_)))
                }
                Some(Instr::CallKw { kwnames, .. }) | Some(Instr::CallMethodKw { kwnames, .. }) => {
                    (kwnames, str_tuple)
                }
                Some(Instr::ImportName { fromlist, .. }) => {
                    (fromlist, |k| matches!(k, Constant::None) || str_tuple(k))
                }
                _ => continue,
            };
            if !c.consts.get(k as usize).is_some_and(ok) {
                return Err(DecodeError::Invalid(format!(
                    "{} at pc {pc}: constant {k} has the wrong kind",
                    c.qualname
                )));
            }
        }
        stack.extend(c.consts.iter().filter_map(|k| match k {
            Constant::Code(inner) => Some(&**inner),
            _ => None,
        }));
    }
    Ok(())
}

/// The bytes an operand of `kind` takes in the file (its encoded bits, rounded up).
fn operand_bytes(kind: OperandKind) -> usize {
    kind.bits().div_ceil(8) as usize
}

struct Writer {
    out: Vec<u8>,
    /// The file name of the code object being written: nested code objects almost always share
    /// it, and then store a single byte instead of the path.
    filename: Option<Rc<str>>,
}

impl Writer {
    fn new() -> Self {
        Writer {
            out: Vec::new(),
            filename: None,
        }
    }

    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn uvar(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }

    fn ivar(&mut self, v: i64) {
        self.uvar(((v << 1) ^ (v >> 63)) as u64);
    }

    fn len(&mut self, n: usize) {
        self.uvar(n as u64);
    }

    fn blob(&mut self, b: &[u8]) {
        self.len(b.len());
        self.out.extend_from_slice(b);
    }

    fn str(&mut self, s: &str) {
        self.blob(s.as_bytes());
    }

    fn strs(&mut self, items: &[Rc<str>]) {
        self.len(items.len());
        for s in items {
            self.str(s);
        }
    }

    /// The opcode byte, then each operand in its kind's width.
    fn instr(&mut self, instr: Instr) {
        let op = instr.opcode();
        self.byte(op as u8);
        for (&(_, kind), &v) in op.operands().iter().zip(instr.operand_values().as_slice()) {
            self.out
                .extend_from_slice(&v.to_le_bytes()[..operand_bytes(kind)]);
        }
    }

    fn code(&mut self, c: &CodeObject, depth: usize) -> Result<(), EncodeError> {
        if depth >= MAX_DEPTH {
            return Err(EncodeError::TooDeep);
        }
        self.str(&c.name);
        self.str(&c.qualname);
        match &self.filename {
            Some(f) if *f == c.filename => self.byte(SAME_FILENAME),
            _ => {
                self.byte(NEW_FILENAME);
                self.str(&c.filename);
            }
        }
        let outer = self.filename.replace(c.filename.clone());
        self.uvar(c.first_line.into());
        self.uvar(c.flags.0.into());
        self.uvar(c.args.argcount.into());
        self.uvar(c.args.posonlyargcount.into());
        self.uvar(c.args.kwonlyargcount.into());
        self.byte(
            if c.args.varargs { ARG_VARARGS } else { 0 }
                | if c.args.varkeywords {
                    ARG_VARKEYWORDS
                } else {
                    0
                },
        );
        self.uvar(c.nregs.into());

        self.len(c.code.len());
        for (pc, unit) in c.code.iter().enumerate() {
            self.instr(unit.decode().ok_or(EncodeError::BadOpcode { pc })?);
        }

        // Lines as deltas from the previous instruction's line: mostly one byte each.
        self.len(c.locations.len());
        let mut prev_line = 0i64;
        for loc in &c.locations {
            self.ivar(loc.line as i64 - prev_line);
            self.ivar(loc.end_line as i64 - loc.line as i64);
            self.uvar(loc.col.into());
            self.uvar(loc.end_col.into());
            prev_line = loc.line as i64;
        }

        self.len(c.consts.len());
        for k in &c.consts {
            self.constant(k, depth)?;
        }
        self.strs(&c.names);
        self.strs(&c.varnames);
        self.len(c.cells.len());
        for &reg in &c.cells {
            self.uvar(reg.into());
        }
        self.strs(&c.freevars);
        self.len(c.exception_table.len());
        for e in &c.exception_table {
            self.uvar(e.start.into());
            self.uvar(e.end.into());
            self.uvar(e.handler.into());
            self.uvar(e.exc_reg.into());
        }
        match &c.docstring {
            None => self.byte(0),
            Some(doc) => {
                self.byte(1);
                self.str(doc);
            }
        }
        self.filename = outer;
        Ok(())
    }

    fn constant(&mut self, k: &Constant, depth: usize) -> Result<(), EncodeError> {
        match k {
            Constant::None => self.byte(tag::NONE),
            Constant::Bool(false) => self.byte(tag::FALSE),
            Constant::Bool(true) => self.byte(tag::TRUE),
            Constant::Int(i) => {
                self.byte(tag::INT);
                self.ivar(*i);
            }
            Constant::BigInt(b) => {
                self.byte(tag::BIG_INT);
                self.blob(&b.to_signed_bytes_le());
            }
            Constant::Float(f) => {
                self.byte(tag::FLOAT);
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Constant::Complex { real, imag } => {
                self.byte(tag::COMPLEX);
                self.out.extend_from_slice(&real.to_bits().to_le_bytes());
                self.out.extend_from_slice(&imag.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.byte(tag::STR);
                self.str(s);
            }
            Constant::Bytes(b) => {
                self.byte(tag::BYTES);
                self.blob(b);
            }
            Constant::Tuple(items) => {
                if depth + 1 >= MAX_DEPTH {
                    return Err(EncodeError::TooDeep);
                }
                self.byte(tag::TUPLE);
                self.len(items.len());
                for item in items.iter() {
                    self.constant(item, depth + 1)?;
                }
            }
            Constant::Ellipsis => self.byte(tag::ELLIPSIS),
            Constant::Code(code) => {
                self.byte(tag::CODE);
                self.code(code, depth + 1)?;
            }
        }
        Ok(())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The file name of the enclosing code object (see `Writer::filename`).
    filename: Option<Rc<str>>,
    /// Replaces the first file name read: the top-level code object's (see `load_renamed`).
    rename: Option<Rc<str>>,
}

type R<T> = Result<T, DecodeError>;

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        if n > self.remaining() {
            return Err(DecodeError::Truncated);
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    fn byte(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }

    fn u64_le(&mut self) -> R<u64> {
        let mut b = [0; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    fn uvar(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = (b & 0x7f) as u64;
            if shift == 63 && bits > 1 {
                return Err(DecodeError::Overflow);
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError::Overflow)
    }

    fn ivar(&mut self) -> R<i64> {
        let z = self.uvar()?;
        Ok((z >> 1) as i64 ^ -((z & 1) as i64))
    }

    fn u32(&mut self) -> R<u32> {
        u32::try_from(self.uvar()?).map_err(|_| DecodeError::Overflow)
    }

    fn u16(&mut self) -> R<u16> {
        u16::try_from(self.uvar()?).map_err(|_| DecodeError::Overflow)
    }

    /// A sequence length whose items take at least `min_item` bytes each: checked against the
    /// remaining input, so it can be used to reserve memory.
    fn len(&mut self, min_item: usize) -> R<usize> {
        let n = self.uvar()?;
        if n > (self.remaining() / min_item) as u64 {
            return Err(DecodeError::Truncated);
        }
        Ok(n as usize)
    }

    fn blob(&mut self) -> R<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }

    fn str(&mut self) -> R<Rc<str>> {
        std::str::from_utf8(self.blob()?)
            .map(Rc::from)
            .map_err(|_| DecodeError::BadUtf8)
    }

    fn strs(&mut self) -> R<Vec<Rc<str>>> {
        let n = self.len(1)?;
        (0..n).map(|_| self.str()).collect()
    }

    /// An instruction as `Writer::instr` lays it out, packed into the table's word encoding.
    fn instr(&mut self) -> R<CodeUnit> {
        let byte = self.byte()?;
        let op = *Opcode::ALL
            .get(byte as usize)
            .ok_or(DecodeError::BadOpcode(byte))?;
        let mut word = byte as u64;
        let mut shift = 8;
        for &(_, kind) in op.operands() {
            let width = operand_bytes(kind);
            let mut le = [0u8; 4];
            le[..width].copy_from_slice(self.take(width)?);
            let v = u32::from_le_bytes(le);
            if v > kind.max() {
                return Err(DecodeError::Overflow);
            }
            word |= (v as u64) << shift;
            shift += kind.bits();
        }
        Ok(CodeUnit(word))
    }

    fn code(&mut self, depth: usize) -> R<Rc<CodeObject>> {
        if depth >= MAX_DEPTH {
            return Err(DecodeError::TooDeep);
        }
        let name = self.str()?;
        let qualname = self.str()?;
        let filename = match self.byte()? {
            SAME_FILENAME => self
                .filename
                .clone()
                .ok_or(DecodeError::BadTag(SAME_FILENAME))?,
            NEW_FILENAME => {
                let stored = self.str()?;
                self.rename.take().unwrap_or(stored)
            }
            t => return Err(DecodeError::BadTag(t)),
        };
        let outer = self.filename.replace(filename.clone());
        let first_line = self.u32()?;
        let flags = CodeFlags(self.u32()?);
        let argcount = self.u16()?;
        let posonlyargcount = self.u16()?;
        let kwonlyargcount = self.u16()?;
        let argbits = self.byte()?;
        if argbits & !(ARG_VARARGS | ARG_VARKEYWORDS) != 0 {
            return Err(DecodeError::BadTag(argbits));
        }
        let args = ArgSpec {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            varargs: argbits & ARG_VARARGS != 0,
            varkeywords: argbits & ARG_VARKEYWORDS != 0,
        };
        if posonlyargcount > argcount {
            return Err(DecodeError::Invalid(
                "more positional-only than positional parameters".into(),
            ));
        }
        let nregs = self.u16()?;

        let n = self.len(1)?;
        let mut code = Vec::with_capacity(n);
        for _ in 0..n {
            code.push(self.instr()?);
        }

        let n = self.len(4)?;
        let mut locations = Vec::with_capacity(n);
        let mut prev_line = 0i64;
        for _ in 0..n {
            let line = prev_line
                .checked_add(self.ivar()?)
                .ok_or(DecodeError::Overflow)?;
            let end_line = line
                .checked_add(self.ivar()?)
                .ok_or(DecodeError::Overflow)?;
            let to_u32 = |v: i64| u32::try_from(v).map_err(|_| DecodeError::Overflow);
            locations.push(Location {
                line: to_u32(line)?,
                end_line: to_u32(end_line)?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
            prev_line = line;
        }

        let n = self.len(1)?;
        let mut consts = Vec::with_capacity(n);
        for _ in 0..n {
            consts.push(self.constant(depth)?);
        }
        let names = self.strs()?;
        let varnames = self.strs()?;
        let n = self.len(1)?;
        let cells = (0..n).map(|_| self.u16()).collect::<R<Vec<_>>>()?;
        let freevars = self.strs()?;
        let n = self.len(4)?;
        let mut exception_table = Vec::with_capacity(n);
        for _ in 0..n {
            exception_table.push(ExceptionEntry {
                start: self.u32()?,
                end: self.u32()?,
                handler: self.u32()?,
                exc_reg: self.u16()?,
            });
        }
        let docstring = match self.byte()? {
            0 => None,
            1 => Some(self.str()?),
            t => return Err(DecodeError::BadTag(t)),
        };
        self.filename = outer;
        Ok(Rc::new(CodeObject {
            name,
            qualname,
            filename,
            first_line,
            flags,
            args,
            code,
            locations,
            consts,
            names,
            varnames,
            cells,
            freevars,
            nregs,
            exception_table,
            docstring,
        }))
    }

    fn constant(&mut self, depth: usize) -> R<Constant> {
        Ok(match self.byte()? {
            tag::NONE => Constant::None,
            tag::FALSE => Constant::Bool(false),
            tag::TRUE => Constant::Bool(true),
            tag::INT => Constant::Int(self.ivar()?),
            tag::BIG_INT => {
                let b = BigInt::from_signed_bytes_le(self.blob()?);
                if i64::try_from(&b).is_ok() {
                    return Err(DecodeError::NonCanonicalInt);
                }
                Constant::BigInt(Rc::new(b))
            }
            tag::FLOAT => Constant::Float(f64::from_bits(self.u64_le()?)),
            tag::COMPLEX => Constant::Complex {
                real: f64::from_bits(self.u64_le()?),
                imag: f64::from_bits(self.u64_le()?),
            },
            tag::STR => Constant::Str(self.str()?),
            tag::BYTES => Constant::Bytes(Rc::from(self.blob()?)),
            tag::TUPLE => {
                if depth + 1 >= MAX_DEPTH {
                    return Err(DecodeError::TooDeep);
                }
                let n = self.len(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                Constant::Tuple(items.into())
            }
            tag::ELLIPSIS => Constant::Ellipsis,
            tag::CODE => Constant::Code(self.code(depth + 1)?),
            t => return Err(DecodeError::BadTag(t)),
        })
    }
}

#[cfg(test)]
mod tests;
