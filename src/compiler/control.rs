//! Control flow: `if`, loops, `try` (except, except*, else, finally), `with`, and the fblock
//! stack that `return`/`break`/`continue` unwind (running `finally` bodies and `__exit__`
//! calls inline, restoring the handled exception) as CPython's compiler does.
//!
//! Exception handling follows the conventions in `bytecode/opcodes.rs`: the handler receives
//! the exception in a register, runs `PushExcInfo` first and `PopExcInfo` on every way out; the
//! handler body is itself covered by a cleanup handler doing `PopExcInfo; RaiseAgain`.
//! Which handler covers an instruction is decided when it is emitted (`handler_stack`), so code
//! inlined while unwinding is never covered by the blocks it leaves.

use crate::ast::{self, Expr, Stmt};
use crate::bytecode::code::Constant;
use crate::bytecode::opcodes::Instr;
use crate::source::TextRange;

use super::func::{FuncState, Handler, Label};
use super::{Compiler, R};

/// What leaving a block early must do (CPython's fblock kinds).
#[derive(Clone)]
pub(super) enum FBlock<'a> {
    Loop {
        cont: Label,
        brk: Label,
    },
    /// The body of a `try` with handlers: nothing to run, its handler stops applying.
    TryExcept,
    /// The body of a `try` with `finally`: run the final body.
    TryFinally {
        body: &'a [Stmt],
    },
    /// A `finally` body running because of an exception: restore the handled exception.
    FinallyEnd {
        save: u16,
    },
    /// A `with` body: call `__exit__(None, None, None)`.
    With {
        exit: u16,
    },
    /// An `except` body: restore the handled exception, unbind the `as` name.
    Handler {
        save: u16,
        name: Option<&'a str>,
    },
    /// An `except*` body: `break`, `continue` and `return` are not allowed.
    ExceptStar,
}

impl<'a> Compiler<'a> {
    /// Opens a block; push it before the block's own exception handler, so that leaving the
    /// block early runs its exit code outside that handler.
    fn push_fblock(&mut self, fb: FBlock<'a>) {
        let depth = self.ur().f.handler_stack.len();
        self.u().fblocks.push((fb, depth));
    }

    fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    fn push_handler(&mut self, label: Label, exc_reg: u16) {
        self.f().handler_stack.push(Handler { label, exc_reg });
    }

    fn pop_handler(&mut self) {
        self.f().handler_stack.pop();
    }

    /// Emits the exit actions of fblocks `from..` (innermost first), each compiled as if its
    /// block and everything inside it had been left.
    fn unwind(&mut self, from: usize) -> R {
        let saved_fblocks = self.ur().fblocks.clone();
        let saved_handlers = self.ur().f.handler_stack.clone();
        let saved_bound = self.bound_snapshot();
        for i in (from..saved_fblocks.len()).rev() {
            let (fb, depth) = saved_fblocks[i].clone();
            self.u().fblocks.truncate(i);
            self.f().handler_stack.truncate(depth);
            match fb {
                FBlock::Loop { .. } | FBlock::TryExcept | FBlock::ExceptStar => {}
                FBlock::TryFinally { body } => self.stmts(body)?,
                FBlock::FinallyEnd { save } => self.emit(Instr::PopExcInfo { save }),
                FBlock::With { exit } => {
                    let t = self.const_temp(Constant::None)?;
                    self.emit(Instr::WithExit {
                        dst: t,
                        exit,
                        exc: t,
                    });
                    self.f().release_to(t);
                }
                FBlock::Handler { save, name } => {
                    self.emit(Instr::PopExcInfo { save });
                    if let Some(name) = name {
                        self.unbind_handler_name(name)?;
                    }
                }
            }
        }
        self.u().fblocks = saved_fblocks;
        self.f().handler_stack = saved_handlers;
        self.bound_restore(saved_bound);
        Ok(())
    }

    fn in_except_star(&self, upto: usize) -> bool {
        self.ur().fblocks[upto..]
            .iter()
            .any(|(f, _)| matches!(f, FBlock::ExceptStar))
    }

