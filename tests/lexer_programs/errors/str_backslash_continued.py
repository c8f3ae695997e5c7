y = 'abc\
def
