# for a, b in ... over enumerate and dict items: the pair unpacked straight into the targets,
# exhaustion, a dict changing size, a wrong target count, nested targets, generators inside.

d = {"a": 1, "b": 2, "c": 3}
for k, v in d.items():
    print(k, v)
for i, k in enumerate("xyz"):
    print(i, k)
for i, (a, b) in enumerate(d.items()):
    print(i, a, b)
t = 0
for i, k in enumerate(range(5), 10):
    t += i * k
print(t)
try:
    for k, v in d.items():
        d[k + k] = v
except RuntimeError as e:
    print("RuntimeError", e)
try:
    for a, b, c in enumerate("ab"):
        pass
except ValueError as e:
    print("ValueError", e)
def g():
    yield 1
    yield 2
for i, v in enumerate(g()):
    print(i, v)
e = enumerate([])
for i, v in e:
    print("never")
it = iter({1: 2}.items())
print(next(it), list(it))
x = enumerate("ab")
print(next(x), list(x))
for k, v in {}.items():
    print("never")
def f():
    for k, v in {1: 2, 3: 4}.items():
        return k, v
print(f())
