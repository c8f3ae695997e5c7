class P:
    pass
p = P()
total = 1 + p.missing
