# `obj.__class__ = C`: allowed between heap classes of the same layout, with CPython's errors otherwise.
class A:
    def f(self): return "A"
class B(A):
    def f(self): return "B"
class C:
    __slots__ = ("x",)
class D(dict): pass
class E(dict): pass
a = A(); a.v = 1
a.__class__ = B
print(a.f(), type(a).__name__, vars(a), isinstance(a, B))
for target, val in [(a, 3), (a, C), (1, A), (D(), E), (D(), A), (C(), A)]:
    try:
        target.__class__ = val
        print("ok", type(target).__name__)
    except TypeError as e:
        print("TypeError:", e)
