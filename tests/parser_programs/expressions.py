x = 1 + 2 * 3 - 4 / 5 // 6 % 7 @ m ** 2 ** -3
y = a | b ^ c & d << 1 >> 2
z = not a and b or c and not not d
c = a < b <= c > d >= e == f != g in h not in i is j is not k
u = -x, +y, ~z, - - 1
t = a if b else c if d else e
w = (n := 10) + (m := n)
l = lambda: 0
l2 = lambda a, b=1, /, c=2, *args, d, e=3, **kw: a + b
l3 = lambda *, k: k
l4 = lambda *a, **k: (a, k)
comps = [x for x in y if x if not x for z in x], {x for x in y}, {k: v for k, v in d.items() if k}, (x for x in y)
g = sum(x for x in y)
g2 = f(*a, *b, k=1, **c, **d)
s = a[1], a[1:2], a[::2], a[:], a[1:2:3], a[::], a[1:], a[:2], a[1, 2], a[1:2, ::3, ...], a[*b], a[()]
s2 = a[b:=1] if 0 else a[(b:=1)]
st = [*a, *b], {*a, 1}, (*a,), {**a, 'b': 1, **c}
e = ..., None, True, False
chain = a.b.c(d)[e].f
call = f()()()
nested = [[1, [2, [3]]], {1: {2: 3}}]
tpl = (), (1,), (1, 2), 1,
empty = [], {}, set()
yield_in_paren = None
def gen():
    x = (yield)
    y = yield a, b
    await_ = 1
    z = [(yield i) for i in ()]
