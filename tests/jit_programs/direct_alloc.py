# Direct calls between compiled functions that allocate (tuples) and use the frameless helpers
# (unpacking, for over lists): garbage made without frames is still collected (compiled code
# leaves for a safepoint when the collector asks), a wrong-length unpack raises in the right
# frame, and a loop over a list inside a direct callee works.
def make(d):
    if d == 0:
        return (None, None)
    return (make(d - 1), make(d - 1))


def check(t):
    left, right = t
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def total(xs):
    s = 0
    for x in xs:
        s += x
    return s


def pair_sum(p):
    a, b = p
    return a + b


def sums(n):
    t = 0
    for i in range(n):
        t += check(make(i % 8)) + total([i, 1, 2]) + pair_sum((i, 3))
    return t


print(sums(4000))
for p in [(1, 2), [3, 4], (5, 6, 7), "xy"]:
    try:
        print(pair_sum(p))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(check(make(12)))
