xs = [x * 2 for x in range(10) if x % 3]
ys = {x: y for x in "ab" for y in range(2)}
zs = {x for x in xs}
gen = (x + 1 for x in xs)
first, *rest = xs
a, b = b, a = 1, 2
print(f"{first!r:>{10}} and {rest}", *xs, **{'sep': ''})
