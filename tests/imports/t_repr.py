import sys, plain, pkg, nspkg
print(repr(plain).replace(plain.__file__, 'FILE'), repr(sys), repr(pkg).replace(pkg.__file__, 'FILE'))
print(repr(sys.modules['__main__']).replace(__file__, 'MAIN'))
