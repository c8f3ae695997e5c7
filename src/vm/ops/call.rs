//! Calls: binding arguments to parameters with CPython's TypeError messages, calling any
//! callable from native code (re-entering the dispatch loop for Python functions), creating
//! generators, and constructing instances (`__new__` then `__init__`).

use crate::gc::{roots, ObjRef};
use crate::runtime::alloc;
use crate::runtime::class::{type_obj, Layout};
use crate::runtime::dict::Dict;
use crate::runtime::exception::{ExcState, PyResult};
use crate::runtime::func::{Function, KwArgs};
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, intern_static, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::code::CodeRt;
use crate::vm::errors::type_of;
use crate::vm::frame::{Frame, GenState, GenStatus, Ret};
use crate::vm::interp::Args;
use crate::vm::{reg, Vm};
use std::cell::{Cell, RefCell};

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// A callee that runs as a frame of its own instead of through `Vm::call`: a plain Python
/// function (not a generator), such a function bound to a receiver, or a class whose instances
/// `object.__new__` makes and a plain Python `__init__` initialises. The dispatch loop pushes
/// such frames in place; compiled code runs them natively nested (`tier_up::helpers`).
#[derive(Clone, Copy)]
pub enum PyCallee {
    Function(ObjRef),
    Bound { func: ObjRef, recv: Value },
    Init { cls: ObjRef, init: ObjRef },
}

impl Vm {
    /// What kind of Python callee `f` is, if any.
    #[inline]
    pub fn py_callee(&self, f: Value) -> Option<PyCallee> {
        let Value::Object(o) = f else { return None };
        let plain = |f: ObjRef| matches!(&f.kind, Kind::Function(fun) if !fun.code.is_generator);
        match &o.kind {
            Kind::Function(_) if plain(o) => Some(PyCallee::Function(o)),
            Kind::Method {
                func: Value::Object(inner),
                recv,
            } if plain(*inner) => Some(PyCallee::Bound {
                func: *inner,
                recv: *recv,
            }),
            Kind::Type(_) => constructed_init(o).map(|init| PyCallee::Init { cls: o, init }),
            _ => None,
        }
    }

