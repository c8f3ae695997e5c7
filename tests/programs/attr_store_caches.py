# One StoreAttr site seeing objects of different shapes, then the class changing under it.
class C:
    pass

def put(o, v):
    o.x = v

objs = []
for i in range(6):
    o = C()
    if i % 2:
        o.a = i          # a different shape before x arrives
    put(o, i)            # adds x
    put(o, i * 10)       # replaces x
    objs.append(o)
print([(o.x, getattr(o, "a", None)) for o in objs])

def setter(self, name, value):
    object.__setattr__(self, name, ("via __setattr__", value))

o = objs[0]
put(o, 1)
C.__setattr__ = setter       # now every store must go through it
put(o, 2)
print(o.x)
del C.__setattr__
put(o, 3)
print(o.x)

C.x = property(lambda self: "property wins", lambda self, v: print("setter got", v))
put(o, 4)
print(o.x)
del C.x
print(o.x)
put(o, 5)
print(o.x, o.__dict__)

class S:
    __slots__ = ("x",)

s = S()
for i in range(3):
    put(s, i)
print(s.x)
try:
    s.y = 1
except AttributeError as e:
    print("AttributeError", e)
