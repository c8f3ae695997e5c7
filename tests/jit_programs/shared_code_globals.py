# One code object, two globals dicts: compiled code reads known globals without checking the
# frame's, so it must run only on frames of the globals it was compiled for.
src = """
def g(n):
    return n * K
def f(n):
    return g(n) + 1
"""
c = compile(src, "shared", "exec")
g1 = {"K": 2}
g2 = {"K": 3}
exec(c, g1)
exec(c, g2)
f1, f2 = g1["f"], g2["f"]
t = 0
for i in range(3000):
    t += f1(i)
print(t, f1(5), f2(5))
for i in range(3000):
    t += f2(i) + f1(i)
print(t, f1(5), f2(5))
g2["g"] = lambda n: -n
for i in range(3000):
    t += f2(i) + f1(i)
print(t, f1(5), f2(5))
