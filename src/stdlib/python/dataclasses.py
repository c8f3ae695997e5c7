"""Data classes (PEP 557) with CPython 3.11's generated methods and messages. The generated
methods are closures over the field list (pylift has no `exec`), so `__init__` binds its
arguments itself and reports errors in CPython's words. `slots=True` and `weakref_slot` are
accepted and ignored."""

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'make_dataclass', 'replace', 'is_dataclass']

import copy as _copy


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return 'MISSING'


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    def __repr__(self):
        return 'KW_ONLY'


KW_ONLY = _KW_ONLY_TYPE()


class _FieldKind:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FieldKind('_FIELD')
_FIELD_CLASSVAR = _FieldKind('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FieldKind('_FIELD_INITVAR')


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        name = getattr(self.type, '__name__', None) or repr(self.type)
        return f'dataclasses.InitVar[{name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash', 'init',
                 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')

    def __set_name__(self, owner, name):
        func = getattr(type(self.default), '__set_name__', None)
        if func:
            func(self.default, owner, name)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},repr={self.repr!r},eq={self.eq!r},order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},frozen={self.frozen!r})')


def _is_classvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith(('ClassVar', 'typing.ClassVar'))
    return getattr(a_type, '_name', None) == 'ClassVar' or a_type is _typing_classvar()


def _typing_classvar():
    import sys
    typing = sys.modules.get('typing')
    return getattr(typing, 'ClassVar', object()) if typing else object()


def _is_initvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith(('InitVar', 'dataclasses.InitVar'))
    return a_type is InitVar or isinstance(a_type, InitVar)


def _is_kw_only(a_type):
    return a_type is KW_ONLY or (isinstance(a_type, str) and
                                 a_type in ('KW_ONLY', 'dataclasses.KW_ONLY'))


