from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, is_dataclass
from typing import List, Optional, ClassVar
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print(p, Point(3), p == Point(1, 2), p != Point(2, 1), Point.__init__.__qualname__ if hasattr(Point.__init__, '__qualname__') else '')
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()
vs = sorted([Version(1, 2), Version(1, 0), Version(0, 9)])
print(vs, Version(1) < Version(1, 1), hash(Version(1)) == hash(Version(1)))
try:
    vs[0].major = 5
except FrozenInstanceError as e:
    print('FrozenInstanceError:', e)
@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    owner: Optional[str] = None
    count: ClassVar[int] = 0
    secret: str = field(default='s', repr=False)
a = Inventory(); b = Inventory()
a.items.append('x')
print(a, b, Inventory.count, [f.name for f in fields(Inventory)])
print(asdict(Inventory(['a'], 'me')), astuple(Point(5, 6)), replace(p, y=9))
for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point(1, x=2)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError:', e)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print('ValueError:', e)
try:
    @dataclass
    class Bad2:
        a: int = 1
        b: int
except TypeError as e:
    print('TypeError:', e)
@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    def __post_init__(self):
        self.b = self.a * 2
print(WithPost(4), is_dataclass(WithPost), is_dataclass(p), is_dataclass(1))
@dataclass
class Child(Point):
    z: int = 5
print(Child(1, 2, 3), Child(1), Point.__match_args__)
print(hash(Point(1, 2)) if Point.__hash__ else 'unhashable')
@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq(1).__eq__(NoEq(1)))
@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)
n = Node(1, [Node(2), Node(3, [Node(4)])])
print(n)
print(asdict(n))
