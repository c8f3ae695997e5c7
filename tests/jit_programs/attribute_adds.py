# Attribute adds in compiled `__init__`s: made in place when the instance has the shape the
# site last added from and room for one more value; every other case goes the long way.


class P:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z


class Q(P):
    pass


class Grow:
    def __init__(self, n):
        self.a = n
        if n % 3 == 0:
            self.b = n * 2
        self.c = n + 1
        if n % 5 == 0:
            self.d = -n
            self.e = str(n)


class Slotted:
    __slots__ = ("u", "v")

    def __init__(self, u, v):
        self.u = u
        self.v = v


class Pre:
    def __init__(self, k):
        self.k = k


def make(n):
    out = []
    for i in range(n):
        p = P(i, i * 0.5, str(i))
        out.append(p)
        if i % 7 == 0:
            q = Q(i, None, [i])
            out.append(q)
    return out


def grow(n):
    total = 0
    seen = []
    for i in range(n):
        g = Grow(i)
        total += g.a + g.c + getattr(g, "b", 0) + getattr(g, "d", 0)
        if i % 97 == 0:
            seen.append(sorted(vars(g).items()))
    return total, seen


def reinit(n):
    # The same instance through `__init__` again: its attributes exist, so the adds replace.
    p = P(0, 0, 0)
    for i in range(n):
        P.__init__(p, i, -i, i * 2)
    return vars(p)


def deleted(n):
    # An instance whose attribute was deleted has another shape before the add.
    acc = 0
    for i in range(n):
        p = Pre(i)
        del p.k
        p.k = i + 1
        acc += p.k
    return acc


def slotted(n):
    acc = 0
    for i in range(n):
        s = Slotted(i, i + 1)
        acc += s.u * s.v
    try:
        s.w = 1
    except AttributeError as e:
        print("AttributeError:", e)
    return acc


objs = make(3000)
print(len(objs), vars(objs[0]), vars(objs[1]), type(objs[-1]).__name__)
print(sum(o.x for o in objs), objs[2999 + 3000 // 7].z if len(objs) > 3428 else None)
print(grow(3000))
print(reinit(3000))
print(deleted(3000))
print(slotted(3000))
late = P(1, 2, 3)
late.w = 4
P.extra = 5
print(vars(late), P(7, 8, 9).extra, vars(P(7, 8, 9)))
