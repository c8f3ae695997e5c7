"""Names for type hints. Annotations are not checked at run time, so this module provides the
objects programs write in annotations (subscriptable special forms and aliases with CPython's
reprs), TypeVar, Generic, Protocol, NamedTuple, TypedDict and the helper functions."""

import collections
import sys

__all__ = ['Annotated', 'Any', 'Callable', 'ClassVar', 'Final', 'ForwardRef', 'Generic',
           'Literal', 'Optional', 'Protocol', 'Tuple', 'Type', 'TypeVar', 'Union',
           'AbstractSet', 'ByteString', 'Container', 'Hashable', 'ItemsView', 'Iterable',
           'Iterator', 'KeysView', 'Mapping', 'MappingView', 'MutableMapping',
           'MutableSequence', 'MutableSet', 'Sequence', 'Sized', 'ValuesView', 'Awaitable',
           'AsyncIterator', 'AsyncIterable', 'Coroutine', 'Collection', 'AsyncGenerator',
           'Reversible', 'SupportsAbs', 'SupportsBytes', 'SupportsComplex', 'SupportsFloat',
           'SupportsIndex', 'SupportsInt', 'SupportsRound', 'ChainMap', 'Counter', 'Deque',
           'Dict', 'DefaultDict', 'List', 'OrderedDict', 'Set', 'FrozenSet', 'NamedTuple',
           'TypedDict', 'Generator', 'AnyStr', 'cast', 'final', 'get_args', 'get_origin',
           'get_type_hints', 'NewType', 'no_type_check', 'overload', 'runtime_checkable',
           'Text', 'TYPE_CHECKING', 'Never', 'NoReturn', 'Self', 'LiteralString', 'TypeAlias',
           'TypeGuard', 'ParamSpec', 'Concatenate', 'Unpack', 'TypeVarTuple', 'Required',
           'NotRequired', 'reveal_type', 'assert_never', 'assert_type', 'dataclass_transform',
           'IO', 'TextIO', 'BinaryIO', 'Pattern', 'Match']

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    if type(obj) is type(lambda: 0):
        return obj.__name__
    return repr(obj)


class _Final:
    __slots__ = ()


class _GenericAlias(_Final):
    """`Origin[args]`: what subscripting a typing name returns."""

    def __init__(self, origin, args, name=None, form=None):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name
        self._form = form

    def __repr__(self):
        if self._form == 'Optional':
            return f'typing.Optional[{_type_repr(self.__args__[0])}]'
        if self._form == 'Callable' and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            return f'typing.Callable[{_type_repr(self.__args__[0])}, {_type_repr(self.__args__[1])}]'
        name = self._name or _type_repr(self.__origin__)
        args = ', '.join(_type_repr(a) for a in self.__args__) if self.__args__ else '()'
        return f'typing.{name}[{args}]' if self._name else f'{name}[{args}]'

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if not callable(origin) or isinstance(origin, _SpecialForm):
            raise TypeError(f'Type {self._name} cannot be instantiated; use '
                            f'{getattr(origin, "__name__", origin)}() instead')
        return origin(*args, **kwargs)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self.__origin__, params, self._name, self._form)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError('Subscripted generics cannot be used with class and instance checks')

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _SpecialForm(_Final):
    """Any, Union, Optional, ClassVar, Final, Literal, ...: subscriptable markers."""

    def __init__(self, name, subscript=None):
        self._name = name
        self._subscript = subscript

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._subscript is None:
            raise TypeError(f'{self} is not subscriptable')
        return self._subscript(self, params)

    def __call__(self, *args, **kwds):
        raise TypeError(f'Cannot instantiate {self!r}')

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._name)


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            q = type(None) if q is None else q
            if q not in out:
                out.append(q)
    return tuple(out)


