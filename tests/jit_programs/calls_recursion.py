# Python calls made by compiled code: recursion through compiled callers (direct calls nest
# natively up to a bound, deeper ones go through the interpreter), RecursionError raised at the
# recursion limit inside compiled code and caught at several depths, and deep recursion under a
# raised limit, which must give the right result, never a crash.
import sys


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def down(n):
    return down(n + 1) + 1


def guarded(n):
    # Catches the RecursionError some levels above where it is raised.
    try:
        return guarded(n + 1) + 1
    except RecursionError:
        return n * 1000


def loop_calls(n):
    total = 0
    for i in range(n):
        total += depth(i % 60) + fact(i % 15) % 7
    return total


class Node:
    def __init__(self, n):
        self.n = n
        self.child = Node(n - 1) if n > 0 else None

    def size(self):
        if self.child is None:
            return 1
        return 1 + self.child.size()


print(loop_calls(3000))
print(fact(40))
for k in range(3):
    try:
        down(0)
    except RecursionError as e:
        print("caught", k, e)
r = guarded(0)
print("guarded", r)
print(Node(300).size())
sys.setrecursionlimit(100000)
print(depth(60000))
print(Node(5000).size())
try:
    down(0)
except RecursionError as e:
    print("caught deep", e)
sys.setrecursionlimit(1000)
print(depth(900))
