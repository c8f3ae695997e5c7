class C:
    def f(self):
        pass
   \     return 1
