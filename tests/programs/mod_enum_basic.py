from enum import Enum, IntEnum, auto, unique, Flag, StrEnum, IntFlag
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self):
        return f'{self.name}={self.value}'
    @classmethod
    def default(cls):
        return cls.GREEN
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'])
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color.RED.describe(), Color.default())
print(Color.RED == Color.RED, Color.RED == 1, Color.RED in Color, isinstance(Color.RED, Color), type(Color.RED))
print(Color, Color.__members__.keys() if False else list(Color.__members__), hash(Color.RED) == hash(Color.RED))
try:
    Color(7)
except ValueError as e:
    print('ValueError:', e)
try:
    Color['PINK']
except KeyError as e:
    print('KeyError:', e)
try:
    Color.RED = 5
except AttributeError as e:
    print('AttributeError:', e)
class Shape(IntEnum):
    CIRCLE = 1
    SQUARE = 2
print(Shape.CIRCLE, repr(Shape.SQUARE), Shape.CIRCLE + 1, Shape.SQUARE == 2, sorted([Shape.SQUARE, Shape.CIRCLE]), f'{Shape.CIRCLE}')
class Auto(Enum):
    A = auto()
    B = auto()
    C = auto()
print(list(Auto), Auto.C.value)
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), [p.value for p in Perm])
class S(StrEnum):
    ALPHA = auto()
    BETA = 'b'
print(S.ALPHA, repr(S.BETA), S.ALPHA == 'alpha', S.BETA.upper())
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print('ValueError:', e)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.MARS.value, Planet((6.42e23, 3.39e6)))
print(f'{Color.RED}', '{}'.format(Color.BLUE), str(Shape.CIRCLE), format(Color.GREEN, ''))
d = {Color.RED: 'r'}
print(d[Color.CRIMSON], Color.RED.__class__.__name__, Color._member_names_)
class Perm2(IntFlag):
    R = 4
    W = 2
print(Perm2.R | Perm2.W, repr(Perm2.R | 2), Perm2.R & 4)
