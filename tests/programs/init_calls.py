# cls(...) calls whose __init__ is a plain Python function: exact positional arity (the
# arguments go straight into the __init__ frame), defaults, keywords, *args, a bad return
# value, an exception raised inside __init__, and recursion through constructors.
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class D:
    def __init__(self, a, b=2, *rest, c=3):
        self.v = (a, b, rest, c)


class Bad:
    def __init__(self):
        return 1


class Boom:
    def __init__(self, n):
        raise ValueError("boom %d" % n)


class Node:
    def __init__(self, depth):
        self.kids = [Node(depth - 1), Node(depth - 1)] if depth else []

    def count(self):
        return 1 + sum(k.count() for k in self.kids)


ps = [P(i, i * i) for i in range(5)]
print([(p.x, p.y) for p in ps])
print(P(y=1, x=2).x, D(1).v, D(1, 5, 6, 7, c=8).v, D(*[9, 8]).v)
try:
    Bad()
except TypeError as e:
    print("TypeError:", e)
for i in range(3):
    try:
        Boom(i)
    except ValueError as e:
        print("ValueError:", e)
try:
    P(1)
except TypeError as e:
    print("TypeError:", e)
try:
    P(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print(Node(6).count())


def deep(n):
    return Node(0) if n == 0 else deep(n - 1)


print(type(deep(50)).__name__)
