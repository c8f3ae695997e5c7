"""A regular package: relative imports of its own submodules."""
print('pkg init', __name__, __package__)
from . import sub
from .sub import helper as _helper
VALUE = _helper(2)
__all__ = ['VALUE', 'sub']
