from __future__ import annotations
counter: int = 0

def bump(obj, key):
    global counter
    counter += 1
    obj.total += 1
    obj.items[key] -= 2
    if 0 < counter <= 10 != key:
        return (n := counter * 2)
    del obj.items[1:3]
    return [v for v in obj.items if (last := v)]

def groups(fn):
    try:
        fn()
    except* (ValueError, TypeError) as eg:
        print(eg.exceptions)
    except* KeyError:
        pass

class Point:
    x: int
    y: int = 0
    scale = staticmethod(lambda p, k=2: (p.x * k, p.y * k))
