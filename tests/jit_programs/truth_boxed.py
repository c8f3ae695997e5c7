# Branches on values read from lists and calls (boxed in the register file): bools and ints are
# tested inline by compiled code, everything else by the interpreter's truth protocol.


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        print("bool of", self.on)
        return self.on


class Sized:
    def __len__(self):
        return 0


def count(items):
    n = 0
    for i in range(len(items)):
        if items[i]:
            n += 1
    return n


def count_not(items):
    n = 0
    i = 0
    while i < len(items):
        if not items[i]:
            n += 1
        i += 1
    return n


flags = [True, False] * 500
ints = [0, 1, -1, 2**40, 0] * 200
print(count(flags), count_not(flags))
print(count(ints), count_not(ints))
mixed = flags[:600] + [None, 0.0, 0.5, "", "x", [], [0], (), Flag(True), Flag(False), Sized(), 2**70, 0j]
print(count(mixed), count_not(mixed))
for _ in range(3):
    print(count(flags[:10] + [Flag(False)]))
