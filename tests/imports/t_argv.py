import sys
print(sys.argv, __name__, __file__.endswith('t_argv.py'), sys.path[0].endswith('tests/imports'))
