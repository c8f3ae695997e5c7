# sys descriptive attributes: version_info as a struct sequence, float_info, int_info.
import sys
print(sys.version_info[:2] >= (3, 11), sys.version_info.major, sys.version_info.minor, sys.version_info.releaselevel)
major, minor, *rest = sys.version_info
print(major, minor, len(rest), len(sys.version_info), isinstance(sys.version_info, tuple))
print(type(sys.version_info).__name__, sys.version_info > (3,), sys.version_info < (4,))
print(sys.float_info.max, sys.float_info.min, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.float_info.max_exp, sys.float_info.min_exp, sys.float_info.radix, sys.float_info[0] == sys.float_info.max)
print(sys.int_info.default_max_str_digits, sys.maxsize, sys.maxunicode, sys.byteorder)
print(type(sys.implementation.name).__name__, sys.hexversion >> 16 == 0x30b, type(sys.executable).__name__)
try:
    sys.version_info.major = 4
except AttributeError:
    print('AttributeError: read-only')
print(sys.float_info.max * 2, -sys.float_info.max * 2, 'sys' in sys.builtin_module_names)
