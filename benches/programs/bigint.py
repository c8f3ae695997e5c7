# Big-int workload: factorials, Fibonacci by doubling, modular exponentiation, int<->str
# (kept under the 4300-digit conversion limit), shifts, bitwise ops and divmod on
# thousand-digit ints. Usage: bigint.py [rounds]  (default 270)
import sys


def fib_pair(n):
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * ((b << 1) - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d


def one_round(r):
    n = 1200 + r % 17
    f = 1
    for i in range(2, n + 1):
        f *= i
    digits = str(f)
    fb = fib_pair(n * 10 + r)[0]
    m = (1 << 521) - 1
    p = pow(3, fb % m, m)
    q, rem = divmod(f, fb | 1)
    x = f ^ (fb << 7)
    s = 0
    for k in range(1, 120):
        s += (f >> (k * 13)) & 0xFFFF
        s ^= fb % (k * 1000003 + 7)
    back = int(digits[: len(digits) // 2])
    return (len(digits) + fb.bit_length() + p % 1000000007 + q.bit_length() + rem.bit_length()
            + x.bit_count() + s + back % 998244353)


def main(rounds):
    total = 0
    for r in range(rounds):
        total = (total * 7 + one_round(r)) % (1 << 61)
    print(rounds, total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 270)
