# __repr__ re-entering repr() from native code.
class A:
    def __repr__(self):
        return repr(self)
try:
    repr(A())
except RecursionError as e:
    print(type(e).__name__)
print(repr(A()))
