# Container protocol: __len__, __getitem__, __setitem__, __delitem__, __contains__, __bool__.
class Grid:
    def __init__(self, w, h):
  \
      self.w, self.h = w, h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f'cell {key} out of range')
        return self.cells.get(key, '.')
    def __setitem__(self, key, value):
        print(f'  set {key} = {value!r}')
        self.cells[key] = value
    def __delitem__(self, key):
        print(f'  del {key}')
        del self.cells[key]
    def __contains__(self, value):
        return value in self.cells.values()
    def render(self):
        return '\n'.join(''.join(self[x, y] for x in range(self.w)) for y in range(self.h))
g = Grid(4, 2)
g[0, 0] = '#'
g[3, 1] = '@'
print(g.render())
print(len(g), '#' in g, '?' in g, g[1, 1], bool(g))
del g[0, 0]
print('#' in g, g.cells)
try:
    g[9, 9]
except IndexError as e:
    print('IndexError:', e)
class Seq:
    def __init__(self, *items):
        self.items = list(items)
    def __getitem__(self, index):
        if isinstance(index, slice):
            print('  slice', index.start, index.stop, index.step)
            return Seq(*self.items[index])
        return self.items[index]
    def __len__(self):
        return len(self.items)
    def __repr__(self):
        return f'Seq{tuple(self.items)}'
s = Seq(10, 20, 30, 40, 50)
print(s[0], s[-1], s[1:3], s[::2], s[::-1])
print(list(s), 30 in s, 35 in s, [x // 10 for x in s], sorted(s, reverse=True))
a, b, *rest = s
print(a, b, rest)
class Empty:
    def __len__(self):
        return 0
class Falsy:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
class Truthy:
    pass
print(bool(Empty()), bool(Falsy()), bool(Truthy()), len(Falsy()), 'yes' if Empty() else 'no')
print(not Empty(), Empty() or 'fallback', [x for x in [Empty(), Truthy(), Falsy()] if x].__len__())
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print('TypeError:', e)
class BadLen:
    def __len__(self):
        return -1
try:
    len(BadLen())
except ValueError as e:
    print('ValueError:', e)
class Registry(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)
    def __getitem__(self, key):
          return super().__getitem__(key.lower())
r = éRegistry()
r['KEY'] = 1
print(r['key'], r['Key'], dict(r))
class NoContains:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in NoContains(), 5 in NoContains())
try:
    3 in Truthy()
except TypeError as e:
    print('TypeError:', e)
try:
    Truthy()[0]
except TypeError as e:
    print('TypeError:', e)
