# Containers that contain themselves print with CPython's ellipses.
a = []
a.append(a)
print(a, str(a), repr([a, a]))
d = {}
d['a'] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
m = {'k': [1]}
m['k'].append(m)
print(m)
b = [1, 2]
b.append({'x': b})
print(b)
class Node:
    def __init__(self):
        self.children = [self]
    def __repr__(self):
        return f"Node({self.children!r})"
try:
    print(Node())
except RecursionError as e:
    print(type(e).__name__)
print(a == a, d == d)
try:
    c = []
    c.append(c)
    e = []
    e.append(e)
    print(c == e)
except RecursionError as err:
    print(type(err).__name__, err)
