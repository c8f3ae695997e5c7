# Iteration order of sets after long runs of mixed add/remove/discard/pop: the insertion slot
# (the last dummy a probe passes) and every resize must be CPython's. Keys are small and
# negative ints (negative hashes start probes at the table's end), big ints, and strs.

state = 12345


def rand(n):
    global state
    state = (state * 1103515245 + 12345) % 2147483648
    return (state >> 8) % n


def churn(make_key, span, steps, every):
    s = set()
    out = []
    for step in range(steps):
        k = make_key(rand(span))
        op = rand(10)
        if op < 5:
            s.add(k)
        elif op < 7:
            if k in s:
                s.remove(k)
        elif op < 9:
            s.discard(k)
        elif s:
            s.pop()
        if step % every == 0:
            out.append(list(s))
    out.append(list(s))
    out.append(len(s))
    return out


for span in (5, 13, 40, 200):
    print(churn(lambda r: r - span // 2, span, 3000, 97))
print(churn(lambda r: (r - 20) * 1000003, 60, 2000, 151))
print(churn(lambda r: 2**62 + r - 30, 60, 2000, 151))

# A fixed backtracking pattern like nqueens': the same few keys added and removed in nested
# order, with the order checked at every depth.
def nested(s, keys, depth, out):
    if depth == len(keys):
        out.append(list(s))
        return
    for k in keys[depth]:
        if k in s:
            continue
        s.add(k)
        nested(s, keys, depth + 1, out)
        s.remove(k)


out = []
nested(set(), [range(-6, 7, 2), range(-5, 8, 3), range(0, 9), range(-9, 0, 4)], 0, out)
print(len(out), out[::37])
fs = frozenset(range(-20, 20, 3))
print(list(fs), list(fs | {100, -100}), list(fs - {-20, 1}))


# `pop` resumes after the slot the last `pop` took (CPython's finger), through growth and
# `clear`; a copy starts from the table's beginning.
def popped():
    s = set(range(20))
    for _ in range(5):
        s.pop()
    s.add(0)
    s.add(1)
    return s


s = popped()
s.clear()
s.update(range(10))
print("clear", s.pop())
s = popped()
s.update(range(100, 140))
print("grow", s.pop(), s.pop())
print("copy", popped().copy().pop())
s = set()
print([s.add(i) or s.pop() for i in range(12)])
s = set(range(-10, 30, 2))
print([s.pop() for _ in range(len(s))])
