def deco(f):
    raise ValueError(f.__name__)
def ok(f):
    return f
@ok
@deco
def g():
    pass
