"""In-memory text and binary streams (StringIO, BytesIO) and `io.open`."""

__all__ = ['StringIO', 'BytesIO', 'open', 'TextIOWrapper', 'UnsupportedOperation', 'SEEK_SET',
           'SEEK_CUR', 'SEEK_END', 'DEFAULT_BUFFER_SIZE']

import builtins as _builtins

open = _builtins.open
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = 'io'


class _MemoryIO:
    """Shared logic: the value is `_parts` joined (appends at the end stay cheap) and `_pos`
    is the position in it."""

    _empty = ''
    _closed_message = 'I/O operation on closed file.'

    def __init__(self, initial):
        self._parts = [initial] if initial else []
        self._len = len(initial)
        self._pos = 0
        self.closed = False

    def _value(self):
        if len(self._parts) > 1:
            self._parts = [self._empty.join(self._parts)]
        return self._parts[0] if self._parts else self._empty

    def _check_open(self):
        if self.closed:
            raise ValueError(self._closed_message)

    def _write(self, s):
        self._check_open()
        n = len(s)
        if self._pos == self._len:
            if s:
                self._parts.append(s)
        else:
            value = self._value()
            if self._pos > self._len:
                value += self._pad(self._pos - self._len)
            value = value[:self._pos] + s + value[self._pos + n:]
            self._parts = [value]
        self._pos += n
        self._len = max(self._len, self._pos)
        return n

    def read(self, size=-1):
        self._check_open()
        value = self._value()
        if size is None or size < 0:
            end = self._len
        else:
            end = min(self._pos + size, self._len)
        start = min(self._pos, self._len)
        self._pos = max(self._pos, end)
        return value[start:end]

    def readline(self, size=-1):
        self._check_open()
        value = self._value()
        start = min(self._pos, self._len)
        nl = value.find(self._newline, start)
        end = self._len if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = max(self._pos, end)
        return value[start:end]

    def readlines(self, hint=-1):
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def getvalue(self):
        self._check_open()
        return self._value()

    def tell(self):
        self._check_open()
        return self._pos

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError(f'Negative seek position {pos}')
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._len + pos)
        else:
            raise ValueError(f'Invalid whence ({whence}, should be 0, 1 or 2)')
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f'Negative size value {size}')
        if size < self._len:
            self._parts = [self._value()[:size]]
            self._len = size
        return size

    def close(self):
        self.closed = True

    def flush(self):
        self._check_open()

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *args):
        self.close()


class StringIO(_MemoryIO):
    """Text I/O implementation using an in-memory buffer."""

    _empty = ''
    _newline = '\n'
    _closed_message = 'I/O operation on closed file'

    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError(f'initial_value must be str or None, not '
                            f'{type(initial_value).__name__}')
        _MemoryIO.__init__(self, initial_value)

    def _pad(self, n):
        return '\0' * n

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'string argument expected, got {type(s).__name__!r}')
        return self._write(s)


class BytesIO(_MemoryIO):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    _empty = b''
    _newline = b'\n'

    def __init__(self, initial_bytes=b''):
        _MemoryIO.__init__(self, bytes(initial_bytes or b''))

    def _pad(self, n):
        return b'\0' * n

    def write(self, b):
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        return self._write(bytes(b))

    def getbuffer(self):
        return self.getvalue()


class TextIOWrapper:
    """Placeholder so that isinstance checks and annotations naming it work."""
