# One attribute/method site seeing several classes and shapes, while classes change under it.
class Base:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

    def bump(self):
        self.v = self.v + 1

    def call(self):
        return self.kind()

    def kind(self):
        return "base"


class A(Base):
    def kind(self):
        return "A"


class B(Base):
    def __init__(self, v):
        self.extra = 0   # a different shape: v lands in another slot
        self.v = v


class C(Base):
    pass


class D(Base):
    def kind(self):
        return "D"


objs = [A(1), B(2), C(3), D(4), Base(5)]
for round in range(4):
    out = []
    for o in objs:
        o.bump()
        out.append((o.get(), o.call()))
    print(round, out)
    if round == 0:
        C.v = property(lambda self: 1000, lambda self, x: None)  # a data descriptor wins for C
    elif round == 1:
        del C.v
        B.kind = lambda self: "B patched"
    elif round == 2:
        objs[3].kind = lambda: "instance attribute"  # shadows the method for one object
        def getattribute(self, name):
            if name == "v":
                return 100
            return object.__getattribute__(self, name)
        A.__getattribute__ = getattribute
print([o.__dict__ if not isinstance(o, D) else sorted(o.__dict__) for o in objs])
