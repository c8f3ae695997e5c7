# Compiled list indexing: a list guarded once per block, items read straight into float
# arithmetic, and what happens when those guesses stop holding.


class MyList(list):
    def __getitem__(self, i):
        return 100.0 + list.__getitem__(self, i)


def pairs(bodies, steps):
    # the same two lists indexed many times in one block; floats stored back
    for _ in range(steps):
        for b, c in bodies:
            dx = b[0] - c[0]
            dy = b[1] - c[1]
            d2 = dx * dx + dy * dy + 1.0
            b[2] -= dx / d2
            c[2] += dy / d2
    return bodies


def rebinding(rows, n):
    # the register holding the list is rebound in the middle of the block
    total = 0.0
    for i in range(n):
        r = rows[i % 3]
        total += r[0] * 2.0
        r = rows[(i + 1) % 3]
        total += r[1] - r[0]
    return total


def mixed(xs, n):
    # items that are floats for a long time, then an int, then a str
    acc = 0.0
    for i in range(n):
        acc = acc + xs[i % len(xs)] * 0.5
    return acc


def self_index(n):
    # a register indexed and overwritten by its own item
    total = 0
    for i in range(n):
        x = [[i, i + 1], [i + 2]]
        x = x[0]
        x = x[1]
        total += x
    return total


def subclass_at_site(seqs, n):
    t = 0.0
    for i in range(n):
        s = seqs[i % len(seqs)]
        t += s[0] - s[1]
    return t


bodies = [([1.0, 2.0, 0.5], [3.0, -1.0, 0.25]), ([0.5, 0.5, 1.0], [2.0, 2.5, -0.5])]
print(pairs(bodies, 3000))
rows = [[1.5, 2.5], [3.0, 4.0], [0.25, 8.0]]
print(rebinding(rows, 5000))
xs = [0.5, 1.5, 2.5]
print(mixed(xs, 3000))
xs[1] = 7
print(mixed(xs, 3000))
xs[2] = True
print(mixed(xs, 3000))
xs[0] = "s"
try:
    print(mixed(xs, 3000))
except TypeError as e:
    print("TypeError:", e)
print(self_index(4000))
print(subclass_at_site([[2.0, 1.0], [5.0, 0.5]], 4000))
print(subclass_at_site([[2.0, 1.0], MyList([5.0, 0.5]), (1.0, 3.0)], 4000))


def int_items(xs, n):
    # small ints, then a big int and a bool among them
    t = 0
    for i in range(n):
        v = xs[i % len(xs)]
        t = t + v * 3
        if xs[i % 2] > 5:
            t -= 1
    return t


ys = [1, 9, 4]
print(int_items(ys, 3000))
ys[2] = 2**70
print(int_items(ys, 3000))
ys[1] = False
print(int_items(ys, 3000))


def list_across_blocks(a, b, n):
    # `a` is guarded as a list once and known to be one at every loop header after; `b`
    # changes between a list and a tuple inside the loop, so it is guarded each time.
    t = 0
    for i in range(n):
        j = 0
        while j < 3:
            t += a[j] * b[j]
            j += 1
        if i % 50 == 49:
            b = tuple(b) if isinstance(b, list) else list(b)
        if i == n - 7:
            a = MyList(a)
    return t, type(a).__name__, type(b).__name__


print(list_across_blocks([1, 2, 3], [4, 5, 6], 3000))


def rebound_in_loop(n):
    xs = [1, 2, 3]
    t = 0
    i = 0
    while i < n:
        t += xs[i % 3]
        if i == n // 2:
            xs = "abc" if t < 0 else (7, 8, 9)
        i += 1
    return t


print(rebound_in_loop(4000))
