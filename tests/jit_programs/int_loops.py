# Int loops: range forms, overflow into big ints mid-loop, shifts, floor division and modulo
# with negative operands, bitwise operators, nested loops with break/continue.
def tri(n):
    s = 0
    for i in range(n):
        s += i
    return s

def grow(n):
    x = 1
    for i in range(n):
        x = x * 7 + i
    return x

def mods(n):
    acc = 0
    for i in range(-n, n, 3):
        acc += i // 7 + i % 7 + (-i) // 5 - (i % -3)
    return acc

def shifts(n):
    out = []
    for i in range(n):
        out.append((i << (i % 70)) >> 3 ^ (i | 5) & ~i)
    return out[-3:]

def nested(n):
    count = 0
    for i in range(n):
        if i % 5 == 0:
            continue
        j = 0
        while j < i:
            if j * j > i:
                break
            count += j
            j += 1
    return count

def countdown(n):
    total = 0
    for i in range(n, 0, -2):
        total -= i
    return total

for n in (0, 1, 10, 100, 1000):
    print(tri(n), grow(n) % 1000000007, mods(n), nested(n), countdown(n))
print(grow(40))
print(shifts(100))
print(tri(100000))
big = 9223372036854775807
for k in range(3):
    big = big + 1
    print(big, -big - 1, big * big)
