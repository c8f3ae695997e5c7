//! Runtime helpers that compiled code calls by address: ONE table (`helpers!`) gives each
//! helper's `extern "C"` entry point and the signature lowering declares for it.
//!
//! Every helper takes the call's `Ctx` first and `i64` arguments (a pc or a register number)
//! and returns an `i64` status. Helpers work on the frame's boxed registers through the VM, by
//! index, so they never see a stale register-file pointer; they run the interpreter's own
//! operations (`vm::ops`), so compiled code cannot disagree with the interpreter.
//!
//! Status protocol (`exec`, `cond`): `OK`/`BRANCH` (for `cond`: false/true; for a `ForIter`:
//! next value / exhausted), `EXC` (the exception is in `Ctx`), `LEAVE` (compiled code must hand
//! this instruction to the interpreter). The register stack never moves (`vm::STACK_LEN`), so a
//! register file's address stays valid across every helper.

use crate::bytecode::opcodes::Instr;
use crate::gc;
use crate::gc::roots;
use crate::gc::ObjRef;
use crate::runtime::alloc;
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::iter::IterState;
use crate::runtime::object::Kind;
use crate::runtime::tuple::TupleItems;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::code::CodeRt;
use crate::vm::frame::Ret;
use crate::vm::interp::Args;
use crate::vm::ops::arith::{binary, binary_after_left, unary, BinOp};
use crate::vm::ops::call::PyCallee;
use crate::vm::ops::compare::compare;
use crate::vm::Vm;
use crate::vm::MAX_JIT_CALL_DEPTH;
use pylift_jit::Ty;
use std::rc::Rc;
use std::sync::OnceLock;

use super::lower::{classify, Class, Opnd, Unary};

pub const OK: i64 = 0;
pub const BRANCH: i64 = 1;
pub const EXC: i64 = 2;
pub const LEAVE: i64 = 3;

/// The context of one run of compiled code (the entry ABI's `ctx`), shared by the functions it
/// calls directly (`lower`'s direct calls), which run on register windows above the frame's
/// without frames of their own. `repr(C)`: compiled code reads `vm` at its offset. The frame's
/// globals are those every compiled code running on it was lowered for (`CodeTier::globals`),
/// so compiled code does not check them.
#[repr(C)]
pub struct Ctx {
    vm: *mut Vm,
    fi: usize,
    base: usize,
    /// The register stack's buffer when compiled code was entered.
    stack: *const Value,
    err: Option<PyErr>,
}

impl Ctx {
    pub fn new(vm: &mut Vm, fi: usize, base: usize) -> Ctx {
        let stack = vm.stack.as_ptr();
        Ctx {
            vm,
            fi,
            base,
            stack,
            err: None,
        }
    }

    pub const VM_OFFSET: i32 = std::mem::offset_of!(Ctx, vm) as i32;
    /// Offsets in the `Vm` (behind `VM_OFFSET`) of the Python call depth and the recursion
    /// limit it is checked against, which compiled code reads and writes around direct calls
    /// and inlined calls.
    pub const DEPTH_OFFSET: i32 = std::mem::offset_of!(Vm, depth) as i32;
    pub const LIMIT_OFFSET: i32 = std::mem::offset_of!(Vm, recursion_limit) as i32;
    pub const DIRECT_LIMIT_OFFSET: i32 = std::mem::offset_of!(Vm, direct_limit) as i32;
    /// Offset in the `Vm` of `direct_end`, the bound of direct calls' windows.
    pub const DIRECT_END_OFFSET: i32 = std::mem::offset_of!(Vm, direct_end) as i32;

    pub fn take_error(&mut self) -> Option<PyErr> {
        self.err.take()
    }
}

macro_rules! helpers {
    ($( $variant:ident $name:ident ( $($arg:ident),* ) $doc:literal; )*) => {
        /// Every runtime helper compiled code may call.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Helper { $($variant),* }

        mod entry {
            use super::Ctx;
            $(
                #[doc = $doc]
                pub extern "C" fn $name(ctx: *mut u8, $($arg: i64),*) -> i64 {
                    // SAFETY: compiled code passes through the `ctx` that `tier_up::run` gave
                    // it: a live, exclusively used `Ctx` for the duration of the call.
                    let ctx = unsafe { &mut *(ctx as *mut Ctx) };
                    super::$name(ctx, $($arg),*)
                }
            )*
        }

        impl Helper {
            pub fn name(self) -> &'static str {
                match self { $(Helper::$variant => stringify!($name)),* }
            }

            pub fn addr(self) -> usize {
                match self { $(Helper::$variant => entry::$name as *const () as usize),* }
            }

            /// Parameter types: the context pointer, then one `i64` per argument.
            pub fn params(self) -> Vec<Ty> {
                let n = match self { $(Helper::$variant => [$(stringify!($arg)),*].len()),* };
                let mut p = vec![Ty::Ptr];
                p.extend(std::iter::repeat(Ty::I64).take(n));
                p
            }
        }
    };
}

helpers! {
    Exec exec(pc) "Runs the instruction at `pc` generically on the boxed registers.";
    Cond cond(pc, reg) "The truth value of register `reg` (`OK` false, `BRANCH` true).";
    RangeCheck range_check(regs, reg) "1 if register `reg` holds a range iterator with a positive step.";
    SeqNext seq_next(regs, iter, dst) "`ForIter` of a list or tuple iterator, without running Python.";
    Unpack unpack(regs, src, dst, count) "`UnpackSequence` of a tuple or list of `count` items.";
    RangeIter range_iter(regs, dst, start, stop, step) "`iter(range(start, stop, step))` into `dst`.";
    BuildTuple build_tuple(regs, dst, start, count) "`BuildTuple`: a tuple of registers `start ..`.";
    AttrSet attr_set(regs, obj, src, cls, version, name) "1 if `obj`'s class is `cls` at `version` (an inline cache's `Store`), after storing `src` as its attribute `name`.";
    GlobalAt global_at(dict, idx, name) "1 if entry `idx` of the dict still has key `name` (addresses).";
    GlobalAbsent global_absent(dict, name) "1 if the dict has no key `name` (addresses).";
    DirectExit direct_exit(func, caller, callee, dst, entry, result, after) "A directly called function left its compiled code: its frame is made and run to its return.";
    NewInstance new_instance(regs, slot, cls) "A new instance of plain class `cls` (address) into registers `slot` and `slot + 1`.";
    DirectResult direct_result(caller, callee, dst, after, slot) "The result of a direct call whose callee returned something `after` makes more of.";
    SetOp set_op(regs, op, set, key) "`SetOp` `op` on the set in register `set` with the int or str key in register `key`.";
}

