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


FILLS = ["", "", "", "*", "0", " ", "x", "\u00e9", "<", "=", "#", "\u4e2d"]
ALIGNS = ["", "", "<", ">", "=", "^"]
SIGNS = ["", "", "+", "-", " "]
TYPES = ["", "", "b", "c", "d", "e", "E", "f", "F", "g", "G", "n", "o", "s", "x", "X", "%", "y", "r"]


def random_spec(rng):
    parts = []
    align = rng.choice(ALIGNS)
    if align:
        parts.append(rng.choice(FILLS) + align)
    parts.append(rng.choice(SIGNS))
    parts.append(rng.choice(["", "", "", "z"]))
    parts.append(rng.choice(["", "", "#"]))
    parts.append(rng.choice(["", "", "", "0"]))
    parts.append(rng.choice(["", "", "1", "5", "12", "25", "0"]))
    parts.append(rng.choice(["", "", "", ",", "_", ",_"]))
    parts.append(rng.choice(["", "", "", ".0", ".1", ".3", ".10", ".17", ".30", "."]))
    parts.append(rng.choice(TYPES))
    if rng.random() < 0.02:
        parts.append(rng.choice(["x", "d", "%"]))
    return "".join(parts)


def spec_values(rng):
    ints = [0, 1, -1, 7, -42, 255, 1234, -1234567, 10 ** 18, -(2 ** 63), 2 ** 64 + 5,
            10 ** 40 + 1, 65, 0x10ffff, 0x110000, 2 ** 63]
    floats = [0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 1e16, 1e-5, 123456.789, -9.999e-5, 1e300,
              5e-324, float("inf"), float("-inf"), float("nan"), 0.5, 1.25, 100.0,
              -0.0001, 9.5, 0.05, 999999.5, 1e22]
    floats += float_samples(20, rng)
    strs = ["", "a", "abc", "hello world", "\u00e9t\u00e9", "\u4e2d\u6587", "x" * 20]
    return ints, floats, strs


