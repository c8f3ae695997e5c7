# A raised recursion limit: deep Python recursion still ends in RecursionError, never a crash.
import sys
sys.setrecursionlimit(100000)
def down(n):
    return down(n - 1) + 1 if n else 0
print(down(50000))
for depth in (10 * 100000, 100 * 100000):
    try:
        down(depth)
    except RecursionError as e:
        print(depth, type(e).__name__)
down(10 ** 7)
