# Float loops: mixed int/float arithmetic, division, comparisons with nan/inf/-0.0, true
# division of ints, and a float accumulator that the JIT keeps unboxed.
import math

def integrate(n):
    h = 1.0 / n
    s = 0.0
    for i in range(n):
        x = (i + 0.5) * h
        s += 4.0 / (1.0 + x * x)
    return s * h

def mixed(n):
    a = 0
    for i in range(n):
        a = a + i / 3
        a = a - i // 2
    return a

def compare(vals):
    out = []
    for v in vals:
        out.append((v < 1.0, v == v, v != 0.0, v >= -0.0, not v))
    return out

def div(n):
    r = []
    for i in range(-n, n):
        r.append(7 / (i + 0.5))
    return sum(r)

def mandel(n):
    count = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        for x in range(n):
            cr = 2.0 * x / n - 1.5
            zr = zi = 0.0
            i = 0
            while i < 50:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                i += 1
            if i == 50:
                count += 1
    return count

print(integrate(1000), integrate(100000))
print(mixed(10), mixed(1001))
print(compare([0.0, -0.0, 1.5, float('nan'), float('inf'), -float('inf'), 3]))
print(div(50))
print(mandel(60))
print(math.sqrt(integrate(10)))
