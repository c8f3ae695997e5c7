from circ_bad_a import f
def g():
    return 2
