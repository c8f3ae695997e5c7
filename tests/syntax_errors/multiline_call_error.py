foo(a,
    b c)
