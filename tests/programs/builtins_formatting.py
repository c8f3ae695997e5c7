# %-formatting, str.format, f-string specs, format() and __format__ on user classes.
def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

print('%s %r %a %d %i %u' % ('s', 'r', 'ü', 42, -3.9, 7))
print('%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%o|%#o' % (42, 42, 42, 42, 42, 255, 255, 255, 8, 8))
print('%f|%.2f|%10.3f|%-10.1f|%e|%.3E|%g|%G|%g' % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 0.000123, 1e-5, 1e20, 100000.0))
print('%c%c|%%|%.3s|%5s|%-5s|' % (65, 'b', 'abcdef', 'ab', 'ab'))
print('%(name)s is %(age)d' % {'name': 'Ann', 'age': 30}, '%s' % [1, 2], '%s' % (1,), '%*d|%-*.*f|' % (5, 3, 8, 2, 3.14159))
print('%d %s' % (True, None), '%.0f %.0f %.0f' % (0.5, 1.5, 2.5), '%x' % 2 ** 70, '%d' % 2 ** 70, '%.1f' % 2 ** 70)
show(lambda: '%d' % 'x')
show(lambda: '%s %s' % (1,))
show(lambda: '%s' % (1, 2))
show(lambda: '%z' % 1)
show(lambda: '%(a)s' % 1)
show(lambda: '%c' % 'ab')
show(lambda: '%x' % 1.5)
show(lambda: '%' % ())
print('no args' % (), 'x' % {}, '%s' % {'k': 1})

print(format(1234.5678, ',.2f'), format(0.5, '%'), format(0.125, '.1%'), format(1e100, 'g'), format(123, 'e'), format(-0.0, '+'), format(1.0, ''))
print(format(255, '#x'), format(255, '#010b'), format(10 ** 20, '_d'), format(-42, '=+8'), format(42, '^+9'), format(65, 'c'), format(3, 'n'))
print(format('text', '>10'), format('text', '*<8'), format('text', '.2'), format(True, 'd'), format(None, ''), format(2.5, '010.3f'))
print(format(float('nan'), '8.2f'), format(float('-inf'), 'e'), format(1e-7), format(123456789.0, '.3g'), format(0.0001, 'g'), format(1.5, 'z.0f'))
show(format, 'x', 'd')
show(format, 1.5, 'd')
show(format, 1, 's')
show(format, 1, '.2d')
show(format, 'x', '+')
show(format, 1, ',_')
show(format, [], 'x')
show(format, 1, 3)
x, w, p = 3.14159265, 12, 4
print(f'{x:.3f}|{x:{w}.{p}f}|{x!r:>20}|{"s"!a}|{42:#b}|{x=:.2}|{ {1: 2}[1] }|{w:>{p}}|')
print(f'{"nested {braces}"}', f'{{}}', f'{x:e}', f'{1e21:f}', f'{10**16:,}', f'{"é":^5}|', f'{-1:05}')

class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        return f'${self.v:{spec or ".2f"}}'
    def __repr__(self):
        return 'Money()'
m = Money(3.5)
print(format(m), f'{m}', f'{m:.1f}', '{:08.3f}'.format(m), '{!r}'.format(m), '%s' % m)
class Plain:
    pass
print(format(Plain(), '')[:8], f'{Plain()!s}'[:8])
show(format, Plain(), 'x')
show(lambda: f'{Plain():>10}')
class BadFormat:
    def __format__(self, spec):
        return 42
show(format, BadFormat())
class Sub(int):
    pass
print(format(Sub(5), '03'), '%d' % Sub(7), f'{Sub(9):x}', str(Sub(3)), repr(Sub(4)))
