# Deep unary and lambda chains: a compiler limit, never a stack overflow.
for n in (100, 10000, 100000):
    for src in ("-" * n + "1", "not " * n + "1", "lambda:" * n + "1", "1" + "+1" * n):
        try:
            compile(src, "<deep>", "eval")
            print(n, src[:7], "ok")
        except (SyntaxError, RecursionError, MemoryError) as e:
            print(n, src[:7], type(e).__name__)
