//! `repr()` of builtin objects, CPython's text for each (quotes and escapes of str, `[...]` for
//! a container that contains itself, `<function f at 0x...>`, ...).

use crate::runtime::class::type_obj;
use crate::runtime::exception::PyResult;
use crate::runtime::object::{DictPart, Kind};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::type_of;
use crate::vm::Vm;

thread_local! {
    static IN_REPR: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// CPython's str repr: single quotes unless the text has ' and no ".
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !is_printable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_printable(c: char) -> bool {
    let n = c as u32;
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || (0xd800..0xe000).contains(&n)
        || (0x200b..=0x200f).contains(&n)
        || (0x2060..=0x2064).contains(&n)
        || n == 0xad
        || n == 0xfeff)
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `<class 'int'>` / `<class '__main__.A'>`.
pub fn class_repr(vm: &mut Vm, cls: crate::gc::ObjRef) -> String {
    let t = type_obj(cls);
    let module = if t.heap {
        let m = crate::runtime::class::lookup(cls, crate::runtime::str::intern("__module__"));
        m.and_then(crate::runtime::str::str_of).map(str::to_string)
    } else {
        None
    };
    let _ = vm;
    match module {
        Some(m) if m != "builtins" => format!("<class '{m}.{}'>", t.qualname.borrow()),
        _ => format!("<class '{}'>", t.qualname.borrow()),
    }
}

fn seq(vm: &mut Vm, items: &[Value], open: &str, close: &str) -> PyResult<String> {
    let mut out = String::from(open);
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.repr(it)?);
    }
    out.push_str(close);
    Ok(out)
}

pub fn builtin_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    let Value::Object(o) = v else {
        return vm.repr(v);
    };
    let recursive = matches!(
        o.kind,
        Kind::List(_) | Kind::Dict(_) | Kind::Set(_) | Kind::Tuple(_)
    );
    if recursive {
        let addr = o.addr();
        if IN_REPR.with(|r| r.borrow().contains(&addr)) {
            return Ok(match o.kind {
                Kind::Dict(_) => "{...}",
                Kind::Tuple(_) => "(...)",
                _ => "[...]",
            }
            .into());
        }
        IN_REPR.with(|r| r.borrow_mut().push(addr));
        let r = container_repr(vm, v);
        IN_REPR.with(|r| r.borrow_mut().pop());
        return r;
    }
    let t = types();
    let tname = type_obj(o.cls.get()).name.borrow().clone();
    Ok(match &o.kind {
        Kind::Str(s) => str_repr(s.as_str()),
        Kind::BigInt(b) => crate::format::int_to_decimal(b).map_err(|e| vm.format_error(e))?,
        Kind::Bytes(b) => bytes_repr(b),
        Kind::ByteArray(b) => format!(
            "{tname}({})",
            crate::builtins::bytes_methods::bytearray_repr(&b.borrow())
        ),
        Kind::File(_) => crate::builtins::file::repr_text(vm, v)?,
        Kind::BigRange(r) => crate::builtins::range_methods::big_range_repr(r),
        Kind::Range { start, stop, step } => {
            if *step == 1 {
                format!("range({start}, {stop})")
            } else {
                format!("range({start}, {stop}, {step})")
            }
        }
        Kind::Slice(s) => format!(
            "slice({}, {}, {})",
            vm.repr(s[0])?,
            vm.repr(s[1])?,
            vm.repr(s[2])?
        ),
        Kind::Function(f) => {
            let q = vm.str(f.qualname.get())?;
            format!("<function {q} at {:#x}>", o.addr())
        }
        Kind::Builtin(b) => format!("<built-in function {}>", b.name),
        Kind::Method { func, recv } => {
            let (func, recv) = (*func, *recv);
            let fname = match func {
                Value::Object(f) => match &f.kind {
                    Kind::Function(fun) => vm.str(fun.qualname.get())?,
                    Kind::Builtin(b) => {
                        let r = vm.repr(recv)?;
                        let tn = crate::vm::errors::type_name(recv);
                        let _ = r;
                        return Ok(format!(
                            "<built-in method {} of {tn} object at {:#x}>",
                            b.name,
                            recv.as_obj().map_or(0, |x| x.addr())
                        ));
                    }
                    _ => "?".into(),
                },
                _ => "?".into(),
            };
            format!("<bound method {fname} of {}>", vm.repr(recv)?)
        }
        Kind::Cell(_) => format!("<cell at {:#x}>", o.addr()),
        Kind::Module { name, dict } => {
            // CPython's module_repr: the file it came from, else built-in.
            let file = vm.dict_get_str(
                Value::Object(*dict),
                crate::runtime::str::intern("__file__"),
            );
            match file.and_then(crate::runtime::str::str_of) {
                Some(f) => format!("<module '{name}' from '{f}'>"),
                None => format!("<module '{name}' (built-in)>"),
            }
        }
        Kind::Type(_) => class_repr(vm, o),
        Kind::Exception(e) => {
            let args = e.borrow().args;
            let items = vm.seq_items(args);
            if items.len() == 1 {
                format!("{tname}({})", vm.repr(items[0])?)
            } else {
                format!("{tname}{}", vm.repr(args)?)
            }
        }
        Kind::Generator(g) => {
            let q = g.borrow().qualname;
            format!("<generator object {} at {:#x}>", vm.str(q)?, o.addr())
        }
        Kind::DictView { dict, which } => {
            let d = Value::Object(*dict);
            let items = match which {
                DictPart::Keys => vm.dict_keys(d),
                DictPart::Values => vm.dict_values(d),
                DictPart::Items => vm.dict_items(d),
            };
            let name = match which {
                DictPart::Keys => "dict_keys",
                DictPart::Values => "dict_values",
                DictPart::Items => "dict_items",
            };
            format!("{name}({})", seq(vm, &items, "[", "]")?)
        }
        Kind::Property { .. } => format!("<property object at {:#x}>", o.addr()),
        Kind::StaticMethod(_) => format!("<staticmethod object at {:#x}>", o.addr()),
        Kind::ClassMethod(_) => format!("<classmethod object at {:#x}>", o.addr()),
        Kind::Super { .. } => "<super object>".into(),
        Kind::Traceback(_) => format!("<traceback object at {:#x}>", o.addr()),
        Kind::NotImplemented => "NotImplemented".into(),
        Kind::Ellipsis => "Ellipsis".into(),
        Kind::Iter(_) => format!("<{tname} object at {:#x}>", o.addr()),
        Kind::Instance if o.cls.get().ptr_eq(t.object) => {
            format!("<object object at {:#x}>", o.addr())
        }
        Kind::Instance => {
            let cls = o.cls.get();
            let module =
                crate::runtime::class::lookup(cls, crate::runtime::str::intern("__module__"))
                    .and_then(crate::runtime::str::str_of)
                    .unwrap_or("builtins")
                    .to_string();
            let q = type_obj(cls).qualname.borrow().clone();
            format!("<{module}.{q} object at {:#x}>", o.addr())
        }
        Kind::List(_) | Kind::Tuple(_) | Kind::Dict(_) | Kind::Set(_) => unreachable!(),
    })
}

