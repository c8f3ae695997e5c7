# Calls between compiled functions made directly (no frame until the callee leaves its compiled
# code): recursion whose ints outgrow i64 deep inside, callees that deopt on new types at every
# level (and are recompiled while older versions still run below them), mutual recursion,
# exceptions raised deep and caught above, RecursionError at the limit and the depth after it.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def power3(n):
    if n == 0:
        return 1
    return power3(n - 1) * 3


def tri(n, x):
    if n == 0:
        return x * 2
    return tri(n - 1, x) + x


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def divide_down(n, d):
    if n == 0:
        return 100 // d
    return divide_down(n - 1, d) + 1


def down(n):
    return down(n + 1) + 1


def probe(n):
    try:
        return probe(n + 1)
    except RecursionError:
        return n


print(fib(22))
for k in (10, 39, 40, 41, 60, 100):
    print(k, power3(k))
print(fib(25))
print(tri(30, 1), tri(30, 2.5), tri(30, "ab")[:12], tri(20, [1])[:3], tri(30, 7))
for n in range(200, 230):
    print(n, is_even(n), is_odd(n))
for d in (7, 0, 3):
    try:
        print(divide_down(50, d))
    except ZeroDivisionError as e:
        print("caught", e)
before = probe(0)
for k in range(3):
    try:
        down(0)
    except RecursionError as e:
        print("caught", k, e)
print(probe(0) == before)
sys.setrecursionlimit(5000)
print(power3(3000) % 1000007, fib(20))
sys.setrecursionlimit(1000)
print(probe(0) == before)
