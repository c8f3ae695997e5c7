[x for x in [1] for y in (z := [1])]
