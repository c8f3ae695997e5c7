import sys
import plain
print(plain.__name__, plain.__doc__, plain.X, plain.f())
print([n for n in dir(plain)])
print(plain.__file__.endswith('/plain.py'), plain.__package__ == '')
plain.X = 7
print(plain.f())
del sys.modules['plain']
import plain as again
print(again is plain, again.X)
try:
    import raises
except ValueError as e:
    print('ValueError', e, 'raises' in sys.modules)
try:
    import does_not_exist_here
except ModuleNotFoundError as e:
    print(e, e.name, e.path)
try:
    import plain.nope
except ModuleNotFoundError as e:
    print(e)
try:
    from plain import nothing
except ImportError as e:
    print(str(e).replace(plain.__file__, 'FILE'), e.name, e.path == plain.__file__)
try:
    from . import x
except ImportError as e:
    print(e)
print(__name__, __package__, __spec__)
print(sorted(k for k in globals() if k.startswith('__') and k != '__warningregistry__'))
