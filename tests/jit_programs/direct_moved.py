# Deep recursion of a direct-callable function with many registers: past tier_up::MAX_DIRECT_DEPTH the
# interpreter makes the calls, and the register stack outgrows its reserve and moves while
# thousands of direct calls (without frames) are active below; each leaves and is finished by
# the interpreter on the moved stack. The result is the same.
import sys
sys.setrecursionlimit(100000)

def deep(n, a, b):
    if n == 0:
        return a + b
    x1 = a + 1; x2 = x1 + 1; x3 = x2 + 1; x4 = x3 + 1; x5 = x4 + 1; x6 = x5 + 1
    x7 = x6 + 1; x8 = x7 + 1; x9 = x8 + 1; x10 = x9 + 1; x11 = x10 + 1; x12 = x11 + 1
    y1 = b + 1; y2 = y1 + 1; y3 = y2 + 1; y4 = y3 + 1; y5 = y4 + 1; y6 = y5 + 1
    y7 = y6 + 1; y8 = y7 + 1; y9 = y8 + 1; y10 = y9 + 1; y11 = y10 + 1; y12 = y11 + 1
    r = deep(n - 1, x12 - 12, y12 - 12)
    return r + x1 + y1 - a - b - 2

for i in range(3):
    print(deep(2000, 1, 2))
print(deep(45000, 1, 2))
print(deep(45000, 3, 4))
