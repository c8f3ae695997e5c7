i = 0, 1, 123, 1_000_000, 0x1F, 0XfF, 0o17, 0O7, 0b101, 0B1_0, 00, 0_0
big = 123456789012345678901234567890, 0xFFFFFFFFFFFFFFFFFFFFFFFF, 10**100
fl = 1.0, 1., .5, 1e10, 1E-10, 1.5e+3, 1_0.0_1, 1e16, 1e15, 1e-5, 0.0001, 1e400, 3.14159, 2.5e-300, 0.1
cx = 1j, 2.5J, 1e3j, 0j, 1_0j, 1e400j
s1 = 'single', "double", '''triple''', """triple double"""
s2 = 'it\'s', "say \"hi\"", 'mix "\'', "a'b", 'a"b'
s3 = '\n\t\r\\\a\b\f\v\0\x41\101\u00e9\U0001F600\N{BULLET}\N{em dash}\q'
s4 = r'\n raw', R"\d+", rb'\x00', Rb"a", br'b', BR'c', u'unicode', U"U"
s5 = b'bytes\x00\xff\n', b"q'", B'\\', b'\101'
s6 = 'implicit' "concatenation" '''of''' """strings"""
s7 = 'é ü 日本 😀', '\xa0\u200b\x7f\x1f'
s8 = """multi
line
string"""
s9 = 'line \
continuation'
f1 = f'{x}', F"{x!r}", f'{x!s:>10}', f'{x!a}', f'{x:{width}.{prec}f}'
f2 = f'{x=}', f'{ x = }', f'{x=!s}', f'{x=:>5}', f'{x = !r:^{w}}'
f3 = f'a{b}c{d}e', f'{{literal}}', f'{{{x}}}', f'', f'plain', rf'\d{x}', fr'{x}\n'
f4 = 'pre' f'{x}' 'post', f'{x}' f'{y}', 'a' f'' 'b'
f5 = f'{f"{inner}"}', f'{"nested" + x}', f"{'a' if x else 'b'}", f'{x:%Y-%m-%d}'
f6 = f'{a[1]}', f'{d["k"]}', f'{lambda_x}', f'{(lambda y: y)(1)}', f'{x!r:}', f'{x:}'
f7 = f'{3.14:.2f}', f'{x:{"<" if l else ">"}10}', f'{x, y}', f'{*a,}', f'{yield_}'
f8 = f'\n{x}\t', f'\N{BULLET} {x}', f'''{
x
}'''
