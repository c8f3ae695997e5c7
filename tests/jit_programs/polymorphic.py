# Attribute sites and method calls that see several classes (richards' scheduler): compiled code
# guards with every class key the interpreter met there and calls whichever method the receiver
# has directly. Also what must still work around them: a class it never met, a method replaced
# mid-loop, an attribute added to one instance only (another shape), a subclass with a property
# of the same name, `is`/`is not` on every kind of value, and `not` on boxed values.
class Task:
    def __init__(self, ident, queue):
        self.ident = ident
        self.queue = queue
        self.held = False
        self.waiting = queue is None
        self.count = 0

    def runnable(self):
        if self.held:
            return False
        return self.queue is not None or not self.waiting

    def take(self):
        if self.waiting and self.queue is not None:
            q = self.queue
            self.queue = None
            self.waiting = False
            return q
        return None


class Idle(Task):
    def __init__(self, ident):
        Task.__init__(self, ident, None)
        self.waiting = False
        self.seed = 7

    def step(self, pkt):
        self.count += 1
        self.seed = (self.seed * 5 + 1) % 97
        return self.seed & 1


class Worker(Task):
    def __init__(self, ident, queue):
        Task.__init__(self, ident, queue)
        self.letter = 0

    def step(self, pkt):
        self.count += 1
        self.letter = (self.letter + 1) % 26
        if pkt is None:
            self.waiting = True
            self.queue = self.ident
            return 0
        return pkt + self.letter


class Device(Task):
    def __init__(self, ident):
        Task.__init__(self, ident, None)
        self.pending = None

    def step(self, pkt):
        self.count += 1
        if pkt is None:
            if self.pending is None:
                self.waiting = True
                self.queue = 3
                return 1
            out = self.pending
            self.pending = None
            return out
        self.pending = pkt
        return 2


class Odd(Task):
    """Met only late: its instances have another shape and its own `step`."""

    def step(self, pkt):
        self.count += 3
        return 5


class Shadow(Task):
    """`held` is a property here: the slot guards must not read an instance slot for it."""

    @property
    def held(self):
        return self.count % 3 == 0

    @held.setter
    def held(self, v):
        self.flips = getattr(self, "flips", 0) + 1

    def step(self, pkt):
        self.count += 1
        return 4


def run(tasks, rounds):
    total = 0
    for _ in range(rounds):
        for t in tasks:
            if t.runnable():
                total += t.step(t.take())
            else:
                t.held = not t.held
    return total


def identities():
    class Box:
        pass

    b = Box()
    vals = [None, True, False, 0, 1, -1, 2**40, 0.0, -0.0, 1.5, "s", b, (), [], Box]
    same = 0
    for _ in range(300):
        for x in vals:
            for y in vals:
                if x is y:
                    same += 1
                if x is not y:
                    same -= 1
                if not x:
                    same += 2
    return same


def main():
    tasks = [Idle(0), Worker(1, 5), Device(2), Worker(3, None), Device(4)]
    print(run(tasks, 3000))
    print([t.count for t in tasks])
    # A class never met before at the same sites.
    tasks.append(Odd(5, 9))
    print(run(tasks, 3000))
    # A method replaced on a class mid-run.
    Worker.step = lambda self, pkt: 11
    print(run(tasks, 3000))
    # One instance gains an attribute: another shape for its class.
    tasks[2].extra = 1
    print(run(tasks, 3000))
    # A property of the same name on a subclass.
    tasks.append(Shadow(6, 1))
    print(run(tasks, 3000))
    print([t.count for t in tasks], tasks[-1].flips)
    print(identities())


main()
