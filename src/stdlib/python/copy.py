"""Generic (shallow and deep) copying operations (Lib/copy.py 3.11 semantics). Instances of
user classes are copied through `__copy__`/`__deepcopy__` when defined, otherwise by creating
an empty instance with `cls.__new__(cls)` and copying its state (`__getstate__`/`__setstate__`
when defined, else the attribute dict)."""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, bytes, type, range, slice, property,
           type(Ellipsis), type(NotImplemented), type(len), type(lambda: 0))


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        return x
    if cls in (list, dict, set, bytearray):
        return x.copy()
    if cls in (tuple, frozenset):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            y = tuple(y)
            break
    else:
        y = x
    return y


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_set(x, memo):
    y = set()
    memo[id(x)] = y
    for a in x:
        y.add(deepcopy(a, memo))
    return y


def _deepcopy_frozenset(x, memo):
    return frozenset(deepcopy(a, memo) for a in x)


def _deepcopy_method(x, memo):
    return type(x)(x.__func__, deepcopy(x.__self__, memo))


_deepcopy_dispatch = {t: _deepcopy_atomic for t in _atomic}
_deepcopy_dispatch[list] = _deepcopy_list
_deepcopy_dispatch[tuple] = _deepcopy_tuple
_deepcopy_dispatch[dict] = _deepcopy_dict
_deepcopy_dispatch[set] = _deepcopy_set
_deepcopy_dispatch[frozenset] = _deepcopy_frozenset


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _slot_names(cls):
    names = []
    for c in cls.__mro__:
        slots = c.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ('__dict__', '__weakref__') and name not in names:
                names.append(name)
    return names


def _reconstruct(x, memo):
    """Copies an instance: the builtin part (list/dict/set/tuple subclass contents) and its
    attributes, deep when `memo` is given."""
    deep = memo is not None
    cls = type(x)
    if isinstance(x, tuple):
        items = [deepcopy(a, memo) for a in x] if deep else list(x)
        y = tuple.__new__(cls, items) if cls.__new__ is tuple.__new__ else cls.__new__(cls, *items)
        if deep:
            memo[id(x)] = y
    else:
        y = cls.__new__(cls)
        if deep:
            memo[id(x)] = y
        if isinstance(x, list):
            y.extend(deepcopy(a, memo) for a in x) if deep else y.extend(x)
        elif isinstance(x, dict):
            for key, value in dict.items(x):
                if deep:
                    key, value = deepcopy(key, memo), deepcopy(value, memo)
                dict.__setitem__(y, key, value)
        elif isinstance(x, set):
            for a in x:
                y.add(deepcopy(a, memo) if deep else a)
    getstate = getattr(x, '__getstate__', None)
    if getstate is not None and getattr(cls, '__getstate__', None) is not getattr(object, '__getstate__', None):
        state = getstate()
    else:
        state = getattr(x, '__dict__', None)
        slots = {name: getattr(x, name) for name in _slot_names(cls) if hasattr(x, name)}
        if slots:
            state = (state, slots)
    if state:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__') and getattr(cls, '__setstate__', None) is not None:
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state:
                for key, value in state.items():
                    object.__setattr__(y, key, value)
            if slotstate:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    return y
