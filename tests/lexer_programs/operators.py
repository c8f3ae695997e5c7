a = b + c - d * e / f // g % h ** i @ j
a += 1; a -= 1; a *= 1; a /= 1; a //= 1; a %= 1; a **= 1; a @= m
a &= 1; a |= 1; a ^= 1; a <<= 1; a >>= 1
x = a < b <= c > d >= e == f != g
y = ~a & b | c ^ d << 1 >> 2
def f(a, /, b, *, c) -> int: ...
if (n := 10) > 5: pass
z = x[1:2, ::3, ...]
w = a.b.c
