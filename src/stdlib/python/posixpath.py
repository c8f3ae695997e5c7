"""Common operations on POSIX pathnames (Lib/posixpath.py 3.11, str paths)."""

import _os

sep = '/'
curdir = '.'
pardir = '..'
extsep = '.'
altsep = None
pathsep = ':'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'


def _check(p, fname):
    if isinstance(p, str):
        return p
    if isinstance(p, bytes):
        return p.decode()
    fspath = getattr(type(p), '__fspath__', None)
    if fspath is not None:
        return fspath(p)
    raise TypeError(f'expected str, bytes or os.PathLike object, not {type(p).__name__}')


def normcase(s):
    return _check(s, 'normcase')


def isabs(s):
    return _check(s, 'isabs').startswith(sep)


def join(a, *p):
    a = _check(a, 'join')
    path = a
    for b in p:
        if not isinstance(b, str):
            raise TypeError("join() argument must be str, bytes, or os.PathLike object, "
                            f"not '{type(b).__name__}'")
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    p = _check(p, 'split')
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _check(p, 'splitext')
    sep_index = p.rfind(sep)
    dot_index = p.rfind(extsep)
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != extsep:
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    return p[:0], p


def basename(p):
    p = _check(p, 'basename')
    i = p.rfind(sep) + 1
    return p[i:]


def dirname(p):
    p = _check(p, 'dirname')
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def _stat(p, follow=True):
    try:
        return _os.stat(_check(p, 'stat'), follow)
    except (OSError, ValueError):
        return None


def exists(p):
    return _stat(p) is not None


def lexists(p):
    return _stat(p, False) is not None


def isfile(p):
    st = _stat(p)
    return st is not None and st[0] == 'file'


def isdir(s):
    st = _stat(s)
    return st is not None and st[0] == 'dir'


def islink(p):
    st = _stat(p, False)
    return st is not None and st[0] == 'link'


def getsize(filename):
    return _os.stat(_check(filename, 'getsize'))[1]


def getmtime(filename):
    return _os.stat(_check(filename, 'getmtime'))[2]


def normpath(path):
    path = _check(path, 'normpath')
    if path == '':
        return '.'
    initial_slashes = 1 if path.startswith(sep) else 0
    if initial_slashes and path.startswith(sep * 2) and not path.startswith(sep * 3):
        initial_slashes = 2
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in ('', '.'):
            continue
        if (comp != '..' or (not initial_slashes and not new_comps) or
                (new_comps and new_comps[-1] == '..')):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    comps = new_comps
    path = sep.join(comps)
    if initial_slashes:
        path = sep * initial_slashes + path
    return path or '.'


def abspath(path):
    path = _check(path, 'abspath')
    if not isabs(path):
        path = join(_os.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    return abspath(filename)


def expanduser(path):
    path = _check(path, 'expanduser')
    if not path.startswith('~'):
        return path
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        userhome = _os.environ.get('HOME', '/')
    else:
        return path
    userhome = userhome.rstrip(sep)
    return (userhome + path[i:]) or sep


def expandvars(path):
    path = _check(path, 'expandvars')
    if '$' not in path:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c == '$' and i + 1 < n:
            if path[i + 1] == '{':
                j = path.find('}', i + 2)
                if j >= 0:
                    name = path[i + 2:j]
                    if name in _os.environ:
                        out.append(_os.environ[name])
                    else:
                        out.append(path[i:j + 1])
                    i = j + 1
                    continue
            else:
                j = i + 1
                while j < n and (path[j].isalnum() or path[j] == '_'):
                    j += 1
                name = path[i + 1:j]
                if name and name in _os.environ:
                    out.append(_os.environ[name])
                    i = j
                    continue
                out.append(path[i:j])
                i = j
                continue
        out.append(c)
        i += 1
    return ''.join(out)


def relpath(path, start=None):
    if not path:
        raise ValueError('no path specified')
    if start is None:
        start = curdir
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ''
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    split_paths = [p.split(sep) for p in paths]
    isabs_ = {p.startswith(sep) for p in paths}
    if len(isabs_) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    split_paths = [[c for c in s if c and c != curdir] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if paths[0].startswith(sep) else ''
    return prefix + sep.join(common)
