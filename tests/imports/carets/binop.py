def f(x):
    return x + "a"
print(f(1))
