# Which stored keys a set lookup compares with `__eq__`, and in what order, must be CPython's:
# the keys of equal hash along the probe, up to the first key equal to it (found by identity or
# by value without `__eq__`, like an int equal to a float).
log = []


class K:
    def __init__(self, v, h):
        self.v, self.h = v, h

    def __hash__(self):
        return self.h

    def __eq__(self, o):
        log.append((self.v, getattr(o, "v", o)))
        return isinstance(o, K) and self.v == o.v

    def __repr__(self):
        return "K%d" % self.v


def show(*what):
    print(*what, log)
    log.clear()


s = set()
for i in range(12):
    s.add(K(i, i % 3))
show(list(s))
show(K(4, 1) in s, K(40, 1) in s)
s.discard(K(7, 1))
show(list(s))
s.add(K(7, 1))
show(list(s))
s.add(1)
s.add(1.0)
s.add(True)
show(list(s))
show(1 in s, 2 in s, 1.0 in s)
k1 = next(k for k in s if getattr(k, "v", None) == 10)
show(k1 in s)
s.remove(k1)
show(k1 in s, len(s))
show((K(1, 1), 2) in {(K(1, 1), 2), (K(2, 1), 2)})
t = {1, 2, 3, "a", (1, 2)}
show(K(1, 1) in t, K(2, 99) in t, 1.0 in t, True in t, 3.5 in t, (1.0, 2) in t)
t.discard(True)
t.add(1.0)
show(sorted(t, key=repr), len(t))
fs = frozenset([K(3, 0), K(6, 0), 0])
show(K(6, 0) in fs, 0 in fs, False in fs)
