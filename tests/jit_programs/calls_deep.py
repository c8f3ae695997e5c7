# Recursion deeper than compiled code nests its own direct calls (tier_up::MAX_DIRECT_DEPTH):
# the deeper calls go through the interpreter, and a function that keeps doing that is left to
# it; the result is the same.
import sys

sys.setrecursionlimit(30000)


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


total = 0
for i in range(4):
    total += depth(24000 + i)
print(total)
