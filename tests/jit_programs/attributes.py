# Instance attributes and methods in compiled code, read through the interpreter's inline caches
# behind class-key guards (class, class version, shape): loads, stores, attributes added in
# __init__, methods called directly, and every way the guards can fail: another class at the
# same site, an attribute deleted or added (another shape), a method replaced on the class
# mid-loop (another version), a property, __getattr__, and instances of a subclass.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, o):
        return self.x * o.x + self.y * o.y

    def norm2(self):
        return self.dot(self)

    def scale(self, k):
        self.x = self.x * k
        self.y = self.y * k
        return self


class Vec3(Vec):
    def __init__(self, x, y, z):
        Vec.__init__(self, x, y)
        self.z = z

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z


class Lazy:
    def __init__(self):
        self.x = 1

    @property
    def y(self):
        return self.x * 10

    def __getattr__(self, name):
        return len(name)


def total(vs):
    t = 0
    for v in vs:
        t += v.norm2() + v.x
    return t


def run(n):
    vs = [Vec(i, i + 1) for i in range(10)]
    acc = 0
    for i in range(n):
        acc += total(vs)
        if i == n // 2:
            vs[3].extra = 5
            del vs[4].y
            vs[4].y = 7
            vs.append(Vec3(1, 2, 3))
    return acc


def replace_mid_loop(n):
    v = Vec(2, 3)
    acc = 0
    for i in range(n):
        if i == n // 2:
            Vec.norm2 = lambda self: -1
        acc += v.norm2()
    return acc


def scaled(n):
    v = Vec(1, 1)
    for i in range(n):
        v.scale(1)
    return v.x, v.y


def lazy(n):
    t = 0
    for i in range(n):
        o = Lazy()
        t += o.x + o.y + o.abc
    return t


print(run(3000))
print(replace_mid_loop(3000))
print(scaled(3000))
print(lazy(3000))
print(total([Vec3(1, 2, 3), Vec(4, 5)]))
