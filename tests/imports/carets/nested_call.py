def inner(n):
    return 10 // n
def outer(a, b):
    return a + b
print(outer(1, inner(0)))
