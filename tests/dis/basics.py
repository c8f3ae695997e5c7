a = 1
b = a + 2 * 3
c = -a ** 2
name = "x" + "y"
t = (1, 2.5, "s", None, True)
def f(x, y=10):
    z = x * y - 1
    x += 1
    return z if z > x else x
print(f(2), f(3, y=4), sep=", ")
