# An int accumulator overflows i64 in the middle of a compiled loop: the interpreter redoes the
# addition with a big int, and the loop keeps going with big ints.
def acc(n):
    x = 9223372036854772800
    for i in range(n):
        x += 100
    return x

def mul(n):
    x = 3
    for i in range(n):
        x *= 3
    return x

def neg():
    x = -9223372036854775807
    for i in range(3):
        x -= 1
        print(x, -x)
    return x

print(acc(5), acc(20), acc(100))
print(mul(30), mul(50))
print(neg())
