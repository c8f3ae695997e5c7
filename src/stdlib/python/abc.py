"""Abstract Base Classes (PEP 3119): ABCMeta, ABC and abstractmethod. Instantiating a class
with abstract methods left raises CPython 3.11's TypeError. `register` records virtual
subclasses for `issubclass`/`isinstance` through ABCMeta's `__subclasscheck__` and
`__instancecheck__`."""


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractclassmethod(callable):
    """A classmethod that is also abstract (deprecated spelling)."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """A staticmethod that is also abstract (deprecated spelling)."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """A property that is also abstract (deprecated spelling)."""
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    if isinstance(value, property):
        return any(getattr(f, '__isabstractmethod__', False)
                   for f in (value.fget, value.fset, value.fdel))
    if isinstance(value, (classmethod, staticmethod)):
        return getattr(getattr(value, '__func__', None), '__isabstractmethod__', False)
    return False


def _compute_abstracts(cls):
    abstracts = {name for name, value in cls.__dict__.items() if _is_abstract(value)}
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    return frozenset(abstracts)


def _create(cls, args, kwargs):
    """What `type.__call__` does: `__new__`, then `__init__` on an instance of `cls`."""
    if cls.__new__ is object.__new__:
        obj = object.__new__(cls)
    else:
        obj = cls.__new__(cls, *args, **kwargs)
    if isinstance(obj, cls):
        if cls.__init__ is object.__init__:
            if args or kwargs:
                raise TypeError(f'{cls.__name__}() takes no arguments')
        else:
            obj.__init__(*args, **kwargs)
    return obj


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _compute_abstracts(cls)
        cls._abc_registry = []
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            if ((args or kwargs) and cls.__init__ is object.__init__
                    and cls.__new__ is object.__new__):
                raise TypeError(f'{cls.__name__}() takes no arguments')
            names = sorted(abstracts)
            s = 's' if len(names) > 1 else ''
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} "
                            f"with abstract method{s} {', '.join(names)}")
        return _create(cls, args, kwargs)

    def register(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('Can only register classes')
        if issubclass(subclass, cls):
            return subclass
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, '__mro__', ()):
            return True
        hook = cls.__dict__.get('__subclasshook__')
        if hook is not None:
            ok = hook.__get__(None, cls)(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for scls in type.__subclasses__(cls):
            if issubclass(subclass, scls):
                return True
        return False


def update_abstractmethods(cls):
    """Recalculate the set of abstract methods of an abstract class."""
    if hasattr(cls, '__abstractmethods__'):
        cls.__abstractmethods__ = _compute_abstracts(cls)
    return cls


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()


def get_cache_token():
    return 0
