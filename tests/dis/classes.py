class Base:
    count = 0
    def __init__(self, v):
        self.v = v
        self.__private = v

class Child(Base, metaclass=type):
    """A child."""
    def __init__(self, v):
        super().__init__(v)
        Base.count += 1

    @property
    def value(self):
        return self.v
