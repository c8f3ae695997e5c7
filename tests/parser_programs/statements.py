import os, sys as system, a.b.c as d
from . import x
from ..pkg.mod import (y as z, w,)
from ... import q
from mod import *
global g1, g2
x: int
(y): int = 5
obj.attr: str = "s"
arr[0]: float
a = b = c = 1
a, *b = c
[a, (b, c)] = d
x += 1; y //= 2; z **= 3; w @= m; v >>= 1; u <<= 2; t ^= 1; s |= 2; r &= 3; p %= 4
del a, b[0], c.d, (e, f)
assert x, "msg"
assert y
def f(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> int:
    nonlocal_free = 1
    def inner():
        nonlocal nonlocal_free
        return nonlocal_free
    yield
    yield 1
    x = yield from g()
    return
def g(*, a, b=2): pass
def h(a, /): pass
def k(*args: int, **kw: str) -> None: ...
@dec
@dec.attr(1, k=2)
@(lambda f: f)
class C(Base, metaclass=Meta, **extra):
    """doc"""
    x = 1
    def m(self): return self.x
class D: pass
if a:
    pass
elif b:
    pass
elif c:
    x = 1
else:
    y = 2
while x:
    break
else:
    continue
for i, (j, k) in enumerate(z):
    pass
else:
    pass
for *a, b in c: pass
try:
    pass
except ValueError as e:
    raise
except (TypeError, KeyError):
    raise X from Y
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* ValueError:
    pass
except* (TypeError, KeyError) as eg:
    pass
with a, b as c, d as (e, f):
    pass
with (a as b, c as d,):
    pass
with (a, b):
    pass
with (yield):
    pass
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, 2, x=3) | Point():
        pass
    case {"x": 1, "y": y, **rest}:
        pass
    case {1: _, Color.RED: a}:
        pass
    case [1, 2, *rest] if rest:
        pass
    case (1 | 2 | 3) as n:
        pass
    case -1 | 1.5 | 2j | -1 + 2j | 3 - 4j | "s" "t" | b"b":
        pass
    case None | True | False:
        pass
    case Color.RED | a.b.c:
        pass
    case (x, *_, y) | [*_]:
        pass
    case ():
        pass
    case _:
        pass
match x, y:
    case a, b:
        pass
match = 1
match.x = 2
match(x)
case = 3
_ = 4
print(match, case)
