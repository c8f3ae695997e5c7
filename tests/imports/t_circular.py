import circ_a
print('main', circ_a.A)
try:
    import circ_bad_a
except ImportError as e:
    print(type(e).__name__, str(e).replace(__file__.rsplit('/', 1)[0], 'DIR'))
