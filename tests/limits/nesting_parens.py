# Deeply nested expressions through the compiler: the parser bounds nesting.
for n in (100, 1000, 10000, 100000):
    for open_, close in (("(", ")"), ("[", "]"), ("{", "}")):
        try:
            compile(open_ * n + "1" + close * n, "<deep>", "eval")
            print(n, open_, "ok")
        except (SyntaxError, RecursionError, MemoryError) as e:
            print(n, open_, type(e).__name__, e)
