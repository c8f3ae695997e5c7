# min()/max() stream their argument: each item's key is computed and compared with the best
# so far before the next item is taken, as CPython does.


def noisy(n):
    for i in range(n):
        print("yield", i)
        yield i


def key(v):
    print("key", v)
    return -v if v % 2 else v


print(max(noisy(4), key=key))
print(min(noisy(3)))
print(max(x * 7 % 1000 for x in range(300000)), min(range(5, 300000)))
print(max([3, 1, 3.0, 2]), min([1, 1.0, True]), max("hello"), min("hello", "help", "he"))
print(max([(1, "b"), (1, "a"), (0, "z")]), min([[2], [1, 5], [1]]))
print(max(3, 9, 4), min(3, 9, 4, key=lambda v: -v), max([5], key=str))
print(max([], default="none"), min((), default=None), max([7], default=0))
print(max([1, 2], key=None), min("b", "a", key=None))
words = ["pear", "fig", "apple", "kiwi", "plum"]
print(max(words, key=len), min(words, key=len), max(words, key=lambda w: w[-1]))


class V:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return f"V({self.v})"


print(max(V(i % 5) for i in range(12)), min([V(3), V(1), V(1), V(2)]))
for call in [lambda: max([]), lambda: min(()), lambda: max(), lambda: max(5),
             lambda: max(1, 2, default=0), lambda: max([1, "a"]), lambda: min([V(1), 3]),
             lambda: max([1, 2], key=lambda v: 1 / (v - 2))]:
    try:
        print(call())
    except (TypeError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__ + ":", e)


def junk_keys(n):
    for i in range(n):
        yield [str(j) for j in range(30)], i


print(max(junk_keys(500), key=lambda p: (p[1] * 37) % 101)[1])
