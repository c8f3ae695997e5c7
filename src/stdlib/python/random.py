"""Random variable generators: Lib/random.py's interface over the `_random` core, which holds
CPython's Mersenne Twister and the 3.11 algorithms (so seeded sequences match CPython's)."""

import _random

__all__ = ["Random", "SystemRandom", "seed", "random", "uniform", "randint", "choice", "sample",
           "randrange", "shuffle", "normalvariate", "lognormvariate", "expovariate",
           "vonmisesvariate", "gammavariate", "triangular", "gauss", "betavariate",
           "paretovariate", "weibullvariate", "getstate", "setstate", "getrandbits", "choices",
           "randbytes"]


class Random:
    """Random number generator base class used by bound module functions."""

    VERSION = 3

    def __init__(self, x=None):
        self._handle = _random.new(x)

    def seed(self, a=None, version=2):
        _random.seed(self._handle, a)

    def getstate(self):
        return _random.getstate(self._handle)

    def setstate(self, state):
        _random.setstate(self._handle, state)

    def random(self):
        return _random.random(self._handle)

    def getrandbits(self, k):
        return _random.getrandbits(self._handle, k)

    def randbytes(self, n):
        return _random.randbytes(self._handle, n)

    def _randbelow(self, n):
        return _random.randbelow(self._handle, n)

    def randrange(self, start, stop=None, step=1):
        return _random.randrange(self._handle, start, stop, None if step == 1 else step)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[_random.choice(self._handle, len(seq))]

    def shuffle(self, x):
        if type(x) is list:
            _random.shuffle(self._handle, x)
            return
        randbelow = self._randbelow
        for i in reversed(range(1, len(x))):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if isinstance(population, (set, frozenset, dict)) or not hasattr(population, '__getitem__'):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        n = len(population)
        picks = _random.sample(self._handle, n, k, None if counts is None else list(counts))
        return [population[i] for i in picks]

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        picks = _random.choices(self._handle, n, weights, cum_weights, k)
        return [population[i] for i in picks]

    def uniform(self, a, b):
        return _random.uniform(self._handle, a, b)

    def triangular(self, low=0.0, high=1.0, mode=None):
        return _random.triangular(self._handle, low, high, mode)

    def normalvariate(self, mu=0.0, sigma=1.0):
        return _random.normalvariate(self._handle, mu, sigma)

    def gauss(self, mu=0.0, sigma=1.0):
        return _random.gauss(self._handle, mu, sigma)

    def lognormvariate(self, mu, sigma):
        return _random.lognormvariate(self._handle, mu, sigma)

    def expovariate(self, lambd):
        return _random.expovariate(self._handle, lambd)

    def vonmisesvariate(self, mu, kappa):
        return _random.vonmisesvariate(self._handle, mu, kappa)

    def gammavariate(self, alpha, beta):
        return _random.gammavariate(self._handle, alpha, beta)

    def betavariate(self, alpha, beta):
        return _random.betavariate(self._handle, alpha, beta)

    def paretovariate(self, alpha):
        return _random.paretovariate(self._handle, alpha)

    def weibullvariate(self, alpha, beta):
        return _random.weibullvariate(self._handle, alpha, beta)


class SystemRandom(Random):
    """Seeded from operating-system entropy at every seed(); state cannot be saved."""

    def seed(self, *args, **kwds):
        return None

    def getstate(self):
        raise NotImplementedError('System entropy source does not have state.')

    def setstate(self, state):
        raise NotImplementedError('System entropy source does not have state.')


_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
randbytes = _inst.randbytes