impl Helper {
    /// Whether the helper may be called by code running without a frame (a direct callee): it
    /// works on the register window whose address it is given (`regs`), runs no Python code,
    /// and collects garbage only when that window is the frame's own (`finish_on`).
    pub fn frameless(self) -> bool {
        matches!(
            self,
            Helper::DirectExit
                | Helper::NewInstance
                | Helper::DirectResult
                | Helper::SeqNext
                | Helper::Unpack
                | Helper::RangeIter
                | Helper::RangeCheck
                | Helper::BuildTuple
                | Helper::GlobalAt
                | Helper::GlobalAbsent
                | Helper::AttrSet
                | Helper::SetOp
        )
    }
}

/// The stack index of the register window at address `regs` (a frame's or a direct callee's).
fn window(c: &Ctx, regs: i64) -> usize {
    (regs as usize - c.stack as usize) / std::mem::size_of::<Value>()
}

/// `finish` for a frameless helper working on the window at stack index `base`: a direct
/// callee's window is above the frame stack's top, so no collection may run for it.
fn finish_on(c: &mut Ctx, base: usize, r: PyResult<i64>) -> i64 {
    if base == c.base {
        finish(c, r)
    } else {
        status(c, r)
    }
}

/// The VM of a context.
fn vm_of(c: &mut Ctx) -> &mut Vm {
    // SAFETY: `ctx.vm` is the VM that entered compiled code; `tier_up::run` does not use its own
    // reference while compiled code (and so this helper) runs.
    unsafe { &mut *c.vm }
}

fn finish(c: &mut Ctx, r: PyResult<i64>) -> i64 {
    if let Ok(OK | BRANCH) = r {
        vm_of(c).safepoint();
    }
    status(c, r)
}

/// `finish` without the safepoint.
fn status(c: &mut Ctx, r: PyResult<i64>) -> i64 {
    match r {
        Err(e) => {
            c.err = Some(e);
            EXC
        }
        Ok(s) => s,
    }
}

fn exec(c: &mut Ctx, pc: i64) -> i64 {
    let (fi, base) = (c.fi, c.base);
    let vm = vm_of(c);
    let pc = pc as usize;
    vm.frames[fi].pc = pc;
    let code = vm.frames[fi].code.clone();
    let r = exec_instr(vm, fi, base, &code, pc);
    finish(c, r)
}

fn cond(c: &mut Ctx, pc: i64, reg: i64) -> i64 {
    let base = c.base;
    let fi = c.fi;
    let vm = vm_of(c);
    vm.frames[fi].pc = pc as usize;
    let v = gc::load_value(&vm.stack[base + reg as usize]);
    let r = vm.truthy(v).map(|t| if t { BRANCH } else { OK });
    finish(c, r)
}

/// The next item of the list or tuple iterator in register `iter` into register `dst`: `OK`,
/// or `BRANCH` when exhausted; `LEAVE` for any other iterator, which compiled code then runs
/// through `exec`. It reads no Python code and allocates nothing, so compiled code calls it
/// without writing its unboxed values back first. The steps are the interpreter's (`Vm::next`).
fn seq_next(c: &mut Ctx, regs: i64, iter: i64, dst: i64) -> i64 {
    let base = window(c, regs);
    let vm = vm_of(c);
    let Value::Object(o) = gc::load_value(&vm.stack[base + iter as usize]) else {
        return LEAVE;
    };
    let Kind::Iter(st) = &o.kind else {
        return LEAVE;
    };
    let Ok(mut s) = st.try_borrow_mut() else {
        return LEAVE;
    };
    let IterState::Seq {
        seq: Value::Object(so),
        idx,
    } = &mut *s
    else {
        return LEAVE;
    };
    let next = match &so.kind {
        Kind::List(l) => match l.try_borrow() {
            Ok(l) => l.get(*idx).copied(),
            Err(_) => return LEAVE,
        },
        Kind::Tuple(t) => t.get(*idx).copied(),
        _ => return LEAVE,
    };
    match next {
        Some(v) => {
            *idx += 1;
            vm.stack[base + dst as usize] = v;
            OK
        }
        None => {
            // Exhausted: the list goes, as in CPython (see `IterState::Seq`).
            *s = IterState::Seq {
                seq: Value::None,
                idx: 0,
            };
            BRANCH
        }
    }
}

/// The items of the tuple or plain list in register `src`, when it has exactly `count`, into
/// What `set_op` does to a set: the `in` test (`OK` absent, `BRANCH` present), or the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Contains,
    Add,
    Remove,
    Discard,
}

impl SetOp {
    const ALL: [SetOp; 4] = [SetOp::Contains, SetOp::Add, SetOp::Remove, SetOp::Discard];

    pub fn code(self) -> i64 {
        SetOp::ALL.iter().position(|&o| o == self).unwrap_or(0) as i64
    }
}

/// `SetOp` `op` on an exact set (or frozenset, for `in`) in register `set` with an int or exact
/// str key in register `key`: `OK` or `BRANCH` for `in`, `OK` for the methods, and `LEAVE` for
/// anything that might run Python code (another container or key type, a probe that meets a
/// key of equal hash it would have to compare by `__eq__`) or raise (`remove` of a missing
/// key), which the interpreter then does.
fn set_op(c: &mut Ctx, regs: i64, op: i64, set: i64, key: i64) -> i64 {
    use crate::runtime::set::SetProbe;
    let base = window(c, regs);
    let vm = vm_of(c);
    let (s, k) = (
        gc::load_value(&vm.stack[base + set as usize]),
        gc::load_value(&vm.stack[base + key as usize]),
    );
    let Some(op) = SetOp::ALL.get(op as usize).copied() else {
        return LEAVE;
    };
    let Value::Object(so) = s else {
        return LEAVE;
    };
    let t = types();
    // A subclass may define `__contains__` or override the methods.
    let exact =
        so.cls.get().ptr_eq(t.set) || (op == SetOp::Contains && so.cls.get().ptr_eq(t.frozenset));
    let (true, Kind::Set(cell)) = (exact, &so.kind) else {
        return LEAVE;
    };
    let hash = match k {
        Value::Int(i) => crate::runtime::hash::hash_int(i),
        Value::Object(ko) if ko.cls.get().ptr_eq(t.str) => match &ko.kind {
            Kind::Str(st) => st.hash(),
            _ => return LEAVE,
        },
        _ => return LEAVE,
    };
    let Ok(mut st) = cell.try_borrow_mut() else {
        return LEAVE;
    };
    let probe = if op == SetOp::Add {
        st.probe(hash, k, false)
    } else {
        st.find(hash, k, false)
    };
    match (op, probe) {
        (SetOp::Contains, SetProbe::Found(_)) => BRANCH,
        (SetOp::Contains, SetProbe::Missing) => OK,
        (SetOp::Add, SetProbe::Absent(slot)) => {
            st.insert_at(slot, hash, k);
            OK
        }
        (SetOp::Remove | SetOp::Discard, SetProbe::Found(slot)) => {
            st.remove_at(slot);
            OK
        }
        (SetOp::Add, SetProbe::Found(_)) | (SetOp::Discard, SetProbe::Missing) => OK,
        _ => LEAVE,
    }
}

