# A direct call writes only its callee's arguments and locals into the window: the callee's
# temporaries hold whatever earlier calls left there until it writes them. `driver` calls
# `scratch`, which leaves tuples in temporaries of the window `outer` runs on; they die, and
# `gc.collect()` runs with the window above the top. Then `driver` calls `outer`, which calls
# `inner`, and `inner` leaves to the interpreter (its `gc.collect()` never ran when it was
# compiled), which collects while `outer`'s temporaries, not yet written, are on the stack below
# it. They must refer to no freed object: `Vm::collect` clears the windows above the top.
import gc


def scratch(n):
    x, y = ((n, n + 1), (n, (n, (n, (n, n)))))
    a, b = y
    return a + n


def inner(x):
    if x > 1000000:
        gc.collect()
    return x + 1


def outer(x):
    r = inner(x)
    p, q = ((r, x), (x, r))
    a, b = p
    return a + b


def driver(n, x):
    if n >= 0:
        return scratch(n)
    return outer(x)


def main():
    total = 0
    for i in range(3000):
        total += driver(i, 0) + driver(-1, i)
        if i % 100 == 0:
            gc.collect()
    for k in range(3):
        total += driver(k, 0)
        gc.collect()
        total += driver(-1, 10**7 + k)
    print(total)


main()
