# cls(...) runs a Python __init__ as a frame of the dispatch loop: arguments, keyword-only
# parameters, inheritance, a non-None return, exceptions and closures over self.
class A:
    def __init__(self, x, *, k=2):
        self.x = x + k
print(A(1).x, A(1, k=5).x)
class B(A):
    pass
print(B(3).x)
class C:
    def __init__(self):
        return 5
try:
    C()
except TypeError as e:
    print("TypeError", e)
class D:
    def __init__(self, n):
        if n > 0:
            D(n - 1)
        else:
            raise ValueError("deep")
try:
    D(3)
except ValueError as e:
    print("caught", e)
try:
    A()
except TypeError as e:
    print(e)
class E:
    def __init__(self):
        self = 7
        f = lambda: self
print(type(E()).__name__)
class F:
    def __init__(self):
        g = lambda: self
        self.g = g
print(F().g() is not None)