/// registers `dst ..`: `OK`, or `LEAVE` for anything else (run by `exec`, which raises or
/// iterates). Runs no Python code, like `seq_next`.
fn unpack(c: &mut Ctx, regs: i64, src: i64, dst: i64, count: i64) -> i64 {
    let base = window(c, regs);
    let vm = vm_of(c);
    let Value::Object(o) = gc::load_value(&vm.stack[base + src as usize]) else {
        return LEAVE;
    };
    let n = count as usize;
    let d = base + dst as usize;
    match &o.kind {
        Kind::Tuple(t) if t.len() == n && o.cls.get() == types().tuple => {
            vm.stack[d..d + n].copy_from_slice(t)
        }
        Kind::List(l) if o.cls.get() == types().list => match l.try_borrow() {
            Ok(l) if l.len() == n => vm.stack[d..d + n].copy_from_slice(&l),
            _ => return LEAVE,
        },
        _ => return LEAVE,
    }
    OK
}

/// The callee of a direct call (`lower`'s `Emitter::direct_call`, in the function whose
/// registers start at `caller`; the callee is function `func`, by address) left its compiled
/// code at `entry` through `result`, on the register window at `callee`: its frame is made there
/// and the interpreter runs it to its return, whose value makes the call's result by `after`
/// (`after_call`) in the caller's register `dst`. No safepoint follows: the direct callers
/// further out have no frames, so a collection would not see their registers.
// Helpers take one `i64` per operand: that is their calling convention (`helpers!`).
#[allow(clippy::too_many_arguments)]
fn direct_exit(
    c: &mut Ctx,
    func: i64,
    caller: i64,
    callee: i64,
    dst: i64,
    entry: i64,
    result: i64,
    after: i64,
) -> i64 {
    let (caller, base) = (window(c, caller), window(c, callee));
    let err = c.take_error();
    // SAFETY: `func` is the function compiled code called: a global or a function a register of
    // the caller holds, or a method the class of a guarded operand or instance held at the call; no
    // collection has run since, as the callee ran without a frame and frameless helpers do not
    // collect.
    let Some(func) = (unsafe { ObjRef::from_addr(func as usize) }) else {
        unreachable!("a direct call passes its function's address")
    };
    let vm = vm_of(c);
    let r = super::finish_direct(vm, func, base, entry as usize, result as u32, err)
        .and_then(|v| after_call(vm, after, base, v))
        .map(|v| {
            vm.stack[caller + dst as usize] = v;
            OK
        });
    status(c, r)
}

/// The instance a directly called `__init__` (`lower`'s `Known::Construct`) initialises, into
/// the register below the callee's window and the window's first. It runs no collection: the
/// register below the window is not a frame's until the call has one.
fn new_instance(c: &mut Ctx, regs: i64, slot: i64, cls: i64) -> i64 {
    // SAFETY: `cls` is the address of the class compiled code found in a global and guarded by
    // identity (so a register of the running code holds it) and version just before the call.
    let Some(cls) = (unsafe { ObjRef::from_addr(cls as usize) }) else {
        return LEAVE;
    };
    let at = window(c, regs) + slot as usize;
    let inst = alloc::instance_of(cls, Kind::Instance);
    let vm = vm_of(c);
    vm.stack[at] = inst;
    vm.stack[at + 1] = inst;
    status(c, Ok(OK))
}

/// How a direct call's return value becomes its result (`lower`'s `Callee`): as it is; as an
/// `__init__`'s, with the instance kept just below the callee's window the result; or as a
/// binary operator method's (`after_binary`), with the operands kept there.
pub const AFTER_PLAIN: i64 = 0;
pub const AFTER_INIT: i64 = 1;

pub fn after_binary(op: BinOp, inplace: bool) -> i64 {
    let index = BinOp::ALL.iter().position(|&o| o == op).unwrap_or(0) as i64;
    2 + 2 * index + i64::from(inplace)
}

/// The result of a direct call (on the window at stack index `base`) that returned `v`, by
/// `after`. An operator method's NotImplemented runs the rest of the operator; compiled code
/// makes such calls only when the other operand is of the same class or a number, whose
/// reflected methods run no Python code.
fn after_call(vm: &mut Vm, after: i64, base: usize, v: Value) -> PyResult<Value> {
    match after {
        AFTER_PLAIN => Ok(v),
        AFTER_INIT => vm
            .init_returned(v)
            .map(|()| gc::load_value(&vm.stack[base - 1])),
        _ if !v.is(Value::Object(types().not_implemented)) => Ok(v),
        _ => {
            let op = BinOp::ALL[((after - 2) / 2) as usize];
            let (a, b) = (
                gc::load_value(&vm.stack[base - 2]),
                gc::load_value(&vm.stack[base - 1]),
            );
            binary_after_left(vm, op, a, b, after % 2 == 1)
        }
    }
}

fn direct_result(c: &mut Ctx, caller: i64, callee: i64, dst: i64, after: i64, slot: i64) -> i64 {
    let (caller, base) = (window(c, caller), window(c, callee));
    let vm = vm_of(c);
    let v = gc::load_value(&vm.stack[base + slot as usize]);
    let r = after_call(vm, after, base, v).map(|v| {
        vm.stack[caller + dst as usize] = v;
        OK
    });
    status(c, r)
}

