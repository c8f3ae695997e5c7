//! Attribute access: the descriptor protocol (functions bind to methods, classmethod,
//! staticmethod, property), instance attributes by shape, class attributes along the MRO,
//! `__getattribute__`/`__getattr__`/`__setattr__`/`__delattr__` overrides, `super()` proxies,
//! modules, and the special attributes of builtin objects.

use super::protocol::user_dunder;
use crate::gc::ObjRef;
use crate::runtime::alloc;
use crate::runtime::class::{invalidate, lookup, type_obj};
use crate::runtime::exception::{PyErr, PyResult};
use crate::runtime::object::Kind;
use crate::runtime::str::{intern, str_of};
use crate::runtime::types::types;
use crate::runtime::value::Value;
use crate::vm::errors::{type_name, type_of};
use crate::vm::Vm;

fn name_str(n: ObjRef) -> &'static str {
    str_of(Value::Object(n)).unwrap_or("?")
}

impl Vm {
    pub fn getattr(&mut self, obj: Value, name: ObjRef) -> PyResult<Value> {
        match self.getattr_inner(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    /// `getattr(obj, name)` with `None` for a missing attribute (AttributeError swallowed).
    pub fn getattr_opt(&mut self, obj: Value, name: ObjRef) -> PyResult<Option<Value>> {
        match self.getattr_inner(obj, name) {
            Err(e) if self.exc_matches(e, types().attribute_error) => Ok(None),
            r => r,
        }
    }

    pub fn getattr_str(&mut self, obj: Value, name: &str) -> PyResult<Value> {
        self.getattr(obj, intern(name))
    }

    pub fn no_attribute(&mut self, obj: Value, name: ObjRef) -> PyErr {
        let n = name_str(name);
        let msg = match obj {
            Value::Object(o) => match &o.kind {
                Kind::Type(t) => {
                    format!("type object '{}' has no attribute '{n}'", t.name.borrow())
                }
                Kind::Module { name: m, .. } => format!("module '{m}' has no attribute '{n}'"),
                _ => format!("'{}' object has no attribute '{n}'", type_name(obj)),
            },
            _ => format!("'{}' object has no attribute '{n}'", type_name(obj)),
        };
        let e = self.attribute_error(msg);
        let _ = self.set_exc_attr(e, "name", Value::Object(name));
        let _ = self.set_exc_attr(e, "obj", obj);
        e
    }

    fn set_exc_attr(&mut self, e: PyErr, name: &str, v: Value) -> PyResult<()> {
        if let Some(a) = &e.0.attrs {
            a.borrow_mut().set(intern(name), v);
        }
        Ok(())
    }

    /// Attribute lookup; `None` when missing, but errors raised by `__getattribute__` /
    /// `__getattr__` themselves propagate.
    fn getattr_inner(&mut self, obj: Value, name: ObjRef) -> PyResult<Option<Value>> {
        let cls = type_of(obj);
        if type_obj(cls).heap {
            if let Some(ga) = user_dunder(cls, "__getattribute__") {
                match self.call(ga, &[obj, Value::Object(name)], &[]) {
                    Ok(v) => return Ok(Some(v)),
                    Err(e) if self.exc_matches(e, types().attribute_error) => {
                        return self.getattr_fallback(obj, name, e);
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        match self.generic_getattr(obj, name)? {
            Some(v) => Ok(Some(v)),
            None => {
                if type_obj(cls).heap && user_dunder(cls, "__getattr__").is_some() {
                    let e = self.no_attribute(obj, name);
                    return self.getattr_fallback(obj, name, e);
                }
                Ok(None)
            }
        }
    }

    fn getattr_fallback(&mut self, obj: Value, name: ObjRef, e: PyErr) -> PyResult<Option<Value>> {
        match user_dunder(type_of(obj), "__getattr__") {
            Some(f) => self.call(f, &[obj, Value::Object(name)], &[]).map(Some),
            None => Err(e),
        }
    }

    /// `object.__getattribute__`: no `__getattr__` fallback.
    pub fn generic_getattr(&mut self, obj: Value, name: ObjRef) -> PyResult<Option<Value>> {
        if let Value::Object(o) = obj {
            match &o.kind {
                Kind::Type(_) => return self.type_getattr(o, name),
                Kind::Module { dict, .. } => {
                    if let Some(v) = self.dict_get_str(Value::Object(*dict), name) {
                        return Ok(Some(v));
                    }
                    if name_str(name) == "__dict__" {
                        return Ok(Some(Value::Object(*dict)));
                    }
                    return Ok(None);
                }
                Kind::Super { start, obj: sobj } => return self.super_getattr(*start, *sobj, name),
                _ => {}
            }
        }
        let cls = type_of(obj);
        let descr = lookup(cls, name);
        if let Some(Value::Object(dobj)) = descr {
            if let Kind::Property(p) = &dobj.kind {
                let get = &p.get;
                if get.is_none() {
                    return Err(self.attribute_error(format!(
                        "property '{}' of '{}' object has no getter",
                        name_str(name),
                        type_name(obj)
                    )));
                }
                return self.call(*get, &[obj], &[]).map(Some);
            }
        }
        if let Value::Object(o) = obj {
            if let Some(a) = &o.attrs {
                if let Some(v) = a.borrow().get(name) {
                    return Ok(Some(v));
                }
            }
        }
        if let Some(d) = descr {
            return Ok(Some(self.bind(d, obj, cls)?));
        }
        self.special_attr(obj, name)
    }

    /// Binds a class attribute found for an instance access.
    pub fn bind(&mut self, d: Value, obj: Value, cls: ObjRef) -> PyResult<Value> {
        let Value::Object(dobj) = d else { return Ok(d) };
        Ok(match &dobj.kind {
            Kind::Function(_) | Kind::Builtin(_) => {
                alloc::obj(types().method, Kind::Method { func: d, recv: obj })
            }
            Kind::ClassMethod(f) => alloc::obj(
                types().method,
                Kind::Method {
                    func: *f,
                    recv: Value::Object(cls),
                },
            ),
            Kind::StaticMethod(f) => *f,
            _ => {
                if type_obj(dobj.cls.get()).heap {
                    if let Some(get) = user_dunder(dobj.cls.get(), "__get__") {
                        return self.call(get, &[d, obj, Value::Object(cls)], &[]);
                    }
                }
                d
            }
        })
    }

    fn type_getattr(&mut self, cls: ObjRef, name: ObjRef) -> PyResult<Option<Value>> {
        if let Some(d) = lookup(cls, name) {
            let Value::Object(dobj) = d else {
                return Ok(Some(d));
            };
            return Ok(Some(match &dobj.kind {
                Kind::ClassMethod(f) => alloc::obj(
                    types().method,
                    Kind::Method {
                        func: *f,
                        recv: Value::Object(cls),
                    },
                ),
                Kind::StaticMethod(f) => *f,
                _ => {
                    if type_obj(dobj.cls.get()).heap {
                        if let Some(get) = user_dunder(dobj.cls.get(), "__get__") {
                            return self
                                .call(get, &[d, Value::None, Value::Object(cls)], &[])
                                .map(Some);
                        }
                    }
                    d
                }
            }));
        }
        let t = type_obj(cls);
        let n = name_str(name);
        Ok(Some(match n {
            "__name__" => alloc::str(t.name.borrow().as_str()),
            "__qualname__" => alloc::str(t.qualname.borrow().as_str()),
            "__mro__" => alloc::tuple(t.mro.borrow().iter().map(|&c| Value::Object(c)).collect()),
            "__bases__" => {
                alloc::tuple(t.bases.borrow().iter().map(|&c| Value::Object(c)).collect())
            }
            "__base__" => t
                .bases
                .borrow()
                .first()
                .map_or(Value::None, |&c| Value::Object(c)),
            "__class__" => Value::Object(cls.cls.get()),
            "__module__" => alloc::str("builtins"),
            "__doc__" => Value::None,
            "__dict__" => {
                let d = alloc::dict();
                for e in t.dict.borrow().iter().collect::<Vec<_>>() {
                    self.dict_set(d, e.key, e.value)?;
                }
                d
            }
            "__subclasses__" => return Ok(None),
            _ => {
                // Methods of the metaclass (`type`), e.g. `mro`.
                let meta = cls.cls.get();
                if let Some(d) = lookup(meta, name) {
                    return Ok(Some(self.bind(d, Value::Object(cls), meta)?));
                }
                return Ok(None);
            }
        }))
    }

    fn super_getattr(
        &mut self,
        start: ObjRef,
        obj: Value,
        name: ObjRef,
    ) -> PyResult<Option<Value>> {
        // `super(C, x)` with `x` a class searches x's own MRO when x is a subclass of C
        // (classmethods); otherwise x is an instance of C (e.g. a class whose metaclass is C).
        let (cls, is_class) = match obj {
            Value::Object(o)
                if matches!(o.kind, Kind::Type(_))
                    && type_obj(o).mro.borrow().iter().any(|c| c.ptr_eq(start)) =>
            {
                (o, true)
            }
            _ => (type_of(obj), false),
        };
        let mro = type_obj(cls).mro.borrow().clone();
        let pos = mro
            .iter()
            .position(|c| c.ptr_eq(start))
            .map_or(mro.len(), |p| p + 1);
        let key = Value::Object(name);
        let hash = match &name.kind {
            Kind::Str(s) => s.hash(),
            _ => 0,
        };
        for &c in &mro[pos..] {
            let found = type_obj(c).dict.borrow().get_fast(hash, key);
            if let Some(d) = found {
                let Value::Object(dobj) = d else {
                    return Ok(Some(d));
                };
                return Ok(Some(match &dobj.kind {
                    Kind::Function(_) | Kind::Builtin(_) if !is_class => {
                        alloc::obj(types().method, Kind::Method { func: d, recv: obj })
                    }
                    Kind::Builtin(_) if name_str(name) == "__new__" => d,
                    Kind::Function(_) | Kind::Builtin(_) => {
                        if name_str(name) == "__new__" || name_str(name) == "__init_subclass__" {
                            if name_str(name) == "__init_subclass__" {
                                alloc::obj(types().method, Kind::Method { func: d, recv: obj })
                            } else {
                                d
                            }
                        } else {
                            d
                        }
                    }
                    Kind::ClassMethod(f) => alloc::obj(
                        types().method,
                        Kind::Method {
                            func: *f,
                            recv: Value::Object(cls),
                        },
                    ),
                    Kind::StaticMethod(f) => *f,
                    Kind::Property(p) if !is_class => {
                        return self.call(p.get, &[obj], &[]).map(Some)
                    }
                    _ => d,
                }));
            }
        }
        Ok(None)
    }

    /// Attributes of builtin objects that are not in a class dict.
    fn special_attr(&mut self, obj: Value, name: ObjRef) -> PyResult<Option<Value>> {
        let n = name_str(name);
        if n == "__class__" {
            return Ok(Some(Value::Object(type_of(obj))));
        }
        let Value::Object(o) = obj else {
            return Ok(match (n, obj) {
                ("real" | "numerator", Value::Int(_) | Value::Bool(_)) => {
                    Some(Value::Int(match obj {
                        Value::Int(i) => i,
                        Value::Bool(b) => b as i64,
                        _ => 0,
                    }))
                }
                ("imag", Value::Int(_) | Value::Bool(_)) => Some(Value::Int(0)),
                ("denominator", Value::Int(_) | Value::Bool(_)) => Some(Value::Int(1)),
                ("real", Value::Float(_)) => Some(obj),
                ("imag", Value::Float(_)) => Some(Value::Float(0.0)),
                _ => None,
            });
        };
        if n == "__dict__" && type_obj(o.cls.get()).slots.borrow().is_none() {
            if let Some(a) = &o.attrs {
                let pairs: Vec<(ObjRef, Value)> = a.borrow().iter().collect();
                let d = alloc::dict();
                for (k, v) in pairs {
                    self.dict_set(d, Value::Object(k), v)?;
                }
                return Ok(Some(d));
            }
        }
        Ok(match &o.kind {
            Kind::Function(f) => match n {
                "__name__" => Some(f.name.get()),
                "__qualname__" => Some(f.qualname.get()),
                "__doc__" => Some(f.doc.get()),
                "__module__" => Some(f.module.get()),
                "__defaults__" => {
                    let d = f.defaults.borrow().to_vec();
                    Some(if d.is_empty() {
                        Value::None
                    } else {
                        alloc::tuple(d)
                    })
                }
                "__kwdefaults__" => Some(f.kwdefaults.get()),
                "__dict__" => Some(alloc::dict()),
                "__wrapped__" => None,
                "__code__" => Some(Value::None),
                "__closure__" => Some(if f.closure.borrow().is_empty() {
                    Value::None
                } else {
                    alloc::tuple(
                        f.closure
                            .borrow()
                            .iter()
                            .map(|&c| Value::Object(c))
                            .collect(),
                    )
                }),
                _ => None,
            },
            Kind::Builtin(b) => match n {
                "__name__" | "__qualname__" => Some(alloc::str(b.name)),
                "__doc__" => Some(Value::None),
                _ => None,
            },
            Kind::Method { func, recv } => match n {
                "__self__" => Some(*recv),
                "__func__" => Some(*func),
                _ => self.getattr_opt(*func, name)?,
            },
            Kind::Exception(e) => {
                let e = e.borrow();
                match n {
                    "args" => Some(e.args),
                    "__cause__" => Some(e.cause),
                    "__context__" => Some(e.context),
                    "__suppress_context__" => Some(Value::Bool(e.suppress_context)),
                    "__traceback__" => Some(if e.traceback.is_empty() {
                        Value::None
                    } else {
                        alloc::obj(types().traceback, Kind::Traceback(obj))
                    }),
                    "__notes__" if !e.notes.is_none() => Some(e.notes),
                    "value"
                        if crate::runtime::class::is_subtype(
                            o.cls.get(),
                            types().stop_iteration,
                        ) =>
                    {
                        Some(
                            self.seq_items(e.args)
                                .first()
                                .copied()
                                .unwrap_or(Value::None),
                        )
                    }
                    "code"
                        if crate::runtime::class::is_subtype(o.cls.get(), types().system_exit) =>
                    {
                        let items = self.seq_items(e.args);
                        Some(match items.len() {
                            0 => Value::None,
                            1 => items[0],
                            _ => e.args,
                        })
                    }
                    "msg"
                        if crate::runtime::class::is_subtype(o.cls.get(), types().syntax_error) =>
                    {
                        Some(
                            self.seq_items(e.args)
                                .first()
                                .copied()
                                .unwrap_or(Value::None),
                        )
                    }
                    "errno" | "strerror" | "filename"
                        if crate::runtime::class::is_subtype(o.cls.get(), types().os_error) =>
                    {
                        Some(Value::None)
                    }
                    "name" | "obj"
                        if crate::runtime::class::is_subtype(
                            o.cls.get(),
                            types().attribute_error,
                        ) =>
                    {
                        Some(Value::None)
                    }
                    "name"
                        if crate::runtime::class::is_subtype(o.cls.get(), types().name_error) =>
                    {
                        Some(Value::None)
                    }
                    _ => None,
                }
            }
            Kind::Generator(g) => match n {
                "__name__" => Some(g.borrow().name),
                "__qualname__" => Some(g.borrow().qualname),
                "gi_running" => Some(Value::Bool(
                    g.borrow().status == crate::vm::frame::GenStatus::Running,
                )),
                _ => None,
            },
            Kind::Range { start, stop, step } => match n {
                "start" => Some(Value::Int(*start)),
                "stop" => Some(Value::Int(*stop)),
                "step" => Some(Value::Int(*step)),
                _ => None,
            },
            Kind::Slice(s) => match n {
                "start" => Some(s[0]),
                "stop" => Some(s[1]),
                "step" => Some(s[2]),
                _ => None,
            },
            Kind::Property(p) => match n {
                "fget" => Some(p.get),
                "fset" => Some(p.set),
                "fdel" => Some(p.del),
                "__doc__" => Some(p.doc),
                _ => None,
            },
            Kind::StaticMethod(f) | Kind::ClassMethod(f) => match n {
                "__func__" => Some(*f),
                _ => self.getattr_opt(*f, name)?,
            },
            Kind::BigInt(_) => match n {
                "real" | "numerator" => Some(obj),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => None,
            },
            Kind::Cell(c) if n == "cell_contents" => Some(c.get()),
            Kind::Traceback(_) => match n {
                "tb_next" => Some(Value::None),
                _ => None,
            },
            _ => {
                if n == "__doc__" {
                    Some(Value::None)
                } else {
                    None
                }
            }
        })
    }

    pub fn setattr(&mut self, obj: Value, name: ObjRef, v: Value) -> PyResult<()> {
        let cls = type_of(obj);
        if type_obj(cls).heap {
            if let Some(f) = user_dunder(cls, "__setattr__") {
                self.call(f, &[obj, Value::Object(name), v], &[])?;
                return Ok(());
            }
        }
        self.generic_setattr(obj, name, v)
    }

    /// `obj.__class__ = v`, as CPython allows it: between heap classes whose instances have
    /// the same layout (the same builtin base and the same `__slots__`).
    fn set_class(&mut self, obj: Value, v: Value) -> PyResult<()> {
        let new = match v {
            Value::Object(c) if matches!(c.kind, Kind::Type(_)) => c,
            _ => {
                return Err(self.type_error(format!(
                    "__class__ must be set to a class, not '{}' object",
                    type_name(v)
                )))
            }
        };
        let old = type_of(obj);
        let (Value::Object(o), true, true) = (obj, type_obj(old).heap, type_obj(new).heap) else {
            return Err(self.type_error(
                "__class__ assignment only supported for mutable types or ModuleType subclasses"
                    .to_string(),
            ));
        };
        let (t_old, t_new) = (type_obj(old), type_obj(new));
        let same_layout = t_old.layout == t_new.layout
            && *t_old.slots.borrow() == *t_new.slots.borrow()
            && o.attrs.is_some();
        if !same_layout {
            return Err(self.type_error(format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                type_obj(new).name.borrow(),
                type_obj(old).name.borrow()
            )));
        }
        o.cls.set(new);
        Ok(())
    }

    /// `object.__setattr__`.
    pub fn generic_setattr(&mut self, obj: Value, name: ObjRef, v: Value) -> PyResult<()> {
        let cls = type_of(obj);
        let n = name_str(name);
        if n == "__class__" {
            return self.set_class(obj, v);
        }
        if let Value::Object(o) = obj {
            match &o.kind {
                Kind::Type(t) => {
                    if !t.heap {
                        return Err(self.type_error(format!(
                            "cannot set '{n}' attribute of immutable type '{}'",
                            t.name.borrow()
                        )));
                    }
                    if n == "__name__" {
                        if let Some(s) = str_of(v) {
                            *t.name.borrow_mut() = s.to_string();
                        }
                    }
                    let hash = match &name.kind {
                        Kind::Str(s) => s.hash(),
                        _ => 0,
                    };
                    let found = t.dict.borrow().probe(hash, Value::Object(name));
                    match found {
                        crate::runtime::dict::Probe::Found(i) => {
                            t.dict.borrow_mut().set_value(i, v)
                        }
                        _ => t.dict.borrow_mut().push(hash, Value::Object(name), v),
                    }
                    invalidate(o);
                    return Ok(());
                }
                Kind::Module { dict, .. } => {
                    return self.dict_set(Value::Object(*dict), Value::Object(name), v);
                }
                _ => {}
            }
            if let Some(Value::Object(d)) = lookup(cls, name) {
                if let Kind::Property(p) = &d.kind {
                    let set = &p.set;
                    if set.is_none() {
                        return Err(self.attribute_error(format!(
                            "property '{n}' of '{}' object has no setter",
                            type_name(obj)
                        )));
                    }
                    self.call(*set, &[obj, v], &[])?;
                    return Ok(());
                }
                if type_obj(d.cls.get()).heap {
                    if let Some(set) = user_dunder(d.cls.get(), "__set__") {
                        self.call(set, &[Value::Object(d), obj, v], &[])?;
                        return Ok(());
                    }
                }
            }
            if let Kind::Exception(e) = &o.kind {
                let mut e = e.borrow_mut();
                match n {
                    "__cause__" => {
                        e.cause = v;
                        e.suppress_context = true;
                        return Ok(());
                    }
                    "__context__" => {
                        e.context = v;
                        return Ok(());
                    }
                    "__suppress_context__" => {
                        e.suppress_context = matches!(v, Value::Bool(true));
                        return Ok(());
                    }
                    "args" => {
                        drop(e);
                        let items = self.collect_iter(v)?;
                        if let Kind::Exception(e) = &o.kind {
                            e.borrow_mut().args = alloc::tuple(items);
                        }
                        return Ok(());
                    }
                    "__traceback__" => {
                        if v.is_none() {
                            e.traceback.clear();
                        }
                        return Ok(());
                    }
                    _ => {}
                }
            }
            if let Kind::Function(f) = &o.kind {
                match n {
                    "__name__" => {
                        f.name.set(v);
                        return Ok(());
                    }
                    "__qualname__" => {
                        f.qualname.set(v);
                        return Ok(());
                    }
                    "__doc__" => {
                        f.doc.set(v);
                        return Ok(());
                    }
                    "__module__" => {
                        f.module.set(v);
                        return Ok(());
                    }
                    _ => {}
                }
            }
            if let Some(a) = &o.attrs {
                if let Some(slots) = &*type_obj(cls).slots.borrow() {
                    if !slots.iter().any(|s| s.ptr_eq(name)) {
                        return Err(self.attribute_error(format!(
                            "'{}' object has no attribute '{n}'",
                            type_name(obj)
                        )));
                    }
                }
                a.borrow_mut()
                    .set_counted(name, v, &type_obj(cls).attr_count);
                return Ok(());
            }
        }
        if lookup(cls, name).is_some() {
            return Err(self.attribute_error(format!(
                "'{}' object attribute '{n}' is read-only",
                type_name(obj)
            )));
        }
        Err(self.attribute_error(format!(
            "'{}' object has no attribute '{n}'",
            type_name(obj)
        )))
    }

    pub fn delattr(&mut self, obj: Value, name: ObjRef) -> PyResult<()> {
        let cls = type_of(obj);
        if type_obj(cls).heap {
            if let Some(f) = user_dunder(cls, "__delattr__") {
                self.call(f, &[obj, Value::Object(name)], &[])?;
                return Ok(());
            }
        }
        self.generic_delattr(obj, name)
    }

    pub fn generic_delattr(&mut self, obj: Value, name: ObjRef) -> PyResult<()> {
        let cls = type_of(obj);
        if let Value::Object(o) = obj {
            match &o.kind {
                Kind::Type(t) => {
                    let hash = match &name.kind {
                        Kind::Str(s) => s.hash(),
                        _ => 0,
                    };
                    let probe = t.dict.borrow().probe(hash, Value::Object(name));
                    if let crate::runtime::dict::Probe::Found(i) = probe {
                        t.dict.borrow_mut().remove_at(i);
                        invalidate(o);
                        return Ok(());
                    }
                    return Err(self.no_attribute(obj, name));
                }
                Kind::Module { dict, .. } => {
                    return match self.dict_del(Value::Object(*dict), Value::Object(name))? {
                        Some(_) => Ok(()),
                        None => Err(self.no_attribute(obj, name)),
                    };
                }
                _ => {}
            }
            if let Some(Value::Object(d)) = lookup(cls, name) {
                if let Kind::Property(p) = &d.kind {
                    let del = &p.del;
                    if del.is_none() {
                        return Err(self.attribute_error(format!(
                            "property '{}' of '{}' object has no deleter",
                            name_str(name),
                            type_name(obj)
                        )));
                    }
                    self.call(*del, &[obj], &[])?;
                    return Ok(());
                }
            }
            if let Some(a) = &o.attrs {
                if a.borrow_mut().remove(name).is_some() {
                    return Ok(());
                }
            }
        }
        Err(self.no_attribute(obj, name))
    }

    /// `LoadMethod`: (callable, self) without allocating a bound method when possible.
    pub fn load_method(&mut self, obj: Value, name: ObjRef) -> PyResult<(Value, Option<Value>)> {
        let cls = type_of(obj);
        let plain = match obj {
            Value::Object(o) => !matches!(
                o.kind,
                Kind::Type(_) | Kind::Module { .. } | Kind::Super { .. }
            ),
            _ => true,
        };
        if plain && !(type_obj(cls).heap && user_dunder(cls, "__getattribute__").is_some()) {
            if let Some(d @ Value::Object(dobj)) = lookup(cls, name) {
                if matches!(dobj.kind, Kind::Function(_) | Kind::Builtin(_)) {
                    let shadowed = match obj {
                        Value::Object(o) => o
                            .attrs
                            .as_ref()
                            .is_some_and(|a| a.borrow().get(name).is_some()),
                        _ => false,
                    };
                    if !shadowed {
                        return Ok((d, Some(obj)));
                    }
                }
            }
        }
        Ok((self.getattr(obj, name)?, None))
    }
}
