# Generator pipeline: chained generator functions, generator expressions, yield from, send(),
# and builtins consuming iterators (sum, max, zip, enumerate).
# Usage: generators.py [n]  (default 800000 items)
import sys


def source(n):
    x = 1
    for _ in range(n):
        x = (x * 48271) % 2147483647
        yield x


def scale(it, k):
    for v in it:
        yield v % k


def evens(it):
    for v in it:
        if v % 2 == 0:
            yield v


def windows(it, w):
    buf = []
    for v in it:
        buf.append(v)
        if len(buf) == w:
            yield tuple(buf)
            del buf[0]


def flatten(pairs):
    for a, b in pairs:
        yield from (a, b)


def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v


def main(n):
    s1 = sum(evens(scale(source(n), 1000)))
    s2 = max(sum(t) for t in windows(scale(source(n // 2), 100), 4))
    s3 = sum(a * b for a, b in zip(source(n // 2), flatten(enumerate(range(n // 4)))) if a % 3) % 1000003
    acc = accumulator()
    next(acc)
    last = 0
    for v in scale(source(n // 2), 50):
        last = acc.send(v)
    s4 = sum(1 for _ in (x for x in range(n) if x & 7 == 3))
    print(s1, s2, s3, last, s4)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 800000)
