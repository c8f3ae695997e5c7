# Dunders and methods looked up through the MRO must follow every later change to a class,
# its bases, or a class built by type().
class Base:
    def __add__(self, other):
        return "Base.__add__"


class Child(Base):
    pass


c = Child()
for _ in range(3):
    print(c + 1)
Child.__add__ = lambda self, other: "Child.__add__"
print(c + 1)
del Child.__add__
print(c + 1)
Base.__add__ = lambda self, other: "Base.__add__ v2"
print(c + 1)
del Base.__add__
try:
    c + 1
except TypeError as e:
    print("TypeError:", e)
Base.__radd__ = lambda self, other: "Base.__radd__"
print(1 + c)


class Point:
    def __init__(self, x):
        self.x = x


for i in range(3):
    print(Point(i).x)


def init2(self, x):
    self.x = x * 10


Point.__init__ = init2
print(Point(4).x)
Dyn = type("Dyn", (Point,), {"__init__": lambda self, x: setattr(self, "x", -x)})
print(Dyn(5).x)
Dyn.__init__ = Point.__init__
print(Dyn(6).x)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    def __len__(self):
        return 7


w = WithMeta()
print(len(w))
WithMeta.__len__ = lambda self: 8
print(len(w))
