# Short numeric functions called with unboxed numbers are inlined into the compiled caller;
# whatever their guards catch (overflow, a zero divisor, another type, a rebound name, the
# recursion limit) makes the interpreter do the call itself, with its frame and traceback.
import sys


def area(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def square(x):
    return x * x


def less(a, b):
    return a < b


def neg(x):
    y = -x
    return y


def ratio(a, b):
    return a / b


def sum_area(n):
    s = 0.0
    for i in range(n):
        for j in range(n):
            s += area(i, j)
    return s


def squares(n, start):
    t = 0
    for i in range(n):
        t += square(start + i)
    return t


def count_less(n):
    c = 0
    for i in range(n):
        if less(i % 7, 3):
            c += 1
        c += neg(i) + neg(-i)
    return c


def ratios(xs):
    out = 0.0
    for x in xs:
        out += ratio(1.0, x)
    return out


print("%.9f" % sum_area(60))
print(squares(300, 0), squares(300, 3037000000), squares(10, 2**62))
print(count_less(500))
print(ratios([1.0, 2.0, 4.0] * 100))
try:
    ratios([1.0] * 300 + [0.0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def floats(n):
    t = 0.0
    for i in range(n):
        t += square(i * 0.5)
    return t


print(floats(300))
square = neg
print(squares(300, 0))


def deep(k):
    if k == 0:
        return count_less(300)
    return deep(k - 1)


sys.setrecursionlimit(60)
try:
    print(deep(20))
    print(deep(100))
except RecursionError as e:
    print("RecursionError:", e)
