# The int <-> str conversion limit (sys.set_int_max_str_digits), both directions.
import sys

def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print(len(r) if isinstance(r, str) else r)
    except Exception as e:
        print(type(e).__name__ + ':', e)

print(sys.get_int_max_str_digits())
big = 10 ** 4300
show(str, big - 1)
show(str, big)
show(repr, -big)
show(lambda: f'{big}')
show(lambda: '%d' % big)
show(lambda: format(big, 'd'))
show(lambda: len(hex(big)))
show(int, '9' * 4300)
show(int, '9' * 4301)
show(int, '-' + '9' * 4301)
show(int, 'f' * 5000, 16)
show(sys.set_int_max_str_digits, 639)
show(sys.set_int_max_str_digits, -1)
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits())
show(str, 10 ** 639)
show(str, 10 ** 640)
show(int, '1' * 641)
sys.set_int_max_str_digits(maxdigits=0)
show(str, 10 ** 10000)
show(int, '5' * 10000)
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
