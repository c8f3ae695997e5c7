# An exception raised deep inside direct calls between compiled functions and never caught:
# the traceback lists every level, as the interpreter's does.
def level(n, d):
    if n == 0:
        return 10 // d
    return level(n - 1, d) + 1


for i in range(3000):
    level(5, 1)
print(level(4, 0))