/// The iterator of `range(start, stop, step)` for a positive step, made without the range
/// object, into register `dst`: `OK`, or `LEAVE` (another step: the interpreter calls `range`).
fn range_iter(c: &mut Ctx, regs: i64, dst: i64, start: i64, stop: i64, step: i64) -> i64 {
    if step <= 0 {
        return LEAVE;
    }
    let base = window(c, regs);
    let it = alloc::iter(
        types().range_iterator,
        IterState::Range {
            cur: start,
            stop,
            step,
        },
    );
    vm_of(c).stack[base + dst as usize] = it;
    finish_on(c, base, Ok(OK))
}

fn build_tuple(c: &mut Ctx, regs: i64, dst: i64, start: i64, count: i64) -> i64 {
    let base = window(c, regs);
    let vm = vm_of(c);
    let first = base + start as usize;
    let t = alloc::tuple_of(&vm.stack[first..first + count as usize]);
    vm.stack[base + dst as usize] = t;
    finish_on(c, base, Ok(OK))
}

/// The dict and the interned name compiled code holds by address for a global it reads: the
/// frame's globals or builtins and a name of its code, alive while the code runs.
fn dict_and_name(
    dict: i64,
    name: i64,
) -> Option<(std::cell::Ref<'static, crate::runtime::dict::Dict>, ObjRef)> {
    // SAFETY: compiled code passes the addresses lowering took from a live globals or builtins
    // dict and an interned name of the running code, both reachable while it runs.
    let (dict, name) = unsafe {
        (
            ObjRef::from_addr(dict as usize)?,
            ObjRef::from_addr(name as usize)?,
        )
    };
    match &dict.get().kind {
        Kind::Dict(d) => Some((d.try_borrow().ok()?, name)),
        _ => None,
    }
}

fn global_at(_: &mut Ctx, dict: i64, idx: i64, name: i64) -> i64 {
    dict_and_name(dict, name)
        .is_some_and(|(d, name)| d.value_at_if_key(idx as usize, name).is_some()) as i64
}

fn global_absent(_: &mut Ctx, dict: i64, name: i64) -> i64 {
    dict_and_name(dict, name).is_some_and(|(d, name)| {
        let Kind::Str(s) = &name.get().kind else {
            return false;
        };
        matches!(
            d.probe(s.hash(), Value::Object(name)),
            crate::runtime::dict::Probe::Absent
        )
    }) as i64
}

fn attr_set(c: &mut Ctx, regs: i64, obj: i64, src: i64, cls: i64, version: i64, name: i64) -> i64 {
    let base = window(c, regs);
    let vm = vm_of(c);
    let (Value::Object(o), v) = (
        gc::load_value(&vm.stack[base + obj as usize]),
        gc::load_value(&vm.stack[base + src as usize]),
    ) else {
        return 0;
    };
    let (c, ver, _) = crate::vm::cache::class_key(o);
    if (c as i64, ver as i64) != (cls, version) {
        return 0;
    }
    // SAFETY: `name` is the address of an interned name of the running code, alive while it runs.
    let (Some(name), Some(a)) = (unsafe { ObjRef::from_addr(name as usize) }, &o.get().attrs)
    else {
        return 0;
    };
    match a.try_borrow_mut() {
        Ok(mut a) => {
            a.set_counted(
                name,
                v,
                &crate::runtime::class::type_obj(o.cls.get()).attr_count,
            );
            1
        }
        Err(_) => 0,
    }
}

fn range_check(c: &mut Ctx, regs: i64, reg: i64) -> i64 {
    let base = window(c, regs);
    let v = gc::load_value(&vm_of(c).stack[base + reg as usize]);
    is_range_iter(v) as i64
}

fn is_range_iter(v: Value) -> bool {
    let Value::Object(o) = v else { return false };
    match &o.kind {
        Kind::Iter(st) => {
            matches!(st.try_borrow().as_deref(), Ok(IterState::Range { step, .. }) if *step > 0)
        }
        _ => false,
    }
}

/// Byte offsets of `cur`, `stop` and `step` of a range iterator from its object address, for
/// compiled `for` loops; measured on a real object, so they follow the Rust layout.
pub fn range_layout() -> Option<[i32; 3]> {
    static LAYOUT: OnceLock<Option<[i32; 3]>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let v = alloc::iter(
            types().range_iterator,
            IterState::Range {
                cur: 0,
                stop: 0,
                step: 1,
            },
        );
        let Value::Object(o) = v else { return None };
        let Kind::Iter(st) = &o.kind else { return None };
        let mut s = st.try_borrow_mut().ok()?;
        let IterState::Range { cur, stop, step } = &mut *s else {
            return None;
        };
        let base = o.addr();
        let off = |p: *mut i64| i32::try_from((p as usize).checked_sub(base)?).ok();
        Some([off(cur)?, off(stop)?, off(step)?])
    })
}

/// The byte offset of a cell's value (`Kind::Cell`) from the cell object's address, for
/// compiled `LoadDeref`/`StoreDeref`; measured on a real cell, as Rust fixes no enum layout.
pub fn cell_layout() -> Option<i32> {
    static LAYOUT: OnceLock<Option<i32>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let Value::Object(o) = alloc::cell(Value::None) else {
            return None;
        };
        let Kind::Cell(v) = &o.kind else { return None };
        i32::try_from((v.as_ptr() as usize).checked_sub(o.addr())?).ok()
    })
}

/// Where compiled `for` loops find a list iterator's list and index (`IterState::Seq`), as
/// byte offsets from the object address, and the address of the `list_iterator` type; measured
/// on a real iterator.
#[derive(Clone, Copy, Debug)]
pub struct ListIterLayout {
    pub seq: i32,
    pub idx: i32,
    pub list_iterator: i64,
}

pub fn list_iter_layout() -> Option<ListIterLayout> {
    static LAYOUT: OnceLock<Option<ListIterLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let v = alloc::iter(
            types().list_iterator,
            IterState::Seq {
                seq: Value::None,
                idx: 0,
            },
        );
        let Value::Object(o) = v else { return None };
        let Kind::Iter(st) = &o.kind else { return None };
        let mut s = st.try_borrow_mut().ok()?;
        let IterState::Seq { seq, idx } = &mut *s else {
            return None;
        };
        let base = o.addr();
        let off = |p: usize| i32::try_from(p.checked_sub(base)?).ok();
        Some(ListIterLayout {
            seq: off(seq as *mut Value as usize)?,
            idx: off(idx as *mut usize as usize)?,
            list_iterator: types().list_iterator.addr() as i64,
        })
    })
}

