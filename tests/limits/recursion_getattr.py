# __getattr__ re-entering attribute lookup for a missing attribute.
class A:
    def __getattr__(self, name):
        return getattr(self, "x" + name)
try:
    A().y
except RecursionError as e:
    print(type(e).__name__)
print(A().z)
