import os
import os.path as osp
from collections import OrderedDict, deque as dq
from . import sibling
from math import *
