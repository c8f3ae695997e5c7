# Loop state that starts as small ints and outgrows i64 after a few iterations (as in
# pidigits): the loop must not be recompiled over and over for it.
def spigot(ndigits):
    acc = 0
    den = 1
    num = 1
    k = 0
    total = 0
    produced = 0
    while produced < ndigits:
        k += 1
        k2 = 2 * k + 1
        acc = (acc + 2 * num) * k2
        den = den * k2
        num = num * k
        if num > acc:
            continue
        d3 = (num * 3 + acc) // den
        d4 = (num * 4 + acc) // den
        if d3 != d4:
            continue
        total += d3
        produced += 1
        acc = (acc - den * d3) * 10
        num = num * 10
    return total, produced, acc.bit_length()

for n in (10, 100, 600):
    print(spigot(n))
