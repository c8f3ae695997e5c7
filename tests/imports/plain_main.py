import sys
print('plain_main', __name__, repr(__package__), sys.argv[1:], sys.argv[0] == __file__)
