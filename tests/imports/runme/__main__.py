import sys
print('runme main', __name__, __package__, sys.argv[1:], sys.argv[0].endswith('__main__.py'))
