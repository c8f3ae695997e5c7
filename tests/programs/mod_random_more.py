# random: distributions, the Random class, state, sampling with counts and weights.
import random
random.seed(123)
print([round(random.gauss(0, 1), 12) for _ in range(3)])
print([round(random.normalvariate(10, 2), 12) for _ in range(3)])
print(round(random.expovariate(1.5), 12), round(random.lognormvariate(0, 0.5), 12))
print(round(random.triangular(0, 10), 12), round(random.triangular(0, 10, 8), 12), round(random.betavariate(2, 3), 12))
print(round(random.gammavariate(2.5, 1.0), 12), round(random.gammavariate(0.5, 2.0), 12), round(random.paretovariate(3), 12))
print(round(random.weibullvariate(1, 2), 12), round(random.vonmisesvariate(1, 4), 12))
print(random.choices(range(10), weights=[1] * 5 + [10] * 5, k=8))
print(random.choices('abc', cum_weights=[1, 5, 6], k=6))
print(random.sample(['a', 'b', 'c'], 3, counts=[3, 2, 1]), random.sample(range(10 ** 6), 4))
print(random.randbytes(6).hex(), random.getrandbits(0), random.getrandbits(200))
r = random.Random('a string seed')
print(r.random(), r.randint(-10, 10), r.randrange(0, 100, 7))
r2 = random.Random(b'bytes seed')
print(r2.random(), random.Random(3.5).random(), random.Random(-3).random() == random.Random(3).random())
st = r.getstate()
print(type(st).__name__, len(st), st[0], len(st[1]))
seq1 = [r.random() for _ in range(3)]
r.setstate(st)
print(seq1 == [r.random() for _ in range(3)])
x = list(range(10))
random.Random(5).shuffle(x)
print(x)
for bad in ['random.sample({1, 2}, 1)', 'random.sample([1, 2], 3)', 'random.choices([], k=1)',
            'random.choices([1], weights=[1, 2])', 'random.choices([1], weights=[0])',
            'random.randrange(1, 10, 0)', 'random.randrange(1.5)', 'random.getrandbits(-1)',
            'random.seed([1])', 'random.randint(1, 2.5)', 'random.Random().setstate((2, (), None))',
            'random.gammavariate(-1, 1)', 'random.sample([1, 2], 1, counts=[1])', 'random.randrange(10, 1)']:
    try:
        print(bad, '->', eval(bad))
    except Exception as e:
        print(bad, '->', type(e).__name__, e)
random.seed(99)
deck = [r + s for r in 'A23456789TJQK' for s in 'shdc']
hand = random.sample(deck, 5)
print(hand, random.choice(deck), random.randrange(52))