    pub(super) fn return_stmt(&mut self, value: Option<&'a Expr>, range: TextRange) -> R {
        if !self.ur().kind.is_function_like() {
            return self.err("'return' outside function", range);
        }
        let unwinds = self
            .ur()
            .fblocks
            .iter()
            .any(|(f, _)| !matches!(f, FBlock::Loop { .. } | FBlock::TryExcept));
        let r = match value {
            None => self.const_temp(Constant::None)?,
            // A finally body may rebind the variable being returned: keep the value aside.
            Some(v) if unwinds => self.expr_temp(v)?,
            Some(v) => self.expr_any(v)?,
        };
        if self.in_except_star(0) {
            // CPython reports it where it last was: at the value, if any.
            let at = value.map_or(range, |v| v.range);
            return self.err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                at,
            );
        }
        self.unwind(0)?;
        self.emit(Instr::Return { src: r });
        Ok(())
    }

    fn innermost_loop(&self) -> Option<(usize, Label, Label)> {
        self.ur()
            .fblocks
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, (f, _))| match f {
                FBlock::Loop { cont, brk } => Some((i, *cont, *brk)),
                _ => None,
            })
    }

    pub(super) fn break_stmt(&mut self, range: TextRange) -> R {
        let Some((i, _, brk)) = self.innermost_loop() else {
            return self.err("'break' outside loop", range);
        };
        if self.in_except_star(i) {
            return self.err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            );
        }
        self.unwind(i + 1)?;
        self.jump(brk);
        Ok(())
    }

    pub(super) fn continue_stmt(&mut self, range: TextRange) -> R {
        let Some((i, cont, _)) = self.innermost_loop() else {
            return self.err("'continue' not properly in loop", range);
        };
        if self.in_except_star(i) {
            return self.err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            );
        }
        self.unwind(i + 1)?;
        self.jump(cont);
        Ok(())
    }

    pub(super) fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        let else_l = self.f().new_label();
        let end = self.f().new_label();
        self.jump_if(test, false, else_l)?;
        let before = self.bound_snapshot();
        self.stmts(body)?;
        let after_body = self.bound_snapshot();
        self.bound_restore(before);
        if !orelse.is_empty() {
            self.jump(end);
        }
        self.f().bind(else_l);
        self.stmts(orelse)?;
        self.bound_meet(&after_body);
        self.f().bind(end);
        Ok(())
    }

    pub(super) fn while_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        let top = self.f().new_label();
        let else_l = self.f().new_label();
        let end = self.f().new_label();
        let before = self.bound_snapshot();
        self.f().bind(top);
        self.jump_if(test, false, else_l)?;
        self.push_fblock(FBlock::Loop {
            cont: top,
            brk: end,
        });
        self.stmts(body)?;
        self.pop_fblock();
        self.jump(top);
        self.bound_restore(before.clone());
        self.f().bind(else_l);
        self.stmts(orelse)?;
        self.bound_restore(before);
        self.f().bind(end);
        Ok(())
    }

    pub(super) fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> R {
        let it = self.f().alloc()?;
        let src = self.expr_any(iter)?;
        // CPython attributes getting and advancing the iterator to the whole statement.
        self.emit(Instr::GetIter { dst: it, src });
        self.f().release_to(it + 1);
        let top = self.f().new_label();
        let else_l = self.f().new_label();
        let end = self.f().new_label();
        let before = self.bound_snapshot();
        self.f().bind(top);
        self.for_iter_into(target, it, else_l)?;
        self.push_fblock(FBlock::Loop {
            cont: top,
            brk: end,
        });
        self.stmts(body)?;
        self.pop_fblock();
        self.jump(top);
        self.bound_restore(before.clone());
        self.f().bind(else_l);
        self.stmts(orelse)?;
        self.bound_restore(before);
        self.f().bind(end);
        Ok(())
    }

    pub(super) fn try_stmt(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> R {
        if finalbody.is_empty() {
            return self.try_except(body, handlers, orelse, star);
        }
        let exc = self.f().alloc()?;
        let save = self.f().alloc()?;
        let exc2 = self.f().alloc()?;
        let on_exc = self.f().new_label();
        let cleanup = self.f().new_label();
        let end = self.f().new_label();
        let before = self.bound_snapshot();
        self.push_fblock(FBlock::TryFinally { body: finalbody });
        self.push_handler(on_exc, exc);
        if handlers.is_empty() {
            self.stmts(body)?;
            self.stmts(orelse)?;
        } else {
            self.try_except(body, handlers, orelse, star)?;
        }
        self.pop_handler();
        self.pop_fblock();
        self.bound_restore(before.clone());
        self.stmts(finalbody)?;
        self.jump(end);

        self.f().bind(on_exc);
        self.bound_restore(before.clone());
        self.emit(Instr::PushExcInfo { save, exc });
        self.push_fblock(FBlock::FinallyEnd { save });
        self.push_handler(cleanup, exc2);
        self.stmts(finalbody)?;
        self.pop_handler();
        self.pop_fblock();
        self.emit(Instr::PopExcInfo { save });
        self.emit(Instr::RaiseAgain { exc });
        self.cleanup_block(cleanup, save, exc2);
        self.f().bind(end);
        self.bound_restore(before);
        Ok(())
    }

    /// `PopExcInfo; RaiseAgain` for an exception escaping a handler body.
    fn cleanup_block(&mut self, label: Label, save: u16, exc: u16) {
        self.f().bind(label);
        self.emit(Instr::PopExcInfo { save });
        self.emit(Instr::RaiseAgain { exc });
    }

    fn unbind_handler_name(&mut self, name: &str) -> R {
        let t = self.const_temp(Constant::None)?;
        self.store_name(name, t)?;
        self.delete_name(name)?;
        self.f().release_to(t);
        Ok(())
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        star: bool,
    ) -> R {
        let exc = self.f().alloc()?;
        let save = self.f().alloc()?;
        let exc2 = self.f().alloc()?;
        let on_exc = self.f().new_label();
        let cleanup = self.f().new_label();
        let end = self.f().new_label();
        let before = self.bound_snapshot();
        self.push_fblock(FBlock::TryExcept);
        self.push_handler(on_exc, exc);
        self.stmts(body)?;
        self.pop_handler();
        self.pop_fblock();
        self.stmts(orelse)?;
        self.jump(end);

        self.f().bind(on_exc);
        self.bound_restore(before.clone());
        self.emit(Instr::PushExcInfo { save, exc });
        self.push_handler(cleanup, exc2);
        if star {
            self.except_star_handlers(handlers, exc, save, end)?;
        } else {
            for h in handlers {
                self.except_handler(h, exc, save, exc2, cleanup, end)?;
            }
            self.emit(Instr::RaiseAgain { exc });
        }
        self.pop_handler();
        self.cleanup_block(cleanup, save, exc2);
        self.f().bind(end);
        self.bound_restore(before);
        Ok(())
    }

    fn except_handler(
        &mut self,
        h: &'a ast::ExceptHandler,
        exc: u16,
        save: u16,
        exc2: u16,
        cleanup: Label,
        end: Label,
    ) -> R {
        let next = self.f().new_label();
        let mark = self.f().mark();
        if let Some(ty) = &h.type_ {
            self.at(ty.range, |c| {
                let t = c.expr_any(ty)?;
                let m = c.f().alloc()?;
                c.emit(Instr::CheckExcMatch { dst: m, exc, ty: t });
                c.emit(Instr::JumpIfFalse {
                    cond: m,
                    target: FuncState::target(next),
                });
                Ok(())
            })?;
            self.f().release_to(mark);
        }
        let name = h.name.as_deref();
        let name_cleanup = self.f().new_label();
        self.push_fblock(FBlock::Handler { save, name });
        if let Some(n) = name {
            self.store_name(n, exc)?;
            self.push_handler(name_cleanup, exc2);
        }
        self.stmts(&h.body)?;
        if name.is_some() {
            self.pop_handler();
        }
        self.pop_fblock();
        self.emit(Instr::PopExcInfo { save });
        if let Some(n) = name {
            self.unbind_handler_name(n)?;
        }
        self.jump(end);
        if let Some(n) = name {
            self.f().bind(name_cleanup);
            self.unbind_handler_name(n)?;
            self.jump(cleanup);
        }
        self.f().bind(next);
        Ok(())
    }

    /// `except*` clauses: each takes the matching part of the remaining group; exceptions
    /// raised by the clauses and the unmatched rest are combined by `PrepReraiseStar`.
    fn except_star_handlers(
        &mut self,
        handlers: &'a [ast::ExceptHandler],
        exc: u16,
        save: u16,
        end: Label,
    ) -> R {
        let rest = self.f().alloc()?;
        let raised = self.f().alloc()?;
        self.emit(Instr::Move {
            dst: rest,
            src: exc,
        });
        self.emit(Instr::BuildList {
            dst: raised,
            start: raised,
            count: 0,
        });
        for h in handlers {
            let next = self.f().new_label();
            let mark = self.f().mark();
            let m = self.f().alloc()?;
            if let Some(ty) = &h.type_ {
                self.at(ty.range, |c| {
                    let t = c.expr_any(ty)?;
                    c.emit(Instr::CheckEgMatch {
                        dst: m,
                        eg: rest,
                        ty: t,
                    });
                    c.emit(Instr::JumpIfNone {
                        src: m,
                        target: FuncState::target(next),
                    });
                    Ok(())
                })?;
            }
            let name = h.name.as_deref();
            if let Some(n) = name {
                self.store_name(n, m)?;
            }
            let body_exc = self.f().alloc()?;
            let on_raise = self.f().new_label();
            let after = self.f().new_label();
            self.push_fblock(FBlock::ExceptStar);
            self.push_handler(on_raise, body_exc);
            self.stmts(&h.body)?;
            self.pop_handler();
            self.pop_fblock();
            self.jump(after);
            self.f().bind(on_raise);
            self.emit(Instr::ListAppend {
                list: raised,
                src: body_exc,
            });
            self.f().bind(after);
            if let Some(n) = name {
                self.unbind_handler_name(n)?;
            }
            self.f().release_to(mark);
            self.f().bind(next);
        }
        self.emit(Instr::ListAppend {
            list: raised,
            src: rest,
        });
        let r = self.f().alloc()?;
        self.emit(Instr::PrepReraiseStar {
            dst: r,
            orig: exc,
            raised,
        });
        let done = self.f().new_label();
        self.emit(Instr::JumpIfNone {
            src: r,
            target: FuncState::target(done),
        });
        self.emit(Instr::RaiseAgain { exc: r });
        self.f().bind(done);
        self.emit(Instr::PopExcInfo { save });
        self.jump(end);
        Ok(())
    }

    pub(super) fn with_stmt(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> R {
        self.with_item(items, 0, body)
    }

    fn with_item(&mut self, items: &'a [ast::WithItem], i: usize, body: &'a [Stmt]) -> R {
        let item = &items[i];
        let val = self.f().alloc_n(2)?;
        let exit = val + 1;
        let exc = self.f().alloc()?;
        let save = self.f().alloc()?;
        let exc2 = self.f().alloc()?;
        let t = self.f().alloc()?;
        let on_exc = self.f().new_label();
        let cleanup = self.f().new_label();
        let suppress = self.f().new_label();
        let end = self.f().new_label();
        self.at(item.context_expr.range, |c| {
            let mgr = c.expr_any(&item.context_expr)?;
            c.emit(Instr::WithEnter { dst: val, mgr });
            Ok(())
        })?;
        self.f().release_to(t + 1);
        let before = self.bound_snapshot();
        self.push_fblock(FBlock::With { exit });
        self.push_handler(on_exc, exc);
        if let Some(vars) = &item.optional_vars {
            self.store_target(vars, val)?;
        }
        if i + 1 < items.len() {
            self.with_item(items, i + 1, body)?;
        } else {
            self.stmts(body)?;
        }
        self.pop_handler();
        self.pop_fblock();
        self.load_const(Constant::None, t)?;
        self.emit(Instr::WithExit {
            dst: t,
            exit,
            exc: t,
        });
        self.jump(end);

        self.f().bind(on_exc);
        self.bound_restore(before.clone());
        self.emit(Instr::PushExcInfo { save, exc });
        self.push_handler(cleanup, exc2);
        self.emit(Instr::WithExit { dst: t, exit, exc });
        self.emit(Instr::JumpIfTrue {
            cond: t,
            target: FuncState::target(suppress),
        });
        self.emit(Instr::RaiseAgain { exc });
        self.pop_handler();
        self.f().bind(suppress);
        self.emit(Instr::PopExcInfo { save });
        self.jump(end);
        self.cleanup_block(cleanup, save, exc2);
        self.f().bind(end);
        self.bound_restore(before);
        Ok(())
    }
}
