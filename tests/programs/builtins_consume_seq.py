# sum, min, max, any and all read exact lists and tuples in place (no iterator object): subclasses
# keep their __iter__, a list grown while it is consumed is read to its new end, objects stay alive.
class L(list):
    def __iter__(self):
        return iter([100, 200])

class T(tuple):
    def __iter__(self):
        return iter((7,))

print(sum([1, 2, 3]), sum((1, 2, 3)), sum(L([1, 2])), sum(T((1, 2))), sum([], 5))
print(sum([[1], [2]], []), sum(([1], [2]), [0]), sum([1.5, 2, 3]), sum([2**62, 2**62, 1]))
print(max([3, 1, 2]), min((3, 1, 2)), max(L([1, 2])), min(T((5, 6))), max(3, 9, 4), min(3, 9, 4))
print(max(["b", "a", "c"]), min([2, 1.5, 3]), max([1, 2**70]), min([True, 0, -1]))
print(max([1, 3, 3.0], key=lambda v: -v), min([], default="empty"), max((), default=None))
print(max([(1, 'b'), (1, 'a')]), min([3, 1, 2], key=lambda v: v % 3))
print(any([0, 0, 3]), all([1, 1, 0]), any(()), all(()), any(L([0])), all(T((0,))))

class Grow:
    def __init__(self, lst, v):
        self.lst, self.v = lst, v
    def __add__(self, other):
        return self
    def __radd__(self, other):
        if len(self.lst) < 6:
            self.lst.append(Grow(self.lst, self.v + 1))
        return other + self.v
lst = []
lst.append(Grow(lst, 1))
print(sum(lst), len(lst))

seen = []
def key(v):
    seen.append(v)
    if len(data) < 5:
        data.append(v + 10)
    return v
data = [1, 2]
print(max(data, key=key), seen)

class B:
    def __bool__(self):
        items.append(1)
        return False
items = [B()]
print(any(items), len(items))

def g():
    yield 1
    yield 2
print(sum(g()), max(g()), min(x * 2 for x in range(5)), any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))
try:
    sum([1, "a"])
except TypeError as e:
    print(e)
try:
    max([1, "a"])
except TypeError as e:
    print(e)
try:
    min([])
except ValueError as e:
    print(e)
try:
    sum(5)
except TypeError as e:
    print(e)
try:
    any(5)
except TypeError as e:
    print(e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
def big():
    for i in range(300):
        yield 2**70 + i
        [str(j) for j in range(20)]
print(sum(big()), sum(big(), 2**80))
def strs():
    for i in range(300):
        yield "s%d" % i
        [str(j) for j in range(20)]
print(max(strs()), min(strs(), key=lambda s: s[::-1]), max(strs(), key=lambda s: (len(s), s)))
print(max([str(i) for i in range(200)], key=lambda s: [s] * 3))
print(sum([[i] for i in range(100)], []) [-3:])
