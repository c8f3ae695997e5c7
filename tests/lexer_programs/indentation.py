class A:
    def f(self):
        if self:
            for i in range(3):
                while i:
                    pass
        # comment at a shallower level
            # comment at a deeper level
        return 1

    def g(self):
        pass
def h():
  if 1:
     return 2
  return 3
match = 1
case = 2
_ = match + case
match command:
    case [x, y, *rest]:
        pass
    case _:
        pass
