# int() of text takes a plain-decimal fast path; constructing instances remembers which
# __new__/__init__ are object's and BaseException's. Both must keep CPython's behaviour.

# int(): plain decimals, signs, limits of the fast path, and everything it hands on
for t in ["0", "7", "-7", "+7", "007", "-0", "123456789012345678", "-123456789012345678",
          "999999999999999999", "1234567890123456789", "9223372036854775807",
          "9223372036854775808", "-9223372036854775809", "1_000", " 42 ", "\t-5\n", "٣",
          "12a", "", "-", "+", "--1", "0x10", "1.5", "1 2", "_1", "1_"]:
    try:
        print(repr(t), int(t))
    except ValueError as e:
        print(repr(t), "ValueError:", e)
print(int("0x10", 16), int("10", 2), int("077", 8), int("0", 0), int("10", 10), int("z", 36))
for t, b in [("012", 0), ("-12", 0), ("1_0", 0)]:
    try:
        print(int(t, b))
    except ValueError as e:
        print("ValueError:", e)


class S(str):
    pass


print(int(S("55")), int(b"66"), int(bytearray(b"-77")))


# construction: exception classes with and without __init__/__new__, plain classes
class Stop(Exception):
    def __init__(self, value):
        self.value = value


class Odd(ValueError):
    pass


class WithNew(Exception):
    def __new__(cls, *args):
        inst = super().__new__(cls, *args)
        inst.tag = "new"
        return inst


class Plain:
    pass


class Init:
    def __init__(self, a, b=2):
        self.s = a + b


class OwnNew:
    def __new__(cls, x):
        o = object.__new__(cls)
        o.x = x
        return o


for i in range(3):
    s = Stop(i)
    print(type(s).__name__, s.args, s.value)
    o = Odd(i, "x")
    print(o.args, str(o), repr(o))
    w = WithNew(i)
    print(w.args, w.tag)
    print(Init(i).s, Init(i, b=5).s, OwnNew(i).x, type(Plain()).__name__)
for make in [lambda: Plain(1), lambda: Plain(a=1), lambda: Init(), lambda: OwnNew()]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)

# a class mutated between constructions (its lookups are redone each time)
class Counted:
    made = 0

    def __enter__(self):
        Counted.made += 1
        return self

    def __exit__(self, et, ev, tb):
        return et is KeyError


for i in range(5):
    with Counted():
        if i % 2:
            raise KeyError(i)
    if i == 2:
        Counted.__init__ = lambda self: setattr(self, "late", True)
print(Counted.made, Counted().late)
