from collections.abc import Mapping, MutableMapping, Sequence, Iterable, MutableSet
import collections.abc
import collections
class Frozen(Mapping):
    def __init__(self, d): self._d = dict(d)
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
f = Frozen({'a': 1, 'b': 2})
print(f.get('a'), f.get('z', 0), 'a' in f, sorted(f.keys()), sorted(f.items()), sorted(f.values()), f == {'a': 1, 'b': 2})
class Store(MutableMapping):
    def __init__(self): self._d = {}
    def __getitem__(self, k): return self._d[k]
    def __setitem__(self, k, v): self._d[k] = v
    def __delitem__(self, k): del self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
s = Store(); s.update(x=1, y=2); s.setdefault('z', 3)
print(dict(s), s.pop('x'), len(s), s.popitem())
class Rng(Sequence):
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if i >= self.n: raise IndexError
        return i * i
    def __len__(self): return self.n
r = Rng(5)
print(list(r), 9 in r, r.index(16), r.count(4), list(reversed(r)))
try:
    Mapping()
except TypeError as e:
    print(e)
print(issubclass(Store, MutableMapping), collections.abc.Hashable.__name__, collections.OrderedDict is not None)
