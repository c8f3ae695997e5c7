# itertools: laziness, edge cases and error messages.
import itertools as it
print(list(it.islice(it.cycle('ab'), 5)), list(it.repeat('x', 3)), list(it.islice(it.repeat(1), 2)))
print(list(it.pairwise('abcd')), list(it.pairwise([1])), list(it.starmap(pow, [(2, 3), (3, 2)])))
print(list(it.compress('abcdef', [1, 0, 1, 0, 1, 1])), list(it.filterfalse(None, [0, 1, '', 'x'])))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.zip_longest()), list(it.zip_longest([1], [])))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(b), list(a), len(it.tee('x', 3)))
print(list(it.accumulate([3, 1, 4], lambda x, y: x * 10 + y)), list(it.accumulate('abc')))
print(list(it.islice(range(10), 1, 8, 3)), list(it.islice('abc', None)), list(it.islice('abcdef', 2, None)))
for bad in [lambda: it.islice('a', -1), lambda: it.islice('a', 0, 1, 0), lambda: it.islice('a', 'x'),
            lambda: list(it.permutations('ab', -1)), lambda: list(it.combinations('ab', -1)),
            lambda: it.product('a', repeat=-1), lambda: it.tee('a', -1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
gen_calls = []
def gen():
    for i in range(100):
        gen_calls.append(i)
        yield i
print(list(it.islice(gen(), 3)), len(gen_calls))
print(list(it.product()), list(it.product('ab', repeat=0)), list(it.permutations([])), list(it.combinations([], 0)))
print(list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement('ab', 0)))
print([(k, list(g)) for k, g in it.groupby([])], [k for k, g in it.groupby('aAbB', key=str.lower)])
groups = it.groupby('aabbc')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(it.chain.from_iterable(['ab', 'cd'])), list(it.chain()), list(it.count(5, -2).__next__() for _ in range(2)))
print(sum(1 for _ in it.permutations(range(6))), sum(1 for _ in it.combinations(range(20), 3)))
print(list(it.islice(it.count(0.5, 0.25), 4)), next(it.count(2 ** 70)))
