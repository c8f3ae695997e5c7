# Binary operators whose left operand's class defines the dunder in Python run it as a frame
# of the dispatch loop; NotImplemented, reflected methods, subclasses, in-place fallbacks,
# errors and tracebacks must behave exactly as the general protocol.
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented

    def __sub__(self, o):
        return V(self.x - o.x)

    def __mul__(self, k):
        return V(self.x * k)

    def __repr__(self):
        return f"V({self.x})"


class W:
    def __radd__(self, o):
        return f"W.__radd__({o!r})"


class SubV(V):
    def __radd__(self, o):
        return f"SubV.__radd__({o!r})"

    def __add__(self, o):
        return f"SubV.__add__({o!r})"


a, b = V(1), V(2)
print(a + b, a - b, a * 3, a + 5)
print(a + W())
print(a + SubV(7))
try:
    a + "s"
except TypeError as e:
    print("TypeError:", e)
c = V(10)
c += V(1)
print(c)
c -= V(4)
print(c)


class I:
    def __init__(self):
        self.log = []

    def __iadd__(self, o):
        self.log.append(o)
        return self

    def __add__(self, o):
        return "plain add"


i = I()
i += 1
i += 2
print(i.log, i + 1)


class Gen:
    def __add__(self, o):
        yield o


print(list(Gen() + 4))


class Bad:
    def __add__(self, o, extra):
        return 0


try:
    Bad() + 1
except TypeError as e:
    print("TypeError:", e)


class Raises:
    def __mul__(self, o):
        raise ValueError("no mul")


try:
    Raises() * 2
except ValueError as e:
    print("ValueError:", e)


class Deep:
    def __add__(self, o):
        return self + o


try:
    Deep() + 1
except RecursionError:
    print("RecursionError")
total = V(0)
for k in range(1000):
    total = total + V(k) * 2
print(total)
