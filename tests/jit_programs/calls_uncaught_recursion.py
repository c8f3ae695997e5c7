# Infinite recursion through compiled callers escapes to the top: the traceback (with its
# "[Previous line repeated N more times]") must be the interpreter's.
def ping(n):
    if n % 2:
        return pong(n + 1) + 1
    return pong(n + 2) + 2


def pong(n):
    return ping(n + 1) * 1


def warm():
    total = 0
    for i in range(2000):
        total += i % 3
    return total


print(warm())
ping(0)
