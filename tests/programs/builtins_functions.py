# Builtin functions: keyword arguments, edge cases and CPython's error messages.
import sys

def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

print('a', 'b', sep='-', end='!\n')
print('x', 'y', sep=None, end=None)
print(file=sys.stdout)
print('to stderr', file=sys.stderr)
print('flushed', flush=True)
show(print, 1, sep=3)
show(print, 1, end=4)

# sorted / min / max
data = [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'z'), (3, 'a')]
print(sorted(data, key=lambda t: t[0]))
print(sorted(data, key=lambda t: t[0], reverse=True))
print(sorted('hello'), sorted({3: 1, 1: 2}), sorted([], reverse=True))
show(sorted, [1, 'a'])
show(sorted, [3, 1], 5)
show(sorted, [3, 1], cmp=None)
print(min(3, 1, 2), max([4, 9, 2]), min('bca'), max([], default='none'))
print(min([(1, 'b'), (1, 'a')]), max(['aa', 'b', 'ccc'], key=len), min([5, 3], key=lambda x: -x))
show(min, [])
show(max)
show(max, 1)
print(max([1, 1.0, True]), min([1, 1.0, True]))

# int() / round() / pow() / divmod() / abs() / sum()
print(int('ff', 16), int('0x1F', 0), int('  -42  '), int('1_000'), int(' 0b101 ', 0), int(3.99), int(-3.99))
print(int('z', 36), int(b'12'), int(True), int('٣'))
show(int, '1__0')
show(int, '12', 1)
show(int, '08', 0)
show(int, 1.5, 10)
show(int, float('nan'))
show(int, float('inf'))
show(int, None)
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(0.375, 2), round(2.675, 2))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 1), round(1e300, -300))
print(round(5e-324, 400), round(1.5, None), type(round(2.5)), type(round(2.5, 0)))
show(round, float('nan'))
show(round, float('inf'))
show(round, 'x')
print(pow(2, 10), pow(2, -1), pow(3, 4, 5), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 3, -5), pow(base=3, exp=2))
show(pow, 2, -1, 4)
show(pow, 2.0, 2, 3)
show(pow, 2, 3, 0)
show(pow, 0, -1)
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(7.5, 2), divmod(-7.5, 2), divmod(2 ** 70, 3))
show(divmod, 1, 0)
show(divmod, 1.0, 0)
print(abs(-3), abs(-2.5), abs(True), abs(-2 ** 70), abs(-0.0))
show(abs, 'x')
print(sum([1, 2, 3]), sum([0.1] * 10), sum([[1], [2]], []), sum(range(10), 100), sum([], start=5))
show(sum, ['a', 'b'], '')

# zip / enumerate / map / filter / reversed / iter
print(list(zip('ab', [1, 2, 3])), list(zip()), list(zip('a', 'b', 'c')))
show(lambda: list(zip([1, 2], [3], strict=True)))
show(lambda: list(zip([1], [3, 4], strict=True)))
print(list(enumerate('ab', start=10)), list(enumerate([], 5)))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(str, range(3))))
print(list(filter(None, [0, 1, '', 'a', None, []])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(4))), list(reversed({'a': 1, 'b': 2})))
show(reversed, {1, 2})
it = iter([1, 2, 3, 4, 5].pop, 2)
print(list(it))
show(next, iter([]))
print(next(iter([]), 'default'))
show(iter, 5)

# bytes / bytearray / frozenset / slice / bool
print(bytes(3), bytes([65, 66]), bytes('hé', 'utf-8'), bytearray(b'ab'), bytearray(2), frozenset('aab') == {'a', 'b'})
show(bytes, 'abc')
show(bytes, [256])
show(bytes, -1)
print(slice(3), slice(1, 2), slice(1, 2, 3), slice(None, 5).stop, bool(), bool([0]))

# eval / exec / vars / dir / globals / locals
print(eval('1 + 2 * 3'), eval('x + 1', {'x': 4}), eval('y', {}, {'y': 'local'}))
ns = {}
exec('def f():\n    return 42\nv = f()', ns)
print(ns['v'], '__builtins__' in ns)
show(eval, 'import os')
show(eval, 'nope')
def scope():
    a = 1
    b = 'two'
    return sorted(locals().items())
print(scope())
class C:
    def __init__(self):
        self.p = 1
print(vars(C()), 'p' not in dir(C), '__init__' in dir(C))
show(vars, 5)

# hash / id / ascii / format / callable / repr
print(hash(1) == hash(1.0), hash('a') == hash('a'), id(ns) == id(ns))
print(ascii('héllo\n'), ascii([1, 'ü']), repr('a\'b'), repr("it's \"x\""))
print(format(3.14159, '.2f'), format(42, '08b'), format('x', '^5'), format(1234567, ','))
print(callable(len), callable(C), callable(C()), callable(lambda: 0), callable(3))
print(chr(65), ord('A'), chr(0x1F600) == '😀', hex(255), oct(8), bin(-5))
show(chr, 0x110000)
show(ord, 'ab')
print(isinstance(True, int), issubclass(bool, (str, int)), isinstance(1, (list, (float, int))))
show(isinstance, 1, 2)
print(getattr(C(), 'p'), getattr(C(), 'q', 'dflt'), hasattr(C(), 'p'))
show(getattr, C(), 'q')
show(getattr, 1, 2)

# compile()
code = compile('a = 6\nb = a * 7', 'prog.py', 'exec')
space = {}
exec(code, space)
print(space['b'], code.co_filename, type(code).__name__, eval(compile('2 ** 8', '<e>', 'eval')))
exec(compile('40 + 2', '<single>', 'single'))
show(compile, 'x', 'f', 'nope')
show(compile, '1 +', 'bad.py', 'exec')
show(compile, 'x')

# Methods that take no arguments refuse extra ones, with CPython's message.
for obj, name in [(1, "bit_length"), (1, "bit_count"), (1, "conjugate"), (1.5, "is_integer"),
                  (1.5, "conjugate"), ([1], "copy"), ([1], "clear"), ([1], "reverse"),
                  ({1: 2}, "keys"), ({1: 2}, "values"), ({1: 2}, "items"), ({1: 2}, "popitem"),
                  ({1: 2}, "copy"), ({1: 2}, "clear"), ({1}, "copy"), ({1}, "clear"),
                  (frozenset({1}), "copy"), (bytearray(b"a"), "copy"), (bytearray(b"a"), "clear"),
                  (bytearray(b"a"), "reverse")]:
    try:
        getattr(obj, name)(1)
    except TypeError as e:
        print(e)
