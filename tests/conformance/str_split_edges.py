# str.split/rsplit edge cases: whitespace kinds, maxsplit, multi-char and non-ASCII separators.
for t in ["a b  c", "  lead and trail  ", "", "   ", "x", "a\tb\nc\x0bd\x0ce\rf\u3000g\u2028h", "α β γ"]:
    print(repr(t), t.split(), t.rsplit(), t.split(None, 1), t.rsplit(None, 1), t.split(maxsplit=0), t.rsplit(None, 0), t.split(" "), t.rsplit(" ", 1))
for t, sep in [("a|b||c|", "|"), ("||", "|"), ("abcabcab", "ca"), ("αβαβ", "β"), ("x--y--z", "--"), ("", "x")]:
    print(repr(t), t.split(sep), t.rsplit(sep), t.split(sep, 1), t.rsplit(sep, 1), t.split(sep, 0), t.rsplit(sep, -1))
try:
    "a".split("")
except ValueError as e:
    print(e)
