# Exceptions raised in callees that compiled code called itself: caught by the caller, caught
# several frames up, raised in __init__, __init__ returning a value, and finally escaping with
# a traceback through compiled frames.
class Bad(Exception):
    pass


def leaf(i):
    if i % 97 == 96:
        raise Bad("leaf %d" % i)
    return i * 2


def middle(i):
    return leaf(i) + 1


def top(n):
    total = 0
    caught = 0
    for i in range(n):
        try:
            total += middle(i)
        except Bad as e:
            caught += 1
            last = str(e)
    return total, caught, last


class Point:
    def __init__(self, x, y):
        if x < 0:
            raise ValueError("negative x %d" % x)
        self.x = x
        self.y = y


class Weird:
    def __init__(self, v):
        self.v = v
        if v == 7:
            return v


def make_points(n):
    pts = []
    errors = 0
    for i in range(n):
        try:
            pts.append(Point(i - 5, i))
        except ValueError:
            errors += 1
    return len(pts), errors


def make_weird(n):
    out = 0
    for i in range(n):
        try:
            out += Weird(i).v
        except TypeError as e:
            print("TypeError", e)
    return out


def chain(n):
    try:
        return leaf(n)
    except Bad as e:
        raise KeyError(n) from e


print(top(2000))
print(make_points(2000))
print(make_weird(10))
for n in range(3000):
    middle(n % 90)
print(chain(95 + 97 * 3))
chain(96)
