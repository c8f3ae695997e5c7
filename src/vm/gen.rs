//! Generators: a suspended generator owns its registers; resuming pushes a frame on the register
//! stack, copies them back and re-enters the dispatch loop; `Yield` copies them out again.
//! `send`, `throw` (raised at the suspended instruction so the exception table applies), `close`
//! and `yield from` delegation.

use super::code::CodeRt;
use super::frame::{Frame, GenStatus, Ret};
use super::Vm;
use crate::bytecode::opcodes::Instr;
use crate::gc::{roots, ObjRef};
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

fn gen_state(g: ObjRef) -> &'static RefCell<super::frame::GenState> {
    match &g.get().kind {
        Kind::Generator(s) => s,
        _ => panic!("not a generator"),
    }
}

/// How to resume a generator.
pub enum Resume {
    Send(Value),
    Throw(PyErr),
}

/// What `load_generator` gives the frame that resumes a generator.
type Loaded = (Rc<CodeRt>, Value, ObjRef, usize, Option<u16>);

impl Vm {
    /// Called by `Yield`/`YieldFrom` in the generator's frame: saves the registers and pops it.
    pub fn suspend_generator(&mut self, yield_dst: Option<u16>) {
        // The frame's fields are read in place: popping it into a local copied all of it.
        let fi = self.frames.len() - 1;
        let frame = &self.frames[fi];
        let g = frame.gen.expect("suspend outside a generator");
        let (base, pc) = (frame.base, frame.pc);
        {
            // `regs` keeps the length of the code's register count from creation to the end,
            // so saving them is one copy: no clearing, no capacity check.
            let mut st = gen_state(g).borrow_mut();
            let n = st.regs.len();
            crate::gc::load_values(&mut st.regs, &self.stack[base..base + n]);
            st.pc = pc;
            st.status = GenStatus::Suspended;
            st.yield_dst = yield_dst;
        }
        self.frames.truncate(fi);
        self.depth -= 1;
        self.yielded = true;
    }

    pub fn finish_generator(&mut self, g: ObjRef) {
        let mut st = gen_state(g).borrow_mut();
        st.status = GenStatus::Done;
        st.regs = Vec::new();
    }

    /// Resumes; `Ok(Some(v))` = yielded v, `Ok(None)` with the return value in `Err`... see
    /// `GenOutcome`.
    pub fn gen_resume(&mut self, g: ObjRef, how: Resume) -> PyResult<GenOutcome> {
        let status = gen_state(g).borrow().status;
        match status {
            GenStatus::Running => return Err(self.value_error("generator already executing")),
            GenStatus::Done => {
                return match how {
                    Resume::Send(_) => Ok(GenOutcome::Returned(Value::None)),
                    Resume::Throw(e) => Err(e),
                };
            }
            GenStatus::Created => {
                if let Resume::Send(v) = how {
                    if !v.is_none() {
                        return Err(self
                            .type_error("can't send non-None value to a just-started generator"));
                    }
                }
            }
            GenStatus::Suspended => {}
        }
        // A throw into a generator suspended in `yield from` goes to the sub-iterator first.
        if let (Resume::Throw(e), GenStatus::Suspended) = (&how, status) {
            let e = *e;
            if let Some(out) = self.throw_into_delegate(g, e)? {
                return Ok(out);
            }
        }
        self.enter_native()?;
        let r = self.gen_run(g, how);
        self.leave_native();
        r
    }

    fn gen_run(&mut self, g: ObjRef, how: Resume) -> PyResult<GenOutcome> {
        if self.depth >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        let base = self.stack_top();
        let (code, func, globals, pc, dst) = self.load_generator(g, base)?;
        let mut resume = None;
        let mut pending = None;
        match how {
            Resume::Send(v) => match dst {
                // Resuming after a `Yield`: the sent value is its result.
                Some(d) => self.stack[base + d as usize] = v,
                // Resuming a `YieldFrom`: it re-executes and forwards the value.
                None => resume = Some(v),
            },
            Resume::Throw(e) => pending = Some(e),
        }
        // A throw lands on the suspended instruction itself (its pc is the Yield's).
        let at = if pending.is_some() && dst.is_some() {
            pc.saturating_sub(1)
        } else {
            pc
        };
        self.depth += 1;
        self.frames.push(Frame {
            code,
            func,
            base,
            pc: at,
            globals,
            locals: Value::None,
            ret: Ret::Native,
            gen: Some(g),
            resume,
        });
        // No root for `g`: its frame's `gen` marks it until the frame is gone, and nothing
        // collects between that and `finish_generator` below.
        let saved_handled = self.handled;
        let r = self.run_frame(pending);
        self.handled = saved_handled;
        match r {
            Ok(v) => {
                if self.yielded {
                    self.yielded = false;
                    Ok(GenOutcome::Yielded(v))
                } else {
                    self.finish_generator(g);
                    Ok(GenOutcome::Returned(v))
                }
            }
            Err(e) => {
                self.finish_generator(g);
                Err(self.generator_error(e))
            }
        }
    }

