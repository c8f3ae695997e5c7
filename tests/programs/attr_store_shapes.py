# Adding attribute stores through one inline cache (StoreAdd): instances that reach the site
# with other shapes, deletions, class changes that must invalidate the cached transition,
# __slots__, __setattr__ added later and subclasses.


class P:
    def __init__(self, x, y, z=None):
        self.x = x
        self.y = y
        if z is not None:
            self.z = z
        else:
            self.w = 0


def make(n):
    return [P(i, i * 2, i if i % 3 == 0 else None) for i in range(n)]


ps = make(9)
print([sorted(vars(p)) for p in ps[:4]])
print(sum(p.x + p.y for p in ps), sum(getattr(p, "z", 0) for p in ps))


def tag(o, v):
    o.tag = v


a, b = P(1, 2), P(3, 4)
tag(a, "first")
del b.x
tag(b, "second")
b.x = 30
tag(a, "again")
print(vars(a), vars(b))

for i in range(4):
    tag(P(i, i), i)
P.tag = property(lambda self: "from property")
try:
    tag(P(0, 0), "blocked")
except AttributeError:
    print("AttributeError: the property has no setter")
del P.tag
q = P(5, 6)
tag(q, "back")
print(q.tag)


class Logged(P):
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


for i in range(3):
    tag(P(i, i), i)
l = Logged(7, 8)
tag(l, "logged")
print(vars(l))


class Slotted:
    __slots__ = ("x", "tag")

    def __init__(self, x):
        self.x = x


s = Slotted(1)
tag(s, "slot")
print(s.x, s.tag)
try:
    s.other = 1
except AttributeError as e:
    print("AttributeError", e)


def set_late(o):
    o.late = 1


set_late(P(1, 1))
P.__setattr__ = lambda self, name, value: print("hooked", name, value)
set_late(P(2, 2))
del P.__setattr__
r = P(3, 3)
set_late(r)
print(r.late)
