# __hash__ re-entering hash() from native code, also through a dict insertion.
class A:
    def __hash__(self):
        return hash(self)
try:
    hash(A())
except RecursionError as e:
    print(type(e).__name__)
d = {}
d[A()] = 1