    /// For `ForIter` at `at` in the dispatch loop: resumes the iterator `it`, if it is a
    /// generator, as a frame of the loop whose yields go to the absolute register `slot` (as
    /// `next()` would resume it). False when it is not a generator or cannot run (running or
    /// finished), for the generic path to handle or report.
    /// Inline, so a loop over anything else (a list, a dict) pays one kind check, not a call.
    #[inline]
    pub fn push_generator(&mut self, it: Value, at: usize, slot: usize) -> PyResult<bool> {
        match it {
            Value::Object(g) if matches!(g.kind, Kind::Generator(_)) => {
                self.push_generator_frame(g, at, slot)
            }
            _ => Ok(false),
        }
    }

    #[inline(never)]
    fn push_generator_frame(&mut self, g: ObjRef, at: usize, slot: usize) -> PyResult<bool> {
        if !matches!(
            gen_state(g).borrow().status,
            GenStatus::Created | GenStatus::Suspended
        ) {
            return Ok(false);
        }
        // The caller resumes after its `ForIter` (or at its target) when this frame leaves.
        let fi = self.frames.len() - 1;
        self.frames[fi].pc = at;
        if self.depth >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        let base = self.stack_top();
        let (code, func, globals, pc, dst) = self.load_generator(g, base)?;
        // What `gen_run` does with `Resume::Send(None)`.
        let resume = match dst {
            Some(d) => {
                self.stack[base + d as usize] = Value::None;
                None
            }
            None => Some(Value::None),
        };
        self.depth += 1;
        self.frames.push(Frame {
            code,
            func,
            base,
            pc,
            globals,
            locals: Value::None,
            ret: Ret::Gen(slot),
            gen: Some(g),
            resume,
        });
        self.pending.push(super::frame::Pending::Gen(self.handled));
        Ok(true)
    }

    /// Marks `g` running with its registers copied into the window at `base` (RecursionError
    /// when the register stack has no room for it); its code, function, globals, pc and pending
    /// `Yield` destination, for the frame that runs it.
    #[inline]
    fn load_generator(&mut self, g: ObjRef, base: usize) -> PyResult<Loaded> {
        let mut st = gen_state(g).borrow_mut();
        let n = st.regs.len();
        self.ensure_stack(base + n)?;
        self.stack[base..base + n].copy_from_slice(&st.regs);
        st.status = GenStatus::Running;
        Ok((st.code.clone(), st.func, st.globals, st.pc, st.yield_dst))
    }

    /// A `Ret::Gen` frame is gone (suspended, returned or unwound): the caller's handled
    /// exception is back.
    pub fn leave_generator(&mut self) {
        let Some(super::frame::Pending::Gen(h)) = self.pending.pop() else {
            unreachable!("a generator frame without its saved handled exception")
        };
        self.handled = h;
    }

    /// What `gen_run` makes of an exception leaving a generator: StopIteration becomes
    /// RuntimeError (PEP 479).
    pub fn generator_error(&mut self, e: PyErr) -> PyErr {
        if self.exc_matches(e, types().stop_iteration) {
            let re = self.runtime_error("generator raised StopIteration");
            self.set_cause(re, e);
            return re;
        }
        e
    }

    fn set_cause(&mut self, e: PyErr, cause: PyErr) {
        if let Kind::Exception(st) = &e.0.kind {
            let mut st = st.borrow_mut();
            st.cause = Value::Object(cause.0);
            st.context = Value::Object(cause.0);
            st.suppress_context = true;
        }
    }