def _union(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    if not params:
        raise TypeError('Cannot take a Union of no types.')
    params = _flatten_union(params)
    if len(params) == 1:
        return params[0]
    if len(params) == 2 and type(None) in params:
        return _GenericAlias(Union, params, 'Union', 'Optional')
    return _GenericAlias(Union, params, 'Union')


def _optional(form, param):
    return _union(form, (param, type(None)))


def _generic_form(form, params):
    return _GenericAlias(form, params, form._name)


def _literal(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    return _GenericAlias(form, params, form._name)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
ClassVar = _SpecialForm('ClassVar', _generic_form)
Final = _SpecialForm('Final', _generic_form)
Literal = _SpecialForm('Literal', _literal)
TypeGuard = _SpecialForm('TypeGuard', _generic_form)
Required = _SpecialForm('Required', _generic_form)
NotRequired = _SpecialForm('NotRequired', _generic_form)
Unpack = _SpecialForm('Unpack', _generic_form)
Concatenate = _SpecialForm('Concatenate', _generic_form)
Annotated = _SpecialForm('Annotated', _generic_form)


class _Alias(_Final):
    """List, Dict, Iterable, ...: a name for a runtime class, subscriptable."""

    def __init__(self, origin, name, form=None):
        self.__origin__ = origin
        self._name = name
        self._form = form

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self.__origin__, params, self._name, self._form)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None or not isinstance(self.__origin__, type):
            raise TypeError(f'Type {self._name} cannot be instantiated')
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _Protocolish:
    """Stands for an abstract collection type pylift does not model as a class."""


Callable = _Alias(_Protocolish, 'Callable', 'Callable')
List = _Alias(list, 'List')
Dict = _Alias(dict, 'Dict')
Set = _Alias(set, 'Set')
FrozenSet = _Alias(frozenset, 'FrozenSet')
Tuple = _Alias(tuple, 'Tuple')
Type = _Alias(type, 'Type')
DefaultDict = _Alias(collections.defaultdict, 'DefaultDict')
OrderedDict = _Alias(collections.OrderedDict, 'OrderedDict')
Counter = _Alias(collections.Counter, 'Counter')
ChainMap = _Alias(collections.ChainMap, 'ChainMap')
Deque = _Alias(collections.deque, 'Deque')
Text = str

for _name in ['AbstractSet', 'ByteString', 'Container', 'Hashable', 'ItemsView', 'Iterable',
              'Iterator', 'KeysView', 'Mapping', 'MappingView', 'MutableMapping',
              'MutableSequence', 'MutableSet', 'Sequence', 'Sized', 'ValuesView', 'Awaitable',
              'AsyncIterator', 'AsyncIterable', 'Coroutine', 'Collection', 'AsyncGenerator',
              'Reversible', 'Generator', 'SupportsAbs', 'SupportsBytes', 'SupportsComplex',
              'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound', 'IO', 'TextIO',
              'BinaryIO', 'Pattern', 'Match', 'ContextManager', 'AsyncContextManager']:
    globals()[_name] = _Alias(_Protocolish, _name)
del _name


class TypeVar(_Final):
    """Type variable: `T = TypeVar('T')`."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


class ParamSpec(TypeVar):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        TypeVar.__init__(self, name, bound=bound, covariant=covariant,
                         contravariant=contravariant)


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


AnyStr = TypeVar('AnyStr', bytes, str)


class Generic:
    """Base class for generic types: `class Box(Generic[T])`."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    """Base class for protocol classes (structural subtyping is not checked)."""
    __slots__ = ()


class ForwardRef(_Final):
    def __init__(self, arg):
        self.__forward_arg__ = arg

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'


class NewType:
    """NewType creates simple unique types with almost zero runtime overhead."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name.rpartition('.')[-1]
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return f'{self.__module__}.{self.__qualname__}'

    def __call__(self, x):
        return x


class _NamedTupleMeta(type):
    def __new__(mcls, typename, bases, ns):
        if not ns.get('_root', False) and NamedTuple in bases:
            types = ns.get('__annotations__', {})
            field_names = list(types)
            defaults = [ns[n] for n in field_names if n in ns]
            nm_tpl = collections.namedtuple(typename, field_names, defaults=defaults,
                                            module=ns.get('__module__', '__main__'))
            nm_tpl.__annotations__ = dict(types)
            for key, value in ns.items():
                if key in ('__module__', '__qualname__', '__annotations__', '_root'):
                    continue
                if key not in field_names and key not in nm_tpl.__dict__ or key == '__doc__':
                    setattr(nm_tpl, key, value)
                elif key not in field_names and key not in ('__slots__', '_fields'):
                    setattr(nm_tpl, key, value)
            return nm_tpl
        return super().__new__(mcls, typename, bases, ns)

    def __call__(cls, typename=None, fields=None, /, **kwargs):
        if cls is not NamedTuple:
            return super().__call__(typename, fields, **kwargs)
        if fields is None:
            fields = kwargs.items()
        fields = list(fields)
        nm_tpl = collections.namedtuple(typename, [n for n, t in fields])
        nm_tpl.__annotations__ = dict(fields)
        return nm_tpl


class NamedTuple(metaclass=_NamedTupleMeta):
    """Typed version of namedtuple: `class P(NamedTuple): x: int`."""
    _root = True


class _TypedDictMeta(type):
    def __new__(mcls, name, bases, ns, total=True):
        if ns.get('_root', False):
            return super().__new__(mcls, name, bases, ns)
        annotations = {}
        for base in bases:
            annotations.update(getattr(base, '__annotations__', {}))
        annotations.update(ns.get('__annotations__', {}))
        tp = super().__new__(mcls, name, (dict,), {k: v for k, v in ns.items()
                                                   if k != '__annotations__'})
        tp.__annotations__ = annotations
        tp.__total__ = total
        return tp

    def __call__(cls, *args, **kwargs):
        if cls is TypedDict:
            name, fields = args[0], (args[1] if len(args) > 1 else kwargs)
            return _TypedDictMeta(name, (), {'__annotations__': dict(fields)},
                                  total=kwargs.get('total', True) if len(args) > 1 else True)
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError('TypedDict does not support instance and class checks')

    __instancecheck__ = __subclasscheck__


class TypedDict(metaclass=_TypedDictMeta):
    """A dict with a fixed set of typed keys (instances are plain dicts)."""
    _root = True


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f'Expected code to be unreachable, but got: {value}')


def reveal_type(obj, /):
    print(f'Runtime type is {type(obj).__name__!r}', file=sys.stderr)
    return obj


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            'You should not call an overloaded function. A series of @overload-decorated '
            'functions outside a stub module should always be followed by an implementation '
            'that is not @overload-ed.')
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    return arg


def no_type_check_decorator(decorator):
    return decorator


def runtime_checkable(cls):
    return cls


def dataclass_transform(**kwargs):
    return lambda cls_or_fn: cls_or_fn


def get_origin(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
        return hints
    return dict(getattr(obj, '__annotations__', {}) or {})
