def g():
    raise KeyError("x")
g()
