# Compiled loops calling functions and methods that are rebound while they run: a global
# function rebound mid-loop (by the loop, and by the callee itself), a method replaced on the
# class mid-loop, __init__ replaced, a function replaced by a builtin and by a class.
def f(x):
    return x + 1


def g(x):
    return x * 10


def self_rebinding(x):
    global h
    if x == 500:
        h = lambda x: -x
    return x


h = self_rebinding


def loop(n):
    global f
    total = 0
    for i in range(n):
        if i == n // 2:
            f = g
        total += f(i) + h(i)
    return total


class A:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v + 1


def method_loop(objs, n):
    total = 0
    for i in range(n):
        if i == n // 2:
            A.get = lambda self: self.v * 100
        if i == (3 * n) // 4:
            A.__init__ = lambda self, v: setattr(self, "v", -v)
            objs = [A(1), A(2)]
        for o in objs:
            total += o.get()
    return total


def builtin_loop(n):
    global conv
    total = 0
    for i in range(n):
        if i == n // 3:
            conv = abs
        if i == (2 * n) // 3:
            conv = Box
        r = conv(i - 100)
        total += r if isinstance(r, int) else r.v
    return total


def conv(x):
    return x * 2


class Box:
    def __init__(self, v):
        self.v = v + 1000


print(loop(1000))
print(method_loop([A(1), A(2), A(3)], 400))
print(builtin_loop(3000))
