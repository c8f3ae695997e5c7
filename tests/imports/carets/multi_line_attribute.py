class P:
    pass
x = (P()
     .zzz)