def spec_lines(rng):
    ints, floats, strs = spec_values(rng)
    curated = ["", "d", "5", "<5", ">5", "^5", "=5", "05", "010,", "+", " ", "z", "#x", "#o",
               "#b", "#X", "_x", "_b", ",", "_", ".3", ".0", "#.0", ".3f", ".0e", "#.0e",
               ".0%", "%", ",.2f", "_.3e", "g", "#g", ".1g", "#.3g", "n", ".2n", "c", "+c",
               "#c", "s", ".2s", "xx", ",_", "_,", ",,", ".", "a<", "\u00e9^9", "0<5", "<05",
               "0=10_", "*^+12,.3f", "z.1f", "-z", "1000000000000000000000", ".3000000000f",
               "10000000000000000000000000", ".99999999999999999999f", "#10.3%", "020.1E",
               "=+12_", "#012_b", "+010", "010", ".17g", ".16g", ".20f", ".30e", "G", "F", "E",
               "x<<", ",x", ",c", "_c", "_s", ",s", "_n", ",n", ",y", "y", "r", ".2147483647g",
               ".2147483647n", ".2147483647", ".2147483648g"]
    lines = []
    for kind, values in (("int", ints), ("float", floats), ("str", strs)):
        for v in values:
            specs = curated + [random_spec(rng) for _ in range(60)]
            for spec in specs:
                enc = bits(v) if kind == "float" else str(v)
                result = outcome(lambda: format(v, spec))
                if any(c in result.split("\t", 1)[1] for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"):
                    continue
                lines.append("%s\t%s\t%s\t%s" % (kind, enc, spec, result))
    for x in [5e-324, 0.1, 1 / 3, 1e300, -2.5e-300, 123.456, 2.0 ** -1074 * 3]:
        for spec in [".50g", ".100e", ".400g", ".767g", ".768g", ".800e", ".1000g", "#.900g", ".1100f",
                     ".1080f", "#.0f", ".20%", "1200.3f", "<1100"]:
            lines.append("float\t%s\t%s\t%s" % (bits(x), spec, outcome(lambda: format(x, spec))))
    for x in float_samples(4000, rng) + special_floats()[:40]:
        spec = "%s.%d%s" % (rng.choice(["", "#", "z"]), rng.randrange(0, 25), rng.choice("eEfFgG%n"))
        if rng.random() < 0.1:
            spec = rng.choice(["", ".3", ".1", ".17", "#"])
        lines.append("float\t%s\t%s\t%s" % (bits(x), spec, outcome(lambda: format(x, spec))))
    return lines


def conversion_lines(rng):
    lines = []
    int_texts = ["0", "1", "-1", " 42 ", "+7", "1_000", "1__0", "_1", "1_", "0x_ff", "0_0", "010",
                 "00", "0x", "0b101", "0o17", "0O17", "0B1", "0XfF", "  -0x1F\u2003", "12a", "",
                 " ", "-", "z", "Z", "zz", "1" * 4300, "1" * 4301, "-" + "9" * 5000,
                 "1" * 5000 + "x", "f" * 5000, "x" * 300, "\u00e9", "1\x00", "0x1_2_3",
                 "12345678901234567890123456789", "9" * 40, "0b", "0b_", "0_", "1\x0c", "\x1c1"]
    for t in int_texts:
        for base in [0, 2, 8, 10, 16, 36, 7, 1, 37]:
            lines.append("int\t%d\t%s\t%s" % (base, t, outcome(lambda: str(int(t, base)) if len(t) < 4000 else "%x" % int(t, base))))
    for n in [0, 1, -1, 255, -255, 2 ** 100, -(3 ** 90), 10 ** 4299, 10 ** 4300, -(10 ** 4300)]:
        for r in (2, 8, 16, 10):
            f = {2: bin, 8: oct, 16: hex, 10: str}[r]
            lines.append("radix\t%d\t%x\t%s" % (r, n, outcome(lambda: f(n))))
    byte_inputs = [t.encode("utf-8") for t in int_texts if len(t) < 400] + [
        b"\xa012", b"12\x85", b"\x0b12\x0c", b"1'2", b"'\"", b"x" * 300, b"\xd9\xa1", b"0x1f", b"1_0"]
    for b in byte_inputs:
        for base in [0, 10, 16]:
            lines.append("intb\t%d\t%s\t%s" % (base, b.hex(), outcome(lambda: str(int(b, base)))))
        lines.append("floatb\t\t%s\t%s" % (b.hex(), outcome(lambda: repr(float(b)))))
    float_texts = ["1_000.5", "  1_000.5 ", "inf", "-inf", "+Infinity", "-nan", "NaN", "1e5", "1E-5",
                   "1.", ".5", ".", "e5", "1e", "1e+", "1_e10", "1e1_0", "1._5", "1_.5", "", " ",
                   "0x10", "1.5j", "--1", "+-1", "infinit", "nan(1)", "1e400", "-1e400", "1e-400",
                   "0.1", "123456789012345678901234567890", "2.5e-324", "2.4703282292062328e-324",
                   "\u2003 3.25 \u3000", "1\x00", "١٢", "1__0", "_1", "1_"]
    for t in float_texts:
        lines.append("float\t\t%s\t%s" % (t, outcome(lambda: repr(float(t)))))
    for x in special_floats()[:40] + float_samples(200, rng):
        lines.append("hex\t\t%s\t%s" % (bits(x), outcome(lambda: x.hex())))
        lines.append("ratio\t\t%s\t%s" % (bits(x), outcome(lambda: "%d/%d" % x.as_integer_ratio())))
        h = x.hex()
        lines.append("fromhex\t\t%s\t%s" % (h, outcome(lambda: repr(float.fromhex(h)))))
    hex_texts = ["0x1.8p1", "0x1p1024", "-0X1.FFFFFFFFFFFFF8P1023", "0X1.FFFFFFFFFFFFF7P1023",
                 "1", "0x.8", "x", "0x", "0x1p", "0x1p+", " 0x1.0p-1074 ", "0x1p-1075",
                 "0x1.0000000000001p-1075", "0x3p-1076", "0x1.00000000000008p0",
                 "0x1.00000000000018p0", "0x1.000000000000080001p0", "inf", "-Infinity", "nan",
                 "0x1p99999999999999999999", "0x1p-99999999999999999999", "0x0p99999", "ff",
                 "0x1.8", "0x1g", "1.", ".", "0x.p1", "-0x0p0", "0x1P-1022", "0x0.fffffffffffffp-1022",
                 "0x1" + "0" * 300 + "p-1200", "0x1_0"]
    for t in hex_texts:
        lines.append("fromhex\t\t%s\t%s" % (t, outcome(lambda: repr(float.fromhex(t)))))
    return lines


def enc(v):
    if isinstance(v, bool):
        return "b:%d" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:" + bits(v)
    if isinstance(v, str):
        assert "|" not in v and "\t" not in v
        return "s:" + v
    if isinstance(v, dict):
        return "d:" + ",".join("%s=%d" % kv for kv in v.items()) + ";" + repr(v)
    return "l:" + repr(v)


def enc_args(a):
    if isinstance(a, tuple):
        return "(" + "|".join(enc(v) for v in a) + ")"
    return enc(a)


def percent_lines(rng):
    curated = [
        ("%d", "x"), ("%x", 1.5), ("%f", "x"), ("%c", "ab"), ("%c", 1.5), ("%c", -1),
        ("%c", 0x110000), ("%s %s", (1,)), ("%s", (1, 2)), ("%y", 1), ("abc%", ()), ("%(a", {"a": 1}),
        ("%(a)s", 1), ("%*d", ("x", 1)), ("%.*f", (2, 1.2345)), ("%5.2f", 3.14159), ("%x", -255),
        ("%#o", 8), ("%#x", 255), ("%#X", 255), ("%-5d|", 3), ("%05d", -3), ("%+d", 3), ("% d", 3),
        ("%+05.1f", 2.25), ("%e", 1e100), ("%g", 1e-5), ("%#g", 1.0), ("%10s|", "ab"), ("%-10r|", "ab"),
        ("%.1s", "abc"), ("%a", "\u00e9"), ("%i %u", (1.9, -2.5)), ("%d", True), ("%o", -8), ("%%", ()),
        ("%5%", ()), ("%s", ()), ("%c", "\u00e9"), ("%5c", "x"), ("%r", {}), ("%s", {}), ("% 5s", 1),
        ("%#5s", "a"), ("%.3d", 5), ("%.3x", -5), ("%#.3x", 5), ("%08.3d", -5), ("%-08d|", 5),
        ("%.0f", 0.5), ("%#.0f", 0.5), ("%#.0e", 1.5), ("%F", float("inf")), ("%05f", float("nan")),
        ("%E", 1.0), ("%G", 1e20), ("%.100f", 1.0), ("%z", 1), ("%\u00e9", 1),
        ("%1000000000000000000000d", 1), ("%.1000000000000000000000d", 1), ("%*d", (10 ** 30, 1)),
        ("%(a)s %s", {"a": 1}), ("%s %(a)s", {"a": 1}), ("%d", [1]), ("%5%", (1,)), ("%-5%|", ()),
        ("%(a)%", {"a": 2}), ("%s", [1]), ("%s %s", [1, 2]), ("a", ()), ("a", 1), ("a", {}), ("a", [1]),
        ("a", "b"), ("a", ""), ("%*.*f", (8, 2, 1.2345)), ("%-*d|", (-5, 1)), ("%*d", (-5, 1)),
        ("%.*d", (-3, 1)), ("%c", 1.0), ("%c", True), ("% +d", 1), ("%+ d", 1), ("%0-5d|", 1),
        ("%ld", 1), ("%hd %Lf", (1, 1.5)), ("%.2e", float("nan")), ("%+.2e", float("inf")),
        ("% f", float("nan")), ("%010.2f", -1.5), ("%x", True), ("%s %s %s", (1, 2)),
        ("%(a)d and %(b)05.1f", {"a": 3, "b": 4}), ("%(a)s", {"b": 1}), ("%((a))s", {"(a)": 7}),
        ("%#010x", 255), ("%#-10o|", 8), ("%+#x", 255), ("% #X", -255), ("%.0s|", "abc"),
        ("%#08.3o", 8), ("%-+8.2f|", 3.14159), ("%s", "\u4e2d"), ("%5s", "\u4e2d"), ("%r", "it's"),
        ("%a", "\u4e2d\x01"), ("%d %s", (10 ** 30, 10 ** 30)), ("%*s", (3, "a", 4)), ("%.*s", ("x", "a")),
        ("%c", 10 ** 30), ("%d", -0.0), ("%.3g", 1234567.0), ("%#.3g", 1.0), ("%G", 1e-10),
        ("%-#x|", 0), ("%#o", 0), ("%5.1%", ()), ("%(a)s %(a)r", {"a": 5}), ("%", 1), ("%(a)", {"a": 1}),
        ("%*", (1,)), ("%.", (1,)), ("%.*", (1, 2)),
    ]
    flags = ["", "", "-", "+", " ", "#", "0", "-0", "+0", "#0", "+ ", "-#"]
    widths = ["", "", "1", "5", "12"]
    precs = ["", "", ".0", ".1", ".3", ".10"]
    values = [0, 1, -1, 42, -255, 10 ** 20, -(10 ** 20) - 7, 0.0, -0.0, 1.5, -2.5, 0.1, 1e16,
              123.456, -1e-7, 1e300, float("inf"), float("nan"), True, "abc", "", "\u00e9\u00e9"]
    cases = list(curated)
    for _ in range(2500):
        code = rng.choice("sraiduoxXeEfFgGc")
        fmt = "%" + rng.choice(flags) + rng.choice(widths) + rng.choice(precs) + code
        v = rng.choice(values)
        if code == "c" and isinstance(v, int) and not isinstance(v, bool):
            v = rng.choice([65, 0x4e2d, 0xe9, 10 ** 7, 33])
        cases.append(("[" + fmt + "]", v))
    lines = []
    for fmt, a in cases:
        r = outcome(lambda: fmt % a)
        if any(c in r.split("\t", 1)[1] for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85"):
            continue
        lines.append("%s\t%s\t%s" % (fmt, enc_args(a), r))
    return lines


def template_lines(rng):
    import _string
    curated = ["a{{b", "a}}b", "{", "}", "a{0}b", "{0!r:>{1}}", "{!}", "{0!}", "{0!rr}", "{0!r", "{0:{1}",
               "{a[}]}", "{a[:]}", "{0:}", "{:{:{}}}", "{{}}", "{0{}", "x{0]}", "{0!r:}", "", "{}}", "{0:}}",
               "{0!", "{0[", "{0.}", "{0[]}", "{0[1]x}", "{99999999999999999999999}", "{x.real}", "{}{1}",
               "{1}{}", "{0!x}", "{0!\x01}", "{:{:{:{}}}}", "{:{:{}}}", "{7}", "{nope}", "{2[1]}", "{0.real}",
               "{:{}}", "{0:{0}}", "{1!r:^9}", "{name!s:*<8}", "{x:+08.2f}", "{3:.1%}", "{2}", "{1!a}",
               "{}-{}-{}", "{0}{0}{1}", "{x:{1}}", "{0:{x}d}", "{:{}{}}", "{2[0]:>{0}}", "{!r}", "{!s:>5}"]
    alphabet = "{}[]:!.0123axr >"
    templates = curated + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 9))) for _ in range(1500)]
    args = (1, "ab", [10, 20], 3.5)
    kwargs = {"x": 7, "name": "Bob"}
    lines = []
    for t in templates:
        lines.append("parse\t%s\t%s" % (t, outcome(lambda: repr(list(_string.formatter_parser(t))))))
        lines.append("format\t%s\t%s" % (t, outcome(lambda: t.format(*args, **kwargs))))
    names = ["", "0", "abc", "0.x", "0[1]", "a[b].c[2]", "0.", "0[", "0[]", "0]x", "0[1]x",
             "99999999999999999999999", "a.b.c", "0..x", "[1]", ".x", "01", "-1", " 1", "0[a]]", "x[0][1]"]
    names += ["".join(rng.choice("0a.[]1") for _ in range(rng.randrange(1, 7))) for _ in range(300)]
    for n in names:
        def split():
            first, rest = _string.formatter_field_name_split(n)
            return repr((first, list(rest)))
        lines.append("split\t%s\t%s" % (n, outcome(split)))
    return lines


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "float_repr":
        rng = random.Random(int(sys.argv[3]))
        print("\n".join(float_repr_lines(float_samples(int(sys.argv[2]), rng))))
        return
    rng = random.Random(20231)
    write("float_repr.txt", float_repr_lines(special_floats() + float_samples(3000, rng)))
    write("spec.txt", spec_lines(random.Random(5)))
    write("conversions.txt", conversion_lines(random.Random(9)))
    write("percent.txt", percent_lines(random.Random(11)))
    write("template.txt", template_lines(random.Random(13)))


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