    /// Binds `args`/`kwargs` for `func` into the window at stack index `base` (its registers
    /// all NULL, at the stack's top). In place: the stack cannot be lent out beside the VM, and
    /// binding into a buffer copied afterwards made closures' `wrapper(*args)` calls 4% slower.
    fn bind_args(
        &mut self,
        func: &Function,
        args: &[Value],
        kwargs: KwArgs,
        base: usize,
    ) -> PyResult<()> {
        let code = &func.code;
        let spec = code.code.args;
        let argc = spec.argcount as usize;
        let kwonly = spec.kwonlyargcount as usize;
        let null = self.null;
        if kwargs.is_empty()
            && args.len() == argc
            && kwonly == 0
            && !spec.varargs
            && !spec.varkeywords
        {
            // Exactly the positional parameters: nothing to check and no defaults to fill.
            self.stack[base..base + argc].copy_from_slice(args);
            self.bind_cells(func, base);
            return Ok(());
        }
        if kwargs.is_empty()
            && args.len() >= argc
            && kwonly == 0
            && spec.varargs
            && !spec.varkeywords
        {
            // `def f(a, *rest)` called positionally (a decorator's `wrapper(*args)`): every
            // parameter is given, the rest go to the tuple, made without a vector on the way.
            self.stack[base..base + argc].copy_from_slice(&args[..argc]);
            self.stack[base + argc] = alloc::tuple_of(&args[argc..]);
            self.bind_cells(func, base);
            return Ok(());
        }
        let fname = || str_of(func.qualname.get()).unwrap_or("?").to_string();
        let npos = args.len().min(argc);
        self.stack[base..base + npos].copy_from_slice(&args[..npos]);
        let mut idx = argc + kwonly;
        if spec.varargs {
            self.stack[base + idx] = alloc::tuple_of(args.get(argc..).unwrap_or_default());
            idx += 1;
        } else if args.len() > argc {
            let defaults = func.defaults.borrow().len();
            let given = args.len();
            let kw_given = kwargs
                .iter()
                .filter(|(k, _)| {
                    code.varnames[argc..argc + kwonly]
                        .iter()
                        .any(|v| v.ptr_eq(*k))
                })
                .count();
            let takes = if defaults > 0 {
                format!("from {} to {} positional arguments", argc - defaults, argc)
            } else {
                plural(argc, "positional argument")
            };
            let was = if given == 1 { "was" } else { "were" };
            let kwpart = if kw_given > 0 {
                format!(
                    " positional argument{} (and {} given",
                    if given == 1 { "" } else { "s" },
                    plural(kw_given, "keyword-only argument")
                )
            } else {
                String::new()
            };
            let msg = if kw_given > 0 {
                format!(
                    "{}() takes {takes} but {given}{kwpart}) {was} given",
                    fname()
                )
            } else {
                format!("{}() takes {takes} but {given} {was} given", fname())
            };
            return Err(self.type_error(msg));
        }
        let kwdict = if spec.varkeywords {
            let d = alloc::dict();
            self.stack[base + idx] = d;
            Some(d)
        } else {
            None
        };
        let posonly = spec.posonlyargcount as usize;
        if kwdict.is_none() {
            let bad: Vec<&str> = kwargs
                .iter()
                .filter(|(k, _)| code.varnames[..posonly].iter().any(|n| n.ptr_eq(*k)))
                .map(|(k, _)| str_of(Value::Object(*k)).unwrap_or("?"))
                .collect();
            if !bad.is_empty() {
                return Err(self.type_error(format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    fname(),
                    bad.join(", ")
                )));
            }
        }
        for &(k, v) in kwargs {
            let pos = code.varnames[..argc + kwonly]
                .iter()
                .position(|n| n.ptr_eq(k));
            match pos {
                Some(i) if i >= spec.posonlyargcount as usize => {
                    if !self.stack[base + i].is(null) {
                        return Err(self.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            fname(),
                            str_of(Value::Object(k)).unwrap_or("?")
                        )));
                    }
                    self.stack[base + i] = v;
                }
                _ => match kwdict {
                    Some(d) => self.dict_set(d, Value::Object(k), v)?,
                    None => {
                        if pos.is_some() {
                            return Err(self.type_error(format!(
                                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                                fname(),
                                str_of(Value::Object(k)).unwrap_or("?")
                            )));
                        }
                        return Err(self.type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            fname(),
                            str_of(Value::Object(k)).unwrap_or("?")
                        )));
                    }
                },
            }
        }
        let defaults = func.defaults.borrow();
        let first_default = argc - defaults.len().min(argc);
        let mut missing = Vec::new();
        for i in 0..argc {
            if self.stack[base + i].is(null) {
                if i >= first_default {
                    self.stack[base + i] = defaults[i - first_default];
                } else {
                    missing.push(
                        str_of(Value::Object(code.varnames[i]))
                            .unwrap_or("?")
                            .to_string(),
                    );
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                fname(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        drop(defaults);
        let kwd = func.kwdefaults.get();
        for i in argc..argc + kwonly {
            if self.stack[base + i].is(null) {
                let dv = if kwd.is_none() {
                    None
                } else {
                    self.dict_get_str(kwd, code.varnames[i])
                };
                match dv {
                    Some(v) => self.stack[base + i] = v,
                    None => missing.push(
                        str_of(Value::Object(code.varnames[i]))
                            .unwrap_or("?")
                            .to_string(),
                    ),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                fname(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
        self.bind_cells(func, base);
        Ok(())
    }

    /// Wraps the parameters that inner functions capture in cells and places the closure's
    /// cells after the locals.
    fn bind_cells(&mut self, func: &Function, base: usize) {
        let code = &func.code.code;
        for &c in &code.cells {
            let at = base + c as usize;
            self.stack[at] = alloc::cell(self.stack[at]);
        }
        let nl = base + code.nlocals();
        for (i, &cell) in func.closure.borrow().iter().enumerate() {
            self.stack[nl + i] = Value::Object(cell);
        }
    }

    /// Pushes a frame for a Python function call (not a generator) with arguments bound.
    pub fn push_frame(
        &mut self,
        fobj: ObjRef,
        args: &[Value],
        kwargs: KwArgs,
        ret: Ret,
    ) -> PyResult<()> {
        if kwargs.is_empty()
            && self.push_frame_exact(fobj, args.len(), ret, |stack, base| {
                stack[base..base + args.len()].copy_from_slice(args)
            })?
        {
            return Ok(());
        }
        let Kind::Function(func) = &fobj.get().kind else {
            unreachable!()
        };
        if self.depth >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        crate::vm::signals::poll(self)?;
        let n = func.code.code.nregs as usize;
        let base = self.stack_top();
        self.ensure_stack(base + n)?;
        let null = self.null;
        self.stack[base..base + n].fill(null);
        self.bind_args(func, args, kwargs, base)?;
        self.depth += 1;
        Frame::push_onto(&mut self.frames, || Frame {
            code: func.code.clone(),
            func: Value::Object(fobj),
            base,
            pc: 0,
            globals: func.globals,
            locals: Value::None,
            ret,
            gen: None,
            resume: None,
        });
        Ok(())
    }

    /// `push_frame` for the common call shape, without `bind_args` or an argument copy: exactly
    /// `argcount` positional arguments read straight from the caller's registers
    /// `stack[src..src + argc]` (always below the new window), no `*args`/`**kwargs`/keyword-only
    /// parameters and no cells. `Ok(false)`: not that shape (or not a plain function), nothing done.
    #[inline]
    pub fn push_frame_simple(
        &mut self,
        fobj: ObjRef,
        src: usize,
        argc: usize,
        ret: Ret,
    ) -> PyResult<bool> {
        // Element by element: a handful of arguments is cheaper than a call to memmove. Moved,
        // not copied: the caller's argument registers are temporaries it never reads again, and
        // left in place they kept what they held alive until overwritten (binary_trees' main
        // kept its 131071-tuple stretch tree through the whole first loop).
        self.push_frame_exact(fobj, argc, ret, |stack, base| {
            for i in 0..argc {
                let v = crate::gc::load_value(&stack[reg(src + i)]);
                crate::gc::store_value(&mut stack[reg(base + i)], v);
                stack[reg(src + i)] = Value::None;
            }
        })
    }

    /// `cls(*args)` for a class whose instances `object.__new__` makes and whose `__init__` is
    /// the plain Python function `init`: makes the instance and pushes the `__init__` frame with
    /// `Ret::Init(ret)`. A call with exactly `__init__`'s positional parameters writes the
    /// instance and the arguments straight into the new window (through `push_frame` they were
    /// first copied into a buffer with the instance prepended).
    pub fn push_init(
        &mut self,
        cls: ObjRef,
        init: ObjRef,
        args: &[Value],
        kwargs: KwArgs,
        ret: usize,
    ) -> PyResult<()> {
        // Unrooted until it is in the new window: allocation never collects.
        let inst = alloc::instance_of(cls, Kind::Instance);
        let pushed = kwargs.is_empty()
            && self.push_frame_exact(init, args.len() + 1, Ret::Init(ret), |stack, base| {
                stack[base] = inst;
                stack[base + 1..base + 1 + args.len()].copy_from_slice(args);
            })?;
        if !pushed {
            let full = Args::prepend(inst, args);
            self.push_frame(init, full.as_slice(), kwargs, Ret::Init(ret))?;
        }
        self.pending.push(crate::vm::frame::Pending::Init(inst));
        Ok(())
    }

    /// The frame push of `push_frame_simple`, with the arguments written by `place` into the new
    /// window at `base`; `push_frame` uses it for arguments the runtime assembled.
    #[inline(always)]
    pub(crate) fn push_frame_exact(
        &mut self,
        fobj: ObjRef,
        argc: usize,
        ret: Ret,
        place: impl FnOnce(&mut [Value; crate::vm::STACK_LEN], usize),
    ) -> PyResult<bool> {
        let Kind::Function(func) = &fobj.get().kind else {
            return Ok(false);
        };
        let code = &func.code;
        if code.exact_argc != argc {
            return Ok(false);
        }
        if self.depth >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        crate::vm::signals::poll(self)?;
        let n = code.nregs;
        let base = self.stack_top();
        self.ensure_stack(base + n)?;
        place(&mut self.stack, base);
        let null = self.null;
        self.stack[base + argc..base + n].fill(null);
        // Most functions close over nothing: the code says so without borrowing the closure.
        if !code.code.freevars.is_empty() {
            let nl = code.code.nlocals();
            for (i, &cell) in func.closure.borrow().iter().enumerate() {
                self.stack[base + nl + i] = Value::Object(cell);
            }
        }
        self.depth += 1;
        Frame::push_onto(&mut self.frames, || Frame {
            code: code.clone(),
            func: Value::Object(fobj),
            base,
            pc: 0,
            globals: func.globals,
            locals: Value::None,
            ret,
            gen: None,
            resume: None,
        });
        Ok(true)
    }

    /// A generator object for a call of a generator function.
    pub fn make_generator(
        &mut self,
        fobj: ObjRef,
        args: &[Value],
        kwargs: KwArgs,
    ) -> PyResult<Value> {
        let Kind::Function(func) = &fobj.get().kind else {
            unreachable!()
        };
        // Bound at the stack's top like a frame, then moved into the generator.
        let n = func.code.code.nregs as usize;
        let base = self.stack_top();
        self.ensure_stack(base + n)?;
        let null = self.null;
        self.stack[base..base + n].fill(null);
        self.bind_args(func, args, kwargs, base)?;
        let regs = self.stack[base..base + n].to_vec();
        let st = GenState {
            code: func.code.clone(),
            func: Value::Object(fobj),
            globals: func.globals,
            regs,
            pc: 0,
            status: GenStatus::Created,
            yield_dst: None,
            name: func.name.get(),
            qualname: func.qualname.get(),
        };
        Ok(alloc::obj(
            types().generator,
            Kind::Generator(Box::new(RefCell::new(st))),
        ))
    }

    /// Calls any callable from native code.
    pub fn call(&mut self, f: Value, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
        self.call_for(f, args, kwargs, "")
    }

    /// `call` on behalf of a native operation that CPython guards with a recursion check of its
    /// own: re-entering Python one level too deep raises RecursionError with that check's
    /// message suffix (`vm::IN_COMPARISON`, `vm::WHILE_CALLING`).
    pub fn call_for(
        &mut self,
        f: Value,
        args: &[Value],
        kwargs: KwArgs,
        check: &'static str,
    ) -> PyResult<Value> {
        let Value::Object(o) = f else {
            return Err(self.not_callable(f));
        };
        match &o.kind {
            Kind::Function(func) => {
                if func.code.is_generator {
                    return self.make_generator(o, args, kwargs);
                }
                self.enter_native_for(check)?;
                let r = match self.push_frame(o, args, kwargs, Ret::Native) {
                    Ok(()) => self.run_frame(None),
                    Err(e) => Err(e),
                };
                self.leave_native();
                r
            }
            Kind::Builtin(b) => {
                let _g = roots::root_all(args);
                (b.f)(self, args, kwargs)
            }
            Kind::Method { func, recv } => {
                let full = Args::prepend(*recv, args);
                self.call_for(*func, full.as_slice(), kwargs, check)
            }
            Kind::Type(_) => {
                // A metaclass defining `__call__` takes over instance creation.
                if let Some(c) = super::protocol::user_dunder(o.cls.get(), "__call__") {
                    let full = Args::prepend(f, args);
                    return self.call(c, full.as_slice(), kwargs);
                }
                self.construct(o, args, kwargs)
            }
            Kind::StaticMethod(inner) => self.call(*inner, args, kwargs),
            _ => {
                if let Some(c) = super::protocol::user_dunder(o.cls.get(), "__call__") {
                    let full = Args::prepend(f, args);
                    return self.call(c, full.as_slice(), kwargs);
                }
                Err(self.not_callable(f))
            }
        }
    }

    pub fn call_method(&mut self, obj: Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let (f, recv) = self.load_method(obj, intern(name))?;
        match recv {
            Some(r) => {
                let full = Args::prepend(r, args);
                self.call(f, full.as_slice(), &[])
            }
            None => self.call(f, args, &[]),
        }
    }

    /// `cls(*args, **kwargs)`.
    pub fn construct(&mut self, cls: ObjRef, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
        let t = types();
        if cls.ptr_eq(t.type_) && args.len() == 1 && kwargs.is_empty() {
            return Ok(Value::Object(type_of(args[0])));
        }
        let tobj = type_obj(cls);
        if !tobj.heap {
            return crate::builtins::construct_builtin(self, cls, args, kwargs);
        }
        let new = crate::runtime::class::lookup(cls, intern_static("__new__"));
        let full = Args::prepend(Value::Object(cls), args);
        let inst = match new {
            Some(n) if !is_object_new(n) => {
                let n = match n {
                    Value::Object(o) => match &o.kind {
                        Kind::StaticMethod(f) => *f,
                        _ => n,
                    },
                    _ => n,
                };
                self.call(n, full.as_slice(), kwargs)?
            }
            _ => self.new_instance(cls, args, kwargs)?,
        };
        let _g = roots::root(inst);
        if crate::runtime::class::is_subtype(type_of(inst), cls) {
            if let Some(init) = crate::runtime::class::lookup(cls, intern_static("__init__")) {
                if !is_object_init(init) {
                    let full = Args::prepend(inst, args);
                    let r = self.call(init, full.as_slice(), kwargs)?;
                    self.init_returned(r)?;
                } else if type_obj(cls).layout != Layout::Object {
                    self.builtin_init(inst, args, kwargs)?;
                } else if !args.is_empty() || !kwargs.is_empty() {
                    let has_new = new.is_some_and(|n| !is_object_new(n));
                    if !has_new {
                        return Err(self.type_error(format!(
                            "{}() takes no arguments",
                            type_obj(cls).name.borrow()
                        )));
                    }
                }
            }
        }
        Ok(inst)
    }

    /// The initialisation a builtin base does in its `__init__` (dict, list, set contents).
    pub fn builtin_init(&mut self, inst: Value, args: &[Value], kwargs: KwArgs) -> PyResult<()> {
        let Value::Object(o) = inst else {
            return Ok(());
        };
        match &o.kind {
            Kind::Dict(_) => {
                if let Some(&src) = args.first() {
                    self.dict_update(inst, src)?;
                }
                for &(k, v) in kwargs {
                    self.dict_set(inst, Value::Object(k), v)?;
                }
            }
            Kind::List(l) => {
                if let Some(&src) = args.first() {
                    let items = self.collect_iter(src)?;
                    let mut l = l.borrow_mut();
                    l.clear();
                    l.extend(items);
                }
            }
            Kind::Set(_) => {
                if let Some(&src) = args.first() {
                    for it in self.collect_iter(src)? {
                        self.set_add(inst, it)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `object.__new__(cls)` for a class with the given builtin layout.
    pub fn new_instance(
        &mut self,
        cls: ObjRef,
        args: &[Value],
        _kwargs: KwArgs,
    ) -> PyResult<Value> {
        let layout = type_obj(cls).layout;
        let kind = match layout {
            Layout::Object => Kind::Instance,
            Layout::Exception => Kind::Exception(Box::new(RefCell::new(ExcState::new(
                alloc::tuple(args.to_vec()),
            )))),
            Layout::Dict => Kind::Dict(Box::new(RefCell::new(Dict::new()))),
            Layout::List => Kind::List(RefCell::new(Vec::new())),
            Layout::Set | Layout::FrozenSet => {
                Kind::Set(Box::new(RefCell::new(crate::runtime::set::Set::new())))
            }
            _ => {
                let base = crate::builtins::construct_builtin(self, builtin_base(cls), args, &[])?;
                return Ok(rebox(base, cls));
            }
        };
        Ok(alloc::instance_of(cls, kind))
    }
}

/// The `__init__` of a call `cls(...)` that makes its instance with `object.__new__` and then
/// only runs that plain Python function on it (`PyCallee::Init`): a class of `type` whose
/// instances are plain objects.
pub fn constructed_init(cls: ObjRef) -> Option<ObjRef> {
    match &cls.kind {
        Kind::Type(t)
            if t.heap && t.layout == Layout::Object && cls.cls.get().ptr_eq(types().type_) =>
        {
            plain_python_init(cls)
        }
        _ => None,
    }
}

/// The `__init__` that `cls(...)` may run as a frame of the dispatch loop instead of through
/// `construct`: a plain Python function (not a generator), with `__new__` inherited from
/// `object`. Constructing through a native re-entry cost object-heavy programs a tenth of
/// their time.
fn plain_python_init(cls: ObjRef) -> Option<ObjRef> {
    let t = type_obj(cls);
    let version = t.version.get();
    match t.plain_init.get() {
        (v, init) if v == version => return init,
        _ => {}
    }
    let init = if crate::runtime::class::lookup(cls, intern_static("__new__"))
        .is_some_and(|n| !is_object_new(n))
    {
        None
    } else {
        match crate::runtime::class::lookup(cls, intern_static("__init__")) {
            Some(Value::Object(f)) if matches!(&f.kind, Kind::Function(func) if !func.code.is_generator) => {
                Some(f)
            }
            _ => None,
        }
    };
    t.plain_init.set((version, init));
    init
}

/// `type.__call__(cls, *args, **kwargs)`: what a metaclass's `__call__` reaches through
/// `super().__call__(...)`.
pub fn type_call(vm: &mut Vm, args: &[Value], kwargs: KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Object(cls)) if matches!(cls.kind, Kind::Type(_)) => {
            vm.construct(*cls, &args[1..], kwargs)
        }
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}

/// The first builtin class in the MRO.
pub fn builtin_base(cls: ObjRef) -> ObjRef {
    for &c in type_obj(cls).mro.borrow().iter() {
        if !type_obj(c).heap {
            return c;
        }
    }
    types().object
}

/// An instance of a user subclass of an immutable builtin (int, str, tuple, ...).
fn rebox(v: Value, cls: ObjRef) -> Value {
    let kind = match v {
        Value::Int(i) => Kind::BigInt(num_bigint::BigInt::from(i)),
        Value::Bool(b) => Kind::BigInt(num_bigint::BigInt::from(b as i64)),
        Value::Object(o) => match &o.kind {
            Kind::Str(s) => Kind::Str(crate::runtime::str::PyStr::new(s.as_str())),
            Kind::Tuple(t) => Kind::Tuple(t.clone()),
            Kind::BigInt(b) => Kind::BigInt(b.clone()),
            Kind::Bytes(b) => Kind::Bytes(b.clone()),
            _ => return v,
        },
        _ => return v,
    };
    alloc::instance_of(cls, kind)
}

/// Whether `v` is the native stored as `name` in the dict of builtin type `cls`. Natives are told
/// apart by object identity, never by Rust function pointer: the optimiser may merge functions
/// with identical bodies (`object.__init__` is a no-op like several others) or duplicate one
/// across codegen units, so pointer comparison gives different answers in release builds.
///
/// `memo` keeps the slot found at a version of that dict: builtin types are immutable, so it
/// is looked up once, not at every construction (three probes per instance of an exception
/// class). A stale slot is only ever compared by address, never read.
fn is_builtin_slot(
    v: Value,
    cls: ObjRef,
    name: &'static str,
    memo: &'static std::thread::LocalKey<Cell<(u64, Option<Value>)>>,
) -> bool {
    let dict = &type_obj(cls).dict;
    let version = dict.borrow().version();
    let slot = match memo.with(Cell::get) {
        (seen, slot) if seen == version => slot,
        _ => {
            let key = intern_static(name);
            let Kind::Str(s) = &key.kind else {
                return false;
            };
            let slot = dict.borrow().get_fast(s.hash(), Value::Object(key));
            memo.with(|m| m.set((version, slot)));
            slot
        }
    };
    slot.is_some_and(|slot| slot.is(v))
}

thread_local! {
    static OBJECT_NEW: Cell<(u64, Option<Value>)> = const { Cell::new((u64::MAX, None)) };
    static EXCEPTION_NEW: Cell<(u64, Option<Value>)> = const { Cell::new((u64::MAX, None)) };
    static OBJECT_INIT: Cell<(u64, Option<Value>)> = const { Cell::new((u64::MAX, None)) };
}

fn is_object_new(v: Value) -> bool {
    let t = types();
    is_builtin_slot(v, t.object, "__new__", &OBJECT_NEW)
        || is_builtin_slot(v, t.base_exception, "__new__", &EXCEPTION_NEW)
}

fn is_object_init(v: Value) -> bool {
    is_builtin_slot(v, types().object, "__init__", &OBJECT_INIT)
}

/// A new function object for `MakeFunction`.
pub fn new_function(code: std::rc::Rc<CodeRt>, globals: ObjRef, module: Value) -> Value {
    let name = Value::Object(code.name);
    let qualname = Value::Object(code.qualname);
    let doc = code
        .code
        .docstring
        .as_ref()
        .map_or(Value::None, |d| alloc::str(&**d));
    alloc::instance_of_attrs(
        types().function,
        Kind::Function(Box::new(Function {
            code,
            globals,
            name: std::cell::Cell::new(name),
            qualname: std::cell::Cell::new(qualname),
            defaults: RefCell::new(Box::new([])),
            kwdefaults: std::cell::Cell::new(Value::None),
            closure: RefCell::new(Box::new([])),
            doc: std::cell::Cell::new(doc),
            module: std::cell::Cell::new(module),
        })),
    )
}
