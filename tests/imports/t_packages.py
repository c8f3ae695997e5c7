import pkg
print(pkg.VALUE, pkg.sub.helper(1))
import pkg.inner.deep
print(pkg.inner.deep.__name__, 'inner' in dir(pkg))
import pkg.inner.deep as d
print(d is pkg.inner.deep)
from pkg import *
print(VALUE, sub.__name__)
from pkg.inner import sibling
print(sibling.NAME)
import nspkg.mod
print(nspkg.mod.__name__, nspkg.__file__ if hasattr(nspkg, '__file__') else 'nofile')
import importlib
m = importlib.import_module('pkg.sub')
print(m is pkg.sub, importlib.import_module('.sibling', 'pkg.inner').NAME)
import sys
print(sorted(k for k in sys.modules if k.startswith('pkg')))
