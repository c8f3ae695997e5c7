"""Platform identification: the interpreter, its version and the machine it runs on."""

import sys
import _os


def python_implementation():
    return 'PyLift'


def python_version_tuple():
    return tuple(str(x) for x in sys.version_info[:3])


def python_version():
    return '.'.join(python_version_tuple())


def system():
    return 'Linux'


def machine():
    return _os.machine()


def node():
    try:
        with open('/proc/sys/kernel/hostname') as f:
            return f.read().strip()
    except OSError:
        return ''


def release():
    try:
        with open('/proc/sys/kernel/osrelease') as f:
            return f.read().strip()
    except OSError:
        return ''


def version():
    try:
        with open('/proc/sys/kernel/version') as f:
            return f.read().strip()
    except OSError:
        return ''


def processor():
    return machine()


def platform(aliased=False, terse=False):
    return f'{system()}-{release()}-{machine()}-with-glibc'


def python_compiler():
    return 'rustc'


def architecture(executable=None, bits='', linkage=''):
    return ('64bit', 'ELF')


def uname():
    return (system(), node(), release(), version(), machine())
