y = '''abc
def