a, b, c = 1, 2, None
print((a + b) * c)
