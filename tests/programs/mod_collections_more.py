# collections: more deque, Counter, OrderedDict, ChainMap and namedtuple behaviour.
from collections import deque, Counter, OrderedDict, ChainMap, namedtuple, defaultdict
d = deque(range(10), maxlen=5)
print(d, d.maxlen, d[0], d[-1], len(d))
d.extendleft([100, 200])
print(d)
d.rotate(-7)
print(d, d.index(200), d.count(200))
d2 = deque()
for i in range(1000):
    d2.append(i)
    if i % 3 == 0:
        d2.popleft()
print(len(d2), d2[0], d2[-1], sum(d2))
try:
    deque([1]).index(5)
except ValueError as e:
    print('ValueError:', e)
try:
    deque([1], maxlen=1).insert(0, 2)
except IndexError as e:
    print('IndexError:', e)
try:
    deque()[0]
except IndexError as e:
    print('IndexError:', e)
print(deque([1, 2]) < deque([1, 3]), deque('ab') * 2, list(reversed(deque('abc'))), 'b' in deque('abc'))
dq = deque([1, 2, 3])
dq += [4]
print(dq, deque([1, 2, 3], maxlen=2))
c = Counter(a=3, b=1)
c2 = Counter(a=1, b=2, c=3)
c += c2
print(c, c.total())
c -= Counter(a=10)
print(c)
print(Counter('abcab') <= Counter('aabbcc'), Counter('ab') > Counter('a'), Counter(a=1) | Counter(a=3, b=1))
print(Counter({'a': 2, 'b': -1}).most_common(), list(Counter({'a': 2, 'b': -1}).elements()))
c3 = Counter('hello')
c3.subtract(l=5)
print(c3, +c3, -c3)
try:
    Counter.fromkeys('abc')
except NotImplementedError as e:
    print('NotImplementedError:', e)
od = OrderedDict.fromkeys('abcde')
od.move_to_end('a')
od.move_to_end('e', last=False)
print(list(od), od.popitem(last=False), list(reversed(od)))
od2 = OrderedDict([('x', 1)]) | {'y': 2}
print(od2, OrderedDict() == OrderedDict(), repr(OrderedDict()))
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError:', e)
base = {'a': 1, 'b': 2}
over = {'b': 20, 'c': 30}
cm = ChainMap(over, base)
print(cm['a'], cm['b'], cm['c'], len(cm), sorted(cm), cm.get('z', 0), 'a' in cm)
child = cm.new_child({'a': 100})
print(child['a'], child.parents['a'], child.maps[0])
cm['d'] = 4
print(over, cm)
try:
    del cm['a']
except KeyError as e:
    print('KeyError:', e)
Point3 = namedtuple('Point3', 'x y z', defaults=(0,))
p = Point3(1, 2)
print(p, p._fields, p._field_defaults, Point3._make((4, 5, 6)), p._asdict(), p._replace(z=9))
for bad in [lambda: Point3(), lambda: Point3(1, 2, 3, 4), lambda: Point3(1, 2, w=3), lambda: Point3(1, x=2),
            lambda: p._replace(q=1), lambda: Point3._make([1]), lambda: namedtuple('Bad', 'x x'),
            lambda: namedtuple('Bad', 'x _y'), lambda: namedtuple('Bad', 'x def'), lambda: namedtuple('1x', 'a')]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(namedtuple('R', 'a _b def', rename=True)._fields, Point3.__name__, type(p).__mro__[1].__name__)
x, y, z = p
print(x, y, z, p[0:2], p.index(2), p.count(1), p + (7,), hash(p) == hash((1, 2, 0)))
Emp = namedtuple('Emp', ['name', 'dept'])
staff = [Emp('ann', 'it'), Emp('bob', 'hr'), Emp('cy', 'it')]
by_dept = defaultdict(list)
for e in staff:
    by_dept[e.dept].append(e.name)
print(dict(by_dept), sorted(staff, key=lambda e: e.name, reverse=True)[0])
dd = defaultdict(int, a=1)
print(dd, dd.copy(), dd | {'b': 2}, defaultdict(list).default_factory)
try:
    defaultdict(5)
except TypeError as e:
    print('TypeError:', e)
