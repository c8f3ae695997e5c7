def g():
    yield 1
    raise ValueError
for a in g():
    pass
