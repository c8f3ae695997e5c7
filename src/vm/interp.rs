//! The dispatch loop: one `loop { match }` over pre-decoded instructions, with no `_` arm.
//! Python-to-Python calls push a frame and continue here; returns pop it. Arms are short:
//! int/float fast paths inline, everything else in `ops`. The pc of the running instruction
//! lives in a local and reaches the frame only when something can read it there: before a
//! frame is pushed on top (a return resumes from it), at backward jumps, and when an error
//! leaves the loop (the traceback and the exception table read it). Native code that re-enters
//! Python never reads its caller's pc, and an error it raises comes back through that exit.
//! Safepoints are calls and backward jumps.

use super::frame::{Pending, Ret};
use super::ops::arith::{binary, unary, BinOp};
use super::ops::call::PyCallee;
use super::ops::compare::{compare, compare_immediate, CmpOp};
use super::Vm;
use crate::bytecode::opcodes::Instr;
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use std::rc::Rc;

/// Small argument buffers live on the Rust stack.
pub struct Args {
    inline: [Value; 8],
    heap: Vec<Value>,
    len: usize,
}

impl Args {
    #[inline]
    pub fn from_slice(s: &[Value]) -> Args {
        let mut a = Args {
            inline: [Value::None; 8],
            heap: Vec::new(),
            len: s.len(),
        };
        if s.len() <= 8 {
            crate::gc::load_values(&mut a.inline[..s.len()], s);
        } else {
            a.heap = crate::gc::load_vec(s);
        }
        a
    }

    /// `first` followed by `rest`: a bound method's receiver and its arguments.
    #[inline]
    pub fn prepend(first: Value, rest: &[Value]) -> Args {
        let len = rest.len() + 1;
        let mut a = Args {
            inline: [Value::None; 8],
            heap: Vec::new(),
            len,
        };
        if len <= 8 {
            a.inline[0] = first;
            crate::gc::load_values(&mut a.inline[1..len], rest);
        } else {
            a.heap.reserve_exact(len);
            a.heap.push(first);
            a.heap.extend_from_slice(rest);
        }
        a
    }

    #[inline]
    pub fn as_slice(&self) -> &[Value] {
        if self.len <= 8 {
            &self.inline[..self.len]
        } else {
            &self.heap
        }
    }
}

/// One or two arguments in a small array, and how many: most builtin calls (`s.add(x)`,
/// `l.append(x)`, `len(x)`) pass them this way, since building `Args` moves its 160 bytes with
/// a call of `memcpy`. Read word by word, as `Args` reads them.
#[inline]
fn few_args(s: &[Value]) -> Option<([Value; 2], usize)> {
    use crate::gc::load_value;
    match s {
        [x] => Some(([load_value(x), Value::None], 1)),
        [x, y] => Some(([load_value(x), load_value(y)], 2)),
        _ => None,
    }
}

impl Vm {
    /// Runs the frame on top of the frame stack (whose `ret` is `Ret::Native`) until it returns
    /// or yields. `pending` is raised in it first (generator `throw`).
    pub fn run_frame(&mut self, pending: Option<PyErr>) -> PyResult<Value> {
        let entry = self.frames.len();
        let mut pending = pending;
        loop {
            if let Some(e) = pending.take() {
                self.unwind(e, entry)?;
            }
            match self.dispatch() {
                Ok(v) => return Ok(v),
                Err(e) => pending = Some(e),
            }
        }
    }

    #[inline]
    fn fb(code: &super::code::CodeRt, pc: usize, a: Value, b: Value) {
        let c = &code.feedback[pc];
        c.set(c.get() | (1 << a.tag()) | (1 << b.tag()));
    }

