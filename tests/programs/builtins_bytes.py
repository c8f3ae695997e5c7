# bytes and bytearray methods, mutation, formatting and errors.
def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

b = b'Hello, World'
print(b.upper(), b.lower(), b.swapcase(), b.title(), b'hELLO'.capitalize(), len(b), b[0], b[-1], b[1:4], b[::-3])
print(b.find(b'o'), b.find(111), b.rfind(b'o'), b.index(b'W'), b.count(b'l'), b.count(b'l', 5), b.find(b'o', 5, 8))
show(b.index, b'z')
print(b.startswith(b'He'), b.endswith((b'x', b'ld')), b.replace(b'l', b'L'), b.replace(b'l', b'', 1), b'ab'.replace(b'', b'-'))
print(b'  a b  '.strip(), b'xxaxx'.strip(b'x'), b'xxa'.lstrip(b'x'), b'axx'.rstrip(b'x'))
print(b'a,b,,c'.split(b','), b' a  b '.split(), b'a,b,c'.rsplit(b',', 1), b'a b c'.split(None, 1), b'a b c'.rsplit(maxsplit=1))
print(b'l1\nl2\r\nl3'.splitlines(), b'l1\nl2\n'.splitlines(True), b'a.b.c'.partition(b'.'), b'a.b.c'.rpartition(b'.'))
print(b'-'.join([b'a', bytearray(b'b')]), b'ab'.center(6, b'*'), b'ab'.ljust(4), b'ab'.rjust(4, b'0'))
print(b'abc'.hex(), b'\x01\xff'.hex(':'), bytes.fromhex('de ad BE EF'), bytearray.fromhex('00ff'))
show(bytes.fromhex, 'zz')
print(b'caf\xc3\xa9'.decode(), b'caf\xc3\xa9'.decode('latin-1'), b'abc'.decode('ascii'), b'\xff'.decode('utf-8', 'replace'), b'a\xffb'.decode('utf-8', 'ignore'))
show(b'\xff'.decode)
show(b'\xc3'.decode)
show(b'\xe9'.decode, 'ascii')
print(b'123'.isdigit(), b'abc'.isalpha(), b'ab1'.isalnum(), b' \t'.isspace(), b'ABC'.isupper(), b'abc'.islower(), b'\x80'.isascii())
print(b'ab' + b'cd', b'ab' * 2, 2 * b'x', b'a' in b'cat', 97 in b'cat', b'' in b'x', b'abc' < b'abd', b'a' == bytearray(b'a'))
print(b'%s=%d %r %c%c %x %5.1f %%' % (b'k', 42, b'v', 65, b'Z', 255, 2.25))
print(b'%(a)s-%(b)s' % {b'a': b'1', b'b': b'2'}, bytearray(b'%s') % (b'x',))
show(lambda: b'%s' % 'str')
show(lambda: b'a' + 'b')
show(bytes, [1, 300])
show(lambda: hash(bytearray()))
print(list(b'ab'), bytes(range(3)), bytes(bytearray(b'q')), bytes(b'xy'), b'x'.removeprefix(b'x'), b'ab'.removesuffix(b'b'))

ba = bytearray(b'hello')
ba[0] = 72
ba[1:3] = b'EY'
ba.append(33)
ba.extend([63, 64])
ba.insert(0, 62)
print(ba, len(ba), ba.pop(), ba.pop(0), ba)
ba.remove(33)
del ba[0]
del ba[-2:]
print(ba, ba.copy(), ba == b'EYl', ba.upper(), type(ba.upper()).__name__, type(ba[1:]).__name__)
ba.reverse()
print(ba, bytearray(b'abc')[::2], ba.find(b'Y'), ba.hex())
ba[::2] = b'xy'
print(ba)
show(ba.__setitem__, 0, 256)
show(ba.__setitem__, slice(0, 3, 2), b'abc')
show(ba.remove, 0)
show(bytearray().pop)
ba.clear()
print(ba, bool(ba), bytearray(b'x') * 3, bytearray(b'x') + b'y', b'y' + bytearray(b'x'))
for c in bytearray(b'hi'):
    print(c, end=' ')
print()
print(repr(bytearray(b"it's")), str(b'\x00\n\\'), bytearray(b'\xff').decode('latin-1'))
