# Operators on instances run the class's Python method by a direct call from compiled code
# (`a - b` is `type(a).__sub__(a, b)`). What the full protocol does must not change: the
# reflected method of a subclass first, NotImplemented falling back to the reflected method
# or to TypeError, in-place methods, methods replaced mid-loop, and unary operators.
import math


class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        if isinstance(k, V):
            return NotImplemented
        return V(self.x * k, self.y * k)

    def __neg__(self):
        return V(-self.x, -self.y)

    def norm(self):
        return math.sqrt(self.x * self.x + self.y * self.y)


def sweep(n):
    acc = V(0.0, 0.0)
    d = V(0.5, -0.25)
    for i in range(n):
        acc = acc + d * 2.0 - (-d)
        if i % 1000 == 999:
            acc = acc * 0.5
    return round(acc.x, 6), round(acc.y, 6), round(acc.norm(), 6)


print(sweep(5000))


def not_implemented(n):
    a, b = V(1, 2), V(3, 4)
    caught = 0
    for i in range(n):
        a = a + b
        if i == n - 1:
            try:
                a * b
            except TypeError as e:
                print("TypeError:", e)
                caught += 1
    return a.x, a.y, caught


print(not_implemented(3000))


class W(V):
    def __radd__(self, o):
        return "W.__radd__"


def subclass_first(n):
    out = None
    v = V(1, 1)
    for i in range(n):
        out = v + (W(2, 2) if i == n - 1 else V(0, 0))
    return out


print(subclass_first(3000))


class Other:
    def __radd__(self, o):
        return "Other.__radd__"


class Picky(V):
    def __add__(self, o):
        if isinstance(o, Other):
            return NotImplemented
        return Picky(self.x + o.x, self.y + o.y)


def reflected_after(n):
    p = Picky(0, 0)
    out = None
    for i in range(n):
        if i == n - 1:
            out = p + Other()
        else:
            p = p + p
    return out, p.x


print(reflected_after(3000))


class Acc:
    def __init__(self):
        self.n = 0

    def __iadd__(self, k):
        self.n += k
        return self

    def __add__(self, k):
        raise AssertionError("in-place must win")


def inplace(n):
    a = Acc()
    for i in range(n):
        a += i
    return a.n


print(inplace(3000))


class Mut:
    def __init__(self, v):
        self.v = v

    def __sub__(self, o):
        return Mut(self.v - o.v)


def replaced(n):
    m, one = Mut(0), Mut(1)
    for i in range(n):
        if i == 2000:
            Mut.__sub__ = lambda self, o: Mut(self.v + 100 * o.v)
        m = m - one
    return m.v


print(replaced(3000))


def mixed(n):
    total = 0.0
    for i in range(n):
        v = V(float(i), 1.0) if i % 3 else 2.0
        w = v * 3.0
        total += w.x if isinstance(w, V) else w
    return total


print(mixed(3000))


def raises(n):
    v = V(1, 1)
    for i in range(n):
        v = v + V(1, 1)
    try:
        v + 5
    except AttributeError as e:
        print("AttributeError:", e)
    return v.x


print(raises(3000))
