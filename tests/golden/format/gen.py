#!/usr/bin/env python3
"""Golden data for tests/format.rs, produced by CPython 3.11 (the oracle).

Usage: python3 tests/golden/format/gen.py            # rewrite the committed golden files
       python3 tests/golden/format/gen.py float_repr N SEED   # N extra cases to stdout

Every line is tab-separated; a float is given by its 16-hex-digit bit pattern; an expected
outcome is `ok<TAB>text` or `err<TAB>ExcType: message`.
"""
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def outcome(f):
    try:
        return "ok\t" + f()
    except Exception as e:
        return "err\t%s: %s" % (type(e).__name__, e)


def float_samples(n, rng):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            out.append(from_bits(rng.getrandbits(64)))
        elif r < 0.8:
            out.append(rng.randrange(-10**rng.randrange(1, 18), 10**rng.randrange(1, 18))
                       / 10.0 ** rng.randrange(-20, 25))
        else:
            out.append(rng.uniform(-1, 1) * 10.0 ** rng.randrange(-310, 309))
    return out


def special_floats():
    xs = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 5e-324, -5e-324,
          2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.5, 1.5, 2.5, 0.125,
          1e16, 1e15, 9999999999999998.0, 1e-4, 1e-5, 0.0001, 0.00009999999999999999,
          123456789012345.0, 1234567890123456.0, 12345678901234567.0, 2.0 ** 53, 2.0 ** 53 + 2,
          1 / 3, 2 / 3, 100.0, 1e22, 1e23]
    xs += [10.0 ** k for k in range(-325, 309)]
    xs += [5.0 * 10.0 ** k for k in range(-30, 30)]
    return xs


def float_repr_lines(xs):
    return ["%s\t%s" % (bits(x), repr(x)) for x in xs]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "float_repr":
        rng = random.Random(int(sys.argv[3]))
        print("\n".join(float_repr_lines(float_samples(int(sys.argv[2]), rng))))
        return
    rng = random.Random(20231)
    write("float_repr.txt", float_repr_lines(special_floats() + float_samples(3000, rng)))


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
