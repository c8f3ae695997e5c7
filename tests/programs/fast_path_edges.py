# Edges of the interpreter's fast paths: each must agree with the general path.

# int shifts done on i64 in place (and where they must leave it)
for x in [0, 1, -1, 5, -5, 3, -3, 2**62, -(2**62), 2**63 - 1, -(2**63)]:
    for n in [0, 1, 2, 31, 61, 62, 63, 64, 65, 100]:
        print(x, n, x >> n, x << n)
try:
    1 << -1
except ValueError as e:
    print("ValueError", e)
try:
    1 >> -1
except ValueError as e:
    print("ValueError", e)
print(True << 3, 7 >> True)

# str.find / rfind on ASCII and non-ASCII text, with and without bounds
for hay in ["", "abcabc", "héllo wörld", "aaaa"]:
    for sub in ["", "a", "bc", "l", "ö", "zz", "wörld"]:
        print(repr(hay), repr(sub), hay.find(sub), hay.rfind(sub),
              hay.find(sub, 1), hay.rfind(sub, 0, 3), hay.find(sub, -2))

# one-character strings from indexing and iteration
s = "xyz\x00\x7f"
print([c for c in s], s[0] == "xyz"[0], s[-1], ord(s[3]))
print("é"[0], "aé"[1], list("aé€"))

# bound-method and constructor calls with exactly their parameters, and with defaults, cells
class P:
    def __init__(self, a, b=2):
        self.a, self.b = a, b

    def get(self, k):
        def inner():
            return k + self.a
        return inner()

p = P(1)
q = P(3, 4)
print(p.a, p.b, q.a, q.b, p.get(10), q.get(20))
try:
    P()
except TypeError as e:
    print(e)
try:
    p.get(1, 2)
except TypeError as e:
    print(e)

# format specs on ints, floats, bools and str subclasses
class S(str):
    pass

print(f"{5:05d}|{-3.14159:.3f}|{True:>6}|{S('ab'):^6}|{12345678:,}")
try:
    format(1.5, "Q")
except ValueError as e:
    print(e)
try:
    format(S("x"), "d")
except ValueError as e:
    print(e)

# range() from small ints, and i64 bounds whose length is not an i64
print(list(range(5)), list(range(2, 9, 3)), list(range(9, 2, -2)), range(-3), range(0, 10**20, 10**19)[3], len(range(1, 100, 7)))
print(range(5) == range(0, 5), range(True), list(range(2**62, 2**62 + 3)), range(-2**63, 2**63 - 1)[0])
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
try:
    range(1.5)
except TypeError as e:
    print(e)
try:
    len(range(-2**63, 2**63 - 1))
except OverflowError as e:
    print("OverflowError", e)

# replace / partition / startswith fast paths on one-character needles
class T(str):
    pass

for text in ["a-b-c", "abc", "", "é-é", T("x-y")]:
    r = text.replace("-", "_")
    print(repr(r), type(r).__name__, text.replace("-", "+", 1), text.replace("z", "q") == text,
          type(text.replace("z", "q")).__name__)
    print(text.partition("-"), text.rpartition("-"), text.partition("b"), text.partition("bc"))
    print(text.startswith("a"), text.endswith("c"), text.startswith(("x", "a")),
          text.startswith("", 10), text.startswith("b", 2), text.endswith("b", 0, 3))
s1 = "hello"
print(s1.replace("z", "q") is s1)
print('abc'.startswith(('x',''), 4), 'abc'.endswith('', 3), 'abc'.endswith('', -10), 'abc'.startswith('', 2, 1), 'abc'.startswith(('a', 'b'), 2, 1))
