# Huge allocations fail with MemoryError / OverflowError, caught, without aborting.
for label, make in [
    ("[0] * 10**12", lambda: [0] * 10**12),
    ("'x' * 10**12", lambda: 'x' * 10**12),
    ("b'x' * 10**12", lambda: b'x' * 10**12),
    ("bytearray(10**12)", lambda: bytearray(10**12)),
    ("list(range(10**12))", lambda: list(range(10**12))),
    ("(0,) * 10**12", lambda: (0,) * 10**12),
]:
    try:
        make()
        print(label, "ok")
    except (MemoryError, OverflowError) as e:
        print(label, type(e).__name__, e)
x = [0] * 10**12
