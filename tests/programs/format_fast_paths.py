# f-string pieces and str() of ints take shortcuts (digits written directly, specs parsed on the
# stack); each must still match format()/__format__/__str__ exactly.
import sys


class I(int):
    def __format__(self, spec):
        return "I<" + spec + ">"

    def __str__(self):
        return "I!"


class S(str):
    def __format__(self, spec):
        return "S<" + spec + ">"


class Plain(int):
    pass


for v in (0, 7, -7, 10, -10, 2**31, -(2**31), sys.maxsize, -sys.maxsize - 1, 2**63, -(2**64), 10**30):
    print(f"{v}", str(v), f"[{v}]", f"{v:}", f"{v:d}", f"{v:>25}", len(f"{v}"))
print(f"{True}", f"{False}", str(True), f"{None}", f"{1.5}", f"{-0.0}", f"{1e300}")
print(f"{I(5)}", f"{I(5):x>3}", str(I(5)), f"{S('a')}", f"{S('a'):>4}", f"{Plain(12)}", str(Plain(-3)))
print(f"{'abc'}", f"{'é':*^5}", f"{5:é>4}", f"{'日本':<6}|", f"{12345:,}", f"{12345:_x}")
print(f"{7:0000000000000000010}", f"{3.14159:>+020.3f}", f"{'long spec':>000000000000030}")
print(f"{255:#x}", f"{255:#o}", f"{-255:#b}", f"{0.5:%}", f"{1234.5:e}", f"{12:n}")
spec = "^" + str(9)
print(f"{42:{spec}}|", f"{'x':{'*'}>{3}}", f"{3.5:{'.2f'}}")
for bad in ("q", "=s", ",s", "1000000000000000000000", ".", "__d", ",_d"):
    try:
        print(f"{5:{bad}}")
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    print(f"{'s':d}")
except ValueError as e:
    print("ValueError", e)
print("k" + f"{12345 % 97}_{-3 % 97}", "%d|%s|%5d" % (-5, 6, 7))
# Pieces joined by BUILD_STRING: character counts add up (non-ASCII too), short results inline.
for a, b in (("", ""), ("é", "ü"), ("日本", "語"), ("x" * 14, "y" * 15), ("x" * 15, "y" * 15), ("ж" * 10, "z" * 30)):
    t = f"{a}-{b}!"
    u = f"<{a}{b}>{len(a)}"
    print(len(t), t[::-1], t[-2], len(u), u.upper(), t.find("!"), hash(t) == hash(a + "-" + b + "!"), t == a + "-" + b + "!")
n = 3
print(f"{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}{n}|", f"{'é' * 3}{n:>4}{'ü'}"[2:6])
d = {f"k{i}_{i % 7}": i for i in range(5)}
print(d["k3_3"], "k4_4" in d, f"k{2}_{2}" in d)
