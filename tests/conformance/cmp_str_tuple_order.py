# Ordering of strs and tuples (the native path) against subclasses, NaN, nesting and mixed types.
class S(str):
    def __lt__(self, o):
        return True
nan = float("nan")
cases = [((1, "a"), (1, "b")), ((1, "b"), (1, "a")), ((1,), (1, 2)), ((), ()), (("x", (1, 2)), ("x", (1, 3))),
         ((nan,), (nan,)), ((1, 2.0), (1, 2)), ((1, 2.5), (1, 2)), (("a", S("b")), ("a", S("a"))),
         ((S("a"),), (S("b"),)), (S("z"), S("a")), ("abc", "abd"), ("", "a"), ((1, (2, (3, (4, (5, (6, (7, (8, (9, (10,))))))))),), (1, (2, (3, (4, (5, (6, (7, (8, (9, (11,))))))))),)),
         ((True, 1), (1, 1)), ((None,), (None,)), (("é", 1), ("e", 2)), ((1, [1, 2]), (1, [1, 3]))]
for a, b in cases:
    print(repr(a)[:40], repr(b)[:40], a < b, a <= b, a == b, a != b, a > b, a >= b)
for a, b in [((1, None), (1, 2)), (("a", 1), ("a", "b")), ((1, object()), (2, object()))]:
    try:
        print(a[:1], a < b)
    except TypeError as e:
        print("TypeError", e)
print(sorted([("b", 2), ("a", 3), ("a", 1), ("c", 0)], key=lambda kv: (-kv[1], kv[0])))
print(sorted(["pear", "apple", "fig", "Apple", "é", "e"]), min("x", "b", "q"), max(("a", 1), ("a", 2)))
