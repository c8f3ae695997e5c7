from typing import List, Dict, Optional, Union, Callable, Any, TypeVar, Generic, NamedTuple, Tuple, TypedDict, Iterable
T = TypeVar('T')
print(List[int], Dict[str, List[int]], Optional[str], Union[int, str], Callable[[int], str], Any, T, Tuple[int, ...])
class Stack(Generic[T]):
    def __init__(self): self.items: List[T] = []
    def push(self, x: T) -> None: self.items.append(x)
s = Stack[int](); s.push(1); print(s.items)
class P(NamedTuple):
    x: int
    y: int = 0
    def norm(self): return abs(self.x) + abs(self.y)
print(P(1), P(3, -4).norm(), P._fields, P(1, 2)._replace(y=5))
def f(a: int, b: Optional[List[str]] = None) -> Dict[str, Any]:
    return {'a': a}
print(f(1))
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name='x', year=1)
print(m, type(m).__name__)
print(Union[int, None], Optional[Union[int, str]], List)
