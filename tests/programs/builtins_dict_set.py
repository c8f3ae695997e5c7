# dict and set/frozenset methods, views with set operations, operators and errors.
def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

d = {'a': 1, 'b': 2}
d.update({'c': 3}, d=4)
d.update([('e', 5)])
d.update(f=6)
print(d, d.get('a'), d.get('z'), d.get('z', 0), d.setdefault('a', 9), d.setdefault('g', 7), d)
print(d.pop('g'), d.pop('zz', 'dflt'), d.popitem(), d)
show(d.pop, 'zz')
show({}.popitem)
show(d.update, [1])
show(d.update, [(1, 2, 3)])
print(dict.fromkeys('ab'), dict.fromkeys(['x', 'y'], 0), d.copy() == d, d.copy() is d)
keys = d.keys()
print(keys, d.values(), d.items(), len(keys), 'a' in keys, ('a', 1) in d.items(), 1 in d.values())
print(keys & {'a', 'x'}, keys | {'x'} == {'a', 'b', 'c', 'd', 'e', 'x'}, sorted(keys - {'a'}), sorted(keys ^ {'a', 'q'}))
print(d.items() & {('a', 1)}, keys == {'a', 'b', 'c', 'd', 'e'}, keys <= {'a', 'b', 'c', 'd', 'e', 'z'}, keys.isdisjoint(['q']))
print(list(reversed(d)), list(reversed(d.items())), list(reversed(d.values())))
print(d | {'z': 26}, {'a': 0} | d == d, {1: 1} == {1: 1.0})
e = {'x': 1}
e |= {'y': 2}
e |= [('z', 3)]
print(e)
show(lambda: {} | [])
show(lambda: d['missing'])
try:
    for k in e:
        e['new' + k] = 1
except RuntimeError as err:
    print('RuntimeError:', err)
class Missing(dict):
    def __missing__(self, key):
        return key * 2
print(Missing()['ab'], dict(a=1), dict([('k', 'v')]), dict({'x': 1}, y=2), {**{'a': 1}, 'b': 2})
e.clear()
print(e, len(e))

s = {1, 2, 3}
s.add(4)
s.discard(10)
s.remove(1)
show(s.remove, 10)
print(s, s.pop() in {2, 3, 4}, len(s))
a, b = {1, 2, 3}, {3, 4}
print(a | b, a & b, a - b, a ^ b, a.union([5], (6,)), a.intersection(b, {3}), a.difference(b, {1}), a.symmetric_difference([3, 9]))
print(a <= {1, 2, 3}, a < {1, 2, 3}, a >= {1}, a > {1}, a == {3, 2, 1}, a != b, a.issubset(range(5)), a.issuperset([1]), a.isdisjoint(b))
c = set(a)
c |= {7}
c &= {1, 2, 7}
c -= {1}
c ^= {9, 2}
print(c)
c.update([10], [11])
c.intersection_update({7, 9, 10, 11, 12})
c.difference_update([11])
c.symmetric_difference_update({7, 8})
print(sorted(c), c.copy() == c)
f = frozenset([1, 2])
print(f, f | {3}, type(f | {3}).__name__, type({3} | f).__name__, f.union([4]), frozenset() == set(), {f: 'ok'}[frozenset({2, 1})])
show(lambda: f.add)
show(lambda: {[]})
show(lambda: {} < {})
show(lambda: {1} + {2})
print(set(), frozenset(), set('aab') == {'a', 'b'}, {1, 2} == frozenset([1, 2]), 1 in frozenset([1]))
s.clear()
print(s, {1, 2}.__contains__(1), {1, 2}.__len__(), {1}.__or__({2}))
