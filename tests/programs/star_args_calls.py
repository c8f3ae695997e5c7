# Star-argument calls: tuple and list fast paths, displays, and the errors naming the callee.
def f(*a, **k): return a, k
t = (1, 2)
print(f(*t), f(*[3]), f(*t, *t), f(0, *t, x=1), f(*range(3)), f(*"ab"), f(*(i for i in range(2))))
print((*t, *t), [*t, 5], (*[], ))
x = [1]
y = (*x,)
x.append(2)
print(y, x)
try:
    f(*5)
except TypeError as e:
    print(e)
def g(*args):
    return f(*args)
print(g(1, 2, 3), g())
def f(*a, **k): pass
class C:
    def m(self): pass
    class D: pass
for g in [f, C().m, C.m, len, print, C, C.D, int, lambda: 0]:
    try: g(*5)
    except TypeError as e: print(e)
    try: g(**5)
    except TypeError as e: print(e)
try: f(a=1, **{'a': 2})
except TypeError as e: print(e)
