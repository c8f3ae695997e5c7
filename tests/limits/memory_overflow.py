# Sizes beyond a machine word: CPython's OverflowError, caught, without aborting.
for label, make in [
    ("[0] * 10**20", lambda: [0] * 10**20),
    ("'x' * 10**20", lambda: 'x' * 10**20),
    ("bytes(10**20)", lambda: bytes(10**20)),
]:
    try:
        make()
        print(label, "ok")
    except (MemoryError, OverflowError) as e:
        print(label, type(e).__name__, e)
