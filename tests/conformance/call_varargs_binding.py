# Binding of *args parameters: every positional parameter given and the rest collected (the
# fast path), with cells over the tuple and the parameters, defaults, too few arguments, keyword-only
# parameters and **kwargs (the general path).

def f(a, *r):
    return a, r
def g(*r):
    def h():
        return r
    return h()
def k(a, b, *r):
    def h():
        return a + b + len(r)
    return h()
def d(a, b=2, *r):
    return a, b, r
print(f(1), f(1, 2), f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
print(g(), g(1), g(*range(12)))
print(k(1, 2), k(1, 2, 3))
print(d(1), d(1, 5), d(1, 5, 6))
try:
    f()
except TypeError as e:
    print(e)
try:
    k(1)
except TypeError as e:
    print(e)
def kw(a, *r, c=3):
    return a, r, c
print(kw(1, 2), kw(1, 2, c=4))
def vk(a, *r, **x):
    return a, r, x
print(vk(1, 2, z=3), vk(1))
