# Instances made by compiled code: `Cls(...)` of a plain class runs `__init__` by a direct
# call on a new instance. Every way that can differ from the plain protocol must still give
# CPython's answer: __init__ raising or returning a value, rebinding self, a class changed
# mid-loop (new __init__, a __new__ added), subclasses, wrong argument counts, recursion.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, o):
        return P(self.x + o.x, self.y + o.y)


def walk(n):
    acc = P(0, 0)
    step = P(1, 2)
    for _ in range(n):
        acc = acc.plus(step)
    return acc.x, acc.y


print(walk(3000))


class Checked:
    def __init__(self, v):
        if v < 0:
            raise ValueError("negative: %d" % v)
        self.v = v


def make_all(vals):
    out = []
    for v in vals:
        try:
            out.append(Checked(v).v)
        except ValueError as e:
            out.append(str(e))
    return out


print(make_all(list(range(2000)) + [-5, 7])[-3:])


class Returns:
    def __init__(self, v):
        self.v = v
        if v == 1500:
            return v


def make_returns(n):
    last = None
    for i in range(n):
        try:
            last = Returns(i).v
        except TypeError as e:
            print("TypeError:", e, "after", last)
    return last


print(make_returns(2000))


class Rebinds:
    def __init__(self, v):
        self.v = v
        self = None


def make_rebinds(n):
    total = 0
    for i in range(n):
        total += Rebinds(i).v
    return total


print(make_rebinds(3000))


class Mutable:
    def __init__(self, v):
        self.v = v


def make_mutable(n):
    total = 0
    for i in range(n):
        if i == 1000:

            def other_init(self, v):
                self.v = -v

            Mutable.__init__ = other_init
        if i == 2000:

            def new(cls, v):
                inst = object.__new__(cls)
                inst.v = 1000000
                inst.made = True
                return inst

            Mutable.__new__ = new
        m = Mutable(i)
        total += m.v
    return total, getattr(m, "made", False)


print(make_mutable(3000))


class Base:
    def __init__(self, v):
        self.v = v


class Child(Base):
    pass


class Other(Base):
    def __init__(self, v):
        super().__init__(v * 2)


def make_kinds(n):
    total = 0
    for i in range(n):
        total += Base(i).v + Child(i).v + Other(i).v
    return total


print(make_kinds(2000))


class Two:
    def __init__(self, a, b):
        self.s = a + b


def wrong_args(n):
    total = 0
    for i in range(n):
        total += Two(i, 1).s
    try:
        Two(1)
    except TypeError as e:
        print("TypeError:", e)
    return total


print(wrong_args(2000))


class Node:
    def __init__(self, depth):
        self.kids = [Node(depth - 1), Node(depth - 1)] if depth > 0 else []


def count(node):
    return 1 + sum(count(k) for k in node.kids)


def trees(n):
    total = 0
    for _ in range(n):
        total += count(Node(4))
    return total


print(trees(200))


class Deep:
    def __init__(self, d):
        self.d = d
        self.next = Deep(d - 1) if d > 0 else None


def deep(n):
    for _ in range(n):
        Deep(50)
    try:
        Deep(100000)
    except RecursionError:
        print("RecursionError")


deep(100)