/// Where compiled unpacking finds a short tuple's items, as byte offsets from the object
/// address: of `TupleItems`' variant tag (`INLINE_TAG` when the items are in the object), of its
/// length byte and of its first item; and the address of the `tuple` type. Measured on real
/// tuples, both kinds, so a layout other than `TupleItems`' `repr(u8)` promises gives `None`.
#[derive(Clone, Copy, Debug)]
pub struct TupleLayout {
    pub tag: i32,
    pub len: i32,
    pub items: i32,
    pub tuple_type: i64,
}

impl TupleLayout {
    pub const INLINE_TAG: i64 = 0;
}

pub fn tuple_layout() -> Option<TupleLayout> {
    static LAYOUT: OnceLock<Option<TupleLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| {
        let short = alloc::tuple_of(&[Value::Int(1), Value::Int(2)]);
        let long = alloc::tuple_of(&[Value::Int(1); crate::runtime::tuple::INLINE + 1]);
        let (Value::Object(s), Value::Object(l)) = (short, long) else {
            return None;
        };
        let (Kind::Tuple(st), Kind::Tuple(lt)) = (&s.kind, &l.kind) else {
            return None;
        };
        let TupleItems::Inline { len, items } = st else {
            return None;
        };
        let base = s.addr();
        let off = |p: usize| i32::try_from(p.checked_sub(base)?).ok();
        let tag = off(st as *const TupleItems as usize)?;
        let tag_of = |t: &TupleItems| {
            // SAFETY: `TupleItems` is `repr(u8)`: its first byte is the variant's tag.
            i64::from(unsafe { *(t as *const TupleItems as *const u8) })
        };
        (tag_of(st) == TupleLayout::INLINE_TAG && tag_of(lt) != TupleLayout::INLINE_TAG).then_some(
            TupleLayout {
                tag,
                len: off(len as *const u8 as usize)?,
                items: off(items.as_ptr() as usize)?,
                tuple_type: types().tuple.addr() as i64,
            },
        )
    })
}

/// Where compiled code finds what a call of a function it does not know ahead needs
/// (`lower`'s `Known::Held`), as byte offsets: of the class word and of the `Box<Function>`
/// pointer from the function object's address; of the code's `Rc` word, the globals and the
/// closure's cell pointer from the box's; and the address of the `function` type. Measured on a
/// real function of `code` with a one-cell closure.
#[derive(Clone, Copy, Debug)]
pub struct FunctionLayout {
    pub cls: i32,
    pub func: i32,
    pub code: i32,
    pub globals: i32,
    pub closure: i32,
    pub function_type: i64,
}

/// The address of the first word of the `size` bytes at `start` that holds `want`: how layout
/// measurements find a pointer or count inside a Rust value whose field order Rust does not
/// fix. Callers pass the address and size of a live value nothing borrows mutably.
fn word_holding(start: usize, size: usize, want: usize) -> Option<usize> {
    (0..size / std::mem::size_of::<usize>())
        .map(|i| start + i * std::mem::size_of::<usize>())
        // SAFETY: the word lies within the live value the caller names (`size` bounds the
        // search); reading it as an integer only copies it.
        .find(|&at| unsafe { std::ptr::read(at as *const usize) } == want)
}

pub fn function_layout(code: &Rc<CodeRt>) -> Option<FunctionLayout> {
    static LAYOUT: OnceLock<Option<FunctionLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(|| measure_function(code))
}

fn measure_function(code: &Rc<CodeRt>) -> Option<FunctionLayout> {
    let marker = types().object;
    let v = crate::vm::ops::call::new_function(code.clone(), marker, Value::None);
    let Value::Object(o) = v else { return None };
    let Kind::Function(f) = &o.kind else {
        return None;
    };
    *f.closure.try_borrow_mut().ok()? = Box::new([marker]);
    let boxed = &**f as *const crate::runtime::func::Function as usize;
    let kind_at = &o.kind as *const Kind as usize;
    let box_word = word_holding(kind_at, std::mem::size_of::<Kind>(), boxed)?;
    let cells = f.closure.try_borrow().ok()?.as_ptr() as usize;
    let closure_at = &f.closure as *const _ as usize;
    let cells_word = word_holding(closure_at, std::mem::size_of_val(&f.closure), cells)?;
    let off = |at: usize, from: usize| i32::try_from(at.checked_sub(from)?).ok();
    Some(FunctionLayout {
        cls: off(&o.cls as *const _ as usize, o.addr())?,
        func: off(box_word, o.addr())?,
        code: off(&f.code as *const _ as usize, boxed)?,
        globals: off(&f.globals as *const _ as usize, boxed)?,
        closure: off(cells_word, boxed)?,
        function_type: types().function.addr() as i64,
    })
}

/// The word a function's `code` field holds for code object `code` (an `Rc`'s pointer), which
/// compiled code compares to tell a function's code.
pub fn rc_word(code: &Rc<CodeRt>) -> i64 {
    // SAFETY: `code` is a live `Rc`, one word; reading it as an integer only copies it.
    unsafe { std::ptr::read(code as *const Rc<CodeRt> as *const usize) as i64 }
}

/// Where compiled list indexing finds things, measured on a real list (Rust does not fix the
/// layout of `Vec` or of the object header): byte offsets from the object address of its class
/// pointer, its items pointer and its length, and the address of the `list` type itself.
#[derive(Clone, Copy, Debug)]
pub struct ListLayout {
    pub cls: i32,
    pub data: i32,
    pub len: i32,
    pub list_type: i64,
}

pub fn list_layout() -> Option<ListLayout> {
    thread_local! {
        static LAYOUT: std::cell::OnceCell<Option<ListLayout>> = const { std::cell::OnceCell::new() };
    }
    LAYOUT.with(|l| *l.get_or_init(measure_list))
}

