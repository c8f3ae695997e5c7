# Direct calls through int entries (arguments and results as unboxed ints): what leaves them.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def double_up(n, k):
    # n outgrows i64 deep in the recursion: the callee deopts, and big ints come back up.
    if k == 0:
        return n
    return double_up(n + n, k - 1) + 1


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def fib_rebinding(n):
    global fib_rebinding
    if n == 12:
        fib_rebinding = lambda m: 1000
    if n < 2:
        return n
    return fib_rebinding(n - 1) + fib_rebinding(n - 2)


def countdown(n, d):
    if n < 1:
        return 100 // d
    return countdown(n - 1, d) + 1


for i in range(300):
    fib(12)
print(fib(20))
for i in range(300):
    double_up(1, 10)
print(double_up(1, 10), double_up(1, 70), double_up(3, 100))
print(fib(20.0), fib(7.5))
print(fib(2**65 - 2**65 + 15))
for i in range(300):
    depth(50)
sys.setrecursionlimit(400)
print(depth(300))
try:
    depth(1000)
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(1000)
print(fib_rebinding(15), fib_rebinding(15))
for i in range(300):
    countdown(5, 7)
try:
    countdown(6, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(countdown(True + 3, 2**64))
print(countdown(4, 0))
