# `for i in range(...)` of unboxed ints makes its iterator without the range object; other
# steps, a rebound `range` and a zero step behave as in the interpreter.


def nested(n):
    t = 0
    for i in range(n):
        for j in range(i, n, 3):
            t += j - i
        for k in range(n - i):
            t += 1
    return t


def stepped(n, step):
    out = []
    for i in range(n):
        for j in range(0, i, step):
            out.append(j)
    return len(out), sum(out)


print(nested(200))
print(stepped(100, 7))
print(stepped(100, -1))
try:
    stepped(100, 0)
except ValueError as e:
    print("ValueError:", e)


class Fake:
    def __init__(self, *args):
        self.n = len(args)

    def __iter__(self):
        return iter([self.n] * 2)


range_ = range
range = Fake
print(nested(50))
range = range_
print(nested(50))
