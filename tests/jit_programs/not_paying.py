# A hot loop that is all dict, str and method work: compiled, it would only call the generic
# helper, so it is left to the interpreter.
def count(words):
    seen = {}
    for w in words:
        key = w.lower()
        if key in seen:
            seen[key] = seen[key] + 1
        else:
            seen[key] = 1
    return sorted(seen.items())

words = ["Alpha", "beta", "ALPHA", "Gamma", "beta"] * 400
print(count(words)[:3])


# A loop whose arithmetic is on big ints: the generic helper again.
def factorial(n):
    f = 10**30
    for i in range(2, n):
        f *= i
    return f


print(factorial(1500) % 1000003)
