from circ_bad_b import g
def f():
    return 1
