//! Unwinding through the exception table, traceback entries, and printing an uncaught
//! exception exactly as CPython 3.11 does (chained causes and contexts first).

use super::error_location;
use super::frame::Ret;
use super::Vm;
use crate::runtime::exception::{PyErr, TbEntry};
use crate::runtime::object::Kind;
use crate::runtime::types::types;
use crate::runtime::value::Value;

impl Vm {
    /// Finds a handler for `e` in the frames above `entry - 1` (inclusive); on success the
    /// handler's frame is on top with its pc at the handler. Otherwise every frame down to and
    /// including the entry frame is popped and the error is returned.
    pub fn unwind(&mut self, mut e: PyErr, entry: usize) -> Result<(), PyErr> {
        let mut skip = std::mem::take(&mut self.skip_tb);
        if !skip {
            self.chain_context(e);
        }
        loop {
            let fi = self.frames.len() - 1;
            let (pc, code) = (self.frames[fi].pc, self.frames[fi].code.clone());
            if !skip {
                if let Kind::Exception(st) = &e.0.kind {
                    st.borrow_mut().traceback.insert(
                        0,
                        TbEntry {
                            code: code.clone(),
                            pc,
                        },
                    );
                }
            }
            skip = false;
            if let Some(h) = code.code.handler_for(pc as u32) {
                let base = self.frames[fi].base;
                self.stack[base + h.exc_reg as usize] = Value::Object(e.0);
                self.frames[fi].pc = h.handler as usize;
                return Ok(());
            }
            let frame = self.frames.pop().expect("frame");
            self.depth -= 1;
            if let Some(g) = frame.gen {
                self.finish_generator(g);
            }
            match frame.ret {
                Ret::Init(_) | Ret::Binary(_) => {
                    self.pending.pop();
                }
                Ret::Gen(_) => {
                    // What `gen_run` and the caller's unwinding do when the generator runs
                    // under `next()`.
                    self.leave_generator();
                    e = self.generator_error(e);
                    self.chain_context(e);
                }
                Ret::Native | Ret::Reg(_) => {}
            }
            if frame.ret == Ret::Native || self.frames.len() < entry {
                return Err(e);
            }
        }
    }

    /// The traceback text CPython prints for an uncaught exception (to stderr).
    pub fn format_exception(&mut self, e: PyErr) -> String {
        let mut seen = Vec::new();
        let mut out = String::new();
        self.format_chain(e, &mut out, &mut seen);
        out
    }

    fn format_chain(&mut self, e: PyErr, out: &mut String, seen: &mut Vec<usize>) {
        seen.push(e.0.addr());
        let (cause, context, suppress) = match &e.0.kind {
            Kind::Exception(st) => {
                let st = st.borrow();
                (st.cause, st.context, st.suppress_context)
            }
            _ => (Value::None, Value::None, false),
        };
        if let Value::Object(c) = cause {
            if !seen.contains(&c.addr()) {
                self.format_chain(PyErr(c), out, seen);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            }
        } else if let (Value::Object(c), false) = (context, suppress) {
            if !seen.contains(&c.addr()) {
                self.format_chain(PyErr(c), out, seen);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        self.format_one(e, out);
    }

    fn format_one(&mut self, e: PyErr, out: &mut String) {
        let tb: Vec<TbEntry> = match &e.0.kind {
            Kind::Exception(st) => st.borrow().traceback.clone(),
            _ => Vec::new(),
        };
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            let mut last: Option<(String, u32, String)> = None;
            let mut repeat = 0usize;
            let flush_repeat = |out: &mut String, repeat: usize| {
                if repeat > 3 {
                    let n = repeat - 3;
                    out.push_str(&format!(
                        "  [Previous line repeated {n} more time{}]\n",
                        if n == 1 { "" } else { "s" }
                    ));
                }
            };
            for entry in &tb {
                let file = entry.code.code.filename.to_string();
                let line = entry.code.line(entry.pc);
                let name = entry.code.code.name.to_string();
                let key = (file.clone(), line, name.clone());
                if last.as_ref() == Some(&key) {
                    repeat += 1;
                    if repeat > 3 {
                        continue;
                    }
                } else {
                    flush_repeat(out, repeat);
                    repeat = 1;
                    last = Some(key);
                }
                out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
                if let Some(src) = self.sources.get(&file) {
                    if let Some(text) = src.line_text(line) {
                        if !text.trim().is_empty() {
                            out.push_str(&format!("    {}\n", error_location::display_line(text)));
                            let loc = entry.code.code.locations.get(entry.pc).copied();
                            if let Some(carets) =
                                loc.and_then(|loc| error_location::caret_line(text, loc))
                            {
                                out.push_str(&carets);
                                out.push('\n');
                            }
                        }
                    }
                }
            }
            flush_repeat(out, repeat);
        }
        match crate::import::render_syntax_error(self, e) {
            Some(text) => out.push_str(&text),
            None => {
                out.push_str(&self.exception_line(e));
                out.push('\n');
            }
        }
    }

    /// `Type: message` (or just `Type` for an empty message), with the module prefix CPython
    /// shows for classes defined outside builtins.
    pub fn exception_line(&mut self, e: PyErr) -> String {
        let cls = e.0.cls.get();
        let t = crate::runtime::class::type_obj(cls);
        let mut name = t.qualname.borrow().clone();
        if t.heap {
            let m = crate::runtime::class::lookup(cls, crate::runtime::str::intern("__module__"))
                .and_then(crate::runtime::str::str_of)
                .unwrap_or("builtins")
                .to_string();
            if m != "builtins" && m != "__main__" {
                name = format!("{m}.{name}");
            }
        }
        let msg = match self.str(Value::Object(e.0)) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_string(),
        };
        let _ = types();
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}