fn container_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    let Value::Object(o) = v else { unreachable!() };
    let cls = o.cls.get();
    let t = types();
    let body = match &o.kind {
        Kind::List(l) => {
            let items = l.borrow().clone();
            seq(vm, &items, "[", "]")?
        }
        Kind::Tuple(items) => {
            if items.len() == 1 {
                format!("({},)", vm.repr(items[0])?)
            } else {
                seq(vm, items, "(", ")")?
            }
        }
        Kind::Dict(_) => {
            let entries = vm.dict_items_pairs(v);
            let mut out = String::from("{");
            for (i, (k, val)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&vm.repr(*k)?);
                out.push_str(": ");
                out.push_str(&vm.repr(*val)?);
            }
            out.push('}');
            out
        }
        Kind::Set(s) => {
            let items: Vec<Value> = s.borrow().iter().map(|(_, k)| k).collect();
            let frozen = crate::runtime::class::is_subtype(cls, t.frozenset);
            let name = type_obj(cls).name.borrow().clone();
            if items.is_empty() {
                return Ok(format!("{name}()"));
            }
            let inner = seq(vm, &items, "{", "}")?;
            if frozen || !cls.ptr_eq(t.set) {
                format!("{name}({inner})")
            } else {
                inner
            }
        }
        _ => unreachable!(),
    };
    let heap = type_obj(type_of(v)).heap;
    if heap && !matches!(o.kind, Kind::Set(_)) {
        let name = type_obj(cls).name.borrow().clone();
        if matches!(o.kind, Kind::Dict(_) | Kind::List(_)) {
            return Ok(body);
        }
        return Ok(format!("{name}({body})"));
    }
    Ok(body)
}

/// `ascii()`: the repr with non-ASCII characters escaped.
pub fn ascii(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}
