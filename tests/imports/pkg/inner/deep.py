from .. import sub
from ..sub import helper
from . import sibling
print('deep', __name__, __package__, helper(3), sibling.NAME, sub.__name__)
