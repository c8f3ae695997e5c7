# Fast paths of the runtime: zip/enumerate/dict items make tuples without vectors, sum adds
# ints and floats inline, upper()/lower() map short ASCII text on the stack, and a for loop
# resumes generators in the dispatch loop but treats other iterators as before.


def gen(n):
    for i in range(n):
        yield i * i


class Boom:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError("boom")


# zip: pairs, triples, many iterables, generators, strictness and errors
print(list(zip([1, 2, 3], "abc")))
print(list(zip(range(3), gen(5), "xyz")))
print(list(zip(*[range(i, i + 3) for i in range(6)])))
print(list(zip()))
print(list(zip([1, 2], [])))
for args in ([[1, 2], [3]], [[1], [2, 3]], [[1, 2], [3, 4], [5]], [[1], [2], [3, 4]], [[], [1], [2]]):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError:", e)
try:
    list(zip([1, 2], Boom()))
except ValueError as e:
    print("ValueError:", e)
z = zip(gen(3), gen(4))
print(next(z), next(z), list(z))

# zip that runs Python code between items, with garbage made meanwhile
def noisy(n):
    for i in range(n):
        junk = [str(j) * 3 for j in range(50)]
        yield (i, len(junk))

print(sum(a + b[1] for a, b in zip(range(1000), noisy(1000))))

# enumerate and dict items
d = {f"k{i}": i for i in range(6)}
del d["k2"]
d["k9"] = 9
print(list(enumerate(d)))
print(list(enumerate(d.items(), 5)))
print([(k, v) for k, v in d.items()])
print(d.popitem(), d)

# sum: ints, overflow into big ints, floats (plain addition), mixed, start values, objects
print(sum(range(100)))
print(sum([2**62, 2**62, 2**62, -(2**63)]))
print(sum([-(2**63), -1]))
print(sum([0.1] * 10))
print(sum([1, 0.5, 2, 0.25]))
print(sum([-0.0]), sum([-0.0], -0.0))
print(sum([True, True, 3]))
print(sum([[1], [2]], []))
print(sum(gen(10), 1000))
print(sum((x / 3 for x in range(10)), 0.5))
try:
    sum([1, "a"])
except TypeError as e:
    print("TypeError:", e)
print(sum([1.5, 2**70]))

# upper/lower: ASCII short and long, unchanged, non-ASCII, subclasses
for t in ["", "abc", "ABC", "MiXeD_09-", "x" * 30, "y" * 31, "Ab" * 40, "ß straße", "ǅǆ", "İi", "ﬁ"]:
    print(repr(t.upper()), repr(t.lower()))


class S(str):
    pass


u = S("abc")
print(type(u.upper()).__name__, type(u.lower()).__name__)

# for loops over generators, lists and dict iterators
total = 0
for v in gen(5):
    for w in [v, v]:
        total += w
print(total)
print([v for v in gen(4)], [k for k in {"a": 1, "b": 2}])
