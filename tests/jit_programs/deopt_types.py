# One function sees ints, then floats, then strs, then ints again: each change of type leaves
# compiled code through a guard and the interpreter carries on.
def combine(a, b, n):
    r = a
    for i in range(n):
        r = r + b
    return r

for args in [(1, 2, 50), (10, 20, 50), (1.5, 0.25, 50), (2, 0.5, 50), ("a", "bc", 5), ([1], [2], 3), (3, 4, 50)]:
    print(combine(*args))

def compare(a, b):
    hits = 0
    for i in range(20):
        if a < b:
            hits += 1
    return hits

print(compare(1, 2), compare(1.5, 2), compare(2, 1.5), compare("a", "b"), compare(3, 3))
