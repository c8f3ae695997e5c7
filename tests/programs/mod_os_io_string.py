# os, os.path, io.StringIO/BytesIO, string and platform: deterministic properties only.
import os, os.path, io, string, platform, sys
print(os.path.join('a', 'b', 'c.txt'), os.path.join('/x', '/abs', 'y'), os.path.join('a/', 'b'))
print(os.path.splitext('x/y.tar.gz'), os.path.splitext('.bashrc'), os.path.splitext('a.b/c'))
print(os.path.basename('/a/b.py'), os.path.dirname('/a/b.py'), os.path.split('/a/b/'), os.path.split('name'))
print(os.path.exists('/'), os.path.isdir('/'), os.path.isfile('/'), os.path.isabs('x'), os.path.isabs('/x'))
print(os.path.normpath('a//b/../c/.'), os.path.normpath('/../x'), os.path.normpath(''), os.path.normpath('//a'))
print(os.path.relpath('/a/b/c', '/a'), os.path.relpath('/a', '/a/b/c'), os.path.commonprefix(['abc', 'abd']))
print(os.sep, os.name, os.linesep == '\n', os.getenv('PYLIFT_SURELY_UNSET', 'dflt'), 'PATH' in os.environ)
os.environ['PYLIFT_T'] = 'v'
print(os.environ['PYLIFT_T'], os.getenv('PYLIFT_T'), os.environ.get('PYLIFT_T'))
del os.environ['PYLIFT_T']
print(os.getenv('PYLIFT_T'), os.getcwd() == os.path.abspath('.'), isinstance(os.listdir('.'), list))
for bad in ['/nonexistent_dir_x', '/nonexistent/file']:
    try:
        os.listdir(bad)
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno, e.filename)
try:
    os.environ['PYLIFT_SURELY_UNSET']
except KeyError as e:
    print('KeyError', e)
s = io.StringIO()
print(s.write('hello\n'), s.write('world\n'), s.tell())
print(repr(s.getvalue()))
s2 = io.StringIO('a\nb\nc')
print(repr(s2.readline()), repr(s2.read()), list(io.StringIO('x\ny\n')), io.StringIO('p\nq').readlines())
print(s2.tell(), s2.seek(0), s2.read(3), s2.read(0), s2.read(100), repr(s2.read()))
o = io.StringIO('abcdef')
o.write('XY')
print(o.getvalue(), o.tell())
o.seek(0, 2)
o.write('!')
print(o.getvalue(), o.truncate(3), o.getvalue())
with io.StringIO() as f:
    print('to a StringIO', 42, file=f)
    print(repr(f.getvalue()), f.closed)
print(f.closed)
try:
    f.getvalue()
except ValueError as e:
    print('ValueError:', e)
b = io.BytesIO(b'xy')
b.seek(2)
b.write(b'z')
print(b.getvalue(), b.tell())
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(string.punctuation, repr(string.whitespace), len(string.printable))
print(string.capwords('hello  world foo'), string.capwords('a-b c', '-'))
t = string.Template('$who likes ${what}, $$5')
print(t.substitute(who='tim', what='kung pao'), t.safe_substitute(who='x'), t.substitute({'who': 1, 'what': 2}))
print(t.get_identifiers(), t.is_valid(), string.Template('$').is_valid())
for tmpl in ['$who $', '${bad', 'ok $1']:
    try:
        string.Template(tmpl).substitute(who=1)
    except ValueError as e:
        print('ValueError:', e)
try:
    string.Template('$missing').substitute()
except KeyError as e:
    print('KeyError:', e)
print(type(platform.python_implementation()).__name__, platform.python_version() == '.'.join(map(str, sys.version_info[:3])))
print(platform.system(), type(platform.machine()).__name__)
