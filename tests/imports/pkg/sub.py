print('pkg.sub', __name__, __package__)
def helper(x):
    return x * 10
