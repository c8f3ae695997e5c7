class C:
    def f(self):
        nonlocal x
