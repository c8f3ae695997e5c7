# Exceptions raised inside compiled loops: caught in the same function, propagating through a
# compiled caller, and escaping to the top with the interpreter's traceback.
def safe_div(vals):
    out = []
    for v in vals:
        try:
            out.append(10 // v)
        except ZeroDivisionError as e:
            out.append(str(e))
    return out

def inner(n):
    s = 0
    for i in range(n):
        s += 100 // (i - 7)
    return s

def outer():
    total = 0
    for k in range(3):
        try:
            total += inner(5 + k)
        except ZeroDivisionError:
            total -= 1
    return total

print(safe_div([1, 2, 0, -3, 0, 5]))
print(outer())
def index(lst, n):
    s = 0
    for i in range(n):
        s += lst[i]
    return s
try:
    index([1, 2, 3], 5)
except IndexError as e:
    print("IndexError", e)
def deep(n):
    if n == 0:
        return 0
    for i in range(1):
        pass
    return 1 + deep(n - 1)
print(deep(500))
try:
    deep(100000)
except RecursionError as e:
    print("RecursionError")
print(inner(3))
inner(10)
