# list and tuple methods: sort stability and errors, index/count ranges, mutation.
def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

l = [5, 3, 8, 1, 9, 2]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana']
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(i % 3, i) for i in range(12)]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
show([3, 'a'].sort)
show([1, 2].sort, lambda x: x)
m = [3, 1, 2]
def bad_key(x):
    m.append(x)
    return x
show(m.sort, key=bad_key)
print(len(m) >= 3)
print([1, 2, 3, 2, 1].index(2), [1, 2, 3, 2, 1].index(2, 2), [1, 2, 3, 2, 1].index(1, -2), [1, 2, 3].index(3, 0, 3))
show([1, 2, 3].index, 4)
show([1, 2, 3].index, 3, 0, 2)
print([1, 2, 2, 2.0, True].count(2), [1, 2, 2, 2.0, True].count(1), [[1], [1]].count([1]))
l = [1, 2, 3]
c = l.copy()
c.append(4)
print(l, c, l.pop(), l.pop(0), l)
show([].pop)
show([1].pop, 5)
l = ['a', 'b', 'c']
l.insert(1, 'x')
l.insert(-1, 'y')
l.insert(100, 'z')
l.insert(-100, 'w')
print(l)
l.remove('x')
show(l.remove, 'nope')
l.reverse()
print(l)
l.extend('pq')
l.extend(range(2))
l += (7,)
print(l)
l.clear()
print(l, l == [], [] < [1], [1, 2] < [1, 3], [2] > [1, 9], [1, [2]] == [1, [2]])
nan = float('nan')
print([nan] == [nan], [nan].count(nan), nan in [nan], [nan].index(nan))
t = (1, 2, 3, 2)
print(t.index(2), t.index(2, 2), t.count(2), t + (4,), t * 2, t[1:], t[::-1], (1,) * 0)
show(t.index, 9)
print([1, 2] * 2, [[]] * 3, [0] * -1, list(range(3)) + [3])
show(lambda: [1] + (2,))
show(lambda: (1,) + [2])
show(lambda: [1] * 'a')
a = [1, 2, 3, 4, 5]
a[1:3] = ['x']
print(a)
a[::2] = [0, 0]
print(a)
del a[::2]
print(a)
show(a.__setitem__, slice(None, None, 2), [1, 2, 3])
print([1, 2, 3].__len__(), [1, 2].__contains__(2), [5, 6].__getitem__(-1), sorted([3, 1, 2], reverse=True))
big = list(range(100))
big.sort(key=lambda x: (x % 10, -x))
print(big[:12])
