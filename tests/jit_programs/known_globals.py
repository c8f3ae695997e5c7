# Globals, module attributes and builtins that compiled code reads behind guards (the globals
# dict's key version and the value's identity), and builtins it computes itself: every way of
# changing them mid-loop must be seen.
import math

LIMIT = 50


def bounded(n):
    total = 0
    for i in range(n):
        j = 0
        while j < LIMIT:
            j += 1
        total += j
    return total


def norms(n):
    s = 0.0
    for i in range(n):
        x = float(i) * 0.5
        s += math.sqrt(x) + math.fabs(-x) + abs(-x) + abs(i - 50)
        s += min(x, 3.0) + max(x, 3.0) + min(i, 7) + max(i, 7)
    return s


def first_of_equal(n):
    out = []
    for i in range(n):
        out.append(min(0.0, -0.0))
        out.append(max(-0.0, 0.0))
        out.append(max(float("nan"), 1.0))
        out.append(min(1.0, float("nan")))
    return out[:4]


def shifted(n):
    acc = 0
    for i in range(n):
        acc += abs(i - n // 2)
    return acc


print(bounded(300))
LIMIT = 10
print(bounded(300))
LIMIT = 20.5
print(bounded(300))
LIMIT = 7
print("%.6f" % norms(500))
print(first_of_equal(200))
print(shifted(400))


def my_abs(x):
    return 1000


abs = my_abs
print(shifted(400))
del abs
print(shifted(400))

real_sqrt = math.sqrt
math.sqrt = lambda x: 2.0
print("%.6f" % norms(500))
math.sqrt = real_sqrt
print("%.6f" % norms(500))


def roots(xs):
    out = []
    for x in xs:
        out.append(math.sqrt(x))
    return out


print(roots([4.0] * 300)[-1], roots([9] * 3), roots([float("nan")])[0], roots([float("inf")])[0])
print(abs(-2**63), max(2**63, 1), min(-2**64, 1))


def extreme(n):
    v = -9223372036854775807
    for i in range(n):
        v -= 0
    return abs(v - 1)


print(extreme(500))
try:
    roots([1.0] * 200 + [-1.0])
except ValueError as e:
    print("ValueError:", e)


class Counted(list):
    def __len__(self):
        return 3


def walk(items):
    i = 0
    n = 0
    while i < len(items):
        n += len(items) - i
        i += 1
    return n


print(walk(list(range(300))), walk("abcdef"), walk({1: 2, 3: 4}), walk(Counted([1])))
items = [1, 2]
for k in range(200):
    items.append(k)
    if k % 50 == 0:
        print(walk(items))
