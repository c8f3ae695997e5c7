import re
print(re.match(r'(\d+)-(\d+)', '12-345 rest').groups(), re.search(r'b+', 'aabbbc'), re.fullmatch(r'a|ab', 'ab'))
m = re.search(r'(?P<first>\w+)\s+(?P<last>\w+)', 'hello John Smith!')
print(m.group(), m.group(1), m.group('last'), m.groupdict(), m.span(), m.start(2), m.end('first'), m[0], m.lastindex, m.lastgroup)
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)=(\d)', 'a=1, b=2'), re.findall(r'(a)|b', 'ab'))
print([m.span() for m in re.finditer(r'x*', 'axxb')], re.sub('x*', '-', 'abxd'))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home and ann@work'), re.sub(r'(?P<n>\d)', r'<\g<n>>', 'a1b2'))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c3', count=2), re.subn('a', 'b', 'aaa'))
print(re.split(r'\s*,\s*', 'a , b,c ,d'), re.split(r'(,)', 'a,b'), re.split(r'x*', 'axbc'), re.split(',', 'a,b,c', maxsplit=1))
print(re.match(r'(a)(b)?', 'a').groups(), re.match(r'(a)(b)?', 'a').groups('-'), re.match('a', 'b'))
print(re.search(r'^b', 'a\nb', re.M).span(), re.search(r'a.b', 'a\nb', re.S).group(), re.search('A', 'a', re.I).group())
print(re.search(r'(\w+) \1', 'hello hello world').group(), re.search(r'(?i)(a)\1', 'aA').group())
print(re.search(r'foo(?=bar)', 'foobar').span(), re.search(r'foo(?!bar)', 'foobar foobaz').span(), re.search(r'(?<=-)\w+', 'spam-egg').group(), re.search(r'(?<!a)b', 'ab cb').span())
print(re.compile(r'\d+').pattern, re.compile('a', re.I | re.M), re.compile('x'), re.compile(r'(a)(?P<b>b)').groups, re.compile(r'(a)(?P<b>b)').groupindex)
pat = re.compile(r'''
    (\d{3})  # area
    [-\s]?
    (\d{4})  # number
''', re.VERBOSE)
print(pat.match('555-1234').groups(), pat.match('5551234').groups())
print(re.escape('a.b*c?'), re.escape('hello world'), re.match(r'a{2,3}', 'aaaa').group(), re.match(r'a{2,3}?', 'aaaa').group(), re.match(r'a{,2}', 'aaa').group())
print(re.match(r'.*?(\d+)', 'abc123').group(1), re.match(r'(a|ab)(c|bcd)(d*)', 'abcd').groups())
for bad in ['(', ')', '[a', 'a**', '*a', r'\q', '(?P<1>a)', r'(a)\2', 'a{3,2}', '(?<=a+)b']:
    try:
        re.compile(bad)
    except re.error as e:
        print('error:', e)
print(re.match(r'\bfoo\b', 'foo bar').group(), re.findall(r'\b\w', 'hi there you'), re.findall(r'\Bo', 'foo boo'))
print(re.match(r'[^a-c]+', 'xyzabc').group(), re.match(r'[\d\s]+', '1 2 3x').group(), re.findall(r'[a-z-]+', 'ab-cd ef'))
print(re.match(r'(?:ab)+', 'ababab').group(), re.match(r'(a*)*b', 'aaab').group(), re.match(r'(a|b)*c', 'ababc').group(1))
print(re.sub(r'^', '> ', 'l1\nl2', flags=re.M), re.findall(r'$', 'a\nb\n'), re.findall(r'^\w', 'ab\ncd', re.M))
m = re.match(r'(\d+)\.(\d+)', '3.14')
print(m.expand(r'\2.\1'), m.regs, repr(m), bool(m), m.re.pattern, m.string, m.pos, m.endpos)
print(re.compile('b').search('abcb', 2).span(), re.compile('b').match('abc', 1).span(), re.compile('c$').search('abcd', 0, 3))
print(re.match('(a)|(b)', 'b').lastindex, re.match(r'(?P<x>a)(?P<y>b)', 'ab').lastgroup, re.match('((a)b)', 'ab').lastindex)
print(re.findall(r'\d+', 'a' * 1000 + '42'), re.match(r'(a+)+b', 'a' * 30 + 'c'))
print(re.sub(r'(a)', r'\g<1>\g<0>', 'a'), re.sub('a', r'\n', 'a') == '\n', re.findall(r'é+', 'ééa'), re.match(r'\w+', 'héllo wörld').group())
