# Generators resumed by `for` loops (frames of the dispatch loop): yields, returns, exceptions, StopIteration inside,
# handled-exception context, yield from, send/next/close after a partial loop, re-entry.
import sys


def count(n):
    for i in range(n):
        yield i
    return "done"


def squares(it):
    for v in it:
        yield v * v


print(list(squares(count(5))))
total = 0
for s in squares(squares(count(6))):
    total += s
print(total)


def deleg():
    r = yield from count(3)
    print("delegate returned", r)
    yield from (10, 11)
    yield 12


print([x for x in deleg()])


def raiser(n):
    yield 1
    if n:
        raise ValueError("bad %d" % n)
    yield 2


try:
    for v in raiser(3):
        print("got", v)
except ValueError as e:
    print("caught", e, e.__context__)


def inner_stop():
    yield 1
    raise StopIteration("inner")


try:
    for v in inner_stop():
        print("got", v)
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__, e.__context__ is e.__cause__)


def seen_context():
    yield 1
    raise KeyError("k")


try:
    try:
        raise IndexError("outer")
    except IndexError:
        for v in seen_context():
            print("in handler", v)
except KeyError as e:
    print("context", repr(e.__context__))


def keeps_own_handled():
    try:
        raise OSError("in gen")
    except OSError:
        yield 1
        yield 2


try:
    for v in keeps_own_handled():
        if v == 2:
            raise LookupError("body")
except LookupError as e:
    print("body error context", repr(e.__context__))
try:
    raise TypeError("caller")
except TypeError as caller:
    for v in keeps_own_handled():
        pass
    try:
        raise
    except TypeError as again:
        print("bare raise after loop", again is caller)


def with_finally(log):
    try:
        yield 1
        yield 2
        yield 3
    finally:
        log.append("finally")


log = []
g = with_finally(log)
for v in g:
    if v == 2:
        break
print("broke at", v, log)
print("next", next(g), log)
g.close()
print("closed", log)
log = []
for v in with_finally(log):
    pass
print("full", log)


def acc():
    total = 0
    while True:
        v = yield total
        if v is not None:
            total += v


a = acc()
next(a)
for i, t in zip(range(3), a):
    print("zip", i, t)
print("send", a.send(5))


def selfref():
    yield 1
    for x in me:
        yield x


me = selfref()
try:
    for v in me:
        print("self", v)
except ValueError as e:
    print("ValueError", e)


def nested(depth):
    if depth:
        for v in nested(depth - 1):
            yield v
    else:
        yield "bottom"


print(list(nested(50)))


def deep(depth):
    for v in deep(depth + 1):
        yield v
    yield depth


try:
    for v in deep(0):
        pass
except RecursionError as e:
    print("RecursionError", type(e).__name__)


def exhausted():
    yield 1


e = exhausted()
for v in e:
    print("first pass", v)
for v in e:
    print("never")
print("second pass done")


def thrower():
    try:
        yield 1
        yield 2
    except ZeroDivisionError:
        yield "recovered"
    yield "end"


t = thrower()
for v in t:
    print("thrower", v)
    if v == 1:
        print("throw ->", t.throw(ZeroDivisionError))
print(list(t))


def gen_in_class():
    class C:
        items = [x * 2 for x in count(3)]
    return C.items


print(gen_in_class())


def tb_gen():
    yield 1
    yield 1 // 0


def tb_caller():
    for v in tb_gen():
        pass


try:
    tb_caller()
except ZeroDivisionError as e:
    tb = e.__traceback__
    print("traceback ok", type(e).__name__)
