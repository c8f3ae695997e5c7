from abc import ABC, abstractmethod, ABCMeta
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self): return f'{type(self).__name__} with area {self.area()}'
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
class Full(Sq):
    def perimeter(self): return 4 * self.s
for cls in (Shape, Sq):
    try:
        cls(2)
    except TypeError as e:
        print(e)
f = Full(3)
print(f.describe(), f.perimeter(), isinstance(f, Shape), Shape.__abstractmethods__ == {'area', 'perimeter'}, sorted(Sq.__abstractmethods__))
class P(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self): ...
try:
    P()
except TypeError as e:
    print(e)
