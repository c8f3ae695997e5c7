"""Plain module docstring."""
X = 42
def f():
    return X
