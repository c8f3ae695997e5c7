# A suspended generator's registers are saved and restored whole on every switch, by `next()`,
# `send`, `throw`, `close` and `for` loops, with collections while it is suspended or running.
import gc


def wide(n):
    a, b, c, d = [1], "two", (3,), {4: 4}
    for i in range(n):
        e = [str(j) for j in range(30)]
        got = yield (i, len(a), b, c, len(d), len(e))
        if got is not None:
            a.append(got)
            d[got] = got
        gc.collect()
    return "wide done"


g = wide(4)
print(next(g))
print(g.send(7))
print(g.send(8))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
try:
    next(g)
except StopIteration as e:
    print("exhausted", e.value)
print(list(g), g.send(None) if False else "no send")


def catcher():
    x = ["kept"]
    while True:
        try:
            v = yield x[0]
            x[0] = v
        except KeyError as e:
            x[0] = "caught " + str(e)


c = catcher()
print(next(c), c.send("sent"), c.throw(KeyError("k")), next(c))
c.close()
try:
    c.send(1)
except StopIteration:
    print("closed")


def reenter():
    yield me.send(None)


me = reenter()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)


def chain(depth):
    if depth == 0:
        yield from range(3)
        return
    for v in chain(depth - 1):
        yield v + depth
    gc.collect()


print(list(chain(6)), sum(chain(4)), max(chain(3)))
outer = [x * y for x in wide(3) for y in (1, 2) if not isinstance(x, str)]
print(len(outer))
