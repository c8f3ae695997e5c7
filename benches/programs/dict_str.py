# dict-of-str workload: build, probe, update and iterate dicts keyed by generated strings.
# Stresses str hashing/equality, dict insert/lookup/delete, dict iteration and str keys in
# f-strings. Usage: dict_str.py [n]  (default 200000 keys)
import sys


def make_keys(n):
    keys = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        keys.append(f"k{x % (n * 4)}_{i % 97}")
    return keys


def main(n):
    keys = make_keys(n)
    d = {}
    for i, k in enumerate(keys):
        d[k] = d.get(k, 0) + i
    hits = 0
    for k in keys:
        if k in d:
            hits += 1
        if k + "x" in d:
            hits -= 1
    # re-key by a derived string, then delete every third entry
    e = {}
    for k, v in d.items():
        e[k.upper()] = v & 0xFFFF
    dropped = 0
    for j, k in enumerate(list(e)):
        if j % 3 == 0:
            del e[k]
            dropped += 1
    groups = {}
    for k, v in e.items():
        g = k[:3]
        groups[g] = groups.get(g, 0) + v
    total = 0
    for g in sorted(groups):
        total = (total * 31 + groups[g] + len(g)) % 1000000007
    print(len(d), hits, len(e), dropped, len(groups), total)


main(int(sys.argv[1]) if len(sys.argv) > 1 else 200000)
