# A global function is rebound in the middle of a loop that calls it; the loop must see the new
# function from the next iteration on.
def f(x):
    return x + 1

def g(x):
    return x * 10

def loop(n):
    total = 0
    for i in range(n):
        if i == n // 2:
            rebind()
        total += f(i)
    return total

def rebind():
    global f
    f = g

print(loop(100))
print(f(3))
SCALE = 2
def scaled(n):
    global SCALE
    s = 0
    for i in range(n):
        if i == 10:
            SCALE = 2.5
        s += i * SCALE
    return s
print(scaled(20))
