# Exception-heavy control flow: raise/catch across frames, custom exception classes,
# try/finally, else clauses, re-raise, KeyError/IndexError from builtins, with statements.
# Usage: exceptions.py [n]  (default 220000)
import sys


class Stop(Exception):
    def __init__(self, value):
        self.value = value


class Odd(ValueError):
    pass


def check(i):
    if i % 2:
        raise Odd(i)
    return i


def deep(i, depth):
    if depth == 0:
        raise Stop(i)
    return deep(i, depth - 1)


class Guard:
    entered = 0

    def __enter__(self):
        Guard.entered += 1
        return self

    def __exit__(self, et, ev, tb):
        return et is KeyError


def main(n):
    caught = odd = finals = elses = 0
    acc = 0
    d = {}
    lst = [0, 1, 2]
    for i in range(n):
        try:
            check(i)
        except Odd as e:
            odd += 1
            acc += e.args[0] & 15
        else:
            elses += 1
        finally:
            finals += 1
        if i % 4 == 0:
            try:
                deep(i, 5)
            except Stop as s:
                caught += 1
                acc ^= s.value
        try:
            d[i & 63] += 1
        except KeyError:
            d[i & 63] = 1
        try:
            acc += lst[i % 5]
        except IndexError:
            acc -= 1
        with Guard():
            if i % 8 == 0:
                raise KeyError(i)
        try:
            try:
                int("x" if i % 16 == 0 else "1")
            except ValueError:
                raise
        except ValueError as e:
            acc += len(str(e))
    print(caught, odd, elses, finals, Guard.entered, sum(d.values()), acc)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 220000)
