def f():
    x = 1
    class C:
        nonlocal x
        x = 2
    return C
print(f().__dict__.get("x"))
break
