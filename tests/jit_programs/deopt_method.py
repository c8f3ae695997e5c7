# A method is replaced on the class in the middle of a loop that calls it, and an attribute
# changes type: compiled code must observe both.
class P:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

def loop(objs, n):
    total = 0
    for i in range(n):
        if i == n // 2:
            P.get = lambda self: self.v * 100
        for o in objs:
            total += o.get()
    return total

ps = [P(1), P(2), P(3)]
print(loop(ps, 10))
ps[0].v = 0.5
print(loop(ps, 4))
