# One compiled source run with three globals dicts: each run reads its own K (int, int, float).
src = "def h(n):\n    return K + n\nr = 0\nfor i in range(3000):\n    r += h(i) + K\n"
code = compile(src, "<s>", "exec")
g1 = {"K": 1}
exec(code, g1)
g2 = {"K": 2}
exec(code, g2)
g3 = {"K": 2.5}
exec(code, g3)
print(g1["r"], g2["r"], g3["r"])
