#!/usr/bin/env python3
"""Golden data for the math part of tests/numeric.rs, produced by CPython 3.11 (the oracle).

Usage: python3 tests/golden/numeric/gen_math.py   # rewrites math.txt

Line format: name<TAB>args<TAB>outcome. Arguments are comma-separated `f:<16 hex bits>` floats
or `i:<decimal>` ints; the outcome is `ok<TAB>repr(result)` or `err<TAB>Type: message`.
"""
import math
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def enc(v):
    return ("i:%d" % v) if isinstance(v, int) else "f:" + bits(v)


INF, NAN = float("inf"), float("nan")
EDGE = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, 10.0, 0.1, 1e-10, -1e-10, 1e-300,
        5e-324, -5e-324, 1e300, -1e300, 1.7976931348623157e308, 709.0, 710.0, -745.0, -746.0,
        1e16, 100.5, -100.5, 171.0, 172.0, -171.5, 200.5, -200.5, 1e-20, 1e-21, 30.0, -30.0,
        0.999999, 1.000001, INF, -INF, NAN, 3.141592653589793, 1.5707963267948966, 1023.0,
        1024.0, 1025.0, -1074.0, -1075.0, 2.5, -2.5, 4.5, 1e-5, 6.5, 7.0, 23.0, 24.0, 140.5,
        -140.5, 0.25, 22.5, -22.5]


def samples(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:
            out.append(rng.uniform(-10, 10))
        elif r < 0.5:
            out.append(rng.uniform(-1, 1))
        elif r < 0.7:
            out.append(rng.uniform(-800, 800))
        elif r < 0.9:
            out.append(rng.uniform(-1, 1) * 10.0 ** rng.randrange(-300, 300))
        else:
            out.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    return out


UNARY = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "cos", "cosh", "exp", "exp2",
         "expm1", "fabs", "sin", "sinh", "sqrt", "tan", "tanh", "log1p", "log", "log2", "log10",
         "gamma", "lgamma", "erf", "erfc", "degrees", "radians", "floor", "ceil", "trunc", "modf",
         "frexp", "ulp", "isfinite", "isinf", "isnan"]
BINARY = ["atan2", "copysign", "remainder", "fmod", "pow", "nextafter", "isclose", "logb"]
INTS = [0, 1, -1, 2, 5, 10, 12, 20, 21, 100, -7, 2 ** 64, -(2 ** 64), 10 ** 30, 3 ** 100,
        2 ** 1023, 2 ** 1024, 2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 971, 10 ** 400, 12345678901234567890]


def result_repr(v):
    if isinstance(v, tuple):
        return "(%s)" % ", ".join(repr(x) for x in v)
    return repr(v)


def outcome(f):
    try:
        return "ok\t" + result_repr(f())
    except Exception as e:
        return "err\t%s: %s" % (type(e).__name__, e)


def line(name, args, f):
    return "%s\t%s\t%s" % (name, ",".join(enc(a) for a in args), outcome(f))


