# Recursion through plain Python calls, caught at 10x and 100x the default limit, then uncaught.
import sys
def down(n):
    return down(n - 1) + 1 if n else 0
for depth in (10 * sys.getrecursionlimit(), 100 * sys.getrecursionlimit()):
    try:
        down(depth)
    except RecursionError as e:
        print(depth, type(e).__name__, e)
print(down(500))
def forever():
    forever()
forever()