fn measure_list() -> Option<ListLayout> {
    const _: () = assert!(std::mem::size_of::<Vec<Value>>() == 3 * std::mem::size_of::<usize>());
    let mut items = Vec::with_capacity(7);
    items.extend([Value::None; 3]);
    let v = alloc::list(items);
    let Value::Object(o) = v else { return None };
    let Kind::List(l) = &o.kind else { return None };
    let base = o.addr();
    let vec_at = l.as_ptr() as usize;
    let data = l.try_borrow().ok()?.as_ptr() as usize;
    let word_off = |want: usize| {
        let at = word_holding(vec_at, std::mem::size_of::<Vec<Value>>(), want)?;
        i32::try_from(at - base).ok()
    };
    let cls = i32::try_from((&o.cls as *const _ as usize).checked_sub(base)?).ok()?;
    Some(ListLayout {
        cls,
        data: word_off(data)?,
        len: word_off(3)?,
        list_type: types().list.addr() as i64,
    })
}

/// Where compiled code finds an instance's class and attributes (`lower`'s `attr` and
/// `method`), as byte offsets: of the class word and of the attributes box pointer (0 when the
/// object has none) from the object's address; of the shape pointer (the inline caches' shape
/// key) and of the values vector's buffer pointer, length and capacity from the box's. Measured
/// on a real instance. A class's version is at `version` in its type box, whose pointer is at
/// `type_box` in the class object.
#[derive(Clone, Copy, Debug)]
pub struct AttrLayout {
    pub cls: i32,
    pub type_box: i32,
    pub version: i32,
    pub attrs: i32,
    pub shape: i32,
    pub values: i32,
    pub len: i32,
    pub cap: i32,
}

pub fn attr_layout() -> Option<AttrLayout> {
    static LAYOUT: OnceLock<Option<AttrLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(measure_attrs)
}

fn measure_attrs() -> Option<AttrLayout> {
    const MARK: i64 = 0x5a5a_4321_8765;
    const CAP: usize = 7;
    let v = Value::Object(crate::gc::alloc(
        crate::runtime::object::Object::with_attr_slots(types().object, Kind::Instance, CAP),
    ));
    let Value::Object(o) = v else { return None };
    let cell = o.attrs.as_ref()?;
    cell.try_borrow_mut().ok()?.add(
        crate::runtime::str::intern_static("__pylift_probe__"),
        Value::Int(MARK),
    );
    let base = o.addr();
    let boxed = &**cell as *const std::cell::RefCell<crate::runtime::shape::Attrs> as usize;
    let attrs_at = &o.attrs as *const _ as usize;
    // SAFETY: `attrs_at` is the address of the live object's `attrs` field, one word (an
    // `Option<Box>`); reading it as an integer only copies it.
    if unsafe { std::ptr::read(attrs_at as *const usize) } != boxed {
        return None;
    }
    let a = cell.try_borrow().ok()?;
    if a.values.capacity() < CAP || a.values.len() != 1 {
        return None;
    }
    let shape_at = &a.shape as *const _ as usize;
    let vec_at = &a.values as *const Vec<Value> as usize;
    let word = |want: usize| word_holding(vec_at, std::mem::size_of::<Vec<Value>>(), want);
    let off = |at: usize, from: usize| i32::try_from(at.checked_sub(from)?).ok();
    let class = types().object;
    let Kind::Type(t) = &class.kind else {
        return None;
    };
    let type_box = &**t as *const crate::runtime::class::TypeObj as usize;
    let kind_at = &class.kind as *const Kind as usize;
    let type_word = word_holding(kind_at, std::mem::size_of::<Kind>(), type_box)?;
    Some(AttrLayout {
        cls: off(&o.cls as *const _ as usize, base)?,
        type_box: off(type_word, class.addr())?,
        version: off(&t.version as *const _ as usize, type_box)?,
        attrs: off(attrs_at, base)?,
        shape: off(shape_at, boxed)?,
        values: off(word(a.values.as_ptr() as usize)?, boxed)?,
        len: off(word(1)?, boxed)?,
        cap: off(word(a.values.capacity())?, boxed)?,
    })
}

/// Where compiled code finds an entry's value in a dict object, as byte offsets from its
/// payload's address (`dict_base`): the key version (while it holds, every key keeps its entry
/// index) and the entry buffer's pointer; an entry's size and the offset of its value (tag
/// word, then payload).
/// Measured on a real dict, as Rust fixes neither `Vec`'s layout nor `Option<Entry>`'s.
#[derive(Clone, Copy, Debug)]
pub struct DictLayout {
    pub version: i32,
    pub entries: i32,
    pub stride: i32,
    pub value: i32,
}

pub fn dict_layout() -> Option<DictLayout> {
    thread_local! {
        static LAYOUT: std::cell::OnceCell<Option<DictLayout>> = const { std::cell::OnceCell::new() };
    }
    LAYOUT.with(|l| *l.get_or_init(measure_dict))
}

fn measure_dict() -> Option<DictLayout> {
    const MARK: i64 = 0x5a5a_1234_5678;
    let v = alloc::dict();
    let Value::Object(o) = v else { return None };
    let Kind::Dict(d) = &o.kind else { return None };
    d.try_borrow_mut()
        .ok()?
        .push(7, Value::None, Value::Int(MARK));
    let dict = d.try_borrow().ok()?;
    let (vec_at, data, version_at) = dict.field_addrs();
    let base = dict_base(o)?;
    let entries_word = word_holding(
        vec_at,
        std::mem::size_of::<Vec<Option<crate::runtime::dict::Entry>>>(),
        data,
    )?;
    let stride = std::mem::size_of::<Option<crate::runtime::dict::Entry>>();
    // SAFETY: `j < stride / 8`: the word lies inside the first entry, which `push` initialised.
    let word = |j: usize| unsafe { std::ptr::read((data as *const i64).add(j)) };
    let value = (1..stride / 8)
        .find(|&j| word(j) == MARK && word(j - 1) == i64::from(pylift_jit::abi::TAG_INT))?
        - 1;
    let off = |a: usize| i32::try_from(a.checked_sub(base)?).ok();
    Some(DictLayout {
        version: off(version_at)?,
        entries: off(entries_word)?,
        stride: i32::try_from(stride).ok()?,
        value: i32::try_from(value * 8).ok()?,
    })
}

/// The address `DictLayout`'s offsets start from: a dict object's boxed payload, which stays
/// where it is for the object's life.
pub fn dict_base(o: ObjRef) -> Option<usize> {
    match &o.kind {
        Kind::Dict(d) => {
            Some(&**d as *const std::cell::RefCell<crate::runtime::dict::Dict> as usize)
        }
        _ => None,
    }
}

