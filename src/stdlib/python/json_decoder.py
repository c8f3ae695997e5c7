"""json.decoder: a recursive-descent JSON parser with the positions and messages of CPython
3.11's scanner (Lib/json/decoder.py and scanner.py; string errors as the C `scanstring`)."""

__all__ = ['JSONDecoder', 'JSONDecodeError']

from _json import scanstring as _c_scanstring


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the error position: msg, doc, pos, lineno, colno."""

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


JSONDecodeError.__module__ = 'json.decoder'

_WS = ' \t\n\r'
_BACKSLASH = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r',
              't': '\t'}
_CONSTANTS = {'-Infinity': float('-inf'), 'Infinity': float('inf'), 'NaN': float('nan')}
_DIGITS = '0123456789'


class _Stop(Exception):
    """Raised where CPython's scanner raises StopIteration(idx): no value at `idx`."""

    def __init__(self, idx):
        self.idx = idx


def _skip_ws(s, end):
    n = len(s)
    while end < n and s[end] in _WS:
        end += 1
    return end


def _decode_uXXXX(s, pos):
    esc = s[pos + 1:pos + 5]
    if len(esc) == 4 and esc[1] not in 'xX':
        try:
            return int(esc, 16)
        except ValueError:
            pass
    raise JSONDecodeError('Invalid \\uXXXX escape', s, pos)


def scanstring(s, end, strict=True):
    """Scans the string body starting after the opening quote; returns (str, end). ASCII
    documents go through the Rust kernel."""
    result = _c_scanstring(s, end, strict)
    if result is None:
        return py_scanstring(s, end, strict)
    if result[0] is None:
        raise JSONDecodeError(result[1], s, result[2])
    return result


def py_scanstring(s, end, strict=True):
    chunks = []
    begin = end - 1
    n = len(s)
    while True:
        start = end
        while end < n:
            c = s[end]
            if c == '"' or c == '\\' or c < ' ':
                break
            end += 1
        else:
            raise JSONDecodeError('Unterminated string starting at', s, begin)
        if end > start:
            chunks.append(s[start:end])
        terminator = s[end]
        end += 1
        if terminator == '"':
            break
        elif terminator != '\\':
            if strict:
                raise JSONDecodeError('Invalid control character at', s, end - 1)
            chunks.append(terminator)
            continue
        try:
            esc = s[end]
        except IndexError:
            raise JSONDecodeError('Unterminated string starting at', s, begin) from None
        if esc != 'u':
            try:
                char = _BACKSLASH[esc]
            except KeyError:
                raise JSONDecodeError('Invalid \\escape', s, end - 1) from None
            end += 1
        else:
            uni = _decode_uXXXX(s, end)
            end += 5
            if 0xd800 <= uni <= 0xdbff and s[end:end + 2] == '\\u':
                uni2 = _decode_uXXXX(s, end + 1)
                if 0xdc00 <= uni2 <= 0xdfff:
                    uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00))
                    end += 6
            char = chr(uni)
        chunks.append(char)
    return ''.join(chunks), end


class _Scanner:
    def __init__(self, ctx):
        self.strict = ctx.strict
        self.object_hook = ctx.object_hook
        self.object_pairs_hook = ctx.object_pairs_hook
        self.parse_float = ctx.parse_float
        self.parse_int = ctx.parse_int
        self.parse_constant = ctx.parse_constant
        self.memo = {}

    def scan(self, s, idx):
        try:
            nextchar = s[idx]
        except IndexError:
            raise _Stop(idx) from None
        if nextchar == '"':
            return scanstring(s, idx + 1, self.strict)
        if nextchar == '{':
            return self.parse_object(s, idx + 1)
        if nextchar == '[':
            return self.parse_array(s, idx + 1)
        if nextchar == 'n' and s[idx:idx + 4] == 'null':
            return None, idx + 4
        if nextchar == 't' and s[idx:idx + 4] == 'true':
            return True, idx + 4
        if nextchar == 'f' and s[idx:idx + 5] == 'false':
            return False, idx + 5
        m = self.match_number(s, idx)
        if m is not None:
            return m
        if nextchar == 'N' and s[idx:idx + 3] == 'NaN':
            return self.parse_constant('NaN'), idx + 3
        if nextchar == 'I' and s[idx:idx + 8] == 'Infinity':
            return self.parse_constant('Infinity'), idx + 8
        if nextchar == '-' and s[idx:idx + 9] == '-Infinity':
            return self.parse_constant('-Infinity'), idx + 9
        raise _Stop(idx)

    def match_number(self, s, idx):
        # (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?
        n = len(s)
        end = idx
        if end < n and s[end] == '-':
            end += 1
        if end < n and s[end] == '0':
            end += 1
        elif end < n and s[end] in '123456789':
            end += 1
            while end < n and s[end] in _DIGITS:
                end += 1
        else:
            return None
        integer_end = end
        frac = exp = False
        if end + 1 < n and s[end] == '.' and s[end + 1] in _DIGITS:
            end += 2
            while end < n and s[end] in _DIGITS:
                end += 1
            frac = True
        if end < n and s[end] in 'eE':
            e = end + 1
            if e < n and s[e] in '+-':
                e += 1
            if e < n and s[e] in _DIGITS:
                while e < n and s[e] in _DIGITS:
                    e += 1
                end = e
                exp = True
        if frac or exp:
            return self.parse_float(s[idx:end]), end
        return self.parse_int(s[idx:integer_end]), integer_end

    def value(self, s, end):
        try:
            return self.scan(s, end)
        except _Stop as err:
            raise JSONDecodeError('Expecting value', s, err.idx) from None

    def parse_object(self, s, end):
        pairs = []
        memo = self.memo
        nextchar = s[end:end + 1]
        if nextchar != '"':
            if nextchar in _WS:
                end = _skip_ws(s, end)
                nextchar = s[end:end + 1]
            if nextchar == '}':
                if self.object_pairs_hook is not None:
                    return self.object_pairs_hook(pairs), end + 1
                pairs = {}
                if self.object_hook is not None:
                    pairs = self.object_hook(pairs)
                return pairs, end + 1
            elif nextchar != '"':
                raise JSONDecodeError(
                    'Expecting property name enclosed in double quotes', s, end)
        end += 1
        while True:
            key, end = scanstring(s, end, self.strict)
            key = memo.setdefault(key, key)
            if s[end:end + 1] != ':':
                end = _skip_ws(s, end)
                if s[end:end + 1] != ':':
                    raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end += 1
            end = _skip_ws(s, end)
            value, end = self.value(s, end)
            pairs.append((key, value))
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == '}':
                break
            elif nextchar != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar != '"':
                raise JSONDecodeError(
                    'Expecting property name enclosed in double quotes', s, end - 1)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), end
        pairs = dict(pairs)
        if self.object_hook is not None:
            pairs = self.object_hook(pairs)
        return pairs, end

    def parse_array(self, s, end):
        values = []
        end = _skip_ws(s, end)
        nextchar = s[end:end + 1]
        if nextchar == ']':
            return values, end + 1
        while True:
            value, end = self.value(s, end)
            values.append(value)
            end = _skip_ws(s, end)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == ']':
                break
            elif nextchar != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
            end = _skip_ws(s, end)
        return values, end


class JSONDecoder(object):
    """Simple JSON <https://json.org> decoder."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        obj, end = self.raw_decode(s, idx=_skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        try:
            return _Scanner(self).scan(s, idx)
        except _Stop as err:
            raise JSONDecodeError('Expecting value', s, err.idx) from None
