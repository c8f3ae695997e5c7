"""Regular expression operations over the `_re` backtracking engine (Python syntax and
semantics, str patterns only). Unsupported: bytes patterns, conditional groups `(?(1)...)`,
atomic groups and possessive quantifiers, `\\N{name}` escapes, the LOCALE flag's effect."""

import _re

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall', 'finditer',
           'compile', 'purge', 'template', 'escape', 'error', 'Pattern', 'Match', 'A', 'I', 'L',
           'M', 'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE', 'MULTILINE', 'DOTALL', 'VERBOSE',
           'UNICODE', 'NOFLAG', 'RegexFlag']

NOFLAG = 0
TEMPLATE = T = 1
IGNORECASE = I = 2
LOCALE = L = 4
MULTILINE = M = 8
DOTALL = S = 16
UNICODE = U = 32
VERBOSE = X = 64
DEBUG = 128
ASCII = A = 256
RegexFlag = int


class error(Exception):
    """Exception raised for invalid regular expressions."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            self.lineno = pattern.count('\n', 0, pos) + 1
            self.colno = pos - pattern.rfind('\n', 0, pos)
            if '\n' in pattern:
                msg = '%s at position %d (line %d, column %d)' % (msg, pos, self.lineno,
                                                                   self.colno)
            else:
                msg = '%s at position %d' % (msg, pos)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


error.__module__ = 're'
PatternError = error


class Pattern:
    """Compiled regular expression object."""

    def __init__(self, pattern, flags):
        if not isinstance(pattern, str):
            raise TypeError('pylift re supports str patterns only')
        result = _re.compile(pattern, flags)
        if result[0] == 'error':
            raise error(result[1], pattern, result[2])
        _, self._handle, self.groups, self.groupindex, self.flags = result
        self.pattern = pattern
        if not self.flags & ASCII:
            self.flags |= UNICODE

    def __repr__(self):
        text = repr(self.pattern)
        if len(text) > 200:
            text = text[:200]
        flags = self.flags & ~UNICODE
        if not flags:
            return f're.compile({text})'
        names = []
        for name, value in (('TEMPLATE', 1), ('IGNORECASE', 2), ('LOCALE', 4),
                            ('MULTILINE', 8), ('DOTALL', 16), ('VERBOSE', 64), ('DEBUG', 128),
                            ('ASCII', 256)):
            if flags & value:
                names.append('re.' + name)
                flags &= ~value
        if flags:
            names.append(hex(flags))
        return f"re.compile({text}, {'|'.join(names)})"

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def _exec(self, string, pos, endpos, mode):
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        if endpos is None:
            endpos = len(string)
        spans = _re.exec(self._handle, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, spans, pos, endpos)

    def match(self, string, pos=0, endpos=None):
        return self._exec(string, pos, endpos, 0)

    def search(self, string, pos=0, endpos=None):
        return self._exec(string, pos, endpos, 1)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._exec(string, pos, endpos, 2)

    def _scan(self, string, pos=0, endpos=None, limit=0):
        if not isinstance(string, str):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        if endpos is None:
            endpos = len(string)
        return _re.scan(self._handle, string, pos, endpos, limit)

    def finditer(self, string, pos=0, endpos=None):
        for spans in self._scan(string, pos, endpos):
            yield Match(self, string, spans, pos, len(string) if endpos is None else endpos)

    def findall(self, string, pos=0, endpos=None):
        out = []
        groups = self.groups
        for spans in self._scan(string, pos, endpos):
            if groups == 0:
                out.append(string[spans[0]:spans[1]])
            elif groups == 1:
                out.append('' if spans[2] < 0 else string[spans[2]:spans[3]])
            else:
                out.append(tuple('' if spans[2 * g] < 0 else string[spans[2 * g]:spans[2 * g + 1]]
                                 for g in range(1, groups + 1)))
        return out

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        for spans in self._scan(string, 0, None, maxsplit if maxsplit > 0 else 0):
            out.append(string[last:spans[0]])
            for g in range(1, self.groups + 1):
                s, e = spans[2 * g], spans[2 * g + 1]
                out.append(None if s < 0 else string[s:e])
            last = spans[1]
        out.append(string[last:])
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            expand = repl
        else:
            template = _parse_template(repl, self)
            if len(template) == 1 and isinstance(template[0], str):
                literal = template[0]
                expand = lambda m: literal
            else:
                expand = lambda m: _expand(template, m)
        out = []
        last = 0
        n = 0
        for spans in self._scan(string, 0, None, count if count > 0 else 0):
            m = Match(self, string, spans, 0, len(string))
            out.append(string[last:spans[0]])
            piece = expand(m)
            if piece is not None:
                if not isinstance(piece, str):
                    raise TypeError(f'expected str instance, {type(piece).__name__} found')
                out.append(piece)
            last = spans[1]
            n += 1
        out.append(string[last:])
        return ''.join(out), n

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=None):
        raise NotImplementedError('Pattern.scanner is not supported')


class Match:
    """The result of a successful match."""

    def __init__(self, pattern, string, spans, pos, endpos):
        self.re = pattern
        self.string = string
        self._spans = spans
        self.pos = pos
        self.endpos = endpos
        self.lastindex = self._lastindex()
        self.lastgroup = None
        if self.lastindex is not None:
            for name, index in pattern.groupindex.items():
                if index == self.lastindex:
                    self.lastgroup = name

    def _lastindex(self):
        # The group that closed last: the matched group with the greatest end, outermost
        # first on ties (as sre's lastindex).
        spans = self._spans
        best = None
        best_end = -1
        for g in range(1, self.re.groups + 1):
            s, e = spans[2 * g], spans[2 * g + 1]
            if s < 0:
                continue
            if e > best_end:
                best, best_end = g, e
            elif e == best_end and best is not None and spans[2 * best] > s:
                best = g
        return best

    def _index(self, g):
        if isinstance(g, int) and not isinstance(g, bool) or hasattr(g, '__index__') and not isinstance(g, str):
            try:
                g = g.__index__()
            except AttributeError:
                raise IndexError('no such group') from None
            if 0 <= g <= self.re.groups:
                return g
            raise IndexError('no such group')
        if isinstance(g, str) and g in self.re.groupindex:
            return self.re.groupindex[g]
        raise IndexError('no such group')

    def group(self, *args):
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(self._index(args[0]))
        return tuple(self._get(self._index(a)) for a in args)

    def _get(self, g, default=None):
        s, e = self._spans[2 * g], self._spans[2 * g + 1]
        if s < 0:
            return default
        return self.string[s:e]

    def __getitem__(self, g):
        return self._get(self._index(g))

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        g = self._index(group)
        return (self._spans[2 * g], self._spans[2 * g + 1])

    @property
    def regs(self):
        return tuple((self._spans[2 * g], self._spans[2 * g + 1])
                     for g in range(self.re.groups + 1))

    def expand(self, template):
        return _expand(_parse_template(template, self.re), self)

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self.span(), self.group())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_ESCAPES = {'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v',
            '\\': '\\'}


def _parse_template(template, pattern):
    """Splits a replacement template into literal strings and group numbers."""
    if not isinstance(template, str):
        raise TypeError(f'expected str instance, {type(template).__name__} found')
    parts = []
    literal = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        i += 1
        if c != '\\':
            literal.append(c)
            continue
        if i >= n:
            raise error('bad escape (end of pattern)', template, i - 1)
        c = template[i]
        i += 1
        if c == 'g':
            if i >= n or template[i] != '<':
                raise error('missing <', template, i)
            j = template.find('>', i + 1)
            if j < 0:
                raise error('missing >, unterminated name', template, i + 1)
            name = template[i + 1:j]
            if not name:
                raise error('missing group name', template, i + 1)
            if name.isdigit():
                index = int(name)
                if index > pattern.groups:
                    raise error('invalid group reference %d' % index, template, i + 1)
            elif name.isidentifier():
                if name not in pattern.groupindex:
                    raise IndexError(f"unknown group name '{name}'")
                index = pattern.groupindex[name]
            else:
                raise error("bad character in group name '%s'" % name, template, i + 1)
            i = j + 1
        elif c == '0':
            value = 0
            k = 0
            while k < 2 and i < n and template[i] in '01234567':
                value = value * 8 + int(template[i])
                i += 1
                k += 1
            literal.append(chr(value))
            continue
        elif c.isdigit():
            start = i - 2
            digits = c
            if i < n and template[i].isdigit():
                if (c in '01234567' and template[i] in '01234567' and i + 1 < n
                        and template[i + 1] in '01234567'):
                    value = int(c + template[i:i + 2], 8)
                    if value > 0o377:
                        raise error('octal escape value \\%s outside of range 0-0o377'
                                    % (c + template[i:i + 2]), template, start)
                    literal.append(chr(value))
                    i += 2
                    continue
                digits += template[i]
                i += 1
            index = int(digits)
            if index > pattern.groups:
                raise error('invalid group reference %d' % index, template, start + 1)
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
            continue
        elif c.isascii() and c.isalpha():
            raise error('bad escape \\%s' % c, template, i - 2)
        else:
            literal.append('\\' + c)
            continue
        if literal:
            parts.append(''.join(literal))
            literal = []
        parts.append(index)
    if literal or not parts:
        parts.append(''.join(literal))
    return parts


def _expand(template, m):
    out = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
        else:
            value = m.group(part)
            if value is not None:
                out.append(value)
    return ''.join(out)


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        if len(_cache) >= _MAXCACHE:
            del _cache[next(iter(_cache))]
        p = Pattern(pattern, flags)
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    return _compile(pattern, flags)


def match(pattern, string, flags=0):
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return _compile(pattern, flags).finditer(string)


def purge():
    _cache.clear()


def template(pattern, flags=0):
    return _compile(pattern, flags | TEMPLATE)


_special_chars = {c: '\\' + c for c in '()[]{}?*+-|^$\\.&~# \t\n\r\v\f'}


def escape(pattern):
    """Escape special characters in a string."""
    if isinstance(pattern, str):
        return ''.join(_special_chars.get(c, c) for c in pattern)
    raise TypeError('pylift re supports str patterns only')
