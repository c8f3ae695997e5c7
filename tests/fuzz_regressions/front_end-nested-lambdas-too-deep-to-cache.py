# Sieve of Eratosthenes over a list of bools; prints the number of primes
# below the limit and the largest one. Tight loops over list stores.
import sys


def sieve(limit):
    flags = [True] * limit
    flags[0] = False
    if limit > 1:
        flags[1] = False
    i = 2
    while i * i < limit:
        if flags[i]:
            for j in range(i * i, limit, i):
                flags[j] = False
        i += 1
    return flags


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 8000000
    flags = sieve(limit)
    count = 0
    largest = 0
    for n in range(limit):
        if flags[n]:
            count += 1
            largest = n
    print("primes below %d: %d (largest %d)" % (limit, count, largest))


main(lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:lambda:1)