def main():
    rng = random.Random(3)
    lines = []
    xs = EDGE + samples(rng, 150)
    for name in UNARY:
        f = getattr(math, name)
        for x in xs:
            lines.append(line(name, [x], lambda: f(x)))
    # The functions CPython takes from the C library (or computes itself) get a denser sample.
    for name in ["erf", "erfc", "cbrt", "asinh", "acosh", "atanh", "gamma", "lgamma", "sin", "cos",
                 "tan", "exp", "expm1", "log1p", "sinh", "cosh", "tanh", "atan", "exp2"]:
        f = getattr(math, name)
        for x in samples(rng, 300):
            lines.append(line(name, [x], lambda: f(x)))
    pairs = [(a, b) for a in EDGE[:30] for b in EDGE[:30:3]]
    pairs += [(a, b) for a, b in zip(samples(rng, 200), samples(rng, 200))]
    pairs += [(-8.0, 1 / 3), (-2.0, 0.5), (0.0, -1.0), (-0.0, -3.0), (-0.0, -2.0), (2.0, 1024.0),
              (5.0, 2.0), (-5.0, 2.0), (6.0, 4.0), (7.5, 2.0), (-7.5, 2.0), (1.0, NAN), (NAN, 0.0)]
    for name in BINARY:
        if name == "logb":
            for a, b in pairs:
                lines.append(line("log", [a, b], lambda: math.log(a, b)))
            continue
        f = getattr(math, name)
        for a, b in pairs:
            lines.append(line(name, [a, b], lambda: f(a, b)))
    for a, b in [(1.0, 1.0 + 1e-9), (1.0, 1.0 + 1e-8), (0.0, 1e-10), (INF, INF), (INF, -INF),
                 (NAN, NAN), (1e308, 1.0000000001e308)]:
        lines.append(line("isclose_tol", [a, b, 1e-9, 1e-9], lambda: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)))
    lines.append(line("isclose_tol", [1.0, 1.0, -1.0, 0.0], lambda: math.isclose(1.0, 1.0, rel_tol=-1.0)))
    for x in xs[:80]:
        for i in [0, 1, -1, 10, -1074, -1100, 1023, 1024, 2000, -2000, 2 ** 40, -(2 ** 40)]:
            lines.append(line("ldexp", [x, i], lambda: math.ldexp(x, i)))
    for n in INTS:
        for name in ["log", "log2", "log10", "factorial", "isqrt"]:
            if name == "factorial" and abs(n) > 5000:
                continue
            f = getattr(math, name)
            lines.append(line(name + "_int", [n], lambda: f(n)))
        for k in [0, 1, 2, 3, 5, 20, -1, 2 ** 70]:
            if n > 10 ** 6 and 0 < k < 10 ** 6 and k > 3:
                continue
            lines.append(line("comb", [n, k], lambda: math.comb(n, k)))
            lines.append(line("perm", [n, k], lambda: math.perm(n, k)))
        lines.append(line("gcd", [n, 12, 18], lambda: math.gcd(n, 12, 18)))
        lines.append(line("lcm", [n, 4, 6], lambda: math.lcm(n, 4, 6)))
        lines.append(line("log_int_base", [n, 2.0], lambda: math.log(n, 2.0)))
    lines.append(line("factorial", [2 ** 63], lambda: math.factorial(2 ** 63)))
    lines.append(line("perm1", [5], lambda: math.perm(5)))
    lines.append(line("gcd", [], lambda: math.gcd()))
    lines.append(line("lcm", [], lambda: math.lcm()))
    lines.append(line("gcd", [-4], lambda: math.gcd(-4)))
    lines.append(line("lcm", [-4], lambda: math.lcm(-4)))
    lines.append(line("lcm", [0, 5], lambda: math.lcm(0, 5)))
    sums = [[0.1] * 10, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50], [1e-16, 1.0, 1e16],
            [1e308, 1e308], [INF, 1.0], [INF, -INF], [NAN, 1.0], [INF, INF], [], [-0.0],
            [1e308, -1e308, 1e308], [2.0 ** 53, 1.0, 1.0], [1.0, 2.0 ** -60, 2.0 ** -60]]
    sums += [samples(rng, rng.randrange(1, 30)) for _ in range(100)]
    sums += [[rng.uniform(-1, 1) for _ in range(40)] for _ in range(20)]
    for s in sums:
        lines.append(line("fsum", s, lambda: math.fsum(s)))
        lines.append(line("hypot", s, lambda: math.hypot(*s)))
        half = len(s) // 2
        lines.append(line("dist", s, lambda: math.dist(s[:half], s[half:2 * half])))
    lines.append(line("dist_bad", [1.0, 2.0, 3.0], lambda: math.dist([1.0, 2.0], [3.0])))
    for x in EDGE + samples(rng, 300) + [0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1e22, 2.0 ** 52 + 0.5]:
        lines.append(line("round0", [x], lambda: round(x)))
        for nd in [0, 1, 2, 3, -1, -2, -5, 17, 323, 324, -308, -309, rng.randrange(-320, 330)]:
            lines.append(line("round_f", [x, nd], lambda: round(x, nd)))
    for n in INTS + [15, 25, -25, 35, 150, 250, -250, 12345, 99999, 10 ** 50 + 5 * 10 ** 20]:
        for nd in [0, 3, -1, -2, -3, -20, -21, -60, -400]:
            lines.append(line("round_i", [n, nd], lambda: round(n, nd)))
    ops = {"fdiv": lambda a, b: a / b, "fmod_py": lambda a, b: a % b, "fdivmod": divmod,
           "ffloordiv": lambda a, b: a // b,
           # A negative base to a non-integer power is delegated to complex pow (not tested here).
           "fpow": lambda a, b: "complex" if a < 0 and math.isfinite(a) and math.isfinite(b)
           and b != math.floor(b) else a ** b}
    op_pairs = pairs + [(7.0, 0.0), (-7.5, 2.0), (7.5, -2.0), (-0.0, 3.0), (0.0, -3.0), (1e308, 1e-308),
                        (-1.0, 1e300), (-1.0, 1e300 + 1e284), (-2.0, 3.0), (-2.0, -3.0), (-8.0, 1 / 3),
                        (0.5, 1060.5), (3.0, -680.0), (10.0, 400.0), (-0.0, -1.0), (-0.0, 3.0)]
    for name, f in ops.items():
        for a, b in op_pairs:
            lines.append(line(name, [a, b], lambda: f(a, b)))
    big_ints = [0, 1, -1, 3, 7, -3, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 64, 10 ** 30, 3 ** 100,
                2 ** 1023, 2 ** 1024, 2 ** 1024 - 2 ** 970, 2 ** 1100 - 1, 10 ** 400 + 1, -(3 ** 700)]
    for a in big_ints:
        for b in big_ints + [0]:
            lines.append(line("itruediv", [a, b], lambda: a / b))
    for v in [-3, -2, -1, 0, 1, 2, 127, 128, 255, 256, -128, -129, -256, -257, 2 ** 64 - 1, -(2 ** 63),
              10 ** 30, -(10 ** 30), 2 ** 100]:
        for length in [0, 1, 2, 8, 9, 13, -1, 2 ** 70]:
            for little in (0, 1):
                for signed in (0, 1):
                    order = "little" if little else "big"
                    lines.append(line("to_bytes", [v, length, little, signed],
                                      lambda: v.to_bytes(length, order, signed=bool(signed))))
    for _ in range(200):
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(0, 12)))
        for little in (0, 1):
            for signed in (0, 1):
                order = "little" if little else "big"
                lines.append(line("from_bytes", [int.from_bytes(data, "big"), len(data), little, signed],
                                  lambda: int.from_bytes(data, order, signed=bool(signed))))
    with open(os.path.join(HERE, "math.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
