x = 1
if x:
    y = 2

    # comment
    z = (1,
         2)
s = """a
b"""
