# Recursion deeper than compiled code nests its own Python calls (vm::MAX_JIT_CALL_DEPTH): the
# deeper calls go through the interpreter, and a function that keeps doing that is left to it.
import sys

sys.setrecursionlimit(6000)


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


total = 0
for i in range(4):
    total += depth(4000 + i)
print(total)