def _get_field(cls, a_name, a_type, default_kw_only):
    default = cls.__dict__.get(a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _is_classvar(a_type):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(a_type):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a default factory')
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        f.kw_only = False
    if f._field_type is _FIELD and f.default is not MISSING:
        if isinstance(f.default, (list, dict, set)) or type(f.default).__hash__ is None:
            raise ValueError(f'mutable default {type(f.default)} for field '
                             f'{f.name} is not allowed: use default_factory')
    return f


def _fmt_names(names):
    names = [repr(n) for n in names]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f'{names[0]} and {names[1]}'
    return ', '.join(names[:-1]) + f', and {names[-1]}'


def _make_init(cls, fields, std_fields, kw_only_fields, frozen, has_post_init):
    qualname = f'{cls.__qualname__}.__init__'
    positional = [f.name for f in std_fields]
    all_init = std_fields + kw_only_fields
    by_name = {f.name: f for f in all_init}
    npos = len(positional)
    nrequired = len([f for f in std_fields
                     if f.default is MISSING and f.default_factory is MISSING])
    setter = object.__setattr__ if frozen else None
    initvars = [f.name for f in fields if f._field_type is _FIELD_INITVAR]

    def __init__(self, *args, **kwargs):
        if len(args) > npos:
            if nrequired == npos:
                takes = f'{npos + 1} positional argument{"" if npos == 0 else "s"}'
            else:
                takes = f'from {nrequired + 1} to {npos + 1} positional arguments'
            raise TypeError(f'{qualname}() takes {takes} but {len(args) + 1} were given')
        values = dict(zip(positional, args))
        for key, value in kwargs.items():
            if key not in by_name:
                raise TypeError(f"{qualname}() got an unexpected keyword argument '{key}'")
            if key in values:
                raise TypeError(f"{qualname}() got multiple values for argument '{key}'")
            values[key] = value
        missing_pos = [f.name for f in std_fields if f.name not in values
                       and f.default is MISSING and f.default_factory is MISSING]
        if missing_pos:
            s = '' if len(missing_pos) == 1 else 's'
            raise TypeError(f'{qualname}() missing {len(missing_pos)} required positional '
                            f'argument{s}: {_fmt_names(missing_pos)}')
        missing_kw = [f.name for f in kw_only_fields if f.name not in values
                      and f.default is MISSING and f.default_factory is MISSING]
        if missing_kw:
            s = '' if len(missing_kw) == 1 else 's'
            raise TypeError(f'{qualname}() missing {len(missing_kw)} required keyword-only '
                            f'argument{s}: {_fmt_names(missing_kw)}')
        for f in fields:
            if f._field_type is not _FIELD:
                continue
            if f.init and f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.init:
                value = f.default
            else:
                continue
            if setter is None:
                setattr(self, f.name, value)
            else:
                setter(self, f.name, value)
        if has_post_init:
            args = []
            for name in initvars:
                if name in values:
                    args.append(values[name])
                else:
                    args.append(by_name[name].default)
            self.__post_init__(*args)
    __init__.__qualname__ = qualname
    return __init__


def _tuple_of(obj, fields):
    return tuple(getattr(obj, f.name) for f in fields)


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, '__dataclass_fields__', None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, '__dataclass_params__').frozen:
                any_frozen_base = True
    cls_annotations = cls.__dict__.get('__annotations__', {})
    cls_fields = []
    kw_only_now = kw_only
    for name, a_type in cls_annotations.items():
        if _is_kw_only(a_type):
            kw_only_now = True
            continue
        cls_fields.append(_get_field(cls, name, a_type, kw_only_now))
    for f in cls_fields:
        fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order, unsafe_hash, frozen)

    all_fields = list(fields.values())
    real = [f for f in all_fields if f._field_type is _FIELD]
    init_fields = [f for f in all_fields if f._field_type in (_FIELD, _FIELD_INITVAR) and f.init]
    std_fields = [f for f in init_fields if not f.kw_only]
    kw_only_fields = [f for f in init_fields if f.kw_only]

    if init:
        seen_default = False
        for f in std_fields:
            if not (f.default is MISSING and f.default_factory is MISSING):
                seen_default = True
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
        has_post_init = hasattr(cls, '__post_init__')
        _set_new_attribute(cls, '__init__',
                           _make_init(cls, all_fields, std_fields, kw_only_fields, frozen,
                                      has_post_init))

    repr_fields = [f for f in real if f.repr]
    if repr:
        def __repr__(self):
            key = (id(self), '__repr__')
            if key in _repr_running:
                return '...'
            _repr_running.add(key)
            try:
                inner = ', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in repr_fields)
            finally:
                _repr_running.discard(key)
            return f'{self.__class__.__qualname__}({inner})'
        __repr__.__qualname__ = f'{cls.__qualname__}.__repr__'
        _set_new_attribute(cls, '__repr__', __repr__)

    cmp_fields = [f for f in real if f.compare]
    if eq:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, cmp_fields) == _tuple_of(other, cmp_fields)
            return NotImplemented
        _set_new_attribute(cls, '__eq__', __eq__)

    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')

        def make(op_name, op):
            def method(self, other):
                if other.__class__ is self.__class__:
                    return op(_tuple_of(self, cmp_fields), _tuple_of(other, cmp_fields))
                return NotImplemented
            method.__name__ = op_name
            return method
        for op_name, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                            ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if _set_new_attribute(cls, op_name, make(op_name, op)):
                raise TypeError(f'Cannot overwrite attribute {op_name} in class '
                                f'{cls.__name__}. Consider using functools.total_ordering')

    if frozen:
        field_names = {f.name for f in all_fields}

        def __setattr__(self, name, value):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot assign to field {name!r}')
            super(cls, self).__setattr__(name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot delete field {name!r}')
            super(cls, self).__delattr__(name)
        for name, fn in (('__setattr__', __setattr__), ('__delattr__', __delattr__)):
            if _set_new_attribute(cls, name, fn):
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}')

    hash_fields = [f for f in real if (f.compare if f.hash is None else f.hash)]
    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))

    def __hash__(self):
        return hash(_tuple_of(self, hash_fields))
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')
        cls.__hash__ = __hash__
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = __hash__
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None

    if not getattr(cls, '__doc__'):
        cls.__doc__ = cls.__name__ + '(' + ', '.join(f.name for f in init_fields) + ')'
    if match_args:
        _set_new_attribute(cls, '__match_args__', tuple(f.name for f in std_fields))
    return cls


_repr_running = set()


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    """Adds generated special methods to a class from its annotated fields."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                              kw_only)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fields = getattr(class_or_instance, '__dataclass_fields__')
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            value = _asdict_inner(getattr(obj, f.name), dict_factory)
            result.append((f.name, value))
        return dict_factory(result)
    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    elif isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    elif isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    else:
        return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    elif isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    elif isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    else:
        return _copy.deepcopy(obj)


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, '__dataclass_fields__').values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, it cannot be '
                                 'specified with replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True, repr=True,
                   eq=True, order=False, unsafe_hash=False, frozen=False, match_args=True,
                   kw_only=False, slots=False, weakref_slot=False):
    namespace = {} if namespace is None else dict(namespace)
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            namespace[name] = spec
        annotations[name] = tp
    namespace['__annotations__'] = annotations
    cls = type(cls_name, bases, namespace)
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash,
                     frozen=frozen, match_args=match_args, kw_only=kw_only)
