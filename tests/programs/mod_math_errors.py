# math: special values and CPython's error types/messages.
import math
cases = ['math.sqrt(-1)', 'math.log(0)', 'math.log(-1)', 'math.log(2**2000)', 'math.log10(10**400)',
         'math.log2(2**1100)', 'math.log(8, 2)', 'math.log(10, 1)', 'math.pow(0, -1)', 'math.pow(2, 0.5)',
         'math.exp(1000)', 'math.exp(-1000)', 'math.isqrt(-1)', 'math.isqrt(10**30)', 'math.fsum([1e308, 1e308])',
         'math.fsum([0.1] * 10)', 'sum([0.1] * 10)', 'math.prod([1, 2, 3], start=4)', 'math.prod([])',
         'math.hypot()', 'math.hypot(3, 4, 12)', 'math.dist((1, 2), (4, 6))', 'math.dist((1,), (1, 2))',
         'math.comb(-1, 2)', 'math.perm(5, 6)', 'math.factorial(-1)', 'math.factorial(5.0)', 'math.factorial(20)',
         'math.ldexp(1.0, 2**70)', 'math.ldexp(3.0, -2)', 'math.frexp(0.0)', 'math.frexp(-8.5)', 'math.modf(-2.5)',
         'math.trunc("x")', 'math.floor("a")', 'math.sqrt("a")', 'math.gcd(1.5)', 'math.gcd()', 'math.lcm(4, 6, 10)',
         'math.isclose(1, 2, 3)', 'math.isclose(1, 1.0000001, rel_tol=-1)', 'math.fabs(2**2000)', 'math.fabs(-0.0)',
         'math.copysign(1, -0.0)', 'math.remainder(10, 3)', 'math.fmod(-10, 3)', 'math.fmod(1, 0)',
         'math.atan2(0.0, -0.0)', 'math.atanh(1)', 'math.acosh(0.5)', 'math.gamma(0)', 'math.gamma(5)',
         'math.lgamma(-1)', 'math.lgamma(10)', 'math.erf(0.5)', 'math.erfc(0.5)', 'math.cbrt(27)', 'math.exp2(10)',
         'math.nextafter(1.0, 2.0)', 'math.ulp(1.0)', 'math.ceil(-0.5)', 'math.floor(-0.5)', 'math.floor(1e300)',
         'math.ceil(float("inf"))', 'math.floor(float("nan"))', 'math.degrees(1)', 'math.radians(90)',
         'math.sin(float("inf"))', 'math.cosh(1000)', 'math.tanh(1000)', 'math.log1p(-1)', 'math.expm1(1e-10)',
         'math.isnan(float("nan"))', 'math.isinf(-math.inf)', 'math.isfinite(1e308 * 10)', 'math.sqrt(True)',
         'math.comb(100, 50)', 'math.perm(10)', 'math.atan2(1)', 'math.sqrt()', 'math.log()']
for c in cases:
    try:
        print(c, '->', repr(eval(c)))
    except Exception as e:
        print(c, '->', type(e).__name__, e)
class F:
    def __float__(self):
        return 2.25
class I:
    def __index__(self):
        return 12
class C:
    def __ceil__(self):
        return 'ceil!'
print(math.sqrt(F()), math.gcd(I(), 8), math.ceil(C()), math.floor(True), type(math.trunc(True)).__name__)
print(math.pi, math.e, math.tau, math.inf, math.nan)
