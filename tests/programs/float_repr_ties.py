# Float repr through the interpreter, including values whose shortest digits end in a tie.
import random
r = random.Random(7)
xs = [-2530547307098.1562, 2530547307098.15625, 0.1 + 0.2, 1e16, 1e-5, 5e-324, 1.7976931348623157e308]
for _ in range(300):
    xs.append(r.uniform(-1e13, 1e13))
    xs.append(r.random() * 10 ** r.randint(-30, 30))
print(xs)
print([str(x) for x in xs[:20]], f"{xs[3]!r} {xs[4]}")