    /// If the generator is suspended in `YieldFrom`, throws `e` into the delegate.
    fn throw_into_delegate(&mut self, g: ObjRef, e: PyErr) -> PyResult<Option<GenOutcome>> {
        let (pc, code, regs_iter) = {
            let st = gen_state(g).borrow();
            if st.yield_dst.is_some() {
                return Ok(None);
            }
            let Some(Instr::YieldFrom { iter, .. }) = st.code.instrs.get(st.pc).copied() else {
                return Ok(None);
            };
            (st.pc, st.code.clone(), st.regs[iter as usize])
        };
        let _ = (pc, code);
        let sub = regs_iter;
        let _r = roots::root(sub);
        let is_close = self.exc_matches(e, types().generator_exit);
        let r = match sub {
            Value::Object(o) if matches!(o.kind, Kind::Generator(_)) => {
                if is_close {
                    self.gen_close(o)?;
                    return Ok(None);
                }
                self.gen_resume(o, Resume::Throw(e))
            }
            _ => {
                let m = self.getattr_opt(
                    sub,
                    crate::runtime::str::intern(if is_close { "close" } else { "throw" }),
                )?;
                match m {
                    None => return Ok(None),
                    Some(m) if is_close => {
                        self.call(m, &[], &[])?;
                        return Ok(None);
                    }
                    Some(m) => match self.call(m, &[Value::Object(e.0)], &[]) {
                        Ok(v) => Ok(GenOutcome::Yielded(v)),
                        Err(e2) if self.exc_matches(e2, types().stop_iteration) => {
                            Ok(GenOutcome::Returned(self.stop_value(e2)))
                        }
                        Err(e2) => Err(e2),
                    },
                }
            }
        };
        match r {
            Ok(GenOutcome::Yielded(v)) => Ok(Some(GenOutcome::Yielded(v))),
            Ok(GenOutcome::Returned(v)) => {
                // The delegate finished: resume after the YieldFrom with its value.
                {
                    let mut st = gen_state(g).borrow_mut();
                    if let Some(Instr::YieldFrom { dst, .. }) = st.code.instrs.get(st.pc).copied() {
                        st.regs[dst as usize] = v;
                        st.pc += 1;
                    }
                    st.yield_dst = None;
                }
                self.enter_native()?;
                let r = self.gen_run(g, Resume::Send(Value::None));
                self.leave_native();
                r.map(Some)
            }
            Err(e2) => {
                // The delegate raised: raise it at the YieldFrom.
                {
                    let mut st = gen_state(g).borrow_mut();
                    st.yield_dst = None;
                }
                self.enter_native()?;
                let r = self.gen_run(g, Resume::Throw(e2));
                self.leave_native();
                r.map(Some)
            }
        }
    }

    pub fn stop_value(&self, e: PyErr) -> Value {
        match &e.0.kind {
            Kind::Exception(st) => self
                .seq_items(st.borrow().args)
                .first()
                .copied()
                .unwrap_or(Value::None),
            _ => Value::None,
        }
    }

    /// `next(gen)`: `None` when it finishes.
    pub fn gen_next(&mut self, g: ObjRef) -> PyResult<Option<Value>> {
        match self.gen_resume(g, Resume::Send(Value::None))? {
            GenOutcome::Yielded(v) => Ok(Some(v)),
            GenOutcome::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)` / `gen.throw(e)` with StopIteration raised at the end.
    pub fn gen_send(&mut self, g: ObjRef, how: Resume) -> PyResult<Value> {
        match self.gen_resume(g, how)? {
            GenOutcome::Yielded(v) => Ok(v),
            GenOutcome::Returned(v) => Err(self.stop_iteration(v)),
        }
    }

    pub fn gen_close(&mut self, g: ObjRef) -> PyResult<()> {
        let status = gen_state(g).borrow().status;
        if matches!(status, GenStatus::Created | GenStatus::Done) {
            self.finish_generator(g);
            return Ok(());
        }
        let e = PyErr(self.new_exception(types().generator_exit, vec![]));
        match self.gen_resume(g, Resume::Throw(e)) {
            Ok(GenOutcome::Yielded(_)) => {
                Err(self.runtime_error("generator ignored GeneratorExit"))
            }
            Ok(GenOutcome::Returned(_)) => Ok(()),
            Err(e2)
                if self.exc_matches(e2, types().generator_exit)
                    || self.exc_matches(e2, types().stop_iteration) =>
            {
                Ok(())
            }
            Err(e2) => Err(e2),
        }
    }

    /// One step of `yield from`: `Ok(Ok(v))` = the delegate yielded v; `Ok(Err(r))` = it
    /// finished with result r.
    pub fn yield_from_step(
        &mut self,
        it: Value,
        sent: Option<Value>,
    ) -> PyResult<Result<Value, Value>> {
        let sent = sent.unwrap_or(Value::None);
        if let Value::Object(o) = it {
            if matches!(o.kind, Kind::Generator(_)) {
                return Ok(match self.gen_resume(o, Resume::Send(sent))? {
                    GenOutcome::Yielded(v) => Ok(v),
                    GenOutcome::Returned(v) => Err(v),
                });
            }
        }
        if sent.is_none() {
            return Ok(match self.next(it)? {
                Some(v) => Ok(v),
                None => Err(Value::None),
            });
        }
        match self.call_method(it, "send", &[sent]) {
            Ok(v) => Ok(Ok(v)),
            Err(e) if self.exc_matches(e, types().stop_iteration) => Ok(Err(self.stop_value(e))),
            Err(e) => Err(e),
        }
    }
}

pub enum GenOutcome {
    Yielded(Value),
    Returned(Value),
}