/// The tag and payload word of a Value as compiled code stores them.
pub fn value_bits(v: Value) -> (u8, i64) {
    match v {
        Value::None => (pylift_jit::abi::TAG_NONE, 0),
        Value::Bool(b) => (pylift_jit::abi::TAG_BOOL, b as i64),
        Value::Int(i) => (pylift_jit::abi::TAG_INT, i),
        Value::Float(f) => (pylift_jit::abi::TAG_FLOAT, f.to_bits() as i64),
        Value::Object(o) => (pylift_jit::abi::TAG_OBJECT, o.addr() as i64),
    }
}

fn record_fb(code: &CodeRt, pc: usize, a: Value, b: Value) {
    let c = &code.feedback[pc];
    c.set(c.get() | (1 << a.tag()) | (1 << b.tag()));
}

fn name_str(n: ObjRef) -> &'static str {
    crate::runtime::str::str_of(Value::Object(n)).unwrap_or("?")
}

/// The instructions `exec_instr` runs by their class: arithmetic, comparisons, unary operators
/// and iteration.
fn exec_by_class(
    vm: &mut Vm,
    base: usize,
    code: &CodeRt,
    pc: usize,
    instr: Instr,
) -> PyResult<i64> {
    macro_rules! r {
        ($x:expr) => {
            gc::load_value(&vm.stack[base + $x as usize])
        };
    }
    macro_rules! put {
        ($x:expr, $v:expr) => {{
            let v = $v;
            gc::store_value(&mut vm.stack[base + $x as usize], v)
        }};
    }
    let opnd = |vm: &Vm, o: Opnd| match o {
        Opnd::Reg(x) => gc::load_value(&vm.stack[base + x as usize]),
        Opnd::K(k) => code.consts[k as usize],
    };
    match classify(instr) {
        Class::Arith {
            dst,
            a,
            b,
            op,
            inplace,
        } => {
            let (x, y) = (opnd(vm, a), opnd(vm, b));
            record_fb(code, pc, x, y);
            let v = binary(vm, op, x, y, inplace)?;
            put!(dst, v);
            Ok(OK)
        }
        Class::Cmp { dst, a, b, op } => {
            let (x, y) = (opnd(vm, a), opnd(vm, b));
            record_fb(code, pc, x, y);
            let v = compare(vm, op, x, y)?;
            put!(dst, v);
            Ok(OK)
        }
        Class::Unary { dst, src, op } => {
            let x = r!(src);
            let v = match op {
                Unary::Neg => unary(vm, "-", x)?,
                Unary::Pos => unary(vm, "+", x)?,
                Unary::Invert => unary(vm, "~", x)?,
                Unary::Not => Value::Bool(!vm.truthy(x)?),
            };
            put!(dst, v);
            Ok(OK)
        }
        Class::GetIter { dst, src, .. } => {
            let s = r!(src);
            record_fb(code, pc, s, s);
            let v = vm.iter(s)?;
            put!(dst, v);
            Ok(OK)
        }
        Class::ForIter { dst, iter, .. } => {
            let it = r!(iter);
            Ok(match vm.next(it)? {
                Some(v) => {
                    put!(dst, v);
                    OK
                }
                None => BRANCH,
            })
        }
        _ => Ok(LEAVE),
    }
}

/// Runs one instruction on the frame's boxed registers, as the interpreter would. The
/// instructions named here are matched first: `classify` is a large match, and calls and
/// attribute loads are the common case.
fn exec_instr(vm: &mut Vm, fi: usize, base: usize, code: &CodeRt, pc: usize) -> PyResult<i64> {
    macro_rules! r {
        ($x:expr) => {
            gc::load_value(&vm.stack[base + $x as usize])
        };
    }
    macro_rules! put {
        ($x:expr, $v:expr) => {{
            let v = $v;
            gc::store_value(&mut vm.stack[base + $x as usize], v)
        }};
    }
    let instr = code.instrs[pc];
    match instr {
        Instr::LoadGlobal { dst, name } => {
            let g = vm.frames[fi].globals;
            let v = vm.load_global_cached(&code.caches[pc], g, code.names[name as usize])?;
            put!(dst, v);
        }
        Instr::StoreGlobal { name, src } => {
            let g = Value::Object(vm.frames[fi].globals);
            let v = r!(src);
            vm.dict_set(g, Value::Object(code.names[name as usize]), v)?;
        }
        Instr::LoadName { dst, name } => {
            let v = load_name(vm, fi, code.names[name as usize])?;
            put!(dst, v);
        }
        Instr::StoreName { name, src } => {
            let locals = vm.frames[fi].locals;
            let v = r!(src);
            vm.setitem(locals, Value::Object(code.names[name as usize]), v)?;
        }
        Instr::LoadAttr { dst, obj, name } => {
            let o = r!(obj);
            record_fb(code, pc, o, o);
            let v = vm.load_attr_cached(&code.caches[pc], o, code.names[name as usize])?;
            put!(dst, v);
        }
        Instr::StoreAttr { obj, name, src } => {
            let (o, v) = (r!(obj), r!(src));
            vm.store_attr_cached(&code.caches[pc], o, code.names[name as usize], v)?;
        }
        Instr::LoadMethod { dst, obj, name } => {
            let o = r!(obj);
            record_fb(code, pc, o, o);
            let (f, recv) =
                vm.load_method_cached(&code.caches[pc], o, code.names[name as usize])?;
            put!(dst, f);
            put!(dst + 1, recv.unwrap_or(vm.null));
        }
        Instr::LoadSubscr { dst, obj, key } => {
            let (o, k) = (r!(obj), r!(key));
            record_fb(code, pc, o, k);
            let v = match list_slot(o, k) {
                Some((l, j)) => match &l.kind {
                    Kind::List(items) => items.borrow()[j],
                    _ => vm.getitem(o, k)?,
                },
                None => vm.getitem(o, k)?,
            };
            put!(dst, v);
        }
        Instr::StoreSubscr { obj, key, src } => {
            let (o, k, v) = (r!(obj), r!(key), r!(src));
            record_fb(code, pc, o, k);
            match list_slot(o, k) {
                Some((l, j)) => {
                    if let Kind::List(items) = &l.kind {
                        items.borrow_mut()[j] = v;
                    }
                }
                None => vm.setitem(o, k, v)?,
            }
        }
        Instr::Is { dst, a, b } => put!(dst, Value::Bool(r!(a).is(r!(b)))),
        Instr::IsNot { dst, a, b } => put!(dst, Value::Bool(!r!(a).is(r!(b)))),
        Instr::In { dst, a, b } | Instr::NotIn { dst, a, b } => {
            let (x, c) = (r!(a), r!(b));
            record_fb(code, pc, x, c);
            let t = vm.contains(c, x)?;
            put!(dst, Value::Bool(t == matches!(instr, Instr::In { .. })));
        }
        Instr::BuildTuple { dst, start, count } => {
            let s = base + start as usize;
            let v = alloc::tuple(gc::load_vec(&vm.stack[s..s + count as usize]));
            put!(dst, v);
        }
        Instr::BuildList { dst, start, count } => {
            let s = base + start as usize;
            let v = alloc::list(gc::load_vec(&vm.stack[s..s + count as usize]));
            put!(dst, v);
        }
        Instr::ListAppend { list, src } => {
            if let Value::Object(l) = r!(list) {
                if let Kind::List(v) = &l.kind {
                    v.borrow_mut().push(r!(src));
                }
            }
        }
        Instr::GetLen { dst, src } => {
            let n = vm.len(r!(src))?;
            put!(dst, Value::Int(n as i64));
        }
        Instr::UnpackSequence { dst, src, count } => {
            let items = vm.unpack(r!(src), count as usize)?;
            for (i, v) in items.into_iter().enumerate() {
                put!(dst as usize + i, v);
            }
        }
        Instr::StoreDeref { cell, src } => {
            if let Value::Object(c) = r!(cell) {
                if let Kind::Cell(cv) = &c.kind {
                    cv.set(r!(src));
                }
            }
        }
        Instr::Call { dst, func, argc } => {
            let s = base + func as usize + 1;
            match call(vm, r!(func), s, argc as usize)? {
                Some(v) => put!(dst, v),
                None => return Ok(LEAVE),
            }
        }
        Instr::CallMethod { dst, func, argc } => {
            let has_self = !vm.is_null(r!(func + 1));
            let s = base + func as usize + if has_self { 1 } else { 2 };
            let n = argc as usize + has_self as usize;
            match call(vm, r!(func), s, n)? {
                Some(v) => put!(dst, v),
                None => return Ok(LEAVE),
            }
        }
        _ => return exec_by_class(vm, base, code, pc, instr),
    }
    Ok(OK)
}

