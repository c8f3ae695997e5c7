# copy, operator, heapq and bisect: less common paths.
import copy, operator, heapq, bisect
from collections import OrderedDict, Counter, namedtuple, defaultdict
class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = [1]
        self.b = 2
s = copy.deepcopy(Slotted())
print(s.a, s.b)
class WithState:
    def __init__(self):
        self.v = [1]
    def __getstate__(self):
        return {'v': self.v, 'extra': 'state'}
    def __setstate__(self, st):
        self.__dict__.update(st) if False else None
        self.v = st['v']
        self.restored = st['extra']
w = copy.deepcopy(WithState())
print(w.v, w.restored)
od = OrderedDict(a=[1])
print(copy.deepcopy(od), copy.copy(Counter('aab')), copy.deepcopy(defaultdict(list, {'k': [1]})))
P = namedtuple('P', 'x y')
print(copy.copy(P(1, [2])), copy.deepcopy(P(1, [2])), copy.deepcopy((1, 2)) == (1, 2))
t = (1, [2])
print(copy.deepcopy(t) is t, copy.deepcopy((1, 2)) is not None, copy.copy(len) is len)
nested = {'a': {'b': {'c': [1, 2]}}}
cp = copy.deepcopy(nested)
cp['a']['b']['c'].append(3)
print(nested, cp)
print(operator.itemgetter(1, 2)('abcd'), operator.attrgetter('real', 'imag')(3), operator.methodcaller('split', ',')('a,b'))
print(operator.attrgetter('__class__.__name__')(3), repr(operator.itemgetter(1)), repr(operator.methodcaller('m', 1, k=2)))
print(operator.length_hint([1, 2]), operator.length_hint(5, 7), operator.call(max, 1, 2))
try:
    operator.indexOf([1], 2)
except ValueError as e:
    print('ValueError:', e)
for name in ['ixor', 'ior', 'iand', 'isub', 'imul', 'ifloordiv', 'imod', 'ipow', 'ilshift', 'irshift', 'itruediv']:
    print(name, getattr(operator, name)(12, 3), end='; ')
print()
h = [(5, 'e'), (1, 'a'), (3, 'c')]
heapq.heapify(h)
print(heapq.heappop(h), heapq.nlargest(1, h), heapq.nsmallest(5, [4, 1, 3], key=lambda v: -v))
print(list(heapq.merge([5, 3, 1], [4, 2], reverse=True)), list(heapq.merge(['a', 'ccc'], ['bb'], key=len)))
print(heapq.heappushpop([], 5), heapq.nsmallest(0, [1]), heapq.nlargest(2, []))
try:
    heapq.heapreplace([], 1)
except IndexError as e:
    print('IndexError:', e)
a = [10, 20, 30]
print(bisect.bisect(a, 20, hi=2), bisect.bisect_left(a, 25, lo=1), bisect.bisect_right([], 1))
bisect.insort(a, 15, lo=0, hi=2)
print(a)
