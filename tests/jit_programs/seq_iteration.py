# `for` over lists and tuples and unpacking of tuples and lists run by compiled code without
# writing its unboxed values back; every other iterable and length takes the generic path.


class MyList(list):
    def __getitem__(self, i):
        return 0


def total(items):
    s = 0
    for x in items:
        s += x
    return s


def pairs(ps):
    acc = 0.0
    for a, b in ps:
        acc += a * b
    return acc


def grow(items):
    n = 0
    for x in items:
        n += 1
        if n < 5:
            items.append(x)
    return n


print(total([1, 2, 3] * 100), total((4, 5, 6) * 100), total(range(300)))
print(total(MyList([1, 2, 3])), total({7: 1, 8: 2}), total(x for x in [1, 2]), total("") if False else 0)
print(pairs([(1.5, 2.0), [3.0, 4.0]] * 100))
print(grow([1, 2, 3]))
it = iter([10, 20, 30])
print(total(it), total(it))
for bad in [[(1, 2, 3)], [(1,)], [[1, 2, 3]], [5], ["ab"], [{1: 2, 3: 4}]]:
    try:
        print(pairs(bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def swap(n):
    a, b = 1, 2
    for i in range(n):
        a, b = b, a
        c, d = [a, b]
    return a, b, c, d


print(swap(301))


class Squares:
    def __getitem__(self, i):
        if i >= 6:
            raise IndexError(i)
        return i * i


def shrink(items):
    seen = []
    for x in items:
        seen.append(x)
        if len(items) > 3:
            items.pop()
    return seen


def resume(n):
    out = 0
    for _ in range(n):
        src = [1, 2, 3, 4]
        it = iter(src)
        first = next(it)
        for x in it:
            out += x * first
        src.append(99)
        out += sum(1 for _ in it)
        try:
            next(it)
        except StopIteration:
            out += 1
    return out


print(total(reversed([1, 2, 3] * 50)), total(Squares()), total(iter(Squares())))
print(shrink(list(range(10))), shrink([5, 6]))
print(resume(300))


class Pair(tuple):
    def __iter__(self):
        return iter((100, 200))


def unpack_mixed(items):
    acc = 0
    for it in items:
        a, b = it
        acc += a - b
    return acc


print(unpack_mixed([(5, 3)] * 200 + [Pair((1, 2)), [7, 1], (9, 8)]))
for bad in [[(1, 2, 3)], [()], [(1,)], [7]]:
    try:
        print(unpack_mixed([(5, 3)] * 200 + bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
