def loops(n):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        if i > 7:
            break
        total += i
    else:
        total = -1
    for k in range(n):
        if k is None or not k:
            pass
    return total
