# functools: partial, lru_cache details, singledispatch, cached_property, total_ordering.
import functools
from functools import partial, lru_cache, singledispatch, cached_property, total_ordering, reduce
p = partial(int, base=16)
print(p('ff'), p.func is int, p.args, p.keywords, p('10', base=2))
pp = partial(partial(max, 5), 9)
print(pp(1), pp.args, callable(pp))
@lru_cache(maxsize=3)
def sq(x):
    return x * x
for v in [1, 2, 3, 1, 4, 2, 1]:
    sq(v)
print(sq.cache_info(), sq.cache_parameters())
@lru_cache(maxsize=None, typed=True)
def ident(x):
    return (x, type(x).__name__)
print(ident(1), ident(1.0), ident(True), ident.cache_info().currsize)
@lru_cache(maxsize=0)
def nocache(x):
    return x
nocache(1); nocache(1)
print(nocache.cache_info())
@functools.cache
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)
print(fact(30), fact.cache_info().misses, fact.__name__, fact.__wrapped__(3))
@singledispatch
def show(x):
    return f'object {x!r}'
@show.register(int)
def _(x):
    return f'int {x}'
@show.register(list)
def _(x):
    return f'list of {len(x)}'
print(show(1), show(True), show([1, 2]), show('s'), show.dispatch(bool).__name__ if hasattr(show.dispatch(bool), '__name__') else '')
class Data:
    def __init__(self):
        self.calls = 0
    @cached_property
    def total(self):
        self.calls += 1
        return 42
d = Data()
print(d.total, d.total, d.calls)
@total_ordering
class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, o):
        return self.n == o.n
    def __gt__(self, o):
        return self.n > o.n
print(V(1) < V(2), V(2) <= V(2), V(3) >= V(4), V(1) > V(0))
try:
    @total_ordering
    class Nope:
        pass
except ValueError as e:
    print('ValueError:', e)
print(reduce(lambda a, b: a + b, [[1], [2], [3]]), reduce(lambda a, b: a * b, [], 1))
def deco(fn):
    @functools.wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner
@deco
def documented(x):
    """Docs here."""
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__ is not None, documented(5))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
try:
    partial(5)
except TypeError as e:
    print('TypeError:', e)
