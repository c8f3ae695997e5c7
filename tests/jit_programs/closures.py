# Closures under the JIT: cells read and written from compiled code (nonlocal), closures called
# where the callee is not known ahead (one site, several code objects, builtins, classes, bound
# methods), empty cells, recursion through a cell, and RecursionError through closures.


def counter(start):
    count = start

    def inc(step):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


def nonlocal_seen():
    inc, get = counter(10)
    s = 0
    for i in range(3000):
        inc(i & 3)
        s += get()
    print("counter", inc(0), get(), s)


def outer_sees():
    total = 0

    def add(v):
        nonlocal total
        total += v
        return total

    for i in range(3000):
        add(i)
    # The outer function reads the cell the closure wrote.
    print("outer", total)


def rebinding():
    x = 1

    def get():
        return x

    def setx(v):
        nonlocal x
        x = v

    s = 0
    for i in range(3000):
        s += get()
        if i == 1500:
            setx(10)
        if i == 2500:
            x = 2.5
    print("rebound", s, get())


def adder(k):
    return lambda x: x + k


def compose(f, g):
    return lambda x: f(g(x))


class Box:
    def __init__(self, v):
        self.v = v

    def scale(self, x):
        return x * self.v


def one_site():
    fs = [adder(1), adder(2), lambda x: x * 3, abs, str, Box(5).scale, Box, compose(adder(7), adder(-2))]
    total = 0
    names = []
    for i in range(4000):
        f = fs[i % 8] if i > 1000 else fs[i % 2]
        r = f(i - 2000)
        if type(r) is int:
            total += r
        elif i > 3990:
            names.append(type(r).__name__)
    print("one site", total, names)


def pipelines():
    fs = [adder(k) for k in range(8)]
    base = compose(fs[3], compose(fs[5], fs[1]))
    p = base
    total = 0
    for i in range(5000):
        total = (total * 31 + p(i & 7)) & 0xFFFFF
        if i % 700 == 0:
            fs[i % 8] = adder(i % 13)
            p = compose(fs[i % 8], base)
    print("pipelines", total, p(0))


def unbound():
    late = 1

    def inner():
        return late + 1

    s = 0
    for i in range(3000):
        s += inner()
    del late
    try:
        inner()
    except NameError as e:
        print("NameError:", e)
    print("unbound", s)


def unbound_local():
    def use():
        return v

    try:
        use()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    v = 3
    return use()


def cell_unbound():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = 1

    def f():
        return x

    return f()


def make_fact():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)

    return fact


def recursion():
    fact = make_fact()
    s = 0
    for i in range(3000):
        s += fact(i % 25)
    print("fact", s, fact(30))


def make_deep():
    def deep(n):
        return deep(n + 1) + 1

    return deep


def too_deep():
    deep = make_deep()
    for _ in range(3):
        try:
            deep(0)
        except RecursionError as e:
            print("RecursionError:", e)


def memo_calls(fn):
    calls = 0

    def wrapper(*args):
        nonlocal calls
        calls += 1
        return fn(*args)

    wrapper.calls = lambda: calls
    return wrapper


@memo_calls
def mix(a, b):
    return (a * 31 + b) & 0xFFFFF


def wrapped():
    t = 0
    for i in range(3000):
        t = mix(t, i)
    print("wrapped", t, mix.calls())


def churn():
    # Many short-lived closures and cells (the collector must see those in compiled frames).
    total = 0
    for i in range(3000):
        f = adder(i)
        g = compose(f, adder(1))
        total += g(i)
        inc, get = counter(i)
        inc(1)
        total += get()
    print("churn", total)


def keys():
    key = lambda v: (v * 7919) % 101
    vals = sorted(range(500), key=key)
    print("sorted", vals[:6])


nonlocal_seen()
outer_sees()
rebinding()
one_site()
pipelines()
unbound()
print("unbound local", unbound_local())
print("cell unbound", cell_unbound())
recursion()
too_deep()
wrapped()
churn()
keys()
