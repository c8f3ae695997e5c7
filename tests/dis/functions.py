def outer(a, *args, key=None, **kw):
    def inner(b):
        nonlocal a
        a += b
        return a
    return inner

@staticmethod
def deco(f):
    return f

square = lambda x: x * x

def gen(n):
    yield n
    got = yield from range(n)
    return got

def kwonly(a, /, b, *, c=3):
    return a, b, c
