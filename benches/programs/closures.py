# Closure-heavy: functions built by factories, captured cells read and written (nonlocal),
# lambdas passed as arguments, decorators wrapping calls.
# Usage: closures.py [n]  (default 700000)
import sys


def counter(start):
    count = start

    def inc(step):
        nonlocal count
        count += step
        return count

    return inc


def compose(f, g):
    return lambda x: f(g(x))


def adder(k):
    return lambda x: x + k


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


def main(n):
    c = counter(7)
    fs = [adder(k) for k in range(8)]
    base = compose(fs[3], compose(fs[5], fs[1]))
    pipeline = base
    total = 0
    for i in range(n):
        total = mix(total, pipeline(c(i & 3)))
        if i % 1000 == 0:
            fs[i % 8] = adder(i % 13)
            pipeline = compose(fs[i % 8], base)
    key = lambda v: (v * 7919) % 101
    vals = sorted(range(2000), key=key)
    print(total, c(0), mix.calls(), vals[:5], pipeline(0))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 700000)
