# Attribute reads of one object in a row share its class and shape guard until something
# that could change them: a call, an attribute add or delete, a class change.


class V:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def total(self):
        return self.x + self.y + self.z

    def grow_then_read(self, other):
        a = self.x
        other.w = a
        b = self.y
        return a + b + self.z

    def delete_then_read(self, i):
        a = self.x
        if i % 100 == 99:
            del self.y
            self.y = -1.0
        return a + self.y + self.z

    def call_between(self, f):
        a = self.x
        f(self)
        return a + self.y + self.z


class W(V):
    pass


def swap_class(v):
    v.__class__ = W


def add_attr(v):
    v.extra = 1


def set_y(v):
    v.y = 100.0


def drop_z(v):
    del v.z
    v.z = 7


def run(n):
    t = 0.0
    vs = [V(1.0, 2.0, 3.0) for _ in range(8)]
    for i in range(n):
        v = vs[i % 8]
        t += v.total()
        t += v.grow_then_read(v)
        t += v.delete_then_read(i)
        if i % 500 == 0:
            t += v.call_between(swap_class)
            t += v.call_between(add_attr)
            t += v.call_between(set_y)
            t += v.call_between(drop_z)
    return t, sorted(type(v).__name__ for v in vs), sorted(vars(vs[0]).items())


print(run(4000))
V.total = lambda self: -self.x
print(run(2000))
