# Slicing reads only the positions it selects (a list slice no longer copies the whole list
# first; an ASCII str slice with a step makes no vector of chars).
big = list(range(100000))
print(big[5:8], big[-3:], big[99990::3], big[10:0:-4], big[::25000], big[7:7], big[8:2])
print(sum(len(big[i:i + 3]) for i in range(0, 100000, 7)))
t = tuple(range(20))
print(t[::3], t[::-5], t[15:3:-2], t[3:15:4], t[100:], t[-100:2])
for s in ["abcdefghij", "", "x", "héllo wörld", "日本語のテキスト", "ab\u00e9cd"]:
    print(repr(s[::-1]), repr(s[::2]), repr(s[1::3]), repr(s[-2::-2]), repr(s[2:8:2]), repr(s[:3]))
print(b"abcdef"[::-2], bytearray(b"abcdef")[1::2], range(10)[::-3])


class Shrink:
    def __init__(self, lst, n):
        self.lst, self.n = lst, n

    def __index__(self):
        del self.lst[self.n:]
        return 1


l = list(range(10))
print(l[Shrink(l, 6):])
l = list(range(10))
print(l[:Shrink(l, 6)], l)
print(l[1:10**20:2**62], l[::-(2**62)])
