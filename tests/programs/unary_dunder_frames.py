# Unary operators on instances run their dunder as a frame of the dispatch loop.
class V:
    def __init__(self, x): self.x = x
    def __neg__(self): return V(-self.x)
    def __pos__(self): return self.x
    def __invert__(self): return NotImplemented
    def __repr__(self): return f"V({self.x})"
class G:
    def __neg__(self):
        yield 1
class E:
    def __neg__(self):
        raise ValueError("no neg")
v = V(3)
print(-v, +v, ~v, -(-v))
print(list(-G()))
for i in range(3):
    v = -v
print(v)
try:
    -E()
except ValueError as e:
    print("caught", e)
class W(V):
    pass
print(-W(5))
