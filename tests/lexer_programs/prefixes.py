a = 'single' "double" '' ""
b = r'\d+' R"\w" u'unicode' U"UNI"; bb = b'bytes' B"BYTES"
c = rb'raw' Rb"raw" rB'raw' RB"raw" br'raw' Br"raw" bR'raw' BR"raw"
d = f'{a}' F"{b!r}" fr'{c}\n' Rf"{d:>10}" rF'x' FR"y" fR'z' Fr"w"
e = '''triple
single''' + """triple
double"""
g = b'''bytes
triple''' + rb"""raw
bytes"""
h = 'it\'s' "say \"hi\"" 'back\\slash' "tab\there"
i = 'line \
continued'
j = f"{x!r:>{width}}" f'{"nested"}' f"{'a' 'b'}"
k = '''has "double" and 'single' quotes'''
l = """ends with quote\""""
m = 'mix"ed' "mix'ed" 'both\'"'
