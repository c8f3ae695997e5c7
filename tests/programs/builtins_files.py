# open(): modes, newline handling, iteration, seek/tell, errors, and flushing at exit.
base = '/tmp/pylift_builtins_files_%d_' % id(print)

def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', str(e).replace(base, '<tmp>'), getattr(e, 'errno', None))
t = base + 'text.txt'
with open(t, 'w') as f:
    print(f.write('first\nsecond\n'), f.writable(), f.readable(), f.closed, f.mode, f.name == t)
    f.writelines(['third\n', 'fourth'])
    print(f.tell())
print(f.closed)
with open(t) as f:
    print(f.readline(), end='')
    print(repr(f.read(3)), repr(f.readline()), f.readlines())
    print(repr(f.read()), repr(f.readline()))
with open(t) as f:
    print([line for line in f])
with open(t) as f:
    print(f.readlines(8))
with open(t, 'a') as f:
    f.write('\nappended')
with open(t, 'r+') as f:
    print(f.read(5))
    f.seek(0)
    f.write('FIRST')
    f.seek(0)
    print(f.read().split('\n'))
with open(t, 'w', newline='') as f:
    f.write('crlf\r\nlf\ncr\rend')
with open(t) as f:
    print(repr(f.read()))
with open(t, newline='') as f:
    print(f.readlines())
with open(t, newline='\r\n') as f:
    print(f.readlines())
with open(t, 'w', newline='\r\n') as f:
    f.write('a\nb\n')
with open(t, 'rb') as f:
    print(f.read())
b = base + 'data.bin'
with open(b, 'wb') as f:
    print(f.write(bytes(range(250, 256)) + b'\nline2\n'), f.write(bytearray(b'!')))
with open(b, 'rb') as f:
    print(f.read(2), f.tell(), f.readline(), f.readlines(), f.read())
    f.seek(-3, 2)
    print(f.read(), f.seek(1), f.read(1), f.seek(2, 1), f.read(1))
with open(b, 'r+b') as f:
    f.seek(0, 2)
    f.write(b'tail')
    f.seek(0)
    print(f.read()[-4:], type(f).__name__)
with open(t, 'w', encoding='utf-8') as f:
    f.write('naïve café ☕\n')
with open(t, encoding='UTF-8') as f:
    print(f.read(5), f.read(1), f.readline(), f.encoding)
with open(t, 'rb') as f:
    print(f.read())
show(open, base + 'missing.txt')
show(open, '/')
show(open, t, 'x')
show(open, t, 'rw')
show(open, t, 'z')
show(open, t, 'rb', encoding='utf-8')
show(open, t, newline='x')
show(open, t, encoding='no-such-codec')
show(open, 3.5)
with open(t, 'w') as f:
    show(f.read)
    show(f.write, b'bytes')
with open(b, 'wb') as f:
    show(f.write, 'str')
with open(t) as f:
    show(f.write, 'x')
f.close()
show(f.read)
show(f.readline)
show(iter, f)
print(f.closed)
g = open(t, 'w')
print(type(g).__name__, repr(g).startswith("<_io.TextIOWrapper name='"), repr(g).endswith("mode='w' encoding='UTF-8'>"))
g.write('unflushed at exit\n')