    fn dispatch(&mut self) -> PyResult<Value> {
        let mut fi = self.frames.len() - 1;
        let mut code = self.frames[fi].code.clone();
        let mut base = self.frames[fi].base;
        let mut pc = self.frames[fi].pc;
        self.yielded = false;

        // Type feedback feeds only the tier-up step: without a JIT, or for code the JIT has left
        // to the interpreter for good, nothing reads it.
        let jit = self.jit.is_some();
        let mut record = jit && code.tier.wants_feedback();
        macro_rules! fb {
            ($a:expr, $b:expr) => {
                if record {
                    Self::fb(&code, pc - 1, $a, $b);
                }
            };
        }
        // Registers are read and written word by word (`gc::load_value`, `gc::store_value`).
        macro_rules! r {
            ($x:expr) => {
                crate::gc::load_value(&self.stack[super::reg(base + $x as usize)])
            };
        }
        macro_rules! put {
            ($x:expr, $v:expr) => {{
                let v = $v;
                crate::gc::store_value(&mut self.stack[super::reg(base + $x as usize)], v)
            }};
        }
        macro_rules! k {
            ($x:expr) => {
                code.consts[$x as usize]
            };
        }
        macro_rules! reload {
            () => {{
                fi = self.frames.len() - 1;
                // Recursion and returns into the same code keep the clone they have: each
                // refcount update is a read-modify-write of one counter, serialised.
                if !Rc::ptr_eq(&code, &self.frames[fi].code) {
                    code = self.frames[fi].code.clone();
                }
                base = self.frames[fi].base;
                record = jit && code.tier.wants_feedback();
            }};
        }
        macro_rules! bin {
            ($dst:expr, $a:expr, $b:expr, $op:expr, $inplace:expr) => {{
                let (a, b) = ($a, $b);
                fb!(a, b);
                if let Value::Object(_) = a {
                    self.frames[fi].pc = pc - 1;
                    let slot = record.then(|| &code.caches[pc - 1]);
                    if self.push_binary_dunder(a, b, $op, $inplace, base + $dst as usize, slot)? {
                        reload!();
                        pc = 0;
                        jit_enter!(None);
                        continue;
                    }
                }
                let v = binary(self, $op, a, b, $inplace)?;
                put!($dst, v);
            }};
        }
        macro_rules! unary_op {
            ($dst:expr, $src:expr, $op:expr, $dunder:expr) => {{
                let v = r!($src);
                if let Value::Object(_) = v {
                    self.frames[fi].pc = pc - 1;
                    let slot = record.then(|| &code.caches[pc - 1]);
                    if self.push_unary_dunder(v, $dunder, base + $dst as usize, slot)? {
                        reload!();
                        pc = 0;
                        jit_enter!(None);
                        continue;
                    }
                }
                let v = unary(self, $op, v)?;
                put!($dst, v);
            }};
        }
        // Tier-up hook (`crate::tier_up`): at function entry and backward jumps, compiled code
        // may run and tell where to continue. Code that records no feedback (no JIT, or left to
        // the interpreter) has nothing to gain from it either, so `record` guards both; the
        // hook may leave this code to the interpreter, which ends its recording at once (a
        // loop judged at its 1000th iteration recorded until its function returned).
        macro_rules! jit_enter {
            ($osr:expr) => {{
                if record {
                    match crate::tier_up::enter(self, &code, $osr) {
                        Ok(Some(p)) => pc = p,
                        Ok(None) => {}
                        Err(e) => {
                            // Compiled code saved the pc it raised at.
                            pc = self.frames[fi].pc + 1;
                            return Err(e);
                        }
                    }
                    record = code.tier.wants_feedback();
                }
            }};
        }
        macro_rules! jump {
            ($target:expr) => {{
                let t = $target as usize;
                if t < pc {
                    super::signals::poll(self)?;
                    self.frames[fi].pc = t;
                    self.safepoint();
                    pc = t;
                    jit_enter!(Some(t));
                } else {
                    pc = t;
                }
            }};
        }
        macro_rules! cmp {
            ($dst:expr, $a:expr, $b:expr, $op:expr) => {{
                let (a, b) = ($a, $b);
                fb!(a, b);
                if let Some(t) = compare_immediate($op, a, b) {
                    put!($dst, Value::Bool(t));
                } else {
                    let v = compare(self, $op, a, b)?;
                    put!($dst, v);
                }
            }};
        }
        // Any other call: a Python callee gets a frame in this loop; anything else runs natively
        // and its result lands in `dst`.
        macro_rules! call_or_push {
            ($f:expr, $args:expr, $kw:expr, $dst:expr) => {{
                self.frames[fi].pc = pc - 1;
                if let Some(()) = self.try_push_py($f, $args, $kw, base + $dst as usize)? {
                    reload!();
                    pc = 0;
                    jit_enter!(None);
                    continue;
                }
                let v = self.call($f, $args, $kw)?;
                put!($dst, v);
                self.safepoint();
            }};
        }
        // A call of a builtin function with arguments copied from the caller's registers: those
        // registers keep them alive for the collector, so unlike `Vm::call` it roots nothing.
        macro_rules! call_builtin {
            ($f:expr, $args:expr, $dst:expr) => {{
                if let Value::Object(fo) = $f {
                    if let Kind::Builtin(b) = &fo.kind {
                        let native = b.f;
                        let v = native(self, $args, &[])?;
                        put!($dst, v);
                        self.safepoint();
                        continue;
                    }
                }
            }};
        }
        // A call of a plain Python function with exactly its positional arity: the arguments go
        // from the caller's registers straight into the new window. The kind is checked here so
        // that builtin calls do not pay the out-of-line call of `push_frame_simple`.
        macro_rules! push_simple {
            ($f:expr, $src:expr, $n:expr, $dst:expr) => {{
                if let Value::Object(fo) = $f {
                    if let Kind::Function(_) = fo.kind {
                        self.frames[fi].pc = pc - 1;
                        if self.push_frame_simple(fo, $src, $n, Ret::Reg(base + $dst as usize))? {
                            self.safepoint();
                            reload!();
                            pc = 0;
                            jit_enter!(None);
                            continue;
                        }
                    }
                }
            }};
        }
        // A closure so that every `?` and `return Err` in the loop passes the exit below, which
        // saves the pc of the instruction that raised.
        let mut run = {
            #[inline(always)]
            || -> PyResult<Value> {
                if pc == 0 {
                    jit_enter!(None);
                }

                loop {
                    let instr = code.instrs[pc];
                    pc += 1;
                    match instr {
                        Instr::Move { dst, src } => put!(dst, r!(src)),
                        Instr::LoadConst { dst, k } => put!(dst, k!(k)),
                        Instr::CheckBound { reg } => {
                            if self.is_null(r!(reg)) {
                                return Err(self.unbound_local(&code, reg));
                            }
                        }
                        Instr::LoadDeref { dst, cell } => {
                            let v = self.cell_get(&code, r!(cell), cell)?;
                            put!(dst, v);
                        }
                        Instr::StoreDeref { cell, src } => {
                            if let Value::Object(c) = r!(cell) {
                                if let Kind::Cell(cv) = &c.kind {
                                    cv.set(r!(src));
                                }
                            }
                        }
                        Instr::LoadGlobal { dst, name } => {
                            let n = code.names[name as usize];
                            let g = self.frames[fi].globals;
                            let v = self.load_global_cached(&code.caches[pc - 1], g, n)?;
                            put!(dst, v);
                        }
                        Instr::LoadAttr { dst, obj, name } => {
                            let o = r!(obj);
                            fb!(o, o);
                            let v = self.load_attr_cached(
                                &code.caches[pc - 1],
                                o,
                                code.names[name as usize],
                            )?;
                            put!(dst, v);
                        }
                        Instr::StoreAttr { obj, name, src } => {
                            let (o, v) = (r!(obj), r!(src));
                            self.store_attr_cached(
                                &code.caches[pc - 1],
                                o,
                                code.names[name as usize],
                                v,
                            )?;
                        }
                        Instr::LoadMethod { dst, obj, name } => {
                            let o = r!(obj);
                            fb!(o, o);
                            let (f, recv) = self.load_method_cached(
                                &code.caches[pc - 1],
                                o,
                                code.names[name as usize],
                            )?;
                            put!(dst, f);
                            put!(dst + 1, recv.unwrap_or(self.null));
                        }
                        Instr::LoadSubscr { dst, obj, key } => {
                            let (o, k) = (r!(obj), r!(key));
                            fb!(o, k);
                            let v = self.subscr_fast(o, k)?;
                            put!(dst, v);
                        }
                        Instr::StoreSubscr { obj, key, src } => {
                            let (o, k, v) = (r!(obj), r!(key), r!(src));
                            fb!(o, k);
                            self.store_subscr_fast(o, k, v)?;
                        }
                        Instr::Add { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Add, false),
                        Instr::Sub { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Sub, false),
                        Instr::Mul { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Mul, false),
                        Instr::MatMul { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::MatMul, false)
                        }
                        Instr::TrueDiv { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::TrueDiv, false)
                        }
                        Instr::FloorDiv { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::FloorDiv, false)
                        }
                        Instr::Mod { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Mod, false),
                        Instr::Pow { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Pow, false),
                        Instr::Shl { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Shl, false),
                        Instr::Shr { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Shr, false),
                        Instr::BitAnd { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::And, false),
                        Instr::BitOr { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Or, false),
                        Instr::BitXor { dst, a, b } => bin!(dst, r!(a), r!(b), BinOp::Xor, false),
                        Instr::AddK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Add, false),
                        Instr::SubK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Sub, false),
                        Instr::MulK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Mul, false),
                        Instr::MatMulK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::MatMul, false)
                        }
                        Instr::TrueDivK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::TrueDiv, false)
                        }
                        Instr::FloorDivK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::FloorDiv, false)
                        }
                        Instr::ModK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Mod, false),
                        Instr::PowK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Pow, false),
                        Instr::ShlK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Shl, false),
                        Instr::ShrK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Shr, false),
                        Instr::BitAndK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::And, false),
                        Instr::BitOrK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Or, false),
                        Instr::BitXorK { dst, a, k } => bin!(dst, r!(a), k!(k), BinOp::Xor, false),
                        Instr::InplaceAdd { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Add, true)
                        }
                        Instr::InplaceSub { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Sub, true)
                        }
                        Instr::InplaceMul { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Mul, true)
                        }
                        Instr::InplaceMatMul { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::MatMul, true)
                        }
                        Instr::InplaceTrueDiv { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::TrueDiv, true)
                        }
                        Instr::InplaceFloorDiv { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::FloorDiv, true)
                        }
                        Instr::InplaceMod { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Mod, true)
                        }
                        Instr::InplacePow { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Pow, true)
                        }
                        Instr::InplaceShl { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Shl, true)
                        }
                        Instr::InplaceShr { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Shr, true)
                        }
                        Instr::InplaceBitAnd { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::And, true)
                        }
                        Instr::InplaceBitOr { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Or, true)
                        }
                        Instr::InplaceBitXor { dst, a, b } => {
                            bin!(dst, r!(a), r!(b), BinOp::Xor, true)
                        }
                        Instr::InplaceAddK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Add, true)
                        }
                        Instr::InplaceSubK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Sub, true)
                        }
                        Instr::InplaceMulK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Mul, true)
                        }
                        Instr::InplaceMatMulK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::MatMul, true)
                        }
                        Instr::InplaceTrueDivK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::TrueDiv, true)
                        }
                        Instr::InplaceFloorDivK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::FloorDiv, true)
                        }
                        Instr::InplaceModK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Mod, true)
                        }
                        Instr::InplacePowK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Pow, true)
                        }
                        Instr::InplaceShlK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Shl, true)
                        }
                        Instr::InplaceShrK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Shr, true)
                        }
                        Instr::InplaceBitAndK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::And, true)
                        }
                        Instr::InplaceBitOrK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Or, true)
                        }
                        Instr::InplaceBitXorK { dst, a, k } => {
                            bin!(dst, r!(a), k!(k), BinOp::Xor, true)
                        }
                        Instr::Neg { dst, src } => unary_op!(dst, src, "-", "__neg__"),
                        Instr::Pos { dst, src } => unary_op!(dst, src, "+", "__pos__"),
                        Instr::Invert { dst, src } => unary_op!(dst, src, "~", "__invert__"),
                        Instr::Not { dst, src } => {
                            let t = self.truthy(r!(src))?;
                            put!(dst, Value::Bool(!t));
                        }
                        Instr::Lt { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Lt),
                        Instr::Le { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Le),
                        Instr::Eq { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Eq),
                        Instr::Ne { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Ne),
                        Instr::Gt { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Gt),
                        Instr::Ge { dst, a, b } => cmp!(dst, r!(a), r!(b), CmpOp::Ge),
                        Instr::LtK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Lt),
                        Instr::LeK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Le),
                        Instr::EqK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Eq),
                        Instr::NeK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Ne),
                        Instr::GtK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Gt),
                        Instr::GeK { dst, a, k } => cmp!(dst, r!(a), k!(k), CmpOp::Ge),
                        Instr::Is { dst, a, b } => put!(dst, Value::Bool(r!(a).is(r!(b)))),
                        Instr::IsNot { dst, a, b } => put!(dst, Value::Bool(!r!(a).is(r!(b)))),
                        Instr::In { dst, a, b } => {
                            let (x, c) = (r!(a), r!(b));
                            fb!(x, c);
                            let t = self.contains(c, x)?;
                            put!(dst, Value::Bool(t));
                        }
                        Instr::NotIn { dst, a, b } => {
                            let (x, c) = (r!(a), r!(b));
                            fb!(x, c);
                            let t = self.contains(c, x)?;
                            put!(dst, Value::Bool(!t));
                        }
                        Instr::Jump { target } => jump!(target),
                        Instr::JumpIfTrue { cond, target } => {
                            let t = match r!(cond) {
                                Value::Bool(b) => b,
                                v => self.truthy(v)?,
                            };
                            if t {
                                jump!(target);
                            }
                        }
                        Instr::JumpIfFalse { cond, target } => {
                            let t = match r!(cond) {
                                Value::Bool(b) => b,
                                v => self.truthy(v)?,
                            };
                            if !t {
                                jump!(target);
                            }
                        }
                        Instr::JumpIfNone { src, target } => {
                            if r!(src).is_none() {
                                jump!(target);
                            }
                        }
                        Instr::JumpIfNotNone { src, target } => {
                            if !r!(src).is_none() {
                                jump!(target);
                            }
                        }
                        Instr::BuildTuple { dst, start, count } => {
                            let s = base + start as usize;
                            let v = alloc::tuple_of(&self.stack[s..s + count as usize]);
                            put!(dst, v);
                        }
                        Instr::BuildList { dst, start, count } => {
                            let s = base + start as usize;
                            let v = alloc::list(crate::gc::load_vec(
                                &self.stack[s..s + count as usize],
                            ));
                            put!(dst, v);
                        }
                        Instr::ListAppend { list, src } => {
                            if let Value::Object(l) = r!(list) {
                                if let Kind::List(v) = &l.kind {
                                    v.borrow_mut().push(r!(src));
                                }
                            }
                        }
                        Instr::UnpackSequence { dst, src, count } => {
                            let (seq, n, at) = (r!(src), count as usize, base + dst as usize);
                            // Exact tuples and lists of the right length go straight into the
                            // registers, with no intermediate vector.
                            let copied = match seq {
                                Value::Object(o) => match &o.get().kind {
                                    Kind::Tuple(t)
                                        if t.len() == n && o.cls.get().ptr_eq(types().tuple) =>
                                    {
                                        self.stack[at..at + n].copy_from_slice(t);
                                        true
                                    }
                                    Kind::List(l) if o.cls.get().ptr_eq(types().list) => {
                                        let l = l.borrow();
                                        let fits = l.len() == n;
                                        if fits {
                                            self.stack[at..at + n].copy_from_slice(&l);
                                        }
                                        fits
                                    }
                                    _ => false,
                                },
                                _ => false,
                            };
                            if !copied {
                                let items = self.unpack(seq, n)?;
                                for (i, v) in items.into_iter().enumerate() {
                                    put!(dst as usize + i, v);
                                }
                            }
                        }
                        Instr::GetIter { dst, src } => {
                            let s = r!(src);
                            fb!(s, s);
                            let v = self.iter(s)?;
                            put!(dst, v);
                        }
                        Instr::ForIter { dst, iter, target } => {
                            let it = r!(iter);
                            let next = match it {
                                Value::Object(o) => match &o.kind {
                                    Kind::Iter(st) => match &mut *st.borrow_mut() {
                                        crate::runtime::iter::IterState::Range {
                                            cur,
                                            stop,
                                            step,
                                        } if *step > 0 => {
                                            if *cur < *stop {
                                                let v = *cur;
                                                *cur += *step;
                                                Some(Some(Value::Int(v)))
                                            } else {
                                                Some(None)
                                            }
                                        }
                                        _ => None,
                                    },
                                    _ => None,
                                },
                                _ => None,
                            };
                            let next = match next {
                                Some(n) => n,
                                None => {
                                    if self.push_generator(it, pc - 1, base + dst as usize)? {
                                        reload!();
                                        pc = self.frames[fi].pc;
                                        continue;
                                    }
                                    // `for a, b in ...` over pairs made for the occasion: the
                                    // unpacking that follows takes them with no tuple between.
                                    // The class first: other iterators (nbody's list of tuples)
                                    // pay one comparison.
                                    let pairs = it.as_obj().is_some_and(|o| {
                                        let (c, t) = (o.cls.get(), types());
                                        c.ptr_eq(t.enumerate) || c.ptr_eq(t.dict_itemiterator)
                                    });
                                    if pairs {
                                        let unpack = code.instrs.get(pc).copied();
                                        if let Some(got) = self.for_pair(it, dst, unpack, base)? {
                                            pc = if got { pc + 1 } else { target as usize };
                                            continue;
                                        }
                                    }
                                    self.next(it)?
                                }
                            };
                            match next {
                                Some(v) => put!(dst, v),
                                None => pc = target as usize,
                            }
                        }
                        Instr::Call { dst, func, argc } => {
                            let f = r!(func);
                            let s = base + func as usize + 1;
                            push_simple!(f, s, argc as usize, dst);
                            if let Some((few, n)) = few_args(&self.stack[s..s + argc as usize]) {
                                call_builtin!(f, &few[..n], dst);
                            }
                            let args = Args::from_slice(&self.stack[s..s + argc as usize]);
                            call_builtin!(f, args.as_slice(), dst);
                            call_or_push!(f, args.as_slice(), &[], dst);
                        }
                        Instr::CallKw {
                            dst,
                            func,
                            argc,
                            kwnames,
                        } => {
                            let f = r!(func);
                            let s = base + func as usize + 1;
                            let all = crate::gc::load_vec(&self.stack[s..s + argc as usize]);
                            let (args, kw) = self.split_kwargs(&all, k!(kwnames));
                            call_or_push!(f, &args, &kw, dst);
                        }
                        Instr::CallMethod { dst, func, argc } => {
                            let f = r!(func);
                            let has_self = !self.is_null(r!(func + 1));
                            let s = base + func as usize + if has_self { 1 } else { 2 };
                            let n = argc as usize + has_self as usize;
                            push_simple!(f, s, n, dst);
                            if let Some((few, n)) = few_args(&self.stack[s..s + n]) {
                                call_builtin!(f, &few[..n], dst);
                            }
                            let args = Args::from_slice(&self.stack[s..s + n]);
                            call_builtin!(f, args.as_slice(), dst);
                            call_or_push!(f, args.as_slice(), &[], dst);
                        }
                        Instr::CallMethodKw {
                            dst,
                            func,
                            argc,
                            kwnames,
                        } => {
                            let f = r!(func);
                            let has_self = !self.is_null(r!(func + 1));
                            let s = base + func as usize + if has_self { 1 } else { 2 };
                            let n = argc as usize + has_self as usize;
                            let all = crate::gc::load_vec(&self.stack[s..s + n]);
                            let (args, kw) = self.split_kwargs(&all, k!(kwnames));
                            call_or_push!(f, &args, &kw, dst);
                        }
                        Instr::CallEx { dst, func, args } => {
                            let f = r!(func);
                            // The positional tuple stays in its register for the whole call, so its
                            // items are copied into a stack buffer rather than a fresh vector.
                            let pos = match r!(args) {
                                Value::Object(t) => match &t.kind {
                                    Kind::Tuple(items) => Args::from_slice(items),
                                    _ => Args::from_slice(&self.seq_items(r!(args))),
                                },
                                v => Args::from_slice(&self.seq_items(v)),
                            };
                            let pos = pos.as_slice();
                            let kwd = r!(args + 1);
                            let kw: Vec<(crate::gc::ObjRef, Value)> = if kwd.is_none() {
                                Vec::new()
                            } else {
                                self.dict_items_pairs(kwd)
                                    .into_iter()
                                    .map(|(k, v)| {
                                        (
                                            crate::runtime::str::intern_obj(
                                                k.as_obj().expect("str key"),
                                            ),
                                            v,
                                        )
                                    })
                                    .collect()
                            };
                            call_or_push!(f, pos, &kw, dst);
                        }
                        Instr::Return { src } => {
                            let v = r!(src);
                            // Only the two fields read below leave the frame: popping it into a
                            // local copied all 104 bytes of it.
                            let (ret, gen) = (self.frames[fi].ret, self.frames[fi].gen);
                            self.frames.truncate(fi);
                            self.depth -= 1;
                            if let Some(g) = gen {
                                self.finish_generator(g);
                            }
                            match ret {
                                Ret::Native => return Ok(v),
                                Ret::Reg(slot) => {
                                    crate::gc::store_value(&mut self.stack[super::reg(slot)], v);
                                    reload!();
                                    pc = self.frames[fi].pc + 1;
                                }
                                Ret::Init(slot) => {
                                    let Some(Pending::Init(inst)) = self.pending.pop() else {
                                        unreachable!("an __init__ frame without its instance")
                                    };
                                    reload!();
                                    pc = self.frames[fi].pc + 1;
                                    self.init_returned(v)?;
                                    crate::gc::store_value(&mut self.stack[slot], inst);
                                }
                                Ret::Gen(_) => {
                                    self.leave_generator();
                                    reload!();
                                    let Instr::ForIter { target, .. } =
                                        code.instrs[self.frames[fi].pc]
                                    else {
                                        unreachable!("a generator frame not resumed by ForIter")
                                    };
                                    pc = target as usize;
                                }
                                Ret::Binary(slot) => {
                                    let Some(Pending::Binary { a, b, op, inplace }) =
                                        self.pending.pop()
                                    else {
                                        unreachable!("a binary dunder frame without its operands")
                                    };
                                    reload!();
                                    pc = self.frames[fi].pc + 1;
                                    self.stack[slot] =
                                        if v.is(Value::Object(types().not_implemented)) {
                                            super::ops::arith::binary_after_left(
                                                self, op, a, b, inplace,
                                            )?
                                        } else {
                                            v
                                        };
                                }
                            }
                        }
                        Instr::Yield { dst, src } => {
                            let v = r!(src);
                            self.frames[fi].pc = pc;
                            let ret = self.frames[fi].ret;
                            self.suspend_generator(Some(dst));
                            if let Ret::Gen(slot) = ret {
                                self.yielded = false;
                                self.leave_generator();
                                crate::gc::store_value(&mut self.stack[slot], v);
                                reload!();
                                pc = self.frames[fi].pc + 1;
                                continue;
                            }
                            return Ok(v);
                        }
                        Instr::YieldFrom { dst, iter } => {
                            let it = r!(iter);
                            let sent = self.frames[fi].resume.take();
                            match self.yield_from_step(it, sent)? {
                                Ok(v) => {
                                    // Yielded: suspend and re-execute this instruction on resume.
                                    self.frames[fi].pc = pc - 1;
                                    let ret = self.frames[fi].ret;
                                    self.suspend_generator(None);
                                    if let Ret::Gen(slot) = ret {
                                        self.yielded = false;
                                        self.leave_generator();
                                        crate::gc::store_value(&mut self.stack[slot], v);
                                        reload!();
                                        pc = self.frames[fi].pc + 1;
                                        continue;
                                    }
                                    return Ok(v);
                                }
                                Err(result) => put!(dst, result),
                            }
                        }
                        Instr::Raise { exc } => {
                            let e = self.make_raise(r!(exc), None)?;
                            return Err(e);
                        }
                        Instr::RaiseFrom { exc, cause } => {
                            let e = self.make_raise(r!(exc), Some(r!(cause)))?;
                            return Err(e);
                        }
                        Instr::Reraise {} => {
                            let h = self.handled;
                            return Err(match h {
                                Value::Object(o) => {
                                    self.skip_tb = true;
                                    PyErr(o)
                                }
                                _ => self.runtime_error("No active exception to reraise"),
                            });
                        }
                        Instr::RaiseAgain { exc } => {
                            let e = r!(exc);
                            self.skip_tb = true;
                            return Err(PyErr(e.as_obj().expect("exception")));
                        }
                        Instr::DeleteLocal { .. }
                        | Instr::DeleteDeref { .. }
                        | Instr::LoadClassDeref { .. }
                        | Instr::StoreGlobal { .. }
                        | Instr::DeleteGlobal { .. }
                        | Instr::LoadName { .. }
                        | Instr::StoreName { .. }
                        | Instr::DeleteName { .. }
                        | Instr::LoadBuildClass { .. }
                        | Instr::LoadAssertionError { .. }
                        | Instr::DeleteAttr { .. }
                        | Instr::DeleteSubscr { .. }
                        | Instr::BuildSlice { .. }
                        | Instr::BuildSet { .. }
                        | Instr::BuildMap { .. }
                        | Instr::BuildString { .. }
                        | Instr::ListExtend { .. }
                        | Instr::ExtendArgs { .. }
                        | Instr::ListToTuple { .. }
                        | Instr::SetAdd { .. }
                        | Instr::SetUpdate { .. }
                        | Instr::DictSet { .. }
                        | Instr::DictUpdate { .. }
                        | Instr::DictMerge { .. }
                        | Instr::ConvertValue { .. }
                        | Instr::FormatSimple { .. }
                        | Instr::FormatSpec { .. }
                        | Instr::UnpackEx { .. }
                        | Instr::MakeFunction { .. }
                        | Instr::SetDefaults { .. }
                        | Instr::SetKwDefaults { .. }
                        | Instr::SetClosure { .. }
                        | Instr::GetYieldFromIter { .. }
                        | Instr::PushExcInfo { .. }
                        | Instr::PopExcInfo { .. }
                        | Instr::CheckExcMatch { .. }
                        | Instr::CheckEgMatch { .. }
                        | Instr::PrepReraiseStar { .. }
                        | Instr::WithEnter { .. }
                        | Instr::WithExit { .. }
                        | Instr::ImportName { .. }
                        | Instr::ImportFrom { .. }
                        | Instr::ImportStar { .. }
                        | Instr::GetLen { .. }
                        | Instr::MatchMapping { .. }
                        | Instr::MatchSequence { .. }
                        | Instr::MatchKeys { .. }
                        | Instr::MatchClass { .. }
                        | Instr::CopyDictWithoutKeys { .. }
                        | Instr::PrintExpr { .. } => self.exec_cold(instr, fi, base, &code)?,
                    }
                }
            }
        };
        let r = run();
        if r.is_err() {
            let top = self.frames.len() - 1;
            self.frames[top].pc = pc - 1;
        }
        r
    }

    /// Instructions that are rare in hot loops (imports, name-dict access, class and function
    /// set-up, `with`, `match`, exception matching) or whose own work dwarfs a call (set, dict
    /// and f-string displays, formatting): out of line, so the dispatch loop's hot arms get the
    /// registers and a smaller stack frame.
    #[inline(never)]
    fn exec_cold(
        &mut self,
        instr: Instr,
        fi: usize,
        base: usize,
        code: &Rc<super::code::CodeRt>,
    ) -> PyResult<()> {
        // Registers are read and written word by word (`gc::load_value`, `gc::store_value`).
        macro_rules! r {
            ($x:expr) => {
                crate::gc::load_value(&self.stack[super::reg(base + $x as usize)])
            };
        }
        macro_rules! put {
            ($x:expr, $v:expr) => {{
                let v = $v;
                crate::gc::store_value(&mut self.stack[super::reg(base + $x as usize)], v)
            }};
        }
        macro_rules! k {
            ($x:expr) => {
                code.consts[$x as usize]
            };
        }
        match instr {
            Instr::DeleteLocal { reg } => {
                if self.is_null(r!(reg)) {
                    return Err(self.unbound_local(code, reg));
                }
                put!(reg, self.null);
            }
            Instr::DeleteDeref { cell } => {
                self.cell_get(code, r!(cell), cell)?;
                if let Value::Object(c) = r!(cell) {
                    if let Kind::Cell(cv) = &c.kind {
                        cv.set(self.null);
                    }
                }
            }
            Instr::LoadClassDeref { dst, cell, name } => {
                let locals = self.frames[fi].locals;
                let v = match self.dict_get(locals, Value::Object(code.names[name as usize]))? {
                    Some(v) => v,
                    None => self.cell_get(code, r!(cell), cell)?,
                };
                put!(dst, v);
            }
            Instr::StoreGlobal { name, src } => {
                let g = Value::Object(self.frames[fi].globals);
                self.dict_set(g, Value::Object(code.names[name as usize]), r!(src))?;
            }
            Instr::DeleteGlobal { name } => {
                let g = Value::Object(self.frames[fi].globals);
                let n = code.names[name as usize];
                if self.dict_del(g, Value::Object(n))?.is_none() {
                    return Err(self
                        .name_error(crate::runtime::str::str_of(Value::Object(n)).unwrap_or("?")));
                }
            }
            Instr::LoadName { dst, name } => {
                let v = self.load_name(fi, code.names[name as usize])?;
                put!(dst, v);
            }
            Instr::StoreName { name, src } => {
                let locals = self.frames[fi].locals;
                let v = r!(src);
                self.setitem(locals, Value::Object(code.names[name as usize]), v)?;
            }
            Instr::DeleteName { name } => {
                let locals = self.frames[fi].locals;
                let n = code.names[name as usize];
                if self.dict_del(locals, Value::Object(n))?.is_none() {
                    return Err(self
                        .name_error(crate::runtime::str::str_of(Value::Object(n)).unwrap_or("?")));
                }
            }
            Instr::LoadBuildClass { dst } => {
                let v = self.dict_get_str(
                    Value::Object(self.builtins),
                    crate::runtime::str::intern_static("__build_class__"),
                );
                put!(dst, v.unwrap_or(Value::None));
            }
            Instr::LoadAssertionError { dst } => {
                put!(dst, Value::Object(types().assertion_error))
            }
            Instr::DeleteAttr { obj, name } => {
                let o = r!(obj);
                self.delattr(o, code.names[name as usize])?;
            }
            Instr::DeleteSubscr { obj, key } => {
                let (o, k) = (r!(obj), r!(key));
                self.delitem(o, k)?;
            }
            Instr::BuildSlice { dst, start, count } => {
                let s = [
                    r!(start),
                    r!(start + 1),
                    if count == 3 {
                        r!(start + 2)
                    } else {
                        Value::None
                    },
                ];
                put!(dst, alloc::obj(types().slice, Kind::Slice(Box::new(s))));
            }
            Instr::BuildSet { dst, start, count } => {
                let s = base + start as usize;
                let items = crate::gc::load_vec(&self.stack[s..s + count as usize]);
                let v = self.new_set(items)?;
                put!(dst, v);
            }
            Instr::BuildMap { dst, start, count } => {
                let d = alloc::dict();
                put!(dst, d);
                for i in 0..count as usize {
                    let (k, v) = (r!(start as usize + 2 * i), r!(start as usize + 2 * i + 1));
                    self.dict_set(d, k, v)?;
                }
                put!(dst, d);
            }
            Instr::BuildString { dst, start, count } => {
                let parts = base + start as usize..base + start as usize + count as usize;
                let s = crate::runtime::str::PyStr::concat_all(&self.stack[parts]);
                put!(dst, alloc::obj(types().str, Kind::Str(s)));
            }
            Instr::ListExtend { list, src } => {
                let items = self.collect_iter(r!(src))?;
                if let Value::Object(l) = r!(list) {
                    if let Kind::List(v) = &l.kind {
                        v.borrow_mut().extend(items);
                    }
                }
            }
            Instr::ExtendArgs { list, src, func } => {
                let s = r!(src);
                if !self.is_iterable(s) {
                    let f = r!(func);
                    return Err(self.star_args_error(f, s));
                }
                if let (Value::Object(l), Value::Object(t)) = (r!(list), s) {
                    if let (Kind::List(v), Kind::Tuple(items)) = (&l.kind, &t.kind) {
                        v.borrow_mut().extend_from_slice(items);
                        return Ok(());
                    }
                }
                let items = self.collect_iter(s)?;
                if let Value::Object(l) = r!(list) {
                    if let Kind::List(v) = &l.kind {
                        v.borrow_mut().extend(items);
                    }
                }
            }
            Instr::ListToTuple { dst, src } => {
                // The list is the compiler's temporary (a display or call arguments being
                // assembled), seen by nothing else: its buffer becomes the tuple's.
                let items = match r!(src) {
                    Value::Object(l) => match &l.kind {
                        Kind::List(v) => std::mem::take(&mut *v.borrow_mut()),
                        _ => self.seq_items(r!(src)),
                    },
                    v => self.seq_items(v),
                };
                put!(dst, alloc::tuple(items));
            }
            Instr::SetAdd { set, src } => {
                let (s, v) = (r!(set), r!(src));
                self.set_add(s, v)?;
            }
            Instr::SetUpdate { set, src } => {
                let s = r!(set);
                let items = self.collect_iter(r!(src))?;
                let _g = crate::gc::roots::root_all(&items);
                for it in items {
                    self.set_add(s, it)?;
                }
            }
            Instr::DictSet { dict, key, value } => {
                let (d, k, v) = (r!(dict), r!(key), r!(value));
                self.dict_set(d, k, v)?;
            }
            Instr::DictUpdate { dict, src } => {
                let (d, s) = (r!(dict), r!(src));
                self.dict_update_op(d, s)?;
            }
            Instr::DictMerge { dict, src, func } => {
                let (d, s, f) = (r!(dict), r!(src), r!(func));
                self.dict_merge_op(d, s, f)?;
            }
            Instr::ConvertValue { dst, src, conv } => {
                let v = r!(src);
                let s = match conv {
                    b's' => self.str(v)?,
                    b'a' => super::ops::repr::ascii(&self.repr(v)?),
                    _ => self.repr(v)?,
                };
                put!(dst, alloc::str(s));
            }
            Instr::FormatSimple { dst, src } => {
                let v = self.format_simple(r!(src))?;
                put!(dst, v);
            }
            Instr::FormatSpec { dst, src, spec } => {
                let v = self.format_with_spec(r!(src), r!(spec))?;
                put!(dst, v);
            }
            Instr::UnpackEx {
                dst,
                src,
                before,
                after,
            } => {
                let items = self.unpack_ex(r!(src), before as usize, after as usize)?;
                for (i, v) in items.into_iter().enumerate() {
                    put!(dst as usize + i, v);
                }
            }
            Instr::MakeFunction { dst, code: k } => {
                let child = code.children[k as usize].clone().expect("code constant");
                let globals = self.frames[fi].globals;
                let module = self.dict_get_str(
                    Value::Object(globals),
                    crate::runtime::str::intern_static("__name__"),
                );
                put!(
                    dst,
                    super::ops::call::new_function(child, globals, module.unwrap_or(Value::None))
                );
            }
            Instr::SetDefaults { func, src } => {
                let items = self.seq_items(r!(src));
                if let Value::Object(f) = r!(func) {
                    if let Kind::Function(fun) = &f.kind {
                        *fun.defaults.borrow_mut() = items.into_boxed_slice();
                    }
                }
            }
            Instr::SetKwDefaults { func, src } => {
                if let Value::Object(f) = r!(func) {
                    if let Kind::Function(fun) = &f.kind {
                        fun.kwdefaults.set(r!(src));
                    }
                }
            }
            Instr::SetClosure { func, src } => {
                let cells: Vec<crate::gc::ObjRef> = self
                    .seq_items(r!(src))
                    .into_iter()
                    .filter_map(|v| v.as_obj())
                    .collect();
                if let Value::Object(f) = r!(func) {
                    if let Kind::Function(fun) = &f.kind {
                        *fun.closure.borrow_mut() = cells.into_boxed_slice();
                    }
                }
            }
            Instr::GetYieldFromIter { dst, src } => {
                let s = r!(src);
                let v = match s {
                    Value::Object(o) if matches!(o.kind, Kind::Generator(_)) => s,
                    _ => self.iter(s)?,
                };
                put!(dst, v);
            }
            Instr::PushExcInfo { save, exc } => {
                put!(save, self.handled);
                self.handled = r!(exc);
            }
            Instr::PopExcInfo { save } => self.handled = r!(save),
            Instr::CheckExcMatch { dst, exc, ty } => {
                let t = self.exc_match_op(r!(exc), r!(ty))?;
                put!(dst, Value::Bool(t));
            }
            Instr::CheckEgMatch { dst, eg, ty } => {
                let (m, rest) = self.eg_match_op(r!(eg), r!(ty))?;
                put!(dst, m);
                put!(eg, rest);
            }
            Instr::PrepReraiseStar { dst, orig, raised } => {
                let v = self.prep_reraise_star(r!(orig), r!(raised))?;
                put!(dst, v);
            }
            Instr::WithEnter { dst, mgr } => {
                let m = r!(mgr);
                let (enter_result, exit) = self.with_enter(m)?;
                put!(dst + 1, exit);
                put!(dst, enter_result);
            }
            Instr::WithExit { dst, exit, exc } => {
                let (x, e) = (r!(exit), r!(exc));
                let v = self.with_exit(x, e)?;
                put!(dst, v);
            }
            Instr::ImportName {
                dst,
                name,
                fromlist,
                level,
            } => {
                let v = self.import_name(code.names[name as usize], k!(fromlist), level)?;
                put!(dst, v);
            }
            Instr::ImportFrom { dst, module, name } => {
                let v = self.import_from(r!(module), code.names[name as usize])?;
                put!(dst, v);
            }
            Instr::ImportStar { module } => {
                let locals = self.frames[fi].locals;
                self.import_star(r!(module), locals)?;
            }
            Instr::GetLen { dst, src } => {
                let n = self.len(r!(src))?;
                put!(dst, Value::Int(n as i64));
            }
            Instr::MatchMapping { dst, subject } => {
                put!(dst, Value::Bool(self.is_mapping(r!(subject))))
            }
            Instr::MatchSequence { dst, subject } => {
                put!(dst, Value::Bool(self.is_match_sequence(r!(subject))))
            }
            Instr::MatchKeys { dst, subject, keys } => {
                let v = self.match_keys(r!(subject), r!(keys))?;
                put!(dst, v);
            }
            Instr::MatchClass { dst, args, nargs } => {
                let (s, c, n) = (r!(args), r!(args + 1), r!(args + 2));
                let v = self.match_class(s, c, n, nargs as usize)?;
                put!(dst, v);
            }
            Instr::CopyDictWithoutKeys { dst, subject, keys } => {
                let v = self.copy_dict_without(r!(subject), r!(keys))?;
                put!(dst, v);
            }
            Instr::PrintExpr { src } => {
                let v = r!(src);
                if !v.is_none() {
                    // sys.displayhook: `_` is None while repr runs, then the value.
                    let b = Value::Object(self.builtins);
                    self.dict_set_str(b, "_", Value::None)?;
                    let s = self.repr(v)?;
                    crate::builtins::io::write_stdout(&format!("{s}\n"));
                    self.dict_set_str(b, "_", v)?;
                }
            }
            _ => unreachable!("not a cold instruction"),
        }
        Ok(())
    }

    /// For a call of a plain Python function: pushes its frame (returning `Some`); `None`
    /// means the callee needs the generic path.
    #[inline]
    fn try_push_py(
        &mut self,
        f: Value,
        args: &[Value],
        kw: crate::runtime::func::KwArgs,
        ret: usize,
    ) -> PyResult<Option<()>> {
        let Some(callee) = self.py_callee(f) else {
            return Ok(None);
        };
        match callee {
            PyCallee::Function(func) => self.push_frame(func, args, kw, Ret::Reg(ret))?,
            PyCallee::Bound { func, recv } => {
                let full = Args::prepend(recv, args);
                self.push_frame(func, full.as_slice(), kw, Ret::Reg(ret))?;
            }
            PyCallee::Init { cls, init } => self.push_init(cls, init, args, kw, ret)?,
        }
        self.safepoint();
        Ok(Some(()))
    }

    /// `ForIter` into `iter` over pairs, followed by `unpack`: when that unpacks the pair
    /// into two registers, advances `it` and writes them there, and says whether there was a
    /// pair (`None`: not that shape, nothing done). Out of line, so that the `ForIter` arm of
    /// other loops stays as it was (nbody's ran 2-5% slower with this inline).
    #[inline(never)]
    fn for_pair(
        &mut self,
        it: Value,
        iter: u16,
        unpack: Option<Instr>,
        base: usize,
    ) -> PyResult<Option<bool>> {
        let Some(Instr::UnpackSequence { dst, src, count: 2 }) = unpack else {
            return Ok(None);
        };
        if src != iter {
            return Ok(None);
        }
        Ok(match self.next_pair(it)? {
            Some(Some((a, b))) => {
                let at = base + dst as usize;
                crate::gc::store_value(&mut self.stack[at], a);
                crate::gc::store_value(&mut self.stack[at + 1], b);
                Some(true)
            }
            Some(None) => Some(false),
            None => None,
        })
    }

    /// Splits a CallKw window into positional args and (name, value) pairs.
    fn split_kwargs(
        &self,
        all: &[Value],
        names: Value,
    ) -> (Vec<Value>, Vec<(crate::gc::ObjRef, Value)>) {
        let names = self.seq_items(names);
        let npos = all.len() - names.len();
        let kw = names
            .iter()
            .zip(all[npos..].iter())
            .map(|(n, v)| {
                (
                    crate::runtime::str::intern_obj(n.as_obj().expect("str")),
                    *v,
                )
            })
            .collect();
        (all[..npos].to_vec(), kw)
    }

    #[cold]
    fn unbound_local(&mut self, code: &Rc<super::code::CodeRt>, reg: u16) -> PyErr {
        let name = code.code.reg_name(reg).unwrap_or("?").to_string();
        self.new_error(
            types().unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    #[inline]
    fn cell_get(
        &mut self,
        code: &Rc<super::code::CodeRt>,
        cell: Value,
        reg: u16,
    ) -> PyResult<Value> {
        if let Value::Object(c) = cell {
            if let Kind::Cell(cv) = &c.kind {
                let v = cv.get();
                if !self.is_null(v) {
                    return Ok(v);
                }
            }
        }
        Err(self.empty_cell_error(code, reg))
    }

    #[cold]
    fn empty_cell_error(&mut self, code: &Rc<super::code::CodeRt>, reg: u16) -> PyErr {
        let name = code.code.reg_name(reg).unwrap_or("?").to_string();
        if code.code.is_free_reg(reg) {
            self.new_error(
                types().name_error,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        } else {
            self.new_error(
                types().unbound_local_error,
                format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        }
    }

    fn load_name(&mut self, fi: usize, name: crate::gc::ObjRef) -> PyResult<Value> {
        let locals = self.frames[fi].locals;
        let globals = Value::Object(self.frames[fi].globals);
        if let Value::Object(l) = locals {
            if matches!(l.kind, Kind::Dict(_)) {
                if let Some(v) = self.dict_get_str(locals, name) {
                    return Ok(v);
                }
            } else {
                match self.getitem(locals, Value::Object(name)) {
                    Ok(v) => return Ok(v),
                    Err(e) if self.exc_matches(e, types().key_error) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if let Some(v) = self.dict_get_str(globals, name) {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str(Value::Object(self.builtins), name) {
            return Ok(v);
        }
        Err(self.name_error(crate::runtime::str::str_of(Value::Object(name)).unwrap_or("?")))
    }

    #[inline]
    fn subscr_fast(&mut self, o: Value, k: Value) -> PyResult<Value> {
        if let (Value::Object(obj), Value::Int(i)) = (o, k) {
            if let Kind::List(l) = &obj.kind {
                let l = l.borrow();
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j >= 0 && j < n && obj.attrs.is_none() {
                    return Ok(crate::gc::load_value(&l[j as usize]));
                }
            }
        }
        self.getitem(o, k)
    }

    #[inline]
    fn store_subscr_fast(&mut self, o: Value, k: Value, v: Value) -> PyResult<()> {
        if let (Value::Object(obj), Value::Int(i)) = (o, k) {
            if let Kind::List(l) = &obj.kind {
                let mut l = l.borrow_mut();
                let n = l.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j >= 0 && j < n && obj.attrs.is_none() {
                    l[j as usize] = v;
                    return Ok(());
                }
            }
        }
        self.setitem(o, k, v)
    }
}
