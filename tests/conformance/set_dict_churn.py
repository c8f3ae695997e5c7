# Sets and dicts under add/remove churn: membership and iteration order must match CPython's
# tables, with int, negative int, str and equal-but-distinct keys (1, 1.0, True).


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v

    def __repr__(self):
        return "Key(%r)" % (self.v,)


def churn_set(keys, rounds):
    s = set()
    log = []
    for r in range(rounds):
        for k in keys:
            if (len(repr(k)) + r) % 3 == 0 and k in s:
                s.remove(k)
            else:
                s.add(k)
        log.append(sorted(s, key=repr) == sorted(set(s), key=repr))
        log.append(list(s))
    return log


print(churn_set(list(range(-9, 10)), 5))
# str hashes are salted per process: only membership is reproducible for them.
for row in churn_set(["a", "bb", "ccc", "d", "e" * 5, "f"], 4):
    print(sorted(row) if isinstance(row, list) else row)
for row in churn_set([Key(1), Key(2), Key(-3), Key(4)], 3):
    print(row)

s = {1, 2, 3}
s.add(1.0)
s.add(True)
print(s, 1.0 in s, True in s, 2.0 in s, 4.0 in s)
s.discard(True)
print(s, 1 in s)
s.add(1.0)
print(s, [type(x).__name__ for x in s])

cols, d1, d2 = set(), set(), set()
for c in range(8):
    cols.add(c)
    d1.add(c * 2)
    d2.add(-c)
for c in range(0, 8, 2):
    cols.remove(c)
    d2.discard(-c)
for c in range(8, 20):
    cols.add(c)
    d2.add(-c)
print(cols, d1, d2)
print([c in cols for c in range(-2, 22)])
print([-c in d2 for c in range(-2, 22)])

d = {}
for i in range(40):
    d[i * 7 % 41] = i
for i in range(0, 40, 3):
    del d[i * 7 % 41]
d[3] = "three"
d[1.0] = "one"
d[True] = "true"
print(list(d.items()))
print([k in d for k in range(45)])
print(d.get(2), d.get(1), d.get(1 << 70), d.get(-5))

big = {}
for i in range(2000):
    big[i * 1000003 % 5003] = i
for i in range(0, 2000, 2):
    del big[i * 1000003 % 5003]
print(len(big), sum(big), list(big)[:10], list(big)[-10:])
neg = {-i: i for i in range(-50, 50)}
print(list(neg)[:8], neg[-1], neg[1], -2 in neg, len(neg))

# Long churn in tables large enough for ten-slot probe windows: iteration order after many
# dummies, reuse of the last dummy passed, pop from the front.
x = 7
s = set()
for step in range(6000):
    x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    k = x % 300 - 100
    if k in s:
        s.remove(k)
    else:
        s.add(k)
    if step % 1500 == 0:
        print(len(s), list(s)[:12])
print(len(s), list(s))
while len(s) > 40:
    s.pop()
print(list(s))
s.discard(10**20)
s.add(10**20)
s.add(-(10**20))
print(list(s), 10**20 in s, -(10**20) in s)
