# `in`, `add`, `remove` and `discard` of sets with int and str keys in compiled code (nqueens'
# backtracking), and everything they must hand to the interpreter: a key whose hash equals an
# int's and whose __eq__ must be asked, a set subclass with its own __contains__, a frozenset,
# `in` on a list or dict at the same site, `remove` of a missing key, and a set method replaced
# on a subclass.
def queens(n, row, cols, d1, d2):
    if row == n:
        return 1
    found = 0
    for c in range(n):
        if c in cols or row + c in d1 or row - c in d2:
            continue
        cols.add(c)
        d1.add(row + c)
        d2.add(row - c)
        found += queens(n, row + 1, cols, d1, d2)
        cols.remove(c)
        d1.remove(row + c)
        d2.discard(row - c)
    return found


class Seven:
    """Hashes like 7 and asks to be compared."""

    def __init__(self):
        self.asked = 0

    def __hash__(self):
        return 7

    def __eq__(self, other):
        self.asked += 1
        return other == 7


class Evens(set):
    def __contains__(self, k):
        return k % 2 == 0


def count_in(container, keys):
    n = 0
    for k in keys:
        if k in container:
            n += 1
        if k not in container:
            n -= 1
    return n


def churn(words):
    seen = set()
    for _ in range(200):
        for w in words:
            seen.add(w)
        for w in words[::2]:
            seen.discard(w)
    return sorted(seen)


def remove_all(s, keys):
    for k in keys:
        s.remove(k)
    return len(s)


def main():
    print([queens(n, 0, set(), set(), set()) for n in range(1, 9)])
    keys = list(range(20))
    print(count_in({1, 3, 5}, keys * 50))
    seven = Seven()
    odd = {1, 3, seven}
    print(count_in(odd, keys * 50), seven.asked > 0)
    print(count_in(Evens(), keys * 50))
    print(count_in(frozenset(range(5)), keys * 50))
    print(count_in([2, 4], keys * 50), count_in({2: 0, 9: 1}, keys * 50))
    print(churn(["a", "bb", "c", "dd", "e", "ff"]))
    s = set(range(100))
    print(remove_all(s, list(range(50)) * 1))
    try:
        remove_all(s, [60, 61, 7])
    except KeyError as e:
        print("KeyError", e, len(s))


main()