/// A call from compiled code of `f` with the arguments in `stack[src..src + n]`. A Python
/// callee's frame is pushed exactly as the interpreter pushes it (the same recursion check, so
/// the same RecursionError and traceback) and run to its return by `tier_up::run_callee`,
/// natively nested in this call. `None` hands the call to the interpreter: when the callee has
/// no compiled code (running it in a nested dispatch loop costs more than the interpreter's own
/// frame push: richards and vector_ops ran 5-25% more instructions that way), or when
/// `MAX_JIT_CALL_DEPTH` such calls are already running. Any other callee is the VM's `call`.
fn call(vm: &mut Vm, f: Value, src: usize, n: usize) -> PyResult<Option<Value>> {
    let Some(callee) = vm.py_callee(f) else {
        let args = Args::from_slice(&vm.stack[src..src + n]);
        return vm.call(f, args.as_slice(), &[]).map(Some);
    };
    let func = match callee {
        PyCallee::Function(func) | PyCallee::Bound { func, .. } => func,
        PyCallee::Init { init, .. } => init,
    };
    let compiled = matches!(&func.kind, Kind::Function(fun) if super::is_compiled(&fun.code));
    if !compiled || vm.jit_call_depth >= MAX_JIT_CALL_DEPTH {
        return Ok(None);
    }
    let mut inst = None;
    match callee {
        PyCallee::Function(func) => {
            if !vm.push_frame_simple(func, src, n, Ret::Native)? {
                let args = Args::from_slice(&vm.stack[src..src + n]);
                vm.push_frame(func, args.as_slice(), &[], Ret::Native)?;
            }
        }
        PyCallee::Bound { func, recv } => {
            let full = Args::prepend(recv, &vm.stack[src..src + n]);
            vm.push_frame(func, full.as_slice(), &[], Ret::Native)?;
        }
        PyCallee::Init { cls, init } => {
            let obj = alloc::instance_of(cls, Kind::Instance);
            inst = Some((obj, roots::root(obj)));
            let full = Args::prepend(obj, &vm.stack[src..src + n]);
            vm.push_frame(init, full.as_slice(), &[], Ret::Native)?;
        }
    }
    vm.safepoint();
    vm.jit_call_depth += 1;
    let r = super::run_callee(vm);
    vm.jit_call_depth -= 1;
    let v = r?;
    match inst {
        None => Ok(Some(v)),
        Some((obj, _)) => vm.init_returned(v).map(|()| Some(obj)),
    }
}

/// A plain list and an in-range index into it (the interpreter's own fast path).
fn list_slot(o: Value, k: Value) -> Option<(ObjRef, usize)> {
    let (Value::Object(obj), Value::Int(i)) = (o, k) else {
        return None;
    };
    let Kind::List(l) = &obj.kind else {
        return None;
    };
    if obj.attrs.is_some() {
        return None;
    }
    let n = l.borrow().len() as i64;
    let j = if i < 0 { i + n } else { i };
    (j >= 0 && j < n).then_some((obj, j as usize))
}

/// `LoadName`: the frame's locals, then globals, then builtins.
fn load_name(vm: &mut Vm, fi: usize, name: ObjRef) -> PyResult<Value> {
    let locals = vm.frames[fi].locals;
    let globals = Value::Object(vm.frames[fi].globals);
    if let Value::Object(l) = locals {
        if matches!(l.kind, Kind::Dict(_)) {
            if let Some(v) = vm.dict_get_str(locals, name) {
                return Ok(v);
            }
        } else {
            match vm.getitem(locals, Value::Object(name)) {
                Ok(v) => return Ok(v),
                Err(e) if vm.exc_matches(e, types().key_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    if let Some(v) = vm.dict_get_str(globals, name) {
        return Ok(v);
    }
    if let Some(v) = vm.dict_get_str(Value::Object(vm.builtins), name) {
        return Ok(v);
    }
    Err(vm.name_error(name_str(name)))
}
